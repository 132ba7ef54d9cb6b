"""The parties backing each ticket: lists after a trigger, given to the right pair.

A list opens at a trigger (``diusung``, ``didukung``, ``koalisi``, ``partai
pengusul``, ``Parpol pendukung:``; ``data/lexicon/coalitions.yaml``) and runs
to the next pair, the next trigger or the seat counts (``dengan total 39
kursi``). It belongs to

1. the pair named before the trigger in the same sentence (``X-Y diusung …,
   sedangkan Z-W diusung …``);
2. else the ticket whose candidate is named before the trigger (``ujar Al
   Haris menanggapi dukungan PAN``);
3. else the first pair after a trigger that opens the sentence (``Diusung
   PDIP, pasangan X-Y …``); a trigger right before a pair with the parties
   before it is the active voice (``Partai Golkar resmi mengusung pasangan
   X-Y``, ``NasDem memberi dukungan kepada X-Y``): those parties back that pair;
4. else the ticket spoken of just before (``Pasangan ini didukung …``, a
   ``Parpol pendukung:`` line under the ticket line), within two paragraphs.

A sentence that continues a list without a trigger (``Sembilan parpol itu,
yakni …``, ``Ditambah Partai …``) adds to the list before it; a bracket of
party names right after a pair (``X-Y (PKB, Gerindra)``) backs that pair.
"""
from __future__ import annotations

import re
from typing import Any

from kg.extract.lexicon import Lexicon
from kg.extract.mentions import Mentions
from kg.extract.names import same_person
from kg.extract.pairs import PairMention, phrase
from kg.model import Backing, Sentence

LIST_SPLIT = re.compile(r"\s*(?:,|;|/|\bdan\b|\bserta\b|\+|\byakni\b|\byaitu\b|:)\s*", re.IGNORECASE)


def role_of(lex: Lexicon, trigger: str) -> str:
    return next((r for p, r in lex.triggers if re.fullmatch(p, trigger, re.IGNORECASE)), "pengusung")


def party_list(m: Mentions, start: int, end: int, role: str, gaz: Any) -> list[Backing]:
    """The parties named in ``text[start:end]``: tagged mentions, then list items the gazetteer
    resolves (misspellings such as ``Partai Buru``)."""
    text = m.doc.text
    found: dict[str, Backing] = {}
    pos = start
    for item in LIST_SPLIT.split(text[start:end]):
        i = text.find(item, pos, end) if item else -1
        if i < 0:
            continue
        pos = i + len(item)
        parties = [p for p in m.parties if i <= p.start and p.end <= i + len(item)]
        for p in parties:
            found.setdefault(p.code, Backing(party=p.code, role=role, evidence=m.doc.evidence(p.start, p.end)))
        if parties or gaz is None:
            continue
        # "Partai Nasasional Demokrasi (Nas Dem)": the short form in brackets beats a misspelt long name
        short = re.search(r"\(\s*([A-Z][\w -]{1,15}?)\s*\)?\s*$", item)
        code = short and (gaz.resolve_party(short.group(1)) or gaz.resolve_party(short.group(1).replace(" ", "")))
        if code:
            found.setdefault(code, Backing(party=code, role=role, evidence=m.doc.evidence(i, i + len(item))))
            continue
        words = re.sub(r"\(.*?\)|\bpartai\s+politik\b|\bparpol\b|\d+\s*kursi|\(\d+\)", " ", item,
                       flags=re.IGNORECASE).strip(" .:()")
        if 3 <= len(words) <= 40 and re.match(r"(?:partai\s+)?[A-Z]", words, re.IGNORECASE) \
                and words[:1].isupper():
            code = gaz.resolve_party(words)
            if code:
                found.setdefault(code, Backing(party=code, role=role, evidence=m.doc.evidence(i, i + len(item))))
    return list(found.values())


def _trigger_spans(m: Mentions, s: Sentence, pairs: list[PairMention], lex: Lexicon) -> list[tuple[int, int, str]]:
    """(trigger start, list end, role) of each party list in the sentence."""
    text = m.doc.text
    triggers = list(lex.rx("trigger").finditer(text, s.start, s.end))
    spans = []
    for k, t in enumerate(triggers):
        stops = [s.end] + [p.start for p in pairs if p.start >= t.end()]
        if k + 1 < len(triggers):
            stops.append(triggers[k + 1].start())
        stop = min(stops)
        cut = _list_end(m, text, t.end(), stop, lex)
        # "didukung tiga partai dengan 13 kursi, yakni A dan B": the count, then the list itself
        named_after = cut and re.search(r"\b(?:yakni|yaitu)\b", text[cut.end():stop], re.IGNORECASE) \
            and not m.in_span(m.parties, t.end(), cut.start())
        if cut and not named_after:
            stop = cut.start()
        spans.append((t.start(), stop, role_of(lex, t.group(0))))
    return spans


