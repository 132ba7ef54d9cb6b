"""What every article of a build needs, loaded once per process and only when first needed."""
from __future__ import annotations

import functools
from typing import Any

from kg.extract.lexicon import Lexicon, load_lexicon
from kg.graph.skos import load_theme_keywords
from kg.ingest.furniture import Furniture
from kg.ingest.sentences import load_furniture_patterns
from kg.resolve.gazetteer import Gazetteer
from kg.resolve.outlets import OutletTable
from kg.resources import Resources
from kg.validate.shacl import load_shapes


class Context:
    """The lexicon, gazetteer, page furniture, outlets and SHACL shapes of a build, each loaded on first use.

    A rebuild in which no article changed never loads the lexicon, the shapes or
    the gazetteer. :meth:`warm` loads everything (before worker processes fork,
    so that they inherit it instead of loading it again).
    """

    def __init__(self, resources: Resources, article_timeout: float | None = None) -> None:
        self.resources = resources
        self.article_timeout = article_timeout      # seconds per article (None: no limit); see kg.budget

    @classmethod
    def load(cls, resources: Resources) -> Context:
        return cls(resources)

    @functools.cached_property
    def lexicon(self) -> Lexicon:
        themes = load_theme_keywords(self.resources.ontology_dir / "themes.ttl")
        return load_lexicon(self.resources.lexicon, themes)

    @functools.cached_property
    def gazetteer(self) -> Gazetteer:
        return Gazetteer.load(self.resources.reference)

    @functools.cached_property
    def furniture(self) -> Furniture:
        return load_furniture_patterns(self.resources.lexicon / "furniture.yaml")

    @functools.cached_property
    def outlets(self) -> OutletTable:
        return OutletTable.load(self.resources.reference / "outlets.csv")

    @functools.cached_property
    def shapes(self) -> Any:
        """The SHACL shapes (an rdflib Graph; rdflib is imported when they are loaded)."""
        return load_shapes(self.resources.shapes)

    def warm(self) -> Context:
        for name in ("lexicon", "gazetteer", "furniture", "outlets", "shapes"):
            getattr(self, name)
        return self
