"""Leave out the smallest part of an article graph that breaks a shape, instead of the whole article.

One bad fact (a one-letter byline name, a holding that ends before it starts)
must not cost an article its other facts. Given the violations of one graph,
:func:`prune_quads` removes, for each result, the smallest unit that carries
it:

1. the statement ``focus path value`` when the result names its value
   (``rdfs:label "A"`` of a journalist: too short);
2. else every ``focus path *`` statement when there are any (two
   ``pk:startDate`` values: which is right is unknown);
3. else (a required property is missing) the focus node itself: its own
   statements and every statement that points to it (a journalist without a
   label is no journalist: the article's ``schema:author`` link to it goes too).

The caller validates again: what pointed to a removed node may now break a
shape itself (a holding whose holder is gone), and is removed in the next
round. The nodes in ``protect`` (the article node) are never removed whole:
a violation there that rules 1 and 2 cannot fix leaves the graph as it is,
and the caller drops the article as before.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Pruned:
    """What was removed for one violation: the shape, the focus node, the unit and how many quads."""

    shape: str
    focus: str
    unit: str            # "statement" | "property" | "node"
    quads: int
    message: str


def prune_quads(quads: Sequence[Any], violations: Iterable[Any],
                protect: Iterable[str] = ()) -> tuple[list[Any], list[Pruned]]:
    """``quads`` without the smallest units that carry ``violations``, and what was removed.

    Quads are pyoxigraph ``Quad`` objects; violations are
    :class:`~kg.validate.report.Violation` (focus, path and value as strings).
    An empty list of removals means nothing could be removed.
    """
    protected = set(protect)
    drop: set[int] = set()
    pruned: list[Pruned] = []
    for v in violations:
        focus_of = [i for i, q in enumerate(quads) if i not in drop and _key(q.subject) == v.focus]
        unit, hit = "", []
        if v.path:
            on_path = [i for i in focus_of if q_pred(quads[i]) == v.path]
            if v.value is not None:
                hit = [i for i in on_path if _key(quads[i].object) == v.value]
                unit = "statement"
            if not hit and on_path:
                hit, unit = on_path, "property"
        if not hit and v.focus not in protected:
            hit = focus_of + [i for i, q in enumerate(quads) if i not in drop and _key(q.object) == v.focus]
            unit = "node"
        if hit:
            drop.update(hit)
            pruned.append(Pruned(v.shape, v.focus, unit, len(set(hit)), v.message))
    return [q for i, q in enumerate(quads) if i not in drop], pruned


def q_pred(quad: Any) -> str:
    return str(quad.predicate.value)


def _key(term: Any) -> str:
    """A term as validation results name it: an IRI or a literal's lexical form, ``_:id`` for a blank node."""
    return f"_:{term.value}" if type(term).__name__ == "BlankNode" else str(term.value)
