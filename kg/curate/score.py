"""Extraction scored against curations: precision, recall and F1 per kind over the curated articles of a build.

Each curated article's truth is :func:`kg.curate.gold.curated_gold`; what extraction states for it is read
from the article's own graph (:func:`kg.curate.facts.article_facts`: the build's extracted view of that
article, which curations never change). The rows are matched with the rules of the evaluation's scorer
(:mod:`kg.curate.matching`), article by article, and counted over all curated articles: a fact two curated
articles state counts once in each. The summary reads as the scorer's last line::

    F1 tickets=0.95 ticket-parties=0.90 office-holders=0.80 statements=0.85 mean=0.88
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.curate.facts import FactRow, article_facts
from kg.curate.files import CurationError, CurationProblem
from kg.curate.gold import GoldSet
from kg.curate.matching import KINDS, MATCHERS, Row, gold_rows, match_rows, prf
from kg.resources import Resources


@dataclass(frozen=True, slots=True)
class KindScore:
    """The counts of one kind: gold facts, extracted rows, and the gold facts extraction found."""

    kind: str
    gold: int = 0
    pred: int = 0
    hits: int = 0

    @property
    def precision(self) -> float:
        return prf(self.hits, self.gold, self.pred)[0]

    @property
    def recall(self) -> float:
        return prf(self.hits, self.gold, self.pred)[1]

    @property
    def f1(self) -> float:
        return prf(self.hits, self.gold, self.pred)[2]


@dataclass(frozen=True, slots=True)
class Difference:
    """A gold fact extraction missed (``missed``), or an extracted row that is no gold fact (``extra``)."""

    article: str
    kind: str
    what: str                   # missed | extra
    row: Row


@dataclass(slots=True)
class CurationScore:
    """Extraction against the curated truth of the curated articles of a build."""

    assume_confirmed: bool
    kinds: dict[str, KindScore] = field(default_factory=dict)
    articles: list[str] = field(default_factory=list)
    curations: int = 0
    differences: list[Difference] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    problems: list[CurationProblem] = field(default_factory=list)

    @property
    def mean(self) -> float:
        return sum(k.f1 for k in self.kinds.values()) / len(self.kinds) if self.kinds else 0.0

    def f1_line(self) -> str:
        """``F1 tickets=… ticket-parties=… office-holders=… statements=… mean=…`` (the scorer's last line)."""
        return "F1 " + " ".join(f"{k}={s.f1:.2f}" for k, s in self.kinds.items()) + f" mean={self.mean:.2f}"


def extracted_rows(rows: Iterable[FactRow]) -> dict[str, list[Row]]:
    """An article's facts as the four saved queries' CSV rows (the columns the scorer reads)."""
    out: dict[str, list[Row]] = {k: [] for k in KINDS}
    name = {"ticket": "tickets", "ticket-party": "ticket-parties", "office": "office-holders",
            "statement": "statements"}
    columns = {"tickets": ("region", "year", "number", "head", "deputy"),
               "ticket-parties": ("region", "year", "head", "party"),
               "office-holders": ("person", "office", "region", "qualifier", "start", "end"),
               "statements": ("speaker", "quote")}
    for r in rows:
        kind = name[r.kind]
        values = r.values
        out[kind].append({c: values.get(c) for c in columns[kind]})
    return out


def score_gold(store: Any, gold: GoldSet) -> CurationScore:
    """Extraction in ``store`` (a build's store) against ``gold``, the curated truth of its curated articles."""
    result = CurationScore(assume_confirmed=False, articles=[a.article for a in gold.articles],
                           curations=gold.curations, notes=list(gold.notes), problems=list(gold.problems))
    counts = {k: [0, 0, 0] for k in KINDS}
    for a in gold.articles:
        truth, found = gold_rows(a.document), extracted_rows(article_facts(store, a.article))
        for kind in KINDS:
            m = match_rows(truth[kind], found[kind], MATCHERS[kind])
            c = counts[kind]
            c[0], c[1], c[2] = c[0] + len(truth[kind]), c[1] + len(m.hits) + len(m.extra), c[2] + len(m.hits)
            result.differences += [Difference(a.article, kind, "missed", g) for g in m.misses]
            result.differences += [Difference(a.article, kind, "extra", p) for p in m.extra]
    result.kinds = {k: KindScore(k, *counts[k]) for k in KINDS}
    return result


def score_curations(data: Path, folder: Path | None = None, assume_confirmed: bool = False,
                    resources: Resources | None = None) -> CurationScore:
    """Extraction of the build at ``data`` against the curations of ``folder`` (default: the folder the build
    applied): see :func:`kg.curate.gold.curated_gold` for the two readings of ``assume_confirmed``."""
    from kg.curate.service import gold_of_build
    from kg.graph.store import open_store

    gold = gold_of_build(data, folder, assume_confirmed, resources)
    if not gold.articles:
        raise CurationError(f"no curated article of this build to score ({len(gold.notes)} curations name other "
                            f"articles, {len(gold.problems)} files or entries unreadable)", culprit=str(data),
                            hint="see `kg curate list DATA`")
    result = score_gold(open_store(data), gold)
    result.assume_confirmed = assume_confirmed
    return result
