"""Office holdings: "Pj Bupati Pasaman Edi Dharma", "X adalah Wakil Bupati Kutai Timur (2021-2024)".

Every title mention that is not a candidacy ("calon bupati") looks for its
holder, in this order:

1. after it: ``[mantan] [Plt] TITLE [REGION] [(ABBR)][,] [petahana] NAME``,
   also when the region hides at the head of the name run ("Ketua KPU Medan
   Agussyah Damanik", "Camat Sangatta Utara Hasdiah") and, for a Kepala Dinas,
   past the agency's name ("Kadis Bina Marga Mulyadi Irsan Lampung");
2. through a passive: ``TITLE … diemban oleh [TITLE] NAME``;
3. before it: ``NAME (TITLE …)``, ``NAME –TITLE…–``, ``NAME, TITLE REGION``, or
   ``NAME <a few lower-case words with a copula> TITLE`` ("X yang saat ini
   juga menjabat Wakil Gubernur Riau"); a pronoun ("ia") stands for the person
   the preceding sentences are about. Two names before a head and deputy
   title pair share them out ("Eri Cahyadi dan Armuji petahana Wali Kota dan
   Wakil Wali Kota Surabaya").

The region is the one written after the title (or after its deputy's title in
"Bupati dan Wakil Bupati Pringsewu"), else the article's own region of the
right kind; an election body with no region is national in a national
context. Terms: ``(2021-2024)``, ``periode 2016–2021``, ``selama dua periode
dari 2016-2024``, ``sejak 2021``, ``hingga 2024``. :func:`ticket_offices` adds
what needs the article's tickets ("petahana", "wakilnya", "Duet Bupati X").
"""
from __future__ import annotations

import bisect
import re
from dataclasses import replace
from typing import Any

from kg.extract.lexicon import Lexicon
from kg.extract.mentions import NATIONAL, Mentions, TitleMention
from kg.extract.names import NameSpan, is_name_word, normalize_person_name, same_person
from kg.model import OfficeClaim, PersonName, Sentence

MAX_LINK_WORDS = 8
_SPACES = re.compile(r"\s*")
_DAN_GAP = re.compile(r"\s+dan\s+")
# (matched at an offset up to the sentence's end, not on a copy of the rest of the sentence for each title)
_LIST_WORD = re.compile(r"\s+(?:(?:dan|&)\s+)?(\(\s*)?([A-Za-z][A-Za-z'’]*)(\s*\))?")
_REGION_WORDS = re.compile(r"(?:[A-Z][a-z]+(?: |$)){1,3}")
_AFTER_REGION = re.compile(r"\s*(?:\(\s*[A-Za-z]+\s*\))?[\s,]*")
_COMMA = re.compile(r"\s*,\s*")
REGION_KINDS = {"Provinsi", "Kabupaten", "Kota", "Kecamatan"}
TERM = re.compile(      # "(2021-2024)", "definitif periode 2017-2022", "sejak 2021", "hingga akhir Juli 2025"
    r"(?:[\s,]+[a-z]+){0,5}?[\s,(]+(?:periode\s+|masa\s+jabatan\s+|tahun\s+|dari\s+)?"
    r"(\d{4})\s*[-–—/]\s*(\d{4})\b"
    r"|[\s,(]+sejak\s+(?:tahun\s+)?(\d{4})\b|[\s,(]+(?:mulai\s[^.;]{0,40}?\s)?(?:hingga|sampai)(?:\s+[A-Za-z]+){0,4}?\s+(\d{4})\b")
# between a region and its holder: "petahana", "periode 2010-2015", "dua periode,", "setempat" (the region
# said before: "Ketua KPUD setempat X")
BETWEEN = (r"[\s,]*(?:setempat[\s,]+)?(?:(?:{incumbent})[\s,]+)?(?:(?:\(?(?:periode|masa\s+jabatan)\s+)?"
           r"\d{{4}}\s*[-–]\s*\d{{4}}\)?[\s,]+|(?:satu|dua|tiga)\s+periode[\s,]+)?")
APPOSITIVE = re.compile(r"\s*(?:\(|[-–—]|,)\s*")
PLAIN_GAP = re.compile(r"[ \t]*,?[ \t]*")
LINK_GAP = re.compile(r"[\s,(]*((?:[a-z][a-z-]*[\s,(]+)+)")
LEAD_IN = re.compile(r"(?:^|\b(?:sedangkan|sementara|dan|yakni|yaitu|adalah|hadir|oleh|dengan)\s*,?"
                     r"|[-–—:]"
                     r"|(?-i:^\W*[A-Z]{3,}[A-Z ]*\W+))\s*$", re.IGNORECASE)
# an item of a list of posts with their periods: "… (2000-2009), Ketua DPRD X (2009-2013)"
LIST_ITEM = re.compile(r"(?:\(\s*\d{4}\s*[-–—]\s*\d{4}\s*\)|,\s*\d{4}\s*[-–—]\s*\d{4})\s*,\s*(?:dan\s+|serta\s+)?$")
ASIDE = re.compile(r"[ \t]*\([^()\n]{1,60}\)")
# after a holding, the same person's next post: "X adalah Sekda Y, ditunjuk menjadi Pj Bupati Z",
# "X, Pj Bupati Y yang pindah tugas menjadi Pj Bupati Z"
CHAIN_GAP = re.compile(r"[ \t]*,?[ \t]*")
BODY_NATIONAL = re.compile(r"\s+(?:RI|Republik\s+Indonesia|Pusat)\b")


