"""Tag what an article mentions, once: regions, parties, office titles, names, dates, contests.

The extractors of tickets, offices and statements read this index instead of
re-scanning the text. Offsets are into the untouched article text.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from kg.extract.dates import DateSpan, article_date, parse_dates
from kg.extract.lexicon import Lexicon, TitleRule, qualifier_of, title_rule
from kg.extract.names import MaskIndex, NameSpan, find_names, is_name_word
from kg.model import Document, Sentence

NATIONAL = "ID"
YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")


@dataclass(frozen=True, slots=True)
class TitleMention:
    start: int                 # start of the qualifier when there is one, else of the title
    end: int
    title_start: int
    rule: TitleRule
    qualifier: str | None
    former: bool
    candidacy: bool            # "calon bupati": a candidacy, not a holding


@dataclass(frozen=True, slots=True)
class ContestMention:
    start: int
    end: int
    office: str | None
    region: str | None         # region code
    year: int | None


@dataclass
class Mentions:
    doc: Document
    regions: list[Any] = field(default_factory=list)      # gazetteer RegionMention
    parties: list[Any] = field(default_factory=list)      # gazetteer PartyMention
    titles: list[TitleMention] = field(default_factory=list)
    names: list[NameSpan] = field(default_factory=list)
    dates: list[DateSpan] = field(default_factory=list)
    contests: list[ContestMention] = field(default_factory=list)
    published: str | None = None
    main_region: str | None = None
    main_year: int | None = None
    main_office: str | None = None
    models: Any = None         # the learned decision layers (kg.extract.learned.Models); None: rules alone

    def in_span(self, items: list[Any], start: int, end: int) -> list[Any]:
        return [x for x in items if start <= x.start and x.end <= end]

    def regions_starting(self, lo: int, hi: int) -> list[Any]:
        """The regions whose start is in ``[lo, hi)``, in the list's order (found by bisection)."""
        return self._starting("regions", lo, hi)

    def titles_starting(self, lo: int, hi: int) -> list[TitleMention]:
        """The titles whose start is in ``[lo, hi)``, in the list's order."""
        return self._starting("titles", lo, hi)

    def names_starting(self, lo: int, hi: int) -> list[NameSpan]:
        """The names whose start is in ``[lo, hi)``, in the list's order (see :meth:`set_name`)."""
        return self._starting("names", lo, hi)

    def set_name(self, i: int, name: NameSpan) -> None:
        """Replace ``names[i]`` (the indexes of :meth:`names_starting` and :meth:`name_covering` follow)."""
        old, self.names[i] = self.names[i], name
        self.__dict__.pop("_index_names", None)
        if not (name.end == old.end and _raw_start(name) >= _raw_start(old)):
            self.__dict__.pop("_index_cover", None)   # (a span cut at its head still lies in the old one)

    def name_covering(self, pos: int) -> NameSpan | None:
        """The first name (in the list's order) whose written span, honorifics included, covers ``pos``."""
        names = self.names
        index = self.__dict__.get("_index_cover")
        if index is None or index[0] is not names or index[1] != len(names):
            pairs = sorted((_raw_start(n), i) for i, n in enumerate(names))
            widest = max((len(n.raw) for n in names), default=0)
            index = (names, len(names), [a for a, _ in pairs], [i for _, i in pairs], widest)
            self.__dict__["_index_cover"] = index
        _, _, starts, order, widest = index
        for i in sorted(order[bisect.bisect_left(starts, pos - widest + 1):bisect.bisect_right(starts, pos)]):
            n = names[i]
            if _raw_start(n) <= pos < n.end:
                return n
        return None

    def _starting(self, attr: str, lo: int, hi: int) -> list[Any]:
        items = getattr(self, attr)
        index = self.__dict__.get("_index_" + attr)
        if index is None or index[0] is not items or index[1] != len(items):
            pairs = sorted((x.start, i) for i, x in enumerate(items))
            index = (items, len(items), [a for a, _ in pairs], [i for _, i in pairs])
            self.__dict__["_index_" + attr] = index
        _, _, starts, order = index
        found = order[bisect.bisect_left(starts, lo):bisect.bisect_left(starts, hi)]
        return [items[i] for i in sorted(found)]

    def last_title_ending_by(self, pos: int) -> TitleMention | None:
        """The last title (in the list's order) that ends at or before ``pos`` (titles are found left to
        right and do not overlap, so their ends increase)."""
        ends = self.__dict__.get("_title_ends")
        if ends is None or ends[0] is not self.titles or len(ends[1]) != len(self.titles):
            ends = (self.titles, [t.end for t in self.titles])
            self.__dict__["_title_ends"] = ends
        i = bisect.bisect_right(ends[1], pos) - 1
        return self.titles[i] if i >= 0 else None

    def sentences(self) -> list[Sentence]:
        return [s for s in self.doc.sentences if not s.furniture]


