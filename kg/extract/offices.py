"""Office holdings: "Pj Bupati Pasaman Edi Dharma", "X adalah Wakil Bupati Kutai Timur (2021-2024)".

Two shapes of sentence carry them: a title followed by its region and the
holder's name (``[mantan] [Plt] TITLE [REGION][,] NAME``), and a name linked
to a title by a copula (``NAME adalah/merupakan/menjadi [mantan] [Pj] TITLE
REGION [TERM]``). A title preceded by a candidacy word (``calon bupati``) is
a candidacy, not a holding. Terms: ``(2021-2024)``, ``periode 2016–2021``,
``sejak 2021``, ``hingga 2024``.
"""
from __future__ import annotations

import re
from typing import Any

from kg.extract.lexicon import Lexicon
from kg.extract.mentions import NATIONAL, Mentions, TitleMention
from kg.extract.names import NameSpan
from kg.model import OfficeClaim, PersonName

TERM = re.compile(r"\s*(?:\(\s*)?(?:(?:periode|masa\s+jabatan|tahun)\s+)?(\d{4})\s*[-–—/]\s*(\d{4})\s*\)?"
                  r"|\s*(?:\(\s*)?sejak\s+(?:tahun\s+)?(\d{4})|\s*(?:\(\s*)?(?:hingga|sampai)\s+(?:tahun\s+)?(\d{4})",
                  re.IGNORECASE)
COPULA_GAP = re.compile(
    r"[\s,]*(?:(?:yang|juga|diketahui|saat\s+ini|kini|masih|dulu|sempat|pernah|telah|sudah|sebelumnya|"
    r"adalah|merupakan|sebagai|selaku|menjabat|menjadi|dilantik\s+(?:sebagai|menjadi)|ditunjuk\s+(?:sebagai|menjadi)|"
    r"dikukuhkan\s+(?:sebagai|menjadi)|resmi|mantan|eks|periode\s+lalu|itu|ini)[\s,]*)+$", re.IGNORECASE)
AGENCY_WORD = re.compile(r"[A-Z][A-Za-z]*")
REGION_PREFIX = re.compile(r"\s*(?:\(\s*[A-Za-z]+\s*\)\s*)?,?\s*", re.IGNORECASE)


def _region_after(m: Mentions, t: TitleMention, gaz: Any) -> tuple[str | None, int]:
    """The region written right after a title, and where the text after it starts."""
    text = m.doc.text
    pos = t.end
    if t.rule.agency:     # "Kadis Kominfo Perstik Kutim …": skip the agency's name
        for w in re.finditer(r"\s+(?:dan\s+)?([A-Z][A-Za-z]*)", text[pos:pos + 80]):
            if m.region_at(pos + w.start(1)) is not None:
                pos = pos + w.start(1) - 1
                break
    if t.rule.region == "Kecamatan":
        words = re.match(r"\s+((?:[A-Z][a-z]+\s?){1,3})", text[pos:pos + 60])
        if words:
            parts = words.group(1).split()
            for k in range(len(parts), 0, -1):
                ref = gaz.resolve_region(" ".join(parts[:k]), kind="Kecamatan", province_code=None)
                if ref is not None:
                    span_end = pos + words.start(1) + len(" ".join(parts[:k]))
                    return ref.code, span_end
        return None, pos
    if t.rule.region == "national":
        mm = re.match(r"\s+(?:RI|Republik\s+Indonesia|Indonesia)\b", text[pos:pos + 30])
        return NATIONAL, pos + (mm.end() if mm else 0)
    nxt = next((r for r in m.regions if pos <= r.start <= pos + 14), None)
    if nxt is None:
        return None, pos
    gap = text[pos:nxt.start]
    if not re.fullmatch(r"\s*(?:provinsi|prov\.|kabupaten|kab\.|kota|se-?)?\s*", gap, re.IGNORECASE):
        return None, pos
    kind = {"Provinsi": "Provinsi", "Kabupaten": "Kabupaten", "Kota": "Kota"}.get(t.rule.region)
    region = nxt.region
    if kind and not (region.type or "").startswith(kind):
        better = gaz.resolve_region(nxt.text, kind=kind, province_code=region.province_code)
        if better is not None:
            region = better
        elif kind == "Kabupaten" or kind == "Kota":
            return None, nxt.end
    end = nxt.end
    paren = re.match(r"\s*\(\s*[A-Za-z]+\s*\)", text[end:end + 20])
    if paren:
        end += paren.end()
    return region.code, end


