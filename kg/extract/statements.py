"""Direct quotes and who said them.

Quotations are found by :mod:`kg.extract.quotes`. The speaker of each is
read the way a reader of Indonesian news reads it, in this order:

1. after the quote: ``"…," kata X`` / ``ujar Ketua KPU X`` / ``ujar Kabag A,
   X dan Kabag B, Y`` (two speakers) / ``"…," X menambahkan``; role words and
   a region written before the name are not part of it (``Ketua KPU Medan
   X``), and a nickname resolves to the full name the text gives for it
   (``kata Darus, panggilan akrab Dadang Rusdiana``);
2. a pronoun form (``ujarnya``, ``kata dia``): the person in focus;
3. before it in its paragraph: ``X mengatakan, "…"``, ``Menurut X, "…"``;
4. a quote standing alone at the start of a paragraph (a continuation, or
   one introduced by ``X menjelaskan bahwa …`` just before): the person in
   focus, when the paragraph before introduced or quoted them.

The person in focus is the last speaker, or the subject of the latest
sentence whose subject is a person (``Rudi yang juga …``, ``Dalam
sambutannya, Dia …`` keeps it), or the holder of a post named alone as the
subject (``Plt Bupati juga meminta`` after ``Plt Bupati … diemban oleh …
Dimas``). Quoted titles, slogans and nicknames (``bertema "…"``), quotes in
Title Case and quotes of fewer than three words are not statements.
"""
from __future__ import annotations

import re

from kg.extract.dates import date_in
from kg.extract.lexicon import Lexicon
from kg.extract.mentions import Mentions
from kg.extract.names import NameSpan
from kg.extract.quotes import Quote, quote_text
from kg.extract.speakers import SENT_END, Attribution
from kg.model import EventClaim, StatementClaim


def extract_statements(m: Mentions, lex: Lexicon, events: list[EventClaim] | None = None) -> list[StatementClaim]:
    art = Attribution(m, lex)
    text = art.text
    segments = _outside_segments(art)
    out: list[StatementClaim] = []
    focus: NameSpan | None = None
    focus_para = -9          # paragraph where the focus was last introduced or quoted
    k = 0
    for q in art.quotes:
        while k < len(segments) and segments[k][1] <= q.open_at:
            focus, focus_para = _follow(art, segments[k], focus, focus_para)
            k += 1
        para_start = text.rfind("\n", 0, q.open_at) + 1
        before = text[para_start:q.open_at]
        if art.rx("speech_not_quote").search(before[-30:]) and re.search(
                r"(?:" + art.rx("speech_not_quote").pattern + r")\s*[:,]?\s*$", before, re.IGNORECASE):
            continue
        speakers, kind = art.after_speakers(q)
        if not speakers:
            here = art.speech_subject(para_start, q.open_at)
            gap_ok = re.search(r"(?:[,:]|\bbahwa)\s*$|^\s*$", before) is not None
            if kind == "pronoun":
                n = here if isinstance(here, NameSpan) else focus
                speakers = [art.speaker(n)] if n is not None else []
            elif isinstance(here, NameSpan) and (gap_ok or re.search(r"[.!?:]\s*$", before)):
                # 'X mengatakan, "…"' or 'X menyatakan, … . "…"': the speaker of the paragraph
                speakers = [art.speaker(here)]
            elif here == "pronoun" and focus is not None and (gap_ok or re.search(r"[.!?:]\s*$", before)):
                # 'Ia menyatakan, "…"', 'Menurutnya, … . "…"': the person in focus
                speakers = [art.speaker(focus)]
            elif not before.strip() and focus is not None and _in_focus(art, q.open_at, focus_para, focus):
                speakers = [art.speaker(focus)]
        # said in the paragraph that introduced the speaker just before: its words count for the event
        introduced = kind != "named" and not before.strip() and art.para(q.open_at) - 1 == focus_para
        body = text[q.start:q.end]
        words = re.findall(r"\w+", body)
        if not speakers or len(words) < (3 if kind == "named" else 4) or _title_case(words):
            continue
        quote = quote_text(body)
        said_on = statement_date(art, q, lex)
        for sp in speakers:
            out.append(StatementClaim(speaker=sp.name, quote=quote, themes=tag_themes(quote, lex),
                                      date=said_on, evidence=m.doc.evidence(q.start, q.end),
                                      speaker_evidence=m.doc.evidence(sp.span.start, sp.span.end),
                                      event=_event_of(art, q, events or [], introduced)))
        focus = speakers[0].span if speakers[0].span.name.name in speakers[0].name.name else \
            next((n for n in art.names if n.name.name == speakers[0].name.name), speakers[0].span)
        focus_para = art.para(q.close_at)
    return out


