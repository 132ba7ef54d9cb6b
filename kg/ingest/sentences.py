"""Split an article into sentences whose offsets point into the untouched text.

Paragraphs are lines (copied news pages put one paragraph per line); within a
paragraph a sentence ends at ``.``, ``!`` or ``?`` followed by a space and a
capital, a digit or a quote mark, except after honorifics, initials and
abbreviations (``H.``, ``Dr.``, ``S.E.``, ``No.``) and abbreviated given names
(``Moh.``, ``LM.``: ``abbreviations`` and ``given_abbreviations`` of
``data/lexicon/honorifics.yaml``, matched without regard to case). Lines that are page
furniture (see ``data/lexicon/furniture.yaml`` and :mod:`kg.ingest.furniture`)
are marked so that no fact takes its evidence from them; a furniture run inside
a line ("… kata dia. Baca juga: …") becomes sentences of its own, marked too.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from kg.errors import DataError
from kg.ingest.furniture import Furniture, load_furniture_patterns
from kg.model import Sentence

__all__ = ["Furniture", "load_abbreviations", "load_furniture_patterns", "split_sentences"]

# Tokens after which a full stop does not end a sentence (lower-cased, without the dot).
ABBREVIATIONS = frozenset("""
h hj dr drs dra ir prof kh st se sh mh si msi mm mpd spd ssos sip mt mkes ak mba ma sag shi skm sp
no nomor jl jln kab kec kel prov tgl dkk dll dsb yth bpk sdr ust tgk mr mrs ny tn pol kol let jend
""".split())

# possessive runs, and no start inside a run of marks (where a match cannot start unless the run's first mark
# starts one): linear on a line of 60,000 dots (was quadratic: 69 s)
_BOUNDARY = re.compile(r"""(?<![.!?])[.!?]++["'”’)]*+\s++(?=["“‘'(]?[A-Z0-9])""")
_WORD_BEFORE = re.compile(r"([A-Za-z]+)\.?$")


@lru_cache(maxsize=4)
def load_abbreviations(path: Path | None = None) -> frozenset[str]:
    """The short forms of ``honorifics.yaml`` after which a full stop does not end a sentence."""
    if path is None:
        from kg.resources import Resources
        path = Resources.default().lexicon / "honorifics.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        words = list(data.get("abbreviations") or []) + list(data.get("given_abbreviations") or [])
    except (OSError, yaml.YAMLError) as err:
        raise DataError(f"cannot load abbreviations ({err})", culprit=str(path)) from None
    return ABBREVIATIONS | frozenset(str(w).replace(".", "").lower() for w in words)


def _is_abbreviation(text: str, dot: int) -> bool:
    """Whether the full stop at ``dot`` closes an abbreviation or an initial."""
    m = _WORD_BEFORE.search(text, max(0, dot - 12), dot)
    if not m:
        return False
    word = m.group(1)
    if len(word) == 1 and word.isupper():
        return True                       # an initial: "M. Agus", "H. Kamruddin"
    return word.lower() in load_abbreviations()


def _line_is_furniture(furniture: Furniture | re.Pattern[str] | None, body: str, first: bool) -> bool:
    if furniture is None:
        return False
    if isinstance(furniture, Furniture):
        return furniture.is_furniture_line(body, first=first)
    return bool(furniture.search(body))


def split_sentences(text: str, furniture: Furniture | re.Pattern[str] | None = None) -> tuple[Sentence, ...]:
    """Split ``text`` into sentences; ``text[s.start:s.end]`` is each sentence, trimmed.

    ``furniture`` (from :func:`load_furniture_patterns`, or a plain pattern searched in
    each line) marks furniture lines and runs; their sentences have ``furniture=True``.
    """
    out: list[Sentence] = []
    pos = 0
    first = True
    for para, line in enumerate(text.splitlines(keepends=True)):
        line_start, pos = pos, pos + len(line)
        body = line.rstrip("\r\n")
        if not body.strip():
            continue
        is_furniture = _line_is_furniture(furniture, body, first)
        first = False
        runs = [] if is_furniture or not isinstance(furniture, Furniture) else furniture.inline_runs(body)
        cuts = {a for r in runs for a in r}
        starts = [0]
        for m in _BOUNDARY.finditer(body):
            if any(a < m.end() <= b for a, b in runs):
                continue                  # inside a furniture run: it is one sentence
            if body[m.start()] == "." and _is_abbreviation(body, m.start()):
                continue
            if body[starts[-1]:m.start()].strip(" -*").isdigit():
                continue                  # a list number such as "2. Nomor urut 2"
            starts.append(m.end())
        starts = sorted(set(starts) | cuts | {len(body)})
        for a, b in zip(starts, starts[1:]):
            seg = body[a:b]
            lead = len(seg) - len(seg.lstrip())
            trail = len(seg.rstrip())
            if trail > lead:
                in_run = any(ra <= a + lead < rb for ra, rb in runs)
                out.append(Sentence(index=len(out), start=line_start + a + lead, end=line_start + a + trail,
                                    paragraph=para, furniture=is_furniture or in_run))
    return tuple(out)
