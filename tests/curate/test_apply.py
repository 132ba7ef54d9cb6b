"""Curations applied on build: every action, the reports, both views, and rebuilds (full and incremental)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph
import pytest
from click.testing import CliRunner

from kg import vocab as V
from kg.cli import cli
from kg.curate.files import append_curation, make_curation
from kg.graph.store import open_store
from kg.build import build
from kg.query.service import run_named

ROOT = Path(__file__).resolve().parents[2]
KUTIM = "000_f58549c16223ec8b"          # debate of the Kutai Timur 2024 tickets
SERANG = "002_f5e7294ce795add3"
T0 = "2026-12-01T09:00:00+00:00"


def at(minute: int) -> str:
    return f"2026-12-01T09:{minute:02d}:00+00:00"


def write(folder: Path, article: str, action: str, kind: str, fact: dict, to: dict | None = None,
          minute: int = 0, **kw) -> None:
    append_curation(folder, make_curation(article, action, kind, fact, to, by="Rina", at=at(minute), **kw))


KASMIDI = {"region": "Kabupaten Kutai Timur", "year": 2024, "number": 1, "head": "Kasmidi Bulang", "deputy": "Kinsu"}


def curate_all(folder: Path) -> None:
    """One curation of each kind and action, and some that do not apply."""
    # applied
    write(folder, KUTIM + ".txt", "correct", "ticket", KASMIDI, {"deputy": "Kinsu Sinsu"}, 1, why="full name")
    write(folder, KUTIM, "reject", "ticket-party",
          {"region": "Kutim", "year": 2024, "head": "Ardiansyah Sulaiman", "party": "PKS"}, minute=2)
    write(folder, KUTIM, "add", "office", {"person": "Mahyunadi", "office": "Ketua DPRD", "region": "Kutim",
                                           "start": 2019}, minute=3, evidence="Ketua DPRD Kutim Mahyunadi")
    write(folder, SERANG, "confirm", "ticket", {"region": "Kabupaten Serang", "year": 2020, "number": 2,
                                                "head": "Nasrul Ulum"}, minute=4)
    write(folder, SERANG, "reject", "statement", {"speaker": "Nasrul Ulum", "quote": "Kami ingin membangun hotspot"},
          minute=5)
    write(folder, SERANG, "add", "ticket", {"region": "Kabupaten Serang", "year": 2020, "number": 3,
                                            "head": "Calon Ketiga", "deputy": "Wakil Ketiga",
                                            "parties": ["PKS", "Golkar"]}, minute=6)
    write(folder, KUTIM, "add", "ticket-party",
          {"region": "Kabupaten Kutai Timur", "year": 2024, "head": "Ardiansyah Sulaiman", "party": "PAN"}, minute=7)
    # not applied
    write(folder, KUTIM, "confirm", "ticket", {"region": "Kutim", "year": 2024, "number": 9, "head": "Nobody Here"},
          minute=8)                                                                     # stale
    write(folder, KUTIM, "add", "office", {"person": "Ismunandar", "office": "Bupati",
                                           "region": "Kabupaten Kutai Timur"}, minute=9)  # redundant
    write(folder, KUTIM, "add", "office", {"person": "X", "office": "Bupati", "region": "Atlantis"}, minute=10)  # invalid
    write(folder, "no-such-article", "confirm", "statement", {"speaker": "A", "quote": "b"}, minute=11)  # stale
    (folder / "broken.yaml").write_text("article: x\nentries:\n  - action: nuke\n    kind: ticket\n", encoding="utf-8")


@pytest.fixture(scope="module")
def curated(tmp_path_factory):  # type: ignore[no-untyped-def]
    root = tmp_path_factory.mktemp("curated")
    src = root / "src"
    shutil.copytree(ROOT / "data" / "articles", src)
    curate_all(src / "curations")
    out = root / "out"
    report = build([src], out, curations=src / "curations", jobs=1)
    return src, out, report


def rows(out: Path, name: str, extracted: bool = False, **params: str) -> list[dict[str, str]]:
    return run_named(name, out, dict(params), extracted=extracted).values()


def test_verdicts_are_reported(curated) -> None:  # type: ignore[no-untyped-def]
    _, _, report = curated
    assert report.curated == {"applied": 7, "stale": 2, "redundant": 1, "contradicted": 0, "invalid": 1,
                              "unreadable": 1}
    lines = [p.line() for p in report.problems if p.stage == "curate"]
    assert any("stale:" in x and "Nobody Here" in x for x in lines)
    assert any("redundant:" in x and "Ismunandar" in x and "extraction states this fact now" in x for x in lines)
    assert any("invalid:" in x and "'Atlantis' is unknown" in x for x in lines)
    assert any("broken.yaml entry 1" in x and "nuke" in x for x in lines)
    assert any("no-such-article" in x and "not in this build" in x for x in lines)
    assert report.conforms


def test_correct_ticket_deputy(curated) -> None:  # type: ignore[no-untyped-def]
    _, out, _ = curated
    kasmidi = [r for r in rows(out, "tickets", region="Kutim") if r["head"] == "Kasmidi Bulang"]
    assert [r["deputy"] for r in kasmidi] == ["Kinsu Sinsu"]
    before = [r for r in rows(out, "tickets", extracted=True, region="Kutim") if r["head"] == "Kasmidi Bulang"]
    assert [r["deputy"] for r in before] == ["Kinsu"]
    # the parties stay with the corrected version
    parties = {r["party"] for r in rows(out, "ticket-parties", region="Kutim") if r["head"] == "Kasmidi Bulang"}
    assert len(parties) == 8 and {r["deputy"] for r in rows(out, "ticket-parties", region="Kutim")
                                  if r["head"] == "Kasmidi Bulang"} == {"Kinsu Sinsu"}


def test_reject_and_add_party(curated) -> None:  # type: ignore[no-untyped-def]
    _, out, _ = curated
    def parties(extracted: bool) -> set[str]:
        return {r["party"] for r in rows(out, "ticket-parties", extracted, region="Kutim")
                if r["head"] == "Ardiansyah Sulaiman"}
    assert parties(True) == {"DEMOKRAT", "GERINDRA", "PERINDO", "PKS"}
    assert parties(False) == {"DEMOKRAT", "GERINDRA", "PERINDO", "PAN"}


def test_rejected_claim_is_kept_deprecated(curated) -> None:  # type: ignore[no-untyped-def]
    _, out, _ = curated
    q = """PREFIX pk: <https://w3id.org/pilkada-kg/ns#>
