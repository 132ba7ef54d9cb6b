"""Candidate pairs (paslon): their contest, ballot number, candidates and backing parties.

Input: the article's :class:`~kg.extract.mentions.Mentions`. Output:
:class:`~kg.model.TicketClaim` records. The pair mentions come from
:mod:`kg.extract.pairs`, their parties from :mod:`kg.extract.coalitions`;
here the mentions of one ticket merge (``Aulia-Rendi``, ``Aulia Rahman Basri
dan Rendi Solihin``, ``pasangan nomor urut 1``, the nickname ``(AR)``, a
misspelt ``Eko Fuqani`` for ``Eko Furqani``) and each ticket gets its
contest: the contest named last before it (``Pilgub Jambi``, ``Di Sleman,``),
with the office taken from the candidate words (``calon gubernur`` is a
provincial contest even where the name is also a kota's), and the cycle year
(a re-vote held the year after belongs to the cycle before). Two tickets of one
contest whose candidates are each one person written two ways (a caption's
``Yos Wuwung-Andreas Lamere`` and the body's ``Yohanes Paulus Wuwung-Adrianus
Lamere``) are one ticket.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from kg.extract.coalitions import attach_backings
from kg.extract.lexicon import Lexicon
from kg.extract.mentions import NATIONAL, YEAR, Mentions, office_for_region
from kg.extract.names import NameSpan, name_tokens
from kg.extract.number_features import learned_numbers
from kg.extract.pair_features import learned_pairs
from kg.extract.pairs import PairMention, find_pair_mentions, phrase
from kg.model import Backing, ElectionRef, Evidence, PersonName, TicketClaim

KIND_OF_OFFICE = {"Gubernur": "Provinsi", "Bupati": "Kabupaten", "Wali Kota": "Kota"}


# ------------------------------------------------------------------ names


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


def _one_edit(a: str, b: str) -> bool:
    """One letter more, less or other, or two neighbouring letters swapped (``Khair``, ``Kahir``), in words of
    five letters or more."""
    if a == b or abs(len(a) - len(b)) > 1 or min(len(a), len(b)) < 5:
        return a == b
    if len(a) > len(b):
        a, b = b, a
    i = next((k for k in range(len(a)) if a[k] != b[k]), len(a))
    if len(a) == len(b) and i + 1 < len(a) and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2:] == b[i + 2:]:
        return True
    return a[i + (len(a) == len(b)):] == b[i + 1:]


def edit_distance(a: str, b: str, limit: int = 2) -> int:
    """Letters inserted, deleted, changed or swapped with a neighbour to turn ``a`` into ``b`` (optimal string
    alignment), or ``limit + 1`` once it is past ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return min(prev[len(b)], limit + 1)


def _same_token(x: str, y: str) -> bool:
    """One word of a name written alike, or as its initial (``D`` for ``Dominggus``)."""
    return x == y or (len(x) == 1 and y.startswith(x)) or (len(y) == 1 and x.startswith(y))


def one_word_misspelt(ta: tuple[str, ...], tb: tuple[str, ...]) -> bool:
    """Two names of two words or more, word for word alike (initials for words allowed) but for one word spelt
    with at most two slips that keeps its first letter (``Muhammad Salim Fakhri`` / ``Muhammad Salim Fahry``,
    ``Emilyh D Luhukay`` / ``Emmylh Dominggus Luhukay``)."""
    if len(ta) != len(tb) or len(ta) < 2:
        return False
    odd = [(x, y) for x, y in zip(ta, tb) if not _same_token(x, y)]
    if len(odd) != 1:
        return False
    x, y = odd[0]
    return x[:1] == y[:1] and min(len(x), len(y)) >= 5 and edit_distance(x, y) <= 2


