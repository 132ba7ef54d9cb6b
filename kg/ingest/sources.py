"""Where articles come from: text files, saved HTML pages and scraper dumps, as one stream.

The pipeline calls two functions:

- :func:`iter_sources` (in the parent process) walks files and folders and
  yields a :class:`Source` per article file and per dump record, in a stable
  sorted order, and a :class:`Skipped` for each dump line or record that gives
  no article (malformed, too large, without text, or the same article as an
  earlier one). Dumps are streamed; only the ids seen so far are kept.
- :func:`load_source` (in a worker) turns a Source into an
  :class:`~kg.model.Article`, or raises :class:`~kg.errors.InputError` naming
  ``source.locator``.

Keys and ids:

| source | ``Source.key`` | ``Article.id`` | ``sha256`` |
| ------ | -------------- | -------------- | ---------- |
| ``.txt``, other files named explicitly | normal path | ``Source.name`` | file bytes |
| ``.html``, ``.htm`` | normal path | canonical URL (``article_id_for_url``), else ``Source.name`` | file bytes |
| dump record | ``NORMAL_PATH#ID`` | ``url``, else ``h-`` + 16 hex of SHA-256 of text (or HTML) | canonical JSON |

The *normal path* (:func:`~kg.ingest.articles.normal_path`) is absolute with
the folders' symlinks resolved, so ``kg build c3k`` and ``kg build /abs/c3k``
key the same sources (and the second build reuses the first). A file's
``Source.name`` comes from its path relative to the input it was found under
(:func:`~kg.ingest.articles.article_id_for_file`: ``0001.txt`` → ``0001``,
``a/0001.txt`` → ``a-0001``); when that id is already taken in the build (two
inputs both holding ``0001.txt``, ``0001.txt`` beside ``0001.html``, names that
differ only in characters an IRI cannot hold), the later file gets ``-`` + 8 hex
of the SHA-256 of its normal path appended. Two files are thus never one
article because of their names: only equal content (see
:mod:`kg.graph.duplicates`) or an equal URL makes a duplicate.

The canonical JSON of a record is its normalized fields with sorted keys.
Two records with the same id (the same URL in one dump or across dumps, or the
same text without a URL) are one article: the later ones are skipped.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.errors import InputError
from kg.ingest.articles import (
    HtmlPageError, article_file_sha256, article_id_for_file, iter_rooted_paths, normal_path, read_article,
    read_bounded,
)
from kg.ingest.dumps import Skipped, iter_records, parse_published, record_problem
from kg.ingest.html import (
    MAX_HTML_BYTES, Page, article_id_for_url, clean_url, decode_html_bytes, extract_page, split_people,
)
from kg.model import Article

__all__ = ["SOURCE_SUFFIXES", "Skipped", "Source", "file_source", "iter_sources", "load_source", "record_id",
           "source_kind"]

SOURCE_SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".ndjson", ".csv")
_KIND_OF_SUFFIX = {".html": "html", ".htm": "html", ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv"}


@dataclass(frozen=True, slots=True)
class Source:
    """One article to load: a file, or one record of a dump (its normalized fields in ``record``)."""

    key: str                # the path (files) or "PATH#ID" (dump records): unique in a build, stable across builds
    path: str               # the file
    kind: str               # txt | html | jsonl | csv
    locator: str            # for messages: "PATH", "PATH:LINE", "PATH: record N"
    sha256: str | None      # file bytes (None when unreadable: load_source raises the real error) or record JSON
    record: dict[str, str] | None = None
    name: str = ""          # files: the article id unless a page names its canonical URL (unique in a build)


def source_kind(path: Path) -> str:
    """``html``, ``jsonl`` or ``csv`` from the suffix (any case); anything else is read as ``txt``."""
    return _KIND_OF_SUFFIX.get(Path(path).suffix.lower(), "txt")


def iter_sources(inputs: Iterable[Path]) -> Iterator[Source | Skipped]:
    """Files and folders (mixed) → Sources in a stable sorted order; dumps are streamed record by record.

    Folders are walked as :func:`~kg.ingest.articles.iter_article_paths` does
    (sorted, symlinked folders not followed, hidden entries skipped, broken
    links and FIFOs still yielded so that loading reports them) for the
    suffixes in :data:`SOURCE_SUFFIXES`.
    """
    first_seen: dict[str, str] = {}          # record id → locator of its first record
    taken: dict[str, str] = {}               # article id → key of the source that has it
    for root, path in iter_rooted_paths(inputs, suffixes=SOURCE_SUFFIXES):
        if isinstance(path, InputError):
            yield Skipped(path.culprit or str(root), path.message)
            continue
        kind = source_kind(path)
        if kind in ("txt", "html"):
            source = file_source(path, root)
            name = source.name
            if taken.setdefault(name, source.key) != source.key:
                name = f"{name[:111]}-{hashlib.sha256(source.key.encode('utf-8', 'surrogateescape')).hexdigest()[:8]}"
                taken[name] = source.key
                source = dataclasses.replace(source, name=name)
            yield source
        else:
            for item in _record_sources(path, kind, first_seen):
                if isinstance(item, Source):
                    taken.setdefault(item.key.rsplit("#", 1)[1], item.key)
                yield item


def file_source(path: Path, root: Path | None = None) -> Source:
    """The Source of one article file (``.txt`` or a page; any other suffix is read as text), its bytes
    hashed here (None when unreadable: :func:`load_source` then raises the real error). Not for dumps.

    ``root``: the input folder the file was found under (its id is its path relative to it).
    """
    kind = source_kind(path)
    if kind not in ("txt", "html"):
        raise ValueError(f"{path}: a {kind} dump holds many articles: use iter_sources")
    sha = article_file_sha256(path) if kind == "txt" else _html_sha256(path)
    return Source(key=normal_path(path), path=str(path), kind=kind, locator=str(path), sha256=sha,
                  name=article_id_for_file(Path(path), root))


def _record_sources(path: Path, kind: str, first_seen: dict[str, str]) -> Iterator[Source | Skipped]:
    for item in iter_records(path, kind):
        if isinstance(item, Skipped):
            yield item
            continue
        locator, record = item
        problem = record_problem(record)
        if problem:
            yield Skipped(locator, problem)
            continue
        rid = record_id(record)
        if rid in first_seen:
            what = "URL" if record.get("url") else "text"
            yield Skipped(locator, f"same article ({what}) as {first_seen[rid]}; skipped", duplicate=True)
            continue
        first_seen[rid] = locator
        canonical = json.dumps(record, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        yield Source(key=f"{normal_path(path)}#{rid}", path=str(path), kind=kind, locator=locator,
                     sha256=hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest(), record=record)


def record_id(record: dict[str, str]) -> str:
    """A dump record's article id: from its URL, else ``h-`` + 16 hex of the SHA-256 of its text (or HTML)."""
    if record.get("url", "").strip():
        return article_id_for_url(record["url"])
    body = record.get("text") if record.get("text", "").strip() else record.get("html", "")
    return "h-" + hashlib.sha256((body or "").encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _html_sha256(path: Path) -> str | None:
    try:
        return hashlib.sha256(read_bounded(path, str(path), limit=MAX_HTML_BYTES)).hexdigest()
    except InputError:
        return None


# ---------------------------------------------------------------------- load


def load_source(source: Source) -> Article:
    """Runs in worker processes: the Article of a Source, or InputError(culprit=source.locator).

    txt: :func:`~kg.ingest.articles.read_article`. html: the page read (at
    most 5 MB), decoded and extracted (:func:`~kg.ingest.html.extract_page`).
    A record: its text as is, or its HTML through the same extraction; the
    record's metadata overrides what the page says.
    """
    if source.record is not None:
        return _load_record(source)
    path = Path(source.path)
    if source.kind == "html":
        return _load_page(path, source)
    try:
        article = read_article(path)
    except HtmlPageError:                 # a page saved as .txt: read it as the page it is
        try:
            return _load_page(path, source, ("an HTML page saved as text; read as HTML",))
        except InputError as err:
            raise InputError(f"HTML page, not plain text, and {err.message}", culprit=source.locator,
                             hint=err.hint) from None
    return Article(id=_name(source), path=article.path, text=article.text, sha256=article.sha256, kind="txt",
                   locator=source.locator, title=article.title, warnings=article.warnings)


def _load_page(path: Path, source: Source, notes: tuple[str, ...] = ()) -> Article:
    raw = read_bounded(path, source.locator, limit=MAX_HTML_BYTES)
    html, warnings = decode_html_bytes(raw, source.locator)
    page = extract_page(html, source.locator)
    return Article(id=article_id_for_url(page.url) if page.url else _name(source), path=source.path,
                   text=page.text, sha256=hashlib.sha256(raw).hexdigest(), kind="html",
                   locator=source.locator, title=page.title, published=page.published, url=page.url,
                   outlet=page.outlet, authors=page.authors, editors=page.editors, language=page.language,
                   warnings=notes + tuple(warnings))


def _load_record(source: Source) -> Article:
    record = source.record or {}
    problem = record_problem(record)
    if problem:
        raise InputError(problem.removesuffix("; skipped"), culprit=source.locator)
    text = record.get("text", "")
    page = Page(text="")
    if not text.strip():
        page = extract_page(record["html"], source.locator)
        text = page.text
    warnings: list[str] = []
    published = page.published
    if record.get("published"):
        parsed = parse_published(record["published"])
        if parsed:
            published = parsed
        else:
            shown = record["published"].strip().replace("\n", " ")[:60]
            warnings.append(f"unparseable date {shown!r} in field 'published'; ignored")
    url = page.url
    if record.get("url", "").strip():
        url = clean_url(record["url"])
    return Article(id=source.key.rsplit("#", 1)[1], path=source.path, text=text,
                   sha256=source.sha256 or hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(),
                   kind=source.kind, locator=source.locator, title=_clean(record.get("title")) or page.title,
                   published=published, url=url, outlet=_clean(record.get("outlet")) or page.outlet,
                   authors=split_people(record.get("author")) or page.authors,
                   editors=split_people(record.get("editor")) or page.editors, language=page.language,
                   warnings=tuple(warnings))


def _name(source: Source) -> str:
    return source.name or article_id_for_file(Path(source.path))


def _clean(value: str | None) -> str | None:
    return " ".join(value.split()) or None if value else None
