"""Candidate pairs scored by the learned ``pairs`` model.

The pair rules (:mod:`kg.extract.pairs`) join two neighbouring names when a
phrasing they know joins them. Every other two neighbouring names of a
sentence is a candidate here: :func:`pair_features` describes it by the
words, marks and mentions between and around the two names, and the model
(:mod:`kg.extract.learned`) says how likely they are a ticket's head and
running mate. :func:`learned_pairs` proposes the candidates it accepts, with
the model's probability as their confidence.
"""
from __future__ import annotations

from typing import Any

from kg.extract.learned import LogisticModel, _bucket, in_quote, line_start, name_shape, window_features, words
from kg.extract.lexicon import Lexicon
from kg.extract.mentions import Mentions
from kg.extract.names import NameSpan
from kg.extract.pairs import PairMention, _about_candidates, _masked, gap_kind, number_rx, phrase
from kg.model import Sentence

RULE_ID = "model:pairs"


def _title_before(m: Mentions, pos: int) -> Any:
    return next((t for t in m.titles if 0 <= pos - t.end <= 3), None)


def pair_features(m: Mentions, s: Sentence, names: list[NameSpan], i: int, lex: Lexicon) -> dict[str, float]:
    """Features of names[i] and names[i + 1] of sentence ``s`` as a candidate pair."""
    text = m.doc.text
    a, b = names[i], names[i + 1]
    raw = text[a.end:b.start]
    f: dict[str, float] = {"bias_pairs": 1.0}
    kind = gap_kind(m, a, b, lex) if len(raw) <= 90 and "\n" not in raw else None
    f[f"gap_kind={kind or 'none'}"] = 1.0
    gap = words(_masked(m, a.end, b.start).replace("§", " MENTION "))
    f[f"gap_len={_bucket(len(gap), (0, 1, 2, 4, 8, 16))}"] = 1.0
    for w in gap[:8]:
        f[f"gap_w={w}"] = 1.0
    if len(gap) <= 3:
        f["gap_seq=" + "_".join(gap)] = 1.0
    if "\n" in raw:
        f["gap_newline"] = 1.0
    lead = text[max(s.start, a.start - 80):a.start]
    f.update(window_features("left", list(reversed(words(lead))), 6))
    tail = text[b.end:min(s.end, b.end + 60)]
    f.update(window_features("right", words(tail), 5))
    if phrase(lex, "pair_words").search(text, s.start, a.start):
        f["pair_word_before"] = 1.0
    if phrase(lex, "pair_words").search(text, b.end, s.end):
        f["pair_word_after"] = 1.0
    if number_rx(lex).search(text, max(s.start, a.start - 60), a.start):
        f["ballot_before"] = 1.0
    if number_rx(lex).search(text, b.end, min(s.end, b.end + 50)):
        f["ballot_after"] = 1.0
    if lex.rx("candidate").search(text, s.start, a.start):
        f["candidate_word_before"] = 1.0
    for prefix, n in (("a", a), ("b", b)):
        t = _title_before(m, n.start)
        if t is not None:
            f[f"{prefix}_title={t.rule.title}"] = 1.0
            f[f"{prefix}_title_candidacy={t.candidacy}"] = 1.0
            if t.qualifier:
                f[f"{prefix}_title_acting"] = 1.0
        f.update(name_shape(prefix, n.name.name))
        if n.name.honorifics:
            f[f"{prefix}_honorific"] = 1.0
    for t in m.titles:
        if s.start <= t.start and t.end <= a.start and a.start - t.end > 3:
            f[f"left_title={t.rule.title}|{'candidacy' if t.candidacy else 'post'}"] = 1.0
        elif b.end <= t.start < s.end:
            f[f"right_title={t.rule.title}|{'candidacy' if t.candidacy else 'post'}"] = 1.0
    if number_rx(lex).search(text, s.start, s.end):
        f["ballot_in_sentence"] = 1.0
    if phrase(lex, "elected_words").search(text, s.start, s.end):
        f["elected_word_in_sentence"] = 1.0
    parties = sum(1 for p in m.parties if s.start <= p.start < s.end)
    f[f"parties_in_sentence={min(parties, 3)}"] = 1.0
    f[f"names_in_sentence={_bucket(len(names), (2, 3, 4, 6))}"] = 1.0
    if i == 0:
        f["first_in_sentence"] = 1.0
    ls = line_start(text, a.start)
    if not text[ls:a.start].strip(" \t•·▪◦‣●○■□*–—-0123456789.)"):
        f["a_line_start"] = 1.0
    para = text.rfind("\n", 0, s.start) + 1
    if in_quote(text, para, a.start):
        f["in_quote"] = 1.0
    if any(s.start <= x.start() < s.end for x in lex.rx("trigger").finditer(text, s.start, s.end)):
        f["trigger_in_sentence"] = 1.0
    return f


def speaks_of_candidates(m: Mentions, s: Sentence, lex: Lexicon) -> bool:
    """Where the model may join names: a sentence (or the one before it) that speaks of candidates, contests,
    ballot numbers or backing parties."""
    return _about_candidates(m, s, lex) or _trigger_near(m, s, lex) or _candidates_before(m, s, lex)


def _trigger_near(m: Mentions, s: Sentence, lex: Lexicon) -> bool:
    return lex.rx("trigger").search(m.doc.text, s.start, s.end) is not None


def _candidates_before(m: Mentions, s: Sentence, lex: Lexicon) -> bool:
    """The sentence before, in the same paragraph or the line above a list item, speaks of candidates."""
    k = s.index - 1
    while k >= 0 and m.doc.sentences[k].furniture:
        k -= 1
    before = m.doc.sentences[k] if k >= 0 else None
    return before is not None and s.paragraph - before.paragraph <= 1 and _about_candidates(m, before, lex)


def learned_pairs(m: Mentions, s: Sentence, names: list[NameSpan], used: set[int], lex: Lexicon,
                  model: LogisticModel, ruled: list[PairMention] = ()) -> list[PairMention]:  # type: ignore[assignment]
    """Pairs of neighbouring names the rules left apart that the model accepts. The rules' own pairs of two
    neighbouring names (``ruled``) get the model's probability as their confidence."""
    index = {id(n): i for i, n in enumerate(names)}
    for p in ruled:
        i = index.get(id(p.head), -1)
        if p.confidence is None and i >= 0 and i + 1 < len(names) and names[i + 1] is p.deputy:
            p.confidence = round(model.prob(pair_features(m, s, names, i, lex)), 3)
    out: list[PairMention] = []
    if not any(i not in used and i + 1 not in used for i in range(len(names) - 1)):
        return out
    if phrase(lex, "not_pair").search(m.doc.text, s.start, s.end):
        return out          # "pasangan suami istri": the language data says these are no candidate pairs
    if not speaks_of_candidates(m, s, lex):
        return out
    taken = set(used)
    for i in range(len(names) - 1):
        if i in taken or i + 1 in taken or names[i].name.name == names[i + 1].name.name:
            continue
        p = model.prob(pair_features(m, s, names, i, lex))
        if p >= model.threshold:
            a, b = names[i], names[i + 1]
            out.append(PairMention(a.start, b.end, a, b, s, cue=True, rule=RULE_ID, confidence=round(p, 3)))
            taken.update({i, i + 1})
    return out
