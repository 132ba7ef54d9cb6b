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

The registry :data:`CHECKS` is an explicit tuple; add a check by appending a
``Check`` and a test in ``tests/validate/test_checks.py``.
"""
from __future__ import annotations

import time
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, NamedTuple

from kg import vocab
from kg.validate.shacl import ValidationReport, Violation, shorten

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


PROLOGUE = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in vocab.PREFIXES.items())
REFERENCE = f"<{vocab.REFERENCE_GRAPH}>"
ARTICLE_GRAPHS = vocab.GRAPH + "article/"
FACT_CLASSES = ("pk:Ticket pk:OfficeHolding pk:Statement pk:CoalitionMembership "
                "pk:Election pk:Revote pk:Event pk:Debate")

CHECKS: tuple[Check, ...] = (
    Check(
        "ticket-conflicting-candidates", "Warning",
        """SELECT DISTINCT ?focus ?path ?value ?other WHERE {
  { SELECT DISTINCT ?focus ?path ?value WHERE { VALUES ?path { pk:head pk:deputy } ?focus ?path ?value } }
  { SELECT DISTINCT ?focus ?path ?other WHERE { VALUES ?path { pk:head pk:deputy } ?focus ?path ?other } }
  FILTER (STR(?value) < STR(?other))
}""",
        "articles disagree: ticket {focus} has {path} {value} and {other}",
    ),
    Check(
        "ticket-head-is-deputy", "Warning",
        """SELECT DISTINCT ?focus ?path ?value WHERE {
  { SELECT DISTINCT ?focus ?value WHERE { ?focus pk:head ?value } }
  { SELECT DISTINCT ?focus ?value WHERE { ?focus pk:deputy ?value } }
  BIND (pk:deputy AS ?path)
}""",
        "articles disagree: {value} is both head and deputy of ticket {focus}",
    ),
    Check(
        "ticket-ballot-number-conflict", "Warning",
        """SELECT DISTINCT ?focus ?path ?value ?other ?ticket ?head ?election WHERE {
  { SELECT DISTINCT ?focus ?election ?head ?value WHERE {
      { SELECT DISTINCT ?focus ?head WHERE { ?focus pk:head ?head } }
      { SELECT DISTINCT ?focus ?election WHERE { ?focus pk:election ?election } }
      { SELECT DISTINCT ?focus ?value WHERE { ?focus pk:ballotNumber ?value } } } }
  { SELECT DISTINCT ?ticket ?election ?head ?other WHERE {
      { SELECT DISTINCT ?ticket ?head WHERE { ?ticket pk:head ?head } }
      { SELECT DISTINCT ?ticket ?election WHERE { ?ticket pk:election ?election } }
      { SELECT DISTINCT ?ticket ?other WHERE { ?ticket pk:ballotNumber ?other } } } }
  FILTER (?value != ?other && STR(?value) < STR(?other))
  BIND (pk:ballotNumber AS ?path)
}""",
        "articles disagree: head {head} of {election} has ballot number {value} ({focus}) "
        "and {other} ({ticket})",
    ),
    Check(
        "holding-start-after-end", "Violation",
        """SELECT DISTINCT ?focus ?path ?value ?other ?graph WHERE {
  { SELECT DISTINCT ?focus ?value WHERE { ?focus pk:startDate ?value } }
  { SELECT DISTINCT ?focus ?other WHERE { ?focus pk:endDate ?other } }
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
  FILTER EXISTS {{ VALUES ?class {{ {FACT_CLASSES} }} ?focus a ?class }}
  BIND (prov:wasDerivedFrom AS ?path)
  OPTIONAL {{ GRAPH ?graph {{ ?focus prov:wasDerivedFrom ?value }} }}
}}""",
        "{focus} is derived from {value}, which lacks pk:article, pk:startOffset or pk:endOffset",
        f"""SELECT DISTINCT ?focus ?path ?value ?graph WHERE {{
  VALUES ?graph {{ {{GRAPHS}} }}
  GRAPH ?graph {{ ?focus prov:wasDerivedFrom ?value }}
  FILTER NOT EXISTS {{ ?value pk:article ?article ; pk:startOffset ?start ; pk:endOffset ?end }}
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
  { SELECT DISTINCT ?focus ?other WHERE { ?focus pk:startOffset ?other } }
  { SELECT DISTINCT ?focus ?value WHERE { ?focus pk:endOffset ?value } }
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
    started = time.perf_counter()
    scope = None if graphs is None else sorted(set(graphs))
    violations: list[Violation] = []
    for check in checks:
        if scope is not None and check.scoped is not None:
            if not scope:
                continue
            text = check.scoped.replace("{GRAPHS}", " ".join(f"<{g}>" for g in scope))
            violations += _run_check(store, check, text)
        else:
            violations += _run_check(store, check)
    return ValidationReport(
        conforms=not any(v.severity == "Violation" for v in violations),
        violations=tuple(violations),
        seconds=time.perf_counter() - started,
    )


def _dataset(store: pyoxigraph.Store, text: str) -> dict[str, Any]:
    """A query with no GRAPH pattern reads the deduplicated union graph when the build has one (a set:
    each triple once); the others read the bag union of every graph, existence tests with DISTINCT."""
    import pyoxigraph

    union = pyoxigraph.NamedNode(vocab.UNION_GRAPH)
    if "GRAPH" not in text and store.contains_named_graph(union):
        return {"default_graph": union}
    return {"use_default_graph_as_union": True}


def _run_check(store: pyoxigraph.Store, check: Check, text: str | None = None) -> list[Violation]:
    text = text or check.query
    solutions = store.query(PROLOGUE + text, **_dataset(store, text))
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
