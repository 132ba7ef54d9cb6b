"""Indonesian dates: "Senin (28/10/2024)", "9 April 2025", "(13/2)", "kemarin".

``parse_dates`` finds every date in a text with its span; a date without a
year takes the year of ``anchor`` (the article date) when one is known.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from kg.extract.lexicon import Lexicon


@dataclass(frozen=True, slots=True)
class DateSpan:
    start: int
    end: int
    value: str            # ISO date, or "YYYY" when only a year


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def parse_dates(text: str, lex: Lexicon, anchor: str | None = None) -> list[DateSpan]:
    """Every day-precise date in ``text``, in order of appearance."""
    out: list[DateSpan] = []
    anchor_year = int(anchor[:4]) if anchor else None
    for m in lex.rx("date_long").finditer(text):
        iso = _iso(int(m.group(3)), lex.months[m.group(2).lower()], int(m.group(1)))
        if iso:
            out.append(DateSpan(m.start(), m.end(), iso))
    for m in lex.rx("date_slash").finditer(text):
        day, month, year = int(m.group(1)), int(m.group(2)), m.group(3)
        y = int(year) + (2000 if len(year) == 2 else 0) if year else anchor_year
        if y is None:
            continue
        iso = _iso(y, month, day)
        if iso:
            out.append(DateSpan(m.start(), m.end(), iso))
    return sorted(out, key=lambda d: d.start)


def resolve_relative(word: str, lex: Lexicon, anchor: str | None) -> str | None:
    """``"kemarin"`` with anchor 2024-11-20 → ``"2024-11-19"``; None without an anchor."""
    if not anchor or word.lower() not in lex.relative:
        return None
    try:
        base = dt.date.fromisoformat(anchor[:10])
    except ValueError:
        return None
    return (base + dt.timedelta(days=lex.relative[word.lower()])).isoformat()


def article_date(text: str, lex: Lexicon, head_chars: int = 1500) -> str | None:
    """The article's own date: the first full date in its opening lines, if any."""
    dates = [d for d in parse_dates(text[:head_chars], lex) if len(d.value) == 10]
    return dates[0].value if dates else None
