"""Parties: codes, names, aliases, and party mentions in free text.

``resolve_party`` takes a string already thought to name a party and accepts
any spelling in ``partai_politik.csv`` or ``party_aliases.csv``, in any case,
with or without "Partai ", with hyphens and spaces interchangeable or left out
("PDI-P", "PDI P", "PDIP"), and names of five letters or more with one typo
(one letter added, dropped, changed, or two neighbours swapped: "Partai Buru",
"Gerindera"). Acronyms never match approximately (PAN is not PAS).

``PartyIndex.find`` scans free text. Multi-word names starting with "Partai"
match in any case; other names only as written in the data, in Title Case or
in capitals ("NasDem", "Nasdem", "NASDEM"; never "demokrat"); acronyms only
in capitals and on word boundaries ("PAN" is not in "PANITIA" or "pan").
A capitalised "Partai X" that matches nothing exactly is resolved like
``resolve_party`` (so "Partai Buru," is BURUH). Extra guards:

- acronyms that are common outside politics (PBB is also the United Nations
  and a land tax, PKN a state college) count only inside a list of parties
  ("PDIP, PBB dan PKS");
- "Garuda" and "Gelora" do not count before the words that make them an
  airline, a stadium or an emblem ("Garuda Indonesia", "Gelora Bung Karno");
- "Berkarya" (also the verb "to create") does not count at a sentence start.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from kg.resolve.matching import is_sentence_initial, next_word, trie_pattern
from kg.resolve.tables import read_rows

LIST_ONLY = frozenset({"PBB", "PKN", "PA", "PD", "PDA", "PNA", "SIRA", "Buruh", "BURUH"})
NOT_BEFORE = {"Garuda": frozenset({"Indonesia", "Pancasila", "Muda", "Wisnu", "Nusantara", "Select"}),
              "Gelora": frozenset({"Bung", "BK", "Sriwijaya", "Delta", "Joko", "Samudra", "Haji"})}
NOT_SENTENCE_INITIAL = frozenset({"Berkarya"})
# Spellings left out of free-text matching: ordinary phrases ("Persatuan Indonesia" is a
# principle of Pancasila; "Nanggroe Aceh" opens the province's former name).
FREE_TEXT_EXCLUDED = frozenset({"persatuan indonesia", "nanggroe aceh"})
_NO_STRIP = frozenset({"aceh"})           # "Partai Aceh" without "Partai" is the province
_CODE = re.compile(r"[A-Z][A-Z0-9]*")
_QID = re.compile(r"Q[1-9]\d*")
_NON_ALNUM = re.compile(r"[^\w]+|_")
_APOSTROPHES = {ord(c): None for c in "'’`ʼ"}
_LIST_GAP = re.compile(r"[\s,;/&()]*(?:(?:dan|serta|and|atau)\b[\s,;/&()]*)?")
_GENERIC = r"(?P<generic>(?:Partai|PARTAI)\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})"


@dataclass(frozen=True)
class PartyRef:
    code: str                    # "PDIP"
    short_name: str              # "PDI-P"
    full_name: str               # "Partai Demokrasi Indonesia Perjuangan"
    aliases: tuple[str, ...]     # other spellings, from both CSV files
    wikidata: str | None


@dataclass(frozen=True)
class PartyMention:
    """A party named in free text; ``text == source[start:end]``."""

    start: int
    end: int
    text: str
    code: str


def normalize_party_text(text: str) -> str:
    """Case-fold, drop apostrophes, other punctuation to spaces (idempotent).

    >>> normalize_party_text("  Partai Ka'bah ") , normalize_party_text("PDI-P")
    ('partai kabah', 'pdi p')
    """
    text = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())
    return " ".join(_NON_ALNUM.sub(" ", text.translate(_APOSTROPHES)).split())


def read_parties(path: Path, aliases_path: Path) -> tuple[PartyRef, ...]:
    """Read ``partai_politik.csv`` and ``party_aliases.csv``, checking codes."""
    columns = ("code", "short_name", "full_name", "wikidata_qid", "aliases", "name_sipol", "acronym_sipol")
    rows = {}
    for row in read_rows(path, columns):
        code = row.matching("code", _CODE, "an upper-case party code such as PDIP")
        if code in rows:
            raise row.fail("code", f"{code} appears twice", "keep one row per party")
        spellings = [s.strip() for s in row.text("aliases", required=False).split(";") if s.strip()]
        spellings += [row.text(c, required=False) for c in ("name_sipol", "acronym_sipol")]
        rows[code] = (row.text("short_name"), row.text("full_name"),
                      row.matching("wikidata_qid", _QID, "a Wikidata id such as Q1186306", required=False),
                      spellings)
    for row in read_rows(aliases_path, ("alias", "code")):
        code = row.text("code")
        if code not in rows:
            raise row.fail("code", f"{code!r} is not a code of {path.name}", "use one of " + ", ".join(rows))
        rows[code][3].append(row.text("alias"))
    parties = []
    for code, (short, full, qid, spellings) in rows.items():
        extra = [s for s in dict.fromkeys(spellings) if s and s not in (short, full)]
        parties.append(PartyRef(code, short, full, tuple(extra), qid or None))
    return tuple(parties)


def _acronym(spelling: str) -> bool:
    letters = [c for c in spelling if c.isalpha()]
    return spelling.upper() == spelling and len(letters) <= 6 and " " not in spelling.strip()


def _compact(key: str) -> str:
    return key.replace(" ", "")


def _strip_partai(key: str) -> str:
    return key.removeprefix("partai ")


class PartyIndex:
    """Party look-ups by any spelling, and a matcher for free text."""

    def __init__(self, parties: Sequence[PartyRef]) -> None:
        self.by_code = {p.code: p for p in parties}
        self._exact: dict[str, set[str]] = {}
        self._fuzzy: dict[str, set[str]] = {}      # names of 5+ letters, without "partai"
        self._near: dict[str, str | None] = {}     # memo of approximate look-ups
        insensitive: set[str] = set()               # "Partai …" names, any case
        sensitive: set[str] = set()                 # other names, as written / Title / CAPS
        for party in parties:
            spellings = [(party.code, False)]
            spellings += [(s, True) for s in (party.short_name, party.full_name, *party.aliases)]
            spellings += [(s, True) for name, _ in spellings for s in _without_partai(name)]
            for spelling, in_text in spellings:      # a bare code such as BURUH is not a spelling
                key = normalize_party_text(spelling)
                stripped = _strip_partai(key)
                keys = {key, _compact(key)}
                if stripped != key and stripped not in _NO_STRIP:
                    keys |= {stripped, _compact(stripped)}
                for k in keys:
                    self._exact.setdefault(k, set()).add(party.code)
                if not _acronym(spelling) and len(_compact(stripped)) >= 5 and stripped not in _NO_STRIP:
                    self._fuzzy.setdefault(stripped, set()).add(party.code)
                if in_text and key not in FREE_TEXT_EXCLUDED:
                    if key.startswith("partai "):
                        insensitive.add(spelling.casefold())
                    else:
                        sensitive |= _text_forms(spelling)
        literal = f"(?i:{trie_pattern(insensitive)})|{trie_pattern(sensitive)}"
        self.pattern = re.compile(rf"(?<!\w)(?:(?P<literal>{literal})|{_GENERIC})(?!\w)")

    @property
    def parties(self) -> tuple[PartyRef, ...]:
        return tuple(self.by_code.values())

    def resolve(self, text: str) -> str | None:
        """The party code for any spelling of a party, or None."""
        key = normalize_party_text(text)
        if not key:
            return None
        for k in (key, _compact(key), _strip_partai(key), _compact(_strip_partai(key))):
            codes = self._exact.get(k)
            if codes:
                return next(iter(codes)) if len(codes) == 1 else None
        query = _strip_partai(key)
        if len(_compact(query)) < 4 or _acronym(text.strip()):
            return None
        if query not in self._near:
            if len(self._near) > 50_000:
                self._near.clear()
            codes = {code for name, found in self._fuzzy.items() if _one_edit(query, name) for code in found}
            self._near[query] = codes.pop() if len(codes) == 1 else None
        return self._near[query]

    def find(self, text: str) -> list[PartyMention]:
        """Every party named in ``text``, in order (see the module docstring)."""
        mentions: list[PartyMention] = []
        pos = 0
        while match := self.pattern.search(text, pos):
            mention = self._literal(text, match) if match.group("literal") else self._generic(match)
            if mention is None:
                pos = match.start() + (len("Partai") if match.group("generic") else len(match.group()))
                continue
            mentions.append(mention)
            pos = mention.end
        return _drop_unlisted(text, mentions)

    def _literal(self, text: str, match: re.Match[str]) -> PartyMention | None:
        found = match.group("literal")
        code = self.resolve(found)
        if code is None:
            return None
        follower = next_word(text, match.end())
        if follower in NOT_BEFORE.get(found.title(), ()):
            return None
        if found.title() in NOT_SENTENCE_INITIAL and is_sentence_initial(text, match.start()):
            return None
        return PartyMention(match.start(), match.end(), found, code)

    def _generic(self, match: re.Match[str]) -> PartyMention | None:
        words = list(re.finditer(r"\S+", match.group("generic")))
        for last in range(len(words) - 1, 0, -1):
            end = words[last].end()
            code = self.resolve(match.group()[:end])
            if code is not None:
                return PartyMention(match.start(), match.start() + end, match.group()[:end], code)
        return None


def _drop_unlisted(text: str, mentions: list[PartyMention]) -> list[PartyMention]:
    """Keep a ``LIST_ONLY`` acronym only next to another mention in a list."""
    kept = []
    for i, m in enumerate(mentions):
        if m.text in LIST_ONLY:
            before = i > 0 and _LIST_GAP.fullmatch(text, mentions[i - 1].end, m.start)
            after = i + 1 < len(mentions) and _LIST_GAP.fullmatch(text, m.end, mentions[i + 1].start)
            if not (before or after):
                continue
        kept.append(m)
    return kept


def _text_forms(spelling: str) -> set[str]:
    """Acronyms only as written; other names also in Title Case and in capitals."""
    if _acronym(spelling):
        return {spelling}
    return {spelling, spelling.title(), spelling.upper()}


def _without_partai(name: str) -> tuple[str, ...]:
    """"Partai Bulan Bintang" → ("Bulan Bintang",): news drops "Partai" from
    names of two words or more."""
    words = name.split()
    return (" ".join(words[1:]),) if len(words) > 2 and words[0] == "Partai" else ()


def _one_edit(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ by exactly one insertion, deletion,
    substitution or swap of two neighbouring characters."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) < len(b):
        return a[i:] == b[i + 1:]
    if a[i + 1:] == b[i + 1:]:
        return True
    swapped = i + 1 < len(a) and a[i] == b[i + 1] and a[i + 1] == b[i]
    return swapped and a[i + 2:] == b[i + 2:]
