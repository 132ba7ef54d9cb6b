"""Learned decisions: features of candidates, and the small logistic models that score them.

Rules propose candidates; where a decision is hard, a logistic regression
trained from the gold sets makes it (``scripts/train_models.py`` trains with
scikit-learn; the weights live in ``data/models/*.json``). Three decisions are
learned:

- ``pairs``: do two neighbouring person names of a sentence form a candidate
  pair (paslon)? Scored for the neighbours the pair rules did not join.
- ``numbers``: is a ballot number written near a pair that pair's number?
  Scored for the pairs the number rules left without one.
- ``parties``: does a party mention back a ticket of the article? Scored for
  every (ticket, party mention) the coalition rules did not link.

Features are strings (present = 1.0) built from the typed mentions of the
article: the words and marks between the names, the words around them, the
title or ballot number next to them, the shape of the names, the layout. No
feature names a person, a region or an outlet. Inference is the model's own
formula (a weighted sum through the logistic function), so extraction does
not import scikit-learn.
"""
from __future__ import annotations

import json
import math
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from kg.errors import DataError

WORD = re.compile(r"[^\W\d_]+|\d+|[-–—/&,;:()“”\"'‘’•·.]", re.UNICODE)
MODEL_NAMES = ("pairs", "numbers", "parties")


@dataclass(frozen=True)
class LogisticModel:
    """A trained logistic regression: ``P(yes) = 1 / (1 + exp(-(bias + Σ w_f)))``."""

    name: str
    weights: dict[str, float]
    bias: float
    threshold: float
    meta: dict[str, Any] = field(default_factory=dict)

    def prob(self, features: dict[str, float]) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) * v for f, v in features.items())
        return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))

    @classmethod
    def load(cls, path: Path) -> LogisticModel:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls(name=str(data["name"]), weights={str(k): float(v) for k, v in data["weights"].items()},
                       bias=float(data["bias"]), threshold=float(data["threshold"]), meta=dict(data.get("meta") or {}))
        except OSError as err:
            raise DataError(f"cannot read model ({err.strerror})", culprit=str(path)) from None
        except (ValueError, KeyError, TypeError, AttributeError) as err:
            raise DataError(f"not a model file: needs name, weights, bias and threshold ({err})",
                            culprit=str(path)) from None


@dataclass(frozen=True)
class Models:
    """The learned decision layers an extraction uses; a missing model means rules alone decide."""

    pairs: LogisticModel | None = None
    numbers: LogisticModel | None = None
    parties: LogisticModel | None = None

    @classmethod
    def load(cls, folder: Path) -> Models:
        found = {n: LogisticModel.load(folder / f"{n}.json") for n in MODEL_NAMES if (folder / f"{n}.json").exists()}
        return cls(**found)


NO_MODELS = Models()


@lru_cache(maxsize=4)
def load_models(folder: str) -> Models:
    return Models.load(Path(folder))


def default_models() -> Models:
    """The shipped weights (``data/models`` of the checkout, or of ``KG_HOME``); ``KG_MODELS`` names
    another folder (the evaluation script points it at weights trained without the set it scores)."""
    folder = os.environ.get("KG_MODELS")
    if folder is None:
        from kg.resources import Resources

        folder = str(Resources.default().models)
    return load_models(folder)


# ------------------------------------------------------------------ words


def words(text: str) -> list[str]:
    """Folded word and mark tokens: letters lower-cased, digits as ``<n>``."""
    out = []
    for w in WORD.findall(text):
        out.append("<n>" if w.isdigit() else w.lower())
    return out


def _bucket(n: int, edges: tuple[int, ...]) -> str:
    for e in edges:
        if n <= e:
            return f"<={e}"
    return f">{edges[-1]}"


def name_shape(prefix: str, name: str) -> dict[str, float]:
    tokens = name.split()
    f = {f"{prefix}_tokens={min(len(tokens), 4)}": 1.0}
    if len(tokens) == 1 and name.isupper():
        f[f"{prefix}_acronym"] = 1.0
    if any(len(t.strip(".")) == 1 for t in tokens):
        f[f"{prefix}_initial"] = 1.0
    return f


def window_features(prefix: str, tokens: list[str], n: int) -> dict[str, float]:
    f: dict[str, float] = {}
    for k, w in enumerate(tokens[:n]):
        f[f"{prefix}={w}"] = 1.0
        if k == 0:
            f[f"{prefix}1={w}"] = 1.0
    return f


def in_quote(text: str, para_start: int, pos: int) -> bool:
    """An opening quote mark before ``pos`` in its paragraph that is not closed yet."""
    seg = text[para_start:pos]
    opens = seg.count("“") + seg.count("‘")
    closes = seg.count("”") + seg.count("’")
    if opens or closes:
        return opens > closes
    return seg.count('"') % 2 == 1


def line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1
