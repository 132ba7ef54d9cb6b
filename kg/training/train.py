"""Train every learned layer from the training sets, in the order extraction uses them: ``pairs``, then
``numbers`` on the pairs found with that pairs model, then ``parties`` on the tickets found with both."""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kg.extract.learned import LogisticModel, Models
from kg.training.dataset import EvalSet, NameMatcher, articles_of, gold_tickets
from kg.training.examples import number_examples, pair_examples, party_examples, read_document
from kg.training.fit import fit_model, write_model


def train_models(sets: Sequence[EvalSet], out: Path, ctx: Any) -> dict[str, dict[str, Any]]:
    """Fit the models on ``sets`` and write them to ``out``; returns the written models."""
    names = NameMatcher(ctx.lexicon)
    docs = [(s.name, read_document(txt, ctx), gold_tickets(gold)) for s in sets for txt, gold in articles_of(s)]
    used = [s.name for s in sets]
    pairs = fit_model("pairs", [e for n, d, g in docs for e in pair_examples(n, d, g, ctx, names)], used)
    write_model(pairs, out)
    models = Models(pairs=_model(pairs))
    numbers = fit_model("numbers", [e for n, d, g in docs for e in number_examples(n, d, g, ctx, names, models)],
                        used)
    write_model(numbers, out)
    models = Models(pairs=_model(pairs), numbers=_model(numbers))
    parties = fit_model("parties", [e for n, d, g in docs for e in party_examples(n, d, g, ctx, names, models)],
                        used)
    write_model(parties, out)
    return {"pairs": pairs, "numbers": numbers, "parties": parties}


def _model(data: dict[str, Any]) -> LogisticModel:
    return LogisticModel(name=data["name"], weights=data["weights"], bias=data["bias"], threshold=data["threshold"])
