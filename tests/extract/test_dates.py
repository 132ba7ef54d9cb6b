"""Dates: printed, relative to the article date, and the dates statements and events get."""
from __future__ import annotations

import pytest

from kg.extract.dates import date_in, find_relative, parse_dates
from kg.extract.lexicon import load_lexicon
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
