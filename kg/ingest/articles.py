"""Read article files: find them, check them, decode them, give each a stable id.

Bad input is an :class:`~kg.errors.InputError` whose message names the file
and the reason; recoverable encodings (UTF-8 with BOM, UTF-16 with BOM,
Windows-1252) are decoded with a warning kept on the article.
"""
from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.errors import InputError
from kg.model import Article

ARTICLE_SUFFIXES = (".txt",)
MAX_BYTES = 20 * 1024 * 1024     # larger files are refused: no news article is this long
MAX_LINE = 200_000               # a single line this long is not prose


def iter_article_paths(sources: Iterable[Path]) -> Iterator[Path]:
    """Yield article files from files and folders, sorted, each once.

    Folders are walked recursively without following symlinked folders
    (a symlink loop cannot trap the walk).
    """
    seen: set[Path] = set()
    for source in sources:
        source = Path(source)
        if source.is_dir():
            found = []
            for root, dirs, files in os.walk(source, followlinks=False):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found += [Path(root) / f for f in files
                          if f.lower().endswith(ARTICLE_SUFFIXES) and not f.startswith(".")]
            paths = sorted(found)
        else:
            paths = [source]
        for path in paths:
            key = path.absolute()
            if key not in seen:
                seen.add(key)
                yield path


def article_id_for(path: Path) -> str:
    """A stable, IRI-safe id from the file name: ``000_f58549c16223ec8b.txt`` → ``000_f58549c16223ec8b``."""
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", path.stem).strip("-.") or "article"
    return stem[:120]


def decode_article_bytes(raw: bytes, culprit: str) -> tuple[str, tuple[str, ...]]:
    """Decode raw bytes to text, or raise InputError naming why it is not an article."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="strict"), ("UTF-8 byte-order mark removed",)
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), ("decoded as UTF-16 (byte-order mark)",)
        except UnicodeDecodeError as err:
            raise InputError(f"UTF-16 text that does not decode ({err.reason})", culprit=culprit,
                             hint="re-save as UTF-8") from None
    if b"\x00" in raw[:8192]:
        raise InputError("binary file (NUL bytes), not text", culprit=culprit,
                         hint="only plain-text articles are read")
    try:
        return raw.decode("utf-8"), ()
    except UnicodeDecodeError as err:
        bad = raw[err.start]
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError:
            raise InputError(f"not UTF-8 (byte 0x{bad:02x} at offset {err.start})", culprit=culprit,
                             hint="re-save as UTF-8") from None
        return text, (f"not UTF-8 (byte 0x{bad:02x} at offset {err.start}); decoded as Windows-1252",)


def read_article(path: Path) -> Article:
    """Read one article file into an :class:`Article`, or raise InputError."""
    culprit = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"too large ({size / 2**20:.1f} MB > {MAX_BYTES // 2**20} MB)", culprit=culprit,
                             hint="split it into articles")
        raw = path.read_bytes()
    except InputError:
        raise
    except IsADirectoryError:
        raise InputError("is a folder, not an article file", culprit=culprit) from None
    except PermissionError:
        raise InputError("cannot be read (permission denied)", culprit=culprit) from None
    except OSError as err:
        raise InputError(f"cannot be read ({err.strerror or err})", culprit=culprit) from None
    text, warnings = decode_article_bytes(raw, culprit)
    if not text.strip():
        raise InputError("empty article (no text)", culprit=culprit)
    if "\x00" in text:
        raise InputError("contains NUL characters, not plain text", culprit=culprit)
    if max((len(line) for line in text.splitlines()), default=0) > MAX_LINE:
        raise InputError(f"a single line longer than {MAX_LINE:,} characters: not an article",
                         culprit=culprit)
    title = next((line.strip() for line in text.splitlines() if line.strip()), None)
    return Article(id=article_id_for(path), path=str(path), text=text,
                   sha256=hashlib.sha256(raw).hexdigest(), title=title, warnings=warnings)
