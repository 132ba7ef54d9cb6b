"""An article's text as the build read it, re-read from its source, and a fact's evidence in its sentence.

The build keeps no copy of the text: evidence offsets index into the text that
:func:`kg.ingest.sources.load_source` gives for the source the manifest names (a
file, or one record of a dump). :func:`read_source_text` reads it again and says
whether it is still the text the build saw (its SHA-256 against the graph's
``pk:contentHash``); :func:`evidence_context` cuts the sentence(s) around an
evidence span, or says why it cannot (no text, or offsets that no longer fit).
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.errors import KgError
from kg.model import Sentence

CONTEXT_LIMIT = 1200      # characters of a context shown at most on each side of a span


@dataclass(frozen=True, slots=True)
class SourceText:
    """The text of one article as far as it could be read again."""

    status: str                     # ok | changed | missing
    message: str = ""               # for changed / missing: one line saying what happened
    text: str | None = None
    sentences: tuple[Sentence, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"status": self.status, "message": self.message}


def read_source_text(key: str, locator: str, sha256: str | None, furniture: Any) -> SourceText:
    """The text of the source the manifest keys ``key`` (a file's normal path, or ``PATH#ID`` of a dump
    record), split into sentences as the build split it; ``status`` says whether it can be trusted."""
    from kg.ingest.sentences import split_sentences

    try:
        article = _load(key)
    except KgError as err:
        return SourceText("missing", f"the source cannot be read again ({err}); showing the evidence alone")
    except OSError as err:
        return SourceText("missing", f"{locator}: the source cannot be read again ({err.strerror or err}); "
                                     "showing the evidence alone")
    if article is None:
        return SourceText("missing", f"{locator}: the source is gone (moved or deleted since the build); "
                                     "showing the evidence alone")
    sentences = split_sentences(article.text, furniture)
    if sha256 and article.sha256 != sha256:
        return SourceText("changed", f"{locator}: the source changed since the build; evidence whose offsets "
                                     "no longer fit shows alone (rebuild to refresh)", article.text, sentences)
    return SourceText("ok", "", article.text, sentences)


def _load(key: str) -> Any:
    from kg.ingest.sources import Source, file_source, iter_sources, load_source

    path, hash_mark, record = key.partition("#")
    if hash_mark and not Path(key).exists():           # a dump record: stream the dump to it
        if not Path(path).is_file():
            return None
        for source in iter_sources([Path(path)]):
            if isinstance(source, Source) and source.key == key:
                return load_source(source)
        return None
    if not Path(key).is_file():
        return None
    return load_source(file_source(Path(key)))


def evidence_context(source: SourceText, evidence: str, start: int | None, end: int | None) -> dict[str, Any]:
    """The sentence(s) holding the span ``start:end``: ``{"before", "span", "after", "sentence", "fits"}``.

    ``fits`` is False (and ``span`` the stored evidence alone) when there is no text, no offsets, or the
    text at the offsets is not the evidence (a changed source).
    """
    text = source.text
    if text is None or start is None or end is None or not (0 <= start <= end <= len(text)) \
            or " ".join(text[start:end].split()) != " ".join(evidence.split()):
        return {"before": "", "span": evidence, "after": "", "sentence": evidence, "fits": False}
    lo, hi = _sentence_bounds(source.sentences, start, end, len(text))
    lo, hi = max(lo, start - CONTEXT_LIMIT), min(hi, end + CONTEXT_LIMIT)
    return {"before": text[lo:start], "span": text[start:end], "after": text[end:hi],
            "sentence": " ".join(text[lo:hi].split()), "fits": True}


def _sentence_bounds(sentences: tuple[Sentence, ...], start: int, end: int, size: int) -> tuple[int, int]:
    """From the start of the sentence holding ``start`` to the end of the one holding ``end - 1``."""
    if not sentences:
        return start, end
    starts = [s.start for s in sentences]
    first = sentences[max(bisect.bisect_right(starts, start) - 1, 0)]
    last = sentences[max(bisect.bisect_right(starts, max(end - 1, start)) - 1, 0)]
    return min(first.start, start), max(last.end, end)


def sentence_spans(source: SourceText) -> list[list[int]]:
    """``[[start, end], …]`` of every sentence, for the page to find the sentence of a selection."""
    return [[s.start, s.end] for s in source.sentences]
