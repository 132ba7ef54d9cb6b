"""Regions: Kemendagri units by code, name, alias and abbreviation.

Rules for choosing among several regions that a text could name (all tested in
``tests/resolve/test_gazetteer.py``):

1. A type given by the text itself ("Kabupaten Serang", "Kota Serang",
   "Provinsi Jambi", "Kab. Bogor") decides, and wins over the ``kind`` passed
   by the caller. In free text an office word or government body just before
   the name acts as that type ("Bupati Bandung", "Wali Kota Bandung",
   "Gubernur Jambi", "Pemkot Serang").
2. Otherwise ``kind`` decides ("Provinsi", "Kabupaten", "Kota", "Kecamatan";
   "Kabupaten"/"Kota" also cover the administrative units of Jakarta).
3. ``province_code`` (any enclosing code) is a preference: candidates inside
   it are kept when there are any ("Banjar" inside 63 is Kabupaten Banjar).
4. Among what is left: an official name beats an alias; then a province beats
   a kota, and a kota beats a kabupaten. So a bare "Jambi", "Bengkulu" or
   "Gorontalo" is the province, and a bare "Bandung", "Serang" or "Bogor" is
   the kota (the city that carries the name; the kabupaten is normally written
   with "Kabupaten"/"Kab." or an office word such as "Bupati").
5. Kecamatan and distrik are only considered when the kind (or the text's
   "Kecamatan"/"Kec."/"Distrik" prefix) asks for them; two with the same name
   and nothing to tell them apart give ``None``.

Free-text matching, with its own guards against ordinary words, is in
``kg.resolve.region_index``.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from kg.resolve.tables import Row, read_rows

KINDS = ("Provinsi", "Kabupaten", "Kota", "Kecamatan", "Distrik")
REGION_TYPES = ("Provinsi", "Kabupaten", "Kota", "Kabupaten Administrasi", "Kota Administrasi",
                "Kecamatan", "Distrik")
LEVELS = {"provinsi": 0, "kabupaten_kota": 1, "kecamatan": 2}

CODE = re.compile(r"\d{2}(?:\.\d{2}(?:\.\d{2})?)?")
COMPACT_CODE = re.compile(r"\d{2}(?:\d{2}(?:\d{2})?)?")
_QID = re.compile(r"Q[1-9]\d*")
_DASHES = {ord(c): " " for c in "-\u2010\u2011\u2012\u2013\u2014\u2015_"}
_KEP = re.compile(r"(?<!\w)kep\.\s*")
PREFIX_KIND = {
    "pemerintah provinsi": "Provinsi", "pemerintah kabupaten": "Kabupaten", "pemerintah kota": "Kota",
    "kabupaten administrasi": "Kabupaten", "kota administrasi": "Kota",
    "provinsi": "Provinsi", "prov.": "Provinsi", "prov": "Provinsi", "pemprov": "Provinsi",
    "kabupaten": "Kabupaten", "kab.": "Kabupaten", "kab": "Kabupaten", "pemkab": "Kabupaten",
    "kota": "Kota", "pemkot": "Kota", "kecamatan": "Kecamatan", "kec.": "Kecamatan",
    "kec": "Kecamatan", "distrik": "Kecamatan",
}
_PREFIX = re.compile("({})".format("|".join(re.escape(p) for p in sorted(PREFIX_KIND, key=len, reverse=True)))
                     + r"(?:\s+|(?<=\.))(?=\S)")
_GUARD_NOTE = "ambiguous:"


@dataclass(frozen=True)
class RegionRef:
    """One Kemendagri unit. ``name`` is the project's official long form."""

    code: str               # "64.08"
    name: str               # "Kabupaten Kutai Timur", "Provinsi Kalimantan Timur"
    type: str               # "Kabupaten", "Kota Administrasi", "Distrik", …
    short: str              # "Kutai Timur"
    province_code: str      # "64" (a province's own code for a province)
    parent_code: str | None
    level: str              # "provinsi" | "kabupaten_kota" | "kecamatan"
    wikidata: str | None    # "Q…"


@dataclass(frozen=True)
class RegionMention:
    """A region named in free text; ``text == source[start:end]``."""

    start: int
    end: int
    text: str
    region: RegionRef
    alternatives: tuple[RegionRef, ...] = ()   # other regions the bare name could mean


