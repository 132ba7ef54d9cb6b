"""The rudof engine: pyrudof (rudof's Rust SHACL engine, an optional dependency), one article per validation.

About three times faster than pyshacl, with the same results on every case under tests/validate/cases and on
the synthetic corpus with mutations (benchmarks/shacl_parity.py); where the two read data differently
(:func:`reads_differently`), the article goes to pyshacl. See :func:`kg.validate.shacl.shacl_engine`.
"""
from __future__ import annotations

import functools
import json
import logging
import os
import re
import time
from typing import Any, Sequence

from kg.validate.report import ValidationReport, Violation
from kg.validate.shacl import pyshacl_engine
from kg.validate.shacl.pyshacl_engine import article_report, violation_key
from kg.validate.shacl.shapes import Prepared
from kg.validate.shacl.terms import XSD_STRING, local_name, rdflib_term

_RUDOF_EMPTY = "<urn:x-pilkada-kg:empty> <urn:x-pilkada-kg:empty> <urn:x-pilkada-kg:empty> .\n"
# rudof validates with worker threads that it starts on first use; they do not survive a fork, and a forked
# child's rudof validation then waits for them forever. A child forked after its parent validated with rudof
# therefore validates with pyshacl (a build never does this: its parent process forks before validating).
_RUDOF_USED = False
_RUDOF_FORKED = False


def _after_fork_in_child() -> None:
    global _RUDOF_FORKED
    if _RUDOF_USED:
        _RUDOF_FORKED = True


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork_in_child)


def rudof_session(prepared: Prepared) -> Any:
    """This process's pyrudof session holding the prepared shapes (made once per process and shapes).

    The session's data graph holds one triple no shape can see; each article
    is loaded into a staging frame over it and rolled back after validation
    (loading data anew costs rudof ~80 ms, a staged load well under 1 ms).
    """
    pid = os.getpid()
    if prepared.rudof is not None and prepared.rudof[0] == pid:
        return prepared.rudof[1]
    try:
        import pyrudof
    except ImportError as err:  # pragma: no cover - depends on the environment
        raise RuntimeError("KG_SHACL_ENGINE=rudof needs pyrudof (pip install pyrudof)") from err
    if prepared.shapes_ntriples is None:
        prepared.shapes_ntriples = prepared.graph.serialize(format="nt")
    session = pyrudof.Rudof(pyrudof.RudofConfig())
    session.read_shacl(prepared.shapes_ntriples, format=pyrudof.ShaclFormat.NTriples)
    session.read_data(_RUDOF_EMPTY, format=pyrudof.RDFFormat.NTriples)
    prepared.rudof = (pid, session)
    return session


def _rdflib_ill_typed(quads: Sequence[Any]) -> bool:
    """Whether rdflib (pyshacl's view of the data) calls a typed literal of the article ill-typed
    (``"2024-02-30"^^xsd:date``) or rewrites its lexical form (``"01"^^xsd:integer`` is ``"1"``)."""
    import pyoxigraph

    for q in quads:
        o = q.object
        if isinstance(o, pyoxigraph.Literal) and not o.language and o.datatype.value != XSD_STRING:
            term = rdflib_term(o)
            if getattr(term, "ill_typed", None) or str(term) != o.value:
                return True
    return False


_XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"


def ordered_predicates(prepared: Prepared) -> frozenset[str]:
    """The predicates whose values sh:lessThan / sh:lessThanOrEquals compare (the path and the other property)."""
    if prepared.ordered is None:
        from rdflib import URIRef
        from rdflib.namespace import SH

        found: set[str] = set()
        for rule in (SH.lessThan, SH.lessThanOrEquals):
            for shape, other in prepared.graph.subject_objects(rule):
                found.add(str(other))
                found.update(str(p) for p in prepared.graph.objects(shape, SH.path) if isinstance(p, URIRef))
        prepared.ordered = frozenset(found)
    return prepared.ordered