SELECT ?rank ?n ?curator WHERE {
  ?c pk:claimProperty pk:backedBy ; pk:claimValue <https://w3id.org/pilkada-kg/id/party/PKS> ;
     pk:claimSubject <https://w3id.org/pilkada-kg/id/ticket/64.08/2024/2> ; pk:rank ?rank ; pk:articleCount ?n .
  ?cur pk:curates ?c ; <http://www.w3.org/ns/prov#wasAttributedTo> ?who .
  ?who <http://www.w3.org/2000/01/rdf-schema#label> ?curator }"""
    table = run_on_build(out, q)
    assert table == [{"rank": V.DeprecatedRank, "n": "1", "curator": "Rina"}]


def run_on_build(out: Path, text: str) -> list[dict[str, str]]:
    from kg.query.run import run_on_store

    return run_on_store(open_store(out), text).values()


def test_added_office_and_ticket(curated) -> None:  # type: ignore[no-untyped-def]
    _, out, _ = curated
    dprd = [r for r in rows(out, "office-holders", region="Kutim") if r["office"] == "Ketua DPRD"]
    assert dprd == [{"person": "Mahyunadi", "office": "Ketua DPRD", "region": "Kabupaten Kutai Timur",
                     "qualifier": "", "start": "2019", "end": "", "former": "false", "region_code": "64.08",
                     "province_code": "64"}]
    assert not [r for r in rows(out, "office-holders", True, region="Kutim") if r["office"] == "Ketua DPRD"]
    serang = {(r["number"], r["head"], r["deputy"]) for r in rows(out, "tickets", region="Kabupaten Serang")}
    assert ("3", "Calon Ketiga", "Wakil Ketiga") in serang
    third = {r["party"] for r in rows(out, "ticket-parties", region="Kabupaten Serang") if r["head"] == "Calon Ketiga"}
    assert third == {"PKS", "GOLKAR"}
    # the added fact's evidence is the curation, with its article
    q = """PREFIX pk: <https://w3id.org/pilkada-kg/ns#>
SELECT ?action ?file WHERE { ?h a pk:OfficeHolding ; pk:holder <https://w3id.org/pilkada-kg/id/person/mahyunadi> ;
  <http://www.w3.org/ns/prov#wasDerivedFrom> ?rec . ?rec a pk:Curation ; pk:curationAction ?action ;
  pk:article ?a . ?a pk:fileName ?file }"""
    assert run_on_build(out, q) == [{"action": "add", "file": KUTIM + ".txt"}]


def test_rejected_statement_left_out(curated) -> None:  # type: ignore[no-untyped-def]
    _, out, _ = curated
    def hotspot(extracted: bool) -> int:
        return sum("hotspot" in r["quote"] for r in rows(out, "statements", extracted))
    assert (hotspot(True), hotspot(False)) == (1, 0)


def test_validate_agrees_with_build(curated) -> None:  # type: ignore[no-untyped-def]
    _, out, _ = curated
    r = CliRunner().invoke(cli, ["validate", str(out)])
    assert r.exit_code == 0, r.output
    assert "0 violations" in r.output


def consolidated(out: Path) -> set[str]:
    store = open_store(out)
    keep = (V.CONSOLIDATED_GRAPH, V.CURATION_GRAPHS)
    return {str(q) for q in store if getattr(q.graph_name, "value", "").startswith(keep)}


def test_incremental_equals_full(curated, tmp_path) -> None:  # type: ignore[no-untyped-def]
    src0, _, _ = curated
    src = tmp_path / "src"
    shutil.copytree(src0, src)
    out = tmp_path / "out"
    build([src], out, curations=src / "curations", jobs=1)
    # one article changes, one curation goes and one comes
    path = src / f"{SERANG}.txt"
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    (src / "curations" / f"{SERANG}.yaml").unlink()
    write(src / "curations", KUTIM, "reject", "ticket", {k: v for k, v in KASMIDI.items() if k != "deputy"},
          minute=20)
    inc = build([src], out, curations=src / "curations", jobs=1)
    assert inc.reused == 4
    full = build([src], tmp_path / "full", curations=src / "curations", jobs=1)
    assert consolidated(out) == consolidated(tmp_path / "full")
    assert inc.curated == full.curated
    # the rejected ticket is gone; the Serang curations are undone
    assert "Kasmidi Bulang" not in {r["head"] for r in rows(out, "tickets", region="Kutim")}
    assert "Calon Ketiga" not in {r["head"] for r in rows(out, "tickets", region="Kabupaten Serang")}
    assert sum("hotspot" in r["quote"] for r in rows(out, "statements")) == 1


def test_contradicting_curations(tmp_path) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOT / "data" / "articles", src)
    fact = {"region": "Kabupaten Serang", "year": 2020, "number": 1, "head": "Ratu Tatu Chasanah"}
    write(src / "curations", SERANG, "reject", "ticket", fact, minute=30)
    write(src / "curations", SERANG, "confirm", "ticket", fact, minute=10)      # earlier, though written later
    report = build([src], tmp_path / "out", curations=src / "curations", jobs=1)
    lines = [p.line() for p in report.problems if p.stage == "curate"]
    assert report.curated["contradicted"] == 1
    assert any("contradicted:" in x and "confirm ticket" in x and "overridden" in x for x in lines)
    # the later one holds
    assert "Ratu Tatu Chasanah" not in {r["head"] for r in rows(tmp_path / "out", "tickets", region="Kabupaten Serang")}


