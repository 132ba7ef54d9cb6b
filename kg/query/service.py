"""Saved queries as the CLI uses them: list, describe, bind and run on a build."""
from __future__ import annotations

from pathlib import Path

from kg.errors import QueryError
from kg.graph import iris
from kg.query.catalog import SavedQuery, get_query, load_catalog, load_query
from kg.query.params import bind_params
from kg.query.run import Table, run_on_store
from kg.resources import Resources


def catalog(resources: Resources | None = None) -> dict[str, SavedQuery]:
    return load_catalog((resources or Resources.default()).queries)


def list_queries(resources: Resources | None = None) -> str:
    cat = catalog(resources)
    width = max((len(n) for n in cat), default=10)
    return "\n".join(f"{n:<{width}}  {q.summary}" for n, q in cat.items())


def describe_query(name: str, resources: Resources | None = None) -> str:
    q = get_query(catalog(resources), name)
    lines = [f"{q.name}: {q.summary}"]
    if q.description:
        lines.append(q.description)
    if q.columns:
        lines.append("Columns: " + ", ".join(q.columns))
    if q.params:
        lines.append("Parameters (--param NAME=VALUE):")
        for p in q.params:
            extra = " (required)" if p.required else (f" (default {p.default})" if p.default is not None else "")
            lines.append(f"  {p.name:<12} {p.type:<8} {p.help}{extra}")
    if q.example:
        lines.append(f"Example: {q.example}")
    return "\n".join(lines)


def make_resolver(resources: Resources | None = None):  # type: ignore[no-untyped-def]
    """Turn what an analyst types (Kutim, PDI-P, Bupati, pendidikan) into the graph's IRIs."""
    from kg.resolve.gazetteer import Gazetteer

    res = resources or Resources.default()
    state: dict[str, object] = {}

    def gaz() -> Gazetteer:
        if "g" not in state:
            state["g"] = Gazetteer.load(res.reference)
        return state["g"]  # type: ignore[return-value]

    def resolve(kind: str, value: str) -> str | None:
        v = value.strip()
        if kind == "region":
            if v.upper() in {"ID", "INDONESIA"}:
                return iris.region_iri("ID")
            ref = gaz().resolve_region(v)
            return iris.region_iri(ref.code) if ref else None
        if kind == "party":
            code = gaz().resolve_party(v)
            return iris.party_iri(code) if code else None
        if kind == "office":
            from kg.extract.lexicon import load_lexicon, title_rule

            rule = title_rule(load_lexicon(res.lexicon), v)
            return iris.office_iri(rule.title) if rule else None
        if kind == "qualifier":
            q = v.lower()
            return iris.qualifier_iri(None if q in {"", "definitif", "definitive", "none"} else q)
        if kind == "theme":
            return iris.theme_iri(iris.slugify(v))
        if kind == "person":
            return iris.person_iri(iris.slugify(v))
        return None

    return resolve


def run_named(name: str | None, data: Path, params: dict[str, str], file_: Path | None = None,
              resources: Resources | None = None) -> Table:
    from kg.graph.store import open_store

    q = load_query(file_) if file_ else get_query(catalog(resources), name or "")
    text = bind_params(q, params, make_resolver(resources))
    store = open_store(data)
    return run_on_store(store, text, culprit=str(q.path))


def run_saved(store: object, name: str, params: dict[str, str] | None = None,
              resources: Resources | None = None) -> Table:
    q = get_query(catalog(resources), name)
    if q is None:
        raise QueryError(f"no saved query named {name!r}")
    return run_on_store(store, bind_params(q, params or {}, make_resolver(resources)), culprit=str(q.path))
