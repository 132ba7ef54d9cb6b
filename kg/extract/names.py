"""Person names in Indonesian news text: find them, split honorifics and degrees off.

A name is a run of capitalised words (``Kasmidi Bulang``), initials
(``M Agus``, ``Joko B Purnomo``) and short all-capital parts (``Sabar AS``)
on one line, cut at words that are never names (titles, institutions, days,
months: ``data/lexicon/names.yaml``) and at any span the caller masks
(regions, parties, titles). Honorifics before (``H.``, ``Dr.``) and degrees
after (``, S.E., M.Si.``) are kept apart as data.
"""
from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass

from kg.extract.lexicon import Lexicon
from kg.model import PersonName

# Letters of names: ASCII and the Latin letters with diacritics some names carry (Nias "Haogösökhi", "André").
UPPER = "A-ZÀ-ÖØ-Þ"
LETTER = "A-Za-zÀ-ÖØ-öø-ÿĀ-ſ"
# A word as a name part: capitalised (Ardiansyah, O'Brien), an initial (M, M.), or all caps (AS).
_WORD = re.compile(rf"[{UPPER}][{LETTER}'’]*\.?|[{UPPER}]\.")
# a two-letter Arabic article joined by a hyphen is part of the word ("Al-Fadhiliyah", "As-Sayuti"),
# unlike the hyphen between the two names of a pair ("Budi-Rina")
_TOKEN = re.compile(rf"(?:\b[A-Z][a-z]-(?=[A-Z][a-z]))?[{LETTER}][{LETTER}'’]*\.?")


@dataclass(frozen=True, slots=True)
class NameSpan:
    start: int
    end: int
    raw: str
    name: PersonName


def _fold(token: str) -> str:
    return token.replace(".", "").lower()


GLUED_HONORIFIC = re.compile(rf"\b([{UPPER}][{LETTER}]{{0,3}})\.(?=[{UPPER}][{LETTER}])")


def normalize_person_name(raw: str, lex: Lexicon) -> PersonName:
    """Split honorifics and degrees off a name as written; idempotent on the bare name.

    ``"H. Ahmad Fauzi, S.E., M.Si."`` → ``PersonName("Ahmad Fauzi", ("H.", "S.E.", "M.Si."))``.
    Stripping one part may expose another (``"X SE-"`` → ``"X SE"`` → ``"X"``): repeated to a fixed point.
    """
    person = _normalize_once(raw, lex)
    for _ in range(8):
        again = _normalize_once(person.name, lex)
        if again.name == person.name:
            break
        person = PersonName(name=again.name, honorifics=person.honorifics + again.honorifics)
    return person


def _normalize_once(raw: str, lex: Lexicon) -> PersonName:
    text = " ".join(raw.replace("\u00a0", " ").split())
    # an honorific glued to the name by its full stop: "Dr.Heri", "H.Supratman"
    text = GLUED_HONORIFIC.sub(lambda x: x.group(0) + " " if _fold(x.group(1)) in lex.prefixes else x.group(0), text)
    honorifics: list[str] = []
    # degrees after a comma: "Nama, S.E., M.Si." (also "Nama, SE, MA")
    head, _, tail = text.partition(",")
    if tail:
        parts = [p.strip() for p in re.split(r"[,\s]+", tail) if p.strip()]
        if parts and all(_fold(p) in lex.degrees or re.fullmatch(r"[A-Z][A-Za-z.]{0,6}", p) for p in parts):
            honorifics += parts
            text = head.strip()
    tokens = text.split()
    while tokens and _fold(tokens[0]) in lex.prefixes and len(tokens) > 1:
        honorifics.append(tokens.pop(0))
    while len(tokens) > 1 and (_fold(tokens[-1]) in lex.degrees and (
            tokens[-1].isupper() or "." in tokens[-1] or sum(c.isupper() for c in tokens[-1]) >= 2)):
        honorifics.append(tokens.pop())
    # initials and abbreviated given names lose their dot: "M. Agus" → "M Agus", "Moh. Ali" → "Moh Ali"
    name = " ".join(t for t in (t.rstrip(".") for t in tokens) if t)
    name = name.strip(" .,-")
    return PersonName(name=name, honorifics=tuple(honorifics))


def is_name_word(token: str, lex: Lexicon) -> bool:
    bare = token.rstrip(".")
    if not bare or not bare[0].isupper():
        return False
    if bare in lex.not_name or bare.capitalize() in lex.not_name or bare.lower() in lex.function_words:
        return False
    if "." in bare and bare.replace(".", "").lower() in lex.degrees:
        return False        # a dotted degree ("S.Pd", "M.Si") is never a name word
    forms = lex.compiled.get("phrase:not_name_forms")
    return not (forms is not None and forms.fullmatch(bare))


def _after_unit(text: str, pos: int, lex: Lexicon) -> bool:
    """Whether ``pos`` follows a unit word and its number: "Korem 132 |Tadulako"."""
    rx = lex.compiled.get("names:after_unit")
    units = lex.compiled.get("phrase:numbered_unit_forms")
    if rx is None and units is not None:
        rx = lex.compiled["names:after_unit"] = re.compile(r"(?:" + units.pattern + r")\s+\d+\s+$", re.IGNORECASE)
    return rx is not None and bool(rx.search(text, max(0, pos - 40), pos))