class _Words:
    """The compiled word lists of ``offices.yaml`` that this module reads."""

    def __init__(self, lex: Lexicon) -> None:
        def rx(key: str) -> re.Pattern[str]:
            return lex.rx(f"phrase:{key}")
        strong = "|".join(f"(?:{p})" for p in lex.copula + lex.former + lex.incumbent)
        self.link = re.compile(r"\b(?:" + strong + r")\b", re.IGNORECASE)
        weak = "|".join(f"(?:{p})" for p in lex.phrases["weak_link"])
        self.weak = re.compile(r"(?:\b(?:" + weak + r")\b[\s,]*)+", re.IGNORECASE)
        # "Bupati Sleman saat ini Budi Santoso": an adverb of now between the region and the holder
        now = lex.rx("incumbent").pattern + ("|" + rx("now_between").pattern if "now_between" in lex.phrases else "")
        self.between = re.compile(BETWEEN.format(incumbent=now), re.IGNORECASE)
        self.blocked, self.pronoun, self.passive = rx("not_holding"), rx("pronoun"), rx("passive")
        self.national, self.incumbent = rx("national"), lex.rx("incumbent")
        self.deputy_pronoun, self.pair_word, self.pair_incumbent = (
            rx("deputy_pronoun"), rx("pair_word"), rx("pair_incumbent"))
        # "… dan menang sebagai TITLE": a clause that won the office (the subject holds it)
        self.won_as = re.compile(r"\b(?:dan|lalu|kemudian|akhirnya)\s+(?:(?:kembali|pun|berhasil)\s+)?"
                                 r"(?:" + rx("won_as").pattern + r")\s+$", re.IGNORECASE)
        self.elect = re.compile(r"[\s,]*(?:" + rx("elect").pattern + r")", re.IGNORECASE)
        # a staff noun and the capitalised words of its unit right before a title
        unit = r"(?:\s+(?:(?-i:[A-Z])[\w’'.-]*|dan|&|bidang)){0,6}\s*$"
        self.staff_of = re.compile(r"\b(?:" + rx("staff_of").pattern + r")" + unit, re.IGNORECASE)
        self.building_of = re.compile(r"\b(?:" + rx("building_of").pattern + r")\s+$", re.IGNORECASE)
        self.kin_of = re.compile(r"\b(?:" + rx("kin_of").pattern + r")" + unit, re.IGNORECASE)
        future, appoint = rx("future").pattern, rx("appoint").pattern
        self.to_come = re.compile(r"\b(?:" + future + r")\s+(?:[a-z]+\s+)?(?:" + appoint + r")\b[^.;:,]*$",
                                  re.IGNORECASE)
        self.future = re.compile(r"\b(?:" + future + r")\b", re.IGNORECASE)
        self.to_come_between = re.compile(r"[\s,]*(?:(?:yang|pun|juga)\s+)?(?:" + future + r")\s+(?:[a-z]+\s+)?"
                                          r"(?:" + appoint + r")\b[^.;:,]*$", re.IGNORECASE)
        self.to_come_after = re.compile(r",?\s+yang\s+(?:[a-z]+\s+){0,2}?(?:" + future + r")\s+(?:[a-z]+\s+)?"
                                        r"(?:" + appoint + r")\b", re.IGNORECASE)
        self.degrees = {d.lower() for d in lex.degrees}
        self.nomination = re.compile(r"\b(?:" + rx("nomination").pattern + r")\s+$", re.IGNORECASE)
        self.proposal = rx("proposal")
        self.list_open = re.compile(r"[\W_]*(?:" + rx("list_open").pattern + r")\b", re.IGNORECASE)
        self.awaiting = rx("awaiting_oath")
        self.reported = re.compile(r"\b(?:" + rx("reporting_passive").pattern + r")\s+$", re.IGNORECASE)


_WORDS: dict[int, _Words] = {}


def _words(lex: Lexicon) -> _Words:
    if id(lex) not in _WORDS:
        _WORDS[id(lex)] = _Words(lex)
    return _WORDS[id(lex)]


def _raw_start(n: NameSpan) -> int:
    return n.end - len(n.raw)


ACTING_FOR = {"Plt", "Plh"}     # acting for a holder who keeps the post (a Pj follows one whose term ended)
PJ = {"Pj", "Pjs"}             # a Pj may follow another Pj: the one replaced held the post in an unknown way
REPLACES = re.compile(r"[ \t]*,?[ \t]*menggantikan[ \t]+")


def _replaced_holder(m: Mentions, lex: Lexicon, t: TitleMention, pos: int, s: Sentence) -> NameSpan | None:
    """``Plt Bupati Probolinggo menggantikan Y``: the name right after ``menggantikan``, with no title of
    its own before it."""
    x = REPLACES.match(m.doc.text, pos, s.end)
    if x is None or any(x.end() <= q.start < x.end() + 3 for q in m.titles):
        return None
    return _name_at(m, lex, x.end(), s.end)


def _replaced_claims(m: Mentions, lex: Lexicon, w: _Words, t: TitleMention, region: str | None, pos: int,
                     s: Sentence, gaz: Any, successor: NameSpan | None) -> list[OfficeClaim]:
    """``X menjadi Wali Kota R menggantikan Y``: Y held the definitive post; a former holder when X holds it
    now, the present one when X's post is still to come or X is not named ("diusulkan menjadi … menggantikan
    Y")."""
    text = m.doc.text
    if "," in text[pos:pos + 3]:
        return []           # "X masih menjadi Sekda R, menggantikan Y, Pj Bupati Z": the clause is another post's
    replaced = _replaced_holder(m, lex, t, pos, s)
    if replaced is None or any(q.start <= replaced.end + 3 and re.fullmatch(r"\s*,\s*", text[replaced.end:q.start])
                               for q in m.titles if q.start >= replaced.end):
        return []           # "menggantikan Y, Pj Bupati Z": Y's own post is written
    region = region or _fallback_region(m, t, s, w, gaz)
    if region is None and t.rule.region in REGION_KINDS:
        return []
    start = min(t.start, _raw_start(successor)) if successor is not None else t.start
    return [OfficeClaim(person=replaced.name, office=t.rule.title, region=region, qualifier=None,
                        former=successor is not None and t.qualifier is None,
                        evidence=m.doc.evidence(start, replaced.end))]


def _name_at(m: Mentions, lex: Lexicon, pos: int, limit: int) -> NameSpan | None:
    """The name that starts at ``pos`` (after blanks), or the rest of a name run that covers it."""
    text = m.doc.text
    pos = _SPACES.match(text, pos, max(pos, limit)).end()
    n = m.name_covering(pos)
    if n is not None:
        if _raw_start(n) == pos or n.start == pos:
            return n
        raw = text[pos:n.end]
        name = normalize_person_name(raw, lex)
        return NameSpan(pos, n.end, raw, name) if name.name else None
    return None


