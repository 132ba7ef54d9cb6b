"""Party colours from data/reference/party_colours.csv, used by every network format; other types keep a palette."""
from __future__ import annotations

import math
import shutil

import pytest

from kg.errors import ExportError
from kg.export.colours import TYPE_COLOURS, _party_colours, party_colours, read_party_colours
from kg.export.network import network_from_rows
from kg.resolve.tables import ReferenceDataError
from kg.resources import Resources

REF = Resources.default().reference


def _lab(hex_or_rgb):
    rgb = hex_or_rgb if isinstance(hex_or_rgb, tuple) else tuple(int(hex_or_rgb[i:i + 2], 16) for i in (1, 3, 5))

    def lin(c):
        c /= 255
        return ((c + 0.055) / 1.055) ** 2.4 if c > 0.04045 else c / 12.92

    r, g, b = map(lin, rgb)
    x, y, z = ((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047, 0.2126 * r + 0.7152 * g + 0.0722 * b,
               (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883)
    f = [t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116 for t in (x, y, z)]
    return 116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])


def test_every_party_has_a_colour_with_a_source():
    colours = party_colours()
    import csv

    codes = [r["code"] for r in csv.DictReader((REF / "partai_politik.csv").open(encoding="utf-8"))]
    assert sorted(colours) == sorted(codes)
    assert colours["PDIP"] == "#d7141a" and colours["GOLKAR"] == "#f5c400"
    assert len(set(colours.values())) == len(colours), "no two parties share a colour"
    assert "party_colours.csv" in (REF / "README.md").read_text(encoding="utf-8")


def test_party_colours_stand_apart_from_the_type_palette():
    """CIE76 colour difference: ≥ 20 between any party and any other type (≈ clearly different at a glance)."""
    others = {k: v for k, v in TYPE_COLOURS.items() if k != "party"}
    closest = min(math.dist(_lab(p), _lab(t)) for p in party_colours().values() for t in others.values())
    assert closest >= 20, closest
    kinds = list(others)
    assert min(math.dist(_lab(others[a]), _lab(others[b])) for a in kinds for b in kinds if a < b) >= 5


@pytest.mark.parametrize("row, problem", [
    ("PDIP,#D7141A,https://x.org,n", "not a colour"),
    ("PDIP,#d7141a,,n", "empty value"),
    ("XYZ,#d7141a,https://x.org,n", "is not a code of partai_politik.csv"),
    ("PKB,#00a651,https://x.org,n", "appears twice"),
])
def test_a_bad_row_names_file_line_and_column(tmp_path, row, problem):
    shutil.copy(REF / "partai_politik.csv", tmp_path / "partai_politik.csv")
    lines = (REF / "party_colours.csv").read_text(encoding="utf-8").splitlines()
    lines = [ln for ln in lines if not ln.startswith("PDIP,")] + [row]
    bad = tmp_path / "party_colours.csv"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ReferenceDataError, match=problem) as err:
        read_party_colours(bad, tmp_path / "partai_politik.csv")
    assert f"party_colours.csv:{len(lines)}" in str(err.value) or "no colour for" in str(err.value)


def test_a_missing_party_is_reported_and_the_export_fails_with_one_line(tmp_path):
    shutil.copy(REF / "partai_politik.csv", tmp_path / "partai_politik.csv")
    lines = (REF / "party_colours.csv").read_text(encoding="utf-8").splitlines()
    (tmp_path / "party_colours.csv").write_text("\n".join(ln for ln in lines if not ln.startswith("PSI,")) + "\n",
                                                encoding="utf-8")
    with pytest.raises(ExportError, match="no colour for PSI"):
        _party_colours(tmp_path)


def test_party_nodes_take_their_party_colour_and_others_their_type_colour():
    cols = ["source", "target", "source_kind", "target_kind", "source_label", "source_party"]
    rows = [["urn:p1", "urn:t1", "party", "ticket", "PDIP", "PDIP"], ["urn:p2", "urn:t1", "party", "ticket", "Golkar", None],
            ["urn:p3", "urn:t1", "party", "ticket", "Mystery", None]]
    net = network_from_rows(cols, rows)
    assert net.nodes_data["urn:p1"]["color"] == "#d7141a"
    assert net.nodes_data["urn:p2"]["color"] == "#f5c400", "a party without a code attribute is found by its label"
    assert net.nodes_data["urn:p3"]["color"] == "#d62728", "an unknown party gets the party type's colour"
    assert net.nodes_data["urn:t1"]["color"] == "#{:02x}{:02x}{:02x}".format(*TYPE_COLOURS["ticket"])


def test_every_network_format_carries_the_party_colour(tmp_path):
    import csv

    import networkx as nx

    from kg.export.gephi import write_graphml, write_nodes_csv
    from kg.export.gexf import write_gexf
    from kg.export.html import page_data

    cols = ["source", "target", "source_kind", "target_kind", "source_label", "source_party", "start", "end"]
    net = network_from_rows(cols, [["urn:pdip", "urn:t1", "party", "ticket", "PDIP", "PDIP", "2024", "2024"]])
    write_gexf(net, tmp_path / "n.gexf")
    viz = nx.read_gexf(tmp_path / "n.gexf").nodes["urn:pdip"]["viz"]["color"]
    assert (viz["r"], viz["g"], viz["b"]) == (0xd7, 0x14, 0x1a)
    write_graphml(net, tmp_path / "n.graphml")
    node = nx.read_graphml(tmp_path / "n.graphml").nodes["urn:pdip"]
    assert (node["r"], node["g"], node["b"]) == (0xd7, 0x14, 0x1a)
    write_nodes_csv(net, tmp_path / "nodes.csv")
    rows = {r["Id"]: r for r in csv.DictReader((tmp_path / "nodes.csv").open(encoding="utf-8"))}
    assert rows["urn:pdip"]["Color"] == "#d7141a"
    data = page_data(net)
    assert data["parties"] == [{"i": 0, "label": "PDIP", "name": None, "color": "#d7141a", "degree": 1}]
