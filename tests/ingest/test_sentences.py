"""Sentence splitting: offsets into the untouched text, abbreviations, furniture."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.ingest.sentences import load_furniture_patterns, split_sentences
from kg.resources import Resources

FURNITURE = load_furniture_patterns(Resources.default().lexicon / "furniture.yaml")


def texts(text):
    return [text[s.start:s.end] for s in split_sentences(text, FURNITURE)]


def test_splits_at_full_stops_but_not_after_honorifics_or_initials():
    t = "Hadir H. M. Agus Hari Kesuma, S.E. di sana. Dr. Rina berbicara. Ia pulang."
    assert texts(t) == ["Hadir H. M. Agus Hari Kesuma, S.E. di sana.", "Dr. Rina berbicara.", "Ia pulang."]


SPLITS = [
    # abbreviated given names and honorifics, in any case, do not end a sentence
    ("Pasangan Rudi dan LM. Ardi Saputra mendapat nomor urut 1. Ia senang.",
     ["Pasangan Rudi dan LM. Ardi Saputra mendapat nomor urut 1.", "Ia senang."]),
    ("Hadir Moh. Rudi, Muh. Ardi dan Moch. Yusuf. Mereka tiba pagi.",
     ["Hadir Moh. Rudi, Muh. Ardi dan Moch. Yusuf.", "Mereka tiba pagi."]),
    ("Pasangan Tgh. Rudi Hartono-H. Ardi Wijaya didukung PKB. Tgh. Rudi lalu pulang.",
     ["Pasangan Tgh. Rudi Hartono-H. Ardi Wijaya didukung PKB.", "Tgh. Rudi lalu pulang."]),
    ("Ia bekerja di PT. Sinar Jaya Abadi. Lalu pindah.", ["Ia bekerja di PT. Sinar Jaya Abadi.", "Lalu pindah."]),
    # negative: a short capitalised word that is no abbreviation still ends the sentence
    ("Ia pulang ke Riau. Budi menyusul ke Jaya. Ardi tetap di PKB. Rina diam.",
     ["Ia pulang ke Riau.", "Budi menyusul ke Jaya.", "Ardi tetap di PKB.", "Rina diam."]),
]


@pytest.mark.parametrize(("text", "sentences"), SPLITS)
def test_abbreviations_in_names(text, sentences):
    assert texts(text) == sentences


def test_list_numbers_do_not_end_sentences():
    assert texts("2. Nomor urut 2, Budi Santoso-Rina") == ["2. Nomor urut 2, Budi Santoso-Rina"]


def test_furniture_lines_are_marked():
    t = "Berita utama.\nBaca juga: Lain cerita\nPenulis: Tim | Editor: X\nAkhir."
    ss = split_sentences(t, FURNITURE)
    assert [s.furniture for s in ss] == [False, True, True, False]


@given(st.text(max_size=300))
def test_offsets_slice_the_text_and_never_overlap(text):
    last = 0
    for s in split_sentences(text, FURNITURE):
        assert 0 <= last <= s.start < s.end <= len(text)
        assert text[s.start:s.end] == text[s.start:s.end].strip()
        last = s.end
