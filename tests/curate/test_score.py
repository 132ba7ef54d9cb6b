"""Extraction scored against curations; the curated articles as an evaluation set; the commands."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from kg.cli import cli
from kg.curate.score import score_curations
from kg.curate.service import write_gold_set
from kg.training.dataset import EvalSet, articles_of, gold_tickets

from .conftest import KUTIM, ROOT, write

REGION = "Kabupaten Kutai Timur"
CONFIRM = ("confirm", "ticket", {"region": REGION, "number": 1, "head": "Kasmidi Bulang", "deputy": "Kinsu"})


def f1s(result):
    return {k: (s.precision, s.recall) for k, s in result.kinds.items()}


def test_confirming_a_right_fact_keeps_precision_and_recall(sample_build, tmp_path):
    write(tmp_path, KUTIM, CONFIRM)
    whole = score_curations(sample_build, tmp_path, assume_confirmed=True)
    assert all(p == r == 1.0 for p, r in f1s(whole).values())
    assert whole.mean == 1.0 and whole.articles == [KUTIM] and whole.curations == 1
    named = score_curations(sample_build, tmp_path)
    assert (named.kinds["tickets"].hits, named.kinds["tickets"].gold) == (1, 1)
    assert named.kinds["tickets"].precision == 0.5           # the other ticket is no named fact


def test_a_reject_lowers_precision(sample_build, tmp_path):
    write(tmp_path, KUTIM, CONFIRM,
          ("reject", "ticket-party", {"region": REGION, "head": "Ardiansyah Sulaiman", "party": "PKS"}))
    s = score_curations(sample_build, tmp_path, assume_confirmed=True).kinds["ticket-parties"]
    assert (s.gold, s.pred, s.hits) == (11, 12, 11)
    assert s.precision == pytest.approx(11 / 12) and s.recall == 1.0


def test_an_add_lowers_recall(sample_build, tmp_path):
    write(tmp_path, KUTIM, ("add", "office", {"person": "Mahyunadi", "office": "Ketua DPRD", "region": REGION}))
    result = score_curations(sample_build, tmp_path, assume_confirmed=True)
    s = result.kinds["office-holders"]
    assert s.precision == 1.0 and s.recall == pytest.approx(5 / 6)
    assert [(d.what, d.row["person"]) for d in result.differences] == [("missed", "Mahyunadi")]
    assert result.f1_line().startswith("F1 tickets=1.00 ticket-parties=1.00 office-holders=0.91 statements=1.00")


def test_a_correction_is_a_miss_and_an_extra(sample_build, tmp_path):
    key = {"region": REGION, "head": "Kasmidi Bulang"}
    write(tmp_path / "a", KUTIM, ("correct", "ticket", key, {"deputy": "Ahmad Zulkifli"}))
    s = score_curations(sample_build, tmp_path / "a", assume_confirmed=True).kinds["tickets"]
    assert (s.gold, s.pred, s.hits) == (2, 2, 1)
    # a fuller form of the same name is the same person, as the scorer has it
    write(tmp_path / "b", KUTIM, ("correct", "ticket", key, {"deputy": "Kinsu Sinsu"}))
    s = score_curations(sample_build, tmp_path / "b", assume_confirmed=True).kinds["tickets"]
    assert (s.gold, s.pred, s.hits) == (2, 2, 2)


def test_nothing_to_score_is_a_one_line_error(sample_build, tmp_path):
    from kg.curate.files import CurationError

    write(tmp_path, "elsewhere", CONFIRM)
    with pytest.raises(CurationError, match="no curated article of this build"):
        score_curations(sample_build, tmp_path)


def test_the_gold_folder_reads_as_an_evaluation_set(sample_build, tmp_path):
    cur = write(tmp_path / "cur", KUTIM, CONFIRM,
                ("correct", "ticket", {"region": REGION, "head": "Ardiansyah Sulaiman"}, {"deputy": "Mahyunadi Jr"}),
                ("add", "ticket-party", {"region": REGION, "head": "Kasmidi Bulang", "party": "HANURA"}))
    report = write_gold_set(sample_build, tmp_path / "set", cur, assume_confirmed=True)
    assert report.stems == [KUTIM] and not report.problems
    pairs = list(articles_of(EvalSet("curated", tmp_path / "set", "training")))
    assert [(t.name, g.name) for t, g in pairs] == [(f"{KUTIM}.txt", f"{KUTIM}.gold.yaml")]
    text = pairs[0][0].read_text(encoding="utf-8")
    assert text == (ROOT / "data" / "articles" / f"{KUTIM}.txt").read_text(encoding="utf-8")
    got = {t.head: t for t in gold_tickets(pairs[0][1])}
    assert got["Kasmidi Bulang"].number == 1 and "HANURA" in got["Kasmidi Bulang"].parties
    assert got["Ardiansyah Sulaiman"].deputy == "Mahyunadi Jr"
    doc = yaml.safe_load(pairs[0][1].read_text(encoding="utf-8"))
    assert doc["elections"][0]["key"] == "kutai-timur-2024"


def test_a_source_changed_since_the_build_is_left_out(tmp_path):
    import shutil

    from kg.build import build

    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(ROOT / "data" / "articles" / f"{KUTIM}.txt", src)
    build([src], tmp_path / "graph")
    (src / f"{KUTIM}.txt").write_text("changed", encoding="utf-8")
    report = write_gold_set(tmp_path / "graph", tmp_path / "set", write(tmp_path / "cur", KUTIM, CONFIRM))
    assert report.stems == [] and "changed since the build" in str(report.problems[0])


def test_curate_score_and_gold_commands(sample_build, tmp_path):
    cur = write(tmp_path / "cur", KUTIM, CONFIRM,
                ("add", "office", {"person": "Mahyunadi", "office": "Ketua DPRD", "region": REGION}))
    r = CliRunner().invoke(cli, ["curate", "score", str(sample_build), "--curations", str(cur), "--assume-confirmed",
                                 "-v"])
    assert r.exit_code == 0, r.output
    lines = r.output.strip().splitlines()
    assert lines[-1] == "F1 tickets=1.00 ticket-parties=1.00 office-holders=0.91 statements=1.00 mean=0.98"
    assert any(line.strip().startswith("missed  " + KUTIM) and "Mahyunadi" in line for line in lines)
    r = CliRunner().invoke(cli, ["curate", "gold", str(sample_build), "--out", str(tmp_path / "set"),
                                 "--curations", str(cur)])
    assert r.exit_code == 0, r.output
    assert sorted(p.name for p in Path(tmp_path / "set").iterdir()) == [f"{KUTIM}.gold.yaml", f"{KUTIM}.txt"]
    r = CliRunner().invoke(cli, ["curate", "score", str(sample_build), "--curations", str(tmp_path / "none")])
    assert r.exit_code == 1 and r.output.count("\n") == 1 and "no such curations folder" in r.output


def test_a_builds_curations_are_a_training_set(sample_build, tmp_path):
    from kg.training.dataset import curated_set

    cur = write(tmp_path / "cur", KUTIM, ("reject", "ticket", {"region": REGION, "head": "Kasmidi Bulang"}))
    s, report = curated_set(sample_build, tmp_path / "set", "curations-1", folder=cur)
    assert (s.name, s.role, s.path) == ("curations-1", "training", tmp_path / "set")
    [(txt, gold)] = list(articles_of(s))
    assert [t.head for t in gold_tickets(gold)] == ["Ardiansyah Sulaiman"]     # the rejected pair teaches "no"
