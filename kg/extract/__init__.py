"""Extraction: a :class:`~kg.model.Document` → :class:`~kg.model.Claims` in the article's words.

The registry below is the order the extractors run in; each reads the
shared :class:`~kg.extract.mentions.Mentions` index of the article. Short
names are resolved to the fullest name the article uses for that person
("Ardiansyah" → "Ardiansyah Sulaiman") before the claims leave this stage.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from kg.extract.events import extract_events
from kg.extract.learned import Models, default_models
from kg.extract.lexicon import Lexicon
from kg.extract.mentions import Mentions, tag_mentions
from kg.extract.names import name_tokens
from kg.extract.party_features import learned_backings
from kg.extract.offices import extract_offices, ticket_offices, trim_title_names
from kg.extract.statements import extract_statements
from kg.extract.tickets import _one_edit, compatible, election_claims, extract_tickets, one_word_misspelt
from kg.model import Claims, Document, OfficeClaim, PersonName, TicketClaim


def extract_claims(doc: Document, lex: Lexicon, gaz: Any, models: Models | None = None) -> Claims:
    """The article's claims. ``models`` are the learned decision layers (default: the shipped weights in
    ``data/models``; :data:`~kg.extract.learned.NO_MODELS` for the rules alone)."""
    m = tag_mentions(doc, lex, gaz)
    m.models = default_models() if models is None else models
    trim_title_names(m, lex, gaz)
    tickets, aliases = extract_tickets(m, lex, gaz)
    offices = extract_offices(m, lex, gaz) + ticket_offices(m, tickets, lex, gaz)
    events = extract_events(m, lex)
    statements = extract_statements(m, lex, events)
    resolve = NameResolver(m, tickets, aliases)
    tickets = [replace(t, head=resolve(t.head, t.evidence.start, _others(tickets, t)),
                       deputy=resolve(t.deputy, t.evidence.start, _others(tickets, t)) if t.deputy else None)
               for t in tickets]
    tickets = _consistent_tickets(tickets)
    if m.models.parties is not None:
        tickets = learned_backings(m, tickets, lex, m.models.parties)
    offices = _dedupe_offices([replace(o, person=resolve(o.person, o.evidence.start)) for o in offices])
    statements = [replace(s, speaker=resolve(s.speaker, s.evidence.start),
                          date=s.date or _date_near(m, s.evidence.start)) for s in statements]
    return Claims(elections=tuple(election_claims(m, tickets, lex)), tickets=tuple(tickets),
                  offices=tuple(offices), statements=tuple(statements), events=tuple(events))


def _others(tickets: list[TicketClaim], t: TicketClaim) -> frozenset[str]:
    """The candidates of the other tickets of the same contest: no one runs on two tickets of one contest,
    so a candidate's short name never becomes one of them (``Masrun-Habib Ziadi`` next to
    ``Ahmad Ziadi-Aswatara``: "Ziadi" is not Ahmad Ziadi)."""
    own = {t.head.name} | ({t.deputy.name} if t.deputy else set())
    return frozenset(n.name for o in tickets if o is not t and o.election == t.election
                     for n in (o.head, o.deputy) if n is not None and n.name not in own)


def _consistent_tickets(tickets: list[TicketClaim]) -> list[TicketClaim]:
    """One head and at most one deputy per (election, ballot number) within an article.

    When an article gives one number to two different pairs, the later pair keeps its
    names but loses the number (the article contradicts itself; the first statement stands).
    A deputy equal to the head is dropped.
    """
    out: list[TicketClaim] = []
    seen: dict[tuple[object, ...], TicketClaim] = {}
    for t in tickets:
        if t.deputy is not None and t.deputy.name == t.head.name:
            t = replace(t, deputy=None)
        if t.number is not None:
            key = (t.election.region, t.election.year, t.election.revote, t.election.office, t.number)
            first = seen.get(key)
            if first is not None and (first.head.name != t.head.name or
                                      (first.deputy and t.deputy and first.deputy.name != t.deputy.name)):
                t = replace(t, number=None)
            else:
                seen.setdefault(key, t)
        if t.number is None and any(o.number is None and o.head.name == t.head.name and o.election == t.election
                                    and (o.deputy and t.deputy and o.deputy.name != t.deputy.name) for o in out):
            continue
        out.append(t)
    return out


def _spelt_alike(a: str, b: str) -> bool:
    """One word spelt two ways: one letter more, less or other (``Suhardiman``, ``Suhardiaman``), or a
    letter doubled (``Pasaribu``, ``Pasarribu``)."""
    if a == b:
        return True
    if len(a) >= 4 and len(b) >= 4 and re.sub(r"(.)\1", r"\1", a) == re.sub(r"(.)\1", r"\1", b):
        return True
    return _one_edit(a, b)


def _first_spellings(names: list[str], tickets: list[TicketClaim]) -> dict[str, str]:
    """A name of two words or more written again with one word spelt another way (a typo) is the same
    person: the first spelling stands. Two candidates of the article's tickets stay apart."""
    candidates = {n.name for t in tickets for n in (t.head, t.deputy) if n is not None}
    out: dict[str, str] = {}
    seen: list[tuple[str, tuple[str, ...]]] = []
    for name in dict.fromkeys(names):
        tokens = name_tokens(name)
        first = next((f for f, ft in seen if len(ft) == len(tokens) >= 2
                      and (all(_spelt_alike(x, y) for x, y in zip(ft, tokens)) or one_word_misspelt(ft, tokens))
                      and not (f in candidates and name in candidates)), None)
        if first is not None:
            out[name] = first
        else:
            seen.append((name, tokens))
    return out


