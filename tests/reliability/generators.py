"""Generators of hostile article text, shared by the reliability tests and the scripts in ``benchmarks/``.

``PATHOLOGICAL``: name → a function of a size ``n`` (about ``n`` characters) giving one
pathological text (long runs of dots, dashes, quotes, capitalised words, titles,
numbers, commas, brackets, a line without spaces, one repeated character, many
paragraphs, ...). Doubling ``n`` must not much more than double the time to extract.

``mutate_text``, ``random_article``, ``random_page`` and ``random_record`` make the
generated and mutated inputs of the fuzz run (``benchmarks/fuzz_articles.py``).
"""
from __future__ import annotations

import json
import random
from collections.abc import Callable

# words that wake the extractors up, so random text reaches their deep branches
WORDS = ["Pasangan", "nomor", "urut", "1", "2", "Ardiansyah", "Sulaiman", "-", "Mahyunadi", "diusung", "Partai",
         "Golkar", "PDIP", "PKS", "dan", ",", ".", "\u201c", "\u201d", '"', "kata", "ujar", "Bupati", "Wakil",
         "Wali", "Kota", "Kutai", "Timur", "Kutim", "Pj", "Plt", "Gubernur", "Sumatera", "Utara", "Pilkada", "2024",
         "Senin", "(14/10/2024)", "debat", "KPU", "calon", "H.", "S.E.,", "M.Si.", "periode", "2021-2024", "\n",
         "\n\n", "Baca juga:", "Kabupaten", "Serang", "menjabat", "sebagai", "mantan", "ungkapnya", "(", ")",
         "nomor urut 3", "koalisi", "Demokrat", "Gerindra", "pendidikan", "kesehatan", "jalan", "\u00a0", "\t"]

LEAD = "Pilkada Kutai Timur 2024.\n"
SENTENCE = ("Pasangan nomor urut 2, Ardiansyah Sulaiman-Mahyunadi, diusung Partai Golkar dan PKS. "
            "\u201cKami siap melayani warga,\u201d kata Ardiansyah di Sangatta, Senin (14/10/2024).")


