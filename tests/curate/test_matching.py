"""kg.curate.matching mirrors the evaluation's scorer (../shared/eval/score.py): same tables, same verdicts."""
from __future__ import annotations

import importlib.util

import pytest

from kg.curate import matching as M

from .conftest import ROOT


def _scorer():
    for base in (ROOT.parent, ROOT.parent.parent):          # ../shared of a clone, or of a worktree
        path = base / "shared" / "eval" / "score.py"
        if path.is_file():
            spec = importlib.util.spec_from_file_location("shared_eval_score", path)
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            return module
    return None


SCORER = _scorer()
needs_scorer = pytest.mark.skipif(SCORER is None, reason="../shared/eval/score.py is not at hand")

CASES = [
    ("tickets", {"region": "Kabupaten Kutai Timur", "year": 2024, "number": 1, "head": "Kasmidi Bulang",
                 "deputy": None}, {"region": "Kutai Timur", "year": "2024", "number": "1", "head": "H. Kasmidi Bulang",
                                   "deputy": "Kinsu"}),
    ("tickets", {"region": "Kota Bekasi", "year": None, "number": None, "head": "Tri", "deputy": "Harris"},
     {"region": "Kabupaten Bekasi", "year": "2024", "number": "", "head": "Tri Adhianto", "deputy": "Harris Bobihoe"}),
    ("ticket-parties", {"region": "Provinsi Bali", "year": 2024, "head": "Koster", "party": "PDIP"},
     {"region": "Provinsi Bali", "year": "2024", "head": "Wayan Koster", "party": "PDI Perjuangan"}),
    ("office-holders", {"person": "Akmal Malik", "office": "Gubernur", "region": None, "qualifier": "Pj"},
     {"person": "Akmal Malik", "office": "Pj Gubernur", "region": "Provinsi Kalimantan Timur", "qualifier": ""}),
    ("office-holders", {"person": "Sri Wahyuni", "office": "Sekretaris Daerah", "region": "Provinsi Kalimantan Timur",
                        "qualifier": None}, {"person": "Sri Wahyuni", "office": "Sekda", "region": "Kaltim",
                                             "qualifier": "Pj"}),
    ("statements", {"speaker": "Akmal Malik", "quote": "Ibaratnya kita tidak bisa"},
     {"speaker": "Dr. Akmal Malik, M.Si", "quote": "“Ibaratnya, kita tidak bisa melarang burung terbang”"}),
]


@needs_scorer
def test_the_tables_are_the_scorers():
    assert M.HONORIFICS == set(SCORER.HONORIFICS)
    assert {k: tuple(v) for k, v in SCORER.PARTIES.items()} == M.PARTIES
    assert tuple(SCORER.OFFICES) == M.OFFICES
    assert tuple(SCORER.OFFICE_SPELLING) == M.OFFICE_SPELLING
    assert SCORER.QUALIFIERS == M.QUALIFIERS


@needs_scorer
@pytest.mark.parametrize("kind,gold,pred", CASES)
def test_the_verdicts_are_the_scorers(kind, gold, pred):
    assert M.MATCHERS[kind](gold, pred) == SCORER.MATCHERS[kind](gold, pred)
    got = M.match_rows([gold], [pred], M.MATCHERS[kind])
    want = SCORER.score([gold], [pred], SCORER.MATCHERS[kind])
    assert (len(got.hits), len(got.misses), len(got.extra)) == (len(want["hits"]), len(want["misses"]),
                                                                len(want["extra"]))


def test_the_verdicts():
    assert [M.MATCHERS[k](g, p) for k, g, p in CASES] == [True, False, True, True, False, True]


def test_nothing_to_find_and_nothing_found_is_perfect():
    assert M.prf(0, 0, 0) == (1.0, 1.0, 1.0)
    assert M.prf(0, 0, 3) == (0.0, 1.0, 0.0)
    assert M.prf(2, 4, 2) == (1.0, 0.5, pytest.approx(2 / 3))
