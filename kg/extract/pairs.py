"""Candidate pair mentions: who runs with whom, and under which ballot number.

How Indonesian news writes a ticket, and the rule for each (phrases in
``data/lexicon/elections.yaml``):

- ``Head-Deputy`` (any dash): a pair; a pair word or a number nearby makes it sure.
- ``Head dan/dengan/bersama Deputy``: a pair when a pair word or ballot number
  stands before it (``pasangan``, ``paslon``, ``nomor urut 1``) or a ticket verb
  after it (``mendaftar``, ``adalah calon …``, ``mendapat nomor urut 2``).
- ``calon bupati Head dan calon wakil bupati Deputy``, ``Head, cawagub Deputy``:
  the running mate's title makes the pair.
- ``Head berpasangan dengan / didampingi / menggandeng [description] Deputy``:
  a pair; the description of the mate (titles, regions, ``mantan …``) is
  skipped, and when the head stands in an earlier sentence (``Kandidat nomor
  urut 5 adalah X. … berpasangan dengan Y``) the mate joins that head.
- ``nomor urut 5 adalah Head``: a head named alone; ``calon wakil gubernur
  nomor urut 1 Deputy``: a running mate named alone.
- A short name in brackets after a pair (``(WA)``, ``(Hakam-Ayi)``) is the
  ticket's nickname; later mentions by that nickname are the same ticket.
- The ballot number in brackets after a pair (``A – B (Nomor Urut 1)``), or
  bare numbers in brackets after the pairs of a list (``A-B (01), C-D (02)``).
- ``X memperoleh nomor urut 1``: a candidate named alone with a number verb;
  the ticket it joins decides whether X heads it or is the running mate.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from kg.extract.lexicon import Lexicon
from kg.extract.mentions import Mentions, is_headline
from kg.extract.names import MaskIndex, NameSpan, find_names
from kg.model import Backing, PersonName, Sentence

DASH = re.compile(r"\s*[-–—]\s*")
PAREN = re.compile(r"\([^()]{0,60}\)|[-–—][^-–—.]{1,40}[-–—]")
ALIAS_AFTER = re.compile(r"\s*\(\s*([A-Z][\w'’]*(?:\s?[-–]\s?[A-Z][\w'’]*)?)\s*\)")
# "X dan Y (AB-CD)": a bracketed nickname of two capitalised halves names the two as a ticket
PAIR_NICKNAME = re.compile(r"[ \t]*\(\s*[A-Z]{1,6}\s?[-–]\s?[A-Z]{1,6}\s*\)")
QUOTE_CLOSE = ("’", "'", "”", '"')
BRACKET_NICK_BEFORE = re.compile(r"[ \t]*\([ \t]*")
BRACKET_NICK_AFTER = re.compile(r"[ \t]*\)")
# a nickname in brackets after the first name of a pair, before the dash: "A (Nick) - B"
LEAD_BRACKET = re.compile(r"[ \t]*\([^()\n]{1,40}\)")
VERB_KAN = re.compile(r"(?:me|di|ber|ter|per)[a-z]{3,}kan", re.IGNORECASE)


@dataclass
class PairMention:
    start: int
    end: int
    head: NameSpan | None             # None: a running mate whose head stands earlier
    deputy: NameSpan | None
    sentence: Sentence
    number: int | None = None
    cue: bool = False                 # a pair word, ticket verb or ballot number stands by it
    deputy_only: bool = False         # "calon wakil gubernur nomor urut 1 Mian"
    aliases: list[str] = field(default_factory=list)
    backings: list[Backing] = field(default_factory=list)
    independent: bool = False
    running: bool = True              # False: "pasangan X-Y akhirnya kandas"
    item: bool = False                # the item of a list of pairs ("1. X dan Y: PAN (6 kursi)")
    lone: bool = False                # a candidate named alone with a number verb: head or running mate
    rule: str = "rules:pairs"         # what proposed it: the pair rules, or a learned model
    confidence: float | None = None   # the model's probability, when a model decided


def phrase(lex: Lexicon, key: str) -> re.Pattern[str]:
    return lex.rx(f"phrase:{key}")


@lru_cache(maxsize=8)
def _number_rx(ballot: tuple[str, ...], words: tuple[str, ...]) -> re.Pattern[str]:
    alt = "|".join(sorted(ballot, key=len, reverse=True))
    w = "|".join(sorted(words, key=len, reverse=True))
    return re.compile(rf"\b(?:{alt})\s*:?\s*(0?\d{{1,2}}(?!\d)|(?:{w})\b)", re.IGNORECASE)


def number_rx(lex: Lexicon) -> re.Pattern[str]:
    return _number_rx(lex.phrases.get("ballot", ("nomor\\s+urut",)), tuple(lex.number_words))


def parse_number(text: str, lex: Lexicon) -> int | None:
    text = text.lower()
    if text in lex.number_words:
        return lex.number_words[text]
    return int(text) if text.isdigit() and 1 <= int(text) <= 20 else None


# ------------------------------------------------------------------ names


def _mask_spans(m: Mentions) -> tuple[list[tuple[int, int]], list[int], MaskIndex]:
    """The sorted spans of regions, parties and titles, their starts and their MaskIndex: made once per
    article (they are asked for per sentence and per gap between names)."""
    lists = (m.regions, m.parties, m.titles)
    cached = m.__dict__.get("_mask_spans")
    if cached is None or any(a is not b or n != len(b) for a, b, n in zip(cached[0], lists, cached[1])):
        spans = sorted([(r.start, r.end) for r in m.regions] + [(p.start, p.end) for p in m.parties]
                       + [(t.start, t.end) for t in m.titles])
        cached = (lists, tuple(len(x) for x in lists), (spans, [a for a, _ in spans], MaskIndex(spans)))
        m.__dict__["_mask_spans"] = cached
    return cached[2]


def sentence_names(m: Mentions, s: Sentence, lex: Lexicon) -> list[NameSpan]:
    """The person names of a sentence, fit to stand in a ticket.

    A Title Case line is skipped by the name finder (its nouns look like
    names); a list line such as ``Welly Suheri-Anggit Nasution (WA) – Nomor
    urut 1`` is read anyway. ``A alias B``: B is dropped. Empty-box words and
    lone acronyms (``DPP``, ``TPS``) are not people.
    """
    text = m.doc.text
    names = m.names_starting(s.start, s.end)
    if not names and is_headline(text[s.start:s.end], s.paragraph) and _prose(text[s.start:s.end], lex):
        names = find_names(text, s.start, s.end, lex, _mask_spans(m)[2])
    elif not names and is_headline(text[s.start:s.end], s.paragraph) and _list_line(m, s, lex):
        names = [n for n in find_names(text, s.start, s.end, lex, _mask_spans(m)[2])
                 if not _degree_only(n, lex) and _list_item(text, n, s, lex)]
    elif not names and _number_heading(m, s, lex) is not None:
        # "1. Nomor Urut 01" on one line, "A – B" on the next
        names = [n for n in find_names(text, s.start, s.end, lex, _mask_spans(m)[2]) if not _degree_only(n, lex)]
    out: list[NameSpan] = []
    for n in names:
        quote_after = text[n.end:n.end + 1] in QUOTE_CLOSE
        opens = re.fullmatch(r"\s*[‘'“\"]", text[out[-1].end:n.start]) if out else None
        if opens and (n.raw[-1:] in QUOTE_CLOSE or quote_after):
            # "Nadalsyah ‘Koyem’–Supian Hadi": a nickname in quotes after the name belongs to it
            end = n.end + quote_after
            out[-1] = NameSpan(out[-1].start, end, out[-1].raw, out[-1].name)
            continue
        if out and BRACKET_NICK_BEFORE.fullmatch(text, out[-1].end, n.start) and \
                BRACKET_NICK_AFTER.match(text, n.end):
            # "Raudatul Jannah (Acil Odah) - Akhmad Rozanie": a nickname in brackets after a name is no
            # name of its own (the pair's nickname after both is read from the text by ALIAS_AFTER)
            continue
        if out and _is_alias_gap(text[out[-1].end:n.start], n, lex):
            out[-1] = NameSpan(out[-1].start, n.end, out[-1].raw, out[-1].name)
            continue
        if _degree_only(n, lex) and out and _degrees_between(text[out[-1].end:n.start], lex):
            # "Ust Suhaidi, S.Ag berpasangan dengan …": degrees after a comma belong to the name before
            end = n.end + (text[n.end:n.end + 1] == ".")
            out[-1] = NameSpan(out[-1].start, end, out[-1].raw, out[-1].name)
            continue
        if phrase(lex, "empty_box").fullmatch(n.name.name) or _acronym(n.name.name) \
                or phrase(lex, "institutions").fullmatch(n.name.name) \
                or _honorific_only(n, lex) or n.name.name.lower() in lex.number_words:
            continue
        out.append(_drop_leading_verb(n))
    return out


def _prose(sentence: str, lex: Lexicon) -> bool:
    """A sentence in Title Case that is prose all the same: a lower-case pair word and a lower-case
    ticket verb (``Empat, pasangan A - B diusung Demokrat, PKB, dan PPP`` cut off before its full stop)."""
    pair = any(x.group(0).islower() for x in phrase(lex, "pair_words").finditer(sentence))
    verb = any(x.group(0).islower() for x in lex.rx("trigger").finditer(sentence)) or \
        any(x.group(0).islower() for x in phrase(lex, "pair_after").finditer(sentence))
    return pair and verb


def _list_line(m: Mentions, s: Sentence, lex: Lexicon) -> bool:
    text = m.doc.text
    return bool(number_rx(lex).search(text, s.start, s.end) or lex.rx("candidate").search(text, s.start, s.end)
                or re.match(r"\s*\d{1,2}[.)]\s", text[s.start:s.end]) or m.in_span(m.parties, s.start, s.end))


def _list_item(text: str, n: NameSpan, s: Sentence, lex: Lexicon) -> bool:
    """In a Title Case line only a list item counts: ``Welly Suheri-Anggit Nasution (WA) – Nomor urut 1``,
    ``Calon Bupati dan Wakil Bupati X, H. Afif Nurhidayat dan H. Muhammad Albar.``,
    ``Nomor Urut 1: Dr. H. A, S.H. dan Ir. B, M.Si`` (honorifics before a name, degrees after it)."""
    before = text[s.start:n.start]
    words = before.split(" ")
    while len(words) > 1 and _fold(words[-2].strip(",")) in lex.prefixes and words[-1] == "":
        words = words[:-2] + [""]
    before = " ".join(words)
    after = text[n.end:s.end]
    join = r"(?:dan|dengan|serta)"
    return len(n.name.name.split()) <= 4 and \
        bool(re.search(rf"(?:^|[-–—:,.]|\d|\b{join}(?:\s+\w{{1,3}}\.)?)\s*$", before)) and \
        bool(re.match(rf"\s*(?:$|[-–—(:,;.=]|{join}\b)", after))


DOTTED_ABBREVIATION = re.compile(r"[A-Z][a-z]{0,2}\.(?:[A-Z][A-Za-z]{0,3}\.?)+")


def _degrees_between(gap: str, lex: Lexicon) -> bool:
    """Only commas and degrees between a name and what follows: ``, S.E., ``."""
    words = [w for w in re.split(r"[\s,]+", gap) if w.strip(".")]
    return "," in gap and "\n" not in gap and all(_fold(w) in lex.degrees or DOTTED_ABBREVIATION.fullmatch(w)
                                                  for w in words)


def _degree_only(n: NameSpan, lex: Lexicon) -> bool:
    """``S.H``, ``M.Kn``, ``S.Sos``: a degree after a comma read as a name of its own."""
    words = n.raw.split()
    return bool(words) and all(_fold(w) in lex.degrees or DOTTED_ABBREVIATION.fullmatch(w) for w in words)


def _number_heading(m: Mentions, s: Sentence, lex: Lexicon) -> int | None:
    """The ballot number of a list item whose number stands alone on the line before:
    ``1. Nomor Urut 01`` / ``A – B``."""
    if s.index == 0:
        return None
    text = m.doc.text
    prev = next((t for t in m.sentences() if t.index == s.index - 1), None)
    if prev is None or "\n" not in text[prev.end:s.start]:
        return None
    line = text[prev.start:prev.end].strip()
    lead = re.match(r"(?:\d{1,2}[.)]\s*)?", line)
    x = number_rx(lex).match(line, lead.end() if lead else 0)
    if x is None or not re.fullmatch(r"\s*[:.]?\s*", line[x.end():]):
        return None
    return parse_number(x.group(1), lex)


BALLOT_LIST_INTRO = re.compile(r"\bnomor\s+urut\b[^\n]*:\s*$", re.IGNORECASE)


def _ballot_list_number(text: str, pos: int, m: Mentions | None = None) -> int | None:
    """``… nomor urut pasangan calon tetap sama … adalah:`` / ``1. A – B`` / ``2. C – D``: the items of a
    numbered list count as ballot numbers only when the line that opens the list speaks of the ballot
    number (``nomor urut``) and ends with a colon, and the items run 1, 2, 3 … from the top; a list after
    ``Pasangan calon yang ditetapkan adalah:`` is only the order of writing."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    lines = text[:end if end >= 0 else len(text)].split("\n")
    x = re.match(r"\s*(\d{1,2})[.)]\s", lines[-1])
    if x is None or text[start:pos].strip() not in ("", x.group(0).strip()):
        return None
    number = int(x.group(1))
    k = len(lines) - 1
    for expected in range(number - 1, 0, -1):
        k -= 1
        while k > 0 and not lines[k].strip():     # items set apart by blank lines
            k -= 1
        y = re.match(r"\s*(\d{1,2})[.)]\s", lines[k]) if k >= 0 else None
        if y is None or int(y.group(1)) != expected:
            return None
    k -= 1
    offsets = [0]
    for line in lines[:-1]:
        offsets.append(offsets[-1] + len(line) + 1)
    sectioned = False
    while k >= 0 and m is not None:
        # a list cut into sections by region sub-headings (``Banten`` / ``1. A-B`` / ``Jawa Barat`` / ``1. C-D``)
        # under one intro; page furniture between is passed over
        a, b = offsets[k], offsets[k] + len(lines[k])
        indent = len(lines[k]) - len(lines[k].lstrip())
        if not lines[k].strip() or _furniture_at(m, a + indent):
            k -= 1
        elif _region_heading(m, a, b):
            sectioned, k = True, k - 1
        elif sectioned and re.match(r"\s*\d{1,2}[.)]\s", lines[k]):
            k -= 1
        else:
            break
    while k >= 0 and not lines[k].strip():
        k -= 1
    if k < 0 or not (BALLOT_LIST_INTRO.search(lines[k]) or _short_intro_after_draw(lines, k)):
        return None
    return number if 1 <= number <= 20 else None