def test_cli_list_stale_apply(curated, tmp_path) -> None:  # type: ignore[no-untyped-def]
    src0, out0, _ = curated
    runner = CliRunner()
    r = runner.invoke(cli, ["curate", "list", str(out0)])
    assert r.exit_code == 0, r.output
    assert r.output.count("applied: ") == 7
    r = runner.invoke(cli, ["curate", "stale", str(out0), "--strict"])
    assert r.exit_code == 1
    assert "applied: " not in r.output and "stale: " in r.output and "Nobody Here" in r.output
    out = tmp_path / "out"
    shutil.copytree(out0, out, symlinks=True)
    write(src0.parent / "extra", SERANG, "reject", "office", {"person": "Pandji Tirtayasa", "office": "Wakil Bupati"})
    r = runner.invoke(cli, ["curate", "apply", str(out), "--curations", str(src0.parent / "extra")])
    assert r.exit_code == 0, r.output
    assert "1 applied" in r.output
    assert not [x for x in rows(out, "office-holders", region="Kabupaten Serang") if x["person"] == "Pandji Tirtayasa"]
    r = runner.invoke(cli, ["query", "tickets", "--endpoint", "http://127.0.0.1:9/query", "--extracted"])
    assert r.exit_code == 1 and "--extracted reads a build" in r.output


