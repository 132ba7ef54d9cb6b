"""Who a quotation is attributed to: the per-article reading of names, nicknames, posts and clauses.

:class:`Attribution` holds what the rules of :mod:`kg.extract.statements`
read about one article: the names outside quotations, cleaned of the role
words and regions written before them (``Kabag Humas Setda X``, ``KPU Medan
Nama``); nicknames (``Darus, panggilan akrab Dadang Rusdiana``); the holder
of each post the text names (``Bupati X Nama``, ``Plt Bupati diemban oleh
…``); and the subject of a clause (``Dalam sambutannya, Dia …``).
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from itertools import islice
from dataclasses import dataclass, replace

from kg.extract.lexicon import Lexicon
from kg.extract.mentions import Mentions, TitleMention
from kg.extract.names import MaskIndex, NameSpan
from kg.extract.quotes import Quote, find_quotes
from kg.model import PersonName

STOP_CLAUSE = re.compile(r"\b(?:didampingi|di|saat|ketika|dalam|di\s+sela|usai|seusai|kepada|pada|kemarin|"
                         r"menanggapi|menjawab|melalui|lewat|via|dihadapan|selepas|sesudah|sebelum|setelah|"
                         r"ditemui|dihubungi|dikonfirmasi|yang|sebagaimana|seperti|sambil|sembari)\b|;|"
                         r"\((?![A-Z][\w/ ]{1,12}\))")      # "(KPUD)": a short form goes on with the post
SENT_END = re.compile(r"(?<![A-Z])[.!?](?=\s|$)")
APPOSED_POST = re.compile(r"(\s*,\s*)(?:(?:calon|bakal\s+calon|mantan|eks)\s+)?", re.IGNORECASE)
# after a speech verb: a post of capitalised words, "dan", roman numerals and bracketed short forms, then a comma
ROLE_THEN_NAME = re.compile(r"[ \t]+((?:[A-Z][\w.’'/-]*)(?:[ \t]+(?:[A-Z][\w.’'/-]*|dan|&|\([^()\n]{1,40}\))){0,14})"
                            r"[ \t]*,[ \t]*")
# a clause opening with a post of capitalised words (and bracketed short forms), then a comma and the name
POST_THEN_NAME = re.compile(r"((?:[A-Z][\w.’'/-]*)(?:[ \t]+(?:[A-Z][\w.’'/-]*|dan|&|\([^()\n]{1,40}\))){0,14})"
                            r"[ \t]*,[ \t]*")
# after a one-word name, the post goes on: a capitalised word, a bracket, a slash, "dan" and a capitalised word
POST_GOES_ON = re.compile(r"[ \t]*[()/]|[ \t]+(?:(?:dan|serta|&)[ \t]+)?[A-Z]")
CLAUSE_BREAK = re.compile(r";|\b(?:sedangkan|sementara|namun|tetapi|tapi)\b")


@dataclass(frozen=True, slots=True)
class Speaker:
    span: NameSpan          # where the text names the speaker
    name: PersonName        # the name to record (the full form for a nickname)


class Attribution:
    """What the attribution rules read about one article."""

    def __init__(self, m: Mentions, lex: Lexicon) -> None:
        self.m, self.lex, self.text = m, lex, m.doc.text
        furniture = [(s.start, s.end) for s in m.doc.sentences if s.furniture]
        self.quotes = find_quotes(self.text, furniture)
        self.inside = [(q.open_at, q.close_at + 1) for q in self.quotes]
        self._inside = MaskIndex(self.inside)
        self.regions = sorted({self.text[r.start:r.end].lower() for r in m.regions}, key=len, reverse=True)
        self.months = set(lex.months)
        names = [self._clean(n) for n in m.names if not self.in_quote(n.start)]
        self.names = sorted((n for n in names if n is not None), key=lambda n: n.start)
        self._starts = [n.start for n in self.names]      # (names are looked up by bisection)
        self.multi = {t for n in self.names if len(n.name.name.split()) > 1 for t in n.name.name.lower().split()}
        # a one-word name written inside a sentence ("kata Subairi"), not only opening one ("Tugas dan ...")
        # after a capitalised word it must end the post ("KPU Kota Yogyakarta Erizal di lokasi"), not go on with
        # it ("Ketua Ikatan Kota Dumai", "Divisi Teknis Penyelenggara dan Perencanaan", "(Antara Megapolitan)")
        self.multi |= {n.name.name.lower() for n in self.names if len(n.name.name.split()) == 1
                       and (re.search(r"(?:(?:^|[\s(\"“])[a-z][\w-]*|,)[ \t]*$", self.text[max(0, n.start - 30):n.start])
                            or re.search(r"[a-z][ \t]*$", self.text[max(0, n.start - 30):n.start])
                            and not self._post_goes_on(n.end))}
        # ... or written with an honorific or a rank: "AKBP Awilzan", "H. Sulaiman"
        for n in self.names:
            before = re.search(r"(\S+)[ \t]+$", self.text[max(0, n.start - 16):n.start])
            if " " not in n.name.name and before and before.group(1).replace(".", "").lower() in lex.prefixes:
                self.multi.add(n.name.name.lower())
        # a one-word name in apposition with a post: "Sukardi, calon Wakil Bupati nomor urut 01, menyatakan …"
        starts = {t.start for t in m.titles}
        for n in self.names:
            if " " not in n.name.name:
                g = APPOSED_POST.match(self.text, n.end)
                if g and (g.end(1) in starts or g.end() in starts):
                    self.multi.add(n.name.name.lower())
        self.aliases = self._aliases()
        self.roles = self._roles()
        self.paras = [mm.start() for mm in re.finditer(r"^[ \t]*\S", self.text, re.MULTILINE)]

    # ------------------------------------------------------------------ names

    def rx(self, key: str) -> re.Pattern[str]:
        return self.lex.rx("phrase:" + key)

    def in_quote(self, pos: int) -> bool:
        return pos in self._inside

    def para(self, pos: int) -> int:
        return bisect_right(self.paras, pos) - 1

    def _clean(self, n: NameSpan) -> NameSpan | None:
        """Drop role words and a region written before the name; reject acronyms."""
        words = n.name.name.split()
        role = self.rx("speech_role_words")
        k = max((i + 1 for i, w in enumerate(words) if role.fullmatch(w.strip(".,"))), default=0)
        # "Kepada Budi …", "Eks Jenderal …", "Dewan …": words that are never a speaker's name, before it
        # or cutting it
        notname = self.rx("speech_not_name")
        while k < len(words) and notname.fullmatch(words[k].strip(".,")):
            k += 1
        cut = next((i for i in range(k, len(words)) if notname.fullmatch(words[i].strip(".,"))), len(words))
        end = n.end
        if cut < len(words):
            end = n.start
            for w in words[:cut]:
                found = self.text.find(w, end, n.end)
                end = found + len(w) if found >= 0 else end
            words = words[:cut]
        changed = True
        while changed and k < len(words):
            changed = False
            rest = " ".join(words[k:]).lower() + " "
            for r in self.regions:
                if rest.startswith(r + " ") and len(r.split()) < len(words) - k:
                    k += len(r.split())
                    changed = True
                    break
        words = words[k:]
        if not words or all(w.isupper() and len(w) > 1 for w in words) \
                or all(w.replace(".", "").lower() in self.lex.prefixes for w in words):
            return None
        start = n.start
        if k:
            found = self.text.find(words[0], n.start, n.end)
            start = found if found >= 0 else n.start
        # a month that is a given name: "Kabag X, Juli Atmadi" (a date has a digit around it)
        before = re.search(r"(?<![\d/])(?:^|\s)([A-Z][a-z]+) $", self.text[max(0, start - 14):start])
        if before and before.group(1).lower() in self.months:
            start -= len(before.group(1)) + 1
            words = [before.group(1)] + words
        if k or len(words) != len(n.name.name.split()):
            n = NameSpan(start, end, self.text[start:end], replace(n.name, name=" ".join(words)))
        return n

    def _post_goes_on(self, pos: int) -> bool:
        """After a one-word name written after a capitalised word, the post goes on: a capitalised word, a
        bracket, "dan" and a capitalised word, or a comma and a name ("Ketua Ikrohil, Ahmad Harun"; not a
        weekday or a month: "kata Ketua KPU Budiman, Senin")."""
        if POST_GOES_ON.match(self.text, pos):
            return True
        nxt = re.match(r"[ \t]*,[ \t]*([A-Z][a-z]+)", self.text[pos:pos + 40])
        return nxt is not None and nxt.group(1).lower() not in self.months \
            and nxt.group(1).lower() not in self.lex.weekdays

    def known(self, n: NameSpan) -> bool:
        """A person, not a capitalised word: a name of two words, or a word of one."""
        words = n.name.name.lower().split()
        return len(words) > 1 or words[0] in self.multi

    def speaker(self, n: NameSpan) -> Speaker:
        full = self.aliases.get(n.name.name)
        return Speaker(n, full.name if full is not None else n.name)

    def name_at(self, pos: int, slack: int = 0) -> NameSpan | None:
        """The name that starts at ``pos`` (after honorifics within ``slack`` characters)."""
        for n in self.names[bisect_left(self._starts, pos):bisect_right(self._starts, pos + slack)]:
            if n.start == pos or self._honorifics(pos, n.start):
                return n
        return None

    def _honorifics(self, a: int, b: int) -> bool:
        words = self.text[a:b].split()
        return bool(words) and all(w.rstrip(".,").lower() in self.lex.prefixes for w in words)

    def _aliases(self) -> dict[str, NameSpan]:
        after, before = self.rx("speech_nickname_after"), self.rx("speech_nickname_before")
        out: dict[str, NameSpan] = {}
        for a, b in zip(self.names, self.names[1:]):
            gap = self.text[a.end:b.start]
            if len(gap) > 40 or "\n" in gap:
                continue
            if re.fullmatch(r"[\s,]*(?:" + after.pattern + r")[\s:]*[“\"']?", gap, re.IGNORECASE):
                out.setdefault(b.name.name, a)
            elif re.fullmatch(r"\s*,\s*(?:" + before.pattern + r")\s+", gap, re.IGNORECASE):
                out.setdefault(a.name.name, b)
            elif re.fullmatch(r"[ \t]*\([ \t]*", gap) and re.match(r"[ \t]*\)", self.text[b.end:b.end + 3]) \
                    and len(a.name.name.split()) > 1 and len(b.name.name.split()) <= 2 and not b.name.name.isupper() \
                    and not any(r.start < b.end and b.start < r.end for r in self.m.regions):
                # "Maulana Akil (Molen)": a name in brackets after a full name is its nickname
                out.setdefault(b.name.name, a)
            elif re.fullmatch(r"[ \t]+(?:" + self.rx("speech_nickname_or").pattern + r")[ \t]+", gap, re.IGNORECASE) \
                    and _short_form(b.name.name, a.name.name):
                # "Yohanes Hadi Rudianto atau Yohanes Rudi": a short form of the name before, not another person
                out.setdefault(b.name.name, a)
        # "Pak Luki, demikian panggilan akrabnya, …": the nickname of the person named before whose name it clips
        own = self.rx("speech_nickname_own")
        for i, b in enumerate(self.names):
            if not re.match(r"[ \t]*,[ \t]*(?:" + own.pattern + r")", self.text[b.end:b.end + 60], re.IGNORECASE):
                continue
            starts = {t[:3].lower() for t in b.name.name.split() if len(t) >= 3}
            for a in reversed(self.names[:i]):
                if b.start - a.end > 2000:
                    break
                if a.name.name != b.name.name and any(t[:3].lower() in starts for t in a.name.name.split()):
                    out.setdefault(b.name.name, a)
                    break
        return out

    # ------------------------------------------------------------------ posts

    def _holder_after(self, t: TitleMention) -> NameSpan | None:
        """The name written right after a title: "Bupati Kutai Timur, Ardiansyah Sulaiman"."""
        for n in islice(self.names, bisect_left(self._starts, t.end), None):   # (from the title's end on)
            if n.start - t.end > 45:
                return None
            gap = self.text[t.end:n.start]
            for r in self.m.regions_starting(t.end, n.start):
                if r.end <= n.start:
                    gap = gap.replace(self.text[r.start:r.end], " ")
            # "Gubernur Jambi H. Nama": honorifics before the name
            gap = " ".join(w for w in gap.split(" ") if w.rstrip(".").lower() not in self.lex.prefixes)
            if re.fullmatch(r"[\s,()]*(?:(?:(?i:kabupaten|kota|provinsi|kab\.)|[A-Z]{2,6}|setempat)[\s,()]*)*", gap):
                return n
            return None
        return None

    def _roles(self) -> dict[tuple[str, str | None], NameSpan | None]:
        out: dict[tuple[str, str | None], NameSpan | None] = {}

        def bind(t: TitleMention, n: NameSpan) -> None:
            key = (t.rule.title, t.qualifier)
            if key not in out:
                out[key] = n
            elif (old := out[key]) is not None and not (old.name.name in n.name.name or n.name.name in old.name.name):
                out[key] = None     # two holders of one post: ambiguous

        titles = [t for t in self.m.titles if not self.in_quote(t.start)]
        for t in titles:
            n = self._holder_after(t)
            if n is not None:
                bind(t, n)
        # "Jabatan Plt Bupati diemban oleh Wakil Bupati X", "X sebagai Plt Bupati"
        for v in re.finditer(r"\b(?:diemban|dijabat|dipegang|diisi|dirangkap)\s+oleh\s+", self.text):
            t = next((t for t in reversed(titles) if v.start() - 60 <= t.end <= v.start()), None)
            n = next((n for n in self.names if v.end() <= n.start <= v.end() + 40), None)
            if t is not None and n is not None:
                out[(t.rule.title, t.qualifier)] = n
        for n in self.names:
            g = re.match(r"\s*,?\s*(?:yang\s+)?(?:kini\s+|resmi\s+)?(?:sebagai|selaku|menjadi)\s+", self.text[n.end:n.end + 40])
            if g:
                t = next((t for t in titles if t.start == n.end + g.end()), None)
                if t is not None:
                    out[(t.rule.title, t.qualifier)] = n
        return out

    def _skip_role(self, pos: int, end: int) -> int:
        """The position after a role written before a name: "Calon bupati", "Ketua KPU Kota X,"."""
        role = self.rx("speech_role_words")
        spans = [(t.start, t.end) for t in self.m.titles] + [(r.start, r.end) for r in self.m.regions]
        for _ in range(8):
            while pos < end and self.text[pos] in " \t,":
                pos += 1
            covered = max((b for a, b in spans if a == pos), default=None)
            if covered is not None:
                pos = covered
                continue
            # "Calon wali kota nomor urut 2, Nama": the ballot number inside the post
            num = re.match(r"(?:nomor\s+urut|no\.?\s*urut|no\.)\s*\d{1,2}\b", self.text[pos:end], re.IGNORECASE)
            if num is not None:
                pos += num.end()
                continue
            w = re.match(r"[\w.-]+", self.text[pos:end])
            if w is None or not (role.fullmatch(w.group(0)) or w.group(0).lower() in {"calon", "mantan", "bakal", "eks"}):
                break
            pos += w.end()
        return pos

    def role_at(self, pos: int) -> NameSpan | None:
        """The person a title standing at ``pos`` refers to: the name after it, else its holder."""
        t = next((t for t in self.m.titles if t.start == pos), None)
        if t is None:
            return None
        return self._holder_after(t) or self.roles.get((t.rule.title, t.qualifier))

    # ------------------------------------------------------------------ clauses

    def subject_at(self, pos: int, end: int) -> NameSpan | str | None:
        """The subject of a sentence opening at ``pos``: a name, a post, or "pronoun"."""
        text = self.text
        fronted = self.rx("speech_fronted")
        f = fronted.match(text, pos)
        if f and text[pos:pos + 1].isupper():
            comma = text.find(",", f.end(), min(end, f.end() + 120))
            if comma < 0:
                return None
            pos = comma + 1
        while pos < end and text[pos] in " \t,":
            pos += 1
        word = re.match(r"\w+", text[pos:end])
        if word and self.rx("speech_pronouns").fullmatch(word.group(0)):
            return "pronoun"
        # "Mantan Kapolri itu juga berpesan", "Politikus senior tersebut menegaskan": a noun phrase
        # with a demonstrative stands for the person in focus, unless it holds a person's name
        anaphor = re.match(r"([\w-]+)\s+(?:[\w-]+\s+){0,3}?(?:itu|tersebut)\b(?!\s*,)", text[pos:end])
        if anaphor and anaphor.group(1).lower() not in self.lex.function_words:
            return "pronoun"
        post = self._post_then_name(pos, end)
        if post is not None:
            return post
        n = self.name_at(pos, slack=12) or self.name_at(self._skip_role(pos, end), slack=12)
        if n is not None:
            # "Aulia-Rendi ingin ...": a ticket, not one speaker
            pair = re.match(r"-\s*[A-Z]", text[n.end:n.end + 3])
            return n if self.known(n) and not pair else None
        return self.role_at(pos)

    def _post_then_name(self, pos: int, end: int) -> NameSpan | None:
        """``Ketua Ikatan Keluarga Kota Dumai, Nama …``, ``Kepala Bagian Humas (Kabag Humas) Pemkot X, Nama``: a
        clause that opens with a post of capitalised words, then a comma and a person's name: that person."""
        x = POST_THEN_NAME.match(self.text, pos, end)
        if x is None:
            return None
        first = re.match(r"[\w.-]+", x.group(1)).group(0)
        if not (self.rx("speech_role_words").fullmatch(first) or any(t.start == pos for t in self.m.titles)):
            return None
        n = self.name_at(x.end(), slack=12)
        if n is None or not self.known(n) or re.match(r"[ \t]*[-–—][ \t]*[A-Z]", self.text[n.end:n.end + 4]):
            return None                 # "Ketua Tim X, Budi – Rina, …": a ticket, not the subject
        return n

    def speech_subject(self, start: int, end: int) -> NameSpan | str | None:
        """The speaker a speech verb or "menurut X" names in ``text[start:end]``: the last one."""
        text, found = self.text, None
        acc = self.lex.rx("phrase:according_to")
        # "Menurutnya, …", "Menurut dia …": the person in focus
        for a in self.rx("speech_according_pronoun").finditer(text, start, end):
            found = "pronoun"
        for a in acc.finditer(text, start, end):
            if found == "pronoun" and self.rx("speech_according_pronoun").match(text, a.start(), end):
                continue
            words = re.match(r"\s+(?:(?:[a-z]+|[A-Z]{2,})\s+){0,4}", text[a.end():end])
            pos = a.end() + (words.end() if words else 0)
            n = self.name_at(pos, slack=12) or self._post_then_name(pos, end) or self.role_at(pos)
            if n is None and words:
                n = next((x for x in self.names if a.end() < x.start <= pos and x.start < end), None)
            if n is not None and (a.group(0)[0].isupper() or a.group(0).lower() != "menurut"):
                found = n
        for a in self.rx("speech_view").finditer(text, start, end):
            # "Bagi Basuki, nomor urut tidak penting": X's view, only with a person's name and a comma
            n = self.name_at(a.end() + 1, slack=12)
            if n is not None and self.known(n) and re.match(r"[ \t]*,", text[n.end:end]):
                found = n
        for v in self.lex.rx("before_verb").finditer(text, start, end):
            # the clause opens no earlier than the verb's sentence: a street or place named in the sentence
            # before ("… di Jalan Salemba Raya. Ketua KPU X, Y, menyampaikan, …") is not its subject
            sentence = self.m.doc.sentence_at(v.start())
            floor = sentence.start if sentence is not None and start <= sentence.start else start
            clause = max([floor] + [c.end() for c in CLAUSE_BREAK.finditer(text, floor, v.start())])
            subj = self.subject_at(clause, v.start())
            if subj is None:
                subj = self._first_name(clause, v.start())
            if isinstance(subj, NameSpan):
                subj = self._next_to_verb(subj, v.start())
            if subj is not None:
                found = subj
        return found

    def _next_to_verb(self, n: NameSpan, verb: int) -> NameSpan:
        """The name right before the verb when only capitalised words of a post stand between it and ``n``
        ("Divisi Data KPU Papua Nama Orang mengatakan": not "Data")."""
        last = next((x for x in reversed(self.names) if n.end <= x.start and x.end <= verb), None)
        if last is None or last is n or not self._next_to(last.end, verb):
            return n
        between = self.text[n.end:last.start]
        if not self.known(n):               # "Divisi Data dan Informasi …": a unit's name may hold "dan"
            between = re.sub(r"\s(?:dan|&)\s", " ", between)
        if re.search(r"\b[a-z]", between) or not self.known(last) or len(last.name.name.split()) < 2:
            return n
        return last

    def _next_to(self, a: int, verb: int) -> bool:
        """Whether only a comma, adverbs (``juga``, ``sangat``) or a relative clause (``yang dihubungi …, siang
        ini``) stand between ``a`` and the verb."""
        gap = self.text[a:verb]
        adverbs = self.rx("speech_adverbs").pattern
        return bool(re.fullmatch(r"[\s,]*(?:(?:" + adverbs + r")[\s,]+)*", gap, re.IGNORECASE) or
                    re.fullmatch(r"[\s,]*yang\b[^.;,\n“”\"]{0,100},[ \t]*(?:[a-z]+[ \t]+){0,3}", gap))

    def _first_name(self, start: int, end: int) -> NameSpan | None:
        owner = self.rx("speech_owner_cues")
        for n in self.names:
            if start <= n.start and n.end <= end:
                chunk = self.text[max(start, self.text.rfind(",", start, n.start) + 1):n.start]
                if not owner.search(chunk) and self.known(n):
                    return n
        return None

    def after_speakers(self, q: Quote) -> tuple[list[Speaker], str]:
        """Speakers named after the quote, and how: "named", "pronoun" or "none"."""
        text = self.text
        line_end = text.find("\n", q.end)
        line_end = len(text) if line_end < 0 else line_end
        if not q.closed:
            return [], "none"
        lead = re.match(r"(?:''|\\?[”“\"»’'])?[\s,.]*", text[q.end:line_end])
        pos = q.end + (lead.end() if lead else 0)
        verb = self._after_verb().match(text, pos, line_end)
        if verb is None:
            # '"…," Joko menambahkan.'
            n = self.name_at(pos, slack=30) or self.role_at(pos)
            if n is not None and self.lex.rx("before_verb").match(text, n.end + 1 if n.end < line_end else n.end,
                                                                   line_end) and self.known(n):
                return [self.speaker(n)], "named"
            # '"…," rinci Kubangun.': a verb the lexicon lacks, then a person the article names
            other = re.match(r"([a-z]+)\s+", text[pos:line_end])
            n = self.name_at(pos + other.end()) if other else None
            if (n is not None and self.known(n) and not self.rx("speech_owner_cues").fullmatch(other.group(1))
                    and re.match(r"\s*(?:[.,;]|$)", text[n.end:line_end])):
                return [self.speaker(n)], "named"
            return [], "none"
        if verb.group(1) or verb.group(2) or re.match(r"\s*(?:[.,]|$)", text[verb.end():line_end]):
            return [], "pronoun"
        start = verb.end()
        apposed = self._role_then_name(start, line_end)
        if apposed is not None:
            return [self.speaker(apposed)], "named"
        end = min(line_end, start + 160)
        s = SENT_END.search(text, start, end)
        end = s.start() if s else end
        stop = STOP_CLAUSE.search(text, start, end)
        end = stop.start() if stop else end
        out: list[Speaker] = []
        for a, b in _segments(text, start, end):
            n = self._segment_name(a, b, first=not out)
            if n is not None and all(x.name != self.speaker(n).name for x in out):
                out.append(self.speaker(n))
        return out, "named" if out else "none"

    def _role_then_name(self, start: int, end: int) -> NameSpan | None:
        """``kata Kepala Biro Pemerintahan dan Otonomi Daerah (Pem dan Otda) Setdaprov Riau, Firdaus.``: a
        post of capitalised words (with ``dan`` and bracketed short forms) after the verb, then a comma and the
        name that closes the clause: the name is the speaker."""
        x = ROLE_THEN_NAME.match(self.text, start, end)
        if x is None:
            return None
        first = re.match(r"[\w.-]+", x.group(1)).group(0)
        if not (self.rx("speech_role_words").fullmatch(first) or any(t.start == x.start(1) for t in self.m.titles)):
            return None
        n = self.name_at(x.end())
        if n is None or not self.known(n) or not re.match(r"\s*(?:[.,;]|$)", self.text[n.end:end]):
            return None
        return n

    def _segment_name(self, a: int, b: int, first: bool) -> NameSpan | None:
        owner, role = self.rx("speech_owner_cues"), self.rx("speech_role_words")
        for n in self.names:
            if not (a <= n.start < b):
                continue
            chunk = self.text[max(a, self.text.rfind(",", a, n.start) + 1):n.start]
            if owner.search(chunk) and not self._institution_owner(chunk):
                continue
            if not first:
                prefix = self.text[a:n.start]
                if any(not (w[0].isupper() or role.fullmatch(w)) for w in re.findall(r"[\w-]+", prefix)):
                    return None
            if not self.known(n):       # a capitalised word of the post ("Divisi Teknis Penyelenggara"), not a person
                continue
            return n
        return self.role_at(a + len(self.text[a:b]) - len(self.text[a:b].lstrip(" ,")))

    def _institution_owner(self, chunk: str) -> bool:
        """``Juru Bicara Pemerintah Aceh`` before a name: the spokesperson of an institution is the name."""
        last = None
        for last in self.rx("speech_owner_cues").finditer(chunk):
            pass
        if last is None:
            return False
        rest = chunk[last.end():]
        inst = self.rx("speech_institution_owner").match(rest.lstrip())
        if inst is None:
            return False
        tail = rest.lstrip()[inst.end():]
        return all(w[0].isupper() for w in re.findall(r"[\w-]+", tail))

    def _after_verb(self) -> re.Pattern[str]:
        """``kata``, ``ujarnya``, ``kata dia``: group 1 or 2 marks a pronoun form."""
        rx = self.lex.compiled.get("speech:after")
        if rx is None:
            stems = sorted({v for v in self.lex.after_quote if " " not in v}, key=len, reverse=True)
            rx = re.compile(r"(?:" + "|".join(re.escape(s) for s in stems) + r")(nya)?\b"
                            r"(?:\s+(dia|ia|beliau)\b)?", re.IGNORECASE)
            self.lex.compiled["speech:after"] = rx
        return rx


def _short_form(short: str, full: str) -> bool:
    """Whether ``short`` is written with the words of ``full`` or clipped starts of them ("Yohanes Rudi" for
    "Yohanes Hadi Rudianto"), and is not ``full`` itself."""
    words, of = short.lower().split(), full.lower().split()
    return short != full and len(words) < len(of) and \
        all(w in of or (len(w) >= 3 and any(f.startswith(w) and len(f) > len(w) for f in of)) for w in words)


def _segments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split an attribution clause at "dan"/"serta" (two speakers of one quote)."""
    out, pos = [], start
    for d in re.finditer(r"\s+(?:dan|serta)\s+|\s*&\s*", text[start:end]):
        out.append((pos, start + d.start()))
        pos = start + d.end()
    out.append((pos, end))
    return out
