"""Whole-graph checks: plain SPARQL SELECT queries over the pyoxigraph store.

Rules that SHACL core cannot state, or that span articles, run here once over
the union of all graphs (``use_default_graph_as_union=True``) instead of as
``sh:sparql`` constraints evaluated per focus node (see
``ontology/shapes.ttl``). Each :class:`Check` is a SELECT that binds
``?focus`` and may bind ``?path``, ``?value`` and ``?graph``; its message is a
``str.format`` template over the query's variables, filled with shortened
IRIs. Required patterns come first and ``OPTIONAL`` blocks last: Oxigraph
plans joins in the order written.

Oxigraph's union default graph is a bag, not a set: a triple stated in n
article graphs (a ticket's head, an election's region) matches n times, so a
join of k such patterns yields n**k rows. Patterns over shared nodes are
therefore wrapped in ``{ SELECT DISTINCT ... }`` one by one before they are
joined.

Rules that span articles are *grouped*: one result per (ticket, property)
listing the distinct values and how many articles state each, instead of one
per pair of disagreeing values (n values would give n(n-1)/2 results). Each
grouped result records the nodes it depends on (its ``deps``); a rebuild
recomputes only the results of the nodes its changed graphs touch (the
``#FOCI ?var`` line of a query becomes ``VALUES ?var { ... }``) and carries
the others over from the previous build (see :func:`run_checks_incremental`).

The registry :data:`CHECKS` is an explicit tuple; add a check by appending a
``Check`` and a test in ``tests/validate/test_checks.py``.
"""
from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple, cast

from kg import vocab
from kg.validate.report import ValidationReport, Violation, shorten

if TYPE_CHECKING:  # pragma: no cover
    import pyoxigraph


class Check(NamedTuple):
    """A named SPARQL check: a SELECT, its severity and its message template."""

    name: str
    severity: str   # "Violation" | "Warning" | "Info"
    query: str      # SELECT binding ?focus; optionally ?path ?value ?graph
    message: str    # str.format template over the SELECT's variables
    # the same rule limited to some article graphs ({GRAPHS} becomes their IRIs), for rules that hold per
    # article graph: a rebuild checks only the graphs it wrote (the others passed in the build they come from)
    scoped: str | None = None
    # grouped (a rule across articles): the query binds ?focus ?path ?value, optionally ?key (another part of
    # what is grouped on), ?ticket (named beside its value) and ?n (how many articles state the value); the
    # rows of one (focus, path, key) make ONE result whose {values} lists the distinct values. Its query has
    # a "#FOCI ?var" line: on a rebuild it becomes VALUES ?var { the nodes the changed graphs touch }.
    grouped: bool = False
    min_values: int = 1         # a group with fewer distinct values is no finding (filtered here, not in SPARQL)


class Finding(NamedTuple):
    """A result of a check that spans articles, with what decides it (for carrying it to the next build)."""

    violation: Violation
    key: tuple[str, ...]        # (check, focus, path, key): one result per key
    deps: frozenset[str]        # the nodes whose triples decide it (a result changes only when one of them does)

    def to_json(self) -> list[Any]:
        v = self.violation
        return [v.shape, v.severity, v.focus, v.path, v.message, v.graph, v.value, list(self.key),
                sorted(self.deps)]

    @classmethod
    def from_json(cls, row: list[Any]) -> Finding:
        shape, severity, focus, path, message, graph, value, key, deps = row
        return cls(Violation(focus=focus, path=path, shape=shape, message=message, severity=severity,
                             graph=graph, value=value), tuple(key), frozenset(deps))


PROLOGUE = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in vocab.PREFIXES.items())
REFERENCE = f"<{vocab.REFERENCE_GRAPH}>"
ARTICLE_GRAPHS = vocab.GRAPH + "article/"
FACT_CLASSES = ("pk:Ticket pk:OfficeHolding pk:Statement pk:CoalitionMembership "
                "pk:Election pk:Revote pk:Event pk:Debate")

