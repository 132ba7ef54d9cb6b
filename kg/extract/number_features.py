"""Ballot numbers scored by the learned ``numbers`` model.

The pair rules (:mod:`kg.extract.pairs`) give a pair the ballot number a
phrasing they know puts next to it (``X-Y mendapat nomor urut 1``,
``nomor urut 2, X-Y``). A pair they leave without a number is a candidate
here for every ballot number written in its sentence or a neighbouring one of
its paragraph: :func:`number_candidates` describes a (pair, number) by the
direction and distance between them, the pairs and numbers standing between,
and the words around the number; :func:`learned_numbers` gives each such pair
the number the model scores highest, once per number.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from kg.extract.learned import LogisticModel, _bucket, window_features, words
from kg.extract.lexicon import Lexicon
from kg.extract.mentions import Mentions
from kg.extract.pairs import PairMention, number_rx, parse_number

RULE_ID = "model:numbers"
TRAILS_WORD = re.compile(r"([A-Z][\w'’.]*)[ \t]*[-–—:,]?[ \t]*$")
SKIP_LEAD = {"paslon", "pasangan", "kandidat", "calon", "dengan", "mendapat", "mendapatkan", "memperoleh", "meraih"}
NEARBY = 3          # sentences: a number another pair this close already has is that pair's


def number_mentions(m: Mentions, lex: Lexicon) -> list[tuple[int, int, int, int]]:
    """(start, end, value, sentence index) of every ballot number outside page furniture and law citations
    (``UU Nomor 10 Tahun 2016``)."""
    text = m.doc.text
    laws = [(x.start(), x.end()) for x in re.finditer("|".join(f"(?:{p})" for p in lex.phrases.get("law_citation", ())),
                                                      text, re.IGNORECASE)] if lex.phrases.get("law_citation") else []
    out = []
    for s in m.sentences():
        for x in number_rx(lex).finditer(text, s.start, s.end):
            n = parse_number(x.group(1), lex)
            if n and not any(a <= x.start() < b for a, b in laws):
                out.append((x.start(), x.end(), n, s.index))
    return out


def number_candidates(m: Mentions, pairs: list[PairMention], lex: Lexicon, numbers: list[tuple[int, int, int, int]],
                      every: bool = False) -> Iterator[tuple[PairMention, tuple[int, int, int, int], dict[str, float]]]:
    """(pair, number, features) for each named pair without a number (``every``: each named pair, for
    training) and each ballot number in its sentence or the one before or after, in one paragraph."""
    text = m.doc.text
    doc = m.doc
    spans = sorted((p.start, p.end) for p in pairs)
    for p in pairs:
        # a pair with both names: a lone name waits for a mate or a number the rules give it
        if p.head is None or p.deputy is None or (p.number is not None and not every):
            continue
        for n in numbers:
            start, end, value, sent = n
            ns = doc.sentences[sent]
            if abs(sent - p.sentence.index) > 1 or ns.paragraph != p.sentence.paragraph:
                continue
            before = end <= p.start
            a, b = (end, p.start) if before else (p.end, start)
            if b < a:
                continue           # the number inside the pair's span
            f: dict[str, float] = {"bias_numbers": 1.0, "number_before" if before else "number_after": 1.0}
            f[f"same_sentence={sent == p.sentence.index}"] = 1.0
            f[f"distance={_bucket(b - a, (2, 10, 30, 60, 120, 250))}"] = 1.0
            between_pairs = sum(1 for s, e in spans if a <= s and e <= b)
            f[f"pairs_between={min(between_pairs, 2)}"] = 1.0
            between_numbers = sum(1 for x in numbers if a <= x[0] and x[1] <= b)
            between_names = sum(1 for x in m.names if a <= x.start and x.end <= b)
            f[f"names_between={min(between_names, 2)}"] = 1.0
            if between_names and sent != p.sentence.index:
                f["other_name_first"] = 1.0     # the nearest person named takes a number of another sentence
            trail = TRAILS_WORD.search(text, max(0, start - 40), start)
            if trail is not None and not (p.start <= trail.start() < p.end) and trail.group(1).lower() not in SKIP_LEAD:
                f["other_name_first"] = 1.0     # "SPK-Andre No 3": a number written right after a name is its
            f[f"numbers_between={min(between_numbers, 2)}"] = 1.0
            gap = words(text[a:b])
            if len(gap) <= 6:
                f["gap_seq=" + "_".join(gap)] = 1.0
            for w in gap[:4] + gap[-4:]:
                f[f"gap_w={w}"] = 1.0
            f.update(window_features("num_left", list(reversed(words(text[max(ns.start, start - 40):start]))), 3))
            f.update(window_features("num_right", words(text[end:min(ns.end, end + 30)]), 2))
            if "\n" in text[a:b]:
                f["newline_between"] = 1.0
            if any(q is not p and q.number == value and q.head is not None
                   and abs(q.sentence.index - p.sentence.index) <= NEARBY for q in pairs):
                f["value_given_nearby"] = 1.0
            yield p, n, f


def learned_numbers(m: Mentions, pairs: list[PairMention], lex: Lexicon, model: LogisticModel) -> None:
    """Give pairs without a ballot number the number the model picks (in place); each number once."""
    numbers = number_mentions(m, lex)
    if not numbers:
        return
    scored: list[tuple[float, int, int, PairMention, tuple[int, int, int, int]]] = []
    for k, (p, n, f) in enumerate(number_candidates(m, pairs, lex, numbers)):
        if "value_given_nearby" in f or "other_name_first" in f:
            continue
        prob = model.prob(f)
        if prob >= model.threshold:
            scored.append((prob, -k, id(p), p, n))
    used_pairs: set[int] = set()
    used_numbers: set[tuple[int, int, int, int]] = set()
    given: list[tuple[int, int]] = []           # (value, sentence) given in this pass
    for prob, _k, pid, p, n in sorted(scored, key=lambda x: (-x[0], x[1])):
        if pid in used_pairs or n in used_numbers or \
                any(v == n[2] and abs(i - p.sentence.index) <= NEARBY for v, i in given):
            continue
        p.number, p.cue = n[2], True
        p.rule, p.confidence = f"{p.rule}+{RULE_ID}", round(prob, 3)
        used_pairs.add(pid)
        used_numbers.add(n)
        given.append((n[2], p.sentence.index))


def number_label(value: int, gold_number: Any) -> int:
    try:
        return int(int(gold_number) == value)
    except (TypeError, ValueError):
        return 0
