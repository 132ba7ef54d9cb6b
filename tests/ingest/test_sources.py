"""Sources: text files, HTML pages and dump records as one stream of Articles."""
from __future__ import annotations

import hashlib
import json
import os
import pickle
import shutil
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest.articles import MAX_BYTES
from kg.ingest.sources import Skipped, Source, file_source, iter_sources, load_source, record_id, source_kind

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "sources"
ARTICLE = ("SAMARINDA – Pasangan calon nomor urut 1 Pilkada Samarinda 2024 diusung Partai Golkar.\n"
           "\"Kami siap,\" kata Hendra Wirasakti.")


def sources(*inputs: Path) -> list:
    return list(iter_sources(inputs))


def test_fixture_folder_in_sorted_order_with_kinds_locators_and_skips():
    items = sources(FIXTURES)
    rows = [(type(i).__name__, i.locator) for i in items]
    names = [Path(loc.split(":")[0]).name for _, loc in rows]
    assert names == sorted(names)
    kinds = {i.kind for i in items if isinstance(i, Source)}
    assert kinds == {"html", "jsonl", "csv"}
    skipped = {i.locator.replace(str(FIXTURES) + "/", ""): i.message for i in items if isinstance(i, Skipped)}
    assert set(skipped) == {"dump.jsonl:3", "dump.jsonl:7", "no_text.csv"}
    assert skipped["dump.jsonl:7"] == f"same article (URL) as {FIXTURES / 'dump.jsonl'}:1; skipped"


