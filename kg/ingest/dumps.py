"""Read scraper dumps record by record: JSON Lines and CSV, streamed (a dump may be GBs).

:func:`iter_records` yields ``(locator, record)`` for each record and a
:class:`Skipped` for each line or row that cannot be one; it never holds more
than one record. A record is normalized to a small ``dict[str, str]`` with the
canonical field names below; other fields are dropped. Keys match
case-insensitively; when several aliases of one field are present, the first
non-empty one in this table wins.

| field       | aliases |
| ----------- | ------- |
| `text`      | text, content, body, article, isi, konten, full_text |
| `html`      | html, raw_html, page_html |
| `url`       | url, link, canonical_url, permalink |
| `title`     | title, headline, judul |
| `published` | published, date, published_at, date_published, datePublished, pubdate, tanggal, time |
| `outlet`    | outlet, source, site, sitename, media, publisher |
| `author`    | author, authors, penulis, byline, reporter |
| `editor`    | editor |

A record needs ``text`` or ``html``. JSON values that are lists are joined with
``"; "``; an object gives its ``name`` (``{"name": "Budi"}``); numbers become
strings. Each record's text (or HTML) is capped at
:data:`~kg.ingest.articles.MAX_BYTES`.

Locators: ``PATH:LINE`` for JSON Lines (1-based line), ``PATH: record N`` for
CSV (1-based data row). CSV files need a header row; the delimiter (``,``
``;`` or tab) is taken from it; UTF-8 with or without BOM.

:func:`parse_published` reads the dates scrapers write (ISO dates and
date-times, ``YYYY/MM/DD``, ``DD/MM/YYYY``, ``DD-MM-YYYY``, Unix seconds or
milliseconds, Indonesian ``Rabu, 9 April 2025 14:00 WIB``; month names from
``data/lexicon/dates.yaml``) into an ISO date, or None.
"""
from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import json
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.errors import DataError
from kg.ingest.articles import MAX_BYTES, _open_failure, _size

FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "text": ("text", "content", "body", "article", "isi", "konten", "full_text"),
    "html": ("html", "raw_html", "page_html"),
    "url": ("url", "link", "canonical_url", "permalink"),
    "title": ("title", "headline", "judul"),
    "published": ("published", "date", "published_at", "date_published", "datepublished", "pubdate",
                  "tanggal", "time"),
    "outlet": ("outlet", "source", "site", "sitename", "media", "publisher"),
    "author": ("author", "authors", "penulis", "byline", "reporter"),
    "editor": ("editor",),
}
_ALIAS_OF = {alias: field for field, aliases in FIELD_ALIASES.items() for alias in aliases}
MAX_LINE_BYTES = 8 * MAX_BYTES + 65536   # a JSON line longer than this cannot hold a record within the cap
CSV_FIELD_LIMIT = 8 * MAX_BYTES
CSV_DELIMITERS = (",", ";", "\t")


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file, line or record that gives no article, and why (one line); ``duplicate`` when it is the
    same article as an earlier record (not a fault of the input)."""

    locator: str
    message: str
    duplicate: bool = False


# ------------------------------------------------------------------ records


def normalize_record(raw: dict[str, Any]) -> dict[str, str]:
    """Map a scraped record's fields to the canonical names (see the module table); idempotent."""
    found: dict[str, tuple[int, str]] = {}
    for key, value in raw.items():
        field = _ALIAS_OF.get(str(key).strip().lower())
        if field is None:
            continue
        text = _field_text(value)
        if not text:
            continue
        rank = FIELD_ALIASES[field].index(str(key).strip().lower())
        if field not in found or rank < found[field][0]:
            found[field] = (rank, text)
    return {field: text for field, (_, text) in sorted(found.items())}


MAX_FIELD_DEPTH = 16     # lists in lists (or objects) deeper than this are no field a scraper writes


class FieldTooDeep(ValueError):
    """A record field of lists or objects nested more than :data:`MAX_FIELD_DEPTH` deep."""


