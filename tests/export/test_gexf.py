"""GEXF 1.3 exports: schema-valid, and read back by networkx and by graphology-gexf (Gephi Lite's parser)."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from kg.export import export_build
from kg.export.gexf import GEXF_NS, VIZ_NS
from kg.export.network import COLOURS, network_from_table
from kg.query.run import Table, Term

from .conftest import NETWORKS
from .helpers import graphology_read

SCHEMA = Path(__file__).resolve().parent / "schema" / "gexf-1.3" / "gexf.rng"
KINDS = {"party-ticket": {"party", "ticket"}, "party-cobacking": {"party"}, "person-post": {"person", "post"},
         "speaker-theme": {"person", "theme"}}


def rng_errors(path: Path) -> list[str]:
    from lxml import etree

    schema = etree.RelaxNG(etree.parse(str(SCHEMA)))
    ok = schema.validate(etree.parse(str(path)))
    return [] if ok else [str(e) for e in schema.error_log]


@pytest.mark.parametrize("name", NETWORKS)
def test_every_network_is_valid_gexf_1_3(gexf_files, name):
    path = gexf_files[name]
    root = ET.parse(path).getroot()
    assert root.tag == f"{{{GEXF_NS}}}gexf" and root.get("version") == "1.3"
    assert rng_errors(path) == []
    text = path.read_text(encoding="utf-8")
    assert 'xmlns:viz="http://gexf.net/1.3/viz"' in text and "1.2draft" not in text


def test_the_schema_check_rejects_networkx_1_2draft_output(tmp_path):
    import networkx as nx

    g = nx.Graph()
    g.add_edge("a", "b", weight=1.0)
    nx.write_gexf(g, tmp_path / "old.gexf")
    assert rng_errors(tmp_path / "old.gexf")


@pytest.mark.parametrize("name", NETWORKS)
def test_networkx_reads_back_types_labels_and_weights(gexf_files, seed_build, name):
    import networkx as nx

    from kg.export.network import load_network

    net = load_network(seed_build, name)
    g = nx.read_gexf(gexf_files[name])
    assert g.number_of_nodes() == net.nodes > 0
    assert g.number_of_edges() == net.edges > 0
    for node, attrs in net.graph.nodes(data=True):
        back = g.nodes[node]
        assert back["type"] == attrs["type"] and back["label"] == attrs["label"]
        assert back["viz"]["size"] == pytest.approx(attrs["size"])
    if name in KINDS:
        assert {a["type"] for _, a in g.nodes(data=True)} == KINDS[name]
    total = sum(w for _, _, w in g.edges(data="weight"))
    assert total == pytest.approx(sum(w for _, _, w in net.graph.edges(data="weight")))


def test_party_ticket_edges_have_year_spells_and_colours(gexf_files):
    import networkx as nx

    g = nx.read_gexf(gexf_files["party-ticket"])
    kutim = [(s, t, a) for s, t, a in g.edges(data=True) if "/ticket/64.08/2024/" in s + t]
    assert kutim, "the seed articles back Kutai Timur 2024 tickets"
    for _, _, a in kutim:
        assert a["start"] == "2024-01-01" and a["end"] == "2024-12-31"
        assert a["label"] in {"pengusung", "pendukung", "backs"} and a["weight"] == 1.0
    pdip = g.nodes["https://w3id.org/pilkada-kg/id/party/PDIP"]
    assert pdip["type"] == "party" and pdip["party"] == "PDIP"
    assert (pdip["viz"]["color"]["r"], pdip["viz"]["color"]["g"], pdip["viz"]["color"]["b"]) == (0xd7, 0x14, 0x1a)
    ticket = g.nodes[kutim[0][1] if "/ticket/" in kutim[0][1] else kutim[0][0]]
    assert (ticket["viz"]["color"]["r"], ticket["viz"]["color"]["g"], ticket["viz"]["color"]["b"]) == COLOURS["ticket"]
    # the time as plain attributes too (for readers without a time model): networkx reads them beside the spells
    for _, _, a in kutim:
        assert (a["first_year"], a["last_year"]) == (2024, 2024)
        assert a["interval"] == "<[2024-01-01, 2024-12-31]>"


def test_person_post_holdings_replay_terms_as_spells(gexf_files):
    import networkx as nx

    g = nx.read_gexf(gexf_files["person-post"])
    person = "https://w3id.org/pilkada-kg/id/person/kasmidi-bulang"
    post = "https://w3id.org/pilkada-kg/id/post/wakil-bupati/64.08"
    edge = g.edges[person, post]
    assert edge["spells"] == [("2016-01-01", "2020-12-31"), ("2021-01-01", "2024-12-31")]
    assert edge["weight"] == 2.0 and edge["qualifier"] == "Definitif"
    acting = [a for _, _, a in g.edges(data=True) if a["label"].startswith("holds as ")]
    assert acting and all(a["qualifier"] in {"Plt", "Pj", "Pjs", "Plh"} for a in acting)
    root = ET.parse(gexf_files["person-post"]).getroot()
    graph = root.find(f"{{{GEXF_NS}}}graph")
    assert graph.get("mode") == "dynamic" and graph.get("timeformat") == "date"
    assert graph.get("timerepresentation") == "interval"


@pytest.mark.parametrize("name", NETWORKS)
def test_graphology_gexf_reads_every_network(gexf_files, seed_build, name):
    from kg.export.network import load_network

    net = load_network(seed_build, name)
    out = graphology_read(gexf_files[name])
    assert out["namespace"] == GEXF_NS and out["version"] == "1.3"
    assert out["order"] == net.nodes and out["size"] == net.edges
    assert out["type"] == ("directed" if net.directed else "undirected")
    for node, attrs in net.graph.nodes(data=True):
        back = out["nodes"][node]
        assert back["type"] == attrs["type"] and back["label"] == attrs["label"]
        assert back["color"].startswith("rgba(") and back["size"] == pytest.approx(attrs["size"])
    weights = sorted(e["weight"] for e in out["edges"])
    assert weights == sorted(a["weight"] for _, _, a in net.graph.edges(data=True))
    assert {e["kind"] for e in out["edges"]} == {a["relation"] for _, _, a in net.graph.edges(data=True)}
    spells = {k: v for k, v in out["spells"].items() if v}
    if name in {"party-ticket", "person-post"}:
        assert spells, "dated edges carry spells"
        for k, v in spells.items():
            assert all((s is None or len(s) == 10) and (e is None or len(e) == 10) for s, e in v), k
        # graphology-gexf drops start/end/spells; the same time reaches it as attributes (Gephi Lite can filter
        # first_year/last_year with a range filter)
        by_pair = {f"{e['source']} -- {e['target']}": e for e in out["edges"]}
        for k, v in spells.items():
            e = by_pair[k]
            assert e["interval"].startswith("<[") and e["interval"].count("[") == len(v), (k, e)
            if all(s for s, _ in v):
                assert e["first_year"] == int(min(s for s, _ in v)[:4])
            if all(x for _, x in v):
                assert e["last_year"] == int(max(x for _, x in v)[:4])
        dated = [a for a in out["nodes"].values() if "interval" in a]
        assert dated and all(isinstance(a.get("first_year", 0), int) for a in dated)


def test_lists_and_missing_values_do_not_break_the_writer(tmp_path):
    import networkx as nx

    from kg.export.gexf import write_gexf

    t = Table(("source", "target", "target_tags", "note"),
              ((Term("uri", "a"), Term("uri", "b"), Term("literal", "x"), None),
               (Term("uri", "a"), Term("uri", "b"), Term("literal", "y"), Term("literal", "n"))))
    net = network_from_table(t)
    net.nodes_data["a"]["aliases"] = ["A", "Aa"]         # a list set by hand: stringified
    net.nodes_data["a"]["empty"] = None                  # None: dropped
    net.node_attrs.update(aliases="string", empty="string")
    write_gexf(net, tmp_path / "x.gexf")
    assert rng_errors(tmp_path / "x.gexf") == []
    g = nx.read_gexf(tmp_path / "x.gexf")
    assert g.nodes["b"]["tags"] == "x; y" and g.nodes["a"]["aliases"] == "A; Aa"
    assert "empty" not in g.nodes["a"]


def test_directed_networks_say_so(gexf_files):
    root = ET.parse(gexf_files["entities"]).getroot()
    assert root.find(f"{{{GEXF_NS}}}graph").get("defaultedgetype") == "directed"
    sizes = root.findall(f".//{{{VIZ_NS}}}size")
    assert sizes and all(float(s.get("value")) >= 4.0 for s in sizes)


def test_unknown_network_names_the_choices(seed_build, tmp_path):
    from kg.errors import ExportError

    with pytest.raises(ExportError, match="party-ticket"):
        export_build("gexf", seed_build, tmp_path / "x.gexf", network="nope")
    assert not list(tmp_path.iterdir())
