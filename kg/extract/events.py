"""Events the article reports: debates (debat publik, debat kandidat) with date and themes."""
from __future__ import annotations

import re

from kg.extract.dates import date_in
from kg.extract.lexicon import Lexicon
from kg.extract.mentions import Mentions
from kg.model import EventClaim

DEBATE = re.compile(r"\bdebat(?:\s+(?:publik|kandidat|pasangan\s+calon|paslon|perdana|pertama|kedua|ketiga|"
                    r"putaran\s+\w+|terakhir))*\b", re.IGNORECASE)


def extract_events(m: Mentions, lex: Lexicon) -> list[EventClaim]:
    """At most one debate per article: the first debate mention, dated by the nearest date after it,
    else by a relative time in its sentence ("debat … malam ini") resolved against the article date."""
    from kg.extract.statements import tag_themes

    text = m.doc.text
    for s in m.sentences():
        d = DEBATE.search(text, s.start, s.end)
        if not d:
            continue
        date = next((x.value for x in m.dates if s.start <= x.start < s.end + 200), None) \
            or date_in(text, lex, m.published, [(s.start, s.end)])
        themes = tag_themes(text[s.start:s.end], lex)
        return [EventClaim(kind="debate", election=None, date=date, place=None, themes=themes,
                           evidence=m.doc.evidence(d.start(), d.end()))]
    return []