SHORT_INTRO = re.compile(r"\s*\S[^\n]{0,38}:\s*")
BALLOT_WORDS = re.compile(r"\bnomor\s+urut\b", re.IGNORECASE)


def _short_intro_after_draw(lines: list[str], k: int) -> bool:
    """``KPU … telah melakukan pengundian nomor urut.`` / ``Hasilnya:`` / ``1. A - B``: a short line that ends
    with a colon opens the list of the line before it, when that line speaks of the ballot number."""
    if not SHORT_INTRO.fullmatch(lines[k]) or BALLOT_WORDS.search(lines[k]):
        return False
    j = k - 1
    while j >= 0 and not lines[j].strip():
        j -= 1
    return j >= 0 and bool(BALLOT_WORDS.search(lines[j]))


def _is_alias_gap(gap: str, nxt: NameSpan, lex: Lexicon) -> bool:
    g = gap.strip(" ,")
    if not g or not phrase(lex, "alias").fullmatch(g):
        return False
    return g.lower() != "atau" or _acronym(nxt.name.name)


def _honorific_only(n: NameSpan, lex: Lexicon) -> bool:
    """``Jenderal (Purn)``, a lone ``Tgh.``: a rank or honorific cut off from the name it precedes."""
    words = n.raw.split()
    return bool(words) and all(_fold(w) in lex.prefixes or phrase(lex, "retired").fullmatch(w.strip("()."))
                               for w in words)


