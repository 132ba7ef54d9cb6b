"""Issue 8, bad articles: each bad file gets one line naming it and the reason; the good ones are built."""
from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.errors import InputError
from kg.ingest import articles
from kg.ingest.articles import iter_article_paths, read_article

from .conftest import ARTICLES

GOOD_TEXT = ("Debat Pilkada Kutai Timur\n\n"
             "Pasangan nomor urut 2, Ardiansyah Sulaiman-Mahyunadi, diusung Partai Golkar dan PKS. "
             "“Kami siap melayani warga,” kata Ardiansyah di Sangatta, Senin (14/10/2024). Café ©")

# name → (bytes or a maker, expected words in the one-line reason)
BAD: dict[str, tuple[object, str]] = {
    "empty.txt": (b"", "empty article"),
    "blank.txt": (b"  \n\t\r\n   \n", "empty article"),
    "image.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "PNG image"),
    "photo.txt": (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + os.urandom(2000), "JPEG image"),
    "scan.txt": (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + bytes(range(1, 256)) * 8, "PDF document"),
    "noise.txt": (bytes(b % 255 + 1 for b in os.urandom(4000)), "binary"),
    "controls.txt": (b"Judul\n" + b"\x01\x02\x03\x04\x05\x06abc" * 200, "binary data"),
    "nul.txt": (GOOD_TEXT.encode() * 400 + b"\x00\x00\x00 lalu teks lagi\n", "NUL"),
    "utf16-nobom.txt": (GOOD_TEXT.encode("utf-16-le"), "UTF-16 text without a byte-order mark"),
    "bad-bom.txt": (b"\xef\xbb\xbfJudul\n\xff\xfe\xfa broken", "byte-order mark but is not UTF-8"),
    "page.txt": (b"<!DOCTYPE html>\n<html><head><title>Pilkada</title></head><body><p>Bupati</p></body></html>",
                 "HTML page, not plain text"),
    "saved-page.txt": (b"Disimpan dari kompas.com\n<html lang=\"id\">\n<body>Teks</body>\n</html>\n",
                       "HTML page, not plain text"),
    "oneline.txt": (b"kata " * 30_000, "a single line of 150,000 characters"),
    "megaline.txt": (b"x" * (1 << 20), "too large"),
}


def make_bad_folder(folder: Path) -> dict[str, str]:
    """Write every bad case into ``folder``; return name → expected reason (for those that apply here)."""
    expect = {name: reason for name, (_, reason) in BAD.items()}
    for name, (data, _) in BAD.items():
        (folder / name).write_bytes(data)                      # type: ignore[arg-type]
    with open(folder / "huge.txt", "wb") as fh:                # 50 MB, sparse: refused before any read
        fh.truncate(50 * 2**20)
    expect["huge.txt"] = "too large (50.0 MB"
    (folder / "loop-a.txt").symlink_to(folder / "loop-b.txt")
    (folder / "loop-b.txt").symlink_to(folder / "loop-a.txt")
    expect["loop-a.txt"] = expect["loop-b.txt"] = "symlink loop"
    (folder / "dangling.txt").symlink_to(folder / "gone" / "nowhere.txt")
    expect["dangling.txt"] = "broken symlink"
    os.mkfifo(folder / "pipe.txt")
    expect["pipe.txt"] = "FIFO"
    if os.geteuid() != 0:             # as root, chmod 000 does not stop reads (the FIFO and symlinks cover it)
        (folder / "locked.txt").write_text(GOOD_TEXT, encoding="utf-8")
        (folder / "locked.txt").chmod(0)
        expect["locked.txt"] = "permission denied"
    return expect


