"""Turn what an analyst types into the graph's IRIs: regions, parties, offices, qualifiers, themes.

Regions and parties go through the gazetteer (names, abbreviations, codes,
any spelling of a party); office titles through the lexicon's title rules and
then the SKOS labels of ``ontology/offices.ttl``; qualifiers and themes
through the SKOS labels (``prefLabel``, ``altLabel``, ``hiddenLabel``) and
slugs of ``ontology/offices.ttl`` and ``ontology/themes.ttl``. Everything is
loaded lazily, on the first parameter of its kind.
"""
from __future__ import annotations

from typing import Any

import difflib
from collections.abc import Callable
from pathlib import Path

from kg import vocab as V
from kg.graph import iris
from kg.resources import Resources

SCHEME_FILES = {"office": "offices.ttl", "qualifier": "offices.ttl", "theme": "themes.ttl"}
SCHEME_BASES = {"office": V.OFFICE, "qualifier": V.QUALIFIER, "theme": V.THEME}
LABEL_PROPS = (V.SKOS + "prefLabel", V.SKOS + "altLabel", V.SKOS + "hiddenLabel")


def read_concept_labels(path: Path, base: str) -> dict[str, str]:
    """Lower-cased label or slug → concept IRI, for the concepts of ``path`` under ``base``."""
    import pyoxigraph

    index: dict[str, str] = {}
    with open(path, "rb") as f:
        for triple in pyoxigraph.parse(f, format=pyoxigraph.RdfFormat.TURTLE):
            s = triple.subject.value
            if not s.startswith(base):
                continue
            index.setdefault(s[len(base):].lower(), s)
            if triple.predicate.value in LABEL_PROPS:
                index.setdefault(triple.object.value.strip().lower(), s)
    return index


class TermResolver:
    """Callable ``(kind, text) → IRI | None``; :meth:`nearest` gives a hint for a miss."""

    def __init__(self, resources: Resources | None = None, gazetteer: Any = None) -> None:
        self.res = resources or Resources.default()
        self._gaz = gazetteer          # one already loaded (a build's), else loaded when first needed
        self._lex = None
        self._schemes: dict[str, dict[str, str]] = {}

    def gazetteer(self):  # type: ignore[no-untyped-def]
        if self._gaz is None:
            from kg.resolve.gazetteer import Gazetteer

            self._gaz = Gazetteer.load(self.res.reference)
        return self._gaz

    def scheme(self, kind: str) -> dict[str, str]:
        if kind not in self._schemes:
            self._schemes[kind] = read_concept_labels(self.res.ontology_dir / SCHEME_FILES[kind],
                                                      SCHEME_BASES[kind])
        return self._schemes[kind]

    def __call__(self, kind: str, value: str) -> str | None:
        v = " ".join(value.split())
        if not v:
            return None
        if kind == "region":
            if v.upper() in {"ID", "INDONESIA"}:
                return iris.region_iri("ID")
            ref = self.gazetteer().resolve_region(v)
            return iris.region_iri(ref.code) if ref else None
        if kind == "party":
            code = self.gazetteer().resolve_party(v)
            return iris.party_iri(code) if code else None
        if kind == "office":
            found = self.scheme("office").get(v.lower()) or self.scheme("office").get(iris.slugify(v))
            return found or self._office_by_lexicon(v)
        if kind in {"qualifier", "theme"}:
            table = self.scheme(kind)
            return table.get(v.lower()) or table.get(iris.slugify(v))
        if kind == "person":
            return iris.person_iri(iris.slugify(v))
        return None

    def _office_by_lexicon(self, text: str) -> str | None:
        from kg.extract.lexicon import load_lexicon, title_rule

        if self._lex is None:
            self._lex = load_lexicon(self.res.lexicon)
        rule = title_rule(self._lex, text)
        return iris.office_iri(rule.title) if rule else None

    def nearest(self, kind: str, value: str) -> str | None:
        """A known spelling close to ``value`` (for an error's hint), where the kind has a closed list."""
        if kind not in SCHEME_FILES:
            return None
        names = [k for k in self.scheme(kind) if "-" not in k or kind == "theme"]
        near = difflib.get_close_matches(value.lower(), names, n=1, cutoff=0.6)
        return near[0] if near else None


def make_term_resolver(resources: Resources | None = None) -> Callable[[str, str], str | None]:
    return TermResolver(resources)
