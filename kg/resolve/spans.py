"""Office holdings whose span reads backwards: the dates are left out, the holding is kept.

"menjabat sejak 2024 hingga 2019" (or a misread year) gives a holding that
starts after it ends. Such a span cannot be true, but that the person held the
post still can: :func:`settle_holding_spans` keeps the holding without its
dates and says so in a warning on the article, so that the whole-graph check
``holding-start-after-end`` never has to leave the article out.
"""
from __future__ import annotations

import dataclasses
import re

from kg.model import ArticleFacts

_PARTS = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def span_reversed(start: str | None, end: str | None) -> bool:
    """Whether ``start`` is after ``end``, compared on the parts both give (a year, then a month, then a
    day): ``2021-03`` and ``2021`` are in order, ``2021-05`` and ``2021-03-01`` are not."""
    a, b = _PARTS.match(start or ""), _PARTS.match(end or "")
    if a is None or b is None:
        return False
    pa, pb = [int(x) for x in a.groups() if x], [int(x) for x in b.groups() if x]
    n = min(len(pa), len(pb))
    return pa[:n] > pb[:n]


def settle_holding_spans(facts: ArticleFacts) -> ArticleFacts:
    """``facts`` with the dates of every backwards holding left out, and a warning on the article for each."""
    offices, notes = [], []
    for o in facts.claims.offices:
        if span_reversed(o.start, o.end):
            notes.append(f"holding of {o.person.name} as {o.office}: start {o.start} is after end {o.end} "
                         f"(sentence {o.evidence.sentence}); the holding is kept without its dates")
            o = dataclasses.replace(o, start=None, end=None)
        offices.append(o)
    if not notes:
        return facts
    article = dataclasses.replace(facts.article, warnings=facts.article.warnings + tuple(notes))
    return dataclasses.replace(facts, article=article,
                               claims=dataclasses.replace(facts.claims, offices=tuple(offices)))
