"""Frozen records shared by the pipeline stages.

``ingest`` makes an :class:`Article` and its :class:`Sentence` spans;
``extract`` makes claims (the article's own words, with :class:`Evidence`
spans into the untouched text); ``resolve`` makes :class:`ArticleFacts`
with canonical keys (region codes, party codes, person keys). Only
``graph`` turns facts into RDF.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True, kw_only=True)
class Article:
    """One article as ingested: its untouched text (offsets point here) and its metadata.

    ``kind`` says where it came from: ``txt`` (a text file), ``html`` (a saved
    page, main text by trafilatura), ``jsonl`` or ``csv`` (one record of a
    scraper dump). ``locator`` names it in messages: the file, or the file and
    its line or record number. Metadata fields are None when unknown; a date
    found in the text rather than in metadata has ``published_inferred``.
    """

    id: str                      # stable id: file stem, or URL / content hash for dump records
    path: str                    # the file it was read from
    text: str                    # the decoded text, untouched (offsets point here)
    sha256: str                  # hash of the raw bytes (file) or of the record
    kind: str = "txt"            # txt | html | jsonl | csv
    locator: str = ""            # "path", "path:12" (JSONL line) or "path: record 3" (CSV)
    title: str | None = None
    published: str | None = None  # ISO date (or date-time) when known
    published_inferred: bool = False
    url: str | None = None       # canonical URL when known
    outlet: str | None = None    # the outlet's name as given ("Kompas.com", "Inibalikpapan.com")
    authors: tuple[str, ...] = ()
    editors: tuple[str, ...] = ()
    language: str | None = None
    dateline: str | None = None  # the dateline place as printed ("SANGATTA", "Balikpapan")
    dateline_region: str | None = None  # its Kemendagri code, when the gazetteer knows it
    fingerprint: str | None = None  # hash of the normalised news text (furniture and dateline left out)
    warnings: tuple[str, ...] = ()

    @property
    def where(self) -> str:
        """The culprit for messages: the locator, or the path."""
        return self.locator or self.path


@dataclass(frozen=True, slots=True, kw_only=True)
class Outlet:
    """A news outlet as resolved: ``key`` is its domain when known, else a folded name."""

    key: str
    name: str
    domain: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Sentence:
    index: int
    start: int
    end: int
    paragraph: int               # index of the line/paragraph it belongs to
    furniture: bool = False      # page furniture ("Baca juga", share widgets): never evidence


@dataclass(frozen=True, slots=True, kw_only=True)
class Evidence:
    sentence: int
    start: int
    end: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Document:
    """An article with its sentences: what every extractor reads."""

    article: Article
    sentences: tuple[Sentence, ...]

    @property
    def text(self) -> str:
        return self.article.text

    def sentence_at(self, offset: int) -> Sentence | None:
        lo, hi = 0, len(self.sentences) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            s = self.sentences[mid]
            if offset < s.start:
                hi = mid - 1
            elif offset >= s.end:
                lo = mid + 1
            else:
                return s
        return None

    def evidence(self, start: int, end: int) -> Evidence:
        s = self.sentence_at(start)
        return Evidence(sentence=s.index if s else 0, start=start, end=end)


@dataclass(frozen=True, slots=True, kw_only=True)
class PersonName:
    """A person as written: the bare name and the honorifics/degrees split off."""

    name: str
    honorifics: tuple[str, ...] = ()


# --------------------------------------------------------------------- claims


@dataclass(frozen=True, slots=True, kw_only=True)
class ElectionRef:
    """Which contest a claim belongs to: region code, contested office, cycle year."""

    region: str | None           # Kemendagri code, "ID" for national contests
    office: str | None           # canonical title: Bupati, Wali Kota, Gubernur, Presiden
    year: int | None
    revote: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class Backing:
    party: str                   # party code
    role: str = "pengusung"      # pengusung (nominating) | pendukung (supporting)
    evidence: Evidence
    rule: str = "rules:coalitions"   # what made the claim: a rule layer or a learned model (model:parties)
    confidence: float | None = None  # the model's probability, when a model decided or scored it


@dataclass(frozen=True, slots=True, kw_only=True)
class TicketClaim:
    election: ElectionRef
    number: int | None
    head: PersonName
    deputy: PersonName | None
    backings: tuple[Backing, ...] = ()
    independent: bool = False
    evidence: Evidence
    rule: str = "rules:pairs"        # "rules:pairs", "model:pairs", "+model:numbers" when a model gave the number
    confidence: float | None = None  # the pairs model's probability for the pair (lowest of its mentions)


@dataclass(frozen=True, slots=True, kw_only=True)
class OfficeClaim:
    person: PersonName
    office: str                  # canonical title (GOLD_SCHEMA)
    region: str | None           # Kemendagri code, "ID" for national posts
    qualifier: str | None        # None (definitive) | Plt | Pj | Pjs | Plh
    start: str | None = None     # "2021" or ISO date
    end: str | None = None
    former: bool = False
    evidence: Evidence
    rule: str = "rules:offices"


@dataclass(frozen=True, slots=True, kw_only=True)
class StatementClaim:
    speaker: PersonName
    quote: str
    themes: tuple[str, ...] = ()  # theme concept slugs
    date: str | None = None
    evidence: Evidence           # the quote's span
    speaker_evidence: Evidence | None = None
    event: EventClaim | None = None  # the debate (or other event) it was said at, when the text says so
    rule: str = "rules:statements"


@dataclass(frozen=True, slots=True, kw_only=True)
class EventClaim:
    kind: str                    # debate | campaign | revote | other
    election: ElectionRef | None
    date: str | None
    place: str | None
    themes: tuple[str, ...] = ()
    evidence: Evidence


@dataclass(frozen=True, slots=True, kw_only=True)
class Claims:
    """Everything one article states, before resolution."""

    elections: tuple[tuple[ElectionRef, Evidence], ...] = ()
    tickets: tuple[TicketClaim, ...] = ()
    offices: tuple[OfficeClaim, ...] = ()
    statements: tuple[StatementClaim, ...] = ()
    events: tuple[EventClaim, ...] = ()


# ---------------------------------------------------------------------- facts


@dataclass(frozen=True, slots=True, kw_only=True)
class Person:
    key: str                     # slug, unique within the build
    name: str
    variants: tuple[str, ...] = ()
    honorifics: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticleFacts:
    """Resolved facts of one article: claims whose people carry person keys."""

    article: Article
    people: dict[str, Person] = field(default_factory=dict)   # key → person
    person_keys: dict[str, str] = field(default_factory=dict)  # name as resolved → key
    claims: Claims = field(default_factory=Claims)
    outlet: Outlet | None = None

    def key_of(self, person: PersonName) -> str:
        return self.person_keys[person.name]

    @property
    def fact_count(self) -> int:
        c = self.claims
        return (len(c.elections) + len(c.tickets) + sum(len(t.backings) for t in c.tickets)
                + len(c.offices) + len(c.statements) + len(c.events))