SEATS_THEN_MORE = re.compile(r"\s*\d+\s+kursi\s*(?:,|\bserta\b|\bdan\b)\s*", re.IGNORECASE)


def _list_end(m: Mentions, text: str, start: int, stop: int, lex: Lexicon) -> re.Match[str] | None:
    """Where a party list stops: seats or votes follow (``list_end``), unless the seat count annotates one
    item and the list goes on (``PAN dengan 2 kursi, Nasdem 5 kursi, serta Hanura``)."""
    pos = start
    while True:
        cut = phrase(lex, "list_end").search(text, pos, stop)
        if cut is None:
            return None
        lead = re.match(r"dengan\s+", cut.group(0), re.IGNORECASE)
        more = SEATS_THEN_MORE.match(text, cut.start() + len(lead.group(0))) if lead else None
        if not more or not any(p.start >= more.end() and p.start < stop and p.start - more.end() <= 12
                               for p in m.parties):
            return cut
        pos = more.end()


def _add(owner: PairMention, backings: list[Backing]) -> None:
    for bk in backings:
        if all(x.party != bk.party for x in owner.backings):
            owner.backings.append(bk)


def _named_owner(m: Mentions, s: Sentence, pos: int, seen: list[PairMention]) -> PairMention | None:
    """The ticket whose candidate is named in the sentence before ``pos``."""
    for n in reversed([n for n in m.names if s.start <= n.start and n.end <= pos]):
        for p in reversed(seen):
            people = [x.name.name for x in (p.head, p.deputy) if x is not None]
            if any(same_person(n.name.name, full) for full in people):
                return p
    return None


def attach_backings(m: Mentions, lex: Lexicon, gaz: Any, mentions: list[PairMention]) -> None:
    """Give every party list of the article to the pair it belongs to (see the module docstring)."""
    text = m.doc.text
    by_sentence: dict[int, list[PairMention]] = {}
    for p in mentions:
        by_sentence.setdefault(p.sentence.index, []).append(p)
    seen: list[PairMention] = []
    last: PairMention | None = None
    last_para = -10
    counted = -10
    listing: tuple[PairMention, int, str] | None = None
    for s in m.sentences():
        pairs = by_sentence.get(s.index, [])
        spans = _trigger_spans(m, s, pairs, lex)
        for a, b, role in spans:
            if _active(m, s, a, pairs, lex, gaz) or _list_after_pair(m, s, a, pairs, lex, gaz):
                continue
            owner = _owner(m, s, a, pairs, seen, last, last_para, lex)
            if owner is not None:
                found = party_list(m, a, b, role, gaz)
                _add(owner, found)
                last, last_para = owner, s.paragraph
                if not found and text[s.start:s.end].rstrip().endswith(":"):
                    listing = (owner, s.index, role)      # "Diusung oleh:", its parties on the lines below
        if listing is not None and not spans and not pairs and listing[1] == s.index - 1 \
                and _only_parties(m, s, lex, 1):
            _add(listing[0], party_list(m, s.start, s.end, listing[2], gaz))
            listing, last_para = (listing[0], s.index, listing[2]), s.paragraph
            continue
        if not spans and not pairs and last is not None and s.paragraph - last_para <= 1 and \
                (phrase(lex, "back_reference").match(text, s.start) or _only_parties(m, s, lex)
                 or (counted == s.index - 1 and _only_parties(m, s, lex, 1))):
            _add(last, party_list(m, s.start, s.end, "pengusung", gaz))
        if not pairs and last is not None and s.paragraph - last_para <= 1 and \
                re.fullmatch(_alt(lex, "party_count"), text[s.start:s.end].strip(), re.IGNORECASE):
            counted, last_para = s.index, s.paragraph     # "[5 Partai Politik]": the list is on the next line
        for p in pairs:
            _bracketed(m, p, gaz)
            _item_tail(m, p, gaz)
        seen += pairs
        if pairs:
            last, last_para = pairs[-1], s.paragraph
        elif phrase(lex, "back_reference").match(text, s.start) and last is not None:
            last_para = s.paragraph


