"""Official ticket (paslon) lists: Pilkada 2024 (KPU Sirekap) and 2015 (Perludem).

Use them to confirm or complete what an article says (a name, a region), never
to add facts the article does not state.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from kg.resolve.tables import Row, read_rows

OFFICES = ("Gubernur", "Bupati", "Wali Kota")
_KEY = re.compile(r"pilkada-(\d{4})-(\d{2}(?:\.\d{2})?)")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# Honorifics, ranks and degree fragments that may precede or follow a name.
_IGNORED_TOKENS = frozenset({
    "h", "hj", "kh", "dr", "drs", "dra", "ir", "prof", "tgk", "teuku", "tengku", "habib", "gus",
    "bapak", "pak", "ibu", "bu", "st", "se", "sh", "mh", "mm", "msi", "mag", "mpd", "spd", "skm", "mba",
    "lc", "ak", "si", "sos", "kom", "ag", "hum", "kes", "ked", "ip", "mt"})
_TOKEN = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class TicketRecord:
    """One option on an official ballot (a pair, or the empty box)."""

    election_key: str              # "pilkada-2024-64.08"
    year: int
    office: str                    # "Gubernur" | "Bupati" | "Wali Kota"
    region_code: str
    number: int | None             # ballot number (one 2015 row has none)
    head: str | None               # plain name; None for the empty box
    deputy: str | None
    head_nickname: str | None
    deputy_nickname: str | None
    party_codes: tuple[str, ...]   # backing parties (2015 only; () in 2024)
    independent: bool | None       # jalur perseorangan (2015); None where the source is silent
    empty_box: bool                # "kolom kosong"
    source: str = ""               # file name
    official_id: str | None = None  # the list's own id of the pair: KPU's paslon id (Sirekap 2024, Perludem 2015)


def name_tokens(name: str) -> tuple[str, ...]:
    """Case-folded, accent-free name words without honorifics or initials.

    >>> name_tokens("Drs. H. Ardiansyah Sulaiman, M.Si.")
    ('ardiansyah', 'sulaiman')
    """
    text = unicodedata.normalize("NFKD", name.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return tuple(t for t in _TOKEN.findall(text) if len(t) > 1 and t not in _IGNORED_TOKENS)


def read_tickets_2024(path: Path, regions: Iterable[str]) -> tuple[TicketRecord, ...]:
    """Read ``pilkada2024_paslon_sirekap.csv``."""
    columns = ("election_key", "election_date", "office", "region_code", "ballot_number",
               "is_empty_column", "head_name_plain", "deputy_name_plain", "head_nickname",
               "deputy_nickname", "sirekap_paslon_id")
    known = set(regions)
    records: list[TicketRecord] = []
    seen: set[tuple[str, int]] = set()
    for row in read_rows(path, columns):
        key, year, code, office = _contest(row, known)
        empty = bool(row.boolean("is_empty_column"))
        _add(records, TicketRecord(
            key, year, office, code, row.integer("ballot_number"),
            _name(row, "head_name_plain", empty), _name(row, "deputy_name_plain", empty),
            row.text("head_nickname", required=False) or None,
            row.text("deputy_nickname", required=False) or None,
            (), None, empty, path.name, row.text("sirekap_paslon_id", required=False) or None), row, seen)
    return tuple(records)


def read_tickets_2015(path: Path, regions: Iterable[str], parties: Iterable[str]) -> tuple[TicketRecord, ...]:
    """Read ``pilkada2015_paslon_perludem.csv`` (with backing parties)."""
    columns = ("election_key", "election_date", "office", "region_code", "ballot_number",
               "head_name_plain", "deputy_name_plain", "nomination_path", "party_codes", "kpu_paslon_id")
    known, party_codes = set(regions), set(parties)
    records: list[TicketRecord] = []
    seen: set[tuple[str, int]] = set()
    for row in read_rows(path, columns):
        key, year, code, office = _contest(row, known)
        path_ = row.text("nomination_path")
        if path_ not in ("partai", "perseorangan"):
            raise row.fail("nomination_path", f"{path_!r} is neither partai nor perseorangan",
                           "write partai or perseorangan")
        codes = tuple(c for c in row.text("party_codes", required=False).split(";") if c)
        unknown = [c for c in codes if c not in party_codes]
        if unknown:
            raise row.fail("party_codes", f"{unknown[0]!r} is not a code of partai_politik.csv",
                           "use the codes of partai_politik.csv, separated by ;")
        if bool(codes) != (path_ == "partai"):
            raise row.fail("party_codes", f"party codes do not fit nomination_path {path_!r}",
                           "list parties for partai, none for perseorangan")
        _add(records, TicketRecord(
            key, year, office, code, row.integer("ballot_number", required=False),
            row.text("head_name_plain"), row.text("deputy_name_plain"), None, None,
            codes, path_ == "perseorangan", False, path.name, row.text("kpu_paslon_id", required=False) or None),
             row, seen)
    return tuple(records)


def _contest(row: Row, known: set[str]) -> tuple[str, int, str, str]:
    key = row.matching("election_key", _KEY, "a key such as pilkada-2024-64.08")
    match = _KEY.fullmatch(key)
    assert match is not None
    year, code = int(match.group(1)), match.group(2)
    if row.text("region_code") != code or code not in known:
        raise row.fail("region_code", f"{row.text('region_code')!r} does not fit {key} or is not a "
                       "known region", "use the code in the election key, as listed in "
                       "wilayah_kemendagri_2025.csv")
    date = row.matching("election_date", _DATE, "a date such as 2024-11-27")
    if int(date[:4]) != year:
        raise row.fail("election_date", f"{date} is not in {year}", "fix the date or the key")
    office = row.text("office")
    expected = "Gubernur" if "." not in code else "Wali Kota" if int(code[3:]) >= 70 else "Bupati"
    if office != expected:
        raise row.fail("office", f"{office!r} does not fit region {code}", f"write {expected}")
    return key, year, code, office


def _name(row: Row, column: str, empty: bool) -> str | None:
    value = row.text(column, required=not empty)
    if empty and value:
        raise row.fail(column, "a name on the empty box (kolom kosong)", "leave it empty")
    return value or None


def _add(records: list[TicketRecord], record: TicketRecord, row: Row, seen: set[tuple[str, int]]) -> None:
    if record.number is not None:
        if (record.election_key, record.number) in seen:
            raise row.fail("ballot_number", f"number {record.number} appears twice in "
                           f"{record.election_key}", "keep one row per ballot number")
        seen.add((record.election_key, record.number))
    records.append(record)


class TicketIndex:
    """Tickets by contest, and by the words of the candidates' names."""

    def __init__(self, records: Sequence[TicketRecord]) -> None:
        self.records = tuple(records)
        self._by_contest: dict[tuple[str, int], list[TicketRecord]] = {}
        self._by_token: dict[str, set[int]] = {}
        self._names: list[tuple[tuple[str, ...], ...]] = []
        for i, record in enumerate(self.records):
            self._by_contest.setdefault((record.region_code, record.year), []).append(record)
            names = tuple(name_tokens(n) for n in (record.head, record.deputy, record.head_nickname,
                                                   record.deputy_nickname) if n)
            self._names.append(names)
            for token in {t for name in names for t in name}:
                self._by_token.setdefault(token, set()).add(i)

    def find(self, region_code: str, year: int) -> tuple[TicketRecord, ...]:
        """The ballot of one contest, by ballot number (unnumbered last)."""
        found = self._by_contest.get((region_code, year), [])
        return tuple(sorted(found, key=lambda r: (r.number is None, r.number or 0)))

    def lookup_person(self, name: str, region_code: str | None = None) -> tuple[TicketRecord, ...]:
        """Records whose head or deputy (plain name or nickname) contains every
        word of ``name`` (honorifics and initials ignored). ``region_code``
        keeps contests in that region or, for a province, inside it."""
        query = set(name_tokens(name))
        if not query:
            return ()
        hits = set.intersection(*(self._by_token.get(t, set()) for t in query))
        found = []
        for i in sorted(hits):
            record = self.records[i]
            if region_code and not (record.region_code == region_code
                                    or record.region_code.startswith(region_code + ".")):
                continue
            if any(query <= set(tokens) for tokens in self._names[i]):
                found.append(record)
        return tuple(found)
