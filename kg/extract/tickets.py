"""Candidate pairs (paslon), their ballot numbers and backing parties.

Input: the article's :class:`~kg.extract.mentions.Mentions`. Output:
:class:`~kg.model.TicketClaim` records. Pairs are written ``Head-Deputy``,
``pasangan Head dan/dengan Deputy``, ``calon bupati Head dan calon wakil
bupati Deputy``, ``Head didampingi/berpasangan dengan Deputy``; numbers as
``nomor urut 2`` before or after the pair; parties after a coalition trigger
(``diusung``, ``didukung``, ``Parpol pendukung:``) belong to the nearest
ticket before the trigger. Mentions of one ticket (``Aulia-Rendi`` and
``Aulia Rahman Basri dan Rendi Solihin``) merge into the fullest.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from kg.extract.lexicon import Lexicon
from kg.extract.mentions import NATIONAL, Mentions, office_for_region
from kg.extract.names import NameSpan, name_tokens
from kg.model import Backing, ElectionRef, Evidence, PersonName, TicketClaim

NUMBER = re.compile(r"\b(?:nomor\s+urut|no\.?\s*urut|nomor|no\.)\s*:?\s*(0?\d{1,2}|satu|dua|tiga|empat|lima|enam|"
                    r"tujuh|delapan|sembilan|sepuluh)\b", re.IGNORECASE)
DASH = re.compile(r"\s?[-–—]\s?")
PAIR_JOIN = re.compile(r"\s+(?:dan|dengan|&)\s+(?:(?:calon\s+)?wakil(?:nya)?\s+\w+(?:\s+kota)?\s+)?", re.IGNORECASE)
PAIR_CUE = re.compile(r"\b(?:pasangan(?:\s+calon)?|paslon|calon\s+(?:bupati|gubernur|wali\s*kota)|kandidat|duet|"
                      r"cabup|cagub|cawalkot|capres)\b", re.IGNORECASE)
PARTNER = re.compile(r"\b(?:didampingi(?:\s+oleh)?|berpasangan\s+dengan|bersama\s+wakilnya|menggandeng)\s+$", re.IGNORECASE)
THIS_TICKET = re.compile(r"\b(?:pasangan|paslon|duet|kandidat)(?:\s+(?:calon|nomor(?:\s+urut)?\s+\w+))?\s+(?:ini|tersebut)\b|"
                         r"\bkeduanya\b|^\s*(?:partai\s+politik|parpol|partai)\s+(?:pendukung|pengusung)\s*:",
                         re.IGNORECASE)
LIST_SPLIT = re.compile(r"\s*(?:,|;|/|\bdan\b|\bserta\b|\+)\s*", re.IGNORECASE)


@dataclass
class PairMention:
    start: int
    end: int
    head: NameSpan
    deputy: NameSpan | None
    number: int | None = None
    cue: bool = False          # a pair word or a ballot number stands by it
    backings: list[Backing] = field(default_factory=list)
    independent: bool = False


def parse_number(text: str, lex: Lexicon) -> int | None:
    text = text.lower()
    if text in lex.number_words:
        return lex.number_words[text]
    try:
        n = int(text)
    except ValueError:
        return None
    return n if 1 <= n <= 20 else None


def _pairs_in_sentence(m: Mentions, s: Any, lex: Lexicon) -> list[PairMention]:
    text = m.doc.text
    names = [n for n in m.names if s.start <= n.start < s.end]
    pairs: list[PairMention] = []
    used: set[int] = set()
    for i, a in enumerate(names):
        if i in used or i + 1 >= len(names):
            continue
        b = names[i + 1]
        gap = text[a.end:b.start]
        lead = text[max(s.start, a.start - 45):a.start]
        cue = bool(PAIR_CUE.search(lead)) or bool(NUMBER.search(lead))
        if DASH.fullmatch(gap) or (PAIR_JOIN.fullmatch(gap) and (cue or _number_after(text, b.end, s.end))):
            pairs.append(PairMention(a.start, b.end, a, b, cue=cue))
            used.update({i, i + 1})
        elif PARTNER.search(text[a.end:b.start] + " ") and len(gap) < 40 and re.fullmatch(r"[\s,]*\w+(?:\s+\w+)?\s*", gap):
            pairs.append(PairMention(a.start, b.end, a, b, cue=True))
            used.update({i, i + 1})
    return pairs


def _number_after(text: str, pos: int, end: int) -> bool:
    return bool(re.match(r"\s*(?:\([^)]{1,30}\)\s*)?(?:[-–—,]\s*)?(?:mendapat(?:kan)?|memperoleh|meraih|dengan|"
                         r"nomor|no\.)", text[pos:end], re.IGNORECASE))


def _attach_numbers(m: Mentions, s: Any, pairs: list[PairMention], lex: Lexicon) -> None:
    text = m.doc.text
    numbers = [(x.start(), x.end(), parse_number(x.group(1), lex)) for x in NUMBER.finditer(text, s.start, s.end)]
    taken: set[int] = set()
    for p in pairs:      # a number right after the pair: "X-Y (WA) – Nomor urut 1", "X dan Y mendapat nomor urut 2"
        for j, (a, _b, n) in enumerate(numbers):
            if j not in taken and n and 0 <= a - p.end <= 45 and \
                    re.fullmatch(r"\s*(?:\([^)]{1,30}\)\s*)?(?:[-–—,]\s*)?(?:(?:mendapat(?:kan)?|memperoleh|meraih|"
                                 r"mendapatkan|dengan)\s+)?", text[p.end:a], re.IGNORECASE):
                p.number, p.cue = n, True
                taken.add(j)
                break
    for p in pairs:      # a number before it: "nomor urut 1, X-Y", "paslon nomor urut 2 X-Y"
        if p.number is not None:
            continue
        before = [(j, a, b, n) for j, (a, b, n) in enumerate(numbers) if b <= p.start and j not in taken and n]
        if before:
            j, a, b, n = before[-1]
            between = text[b:p.start]
            if len(between) <= 60 and not any(b <= q.start < p.start for q in pairs if q is not p):
                p.number, p.cue = n, True
                taken.add(j)


def _head_only(m: Mentions, s: Any, lex: Lexicon) -> list[PairMention]:
    """"Kandidat nomor urut 5 adalah Jon Erizal." — a head named alone after its number."""
    text = m.doc.text
    out = []
    for x in NUMBER.finditer(text, s.start, s.end):
        n = parse_number(x.group(1), lex)
        after = [nm for nm in m.names if x.end() <= nm.start <= x.end() + 16]
        if n and after and re.fullmatch(r"\s*(?:adalah|yakni|yaitu|:|,)?\s*", text[x.end():after[0].start]):
            nm = after[0]
            if not re.match(r"\s*[-–—]|\s+(?:dan|dengan)\s", text[nm.end:nm.end + 10]):
                out.append(PairMention(x.start(), nm.end, nm, None, number=n, cue=True))
    return out


def _backings(m: Mentions, start: int, end: int, lex: Lexicon) -> list[Backing]:
    """The parties named in ``text[start:end]`` (a list after a trigger)."""
    text = m.doc.text
    segment = text[start:end]
    if lex.rx("no_party").search(segment[:40]):
        return []
    found: dict[str, Backing] = {}
    role = "pengusung"
    trig = lex.rx("trigger")
    pos = start
    for item in LIST_SPLIT.split(segment):
        i = text.find(item, pos, end) if item else -1
        if i < 0:
            continue
        pos = i + len(item)
        t = trig.search(item)
        if t:
            role = next((r for p, r in lex.triggers if re.fullmatch(p, t.group(0), re.IGNORECASE)), role)
        parties = [p for p in m.parties if i <= p.start and p.end <= i + len(item)]
        if parties:
            for p in parties:
                found.setdefault(p.code, Backing(party=p.code, role=role, evidence=m.doc.evidence(p.start, p.end)))
            continue
        words = re.sub(r"\(.*?\)|\bpartai\s+politik\b|\bparpol\b", " ", item, flags=re.IGNORECASE).strip(" .:()")
        if 3 <= len(words) <= 40:
            from_gaz = getattr(m, "_gaz", None)
            code = from_gaz.resolve_party(words) if from_gaz is not None else None
            if code:
                found.setdefault(code, Backing(party=code, role=role, evidence=m.doc.evidence(i, i + len(item))))
    return list(found.values())


def _trigger_spans(m: Mentions, s: Any, pairs: list[PairMention], lex: Lexicon) -> list[tuple[int, int, str]]:
    """(start, end, role) of each party list in the sentence, cut at the next pair or trigger."""
    text = m.doc.text
    triggers = list(lex.rx("trigger").finditer(text, s.start, s.end))
    spans = []
    for k, t in enumerate(triggers):
        stop = s.end
        nxt = [p.start for p in pairs if p.start > t.end()] + [triggers[k + 1].start()] if k + 1 < len(triggers) else \
            [p.start for p in pairs if p.start > t.end()]
        if nxt:
            stop = min(stop, min(nxt))
        # "diusung PDIP … serta didukung Partai Gelora": a second trigger continues the same ticket
        role = next((r for p, r in lex.triggers if re.fullmatch(p, t.group(0), re.IGNORECASE)), "pengusung")
        cut = re.search(r"\b(?:dengan\s+total|dengan\s+\d+\s+kursi|sebanyak|yang\s+memiliki)\b", text[t.end():stop],
                        re.IGNORECASE)
        if cut:
            stop = t.end() + cut.start()
        spans.append((t.start(), stop, role))
    return spans


def extract_pair_mentions(m: Mentions, lex: Lexicon, gaz: Any) -> list[tuple[PairMention, Any]]:
    """Every pair mention with the sentence it stands in, parties attached."""
    m._gaz = gaz  # type: ignore[attr-defined]
    out: list[tuple[PairMention, Any]] = []
    last: PairMention | None = None
    last_para = -10
    for s in m.sentences():
        pairs = _pairs_in_sentence(m, s, lex)
        _attach_numbers(m, s, pairs, lex)
        if not pairs:
            pairs = _head_only(m, s, lex)
        spans = _trigger_spans(m, s, pairs, lex)
        text = m.doc.text
        for a, b, _role in spans:
            owner = None
            before = [p for p in pairs if p.start < a]
            if before:
                owner = before[-1]
            elif pairs and not before:
                owner = None          # "diusung PDIP: X-Y" is rare; leave it
            elif last is not None and s.paragraph - last_para <= 3:
                owner = last
            if owner is not None:
                for bk in _backings(m, a, b, lex):
                    if all(x.party != bk.party for x in owner.backings):
                        owner.backings.append(bk)
        if lex.rx("independent").search(text, s.start, s.end):
            for p in pairs:
                p.independent = True
        for p in pairs:
            out.append((p, s))
        if pairs:
            last, last_para = pairs[-1], s.paragraph
        elif THIS_TICKET.search(text, s.start, s.end) and last is not None:
            last_para = s.paragraph
    return out


def _initials(name: str) -> str:
    return "".join(t[0] for t in name.split() if t).lower()


def compatible(short: str, full: str) -> bool:
    """``Aulia`` ~ ``Aulia Rahman Basri``; ``KB`` ~ ``Kasmidi Bulang``; ``Kasmidi`` ~ ``Kasmidi Bulang``."""
    a, b = name_tokens(short), name_tokens(full)
    if not a or not b:
        return False
    if all(t in b for t in a if len(t) > 1) and any(len(t) > 1 for t in a):
        return True
    return short.isupper() and 2 <= len(short) <= 4 and short.lower() == _initials(full)


def _election_for(m: Mentions, pos: int, gaz: Any) -> ElectionRef:
    """The contest in force at ``pos``: the nearest contest mention before it, else the article's."""
    region, office, year = None, None, None
    for c in m.contests:
        if c.start > pos:
            break
        if c.region:
            region, year = c.region, c.year or year
            office = c.office or office
        elif c.office and region is None:
            office = c.office
    # "Di Sleman, ada 3 paslon": a region named at the start of the paragraph
    region = region or m.main_region
    year = year or m.main_year
    if region == NATIONAL:
        office = "Presiden"
    elif region:
        ref = gaz.region(region)
        implied = office_for_region(ref) if ref else None
        if implied and (office is None or office in {"Gubernur", "Bupati", "Wali Kota"}):
            office = implied
    revote = bool(m.doc.text and m.doc.article and _revote_near(m, pos))
    return ElectionRef(region=region, office=office or m.main_office, year=year, revote=revote)


