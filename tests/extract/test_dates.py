"""Dates: printed, relative to the article date, and the dates statements and events get."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.extract.dates import date_in, find_relative, parse_dates
from kg.extract.lexicon import load_lexicon
from kg.ingest.dumps import parse_published
from kg.resources import Resources

LEXICON = load_lexicon(Resources.default().lexicon)
ANCHOR = "2024-10-30"          # a Wednesday


RELATIVE = [
    ("kata dia kemarin", "2024-10-29"),
    ("hari ini", "2024-10-30"),
    ("besok", "2024-10-31"),
    ("lusa", "2024-11-01"),
    ("kemarin lusa", "2024-10-28"),
    ("tadi malam", "2024-10-29"),
    ("Senin lalu", "2024-10-28"),
    ("Rabu lalu", "2024-10-23"),
    ("Kamis mendatang", "2024-10-31"),
    ("Rabu depan", "2024-11-06"),
    ("kata X di Semarang, Senin.", "2024-10-28"),
    ("pekan lalu", "2024-10"),
    ("minggu depan", "2024-11"),
    ("bulan lalu", "2024-09"),
    ("bulan depan", "2024-11"),
    ("tahun lalu", "2023"),
    ("akhir November mendatang", "2024-11"),
    ("awal Desember", "2024-12"),
    ("akhir Januari mendatang", "2025-01"),
    ("Desember lalu", "2023-12"),
    ("pertengahan Juli 2025", "2025-07"),
    ("pekan ketiga bulan Juli 2025", "2025-07"),
]


@pytest.mark.parametrize(("text", "value"), RELATIVE)
def test_relative_times_resolve_against_the_article_date(text, value):
    assert [d.value for d in find_relative(text, LEXICON, ANCHOR)] == [value]


@pytest.mark.parametrize("text", [
    "kata Kabag Pemerintahan, Juli Atmadi",     # a month that is a name
    "pada 28 Oktober 2024",                     # a full date is not relative
    "senin",                                     # a weekday in lower case alone
    "Pilkada 2024",
])
def test_not_relative(text):
    assert find_relative(text, LEXICON, ANCHOR) == []


def test_nothing_without_an_anchor():
    assert find_relative("kemarin", LEXICON, None) == []


def test_slash_dates_take_the_anchor_year():
    assert [d.value for d in parse_dates("Senin (28/10)", LEXICON, ANCHOR)] == ["2024-10-28"]


@pytest.mark.parametrize(("text", "value"), [
    ('," kata Rudi, Senin (28/10/2024).', "2024-10-28"),
    ('," kata Rudi kemarin.', "2024-10-29"),
    ('," kata Rudi dalam debat Senin (28/10) malam.', "2024-10-28"),
    ('," ujar Rudi.', None),
])
def test_date_in_prefers_printed_dates(text, value):
    assert date_in(text, LEXICON, ANCHOR, [(0, len(text))]) == value


def test_statements_are_dated_by_their_attribution():
    from tests.extract.helpers import claims_of

    text = ("Judul\nSANGATTA – Debat digelar di Sangatta, Rabu (30/10/2024).\n"
            '"Kami akan membangun jalan desa," kata Rudi Hartono kemarin.\n'
            '"Pendidikan gratis untuk semua anak," ujar Ardi Wijaya, Senin (28/10/2024).\n'
            '"Kami siap melayani warga desa," kata Rudi Hartono.\n'
            '"Besok kami ke Bontang untuk bertemu warga," kata Ardi Wijaya.\n')
    dates = {s.quote[:12]: s.date for s in claims_of(text).statements}
    assert dates == {"Kami akan me": "2024-10-29", "Pendidikan g": "2024-10-28",
                     "Kami siap me": "2024-10-30", "Besok kami k": "2024-10-30"}


def test_a_three_digit_year_is_no_date():
    assert parse_dates("(1/1/024)", LEXICON, ANCHOR) == []


# ------------------------------------------------------------ round trips of the printed forms
NAMES = {n: m for n, m in LEXICON.months.items()}
WEEKDAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
BEFORE = ["", "Debat digelar ", '"Kami siap," kata Rudi, ', "Pada "]
AFTER = ["", ".", " malam.", ", kata dia.", " di Sangatta"]
dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))


def _written(day: dt.date, form: str, name: str, dot: str) -> tuple[str, str]:
    """``day`` in one of the printed forms the extractor reads, and the part of it that is the date."""
    weekday = WEEKDAYS[day.weekday()]
    long = f"{day.day} {name}{dot} {day.year}"
    slash = {"slash": f"({day.day}/{day.month}/{day.year})",
             "slash_padded": f"({day.day:02d}/{day.month:02d}/{day.year})",
             "slash_short": f"({day.day}/{day.month}/{day.year % 100:02d})",
             "slash_no_year": f"({day.day}/{day.month})"}
    if form == "long":
        return long, long
    if form == "long_weekday":
        return f"{weekday}, {long} | 10:15 WIB", long
    return f"{weekday} {slash[form]}", slash[form]


PRINTED_FORMS = ["long", "long_weekday", "slash", "slash_padded", "slash_short", "slash_no_year"]


@given(dates, st.sampled_from(PRINTED_FORMS),
       st.data(), st.sampled_from(BEFORE), st.sampled_from(AFTER))
def test_any_date_written_in_a_printed_form_reads_back_with_its_span(day, form, data, before, after):
    if form == "slash_short":
        day = day.replace(year=2000 + day.year % 100)     # two-digit years are this century's
    name = data.draw(st.sampled_from(sorted(n for n, m in NAMES.items() if m == day.month)))
    name = data.draw(st.sampled_from([name, name.capitalize(), name.upper()]))
    written, date_part = _written(day, form, name, data.draw(st.sampled_from(["", "."])))
    text = before + written + after
    # a year-less date takes the article's year
    anchor = f"{day.year}-06-15" if form == "slash_no_year" else ANCHOR
    found = parse_dates(text, LEXICON, anchor)
    assert [(text[d.start:d.end], d.value) for d in found] == [(date_part, day.isoformat())]


SCRAPED_FORMS = ["iso", "iso_time", "ymd", "dmy_slash", "dmy_dash", "dmy_dot", "words", "epoch"]


@given(dates, st.sampled_from(SCRAPED_FORMS),
       st.data())
def test_any_date_written_in_a_scraped_form_reads_back(day, form, data):
    name = data.draw(st.sampled_from(sorted(n for n, m in NAMES.items() if m == day.month)))
    noon_wib = dt.datetime(day.year, day.month, day.day, 12, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    written = {"iso": day.isoformat(), "iso_time": noon_wib.isoformat(), "ymd": day.strftime("%Y/%m/%d"),
               "dmy_slash": f"{day.day}/{day.month}/{day.year}", "dmy_dash": day.strftime("%d-%m-%Y"),
               "dmy_dot": day.strftime("%d.%m.%Y"),
               "words": f"{WEEKDAYS[day.weekday()]}, {day.day} {name.capitalize()} {day.year} 14:00 WIB",
               "epoch": str(int(noon_wib.timestamp()))}[form]
    if form == "epoch" and not (written.isdigit() and 9 <= len(written) <= 13):
        return                                  # Unix seconds before 1973 are too few digits to tell
    assert parse_published(written) == day.isoformat()
