"""Run the whole extraction on a snippet of text, for rule-table tests."""
from __future__ import annotations

from functools import lru_cache

from kg.extract import extract_claims
from kg.model import Article, Claims, Document
from kg.build import Context
from kg.resources import Resources
from kg.ingest.sentences import split_sentences


@lru_cache(maxsize=1)
def context() -> Context:
    return Context.load(Resources.default())


def document(text: str, article_id: str = "t") -> Document:
    ctx = context()
    article = Article(id=article_id, path=f"{article_id}.txt", text=text, sha256="0" * 64)
    return Document(article=article, sentences=split_sentences(text, ctx.furniture))


def claims_of(text: str) -> Claims:
    ctx = context()
    return extract_claims(document(text), ctx.lexicon, ctx.gazetteer)
