"""Issue 16: a disk that fills up during an export is one error line, leaves no ``.NAME.partial``
behind, and keeps the previous file.

Two ways to fill the disk: in-process, the CSV writer's file reports ENOSPC after writing
part of the table (always runs); and for real, ``kg export`` in a subprocess writing to a
tmpfs of 8 KB mounted in a private mount namespace (``unshare``; skipped where user
namespaces are not allowed).
"""
from __future__ import annotations

import errno
import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli

from .conftest import ROOT


class FillingFile(io.TextIOWrapper):
    """A real file on disk that takes ``room`` characters, then fails as a full disk does."""

    room = 1000

    def write(self, s: str) -> int:
        if len(s) > self.room:
            super().write(s[: self.room])
            self.flush()
            raise OSError(errno.ENOSPC, "No space left on device")
        return super().write(s)


def filling_open(path, mode="r", encoding=None, newline=None):  # type: ignore[no-untyped-def]
    assert "w" in mode
    return FillingFile(open(path, "wb"), encoding=encoding, newline=newline)


def test_a_full_disk_during_a_csv_export_is_one_line_and_leaves_nothing(seed_build, tmp_path, monkeypatch):
    import kg.export.tables as tables

    seen: list[Path] = []

    def tracking_open(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(Path(path))
        return filling_open(path, *args, **kwargs)

    monkeypatch.setattr(tables, "open", tracking_open, raising=False)
    out = tmp_path / "new.csv"
    out.write_text("the previous export\n")
    r = CliRunner().invoke(cli, ["export", "csv", "--query", "provenance", "--data", str(seed_build),
                                 "--out", str(out)])
    text = r.output.strip()
    assert seen and seen[0].name == ".new.csv.partial", seen          # the failure hit the real writer
    assert r.exit_code == 1, text
    assert text.startswith("Error:") and "\n" not in text, text
    assert "new.csv" in text and "No space left on device" in text and "free some space" in text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.csv"]
    assert out.read_text() == "the previous export\n"


def tmpfs_usable() -> bool:
    if not sys.platform.startswith("linux") or not shutil.which("unshare"):
        return False
    probe = subprocess.run(["unshare", "--user", "--map-root-user", "--mount", "sh", "-c",
                            "d=$(mktemp -d) && mount -t tmpfs -o size=8k tmpfs \"$d\" && umount \"$d\"; rmdir \"$d\""],
                           capture_output=True, timeout=30)
    return probe.returncode == 0


@pytest.mark.slow
@pytest.mark.skipif(not tmpfs_usable(), reason="cannot mount a tmpfs in a user namespace here")
@pytest.mark.parametrize("args", [["csv", "--query", "provenance"], ["trig"], ["gexf"], ["jsonld"]],
                         ids=["csv", "trig", "gexf", "jsonld"])
def test_a_real_full_disk_during_an_export(seed_build, tmp_path, args):
    mnt = tmp_path / "small"
    mnt.mkdir()
    script = ('mount -t tmpfs -o size=8k tmpfs "$1" || exit 99; shift; out="$1"; shift; '
              'printf previous > "$out"; "$@" --out "$out"; echo "rc=$?" >&2; '
              'echo "left: $(ls -A "$(dirname "$out")" | tr "\\n" " ")" >&2; echo "kept: $(cat "$out")" >&2')
    done = subprocess.run(["unshare", "--user", "--map-root-user", "--mount", "sh", "-c", script, "sh",
                           str(mnt), str(mnt / "new.out"), sys.executable, "-m", "kg", "export", *args,
                           "--data", str(seed_build)],
                          capture_output=True, text=True, timeout=600, cwd=ROOT,
                          env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)})
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 0 and len(lines) == 4, done.stderr
    error, rc, left, kept = lines
    assert error.startswith("Error: ") and "new.out: cannot write (No space left on device)" in error, error
    assert rc == "rc=1"
    assert left.strip() == "left: new.out", left                       # no .new.out.partial
    assert kept == "kept: previous"
