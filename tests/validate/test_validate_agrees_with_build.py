"""`kg validate` checks what `kg build` checks, and gives the same verdict.

The build validates each article graph on its own with the SHACL shapes, then
runs the whole-graph checks, in which two articles that disagree (two heads for
one ticket) are a warning. `kg validate` must do the same: validating all
article graphs as one graph would make that disagreement a pks:Ticket-head
violation (sh:maxCount 1) that the build never saw.
"""
from __future__ import annotations

import csv
import gc
import io
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.resources import Resources

pytestmark = pytest.mark.filterwarnings("ignore:.*deprecated, use Dataset:DeprecationWarning")

ROOT = Resources.default().root
PK = "https://w3id.org/pilkada-kg/ns#"
XSD = "http://www.w3.org/2001/XMLSchema#"
ARTICLE = "https://w3id.org/pilkada-kg/graph/article/"
KUTIM_1 = "https://w3id.org/pilkada-kg/id/ticket/64.08/2024/1"      # Kutai Timur 2024, nomor urut 1
BALIKPAPAN_1 = "https://w3id.org/pilkada-kg/id/ticket/64.71/2024/1"

# Two articles (a1, a4) give Budi Santoso as the head of ticket 1 in Kutai Timur 2024, one (a2) gives Hendra
# Gunawan: the articles disagree, which the build reports as a warning. a3 is about another region.
ARTICLES = {
    "a1.txt": """Pilkada Kutai Timur 2024: KPU Tetapkan Nomor Urut Paslon

Penulis: Rina Hartati | Editor: Joko Prasetyo

SANGATTA - KPU Kabupaten Kutai Timur menetapkan nomor urut pasangan calon bupati dan wakil bupati untuk Pilkada Kutai Timur 2024 dalam rapat pleno terbuka, Senin (23/9/2024).

Paslon nomor urut 1 Budi Santoso-Wahyu Hidayat (parpol pengusung: Golkar, Nasdem dan PKB).
Pasangan Agus Salim dan Dewi Lestari dengan nomor urut 2 didukung oleh PDI Perjuangan.

"Kami siap beradu gagasan demi kemajuan Kutai Timur," kata Budi Santoso.
""",
    "a2.txt": """Debat Pilkada Kutai Timur 2024, Paslon Adu Program Pendidikan

Penulis: Made Suarna | Editor: Fitri Handayani

SANGATTA - Debat publik calon bupati dan wakil bupati Kabupaten Kutai Timur digelar Kamis (10/10/2024) malam di Gedung Serbaguna Sangatta.

Paslon nomor urut 1 Hendra Gunawan-Wahyu Hidayat (parpol pengusung: Golkar, Nasdem dan PKB).
Pasangan Agus Salim dan Dewi Lestari dengan nomor urut 2 didukung oleh PDI Perjuangan.

"Pendidikan gratis akan kami wujudkan," ujar Hendra Gunawan.
""",
    "a3.txt": """Pilkada Balikpapan 2024 Diikuti Dua Pasangan Calon

Penulis: Sari Wulandari | Editor: Andi Rahman

BALIKPAPAN - KPU Kota Balikpapan mengumumkan dua pasangan calon wali kota dan wakil wali kota yang akan bertarung di Pilkada Balikpapan 2024.

Paslon nomor urut 1 Rahmad Mas'ud-Bagus Susetyo (parpol pengusung: Golkar, Gerindra dan PKS).
Pasangan Muhammad Sainal dan Budiono dengan nomor urut 2 didukung oleh PDI Perjuangan.
""",
    "a4.txt": """Kampanye Pilkada Kutai Timur 2024 Memasuki Pekan Kedua

Penulis: Yusuf Ramadhan | Editor: Rina Hartati

SANGATTA - Kampanye Pilkada Kutai Timur 2024 memasuki pekan kedua, Senin (7/10/2024). Kedua pasangan calon menyapa warga di kecamatan yang berbeda.

Paslon nomor urut 1 Budi Santoso-Wahyu Hidayat (parpol pengusung: Golkar, Nasdem dan PKB) berkampanye di Sangatta Utara.

"Kami ingin jalan desa yang mulus," kata Budi Santoso.
""",
}

BUILT = re.compile(r"built (\d+) of \d+ articles .*validation (passed|FAILED) \((\d+) warnings\)")
CHECKED = re.compile(r"^(conforms|does not conform): (\d+) article graphs? checked, (\d+) violations?, "
                     r"(\d+) warnings?\b", re.M)


def build_summary(output: str) -> tuple[int, str, int]:
    found = BUILT.search(output)
    assert found, output
    return int(found.group(1)), found.group(2), int(found.group(3))


def validate_summary(output: str) -> tuple[str, int, int, int]:
    found = CHECKED.search(output)
    assert found, output
    return found.group(1), int(found.group(2)), int(found.group(3)), int(found.group(4))


def result_lines(output: str, severity: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith(severity)]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    src = tmp_path_factory.mktemp("disagree") / "src"
    src.mkdir()
    for name, text in ARTICLES.items():
        (src / name).write_text(text, encoding="utf-8")
    return src