CHECKS: tuple[Check, ...] = (
    Check(
        "ticket-conflicting-candidates", "Warning",
        f"""SELECT ?focus ?path ?value (COUNT(DISTINCT ?graph) AS ?n) WHERE {{
  {{ SELECT ?focus ?path WHERE {{
      #FOCI ?focus
      VALUES ?path {{ pk:head pk:deputy }} ?focus ?path ?other }}
    GROUP BY ?focus ?path HAVING (COUNT(DISTINCT ?other) > 1) }}
  GRAPH ?graph {{ ?focus ?path ?value }}
  FILTER (STRSTARTS(STR(?graph), "{ARTICLE_GRAPHS}"))
}} GROUP BY ?focus ?path ?value""",
        "articles disagree: ticket {focus} has {path} {values}",
        grouped=True,
    ),
    Check(
        "ticket-head-is-deputy", "Warning",
        """SELECT DISTINCT ?focus ?path ?value WHERE {
  #FOCI ?focus
  ?focus pk:head ?value .
  ?focus pk:deputy ?value .
  BIND (pk:deputy AS ?path)
}""",
        "articles disagree: ticket {focus} has {values} as both head and deputy",
        grouped=True,
    ),
    Check(
        "ticket-ballot-number-conflict", "Warning",
        f"""SELECT ?focus ?key ?path ?value ?ticket (COUNT(DISTINCT ?graph) AS ?n) WHERE {{
  {{ SELECT DISTINCT ?focus ?key WHERE {{
      #FOCI ?touched
      ?touched pk:head ?focus ; pk:election ?key }} }}
  ?ticket pk:head ?focus ; pk:election ?key .
  GRAPH ?graph {{ ?ticket pk:ballotNumber ?value }}
  FILTER (STRSTARTS(STR(?graph), "{ARTICLE_GRAPHS}"))
  BIND (pk:ballotNumber AS ?path)
}} GROUP BY ?focus ?key ?path ?value ?ticket""",
        "articles disagree: head {focus} of {key} has ballot number {values}",
        grouped=True, min_values=2,
    ),
    Check(
        "holding-start-after-end", "Violation",
        """SELECT DISTINCT ?focus ?path ?value ?other ?graph WHERE {
  { SELECT DISTINCT ?focus ?value WHERE {
      #FOCI ?focus
      ?focus pk:startDate ?value } }
  { SELECT DISTINCT ?focus ?other WHERE {
      #FOCI ?focus
      ?focus pk:endDate ?other } }
  FILTER (YEAR(?value) > YEAR(?other)
          || (YEAR(?value) = YEAR(?other) && COALESCE(MONTH(?value) > MONTH(?other), false))
          || (sameTerm(DATATYPE(?value), DATATYPE(?other)) && ?value > ?other))
  BIND (pk:startDate AS ?path)
  OPTIONAL { GRAPH ?graph { ?focus pk:startDate ?value ; pk:endDate ?other } }
}""",
        "{focus} starts ({value}) after it ends ({other})",
    ),
    Check(
        "fact-without-evidence", "Violation",
        f"""SELECT DISTINCT ?focus ?path ?graph WHERE {{
  VALUES ?class {{ {FACT_CLASSES} }}
  GRAPH ?graph {{ ?focus a ?class }}
  FILTER (STRSTARTS(STR(?graph), "{ARTICLE_GRAPHS}"))
  FILTER NOT EXISTS {{ ?focus prov:wasDerivedFrom ?evidence }}
  BIND (prov:wasDerivedFrom AS ?path)
}}""",
        "{focus} has no prov:wasDerivedFrom evidence",
        f"""SELECT DISTINCT ?focus ?path ?graph WHERE {{
  VALUES ?graph {{ {{GRAPHS}} }}
  VALUES ?class {{ {FACT_CLASSES} }}
  GRAPH ?graph {{ ?focus a ?class }}
  FILTER NOT EXISTS {{ ?focus prov:wasDerivedFrom ?evidence }}
  BIND (prov:wasDerivedFrom AS ?path)
}}""",
    ),
    Check(
        "evidence-incomplete", "Violation",
        f"""SELECT DISTINCT ?focus ?path ?value ?graph WHERE {{
  {{ SELECT DISTINCT ?focus ?value WHERE {{ ?focus prov:wasDerivedFrom ?value }} }}
  FILTER NOT EXISTS {{ ?value pk:article ?article ; pk:startOffset ?start ; pk:endOffset ?end }}
  FILTER NOT EXISTS {{ ?value a pk:Curation ; pk:article ?article }}
  FILTER EXISTS {{ VALUES ?class {{ {FACT_CLASSES} }} ?focus a ?class }}
  BIND (prov:wasDerivedFrom AS ?path)
  OPTIONAL {{ GRAPH ?graph {{ ?focus prov:wasDerivedFrom ?value }} }}
}}""",
        "{focus} is derived from {value}, which lacks pk:article, pk:startOffset or pk:endOffset (a curation "
        "record needs pk:article only)",
        f"""SELECT DISTINCT ?focus ?path ?value ?graph WHERE {{
  VALUES ?graph {{ {{GRAPHS}} }}
  GRAPH ?graph {{ ?focus prov:wasDerivedFrom ?value }}
  FILTER NOT EXISTS {{ ?value pk:article ?article ; pk:startOffset ?start ; pk:endOffset ?end }}
  FILTER NOT EXISTS {{ ?value a pk:Curation ; pk:article ?article }}
  FILTER EXISTS {{ VALUES ?class {{ {FACT_CLASSES} }} ?focus a ?class }}
  BIND (prov:wasDerivedFrom AS ?path)
}}""",
    ),
    Check(
        "unknown-reference", "Violation",
        f"""SELECT DISTINCT ?focus ?kind ?graph WHERE {{
  {{ VALUES ?kind {{ pk:Region pk:Party }} GRAPH ?graph {{ ?focus a ?kind }} }}
  UNION {{ GRAPH ?graph {{ ?subject pk:region|pk:jurisdiction|pk:province ?focus }}
          BIND (pk:Region AS ?kind) }}
  UNION {{ GRAPH ?graph {{ ?subject pk:backedBy|pk:member ?focus }} BIND (pk:Party AS ?kind) }}
  FILTER (STRSTARTS(STR(?graph), "{ARTICLE_GRAPHS}"))
  FILTER NOT EXISTS {{ GRAPH {REFERENCE} {{ ?focus a ?kind }} }}
}}""",
        "{focus} ({kind}) is used in {graph} but is not in the reference graph",
        f"""SELECT DISTINCT ?focus ?kind ?graph WHERE {{
  VALUES ?graph {{ {{GRAPHS}} }}
  {{ VALUES ?kind {{ pk:Region pk:Party }} GRAPH ?graph {{ ?focus a ?kind }} }}
  UNION {{ GRAPH ?graph {{ ?subject pk:region|pk:jurisdiction|pk:province ?focus }}
          BIND (pk:Region AS ?kind) }}
  UNION {{ GRAPH ?graph {{ ?subject pk:backedBy|pk:member ?focus }} BIND (pk:Party AS ?kind) }}
  FILTER NOT EXISTS {{ GRAPH {REFERENCE} {{ ?focus a ?kind }} }}
}}""",
    ),
    Check(
        "evidence-offsets-reversed", "Violation",
        """SELECT DISTINCT ?focus ?path ?value ?other ?graph WHERE {
  { SELECT DISTINCT ?focus ?other WHERE {
      #FOCI ?focus
      ?focus pk:startOffset ?other } }
  { SELECT DISTINCT ?focus ?value WHERE {
      #FOCI ?focus
      ?focus pk:endOffset ?value } }
  FILTER (?value <= ?other)
  BIND (pk:endOffset AS ?path)
  OPTIONAL { GRAPH ?graph { ?focus pk:endOffset ?value } }
}""",
        "evidence {focus} ends at {value}, not after its start {other}",
    ),
)