def close(a: str, b: str) -> bool:
    """One person: one name holds the other, or a nickname (``Nia`` for ``Kurnia``), or a typo."""
    if compatible(a, b) or compatible(b, a):
        return True
    ta, tb = name_tokens(a), name_tokens(b)
    if len(tb) == 1 and len(ta) > 1:
        ta, tb = tb, ta
    if len(ta) == 1 and len(ta[0]) >= 3 and any(len(t) > len(ta[0]) and (t.endswith(ta[0]) or t.startswith(ta[0]))
                                                 for t in tb):
        return True
    if len(ta) == 1 and len(tb) > 1 and _one_edit(ta[0], tb[0]):
        return True          # "Yosi" for "Yosy Lamere": a given name spelt another way
    return len(ta) == len(tb) and (all(_one_edit(x, y) for x, y in zip(ta, tb)) or one_word_misspelt(ta, tb))


# ------------------------------------------------------------------ contests


@dataclass(frozen=True)
class Point:
    pos: int
    region: str | None
    office: str | None
    year: int | None
    kind: str = "contest"      # contest | organiser ("KPU Provinsi X") | section ("Untuk Kabupaten X, …")


class Contests:
    """Which contest a pair mention belongs to."""

    def __init__(self, m: Mentions, lex: Lexicon, gaz: Any) -> None:
        self.m, self.lex, self.gaz = m, lex, gaz
        text = m.doc.text
        laws = law_spans(text, lex)
        points = []
        past = re.compile(r"[^.\n]{0,40}?\b(?:19|20)\d{2}\s*(?:yang\s+)?" + _alt(lex, "past_contest") + r"\b",
                          re.IGNORECASE)
        for c in m.contests:
            if any(a <= c.start < b for a, b in laws):       # "UU Pilkada Nomor 10 Tahun 2016" is no contest
                continue
            kind = "organiser" if re.match(r"(?:KPU|KPUD|KIP)\b", text[c.start:c.end]) else "contest"
            if c.year and past.match(text, c.end):
                kind = "past"       # "pada Pilkada Manado 2015 lalu": of its own sentence only
            points.append(Point(c.start, c.region, c.office, c.year, kind))
        self.points = sorted(points + _section_points(m, lex), key=lambda p: p.pos)
        self.revote = bool(lex.rx("revote").search(text))
        self.cycles = sorted(int(y) for y in lex.phrases.get("cycle_years", ()))
        self.year = self._cycle(article_year(m, laws))
        self.fallback = self._fallback_region()

    def _cycle(self, year: int | None) -> int | None:
        # no regional election is held outside the cycle years: a ticket dated 2025 (a re-vote, the winners
        # sworn in) belongs to the cycle before
        if year is None or year in self.cycles or not self.cycles or year < self.cycles[0]:
            return year
        return max(c for c in self.cycles if c < year)

    def _fallback_region(self) -> str | None:
        """The article's main region, the dateline city left out: a story filed from Ambon is not about
        Ambon's contest unless the text names it again."""
        m = self.m
        datelines = {r.start for s in m.sentences()[:12] for r in m.regions
                     if s.start <= r.start < s.start + 40 and _dateline(m, s, r)}
        if not datelines:
            return m.main_region
        votes: Counter[str] = Counter()
        for c in self.points:
            if c.region:
                votes[c.region] += 3
        for r in m.regions:
            if r.region.level in {"provinsi", "kabupaten_kota"} and r.start not in datelines:
                votes[r.region.code] += 1
        return votes.most_common(1)[0][0] if votes else m.main_region

    def election_at(self, p: PairMention) -> ElectionRef:
        s = p.sentence
        before = [c for c in self.points if c.pos <= p.start and (c.kind != "past" or c.pos >= s.start)]
        last = next((c for c in reversed(before) if c.region and not self._body_above(c, before)), None)
        if last is None or last.kind == "organiser":
            # "KPU Kalsel menetapkan X dan Y sebagai pemenang PSU Pemilihan Wali Kota Banjarbaru": the contest
            # the sentence names beats the body that runs it
            later = next((c for c in self.points
                          if c.kind == "contest" and c.region and p.end <= c.pos < s.end), None)
            if later is not None:
                last = later
                before = [c for c in self.points if c.pos <= later.pos]
        region = last.region if last is not None else self._titled_region(p)
        if region is None:
            region = next((c.region for c in self.points if c.region and c.pos - p.end < 300), self.fallback)
        since = next((c.pos for c in reversed(before) if c.region == region), 0)
        office = self._office_word(p) or next((c.office for c in reversed(before) if c.office and c.pos >= since), None)
        year = next((c.year for c in reversed(before) if c.year and c.region in (None, region)), None)
        region = self._level(region, office, p)
        region, office = self._reconcile(region, office)
        year = self._cycle(year) if year else self.year
        return ElectionRef(region=region, office=office, year=year, revote=self.revote and office != "Presiden")

    def _body_above(self, c: Point, before: list[Point]) -> bool:
        """``Komisioner KPU Sulsel`` in a story about the Palopo contest: a provincial election body named
        after a contest of one of its kabupaten or kota is the body above it, not a new contest."""
        if c.kind != "organiser":
            return False
        ref = self.gaz.region(c.region)
        if ref is None or office_for_region(ref) != "Gubernur":
            return False
        for o in before:
            if o.pos >= c.pos or not o.region or o.kind == "organiser" and o.region == c.region:
                continue
            inner = self.gaz.region(o.region)
            if inner is not None and inner.code != ref.code and inner.province_code == ref.code:
                return True
        return False

    def _titled_region(self, p: PairMention) -> str | None:
        """``Bupati dan Wakil Bupati Halmahera Utara A dan B``: the region right after the candidates' titles."""
        m, text = self.m, self.m.doc.text
        title = m.last_title_ending_by(p.start)
        if title is None or p.start - title.end > 40:
            return None
        regions = [r for r in m.regions_starting(title.end, p.start) if r.end <= p.start
                   and r.region.level in {"provinsi", "kabupaten_kota"}]
        if len(regions) != 1 or text[title.end:regions[0].start].strip() or \
                not re.fullmatch(r"[\s,]*(?:terpilih[\s,]*)?", text[regions[0].end:p.start]):
            return None
        return regions[0].region.code

    def _level(self, region: str | None, office: str | None, p: PairMention) -> str | None:
        """``calon bupati`` rules out a province: the nearest kabupaten (``calon wali kota``: kota) the
        article names as a contest or section, before the pair, else after it."""
        ref = self.gaz.region(region) if region else None
        kind = KIND_OF_OFFICE.get(office or "")
        if ref is None or kind not in {"Kabupaten", "Kota"} or office_for_region(ref) != "Gubernur":
            return region

        def fits(code: str | None) -> bool:
            r = self.gaz.region(code) if code else None
            return r is not None and office_for_region(r) == office and r.province_code == ref.code

        before = [c.region for c in self.points if c.pos <= p.start and fits(c.region)]
        after = [c.region for c in self.points if c.pos > p.start and fits(c.region)]
        return (before[-1:] or after[:1] or [region])[0]

    def _office_word(self, p: PairMention) -> str | None:
        text, s = self.m.doc.text, p.sentence
        words = [(x.start(), x.group(0)) for x in self.lex.rx("candidate").finditer(text, s.start, s.end)]
        words += [(x.start(), x.group(0)) for x in self.lex.rx("contest").finditer(text, s.start, s.end)]
        words.sort()
        pick = [w for a, w in words if a < p.start][-1:] or [w for a, w in words if a >= p.start][:1]
        if not pick:
            return None
        for pattern, office in self.lex.candidates + self.lex.contests:
            if office and re.fullmatch(pattern, pick[0], re.IGNORECASE):
                return office
        return None

    def _reconcile(self, region: str | None, office: str | None) -> tuple[str | None, str | None]:
        """``calon gubernur`` with Kota Bengkulu found → Provinsi Bengkulu; the region type decides otherwise."""
        if office == "Presiden" or region == NATIONAL:
            return NATIONAL, "Presiden"
        ref = self.gaz.region(region) if region else None
        if ref is None:
            return region, office or self.m.main_office
        kind = KIND_OF_OFFICE.get(office or "")
        if kind and office_for_region(ref) != office:
            other = self.gaz.resolve_region(ref.short, kind=kind, province_code=ref.province_code)
            if other is not None and other.short == ref.short:
                return other.code, office
            if office == "Gubernur":
                return ref.province_code, office
        return region, office_for_region(ref) or office


