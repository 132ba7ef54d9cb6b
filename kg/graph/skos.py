"""Read SKOS schemes of ``ontology/`` into plain Python for the extractors."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from kg import vocab
from kg.errors import DataError


@lru_cache(maxsize=4)
def load_theme_keywords(path: Path) -> dict[str, tuple[str, ...]]:
    """Theme slug → Indonesian keywords (prefLabel@id, altLabel@id, hiddenLabel@id), lower-cased."""
    import pyoxigraph

    if not path.exists():
        return {}
    words: dict[str, set[str]] = {}
    preds = {vocab.SKOS + "prefLabel", vocab.SKOS + "altLabel", vocab.SKOS + "hiddenLabel"}
    try:
        with open(path, "rb") as fh:
            for t in pyoxigraph.parse(fh, format=pyoxigraph.RdfFormat.TURTLE):
                s = t.subject.value if isinstance(t.subject, pyoxigraph.NamedNode) else ""
                if not s.startswith(vocab.THEME) or t.predicate.value not in preds:
                    continue
                if isinstance(t.object, pyoxigraph.Literal) and (t.object.language or "id") == "id":
                    words.setdefault(s[len(vocab.THEME):], set()).add(t.object.value.lower())
    except SyntaxError as err:
        raise DataError(f"cannot parse ({str(err).splitlines()[0]})", culprit=str(path)) from None
    return {slug: tuple(sorted(w)) for slug, w in sorted(words.items())}
