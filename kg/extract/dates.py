"""Indonesian dates: "Senin (28/10/2024)", "9 April 2025", "(13/2)", "kemarin".

``parse_dates`` finds every date in a text with its span; a date without a
year takes the year of ``anchor`` (the article date) when one is known.
``find_relative`` finds relative times ("kemarin", "Senin lalu", "pekan lalu",
"akhir November mendatang") resolved against the anchor, at day, month or year
precision (``"2024-11-19"``, ``"2024-11"``, ``"2024"``); ``date_in`` gives the
date a stretch of text states, printed dates first. The words are data in
``data/lexicon/dates.yaml``.
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
    value: str            # ISO date, "YYYY-MM" or "YYYY" (coarser precision)


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


def _anchor_date(anchor: str | None) -> dt.date | None:
    if not anchor:
        return None
    try:
        return dt.date.fromisoformat(anchor[:10])
    except ValueError:
        return None


def _shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    n = year * 12 + (month - 1) + by
    return n // 12, n % 12 + 1


def _weekday_number(word: str, lex: Lexicon) -> int | None:
    """0 for Monday … 6 for Sunday, in the order of ``weekdays`` (synonyms share a number)."""
    order = ("senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu")
    w = word.lower().replace("\u2019", "'").replace("'", "")
    if w == "ahad":
        w = "minggu"
    return order.index(w) if w in order else None


def find_relative(text: str, lex: Lexicon, anchor: str | None, start: int = 0, end: int | None = None
                  ) -> list[DateSpan]:
    """Relative times in ``text[start:end]`` resolved against ``anchor``, in order; none without an anchor."""
    base = _anchor_date(anchor)
    if base is None:
        return []
    end = len(text) if end is None else end
    found: list[DateSpan] = []
    c = lex.compiled
    if "relative_day" in c:
        for m in c["relative_day"].finditer(text, start, end):
            word = " ".join(m.group(0).lower().split())
            if word in lex.relative:
                found.append(DateSpan(m.start(), m.end(), (base + dt.timedelta(days=lex.relative[word])).isoformat()))
    for i, span in enumerate(lex.relative_spans):
        for m in c[f"relative_span:{i}"].finditer(text, start, end):
            y, mo = _shift_month(base.year + span.years, base.month, span.months)
            day = min(base.day, 28) if span.months or span.years else base.day
            d = dt.date(y, mo, day) + dt.timedelta(days=span.days)
            value = {"day": d.isoformat(), "month": d.isoformat()[:7], "year": str(d.year)}[span.precision]
            found.append(DateSpan(m.start(), m.end(), value))
    if "weekday_ref" in c:
        for m in c["weekday_ref"].finditer(text, start, end):
            n = _weekday_number(m.group(1), lex)
            if n is None or (not m.group(2) and not m.group(3) and not m.group(1)[0].isupper()):
                continue
            back = (base.weekday() - n) % 7
            if m.group(3):
                d = base + dt.timedelta(days=(n - base.weekday()) % 7 or 7)
            else:
                d = base - dt.timedelta(days=back or (7 if m.group(2) else 0))
            found.append(DateSpan(m.start(), m.end(), d.isoformat()))
    for m in c["month_ref"].finditer(text, start, end):
        part, name, year, direction = m.group(1), m.group(2), m.group(3), m.group(4)
        if not (part or year or direction) or name.lower() not in lex.months \
                or re.search(r"\d\s*$", text[max(0, m.start() - 4):m.start()]):
            continue                       # a bare name ("Juli Atmadi") or part of a full date
        month = lex.months[name.lower()]
        y = int(year) if year else base.year
        if not year and direction and re.fullmatch(_alt(lex.month_future), direction, re.IGNORECASE) \
                and month < base.month:
            y += 1
        elif not year and direction and re.fullmatch(_alt(lex.month_past), direction, re.IGNORECASE) \
                and month > base.month:
            y -= 1
        found.append(DateSpan(m.start(), m.end(), f"{y:04d}-{month:02d}"))
    return _outermost(found)


def _alt(patterns: tuple[str, ...]) -> str:
    return "|".join(f"(?:{p})" for p in patterns) or "(?!)"


def _outermost(spans: list[DateSpan]) -> list[DateSpan]:
    """Drop spans inside longer ones ("kemarin" inside "Senin kemarin"); keep order of appearance."""
    spans = sorted(spans, key=lambda d: (d.start, -(d.end - d.start)))
    out: list[DateSpan] = []
    for d in spans:
        if out and d.start < out[-1].end:
            if d.end - d.start > out[-1].end - out[-1].start:
                out[-1] = d
            continue
        out.append(d)
    return out


def date_in(text: str, lex: Lexicon, anchor: str | None, spans: list[tuple[int, int]]) -> str | None:
    """The date the stretches ``spans`` of ``text`` state: the first printed date in any of them, else
    the first relative time resolved against ``anchor``; None when they state none."""
    for a, b in spans:
        printed = [d for d in parse_dates(text[a:b], lex, anchor)]
        if printed:
            return printed[0].value
    for a, b in spans:
        printed_spans = [(a + d.start, a + d.end) for d in parse_dates(text[a:b], lex, anchor)]
        for d in find_relative(text, lex, anchor, a, b):
            if not any(x <= d.start < y for x, y in printed_spans):
                return d.value
    return None
