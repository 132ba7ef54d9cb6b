"""Read article files: find them, check them, decode them, give each a stable id.

Bad input is an :class:`~kg.errors.InputError` whose one-line message names
the file and the reason. The checks run cheapest first: the kind of file
(regular file, not a FIFO, device or folder) and its size come from one
``fstat`` before any byte is read, so a 50 MB file or ``/dev/zero`` is refused
at once. Recoverable encodings (UTF-8 with BOM, UTF-16 with BOM, Windows-1252
and Latin-1) are decoded with a warning kept on the article; binary files,
HTML pages, empty files and files with a line too long to be prose are refused.
"""
from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.errors import InputError
from kg.model import Article

ARTICLE_SUFFIXES = (".txt",)
MAX_BYTES = 512 * 1024           # larger files are refused: a long news article is < 100 KB
MAX_LINE = 100_000               # a single line this long is not prose
BINARY_SHARE = 0.01              # more control characters than this share of the text: binary
_MAGIC = ((b"%PDF-", "PDF document"), (b"\x89PNG", "PNG image"), (b"\xff\xd8\xff", "JPEG image"),
          (b"GIF8", "GIF image"), (b"PK\x03\x04", "ZIP archive (or .docx/.odt)"), (b"\x1f\x8b", "gzip archive"),
          (b"{\\rtf", "RTF document"), (b"\xd0\xcf\x11\xe0", "MS Office document"))
_HTML_START = re.compile(r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta)[\s>]",
                         re.IGNORECASE | re.DOTALL)
_HTML_OPEN = re.compile(r"<(?:html|body)[\s>]", re.IGNORECASE)
_HTML_CLOSE = re.compile(r"</(?:html|body)\s*>", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufffd]")


class HtmlPageError(InputError):
    """An HTML page where plain text was expected (:mod:`kg.ingest.sources` reads it as a page instead)."""


def iter_article_paths(sources: Iterable[Path],
                       suffixes: tuple[str, ...] = ARTICLE_SUFFIXES) -> Iterator[Path]:
    """Yield article files from files and folders, sorted, each once.

    Folders are walked recursively without following symlinked folders (a
    symlink loop cannot trap the walk). Every entry ending in one of
    ``suffixes`` (any case; ``.txt`` by default) is yielded, including FIFOs
    and broken or looping symlinks, so that :func:`read_article` reports each
    one instead of dropping it silently. A file named explicitly is yielded
    whatever its suffix.
    """
    for _root, path in iter_rooted_paths(sources, suffixes):
        if isinstance(path, Path):
            yield path


def iter_rooted_paths(sources: Iterable[Path], suffixes: tuple[str, ...] = ARTICLE_SUFFIXES,
                      ) -> Iterator[tuple[Path, Path | InputError]]:
    """As :func:`iter_article_paths`, with the input each file was found under: ``(root, path)``.

    A folder that cannot be listed (permission denied, gone while walked) is
    yielded as ``(root, InputError naming it)`` instead of being skipped silently.
    ``root`` is the folder given, or the file itself when a file was given.
    """
    seen: set[str] = set()
    for source in sources:
        source = Path(source)
        if source.is_dir():
            found: list[Path | InputError] = []

            def unreadable(err: OSError) -> None:
                found.append(InputError(f"folder cannot be read ({err.strerror or err}); its articles are "
                                        "skipped", culprit=str(err.filename or source)))

            for root, dirs, files in os.walk(source, followlinks=False, onerror=unreadable):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found += [Path(root) / f for f in files
                          if f.lower().endswith(suffixes) and not f.startswith(".")]
            paths = sorted(found, key=lambda p: (0, p) if isinstance(p, Path) else (1, Path(p.culprit or "")))
        else:
            paths = [source]
        for path in paths:
            if isinstance(path, InputError):
                yield source, path
                continue
            key = normal_path(path)
            if key not in seen:
                seen.add(key)
                yield source, path