def _revote_near(m: Mentions, pos: int) -> bool:
    return False


def _section_regions(m: Mentions, gaz: Any) -> list[tuple[int, str]]:
    """Region switches written as a line opener: "Di Sleman, …", "Pilkada Gunungkidul diikuti …"."""
    out = []
    text = m.doc.text
    for s in m.sentences():
        head = text[s.start:s.start + 40]
        mm = re.match(r"(?:di|untuk|sementara\s+(?:itu\s+)?di)\s+(?:pilkada\s+|kabupaten\s+|kota\s+)?", head, re.IGNORECASE)
        for r in m.regions:
            if r.start < s.start or r.start > s.start + 40:
                continue
            if r.region.level != "kabupaten_kota" and r.region.level != "provinsi":
                continue
            lead = text[s.start:r.start]
            if (mm and len(lead) <= mm.end() + 1) or re.fullmatch(r"(?:pilkada|pilbup|pilwali|pilgub)\s+", lead, re.IGNORECASE):
                out.append((s.start, r.region.code))
            break
    return out


def extract_tickets(m: Mentions, lex: Lexicon, gaz: Any) -> tuple[list[TicketClaim], dict[str, str]]:
    """Ticket claims of the article and the short-name → full-name map they establish."""
    mentions = extract_pair_mentions(m, lex, gaz)
    sections = _section_regions(m, gaz)
    tickets: list[dict[str, Any]] = []
    for p, s in mentions:
        region_override = None
        for pos, code in sections:
            if pos <= p.start:
                region_override = code
        ref = _election_for(m, p.start, gaz)
        if region_override and region_override != ref.region:
            r = gaz.region(region_override)
            ref = ElectionRef(region=region_override, office=office_for_region(r) or ref.office, year=ref.year)
        if m.doc.text and lex.rx("revote").search(m.doc.text):
            ref = ElectionRef(region=ref.region, office=ref.office, year=ref.year, revote=False)
        head, deputy = p.head.name.name, p.deputy.name.name if p.deputy else None
        merged = None
        for t in tickets:
            if t["election"].region != ref.region:
                continue
            same_number = p.number is not None and t["number"] == p.number
            heads = compatible(head, t["head"]) or compatible(t["head"], head)
            deps = deputy is None or t["deputy"] is None or compatible(deputy, t["deputy"]) or \
                compatible(t["deputy"], deputy)
            if (heads and deps and (p.number is None or t["number"] in (None, p.number))) or \
                    (same_number and (heads or deputy and t["deputy"] and compatible(deputy, t["deputy"]))):
                merged = t
                break
        if merged is None:
            if not p.cue and p.deputy is not None and len(name_tokens(head)) + len(name_tokens(deputy or "")) <= 2:
                # two bare short names joined by a dash with nothing around: keep only if confirmed later
                tickets.append({"election": ref, "number": p.number, "head": head, "deputy": deputy,
                                "head_raw": p.head, "deputy_raw": p.deputy, "backings": list(p.backings),
                                "independent": p.independent, "ev": (p.start, p.end), "weak": True, "aliases": []})
                continue
            tickets.append({"election": ref, "number": p.number, "head": head, "deputy": deputy,
                            "head_raw": p.head, "deputy_raw": p.deputy, "backings": list(p.backings),
                            "independent": p.independent, "ev": (p.start, p.end), "weak": not p.cue, "aliases": []})
            continue
        t = merged
        if len(head) > len(t["head"]) and compatible(t["head"], head):
            t["aliases"].append(t["head"])
            t["head"], t["head_raw"] = head, p.head
        elif head != t["head"]:
            t["aliases"].append(head)
        if deputy and (t["deputy"] is None or (len(deputy) > len(t["deputy"]) and compatible(t["deputy"], deputy))):
            if t["deputy"]:
                t["aliases"].append(t["deputy"])
            t["deputy"], t["deputy_raw"] = deputy, p.deputy
        elif deputy and deputy != t["deputy"]:
            t["aliases"].append(deputy)
        if t["number"] is None and p.number is not None:
            t["number"] = p.number
        for bk in p.backings:
            if all(x.party != bk.party for x in t["backings"]):
                t["backings"].append(bk)
        t["independent"] = t["independent"] or p.independent
        if p.cue:
            t["weak"] = False
    claims = []
    short_names: dict[str, str] = {}
    for t in tickets:
        if t["weak"] and t["number"] is None and not t["backings"]:
            continue
        a, b = t["ev"]
        claims.append(TicketClaim(
            election=t["election"], number=t["number"],
            head=PersonName(name=t["head"], honorifics=t["head_raw"].name.honorifics),
            deputy=PersonName(name=t["deputy"], honorifics=t["deputy_raw"].name.honorifics) if t["deputy"] else None,
            backings=tuple(t["backings"]), independent=t["independent"], evidence=m.doc.evidence(a, b)))
        for alias in t["aliases"]:
            for full in (t["head"], t["deputy"]):
                if full and compatible(alias, full) and alias != full:
                    short_names.setdefault(alias, full)
    return claims, short_names


def election_claims(m: Mentions, tickets: list[TicketClaim], lex: Lexicon) -> list[tuple[ElectionRef, Evidence]]:
    """The contests the article speaks of: those of its tickets, and contest words with a region."""
    seen: dict[tuple[Any, ...], tuple[ElectionRef, Evidence]] = {}
    for t in tickets:
        key = (t.election.region, t.election.year, t.election.revote)
        seen.setdefault(key, (t.election, t.evidence))
    return list(seen.values())
