"""Direct quotes and who said them.

A quote is text between double quote marks (typographic or straight); an
unclosed quote runs on into the next lines until it closes (multi-paragraph
quotes). The speaker is found, in this order: after the quote (``"…," kata
X``, ``"…," ujar Ketua KPU X``), a pronoun form (``tegasnya``, ``ujarnya``:
the current speaker), before it in the paragraph (``X mengatakan, "…"``,
``Menurut X, "…"``), or the speaker of the paragraph just before (``X
menjelaskan bahwa …`` then a quote standing alone).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from kg.extract.lexicon import Lexicon
from kg.extract.mentions import Mentions
from kg.extract.names import NameSpan
from kg.model import PersonName, StatementClaim

OPEN = "“\"„«"
CLOSE = "”\"»"
STOP_CLAUSE = re.compile(r"\b(?:didampingi|bersama|di\s+hadapan|saat|ketika|dalam|di\s+sela|usai|seusai|kepada|"
                         r"pada|di\s+ruang|di\s+gedung|di\s+kantor|dihadapan)\b", re.IGNORECASE)


@dataclass
class Quote:
    start: int          # offset of the first character inside the marks
    end: int            # offset just after the last character inside
    open_at: int
    close_at: int       # offset of the closing mark (or end of the last line when unclosed)
    closed: bool


def find_quotes(text: str, furniture: list[tuple[int, int]]) -> list[Quote]:
    out: list[Quote] = []
    lines = text.splitlines(keepends=True)
    offsets, pos = [], 0
    for line in lines:
        offsets.append(pos)
        pos += len(line)
    i = 0
    while i < len(lines):
        base, line = offsets[i], lines[i].rstrip("\r\n")
        if any(a <= base < b for a, b in furniture):
            i += 1
            continue
        j = 0
        while j < len(line):
            ch = line[j]
            if ch in OPEN and (ch != '"' or _opens(line, j)):
                k = _find_close(line, j + 1)
                if k is not None:
                    out.append(Quote(base + j + 1, base + k, base + j, base + k, True))
                    j = k + 1
                    continue
                # unclosed: run on into the next lines (at most three)
                end_line, close_at = i, None
                for n in range(i + 1, min(i + 4, len(lines))):
                    nxt = lines[n].rstrip("\r\n")
                    if not nxt.strip():
                        continue
                    k2 = _find_close(nxt, 1 if nxt[:1] in OPEN else 0)
                    end_line = n
                    if k2 is not None:
                        close_at = offsets[n] + k2
                        break
                if close_at is None:
                    out.append(Quote(base + j + 1, base + len(line), base + j, base + len(line), False))
                    break
                out.append(Quote(base + j + 1, close_at, base + j, close_at, True))
                i = end_line
                line = ""
                break
            j += 1
        i += 1
    return out


def _opens(line: str, j: int) -> bool:
    """A straight quote opens when it follows a space/start and precedes a letter."""
    before = line[j - 1] if j > 0 else " "
    after = line[j + 1] if j + 1 < len(line) else " "
    return (before.isspace() or before in "([:—–-") and not after.isspace()


def _find_close(line: str, start: int) -> int | None:
    for k in range(start, len(line)):
        ch = line[k]
        if ch in "”»":
            return k
        if ch == '"':
            after = line[k + 1] if k + 1 < len(line) else " "
            if not after.isalnum() or after.isupper():
                return k
    return None


def _pick_name(m: Mentions, names: list[NameSpan]) -> NameSpan | None:
    if not names:
        return None
    known = {t for n in m.names for t in n.name.name.lower().split() if len(t) > 2}
    for n in names:
        words = n.name.name.split()
        if len(words) > 1 or words[0].lower() in known and sum(
                1 for x in m.names if words[0].lower() in x.name.name.lower().split()) > 1:
            return n
    return names[0]


def _after_speaker(m: Mentions, q: Quote, lex: Lexicon) -> tuple[NameSpan | None, bool]:
    """(speaker named after the quote, whether a pronoun verb stands there)."""
    text = m.doc.text
    line_end = text.find("\n", q.close_at)
    line_end = len(text) if line_end < 0 else line_end
    tail = text[q.close_at + 1:line_end]
    mm = re.match(r"[\s,.]*(?:" + lex.rx("after_verb").pattern + r")", tail, re.IGNORECASE)
    if not mm:
        return None, False
    verb = mm.group(0).strip(" ,.").lower()
    start = q.close_at + 1 + mm.end()
    if verb.endswith("nya") or verb.endswith(" dia") or verb.endswith(" ia"):
        return None, True
    clause_end = start + 120
    sent_end = re.search(r"[.!?](?:\s|$)", text[start:line_end])
    if sent_end:
        clause_end = min(clause_end, start + sent_end.start() + 1)
    stop = STOP_CLAUSE.search(text, start, clause_end)
    if stop:
        clause_end = stop.start()
    names = [n for n in m.names if start <= n.start < clause_end]
    return _pick_name(m, names), False


def _subject_speaker(m: Mentions, start: int, end: int, lex: Lexicon) -> NameSpan | None:
    """``X mengatakan``, ``Menurut X``, ``kata X`` within ``text[start:end]``: the last such speaker."""
    text = m.doc.text
    found = None
    for n in m.names:
        if not (start <= n.start and n.end <= end):
            continue
        after = text[n.end:min(end, n.end + 40)]
        lead = text[max(start, n.start - 30):n.start]
        if re.match(r"[\s,]*(?:juga\s+|pun\s+|lantas\s+|kemudian\s+|lebih\s+lanjut\s+|sebelumnya\s+)?(?:"
                    + lex.rx("before_verb").pattern + r")", after, re.IGNORECASE) or \
                re.search(r"\b(?:menurut|kata|diakui)\s+(?:\w+\s+){0,4}$", lead, re.IGNORECASE):
            found = n
    return found


def extract_statements(m: Mentions, lex: Lexicon) -> list[StatementClaim]:
    text = m.doc.text
    furniture = [(s.start, s.end) for s in m.doc.sentences if s.furniture]
    out: list[StatementClaim] = []
    current: NameSpan | None = None
    last_end = 0
    for q in find_quotes(text, furniture):
        body = text[q.start:q.end]
        # speakers introduced between the previous quote and this one
        para_start = text.rfind("\n", 0, q.open_at) + 1
        introduced = _subject_speaker(m, last_end, q.open_at, lex)
        if introduced is not None:
            current = introduced
        speaker, pronoun = _after_speaker(m, q, lex)
        if speaker is None:
            before = _subject_speaker(m, para_start, q.open_at, lex)
            if before is not None:
                speaker = before
            elif pronoun or current is not None and (q.open_at == para_start or not text[para_start:q.open_at].strip()
                                                     or pronoun):
                speaker = current
        last_end = q.close_at + 1
        words = re.findall(r"\w+", body)
        if speaker is None or len(words) < 4:
            continue
        current = speaker
        quote = " ".join(body.split()).strip(" ,")
        out.append(StatementClaim(speaker=speaker.name, quote=quote, themes=tag_themes(quote, lex),
                                  evidence=m.doc.evidence(q.start, q.end),
                                  speaker_evidence=m.doc.evidence(speaker.start, speaker.end)))
    return out


def tag_themes(text: str, lex: Lexicon) -> tuple[str, ...]:
    """Theme slugs whose keywords occur in ``text`` (case-insensitive, whole words)."""
    low = text.lower()
    found = []
    for slug, keywords in lex.themes.items():
        for kw in keywords:
            if re.search(r"(?<!\w)" + re.escape(kw.lower()) + r"(?!\w)", low):
                found.append(slug)
                break
    return tuple(sorted(found))