RECOVERABLE = {
    "cp1252.txt": (GOOD_TEXT.encode("cp1252"), "decoded as Windows-1252"),
    "latin1.txt": (GOOD_TEXT.replace("“", '"').replace("”", '"').encode("latin-1"), "decoded as Windows-1252"),
    "utf16.txt": (GOOD_TEXT.encode("utf-16"), "UTF-16"),
    "utf8-bom.txt": (b"\xef\xbb\xbf" + GOOD_TEXT.encode("utf-8"), "byte-order mark removed"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_each_bad_article_is_one_line_naming_file_and_reason(tmp_path, name):
    data, reason = BAD[name]
    path = tmp_path / name
    path.write_bytes(data)                                       # type: ignore[arg-type]
    with pytest.raises(InputError) as err:
        read_article(path)
    text = str(err.value)
    assert text.startswith(str(path) + ": ") and reason in text and "\n" not in text


@pytest.mark.parametrize("name", sorted(RECOVERABLE))
def test_recoverable_encodings_decode_to_the_same_text_with_a_warning(tmp_path, name):
    data, warning = RECOVERABLE[name]
    path = tmp_path / name
    path.write_bytes(data)
    article = read_article(path)
    expected = GOOD_TEXT if name != "latin1.txt" else GOOD_TEXT.replace("“", '"').replace("”", '"')
    assert article.text == expected
    assert len(article.warnings) == 1 and warning in article.warnings[0]


def test_a_50_mb_file_is_refused_without_reading_it(tmp_path, monkeypatch):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as fh:
        fh.truncate(50 * 2**20)
    reads: list[int] = []
    real_read = os.read
    monkeypatch.setattr(articles.os, "read", lambda fd, n: reads.append(n) or real_read(fd, n))
    t = time.perf_counter()
    with pytest.raises(InputError, match=r"too large \(50\.0 MB > 512 KB\)"):
        read_article(path)
    assert time.perf_counter() - t < 1.0 and reads == []


def test_a_file_that_lies_about_its_size_is_read_only_up_to_the_cap(monkeypatch):
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    with pytest.raises(InputError, match="is a device"):
        read_article(Path("/dev/zero"))
    reads: list[int] = []
    real_read = os.read
    monkeypatch.setattr(articles.os, "read", lambda fd, n: reads.append(n) or real_read(fd, n))
    with pytest.raises(InputError, match="too large"):
        articles.read_bounded(Path("/proc/self/status"), "status", limit=64)   # size 0 in stat, longer in fact
    assert sum(reads) <= 65


def test_unreadable_cases(tmp_path, watchdog):
    watchdog(30)
    expect = make_bad_folder(tmp_path)
    for name in ("loop-a.txt", "dangling.txt", "pipe.txt", "locked.txt"):
        if name not in expect:
            continue
        with pytest.raises(InputError) as err:
            read_article(tmp_path / name)
        assert expect[name] in str(err.value) and str(tmp_path / name) in str(err.value)


@pytest.mark.skipif(os.geteuid() != 0, reason="only as root: chmod 000 is covered by make_bad_folder otherwise")
def test_as_root_an_open_failure_is_still_one_line(tmp_path):
    (tmp_path / "x.txt").symlink_to(tmp_path / "missing-dir" / "x.txt")
    with pytest.raises(InputError, match="broken symlink"):
        read_article(tmp_path / "x.txt")


def test_the_walk_lists_every_txt_entry_and_ignores_folder_loops(tmp_path):
    make_bad_folder(tmp_path)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "up").symlink_to(tmp_path, target_is_directory=True)
    names = {p.name for p in iter_article_paths([tmp_path])}
    assert {"loop-a.txt", "dangling.txt", "pipe.txt", "huge.txt", "empty.txt"} <= names
    assert "up" not in names


def mixed_folder(folder: Path) -> tuple[set[str], dict[str, str], dict[str, str]]:
    folder.mkdir()
    good = set()
    for p in sorted(ARTICLES.glob("*.txt")):
        shutil.copy(p, folder / p.name)
        good.add(p.name)
    bad = make_bad_folder(folder)
    warn = {}
    encodings = {"cp1252.txt": "cp1252", "latin1.txt": "latin-1", "utf16.txt": "utf-16", "utf8-bom.txt": "utf-8-sig"}
    for name, (data, warning) in RECOVERABLE.items():
        # each file its own story (one text four times would be one article, reported as duplicates)
        text = data.decode(encodings[name]) + f"\nBerita ini disimpan sebagai berkas {name.split('.')[0]}.\n"
        (folder / name).write_bytes(text.encode(encodings[name]))
        warn[name] = warning
    return good, bad, warn


def test_a_mixed_folder_builds_every_good_article_and_reports_each_bad_one_once(tmp_path, watchdog):
    watchdog(400)
    src = tmp_path / "src"
    good, bad, warn = mixed_folder(src)
    out = tmp_path / "out"
    t = time.perf_counter()
    r = CliRunner().invoke(cli, ["build", str(src), "--out", str(out), "--strict"])
    assert time.perf_counter() - t < 240
    assert r.exit_code == 1, r.output                            # --strict: skipped files fail the run
    lines = r.stderr.splitlines()
    for name, reason in bad.items():
        mine = [ln for ln in lines if f"{src / name}:" in ln and ln.startswith("skipped: ")]
        assert len(mine) == 1 and reason in mine[0], (name, mine)
    for name, warning in warn.items():
        mine = [ln for ln in lines if f"{src / name}:" in ln]
        assert len(mine) == 1 and mine[0].startswith("warning: ") and warning in mine[0], (name, mine)
    assert "--strict" in lines[-1] and str(len(bad)) in lines[-1]
    from kg.graph.store import read_report

    report = read_report(out)
    assert report["articles_built"] == len(good) + len(warn)
    assert sorted(Path(p).name for p in report["skipped_files"]) == sorted(bad)


def test_without_strict_skipped_files_exit_0(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(sorted(ARTICLES.glob("*.txt"))[0], src / "good.txt")
    (src / "empty.txt").write_bytes(b"")
    (src / "page.txt").write_bytes(BAD["page.txt"][0])           # type: ignore[arg-type]
    r = CliRunner().invoke(cli, ["build", str(src), "--out", str(tmp_path / "out")])
    assert r.exit_code == 0, r.output
    assert len([ln for ln in r.stderr.splitlines() if ln.startswith("skipped: ")]) == 2
    assert "built 1 of 3 articles" in r.stdout
