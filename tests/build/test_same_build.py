"""The build makes the very graph, dump, manifest and report it made before the build package was split
out of kg/pipeline.py (digests in same_build.json, made by that code: commit fe4914d).

The sources: the bundled articles, the shadow evaluation set (whose report holds a warning) and the mixed and
odd-source fixtures (dump records, HTML pages, duplicates, files that give no article). A deliberate change
to what a build makes (extraction, ontology, reference data, the report) changes these digests: run
``pytest tests/build/test_same_build.py --update-golden`` and say in the commit message why they changed.
"""
from __future__ import annotations

import json
from pathlib import Path

from kg.build import build
from kg.resources import Resources

from tests.build.digest import digest_build

ROOT = Resources.default().root
GOLDEN = Path(__file__).parent / "same_build.json"
SOURCES = ("data/articles", "eval/shadow", "tests/fixtures/mixed", "tests/fixtures/sources")


def test_the_build_makes_the_same_graph_dump_and_report(tmp_path, update_golden):
    out = tmp_path / "out"
    build([ROOT / s for s in SOURCES], out, jobs=1)
    found = digest_build(out, ROOT)
    if update_golden:
        GOLDEN.write_text(json.dumps(found, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert found["summary"] == expected["summary"]
    assert {k: v for k, v in found.items() if found[k] != expected[k]} == {}