def _field_text(value: Any, depth: int = 0) -> str:
    if depth > MAX_FIELD_DEPTH:
        raise FieldTooDeep(f"a field nested more than {MAX_FIELD_DEPTH} deep")
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, (int, float)):
        return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
    if isinstance(value, str):
        return value if value.strip() else ""
    if isinstance(value, dict):
        return _field_text(value.get("name") or value.get("@value") or "", depth + 1)
    if isinstance(value, list):
        return "; ".join(t for t in (_field_text(v, depth + 1).strip() for v in value) if t)
    return ""


def record_problem(record: dict[str, str]) -> str | None:
    """Why a normalized record gives no article, or None."""
    body = record.get("text") if record.get("text", "").strip() else record.get("html")
    if not body or not body.strip():
        return "record without text (no text, content, body or html field); skipped"
    size = len(body.encode("utf-8", "surrogatepass"))
    if size > MAX_BYTES:
        return f"record text too large ({_size(size)} > {_size(MAX_BYTES)}); skipped"
    return None


# -------------------------------------------------------------------- files


def iter_records(path: Path, kind: str) -> Iterator[tuple[str, dict[str, str]] | Skipped]:
    """Stream a dump (``kind`` ``jsonl`` or ``csv``): ``(locator, normalized record)`` or Skipped."""
    fh = _open_dump(path)
    if isinstance(fh, Skipped):
        yield fh
        return
    with fh:
        yield from (_iter_jsonl(path, fh) if kind == "jsonl" else _iter_csv(path, fh))


def _open_dump(path: Path) -> io.BufferedReader | Skipped:
    culprit = str(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0))
    except OSError as err:
        return Skipped(culprit, _open_failure(path, err))
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode):
        os.close(fd)
        what = "a folder" if stat.S_ISDIR(st.st_mode) else \
            "a FIFO (named pipe)" if stat.S_ISFIFO(st.st_mode) else "not a regular file"
        return Skipped(culprit, f"is {what}, not a dump file")
    os.set_blocking(fd, True)
    return open(fd, "rb", closefd=True)  # noqa: SIM115 — closed by the caller's with


def _iter_jsonl(path: Path, fh: io.BufferedReader) -> Iterator[tuple[str, dict[str, str]] | Skipped]:
    line_no = 0
    while True:
        line = fh.readline(MAX_LINE_BYTES)
        if not line:
            return
        line_no += 1
        locator = f"{path}:{line_no}"
        if len(line) >= MAX_LINE_BYTES and not line.endswith(b"\n"):
            while (rest := fh.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            yield Skipped(locator, f"line too long (more than {_size(MAX_LINE_BYTES)}); line skipped")
            continue
        if line_no == 1 and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]
        if not line.strip():
            continue
        try:
            value = json.loads(line.decode("utf-8"))
        except UnicodeDecodeError as err:
            yield Skipped(locator, f"not UTF-8 (byte 0x{line[err.start]:02x} at column {err.start + 1}); "
                                   "line skipped")
            continue
        except json.JSONDecodeError as err:
            yield Skipped(locator, f"malformed JSON ({err.msg} at column {err.colno}); line skipped")
            continue
        except RecursionError:
            yield Skipped(locator, "malformed JSON (nested too deeply); line skipped")
            continue
        if not isinstance(value, dict):
            yield Skipped(locator, f"a JSON {type(value).__name__.replace('dict', 'object')}, not an object; "
                                   "line skipped")
            continue
        try:
            record = normalize_record(value)
        except (FieldTooDeep, RecursionError) as err:
            reason = str(err) if isinstance(err, FieldTooDeep) else "nested too deeply"
            yield Skipped(locator, f"malformed record ({reason}); line skipped")
            continue
        yield locator, record


