"""RDF dumps round-trip; GraphML, Gephi CSV and the CLI's export command."""
from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.export import EXPORTERS, export_build


def store_quads(build: Path) -> set:
    """The build's data: every stored quad but the derived union graph (an index, not exported)."""
    from kg.export.rdf import stored_quads
    from kg.graph.store import open_store

    return set(stored_quads(open_store(build)))


@pytest.mark.parametrize("fmt", ["trig", "nquads"])
def test_a_dataset_dump_reads_back_as_the_same_dataset(seed_build, tmp_path, fmt):
    import pyoxigraph

    out = tmp_path / f"dump.{fmt}"
    summary = export_build(fmt, seed_build, out)
    f = pyoxigraph.RdfFormat.TRIG if fmt == "trig" else pyoxigraph.RdfFormat.N_QUADS
    back = set(pyoxigraph.parse(path=str(out), format=f))
    quads = store_quads(seed_build)
    assert back == quads                    # no blank nodes in a build, so equality is isomorphism
    assert f"wrote {len(quads)} quads" in summary


def test_trig_is_isomorphic_graph_by_graph_for_rdflib(seed_build, tmp_path):
    import pyoxigraph
    import rdflib
    from rdflib.compare import isomorphic

    out = tmp_path / "dump.trig"
    export_build("trig", seed_build, out)
    ours = rdflib.Dataset()
    ours.parse(out, format="trig")
    ref = rdflib.Dataset()
    nq = pyoxigraph.serialize(list(store_quads(seed_build)), format=pyoxigraph.RdfFormat.N_QUADS)
    ref.parse(data=nq.decode("utf-8"), format="nquads")
    names = {g.identifier for g in ref.graphs() if len(g)}
    assert names == {g.identifier for g in ours.graphs() if len(g)}
    article_graphs = [n for n in names if "/graph/article/" in str(n)]
    assert article_graphs
    for name in article_graphs:
        assert isomorphic(ours.graph(name), ref.graph(name)), name


def test_turtle_is_the_union_and_jsonld_keeps_every_quad(seed_build, tmp_path):
    import pyoxigraph
    import rdflib

    quads = store_quads(seed_build)
    export_build("turtle", seed_build, tmp_path / "u.ttl")
    triples = {q.triple for q in pyoxigraph.parse(path=str(tmp_path / "u.ttl"), format=pyoxigraph.RdfFormat.TURTLE)}
    assert triples == {q.triple for q in quads}
    export_build("jsonld", seed_build, tmp_path / "d.jsonld")
    ds = rdflib.Dataset()
    ds.parse(tmp_path / "d.jsonld", format="json-ld")
    assert sum(len(g) for g in ds.graphs()) == len(quads)


def test_graphml_reads_back_with_colour_size_and_time(seed_build, tmp_path):
    import networkx as nx

    export_build("graphml", seed_build, tmp_path / "p.graphml", network="person-post")
    g = nx.read_graphml(tmp_path / "p.graphml")
    assert g.number_of_nodes() > 0 and g.number_of_edges() > 0
    for _, a in g.nodes(data=True):
        assert a["type"] in {"person", "post"} and {"r", "g", "b", "size", "label"} <= set(a)
    dated = [a for _, _, a in g.edges(data=True) if "interval" in a]
    assert dated and all(re.fullmatch(r"<\[.*\]>", a["interval"]) for a in dated)


def test_gephi_csv_lists_have_the_spreadsheet_columns(seed_build, tmp_path):
    export_build("nodes-csv", seed_build, tmp_path / "n.csv", network="party-ticket")
    export_build("edges-csv", seed_build, tmp_path / "e.csv", network="party-ticket")
    nodes = list(csv.DictReader((tmp_path / "n.csv").open(encoding="utf-8")))
    edges = list(csv.DictReader((tmp_path / "e.csv").open(encoding="utf-8")))
    assert list(nodes[0])[:3] == ["Id", "Label", "Interval"] and "type" in nodes[0]
    assert list(edges[0])[:8] == ["Source", "Target", "Type", "Kind", "Id", "Label", "Weight", "Interval"]
    ids = {n["Id"] for n in nodes}
    assert all(e["Source"] in ids and e["Target"] in ids for e in edges)
    assert {e["Type"] for e in edges} == {"Undirected"}
    assert all(float(e["Weight"]) >= 1 for e in edges)
    assert all(re.fullmatch(r"<\[\d{4}-\d\d-\d\d, \d{4}-\d\d-\d\d\]>", e["Interval"]) for e in edges if e["Interval"])
    assert {n["type"] for n in nodes} == {"party", "ticket"}


def test_cli_prints_one_summary_line_and_no_progress_off_a_terminal(seed_build, tmp_path):
    out = tmp_path / "p.gexf"
    r = CliRunner().invoke(cli, ["export", "gexf", "--data", str(seed_build), "--out", str(out),
                                 "--network", "party-cobacking"])
    assert r.exit_code == 0, r.output
    lines = r.output.strip().splitlines()
    assert len(lines) == 1 and re.fullmatch(r"wrote \d+ nodes, \d+ edges \(party-cobacking\) as gexf to .*", lines[0])
    assert out.exists() and not list(tmp_path.glob(".*partial"))


def test_cli_binds_network_parameters(seed_build, tmp_path):
    r = CliRunner().invoke(cli, ["export", "edges-csv", "--data", str(seed_build), "--out", str(tmp_path / "e.csv"),
                                 "--param", "party=PDIP"])
    assert r.exit_code == 0, r.output
    edges = list(csv.DictReader((tmp_path / "e.csv").open(encoding="utf-8")))
    assert edges and all(e["Source"].endswith("/party/PDIP") for e in edges)
    r = CliRunner().invoke(cli, ["export", "gexf", "--data", str(seed_build), "--out", str(tmp_path / "x.gexf"),
                                 "--param", "colour=red"])
    assert r.exit_code == 1 and "no parameter 'colour'" in r.output


def test_progress_messages_reach_the_callback(seed_build, tmp_path):
    seen: list[str] = []
    export_build("gexf", seed_build, tmp_path / "p.gexf", progress=seen.append)
    assert any("network query" in m for m in seen) and any(m.startswith("writing") for m in seen)


def test_every_format_is_registered_and_the_cli_offers_it():
    from kg.cli import EXPORT_FORMATS

    assert set(EXPORT_FORMATS) == set(EXPORTERS)


def test_a_missing_build_is_a_one_line_error(tmp_path):
    r = CliRunner().invoke(cli, ["export", "gexf", "--data", str(tmp_path / "none"), "--out", str(tmp_path / "x")])
    assert r.exit_code == 1 and r.output.count("\n") == 1