def run_checks(store: pyoxigraph.Store, checks: tuple[Check, ...] = CHECKS,
               graphs: Iterable[str] | None = None) -> ValidationReport:
    """Run each check over the union of the store's graphs; one report for all.

    With ``graphs`` (article graph IRIs), the per-graph rules (those with a
    ``scoped`` query) look at these graphs only; the rules that span articles
    still read everything.
    """
    return run_checks_incremental(store, checks, graphs)[0]


def run_checks_incremental(store: pyoxigraph.Store, checks: tuple[Check, ...] = CHECKS,
                           graphs: Iterable[str] | None = None, touched: Iterable[str] | None = None,
                           previous: Sequence[Finding] | None = None) -> tuple[ValidationReport, list[Finding]]:
    """:func:`run_checks`, and the findings of the focused checks (those with a ``#FOCI`` line) to carry over.

    With ``touched`` (the subjects of every triple of the graphs written, replaced or
    removed since the build that gave ``previous``, the findings of its focused
    checks), a focused check runs only for the nodes whose verdict can have
    changed; the previous findings of the other nodes are carried over. A
    result depends only on the triples of its ``deps``, so this gives what a
    full run gives.
    """
    started = time.perf_counter()
    scope = None if graphs is None else sorted(set(graphs))
    incremental = touched is not None and previous is not None
    touched_set = set(touched or ())
    violations: list[Violation] = []
    findings: list[Finding] = []
    for check in checks:
        if _focused(check):
            if not incremental:
                found = _run_focused(store, check)
            else:
                before = [f for f in previous or () if f.violation.shape == check.name]
                # a result that named a touched node may lose it: redo every node it names
                foci = set(touched_set)
                for f in before:
                    if f.deps & touched_set:
                        foci |= f.deps
                found = _run_focused(store, check, foci) if foci else []
                redone = {f.key for f in found}
                found += [f for f in before if not (f.deps & foci) and f.key not in redone]
                found.sort(key=_finding_order)
            findings += found
            violations += [f.violation for f in found]
        elif scope is not None and check.scoped is not None:
            if not scope:
                continue
            text = check.scoped.replace("{GRAPHS}", " ".join(f"<{g}>" for g in scope))
            violations += _run_check(store, check, text)
        else:
            violations += _run_check(store, check)
    report = ValidationReport(
        conforms=not any(v.severity == "Violation" for v in violations),
        violations=tuple(violations),
        seconds=time.perf_counter() - started,
    )
    return report, findings