def reads_differently(quads: Sequence[Any], prepared: Prepared) -> bool:
    """Whether pyrudof's results on this article may differ from pyshacl's (then pyshacl validates it).

    Two cases, found by benchmarks/shacl_parity.py: a typed literal rdflib
    calls ill-typed (rudof does not check the lexical space of xsd:date) or
    writes in another lexical form (the results would show another value), and
    a value compared by sh:lessThan that is not an xsd:integer literal
    (an IRI, or literals of different datatypes: each engine reports a
    different subset of the incomparable pairs).
    """
    import pyoxigraph

    ordered = ordered_predicates(prepared)
    for q in quads:
        o = q.object
        if q.predicate.value in ordered and not (isinstance(o, pyoxigraph.Literal)
                                                 and o.datatype.value == _XSD_INTEGER):
            return True
    return _rdflib_ill_typed(quads)


def validate_article(quads: Sequence[Any], prepared: Prepared) -> ValidationReport:
    """One article graph by pyrudof; by pyshacl when pyrudof would read it differently.

    Articles that :func:`reads_differently` go to pyshacl, and so does
    any article rudof cannot load or validate.
    """
    if _RUDOF_FORKED:
        _warn_forked()
        return pyshacl_engine.validate_article(quads, prepared)
    if reads_differently(quads, prepared):
        return pyshacl_engine.validate_article(quads, prepared)
    started = time.perf_counter()
    try:
        found = rudof_violations(quads, prepared)
    except Exception:  # noqa: BLE001 - pyshacl gives the verdict (and raises, if it must)
        return pyshacl_engine.validate_article(quads, prepared)
    violations = sorted(found, key=violation_key)
    return article_report(quads, violations, prepared, time.perf_counter() - started)


def validate_articles(batch: Sequence[Sequence[Any]], prepared: Prepared) -> list[ValidationReport]:
    """Each article on its own: rudof has no per-call cost worth amortising."""
    return [validate_article(quads, prepared) for quads in batch]


def rudof_violations(quads: Sequence[Any], prepared: Prepared, strict: bool = True) -> list[Violation]:
    """pyrudof's own results on one article, without the hand-over to pyshacl; an error raises.

    ``strict`` reads the data as :func:`validate_article` does (an ill-typed literal is an error);
    the parity checks read it leniently, to see what rudof makes of such data.
    """
    import pyoxigraph
    import pyrudof

    global _RUDOF_USED
    session = rudof_session(prepared)
    data = pyoxigraph.serialize((pyoxigraph.Triple(q.subject, q.predicate, q.object) for q in quads),
                                format=pyoxigraph.RdfFormat.N_TRIPLES)
    try:
        session.begin_staging()
    except Exception:  # a session in a bad state: the next call makes a new one
        prepared.rudof = None
        raise
    try:
        mode = {"reader_mode": pyrudof.ReaderMode.Strict} if strict else {}
        session.read_data(data.decode("utf-8") if data else "", format=pyrudof.RDFFormat.NTriples,
                          merge=True, **mode)
        _RUDOF_USED = True
        return [_rudof_violation(v) for v in session.validate_shacl()]
    finally:
        try:
            session.rollback_staging()
        except Exception:  # noqa: BLE001
            prepared.rudof = None


@functools.lru_cache(maxsize=1)
def _warn_forked() -> None:
    logging.getLogger(__name__).warning(
        "KG_SHACL_ENGINE=rudof: this process was forked from one that had used rudof, whose threads a fork "
        "does not copy; validating with pyshacl here (start worker processes with 'spawn' or 'forkserver', "
        "or fork them before validating)")


def _rudof_violation(entry: Any) -> Violation:
    path = entry.path
    severity = _rudof_term(str(entry.severity)) if entry.severity is not None else "Violation"
    return Violation(
        focus=_rudof_term(str(entry.focus_node)),
        path=_rudof_term(str(path)) if path else None,
        shape=_rudof_term(str(entry.source_shape)),
        message=_rudof_term(str(entry.message)) if entry.message else "",
        severity=local_name(severity) or "Violation",
        value=_rudof_term(str(entry.value)) if entry.value is not None else None,
    )


def _rudof_term(text: str) -> str:
    """A term as rudof prints it → as :func:`term_text` writes it: an IRI as is, a literal's lexical form."""
    text = text.strip()
    if text.startswith("<") and text.endswith(">"):
        return text[1:-1]
    match = re.fullmatch(r'"((?:[^"\\]|\\.)*)"(?:@[A-Za-z0-9-]+|\^\^\S+)?', text, flags=re.S)
    if match:
        try:
            return json.loads(f'"{match.group(1)}"')
        except ValueError:
            return match.group(1)
    return text
