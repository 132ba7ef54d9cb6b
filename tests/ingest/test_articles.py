"""Reading articles: encodings, bad input, stable ids."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.errors import InputError
from kg.ingest.articles import article_id_for, iter_article_paths, read_article


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


def test_utf8_article_keeps_text_and_hash(tmp_path):
    p = write(tmp_path, "a.txt", "Judul\nBupati Kutai Timur hadir.".encode())
    a = read_article(p)
    assert a.text == "Judul\nBupati Kutai Timur hadir."
    assert a.title == "Judul" and len(a.sha256) == 64 and a.id == "a"


@pytest.mark.parametrize("data,reason", [
    (b"", "empty"), (b"   \n\t \n", "empty"), (b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", "binary"),
])
def test_bad_articles_raise_one_line_naming_the_file(tmp_path, data, reason):
    p = write(tmp_path, "bad.txt", data)
    with pytest.raises(InputError) as err:
        read_article(p)
    assert str(p) in str(err.value) and reason in str(err.value) and "\n" not in str(err.value)


def test_recoverable_encodings_are_decoded_with_a_warning(tmp_path):
    bom = read_article(write(tmp_path, "bom.txt", "\ufeffKata “Bupati”".encode("utf-8")))
    assert bom.text == "Kata “Bupati”" and bom.warnings
    u16 = read_article(write(tmp_path, "u16.txt", "Wali Kota Medan".encode("utf-16")))
    assert u16.text == "Wali Kota Medan" and u16.warnings
    cp = read_article(write(tmp_path, "cp.txt", "“Kami siap,” kata Ahmad.".encode("cp1252")))
    assert cp.text.startswith("“Kami") and "Windows-1252" in cp.warnings[0]


def test_folder_walk_is_sorted_and_skips_symlink_loops(tmp_path):
    (tmp_path / "b.txt").write_text("B b b", encoding="utf-8")
    (tmp_path / "a.txt").write_text("A a a", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.txt").write_text("C c c", encoding="utf-8")
    (tmp_path / "sub" / "loop").symlink_to(tmp_path, target_is_directory=True)
    names = [p.name for p in iter_article_paths([tmp_path])]
    assert names == ["a.txt", "b.txt", "c.txt"]


@given(st.text(max_size=40))
def test_article_ids_are_iri_safe(name):
    aid = article_id_for(Path((name.replace("/", "_") or "x") + ".txt"))
    assert aid and all(c.isalnum() and c.isascii() or c in "._-" for c in aid)


@settings(max_examples=60)
@given(st.binary(max_size=300))
def test_arbitrary_bytes_raise_only_input_error(tmp_path_factory, data):
    p = tmp_path_factory.mktemp("fuzz") / "x.txt"
    p.write_bytes(data)
    try:
        a = read_article(p)
    except InputError:
        return
    assert a.text.strip()
