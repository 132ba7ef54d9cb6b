"""Look-ups and free-text matching over regions (rules in ``kg.resolve.regions``).

Free text yields provinces, kabupaten and kota only: kecamatan names repeat
across the country and are often ordinary words (resolve them with
``resolve_region(…, kind="Kecamatan")`` once the context is known).

In free text names must carry their usual capitals (as listed, or ALL CAPS),
so lower-case words never fire; the type words in front may be in any case
("kota Malang"). Names that are ordinary words or common given names
(``COMMON_WORD_NAMES``) and abbreviations flagged as ambiguous in the data
(``Solo``, ``Mitra``, ``Tala``, ``Pali``…) need more: a type word or office
word in front, or else they must neither open a sentence nor be followed by
another capitalised word ("Medan perang", "Bima Arya", "Mitra kerja" are not
regions); at a sentence start a comma, bracket or dash right after the name
marks a dateline ("Medan, Kompas –", "Malang (ANTARA) -") and lets it count.
A name right after a word for a physical feature, a street or a party
("Danau Toba", "Pulau Bangka", "Jalan Malang", "Partai Aceh") is not taken as
the region.

One sense per article: a bare name that could mean several regions ("Serang")
takes the one that the same text names unambiguously elsewhere ("Kabupaten
Serang", "Bupati Serang"), when exactly one of them is named so; otherwise
the rules of ``kg.resolve.regions`` apply and the others are listed in
``RegionMention.alternatives``.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from kg.resolve.matching import is_sentence_initial, next_word, previous_word, trie_pattern
from kg.resolve.regions import (
    CODE,
    COMPACT_CODE,
    PREFIX_KIND,
    RegionAlias,
    RegionCandidate,
    RegionMention,
    RegionRef,
    check_kind,
    choose_region,
    compact_key,
    fits_kind,
    normalize_region_text,
    region_prefix_steps,
)

# Official names that are ordinary Indonesian words or common given names.
COMMON_WORD_NAMES = ("Agam", "Banjar", "Batang", "Batu", "Bima", "Bone", "Buru", "Kudus", "Lebak",
                     "Malang", "Medan", "Metro", "Palu", "Pati", "Tegal", "Toba")
# Words after which a name is not the region: a physical feature, a street, a party.
BLOCKING_WORDS = frozenset({"Jalan", "Jl", "Jln", "Danau", "Pulau", "Gunung", "Sungai", "Selat", "Teluk",
                            "Partai"})
# Days and months may follow a place name without a comma ("di Medan Kamis").
_DATE_WORDS = frozenset({
    "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu", "Januari", "Februari", "Maret",
    "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"})
# Office words and government bodies that give the type of the name after them.
HINT_KIND = {
    "gubernur": "Provinsi", "wakil gubernur": "Provinsi", "wagub": "Provinsi", "cagub": "Provinsi",
    "cawagub": "Provinsi", "pilgub": "Provinsi", "pemprov": "Provinsi",
    "bupati": "Kabupaten", "wakil bupati": "Kabupaten", "wabup": "Kabupaten", "cabup": "Kabupaten",
    "cawabup": "Kabupaten", "pilbup": "Kabupaten", "pemkab": "Kabupaten",
    "wali kota": "Kota", "walikota": "Kota", "wakil wali kota": "Kota", "wakil walikota": "Kota",
    "wawali": "Kota", "wawalkot": "Kota", "cawalkot": "Kota", "cawawalkot": "Kota", "cawali": "Kota",
    "pilwalkot": "Kota", "pilwali": "Kota", "pemkot": "Kota",
}
# Compass words that end a region's name after the name of another region ("Ogan Komering Ulu Timur").
COMPASS_WORDS = ("Utara", "Selatan", "Timur", "Barat", "Tengah", "Tenggara", "Barat Daya", "Laut", "Hulu", "Hilir")
_FREE_PREFIXES = tuple(p for p in PREFIX_KIND if not p.startswith(("pem", "kec", "distrik")))
_PATTERN = (r"(?<!\w)(?:(?P<hint>(?i:%s))\s+)?(?:(?P<prefix>(?i:%s))(?:\s+|(?<=\.)\s*))?"
            r"(?P<name>%s)(?!\w)")


class RegionIndex:
    """Regions by code, by name or alias, and a matcher for free text."""

    def __init__(self, regions: Sequence[RegionRef], aliases: Sequence[RegionAlias]) -> None:
        self.by_code = {r.code: r for r in regions}
        self._names: dict[str, list[RegionCandidate]] = {}       # province / kab / kota
        self._kecamatan: dict[str, list[RegionCandidate]] = {}
        self._aliases: dict[str, list[str]] = {}
        self._guarded = {normalize_region_text(n) for n in COMMON_WORD_NAMES}
        self._choices: dict[tuple[str, str | None], tuple[RegionRef | None, tuple[RegionRef, ...]]] = {}
        surface: set[str] = set()
        for region in regions:
            table = self._kecamatan if region.level == "kecamatan" else self._names
            key = normalize_region_text(region.short)
            for k in {key, compact_key(key)}:
                table.setdefault(k, []).append(RegionCandidate(region, False))
            if region.level != "kecamatan":
                surface |= _surface_forms(region.short)
        for alias in (*aliases, *compass_aliases(regions, aliases)):
            region = self.by_code[alias.region_code]
            key = normalize_region_text(alias.alias)
            for k in {key, compact_key(key)}:
                entries = self._names.setdefault(k, [])
                if not any(c.region == region for c in entries):
                    entries.append(RegionCandidate(region, True))
            self._aliases.setdefault(region.code, []).append(alias.alias)
            if alias.guarded:
                self._guarded.add(key)
            surface |= _surface_forms(alias.alias)
        self._keys = {form: normalize_region_text(form) for form in surface}
        self.pattern = re.compile(_PATTERN % (trie_pattern(HINT_KIND, r"\s+"),
                                              trie_pattern(_FREE_PREFIXES, r"\s+"),
                                              trie_pattern(sorted(surface))))

    @property
    def regions(self) -> tuple[RegionRef, ...]:
        return tuple(self.by_code.values())

    def aliases_of(self, code: str) -> tuple[str, ...]:
        """Aliases and abbreviations of a region, in file order, without repeats."""
        return tuple(dict.fromkeys(self._aliases.get(code, ())))

    def candidates(self, text: str, kind: str | None = None) -> tuple[RegionRef, ...]:
        """Every region ``text`` could name under ``kind``, no preference applied."""
        kind, found = self._match(text, check_kind(kind))
        return tuple(sorted({c.region for c in found if fits_kind(c.region, kind)}, key=lambda r: r.code))

    def resolve(self, text: str, kind: str | None = None,
                province_code: str | None = None) -> RegionRef | None:
        """One region for a name, alias or code, or None (rules in ``regions``)."""
        kind = check_kind(kind)
        scope = self._code(normalize_region_text(province_code)) if province_code else None
        steps = region_prefix_steps(text)
        code = self._code(steps[-1][1])
        if code:
            region = self.by_code.get(code)
            kind = steps[-1][0] or kind
            return region if region and (kind is None or fits_kind(region, kind)) else None
        kind, found = self._match(text, kind)
        return choose_region(found, kind, scope)[0]

    def _match(self, text: str, kind: str | None) -> tuple[str | None, list[RegionCandidate]]:
        """(the kind in force, the candidates) at the first prefix step with any."""
        steps = region_prefix_steps(text)
        for prefix_kind, key in steps:
            step_kind = prefix_kind or kind
            found = [c for c in self._lookup(key, step_kind) if fits_kind(c.region, step_kind)]
            if found:
                return step_kind, found
        return steps[-1][0] or kind, []

    @staticmethod
    def _code(key: str) -> str | None:
        if CODE.fullmatch(key):
            return key
        if COMPACT_CODE.fullmatch(key):
            return ".".join(key[i:i + 2] for i in range(0, len(key), 2))
        return None

    def _lookup(self, key: str, kind: str | None) -> list[RegionCandidate]:
        table = self._kecamatan if kind == "Kecamatan" else self._names
        found = list(table.get(key, ()))
        found += [c for c in table.get(compact_key(key), ()) if c not in found]
        return found

    def find(self, text: str) -> list[RegionMention]:
        """Every province, kabupaten and kota named in ``text``, in order."""
        mentions = []
        for match in self.pattern.finditer(text):
            mention = self._mention(text, match)
            if mention is not None:
                mentions.append(mention)
        if any(m.alternatives for m in mentions):
            mentions = _one_sense_per_text(mentions)
        return mentions

    def _mention(self, text: str, match: re.Match[str]) -> RegionMention | None:
        name_start, end = match.span("name")
        name = match.group("name")
        key = self._keys.get(name) or normalize_region_text(name)
        candidates = self._names.get(key, ())
        prefix, hint = match.group("prefix"), match.group("hint")
        start, kind = name_start, None
        if prefix:
            kind = PREFIX_KIND[" ".join(prefix.casefold().split())]
            if any(fits_kind(c.region, kind) for c in candidates):
                start = match.start("prefix")
            else:
                kind = None                               # "kota Sampit": the name alone
        if kind is None and hint:
            kind = HINT_KIND[" ".join(hint.casefold().split())]
            if not any(fits_kind(c.region, kind) for c in candidates):
                kind = None
        if kind is None and not hint and not prefix:
            if previous_word(text, name_start) in BLOCKING_WORDS:
                return None                               # "Danau Toba", "Jalan Malang"
            if key in self._guarded and _looks_ordinary(text, name_start, end):
                return None
        choice = self._choices.get((key, kind))
        if choice is None:
            choice = self._choices[(key, kind)] = choose_region(candidates, kind, None)
        region, others = choice
        if region is None:
            return None
        return RegionMention(start, end, text[start:end], region, others if kind is None else ())


def compass_aliases(regions: Sequence[RegionRef], aliases: Sequence[RegionAlias]) -> list[RegionAlias]:
    """"OKU Timur" for Kabupaten Ogan Komering Ulu Timur: an alias of region P followed by a compass word
    names the region of the same province whose name is P's name and that word, when the alias and
    compass word do not already name a region (a kecamatan included). An alias that is the name of a
    kecamatan of P's province ("Luwuk" for Banggai) is a town, no abbreviation, and gets none."""
    by_name: dict[tuple[str, str], RegionRef] = {}
    taken: set[str] = set()
    towns: set[tuple[str, str]] = set()
    for r in regions:
        key = normalize_region_text(r.short)
        if r.level != "kecamatan":
            by_name.setdefault((key, r.province_code), r)
        else:
            towns.add((key, r.province_code))
        taken.add(key)
    taken |= {normalize_region_text(a.alias) for a in aliases}
    codes = {r.code: r for r in regions}
    out = []
    for alias in aliases:
        base = codes.get(alias.region_code)
        if base is None or base.level != "kabupaten_kota" or \
                (normalize_region_text(alias.alias), base.province_code) in towns:
            continue
        for word in COMPASS_WORDS:
            target = by_name.get((normalize_region_text(f"{base.short} {word}"), base.province_code))
            derived = f"{alias.alias} {word}"
            if target is not None and target.level == "kabupaten_kota" and \
                    normalize_region_text(derived) not in taken:
                out.append(RegionAlias(derived, target.code, alias.guarded, alias.source))
    return out