def _focused(check: Check) -> bool:
    return "#FOCI" in check.query


def _finding_order(f: Finding) -> tuple[str, ...]:
    v = f.violation
    return (v.focus, v.value or "", v.graph or "", *f.key)


FOCI_BATCH = 2000       # IRIs per VALUES block


def _run_focused(store: pyoxigraph.Store, check: Check, foci: set[str] | None = None) -> list[Finding]:
    """The findings of a focused check: for every node, or only for ``foci`` (IRIs)."""
    if foci is None:
        return _findings(store, check, check.query)
    iris = sorted(f for f in foci if not f.startswith("_:"))
    found: dict[tuple[str, ...], Finding] = {}
    for i in range(0, len(iris), FOCI_BATCH):
        values = " ".join(f"<{iri}>" for iri in iris[i:i + FOCI_BATCH])
        text = "\n".join(f"VALUES {line.split('#FOCI', 1)[1].strip()} {{ {values} }}"
                         if "#FOCI" in line else line for line in check.query.split("\n"))
        for f in _findings(store, check, text):
            found[f.key] = f     # a group reached from two batches is the same group, computed in full
    return sorted(found.values(), key=_finding_order)


def _findings(store: pyoxigraph.Store, check: Check, text: str) -> list[Finding]:
    if not check.grouped:
        return [Finding(v, (check.name, v.focus, v.path or "", v.value or "", v.graph or ""), frozenset({v.focus}))
                for v in _run_check(store, check, text)]
    solutions = cast("pyoxigraph.QuerySolutions", store.query(PROLOGUE + text, **_union_dataset(store)))
    names = [variable.value for variable in solutions.variables]
    groups: dict[tuple[str, str, str], dict[tuple[str, str], int]] = {}
    for solution in solutions:
        row = {name: _term_text(solution[name]) for name in names}
        group = groups.setdefault((row.get("focus") or "", row.get("path") or "", row.get("key") or ""), {})
        item = (row.get("value") or "", row.get("ticket") or "")
        n = int(row.get("n") or 0)
        group[item] = max(group.get(item, 0), n)
    found = []
    for (focus, path, key), items in groups.items():
        if len({value for value, _ in items}) < check.min_values:
            continue
        row = {"focus": focus, "path": path or None, "key": key or None, "values": _listing(items)}
        filled = _Filled({k: v for k, v in row.items() if k != "values"})
        filled["values"] = row["values"]
        violation = Violation(focus=focus, path=path or None, shape=check.name,
                              message=check.message.format_map(filled), severity=check.severity)
        deps = frozenset({focus} if not any(t for _, t in items) else {t for _, t in items if t})
        found.append(Finding(violation, (check.name, focus, path, key), deps))
    return sorted(found, key=_finding_order)


