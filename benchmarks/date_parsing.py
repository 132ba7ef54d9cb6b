#!/usr/bin/env python3
"""Date parsing: the extractor's own rules against dateparser, on the same inputs.

    .venv/bin/python benchmarks/date_parsing.py [--repeat 50]

Times, in this process (one core), the median microseconds per call of
- ``kg.ingest.dumps.parse_published`` against ``DateDataParser.get_date_data``
  on the scraped date strings it reads (one whole string per call);
- ``kg.extract.dates.parse_dates`` against ``dateparser.search.search_dates``
  on sentences and on whole articles (``data/articles``), finding dates in running text;
- ``find_relative`` against ``get_date_data`` on the relative phrases both read.
dateparser's cold cost (import, then the first call, which loads the Indonesian
language data) is measured in a fresh interpreter. Prints figures; asserts
nothing. dateparser comes with the test extra (``make test-deps``); the forms
each reads and where they differ are in tests/extract/test_dateparser_forms.py.
"""
from __future__ import annotations

import argparse
import datetime as dt
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.extract.dates import find_relative, parse_dates  # noqa: E402
from kg.extract.lexicon import load_lexicon  # noqa: E402
from kg.ingest.dumps import parse_published  # noqa: E402
from kg.resources import Resources  # noqa: E402

ANCHOR = "2024-10-30"
PUBLISHED = ["2024-11-27", "2024-11-27T23:30:00Z", "2024/09/24", "09/10/2024", "9-10-2024", "1727740800",
             "9 April 2025", "Rabu, 9 April 2025 14:00 WIB", "Senin, 14 Oktober 2024 09:30 WITA",
             "27 Nov 2024"]
SENTENCES = ['"Kami siap," kata Rudi Hartono di Sangatta, Senin (28/10/2024).',
             "Pemungutan suara digelar serentak pada 27 November 2024 di seluruh Indonesia.",
             "Debat kedua dijadwalkan Rabu (13/11) malam di Balikpapan.",
             "Penetapan pasangan calon dilakukan KPU pada 22 Sept 2024 lalu."]
RELATIVE = ["kemarin", "hari ini", "besok", "kemarin lusa", "bulan lalu", "bulan depan", "tahun lalu"]

COLD = """
import time
t0 = time.perf_counter()
from dateparser.date import DateDataParser
t1 = time.perf_counter()
p = DateDataParser(languages=["id"], settings={"DATE_ORDER": "DMY"})
p.get_date_data("9 April 2025")
t2 = time.perf_counter()
print(f"{(t1 - t0) * 1e3:.0f} {(t2 - t1) * 1e3:.0f}")
"""


def median_us(fn: Callable[[Any], Any], inputs: list[Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        for x in inputs:
            t = time.perf_counter_ns()
            fn(x)
            times.append(time.perf_counter_ns() - t)
    return statistics.median(times) / 1000


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=50, help="passes over the inputs for the extractor's rules")
    args = ap.parse_args()
    cold = subprocess.run([sys.executable, "-c", COLD], capture_output=True, text=True, check=True)
    out = cold.stdout.split()
    print(f"dateparser cold: import {out[0]} ms, first call (loads the language data) {out[1]} ms")

    from dateparser.date import DateDataParser
    from dateparser.search import search_dates

    lex = load_lexicon(Resources.default().lexicon)
    base = dt.datetime.fromisoformat(ANCHOR)
    settings = {"DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first", "RELATIVE_BASE": base}
    ddp = DateDataParser(languages=["id"], settings=settings)
    slow = max(1, args.repeat // 10)          # dateparser is hundreds of times slower: fewer passes
    articles = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "data" / "articles").glob("*.txt"))]
    rows = [
        ("scraped date string", PUBLISHED, parse_published, ddp.get_date_data),
        ("sentence (search)", SENTENCES, lambda s: parse_dates(s, lex, ANCHOR),
         lambda s: search_dates(s, languages=["id"], settings=settings)),
        ("whole article (search)", articles, lambda s: parse_dates(s, lex, ANCHOR),
         lambda s: search_dates(s, languages=["id"], settings=settings)),
        ("relative phrase", RELATIVE, lambda s: find_relative(s, lex, ANCHOR), ddp.get_date_data),
    ]
    print(f"{'input':24} {'n':>3} {'rules µs':>10} {'dateparser µs':>14} {'ratio':>7}")
    for name, inputs, ours, theirs in rows:
        theirs(inputs[0])                     # warm
        a = median_us(ours, inputs, args.repeat)
        b = median_us(theirs, inputs, slow)
        print(f"{name:24} {len(inputs):>3} {a:>10.1f} {b:>14.1f} {b / a:>6.0f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
