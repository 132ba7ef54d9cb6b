"""Ticket–party links scored by the learned ``parties`` model.

The coalition rules (:mod:`kg.extract.coalitions`) give a party list to a pair
when a phrasing they know links them. Every other party mention of the
article is a candidate for every ticket: :func:`party_candidates` describes a
(ticket, party mention) by where the ticket is mentioned around the party
(same sentence, the ticket named last before it, another ticket between), the
words before and after the party, triggers, quotes and the layout.
:func:`learned_backings` gives each party mention to the ticket the model
scores highest, when that score passes the model's threshold and no other
ticket of the contest already has the party.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from kg.extract.learned import LogisticModel, _bucket, in_quote, window_features, words
from kg.extract.lexicon import Lexicon
from kg.extract.mentions import Mentions
from kg.model import Backing, TicketClaim

RULE_ID = "model:parties"
# words before a party that make it a person's post or membership, not a backing
AFFILIATION_BEFORE = re.compile(r"\b(?:ketua|wakil\s+ketua|sekretaris|bendahara|kader|politisi|politikus|anggota|"
                                r"fraksi|dpw|dpd|dpc|dpp|pimda|pimpinan|dari)\s+(?:umum\s+|harian\s+)?"
                                r"(?:(?:dpw|dpd|dpc|dpp|pimda)\s+)?(?:partai\s+)?$", re.IGNORECASE)


def _forms(ticket: TicketClaim) -> set[str]:
    """How the ticket's candidates may be named: their names and last names."""
    forms = set()
    for person in (ticket.head, ticket.deputy):
        if person is None:
            continue
        forms.add(person.name)
        tokens = person.name.split()
        if len(tokens) >= 2 and len(tokens[-1]) >= 4:
            forms.add(tokens[-1])
    return forms


def _positions(text: str, tickets: tuple[TicketClaim, ...] | list[TicketClaim]) -> list[list[int]]:
    """Where each ticket is named (its evidence, its candidates' names and last names), in one pass."""
    forms = [_forms(t) for t in tickets]
    every = sorted({f for fs in forms for f in fs}, key=len, reverse=True)
    found: dict[str, list[int]] = {}
    if every:
        rx = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(f) for f in every) + r")(?!\w)")
        for x in rx.finditer(text):
            found.setdefault(x.group(0), []).append(x.start())
    return [sorted({t.evidence.start} | {p for f in fs for p in found.get(f, ())}) for t, fs in zip(tickets, forms)]


