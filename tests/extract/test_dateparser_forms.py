"""The date forms the extractor reads, each read by its own rules and by dateparser (issue 19).

The extractor keeps its own rules (README, "Dates: own rules, not dateparser"): this table says, form
by form, what dateparser (the pinned range in the test extra) gives on the same input, so that a
dateparser release that reads a form differently shows up here as a failing row. Every row states the
value the extractor gives and the value dateparser gives; rows under a "differs" comment are the forms
they read apart, and the README names each of them.
Speed: benchmarks/date_parsing.py.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from dateparser.date import DateDataParser

from kg.extract.dates import find_relative, parse_dates
from kg.extract.lexicon import load_lexicon
from kg.ingest.dumps import parse_published
from kg.resources import Resources


LEXICON = load_lexicon(Resources.default().lexicon)
ANCHOR = "2024-10-30"           # a Wednesday: the article date relative forms resolve against
BASE = dt.datetime.fromisoformat(ANCHOR)
# running text: day-first, a missing year from the article date
TEXT_SETTINGS = {"DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first", "RELATIVE_BASE": BASE}
# scraped date strings: no relative words, only full dates, times read in WIB
STRING_SETTINGS = {"DATE_ORDER": "DMY", "PARSERS": ["timestamp", "custom-formats", "absolute-time"],
                   "REQUIRE_PARTS": ["day", "month", "year"], "TIMEZONE": "Asia/Jakarta",
                   "RETURN_AS_TIMEZONE_AWARE": False}
TEXT = DateDataParser(languages=["id"], settings=TEXT_SETTINGS)
STRING = DateDataParser(languages=["id", "en"], settings=STRING_SETTINGS)


def ours(kind: str, text: str) -> str | None:
    """The extractor's value: ``printed`` (parse_dates), ``relative`` (find_relative) or ``scraped``
    (parse_published)."""
    if kind == "scraped":
        return parse_published(text)
    found = parse_dates(text, LEXICON, ANCHOR) if kind == "printed" else find_relative(text, LEXICON, ANCHOR)
    return found[0].value if found else None


def theirs(kind: str, text: str) -> str | None:
    """dateparser's value at the precision it reports (``period``): ``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY``."""
    data = (STRING if kind == "scraped" else TEXT).get_date_data(text)
    if data.date_obj is None:
        return None
    return {"day": data.date_obj.date().isoformat(), "month": data.date_obj.strftime("%Y-%m"),
            "year": str(data.date_obj.year)}.get(data.period or "day", data.date_obj.date().isoformat())


