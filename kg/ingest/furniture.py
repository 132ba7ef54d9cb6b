"""Page furniture: the lines and runs of a copied page that are not the article.

The rules are language data (``data/lexicon/furniture.yaml``), compiled once by
:func:`load_furniture_patterns` into a :class:`Furniture`:

- ``line_prefixes``: a line whose start matches is furniture ("Baca juga:", "Penulis:");
- ``whole_lines``: a line matching one of these entirely is furniture ("Nama *",
  "Facebook Twitter WhatsApp", a date stamp alone);
- ``captions``: a short line ending with a photo credit ("… TEMPO/Wahyu Setiawan"),
  or a line written in capitals that is not the first line of the text;
- ``inline_runs``: a span inside a line ("… kata dia. Baca juga: …" up to the end
  of the line); the sentence splitter cuts at both of its ends.

Nothing is deleted: :func:`kg.ingest.sentences.split_sentences` marks the
sentences inside furniture so that no fact takes its evidence from them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any


from kg.errors import DataError
from kg.extract.lexicon import load_yaml_mapping

_LEAD = re.compile(r"^[\s•·\-–—*>]*")
# a closed quotation: an opening mark, words, a closing mark (no mark between)
_CLOSED_QUOTE = re.compile(r"[“\"«][^“”\"«»\n]{3,}[”\"»]")
# a photo credit is short: it is looked for in the last CREDIT_MAX characters of a line (before its trailing
# spaces and dots), so that a long line of capitals and dots ("A.A.A.…") costs linear time, not quadratic
CREDIT_MAX = 300
_TRAILING = "".join(c for c in map(chr, range(0x3001)) if c.isspace()) + "."      # what [\s.] matches


@dataclass(frozen=True, slots=True)
class Furniture:
    """The compiled furniture rules of one ``furniture.yaml``.

    ``search(line)`` keeps the contract of the single pattern this used to be:
    truthy when the whole ``line`` (first line of a text or not) is furniture.
    """

    prefixes: re.Pattern[str]
    whole: re.Pattern[str] | None = None
    credits: re.Pattern[str] | None = None
    caption_max_words: int = 45
    caps_min_letters: int = 16
    caps_min_ratio: float = 0.9
    caps_skip_first: bool = True
    caps_except: re.Pattern[str] | None = None
    inline: re.Pattern[str] | None = None

    def search(self, line: str) -> bool:
        return self.is_furniture_line(line, first=False)

    def is_furniture_line(self, line: str, *, first: bool) -> bool:
        """Whether ``line`` (one line, without its newline) is furniture; ``first``: the text's first line."""
        lead = _LEAD.match(line)       # always matches (at least the empty string)
        body = line[lead.end() if lead else 0:].rstrip()
        if not body:
            return False
        if self.prefixes.match(body) or (self.whole is not None and self.whole.fullmatch(body)):
            return True
        if self.credits is not None and len(body.split()) <= self.caption_max_words \
                and self._credit(body) and self._credit_after_quote(body) is None:
            return True
        return not (first and self.caps_skip_first) and self._all_caps(body)

    def _all_caps(self, body: str) -> bool:
        letters = [c for c in body if c.isalpha()]
        if len(letters) < self.caps_min_letters or (self.caps_except is not None and self.caps_except.search(body)):
            return False
        return sum(1 for c in letters if c.isupper()) >= self.caps_min_ratio * len(letters)

    def _credit(self, body: str) -> re.Match[str] | None:
        """The photo credit that ends ``body`` (followed by nothing but spaces and dots), if any."""
        if self.credits is None:
            return None
        end = len(body.rstrip(_TRAILING))
        return self.credits.search(body, max(0, end - CREDIT_MAX))

    def _credit_after_quote(self, body: str) -> re.Match[str] | None:
        """The credit suffix of a paragraph that holds a closed quotation before it ('“…,” sambungnya.
        (Ed/Red)'): the editor's initials, not a caption; only the bracket is furniture."""
        c = self._credit(body)
        if c is None or not _CLOSED_QUOTE.search(body, 0, c.start()):
            return None
        return c

    def inline_runs(self, line: str) -> list[tuple[int, int]]:
        """Spans of furniture inside ``line`` (offsets into it), trimmed of spaces."""
        out = []
        credit = self._credit_after_quote(line)
        if credit is not None:
            a, b = credit.start(), credit.end()
            while b > a and (line[b - 1].isspace() or line[b - 1] == "."):
                b -= 1
            while a < b and line[a].isspace():
                a += 1
            if b > a > 0:
                out.append((a, b))
        if self.inline is None:
            return out
        for m in self.inline.finditer(line):
            a, b = m.start(), m.end()
            while a < b and line[a].isspace():
                a += 1
            while b > a and line[b - 1].isspace():
                b -= 1
            if b > a and a > 0:
                out.append((a, b))
        return out