def test_extracted_view_of_uncurated_build_is_the_build(tmp_path) -> None:
    from kg.curate.layer import extracted_build

    src = tmp_path / "src"
    shutil.copytree(ROOT / "data" / "articles", src)
    build([src], tmp_path / "out", jobs=1)
    with extracted_build(tmp_path / "out") as view:
        assert view == tmp_path / "out"


def test_store_is_a_set_after_drop(curated, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Dropping the curations leaves what extraction alone builds."""
    from kg.curate.layer import extracted_view

    src0, out0, _ = curated
    plain = tmp_path / "plain"
    src = tmp_path / "src"
    shutil.copytree(src0, src)
    shutil.rmtree(src / "curations")
    build([src], plain, jobs=1)
    view = extracted_view(out0 / "current" / "store", tmp_path / "view")
    graphs = (V.CONSOLIDATED_GRAPH,)
    got = {str(q) for q in view if getattr(q.graph_name, "value", "") in graphs}
    del view
    assert got == {str(q) for q in open_store(plain) if getattr(q.graph_name, "value", "") in graphs}
    assert pyoxigraph  # the module is used for its store type above


def test_curated_rows_on_a_server_after_push(curated) -> None:  # type: ignore[no-untyped-def]
    """`kg push` carries the curation graphs: a server answers with the curated facts."""
    from tests import servers

    _, out, _ = curated
    try:
        with servers.oxigraph_server(union_default_graph=False) as server:
            r = CliRunner().invoke(cli, ["push", str(out), "--endpoint", server.query_url])
            assert r.exit_code == 0, r.output
            remote = run_named("tickets", None, {"region": "Kutim"}, endpoint=server.query_url).values()
            assert remote == rows(out, "tickets", region="Kutim")
            assert [x["deputy"] for x in remote if x["head"] == "Kasmidi Bulang"] == ["Kinsu Sinsu"]
            parties = run_named("ticket-parties", None, {"region": "Kutim"}, endpoint=server.query_url).values()
            assert parties == rows(out, "ticket-parties", region="Kutim")
            holders = run_named("office-holders", None, {"region": "Kutim"}, endpoint=server.query_url).values()
            assert "Ketua DPRD" in {x["office"] for x in holders}
    except servers.ServerUnavailable as err:
        pytest.skip(str(err))


def test_party_curations_follow_a_ticket_a_correction_moves(tmp_path) -> None:
    """A correction that moves a pair to another ticket (here: another ballot number) takes the article's
    party curations along, whenever they were made and whichever key they use."""
    src = tmp_path / "src"
    shutil.copytree(ROOT / "data" / "articles", src)
    cur = src / "curations"
    key = {"region": "Kutim", "year": 2024, "head": "Kasmidi Bulang"}
    write(cur, KUTIM, "reject", "ticket-party", {**key, "party": "BURUH"}, minute=1)          # before the move
    write(cur, KUTIM, "correct", "ticket", {**key, "number": 1}, {"number": 3}, minute=2)
    write(cur, KUTIM, "reject", "ticket-party", {**key, "party": "GELORA"}, minute=3)         # after it
    write(cur, KUTIM, "add", "ticket-party", {**key, "party": "PKS"}, minute=4)
    write(cur, KUTIM, "correct", "ticket-party", {**key, "party": "PAN"}, {"party": "PSI"}, minute=5)
    report = build([src], tmp_path / "out", curations=cur, jobs=1)
    assert report.curated["applied"] == 5, [p.line() for p in report.problems]
    got = [(r["number"], r["party"]) for r in rows(tmp_path / "out", "ticket-parties", region="Kutim")
           if r["head"] == "Kasmidi Bulang"]
    assert got == [("3", p) for p in ("GOLKAR", "NASDEM", "PDIP", "PKB", "PKS", "PPP", "PSI")]
    assert [(r["number"], r["deputy"]) for r in rows(tmp_path / "out", "tickets", region="Kutim")
            if r["head"] == "Kasmidi Bulang"] == [("3", "Kinsu")]
