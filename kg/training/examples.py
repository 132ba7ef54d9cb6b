"""Labelled candidates of one article: what the learned layers are trained on.

The article is read, split and tagged as a build does (:func:`read_document`);
the candidates are the ones extraction scores at run time.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from kg.extract import extract_claims
from kg.extract.learned import NO_MODELS, Models
from kg.extract.mentions import Mentions, tag_mentions
from kg.extract.offices import trim_title_names
from kg.extract.number_features import number_candidates, number_label, number_mentions
from kg.extract.pair_features import learned_pairs, pair_features, speaks_of_candidates
from kg.extract.pairs import find_pair_mentions, phrase, sentence_names
from kg.extract.party_features import party_candidates
from kg.ingest.enrich import enrich_article
from kg.ingest.sentences import split_sentences
from kg.ingest.sources import file_source, load_source
from kg.model import Document
from kg.training.dataset import Example, GoldTicket, NameMatcher


def read_document(path: Path, ctx: Any) -> Document:
    article = load_source(file_source(path))
    sentences = split_sentences(article.text, ctx.furniture)
    article = enrich_article(article, sentences, ctx.lexicon, ctx.gazetteer)
    return Document(article=article, sentences=sentences)


def tagged(doc: Document, ctx: Any) -> Mentions:
    m = tag_mentions(doc, ctx.lexicon, ctx.gazetteer)
    trim_title_names(m, ctx.lexicon, ctx.gazetteer)
    return m


def pair_examples(set_name: str, doc: Document, gold: list[GoldTicket], ctx: Any,
                  names: NameMatcher) -> list[Example]:
    """Every two neighbouring names of a sentence; a ticket when a gold ticket has them as head and mate."""
    m = tagged(doc, ctx)
    ruled = {(p.head.start, p.deputy.start) for p in find_pair_mentions(m, ctx.lexicon)
             if p.head is not None and p.deputy is not None}
    m = tagged(doc, ctx)
    out = []
    for s in m.sentences():
        found = sentence_names(m, s, ctx.lexicon)
        gated = not speaks_of_candidates(m, s, ctx.lexicon) or bool(phrase(ctx.lexicon, "not_pair").search(
            m.doc.text, s.start, s.end))
        for i in range(len(found) - 1):
            a, b = found[i].name.name, found[i + 1].name.name
            if a == b:
                continue
            label = any(t.deputy and names.same(t.head, a) and names.same(t.deputy, b) for t in gold)
            out.append(Example(set_name, doc.article.id, pair_features(m, s, found, i, ctx.lexicon), int(label),
                               rule=(found[i].start, found[i + 1].start) in ruled, skip=gated))
    return out


def number_examples(set_name: str, doc: Document, gold: list[GoldTicket], ctx: Any, names: NameMatcher,
                    models: Models = NO_MODELS) -> list[Example]:
    """Every (named pair, ballot number nearby) of pairs that match a gold ticket; right when the gold ticket
    has that number (a gold ticket without a number makes every candidate wrong)."""
    m = tagged(doc, ctx)
    model = models.pairs
    learned = None if model is None else \
        (lambda m_, s, ns, used, ruled: learned_pairs(m_, s, ns, used, ctx.lexicon, model, ruled))
    pairs = find_pair_mentions(m, ctx.lexicon, learned)
    out = []
    numbers = number_mentions(m, ctx.lexicon)
    for p, n, features in number_candidates(m, pairs, ctx.lexicon, numbers, every=True):
        match = next((g for g in gold if names.same(g.head, p.head.name.name)
                      and (g.deputy is None or p.deputy is None or names.same(g.deputy, p.deputy.name.name))), None)
        if match is None:
            continue
        out.append(Example(set_name, doc.article.id, features, number_label(n[2], match.number),
                           rule=p.number is not None, group=f"{doc.article.id}:{p.start}",
                           skip="value_given_nearby" in features or "other_name_first" in features))
    return out


def party_examples(set_name: str, doc: Document, gold: list[GoldTicket], ctx: Any, names: NameMatcher,
                   models: Models = NO_MODELS) -> list[Example]:
    """Every (ticket, party mention) of the article's tickets that match a gold ticket; backing when the
    gold ticket lists the party."""
    claims = extract_claims(doc, ctx.lexicon, ctx.gazetteer, models)
    m = tagged(doc, ctx)
    out = []
    for ticket, mention, features in party_candidates(m, claims.tickets, ctx.lexicon, linked=True):
        match = next((g for g in gold if names.same(g.head, ticket.head.name)
                      and (g.deputy is None or ticket.deputy is None or names.same(g.deputy, ticket.deputy.name))),
                     None)
        if match is None:
            continue
        own = any(b.party == mention.code for b in ticket.backings)
        linked = any(b.evidence.start <= mention.start < b.evidence.end for t in claims.tickets for b in t.backings)
        out.append(Example(set_name, doc.article.id, features, int(mention.code in match.parties), rule=own,
                           group=f"{doc.article.id}:{mention.start}",
                           skip=linked or "party_backs_other_ticket" in features or "affiliation" in features or "far" in features))
    return out