def _listing(items: dict[tuple[str, str], int]) -> str:
    """``A (3 articles), B (1), C (1)``: most stated first; a ticket, when given, beside its value."""
    def one(value: str, ticket: str, n: int, first: bool) -> str:
        notes = [shorten(ticket)] if ticket else []
        if n:
            notes.append(f"{n} article{'' if n == 1 else 's'}" if first else str(n))
        return shorten(value) + (f" ({', '.join(notes)})" if notes else "")

    order = sorted(items.items(), key=lambda kv: (-kv[1], kv[0]))
    return ", ".join(one(value, ticket, n, i == 0) for i, ((value, ticket), n) in enumerate(order))


def _union_dataset(store: pyoxigraph.Store) -> dict[str, Any]:
    """The deduplicated union graph as default graph when the build has one (GRAPH ?g still reads every
    named graph), else the union of all graphs."""
    import pyoxigraph

    union = pyoxigraph.NamedNode(vocab.UNION_GRAPH)
    if store.contains_named_graph(union):
        return {"default_graph": union}
    return {"use_default_graph_as_union": True}


def _dataset(store: pyoxigraph.Store, text: str) -> dict[str, Any]:
    """A query with no GRAPH pattern reads the deduplicated union graph when the build has one (a set:
    each triple once); the others read the bag union of every graph, existence tests with DISTINCT."""
    if "GRAPH" not in text:
        return _union_dataset(store)
    return {"use_default_graph_as_union": True}


def _run_check(store: pyoxigraph.Store, check: Check, text: str | None = None) -> list[Violation]:
    text = text or check.query
    solutions = cast("pyoxigraph.QuerySolutions", store.query(PROLOGUE + text, **_dataset(store, text)))
    names = [variable.value for variable in solutions.variables]
    found: dict[Violation, None] = {}   # ordered set: a focus in several graphs is one row each
    for solution in solutions:
        row = {name: _term_text(solution[name]) for name in names}
        violation = Violation(
            focus=row.get("focus") or "",
            path=row.get("path"),
            shape=check.name,
            message=check.message.format_map(_Filled(row)),
            severity=check.severity,
            graph=row.get("graph"),
            value=row.get("value"),
        )
        found[violation] = None
    return sorted(found, key=lambda v: (v.focus, v.value or "", v.graph or ""))


class _Filled(dict):  # type: ignore[type-arg]
    """Template values: shortened IRIs; an unbound or unknown name reads '?'."""

    def __init__(self, row: dict[str, str | None]) -> None:
        super().__init__({k: shorten(v) for k, v in row.items() if v is not None})

    def __missing__(self, key: str) -> str:
        return "?"


def _term_text(term: Any) -> str | None:
    """An IRI or literal as its string value, a blank node as ``_:id``, unbound as None."""
    if term is None:
        return None
    if type(term).__name__ == "BlankNode":
        return f"_:{term.value}"
    return str(term.value)