def _raw_start(n: NameSpan) -> int:
    return n.end - len(n.raw)


def office_for_region(region: Any) -> str | None:
    kind = getattr(region, "type", "") or ""
    if kind.startswith("Provinsi") or getattr(region, "level", "") == "provinsi":
        return "Gubernur"
    if kind.startswith("Kota"):
        return "Wali Kota"
    if kind.startswith("Kabupaten"):
        return "Bupati"
    return None


def tag_mentions(doc: Document, lex: Lexicon, gaz: Any) -> Mentions:
    text = doc.text
    m = Mentions(doc=doc)
    furniture = sorted((s.start, s.end) for s in doc.sentences if s.furniture)
    furniture_starts = [a for a, _ in furniture]

    def in_furniture(pos: int) -> bool:      # (sentences do not overlap: the one starting last at or before pos)
        i = bisect.bisect_right(furniture_starts, pos) - 1
        return i >= 0 and pos < furniture[i][1]

    m.regions = [r for r in gaz.find_regions(text) if not in_furniture(r.start)]
    m.parties = [p for p in gaz.find_parties(text) if not in_furniture(p.start)]
    m.titles = _find_titles(text, lex, in_furniture)
    ending: dict[int, TitleMention] = {}      # the first title (in order) ending at each offset
    for t in m.titles:
        ending.setdefault(t.end, t)
    m.regions = [r for r in m.regions if not _name_after_title(m, r, lex, ending)]
    m.published = doc.article.published or article_date(text, lex)
    m.dates = parse_dates(text, lex, m.published)
    masks = [(r.start, r.end) for r in m.regions] + [(p.start, p.end) for p in m.parties] + \
            [(t.start, t.end) for t in m.titles]
    masks.sort()
    index = MaskIndex(masks)
    for s in doc.sentences:
        if s.furniture or is_headline(text[s.start:s.end], s.paragraph):
            continue
        m.names += find_names(text, s.start, s.end, lex, index)
    m.contests = _find_contests(text, lex, m, in_furniture)
    _main_context(m, gaz)
    return m


HEAD_OFFICES = {"Gubernur", "Bupati", "Wali Kota"}


def _name_after_title(m: Mentions, r: Any, lex: Lexicon, ending: dict[int, TitleMention] | None = None) -> bool:
    """``Calon Bupati Bima Eka Sakti`` in a sentence about Kabupaten Tegal: a bare region word right after a
    head's title, followed by two more name words, is the first word of the person's name when the region
    cannot be the title's (a kabupaten after ``Gubernur``) or the sentence already named another region of
    the title's kind before it."""
    text = m.doc.text
    if ending is None:
        title = next((t for t in m.titles if t.end <= r.start and text[t.end:r.start] == " "), None)
    else:       # the same: one space between the title and the region
        title = ending.get(r.start - 1) if text[r.start - 1:r.start] == " " else None
    if title is None or re.match(r"(?:kabupaten|kota|provinsi|kab\.)\s", r.text, re.IGNORECASE):
        return False
    office = title.rule.title.removeprefix("Wakil ")
    if office not in HEAD_OFFICES:
        return False
    rest = re.match(r" ([A-Z][\w'’]+) ([A-Z][\w'’]+)", text[r.end:r.end + 60])
    if rest is None or not all(is_name_word(w, lex) for w in rest.groups()) or \
            m.regions_starting(r.end + 1, r.end + 2):
        return False
    fits = [g for g in (r.region, *r.alternatives) if office_for_region(g) == office]
    if not fits:
        return True
    s = m.doc.sentence_at(r.start)
    return s is not None and any(q.region.code != r.region.code and office_for_region(q.region) == office
                                 for q in m.regions_starting(s.start, r.start))