def normalize_region_text(text: str) -> str:
    """Case-fold, unify dashes and spaces, spell out "Kep." (idempotent).

    >>> normalize_region_text("  Kab.  Tojo Una-Una ")
    'kab. tojo una una'
    >>> normalize_region_text("Kep. Siau Tagulandang Biaro")
    'kepulauan siau tagulandang biaro'
    """
    text = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())
    text = _KEP.sub("kepulauan ", text.translate(_DASHES))
    return " ".join(text.split())


def region_prefix_steps(text: str) -> list[tuple[str | None, str]]:
    """The normalised text, then the text after each leading type word, with the
    kind of the first one: "Kecamatan Kota Baru" gives ``[(None, "kecamatan
    kota baru"), ("Kecamatan", "kota baru"), ("Kecamatan", "baru")]``. A type
    word alone is not stripped. Look-ups take the first step that names
    something, so a kecamatan called "Kota Baru" keeps its first word."""
    text = normalize_region_text(text)
    steps: list[tuple[str | None, str]] = [(None, text)]
    while match := _PREFIX.match(text):
        text = text[match.end():]
        steps.append((steps[-1][0] or PREFIX_KIND[match.group(1)], text))
    return steps


def split_region_prefix(text: str) -> tuple[str | None, str]:
    """Normalise and strip every leading type word: ``("Kabupaten", "kutai timur")``."""
    return region_prefix_steps(text)[-1]


def strip_region_prefix(text: str) -> str:
    """``normalize_region_text`` without leading type words (idempotent)."""
    return split_region_prefix(text)[1]


def compact_key(key: str) -> str:
    """A normalised key without spaces and dots: "palangka raya" → "palangkaraya"."""
    return key.replace(" ", "").replace(".", "")


def official_name(level: str, type_: str, name: str) -> str:
    """The project's long form: "Provinsi X", "Kabupaten X", "Kecamatan X"."""
    if level == "provinsi":
        # abbreviations written out, as everywhere else: "Provinsi Daerah Khusus Ibukota Jakarta", not "DKI"
        return "Provinsi " + name
    if level == "kecamatan":
        return f"{type_} {name}"
    if type_.endswith(" Administrasi") and name.startswith(type_ + " "):
        # Jakarta's five cities and Kepulauan Seribu: "Kota Jakarta Pusat", as every other kota is written
        return f"{type_.removesuffix(' Administrasi')} {name[len(type_) + 1:]}"
    return name


def read_regions(path: Path) -> tuple[RegionRef, ...]:
    """Read ``wilayah_kemendagri_2025.csv`` and check codes, parents and types."""
    columns = ("code", "code_compact", "level", "type", "name", "name_short", "parent_code",
               "province_code", "wikidata_qid")
    regions: dict[str, RegionRef] = {}
    for row in read_rows(path, columns):
        code = row.matching("code", CODE, "a dotted Kemendagri code such as 64.08")
        if code in regions:
            raise row.fail("code", f"{code} appears twice", "keep one row per code")
        if row.text("code_compact") != code.replace(".", ""):
            raise row.fail("code_compact", "does not match the code", f"write {code.replace('.', '')}")
        level = row.text("level")
        if LEVELS.get(level) != code.count("."):
            raise row.fail("level", f"{level!r} does not fit code {code}",
                           "use provinsi (NN), kabupaten_kota (NN.NN) or kecamatan (NN.NN.NN)")
        type_ = row.text("type")
        if type_ not in REGION_TYPES:
            raise row.fail("type", f"unknown type {type_!r}", f"use one of {', '.join(REGION_TYPES)}")
        parent = row.text("parent_code", required=level != "provinsi") or None
        if parent != (code.rsplit(".", 1)[0] if "." in code else None) or (parent and parent not in regions):
            raise row.fail("parent_code", f"{parent!r} is not the parent of {code} listed above",
                           "list parents before children and use the code minus its last part")
        if row.text("province_code") != code[:2]:
            raise row.fail("province_code", "does not match the code", f"write {code[:2]}")
        name, short = row.text("name"), row.text("name_short")
        wikidata = row.matching("wikidata_qid", _QID, "a Wikidata id such as Q3899", required=False)
        regions[code] = RegionRef(code, official_name(level, type_, name), type_, short, code[:2],
                                  parent, level, wikidata or None)
    return tuple(regions.values())


