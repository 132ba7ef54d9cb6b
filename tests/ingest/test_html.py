"""Saved news pages: main text and metadata by trafilatura, pages without main text refused, URL ids."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.errors import InputError
from kg.ingest.html import (
    NO_MAIN_TEXT, article_id_for_url, decode_html_bytes, extract_page, has_main_text, normalize_url,
    read_html_file, split_people,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "sources"


def page(name: str):
    return read_html_file(FIXTURES / name, name)[0]


def test_news_page_metadata_from_opengraph_and_json_ld():
    p = page("news_jsonld.html")
    assert p.title == "KPU Tetapkan Dua Paslon Pilwali Samarinda 2024"
    assert p.published == "2024-09-23"
    assert p.outlet == "Warta Kaltim"
    assert p.authors == ("Rahmawati Lestari",)
    assert p.url == "https://www.wartakaltim.example/read/2024/09/23/kpu-tetapkan-dua-paslon-pilwali-samarinda"
    assert p.language == "id"


def test_news_page_text_is_the_article_one_paragraph_per_line():
    text = page("news_jsonld.html").text
    lines = text.splitlines()
    assert lines[0].startswith("SAMARINDA, Warta Kaltim – Komisi Pemilihan Umum")
    assert any(line.startswith("Pasangan calon nomor urut 1 adalah Hendra Wirasakti") for line in lines)
    assert '"Kami berharap seluruh tahapan berjalan jujur dan adil' in text
    for furniture in ("Beranda", "Indeks Berita", "Terpopuler", "Harga Cabai", "Pedoman Media Siber",
                      "Copyright", "dataLayer", "console.log", "display:flex", "Bagikan", "Salin tautan"):
        assert furniture not in text, furniture


def test_wordpress_page_without_comment_form_or_widgets():
    p = page("wp_local.html")
    assert p.title == "Paslon Daftar ke KPU Kutim, Diusung Lima Partai"
    assert p.published == "2024-08-29" and p.outlet == "Kabar Sangatta"
    assert p.url == "https://kabarsangatta.example/2024/08/29/paslon-daftar-ke-kpu-kutim/"   # as published; ids fold the slash
    assert "diusung Partai Golkar, PKB, PAN, Partai Demokrat dan PPP" in p.text
    for furniture in ("Tinggalkan Balasan", "Alamat email", "Kirim Komentar", "Pos-pos Terbaru",
                      "Banjir Rendam", "Ditenagai oleh WordPress", "Kategori"):
        assert furniture not in p.text, furniture


def test_truncated_page_still_gives_its_text_and_no_invented_date():
    p = page("truncated.html")
    assert "Pasangan calon nomor urut 2, Ratna Kusumawati dan Imam Fauzi" in p.text
    assert p.text.rstrip().endswith("sesuai rekomendasi Ba")
    assert p.published is None and p.url is None and p.outlet == "Banten Pos Daring"


def test_undated_page_does_not_get_todays_date():
    body = "".join(f"<p>Paragraf ke-{i} tentang Pilkada Kutai Timur 2024 dan pasangan calon nomor urut {i} "
                   f"yang diusung Partai Golkar dan PKB di daerah itu.</p>" for i in range(6))
    p = extract_page(f"<html><head><title>Tanpa tanggal</title></head><body><article>{body}</article>"
                     "</body></html>", "x.html")
    assert p.published is None
    assert dt.date.today().isoformat() not in repr(p)


@pytest.mark.parametrize("name", ["login_wall.html", "index_page.html"])
def test_pages_without_main_text_are_refused(name):
    with pytest.raises(InputError) as err:
        page(name)
    assert err.value.message == NO_MAIN_TEXT and err.value.culprit == name


@pytest.mark.parametrize("html", ["", "   ", "<html><body></body></html>", "<html><head><title>x</title></head>",
                                  "<<<>>>", "<p>Singkat.</p>"])
def test_empty_or_broken_pages_are_refused_not_crashing(html):
    with pytest.raises(InputError):
        extract_page(html, "p.html")


def test_nothing_is_printed(capfd):
    with pytest.raises(InputError):
        page("login_wall.html")
    page("news_jsonld.html")
    out, err = capfd.readouterr()
    assert out == "" and err == ""


def test_windows_1252_page_and_meta_charset():
    raw = ("<html><head><meta charset='windows-1252'></head><body>“Pilkada”</body></html>").encode("cp1252")
    text, warnings = decode_html_bytes(raw, "p.html")
    assert "“Pilkada”" in text and "Windows-1252" in warnings[0]
    raw = "<html><head><meta charset=\"koi8-r\"></head><body>Пилкада</body></html>".encode("koi8-r")
    text, warnings = decode_html_bytes(raw, "p.html")
    assert "Пилкада" in text and "koi8" in warnings[0]


def test_has_main_text():
    assert not has_main_text("Beranda\nPolitik\nKPU Tetapkan Dua Paslon Pilwali Samarinda 2024")
    assert has_main_text("SAMARINDA – KPU Kota Samarinda menetapkan dua pasangan calon untuk Pilkada 2024. "
                         "Pasangan nomor urut 1 diusung Partai Golkar dan PKS, pasangan nomor urut 2 diusung "
                         "PDI Perjuangan.")


@pytest.mark.parametrize("value,expected", [
    ("Rahmawati Lestari", ("Rahmawati Lestari",)),
    ("Andi Saputra; Rina Wulandari", ("Andi Saputra", "Rina Wulandari")),
    ("Andi Saputra, Rina Wulandari", ("Andi Saputra", "Rina Wulandari")),
    ("Andi Saputra dan Rina Wulandari", ("Andi Saputra", "Rina Wulandari")),
    ("Budi Santoso, S.Sos.", ("Budi Santoso, S.Sos.",)),
    ("", ()), (None, ()),
])
def test_split_people(value, expected):
    assert split_people(value) == expected


def test_url_ids_are_stable_readable_and_fold_spellings():
    a = article_id_for_url("https://www.Kompas.example/read/2024/09/23/pilkada-samarinda.html?utm_source=x#top")
    b = article_id_for_url("HTTPS://WWW.KOMPAS.EXAMPLE/read/2024/09/23/pilkada-samarinda.html/")
    assert a == b and a.startswith("kompas.example-pilkada-samarinda-") and len(a.rsplit("-", 1)[1]) == 10
    assert article_id_for_url("https://kompas.example/read/2024/09/23/pilkada-samarinda.html?page=2") != a
    assert article_id_for_url("https://kompas.example/") .startswith("kompas.example-")


@given(st.text(max_size=200))
def test_url_ids_are_iri_safe_and_short(url):
    rid = article_id_for_url(url)
    assert rid and len(rid) <= 110
    assert all(c.isascii() and (c.isalnum() or c in "._-") for c in rid)


@given(st.text(max_size=120))
def test_normalize_url_is_idempotent(url):
    once = normalize_url(url)
    assert normalize_url(once) == once
