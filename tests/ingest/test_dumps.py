"""Scraper dumps: JSON Lines and CSV streamed record by record, field aliases, dates."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.ingest.articles import MAX_BYTES
from kg.ingest.dumps import FIELD_ALIASES, Skipped, iter_records, normalize_record, parse_published

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "sources"


def records(path: Path, kind: str) -> list:
    return list(iter_records(path, kind))


def test_jsonl_fixture_records_and_malformed_line_with_its_number():
    items = records(FIXTURES / "dump.jsonl", "jsonl")
    skipped = [i for i in items if isinstance(i, Skipped)]
    good = [i for i in items if not isinstance(i, Skipped)]
    assert [loc.rsplit(":", 1)[1] for loc, _ in good] == ["1", "2", "5", "6", "7"]   # line 4 is blank
    assert len(skipped) == 1 and skipped[0].locator.endswith("dump.jsonl:3")
    assert skipped[0].message.startswith("malformed JSON (Expecting ',' delimiter at column")
    assert skipped[0].message.endswith("; line skipped")
    first = good[0][1]
    assert first["title"].startswith("Golkar dan Gerindra") and first["text"].startswith("BALIKPAPAN")
    assert first["author"] == "Andi Saputra" and first["editor"] == "Gita Permatasari"
    assert first["outlet"] == "Tribun Balikpapan" and first["published"].startswith("Senin, 14 Oktober")
    assert good[1][1]["author"] == "Lukman Hakim; Rina Wulandari"
    assert "html" in good[2][1] and "text" not in good[2][1]


def test_jsonl_non_objects_bad_utf8_and_bom(tmp_path):
    p = tmp_path / "d.jsonl"
    p.write_bytes(b'\xef\xbb\xbf{"text": "satu"}\n[1, 2]\n"teks"\n\n{"text": "\xff"}\n{"isi": "dua"}')
    items = records(p, "jsonl")
    assert items[0] == (f"{p}:1", {"text": "satu"})
    assert items[1] == Skipped(f"{p}:2", "a JSON list, not an object; line skipped")
    assert items[2] == Skipped(f"{p}:3", "a JSON str, not an object; line skipped")
    assert items[3].locator == f"{p}:5" and items[3].message.startswith("not UTF-8")
    assert items[4] == (f"{p}:6", {"text": "dua"})


def test_jsonl_overlong_line_is_skipped_without_reading_it_whole(tmp_path):
    p = tmp_path / "big.jsonl"
    with p.open("w") as fh:
        fh.write(json.dumps({"text": "x" * (9 * MAX_BYTES)}) + "\n")
        fh.write(json.dumps({"text": "kecil"}) + "\n")
    items = records(p, "jsonl")
    assert isinstance(items[0], Skipped) and items[0].locator == f"{p}:1" and "too long" in items[0].message
    assert items[1] == (f"{p}:2", {"text": "kecil"})


def test_csv_fixture_semicolons_multiline_fields_and_record_numbers():
    items = records(FIXTURES / "dump.csv", "csv")
    assert [loc for loc, _ in items] == [f"{FIXTURES / 'dump.csv'}: record {n}" for n in (1, 2, 3)]
    first = items[0][1]
    assert first["text"].count("\n") == 2 and '"Kami sudah meminta' in first["text"]
    assert first["published"] == "09/10/2024" and first["url"] == "https://bantennews.example/bawaslu-serang-apk"
    assert "url" not in items[2][1]


def test_csv_without_text_column_is_one_skip_naming_its_columns():
    items = records(FIXTURES / "no_text.csv", "csv")
    assert len(items) == 1 and isinstance(items[0], Skipped)
    assert items[0].locator == str(FIXTURES / "no_text.csv")
    assert "'id', 'judul', 'tanggal', 'url'" in items[0].message and "\n" not in items[0].message


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_csv_delimiters_and_bom(tmp_path, delimiter):
    p = tmp_path / "d.csv"
    rows = [["Title", "Content", "Date"], ["Satu", "Teks satu,; isi", "2024-01-02"], ["", "", ""],
            ["Dua", "Teks dua", "3/1/2024"]]
    p.write_text("\ufeff" + "\n".join(delimiter.join(f'"{c}"' for c in r) for r in rows) + "\n", encoding="utf-8")
    items = records(p, "csv")
    assert items == [(f"{p}: record 1", {"title": "Satu", "text": "Teks satu,; isi", "published": "2024-01-02"}),
                     (f"{p}: record 2", {"title": "Dua", "text": "Teks dua", "published": "3/1/2024"})]


def test_fifo_and_missing_dumps_are_skipped_not_hanging(tmp_path):
    import os
    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)
    assert "FIFO" in records(fifo, "jsonl")[0].message
    assert "no such file" in records(tmp_path / "gone.csv", "csv")[0].message


def test_aliases_are_case_insensitive_and_first_alias_wins():
    rec = normalize_record({"Content": "isi kedua", "TEXT": "isi utama", "datePublished": "2024-11-27",
                            "Headline": "Judul", "author": {"name": "Budi"}, "views": 10, "Link": None,
                            "permalink": "https://a.example/x", "tags": ["a"]})
    assert rec == {"text": "isi utama", "published": "2024-11-27", "title": "Judul", "author": "Budi",
                   "url": "https://a.example/x"}
    assert normalize_record(rec) == rec
    assert all(a == a.lower() for aliases in FIELD_ALIASES.values() for a in aliases)


@pytest.mark.parametrize("value,expected", [
    ("2024-11-27", "2024-11-27"), ("2024-11-27T23:30:00Z", "2024-11-27"),
    ("2024-11-27T23:30:00-05:00", "2024-11-27"), ("2024-11-27 08:00:00+07:00", "2024-11-27"),
    ("2024/09/24", "2024-09-24"), ("09/10/2024", "2024-10-09"), ("9-10-2024", "2024-10-09"),
    ("1727740800", "2024-10-01"), ("1727740800000", "2024-10-01"),
    ("9 April 2025", "2025-04-09"), ("Rabu, 9 April 2025 14:00 WIB", "2025-04-09"),
    ("Senin, 14 Oktober 2024 09:30 WITA", "2024-10-14"), ("27 Nov 2024", "2024-11-27"),
    ("kemarin sore", None), ("", None), ("2024-13-01", None), ("31/02/2024", None), ("9 Foo 2025", None),
    ("0", None),
])
def test_parse_published(value, expected):
    assert parse_published(value) == expected


@given(st.text(max_size=80))
def test_parse_published_never_raises_and_returns_iso_or_none(value):
    out = parse_published(value)
    assert out is None or dt.date.fromisoformat(out).isoformat() == out
