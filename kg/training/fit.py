"""Fit one logistic regression on labelled candidates and write it as a small JSON file.

scikit-learn's ``LogisticRegression`` (liblinear solver: deterministic) over a
``DictVectorizer`` of the string features. Weights are rounded and sorted so
that the file is byte-for-byte reproducible; features whose weight rounds to
zero are left out.
"""
from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kg.training.dataset import Example

DEFAULT_C = {"pairs": 0.5, "numbers": 0.5, "parties": 0.5}
MIN_COUNT = 2        # a feature seen in fewer training examples is left out
THRESHOLDS = tuple(round(0.3 + 0.05 * k, 2) for k in range(14))     # 0.30 … 0.95


def choose_threshold(name: str, examples: Sequence[Example], c: float) -> tuple[float, dict[str, int]]:
    """The threshold with the most net gain where the model adds to the rules, by leave-one-set-out inside
    the training sets: fit on every set but one, score that one's candidates the rules did not take (the
    best of each group, as extraction takes them), and count right additions minus wrong ones; ties go to
    the higher threshold."""
    sets = sorted({e.set for e in examples})
    gain = {t: 0 for t in THRESHOLDS}
    for held in sets:
        train = [e for e in examples if e.set != held]
        test = [e for e in examples if e.set == held and not e.rule]
        if not test or len({e.label for e in train}) < 2:
            continue
        model = _fit(train, c)
        best: dict[str, tuple[float, int]] = {}
        for k, e in enumerate(test):
            if e.skip:
                continue
            p = _prob(model, e.features)
            key = e.group or f"#{k}"
            if key not in best or p > best[key][0]:
                best[key] = (p, e.label)
        for p, label in best.values():
            for t in THRESHOLDS:
                if p >= t:
                    gain[t] += 1 if label else -1
    threshold = max(THRESHOLDS, key=lambda t: (gain[t], t))
    return threshold, {f"{t:.2f}": gain[t] for t in THRESHOLDS}


def _prob(model: dict[str, Any], features: dict[str, float]) -> float:
    import math

    z = model["bias"] + sum(model["weights"].get(f, 0.0) * v for f, v in features.items())
    return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))


def fit_model(name: str, examples: Sequence[Example], sets: Sequence[str], c: float | None = None,
              threshold: float | None = None) -> dict[str, Any]:
    """Fit on every candidate (those extraction never scores, ``skip``, teach what is not a ticket, number or
    backing too) and choose the threshold on the ones it scores."""
    c = DEFAULT_C[name] if c is None else c
    model = _fit(examples, c)
    gains: dict[str, int] = {}
    if threshold is None:
        threshold, gains = choose_threshold(name, examples, c)
    return {
        "name": name,
        "bias": model["bias"],
        "threshold": threshold,
        "weights": model["weights"],
        "meta": {"learner": "sklearn LogisticRegression (liblinear, L2)", "C": c, "trained_on": list(sets),
                 "examples": len(examples), "positives": sum(e.label for e in examples),
                 "min_feature_count": MIN_COUNT,
                 "threshold_net_gain": gains},
    }


def _fit(examples: Sequence[Example], c: float) -> dict[str, Any]:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    counts: dict[str, int] = {}
    for e in examples:
        for f in e.features:
            counts[f] = counts.get(f, 0) + 1
    rows = [{f: v for f, v in e.features.items() if counts[f] >= MIN_COUNT} for e in examples]
    labels = [e.label for e in examples]
    if len(set(labels)) < 2:
        raise ValueError("the training examples need both labels")
    vec = DictVectorizer(sort=True)
    x = vec.fit_transform(rows).toarray()    # small: dense keeps the solver independent of sparse index types
    clf = LogisticRegression(C=c, solver="liblinear", max_iter=1000, random_state=0)
    clf.fit(x, labels)
    weights = {f: round(float(w), 4) for f, w in zip(vec.get_feature_names_out(), clf.coef_[0])}
    return {"bias": round(float(clf.intercept_[0]), 4),
            "weights": {f: w for f, w in sorted(weights.items()) if w != 0.0}}


def write_model(model: dict[str, Any], folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{model['name']}.json"
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(model, indent=1, ensure_ascii=False, sort_keys=False) + "\n", encoding="utf-8")
    tmp.replace(path)
    return path