def _dash_gap(raw: str, lex: Lexicon) -> bool:
    """A dash, then only the second name's honorifics: ``-``, ``-H. ``, ``-Jenderal (Purn) ``, ``- Tgh. ``."""
    x = re.fullmatch(r"\s*[-–—]\s*(.*)", raw, re.DOTALL)
    if x is None or "\n" in raw:
        return False
    words = re.findall(r"[^\s()]+", x.group(1))
    return all(_fold(w) in lex.prefixes or phrase(lex, "retired").fullmatch(w.strip(".")) for w in words)


def _acronym(name: str) -> bool:
    return " " not in name and name.isupper() and len(name) <= 5


def _drop_leading_verb(n: NameSpan) -> NameSpan:
    """``Menetapkan Bobby Nasution`` at a quote's start: the verb is not part of the name."""
    words = n.name.name.split()
    if len(words) >= 3 and VERB_KAN.fullmatch(words[0]):
        rest = " ".join(words[1:])
        return NameSpan(n.start + n.raw.find(words[1]), n.end, rest, PersonName(name=rest, honorifics=n.name.honorifics))
    return n


# ------------------------------------------------------------------ gaps between two names


def _masked(m: Mentions, start: int, end: int) -> str:
    """``text[start:end]`` with titles, regions, parties and bracketed asides as ``§``."""
    text = m.doc.text
    every, starts, _ = _mask_spans(m)       # (a span inside [start, end] starts in [start, end))
    spans = [(a, b) for a, b in every[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)]
             if b <= end]
    out, pos = [], start
    for a, b in spans:
        if a >= pos:
            out.append(text[pos:a] + " § ")
            pos = b
    out.append(text[pos:end])
    return PAREN.sub(" § ", "".join(out))


def _fold(word: str) -> str:
    return word.replace(".", "").lower()


def _describers_only(rest: str, lex: Lexicon) -> bool:
    words = re.findall(r"[^\s,§]+", rest)
    return len(words) <= 6 and all(re.fullmatch(r"\d+", w) or phrase(lex, "describers").fullmatch(w) for w in words)


def gap_kind(m: Mentions, a: NameSpan, b: NameSpan, lex: Lexicon) -> str | None:
    """How two neighbouring names are joined: dash | deputy | join | partner | None."""
    text = m.doc.text
    raw = text[a.end:b.start]
    if len(raw) > 90 or "\n" in raw:
        return None
    lead = LEAD_BRACKET.match(raw)
    core = raw[lead.end():] if lead else raw
    if DASH.fullmatch(core) or _dash_gap(core, lex):
        return "dash"
    gap = _masked(m, a.end, b.start)
    gap = " ".join(w for w in gap.split(" ") if _fold(w).rstrip(",") not in lex.prefixes or not w[:1].isupper())
    # degrees after the first name: "A, S.H., M.Kn dan B"
    gap = re.sub(r"^(?:\s*,\s*(?:[A-Z][A-Za-z]{0,3}\.?){1,4})+(?=[\s,]*(?:dan|serta|&|dengan)\s)",
                 lambda x: x.group(0) if not all(_fold(w) in lex.degrees or DOTTED_ABBREVIATION.fullmatch(w)
                                                 for w in re.findall(r"[^\s,]+", x.group(0))) else "", gap)
    kinds = {"partner": "partner", "escort": "partner", "deputy_words": "deputy", "mate_words": "join",
             "pair_join": "join"}
    for kind, result in kinds.items():
        for x in phrase(lex, kind).finditer(gap) if kind != "pair_join" else _joins(gap, lex):
            before, after = gap[:x.start()], gap[x.end():]
            lead = re.sub(r"^[\s,§]*(?:dan|serta|&)?(?=\s|$)", "", before)
            if (lead.strip(" ,§") == "" or _describers_only(lead, lex)) and _describers_only(after, lex):
                return result
    return None


def _joins(gap: str, lex: Lexicon) -> list[re.Match[str]]:
    alt = "|".join(lex.phrases.get("pair_join", ("dan", "dengan")))
    return list(re.finditer(rf"(?:^|\s)(?:{alt})(?=\s|$)", gap, re.IGNORECASE))


# ------------------------------------------------------------------ cues