def _in_focus(art: Attribution, pos: int, focus_para: int, focus: NameSpan | None = None) -> bool:
    """A quote standing alone in the paragraph after the one that introduced or quoted the person in focus,
    or two paragraphs on when the paragraph between names no person but that one (``Ketua Bawaslu X
    mengatakan …`` / ``Selain itu, bagi penjabat …`` or ``X juga meninjau …`` / ``“…”``: the same speaker
    goes on)."""
    here = art.para(pos)
    if here - focus_para == 1:
        return True
    if here - focus_para != 2:
        return False
    between = art.paras[focus_para + 1] if focus_para + 1 < len(art.paras) else pos
    # the person in focus must be the one that paragraph named, not a topic of the paragraph between
    own = focus is not None and any(art.para(n.start) == focus_para and _same(art, n, focus) for n in art.names)
    return not any(between <= n.start < pos and art.known(n) and not (own and _same(art, n, focus))
                   for n in art.names) and not any(between <= a < pos for a, _b in art.inside)


def _same(art: Attribution, n: NameSpan, focus: NameSpan | None) -> bool:
    """Whether ``n`` names the person in focus (the name, a part of it, or a nickname the text gives)."""
    if focus is None:
        return False
    a, b = art.speaker(focus).name.name.split(), art.speaker(n).name.name.split()
    return all(w in a for w in b) or all(w in b for w in a)


def _outside_segments(art: Attribution) -> list[tuple[int, int]]:
    """Sentence parts outside quotations, in order."""
    out = []
    for s in art.m.doc.sentences:
        if s.furniture:
            continue
        pos = s.start
        for a, b in art.inside:
            if b <= pos or a >= s.end:
                continue
            if a > pos:
                out.append((pos, a))
            pos = max(pos, b)
        if pos < s.end:
            out.append((pos, s.end))
    return out


def _follow(art: Attribution, seg: tuple[int, int], focus: NameSpan | None, focus_para: int
            ) -> tuple[NameSpan | None, int]:
    """Update the person in focus with one sentence part outside quotes."""
    a, b = seg
    subj = art.speech_subject(a, b)
    if subj is not None:
        return (subj if isinstance(subj, NameSpan) else focus), art.para(a)
    topic = art.subject_at(a, b)
    if isinstance(topic, NameSpan):
        return topic, focus_para
    return focus, focus_para


def _title_case(words: list[str]) -> bool:
    """A title or slogan in Title Case ("Membangun Bali Era Baru"), not speech."""
    letters = [w for w in words if w[:1].isalpha()]
    return len(letters) <= 8 and sum(1 for w in letters if w[0].isupper()) >= max(2, 0.8 * len(letters))


def attribution_spans(text: str, q: Quote, after_verb: re.Pattern[str] | None = None) -> list[tuple[int, int]]:
    """The words around a quotation that say who said it and when: the rest of the sentence after the
    closing mark (or of the short sentence right after it: '”Tutup Cici, Senin.'), then the sentence
    part before the opening mark."""
    para_start = text.rfind("\n", 0, q.open_at) + 1
    ends = list(SENT_END.finditer(text, para_start, q.open_at))
    line_end = text.find("\n", q.end)
    line_end = len(text) if line_end < 0 else line_end
    after = SENT_END.search(text, q.end + 2, line_end)
    tail = (q.end, after.end() if after else line_end)
    if text[q.start:q.end].rstrip()[-1:] in {".", "!", "?"}:
        k = min(q.close_at + 1, tail[1])
        while k < tail[1] and text[k].isspace():
            k += 1
        if after_verb is None or not after_verb.match(text, k, tail[1]):
            tail = (q.end, q.end)         # the quote closed its sentence; what follows is not its attribution
    return [tail, (ends[-1].end() if ends else para_start, q.open_at)]


def statement_date(art: Attribution, q: Quote, lex: Lexicon) -> str | None:
    """The date a quotation was said on: a date or a relative time word in its attribution
    ('"…," kata X, Senin (28/10/2024).', 'kata X kemarin'), resolved against the article date;
    None when the attribution states none (the caller then falls back to the article date)."""
    return date_in(art.text, lex, art.m.published, attribution_spans(art.text, q, lex.rx("after_verb")))


def _event_of(art: Attribution, q: Quote, events: list[EventClaim], introduced: bool) -> EventClaim | None:
    """The debate a statement was made at, when its attribution says so ("ujarnya dalam debat")."""
    debates = [e for e in events if e.kind == "debate"]
    if not debates:
        return None
    text = art.text
    para_start = text.rfind("\n", 0, q.open_at) + 1
    ends = list(SENT_END.finditer(text, para_start, q.open_at))
    around = text[ends[-1].end() if ends else para_start:q.open_at]
    line_end = text.find("\n", q.end)
    line_end = len(text) if line_end < 0 else line_end
    after = SENT_END.search(text, q.end + 2, line_end)
    around += " " + text[q.end:after.start() if after else line_end]
    if introduced and not text[para_start:q.open_at].strip():
        # a quote standing alone: the sentence that introduced its speaker
        prev = text[:para_start].rstrip()
        around += " " + prev[prev.rfind("\n") + 1:]
    return debates[0] if art.rx("speech_at_debate").search(around) else None


def tag_themes(text: str, lex: Lexicon) -> tuple[str, ...]:
    """Theme slugs whose keywords occur in ``text`` (case-insensitive, whole words)."""
    low = text.lower()
    # one compiled pattern per theme (kg.extract.lexicon), not one regex per keyword per call
    return tuple(sorted(slug for slug in lex.themes
                        if f"theme:{slug}" in lex.compiled and lex.compiled[f"theme:{slug}"].search(low)))