def _fill(unit: str, n: int, lead: str = LEAD) -> str:
    return lead + unit * max(1, n // max(1, len(unit)))


def _in_article(unit: str) -> Callable[[int], str]:
    """``unit`` repeated inside a paragraph of an election article (the run shares a line with real words)."""
    return lambda n: f"{LEAD}{SENTENCE}\n{SENTENCE} " + unit * max(1, n // len(unit)) + f" {SENTENCE}\n{SENTENCE}\n"


def _lines(line: str) -> Callable[[int], str]:
    return lambda n: LEAD + (line + "\n") * max(1, n // (len(line) + 1))


def _salad(seed: int) -> Callable[[int], str]:
    def make(n: int) -> str:
        rnd = random.Random(seed)
        out: list[str] = []
        size = 0
        while size < n:
            w = rnd.choice(WORDS)
            out.append(w)
            size += len(w) + 1
        return LEAD + " ".join(out)
    return make


PATHOLOGICAL: dict[str, Callable[[int], str]] = {
    "dots": lambda n: _fill(".", n),
    "dots in an article": _in_article("."),
    "dots and spaces": lambda n: _fill(". ", n),
    "ellipses between words": lambda n: _fill("a... ", n),
    "exclamations": lambda n: _fill("!", n),
    "dot capital": lambda n: _fill(".A", n),
    "dashes": lambda n: _fill("-", n),
    "spaced dashes": lambda n: _fill(" - ", n),
    "em dashes": lambda n: _fill("\u2014", n),
    "straight quotes": lambda n: _fill('"', n),
    "curly quotes": lambda n: _fill("\u201c", n),
    "quoted words": lambda n: _fill("\u201cKami ", n),
    "closing quotes and commas": lambda n: _fill(",\u201d ", n),
    "single quotes": lambda n: _fill("'", n),
    "capitalised words": lambda n: _fill("Ahmad ", n),
    "capitalised word pairs": lambda n: _fill("Ahmad Sulaiman ", n),
    "hyphenated names": lambda n: _fill("Ardiansyah-Mahyunadi ", n),
    "titles": lambda n: _fill("Bupati ", n),
    "titles in an article": _in_article("Bupati "),
    "titles with regions": lambda n: _fill("Wakil Bupati Kutai Timur ", n),
    "acting titles": lambda n: _fill("Plt Bupati ", n),
    "honorifics": lambda n: _fill("H. ", n),
    "degrees": lambda n: _fill("S.E., ", n),
    "initials": lambda n: _fill("A. ", n),
    "numbers": lambda n: _fill("1 ", n),
    "ballot numbers": lambda n: _fill("nomor urut 1 ", n),
    "digits": lambda n: _fill("2", n),
    "years": lambda n: _fill("2024 ", n),
    "dates": lambda n: _fill("(14/10/2024) ", n),
    "commas": lambda n: _fill(",", n),
    "comma list": lambda n: _fill("a, ", n),
    "party list": lambda n: _fill("Golkar, ", n),
    "parties": lambda n: _fill("Partai Golkar dan ", n),
    "open brackets": lambda n: _fill("(", n),
    "close brackets": lambda n: _fill(")", n),
    "bracketed words": lambda n: _fill("(Ahmad ", n),
    "nested brackets": lambda n: LEAD + "(" * (n // 2) + ")" * (n // 2),
    "no spaces": lambda n: _fill("a", n),
    "no spaces capital": lambda n: _fill("A", n),
    "camel run": lambda n: _fill("Aa", n),
    "one character (x)": lambda n: "x" * n,
    "one character (space)": lambda n: LEAD + " " * n,
    "one character (tab)": lambda n: LEAD + "\t" * n,
    "one character (nbsp)": lambda n: LEAD + "\u00a0" * n,
    "blank lines": lambda n: LEAD + "\n" * n,
    "paragraphs of one sentence": _lines("Bupati Kutai Timur Ardiansyah Sulaiman mengatakan."),
    "paragraphs of the article": _lines(SENTENCE),
    "paragraphs of quotes": _lines("\u201cKami siap,\u201d kata Ardiansyah."),
    "speech verbs": lambda n: _fill("kata ", n),
    "furniture": _lines("Baca juga: Debat Pilkada"),
    "word salad": _salad(1),
    "word salad 2": _salad(2),
}


def pathological_text(name: str, n: int) -> str:
    return PATHOLOGICAL[name](n)


# --- the fuzz run: generated and mutated inputs ------------------------------------------------------------

HOSTILE = ["." * 300, "-" * 300, '"' * 200, "\u201c" * 200, "Bupati " * 300, "Ahmad " * 300, "(" * 300,
           ")" * 300, "," * 300, "1 " * 300, "x" * 3000, "\n" * 300, "H. " * 200, "\u0000", "\ufeff", "\u202e",
           "\ud7ff", "\U0001f600" * 50, "\r\n", "\r", "\u2028", "\u00ad" * 30, "<b>", "</p>", "&amp;", "\\", "{}"]


def random_article(rnd: random.Random, seeds: list[str]) -> str:
    """An article: a seed article, word salad, or a hostile run, each mutated a few times."""
    kind = rnd.random()
    if kind < 0.5 and seeds:
        text = rnd.choice(seeds)
    elif kind < 0.8:
        text = _salad(rnd.randrange(1 << 30))(rnd.choice([50, 400, 3000]))
    else:
        text = rnd.choice(list(PATHOLOGICAL.values()))(rnd.choice([100, 2000, 20000]))
    for _ in range(rnd.randrange(0, 6)):
        text = mutate_text(rnd, text)
    return text


def mutate_text(rnd: random.Random, text: str) -> str:
    """One mutation: cut, duplicate, swap, insert a word or hostile run, flip a character, join lines."""
    if not text:
        return rnd.choice(WORDS + HOSTILE)
    i, j = sorted(rnd.randrange(len(text) + 1) for _ in range(2))
    op = rnd.randrange(8)
    if op == 0:
        return text[:i] + text[j:]                                  # cut
    if op == 1:
        return text[:j] + text[i:j] + text[j:]                      # duplicate a span
    if op == 2:
        return text[:i] + rnd.choice(WORDS) + " " + text[i:]        # insert a word
    if op == 3:
        return text[:i] + rnd.choice(HOSTILE) + text[i:]            # insert a hostile run
    if op == 4 and i < len(text):
        return text[:i] + chr(rnd.choice([0x20, 0x2e, 0x2d, 0x22, 0x201c, 0x201d, 0x41, 0x61, 0xa0, 0x0a,
                                          rnd.randrange(0x20, 0x3000)])) + text[i + 1:]  # flip a character
    if op == 5:
        return text.replace("\n", " ", rnd.randrange(1, 50))        # join lines
    if op == 6:
        return text[i:j] + text[:i] + text[j:]                      # move a span to the front
    return text.upper() if rnd.random() < 0.5 else text.lower()


def random_page(rnd: random.Random, text: str) -> str:
    """An HTML page around ``text``: plain, deeply nested, broken, or with scripts and entities."""
    paras = "".join(f"<p>{_escape(p)}</p>" for p in text.split("\n") if p.strip())
    kind = rnd.randrange(6)
    if kind == 0:
        body = paras
    elif kind == 1:
        depth = rnd.choice([50, 200, 260, 400, 1000])
        tag = rnd.choice(["div", "span", "section", "b"])
        body = f"<{tag}>" * depth + paras + f"</{tag}>" * (depth if rnd.random() < 0.7 else 0)
    elif kind == 2:
        body = "<div><article>" + paras + "<p>" * rnd.randrange(1, 300)          # unclosed
    elif kind == 3:
        body = "<script>var x = '<p>';</script>" + paras + "<style>p{}</style>" + "&#0;&#x110000;&bogus;"
    elif kind == 4:
        body = paras.replace("<p>", "<p><font><table><tr><td>", rnd.randrange(1, 20))
    else:
        body = paras[: rnd.randrange(len(paras) + 1)]                            # cut anywhere
    title = _escape(text.split("\n", 1)[0][:120])
    return f"<!DOCTYPE html><html lang=\"id\"><head><title>{title}</title></head><body>{body}</body></html>"


def random_record(rnd: random.Random, text: str, i: int) -> str:
    """One JSONL line: a record with the text under one of the accepted field names, maybe malformed."""
    field = rnd.choice(["text", "content", "isi", "body", "html", "TEXT"])
    rec: dict[str, object] = {field: text if field != "html" else random_page(rnd, text)}
    if rnd.random() < 0.7:
        rec[rnd.choice(["url", "link"])] = f"https://berita.example/{rnd.choice(['a', 'b', 'é', '%20'])}/{i}"
    if rnd.random() < 0.5:
        rec[rnd.choice(["published", "tanggal", "date"])] = rnd.choice(
            ["2024-10-14", "14/10/2024", "Senin, 14 Oktober 2024 09:30 WITA", 1728864000, "kemarin", "", None])
    if rnd.random() < 0.3:
        rec["title"] = rnd.choice([None, 7, [], "Pilkada", "x" * 500])
    line = json.dumps(rec, ensure_ascii=rnd.random() < 0.5)
    if rnd.random() < 0.05:
        line = line[: rnd.randrange(len(line))]                                  # a truncated line
    return line


def _escape(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