def _iter_csv(path: Path, fh: io.BufferedReader) -> Iterator[tuple[str, dict[str, str]] | Skipped]:
    csv.field_size_limit(max(csv.field_size_limit(), CSV_FIELD_LIMIT))
    text = io.TextIOWrapper(fh, encoding="utf-8-sig", newline="")
    try:
        header_line = text.readline()
    except UnicodeDecodeError:
        yield Skipped(str(path), "not UTF-8 (header row); re-save the CSV as UTF-8")
        return
    if not header_line.strip():
        yield Skipped(str(path), "empty CSV (no header row)")
        return
    delimiter = max(CSV_DELIMITERS, key=header_line.count)
    reader = csv.reader(_chain_first(header_line, text), delimiter=delimiter)
    try:
        header = [h.strip() for h in next(reader)]
    except csv.Error as err:
        yield Skipped(str(path), f"malformed CSV header ({err})")
        return
    fields = {_ALIAS_OF.get(h.lower()) for h in header}
    if not fields & {"text", "html"}:
        shown = ", ".join(repr(h if len(h) <= 40 else h[:40] + "…") for h in header[:12]) + \
            (", …" if len(header) > 12 else "")
        yield Skipped(str(path), f"no text column (columns: {shown}); expected one of text, content, body, "
                                 "article, isi, konten, full_text, html; file skipped")
        return
    row_no = 0
    while True:
        locator = f"{path}: record {row_no + 1}"
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as err:
            yield Skipped(locator, f"malformed CSV ({err}); rest of file skipped")
            return
        except UnicodeDecodeError as err:
            yield Skipped(locator, f"not UTF-8 ({err.reason}); rest of file skipped")
            return
        if not any(cell.strip() for cell in row):
            continue
        row_no += 1
        yield locator, normalize_record(dict(zip(header, row, strict=False)))


def _chain_first(first: str, rest: io.TextIOWrapper) -> Iterator[str]:
    yield first
    yield from rest


# -------------------------------------------------------------------- dates


@functools.cache
def _months() -> dict[str, int]:
    import yaml

    from kg.resources import Resources
    path = Resources.default().lexicon / "dates.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as err:
        raise DataError(f"cannot read month names ({str(err).splitlines()[0]})", culprit=str(path)) from None
    months = data.get("months") if isinstance(data, dict) else None
    if not isinstance(months, dict) or not all(isinstance(v, int) and 1 <= v <= 12 for v in months.values()):
        raise DataError("months must map names to 1..12", culprit=str(path))
    return {str(k).lower(): v for k, v in months.items()}


_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T\s])")
_YMD_SLASH = re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})(?:$|\s)")
_DMY = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?:$|\s)")
_EPOCH = re.compile(r"(\d{9,13})(?:\.\d+)?")
_WORDS = re.compile(r"(\d{1,2})\s+([A-Za-z]+)\.?,?\s+(\d{4})(?!\d)")


def parse_published(value: str) -> str | None:
    """An ISO date ``YYYY-MM-DD`` from a scraped date string, or None when it cannot be read.

    Never raises. A date-time keeps its own calendar date (``2024-11-27T23:30:00-05:00`` →
    ``2024-11-27``); Unix timestamps are read in UTC+7 (WIB), the day an Indonesian reader saw.
    """
    s = value.strip() if isinstance(value, str) else ""
    if not s or len(s) > 200:
        return None
    if m := _EPOCH.fullmatch(s):
        seconds = int(m.group(1)) / (1000 if len(m.group(1)) > 11 else 1)
        try:
            day = dt.datetime.fromtimestamp(seconds, dt.timezone(dt.timedelta(hours=7))).date()
        except (OverflowError, OSError, ValueError):
            return None
        return _checked(day.year, day.month, day.day)
    if m := _ISO.match(s):
        return _checked(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if m := _YMD_SLASH.match(s):
        return _checked(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if m := _DMY.match(s):
        return _checked(int(m.group(4)), int(m.group(3)), int(m.group(1)))
    if m := _WORDS.search(s):
        month = _months().get(m.group(2).lower())
        if month:
            return _checked(int(m.group(3)), month, int(m.group(1)))
    return None


def _checked(year: int, month: int, day: int) -> str | None:
    if not 1900 <= year <= 2100:
        return None
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None