def _region_after(m: Mentions, t: TitleMention, pos: int, gaz: Any) -> tuple[str | None, int]:
    """The region written at ``pos`` for title ``t``, and where the text after it starts."""
    text = m.doc.text
    kind = t.rule.region
    ordinal = re.match(r"\s+ke-?\s?\d+\b", text[pos:pos + 12])       # "Presiden ke-7 RI"
    pos += ordinal.end() if ordinal else 0
    if kind == "Kecamatan":
        words = re.match(r"\s+(?:Kecamatan\s+|Kec\.\s*)?((?:[A-Z][a-z]+\s?){1,3})", text[pos:pos + 60])
        if words:
            ref, used = _split_region(words.group(1), "Kecamatan", m, gaz)
            if ref is not None:
                return ref.code, pos + words.start(1) + len(used)
        return None, pos
    if kind in {"national", "body"} and BODY_NATIONAL.match(text, pos):
        return NATIONAL, BODY_NATIONAL.match(text, pos).end()  # type: ignore[union-attr]
    if kind == "national":
        return NATIONAL, pos
    # "Sekretaris Daerah (Sekda) Kabupaten X"
    abbr = re.match(r"\s*[()]\s*[A-Za-z]+\s*\)", text[pos:pos + 20])     # ")KPU)": a typo of "(KPU)"
    nxt = next(iter(m.regions_starting(pos, pos + 21 + (abbr.end() if abbr else 0))), None)
    if nxt is None:
        return None, pos + (abbr.end() if abbr else 0)
    gap = re.fullmatch(r"(?:\s*[()]\s*[A-Za-z]+\s*\))?\s*(?:pemprov|pemkab|pemkot|pemerintah\s+|setda\s+|"
                       r"sekretariat\s+daerah\s+)?(?:provinsi|prov\.|kabupaten|kab\.|kota|se-?)?\s*",
                       text[pos:nxt.start], re.IGNORECASE)
    if not gap:
        return None, pos
    region = nxt.region
    if kind in {"Provinsi", "Kabupaten", "Kota"} and not (region.type or "").startswith(kind):
        better = gaz.resolve_region(nxt.text, kind=kind, province_code=region.province_code)
        if better is None and kind != "Provinsi":
            return None, nxt.end
        region = better or region
    end = nxt.end
    paren = re.match(r"\s*\(\s*[A-Za-z]+\s*\)", text[end:end + 20])
    end += paren.end() if paren else 0
    # "Wakil Bupati Jepara, Jawa Tengah, X": the province of the region, set off by commas, is passed over
    comma = PROVINCE_AFTER.match(text, end)
    province = next(iter(m.regions_starting(comma.end(), comma.end() + 1)), None) if comma else None
    if province is not None and province.region.level == "provinsi" and province.region.code != region.code \
            and region.code.startswith(province.region.code + ".") and PROVINCE_CLOSE.match(text, province.end):
        end = province.end
    return region.code, end


PROVINCE_AFTER = re.compile(r"[ \t]*,[ \t]*")
PROVINCE_CLOSE = re.compile(r"[ \t]*,")


def _split_region(words: str, kind: str | None, m: Mentions, gaz: Any) -> tuple[Any, str]:
    """The longest leading run of ``words`` that names a region of ``kind`` near the article's region."""
    main = gaz.region(m.main_region) if m.main_region and m.main_region != NATIONAL else None
    parts = words.split()
    for k in range(min(3, len(parts)), 0, -1):
        head = " ".join(parts[:k])
        ref = gaz.resolve_region(head, kind=kind, province_code=main.province_code if main else None)
        if ref is not None and (main is None or ref.province_code == main.province_code):
            return ref, head
    return None, ""


def _term(text: str, pos: int, limit: int) -> tuple[str | None, str | None]:
    mm = TERM.match(text, pos, limit)
    if not mm:
        return None, None
    if mm.group(1):
        return mm.group(1), mm.group(2)
    return (mm.group(3), None) if mm.group(3) else (None, mm.group(4))


MORE_TERM = re.compile(r"\)?\s*(?:,\s*|\s+)(?:dan|serta|,)\s+(?:periode\s+|tahun\s+)?(\d{4})\s*[-–—/]\s*(\d{4})\b")


def _more_terms(text: str, pos: int, limit: int) -> list[tuple[str, str]]:
    """Further periods joined to the first: "Wali Kota X pada 2010-2015 dan 2016-2021"."""
    mm = TERM.match(text, pos, limit)
    out: list[tuple[str, str]] = []
    at = mm.end() if mm and mm.group(1) else None
    while at is not None:
        nxt = MORE_TERM.match(text, at, limit)
        if nxt is None:
            break
        out.append((nxt.group(1), nxt.group(2)))
        at = nxt.end()
    return out


def _fallback_region(m: Mentions, t: TitleMention, s: Sentence | None, w: _Words, gaz: Any) -> str | None:
    """A title with no region: national for an election body in a national context (``s``, the title's
    sentence, says national), else the article's own region of the matching kind."""
    kind = t.rule.region
    if kind == "national" or kind == "body" and (m.main_region == NATIONAL or _national_in(m, w, s)):
        return NATIONAL
    main = gaz.region(m.main_region) if m.main_region and m.main_region != NATIONAL else None
    if main is None or kind in {"none", "Kecamatan"}:
        return None
    if kind in {"any", "body"}:
        return main.code
    if kind == "Provinsi":
        return main.code if main.level == "provinsi" else main.province_code
    return main.code if (main.type or "").startswith(kind) else None


def _national_in(m: Mentions, w: _Words, s: Sentence | None) -> bool:
    """Whether sentence ``s`` has a national word; read once per sentence (not once per title in it)."""
    if s is None:
        return bool(w.national.search(""))
    seen = m.__dict__.setdefault("_national_in", {})
    if s.start not in seen:
        seen[s.start] = bool(w.national.search(m.doc.text[s.start:s.end]))
    return seen[s.start]