def _date_near(m: Mentions, pos: int) -> str | None:
    return m.published


def _dedupe_offices(offices: list[OfficeClaim]) -> list[OfficeClaim]:
    """One claim per (person, office, region, qualifier, term); a claim with a region beats one without."""
    out: list[OfficeClaim] = []
    for o in offices:
        same = [i for i, k in enumerate(out) if k.person.name == o.person.name and k.office == o.office
                and k.qualifier == o.qualifier and (k.region == o.region or k.region is None or o.region is None)
                and (k.start, k.end) in {(o.start, o.end), (None, None)} | ({(k.start, k.end)} if o.start is None and o.end is None else set())]
        if not same:
            out.append(o)
            continue
        k = out[same[0]]
        if (k.region is None and o.region) or (k.start is None and o.start):
            out[same[0]] = replace(o, former=o.former or k.former)
    # "Pj Gubernur X" then "Gubernur X": the bare title is the acting holder named short
    return [o for o in out if not (o.qualifier is None and o.start is None and o.end is None and not o.former
                                   and any(k.qualifier is not None and not k.former and k.person.name == o.person.name
                                           and k.office == o.office and k.region in (o.region, None)
                                           for k in out))]


class NameResolver:
    """Map a name as written to the fullest name the article uses for that person."""

    def __init__(self, m: Mentions, tickets: list[Any], aliases: dict[str, str]) -> None:
        self.aliases = aliases
        full: list[tuple[int, str, tuple[str, ...]]] = []
        for n in m.names:
            if len(name_tokens(n.name.name)) >= 2:
                full.append((n.start, n.name.name, n.name.honorifics))
        for t in tickets:
            full.append((t.evidence.start, t.head.name, t.head.honorifics))
            if t.deputy:
                full.append((t.evidence.start, t.deputy.name, t.deputy.honorifics))
        self.full = sorted(full)
        # distinct full names, each with its mentions: a long article repeats names many times
        self.by_name: dict[str, list[tuple[int, str, tuple[str, ...]]]] = {}
        for entry in self.full:
            self.by_name.setdefault(entry[1], []).append(entry)
        self._longer: dict[str, list[str]] = {}
        self.first_spelling = _first_spellings([n for _, n, _ in self.full], tickets)

    def _clipped(self, name: str, exclude: frozenset[str]) -> str | None:
        """``ucap Hasnur`` for Hasnuryadi Sulaiman: one word of five letters or more that is the clipped start
        (three letters or more cut off) of a word of exactly one full name the article uses."""
        if " " in name or len(name) < 5 or not name[:1].isupper():
            return None
        low = name.lower()
        hits = {f for f in self.by_name if f not in exclude and len(name_tokens(f)) >= 2
                and any(t.startswith(low) and len(t) >= len(low) + 3 for t in name_tokens(f))}
        return hits.pop() if len(hits) == 1 else None

    def _longer_forms(self, name: str) -> list[str]:
        if name not in self._longer:
            self._longer[name] = [f for f in self.by_name if f != name and len(f) > len(name)
                                  and compatible(name, f) and not re.search(r"\b(?:bin|binti)\b", f)]
        return self._longer[name]

    def __call__(self, person: PersonName, pos: int, exclude: frozenset[str] = frozenset()) -> PersonName:
        name = self.aliases.get(person.name, person.name)
        name = self.first_spelling.get(name, name)
        candidates = sorted(e for f in self._longer_forms(name) if f not in exclude for e in self.by_name[f])
        if not candidates:
            clipped = self._clipped(name, exclude)
            if clipped is not None:
                return PersonName(name=clipped, honorifics=person.honorifics)
            return PersonName(name=name, honorifics=person.honorifics)
        distinct = {f for _, f, _ in candidates}
        # the longest form that every other candidate is part of, else the nearest before
        longest = max(distinct, key=len)
        if all(compatible(f, longest) for f in distinct):
            chosen = longest
        else:
            before = [c for c in candidates if c[0] <= pos]
            chosen = (before[-1] if before else candidates[0])[1]
        hon = next((h for _, f, h in candidates if f == chosen and h), person.honorifics)
        return PersonName(name=chosen, honorifics=hon or person.honorifics)
