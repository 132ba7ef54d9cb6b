"""Curations applied on a build: what the saved queries read once a correction with a partial key applies."""
from __future__ import annotations

from kg.curate.service import check_curations
from kg.build import build
from kg.query.service import run_named

from .conftest import KUTIM, ROOT, write


def test_a_correction_keeps_the_fields_its_key_leaves_out(tmp_path):
    cur = write(tmp_path / "cur", KUTIM,
                ("correct", "ticket", {"region": "Kutim", "head": "Kasmidi Bulang"}, {"deputy": "Kinsu Sinsu"}),
                ("correct", "office", {"person": "Ismunandar", "office": "Bupati"}, {"start": 2016}))
    out = tmp_path / "graph"
    build([ROOT / "data" / "articles"], out, curations=cur)
    assert check_curations(out, cur).summary()["applied"] == 2
    rows = run_named("tickets", out, {"region": "Kutim"}).values()
    assert {(r["year"], r["number"], r["head"], r["deputy"], r["office"]) for r in rows} == {
        ("2024", "1", "Kasmidi Bulang", "Kinsu Sinsu", "Bupati"), ("2024", "2", "Ardiansyah Sulaiman", "Mahyunadi", "Bupati")}
    parties = run_named("ticket-parties", out, {"region": "Kutim"}).values()
    assert len([r for r in parties if r["head"] == "Kasmidi Bulang" and r["number"] == "1"]) == 8
    offices = run_named("office-holders", out, {}).values()
    assert [(r["region"], r["start"][:4]) for r in offices if r["person"] == "Ismunandar"] == [
        ("Kabupaten Kutai Timur", "2016")]