# the agency's name closed by its acronym in brackets: "Penanaman Modal dan Pelayanan Terpadu Satu Pintu (DPMPTSP)"
AGENCY_ACRONYM = re.compile(r"(?:[ \t]+(?:[A-Za-z][A-Za-z'’-]*|&|,)){1,12}?[ \t]*\([ \t]*[A-Z]{2,}[ \t]*\)")
AGENCY_COMMA = re.compile(r"[ \t]*,[ \t]*")


def _agency_holder(m: Mentions, lex: Lexicon, t: TitleMention, s: Sentence, gaz: Any
                   ) -> tuple[NameSpan | None, str | None, int]:
    """"Kadis Kominfo Lampung A Chrisna Putra", "Kadis Bina Marga dan Bina Konstruksi X Lampung", and past
    the agency's bracketed acronym: "Kepala Dinas Penanaman Modal … (DPMPTSP) Provinsi Jawa Timur, X"."""
    acronym = AGENCY_ACRONYM.match(m.doc.text, t.end, min(s.end, t.end + 160))
    if acronym is not None:
        found = _agency_walk(m, lex, t, s, gaz, acronym.end())
        if found[0] is not None:
            return found
    return _agency_walk(m, lex, t, s, gaz, t.end)


def _agency_walk(m: Mentions, lex: Lexicon, t: TitleMention, s: Sentence, gaz: Any, pos: int
                 ) -> tuple[NameSpan | None, str | None, int]:
    text, region = m.doc.text, None
    for _ in range(12):
        r = next(iter(m.regions_starting(pos + 1, pos + 3)), None)
        if r is not None and region is None:
            region, pos = _region_after(m, t, pos, gaz)
            if region is None:
                break
            comma = AGENCY_COMMA.match(text, pos, s.end)     # "… Provinsi Jawa Timur, Dyah Ayu, resmi …"
            after = _name_at(m, lex, comma.end(), s.end) if comma is not None else None
            if after is not None and not any(after.end <= x.start <= after.end + 1 for x in (*m.regions, *m.titles)):
                pos = comma.end()     # (in a list "…Provinsi R, Kasat Pol PP Provinsi R" the next item follows)
                break
            continue
        word = _LIST_WORD.match(text, pos, s.end)
        if word is None:
            return None, None, pos
        token = word.group(2)
        if is_name_word(token, lex) and not (token.isupper() and len(token) > 1) and not word.group(1):
            break
        pos = word.end()
    holder = _name_at(m, lex, pos, s.end)
    if holder is None:
        return None, None, pos
    if region is None:
        after = next(iter(m.regions_starting(holder.end + 1, holder.end + 3)), None)
        if after is not None:
            region, _ = _region_after(m, t, holder.end, gaz)
    return holder, region, max(pos, holder.end)


DPRD_UNIT = re.compile(r"(?:Komisi\s+(?:[A-E]|I{1,3}|IV|V)|Fraksi\s+[A-Z][\w-]*)\b[\s,]*")


def _holder_after(m: Mentions, lex: Lexicon, w: _Words, t: TitleMention, region: str | None, pos: int,
                  s: Sentence, gaz: Any) -> tuple[NameSpan | None, str | None, int]:
    """The holder named after the title, the region (when it hides at the head of the name run:
    "Ketua KPU Medan Agussyah Damanik") and where the text after the title's region starts."""
    text = m.doc.text
    gap = w.between.match(text, pos, s.end)
    at = gap.end() if gap else pos
    unit = DPRD_UNIT.match(text, at, s.end) if "DPRD" in t.rule.title else None
    at = unit.end() if unit else at       # "anggota DPRD Sleman Komisi A X", "Ketua DPRD Sleman Fraksi PDIP X"
    if region is None and t.rule.region not in {"none", "national"}:
        words = _REGION_WORDS.match(text, at, s.end)
        kind = t.rule.region if t.rule.region in REGION_KINDS else None
        ref, used = _split_region(words.group(0).strip(), kind, m, gaz) if words else (None, "")
        if ref is not None:
            after = at + len(used)
            follow = _AFTER_REGION.match(text, after, s.end)
            holder = _name_at(m, lex, follow.end() if follow else after, s.end)
            if holder is not None:
                return holder, ref.code, after
    holder = _name_at(m, lex, at, s.end)
    if holder is not None and t.rule.region == "none":          # "Kepala Desa Sukamaju, Ahmad Yani"
        comma = _COMMA.match(text, holder.end, s.end)
        then = _name_at(m, lex, comma.end(), s.end) if comma else None
        if then is not None and len(holder.name.name.split()) <= 2:
            holder = then
    if holder is None:
        passive = re.compile(r"[\s,]*(?:\([^()]{1,30}\)\s*)?(?:(?:resmi|kini|sementara)\s+)*(?:" + w.passive.pattern
                             + r")", re.IGNORECASE).match(text, pos, s.end)
        if passive is None:
            return None, region, pos
        at = passive.end()
        by_title = next((b for b in m.titles if at < b.start <= at + 2), None)
        if by_title is not None:
            at = _region_after(m, by_title, by_title.end, gaz)[1]
        return _name_at(m, lex, at, s.end), region, pos
    if holder.name.name.split()[0].lower() in {"divisi", "bidang", "bagian", "sub"}:
        return None, region, pos
    return holder, region, pos


TITLE_PHRASE_END = re.compile(r"(?:\s+(?:[A-Z][\w’'.-]*|\([^()]{1,30}\)))*\s*(?:[,.;:]|$)")
ITEM_LINE = re.compile(r"\s*(?:\d{1,2}[.)]|[-•·▪●*–])\s")