def has_cue(m: Mentions, s: Sentence, start: int, end: int, lex: Lexicon, floor: int) -> bool:
    """A pair word or ballot number before ``start``, or a ticket verb after ``end``."""
    text = m.doc.text
    lead = phrase(lex, "not_pair").sub(" ", text[max(s.start, floor, start - 60):start])
    if phrase(lex, "pair_words").search(lead) or number_rx(lex).search(lead) or lex.rx("candidate").search(lead):
        return True
    after = text[end:s.end]
    bracket = re.match(r"\s*\(\s*", after)
    number = number_rx(lex).match(after, bracket.end()) if bracket else None
    if number and parse_number(number.group(1), lex):
        return True       # "A dan B (nomor urut 1)"
    after = re.sub(r"^\s*(?:\([^)]{0,40}\)\s*)?[,–—-]?\s*", "", after)
    number = number_rx(lex).match(after)
    if (number and parse_number(number.group(1), lex)) or phrase(lex, "pair_after").match(after):
        return True
    t = lex.rx("trigger").match(after)
    return bool(t and any(end <= p.start <= end + 60 for p in m.parties))


# ------------------------------------------------------------------ pairs in a sentence


BULLET = r"[•·▪◦‣●○■□*–—-]|\d{1,2}[.)]"


def _only_pair(m: Mentions, s: Sentence, a: NameSpan, b: NameSpan, lead: str, lex: Lexicon) -> bool:
    """The sentence is ``<lead> [honorifics] A-B``, then at most a nickname in brackets and a full stop."""
    text = m.doc.text
    words = text[s.start:a.start].split()
    while words and _fold(words[-1]) in lex.prefixes:
        words.pop()
    return bool(re.fullmatch(lead, " ".join(words), re.IGNORECASE)) and \
        bool(re.fullmatch(r"\s*(?:\([^()]{1,40}\))?\s*(?:[=:]\s*\d[\d.,]*\s*(?:suara|%)?)?\s*\.?\s*",
                          text[b.end:s.end], re.IGNORECASE))


def _list_item_line(m: Mentions, s: Sentence, a: NameSpan, b: NameSpan, lex: Lexicon) -> bool:
    """``• A-B`` under a heading ``Pilkada <region>`` or a sentence about pairs ending in a colon: between
    the heading and the line only other items, their party counts (``[5 Partai Politik]``) and party lines."""
    if not _only_pair(m, s, a, b, rf"(?:{BULLET})", lex):
        return False
    text = m.doc.text
    for t in reversed([t for t in m.sentences() if t.index < s.index][-40:]):
        line = text[t.start:t.end].strip()
        if re.fullmatch(rf"(?:{BULLET})\s*[^\n]{{3,80}}", line) or _party_line(m, t) \
                or re.fullmatch(_alt(lex, "party_count"), line, re.IGNORECASE):
            continue
        if re.fullmatch(r"[^\n:]{3,60}:", line) and not _announces_pairs(m, t, lex):
            continue     # a sub-heading inside the list ("TPS 3 Kampung X:") under a line about pairs
        return _heading(m, t, lex) or _announces_pairs(m, t, lex)
    return False