def _section_points(m: Mentions, lex: Lexicon) -> list[Point]:
    """Region switches: a line opener ("Di Sleman, …", "Pilkada Gunungkidul diikuti …", a heading
    "2. Kota Prabumulih", "Pasuruan: X-Y (…)"), also after a discourse prefix or inside a quote
    ("Ia merincikan, untuk Kabupaten X …", "“Untuk X telah ditetapkan …"), and "untuk Kabupaten X"
    anywhere in a sentence. A dateline ("AMBON, Outlet –") is not a section."""
    text = m.doc.text
    opener = phrase(lex, "section_openers")
    prefixed = re.compile(r"[“”\"'‘\s]*(?:[^,.;:“”\"]{1,40},\s*)?(?P<opener>.+)", re.DOTALL)
    midway = re.compile(r"(?<!\w)(?:" + "|".join(lex.phrases.get("section_midway", ("untuk",))) + r")\s+$",
                        re.IGNORECASE)
    kind_word = re.compile(r"(?:kabupaten|kota|kab\.)\s", re.IGNORECASE)
    pair_words = phrase(lex, "pair_words")
    out = []
    for s in m.sentences():
        pairs_at: tuple[int, Any] = (s.end + 1, None)    # (from where, the first pair word from there on)
        for r in m.regions_starting(s.start, s.end):
            if r.region.level not in {"kabupaten_kota", "provinsi"}:
                continue
            lead = _drop_kind_word(text[s.start:r.start]).strip()
            heading = re.fullmatch(r"(?:\d{1,2}[.)])?", lead) and not _dateline(m, s, r) \
                and re.match(r"\s*(?:[,:.]|$)", text[r.end:s.end])
            if (lead and opener.fullmatch(lead)) or heading:
                out.append(Point(s.start, r.region.code, None, None, "section"))
                continue
            # after a discourse prefix or a quote mark, or in mid-sentence: "untuk <region>" in a sentence
            # that goes on to speak of pairs
            # (the first pair word at or after r.end: the one found from an earlier point when it is not before)
            if not (pairs_at[0] <= r.end and (pairs_at[1] is None or pairs_at[1].start() >= r.end)):
                pairs_at = (r.end, pair_words.search(text, r.end, s.end))
            pairs_follow = pairs_at[1] is not None
            x = prefixed.fullmatch(lead) if len(lead) <= 60 else None
            if x and pairs_follow and midway.fullmatch(x.group("opener").strip() + " "):
                out.append(Point(s.start, r.region.code, None, None, "section"))
                continue
            mid = midway.search(text, max(s.start, r.start - 30), r.start)
            goes_on = _GOES_ON.match(text, r.end, s.end)
            if mid and pairs_follow and r.region.level == "kabupaten_kota" and (kind_word.match(text, r.start)
                                                                                or goes_on):
                out.append(Point(mid.start(), r.region.code, None, None, "section"))
    return out