def _patterns(data: dict[str, Any], key: str, path: Path, *, required: bool = False,
              section: str | None = None) -> list[str]:
    values = data.get(key)
    section = section or key
    if values is None and not required:
        return []
    if not isinstance(values, list):
        raise DataError(f"section {section!r} must be a list of patterns", culprit=str(path))
    for i, p in enumerate(values):
        if not isinstance(p, str) or not p.strip():
            raise DataError(f"section {section!r}: entry {i} ({p!r}) is not a non-empty string (quote it)",
                            culprit=str(path))
        try:
            re.compile(p)
        except re.error as err:
            raise DataError(f"section {section!r}: entry {i} ({p!r}) is not a valid pattern: {err}",
                            culprit=str(path)) from None
    return values


def _number(data: dict[str, Any], key: str, default: float, path: Path, section: str) -> float:
    value = data.get(key, default)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise DataError(f"section {section!r}: {key} ({value!r}) must be a non-negative number",
                        culprit=str(path))
    return value


def _alternation(patterns: list[str]) -> str:
    return "|".join(f"(?:{p})" for p in patterns)


@lru_cache(maxsize=4)
def load_furniture_patterns(path: Path) -> Furniture:
    """Load and compile ``furniture.yaml``; a bad file raises DataError naming the section and entry."""
    path = Path(path)
    data = load_yaml_mapping(path)
    flags = re.IGNORECASE
    prefixes = _patterns(data, "line_prefixes", path, required=True)
    whole = _patterns(data, "whole_lines", path)
    inline = _patterns(data, "inline_runs", path)
    captions = data.get("captions") or {}
    if not isinstance(captions, dict):
        raise DataError("section 'captions' must be a mapping", culprit=str(path))
    credits = _patterns(captions, "credit_suffixes", path, section="captions.credit_suffixes")
    caps = captions.get("all_caps") or {}
    if not isinstance(caps, dict):
        raise DataError("section 'captions.all_caps' must be a mapping", culprit=str(path))
    caps_except = _patterns(caps, "except", path, section="captions.all_caps.except")
    return Furniture(
        prefixes=re.compile(r"(?:" + _alternation(prefixes) + ")", flags),
        whole=re.compile(r"(?:" + _alternation(whole) + ")", flags) if whole else None,
        credits=re.compile(r"(?:" + _alternation(credits) + r")[\s.]*$", flags) if credits else None,
        caption_max_words=int(_number(captions, "max_words", 45, path, "captions")),
        caps_min_letters=int(_number(caps, "min_letters", 16, path, "captions.all_caps")) if caps else 10**9,
        caps_min_ratio=float(_number(caps, "min_upper_ratio", 0.9, path, "captions.all_caps")),
        caps_skip_first=bool(caps.get("skip_first_line", True)),
        caps_except=re.compile(_alternation(caps_except), flags) if caps_except else None,
        inline=re.compile(_alternation(inline), flags | re.MULTILINE) if inline else None,
    )
