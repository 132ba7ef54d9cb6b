"""What the text prints about itself: bylines, datelines and the printed date."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.errors import DataError
from kg.extract.lexicon import load_lexicon
from kg.ingest.metadata import load_byline_rules, text_metadata
from kg.ingest.sentences import load_furniture_patterns, split_sentences
from kg.resources import Resources

LEXICON = load_lexicon(Resources.default().lexicon)
FURNITURE = load_furniture_patterns(Resources.default().lexicon / "furniture.yaml")
BODY = "Pasangan calon bupati dan wakil bupati itu menyampaikan visi dan misi di hadapan warga."


def metadata(text):
    return text_metadata(text, split_sentences(text, FURNITURE), LEXICON)


BYLINES = [
    ("Penulis: Ahmad Ridwan | Editor: Sari Dewi", ("Ahmad Ridwan",), ("Sari Dewi",)),
    ("Pewarta: Budi Santoso", ("Budi Santoso",), ()),
    ("Reporter: Rina Wati dan Ardi Saputra", ("Rina Wati", "Ardi Saputra"), ()),
    ("Editor : Musriadi", (), ("Musriadi",)),
    ("Penulis: Tim Redaksi\nEditor: Sari Dewi, Budi Santoso", ("Tim Redaksi",), ("Sari Dewi", "Budi Santoso")),
    ("Laporan Wartawan Kabarku.co.id Rina Wati", ("Rina Wati",), ()),
    ("Laporan wartawan Kabar banten.com, Rizki Ananda", ("Rizki Ananda",), ()),
    ("oleh Rina Wati diperbarui 26 Sep 2024, 08:00 WIB", ("Rina Wati",), ()),
    ("Rina Wati Saputri - detikNews", ("Rina Wati Saputri",), ()),
    # not bylines: a sentence after a label, a label inside a sentence
    ("Editor: pada Senin lalu kami menerbitkan 3 berita. Lalu pulang.", (), ()),
    ("Ia bekerja sebagai editor: Rina Wati menyebutnya.", (), ()),
]


@pytest.mark.parametrize(("byline", "authors", "editors"), BYLINES)
def test_bylines(byline, authors, editors):
    md = metadata(f"Judul Berita\n{byline}\nSANGATTA – {BODY}\n")
    assert (md.authors, md.editors) == (authors, editors)


DATELINES = [
    ("SANGATTA – ", "SANGATTA", None),
    ("BALIKPAPAN, Inibalikpapan.com – ", "BALIKPAPAN", "Inibalikpapan.com"),
    ("Jakarta, CNN Indonesia -- ", "Jakarta", "CNN Indonesia"),
    ("KOMPAS.com - ", None, "KOMPAS.com"),
    ("TENGGARONG, kaltimtoday.co.id - ", "TENGGARONG", "kaltimtoday.co.id"),
    ("Samarinda (ANTARA) - ", "Samarinda", "ANTARA"),
    ("TRIBUNKALTIM.CO, TENGGARONG - ", "TENGGARONG", "TRIBUNKALTIM.CO"),
    ("Kabupaten Serang, IDN Times - ", "Kabupaten Serang", "IDN Times"),
    ("JAKARTA-", "JAKARTA", None),
    ("Jambi, AP – ", "Jambi", "AP"),
    ("Kabarku.com Aceh Barat: ", "Aceh Barat", "Kabarku.com"),
]


@pytest.mark.parametrize(("dateline", "place", "outlet"), DATELINES)
def test_datelines(dateline, place, outlet):
    text = f"Judul Berita Pilkada\n\n{dateline}{BODY}\n"
    md = metadata(text)
    assert (md.place, md.outlet) == (place, outlet)
    if place:
        assert text[md.place_span[0]:md.place_span[1]] == place
    if outlet:
        assert text[md.outlet_span[0]:md.outlet_span[1]] == outlet
    assert text[md.dateline_span[0]:md.dateline_span[1]] == dateline.strip()


NOT_DATELINES = [
    "Debat Pilkada - Paslon Adu Program Soal Pendidikan dan Kesehatan Warga Desa",  # a headline
    "Pilgub Kepri 2024: Rudi Coblos di Batam, Ansar di Tanjungpinang",             # a headline with a colon
    "Pasangan calon itu menyampaikan visi - misi di hadapan warga desa.",          # a dash inside a sentence
    "Rudi Hartono-Ardi Wijaya (RAW) – Nomor urut 1",                               # a ballot line
]


@pytest.mark.parametrize("line", NOT_DATELINES)
def test_lines_that_are_not_datelines(line):
    md = metadata(f"{line}\n{BODY}\n")
    assert md.place is None and md.dateline_span is None


def test_a_caption_label_above_the_dateline_loses_to_the_dateline_with_an_outlet():
    text = f"Judul\nPROGRAM INTERNET GRATIS - Pasangan itu saat debat di gedung olahraga kota.\n" \
           f"TRIBUNKALTIM.CO, TENGGARONG - {BODY}\n"
    md = metadata(text)
    assert (md.place, md.outlet) == ("TENGGARONG", "TRIBUNKALTIM.CO")


DATES = [
    ("Senin, 28 Oktober 2024 | 10:15 WIB\nJudul\nSANGATTA – " + BODY, "2024-10-28", "Senin, 28 Oktober 2024"),
    ("Judul\nSANGATTA – " + BODY + " Acara itu digelar Rabu (9/4/2025).", "2025-04-09", "Rabu (9/4/2025)"),
    ("Judul\nRapat digelar Rabu 15 November 2023 di Balikpapan.", "2023-11-15", "Rabu 15 November 2023"),
    # a date stamp line wins over an earlier date in the text
    ("Debat 23 November 2024 Digelar\nSabtu, 2 November 2024 09:00 WIB\n" + BODY, "2024-11-02",
     "Sabtu, 2 November 2024"),
]


@pytest.mark.parametrize(("text", "iso", "printed"), DATES)
def test_printed_date(text, iso, printed):
    md = metadata(text)
    assert (md.date, md.date_text, md.inferred) == (iso, printed, True)
    assert text[md.date_span[0]:md.date_span[1]] == printed


def test_no_date_no_inference():
    md = metadata("Judul\n" + BODY)
    assert md.date is None and md.inferred is False


def test_bad_byline_rules_name_the_section(tmp_path: Path):
    path = tmp_path / "bylines.yaml"
    path.write_text("labels: [{pattern: 'penulis(', role: author}]\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_byline_rules(path)
    assert str(path) in str(err.value) and "labels[0]" in str(err.value)
    path.write_text("labels: [{pattern: 'penulis', role: boss}]\n", encoding="utf-8")
    with pytest.raises(DataError, match="labels"):
        load_byline_rules(path)


@given(st.lists(st.sampled_from(list("aB .,:|-–(/)*\n") + ["Penulis:", "Editor:", "SANGATTA", "KOMPAS.com",
                                                           "(ANTARA)", "Senin", "28 Oktober 2024", "(9/4)",
                                                           "Laporan wartawan", "oleh", " dan "]),
                max_size=60).map("".join))
def test_text_metadata_never_raises_and_spans_slice_the_text(text):
    md = metadata(text)
    for span, value in ((md.place_span, md.place), (md.outlet_span, md.outlet), (md.date_span, md.date_text)):
        if span is not None:
            assert 0 <= span[0] <= span[1] <= len(text)
            assert text[span[0]:span[1]] == value
    if md.dateline_span:
        assert 0 <= md.dateline_span[0] < md.dateline_span[1] <= len(text)
