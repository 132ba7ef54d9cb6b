"""Training examples for the learned decision layers, from the labelled evaluation sets.

An evaluation set is a folder of ``STEM.txt`` + ``STEM.gold.yaml`` pairs
(``../shared/eval/GOLD_SCHEMA.md``); ``eval/sets.yaml`` says which sets may be
trained on. Each article is read and tagged exactly as a build does; its
candidates (neighbouring names, ticket–party links) get their features from
:mod:`kg.extract.pair_features` and :mod:`kg.extract.party_features` and a
label from the gold: a candidate pair is a ticket when a gold ticket of the
article has that head and that running mate; a party mention backs a ticket
when the gold lists that party for that ticket.

Curated articles are labelled examples too: :func:`curated_set` writes the curated articles of a build as such
a folder (``scripts/train_models.py --curations BUILD``).
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from kg.errors import DataError


@dataclass(frozen=True)
class Example:
    set: str
    article: str
    features: dict[str, float]
    label: int
    rule: bool = False         # the rules already say yes: a learned "yes" adds nothing here
    group: str = ""            # candidates of which extraction keeps only the best (one number per pair, one
                               # ticket per party mention); "" = on its own
    skip: bool = False         # extraction never takes this candidate (a constraint rules it out)


@dataclass(frozen=True)
class EvalSet:
    name: str
    path: Path
    role: str                  # training | blind


def read_sets(index: Path) -> list[EvalSet]:
    """The sets of ``eval/sets.yaml``, in file order."""
    try:
        data = yaml.safe_load(index.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as err:
        raise DataError(f"cannot read the set index ({err})", culprit=str(index)) from None
    out = []
    for name, entry in (data.get("sets") or {}).items():
        if not isinstance(entry, dict) or entry.get("role") not in {"training", "blind"} or "path" not in entry:
            raise DataError(f"set {name!r} needs a path and a role (training or blind)", culprit=str(index))
        out.append(EvalSet(str(name), (index.parent / entry["path"]).resolve(), entry["role"]))
    return out


def fold(text: Any) -> str:
    text = unicodedata.normalize("NFKD", str(text or ""))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


class NameMatcher:
    """Two names are one person when the tokens of one (honorifics and degrees left out) are among the
    other's: the rule the scorer uses."""

    def __init__(self, lex: Any) -> None:
        self.skip = {w.replace(".", "").lower() for w in (*lex.prefixes, *lex.degrees)}

    def tokens(self, name: Any) -> frozenset[str]:
        head = str(name or "").split(",")[0]
        return frozenset(t for t in fold(head).split() if t not in self.skip and len(t) > 1)

    def same(self, a: Any, b: Any) -> bool:
        x, y = self.tokens(a), self.tokens(b)
        return bool(x and y) and (x <= y or y <= x)


@dataclass(frozen=True)
class GoldTicket:
    head: str
    deputy: str | None
    parties: frozenset[str]
    number: int | None = None


def gold_tickets(path: Path) -> list[GoldTicket]:
    doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return [GoldTicket(str(t.get("head") or ""), t.get("deputy") or None,
                       frozenset(str(p) for p in t.get("parties") or ()), t.get("number"))
            for t in doc.get("tickets") or [] if t.get("head")]


def articles_of(s: EvalSet) -> Iterator[tuple[Path, Path]]:
    for gold in sorted(s.path.glob("*.gold.yaml")):
        txt = gold.with_name(gold.name[: -len(".gold.yaml")] + ".txt")
        if txt.exists():
            yield txt, gold


def curated_set(data: Path, into: Path, name: str, folder: Path | None = None,
                assume_confirmed: bool = True) -> tuple[EvalSet, Any]:
    """The curated articles of the build at ``data`` as a training set: each article's text and its curated
    truth (:func:`kg.curate.gold.curated_gold`, from the curations of ``folder``, by default the folder the build
    applied) written into the folder ``into`` (``kg curate gold``), read as any evaluation set is. Returns the
    set and what was written (its notes and problems say which curations and articles were left out).

    ``assume_confirmed`` (the default here) takes a curated article's extracted facts that no curation marks
    as right: with only the named facts, every ticket no curation names would teach "not a ticket"."""
    from kg.curate.service import write_gold_set

    report = write_gold_set(data, into, folder, assume_confirmed=assume_confirmed)
    return EvalSet(name, Path(into), "training"), report
