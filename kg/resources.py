"""Where the project's data lives: the one module that builds these paths.

``KG_HOME`` overrides the checkout root (useful when the package is installed
elsewhere and the data folders are copied beside it).
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Resources:
    root: Path

    @classmethod
    def default(cls) -> Resources:
        """``KG_HOME``; else the checkout the package runs from; else the copy a plain ``pip install .`` put
        in ``PREFIX/share/pilkada-kg`` (pyproject's data-files)."""
        home = os.environ.get("KG_HOME")
        if home:
            return cls(Path(home))
        checkout = Path(__file__).resolve().parents[1]
        installed = Path(sys.prefix) / "share" / "pilkada-kg"
        if not (checkout / "ontology").is_dir() and (installed / "ontology").is_dir():
            return cls(installed)
        return cls(checkout)

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