def party_candidates(m: Mentions, tickets: tuple[TicketClaim, ...] | list[TicketClaim], lex: Lexicon,
                     linked: bool = False) -> Iterator[tuple[TicketClaim, Any, dict[str, float]]]:
    """(ticket, party mention, features) for every party mention not already backing that ticket (with
    ``linked``, for training: every party mention)."""
    if not tickets or not m.parties:
        return
    text = m.doc.text
    doc = m.doc
    where = _positions(text, tickets)
    allpos = sorted((p, k) for k, ps in enumerate(where) for p in ps)
    keys = [p for p, _ in allpos]
    n_tickets = f"tickets={_bucket(len(tickets), (1, 2, 3, 5))}"
    for pm in m.parties:
        s = doc.sentence_at(pm.start)
        if s is None or s.furniture:
            continue
        i = bisect.bisect_left(keys, pm.start)
        last_before = allpos[i - 1][1] if i > 0 else None
        first_after = allpos[i][1] if i < len(allpos) else None
        in_sentence = sum(1 for p in m.parties if s.start <= p.start < s.end)
        left = list(reversed(words(text[max(s.start, pm.start - 60):pm.start])))
        right = words(text[pm.end:min(s.end, pm.end + 40)])
        para = text.rfind("\n", 0, pm.start) + 1
        quoted = in_quote(text, para, pm.start)
        trigger_before = lex.rx("trigger").search(text, max(s.start, pm.start - 80), pm.start) is not None
        affiliation = bool(AFFILIATION_BEFORE.search(text, max(s.start, pm.start - 30), pm.start)) or \
            any(0 <= n.start - pm.end <= 25 and re.fullmatch(r"[\s\w().,]*", text[pm.end:n.start])
                and not lex.rx("trigger").search(text, pm.end, n.start) for n in m.names)
        for k, t in enumerate(tickets):
            own = any(b.party == pm.code for b in t.backings)
            if own and not linked:
                continue
            f: dict[str, float] = {"bias_parties": 1.0, n_tickets: 1.0}
            before = [p for p in where[k] if p < pm.start]
            after = [p for p in where[k] if p >= pm.end]
            near = [doc.sentence_at(x) for x in (before[-1:] + after[:1])]
            if not any(x is not None and abs(x.paragraph - s.paragraph) <= 2 for x in near):
                f["far"] = 1.0          # the ticket is named more than two paragraphs away
            if before:
                sb = doc.sentence_at(before[-1])
                gap = s.index - (sb.index if sb else s.index)
                f[f"before_sent={_bucket(gap, (0, 1, 2, 4))}"] = 1.0
                f[f"before_chars={_bucket(pm.start - before[-1], (40, 100, 200, 400, 800))}"] = 1.0
                if any(before[-1] < p < pm.start for p, kk in allpos if kk != k):
                    f["other_between_before"] = 1.0
                if sb is not None and sb.paragraph == s.paragraph:
                    f["same_paragraph_before"] = 1.0
            else:
                f["never_before"] = 1.0
            if after:
                sa = doc.sentence_at(after[0])
                gap = (sa.index if sa else s.index) - s.index
                f[f"after_sent={_bucket(gap, (0, 1, 2, 4))}"] = 1.0
                if any(pm.end <= p < after[0] for p, kk in allpos if kk != k):
                    f["other_between_after"] = 1.0
            else:
                f["never_after"] = 1.0
            if last_before == k:
                f["named_last_before"] = 1.0
            if first_after == k:
                f["named_first_after"] = 1.0
            if last_before == k and trigger_before:
                f["named_last_before_trigger"] = 1.0
            f.update(window_features("left", left, 4))
            f.update(window_features("right", right, 3))
            f[f"parties_in_sentence={_bucket(in_sentence, (1, 2, 4))}"] = 1.0
            if quoted:
                f["in_quote"] = 1.0
            if trigger_before:
                f["trigger_before"] = 1.0
            if affiliation:
                f["affiliation"] = 1.0      # "Ketua DPD Partai X Budi", "Budi dari PKS": a person's own party
            if not own and any(b.party == pm.code for o in tickets if o is not t and o.election == t.election
                               for b in o.backings):
                f["party_backs_other_ticket"] = 1.0
            yield t, pm, f


def learned_backings(m: Mentions, tickets: list[TicketClaim], lex: Lexicon,
                     model: LogisticModel) -> list[TicketClaim]:
    """The tickets with the party mentions the model gives them added to their backings."""
    best: dict[int, tuple[float, int, Any]] = {}
    index = {id(t): k for k, t in enumerate(tickets)}
    # a party mention the rules gave to a ticket backs that ticket only
    linked = [(b.evidence.start, b.evidence.end) for t in tickets for b in t.backings]
    for t, pm, f in party_candidates(m, tickets, lex):
        if "party_backs_other_ticket" in f or "affiliation" in f or "far" in f or any(a <= pm.start < e for a, e in linked):
            continue
        p = model.prob(f)
        key = id(pm)
        if p >= model.threshold and (key not in best or p > best[key][0]):
            best[key] = (p, index[id(t)], pm)
    added: dict[int, list[Backing]] = {}
    for p, k, pm in sorted(best.values(), key=lambda x: (x[2].start, x[1])):
        if any(b.party == pm.code for b in (*tickets[k].backings, *added.get(k, ()))):
            continue
        role = "pendukung" if re.search(r"dukung", m.doc.text[max(0, pm.start - 40):pm.start], re.IGNORECASE) \
            else "pengusung"
        added.setdefault(k, []).append(Backing(party=pm.code, role=role, evidence=m.doc.evidence(pm.start, pm.end),
                                               rule=RULE_ID, confidence=round(p, 3)))
    return [replace(t, backings=t.backings + tuple(added.get(k, ()))) if k in added else t
            for k, t in enumerate(tickets)]