def is_headline(sentence: str, paragraph: int) -> bool:
    """A headline in Title Case near the top ("Aulia-Rendi Tawarkan Program Internet Gratis"):
    its capitalised verbs and nouns would read as names, so no name is taken from it."""
    if paragraph > 12 or sentence.rstrip()[-1:] in ".!?\"”":
        return False
    if re.match(r"\s*(?:\d{1,2}[.)]|[•·▪●*])\s", sentence):
        return False              # an item of a numbered or bulleted list, not a headline
    words = re.findall(r"[A-Za-z][A-Za-z'’-]*", sentence)
    if len(words) < 5:
        return False
    caps = sum(1 for w in words if w[0].isupper())
    return caps / len(words) >= 0.7


BRACKET_QUALIFIER = re.compile(r"\(\s*(pjs|pj|plt|plh)\.?\s*\)\s*$", re.IGNORECASE)
RUNNING_MATE = re.compile(r"\b(?:pasangan|pendamping)(?:nya)?\s+$", re.IGNORECASE)
SENTENCE_END = re.compile(r"[.!?](?=\s+[A-Z\"“])")


def _find_titles(text: str, lex: Lexicon, in_furniture: Any) -> list[TitleMention]:
    out = []
    qual_rx, cand_rx, former_rx = lex.rx("qualifier"), lex.rx("candidacy"), lex.rx("former")
    abbr = r"(?:\s*\([^()\n]{1,12}\))?"     # "Pasangan Calon (Paslon) Bupati": an abbreviation in brackets
    title_rx = re.compile(r"\b(?:" + cand_rx.pattern + r")" + abbr + r"\s+(?:" + lex.rx("title").pattern
                          + r")(?:\s+dan\s+|\s*[/&\-–—]\s*)(?:calon\s+)?$",
                          re.IGNORECASE)
    for t in lex.rx("title").finditer(text):
        if in_furniture(t.start()):
            continue
        rule = title_rule(lex, t.group(0))
        if rule is None:
            continue
        if rule.title == "Bupati" and text[max(0, t.start() - 6):t.start()].lower().endswith("wakil "):
            continue
        before = text[max(0, t.start() - 60):t.start()]
        start, qualifier = t.start(), None
        q = None
        for qm in qual_rx.finditer(before):
            q = qm
        bracket = BRACKET_QUALIFIER.search(before)
        if bracket is not None and (q is None or before[q.end():].strip(" ()") != ""):
            # "Pelaksana Tugas Bupati (Plt.) Bupati R X": a bracketed short form alone before the title
            qualifier = qualifier_of(lex, bracket.group(1))
            start = t.start() - len(before) + bracket.start()
        elif q is not None and before[q.end():].strip(" ()") == "":
            qualifier = qualifier_of(lex, q.group(0).strip()) or qualifier_of(lex, q.group(0).strip(" ()"))
            start = t.start() - len(before) + q.start()
            # "Penjabat sementara (Pjs)": the long form before the parenthesis
            more = re.search(r"(penjabat\s+sementara|penjabat|pelaksana\s+tugas|pelaksana\s+harian)\s*\(\s*$",
                             before[: q.start()], re.IGNORECASE)
            if more:
                start = t.start() - len(before) + more.start()
        lead = text[max(0, start - 25):start]
        candidacy = bool(re.search(r"(?:" + cand_rx.pattern + r")" + abbr + r"\s*(?:dan\s+(?:calon\s+)?wakil\s+\w+\s+)?$",
                                   lead, re.IGNORECASE)) or bool(re.search(r"\b(?:calon|cabup|cagub)\s+\w+\s+dan\s+$",
                                                                            lead, re.IGNORECASE))
        # "calon" scopes over a coordinated title: "calon wali kota dan wakil wali kota X-Y"
        candidacy = candidacy or bool(title_rx.search(text[max(0, start - 45):start]))
        # the running mate, "pasangan Wabup X", where a candidacy word stands in this sentence or the one
        # before (in the same paragraph)
        if not candidacy and rule.title.startswith("Wakil ") and RUNNING_MATE.search(lead):
            window = text[max(0, start - 250):start]
            window = window[window.rfind("\n") + 1:]
            stops = [k.end() for k in SENTENCE_END.finditer(window)]
            window = window[stops[-2] if len(stops) >= 2 else 0:]
            candidacy = bool(cand_rx.search(window))
        former = bool(former_rx.search(text[max(0, start - 30):start]))
        out.append(TitleMention(start=start, end=t.end(), title_start=t.start(), rule=rule,
                                qualifier=qualifier, former=former, candidacy=candidacy))
    return out


