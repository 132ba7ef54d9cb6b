"""The build: per-article isolation, atomic output, the report."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from kg.errors import StoreError
from kg.graph.store import build_lock, open_store, resolve_build_dir
from kg.build import build
from kg.resources import Resources

ARTICLES = Resources.default().articles


@pytest.fixture(scope="module")
def seed_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("seed") / "graph"
    report = build([ARTICLES], out, on_error="raise")
    return out, report


def test_seed_build_has_one_graph_per_article_and_a_report(seed_build):
    out, report = seed_build
    assert report.articles_seen == 5 and report.articles_built == 5 and report.conforms
    store = open_store(out)
    graphs = {g.value for g in store.named_graphs()}
    assert sum(1 for g in graphs if "/graph/article/" in g) == 5
    assert any(g.endswith("/graph/reference") for g in graphs)
    folder = resolve_build_dir(out)
    assert (folder / "graph.trig").stat().st_size > 0
    data = json.loads((folder / "build-report.json").read_text())
    assert data["articles_built"] == 5 and data["conforms"] is True


def test_every_fact_has_evidence_that_slices_the_article(seed_build):
    out, _ = seed_build
    store = open_store(out)
    q = """PREFIX pk: <https://w3id.org/pilkada-kg/ns#> PREFIX prov: <http://www.w3.org/ns/prov#>
    SELECT ?file ?s ?e ?t WHERE { ?x prov:wasDerivedFrom ?ev . ?ev pk:article ?a ; pk:startOffset ?s ;
      pk:endOffset ?e ; pk:quotedText ?t . ?a pk:fileName ?file }"""
    rows = list(store.query(q, use_default_graph_as_union=True))
    assert rows
    for r in rows:
        text = (ARTICLES / r["file"].value).read_text(encoding="utf-8")
        assert text[int(r["s"].value):int(r["e"].value)] == r["t"].value


def test_bad_articles_are_skipped_and_the_rest_is_built(tmp_path):
    src = tmp_path / "src"
    shutil.copytree(ARTICLES, src)
    (src / "empty.txt").write_bytes(b"")
    (src / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    report = build([src], tmp_path / "out")
    assert report.articles_built == 5
    skipped = {Path(p.path).name for p in report.skipped}
    assert skipped == {"empty.txt", "image.txt"}
    assert all("\n" not in p.line() for p in report.problems)


def test_a_failed_build_leaves_the_previous_build_unchanged(tmp_path, monkeypatch):
    out = tmp_path / "out"
    src = tmp_path / "src"
    shutil.copytree(ARTICLES, src)
    build([src], out)
    first = sorted(src.glob("*.txt"))[0]
    first.write_text(first.read_text(encoding="utf-8") + "\nTambahan.", encoding="utf-8")  # must be redone
    before = resolve_build_dir(out)
    trig = (before / "graph.trig").read_bytes()

    import kg.build.article as article_step

    def boom(*a, **k):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(article_step, "run_batch", boom)
    with pytest.raises(RuntimeError):
        build([src], out)
    assert resolve_build_dir(out) == before and (before / "graph.trig").read_bytes() == trig
    assert [p.name for p in (out / "builds").iterdir()] == [before.name]


def test_a_second_build_into_the_same_folder_is_refused_while_one_runs(tmp_path):
    out = tmp_path / "out"
    with build_lock(out):
        with pytest.raises(StoreError) as err:
            build([ARTICLES], out)
    assert "another build" in str(err.value)


def test_missing_or_foreign_build_folder_is_a_one_line_error(tmp_path):
    with pytest.raises(StoreError) as err:
        open_store(tmp_path / "nothing")
    assert "kg build" in str(err.value)
    (tmp_path / "other").mkdir()
    with pytest.raises(StoreError):
        open_store(tmp_path / "other")


def test_an_unchanged_rebuild_reuses_every_article_and_gives_the_same_graph(tmp_path):
    src = tmp_path / "src"
    shutil.copytree(ARTICLES, src)
    out = tmp_path / "out"
    first = build([src], out)
    trig1 = (resolve_build_dir(out) / "graph.trig").read_bytes()
    again = build([src], out)
    assert again.reused == 5 and again.articles_built == 5 and again.quads == first.quads
    assert (resolve_build_dir(out) / "graph.trig").read_bytes() == trig1


def test_a_changed_article_is_redone_and_a_removed_one_disappears(tmp_path):
    import pyoxigraph

    src = tmp_path / "src"
    shutil.copytree(ARTICLES, src)
    out = tmp_path / "out"
    build([src], out)
    files = sorted(src.glob("*.txt"))
    files[0].write_text(files[0].read_text(encoding="utf-8") + "\nTambahan.", encoding="utf-8")
    files[1].unlink()
    report = build([src], out)
    assert report.reused == 3 and report.articles_built == 4
    store = open_store(out)
    graphs = {g.value.rsplit("/", 1)[-1] for g in store.named_graphs() if "/graph/article/" in g.value}
    assert files[1].stem not in graphs and files[0].stem in graphs
    # the TriG dump holds exactly what the store holds
    dump = pyoxigraph.Store()
    dump.load(path=str(resolve_build_dir(out) / "graph.trig"), format=pyoxigraph.RdfFormat.TRIG)
    from kg import vocab

    derived = {vocab.UNION_GRAPH, vocab.CONSOLIDATED_GRAPH}
    assert len(dump) == sum(1 for q in store if q.graph_name.value not in derived)
