"""Small text-scanning helpers shared by the region and party matchers.

``trie_pattern`` turns a word list into one regular expression whose
alternation is factored as a character trie: Python's ``re`` tries the
branches of an alternation in order and has no trie optimisation of its own,
so a flat ``a|b|c|…`` over a thousand names would be tried name by name at
every position. A trie keeps the work per position small and, because every
optional tail is greedy, still prefers the longest name ("Lampung Selatan"
over "Lampung") and backs off to a shorter one when the longer does not end on
a word boundary.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

# Separators treated as equal inside names: spaces and the hyphen family.
SEPARATOR_CHARS = "-\u2010\u2011\u2012\u2013\u2014\u2015"
SEPARATOR_PATTERN = r"(?:\s*[" + re.escape(SEPARATOR_CHARS) + r"]\s*|\s+)"

_SENTENCE_END = ".!?\n"
_OPENERS = "\"'“”‘’«»([{"


def trie_pattern(words: Iterable[str], separator: str = SEPARATOR_PATTERN) -> str:
    """Return a regex (no anchors, no groups) that matches any of ``words``.

    A space or hyphen inside a word matches ``separator``; every other
    character matches itself, case-sensitively.

    >>> rx = re.compile(trie_pattern(["Kutai Timur", "Kutai Barat", "Kutai-Kartanegara"]))
    >>> bool(rx.fullmatch("Kutai-Timur")), bool(rx.fullmatch("Kutai Kartanegara"))
    (True, True)
    """
    root: dict[str, dict] = {}  # type: ignore[type-arg]
    for word in words:
        node = root
        for char in _fold_separators(word):
            node = node.setdefault(char, {})
        node[""] = {}
    if not root:
        return "(?!)"
    return _emit(root, separator)


def _fold_separators(word: str) -> str:
    return " ".join(word.translate({ord(c): " " for c in SEPARATOR_CHARS}).split())


def _emit(node: dict[str, dict], separator: str) -> str:  # type: ignore[type-arg]
    branches = []
    for char in sorted(key for key in node if key):
        piece = separator if char == " " else re.escape(char)
        branches.append(piece + _emit(node[char], separator))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:  # a word ends here and longer ones continue: greedy optional tail
        return "(?:" + body + ")?"
    return body


def is_sentence_initial(text: str, start: int) -> bool:
    """True when only spaces and opening quotes/brackets separate ``start`` from
    the beginning of the text, a line break or a sentence-final mark."""
    i = start - 1
    while i >= 0 and (text[i] in _OPENERS or (text[i].isspace() and text[i] != "\n")):
        i -= 1
    return i < 0 or text[i] in _SENTENCE_END


def next_word(text: str, end: int) -> str:
    """The word that follows ``end`` on the same line after spaces only ("" if a
    punctuation mark, a line break or the end of the text comes first)."""
    i = end
    while i < len(text) and text[i] in " \t\u00a0":
        i += 1
    j = i
    while j < len(text) and (text[j].isalnum() or text[j] in "'’-"):
        j += 1
    return text[i:j]


def previous_word(text: str, start: int) -> str:
    """The word before ``start`` on the same line, after spaces only, without a
    trailing full stop ("Jl." gives "Jl"); "" if punctuation comes first."""
    i = start
    while i > 0 and text[i - 1] in " \t\u00a0":
        i -= 1
    if i > 0 and text[i - 1] == "." and i < start:
        i -= 1
    j = i
    while j > 0 and (text[j - 1].isalnum() or text[j - 1] in "'’-"):
        j -= 1
    return text[j:i]
