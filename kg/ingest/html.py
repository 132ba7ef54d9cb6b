"""Read a saved news page: main text and metadata by trafilatura.

:func:`extract_page` turns HTML (a string) into a :class:`Page`: the main text
with one paragraph per line (navigation, sidebars, footers, scripts, share
widgets and comment forms left out; "Baca juga" lines may remain and are
marked as furniture by the sentence splitter), and the page's own metadata:
title, publication date (ISO ``YYYY-MM-DD``), outlet (``og:site_name``),
authors, canonical URL and language.

Dates come from htmldate with ``original_date`` (the publication date, not
the last modification) and without the extensive search of the page's free
text, and are never the date of the file or of today: an undated page has no
date (another module may infer one from the text).

A page without main text (a login wall, an index page of headline links, an
empty body) is refused with :class:`~kg.errors.InputError`; a broken or
truncated page still gives the text it has. Nothing is printed: trafilatura and
htmldate log through :mod:`logging` (each has a ``NullHandler``).

:func:`read_html_file` reads a file (at most :data:`MAX_HTML_BYTES`), decodes it
and extracts it; :func:`article_id_for_url` and :func:`normalize_url` make the
ids of pages and dump records that name a URL.
"""
from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit, urlunsplit

from kg.errors import InputError
from kg.ingest.articles import decode_article_bytes, read_bounded

MAX_HTML_BYTES = 5 * 2**20       # saved pages carry scripts and styles: larger than their text
MIN_PROSE_WORDS = 25             # fewer words in prose lines than this: no main text
NO_MAIN_TEXT = "no main text (an index page, a login wall or an empty page?); skipped"

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_HTML_LANG = re.compile(r"""<html[^>]*?\slang\s*=\s*["']?([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)?""", re.IGNORECASE)
_OG_LOCALE = re.compile(r"""<meta[^>]+property\s*=\s*["']og:locale["'][^>]+content\s*=\s*["']([A-Za-z]{2,3})""",
                        re.IGNORECASE)