def read_region_labels(path: Path, codes: Iterable[str]) -> dict[str, str]:
    """Read ``region_labels.csv``: the label a region is shown by where the Kemendagri table spells its
    name otherwise than the region and the news do (``Kota Pangkalpinang``, not ``Kota Pangkal Pinang``)."""
    known = set(codes)
    out: dict[str, str] = {}
    for row in read_rows(path, ("region_code", "label", "note")):
        code = _checked_code(row, known)
        label = row.text("label")
        if not re.match(r"(?:Provinsi|Kabupaten|Kota) \S", label):
            raise row.fail("label", f"{label!r} does not start with Provinsi, Kabupaten or Kota",
                           "write the long form, e.g. Kota Pangkalpinang")
        out[code] = label
    return out


@dataclass(frozen=True)
class RegionAlias:
    alias: str
    region_code: str
    guarded: bool        # needs a prefix, or a mid-sentence position, in free text
    source: str          # file name


def read_region_aliases(path: Path, codes: Iterable[str], *, singkatan: bool) -> tuple[RegionAlias, ...]:
    """Read ``singkatan_wilayah.csv`` (``singkatan=True``) or ``region_aliases.csv``.

    An abbreviation counts as ambiguous in free text when singkatan's ``note``
    warns about it and it is not all capitals; in ``region_aliases.csv`` when
    the note starts with ``ambiguous:``.
    """
    known = set(codes)
    rows = read_rows(path, ("alias", "region_code", "note"))
    aliases = []
    for row in rows:
        alias = row.text("alias")
        code = _checked_code(row, known)
        note = row.text("note", required=False)
        guarded = bool(note) and not alias.isupper() if singkatan else note.startswith(_GUARD_NOTE)
        aliases.append(RegionAlias(alias, code, guarded, path.name))
    return tuple(aliases)


def _checked_code(row: Row, known: set[str]) -> str:
    code = row.matching("region_code", CODE, "a dotted Kemendagri code such as 64.08")
    if code not in known:
        raise row.fail("region_code", f"{code} is not in wilayah_kemendagri_2025.csv", "use a listed code")
    return code


@dataclass(frozen=True)
class RegionCandidate:
    """A region that a key can name, and whether only through an alias."""

    region: RegionRef
    via_alias: bool


def check_kind(kind: str | None) -> str | None:
    """The canonical kind ("Distrik" counts as "Kecamatan"); ValueError if unknown."""
    if kind is None:
        return None
    for known in KINDS:
        if kind.casefold() == known.casefold():
            return "Kecamatan" if known == "Distrik" else known
    raise ValueError(f"unknown region kind {kind!r}; use one of {', '.join(KINDS)} or None")


def fits_kind(region: RegionRef, kind: str | None) -> bool:
    """Does ``region`` have ``kind``? No kind means any province, kabupaten or kota."""
    if kind is None:
        return region.level != "kecamatan"
    if kind == "Provinsi":
        return region.level == "provinsi"
    if kind == "Kecamatan":
        return region.level == "kecamatan"
    return region.level == "kabupaten_kota" and region.type.startswith(kind)


def _rank(candidate: RegionCandidate) -> tuple[bool, int]:
    region = candidate.region
    level = 1 if region.type.startswith("Kota") else 2 if region.level == "kabupaten_kota" else 0
    return candidate.via_alias, level if region.level != "kecamatan" else 3


def choose_region(candidates: Sequence[RegionCandidate], kind: str | None,
                  scope: str | None) -> tuple[RegionRef | None, tuple[RegionRef, ...]]:
    """Apply rules 2-5 of the module docstring: (choice or None, the others)."""
    fitting = [c for c in candidates if fits_kind(c.region, kind)]
    if scope:
        inside = [c for c in fitting if c.region.code == scope or c.region.code.startswith(scope + ".")]
        fitting = inside or fitting
    if not fitting:
        return None, ()
    best = min(_rank(c) for c in fitting)
    chosen = {c.region for c in fitting if _rank(c) == best}
    if len(chosen) != 1:
        return None, tuple(sorted(chosen, key=lambda r: r.code))
    region = chosen.pop()
    others = {c.region for c in fitting if c.region != region and not c.via_alias}
    return region, tuple(sorted(others, key=lambda r: r.code))
