"""One error hierarchy. Each message names the culprit and, where it can, the fix.

Exit codes (documented in the README): 0 done; 1 a KgError (bad input, bad
parameter, unreachable endpoint, or --strict with skipped files); 2 usage error
(click); 3 the graph does not pass validation.
"""
from __future__ import annotations

import re

# the user info of a URL (``http://user:pw@host``) anywhere in a text
_USERINFO = re.compile(r"(?<![A-Za-z0-9+.-])([A-Za-z][A-Za-z0-9+.-]*://)([^/?#\s]*@)")


def redact_url(text: str) -> str:
    """``text`` with the user info of every URL in it replaced by ``***`` (``http://***@host/query``)."""
    return _USERINFO.sub(r"\1***@", str(text))


class KgError(Exception):
    """Base class: an expected failure explained in one line."""

    exit_code = 1

    def __init__(self, message: str, *, culprit: str | None = None, hint: str | None = None) -> None:
        self.message = message
        self.culprit = culprit
        self.hint = hint
        super().__init__(str(self))

    def __str__(self) -> str:
        text = f"{one_line(self.culprit, MAX_CULPRIT)}: {self.message}" if self.culprit else self.message
        text = f"{text}; {self.hint}" if self.hint else text
        text = redact_url(text) if "@" in text else text      # no credentials in any message
        return one_line(text, MAX_MESSAGE)


MAX_CULPRIT = 500      # characters of a file name or locator shown in a message
MAX_MESSAGE = 2000     # characters of a whole message
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def one_line(text: str, limit: int | None = None) -> str:
    """``text`` safe to print as (part of) one line: control characters (newline, CR, ESC…), line and
    bidi separators and undecodable bytes of a file name (``\\udcff`` from ``surrogateescape``) are
    escaped (``\\n``, ``\\x1b``, ``\\xff``), and past ``limit`` characters it is cut with the count left
    out. Idempotent on what it returns only when nothing was cut."""
    def escape(m: re.Match[str]) -> str:
        c = ord(m.group(0))
        if 0xDC80 <= c <= 0xDCFF:                  # a byte that surrogateescape kept
            return f"\\x{c - 0xDC00:02x}"
        return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(m.group(0)) or \
            (f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}")

    text = _UNPRINTABLE.sub(escape, str(text))
    if limit is not None and len(text) > limit:
        text = f"{text[:limit]}… ({len(text) - limit:,} more characters)"
    return text


class InputError(KgError):
    """An article or source file that cannot be read as text."""


class ArticleTimeout(InputError):
    """An article whose extraction took longer than its time budget (``--article-timeout``)."""


class DataError(KgError):
    """A reference, lexicon or ontology file that fails its check when loaded."""


class StoreError(KgError):
    """A built store that is missing, locked, corrupt or half-written."""


class QueryError(KgError):
    """An unknown saved query, a bad header, or a bad parameter value."""


class EndpointError(KgError):
    """A remote SPARQL endpoint that is unreachable or answers badly."""


class ExportError(KgError):
    """An export that cannot be written."""


class ValidationFailed(KgError):
    """The built graph does not pass SHACL or the whole-graph checks."""

    exit_code = 3