_GOES_ON = re.compile(r"\s*,?\s*(?:telah|sudah|juga|ada|terdapat|diikuti|ditetapkan|hanya)\b")
_KIND_WORD_AT_END = re.compile(r"\b(?:kabupaten|kota|provinsi|kab\.)\s*$", re.IGNORECASE)


def _drop_kind_word(lead: str) -> str:
    """``lead`` without a region-kind word at its end ("… untuk Kabupaten"): such a word is at most 9 letters
    before the trailing blanks, so it is looked for there only (the whole lead each time was quadratic)."""
    m = _KIND_WORD_AT_END.search(lead, max(0, len(lead.rstrip()) - 9))
    return lead[:m.start()] + lead[m.end():] if m else lead


def _dateline(m: Mentions, s: Any, r: Any) -> bool:
    """``AMBON, Siwalimanews –``, ``Makassar (ANTARA) -``, ``TEMPO.CO, Kendari -``: the place the story
    was filed from, at the start of a sentence near the top (after at most an outlet's name)."""
    text = m.doc.text
    lead = text[s.start:r.start]
    if s.paragraph > 12 or not re.fullmatch(r"\s*(?:[\w.]+(?:\s[\w.]+){0,2}\s*,?\s*)?", lead):
        return False
    rest = text[r.end:s.end]
    return bool(not lead.strip() and text[r.start:r.end].isupper() and re.match(r"\s*,", rest)) or \
        bool(re.match(r"\s*(?:,\s*)?(?:\(?[\w.]+(?:\s[\w.]+){0,2}\)?\s*)?[-–—]\s", rest))