# (kind, example, the extractor's value, dateparser's value)
FORMS = [
    # printed dates in running text (parse_dates)
    ("printed", "12 Agustus 2024", "2024-08-12", "2024-08-12"),
    ("printed", "12 Agt 2024", "2024-08-12", "2024-08-12"),
    ("printed", "12 Agt. 2024", "2024-08-12", "2024-08-12"),
    ("printed", "5 Sept 2024", "2024-09-05", "2024-09-05"),
    ("printed", "9 Pebruari 2024", "2024-02-09", "2024-02-09"),
    ("printed", "Kamis, 5 September 2024 | 10:15 WIB", "2024-09-05", "2024-09-05"),
    ("printed", "Senin (12/8/2024)", "2024-08-12", "2024-08-12"),
    ("printed", "(12/8/24)", "2024-08-12", "2024-08-12"),
    ("printed", "(12/8)", "2024-08-12", "2024-08-12"),             # the year of the article date
    ("printed", "(31/2/2024)", None, None),
    # differs: a bare slash or dash date in running text is not read by the extractor (scores, "3/4 suara")
    ("printed", "12/8/2024", None, "2024-08-12"),
    ("printed", "12-08-2024", None, "2024-08-12"),
    # differs: a bare year names an election ("Pilkada 2024"); dateparser dates it to the year
    ("printed", "tahun 2024", None, "2024"),
    # neither: a term of office is two years, read by kg/extract/offices.py; dateparser reads none
    ("printed", "periode 2021-2026", None, None),
    # relative times resolved against the article date (find_relative)
    ("relative", "Agustus 2024", "2024-08", "2024-08"),
    ("relative", "kemarin", "2024-10-29", "2024-10-29"),
    ("relative", "hari ini", "2024-10-30", "2024-10-30"),
    ("relative", "besok", "2024-10-31", "2024-10-31"),
    ("relative", "kemarin lusa", "2024-10-28", "2024-10-28"),
    ("relative", "Senin", "2024-10-28", "2024-10-28"),
    ("relative", "bulan lalu", "2024-09", "2024-09"),
    ("relative", "bulan depan", "2024-11", "2024-11"),
    ("relative", "tahun lalu", "2023", "2023"),
    # differs: dateparser's Indonesian data has no "lusa", "tadi malam", weekday + direction, weeks,
    # month parts or a month with a direction
    ("relative", "lusa", "2024-11-01", None),
    ("relative", "tadi malam", "2024-10-29", None),
    ("relative", "Senin lalu", "2024-10-28", None),
    ("relative", "Kamis mendatang", "2024-10-31", None),
    ("relative", "Rabu depan", "2024-11-06", None),
    ("relative", "pekan lalu", "2024-10", None),
    ("relative", "minggu depan", "2024-11", None),
    ("relative", "akhir November mendatang", "2024-11", None),
    ("relative", "awal Desember", "2024-12", None),
    ("relative", "Desember lalu", "2023-12", None),
    ("relative", "pertengahan Juli 2025", "2025-07", None),
    # differs: a weekday in lower case alone is a word, not a date ("hari senin" in a list of days)
    ("relative", "senin", None, "2024-10-28"),
    # scraped date strings of dumps (parse_published)
    ("scraped", "2024-11-27", "2024-11-27", "2024-11-27"),
    ("scraped", "2024-11-27 08:00:00+07:00", "2024-11-27", "2024-11-27"),
    ("scraped", "2024/09/24", "2024-09-24", "2024-09-24"),
    ("scraped", "09/10/2024", "2024-10-09", "2024-10-09"),
    ("scraped", "9-10-2024", "2024-10-09", "2024-10-09"),
    ("scraped", "1727722800", "2024-10-01", "2024-10-01"),          # 19:00 UTC: the next day in WIB
    ("scraped", "Rabu, 9 April 2025 14:00 WIB", "2025-04-09", "2025-04-09"),
    ("scraped", "Senin, 14 Oktober 2024 09:30 WITA", "2024-10-14", "2024-10-14"),
    ("scraped", "27 Nov 2024", "2024-11-27", "2024-11-27"),
    ("scraped", "kemarin sore", None, None),
    ("scraped", "31/02/2024", None, None),
    ("scraped", "Agustus 2024", None, None),
    # differs: a date-time keeps its own calendar date; dateparser moves it to WIB (or, without a
    # TIMEZONE setting, reads Unix seconds in the machine's zone)
    ("scraped", "2024-11-27T23:30:00-05:00", "2024-11-27", "2024-11-28"),
    # differs: month 13 or a month-first date is not a date; dateparser swaps day and month
    ("scraped", "2024-13-01", None, "2024-01-13"),
    ("scraped", "12/13/2024", None, "2024-12-13"),
    # differs: years outside 1900-2100 in a scraped field are junk
    ("scraped", "1899-01-01", None, "1899-01-01"),
]


@pytest.mark.parametrize(("kind", "text", "mine", "dateparsers"), FORMS,
                         ids=[f"{k}:{t}" for k, t, *_ in FORMS])
def test_each_form_as_the_extractor_and_dateparser_read_it(kind, text, mine, dateparsers):
    assert (ours(kind, text), theirs(kind, text)) == (mine, dateparsers)


def test_the_readme_names_every_form_where_they_differ():
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Dates: own rules, not dateparser"):]
    section = section[:section.index("\n## ")]
    differ = [text for _, text, mine, dateparsers in FORMS if mine != dateparsers]
    assert len(differ) >= 10
    assert [t for t in differ if f"`{t}`" not in section and f", {t}`" not in section] == []


def test_search_dates_in_running_text_dates_bare_years_and_gives_no_offsets():
    """Why parse_dates stays: dateparser's search dates "Pilkada 2024" and gives strings, not spans."""
    from dateparser.search import search_dates

    text = "Pilkada 2024 digelar Rabu (27/11/2024) serentak."
    assert [(d.start, d.end, d.value) for d in parse_dates(text, LEXICON, ANCHOR)] == [(26, 38, "2024-11-27")]
    found = search_dates(text, languages=["id"], settings=TEXT_SETTINGS)
    assert [(s, v.date().isoformat()) for s, v in found] == [("2024", "2024-10-01"),
                                                             ("Rabu (27/11/2024)", "2024-11-27")]
