"""People: give every person of an article a key, merged across articles by name.

Within an article the extractors already resolved short names to the fullest
form; here each name gets its key (a slug of the name) and its variants.
"""
from __future__ import annotations

from kg.extract.lexicon import Lexicon
from kg.model import ArticleFacts, Claims, Document, Person, PersonName
from kg.resolve.keys import slugify


def person_key(name: str) -> str:
    return slugify(name)


def resolve_people(doc: Document, claims: Claims, lex: Lexicon) -> ArticleFacts:
    people: dict[str, Person] = {}
    keys: dict[str, str] = {}

    def add(p: PersonName | None) -> None:
        if p is None:
            return
        key = person_key(p.name)
        keys[p.name] = key
        old = people.get(key)
        if old is None:
            people[key] = Person(key=key, name=p.name, honorifics=p.honorifics)
        elif p.honorifics and not old.honorifics:
            people[key] = Person(key=key, name=old.name, variants=old.variants, honorifics=p.honorifics)

    for t in claims.tickets:
        add(t.head)
        add(t.deputy)
    for o in claims.offices:
        add(o.person)
    for s in claims.statements:
        add(s.speaker)
    return ArticleFacts(article=doc.article, people=people, person_keys=keys, claims=claims)