_CANONICAL = re.compile(r"""<link\b[^>]*\brel\s*=\s*["']?canonical["']?[^>]*>""", re.IGNORECASE)
_HREF = re.compile(r"""\bhref\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
_SENTENCE_END = re.compile(r"""[.!?]["'”’)]*\s*$|[.!?]["'”’)]*\s""")
_DEGREE = re.compile(r"^(?:[A-Z][A-Za-z]{0,4}\.)+(?:\s?[A-Z][A-Za-z]{0,4}\.?)*$")
_SLUG_EXT = re.compile(r"\.(?:html?|php|aspx?|jsp|cfm)$", re.IGNORECASE)
_DATE_PARAMS = {"original_date": True, "extensive_search": False}


@dataclass(frozen=True, slots=True)
class Page:
    """What a page says about itself: its main text and metadata (None when unknown)."""

    text: str
    title: str | None = None
    published: str | None = None
    url: str | None = None
    outlet: str | None = None
    authors: tuple[str, ...] = ()
    editors: tuple[str, ...] = ()
    language: str | None = None


def decode_html_bytes(raw: bytes, culprit: str) -> tuple[str, tuple[str, ...]]:
    """Decode a page: UTF-8 (with or without BOM) or UTF-16 with BOM as text files are; bytes that
    are not UTF-8 are decoded by the page's ``<meta charset>`` when it names a known codec, else as
    Windows-1252 / Latin-1 (:func:`~kg.ingest.articles.decode_article_bytes`)."""
    text, warnings = decode_article_bytes(raw, culprit)
    if warnings and warnings[0].startswith("not UTF-8"):
        found = _META_CHARSET.search(raw[:4096])
        if found:
            try:
                codec = codecs.lookup(found.group(1).decode("ascii")).name
            except (LookupError, UnicodeDecodeError):
                codec = None
            if codec and codec not in ("utf-8", "cp1252", "latin-1", "iso8859-1"):
                try:
                    return raw.decode(codec), (f"{warnings[0].split(';')[0]}; decoded as {codec} (<meta charset>)",)
                except UnicodeDecodeError:
                    pass
    return text, warnings


def read_html_file(path: Path, culprit: str) -> tuple[Page, bytes, tuple[str, ...]]:
    """Read, decode and extract a saved page: the page, its raw bytes and the decoding warnings."""
    raw = read_bounded(Path(path), culprit, limit=MAX_HTML_BYTES)
    html, warnings = decode_html_bytes(raw, culprit)
    return extract_page(html, culprit), raw, warnings


def extract_page(html: str, culprit: str) -> Page:
    """The main text and metadata of a page, or InputError when it has no main text."""
    if not html.strip():
        raise InputError(NO_MAIN_TEXT, culprit=culprit)
    doc = _bare_extraction(html, culprit)
    text = _clean_text(doc.text if doc is not None else "")
    if not has_main_text(text) and html.count("<") > 250:
        # nested deeper than lxml's parser goes (255 levels): the text below was lost; collapse the nesting
        from kg.ingest.html_nesting import flatten_nesting

        flat = flatten_nesting(html)
        if flat is not None:
            html = flat
            doc = _bare_extraction(html, culprit)
            text = _clean_text(doc.text if doc is not None else "")
    if not has_main_text(text):
        raise InputError(NO_MAIN_TEXT, culprit=culprit)
    head = html[:65536]
    url = _canonical_link(head) or _attr(doc, "url")
    authors, editors = page_credits(html)
    return Page(text=text, title=_attr(doc, "title"), published=_iso_date(_attr(doc, "date")),
                url=clean_url(url) if url else None, outlet=_attr(doc, "sitename"),
                authors=split_people(_attr(doc, "author")) or authors, editors=editors,
                language=_language(doc, head))


def _bare_extraction(html: str, culprit: str) -> Any:
    """trafilatura's document (main text and metadata) of a page, or InputError when it cannot parse it."""
    from trafilatura import bare_extraction      # heavy import: only where pages are read

    try:
        return bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False,
                               include_images=False, include_links=False, deduplicate=False,
                               date_extraction_params=dict(_DATE_PARAMS))
    except Exception as err:                     # lxml or trafilatura failing on a hostile page
        raise InputError(f"HTML page that cannot be parsed ({type(err).__name__}: {err})".splitlines()[0],
                         culprit=culprit) from None


_CREDIT = re.compile(r"(?i)\b(?:penulis|editor|pewarta|reporter|penyunting|redaktur|wartawan)\s*:")
_BLOCKS = ("p", "div", "span", "li", "small", "address", "section", "header", "footer", "td")


def page_credits(html: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Authors and editors of the byline blocks that main-text extraction leaves out ("Penulis: … | Editor: …")."""
    if not _CREDIT.search(html):
        return (), ()
    import lxml.html

    from kg.ingest.metadata import credit_lines

    try:
        root = lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return (), ()
    lines = []
    for el in root.iter(*_BLOCKS):
        text = " ".join(el.text_content().split())
        if 3 < len(text) <= 200 and _CREDIT.search(text):
            lines.append(text)
    return credit_lines(lines)


def has_main_text(text: str) -> bool:
    """Prose, not a list of links or form labels: enough words in lines that read as sentences."""
    words = 0
    for line in text.splitlines():
        n = len(line.split())
        if n >= 8 and _SENTENCE_END.search(line):
            words += n
            if words >= MIN_PROSE_WORDS:
                return True
    return False


def split_people(value: str | None) -> tuple[str, ...]:
    """``"A; B"``, ``"A, B"``, ``"A | B"``, ``"A dan B"`` → ``("A", "B")``; a comma before academic
    degrees (``"Budi Santoso, S.Sos."``) does not split."""
    if not value:
        return ()
    out: list[str] = []
    for part in re.split(r"\s*[;|]\s*|\s+(?:dan|and|&)\s+", value):
        pieces = [p.strip() for p in part.split(",")]
        if any(_DEGREE.match(p) for p in pieces[1:] if p):
            pieces = [part.strip()]
        out += [p for p in pieces if p and p not in out and is_person_name(p)]
    return tuple(out)


def is_person_name(name: str) -> bool:
    """Whether a byline part can name a journalist: at least two letters ("A" or the "g" of a stray
    ``Manurun;g`` cannot; the journalist shape asks for a label of two characters or more)."""
    return sum(c.isalpha() for c in name) >= 2


def normalize_url(url: str) -> str:
    """A URL as one article: lowercased scheme and host, no fragment, no trailing slash, no ``utm_*``
    parameters (idempotent). A URL without a scheme is read as ``http://``."""
    # one pass is idempotent on real URLs; on malformed ones ("://", "0 ?") a pass can expose another
    # trailing space or empty part, so repeat until nothing changes
    for _ in range(8):
        again = _normalize_once(url)
        if again == url:
            break
        url = again
    return url


def _normalize_once(url: str) -> str:
    url = url.split("#", 1)[0].strip()          # the fragment first: what precedes it may end in spaces
    if "://" not in url:
        url = "http://" + url.lstrip("/")
    try:
        parts = urlsplit(url)
        query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                 if not k.lower().startswith("utm_")]
        path = _TRAILING.sub("", parts.path)     # trailing slashes and spaces: "/a/ /" is "/a"
        return urlunsplit((parts.scheme.lower(), parts.netloc.strip().lower(), path, urlencode(query), ""))
    except ValueError:                           # e.g. an invalid IPv6 host: keep it, minus the fragment
        return _TRAILING.sub("", url)


_TRAILING = re.compile(r"[\s/]+$")


def clean_url(url: str) -> str:
    """A URL as published, for the graph: tracking (``utm_*``) parameters and the fragment dropped,
    everything else as given. A URL without a scheme is read as ``http://``."""
    url = url.strip()
    if "://" not in url:
        url = "http://" + url.lstrip("/")
    try:
        parts = urlsplit(url)
        if "utm_" not in parts.query.lower():
            return urlunsplit((parts.scheme, parts.netloc, parts.path, parts.query, ""))
        query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                 if not k.lower().startswith("utm_")]
        return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))
    except ValueError:
        return url.split("#", 1)[0]