def normal_path(path: Path | str) -> str:
    """One spelling of a file's path, whatever the spelling given: absolute, ``.`` and ``..`` folded, the
    folders' symlinks resolved (the file's own name is kept, so two links to one file stay two names)."""
    path = os.path.abspath(path)
    head, name = os.path.split(path)
    return os.path.join(os.path.realpath(head), name)


def article_id_for_file(path: Path, root: Path | None = None) -> str:
    """The id of an article file from its path relative to the input ``root`` it was found under.

    A file at the top of ``root`` (or given by name) keeps :func:`article_id_for` of its name
    (``0001.txt`` → ``0001``); a file in a sub-folder has its folders in front
    (``a/b/0001.txt`` → ``a-b-0001``). Two files whose ids still clash are told apart by the caller
    (:func:`kg.ingest.sources.iter_sources`).
    """
    path = Path(path)
    try:
        rel = path.relative_to(root) if root is not None and Path(root) != path else Path(path.name)
    except ValueError:
        rel = Path(path.name)
    if len(rel.parts) <= 1:
        return article_id_for(path)
    return article_id_for(Path("-".join(rel.parts)))


def article_id_for(path: Path) -> str:
    """A stable, IRI-safe id from the file name: ``000_f58549c16223ec8b.txt`` → ``000_f58549c16223ec8b``."""
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", path.stem).strip("-.") or "article"
    return stem[:120]


def _binary_kind(raw: bytes) -> str | None:
    for magic, kind in _MAGIC:
        if raw.startswith(magic):
            return kind
    return None


def _utf16_without_bom(raw: bytes) -> bool:
    head = raw[:4096]
    if len(head) < 8:
        return False
    even, odd = head[0::2], head[1::2]
    return odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even) or \
        even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd)


def decode_article_bytes(raw: bytes, culprit: str) -> tuple[str, tuple[str, ...]]:
    """Decode raw bytes to text, or raise InputError naming why it is not an article."""
    kind = _binary_kind(raw)
    if kind:
        raise InputError(f"binary file ({kind}), not text", culprit=culprit, hint="only plain-text articles are read")
    if raw.startswith(b"\xef\xbb\xbf"):
        try:
            return raw[3:].decode("utf-8"), ("UTF-8 byte-order mark removed",)
        except UnicodeDecodeError as err:
            raise InputError(f"starts with a UTF-8 byte-order mark but is not UTF-8 (byte 0x{raw[3 + err.start]:02x} "
                             f"at offset {3 + err.start})", culprit=culprit, hint="re-save as UTF-8") from None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), ("decoded as UTF-16 (byte-order mark)",)
        except UnicodeDecodeError as err:
            raise InputError(f"UTF-16 text that does not decode ({err.reason})", culprit=culprit,
                             hint="re-save as UTF-8") from None
    if b"\x00" in raw[:8192]:
        if _utf16_without_bom(raw):
            raise InputError("UTF-16 text without a byte-order mark", culprit=culprit, hint="re-save as UTF-8")
        raise InputError("binary file (NUL bytes), not text", culprit=culprit,
                         hint="only plain-text articles are read")
    try:
        return raw.decode("utf-8"), ()
    except UnicodeDecodeError as err:
        bad, at = raw[err.start], err.start
    high = sum(1 for b in raw if b >= 0x80)
    if high > 0.3 * len(raw):        # real Windows-1252 prose is mostly ASCII
        raise InputError(f"binary file (not UTF-8: byte 0x{bad:02x} at offset {at}), not text", culprit=culprit,
                         hint="only plain-text articles are read")
    try:
        text, codec = raw.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:
        text, codec = raw.decode("latin-1"), "Latin-1"
    return text, (f"not UTF-8 (byte 0x{bad:02x} at offset {at}); decoded as {codec}",)


