"""A mixed folder (a text file twice, a saved page, a JSONL and a CSV dump) built end to end.

The fixtures in ``tests/fixtures/mixed`` are written for these tests in the
shapes of real Indonesian news: a Kaltimkece-style page with navigation,
byline, a "Baca juga" line naming a ticket of another region, a capitalised
photo caption and a copyright footer; the same story syndicated by another
outlet in a JSONL dump (another headline and dateline); a record repeated
under the same URL (with a tracking parameter); a malformed line; a record
with an unparseable date; and a bundled article saved twice.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyoxigraph
import pytest

from kg import vocab
from kg.build import build
from kg.query.service import run_saved

MIXED = Path(__file__).parent / "fixtures" / "mixed"
PREFIXES = "".join(f"PREFIX {k}: <{v}>\n" for k, v in vocab.PREFIXES.items())


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    work = tmp_path_factory.mktemp("mixed")
    src = work / "in"
    shutil.copytree(MIXED, src)
    report = build([src], work / "out", jobs=1)
    return work, report


def store_of(work: Path) -> pyoxigraph.Store:
    return pyoxigraph.Store.read_only(str((work / "out" / "current" / "store").resolve()))


def select(store: pyoxigraph.Store, query: str) -> list[tuple[str, ...]]:
    from kg.query.run import dataset_of

    rows = store.query(PREFIXES + query, **dataset_of(store))
    return sorted(tuple("" if v is None else v.value for v in row) for row in rows)


def lines(report: object) -> list[str]:
    return [p.line() for p in report.problems]  # type: ignore[attr-defined]


def test_every_input_form_becomes_articles(built: tuple[Path, object]) -> None:
    work, report = built
    store = store_of(work)
    formats = select(store, "SELECT ?f (COUNT(?a) AS ?n) WHERE { ?a a pk:Article ; dcterms:format ?f } GROUP BY ?f")
    assert dict(formats) == {"text/plain": "1", "text/html": "1", "application/jsonl": "3", "text/csv": "1"}
    assert report.conforms  # type: ignore[attr-defined]


def test_page_metadata_is_in_the_graph(built: tuple[Path, object]) -> None:
    store = store_of(built[0])
    rows = select(store, """
        SELECT ?url ?headline ?date ?outlet ?domain ?author ?editor WHERE {
          ?a dcterms:format "text/html" ; schema:url ?url ; schema:headline ?headline ;
             schema:datePublished ?date ; schema:publisher ?o ; schema:author ?au ; schema:editor ?ed .
          ?o rdfs:label ?outlet ; pk:domain ?domain .
          ?au rdfs:label ?author . ?ed rdfs:label ?editor .
          FILTER NOT EXISTS { ?a pk:dateInferred true } }""")
    assert rows == [("https://kaltimkece.id/warta/politik/kpu-paser-tetapkan-nomor-urut-paslon",
                     "KPU Paser Tetapkan Nomor Urut Paslon Pilkada 2024", "2024-09-23", "Kaltimkece",
                     "kaltimkece.id", "Rahmawati Sari", "Bambang Irawan")]


def test_record_metadata_and_dateline_region(built: tuple[Path, object]) -> None:
    store = store_of(built[0])
    rows = select(store, """
        SELECT ?date ?outlet ?place ?code WHERE {
          ?a schema:url ?u ; schema:datePublished ?date ; schema:publisher/rdfs:label ?outlet ;
             pk:datelinePlace ?place ; schema:locationCreated/pk:kemendagriCode ?code .
          FILTER(CONTAINS(STR(?u), "samarindapos")) }""")
    assert rows == [("2024-10-08", "Samarinda Terkini", "SAMARINDA", "64.72")]


def test_a_date_printed_in_the_text_is_taken_and_flagged(built: tuple[Path, object]) -> None:
    store = store_of(built[0])
    rows = select(store, """SELECT ?date WHERE { ?a pk:fileName "seed.txt" ; schema:datePublished ?date ;
                                                  pk:dateInferred true }""")
    assert len(rows) == 1 and rows[0][0].startswith("20")


def test_relative_dates_are_anchored_to_the_article_date(built: tuple[Path, object]) -> None:
    store = store_of(built[0])
    rows = select(store, """SELECT ?d WHERE { ?s a pk:Statement ; pk:text ?t ; pk:statementDate ?d .
                                              FILTER(CONTAINS(STR(?t), "ASN wajib netral")) }""")
    assert rows == [("2024-10-07",)]       # "kemarin" in an article of 2024-10-08


def test_no_fact_comes_from_page_furniture(built: tuple[Path, object]) -> None:
    store = store_of(built[0])
    assert select(store, """SELECT ?p WHERE { ?p a pk:Person ; foaf:name ?n .
                                              FILTER(CONTAINS(?n, "Lukman") || CONTAINS(?n, "Rahmat Hidayat")) }""") == []
    furniture = select(store, """SELECT ?q WHERE { ?e a pk:Evidence ; pk:quotedText ?q .
        FILTER(REGEX(?q, "^(Baca juga|Ikuti berita|Penulis|Sumber|©)|FOTO:", "i")) }""")
    assert furniture == []


def test_the_same_article_twice_is_one(built: tuple[Path, object]) -> None:
    work, report = built
    store = store_of(work)
    names = select(store, "SELECT ?f WHERE { ?a a pk:Article ; pk:fileName ?f . FILTER(STRSTARTS(?f, 'seed')) }")
    assert len(names) == 1
    assert any(line.startswith("duplicate:") and "seed" in line for line in lines(report))
    urls = select(store, "SELECT ?a WHERE { ?a schema:url ?u . FILTER(CONTAINS(STR(?u), 'pj-wali-kota')) }")
    assert len(urls) == 1                  # the same URL (a tracking parameter aside) in two records


def test_a_syndicated_copy_is_linked_and_not_counted_twice(built: tuple[Path, object]) -> None:
    store = store_of(built[0])
    copies = select(store, """SELECT ?cu ?ou WHERE { ?c pk:copyOf ?o . ?c schema:url ?cu . ?o schema:url ?ou }""")
    assert copies == [("https://www.niaga.asia/kpu-paser-undi-nomor-urut/",
                       "https://kaltimkece.id/warta/politik/kpu-paser-tetapkan-nomor-urut-paslon")]
    tickets = run_saved(store, "tickets", {"region": "Paser"})
    assert sorted(r["number"] for r in tickets.values()) == ["1", "2"]      # once each, not twice
    articles = {r["source"]: r for r in run_saved(store, "articles", {}).values()}
    copy = articles["https://www.niaga.asia/kpu-paser-undi-nomor-urut/"]
    assert copy["facts"] == "0" and copy["copy_of"]
    assert int(articles["https://kaltimkece.id/warta/politik/kpu-paser-tetapkan-nomor-urut-paslon"]["facts"]) > 0


def test_bad_records_get_one_line_each_and_the_rest_is_built(built: tuple[Path, object]) -> None:
    text = "\n".join(lines(built[1]))
    assert "dump.jsonl:3" in text and "JSON" in text
    assert "unparseable date" in text and "kapan-kapan" in text
    store = store_of(built[0])
    assert select(store, "SELECT ?a WHERE { ?a schema:url ?u . FILTER(CONTAINS(STR(?u), 'berau')) }")


def test_single_outlet_facts_names_each_outlet(built: tuple[Path, object]) -> None:
    store = store_of(built[0])
    rows = run_saved(store, "single-outlet-facts", {"kind": "Ticket"}).values()
    outlets = {r["outlet"] for r in rows}
    assert "Kaltimkece" in outlets and "Niaga.Asia" not in outlets


def test_a_dump_that_gains_records_redoes_only_those(built: tuple[Path, object], tmp_path: Path) -> None:
    work = tmp_path
    src = work / "in"
    shutil.copytree(MIXED, src)
    build([src], work / "out", jobs=1)
    before = json.loads((work / "out" / "current" / "manifest.json").read_text(encoding="utf-8"))["articles"]
    with open(src / "dump.jsonl", "a", encoding="utf-8") as f:
        for i in range(3):
            f.write(json.dumps({"url": f"https://baru.example/{i}", "title": f"Berita {i}", "outlet": "Baru",
                                "text": f"KUTAI BARAT – Pasangan calon nomor urut {i + 1} Pilkada Kutai Barat 2024, "
                                        f"Nama Satu{i} dan Nama Dua{i}, diusung Partai Golkar."}) + "\n")
    report = build([src], work / "out", jobs=1)
    assert report.reused == len(before)          # every earlier record and file is reused: only 3 are new
    after = json.loads((work / "out" / "current" / "manifest.json").read_text(encoding="utf-8"))["articles"]
    assert len(after) == len(before) + 3
    store = store_of(work)
    assert len(select(store, "SELECT ?a WHERE { ?a schema:url ?u . FILTER(CONTAINS(STR(?u), 'baru.example')) }")) == 3


def test_a_copy_whose_original_goes_away_gets_its_facts_back(tmp_path: Path) -> None:
    src = tmp_path / "in"
    shutil.copytree(MIXED, src)
    build([src], tmp_path / "out", jobs=1)
    (src / "paser-kaltimkece.html").unlink()
    report = build([src], tmp_path / "out", jobs=1)
    assert report.reused >= 4                    # the others are reused; the copy is redone
    store = store_of(tmp_path)
    assert select(store, "SELECT ?c WHERE { ?c pk:copyOf ?o }") == []
    tickets = run_saved(store, "tickets", {"region": "Paser"})
    assert sorted(r["number"] for r in tickets.values()) == ["1", "2"]   # now from the Niaga.Asia record


def test_an_earlier_copy_added_later_becomes_the_original(tmp_path: Path) -> None:
    src = tmp_path / "in"
    shutil.copytree(MIXED, src)
    build([src], tmp_path / "out", jobs=1)
    page = (src / "paser-kaltimkece.html").read_text(encoding="utf-8")
    (src / "paser-early.html").write_text(
        page.replace("kaltimkece.id/warta/politik/kpu-paser-tetapkan-nomor-urut-paslon", "kaltimtoday.co/paser-nomor-urut")
            .replace("Kaltimkece", "Kaltimtoday").replace("2024-09-23T10:05", "2024-09-22T20:00"), encoding="utf-8")
    build([src], tmp_path / "out", jobs=1)
    store = store_of(tmp_path)
    rows = select(store, "SELECT ?cu ?ou WHERE { ?c pk:copyOf ?o . ?c schema:url ?cu . ?o schema:url ?ou }")
    assert {o for _, o in rows} == {"https://kaltimtoday.co/paser-nomor-urut"} and len(rows) == 2
    tickets = run_saved(store, "tickets", {"region": "Paser"})
    assert sorted(r["number"] for r in tickets.values()) == ["1", "2"]
