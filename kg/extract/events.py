"""Events the article reports: debates (debat publik, debat kandidat) with date and themes."""
from __future__ import annotations

import re

from kg.extract.lexicon import Lexicon
from kg.extract.mentions import Mentions
from kg.model import EventClaim

DEBATE = re.compile(r"\bdebat(?:\s+(?:publik|kandidat|pasangan\s+calon|paslon|perdana|pertama|kedua|ketiga|"
                    r"putaran\s+\w+|terakhir))*\b", re.IGNORECASE)


def extract_events(m: Mentions, lex: Lexicon) -> list[EventClaim]:
    """At most one debate per article: the first debate mention, dated by the nearest date after it."""
    from kg.extract.statements import tag_themes

    text = m.doc.text
    for s in m.sentences():
        d = DEBATE.search(text, s.start, s.end)
        if not d:
            continue
        date = next((x.value for x in m.dates if s.start <= x.start < s.end + 200), None)
        themes = tag_themes(text[s.start:s.end], lex)
        return [EventClaim(kind="debate", election=None, date=date, place=None, themes=themes,
                           evidence=m.doc.evidence(d.start(), d.end()))]
    return []