def _find_contests(text: str, lex: Lexicon, m: Mentions, in_furniture: Any) -> list[ContestMention]:
    out = []
    offices = [(re.compile(p, re.IGNORECASE), o) for p, o in lex.contests + lex.candidates]
    for rx_name in ("contest", "candidate"):
        for c in lex.rx(rx_name).finditer(text):
            if in_furniture(c.start()):
                continue
            office = next((o for rx, o in offices if rx.fullmatch(c.group(0))), None)
            after = text[c.end():c.end() + 60]
            region = None
            near = m.regions_starting(c.end(), c.end() + 41)
            if near:
                gap = text[c.end():near[0].start]
                # (a bracketed short form may stand between: "calon Bupati (Cabub) Donggala")
                if re.fullmatch(r"[\s,]*(?:(?:serentak|tahun|\d{4}|di|dan|wakil\s+\w+|provinsi|kabupaten|kota|kab\.|"
                                r"\([^()\n]{1,20}\))\s*)*",
                                gap, re.IGNORECASE):
                    region = near[0].region.code
            if office == "Presiden":
                region = NATIONAL
            y = YEAR.search(after[:40])
            year = int(y.group(1)) if y and re.fullmatch(r"[\s\w.()-]*", after[: y.start()]) else None
            out.append(ContestMention(c.start(), c.end(), office, region, year))
    # "KPU Kabupaten X", "KIP X": the body that runs the contest names its region
    for k in re.finditer(r"\b(?:KPU|KPUD|KIP)\b", text):
        near = m.regions_starting(k.end(), k.end() + 13)
        if near and not in_furniture(k.start()):
            out.append(ContestMention(k.start(), k.end(), None, near[0].region.code, None))
    return sorted(out, key=lambda c: c.start)


def _main_context(m: Mentions, gaz: Any) -> None:
    """The article's main contest: the region, office and year it is mostly about."""
    votes: Counter[str] = Counter()
    for c in m.contests:
        if c.region:
            votes[c.region] += 3
    for r in m.regions:
        if r.region.level in {"provinsi", "kabupaten_kota"}:
            votes[r.region.code] += 1
    if votes:
        m.main_region = votes.most_common(1)[0][0]
    years: Counter[int] = Counter()
    for c in m.contests:
        if c.year:
            years[c.year] += 3
    for y in YEAR.finditer(m.doc.text):
        if not any(s.furniture and s.start <= y.start() < s.end for s in m.doc.sentences):
            years[int(y.group(1))] += 1
    if m.published:
        years[int(m.published[:4])] += 2
    if years:
        m.main_year = years.most_common(1)[0][0]
    offices: Counter[str] = Counter(c.office for c in m.contests if c.office)
    if offices:
        m.main_office = offices.most_common(1)[0][0]
    elif m.main_region and m.main_region != NATIONAL:
        region = gaz.region(m.main_region)
        m.main_office = office_for_region(region) if region else None
