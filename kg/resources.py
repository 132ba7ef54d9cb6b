"""Where the project's data lives: the one module that builds these paths.

``KG_HOME`` overrides the checkout root (useful when the package is installed
elsewhere and the data folders are copied beside it).
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Resources:
    root: Path

    @classmethod
    def default(cls) -> Resources:
        home = os.environ.get("KG_HOME")
        return cls(Path(home) if home else Path(__file__).resolve().parents[1])

    @property
    def ontology(self) -> Path:
        return self.root / "ontology" / "pilkada.ttl"

    @property
    def ontology_dir(self) -> Path:
        return self.root / "ontology"

    @property
    def shapes(self) -> Path:
        return self.root / "ontology" / "shapes.ttl"

    @property
    def queries(self) -> Path:
        return self.root / "queries"

    @property
    def reference(self) -> Path:
        return self.root / "data" / "reference"

    @property
    def lexicon(self) -> Path:
        return self.root / "data" / "lexicon"

    @property
    def models(self) -> Path:
        return self.root / "data" / "models"

    @property
    def articles(self) -> Path:
        return self.root / "data" / "articles"
