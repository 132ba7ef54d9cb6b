"""Fixtures for the review page: one build of the bundled articles plus a hostile one, shared by the session;
a review server on 127.0.0.1 (port 0) in a thread, with its own curations folder per test."""
from __future__ import annotations

import json
import shutil
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kg.resources import Resources

ROOT = Resources.default().root
SEED = "000_f58549c16223ec8b"          # Pilkada Kutim 2024: two tickets, their parties, holdings, statements
HOSTILE = "zz-hostile"
# an article is untrusted input: markup in its title, its text and a quote must stay text on the page
HOSTILE_TEXT = """Debat Pilkada Kutim <img src=x onerror="window.__pwned=1">
Sangatta - Pasangan calon Bupati Kutai Timur nomor urut 1, Kasmidi Bulang-Kinsu, tampil dalam debat Pilkada \
Kutim 2024 pada Rabu (6/11/2024). <script>window.__pwned = 2</script>
"Kami siap bekerja untuk rakyat <script>window.__pwned=3</script> dan membangun desa," kata Kasmidi Bulang.
Kasmidi Bulang adalah Wakil Bupati Kutai Timur periode 2021-2024.
"""


@pytest.fixture(scope="session")
def review_sources(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = tmp_path_factory.mktemp("review-src") / "articles"
    shutil.copytree(ROOT / "data" / "articles", src)
    (src / f"{HOSTILE}.txt").write_text(HOSTILE_TEXT, encoding="utf-8")
    return src


@pytest.fixture(scope="session")
def review_build(review_sources: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from kg.build import build

    out = tmp_path_factory.mktemp("review-build") / "graph"
    report = build([review_sources], out)
    assert report.articles_built == report.articles_seen > 5
    return out


@pytest.fixture
def server(review_build: Path, tmp_path: Path) -> Iterator[Any]:
    from kg.review.server import make_server, serve_in_thread

    srv = make_server(review_build, tmp_path / "curations", "127.0.0.1", 0)
    serve_in_thread(srv)
    try:
        yield srv
    finally:
        srv.shutdown()
        srv.server_close()


def call(url: str, method: str = "GET", body: Any = None, headers: dict[str, str] | None = None,
         raw: bytes | None = None) -> tuple[int, dict[str, str], Any]:
    """(status, headers, JSON body or text) of one request; errors are answers too."""
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    h = {"Content-Type": "application/json"} if data is not None else {}
    h.update(headers or {})
    req = urllib.request.Request(url, data=data, method=method, headers=h)
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            status, hdrs, payload = r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as err:
        status, hdrs, payload = err.code, dict(err.headers), err.read()
    text = payload.decode("utf-8")
    if hdrs.get("Content-Type", "").startswith("application/json"):
        return status, hdrs, json.loads(text)
    return status, hdrs, text
