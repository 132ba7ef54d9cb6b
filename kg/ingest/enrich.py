"""Complete an article's metadata from its own text, and fingerprint its news text.

Metadata given by the page or the dump record wins; what is missing is taken
from what the text prints (:mod:`kg.ingest.metadata`): authors and editors of a
byline, the outlet of a dateline, and the date, flagged as inferred. The
dateline place is resolved to a region with the gazetteer (a regency or city
first, then a district). The fingerprint hashes the news text only (page
furniture, bylines and the dateline left out, letters folded), so that the
same story syndicated by two outlets has one fingerprint.
"""
from __future__ import annotations

import dataclasses
import hashlib
import re
from typing import Any

from kg.model import Article, Sentence

_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


def enrich_article(article: Article, sentences: tuple[Sentence, ...], lexicon: Any, gazetteer: Any) -> Article:
    """``article`` with its metadata completed from its text and its fingerprint set."""
    from kg.ingest.metadata import text_metadata

    meta = text_metadata(article.text, sentences, lexicon)
    changes: dict[str, Any] = {}
    if not article.published and meta.date:
        changes["published"], changes["published_inferred"] = meta.date, True
    if not article.authors and meta.authors:
        changes["authors"] = tuple(meta.authors)
    if not article.editors and meta.editors:
        changes["editors"] = tuple(meta.editors)
    if not article.outlet and meta.outlet:
        changes["outlet"] = meta.outlet
    if meta.place:
        changes["dateline"] = meta.place
        changes["dateline_region"] = dateline_region(meta.place, gazetteer)
    skip = meta.dateline_span
    changes["fingerprint"] = fingerprint(article.text, sentences, skip)
    return dataclasses.replace(article, **changes)


def dateline_region(place: str, gazetteer: Any) -> str | None:
    """The Kemendagri code of a dateline place: a regency, city or province, else a district."""
    name = " ".join(place.split()).title()
    ref = gazetteer.resolve_region(name) or gazetteer.resolve_region(name, "Kecamatan")
    return ref.code if ref is not None else None


def fingerprint(text: str, sentences: tuple[Sentence, ...], skip: tuple[int, int] | None = None) -> str:
    """SHA-256 of the folded words of the news sentences (furniture and the ``skip`` span left out).

    A text with no news sentence besides these (a headline alone: "Pilkada") is fingerprinted on all its
    words instead, so that two such texts are one article only when they say the same.
    """
    h = hashlib.sha256()
    empty = h.hexdigest()
    first = next((s for s in sentences if not s.furniture), None)
    for s in sentences:
        if s.furniture or (s is first and _is_headline(text, s, sentences)):
            continue
        a, b = s.start, s.end
        if skip is not None and a < skip[1] and skip[0] < b:
            a = max(a, skip[1])
        if a < b:
            words = _NON_WORD.sub(" ", text[a:b].casefold()).strip()
            if words:
                h.update(words.encode("utf-8") + b"\n")
    if h.hexdigest() == empty:
        h.update(b"all:" + _NON_WORD.sub(" ", text.casefold()).strip().encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def _is_headline(text: str, s: Sentence, sentences: tuple[Sentence, ...]) -> bool:
    """A first line that is a title (short, alone on its line, no closing punctuation): outlets retitle copies."""
    line = text[s.start:s.end]
    alone = all(o.paragraph != s.paragraph for o in sentences if o is not s)
    return alone and len(line) < 200 and not line.rstrip().endswith((".", "!", "?", '"', "”"))
