"""The per-article step of a build: read, extract, resolve, write and validate one article (or a batch).

:func:`run_batch` is the unit of parallel work (:mod:`kg.build.executors` runs it here, in forked
processes or on a Dask cluster); it never raises for a bad article: each gets an :class:`ArticleResult`
holding its graph as TriG, or the :class:`~kg.build.report.Problem` that says why it has none.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph

from kg.budget import time_budget
from kg.build.context import Context
from kg.build.report import TIMEOUT_STAGE, Problem, count_claims
from kg.errors import ArticleTimeout, KgError
from kg.extract import extract_claims
from kg.graph.facts import facts_to_quads
from kg.graph.iris import article_iri
from kg.ingest.enrich import enrich_article
from kg.ingest.sentences import split_sentences
from kg.ingest.sources import Source, file_source, load_source
from kg.model import ArticleFacts, Document
from kg.resolve.people import resolve_people
from kg.resolve.spans import settle_holding_spans
from kg.validate.prune import Pruned, prune_quads
from kg.validate.report import ValidationReport, shorten
from kg.validate.shacl import validate_quads, validate_quads_batch

PRUNE_ROUNDS = 4     # a removed node may leave what pointed to it invalid: validate again, at most this often


@dataclass(frozen=True, slots=True)
class ArticleResult:
    """What one article contributes to a build: its graph as TriG, or why it has none."""

    path: str                    # the source's key: its file, or "file#id" for a dump record
    graph: str | None = None
    trig: bytes = b""            # the graph as a TriG block: parsed into the store, concatenated into graph.trig
    quads: int = 0
    counts: tuple[tuple[str, int], ...] = ()
    facts: int = 0
    problems: tuple[Problem, ...] = ()
    meta: tuple[tuple[str, str], ...] = ()   # what duplicate detection needs: fingerprint, url, outlet, published


@dataclass(frozen=True, slots=True)
class Extracted:
    """An article read, extracted, resolved and written as quads: what validation takes."""

    source: Source
    facts: ArticleFacts
    quads: list[Any]


def as_source(source: Source | str | Path) -> Source:
    """A :class:`~kg.ingest.sources.Source` (a file or a dump record), given one or the path of a file."""
    return file_source(Path(source)) if isinstance(source, (str, Path)) else source


def process_article(source: Source | str | Path, ctx: Context) -> ArticleFacts:
    """Read, split, extract and resolve one article (raises KgError on bad input)."""
    article = load_source(as_source(source))
    sentences = split_sentences(article.text, ctx.furniture)
    article = enrich_article(article, sentences, ctx.lexicon, ctx.gazetteer)
    doc = Document(article=article, sentences=sentences)
    claims = extract_claims(doc, ctx.lexicon, ctx.gazetteer)
    facts = settle_holding_spans(resolve_people(doc, claims, ctx.lexicon))
    return dataclasses.replace(facts, outlet=ctx.outlets.resolve(article.outlet, article.url))


def run_batch(sources: Sequence[Source | str | Path], ctx: Context, on_error: str = "skip",
              timeout: float | None = None) -> list[ArticleResult]:
    """Extract, resolve and write each article, then validate their graphs together: the unit of parallel work.

    Validation of a batch gives each article the verdict it would get alone
    (see :func:`kg.validate.shacl.validate_quads_batch`); a batch amortises
    pyshacl's per-call cost. Each article's reading, extraction and graph get
    ``timeout`` seconds (default: the context's; see :mod:`kg.budget`): past it, it is skipped with one line.
    """
    timeout = ctx.article_timeout if timeout is None else timeout
    prepared = [extract_article(source, ctx, on_error, timeout) for source in sources]
    todo = [p for p in prepared if isinstance(p, Extracted)]
    verdicts = iter(validate_quads_batch([p.quads for p in todo], ctx.shapes)) if todo else iter(())
    return [finish_article(*prune_invalid(p, next(verdicts), ctx.shapes)) if isinstance(p, Extracted) else p
            for p in prepared]


def extract_article(source: Source | str | Path, ctx: Context, on_error: str,
                    timeout: float | None = None) -> Extracted | ArticleResult:
    """The quads of one article, or the ArticleResult that says why it has none (``on_error="raise"``:
    raise instead)."""
    source = as_source(source)
    try:
        with time_budget(timeout, source.locator):
            facts = process_article(source, ctx)
            return Extracted(source, facts, facts_to_quads(facts, ctx.gazetteer))  # type: ignore[arg-type]
    except ArticleTimeout as err:
        if on_error == "raise":
            raise
        return ArticleResult(source.key, problems=(Problem(source.locator, TIMEOUT_STAGE, str(err)),))
    except KgError as err:
        if on_error == "raise":
            raise
        return ArticleResult(source.key, problems=(Problem(source.locator, "ingest", str(err)),))
    except Exception as err:  # a bug: keep going, but say so
        if on_error == "raise":
            raise
        return ArticleResult(source.key, problems=(Problem(source.locator, "extract", f"internal error "
                                                           f"{type(err).__name__}: {err} (please report)",
                                                           kind="internal"),))


def prune_invalid(article: Extracted, result: ValidationReport, shapes: Any
                  ) -> tuple[Extracted, ValidationReport, list[Pruned]]:
    """An article graph that breaks a shape loses the smallest units that carry the violations
    (:func:`kg.validate.prune.prune_quads`), and is validated again, rather than being left out whole.
    Returns the arguments of :func:`finish_article`: the article as pruned, its verdict, the removals."""
    quads = article.quads
    removed: list[Pruned] = []
    for _ in range(PRUNE_ROUNDS):
        bad = [v for v in result.violations if v.severity == "Violation"]
        if not bad or not quads:
            break
        kept, pruned = prune_quads(quads, bad, protect=(article_iri(article.facts.article.id),))
        if not pruned or not kept:
            break
        for p in pruned:        # a node whose statement went in an earlier round: one removal
            same = next((i for i, r in enumerate(removed) if r.focus == p.focus), None)
            if same is None:
                removed.append(p)
            else:
                removed[same] = dataclasses.replace(removed[same], unit=p.unit if p.unit == "node" else
                                                    removed[same].unit, quads=removed[same].quads + p.quads)
        quads = kept
        result = validate_quads(quads, shapes)
    return dataclasses.replace(article, quads=quads), result, removed


def finish_article(article: Extracted, result: ValidationReport, pruned: Sequence[Pruned] = ()) -> ArticleResult:
    """The ArticleResult of one article from its quads and its validation result (and what was pruned
    to pass it: each a ``dropped`` problem naming the shape and the focus node)."""
    source, facts, quads = article.source, article.facts, article.quads
    key, where, art = source.key, source.locator, facts.article
    problems = [Problem(where, "ingest", w, kind="warning") for w in art.warnings]
    problems += [Problem(where, "validate", f"{shorten(p.focus)} violates {shorten(p.shape)} ({p.message}); "
                         f"{'its statement' if p.unit == 'statement' else 'that property' if p.unit == 'property' else 'the node'} "
                         f"left out ({p.quads} quads), the rest of the article kept", kind="dropped")
                 for p in pruned]
    graph = quads[0].graph_name.value if quads else None
    bad = [v for v in result.violations if v.severity == "Violation"]
    problems += [Problem(where, "validate", f"{v.severity.lower()}: {v.shape} (focus {v.focus}): {v.message}",
                         kind="warning") for v in result.violations if v.severity != "Violation"]
    if bad:
        v = bad[0]
        problems.append(Problem(where, "validate", f"violates {v.shape} at {v.path or '-'} (focus {v.focus}): "
                                f"{v.message}" + (f" (+{len(bad) - 1} more)" if len(bad) > 1 else ""),
                                kind="invalid"))
        return ArticleResult(key, problems=tuple(problems))
    trig = pyoxigraph.serialize(quads, format=pyoxigraph.RdfFormat.TRIG) or b""
    meta = {"fingerprint": art.fingerprint or "", "url": art.url or "", "published": art.published or "",
            "outlet": facts.outlet.key if facts.outlet else "", "locator": where, "name": source.name}
    return ArticleResult(key, graph=graph, trig=trig, quads=len(quads),
                         counts=tuple(count_claims([facts]).items()), facts=facts.fact_count,
                         problems=tuple(problems), meta=tuple(meta.items()))
