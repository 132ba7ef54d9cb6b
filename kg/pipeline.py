"""build(): articles → validated graph in a build folder, atomically.

The only module that loops over articles and decides what a failure does: a
bad article is reported as a :class:`Problem` and skipped, the rest is built;
an article whose graph violates SHACL is reported with the shape and focus
node and left out. Output goes to a fresh build folder that becomes current
only when complete (see :mod:`kg.graph.store`).
"""
from __future__ import annotations

import itertools
import json
import logging
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from kg.errors import KgError, ValidationFailed
from kg.model import ArticleFacts, Document
from kg.resources import Resources

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Problem:
    path: str
    stage: str
    message: str
    kind: str = "skipped"        # skipped | warning | invalid | internal

    def line(self) -> str:
        return f"{self.kind}: {self.message}" if self.message.startswith(self.path) else \
            f"{self.kind}: {self.path}: {self.message}"


@dataclass
class BuildReport:
    out: str
    articles_seen: int = 0
    articles_built: int = 0
    facts: int = 0
    quads: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    conforms: bool = True
    violations: int = 0
    warnings: int = 0
    validation_text: str = ""
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def skipped(self) -> list[Problem]:
        return [p for p in self.problems if p.kind in {"skipped", "invalid", "internal"}]

    def to_json(self) -> str:
        d = asdict(self)
        d["skipped_files"] = [p.path for p in self.skipped]
        return json.dumps(d, ensure_ascii=False, indent=1)


@dataclass
class Context:
    """What every article needs, loaded once per process."""

    resources: Resources
    lexicon: object
    gazetteer: object
    furniture: object

    @classmethod
    def load(cls, resources: Resources) -> Context:
        from kg.extract.lexicon import load_lexicon
        from kg.ingest.sentences import load_furniture_patterns
        from kg.resolve.gazetteer import Gazetteer

        from kg.graph.skos import load_theme_keywords

        themes = load_theme_keywords(resources.ontology_dir / "themes.ttl")
        return cls(resources=resources, lexicon=load_lexicon(resources.lexicon, themes),
                   gazetteer=Gazetteer.load(resources.reference),
                   furniture=load_furniture_patterns(resources.lexicon / "furniture.yaml"))


def process_article(path: Path, ctx: Context) -> ArticleFacts:
    """Read, split, extract and resolve one article (raises KgError on bad input)."""
    from kg.extract import extract_claims
    from kg.ingest.articles import read_article
    from kg.ingest.sentences import split_sentences
    from kg.resolve.people import resolve_people

    article = read_article(path)
    doc = Document(article=article, sentences=split_sentences(article.text, ctx.furniture))
    claims = extract_claims(doc, ctx.lexicon, ctx.gazetteer)
    return resolve_people(doc, claims, ctx.lexicon)


def build(sources: Sequence[Path], out: Path, *, resources: Resources | None = None,
          on_error: str = "skip", progress: Callable[[int, int], None] | None = None) -> BuildReport:
    """Build the graph of ``sources`` into ``out`` and return the report."""
    from kg.graph.store import build_lock, discard_build, new_build_dir, publish_build

    resources = resources or Resources.default()
    out = Path(out)
    report = BuildReport(out=str(out))
    t0 = time.perf_counter()
    ctx = Context.load(resources)
    report.seconds["load"] = round(time.perf_counter() - t0, 3)
    with build_lock(out):
        partial = new_build_dir(out)
        try:
            _build_into(partial, sources, ctx, report, on_error, progress)
            if not report.conforms:
                raise ValidationFailed(f"the graph does not pass validation ({report.violations} violations)",
                                       hint="see the report; the previous build is unchanged")
            publish_build(out, partial)
        except BaseException:
            discard_build(partial)
            raise
    return report


