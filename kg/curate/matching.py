"""The evaluation's matching rules: when an extracted row is a gold fact, and precision, recall and F1.

These are the rules of ``../shared/eval/score.py`` (the scorer of the evaluation sets), mirrored here so that
``kg curate score`` works without ``../shared``; ``tests/curate/test_matching.py`` checks that the two agree
when ``../shared`` is at hand. Rows are plain dicts with the CSV columns of the four saved queries:

==============  =============================================
kind            fields
==============  =============================================
tickets         region, year, number, head, deputy
ticket-parties  region, year, head, party
office-holders  person, office, region, qualifier, start, end
statements      speaker, quote
==============  =============================================

A gold field that is null accepts any value (a year or a deputy the text does not print); people are the same
when the words of one name (honorifics and degrees left out) are among the other's; a gold quotation matches
an extracted one that contains it.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from kg.curate.facts import HONORIFICS, fold

Row = Mapping[str, Any]
KINDS = ("tickets", "ticket-parties", "office-holders", "statements")

# the party codes of GOLD_SCHEMA.md, each with the spellings the scorer reads as it
PARTIES: dict[str, tuple[str, ...]] = {
    "PKB": ("pkb", "kebangkitan bangsa"),
    "GERINDRA": ("gerindra", "gerakan indonesia raya"),
    "PDIP": ("pdip", "pdi p", "pdi perjuangan", "demokrasi indonesia perjuangan", "pdi"),
    "GOLKAR": ("golkar", "golongan karya"),
    "NASDEM": ("nasdem", "nasional demokrat"),
    "BURUH": ("buruh", "buru"),
    "GELORA": ("gelora", "gelombang rakyat indonesia", "gelombang rakyat"),
    "PKS": ("pks", "keadilan sejahtera"),
    "PKN": ("pkn", "kebangkitan nusantara"),
    "HANURA": ("hanura", "hati nurani rakyat"),
    "GARUDA": ("garuda", "garda republik indonesia"),
    "PAN": ("pan", "amanat nasional"),
    "PBB": ("pbb", "bulan bintang"),
    "DEMOKRAT": ("demokrat", "pd"),
    "PSI": ("psi", "solidaritas indonesia"),
    "PERINDO": ("perindo", "persatuan indonesia"),
    "PPP": ("ppp", "persatuan pembangunan"),
    "UMMAT": ("ummat", "umat"),
    "BERKARYA": ("berkarya",),
    "PKPI": ("pkpi", "keadilan dan persatuan indonesia"),
    "PA": ("pa", "partai aceh", "aceh"),
    "PNA": ("pna", "nanggroe aceh", "nanggroe aceh nasional"),
}
PARTY_ALIAS = {alias: code for code, aliases in PARTIES.items() for alias in aliases}
# the canonical office titles of GOLD_SCHEMA.md (longest first where one begins another)
OFFICES = (
    "wakil presiden", "presiden", "wakil gubernur", "gubernur", "wakil bupati", "bupati",
    "wakil wali kota", "wali kota", "sekretaris daerah", "camat", "kepala desa",
    "ketua kpu", "anggota kpu", "ketua bawaslu", "wakil ketua dprd", "ketua dprd",
    "anggota dprd", "kepala dinas",
)
OFFICE_SPELLING = (
    (r"\bwalikota\b", "wali kota"), (r"\bsekda\b", "sekretaris daerah"),
    (r"\bkadis\b", "kepala dinas"), (r"\bwabup\b", "wakil bupati"),
    (r"\bwagub\b", "wakil gubernur"), (r"\bwawali\b", "wakil wali kota"),
)
QUALIFIERS: dict[str, str | None] = {
    "": None, "none": None, "definitif": None, "definitive": None, "pj": "pj", "penjabat": "pj",
    "pjs": "pjs", "penjabat sementara": "pjs", "plt": "plt", "pelaksana tugas": "plt",
    "plh": "plh", "pelaksana harian": "plh",
}


def name_tokens(name: Any) -> tuple[str, ...]:
    name = str(name or "").split(",")[0]  # degrees follow a comma
    return tuple(t for t in fold(name).split() if t not in HONORIFICS and len(t) > 1)


def same_person(gold: Any, pred: Any) -> bool:
    a, b = set(name_tokens(gold)), set(name_tokens(pred))
    return bool(a and b) and (a <= b or b <= a)


def region_key(region: Any) -> tuple[str | None, str]:
    r = re.sub(r"^kab\b", "kabupaten", fold(region))
    for kind in ("provinsi", "kabupaten", "kota"):
        if r.startswith(kind + " "):
            return kind, r[len(kind) + 1:]
    return None, r


def same_region(gold: Any, pred: Any) -> bool:
    if gold in (None, ""):
        return True
    (gk, gc), (pk, pc) = region_key(gold), region_key(pred)
    return gc == pc and (gk == pk or gk is None or pk is None)


def office_key(office: Any) -> tuple[str, str | None]:
    """(canonical title, qualifier written in the title): ``Pj Bupati`` → ``("bupati", "pj")``."""
    o = fold(office)
    for pattern, repl in OFFICE_SPELLING:
        o = re.sub(pattern, repl, o)
    qualifier = None
    for q in sorted(QUALIFIERS, key=len, reverse=True):
        if q and o.startswith(q + " "):
            qualifier, o = QUALIFIERS[q], o[len(q) + 1:]
            break
    for title in OFFICES:
        if o == title or o.startswith(title + " "):
            return title, qualifier
    return o, qualifier


def qualifier_key(q: Any) -> str | None:
    return QUALIFIERS.get(fold(q), fold(q) or None)


def party_code(label: Any) -> str:
    f = re.sub(r"^partai ", "", fold(label))
    return PARTY_ALIAS.get(f) or PARTY_ALIAS.get(f.replace(" ", "")) or f.upper()


def year_of(value: Any) -> str | None:
    m = re.search(r"\d{4}", str(value or ""))
    return m.group(0) if m else None


def int_or_none(value: Any) -> int | None:
    m = re.search(r"\d+", str(value or ""))
    return int(m.group(0)) if m else None


def same_year(gold: Any, pred: Any) -> bool:
    """A year the text does not print (gold null) accepts any year."""
    return year_of(gold) is None or year_of(gold) == year_of(pred)


def match_ticket(g: Row, p: Row) -> bool:
    return (same_region(g["region"], p.get("region")) and same_year(g["year"], p.get("year"))
            and same_person(g["head"], p.get("head"))
            and (g["deputy"] in (None, "") or same_person(g["deputy"], p.get("deputy")))
            and (g["number"] in (None, "") or int_or_none(g["number"]) == int_or_none(p.get("number"))))


def match_ticket_party(g: Row, p: Row) -> bool:
    return (same_region(g["region"], p.get("region")) and same_year(g["year"], p.get("year"))
            and same_person(g["head"], p.get("head")) and g["party"] == party_code(p.get("party")))


def match_office(g: Row, p: Row) -> bool:
    title, q_in_title = office_key(p.get("office"))
    q = qualifier_key(p.get("qualifier")) or q_in_title
    return (same_person(g["person"], p.get("person")) and office_key(g["office"])[0] == title
            and same_region(g.get("region"), p.get("region")) and qualifier_key(g.get("qualifier")) == q)


def match_statement(g: Row, p: Row) -> bool:
    return same_person(g["speaker"], p.get("speaker")) and fold(g["quote"]) in fold(p.get("quote"))


MATCHERS: dict[str, Callable[[Row, Row], bool]] = {
    "tickets": match_ticket, "ticket-parties": match_ticket_party,
    "office-holders": match_office, "statements": match_statement}


def dates_agree(a: Row, b: Row) -> bool:
    """Two terms of one office (2016-2020, 2021-2024) are two facts; a term with and without its dates is one."""
    return all(year_of(a.get(f)) is None or year_of(b.get(f)) is None or year_of(a.get(f)) == year_of(b.get(f))
               for f in ("start", "end"))


def dedupe_gold(rows: Iterable[Row], matcher: Callable[[Row, Row], bool]) -> list[Row]:
    """The same fact told twice is one fact; the fuller telling is kept."""
    kept: list[Row] = []
    for row in rows:
        same = [i for i, k in enumerate(kept) if matcher(row, k) and dates_agree(row, k)]
        if not same:
            kept.append(row)
        elif _informative(row) > _informative(kept[same[0]]):
            kept[same[0]] = row
    return kept


def dedupe(rows: Iterable[Row]) -> list[Row]:
    """Extracted rows without repeats (fields compared folded)."""
    seen, out = set(), []
    for r in rows:
        key = tuple(sorted((k, fold(v)) for k, v in r.items()))
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out


def _informative(row: Row) -> int:
    return sum(v not in (None, "") for v in row.values())


@dataclass(slots=True)
class Match:
    """Gold rows against extracted rows of one kind: hits (gold, extracted), misses (gold), extras (extracted)."""

    hits: list[tuple[Row, Row]] = field(default_factory=list)
    misses: list[Row] = field(default_factory=list)
    extra: list[Row] = field(default_factory=list)


def match_rows(gold: list[Row], pred: list[Row], matcher: Callable[[Row, Row], bool]) -> Match:
    """Each gold row takes the first unused extracted row it matches (the one whose dates agree, if any)."""
    pred = dedupe(pred)
    used: set[int] = set()
    out = Match()
    for g in gold:
        candidates = [i for i, p in enumerate(pred) if i not in used and matcher(g, p)]
        if candidates:
            i = max(candidates, key=lambda i: (dates_agree(g, pred[i]), -i))
            used.add(i)
            out.hits.append((g, pred[i]))
        else:
            out.misses.append(g)
    out.extra = [p for i, p in enumerate(pred) if i not in used]
    return out


def prf(hits: int, gold: int, pred: int) -> tuple[float, float, float]:
    """Precision, recall and F1 as the scorer counts them (nothing to find and nothing found is perfect)."""
    precision = hits / pred if pred else (1.0 if not gold else 0.0)
    recall = hits / gold if gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def gold_rows(doc: Mapping[str, Any]) -> dict[str, list[Row]]:
    """The rows of one gold document (``GOLD_SCHEMA.md``) by kind, each kind's repeats merged, as the scorer
    reads a ``STEM.gold.yaml``."""
    rows: dict[str, list[Row]] = {k: [] for k in KINDS}
    elections = {e.get("key"): e for e in doc.get("elections") or []}
    for t in doc.get("tickets") or []:
        e = elections.get(t.get("election"), {})
        rows["tickets"].append({"region": e.get("region"), "year": e.get("year"), "number": t.get("number"),
                                "head": t.get("head"), "deputy": t.get("deputy")})
        for p in t.get("parties") or []:
            rows["ticket-parties"].append({"region": e.get("region"), "year": e.get("year"), "head": t.get("head"),
                                           "party": p})
    rows["office-holders"] = [dict(o) for o in doc.get("offices") or []]
    rows["statements"] = [dict(s) for s in doc.get("statements") or []]
    return {k: dedupe_gold(v, MATCHERS[k]) for k, v in rows.items()}
