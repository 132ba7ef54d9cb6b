"""Building a network from query rows: weights, spells, attributes, lists and missing values."""
from __future__ import annotations

import pytest

from kg.errors import ExportError
from kg.export.network import day_end, day_start, hex_colour, merge_spells, network_from_table
from kg.query.run import Table, Term

XSD = "http://www.w3.org/2001/XMLSchema#"


def lit(v: str | None, dtype: str | None = None) -> Term | None:
    return None if v is None else Term("literal", v, dtype)


def table(cols: list[str], rows: list[list[str | None]]) -> Table:
    return Table(tuple(cols), tuple(tuple(lit(v) for v in row) for row in rows))


COLS = ["source", "target", "source_label", "target_label", "source_kind", "target_kind", "relation", "weight",
        "start", "end", "source_party", "target_region", "note"]


@pytest.mark.parametrize("value, start, end", [
    ("2024", "2024-01-01", "2024-12-31"),
    ("2024-02", "2024-02-01", "2024-02-29"),
    ("2023-02", "2023-02-01", "2023-02-28"),
    ("2024-05-03", "2024-05-03", "2024-05-03"),
    ("2024-05-03T10:00:00", "2024-05-03", "2024-05-03"),
    ("soon", None, None), ("", None, None), (None, None, None), ("2024-13", None, None),
])
def test_dates_become_days_a_year_covers_the_whole_year(value, start, end):
    assert day_start(value) == start
    assert day_end(value) == end


def test_spells_merge_overlaps_and_keep_open_ends():
    assert merge_spells([("2021-01-01", "2022-12-31"), ("2022-06-01", "2024-12-31"), ("2026-01-01", None)]) == [
        ("2021-01-01", "2024-12-31"), ("2026-01-01", None)]
    assert merge_spells([(None, "2020-12-31"), ("2019-01-01", None)]) == [(None, None)]


def test_rows_with_the_same_ends_and_relation_add_their_weights_and_spells():
    t = table(COLS, [
        ["p:A", "t:1", "A", "Ticket 1", "party", "ticket", "backs", "1", "2020", "2020", "A", "64.08", "x"],
        ["p:A", "t:1", None, None, None, None, "backs", "2", "2024", "2024", None, None, "y"],
        ["t:1", "p:A", None, None, None, None, "backs", "1", "2024-03", None, None, None, None],   # reversed
        ["p:A", "t:1", None, None, None, None, "supports", None, None, None, None, None, None],
        ["p:B", "t:1", "B", None, "party", "ticket", None, None, "2024", "2024", "B", None, None],
    ])
    net = network_from_table(t, name="demo")
    g = net.graph
    assert net.nodes == 3 and net.edges == 3
    backs = g.edges["p:A", "t:1", "backs"]
    assert backs["weight"] == 4.0
    assert backs["spells"] == [("2020-01-01", "2020-12-31"), ("2024-01-01", None)]   # 2024-03 has no end
    assert backs["note"] == "x; y"                      # two values are joined, never a list
    assert "spells" not in g.edges["p:A", "t:1", "supports"]      # undated row: always present
    assert g.edges["p:B", "t:1", "link"]["weight"] == 1.0           # default relation and weight
    assert g.nodes["p:A"]["type"] == "party" and g.nodes["p:A"]["party"] == "A"
    assert g.nodes["t:1"]["region"] == "64.08" and g.nodes["t:1"]["label"] == "Ticket 1"
    assert "spells" not in g.nodes["p:A"]                 # one of its edges is undated
    assert g.nodes["p:B"]["spells"] == [("2024-01-01", "2024-12-31")]
    assert net.dynamic
    assert next((s, t) for s, t, _ in net.iter_edges()) == ("p:A", "t:1")


def test_missing_values_are_dropped_and_nothing_is_a_list_or_none():
    t = table(COLS, [["p:A", "t:1", None, "", None, None, None, None, None, None, None, None, None]])
    net = network_from_table(t)
    for _, attrs in net.graph.nodes(data=True):
        assert all(v is not None and not isinstance(v, (list, dict)) for k, v in attrs.items() if k != "spells")
    assert net.graph.nodes["p:A"]["label"] == "p:A" and net.graph.nodes["t:1"]["type"] == "other"
    assert not net.dynamic


def test_typed_literals_keep_their_types():
    t = Table(("source", "target", "weight", "target_number", "target_flag"),
              ((Term("uri", "a"), Term("uri", "b"), lit("2", XSD + "integer"), lit("7", XSD + "integer"),
                lit("true", XSD + "boolean")),))
    net = network_from_table(t)
    assert net.graph.nodes["b"]["number"] == 7 and net.graph.nodes["b"]["flag"] is True
    assert net.node_attrs["number"] == "integer" and net.node_attrs["flag"] == "boolean"


def test_a_query_without_source_and_target_is_refused():
    with pytest.raises(ExportError, match="source and target"):
        network_from_table(table(["a", "b"], [["1", "2"]]))


def test_colours_are_fixed_for_known_types_and_stable_for_others():
    assert hex_colour("party") == "#d62728"
    assert hex_colour("something-new") == hex_colour("something-new") != hex_colour("other-thing")


def test_sizes_grow_with_weighted_degree():
    t = table(COLS[:8], [["h", f"n{i}", None, None, "hub", "leaf", None, "1"] for i in range(5)])
    g = network_from_table(t).graph
    assert g.nodes["h"]["size"] > g.nodes["n0"]["size"]
    assert g.nodes["h"]["degree"] == 5 and g.nodes["h"]["strength"] == 5.0
