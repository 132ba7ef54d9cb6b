"""Names: honorifics and degrees split off; capitalised runs found."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.extract.lexicon import load_lexicon
from kg.extract.names import find_names, normalize_person_name
from kg.resources import Resources

LEX = load_lexicon(Resources.default().lexicon)

CASES = [
    ("H. Ahmad Fauzi, S.E., M.Si.", "Ahmad Fauzi"),
    ("Dr. Ir. Budi Santoso, MT", "Budi Santoso"),
    ("Hj. Siti Rahma", "Siti Rahma"),
    ("Tgk. H. Rahmat Hidayat, Lc., M.Ag.", "Rahmat Hidayat"),
    ("Prof. Dr. Yulianto, SE, MA", "Yulianto"),
    ("H M Agus Wijaya", "M Agus Wijaya"),
    ("Rudi Hartono SP", "Rudi Hartono"),
    ("Ir H Andi Malik MP", "Andi Malik"),
    # abbreviated given names stay, without their dot; honorifics go whatever their case
    ("H. Moh. Rudi Hartono", "Moh Rudi Hartono"),
    ("LM. Ardi Saputra", "LM Ardi Saputra"),
    ("Tgh. Rudi Hartono", "Rudi Hartono"),
    ("TGH Rudi Hartono", "Rudi Hartono"),
    # Latin letters with diacritics are letters of a name (Nias names)
    ("M. Ingati Nazara", "M Ingati Nazara"),
    ("Haogösökhi Hulu", "Haogösökhi Hulu"),
]


@pytest.mark.parametrize("raw,name", CASES)
def test_normalize_person_name(raw, name):
    assert normalize_person_name(raw, LEX).name == name


@given(st.text(alphabet=st.characters(whitelist_categories=("Lu", "Ll", "Zs"), max_codepoint=0x17F), max_size=40))
def test_normalize_is_idempotent(raw):
    once = normalize_person_name(raw, LEX).name
    assert normalize_person_name(once, LEX).name == once


def test_find_names_cuts_at_titles_and_days():
    t = "Kata Ketua KPU Budi Santoso pada Senin bersama Rina Wulandari."
    assert [n.name.name for n in find_names(t, 0, len(t), LEX)] == ["Budi Santoso", "Rina Wulandari"]


@given(st.text(max_size=200))
def test_find_names_spans_slice_the_text(text):
    for n in find_names(text, 0, len(text), LEX):
        assert text[n.start:n.end] and 0 <= n.start < n.end <= len(text)


# (text, names found): words and forms that are never a person's name
FIND = [
    # pe-…-an / ke-…-an nominalisations and ministries open no name; short stems stay names
    ("Pelantikan Bupati dan Wakil Bupati digelar besok.", []),
    ("Kejaksaan Tinggi dan Kemendagri hadir.", []),
    ("Hadir Rudi Kelian dan Ardi Pebrian.", ["Rudi Kelian", "Ardi Pebrian"]),
    ("Staf bidang Pengembangan Otsus Rudi Hartono hadir.", ["Rudi Hartono"]),
    # security units and their commanders; a unit's name after its number
    ("Hadir Komandan Korem 132 Tadulako, Kapolda dan Kapolri.", []),
    ("Komandan Korem 031 Wirabima Ardi Saputra hadir.", ["Ardi Saputra"]),
    # honorifics alone are no name; an Arabic article joins its word
    ("Pasangan Rudi Hartono -Tgh. Lalu datang.", ["Rudi Hartono"]),
    ("Yayasan Nurul Al-Hikmah dipimpin Ardi Al-Rasyid.", ["Nurul Al-Hikmah", "Ardi Al-Rasyid"]),
    # a speech verb as the last part of a name, before a dash; not before a clause
    ("1. Cecep Nurul Yakin – Rina Wulandari", ["Cecep Nurul Yakin", "Rina Wulandari"]),
    ("Budi Santoso Yakin menang.", ["Budi Santoso"]),
    # a sentence-initial noun before a demonstrative
    ("Momentum ini penting. Kegiatan tersebut dihadiri Budi Santoso.", ["Budi Santoso"]),
    # the two names of a pair stay apart
    ("Pasangan Rudi Hartono-Ardi Saputra hadir.", ["Rudi Hartono", "Ardi Saputra"]),
    # "Lalu" opens a name inside a sentence before a name word; not at a sentence's start
    ("Ketua KPU, Lalu Budi Santoso, hadir.", ["Lalu Budi Santoso"]),
    ("Lalu Budi pergi ke pasar.", ["Budi"]),
    # secretariats and bureaus are no name words
    ("Karo Humas Setdaprov Riau Ardi Saputra hadir.", ["Karo", "Riau Ardi Saputra"]),
]


@pytest.mark.parametrize(("text", "names"), FIND)
def test_find_names_rules(text, names):
    assert [n.name.name for n in find_names(text, 0, len(text), LEX)] == names


def test_a_name_with_diacritics_is_found_whole():
    text = "Calon wakil bupati Haogösökhi Hulu hadir."
    names = [n.name.name for n in find_names(text, 0, len(text), LEX, [])]
    assert "Haogösökhi Hulu" in names


def test_a_noun_with_the_possessive_suffix_is_no_name():
    """'Ketua Hanura Adam dan Sekretarisnya': his secretary, not a person named Sekretarisnya (nor a pair)."""
    from tests.extract.helpers import claims_of
    text = ("Pilkada Kabupaten Siak 2024. Hadir para ketua parpol pengusung, seperti Ketua Hanura Budi Santoso dan "
            "Sekrertarisnya, Ketua Demokrat Joko Prasetyo dan sekretarisnya.")
    assert not any(t.deputy is not None and t.deputy.name.endswith("nya") for t in claims_of(text).tickets)
    from kg.extract.names import is_name_word
    from tests.extract.helpers import context
    assert not is_name_word("Sekrertarisnya", context().lexicon)
    assert is_name_word("Sonya", context().lexicon)


def test_a_dotted_degree_is_no_name_word():
    from kg.extract.names import is_name_word
    from tests.extract.helpers import context
    assert not is_name_word("S.Pd", context().lexicon) and not is_name_word("M.Si", context().lexicon)
    assert is_name_word("Ma", context().lexicon)