def _term(text: str, pos: int) -> tuple[str | None, str | None]:
    mm = TERM.match(text, pos)
    if not mm:
        return None, None
    if mm.group(1):
        return mm.group(1), mm.group(2)
    if mm.group(3):
        return mm.group(3), None
    return None, mm.group(4)


def _fallback_region(m: Mentions, t: TitleMention, gaz: Any) -> str | None:
    """A title with no region: the article's own region of the matching kind."""
    if t.rule.region in {"none", "Kecamatan"} or m.main_region is None:
        return None
    if t.rule.region == "national":
        return NATIONAL
    main = gaz.region(m.main_region)
    if main is None:
        return None
    if t.rule.region == "Provinsi":
        return main.code if main.level == "provinsi" else main.province_code
    if t.rule.region in {"Kabupaten", "Kota"}:
        return main.code if (main.type or "").startswith(t.rule.region) else None
    return None


def extract_offices(m: Mentions, lex: Lexicon, gaz: Any) -> list[OfficeClaim]:
    text = m.doc.text
    out: list[OfficeClaim] = []
    sentences = m.sentences()
    for t in m.titles:
        s = m.doc.sentence_at(t.start)
        if s is None or s.furniture or t.candidacy:
            continue
        region, pos = _region_after(m, t, gaz)
        start, end = _term(text, pos)
        holder: NameSpan | None = None
        # 1. TITLE [REGION][,] NAME
        after = next((n for n in m.names if pos <= n.start <= pos + 4), None)
        if after is not None and re.fullmatch(r"[\s,]*", text[pos:after.start]) and after.end <= s.end:
            holder = after
            # "Wakil Bupati Mahakam Hulu, Yohanes Avun": a place the gazetteer missed, then the holder
            then = next((n for n in m.names if after.end < n.start <= after.end + 3), None)
            if region is None and then is not None and text[after.end:then.start].strip() == "," \
                    and t.rule.region not in {"none", "national"}:
                guess = gaz.resolve_region(after.raw, kind=t.rule.region if t.rule.region in
                                           {"Provinsi", "Kabupaten", "Kota", "Kecamatan"} else None)
                holder, region = then, guess.code if guess else None
            if start is None:
                start, end = _term(text, after.end)
        else:
            # 2. NAME [copula] TITLE
            before = [n for n in m.names if s.start <= n.start and n.end <= t.start]
            if before:
                cand = before[-1]
                if COPULA_GAP.fullmatch(text[cand.end:t.start]) or \
                        re.fullmatch(r"\s*(?:,\s*)?", text[cand.end:t.start]) and text[t.start:t.start + 1].isupper() \
                        and re.search(r"\b(?:sedangkan|sementara|dan)\s*$", text[s.start:cand.start]):
                    holder = cand
        if holder is None:
            continue
        if region is None:
            region = _fallback_region(m, t, gaz)
        former = t.former or bool(re.search(r"\b(?:mantan|eks|bekas)\s*$", text[max(s.start, t.start - 12):t.start],
                                            re.IGNORECASE))
        out.append(OfficeClaim(person=holder.name, office=t.rule.title, region=region, qualifier=t.qualifier,
                               start=start, end=end, former=former,
                               evidence=m.doc.evidence(min(t.start, holder.start), max(pos, holder.end))))
    del sentences
    return out


def incumbent_offices(m: Mentions, tickets: list[Any], lex: Lexicon) -> list[OfficeClaim]:
    """"calon bupati dan wakil bupati petahana … X-Y": the pair holds the contested offices."""
    text = m.doc.text
    out = []
    rx = lex.rx("incumbent")
    for t in tickets:
        ev = t.evidence
        s = m.doc.sentence_at(ev.start)
        if s is None:
            continue
        lead = text[s.start:ev.start]
        inc = list(rx.finditer(lead))
        if not inc or ev.start - (s.start + inc[-1].end()) > 40 or t.election.office is None:
            continue
        office = t.election.office
        both = bool(re.search(r"\bdan\s+(?:calon\s+)?wakil\b", lead, re.IGNORECASE))
        out.append(OfficeClaim(person=PersonName(name=t.head.name, honorifics=t.head.honorifics), office=office,
                               region=t.election.region, qualifier=None, evidence=ev))
        if both and t.deputy is not None:
            out.append(OfficeClaim(person=PersonName(name=t.deputy.name, honorifics=t.deputy.honorifics),
                                   office="Wakil " + office, region=t.election.region, qualifier=None, evidence=ev))
    return out