def _active(m: Mentions, s: Sentence, pos: int, pairs: list[PairMention], lex: Lexicon, gaz: Any) -> bool:
    """``Partai Golkar resmi mengusung pasangan X-Y``: the parties before the trigger back the pair after it."""
    text = m.doc.text
    trig = lex.rx("trigger").match(text, pos)
    after = [p for p in pairs if p.start >= pos]
    if trig is None or not after or after[0].start - trig.end() > 40:
        return False
    if any(trig.end() <= p.start < after[0].start for p in m.parties):
        return False
    floor = max([s.start] + [p.end for p in pairs if p.end <= pos])
    found = party_list(m, floor, pos, role_of(lex, trig.group(0)), gaz)
    _add(after[0], found)
    return bool(found)


def _alt(lex: Lexicon, key: str) -> str:
    return "(?:" + "|".join(lex.phrases.get(key, ())) + ")"


def _list_after_pair(m: Mentions, s: Sentence, pos: int, pairs: list[PairMention], lex: Lexicon,
                     gaz: Any) -> bool:
    """``Partai pengusul paslon nomor urut satu X-Y (Mulia) yakni Partai Golkar, …``: a trigger noun opens
    the sentence, the pair follows it, and the list comes after the pair, behind ``yakni|yaitu|:``."""
    text = m.doc.text
    trig = lex.rx("trigger").match(text, pos)
    after = [p for p in pairs if p.start >= pos]
    if trig is None or not after or pos - s.start > 15 or \
            not re.search(r"\b(?:partai|parpol)\b", trig.group(0), re.IGNORECASE):
        return False
    pair = after[0]
    if any(trig.end() <= q.start < pair.start for q in m.parties):
        return False
    x = re.match(r"\s*(?:\([^()]{1,40}\)\s*)?,?\s*(?:yakni|yaitu|ialah|adalah|:)", text[pair.end:s.end],
                 re.IGNORECASE)
    if x is None:
        return False
    start = pair.end + x.end()
    stops = [s.end] + [p.start for p in pairs if p.start >= start] + \
            [t.start() for t in lex.rx("trigger").finditer(text, start, s.end)]
    stop = min(stops)
    cut = phrase(lex, "list_end").search(text, start, stop)
    found = party_list(m, start, cut.start() if cut else stop, role_of(lex, trig.group(0)), gaz)
    _add(pair, found)
    return bool(found)


def _only_parties(m: Mentions, s: Sentence, lex: Lexicon, least: int = 2) -> bool:
    """``Kemudian, Partai Persatuan Pembangunan (PPP), Partai Buruh, dan Partai Gelora.``: a list on its own
    (a single party only on the line under a count such as ``[1 Partai Politik]``)."""
    text = m.doc.text
    spans = [(p.start, p.end) for p in m.parties if s.start <= p.start and p.end <= s.end]
    if len(spans) < least:
        return False
    rest, pos = [], s.start
    for a, b in spans:
        rest.append(text[pos:a])
        pos = max(pos, b)
    rest.append(text[pos:s.end])
    words = re.findall(r"[^\W\d_]+", re.sub(r"\([^)]*\)", " ", " ".join(rest)))
    return len([w for w in words if w.lower() not in {"dan", "serta", "partai", "juga", "kemudian", "lalu",
                                                      "selanjutnya", "ditambah", "yakni", "yaitu"}]) <= 1


def _owner(m: Mentions, s: Sentence, pos: int, pairs: list[PairMention], seen: list[PairMention],
           last: PairMention | None, last_para: int, lex: Lexicon) -> PairMention | None:
    before = [p for p in pairs if p.start < pos]
    if before:
        return before[-1]
    named = _named_owner(m, s, pos, seen)
    if named is not None:
        return named
    nicknamed = _nickname_owner(m, s, pos, seen)
    if nicknamed is not None:
        return nicknamed
    after = [p for p in pairs if p.start >= pos]
    if after and pos - s.start <= 15:
        return after[0]
    if not pairs and last is not None and s.paragraph - last_para <= 2:
        return last
    return _unnamed_owner(m, s, pos, seen, lex)


NICKNAME_TOKEN = re.compile(r"\b[A-Z]{1,6}(?:\s?[-–]\s?[A-Z]{1,6})+\b|\b[A-Z]{3,}\b")