@pytest.fixture(scope="module")
def built(corpus, tmp_path_factory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("disagree-build") / "graph"
    r = CliRunner().invoke(cli, ["build", str(corpus), "--out", str(out)])
    assert r.exit_code == 0, r.output
    return out, r.output


def test_the_articles_really_disagree_on_a_ticket(built):
    out, _ = built
    r = CliRunner().invoke(cli, ["query", "tickets", "--data", str(out), "--format", "csv"])
    assert r.exit_code == 0, r.output
    rows = [row for row in csv.DictReader(io.StringIO(r.output)) if row["ticket"] == KUTIM_1]
    assert {row["number"] for row in rows} == {"1"}
    assert {row["head"] for row in rows} == {"Budi Santoso", "Hendra Gunawan"}


def test_build_and_validate_agree_that_a_disagreement_is_a_warning(built):
    out, build_output = built
    articles, verdict, build_warnings = build_summary(build_output)
    assert (articles, verdict) == (4, "passed")
    assert build_warnings >= 1

    r = CliRunner().invoke(cli, ["validate", str(out)])
    assert r.exit_code == 0, r.output
    assert validate_summary(r.output) == ("conforms", 4, 0, build_warnings)
    assert result_lines(r.output, "Violation") == []
    disagreement = [line for line in result_lines(r.output, "Warning")
                    if "ticket-conflicting-candidates" in line and "ticket/64.08/2024/1" in line]
    assert len(disagreement) == 1 and "pk:head" in disagreement[0], r.output
    assert "budi-santoso" in disagreement[0] and "hendra-gunawan" in disagreement[0]

    # the build says the same, with the same severity
    text = (out / "current" / "build-report.json").read_text(encoding="utf-8")
    assert re.search(r"Warning +ticket-conflicting-candidates +id:ticket/64\.08/2024/1 +pk:head", text)


def corrupt(out: Path, graph: str, subject: str, predicate: str, value: object) -> None:
    """Add one quad to an article graph of a finished build, and close the store again."""
    import pyoxigraph

    store = pyoxigraph.Store(str(out / "current" / "store"))
    store.add(pyoxigraph.Quad(pyoxigraph.NamedNode(subject), pyoxigraph.NamedNode(predicate), value,
                              pyoxigraph.NamedNode(graph)))
    store.flush()
    del store
    gc.collect()


@pytest.fixture
def corrupted(built, tmp_path) -> Path:
    """A copy of the build in which article a3 gives its ticket a second ballot number, 0."""
    import pyoxigraph

    out = tmp_path / "graph"
    shutil.copytree(built[0], out, symlinks=True)
    corrupt(out, ARTICLE + "a3", BALIKPAPAN_1, PK + "ballotNumber",
            pyoxigraph.Literal("0", datatype=pyoxigraph.NamedNode(XSD + "integer")))
    return out


def test_validate_names_the_shape_focus_and_article_of_a_real_violation(corrupted, corpus):
    r = CliRunner().invoke(cli, ["validate", str(corrupted)])
    assert r.exit_code == 3, r.output
    verdict, articles, violations, warnings = validate_summary(r.output)
    assert (verdict, articles) == ("does not conform", 4)
    lines = result_lines(r.output, "Violation")
    assert violations == len(lines) >= 1
    for line in lines:      # every violation is the corrupted ticket's, in article a3
        assert "pks:Ticket-ballotNumber" in line and "id:ticket/64.71/2024/1" in line, line
        assert "graph=graph:article/a3" in line and f"article={corpus / 'a3.txt'}" in line, line
    assert any("value=0" in line for line in lines)
    # the disagreement between a1 and a2 is still a warning, not a violation
    assert any("ticket-conflicting-candidates" in line for line in result_lines(r.output, "Warning"))


def test_the_articles_are_validated_alike_in_worker_processes(corrupted):
    from kg.validate.run import validate_build

    alone = validate_build(corrupted, jobs=1)
    pooled = validate_build(corrupted, jobs=2, batch=1)
    assert (alone.articles, alone.conforms) == (pooled.articles, pooled.conforms) == (4, False)
    assert alone.shacl.violations == pooled.shacl.violations
    assert alone.checks.violations == pooled.checks.violations


def test_a_string_ballot_number_is_a_violation_of_its_article(built, tmp_path):
    import pyoxigraph

    out = tmp_path / "graph"
    shutil.copytree(built[0], out, symlinks=True)
    corrupt(out, ARTICLE + "a2", KUTIM_1, PK + "ballotNumber", pyoxigraph.Literal("satu"))
    r = CliRunner().invoke(cli, ["validate", str(out)])
    assert r.exit_code == 3, r.output
    lines = result_lines(r.output, "Violation")
    assert lines and all("graph=graph:article/a2" in line for line in lines), r.output
    assert any("pks:Ticket-ballotNumber" in line and "value=satu" in line for line in lines)


def test_build_and_validate_give_the_same_counts_on_the_bundled_articles(tmp_path):
    from kg.build import build
    from kg.validate.run import validate_build

    out = tmp_path / "graph"
    report = build([ROOT / "data" / "articles"], out)
    checked = validate_build(out)
    assert checked.conforms == report.conforms is True
    assert checked.articles == report.articles_built
    assert checked.violations == report.violations == 0
    assert checked.warnings == report.warnings
