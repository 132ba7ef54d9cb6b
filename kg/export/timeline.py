"""Time for Gephi's timeline: dates of any precision become days, intervals merge into spells.

A spell is ``(start, end)`` with ISO days (``YYYY-MM-DD``), ``None`` for an
open end. A year stands for the whole year (1 January to 31 December), a
month for the whole month, so that a fact known only to its year still
replays on the timeline.
"""
from __future__ import annotations

import calendar
import functools
import re

Spell = tuple[str | None, str | None]      # (start, end) as YYYY-MM-DD; None is open


@functools.lru_cache(maxsize=4096)
def day_start(value: str | None) -> str | None:
    """``2024`` → ``2024-01-01``; ``2024-05`` → ``2024-05-01``; a date (or date-time) → its day."""
    m = re.match(r"^\s*(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value or "")
    if not m:
        return None
    y, mo, d = m.group(1), m.group(2) or "01", m.group(3) or "01"
    return f"{y}-{mo}-{d}" if _valid(y, mo, d) else None


@functools.lru_cache(maxsize=4096)
def day_end(value: str | None) -> str | None:
    """``2024`` → ``2024-12-31``; ``2024-02`` → ``2024-02-29``; a date → itself."""
    m = re.match(r"^\s*(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value or "")
    if not m:
        return None
    y, mo = m.group(1), m.group(2) or "12"
    d = m.group(3) or (f"{calendar.monthrange(int(y), int(mo))[1]:02d}" if 1 <= int(mo) <= 12 else "31")
    return f"{y}-{mo}-{d}" if _valid(y, mo, d) else None


def _valid(y: str, mo: str, d: str) -> bool:
    try:
        return 1 <= int(mo) <= 12 and 1 <= int(d) <= calendar.monthrange(int(y), int(mo))[1]
    except ValueError:
        return False


def merge_spells(spells: list[Spell]) -> list[Spell]:
    """Sorted union of intervals; ``None`` is -∞ for a start and +∞ for an end (dates compare as text)."""
    lo, hi = "0000-00-00", "9999-99-99"
    items = sorted(((s or lo, e or hi) for s, e in spells))
    out: list[list[str]] = []
    for s, e in items:
        if out and s <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return [(None if s == lo else s, None if e == hi else e) for s, e in out]


TIME_ATTRS = {"interval": "string", "first_year": "integer", "last_year": "integer"}


def interval_set(spells: list[Spell] | None) -> str:
    """Gephi's interval-set text: ``<[2024-01-01, 2024-12-31]; [2026-01-01, Infinity]>``."""
    if not spells:
        return ""
    return "<" + "; ".join(f"[{s or '-Infinity'}, {e or 'Infinity'}]" for s, e in spells) + ">"


def time_attrs(spells: list[Spell] | None) -> dict[str, str | int]:
    """The spells as plain attributes, for readers that keep no time (graphology-gexf, so Gephi Lite):
    ``interval`` (Gephi's interval-set text, every spell to the day) and ``first_year``/``last_year``
    (integers, for a range filter); an open end is left out."""
    if not spells:
        return {}
    out: dict[str, str | int] = {"interval": interval_set(spells)}
    starts = [s for s, _ in spells]
    ends = [e for _, e in spells]
    if all(starts):
        out["first_year"] = int(min(s for s in starts if s)[:4])
    if all(ends):
        out["last_year"] = int(max(e for e in ends if e)[:4])
    return out