def _to_come(m: Mentions, w: _Words, holder: NameSpan, t: TitleMention, s: Sentence) -> bool:
    """A holding still to come: ``akan menunjuk Wakil Bupati X sebagai Plt Bupati Y`` (a future word and an
    appointing verb before the holder, in the same clause; the title before the holder, "Wakil Bupati X", is
    the post X holds now), or an item ``1. X sebagai Pjs Bupati Y`` of a list whose opening line has a
    future word (``Berikut pejabat yang akan dikukuhkan:``)."""
    text = m.doc.text
    if t.start >= holder.end and w.to_come.search(text, max(s.start, _raw_start(holder) - 90), _raw_start(holder)):
        return True
    if t.start >= holder.end and w.nomination.search(text, max(s.start, _raw_start(holder) - 60), _raw_start(holder)):
        return True       # "Gubernur memasukkan nama X menjadi Wali Kota R"
    if t.start >= holder.end and w.list_open.match(text, s.start, s.end):
        # "Ada sejumlah nama yang akan menggantikan wali kota …" / "Yakni, X menjadi Wali Kota R …": an item of a
        # list whose opening sentence proposes
        intro = _list_introducer(m, w, s)
        if intro is not None and w.proposal.search(text, intro.start, intro.end):
            return True
    if t.start >= holder.end and w.to_come_between.match(text, holder.end, t.start):
        return True       # "X segera ditunjuk menjadi Plt Bupati Y", "X akan dilantik sebagai Pj Bupati Y"
    if t.start >= holder.end and t.qualifier is not None:
        # "A sebagai Pjs Bupati X dan B sebagai Pjs Bupati Y, yang dijadwalkan akan dikukuhkan besok": a
        # relative clause after the holdings says they are still to be installed (no title after it)
        later = w.to_come_after.search(text, t.end, s.end)
        if later and not any(later.end() <= x.start < s.end for x in m.titles):
            return True
    if not ITEM_LINE.match(text, s.start):
        return False
    for t in reversed([x for x in m.sentences() if x.index < s.index][-20:]):
        line = text[t.start:t.end]
        if ITEM_LINE.match(line):
            continue
        return line.rstrip().endswith(":") and bool(w.future.search(line))
    return False


def _list_introducer(m: Mentions, w: _Words, s: Sentence) -> Sentence | None:
    """The sentence that opens the list ``s`` goes on with: the nearest one before it (of the last six) that
    does not itself open with a list connective."""
    for x in reversed([x for x in m.sentences() if x.index < s.index][-6:]):
        if not w.list_open.match(m.doc.text, x.start, x.end):
            return x
    return None


def _elected_only(m: Mentions, w: _Words, holder: NameSpan, t: TitleMention, s: Sentence, pos: int,
                  start: str | None) -> bool:
    """"X yang terpilih (kembali) sebagai Bupati R periode 2021-2024 akan menunggu pelantikan": elected, not yet
    sworn in: a waiting word after the title, or a term that starts in the article's year or later."""
    text = m.doc.text
    if holder.end > t.start or not re.search(r"\bterpilih\b", text[holder.end:t.start], re.IGNORECASE) or \
            re.search(r"\b(?:dan|lalu|kemudian|akhirnya)\s+(?:\w+\s+)?terpilih\b", text[holder.end:t.start],
                      re.IGNORECASE):
        return False      # "… dan terpilih sebagai Bupati R": a clause that won the office
    if w.awaiting.search(text, pos, s.end):
        return True
    return bool(start and m.published and int(start) >= int(m.published[:4]))


def _degree_name(n: NameSpan, w: _Words) -> bool:
    """``M.Si``, ``S.Sos``, ``AP.``: a degree after a comma read as a name of its own."""
    words = n.raw.replace(",", " ").split()
    return bool(words) and all(x.replace(".", "").lower() in w.degrees for x in words)


def _staff_title(m: Mentions, w: _Words, t: TitleMention, s: Sentence) -> bool:
    """"Staf Ahli Gubernur Papua X", "istri Bupati Sleman X": the title is the employer's, not X's."""
    lead = m.doc.text[max(s.start, t.start - 80):t.start]
    return bool(w.staff_of.search(lead)) or bool(w.building_of.search(lead[-24:]))


def _linked(gap: str, w: _Words) -> bool:
    """Lower-case words with a copula, former or incumbent word and no word of wish or negation."""
    mm = LINK_GAP.fullmatch(gap + " ")
    if not mm:
        return False
    words = mm.group(1)
    if len(words.split()) > MAX_LINK_WORDS or w.blocked.search(words):
        return False
    return bool(w.link.search(words) or w.weak.fullmatch(words))


def _topic(m: Mentions, s: Sentence) -> NameSpan | None:
    """The person the sentences before ``s`` are about: the first name of the nearest one with a name."""
    earlier = [x for x in m.sentences() if x.end <= s.start][-3:]
    for x in reversed(earlier):
        names = [n for n in m.names if x.start <= n.start < x.end]
        if names:
            return names[0]
    return None


def _passive_agent(m: Mentions, w: _Words, name: NameSpan, s: Sentence) -> bool:
    """Whether ``name`` is the agent of a passive, ``di-VERB oleh [TITLE R] NAME``: the one who installs, not
    the one installed. The agent of a verb of holding ("dipegang oleh X sebagai Plt Bupati", "digantikan oleh
    X sebagai …", the ``passive`` list) takes the post."""
    text, at = m.doc.text, _raw_start(name)
    title = next((q for q in m.titles if q.end <= at <= q.end + 40 and not re.search(r"\b[a-z]", text[q.end:at])),
                 None)
    at = title.start if title is not None else at
    oleh = re.search(r"\boleh\s+$", text[max(s.start, at - 8):at])
    if oleh is None:
        return False
    oleh_at = max(s.start, at - 8) + oleh.start()
    return not any(p.end() == oleh_at + 4 for p in w.passive.finditer(text, max(s.start, oleh_at - 40), oleh_at + 4))


NEAR = 300      # how far back before a title the clause markers of _holder_before are looked for


