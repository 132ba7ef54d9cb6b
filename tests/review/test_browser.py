"""The review page in a real headless browser: Debian's Chromium driven by Playwright for Python (its own
browser download is never used: ``executable_path`` is the system Chromium, found or apt-installed by
:func:`tests.export.helpers.chromium`, launched by :func:`tests.export.helpers.headless_chromium`).

One click-through on `kg review` started as the command: confirm a fact, reject a party of a ticket, correct
a ticket's deputy, add a missed office holding; after each click the curation file holds the entry. And a
hostile article: markup in its title, text and quotes stays text.
"""
from __future__ import annotations

import re
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kg.curate.files import Curation, read_folder
from tests.export.helpers import headless_chromium
from tests.review.conftest import HOSTILE, SEED
from tests.review.test_server import start_review_command

pytestmark = pytest.mark.slow
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"]

# select the first run of ``phrase`` in an element's text, across the spans the page marks evidence with
SELECT_TEXT = """([selector, phrase]) => {
  const root = document.querySelector(selector);
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const nodes = [];
  let text = "";
  for (let n = walker.nextNode(); n; n = walker.nextNode()) { nodes.push([n, text.length]); text += n.data; }
  const start = text.indexOf(phrase), end = start + phrase.length;
  if (start < 0) return false;
  const at = (pos) => { for (const [n, off] of nodes) if (pos <= off + n.data.length) return [n, pos - off]; };
  const range = document.createRange();
  range.setStart(...at(start));
  range.setEnd(...at(end));
  const sel = window.getSelection();
  sel.removeAllRanges();
  sel.addRange(range);
  return sel.toString();
}"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with headless_chromium(BROWSER_ARGS) as b:
        yield b


@pytest.fixture
def review(review_build: Path, tmp_path: Path) -> Iterator[Any]:
    p = start_review_command(review_build, tmp_path / "curations")
    p.curations = tmp_path / "curations"  # type: ignore[attr-defined]
    try:
        yield p
    finally:
        p.send_signal(signal.SIGTERM)
        p.wait(timeout=30)


@pytest.fixture
def page(browser: Any, review: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    pg.errors = []  # type: ignore[attr-defined]
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    # a refused curation (400) is logged by the browser as a failed resource: expected, not a page error
    pg.on("console", lambda m: pg.errors.append(m.text) if m.type == "error" and "status of 400" not in m.text
          else None)
    pg.goto(review.url)
    pg.wait_for_selector("body[data-ready=true]")
    try:
        yield pg
    finally:
        context.close()


def last_entry(folder: Path, count: int) -> Curation:
    got = read_folder(folder)
    assert not got.problems and len(got.entries) == count, (got.problems, got.entries)
    return got.entries[-1]


def click_and_wait(page: Any, target: Any) -> str:
    """Click ``target`` and wait for the page's answer in the status line (cleared first)."""
    page.evaluate("document.getElementById('status').replaceChildren()")
    target.click()
    page.wait_for_selector("#status:not(:empty)")
    return page.text_content("#status")


def written(text: str) -> str:
    assert "written" in text, text
    return text


def card(page: Any, kind: str, *values: str) -> Any:
    """The first fact card of ``kind`` with a field equal to each of ``values``."""
    found = page.locator(f"article.fact[data-kind='{kind}']")
    for v in values:
        found = found.filter(has=page.locator("dl.fields dd", has_text=re.compile(f"^{re.escape(v)}$")))
    assert found.count() >= 1, (kind, values)
    return found.first