def law_spans(text: str, lex: Lexicon) -> list[tuple[int, int]]:
    """Law citations (``UU Nomor 10 Tahun 2016``, ``PKPU nomor 2 tahun 2024``): their years and
    contest words say nothing about the contest."""
    return [(x.start(), x.end()) for x in re.finditer(_alt(lex, "law_citation"), text, re.IGNORECASE)]


def _alt(lex: Lexicon, key: str) -> str:
    return "(?:" + "|".join(lex.phrases.get(key, ())) + ")"


def article_year(m: Mentions, laws: list[tuple[int, int]] = ()) -> int | None:  # type: ignore[assignment]
    """The year the article is about: contest years, then dates, then years in the text
    (a term such as ``2019-2024`` and a law's year do not count)."""
    text = m.doc.text
    laws = list(laws)
    years: Counter[int] = Counter()
    for c in m.contests:
        if c.year and not any(a <= c.start < b for a, b in laws):
            years[c.year] += 3
    for d in m.dates:
        if len(d.value) == 10:
            years[int(d.value[:4])] += 2
    furniture = [(s.start, s.end) for s in m.doc.sentences if s.furniture]
    for y in YEAR.finditer(text):
        if any(a <= y.start() < b for a, b in furniture + laws):
            continue
        if re.match(r"\s*[-–/]\s*\d{4}", text[y.end():y.end() + 8]) or \
                re.search(r"\d{4}\s*[-–/]\s*$|periode\s+$", text[max(0, y.start() - 10):y.start()]):
            continue
        years[int(y.group(1))] += 1
    if m.published:
        years[int(m.published[:4])] += 2
    return years.most_common(1)[0][0] if years else m.main_year


# ------------------------------------------------------------------ merging mentions into tickets


@dataclass
class Ticket:
    election: ElectionRef
    number: int | None
    head: NameSpan
    deputy: NameSpan | None
    evidence: tuple[int, int]
    backings: list[Backing] = field(default_factory=list)
    short: list[str] = field(default_factory=list)      # shorter forms of the candidates' names
    cue: bool = False
    running: bool = False
    independent: bool = False
    numbered: set[str] = field(default_factory=set)    # names written in a mention that gives the ballot number
    rules: set[str] = field(default_factory=set)       # what proposed its mentions (rules:pairs, model:pairs, …)
    confidence: float | None = None                    # the lowest model probability among its mentions

    def absorb(self, p: PairMention) -> None:
        self.rules.update(p.rule.split("+"))
        if p.confidence is not None:
            self.confidence = p.confidence if self.confidence is None else min(self.confidence, p.confidence)
        if p.number is not None and not p.lone:
            self.numbered.update(x.name.name for x in (p.head, p.deputy) if x is not None)
        if p.head is not None:
            self.head = self._fuller(self.head, p.head)
        if p.deputy is not None:
            self.deputy = p.deputy if self.deputy is None else self._fuller(self.deputy, p.deputy)
        self.number = self.number if self.number is not None else p.number
        for bk in p.backings:
            if all(x.party != bk.party for x in self.backings):
                self.backings.append(bk)
        self.cue = self.cue or p.cue
        self.running = self.running or p.running
        self.independent = self.independent or p.independent

    def _fuller(self, old: NameSpan, new: NameSpan) -> NameSpan:
        a, b = old.name.name, new.name.name
        if len(b) > len(a) and compatible(a, b):
            self.short.append(a)
            return new
        if len(name_tokens(b)) > len(name_tokens(a)) and _variant(a, b):
            # "Yosi" (a headline) and "Yosy Lamere"; "Yos Wuwung" (a caption) and "Yohanes Paulus Wuwung"
            # with the same number and mate: the fuller form
            return new
        if b != a and compatible(b, a):
            self.short.append(b)
        return old