def _holder_before(m: Mentions, w: _Words, t: TitleMention, s: Sentence) -> tuple[NameSpan | None, int]:
    """The holder named before the title, and where the evidence starts."""
    text = m.doc.text
    before = [n for n in m.names if s.start <= n.start and n.end <= t.start]
    last = before[-1] if before else None
    skipped = None       # "Dr. A, S.Sos, M.Si sebagai Pjs Bupati": the degrees after the name are passed over
    while last is not None and len(before) >= 2 and _degree_name(last, w) and \
            re.fullmatch(r"[\s,]*", text[before[-2].end:_raw_start(last)]):
        skipped = skipped or last
        before.pop()
        last = before[-1]
    pron = None
    # (a pronoun further back than NEAR cannot be linked: the link gap holds a few words; so the scans stay
    # linear in a long sentence)
    for p in w.pronoun.finditer(text, max(last.end if last else s.start, t.start - NEAR), t.start):
        pron = p
    if pron is not None and _linked(text[pron.end():t.start], w):
        return _topic(m, s), pron.start()
    near = text[max(s.start, t.start - NEAR):t.start]
    if w.won_as.search(near) or LIST_ITEM.search(near) and w.link.search(text, s.start, t.start):
        # "…, ia kembali maju … dan menang sebagai Bupati X (2013-2018)";
        # "X adalah … (2000-2009), Ketua DPRD Y (2009-2013), …": the subject of the clause
        subject = _subject(m, w, s, t)
        if subject is not None:
            return subject
    if last is None:
        return None, t.start
    gap_start = skipped.end if skipped is not None else last.end
    # "X Lampung menjadi Pjs Bupati …": a region after the name is the name's
    place = next((r for r in m.regions_starting(last.end + 1, last.end + 2) if r.end <= t.start), None)
    if place is not None:
        gap_start = place.end
    gap = text[gap_start:t.start]
    if _passive_agent(m, w, last, s):
        return None, t.start      # "X dilantik oleh Gubernur R Y menjadi Wali Kota Z": Y installs, Y holds no Wali Kota
    if _linked(gap, w):
        return last, _raw_start(last)
    aside = ASIDE.match(gap)
    if aside and _linked(gap[aside.end():], w) and \
            any(gap_start + aside.start() <= x.start < gap_start + aside.end() for x in m.titles):
        return last, _raw_start(last)     # "X (Sekda Klaten) sebagai Pj Bupati Y": a bracketed aside on the name
    capital = text[t.title_start:t.title_start + 1].isupper()
    if "," in gap and w.reported.search(text, max(s.start, _raw_start(last) - 30), _raw_start(last)) and \
            not TITLE_PHRASE_END.match(text, t.end, s.end):
        return None, t.start      # "dikatakan X, Pj Bupati Y dan Z segera …": a reported clause
    if place is None and capital and (
            APPOSITIVE.fullmatch(gap) and ("," not in gap or t.rule.region != "none")
            or PLAIN_GAP.fullmatch(gap) and LEAD_IN.search(text[s.start:_raw_start(last)])):
        return last, _raw_start(last)
    return None, t.start


def _subject(m: Mentions, w: _Words, s: Sentence, t: TitleMention) -> tuple[NameSpan, int] | None:
    """The subject of the sentence before ``t``: a name right before a copula or opening the
    sentence, or a pronoun for the person the sentences before are about."""
    text = m.doc.text
    names = [n for n in m.names if s.start <= n.start and n.end <= t.start]
    first = names[0] if names else None
    pron = w.pronoun.search(text, s.start, first.start if first else t.start)
    clause = [p for p in w.pronoun.finditer(text, s.start, t.start) if re.search(r"(?:^|,)\s*$", text[s.start:p.start()])]
    pron = pron or (clause[0] if clause else None)      # "Kalah pada Pilkada 2008, ia kembali maju …"
    if pron is not None:
        topic = _topic(m, s)
        return (topic, pron.start()) if topic is not None else None
    if first is None:
        return None
    opening = not re.search(r"[a-z]", text[s.start:_raw_start(first)])
    # "X menjabat …", "X pernah menjadi …": a copula right after the name or one or two adverbs on
    starts = [first.end + 1] + [first.end + 1 + a.end() for a in
                                re.finditer(r"[a-z]+\s+", text[first.end + 1:first.end + 30])][:2]
    if opening or any(w.link.match(text, k) for k in starts):
        return first, _raw_start(first)
    return None


def _owns_next_title(m: Mentions, w: _Words, holder: NameSpan, s: Sentence) -> bool:
    """A copula or "sebagai" joins ``holder`` to a title after it: "B sebagai Pj Gubernur Y"."""
    nxt = next((x for x in m.titles if holder.end <= x.start < s.end), None)
    return nxt is not None and _linked(m.doc.text[holder.end:nxt.start], w)


def _pair_names(m: Mentions, holder: NameSpan, s: Sentence, after: bool = False) -> NameSpan | None:
    """The name joined to ``holder`` just before (or after) it: "Eri Cahyadi dan Armuji", "Sujadi-Fauzi"."""
    text, join = m.doc.text, re.compile(r"\s*(?:dan|&|[-–—])\s*")
    if after:
        nxt = next((n for n in m.names if holder.end <= _raw_start(n) < s.end), None)
        return nxt if nxt is not None and join.fullmatch(text[holder.end:_raw_start(nxt)]) else None
    prev = [n for n in m.names if s.start <= n.start and n.end <= holder.start]
    if prev and join.fullmatch(text[prev[-1].end:_raw_start(holder)]):
        return prev[-1]
    return None


def trim_title_names(m: Mentions, lex: Lexicon, gaz: Any) -> None:
    """Cut a region or an agency's name off the head of the name run that follows a title
    ("Camat Sangatta Utara Hasdiah", "Kadis Bina Marga Mulyadi Irsan") in the index itself, so
    that every extractor and the name resolver see the bare name. Run once, before the extractors."""
    w = _words(lex)
    by_end: dict[int, list[int]] = {}       # names by where they end (a trimmed name keeps its end)
    for i, n in enumerate(m.names):
        by_end.setdefault(n.end, []).append(i)
    for t in m.titles:
        s = m.doc.sentence_at(t.start)
        if s is None or s.furniture:
            continue
        if t.rule.agency:
            holder = _agency_holder(m, lex, t, s, gaz)[0]
        else:
            region, pos = _region_after(m, t, t.end, gaz)
            holder = _holder_after(m, lex, w, t, region, pos, s, gaz)[0]
        if holder is None:
            continue
        for i in by_end.get(holder.end, ()):
            n = m.names[i]
            if _raw_start(n) < holder.start and n != holder:
                m.set_name(i, holder)