def read_bounded(path: Path, culprit: str, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, or InputError.

    The file kind and size are checked on the open descriptor before reading,
    and at most ``limit + 1`` bytes are ever read (a file that grows while it is
    read is refused too). FIFOs are opened non-blocking so they cannot hang.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0))
    except OSError as err:
        raise InputError(_open_failure(path, err), culprit=culprit) from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise InputError("is a folder, not an article file", culprit=culprit)
        if not stat.S_ISREG(st.st_mode):
            what = "a FIFO (named pipe)" if stat.S_ISFIFO(st.st_mode) else \
                "a device" if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode) else \
                "a socket" if stat.S_ISSOCK(st.st_mode) else "not a regular file"
            raise InputError(f"is {what}, not an article file", culprit=culprit)
        if st.st_size > limit:
            raise InputError(f"too large ({_size(st.st_size)} > {_size(limit)})", culprit=culprit,
                             hint="split it into articles")
        chunks, total = [], 0
        while total <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            raise InputError(f"too large (more than {_size(limit)})", culprit=culprit, hint="split it into articles")
        return b"".join(chunks)
    except OSError as err:
        raise InputError(f"cannot be read ({err.strerror or err})", culprit=culprit) from None
    finally:
        os.close(fd)


def _open_failure(path: Path, err: OSError) -> str:
    if err.errno == errno.ELOOP:
        return "a symlink loop, not an article file"
    if err.errno == errno.ENOENT and os.path.islink(path):
        return f"a broken symlink (its target {os.readlink(path)!r} does not exist)"
    if err.errno == errno.ENOENT:
        return "no such file (moved or deleted while building?)"
    if err.errno in (errno.EACCES, errno.EPERM):
        return "cannot be read (permission denied)"
    return f"cannot be read ({err.strerror or err})"


def looks_like_html(text: str) -> bool:
    """An HTML page: it starts with a doctype or an html/head/body tag, or has both an
    opening and a closing html/body tag (a page saved with a text header)."""
    return bool(_HTML_START.match(text[:4096]) or _HTML_OPEN.search(text) and _HTML_CLOSE.search(text))


def _size(n: int) -> str:
    return f"{n / 2**20:.1f} MB" if n >= 2**20 else f"{n / 1024:.0f} KB"


def read_article(path: Path) -> Article:
    """Read one article file into an :class:`Article`, or raise InputError."""
    culprit = str(path)
    raw = read_bounded(Path(path), culprit)
    text, warnings = decode_article_bytes(raw, culprit)
    if looks_like_html(text):
        raise HtmlPageError("HTML page, not plain text", culprit=culprit,
                         hint="save the article's text as .txt (HTML input is not supported yet)")
    if not text.strip():
        raise InputError("empty article (no text)", culprit=culprit)
    if "\x00" in text:
        raise InputError("contains NUL characters, not plain text", culprit=culprit)
    controls = len(_CONTROL.findall(text))
    if controls > max(8, BINARY_SHARE * len(text)):
        raise InputError(f"binary data ({controls} control characters), not text", culprit=culprit,
                         hint="only plain-text articles are read")
    longest = max((len(line) for line in text.splitlines()), default=0)
    if longest > MAX_LINE:
        raise InputError(f"a single line of {longest:,} characters (more than {MAX_LINE:,}): not prose",
                         culprit=culprit, hint="break it into paragraphs")
    title = next((line.strip() for line in text.splitlines() if line.strip()), None)
    return Article(id=article_id_for(path), path=str(path), text=text,
                   sha256=hashlib.sha256(raw).hexdigest(), title=title, warnings=warnings)


def article_file_sha256(path: Path) -> str | None:
    """The SHA-256 of an article file's bytes, or None when :func:`read_article` would refuse to read it.

    Reads through :func:`read_bounded`, so a FIFO, a device or a 50 MB file is
    never opened blocking or read in full just to be hashed.
    """
    try:
        return hashlib.sha256(read_bounded(Path(path), str(path))).hexdigest()
    except InputError:
        return None
