"""The review server's API: a real server on 127.0.0.1 (port 0) in a thread, called with urllib."""
from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from kg.curate.files import read_folder
from tests.review.conftest import HOSTILE, SEED, call

STATIC = Path(__file__).resolve().parents[2] / "kg" / "review" / "static"


def facts_of(server, article=SEED):
    status, _, body = call(server.url + f"api/article/{article}")
    assert status == 200, body
    return body


def post(server, payload, **headers):
    return call(server.url + "api/curations", "POST", payload, headers=headers)


def one_fact(view, kind, **fields):
    found = [f for f in view["facts"] if f["kind"] == kind and all(f["fact"].get(k) == v for k, v in fields.items())]
    assert found, (kind, fields)
    return found[0]


# ------------------------------------------------------------------ reading


def test_the_page_and_its_files_are_served_with_a_strict_content_security_policy(server):
    status, headers, html = call(server.url)
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert "script-src 'self'" in headers["Content-Security-Policy"] and "unsafe-inline" not in html
    assert headers["X-Content-Type-Options"] == "nosniff"
    for path in ("static/review.js", "static/review.css"):
        status, _, text = call(server.url + path)
        assert status == 200 and text == (STATIC / Path(path).name).read_text(encoding="utf-8")


@pytest.mark.parametrize("path", ["static/../data.py", "static/%2e%2e/server.py", "../../../../etc/passwd",
                                  "static/review.js/../../data.py", "static/", "static/index.html/..",
                                  "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "static//etc/passwd", "kg/review/data.py"])
def test_no_path_reaches_a_file_outside_the_static_table(server, path):
    status, _, body = call(server.url + path)
    assert status == 404 and "error" in body


def test_the_page_never_writes_html_from_data():
    """Every text goes in as a DOM text node: no innerHTML, outerHTML, insertAdjacentHTML or document.write."""
    js = (STATIC / "review.js").read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert sink not in js, sink
    assert "<script>" not in (STATIC / "index.html").read_text(encoding="utf-8")


def test_info_lists_kinds_queries_and_regions(server):
    status, _, info = call(server.url + "api/info")
    assert status == 200
    assert info["kinds"]["ticket-party"]["correctable"] == ["party"]
    assert info["kinds"]["statement"]["correctable"] == []
    assert {"tickets", "ticket-parties", "office-holders"} <= {q["name"] for q in info["queries"]}
    assert "Kabupaten Kutai Timur" in info["regions"] and info["articles"] == 6


@pytest.mark.parametrize("q, expected", [("kutim", {SEED, HOSTILE}), ("IDN times", {"002_f5e7294ce795add3"}),
                                         ("zz-hostile.txt", {HOSTILE}), ("", None), ("no such words", set())])
def test_articles_are_searched_by_title_file_and_outlet(server, q, expected):
    status, _, body = call(server.url + "api/articles?q=" + q.replace(" ", "+"))
    assert status == 200
    ids = {a["id"] for a in body["articles"]}
    assert ids == expected if expected is not None else len(ids) == body["total"] == 6


def test_an_article_lists_its_facts_lowest_confidence_first_with_evidence_in_its_sentence(server):
    view = facts_of(server)
    facts, text = view["facts"], view["text"]
    assert view["source"]["status"] == "ok" and len(facts) == 23
    scored = [f["confidence"] for f in facts if f["confidence"] is not None]
    assert scored == sorted(scored) and scored
    first_none = next(i for i, f in enumerate(facts) if f["confidence"] is None)
    assert all(f["confidence"] is None for f in facts[first_none:])          # unscored after all scored
    for f in facts:
        assert text[f["start"]:f["end"]] == f["evidence"] == f["context"]["span"]
        ctx = f["context"]
        assert ctx["fits"] and text[f["start"] - len(ctx["before"]):f["end"] + len(ctx["after"])] \
            == ctx["before"] + ctx["span"] + ctx["after"]
        assert f["rule"] and f["fact"]
    party = one_fact(view, "ticket-party", party="BURUH")
    assert party["context"]["sentence"].startswith("Parpol pendukung:")


def test_hostile_markup_comes_back_as_the_very_text_the_article_holds(server):
    """The server does not escape (it answers JSON, never HTML): the page keeps it text; see the browser test."""
    status, headers, view = call(server.url + f"api/article/{HOSTILE}")
    assert status == 200 and headers["Content-Type"].startswith("application/json")
    assert view["article"]["title"] == 'Debat Pilkada Kutim <img src=x onerror="window.__pwned=1">'
    assert "<script>window.__pwned = 2</script>" in view["text"]
    quote = one_fact(view, "statement")["fact"]["quote"]
    assert "<script>window.__pwned=3</script>" in quote


@pytest.mark.parametrize("path, word", [("api/article/nope", "no article 'nope'"),
                                        ("api/article/..%2f..%2fetc%2fpasswd", "no article"),
                                        ("api/region?name=Atlantis", "no region 'Atlantis'"),
                                        ("api/query/nope", "no saved query 'nope'"),
                                        ("api/nothing", "no such page")])
def test_unknown_things_are_a_404_with_one_line(server, path, word):
    status, headers, body = call(server.url + path)
    assert status == 404 and headers["Content-Type"].startswith("application/json")
    assert word in body["error"] and "\n" not in body["error"]


def test_a_region_lists_the_facts_that_name_it_in_every_article(server):
    status, _, view = call(server.url + "api/region?name=Kutim")
    assert status == 200 and view["region"] == "Kabupaten Kutai Timur"
    assert {a["id"] for a in view["articles"]} >= {SEED, HOSTILE}
    assert view["facts"] and all(f["fact"]["region"] == "Kabupaten Kutai Timur" for f in view["facts"])
    assert {f["kind"] for f in view["facts"]} >= {"ticket", "ticket-party", "office"}


def test_a_saved_query_lists_its_rows_and_the_facts_behind_each(server):
    status, _, view = call(server.url + "api/query/tickets?region=Kutim")
    assert status == 200 and view["columns"][:5] == ["region", "year", "number", "head", "deputy"]
    by_id = {f["id"]: f for f in view["facts"]}
    assert len(view["rows"]) == 2
    for row, ids in zip(view["rows"], view["row_facts"]):
        ticket = row[view["columns"].index("ticket")]
        assert ids and all(by_id[i]["subject"] == ticket and by_id[i]["kind"] == "ticket" for i in ids)
    assert {f["article"] for f in view["facts"]} == {SEED, HOSTILE}     # the same ticket in two articles
    # a row without a fact IRI is matched by its columns
    status, _, view = call(server.url + "api/query/office-holders?region=Kutim")
    assert status == 200
    for row, ids in zip(view["rows"], view["row_facts"]):
        person = row[view["columns"].index("person")]
        assert all(by_id["person"] == person for by_id in (v["fact"] for v in view["facts"] if v["id"] in ids))
    assert sum(map(len, view["row_facts"])) >= len(view["rows"])


def test_a_bad_query_parameter_is_a_400(server):
    status, _, body = call(server.url + "api/query/tickets?colour=red")
    assert status == 400 and "no parameter 'colour'" in body["error"]


# ------------------------------------------------------------------ writing


def test_each_action_writes_one_entry_at_once(server):
    view = facts_of(server)
    ticket = one_fact(view, "ticket", head="Kasmidi Bulang")
    party = one_fact(view, "ticket-party", party="BURUH")
    base = {"article": SEED, "by": "Rina", "why": "checked"}
    sent = [
        {**base, "action": "confirm", "kind": "ticket", "fact": ticket["fact"], "evidence": ticket["context"]["sentence"]},
        {**base, "action": "reject", "kind": "ticket-party", "fact": party["fact"]},
        {**base, "action": "correct", "kind": "ticket", "fact": ticket["fact"], "to": {"deputy": "Kinsu Sinsu"}},
        {**base, "action": "add", "kind": "office", "fact": {"person": "Mahyunadi", "office": "Ketua DPRD",
                                                               "region": "Kabupaten Kutai Timur"},
         "evidence": "Mahyunadi adalah Ketua DPRD Kutai Timur"},
    ]
    for i, payload in enumerate(sent, 1):
        status, _, body = post(server, payload)
        assert status == 201, body
        assert body["entry"]["index"] == i and body["entry"]["action"] == payload["action"]
        entries = read_folder(server.review.curations).entries
        assert len(entries) == i and entries[-1].action == payload["action"] and entries[-1].by == "Rina"
    got = read_folder(server.review.curations)
    assert not got.problems
    assert got.entries[2].changes == {"deputy": "Kinsu Sinsu"}
    assert got.entries[1].fields["party"] == "BURUH"
    assert body["notes"] == ["the evidence is not in the article's text as the build read it"]
    # the article now shows each curation beside its fact, the added one apart
    view = facts_of(server)
    assert [c["action"] for c in one_fact(view, "ticket", head="Kasmidi Bulang")["curations"]] == ["confirm", "correct"]
    assert [c["action"] for c in one_fact(view, "ticket-party", party="BURUH")["curations"]] == ["reject"]
    assert [c["action"] for c in view["other_curations"]] == ["add"]


@pytest.mark.parametrize("change, status, word", [
    ({"by": ""}, 400, "fill in your name"),
    ({"action": "bless"}, 400, "action 'bless'"),
    ({"kind": "statement", "action": "correct", "fact": {"speaker": "X", "quote": "y"}, "to": {"quote": "z"}},
     400, "cannot be corrected"),
    ({"action": "correct", "to": {"head": ""}}, 400, "cannot empty head"),
    ({"action": "correct", "to": {"colour": "red"}}, 400, "unknown field(s) colour"),
    ({"fact": {"region": "Kabupaten Kutai Timur", "head": "Nobody Atall"}}, 400, "has no such ticket"),
    ({"article": "nope"}, 404, "no article 'nope'"),
    ({"extra": 1}, 400, "unknown field(s) extra"),
])
def test_a_bad_curation_is_refused_with_one_line_and_nothing_is_written(server, change, status, word):
    payload = {"article": SEED, "action": "confirm", "kind": "ticket", "by": "Rina",
               "fact": {"region": "Kabupaten Kutai Timur", "head": "Kasmidi Bulang"}, **change}
    got, _, body = post(server, payload)
    assert got == status and word in body["error"] and "\n" not in body["error"], body
    assert not read_folder(server.review.curations).entries


def test_an_unwritable_curations_folder_is_a_400_with_one_line(review_build, tmp_path):
    from kg.review.server import make_server, serve_in_thread

    (tmp_path / "file").write_text("not a folder")
    srv = make_server(review_build, tmp_path / "file", "127.0.0.1", 0)
    serve_in_thread(srv)
    try:
        got, _, body = post(srv, GOOD)
    finally:
        srv.shutdown()
        srv.server_close()
    assert got == 400 and "cannot write the curation" in body["error"] and "writable folder" in body["error"]


GOOD = {"article": SEED, "action": "confirm", "kind": "ticket", "by": "Rina",
        "fact": {"region": "Kabupaten Kutai Timur", "head": "Kasmidi Bulang"}}


@pytest.mark.parametrize("headers, raw, status", [
    ({"Content-Type": "text/plain"}, None, 415),                              # a simple (no-preflight) form post
    ({"Content-Type": "application/x-www-form-urlencoded"}, None, 415),
    ({"Origin": "http://evil.example"}, None, 403),                           # cross-site
    ({"Origin": "null"}, None, 403),
    ({"Sec-Fetch-Site": "cross-site"}, None, 403),
    ({"Host": "evil.example"}, None, 403),                                    # DNS rebinding
    ({}, b"{" * 70_000, 413),                                                 # too large
    ({}, b"not json", 400),
    ({}, b"\xff\xfe", 400),
    ({}, b"[1, 2]", 400),
])
def test_posts_that_are_not_same_origin_json_are_refused(server, headers, raw, status):
    got, _, body = call(server.url + "api/curations", "POST", GOOD, headers=headers, raw=raw)
    assert got == status and body["error"], body
    assert not read_folder(server.review.curations).entries


def test_a_same_origin_post_is_accepted(server):
    host = server.url.split("/")[2]
    got, _, body = call(server.url + "api/curations", "POST", GOOD,
                        headers={"Origin": f"http://{host}", "Sec-Fetch-Site": "same-origin"})
    assert got == 201, body


def test_a_get_with_a_foreign_host_is_refused(server):
    got, _, body = call(server.url + "api/info", headers={"Host": "attacker.example:80"})
    assert got == 403 and "not this server's address" in body["error"]


def test_other_methods_are_refused(server):
    for method in ("PUT", "DELETE", "PATCH"):
        got, _, _ = call(server.url + "api/curations", method, GOOD)
        assert got == 405


# ------------------------------------------------------------------ sources, folders, the command


@pytest.fixture
def small_build(tmp_path):
    from kg.build import build

    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(Path(__file__).resolve().parents[2] / "data" / "articles" / "002_f5e7294ce795add3.txt", src)
    build([src], tmp_path / "graph")
    return tmp_path / "graph", src / "002_f5e7294ce795add3.txt"


def test_a_changed_or_missing_source_shows_the_evidence_alone_and_says_so(small_build, tmp_path):
    from kg.review.data import ReviewData

    data, source = small_build
    source.write_text("Tambahan di awal.\n" + source.read_text(encoding="utf-8"), encoding="utf-8")
    view = ReviewData(data, tmp_path / "c").article_view("002_f5e7294ce795add3")
    assert view["source"]["status"] == "changed" and "changed since the build" in view["source"]["message"]
    assert all(not f["context"]["fits"] and f["context"]["span"] == f["evidence"] for f in view["facts"])
    source.unlink()
    view = ReviewData(data, tmp_path / "c").article_view("002_f5e7294ce795add3")
    assert view["source"]["status"] == "missing" and view["text"] is None
    assert "gone" in view["source"]["message"] and view["facts"]
    assert all(not f["context"]["fits"] and f["context"]["span"] == f["evidence"] for f in view["facts"])


def test_the_curations_folder_defaults_to_the_one_the_build_recorded(small_build, tmp_path):
    from kg.errors import KgError
    from kg.graph.store import resolve_build_dir
    from kg.review.data import curations_folder

    data, _ = small_build
    with pytest.raises(KgError, match="recorded no curations folder; give one with --curations"):
        curations_folder(data, None)
    assert curations_folder(data, tmp_path / "x") == tmp_path / "x"
    report = resolve_build_dir(data) / "build-report.json"
    report.write_text(json.dumps({**json.loads(report.read_text()), "curations": str(tmp_path / "cur")}))
    assert curations_folder(data, None) == tmp_path / "cur"


def test_the_command_without_a_curations_folder_fails_with_one_line(small_build):
    from click.testing import CliRunner

    from kg.cli import cli

    r = CliRunner().invoke(cli, ["review", str(small_build[0]), "--no-open"])
    assert r.exit_code == 1 and "give one with --curations FOLDER" in r.output and r.output.count("\n") == 1
    r = CliRunner().invoke(cli, ["review", str(small_build[0].parent / "nothing"), "--curations", "x"])
    assert r.exit_code == 1 and "no build here" in r.output


def test_a_port_in_use_is_one_line(review_build, tmp_path):
    import socket

    from kg.errors import KgError
    from kg.review.server import make_server

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(KgError, match=f"cannot listen on 127.0.0.1:{port} .*choose another --port"):
            make_server(review_build, tmp_path / "c", "127.0.0.1", port)


@pytest.mark.slow
def test_the_command_serves_until_terminated(review_build, tmp_path):
    p = start_review_command(review_build, tmp_path / "cur")
    try:
        status, _, info = call(p.url + "api/info")
        assert status == 200 and info["curations"] == str(tmp_path / "cur")
    finally:
        p.send_signal(signal.SIGTERM)
        assert p.wait(timeout=30) == 0


def start_review_command(build: Path, curations: Path) -> subprocess.Popen:
    """`kg review BUILD --curations CURATIONS --port 0 --no-open` in a subprocess; ``.url`` is its page."""
    kg = shutil.which("kg", path=str(Path(sys.executable).parent))
    cmd = [kg] if kg else [sys.executable, "-c", "from kg.cli import main; main()"]
    p = subprocess.Popen([*cmd, "review", str(build), "--curations", str(curations), "--port", "0", "--no-open"],
                         stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=dict(os.environ))
    line = p.stderr.readline() if p.stderr else ""
    found = re.search(r"at (http://\S+/) ", line)
    if not found:
        p.kill()
        pytest.fail(f"`kg review` did not start: {line}{p.stderr.read() if p.stderr else ''}")
    p.url = found.group(1)  # type: ignore[attr-defined]
    return p
