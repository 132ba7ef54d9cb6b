"""One error hierarchy. Each message names the culprit and, where it can, the fix.

Exit codes (documented in the README): 0 done; 1 a KgError (bad input, bad
parameter, unreachable endpoint, or --strict with skipped files); 2 usage error
(click); 3 the graph does not pass validation.
"""
from __future__ import annotations


class KgError(Exception):
    """Base class: an expected failure explained in one line."""

    exit_code = 1

    def __init__(self, message: str, *, culprit: str | None = None, hint: str | None = None) -> None:
        self.message = message
        self.culprit = culprit
        self.hint = hint
        super().__init__(str(self))

    def __str__(self) -> str:
        text = f"{self.culprit}: {self.message}" if self.culprit else self.message
        return f"{text}; {self.hint}" if self.hint else text


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
