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