def test_confirm_reject_correct_and_add_from_the_page(page: Any, review: Any, review_sources: Path,
                                                      tmp_path: Path) -> None:
    folder = review.curations
    page.fill("#by", "Rina (data desk)")
    page.fill("#why", "read the article")
    page.get_by_role("link", name="Pilkada Kutim 2024").click()
    page.wait_for_selector("article.fact")
    assert page.locator("article.fact").count() == 23
    confidences = page.locator("article.fact .conf").all_text_contents()
    scored = [float(c) for c in confidences if c != "no score"]
    assert scored == sorted(scored) and confidences[len(scored):] == ["no score"] * (len(confidences) - len(scored))

    # confirm a holding
    written(click_and_wait(page, card(page, "office", "Ismunandar").locator("button.confirm")))
    e = last_entry(folder, 1)
    assert (e.article, e.action, e.kind, e.fields["person"], e.by, e.why) == \
        (SEED, "confirm", "office", "Ismunandar", "Rina (data desk)", "read the article")
    assert "Ismunandar terjerat kasus korupsi" in e.evidence
    assert "confirm" in card(page, "office", "Ismunandar").locator("ul.curations").text_content()

    # reject a party of a ticket
    written(click_and_wait(page, card(page, "ticket-party", "BURUH").locator("button.reject")))
    e = last_entry(folder, 2)
    assert (e.action, e.kind, e.fields["party"], e.fields["head"]) == ("reject", "ticket-party", "BURUH", "Kasmidi Bulang")

    # correct a ticket's deputy: only correctable fields are editable
    ticket = card(page, "ticket", "Kasmidi Bulang")
    ticket.locator("button.correct").click()
    form = ticket.locator("form.correct-form")
    assert form.locator("input[name=deputy]").input_value() == "Kinsu"
    form.locator("input[name=deputy]").fill("Kinsu Sinsu")
    written(click_and_wait(page, form.locator("button[type=submit]")))
    e = last_entry(folder, 3)
    assert (e.action, e.kind, e.fields["deputy"], e.changes) == ("correct", "ticket", "Kinsu", {"deputy": "Kinsu Sinsu"})
    statement = page.locator("article.fact[data-kind=statement]").first
    assert statement.locator("button.correct").count() == 0          # a statement is never rewritten

    # add a missed office holding, its evidence selected in the article text
    page.select_option("#add-kind", "office")
    page.fill("#add-fields input[name=person]", "Ismunandar")
    page.fill("#add-fields input[name=office]", "Bupati")
    page.fill("#add-fields input[name=region]", "Kabupaten Kutai Timur")
    page.fill("#add-fields input[name=end]", "2020")
    sentence = "Selanjutnya, Kasmidi Bulang menjadi Plt Bupati Kutim setelah Bupati Kutai Timur, Ismunandar " \
               "terjerat kasus korupsi."
    assert page.evaluate(SELECT_TEXT, ["#article-text", sentence]) == sentence
    page.click("#use-selection")
    assert page.input_value("#add-evidence") == sentence
    written(click_and_wait(page, page.locator("#add-form button[type=submit]")))
    e = last_entry(folder, 4)
    assert (e.action, e.kind, e.evidence) == ("add", "office", sentence)
    assert e.fields == {"person": "Ismunandar", "office": "Bupati", "region": "Kabupaten Kutai Timur", "end": "2020"}
    assert "add office" in page.text_content("#other-curations")

    # a bad correction is refused with its one line, and nothing is written
    party = card(page, "ticket-party", "PKB")
    party.locator("button.correct").click()
    party.locator("form.correct-form input[name=party]").fill("")
    refused = click_and_wait(page, party.locator("form.correct-form button[type=submit]"))
    assert "cannot empty party" in refused and page.locator("#status.error").count() == 1
    last_entry(folder, 4)

    # the name and the reason are remembered; after a reload each curation shows beside its fact
    page.reload()
    page.wait_for_selector("article.fact")
    assert page.input_value("#by") == "Rina (data desk)" and page.input_value("#why") == "read the article"
    assert "reject" in card(page, "ticket-party", "BURUH").locator("ul.curations").text_content()
    assert "deputy: Kinsu Sinsu" in card(page, "ticket", "Kasmidi Bulang").locator("ul.curations").text_content()
    assert not page.errors, page.errors

    check_saved_queries_after_rebuild(review_sources, folder, tmp_path / "rebuilt")