def _speech_word_in_name(text: str, tok: str, after: int, end: int, lex: Lexicon) -> bool:
    """A capitalised speech verb (``Yakin``, ``Janji``) right after a name word closes that name when
    a dash, comma, bracket or the line's end follows it: the verb's own use stands before a name
    (``", Tegas Budi``) or begins a clause (``Budi Yakin menang``)."""
    if not tok[:1].isupper() or tok.lower() not in lex.function_words or tok.lower() != tok.rstrip(".").lower():
        return False
    if tok.lower() not in lex.after_quote:
        return False
    return bool(re.match(r"[ \t]*(?:[-–—,;()/\n]|$)", text[after:end] or ""))


_SENTENCE_OPEN = re.compile(r"(?:^|[.!?]\s+|\n\s*)$")
_NEXT_WORD = re.compile(rf" ([{UPPER}][{LETTER}'’]*)")


def _name_opener(text: str, tok: re.Match[str], lex: Lexicon) -> bool:
    """A capitalised everyday word that also opens names (``name_opener_forms``: "Lalu"), inside a sentence
    and followed by a name word."""
    forms = lex.compiled.get("phrase:name_opener_forms")
    word = tok.group(0)
    if forms is None or not word[:1].isupper() or not forms.fullmatch(word):
        return False
    if _SENTENCE_OPEN.search(text[max(0, tok.start() - 3):tok.start()]) or \
            re.search(r"[\"“”'‘’(]\s*$", text[max(0, tok.start() - 2):tok.start()]):
        return False
    nxt = _NEXT_WORD.match(text, tok.end())
    return nxt is not None and is_name_word(nxt.group(1), lex)
_DEMONSTRATIVE = re.compile(r"\s+(?:ini|itu|tersebut)\b")


def _noun_with_demonstrative(text: str, s: int, e: int) -> bool:
    """One capitalised word opening a sentence, then ``ini|itu|tersebut``: a common noun capitalised
    by its place (``Momentum ini``, ``Kegiatan tersebut``)."""
    return bool(_DEMONSTRATIVE.match(text, e)) and bool(_SENTENCE_OPEN.search(text[max(0, s - 3):s])) \
        and text[s:e].istitle()


class MaskIndex:
    """Masked spans ready for :func:`find_names`: built once per article, not once per sentence."""

    def __init__(self, masked: list[tuple[int, int]]) -> None:
        masked = sorted(masked)
        self.starts = [a for a, _ in masked]
        self.reach = list(itertools.accumulate((b for _, b in masked), max))  # furthest end among spans so far

    def __contains__(self, pos: int) -> bool:
        i = bisect.bisect_right(self.starts, pos) - 1
        return i >= 0 and pos < self.reach[i]


def find_names(text: str, start: int, end: int, lex: Lexicon,
               masked: list[tuple[int, int]] | MaskIndex | None = None) -> list[NameSpan]:
    """Every capitalised name run in ``text[start:end]``, outside the masked spans."""
    index = masked if isinstance(masked, MaskIndex) else MaskIndex(masked or [])

    def in_mask(pos: int) -> bool:
        return pos in index
    out: list[NameSpan] = []
    run: list[re.Match[str]] = []

    def flush() -> None:
        if not run:
            return
        # drop leading honorifics-only and trailing degree-only runs
        s, e = run[0].start(), run[-1].end()
        if _after_unit(text, s, lex):     # a unit's name: "Korem 132 Tadulako", "Korem 031 Wirabima Edy Natar"
            run.pop(0)
            if not run:
                return
            s = run[0].start()
        if all(_fold(r.group(0)) in lex.prefixes for r in run):
            run.clear()                   # honorifics alone ("Tgh." before a non-name word) are no name
            return
        if len(run) == 1 and _noun_with_demonstrative(text, s, e):
            run.clear()                   # "Momentum ini sebagai …": a sentence-initial noun, not a person
            return
        raw = text[s:e].rstrip(".")
        name = normalize_person_name(raw, lex)
        words = name.name.split()
        if words and any(len(w) > 1 and not w.isupper() or len(w) > 2 for w in words):
            # start the span at the first word of the bare name
            offset = text.find(words[0], s, e)
            out.append(NameSpan(offset if offset >= 0 else s, s + len(raw), raw, name))
        run.clear()

    pos = start
    for m in _TOKEN.finditer(text, start, end):
        tok = m.group(0)
        gap = text[pos:m.start()]
        inside_mask = in_mask(m.start())
        ok = not inside_mask and (is_name_word(tok, lex) or _fold(tok) in lex.prefixes and tok[0].isupper())
        if not ok and not inside_mask and not run and _name_opener(text, m, lex):
            ok = True                     # "…, Lalu Budi Santoso, …": an everyday word that opens a name
        if not ok and not inside_mask and run and gap == " " and _speech_word_in_name(text, tok, m.end(), end, lex):
            ok = True                     # "Cecep Nurul Yakin – …": a speech verb as the last part of a name
        if run and (gap not in (" ", "") or "\n" in gap):
            # a comma followed by degrees continues the name: "Nama, S.E., M.Si."
            if not (gap.strip() in {",", ".,", "."} and ok and _fold(tok) in lex.degrees):
                flush()
        if ok:
            run.append(m)
        else:
            flush()
        pos = m.end()
    flush()
    return out


def name_tokens(name: str) -> list[str]:
    return [t.lower() for t in re.findall(rf"[{LETTER}][{LETTER}'’]*", name)]


def same_person(short: str, full: str) -> bool:
    """Whether ``short`` can refer to ``full``: all of its name tokens appear in ``full``."""
    a = [t for t in name_tokens(short) if len(t) > 1]
    b = set(name_tokens(full))
    return bool(a) and all(t in b for t in a)
