"""Page furniture: a rule table of invented lines, inline runs, and bad rule files."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.errors import DataError
from kg.ingest.furniture import Furniture, load_furniture_patterns
from kg.ingest.sentences import split_sentences
from kg.resources import Resources

FURNITURE = load_furniture_patterns(Resources.default().lexicon / "furniture.yaml")

IS_FURNITURE = [
    "Baca juga: Dua Paslon Adu Program di Debat Kedua",
    "Baca Juga:Rudi Tegaskan Netralitas ASN",
    "Ikuti berita populer lainnya di Google News, Channel WA, dan Telegram.",
    "Dapatkan update berita pilihan dan breaking news setiap hari dari Kabarku.com di WhatsApp",
    "Simak breaking news dan berita pilihan kami langsung di ponselmu.",
    "Tinggalkan Balasan",
    "Alamat email Anda tidak akan dipublikasikan. Ruas yang wajib ditandai *",
    "Komentar *",
    "Nama *",
    "Email *",
    "Situs Web",
    "Simpan nama, email, dan situs web saya pada peramban ini untuk komentar saya berikutnya.",
    "Kirim Komentar",
    "Posting Komentar",
    "Foto: Rina Wati/Kabarku.com",
    "(FOTO: ANTARA/Budi Santoso)",
    "Ilustrasi.",
    "Ilustrasi kotak suara Pilkada 2024. (Dok. Kabarku)",
    "CALON BUPATI LEMBAH HIJAU RUDI HARTONO SAAT DEBAT PUBLIK. (FOTO: KABARKU/ARDI)",
    "SUASANA RAPAT PLENO TERBUKA PENETAPAN PASANGAN CALON DI KANTOR KPU",
    "Gedung Komisi Pemilihan Umum (KPU). KABARKU/Rina Wati",
    "Surat suara pilkada (KABARKU FOTO/Rina Wati)",
    "© 2024 Kabarku.com",
    "Copyright © 2024 Kabarku Media. All rights reserved.",
    "Hak cipta dilindungi undang-undang.",
    "Sumber: Kabarku.com",
    "Sumber : Antara",
    "Bagikan:",
    "Share:",
    "Facebook Twitter WhatsApp Telegram Salin Link",
    "Salin tautan",
    "Editor: Sari Dewi",
    "Penulis: Ahmad Ridwan | Editor: Sari Dewi",
    "Pewarta: Budi Santoso",
    "Reporter: Rina Wati",
    "Advertisement",
    "Scroll to continue with content",
    "Halaman selanjutnya",
    "Tag: Pilkada 2024, KPU",
    "Topik: Pilkada Serentak",
    "Senin, 28 Oktober 2024 | 10:15 WIB",
    "Rabu, 09 Des 2020 06:34 WIB",
    "• Ukuran Font: - +",
    "Home Top Ad",
    "(*)",
]

NOT_FURNITURE = [
    "SANGATTA – Pasangan calon Bupati Lembah Hijau nomor urut 1 menyampaikan visi dan misi.",
    "JAKARTA-Komisi Pemilihan Umum (KPU) menetapkan dua pasangan calon.",
    "Sumber daya manusia menjadi perhatian kedua pasangan calon dalam debat.",
    "Sumber dana kampanye pasangan itu berasal dari sumbangan partai.",
    "Editorial media lokal menyoroti netralitas ASN.",
    "Ia meminta warga membaca juga visi misi setiap pasangan.",
    "Menurut Rudi, foto kegiatan itu beredar luas di media sosial.",
    "Namun demikian, jika memang akan melakukan mutasi harus berkonsultasi ke Kabupaten/Kota.",
    "1. NOMOR URUT 1 RUDI HARTONO DAN ARDI WIJAYA DIUSUNG PDIP DAN GOLKAR",
    "Paslon nomor urut 2, Rudi Hartono-Ardi Wijaya, didukung PKS dan Demokrat.",
    "Share pemilih muda mencapai 40 persen, kata Rudi.",
    "Komentar Rudi itu ditanggapi Ardi dalam debat.",
]


@pytest.mark.parametrize("line", IS_FURNITURE)
def test_furniture_lines(line):
    assert FURNITURE.is_furniture_line(line, first=False), line


@pytest.mark.parametrize("line", NOT_FURNITURE)
def test_news_lines_are_not_furniture(line):
    assert not FURNITURE.is_furniture_line(line, first=False), line


def test_a_headline_in_capitals_on_the_first_line_is_not_a_caption():
    text = "RUDI HARTONO RESMI DAFTAR KE KPU LEMBAH HIJAU\nSANGATTA – Rudi mendaftar. Ia datang pagi.\n" \
           "SUASANA PENDAFTARAN DI KANTOR KPU LEMBAH HIJAU\n"
    assert [s.furniture for s in split_sentences(text, FURNITURE)] == [False, False, False, True]


def test_search_keeps_the_old_contract():
    assert FURNITURE.search("Baca juga: X")
    assert not FURNITURE.search("Pasangan calon mendaftar ke KPU.")


def test_inline_run_at_the_end_of_a_paragraph_is_cut_off_and_marked():
    text = 'Rudi hadir di debat. "Kami siap," kata Rudi. Baca juga: Ardi Tegaskan Komitmen. Lagi.\nAkhir.'
    ss = split_sentences(text, FURNITURE)
    parts = [(text[s.start:s.end], s.furniture) for s in ss]
    assert parts == [("Rudi hadir di debat.", False), ('"Kami siap," kata Rudi.', False),
                     ("Baca juga: Ardi Tegaskan Komitmen. Lagi.", True), ("Akhir.", False)]


def test_a_credit_after_a_quotation_marks_only_the_bracket():
    text = '“Tapi siapa saja boleh mendaftar,” sambungnya. (Ed/Red)\nAkhir.'
    parts = [(text[s.start:s.end], s.furniture) for s in split_sentences(text, FURNITURE)]
    assert parts == [('“Tapi siapa saja boleh mendaftar,” sambungnya.', False), ("(Ed/Red)", True),
                     ("Akhir.", False)]
    # a caption without a quotation stays furniture as a whole
    assert FURNITURE.is_furniture_line("Suasana rapat pleno di kantor KPU. (Ed/Red)", first=False)


def test_advertisement_inside_a_paragraph_is_its_own_marked_sentence():
    text = "Rudi hadir. ADVERTISEMENT SCROLL TO CONTINUE WITH CONTENT Ia datang pagi."
    parts = [(text[s.start:s.end], s.furniture) for s in split_sentences(text, FURNITURE)]
    assert parts == [("Rudi hadir.", False), ("ADVERTISEMENT SCROLL TO CONTINUE WITH CONTENT", True),
                     ("Ia datang pagi.", False)]


def test_a_plain_pattern_still_works():
    import re
    ss = split_sentences("Baca juga: X\nBerita.", re.compile("^baca", re.IGNORECASE))
    assert [s.furniture for s in ss] == [True, False]


@pytest.mark.parametrize(("yaml_text", "message"), [
    ("line_prefixes: ['baca(']\n", "section 'line_prefixes': entry 0"),
    ("whole_lines: ['x']\n", "line_prefixes"),
    ("line_prefixes: ['a']\nwhole_lines: ['ok', 3]\n", "section 'whole_lines': entry 1"),
    ("line_prefixes: ['a']\ncaptions: {credit_suffixes: ['(']}\n", "captions.credit_suffixes"),
    ("line_prefixes: ['a']\ncaptions: {all_caps: {except: ['[']}}\n", "captions.all_caps.except"),
    ("line_prefixes: ['a']\ncaptions: {max_words: -1}\n", "max_words"),
    ("line_prefixes: ['a']\ninline_runs: ['(?<=a+)b']\n", "inline_runs"),
    ("- a\n", "mapping"),
])
def test_bad_rules_name_the_file_section_and_entry(tmp_path: Path, yaml_text, message):
    path = tmp_path / "furniture.yaml"
    path.write_text(yaml_text, encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_furniture_patterns(path)
    assert str(path) in str(err.value) and message in str(err.value)


def test_rules_pickle_for_worker_processes():
    import pickle
    again = pickle.loads(pickle.dumps(FURNITURE))
    assert isinstance(again, Furniture) and again.search("Baca juga: X")


@given(st.lists(st.sampled_from(list("aB .!?\"”:-–\n(/)*©") + ["Baca juga: ", "FOTO", "Ilustrasi", "ADVERTISEMENT",
                                                                  "SCROLL TO CONTINUE WITH CONTENT", "TEMPO/Rudi"]),
                max_size=60).map("".join))
def test_furniture_never_breaks_offsets(text):
    last = 0
    for s in split_sentences(text, FURNITURE):
        assert 0 <= last <= s.start < s.end <= len(text)
        assert text[s.start:s.end] == text[s.start:s.end].strip()
        last = s.end