def check_saved_queries_after_rebuild(sources: Path, curations: Path, out: Path) -> None:
    """What the page wrote is applied by a build, full and then incremental: the saved queries give the
    curated rows, and `--extracted` still gives what extraction alone found."""
    from kg.build import build
    from kg.query.service import run_named

    assert [c.action for c in read_folder(curations).entries] == ["confirm", "reject", "correct", "add"]

    def rows(name: str, extracted: bool = False) -> list[dict[str, str]]:
        return run_named(name, out, {"region": "Kutim"}, extracted=extracted).values()

    for kind in ("full", "incremental"):
        report = build([sources], out, curations=curations, jobs=1)
        assert report.curated["applied"] == 4, (kind, report.curated, [p.line() for p in report.problems])
        assert (report.reused > 0) == (kind == "incremental")
        kasmidi = [r for r in rows("tickets") if r["head"] == "Kasmidi Bulang"]
        assert [r["deputy"] for r in kasmidi] == ["Kinsu Sinsu"], kind
        parties = {r["party"] for r in rows("ticket-parties") if r["head"] == "Kasmidi Bulang"}
        assert parties and "BURUH" not in parties, kind
        ismunandar = {(r["office"], r["end"]) for r in rows("office-holders") if r["person"] == "Ismunandar"}
        assert ("Bupati", "2020") in ismunandar, kind
    assert "BURUH" in {r["party"] for r in rows("ticket-parties", extracted=True) if r["head"] == "Kasmidi Bulang"}
    assert [r["deputy"] for r in rows("tickets", extracted=True) if r["head"] == "Kasmidi Bulang"] == ["Kinsu"]


def test_region_and_query_views_list_facts_and_link_to_articles(page: Any) -> None:
    page.fill("#region", "Kutim")
    page.click("#region-form button[type=submit]")
    page.wait_for_selector("#region-articles li")
    assert "Kabupaten Kutai Timur" in page.text_content("#view-title")
    assert page.locator("article.fact").count() > 10
    page.select_option("#query", "tickets")
    page.fill("#query-params input[name=region]", "Kutim")
    page.click("#query-form button[type=submit]")
    page.wait_for_selector("table.rows tbody tr")
    assert page.locator("table.rows tbody tr").count() == 2
    page.locator("table.rows tbody tr").first.locator("button").click()
    visible = page.locator("article.fact:visible")
    assert visible.count() >= 1 and all("Kasmidi Bulang" in t for t in visible.all_text_contents())
    visible.first.locator("header a").click()
    page.wait_for_selector("#article-text span.ev")
    assert page.url.endswith(f"#/article/{SEED}") or page.url.endswith(f"#/article/{HOSTILE}")
    assert not page.errors, page.errors


def test_markup_in_an_article_stays_text(page: Any) -> None:
    page.goto(page.url.split("#")[0] + f"#/article/{HOSTILE}")
    page.wait_for_selector("article.fact")
    page.locator("article.fact button.locate").first.click()
    assert page.evaluate("window.__pwned") is None
    assert page.text_content("#view-title") == 'Debat Pilkada Kutim <img src=x onerror="window.__pwned=1">'
    assert "<script>window.__pwned = 2</script>" in page.text_content("#article-text")
    assert "<script>window.__pwned=3</script>" in page.locator("article.fact[data-kind=statement]").text_content()
    assert page.locator("main img, main script, #article-list img").count() == 0
    assert page.locator("script").count() == 1                       # the page's own review.js
    # the list of articles shows the title as text too
    page.fill("#search", "hostile")
    page.wait_for_selector("#article-list li:only-child")     # (wait_for_function would need 'unsafe-eval')
    assert "<img src=x" in page.text_content("#article-list")
    assert page.evaluate("window.__pwned") is None