def _build_into(partial: Path, sources: Sequence[Path], ctx: Context, report: BuildReport, on_error: str,
                progress: Callable[[int, int], None] | None) -> None:
    import pyoxigraph

    from kg.graph.facts import facts_to_quads
    from kg.graph.ontology import ontology_quads
    from kg.graph.reference import reference_quads
    from kg.ingest.articles import iter_article_paths
    from kg.validate.checks import run_checks

    t = time.perf_counter()
    paths = list(iter_article_paths(sources))
    report.articles_seen = len(paths)
    graphs: dict[str, list] = {}  # type: ignore[type-arg]
    ids: dict[str, str] = {}
    facts_by_graph: dict[str, ArticleFacts] = {}
    for i, path in enumerate(paths):
        try:
            facts = process_article(path, ctx)
            quads = facts_to_quads(facts, ctx.gazetteer)  # type: ignore[arg-type]
        except KgError as err:
            if on_error == "raise":
                raise
            report.problems.append(Problem(str(path), "ingest", str(err)))
            continue
        except Exception as err:  # a bug: keep going, but say so
            if on_error == "raise":
                raise
            report.problems.append(Problem(str(path), "extract", f"internal error {type(err).__name__}: {err} "
                                           "(please report)", kind="internal"))
            continue
        for w in facts.article.warnings:
            report.problems.append(Problem(str(path), "ingest", w, kind="warning"))
        graph = quads[0].graph_name.value if quads else ""
        if graph in graphs:
            report.problems.append(Problem(str(path), "ingest", f"same article id as {ids[graph]}; skipped"))
            continue
        graphs[graph], ids[graph], facts_by_graph[graph] = quads, str(path), facts
        if progress:
            progress(i + 1, len(paths))
    report.seconds["extract"] = round(time.perf_counter() - t, 3)

    t = time.perf_counter()
    dropped = _validate_articles(graphs, ctx, report)
    for g in dropped:
        report.problems.append(Problem(ids[g], "validate", dropped[g], kind="invalid"))
        graphs.pop(g)
        facts_by_graph.pop(g)
    report.seconds["shacl"] = round(time.perf_counter() - t, 3)

    t = time.perf_counter()
    store = pyoxigraph.Store(str(partial / "store"))
    # one bulk load: each bulk_extend call writes its own files, so many small calls are slow
    store.bulk_extend(itertools.chain(ontology_quads(ctx.resources), reference_quads(ctx.gazetteer),  # type: ignore[arg-type]
                                      itertools.chain.from_iterable(graphs.values())))
    store.flush()
    report.seconds["store"] = round(time.perf_counter() - t, 3)

    t = time.perf_counter()
    checks = run_checks(store)
    culprits = {v.graph: v for v in checks.violations if v.severity == "Violation" and v.graph in graphs}
    if culprits:      # drop the articles whose graphs break a whole-graph rule, then check again
        for g, v in culprits.items():
            store.remove_graph(pyoxigraph.NamedNode(g))
            report.problems.append(Problem(ids[g], "validate", f"violates {v.shape} (focus {v.focus}): {v.message}",
                                           kind="invalid"))
            graphs.pop(g)
            facts_by_graph.pop(g)
        checks = run_checks(store)
    report.violations += sum(1 for v in checks.violations if v.severity == "Violation")
    report.warnings += sum(1 for v in checks.violations if v.severity != "Violation")
    report.conforms = report.conforms and checks.conforms
    if checks.violations:
        report.validation_text += checks.to_text()
    report.seconds["checks"] = round(time.perf_counter() - t, 3)

    t = time.perf_counter()
    with open(partial / "graph.trig", "wb") as fh:
        store.dump(fh, pyoxigraph.RdfFormat.TRIG)
    report.seconds["dump"] = round(time.perf_counter() - t, 3)
    report.articles_built = len(graphs)
    report.facts = sum(f.fact_count for f in facts_by_graph.values())
    report.quads = sum(len(q) for q in graphs.values())
    report.counts = _count_claims(facts_by_graph.values())
    (partial / "build-report.json").write_text(report.to_json(), encoding="utf-8")
    del store


def _count_claims(all_facts: Iterable[ArticleFacts]) -> dict[str, int]:
    counts = {"elections": 0, "tickets": 0, "backings": 0, "offices": 0, "statements": 0, "events": 0}
    for f in all_facts:
        c = f.claims
        counts["elections"] += len(c.elections)
        counts["tickets"] += len(c.tickets)
        counts["backings"] += sum(len(t.backings) for t in c.tickets)
        counts["offices"] += len(c.offices)
        counts["statements"] += len(c.statements)
        counts["events"] += len(c.events)
    return counts


def _validate_articles(graphs: dict[str, list], ctx: Context, report: BuildReport) -> dict[str, str]:  # type: ignore[type-arg]
    """SHACL on each article graph on its own; return the graphs to drop, with the reason.

    Each article graph is validated alone: the shapes state what one article may
    claim (one head per ticket, …). Articles that disagree with each other are not
    invalid; the whole-graph checks report them as conflicts.
    """
    from kg.validate.shacl import load_shapes, validate_quads

    shapes = load_shapes(ctx.resources.shapes)
    dropped: dict[str, str] = {}
    texts: list[str] = []
    for graph, quads in graphs.items():
        result = validate_quads(quads, shapes)
        for v in result.violations:
            if v.severity != "Violation":
                report.warnings += 1
                continue
            dropped.setdefault(graph, f"violates {v.shape} at {v.path or '-'} (focus {v.focus}): {v.message}")
        if result.violations:
            texts.append(result.to_text())
    report.validation_text += "".join(texts)
    return dropped