def _match(tickets: list[Ticket], p: PairMention, ref: ElectionRef) -> Ticket | None:
    best, best_score = None, 0
    for t in tickets:
        score = _match_score(t, p, ref)
        if score > best_score:
            best, best_score = t, score
    return best


def _match_score(t: Ticket, p: PairMention, ref: ElectionRef) -> int:
    if p.number is not None and t.number is not None and p.number != t.number:
        return 0
    same_number = p.number is not None and p.number == t.number
    h = p.head is not None and close(p.head.name.name, t.head.name.name)
    d = p.deputy is not None and t.deputy is not None and close(p.deputy.name.name, t.deputy.name.name)
    d_conflict = p.deputy is not None and t.deputy is not None and not d
    if p.head is not None and t.deputy is not None and close(p.head.name.name, t.deputy.name.name) and not h:
        # "Y memperoleh nomor urut 1" of a running mate: the number is the ticket's
        return 3 if p.lone and t.election.region == ref.region and (same_number or t.number is None) else 0
    if t.election.region != ref.region and not (h and d):
        return 0
    if p.deputy_only:
        return 3 if same_number else (2 if d else 0)
    if h and not d_conflict:
        return 3 + same_number + d
    if same_number and (h or d):
        return 3
    return 0


def _nickname_mentions(mentions: list[PairMention]) -> list[PairMention]:
    """Drop mentions by a ticket's bracketed nickname (``Tarsa``, ``Hakam-Ayi``), giving their
    number and parties to the ticket the nickname belongs to."""
    owners: dict[str, PairMention] = {}
    for p in mentions:
        for a in p.aliases:
            owners.setdefault(_fold(a), p)
    out = []
    for p in mentions:
        names = [x.name.name for x in (p.head, p.deputy) if x is not None]
        keys = {_fold(n) for n in names} | {_fold("-".join(names))}
        owner = next((owners[k] for k in keys if k in owners and owners[k] is not p), None)
        if owner is None:
            out.append(p)
            continue
        owner.number = owner.number if owner.number is not None else p.number
        owner.backings += [b for b in p.backings if all(x.party != b.party for x in owner.backings)]
    return out


def _fold(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.lower())


def _unique_numbers(tickets: list[Ticket]) -> list[Ticket]:
    """One ticket per ballot number in a contest: the weaker of two (no running mate) goes."""
    out: list[Ticket] = []
    for t in sorted(tickets, key=lambda t: (t.deputy is None, -len(t.backings))):
        clash = [o for o in out if o.number is not None and o.number == t.number
                 and (o.election.region, o.election.year) == (t.election.region, t.election.year)]
        if clash:
            if t.deputy is not None:
                t.number = None
                out.append(t)
            continue
        out.append(t)
    return sorted(out, key=lambda t: t.evidence[0])


def extract_tickets(m: Mentions, lex: Lexicon, gaz: Any) -> tuple[list[TicketClaim], dict[str, str]]:
    """Ticket claims of the article and the short-name → full-name map they establish."""
    model = getattr(m.models, "pairs", None)
    learned = None if model is None else \
        (lambda m_, s, names, used, ruled: learned_pairs(m_, s, names, used, lex, model, ruled))
    mentions = find_pair_mentions(m, lex, learned)
    if getattr(m.models, "numbers", None) is not None:
        learned_numbers(m, mentions, lex, m.models.numbers)
    attach_backings(m, lex, gaz, mentions)
    mentions = _nickname_mentions(mentions)
    contests = Contests(m, lex, gaz)
    tickets: list[Ticket] = []
    for p in mentions:
        ref = contests.election_at(p)
        t = _match(tickets, p, ref)
        if t is not None:
            t.absorb(p)
        elif p.head is not None:
            t = Ticket(election=ref, number=p.number, head=p.head, deputy=p.deputy, evidence=(p.start, p.end))
            t.absorb(p)
            tickets.append(t)
    tickets = _merge_variants(tickets)
    # a ticket needs a contest region (an election without one fails validation and takes the article with it)
    kept = [t for t in tickets if t.running and (t.cue or t.number is not None or t.backings)
            and (t.deputy is not None or t.number is not None) and t.election.region is not None]
    kept = _unique_numbers(kept)
    return [_claim(m, t) for t in kept], _short_names(kept)


