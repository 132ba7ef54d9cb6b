"""Issue 16 (tracebacks instead of one line, ingest and build side).

A file name that is not UTF-8 or holds control characters, a 3.5 MB CSV header
cell, JSON nested too deeply, a folder that cannot be listed and a full disk
each give one line naming the culprit; everything else is built, and a build
that cannot be written leaves the previous one as it was.
"""
from __future__ import annotations

import errno
import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.errors import StoreError, one_line
from kg.build import build

from .conftest import SAMPLES, copy_samples, quad_set



def lines(report) -> list[str]:  # type: ignore[no-untyped-def]
    return [p.line() for p in report.problems]


def test_one_line_escapes_control_characters_and_undecodable_bytes() -> None:
    assert one_line("d/n\nl\r\x1b[31m\udcff.txt") == "d/n\\nl\\r\\x1b[31m\\xff.txt"
    assert one_line("Ütf-8 is kept: Kutai Kartanegara") == "Ütf-8 is kept: Kutai Kartanegara"
    assert one_line("x" * 50, 10) == "x" * 10 + "… (40 more characters)"


@pytest.mark.skipif(os.uname().sysname == "Darwin", reason="macOS refuses file names that are not UTF-8")
def test_file_names_that_are_not_utf8_or_hold_control_characters(tmp_path: Path) -> None:
    src = tmp_path / "d"
    src.mkdir()
    odd = os.fsdecode(b"x\xff.txt")
    shutil.copy(SAMPLES[0], src / odd)
    shutil.copy(SAMPLES[1], src / "n\nl\r\x1b[31mred.txt")
    (src / os.fsdecode(b"empty\xfe\n.txt")).write_bytes(b"")
    report = build([src], tmp_path / "out", jobs=1)
    assert report.articles_built == 2, lines(report)
    problems = lines(report)
    assert problems == [f"skipped: {src}/empty\\xfe\\n.txt: empty article (no text)"], problems
    manifest = json.loads((tmp_path / "out" / "current" / "manifest.json").read_text(encoding="utf-8"))
    assert str(src / odd) in manifest["articles"]          # the name reads back as it is on disk
    again = build([src], tmp_path / "out", jobs=1)
    assert again.reused == 3, lines(again)


def test_a_huge_csv_header_cell_is_cut_in_the_message(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "big.csv").write_text("judul," + "X" * 3_500_000 + "\nT,abc\n", encoding="utf-8")
    shutil.copy(SAMPLES[0], src / SAMPLES[0].name)
    report = build([src], tmp_path / "out", jobs=1)
    assert report.articles_built == 1
    [line] = lines(report)
    assert line.startswith(f"skipped: {src / 'big.csv'}: no text column (columns: 'judul', 'XXXX")
    assert len(line) < 400 and "\n" not in line


def test_json_nested_too_deeply_skips_the_record(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    text = SAMPLES[0].read_text(encoding="utf-8")
    with open(src / "dump.jsonl", "w", encoding="utf-8") as f:
        f.write('{"url": "https://a.example/deep", "text": ' + "[" * 200_000 + "]" * 200_000 + "}\n")
        f.write('{"url": "https://a.example/field", "text": "Pilkada", "author": '
                + "[" * 900 + '"x"' + "]" * 900 + "}\n")
        f.write(json.dumps({"url": "https://a.example/ok", "text": text}) + "\n")
    report = build([src], tmp_path / "out", jobs=1)
    assert report.articles_built == 1, lines(report)
    assert lines(report) == [
        f"skipped: {src / 'dump.jsonl'}:1: malformed JSON (nested too deeply); line skipped",
        f"skipped: {src / 'dump.jsonl'}:2: malformed record (a field nested more than 16 deep); line skipped"]


def test_a_folder_that_cannot_be_listed_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Simulated: tests run as root, who can list a folder of mode 000 (see the next test)."""
    src = tmp_path / "in"
    (src / "locked").mkdir(parents=True)
    shutil.copy(SAMPLES[0], src / "locked" / "a.txt")
    shutil.copy(SAMPLES[1], src / "b.txt")
    real_scandir = os.scandir

    def scandir(path):  # type: ignore[no-untyped-def]
        if os.fspath(path) == str(src / "locked"):
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    report = build([src], tmp_path / "out", jobs=1)
    assert report.articles_built == 1
    assert lines(report) == [f"skipped: {src / 'locked'}: folder cannot be read (Permission denied); "
                             "its articles are skipped"]
    assert [p.path for p in report.skipped] == [str(src / "locked")]   # so --strict fails


@pytest.mark.skipif(os.geteuid() == 0, reason="root lists a folder of mode 000 anyway (the simulated test covers it)")
def test_a_folder_of_mode_000_is_named(tmp_path: Path) -> None:
    src = tmp_path / "in"
    (src / "locked").mkdir(parents=True)
    shutil.copy(SAMPLES[0], src / "locked" / "a.txt")
    shutil.copy(SAMPLES[1], src / "b.txt")
    (src / "locked").chmod(0)
    try:
        report = build([src], tmp_path / "out", jobs=1)
    finally:
        (src / "locked").chmod(0o755)
    assert report.articles_built == 1
    assert any("locked: folder cannot be read" in line for line in lines(report)), lines(report)


def test_a_full_disk_is_one_line_and_the_previous_build_stays(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """ENOSPC simulated in-process (a write of the manifest fails); a real 30 MB tmpfs gives the same line."""
    import pyoxigraph

    src = tmp_path / "in"
    copy_samples(src, 2)
    out = tmp_path / "out"
    build([src], out, jobs=1)
    current = (out / "current").resolve()
    before = quad_set(pyoxigraph.Store.read_only(str(current / "store")))
    shutil.copy(SAMPLES[2], src / SAMPLES[2].name)

    def full(self, path):  # type: ignore[no-untyped-def]
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr("kg.manifest.Manifest.write", full)
    with pytest.raises(StoreError) as caught:
        build([src], out, jobs=1)
    assert str(caught.value) == (f"{out}: the build could not be written: the disk is full (no space left on "
                                 "device); free some space and build again; the previous build is unchanged")
    r = CliRunner().invoke(cli, ["build", str(src), "--out", str(out), "-j", "1"])
    assert r.exit_code == 1 and r.output.count("\n") == 1 and "Traceback" not in r.output, r.output
    assert (out / "current").resolve() == current
    assert [p.name for p in (out / "builds").iterdir()] == [current.name]     # no partial left behind
    assert quad_set(pyoxigraph.Store.read_only(str(current / "store"))) == before