def article_id_for_url(url: str) -> str:
    """A short, readable, IRI-safe id (``[A-Za-z0-9._-]``) for a URL, the same for every spelling
    that :func:`normalize_url` folds together: ``host-slug-0123456789`` where the slug comes from the
    last path segment and the 10 hex digits from the SHA-1 of the normalized URL."""
    norm = normalize_url(url)
    digest = hashlib.sha1(norm.encode("utf-8")).hexdigest()[:10]
    try:
        parts = urlsplit(norm)
        host, segment = parts.hostname or "", parts.path.rsplit("/", 1)[-1]
    except ValueError:                           # an invalid host or port: the hash alone still names it
        host, segment = "", ""
    host = re.sub(r"^www\d*\.", "", host)
    host = re.sub(r"[^a-z0-9.-]+", "-", host).strip(".-")[:40].strip(".-")
    slug = _slug(_SLUG_EXT.sub("", segment))[:50].strip("-")
    return "-".join(p for p in (host, slug, digest) if p)


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", unquote(text)).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def _clean_text(text: str) -> str:
    lines = (line.strip() for line in (text or "").splitlines())
    return "\n".join(line for line in lines if line)


def _attr(doc: object, name: str) -> str | None:
    value = getattr(doc, name, None) if doc is not None else None
    return value.strip() or None if isinstance(value, str) else None


def _canonical_link(head: str) -> str | None:
    for tag in _CANONICAL.finditer(head):
        href = _HREF.search(tag.group(0))
        if href and href.group(1).lower().startswith(("http://", "https://")):
            return href.group(1)
    return None


def _iso_date(value: str | None) -> str | None:
    return value if value and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else None


def _language(doc: object, head: str) -> str | None:
    found = _attr(doc, "language")
    if not found:
        match = _HTML_LANG.search(head) or _OG_LOCALE.search(head)
        found = match.group(1) if match else None
    return found.lower() if found else None
