"""Quoted spans in news text: where each direct quotation opens and closes.

Marks: typographic double quotes (“ ”), straight double quotes ("), two
apostrophes used as a double quote (''), guillemets (« »), low-9 („) and
typographic single quotes (‘ ’). A straight mark opens when it follows a
space or the start of a line and precedes a non-space; it closes when it
follows a non-space. A typographic ’ inside a word is an apostrophe
(Ma’ruf), never a closing mark.

A quote left open at the end of its paragraph runs on into the next
paragraphs (journalists open every paragraph of a long quotation and close
only the last one) until a closing mark, at most three paragraphs on; a
quote that never closes (the text was cut off) ends with its paragraph.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# (mark, family, role): role "open", "close" or "both" (straight marks decide by context)
_MARKS = re.compile(r"\\\"|''|[“”\"„«»‘’]")
_ROLE = {"“": "open", "„": "open", "«": "open", "”": "close", "»": "close", '"': "both", "''": "both",
         '\\"': "both",
         "‘": "open", "’": "close"}
_FAMILY = {"‘": "single", "’": "single"}


@dataclass(frozen=True, slots=True)
class Quote:
    start: int          # offset of the first character inside the marks
    end: int            # offset just after the last character inside
    open_at: int        # offset of the opening mark
    close_at: int       # offset of the closing mark (the end of the last line when unclosed)
    closed: bool
    lines: int = 1      # paragraphs the quotation runs over


def _role(line: str, m: re.Match[str]) -> str | None:
    mark = m.group(0)
    role = _ROLE[mark]
    before = line[m.start() - 1] if m.start() > 0 else " "
    after = line[m.end()] if m.end() < len(line) else " "
    if mark == "’":
        # an apostrophe inside a word (Ma’ruf, Jum’at) is no closing mark
        return None if after.isalpha() and before.isalpha() else "close"
    if mark == "‘" and before.isalpha():
        return None
    if mark == "”" and not line[:m.start()].strip() and (after.isspace() or after.isupper()) \
            and line[m.end():].strip()[:1].isupper():
        return "open"       # ” Saya …, ”Saya …: a paragraph opened with the closing-style mark
    if role == "open" and before in ",.!?" and m.start() > 0 and re.match(r"\s+[a-z]|\s*$", line[m.end():]):
        return "close"      # “…,“ ucap X: the quotation's last punctuation, then an opening-style mark
    if role != "both":
        return role
    if before.isspace() and after.isspace() and line[max(0, m.start() - 2):m.start() - 1] in (",", ".", "!", "?"):
        return "close"      # "…, '' kata X": a straight mark set off by spaces after the quotation's comma
    opens = (before.isspace() or before in "([:—–-/") and not after.isspace()
    closes = not before.isspace() and not (after.isalnum() and after.islower())
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return "open" if opens else None


def _marks(line: str) -> list[tuple[int, int, str, str]]:
    """(start, end, role, family) of every quote mark of a line."""
    out = []
    for m in _MARKS.finditer(line):
        role = _role(line, m)
        if role is not None:
            out.append((m.start(), m.end(), role, _FAMILY.get(m.group(0), "double")))
    return out


def find_quotes(text: str, furniture: list[tuple[int, int]] | None = None) -> list[Quote]:
    """Every quotation of ``text`` outside the furniture spans, in order."""
    furniture = furniture or []
    lines = text.splitlines(keepends=True)
    offsets, pos = [], 0
    for line in lines:
        offsets.append(pos)
        pos += len(line)
    bare = [ln.rstrip("\r\n") for ln in lines]
    out: list[Quote] = []
    i = 0
    while i < len(lines):
        base = offsets[i]
        if any(a <= base < b for a, b in furniture):
            i += 1
            continue
        marks = _marks(bare[i])
        k = 0
        while k < len(marks):
            s, e, role, family = marks[k]
            if role == "close":
                k += 1
                continue
            close = next((c for c in marks[k + 1:] if c[3] == family and c[2] in ("close", "both")
                          and c[0] > e), None)
            if close is not None:
                if close[0] > e:
                    out.append(Quote(base + e, base + close[0], base + s, base + close[0], True))
                k = marks.index(close) + 1
                continue
            if family == "single":      # a lone ‘ is no quotation
                k += 1
                continue
            # “…,’ ujar X: a double quotation closed by a single mark (a slip of the keyboard)
            slip = next((c for c in marks[k + 1:] if c[2] == "close" and c[3] == "single"
                         and bare[i][c[0] - 1:c[0]] in (",", ".", "!", "?")), None)
            if slip is not None:
                out.append(Quote(base + e, base + slip[0], base + s, base + slip[0], True))
                k = marks.index(slip) + 1
                continue
            run = _run_on(bare, offsets, i, furniture)
            if run is None:
                out.append(Quote(base + e, base + len(bare[i]), base + s, base + len(bare[i]), False))
                break
            last, close_at = run
            out.append(Quote(base + e, close_at, base + s, close_at, True, lines=last - i + 1))
            i = last
            break
        i += 1
    return out


def _run_on(bare: list[str], offsets: list[int], i: int,
            furniture: list[tuple[int, int]] | None = None) -> tuple[int, int] | None:
    """(line, offset of the closing mark) of a quotation left open on line ``i``, if it closes;
    page furniture between its paragraphs ("Baca Juga: …") is passed over."""
    seen = 0
    for n in range(i + 1, len(bare)):
        line = bare[n]
        if not line.strip() or any(a <= offsets[n] < b for a, b in furniture or []):
            continue
        seen += 1
        marks = [mk for mk in _marks(line) if mk[3] == "double"]
        if seen > 3 or not marks:
            return None                 # narrative: the quotation did not run on
        first = marks[0]
        if first[2] != "close" and not line[:first[0]].strip():
            # a paragraph that opens with a mark continues the quotation
            close = next((mk for mk in marks[1:] if mk[2] in ("close", "both")), None)
            if close is not None:
                return n, offsets[n] + close[0]
            continue
        if first[2] in ("close", "both") and first[0] > 0:
            return n, offsets[n] + first[0]
        return None
    return None


def quote_text(raw: str) -> str:
    """The words of a quotation: whitespace collapsed, the marks that open continuation
    paragraphs dropped, trailing commas trimmed."""
    parts = [p.strip() for p in re.split(r"\n\s*", raw)]
    parts = [p[1:].lstrip() if p[:1] in "“\"„«" else p for p in parts if p]
    return " ".join(" ".join(parts).split()).strip(" ,\\")