def _surname(name: str) -> str | None:
    tokens = name_tokens(name)
    return tokens[-1] if len(tokens) >= 2 and len(tokens[-1]) >= 3 else None


def _variant(a: str, b: str) -> bool:
    """One candidate written two ways: close names, or two names of two words or more with one surname
    (``Yos Wuwung`` in a caption, ``Yohanes Paulus Wuwung`` in the body)."""
    return close(a, b) or close(b, a) or (_surname(a) is not None and _surname(a) == _surname(b))


def _merge_variants(tickets: list[Ticket]) -> list[Ticket]:
    """Two tickets of one contest whose heads and running mates are each one person written two ways
    (a caption's short forms, a misspelt mate) are one ticket: no one runs on two tickets of a contest.
    Each candidate keeps the fuller name, on a tie the one written with the ballot number, else the first."""
    out: list[Ticket] = []
    for t in tickets:
        o = next((o for o in out if o.election == t.election and o.deputy is not None and t.deputy is not None
                  and (o.number is None or t.number is None or o.number == t.number)
                  and _variant(o.head.name.name, t.head.name.name)
                  and _variant(o.deputy.name.name, t.deputy.name.name)), None)
        if o is None:
            out.append(t)
            continue
        numbered = o.numbered | t.numbered

        def pick(a: NameSpan, b: NameSpan) -> NameSpan:
            rank = lambda n: (len(name_tokens(n.name.name)), n.name.name in numbered)  # noqa: E731
            return b if rank(b) > rank(a) else a

        o.head, o.deputy = pick(o.head, t.head), pick(o.deputy, t.deputy)
        o.short += [n.name.name for n in (t.head, t.deputy) if n is not None] + t.short
        o.numbered = numbered
        o.number = o.number if o.number is not None else t.number
        o.backings += [b for b in t.backings if all(x.party != b.party for x in o.backings)]
        o.cue, o.running, o.independent = o.cue or t.cue, o.running or t.running, o.independent or t.independent
        o.rules |= t.rules
        if t.confidence is not None:
            o.confidence = t.confidence if o.confidence is None else min(o.confidence, t.confidence)
    return out


def _claim(m: Mentions, t: Ticket) -> TicketClaim:
    def person(n: NameSpan) -> PersonName:
        return PersonName(name=n.name.name, honorifics=n.name.honorifics)

    return TicketClaim(election=t.election, number=t.number, head=person(t.head),
                       deputy=person(t.deputy) if t.deputy else None, backings=tuple(t.backings),
                       independent=t.independent, evidence=m.doc.evidence(*t.evidence),
                       rule="+".join(sorted(t.rules)) or "rules:pairs", confidence=t.confidence)


def _short_names(tickets: list[Ticket]) -> dict[str, str]:
    out: dict[str, str] = {}
    for t in tickets:
        for short in t.short:
            for full in (t.head, t.deputy):
                if full is not None and short != full.name.name and compatible(short, full.name.name):
                    out.setdefault(short, full.name.name)
    return out


def election_claims(m: Mentions, tickets: list[TicketClaim], lex: Lexicon) -> list[tuple[ElectionRef, Evidence]]:
    """The contests the article speaks of: those of its tickets."""
    seen: dict[tuple[Any, ...], tuple[ElectionRef, Evidence]] = {}
    for t in tickets:
        key = (t.election.region, t.election.year, t.election.revote)
        seen.setdefault(key, (t.election, t.evidence))
    return list(seen.values())