def _line_at(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, end if end >= 0 else len(text)


def _furniture_at(m: Mentions, pos: int) -> bool:
    return any(t.furniture and t.start <= pos < t.end for t in m.doc.sentences)


def _region_heading(m: Mentions, start: int, end: int) -> bool:
    """A line that only names a region, as a list's sub-heading: ``Banten``, ``2.Kabupaten Sambas``,
    ``Kota Pontianak:``."""
    text = m.doc.text
    regions = [r for r in m.regions_starting(start, end) if r.end <= end
               and r.region.level in {"provinsi", "kabupaten_kota"}]
    if len(regions) != 1:
        return False
    rest = text[start:regions[0].start] + " " + text[regions[0].end:end]
    return bool(re.fullmatch(r"\s*(?:\d{1,2}[.)])?\s*(?:(?:provinsi|kabupaten|kota|kab\.)\s*)?[\s:.]*", rest,
                             re.IGNORECASE))


ITEM_TAIL = re.compile(r"[ \t]*(?:$|[,:;(–—-])", re.MULTILINE)


def _list_item_pair(m: Mentions, s: Sentence, a: NameSpan, b: NameSpan, lex: Lexicon) -> bool:
    """A list item ``1. A dan B: PAN (6 kursi) …``, ``- A – B (PDIP, PAN)``, ``2. A-B``: a line that opens
    with a bullet or item number and the two names, the rest of the line after a comma, colon, semicolon,
    dash or bracket. The list counts as a list of pairs when the line above it (past other items, party
    lines, region sub-headings and page furniture) speaks of candidates and opens the list (``berikut``,
    a closing colon) or is a contest heading (``Pilkada X``)."""
    text = m.doc.text
    start, end = _line_at(text, a.start)
    if b.end > end or not re.fullmatch(rf"\s*(?:{BULLET})\s*", text[start:a.start]):
        words = text[start:a.start].split()
        if not words or not re.fullmatch(rf"(?:{BULLET})", words[0]) or \
                not all(_rank_word(w, lex) for w in words[1:]) or b.end > end:
            return False
    if not ITEM_TAIL.match(text, b.end):
        return False
    pos = start - 1
    for _ in range(80):
        if pos < 0:
            return False
        ls, le = _line_at(text, pos)
        pos = ls - 1
        line = text[ls:le].strip()
        if not line or _furniture_at(m, ls + (len(text[ls:le]) - len(text[ls:le].lstrip()))) \
                or re.match(rf"(?:{BULLET})\s*\S", line) and not _region_heading(m, ls, le) \
                or _region_heading(m, ls, le) \
                or re.fullmatch(_alt(lex, "party_count"), line, re.IGNORECASE):
            continue
        if re.fullmatch(r"[\d\s.,]*(?:suara|dukungan|kursi)\W*", line, re.IGNORECASE):
            continue      # the end of an item cut in two by the sentence splitter ("38. 349 suara")
        if line.endswith(":") and len(line) <= 40 and lex.rx("trigger").search(line):
            continue      # the sub-heading of an item's parties ("Diusung oleh:" above its party lines)
        speaks = phrase(lex, "pair_words").search(line) or lex.rx("candidate").search(line)
        opens = line.endswith(":") or re.search(r"\bberikut\b", line, re.IGNORECASE)
        contest = lex.rx("contest").match(line)
        return bool(speaks and opens) or bool(contest and m.in_span(m.regions, ls, le))
    return False


def _rank_word(word: str, lex: Lexicon) -> bool:
    """A word written before a name in a list item: an honorific or rank, its corps or its retirement mark
    ("Letjen TNI (Purn) X")."""
    bare = word.strip("()")
    return _fold(bare) in lex.prefixes or bool(phrase(lex, "retired").fullmatch(_fold(bare))) or bare in lex.not_name


def _announces_pairs(m: Mentions, t: Sentence, lex: Lexicon) -> bool:
    """``… diikuti empat pasangan calon:``: a sentence about pairs that opens a list."""
    text = m.doc.text
    return text[t.start:t.end].rstrip().endswith(":") and \
        bool(phrase(lex, "pair_words").search(text, t.start, t.end))


def _alt(lex: Lexicon, key: str) -> str:
    return "(?:" + "|".join(lex.phrases.get(key, ())) + ")"


def _heading(m: Mentions, t: Sentence, lex: Lexicon) -> bool:
    """A line that only names a contest: ``Pilkada Maluku Utara``, ``Pilgub Jambi 2024:``."""
    text = m.doc.text
    c = lex.rx("contest").match(text, t.start)
    if c is None:
        return False
    rest = text[c.end():t.end]
    for r in m.in_span(m.regions, c.end(), t.end):
        rest = rest.replace(text[r.start:r.end], " ", 1)
    kinds = r"(?:(?:provinsi|kabupaten|kota|kab\.)\s*)*"
    return bool(m.in_span(m.regions, c.end(), t.end)) and \
        bool(re.fullmatch(rf"[\s:.]*{kinds}(?:\d{{4}})?[\s:.]*", rest, re.IGNORECASE))


def _party_line(m: Mentions, t: Sentence) -> bool:
    """A line of nothing but party names: ``Gerindra, Golkar, Perindo, dan PBB``, ``PDIP``."""
    text = m.doc.text
    rest = text[t.start:t.end]
    parties = m.in_span(m.parties, t.start, t.end)
    for p in sorted(parties, key=lambda p: -p.start):
        rest = rest[:p.start - t.start] + " " + rest[p.end - t.start:]
    return bool(parties) and \
        bool(re.fullmatch(r"[\s,;./&+]*(?:(?:dan|serta|partai)[\s,;./&+]*)*", rest, re.IGNORECASE))


def _ordinal_item(m: Mentions, s: Sentence, a: NameSpan, b: NameSpan, lex: Lexicon) -> bool:
    """``Pertama, A-B.`` ... ``Keempat, C-D.``: the items of a list of pairs counted out in words,
    after a sentence that speaks of pairs (``Debat diikuti oleh lima paslon.``)."""
    words = "|".join(w for w in lex.number_words if w.startswith("ke") or w == "pertama")
    if not _only_pair(m, s, a, b, rf"(?:{words})\s*,?", lex):
        return False
    text = m.doc.text
    earlier = [t for t in m.sentences() if t.index < s.index][-30:]
    return any(phrase(lex, "pair_words").search(text, t.start, t.end) for t in earlier)


def _elected_pair(m: Mentions, s: Sentence, a: NameSpan, lex: Lexicon) -> bool:
    """``melantik Bupati dan Wakil Bupati Sleman A dan B``: a head's title and its deputy's joined, then only
    their region before the two names, in a sentence about swearing in or winning."""
    text = m.doc.text
    before = [t for t in m.titles if s.start <= t.start and t.end <= a.start]
    if len(before) < 2 or not phrase(lex, "elected_words").search(text, s.start, s.end):
        return False
    head, deputy = before[-2], before[-1]
    return deputy.rule.title == "Wakil " + head.rule.title and \
        bool(re.fullmatch(r"\s*(?:dan|/|&)\s*", text[head.end:deputy.start])) and \
        re.fullmatch(r"[\s§,]*(?:terpilih[\s§,]*)?", _masked(m, deputy.end, a.start)) is not None


def _nominated(m: Mentions, s: Sentence, a: NameSpan, lex: Lexicon) -> bool:
    """``… mengusung Ketua DPW Partai X A dan Ketua DPD Partai Y B``: a nominating verb right before
    the first name, with only a description of the person between."""
    text = m.doc.text
    v = None
    for v in phrase(lex, "nominate").finditer(text, max(s.start, a.start - 80), a.start):
        pass
    if v is None:
        return False
    return _describers_only(_masked(m, v.end(), a.start), lex)




def _listed(m: Mentions, s: Sentence, pairs: list[PairMention], a: NameSpan, lex: Lexicon, kind: str) -> bool:
    """The next item of a list of pairs (``pasangan A-B, C-D, dan E-F``), or a dash pair in a
    sentence that speaks of pairs before it."""
    text = m.doc.text
    if pairs and pairs[-1].cue and re.fullmatch(r"\s*(?:\([^)]{0,40}\))?\s*(?:,|;)?\s*(?:dan|serta)?\s*",
                                                text[pairs[-1].end:a.start]):
        return True
    return kind == "dash" and bool(phrase(lex, "pair_words").search(text, s.start, a.start))


Learner = Callable[[Mentions, Sentence, list[NameSpan], set[int], list["PairMention"]], list["PairMention"]]


def pairs_in_sentence(m: Mentions, s: Sentence, lex: Lexicon, learned: Learner | None = None) -> list[PairMention]:
    """The pair mentions of a sentence: the rules' pairs, then (``learned``) the neighbouring names a
    learned model joins among those the rules left apart; then their ballot numbers."""
    text = m.doc.text
    names = sentence_names(m, s, lex)
    pairs: list[PairMention] = []
    used: set[int] = set()
    floor = s.start
    for i in range(len(names) - 1):
        a, b = names[i], names[i + 1]
        if i in used:
            continue
        kind = gap_kind(m, a, b, lex)
        if kind is None or kind == "partner" or a.name.name == b.name.name:
            continue
        item = kind in {"dash", "join"} and _list_item_pair(m, s, a, b, lex)
        cue = kind == "deputy" or has_cue(m, s, a.start, b.end, lex, floor) or _elected_pair(m, s, a, lex) \
            or _listed(m, s, pairs, a, lex, kind) or _nominated(m, s, a, lex) \
            or (kind == "dash" and (_list_item_line(m, s, a, b, lex) or _ordinal_item(m, s, a, b, lex))) \
            or item \
            or (kind == "join" and bool(PAIR_NICKNAME.match(text, b.end)))
        if kind == "join" and not cue:
            continue
        pairs.append(PairMention(a.start, b.end, a, b, s, cue=cue, item=item))
        used.update({i, i + 1})
        floor = b.end
    pairs += _partner_pairs(m, s, names, used, lex)
    if learned is not None:
        pairs += learned(m, s, names, used, pairs)
    pairs.sort(key=lambda p: p.start)
    _attach_numbers(m, s, pairs, lex)
    heading = _number_heading(m, s, lex) if len(pairs) == 1 and pairs[0].number is None else None
    if heading is None and len(pairs) == 1 and pairs[0].number is None:
        heading = _ballot_list_number(m.doc.text, s.start, m)
    if heading is not None:
        pairs[0].number, pairs[0].cue = heading, True
    pairs += _alone(m, s, names, pairs, lex)
    for p in pairs:
        x = ALIAS_AFTER.match(text, p.end)
        if x and p.head is not None:
            p.aliases.append(x.group(1))
    _mark(m, s, pairs, lex)
    return sorted(pairs, key=lambda p: p.start)


def _mark(m: Mentions, s: Sentence, pairs: list[PairMention], lex: Lexicon) -> None:
    text = m.doc.text
    for x in lex.rx("independent").finditer(text, s.start, s.end):
        for p in _independent_owners(text, x, pairs):
            p.independent = True
    if phrase(lex, "not_running").search(text, s.start, s.end) or _office_pair_sentence(m, s, lex):
        for p in pairs:
            p.running = False


def _office_pair_sentence(m: Mentions, s: Sentence, lex: Lexicon) -> bool:
    """A sentence about a head and deputy whose term ends, with no word of candidacy, contest, ballot number,
    backing or election result: its pairs are office holders, not tickets."""
    text = m.doc.text
    if not phrase(lex, "office_end").search(text, s.start, s.end):
        return False
    return not (phrase(lex, "candidacy_cue").search(text, s.start, s.end) or lex.rx("trigger").search(text, s.start, s.end)
                or WINNERS.search(text, s.start, s.end))


WINNERS = re.compile(r"\b(?:terpilih|memenang\w*|pemenang)\b", re.IGNORECASE)   # an elected pair with its term


def _independent_owners(text: str, x: re.Match[str], pairs: list[PairMention]) -> list[PairMention]:
    """The pairs a "perseorangan/independen" word is said of: all of a sentence with one list of pairs,
    else the pair it directly precedes (``paslon perseorangan X dan Y``), else the last pair before it
    (``X-Y yang maju dari jalur independen``)."""
    named = [p for p in pairs if p.head is not None or p.deputy is not None]
    if len(named) <= 1:
        return named
    after = next((p for p in named if p.start >= x.end()), None)
    if after is not None and re.fullmatch(r"[\s\w]{0,25}", text[x.end():after.start]) and \
            not re.search(r"\b(?:dan|serta|sedangkan|sementara)\b", text[x.end():after.start]):
        return [after]
    before = [p for p in named if p.end <= x.start()]
    return before[-1:]


def _partner_pairs(m: Mentions, s: Sentence, names: list[NameSpan], used: set[int],
                   lex: Lexicon) -> list[PairMention]:
    """``X berpasangan dengan [description] Y``; X may stand in an earlier sentence."""
    text = m.doc.text
    out = []
    about = _about_candidates(m, s, lex)
    found = [x for x in phrase(lex, "partner").finditer(text, s.start, s.end)]
    escorts = [x for x in phrase(lex, "escort").finditer(text, s.start, s.end) if about]
    found += escorts
    for x in sorted(found, key=lambda x: x.start()):
        deputy = _mate_after(m, s, x.end(), names, lex)
        if deputy is None or any(deputy is p.deputy for p in out):
            continue
        if x in escorts and (_post_before(m, deputy.start) or _post_before(
                m, max((n.start for n in names if n.end <= x.start()), default=-99))):
            continue        # "Ketua KPU X didampingi Ketua Divisi Y": an official and his staff, not a pair
        before = [(i, n) for i, n in enumerate(names) if n.end <= x.start() and i not in used]
        head = None
        if before:
            i, n = before[-1]
            gap = text[n.end:x.start()]
            if len(gap) <= 70 and not re.search(r"[.;]", gap) and not any(n.end <= q.start < x.start() for q in names):
                head = n
                used.add(i)
        out.append(PairMention(head.start if head else x.start(), deputy.end, head, deputy, s, cue=True))
        used.add(names.index(deputy))
    return out


def _post_before(m: Mentions, pos: int) -> bool:
    """A post (a title that is no candidacy: Ketua KPU, Sekda, Kepala Dinas …) written right before ``pos``,
    its region between (``Ketua KPU Kota Bitung X``)."""
    for t in m.titles:
        if t.candidacy or not 0 <= pos - t.end <= 60:
            continue
        gap = _masked(m, t.end, pos)
        if re.fullmatch(r"[\s§]*", gap):
            return True
    return False


def _about_candidates(m: Mentions, s: Sentence, lex: Lexicon) -> bool:
    """A sentence about candidates: a pair word, contest word, candidate title or ballot number."""
    text = m.doc.text
    return any(rx.search(text, s.start, s.end) for rx in (
        phrase(lex, "pair_words"), phrase(lex, "deputy_words"), lex.rx("contest"), lex.rx("candidate"), number_rx(lex)))


def _mate_after(m: Mentions, s: Sentence, pos: int, names: list[NameSpan], lex: Lexicon) -> NameSpan | None:
    """The running mate after a partner word: the last name before the clause ends."""
    text = m.doc.text
    trig = lex.rx("trigger")
    chosen = None
    for n in names:
        if n.start < pos or n.start - pos > 110:
            continue
        between = text[(chosen.end if chosen else pos):n.start]
        if re.search(r"[.;]|\s(?:dan|serta|sedangkan|sementara)\s", between) or trig.search(between):
            break
        chosen = n
        follow = text[n.end:s.end]
        if re.match(r"\s*(?:,\s*[a-z]|yang\b|sebagai\b|[.;]|$)|\s+(?:dan|serta|sedangkan|sementara)\s", follow) \
                or trig.match(follow.lstrip()):
            break
    return chosen


def _attach_numbers(m: Mentions, s: Sentence, pairs: list[PairMention], lex: Lexicon) -> None:
    text = m.doc.text
    numbers = [(x.start(), x.end(), parse_number(x.group(1), lex)) for x in number_rx(lex).finditer(text, s.start, s.end)]
    taken: set[int] = set()
    after = re.compile(r"\s*(?:\([^)]{1,30}\)\s*)?(?:[-–—,:]\s*)?(?:(?:resmi\s+|akhirnya\s+)?(?:mendapat(?:kan)?|memperoleh|"
                       r"meraih|menerima|menempati|bernomor(?:\s+urut)?|dengan|(?:berada\s+)?di)\s+)?"
                       r"(?:(?:sebagai|selaku|menjadi)\s+(?:pasangan(?:\s+calon)?|paslon)\s+)?", re.IGNORECASE)
    if _numbers_lead(text, numbers, pairs):
        _numbers_before(text, numbers, pairs, taken)
    _bracketed_numbers(text, s, numbers, pairs, taken, lex)
    for p in pairs:      # "X-Y (WA) – Nomor urut 1", "X dan Y mendapat nomor urut 2"
        if p.number is not None:
            continue
        for j, (a, _b, n) in enumerate(numbers):
            if j not in taken and n and 0 <= a - p.end <= 45 and after.fullmatch(text, p.end, a):
                p.number, p.cue = n, True
                taken.add(j)
                break
        else:
            bernomor = re.match(r"\s*bernomor(?:\s+urut)?\s+(\d{1,2})\b", text[p.end:s.end], re.IGNORECASE)
            if bernomor:
                p.number, p.cue = parse_number(bernomor.group(1), lex), True
    if not _numbers_lead(text, numbers, pairs):
        # numbers trail their pairs in this sentence ("X-Y yang didukung … memperoleh nomor urut 3, Z-W yang
        # diusung … memperoleh nomor urut 4"): a number closes the clause of the pair before it
        _numbers_after_clause(text, numbers, pairs, taken)
        _numbers_trailing(m, s, text, numbers, pairs, taken, lex)
    _numbers_before(text, numbers, pairs, taken)
    _numbers_after_clause(text, numbers, pairs, taken)


RESPECTIVELY = re.compile(r"\b(?:masing-masing|masing\s+masing|berurutan|berturut-turut|secara\s+berurut)\b",
                          re.IGNORECASE)
TRAILING_GAP = re.compile(r"[^.;\n]{0,160}", re.IGNORECASE)


def _numbers_trailing(m: Mentions, s: Sentence, text: str, numbers: list[tuple[int, int, int | None]],
                      pairs: list[PairMention], taken: set[int], lex: Lexicon) -> None:
    """In a sentence whose numbers come after their pairs, each number goes to the nearest pair before it
    when no other pair, number or person of two words or more stands between (a jargon or nickname may); a
    "masing-masing … 1 dan 2" list is left to the rules that read it as such."""
    if len(pairs) < 2 or RESPECTIVELY.search(text, s.start, s.end):
        return
    for j, (a, _b, n) in enumerate(numbers):
        if j in taken or not n:
            continue
        before = [p for p in pairs if p.end <= a]
        if not before:
            continue
        p = before[-1]
        if p.number is not None or p.head is None or p.deputy is None or not TRAILING_GAP.fullmatch(text, p.end, a):
            continue
        if any(p.end <= x < a for x, _y, _n in numbers) or any(p.end <= k.start and k.end <= a and " " in k.name.name
                                                            for k in m.names):
            continue
        after = [q for q in pairs if q.start >= _b]
        if after and re.fullmatch(r"[\s:(]*", text[_b:after[0].start]):
            continue        # "… rivalnya Paslon nomor urut 3 X-Y": the number leads the next pair
        p.number, p.cue = n, True
        taken.add(j)


BRACKET_OPEN = re.compile(r"[ \t]*\(\s*")
BARE_BRACKET_NUMBER = re.compile(r"[ \t]*\(\s*(\d{1,2})\s*\)")


def _bracketed_numbers(text: str, s: Sentence, numbers: list[tuple[int, int, int | None]],
                       pairs: list[PairMention], taken: set[int], lex: Lexicon) -> None:
    """``A – B (Nomor Urut 1)``: the ballot number in brackets right after the pair. ``A-B (01), C-D (02)``:
    a bare number in brackets after each pair of a sentence is the ballot number when the numbers are
    written with a leading zero, or count 1, 2, 3 … over two pairs or more (an age or a count is neither)."""
    bare: list[tuple[PairMention, str]] = []
    for p in pairs:
        if p.number is not None:
            continue
        x = BRACKET_OPEN.match(text, p.end, s.end)
        if x is None:
            continue
        j = next((j for j, (a, _b, _n) in enumerate(numbers) if a == x.end() and j not in taken), None)
        if j is not None and numbers[j][2] and re.match(r"\s*\)", text[numbers[j][1]:numbers[j][1] + 3]):
            p.number, p.cue = numbers[j][2], True
            taken.add(j)
            continue
        y = BARE_BRACKET_NUMBER.match(text, p.end, s.end)
        if y is not None:
            bare.append((p, y.group(1)))
    values = [int(v) for _, v in bare]
    if bare and all(1 <= n <= 20 for n in values) and \
            (all(v.startswith("0") for _, v in bare) or (len(bare) >= 2 and values == list(range(1, len(bare) + 1)))):
        for (p, _v), n in zip(bare, values):
            p.number, p.cue = n, True


RELATIVE_THEN_NUMBER = re.compile(r"\s*(?:\([^()]{1,40}\)\s*)?,?\s*(?:atau\s+)?yang\s+[^.;]{3,100}?\s"
                                  r"(?:mendapat(?:kan)?|memperoleh|meraih|menerima|menempati)\s+", re.IGNORECASE)


def _numbers_after_clause(text: str, numbers: list[tuple[int, int, int | None]], pairs: list[PairMention],
                          taken: set[int]) -> None:
    """``X-Y (Satria) yang diusung PKB dan Partai Demokrat mendapat nomor urut 4``: the number after a
    relative clause about the pair, with no other pair or number between."""
    for p in pairs:
        if p.number is not None:
            continue
        nxt = next(((j, a, n) for j, (a, _b, n) in enumerate(numbers) if a >= p.end), None)
        if nxt is None or nxt[0] in taken or not nxt[2] or any(p.end <= q.start < nxt[1] for q in pairs):
            continue
        if RELATIVE_THEN_NUMBER.fullmatch(text, p.end, nxt[1]):
            p.number, p.cue = nxt[2], True
            taken.add(nxt[0])


def _numbers_lead(text: str, numbers: list[tuple[int, int, int | None]], pairs: list[PairMention]) -> bool:
    """An enumeration whose items start with their number (``nomor urut satu didapat pasangan A-B,
    nomor urut dua C-D``): the sentence's first number stands before its first pair."""
    if not numbers or not pairs or not numbers[0][2]:
        return False
    b = numbers[0][1]
    return b <= pairs[0].start and pairs[0].start - b <= 60 and "\n" not in text[b:pairs[0].start]


def _numbers_before(text: str, numbers: list[tuple[int, int, int | None]], pairs: list[PairMention],
                    taken: set[int]) -> None:
    """``nomor urut 1, X-Y``, ``paslon nomor urut 2 X-Y``: the number right before the pair."""
    for p in pairs:
        if p.number is not None:
            continue
        before = [(j, b, n) for j, (a, b, n) in enumerate(numbers) if b <= p.start and j not in taken and n]
        if before:
            j, b, n = before[-1]
            if p.start - b <= 60 and not any(b <= q.start < p.start for q in pairs if q is not p) \
                    and "\n" not in text[b:p.start]:
                p.number, p.cue = n, True
                taken.add(j)


def _alone(m: Mentions, s: Sentence, names: list[NameSpan], pairs: list[PairMention],
           lex: Lexicon) -> list[PairMention]:
    """``Kandidat nomor urut 5 adalah Jon Erizal``; ``Calon wakil gubernur nomor urut 1 Mian``;
    ``Calon Bupati Gowa Andi Pallawa`` (tentative: kept only once a mate or number joins it)."""
    text = m.doc.text
    taken = {id(p.head) for p in pairs} | {id(p.deputy) for p in pairs}
    out = _titled_heads(m, s, names, taken, lex)
    taken |= {id(p.head) for p in out}
    out += _apposed(m, s, names, taken, lex)
    taken |= {id(p.head) for p in out} | {id(p.deputy) for p in out}
    for x in number_rx(lex).finditer(text, s.start, s.end):
        n = parse_number(x.group(1), lex)
        nxt = next((nm for nm in names if x.end() <= nm.start <= x.end() + 30 and id(nm) not in taken), None)
        if not n or nxt is None or any(p.start <= x.start() < p.end for p in pairs):
            continue
        gap = " ".join(w for w in text[x.end():nxt.start].split(" ") if not w or _fold(w) not in lex.prefixes)
        if not re.fullmatch(r"[\s,:]*(?:(?:adalah|yakni|yaitu|ialah|untuk|atas\s+nama)\s+)?(?:pasangan\s+)?",
                            gap, re.IGNORECASE):
            continue
        lead = text[max(s.start, x.start() - 50):x.start()]
        if not ("urut" in x.group(0).lower() or phrase(lex, "pair_words").search(lead)):
            continue
        # "A-B Nomor Urut 1, C-D Nomor 2": a name followed by its own number is not the one numbered before it
        own = re.compile(r"\s*(?:[-–—]\s*[A-Z][\w'’]*(?:\s+[A-Z][\w'’]*){0,2}?\s*)?(?i:" + number_rx(lex).pattern + ")")
        if own.match(text, nxt.end, s.end):
            continue
        deputy_only = bool(phrase(lex, "deputy_words").search(lead))
        out.append(PairMention(x.start(), nxt.end, None if deputy_only else nxt, nxt if deputy_only else None, s,
                               number=n, cue=True, deputy_only=deputy_only))
    taken |= {id(p.head) for p in out}
    out += _numbered_alone(m, s, names, pairs + out, taken, lex)
    return out


@lru_cache(maxsize=8)
def _number_verb_rx(verbs: tuple[str, ...]) -> re.Pattern[str]:
    alt = "|".join(v for v in verbs if v != "dengan")     # "X dengan nomor urut 1" is said of pairs, not one name
    return re.compile(rf"[ \t]*,?[ \t]*(?:(?:resmi|akhirnya|berhasil|pun)\s+)?(?:{alt})\s+", re.IGNORECASE)


def _numbered_alone(m: Mentions, s: Sentence, names: list[NameSpan], pairs: list[PairMention], taken: set[int],
                    lex: Lexicon) -> list[PairMention]:
    """``Budi memperoleh nomor urut 1, sedangkan Joko mendapat nomor urut 2``: a candidate named alone, then a
    number verb and the ballot number. Head or running mate: the ticket it joins decides."""
    text = m.doc.text
    verb = _number_verb_rx(tuple(lex.phrases.get("number_verbs", ())))
    out = []
    for n in names:
        if id(n) in taken or any(p.start <= n.start < p.end for p in pairs):
            continue
        v = verb.match(text, n.end, s.end)
        x = number_rx(lex).match(text, v.end(), s.end) if v else None
        k = parse_number(x.group(1), lex) if x else None
        if not k:
            continue
        if "urut" not in x.group(0).lower() and not phrase(lex, "pair_words").search(text, s.start, s.end):
            continue
        out.append(PairMention(n.start, x.end(), n, None, s, number=k, cue=True, lone=True))
    return out


def _apposed(m: Mentions, s: Sentence, names: list[NameSpan], taken: set[int], lex: Lexicon) -> list[PairMention]:
    """``Riswadi, calon Bupati nomor urut 02, menekankan …``: a candidate's title and ballot number in
    apposition after the name; ``calon Wakil Bupati nomor urut 01`` names a running mate alone."""
    text = m.doc.text
    out = []
    for n in names:
        if id(n) in taken:
            continue
        comma = re.match(r"\s*,\s*", text[n.end:s.end])
        if comma is None:
            continue
        pos = n.end + comma.end()
        deputy = phrase(lex, "deputy_words").match(text, pos, s.end)
        title = deputy or lex.rx("candidate").match(text, pos, s.end)
        if title is None:
            continue
        number = number_rx(lex).search(text, title.end(), min(s.end, title.end() + 40))
        if number is None or not re.fullmatch(r"[\s\w.]*", text[title.end():number.start()]) \
                or any(title.end() <= q.start < number.start() for q in names) \
                or not re.match(r"\s*(?:[,.;]|$)", text[number.end():s.end]):
            continue
        k = parse_number(number.group(1), lex)
        if not k:
            continue
        out.append(PairMention(n.start, n.end, None if deputy else n, n if deputy else None, s,
                               number=k, cue=True, deputy_only=bool(deputy)))
    return out


def _titled_heads(m: Mentions, s: Sentence, names: list[NameSpan], taken: set[int], lex: Lexicon) -> list[PairMention]:
    text = m.doc.text
    out = []
    for t in m.titles_starting(s.start, s.end):
        if not t.candidacy or t.rule.title.startswith("Wakil"):
            continue
        nxt = next((n for n in names if t.end <= n.start <= t.end + 30 and id(n) not in taken), None)
        if nxt is not None and re.fullmatch(r"[\s,]*", _masked(m, t.end, nxt.start).replace("§", "")):
            out.append(PairMention(nxt.start, nxt.end, nxt, None, s))
    return out


def _referred_number(m: Mentions, s: Sentence, out: list[PairMention], lex: Lexicon) -> None:
    """``Pasangan ini … akan menggunakan nomor urut 1``, ``Mereka akan bertanding dengan nomor urut 2``:
    a sentence that refers back to the pair just introduced gives it its ballot number."""
    text = m.doc.text
    last = next((q for q in reversed(out) if q.head is not None and not q.deputy_only), None)
    if last is None or last.number is not None or s.paragraph - last.sentence.paragraph > 1:
        return
    lead = re.match(r"\s*(?:[A-Z][a-z]+,\s*)?", text[s.start:s.end]).end()
    if not phrase(lex, "pair_reference").match(text, s.start + lead) or m.in_span(m.names, s.start, s.end):
        return
    numbers = list(number_rx(lex).finditer(text, s.start, s.end))
    if len(numbers) != 1:
        return
    verb = re.search(r"(?:" + "|".join(lex.phrases.get("number_verbs", ())) + r")\s*$",
                     text[max(s.start, numbers[0].start() - 40):numbers[0].start()], re.IGNORECASE)
    n = parse_number(numbers[0].group(1), lex)
    if verb and n:
        last.number, last.cue = n, True


def find_pair_mentions(m: Mentions, lex: Lexicon, learned: Learner | None = None) -> list[PairMention]:
    """Every pair mention of the article, in text order; a running mate named
    without its head (``… berpasangan dengan Y``) joins the last head named alone."""
    out: list[PairMention] = []
    for s in m.sentences():
        found = pairs_in_sentence(m, s, lex, learned)
        if not any(p.head is not None or p.deputy is not None for p in found):
            _referred_number(m, s, out, lex)
        for p in found:
            if p.head is None and not p.deputy_only:
                lone = next((q for q in reversed(out[-4:]) if q.deputy is None and q.head is not None
                             and s.index - q.sentence.index <= 2), None)
                if lone is None:
                    continue
                p.head = lone.head
                p.number = p.number or lone.number
            out.append(p)
    return out