def extract_offices(m: Mentions, lex: Lexicon, gaz: Any) -> list[OfficeClaim]:
    text, w = m.doc.text, _words(lex)
    out: list[OfficeClaim] = []
    titles = [t for t in m.titles if not t.candidacy]
    done: set[int] = set()
    named_after: set[int] = set()
    chain: tuple[int, NameSpan, int] | None = None    # (sentence, holder, end) of the last holding found
    for i, t in enumerate(titles):
        s = m.doc.sentence_at(t.start)
        if s is None or s.furniture or t.start in done or _staff_title(m, w, t, s):
            continue
        nxt = titles[i + 1] if i + 1 < len(titles) else None
        deputy = nxt if (nxt is not None and nxt.rule.title == "Wakil " + t.rule.title and not nxt.qualifier
                         and re.fullmatch(r"\s+dan\s+|\s*[/&\-–—]\s*", text[t.end:nxt.start])) else None
        if t.rule.agency:
            holder, region, pos = _agency_holder(m, lex, t, s, gaz)
        else:
            region, pos = _region_after(m, t, t.end, gaz)
            if region is None and deputy is not None:
                region, pos = _region_after(m, deputy, deputy.end, gaz)
            holder, region, pos = _holder_after(m, lex, w, t, region, pos, s, gaz)
        if holder is not None and holder.start > t.end and "," in text[t.end:holder.start] \
                and _owns_next_title(m, w, holder, s) and _holder_before(m, w, t, s)[0] is not None:
            holder = None             # "A sebagai Pj Gubernur X, B sebagai Pj Gubernur Y": B is Y's
        if w.elect.match(text, t.end) or w.elect.match(text, pos):
            continue                  # "Bupati Sleman terpilih": elected, not yet in office
        if (holder is not None and holder.start > t.end and "," in text[t.end:holder.start]
                and w.kin_of.search(text[max(s.start, t.start - 80):t.start])):
            continue                  # "istri Bupati Sleman, X": X is the wife
        shared: NameSpan | None = None
        ev_start = min(t.start, _raw_start(holder)) if holder is not None else t.start
        if holder is not None and deputy is not None and pos > deputy.start:
            shared = _pair_names(m, holder, s, after=True)    # "Bupati dan Wakil Bupati Serang X-Y"
            if shared is not None:
                done.add(deputy.start)
        if holder is not None and holder.start > t.end:
            named_after.add(holder.start)
        if holder is None:
            holder, ev_start = _holder_before(m, w, t, s)
            if holder is not None and holder.start in named_after and "," in text[holder.end:t.start] \
                    and not w.link.search(text[holder.end:t.start]):
                continue              # "Wakil Gubernur X Sarbin Sehe, Ketua DPRD …": a list of officials
            if holder is not None and deputy is not None:
                shared = holder
                holder = _pair_names(m, holder, s)
                if holder is None:
                    holder, shared = shared, None
                else:
                    done.add(deputy.start)
                    ev_start = _raw_start(holder)
        if holder is None and chain is not None and chain[0] == s.index:
            _, prev_holder, prev_end = chain
            gap = text[prev_end:t.start]
            lead = CHAIN_GAP.match(gap)
            if prev_end <= t.start and lead and re.search(r"[a-z]", gap) and _linked(gap[lead.end():], w) \
                    and not _passive_agent(m, w, prev_holder, s):
                holder, ev_start = prev_holder, _raw_start(prev_holder)
        if holder is not None and (not holder.name.name or " " not in holder.name.name
                                   and holder.name.name.isupper() and len(holder.name.name) > 1):
            holder = None             # "tuan rumah IKN, Pj Bupati X": an acronym is a body or place, not a holder
        coming = holder is not None and _to_come(m, w, holder, t, s)
        if t.qualifier not in ACTING_FOR | PJ:
            out += _replaced_claims(m, lex, w, t, region, pos, s, gaz, holder if not coming else None)
        if holder is None or coming:
            continue                  # coming: "akan menunjuk X sebagai Plt Bupati": not yet in office
        chain = (s.index, holder, max(pos, t.end, holder.end))
        region = region or _fallback_region(m, t, s, w, gaz)
        if region is None and t.rule.region in REGION_KINDS:
            continue
        start, end = _term(text, pos, s.end)
        term_at = pos
        # "diemban oleh Wakil Bupati X …": the term after X is the acting post's
        by_passive = w.passive.search(text, max(s.start, t.start - 16), t.start)
        if start is None and end is None and holder.end > pos and not by_passive:
            start, end = _term(text, holder.end, s.end)
            term_at = holder.end
        if _elected_only(m, w, holder, t, s, pos, start):
            continue
        ev_end = max(pos, t.end) if holder.start < s.start else max(pos, holder.end, t.end)
        ev = m.doc.evidence(ev_start, ev_end)
        claim = OfficeClaim(person=holder.name, office=t.rule.title, region=region, qualifier=t.qualifier,
                            start=start, end=end, former=t.former, evidence=ev)
        out.append(claim)
        replaced = _replaced_holder(m, lex, t, pos, s) if t.qualifier in ACTING_FOR else None
        if replaced is not None:      # "Plt Bupati X menggantikan Y": Y still holds the post, acted for
            out.append(replace(claim, person=replaced.name, qualifier=None, start=None, end=None, former=False,
                               evidence=m.doc.evidence(ev_start, replaced.end)))
        for more in _more_terms(text, term_at, s.end) if start and end else ():
            out.append(replace(claim, start=more[0], end=more[1]))    # "pada 2010-2015 dan 2016-2021"
        if shared is not None and deputy is not None:
            out.append(replace(claim, person=shared.name, office=deputy.rule.title))
    return out