def _one_sense_per_text(mentions: list[RegionMention]) -> list[RegionMention]:
    named = {m.region for m in mentions if not m.alternatives}
    result = []
    for m in mentions:
        hits = [r for r in (m.region, *m.alternatives) if r in named]
        if m.alternatives and len(hits) == 1 and hits[0] != m.region:
            others = tuple(r for r in (m.region, *m.alternatives) if r != hits[0])
            m = RegionMention(m.start, m.end, m.text, hits[0], tuple(sorted(others, key=lambda r: r.code)))
        result.append(m)
    return result


def _looks_ordinary(text: str, start: int, end: int) -> bool:
    following = next_word(text, end)
    if following[:1].isupper() and following not in _DATE_WORDS:
        return True                                       # "Bima Arya", "Medan Merdeka"
    return is_sentence_initial(text, start) and not _DATELINE.match(text, end)


_DATELINE = re.compile(r"[ \t]*(?:,|\(|[-\u2013\u2014]\s)")   # "Medan, Kompas –", "Malang (ANTARA) -"


def _surface_forms(name: str) -> set[str]:
    forms = {name, name.replace("Kep.", "Kepulauan")}
    words = name.split()
    if 2 <= len(words) <= 3 and all(w.isalpha() for w in words):
        # a name of two words written as one, as many outlets do: "Kulonprogo", "Tanjungpinang", "KulonProgo"
        forms |= {"".join(words), words[0] + "".join(w.lower() for w in words[1:])}
    return forms | {form.upper() for form in forms}