def test_keys_are_unique_and_stable_across_runs():
    first = [i for i in sources(FIXTURES) if isinstance(i, Source)]
    again = [i for i in sources(FIXTURES) if isinstance(i, Source)]
    assert first == again
    assert len({s.key for s in first}) == len(first)
    html = next(s for s in first if s.kind == "html")
    assert html.key == html.path == html.locator and html.record is None
    assert html.sha256 == hashlib.sha256(Path(html.path).read_bytes()).hexdigest()
    rec = next(s for s in first if s.kind == "jsonl")
    assert rec.key == f"{rec.path}#{record_id(rec.record)}"
    canonical = json.dumps(rec.record, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    assert rec.sha256 == hashlib.sha256(canonical.encode()).hexdigest()


def test_sources_pickle_for_worker_processes():
    for s in sources(FIXTURES):
        assert pickle.loads(pickle.dumps(s)) == s


def test_load_html_source_metadata_and_url_id():
    s = next(i for i in sources(FIXTURES / "news_jsonld.html"))
    a = load_source(s)
    assert (a.kind, a.locator, a.path) == ("html", str(FIXTURES / "news_jsonld.html"), s.path)
    assert a.id.startswith("wartakaltim.example-kpu-tetapkan-dua-paslon-pilwali-samarinda-")
    assert a.title == "KPU Tetapkan Dua Paslon Pilwali Samarinda 2024" and a.published == "2024-09-23"
    assert a.outlet == "Warta Kaltim" and a.authors == ("Rahmawati Lestari",) and a.language == "id"
    assert a.sha256 == s.sha256 and not a.published_inferred


def test_same_url_saved_twice_is_one_id_and_page_without_url_uses_stem(tmp_path):
    shutil.copy(FIXTURES / "news_jsonld.html", tmp_path / "a.html")
    shutil.copy(FIXTURES / "news_jsonld.html", tmp_path / "b.HTM")
    shutil.copy(FIXTURES / "truncated.html", tmp_path / "Pj Serang.html")
    items = sources(tmp_path)
    assert [Path(s.path).name for s in items] == ["Pj Serang.html", "a.html", "b.HTM"]
    ids = [load_source(s).id for s in items]
    assert ids[0] == "Pj-Serang" and ids[1] == ids[2]


@pytest.mark.parametrize("name", ["login_wall.html", "index_page.html"])
def test_pages_without_main_text_raise_naming_the_locator(name):
    with pytest.raises(InputError) as err:
        load_source(sources(FIXTURES / name)[0])
    assert err.value.culprit == str(FIXTURES / name) and "no main text" in err.value.message


def test_truncated_page_gives_text():
    a = load_source(sources(FIXTURES / "truncated.html")[0])
    assert a.id == "truncated" and "Ratna Kusumawati dan Imam Fauzi" in a.text and a.published is None


def test_jsonl_records_load_with_metadata_from_aliases():
    items = {i.locator.rsplit(":", 1)[1]: i for i in sources(FIXTURES / "dump.jsonl") if isinstance(i, Source)}
    first = load_source(items["1"])
    assert first.kind == "jsonl" and first.locator == f"{FIXTURES / 'dump.jsonl'}:1"
    assert first.text == items["1"].record["text"] and first.sha256 == items["1"].sha256
    assert first.id.startswith("tribunbalikpapan.example-golkar-dan-gerindra-usung-paslon-nomor-urut-1-")
    assert first.published == "2024-10-14" and first.outlet == "Tribun Balikpapan"
    assert first.authors == ("Andi Saputra",) and first.editors == ("Gita Permatasari",)
    assert first.url == ("https://www.tribunbalikpapan.example/2024/10/14/"
                         "golkar-dan-gerindra-usung-paslon-nomor-urut-1")
    second = load_source(items["2"])
    assert second.authors == ("Lukman Hakim", "Rina Wulandari") and second.published == "2024-10-02"
    html = load_source(items["5"])             # html record: trafilatura text, record metadata wins
    assert html.title == "Dua Paslon Siap Bertarung di Pilbup Kutai Timur" and html.outlet == "Kutim Post"
    assert "Beranda" not in html.text and "Agus Setiawan dan Linda Marlina" in html.text
    assert html.published == "2024-10-01" and html.language == "id"
    undated = load_source(items["6"])
    assert undated.published is None
    assert undated.warnings == ("unparseable date 'kemarin sore' in field 'published'; ignored",)


def test_csv_records_load():
    items = [i for i in sources(FIXTURES / "dump.csv")]
    arts = [load_source(s) for s in items]
    assert [a.locator for a in arts] == [f"{FIXTURES / 'dump.csv'}: record {n}" for n in (1, 2, 3)]
    assert [a.published for a in arts] == ["2024-10-09", "2024-09-24", "2024-10-30"]
    assert arts[2].id.startswith("h-") and len(arts[2].id) == 18 and arts[2].url is None
    assert arts[0].text.count("\n") == 2 and arts[0].kind == "csv"


def test_duplicates_across_dumps_by_url_and_by_text(tmp_path):
    (tmp_path / "a.jsonl").write_text(
        json.dumps({"url": "https://x.example/berita/satu", "text": ARTICLE}) + "\n"
        + json.dumps({"text": "Teks tanpa URL yang sama."}) + "\n", encoding="utf-8")
    (tmp_path / "b.ndjson").write_text(
        json.dumps({"link": "HTTPS://X.example/berita/satu/?utm_source=fb#kolom", "isi": "lain"}) + "\n"
        + json.dumps({"content": "Teks tanpa URL yang sama."}) + "\n", encoding="utf-8")
    items = sources(tmp_path)
    assert [type(i).__name__ for i in items] == ["Source", "Source", "Skipped", "Skipped"]
    assert items[2].message == f"same article (URL) as {tmp_path / 'a.jsonl'}:1; skipped"
    assert items[3].message == f"same article (text) as {tmp_path / 'a.jsonl'}:2; skipped"
    assert items[2].locator == f"{tmp_path / 'b.ndjson'}:1"
    assert items[2].duplicate and items[3].duplicate


def test_records_without_text_or_too_large_are_skipped(tmp_path):
    (tmp_path / "d.jsonl").write_text(
        json.dumps({"title": "tanpa isi", "text": "  "}) + "\n"
        + json.dumps({"text": "x" * (MAX_BYTES + 1)}) + "\n", encoding="utf-8")
    items = sources(tmp_path / "d.jsonl")
    assert all(isinstance(i, Skipped) and not i.duplicate for i in items)
    assert "without text" in items[0].message and "too large" in items[1].message


def test_txt_sources_keep_read_article_behaviour(tmp_path):
    (tmp_path / "a.txt").write_text("Judul\n" + ARTICLE, encoding="utf-8")
    (tmp_path / "B.TXT").write_text("Judul B\n" + ARTICLE, encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("x", encoding="utf-8")
    (tmp_path / "notes.md").write_text("x", encoding="utf-8")
    (tmp_path / "broken.txt").symlink_to(tmp_path / "nowhere")
    items = sources(tmp_path)
    assert [Path(s.path).name for s in items] == ["B.TXT", "a.txt", "broken.txt"]
    a = load_source(items[1])
    assert (a.id, a.kind, a.locator, a.title) == ("a", "txt", str(tmp_path / "a.txt"), "Judul")
    assert a.sha256 == items[1].sha256
    assert items[2].sha256 is None
    with pytest.raises(InputError, match="broken symlink"):
        load_source(items[2])


def test_explicit_file_with_another_suffix_is_text(tmp_path):
    p = tmp_path / "berita.md"
    p.write_text(ARTICLE, encoding="utf-8")
    [s] = sources(p)
    assert s.kind == "txt" and load_source(s).text == ARTICLE
    assert source_kind(Path("X.NDJSON")) == "jsonl" and source_kind(Path("x.Htm")) == "html"


def test_fifo_html_is_reported_on_load_not_hanging(tmp_path):
    os.mkfifo(tmp_path / "pipe.html")
    [s] = sources(tmp_path)
    assert s.sha256 is None
    with pytest.raises(InputError, match="FIFO"):
        load_source(s)


def test_file_source_for_one_article_file(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    assert file_source(p) == Source(key=str(p), path=str(p), kind="txt", locator=str(p),
                                    sha256=hashlib.sha256(p.read_bytes()).hexdigest(), name="a")
    assert file_source(FIXTURES / "wp_local.html").kind == "html"
    with pytest.raises(ValueError):
        file_source(FIXTURES / "dump.jsonl")