def ticket_offices(m: Mentions, tickets: list[Any], lex: Lexicon, gaz: Any) -> list[OfficeClaim]:
    """Holdings told through a ticket: "calon bupati petahana X-Y", "paslon petahana X-Y" (both hold
    the contested offices), "wakilnya saat ini menjabat …", "Duet Bupati Rokan Hilir dan …"."""
    text, w = m.doc.text, _words(lex)
    out: list[OfficeClaim] = []
    for t in tickets:
        s = m.doc.sentence_at(t.evidence.start)
        if s is None or t.election.office is None:
            continue
        lead = text[s.start:t.evidence.start]
        inc = list(w.incumbent.finditer(lead))
        if inc and t.evidence.start - (s.start + inc[-1].end()) <= 40:
            office, region, ev = t.election.office, t.election.region, t.evidence
            out.append(OfficeClaim(person=_person(t.head), office=office, region=region, qualifier=None,
                                   evidence=ev))
            both = (re.search(r"\bdan\s+(?:calon\s+)?wakil\b", lead, re.IGNORECASE)
                    or w.pair_incumbent.search(lead))
            if both and t.deputy is not None:
                out.append(OfficeClaim(person=_person(t.deputy), office="Wakil " + office, region=region,
                                       qualifier=None, evidence=ev))
    out += _incumbent_mentions(m, w, tickets)
    # tickets by where their evidence starts (each with its place in the list: the last one listed wins)
    by_start = sorted((t.evidence.start, i) for i, t in enumerate(tickets))
    starts = [a for a, _ in by_start]
    blank_to: dict[int, int] = {}      # per sentence: where the blank run after its pair word ends
    title_words = [x.title_start for x in m.titles]      # in order (the titles are found left to right)
    for title in m.titles:
        s = m.doc.sentence_at(title.start)
        if s is None or s.furniture or title.candidacy:
            continue
        window = by_start[bisect.bisect_left(starts, s.start - 400):bisect.bisect_left(starts, title.start)]
        if not window:
            continue
        ticket = tickets[max(i for _, i in window)]
        if ticket.evidence.start >= s.start:
            continue
        # the deputy pronoun is looked for in the NEAR characters before the title (the words linking it to
        # the title are few: MAX_LINK_WORDS), so a sentence of thousands of titles costs linear time
        near = max(s.start, title.start - NEAR)
        if near == s.start:
            pron = [(s.start + p.start(), s.start + p.end()) for p in w.deputy_pronoun.finditer(text[near:title.start])]
        else:
            pron = [p.span() for p in w.deputy_pronoun.finditer(text, near, title.start)]
        pair = w.pair_word.match(text, _SPACES.match(text, s.start, title.start).end())
        if pron and ticket.deputy is not None and _linked(text[pron[-1][1]:title.start], w):
            out += _titled(m, w, title, ticket.deputy, gaz)
        elif pair and (pair.end() >= title.start or title.start <= blank_to.setdefault(
                s.start, _SPACES.match(text, pair.end()).end())):
            out += _titled(m, w, title, ticket.head, gaz)
            pos = _region_after(m, title, title.end, gaz)[1]
            second = _title_after_dan(m, text, pos, title_words)
            if second is not None and ticket.deputy is not None and not second.candidacy:
                out += _titled(m, w, second, ticket.deputy, gaz)
    return out


def _title_after_dan(m: Mentions, text: str, pos: int, words: list[int]) -> TitleMention | None:
    """The first title (in the list's order) that ``\\s+dan\\s+`` alone separates from ``pos``.

    Only titles up to the end of that gap can qualify, and a title's start is at most 60 characters
    before its word (a qualifier is looked for in the 60 before it): found by bisection, not a scan of all.
    """
    gap = _DAN_GAP.match(text, pos)
    if gap is None:
        return None
    for x in m.titles[bisect.bisect_right(words, pos):bisect.bisect_right(words, gap.end() + 60)]:
        if pos < x.start <= gap.end() and _DAN_GAP.fullmatch(text, pos, x.start):
            return x
    return None


def _incumbent_mentions(m: Mentions, w: _Words, tickets: list[Any]) -> list[OfficeClaim]:
    """A ticket named again after ``petahana`` anywhere in the article: ``pasangan petahana yakni, calon
    bupati X dan calon wakil bupati Y`` (both hold the contested offices), ``petahana X`` (the head)."""
    text, out = m.doc.text, []
    for inc in w.incumbent.finditer(text):
        s = m.doc.sentence_at(inc.start())
        if s is None or s.furniture:
            continue
        names = [n for n in m.names if inc.end() <= n.start < min(s.end, inc.end() + 40)]
        if not names:
            continue
        first = names[0]
        t = next((t for t in tickets if t.election.office is not None
                  and same_person(first.name.name, t.head.name)), None)
        if t is None or re.search(r"[.;]", text[inc.end():first.start]):
            continue
        ev = m.doc.evidence(inc.start(), first.end)
        out.append(OfficeClaim(person=_person(t.head), office=t.election.office, region=t.election.region,
                               qualifier=None, evidence=ev))
        pair = w.pair_incumbent.search(text, max(s.start, inc.start() - 25), inc.end())
        second = names[1] if len(names) > 1 else next((n for n in m.names if first.end < n.start < first.end + 60), None)
        if pair and t.deputy is not None and second is not None and same_person(second.name.name, t.deputy.name) \
                and re.fullmatch(r"[^.;]*?\bdan\b[^.;]*", text[first.end:second.start]):
            out.append(OfficeClaim(person=_person(t.deputy), office="Wakil " + t.election.office,
                                   region=t.election.region, qualifier=None,
                                   evidence=m.doc.evidence(inc.start(), second.end)))
    return out


def _titled(m: Mentions, w: _Words, title: TitleMention, person: PersonName, gaz: Any) -> list[OfficeClaim]:
    """``person`` holds ``title`` with the region written after it (or the article's)."""
    s = m.doc.sentence_at(title.start)
    region, pos = _region_after(m, title, title.end, gaz)
    region = region or _fallback_region(m, title, s, w, gaz)
    if region is None and title.rule.region in REGION_KINDS:
        return []
    return [OfficeClaim(person=_person(person), office=title.rule.title, region=region,
                        qualifier=title.qualifier, former=title.former,
                        evidence=m.doc.evidence(title.start, max(pos, title.end)))]


def _person(name: PersonName) -> PersonName:
    return PersonName(name=name.name, honorifics=name.honorifics)