def _nickname_owner(m: Mentions, s: Sentence, pos: int, seen: list[PairMention]) -> PairMention | None:
    """``MS-SM didukung oleh …`` after ``X dan Y (MS-MS)``: a capitalised nickname before the trigger that
    is a ticket's bracketed nickname, or the same letters in another order (a typo), names that ticket."""
    text = m.doc.text
    def fold(x: str) -> str:
        return re.sub(r"[^A-Z]", "", x.upper())
    for tok in reversed(list(NICKNAME_TOKEN.finditer(text, s.start, pos))):
        if any(p.start <= tok.start() < p.end for p in m.parties):
            continue
        key = fold(tok.group(0))
        exact = [p for p in seen if any(fold(a) == key for a in p.aliases)]
        if len(exact) == 1:
            return exact[0]
        shuffled = [p for p in seen if any(sorted(fold(a)) == sorted(key) for a in p.aliases)]
        if len(key) >= 3 and len(shuffled) == 1 and not exact:
            return shuffled[0]
    # "Budi Santoso-Rina Wulandari (Bunda) … Pasangan Bunda didukung oleh …": a nickname in Title Case after
    # a pair word, the same word as one ticket's bracketed nickname
    for tok in reversed(list(PAIR_WORD_NICKNAME.finditer(text, s.start, pos))):
        word = tok.group(1).lower()
        owners = [p for p in seen if any(a.lower() == word for a in p.aliases)]
        if len(owners) == 1:
            return owners[0]
    return None


PAIR_WORD_NICKNAME = re.compile(r"\b(?:[Pp]asangan|[Pp]aslon)(?:\s+(?:calon|kedua|ketiga|keempat|kelima|"
                                r"pertama|terakhir)){0,2}(?:\s+(?:yang\s+[a-z]+\s+)?(?:adalah|ialah|yakni))?"
                                r"\s+([A-Z][a-z'’]{2,20})\b")


def _unnamed_owner(m: Mentions, s: Sentence, pos: int, seen: list[PairMention], lex: Lexicon) -> PairMention | None:
    """``Robby … memaparkan visi-misi paslon. … visi-misi paslon yang diusung A, B, dan C``: a pair word right
    before the trigger, no pair named in the sentence: the ticket of the candidate named last in the
    sentence before."""
    text = m.doc.text
    if not re.search(r"(?:" + _alt(lex, "unnamed_pair") + r")$", text[max(s.start, pos - 40):pos], re.IGNORECASE):
        return None
    prev = next((t for t in m.sentences() if t.index == s.index - 1), None)
    if prev is None or prev.paragraph < s.paragraph - 1:
        return None
    return _named_owner(m, prev, prev.end, seen)


def _bracketed(m: Mentions, p: PairMention, gaz: Any) -> None:
    """``X-Y (PKB, Gerindra)``: a bracket of nothing but party names right after the pair."""
    text = m.doc.text
    x = re.match(r"\s*\(([^()]{2,120})\)", text[p.end:p.end + 130])
    if not x:
        return
    a, b = p.end + x.start(1), p.end + x.end(1)
    found = party_list(m, a, b, "pengusung", None)
    rest = text[a:b]
    for party in sorted((q for q in m.parties if a <= q.start and q.end <= b), key=lambda q: -q.start):
        rest = rest[:party.start - a] + rest[party.end - a:]
    if found and re.fullmatch(r"[\s,;/&+]*(?:(?:dan|serta)[\s,]*)*", rest, re.IGNORECASE):
        _add(p, found)


SEATS = re.compile(r"\(\s*\d{1,3}\s*(?:kursi|suara)?\s*\)?", re.IGNORECASE)


def _item_tail(m: Mentions, p: PairMention, gaz: Any) -> None:
    """``1. X dan Y: PAN (6 kursi) dan Nasdem (3 kursi)``: in a list of pairs, the party names that fill the
    rest of the item's line after a colon, semicolon, comma or dash (seat counts in brackets allowed) back
    that pair; a line cut off mid-bracket keeps the names before the cut."""
    if not p.item:
        return
    text = m.doc.text
    end = text.find("\n", p.end)
    end = len(text) if end < 0 else end
    x = re.match(r"\s*[:;,–—-]\s*", text[p.end:end])
    if x is None:
        return
    a = p.end + x.end()
    tagged = [q for q in m.parties if a <= q.start and q.end <= end]
    pos, items = a, []
    for item in LIST_SPLIT.split(text[a:end]):
        i = text.find(item, pos, end) if item else -1
        if i < 0:
            continue
        pos = i + len(item)
        items.append((i, pos))
    if not items:
        return
    for i, j in items:
        word = SEATS.sub(" ", text[i:j]).strip(" .(")
        if not word or word.lower() in {"partai"} or any(i <= q.start and q.end <= j for q in tagged):
            continue
        if gaz is None or not (3 <= len(word) <= 40 and word[:1].isupper() and gaz.resolve_party(word)):
            return
    _add(p, party_list(m, a, end, "pengusung", gaz))
