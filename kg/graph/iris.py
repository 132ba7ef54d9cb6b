"""Deterministic IRIs for every node and graph: never blank nodes.

Keys: regions by Kemendagri code, parties by code, people by a slug of the
canonical name, elections by region + year (+ ``psu``), tickets by election +
ballot number (or the head's key when no number is printed), statements and
holdings by a hash of their defining content. See ``ontology/README.md``.
"""
from __future__ import annotations

import hashlib
import re

from kg import vocab
from kg.resolve.keys import slugify as slugify   # the slug of keys (people, titles), re-exported for minting


def short_hash(*parts: object, n: int = 16) -> str:
    return hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:n]


def article_iri(article_id: str) -> str:
    return f"{vocab.ID}article/{slugify_id(article_id)}"


def article_graph_iri(article_id: str) -> str:
    return f"{vocab.GRAPH}article/{slugify_id(article_id)}"


def outlet_iri(key: str) -> str:
    """An outlet by its domain (``kompas.com``) or, without one, by a slug of its name."""
    return f"{vocab.ID}outlet/{slugify(key)}"


def journalist_iri(name: str) -> str:
    return f"{vocab.ID}journalist/{slugify(name)}"


def slugify_id(article_id: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", article_id)


def region_iri(code: str) -> str:
    return f"{vocab.ID}region/{code}"


def party_iri(code: str) -> str:
    return f"{vocab.ID}party/{code}"


def person_iri(key: str) -> str:
    return f"{vocab.ID}person/{key}"


def office_iri(title: str) -> str:
    return f"{vocab.OFFICE}{slugify(title)}"


def qualifier_iri(qualifier: str | None) -> str:
    return f"{vocab.QUALIFIER}{slugify(qualifier) if qualifier else 'definitive'}"


def theme_iri(slug: str) -> str:
    return f"{vocab.THEME}{slug}"


def post_iri(title: str, region: str | None) -> str:
    return f"{vocab.ID}post/{slugify(title)}/{region or 'unknown'}"


def election_iri(region: str | None, year: int | None, revote: bool = False, office: str | None = None) -> str:
    base = f"{vocab.ID}election/{region or 'unknown'}/{year or 'unknown'}"
    if region is None and office:
        base += f"/{slugify(office)}"
    return base + ("/psu" if revote else "")


def ticket_iri(election: str, number: int | None, head_key: str) -> str:
    tail = str(number) if number is not None else f"head-{head_key}"
    return f"{election.replace('/election/', '/ticket/', 1)}/{tail}"


def holding_iri(person_key: str, title: str, region: str | None, qualifier: str | None,
                start: str | None, end: str | None) -> str:
    return f"{vocab.ID}holding/{short_hash(person_key, title, region, qualifier, start, end)}"


def statement_iri(article_id: str, start: int, text: str) -> str:
    return f"{vocab.ID}statement/{short_hash(article_id, start, text)}"


def event_iri(article_id: str, kind: str, start: int) -> str:
    return f"{vocab.ID}event/{short_hash(article_id, kind, start)}"


def evidence_iri(article_id: str, start: int, end: int) -> str:
    return f"{vocab.ID}evidence/{slugify_id(article_id)}/{start}-{end}"
