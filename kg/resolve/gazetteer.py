"""The gazetteer: regions, parties and official ticket lists from ``data/reference``.

One object, loaded once per directory (``Gazetteer.load`` is cached), checked
as it loads: a bad row raises ``ReferenceDataError`` (a ``ValueError``) naming
file, line and column. Pure Python: no RDF here; ``kg.graph.reference`` turns
it into quads. The rules for ambiguous names are in ``kg.resolve.regions``,
``kg.resolve.region_index`` and ``kg.resolve.parties``.

>>> gaz = Gazetteer.load()
>>> gaz.resolve_region("Kutim").name, gaz.resolve_party("PDI-P")
('Kabupaten Kutai Timur', 'PDIP')
"""
from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass
from pathlib import Path

from kg.resolve.parties import PartyIndex, PartyMention, PartyRef, normalize_party_text, read_parties
from kg.resolve.region_index import RegionIndex
from kg.resolve.regions import (
    RegionMention,
    RegionRef,
    normalize_region_text,
    RegionAlias,
    read_region_aliases,
    read_region_labels,
    read_regions,
    split_region_prefix,
    strip_region_prefix,
)
from kg.resolve.tables import ReferenceDataError
from kg.resolve.tickets import TicketIndex, TicketRecord, read_tickets_2015, read_tickets_2024
from kg.resources import Resources

__all__ = [
    "REFERENCE_FILES", "Gazetteer", "PartyMention", "PartyRef",
    "ReferenceDataError", "RegionMention", "RegionRef", "TicketRecord", "normalize_party_text",
    "normalize_region_text", "split_region_prefix", "strip_region_prefix",
]

REGIONS_FILE = "wilayah_kemendagri_2025.csv"
SINGKATAN_FILE = "singkatan_wilayah.csv"
REGION_ALIASES_FILE = "region_aliases.csv"
REGION_LABELS_FILE = "region_labels.csv"
PARTIES_FILE = "partai_politik.csv"
PARTY_ALIASES_FILE = "party_aliases.csv"
TICKETS_2024_FILE = "pilkada2024_paslon_sirekap.csv"
TICKETS_2015_FILE = "pilkada2015_paslon_perludem.csv"
REFERENCE_FILES = (REGIONS_FILE, SINGKATAN_FILE, REGION_ALIASES_FILE, PARTIES_FILE,
                   PARTY_ALIASES_FILE, TICKETS_2024_FILE, TICKETS_2015_FILE)


@dataclass(frozen=True, eq=False)
class Gazetteer:
    """Reference data with look-ups and free-text matchers."""

    reference_dir: Path
    regions: RegionIndex
    parties: PartyIndex
    tickets: TicketIndex

    @classmethod
    def load(cls, reference_dir: Path | None = None) -> Gazetteer:
        """Load and check the files of ``reference_dir`` (cached per directory;
        default: the project's ``data/reference``)."""
        return _load(Path(reference_dir or Resources.default().reference).resolve())

    # regions -----------------------------------------------------------------
    def region(self, code: str) -> RegionRef | None:
        """The region with this dotted Kemendagri code."""
        return self.regions.by_code.get(code)

    def resolve_region(self, text: str, kind: str | None = None,
                       province_code: str | None = None) -> RegionRef | None:
        """One region for a name, alias, abbreviation or code, or None.

        ``kind``: "Provinsi" | "Kabupaten" | "Kota" | "Kecamatan" (or None);
        ``province_code``: prefer regions inside this code.
        """
        return self.regions.resolve(text, kind, province_code)

    def region_candidates(self, text: str, kind: str | None = None) -> tuple[RegionRef, ...]:
        """All regions ``text`` could name, before any preference."""
        return self.regions.candidates(text, kind)

    def find_regions(self, text: str) -> list[RegionMention]:
        """Every province, kabupaten and kota named in free text."""
        return self.regions.find(text)

    def region_label(self, code: str) -> str | None:
        """The official long name of a region (``kg.graph.facts.Labels``)."""
        region = self.regions.by_code.get(code)
        return region.name if region else None

    def region_aliases(self, code: str) -> tuple[str, ...]:
        """Abbreviations and other names of a region from the alias files."""
        return self.regions.aliases_of(code)

    # parties -----------------------------------------------------------------
    def party(self, code: str) -> PartyRef | None:
        return self.parties.by_code.get(code)

    def party_name(self, code: str) -> str | None:
        """The full name of a party (``kg.graph.facts.Labels``)."""
        party = self.parties.by_code.get(code)
        return party.full_name if party else None

    def resolve_party(self, text: str) -> str | None:
        """The party code for any spelling (one typo allowed in long names)."""
        return self.parties.resolve(text)

    def find_parties(self, text: str) -> list[PartyMention]:
        """Every party named in free text."""
        return self.parties.find(text)

    # tickets -----------------------------------------------------------------
    def find_tickets(self, region_code: str, year: int) -> tuple[TicketRecord, ...]:
        """The official ballot of one contest (2015 or 2024), by ballot number."""
        return self.tickets.find(region_code, year)

    def lookup_person(self, name: str, region_code: str | None = None) -> tuple[TicketRecord, ...]:
        """Ticket records whose head or deputy has every word of ``name``."""
        return self.tickets.lookup_person(name, region_code)


@functools.lru_cache(maxsize=8)
def _load(reference_dir: Path) -> Gazetteer:
    regions = read_regions(reference_dir / REGIONS_FILE)
    codes = [r.code for r in regions]
    aliases = (read_region_aliases(reference_dir / SINGKATAN_FILE, codes, singkatan=True)
               + read_region_aliases(reference_dir / REGION_ALIASES_FILE, codes, singkatan=False))
    labels = read_region_labels(reference_dir / REGION_LABELS_FILE, codes) \
        if (reference_dir / REGION_LABELS_FILE).exists() else {}
    if labels:
        # the label shown; the table's spelling stays a name the text may use, and so does the label's
        aliases += tuple(RegionAlias(labels[r.code].split(" ", 1)[1], r.code, False, REGION_LABELS_FILE)
                         for r in regions if r.code in labels)
        regions = tuple(dataclasses.replace(r, name=labels[r.code]) if r.code in labels else r for r in regions)
    parties = read_parties(reference_dir / PARTIES_FILE, reference_dir / PARTY_ALIASES_FILE)
    party_codes = [p.code for p in parties]
    tickets = (read_tickets_2024(reference_dir / TICKETS_2024_FILE, codes)
               + read_tickets_2015(reference_dir / TICKETS_2015_FILE, codes, party_codes))
    return Gazetteer(reference_dir, RegionIndex(regions, aliases), PartyIndex(parties), TicketIndex(tickets))
