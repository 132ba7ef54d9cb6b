"""What an article's own text prints about itself: bylines, the dateline and the date.

:func:`text_metadata` reads the byline lines ("Penulis: Ahmad Ridwan | Editor:
Sari Dewi", "Pewarta: X", "Laporan wartawan Tribunbanten.com, X"), the dateline
that opens the first paragraph ("SANGATTA –", "Jakarta, CNN Indonesia --",
"Samarinda (ANTARA) -", "KOMPAS.com -") and the date the text prints near its
top ("Senin, 28 Oktober 2024 | 10:15 WIB", "Rabu (9/4/2025)"). The forms are
language data in ``data/lexicon/bylines.yaml``; the dateline's place is given as
printed, with its span, for the gazetteer to resolve.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Sequence


from kg.errors import DataError
from kg.extract.lexicon import load_yaml_mapping
from kg.extract.dates import parse_dates
from kg.ingest.html import is_person_name
from kg.model import Sentence

Span = tuple[int, int]


@dataclass(frozen=True, slots=True, kw_only=True)
class TextMetadata:
    """Metadata printed in the text; spans are offsets into the untouched text."""

    authors: tuple[str, ...] = ()
    editors: tuple[str, ...] = ()
    outlet: str | None = None          # the outlet named in the dateline or a byline ("CNN Indonesia")
    outlet_span: Span | None = None
    place: str | None = None           # the dateline's place as printed ("SANGATTA", "Jakarta")
    place_span: Span | None = None
    dateline_span: Span | None = None  # the whole dateline with its dash ("Jakarta, CNN Indonesia --")
    date: str | None = None            # ISO date the text prints near its top
    date_text: str | None = None       # as printed ("Rabu (9/4/2025)", "15 November 2023")
    date_span: Span | None = None
    inferred: bool = False             # True whenever ``date`` is set: found in the text, not in metadata


@dataclass(frozen=True, slots=True)
class BylineRules:
    label: re.Pattern[str]                  # one "Label:" with groups per role
    roles: tuple[str, ...]                  # role of each label group, in order
    separators: re.Pattern[str]
    max_name_words: int
    line_forms: tuple[re.Pattern[str], ...]
    dash: re.Pattern[str]
    outlet_hint: re.Pattern[str]
    scan_lines: int
    max_place_words: int
    max_outlet_words: int
    min_body_words: int
    max_title_case_ratio: float


def _patterns(values: Any, section: str, path: Path) -> list[str]:
    if not isinstance(values, list) or not values:
        raise DataError(f"section {section!r} must be a non-empty list of patterns", culprit=str(path))
    for i, p in enumerate(values):
        if not isinstance(p, str) or not p.strip():
            raise DataError(f"section {section!r}: entry {i} ({p!r}) is not a non-empty string", culprit=str(path))
        try:
            re.compile(p)
        except re.error as err:
            raise DataError(f"section {section!r}: entry {i} ({p!r}) is not a valid pattern: {err}",
                            culprit=str(path)) from None
    return values


def _int(data: dict[str, Any], key: str, default: int | float, path: Path) -> Any:
    value = data.get(key, default)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise DataError(f"section 'dateline': {key} ({value!r}) must be a non-negative number", culprit=str(path))
    return value


@lru_cache(maxsize=4)
def load_byline_rules(path: Path | None = None) -> BylineRules:
    """Load and compile ``bylines.yaml`` (the project's own when ``path`` is None)."""
    if path is None:
        from kg.resources import Resources
        path = Resources.default().lexicon / "bylines.yaml"
    path = Path(path)
    data = load_yaml_mapping(path)
    labels = data.get("labels")
    if not isinstance(labels, list) or not labels:
        raise DataError("section 'labels' must be a non-empty list", culprit=str(path))
    groups, roles = [], []
    for i, e in enumerate(labels):
        if not isinstance(e, dict) or e.get("role") not in {"author", "editor"} or not isinstance(e.get("pattern"), str):
            raise DataError(f"section 'labels': entry {i} ({e!r}) needs a pattern and a role (author or editor)",
                            culprit=str(path))
        _patterns([e["pattern"]], f"labels[{i}]", path)
        groups.append(f"({e['pattern']})")
        roles.append(e["role"])
    dl = data.get("dateline")
    if not isinstance(dl, dict):
        raise DataError("section 'dateline' must be a mapping", culprit=str(path))
    dashes = _patterns(dl.get("dashes"), "dateline.dashes", path)
    hints = _patterns(dl.get("outlet_hints"), "dateline.outlet_hints", path)
    flags = re.IGNORECASE
    return BylineRules(
        label=re.compile(r"(?<!\w)(?:" + "|".join(groups) + r")\s*:\s*", flags),
        roles=tuple(roles),
        separators=re.compile("|".join(f"(?:{p})" for p in _patterns(data.get("name_separators"),
                                                                        "name_separators", path)), flags),
        max_name_words=int(_int(data, "max_name_words", 6, path)),
        line_forms=tuple(re.compile(p, flags) for p in _patterns(data.get("line_forms"), "line_forms", path)),
        dash=re.compile(r"\s*(?:" + "|".join(f"(?:{p})" for p in dashes) + r"|(:))\s*"),
        outlet_hint=re.compile(r"(?<!\w)(?:" + "|".join(f"(?:{p})" for p in hints) + r")(?!\w)", flags),
        scan_lines=int(_int(dl, "scan_lines", 10, path)),
        max_place_words=int(_int(dl, "max_place_words", 4, path)),
        max_outlet_words=int(_int(dl, "max_outlet_words", 4, path)),
        min_body_words=int(_int(dl, "min_body_words", 6, path)),
        max_title_case_ratio=float(_int(dl, "max_title_case_ratio", 0.6, path)),
    )


# ------------------------------------------------------------------ bylines

def _names(value: str, rules: BylineRules) -> list[str]:
    """The names in one byline value, as printed; nothing when it reads like a sentence."""
    out = []
    for part in rules.separators.split(value):
        name = part.strip(" \t.:;-–—•|()*")
        words = name.split()
        if not words or len(words) > rules.max_name_words or not name[0].isalpha() \
                or re.search(r"[.!?]\s|\d", name) or not is_person_name(name):
            continue
        out.append(" ".join(words))
    return out


def _byline(line: str, rules: BylineRules) -> tuple[list[str], list[str], str | None]:
    """Authors, editors and an outlet from one line."""
    authors: list[str] = []
    editors: list[str] = []
    body = line.strip().lstrip("•·*-– ").rstrip()
    labels = list(rules.label.finditer(body))
    if labels and labels[0].start() == 0:
        for k, m in enumerate(labels):
            end = labels[k + 1].start() if k + 1 < len(labels) else len(body)
            value = body[m.end():end].split("|")[0]
            role = rules.roles[next(i for i, g in enumerate(m.groups()) if g is not None)]
            (authors if role == "author" else editors).extend(_names(value, rules))
        return authors, editors, None
    for form in rules.line_forms:
        m = form.match(body)
        if m:
            outlet = m.groupdict().get("outlet")
            return _names(m.group("author"), rules), [], outlet.strip() if outlet else None
    return [], [], None


def credit_lines(lines: Iterable[str], rules: BylineRules | None = None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Authors and editors named by byline lines anywhere (e.g. the short text blocks of a saved page)."""
    rules = rules or load_byline_rules()
    authors: list[str] = []
    editors: list[str] = []
    for line in lines:
        if len(line) > 300:
            continue
        a, e, _ = _byline(line, rules)
        authors += [x for x in a if x.lower() not in {y.lower() for y in authors}]
        editors += [x for x in e if x.lower() not in {y.lower() for y in editors}]
    return tuple(authors), tuple(editors)


# ----------------------------------------------------------------- dateline

@dataclass(frozen=True, slots=True)
class _Dateline:
    span: Span
    place: tuple[str, Span] | None
    outlet: tuple[str, Span] | None


def _parts(head: str, base: int) -> list[tuple[str, int]]:
    """The comma-separated parts of a dateline head, a parenthesised outlet split off: (text, offset)."""
    out = []
    for m in re.finditer(r"\(([^()]*)\)|[^,()]+", head):
        text = m.group(1) if m.group(1) is not None else m.group(0)
        start = m.start(1) if m.group(1) is not None else m.start()
        lead = len(text) - len(text.lstrip())
        text = text.strip()
        if text:
            out.append((text, base + start + lead))
    return out


def _is_outlet(part: str, rules: BylineRules) -> bool:
    return bool(rules.outlet_hint.search(part))


def _reads_as_body(body: str, rules: BylineRules) -> bool:
    words = re.findall(r"[^\W\d_][\w'’-]*", body)
    if len(words) < rules.min_body_words:
        return False
    capitalised = sum(1 for w in words if w[0].isupper())
    if capitalised <= rules.max_title_case_ratio * len(words):
        return True
    # news prose full of names and titles still has lower-case words and ends like a sentence; a headline does not
    return len(words) - capitalised >= 3 and body.rstrip().endswith((".", "!", "?", '"', "”", "’"))


def _place_like(text: str, rules: BylineRules) -> bool:
    words = text.split()
    return 0 < len(words) <= rules.max_place_words and all(w[0].isupper() for w in words) \
        and not re.search(r"\d|[.!?:;\"“”]", text)


def _dateline(line: str, offset: int, next_line: str | None, rules: BylineRules) -> _Dateline | None:
    """The dateline opening ``line`` (which starts at ``offset``), if any."""
    lead = len(line) - len(line.lstrip())
    body_line = line[lead:]
    for dash in rules.dash.finditer(body_line):
        head, body = body_line[:dash.start()], body_line[dash.end():]
        if not head or len(head) > 80:
            break
        colon = dash.group(1) is not None
        parts = _parts(head, offset + lead)
        if not parts or len(parts) > 2:
            break
        outlets = [p for p in parts if _is_outlet(p[0], rules) and len(p[0].split()) <= rules.max_outlet_words]
        places = [p for p in parts if p not in outlets]
        if len(parts) == 2 and not outlets and parts[0][0].isupper() and not parts[1][0].isupper() \
                and len(parts[1][0].split()) <= rules.max_outlet_words:
            # "TANA PASER, Kaltimkece –": a place in capitals, then a name that is not: the outlet
            outlets, places = [parts[1]], [parts[0]]
        if len(parts) == 1 and outlets and colon:
            # "Gajahputihnews.com Aceh Barat:" an outlet and a place in one part
            first, *rest = parts[0][0].split(None, 1)
            if rest and _is_outlet(first, rules) and _place_like(rest[0], rules):
                outlets = [(first, parts[0][1])]
                places = [(rest[0], parts[0][1] + parts[0][0].index(rest[0], len(first)))]
        if len(outlets) > 1 or len(places) > 1 or (places and not _place_like(places[0][0], rules)):
            break
        if colon and not outlets:
            break
        sentence = _reads_as_body(body, rules) if body.strip() else \
            (next_line is not None and _reads_as_body(next_line, rules))
        if not sentence:
            break
        if places and not outlets and not places[0][0].isupper() and not body.strip() and next_line is None:
            break
        end = offset + lead + dash.end()
        while end > offset and line[end - offset - 1].isspace():
            end -= 1
        return _Dateline(span=(offset + lead, end),
                         place=(places[0][0], (places[0][1], places[0][1] + len(places[0][0]))) if places else None,
                         outlet=(outlets[0][0], (outlets[0][1], outlets[0][1] + len(outlets[0][0])))
                         if outlets else None)
    return None


# --------------------------------------------------------------------- date

def _printed_date(text: str, lex: Any, furniture_lines: set[int], line_starts: list[int],
                  head_chars: int) -> tuple[str, Span] | None:
    """The date printed near the top: on a date stamp or byline line first, else the first full date."""
    dates = [d for d in parse_dates(text[:head_chars], lex) if len(d.value) == 10]
    if not dates:
        return None

    def line_of(pos: int) -> int:
        lo, hi = 0, len(line_starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if line_starts[mid] <= pos:
                lo = mid
            else:
                hi = mid - 1
        return lo

    stamped = [d for d in dates if line_of(d.start) in furniture_lines]
    d = (stamped or dates)[0]
    start = d.start
    # take a weekday printed just before: "Senin, 28 Oktober 2024", "Rabu (9/4/2025)"
    before = text[max(0, start - 12):start]
    m = re.search(r"(?i)(?<!\w)(" + "|".join(re.escape(w) for w in lex.weekdays) + r")\s*,?\s*$", before) \
        if lex.weekdays else None
    if m:
        start = start - len(before) + m.start()
    return d.value, (start, d.end)


# --------------------------------------------------------------------- main

def text_metadata(text: str, sentences: Sequence[Sentence], lex: Any,
                  rules: BylineRules | None = None, head_chars: int = 1500) -> TextMetadata:
    """Bylines, dateline and printed date of ``text``; never raises on odd text.

    ``sentences`` are the text's sentences (from ``split_sentences``; furniture
    lines are where bylines and date stamps live); ``lex`` is the extraction
    :class:`~kg.extract.lexicon.Lexicon` (month and weekday words).
    """
    rules = rules or load_byline_rules()
    furniture_lines = {s.paragraph for s in sentences if s.furniture}
    lines = text.splitlines(keepends=True)
    line_starts, pos = [], 0
    for line in lines:
        line_starts.append(pos)
        pos += len(line)
    authors: list[str] = []
    editors: list[str] = []
    byline_outlet: tuple[str, Span] | None = None
    for i, line in enumerate(lines):
        if not line.strip() or len(line) > 300:
            continue
        a, e, outlet = _byline(line.rstrip("\r\n"), rules)
        authors += [x for x in a if x.lower() not in {y.lower() for y in authors}]
        editors += [x for x in e if x.lower() not in {y.lower() for y in editors}]
        if outlet and byline_outlet is None:
            k = line.find(outlet)
            byline_outlet = (outlet, (line_starts[i] + k, line_starts[i] + k + len(outlet)))
    candidates: list[_Dateline] = []
    seen = 0
    for i, line in enumerate(lines):
        body = line.rstrip("\r\n")
        if not body.strip() or i in furniture_lines:
            continue
        seen += 1
        if seen > rules.scan_lines:
            break
        nxt = next((x.rstrip("\r\n") for x in lines[i + 1:] if x.strip()), None)
        found = _dateline(body, line_starts[i], nxt, rules)
        if found:
            candidates.append(found)
            if found.outlet:
                break
    # a dateline naming its outlet beats an earlier one without ("CAPTION LABEL - …" above "TRIBUN, KOTA - …")
    dateline = next((c for c in candidates if c.outlet), candidates[0] if candidates else None)
    printed = _printed_date(text, lex, furniture_lines, line_starts, head_chars)
    outlet = dateline.outlet if dateline and dateline.outlet else byline_outlet
    return TextMetadata(
        authors=tuple(authors), editors=tuple(editors),
        outlet=outlet[0] if outlet else None, outlet_span=outlet[1] if outlet else None,
        place=dateline.place[0] if dateline and dateline.place else None,
        place_span=dateline.place[1] if dateline and dateline.place else None,
        dateline_span=dateline.span if dateline else None,
        date=printed[0] if printed else None,
        date_text=text[printed[1][0]:printed[1][1]] if printed else None,
        date_span=printed[1] if printed else None,
        inferred=printed is not None,
    )
