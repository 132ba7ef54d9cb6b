"""Whole-article goldens: the resolved facts of each bundled article, in GOLD_SCHEMA's shape.

A mismatch fails with a unified diff. After a deliberate change to the
extractor, run ``pytest tests/golden --update-golden``, read ``git diff
tests/golden`` and say in the commit message why the output changed.
"""
from __future__ import annotations

import difflib
from pathlib import Path

import pytest
import yaml

from kg.build import Context
from kg.build.article import process_article
from kg.resources import Resources

HERE = Path(__file__).parent / "articles"
ARTICLES = sorted(Resources.default().articles.glob("*.txt"))


def facts_yaml(path: Path) -> str:
    ctx = Context.load(Resources.default())
    facts = process_article(path, ctx)
    c, text = facts.claims, facts.article.text
    label = ctx.gazetteer.region_label  # type: ignore[attr-defined]

    def region(code: str | None) -> str | None:
        return None if code is None else ("Indonesia" if code == "ID" else label(code) or code)

    doc = {
        "elections": [{"region": region(e.region), "office": e.office, "year": e.year, "revote": e.revote}
                      for e, _ in c.elections],
        "tickets": [{"region": region(t.election.region), "year": t.election.year, "number": t.number,
                     "head": t.head.name, "deputy": t.deputy.name if t.deputy else None,
                     "parties": [b.party for b in t.backings],
                     "evidence": text[t.evidence.start:t.evidence.end]} for t in c.tickets],
        "offices": [{"person": o.person.name, "office": o.office, "region": region(o.region),
                     "qualifier": o.qualifier, "start": o.start, "end": o.end,
                     "evidence": text[o.evidence.start:o.evidence.end]} for o in c.offices],
        "statements": [{"speaker": s.speaker.name, "quote": s.quote[:80], "themes": list(s.themes)}
                       for s in c.statements],
    }
    return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=110)


@pytest.mark.parametrize("path", ARTICLES, ids=[p.stem for p in ARTICLES])
def test_article_matches_its_golden(path: Path, update_golden: bool) -> None:
    golden = HERE / f"{path.stem}.facts.yaml"
    actual = facts_yaml(path)
    if update_golden:
        golden.write_text(actual, encoding="utf-8")
        return
    if not golden.exists():
        pytest.fail(f"no golden for {path.name}: run `pytest tests/golden --update-golden` and review it")
    expected = golden.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                            f"golden/{golden.name}", "extractor output"))
        pytest.fail("extraction changed:\n" + diff)


def test_extraction_is_deterministic() -> None:
    assert facts_yaml(ARTICLES[0]) == facts_yaml(ARTICLES[0])
