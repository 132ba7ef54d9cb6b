"""Curations are gold: each action (confirm, reject, correct, add) read into a curated article's truth."""
from __future__ import annotations

import pytest

from kg.curate.files import read_folder
from kg.curate.gold import curated_gold

from .conftest import KUKAR, KUTIM, write

REGION = "Kabupaten Kutai Timur"


def gold(store, resolver, folder, assume_confirmed=False, article=KUTIM):
    found = curated_gold(store, read_folder(folder), resolver, assume_confirmed)
    docs = {a.article: a.document for a in found.articles}
    return docs[article], found


def tickets(doc):
    return {t["head"]: t for t in doc["tickets"]}


def test_the_document_has_the_gold_schema_form(sample_store, resolver, tmp_path):
    write(tmp_path, KUTIM, ("confirm", "ticket", {"region": "Kutim", "head": "Kasmidi Bulang"}))
    doc, _ = gold(sample_store, resolver, tmp_path, assume_confirmed=True)
    assert set(doc) == {"source", "elections", "tickets", "offices", "statements"}
    assert set(doc["source"]) == {"url", "publisher", "published"}
    assert doc["elections"] == [{"key": "kutai-timur-2024", "region": REGION, "office": "Bupati", "year": 2024,
                                 "revote": False}]
    t = tickets(doc)
    assert t["Kasmidi Bulang"] == {"election": "kutai-timur-2024", "number": 1, "head": "Kasmidi Bulang",
                                   "deputy": "Kinsu", "parties": ["BURUH", "GELORA", "GOLKAR", "NASDEM", "PAN",
                                                                  "PDIP", "PKB", "PPP"]}
    plt = [o for o in doc["offices"] if o["qualifier"]]
    assert plt == [{"person": "Kasmidi Bulang", "office": "Bupati", "region": REGION, "qualifier": "Plt",
                    "start": None, "end": None}]
    assert {o["start"] for o in doc["offices"]} >= {2016, 2021}             # years as numbers, as the schema
    assert all(o["qualifier"] is None for o in doc["offices"] if o is not plt[0])   # definitive: null
    assert all(len(s["quote"].split()) <= 10 for s in doc["statements"])    # the first words of a quotation


def test_a_revote_has_its_own_key(sample_store, resolver, tmp_path):
    write(tmp_path, KUKAR, ("confirm", "ticket", {"region": "Kabupaten Kutai Kartanegara", "head": "Aulia Rahman Basri"}))
    doc, _ = gold(sample_store, resolver, tmp_path, article=KUKAR)
    assert doc["elections"] == [{"key": "kutai-kartanegara-2024-psu", "region": "Kabupaten Kutai Kartanegara",
                                 "office": "Bupati", "year": 2024, "revote": True}]


def test_confirm_names_a_fact(sample_store, resolver, tmp_path):
    write(tmp_path, KUTIM, ("confirm", "ticket", {"region": REGION, "year": 2024, "number": 2,
                                                  "head": "Ardiansyah Sulaiman"}))
    named, _ = gold(sample_store, resolver, tmp_path)
    assert named["tickets"] == [{"election": "kutai-timur-2024", "number": 2, "head": "Ardiansyah Sulaiman",
                                 "deputy": "Mahyunadi", "parties": []}]      # its parties were not named
    assert named["offices"] == [] and named["statements"] == []
    whole, _ = gold(sample_store, resolver, tmp_path, assume_confirmed=True)
    assert len(whole["tickets"]) == 2 and len(tickets(whole)["Ardiansyah Sulaiman"]["parties"]) == 4


def test_a_stale_confirm_is_the_analysts_fact_with_a_note(sample_store, resolver, tmp_path):
    write(tmp_path, KUTIM, ("confirm", "ticket", {"region": REGION, "year": 2024, "number": 7, "head": "Nobody Here"}))
    doc, found = gold(sample_store, resolver, tmp_path)
    assert tickets(doc)["Nobody Here"]["number"] == 7
    assert any("entry 1: confirms a fact extraction does not state" in n for n in found.notes)


def test_reject_drops_the_fact_and_a_tickets_parties(sample_store, resolver, tmp_path):
    write(tmp_path, KUTIM,
          ("reject", "ticket-party", {"region": REGION, "year": 2024, "head": "Ardiansyah Sulaiman", "party": "PKS"}),
          ("reject", "ticket", {"region": REGION, "head": "Kasmidi Bulang"}),
          ("reject", "statement", {"speaker": "Ardiansyah Sulaiman", "quote": "Saat ini semua sistem"}))
    doc, _ = gold(sample_store, resolver, tmp_path, assume_confirmed=True)
    assert list(tickets(doc)) == ["Ardiansyah Sulaiman"]
    assert tickets(doc)["Ardiansyah Sulaiman"]["parties"] == ["DEMOKRAT", "GERINDRA", "PERINDO"]
    assert not any(s["quote"].startswith("Saat ini") for s in doc["statements"])
    assert len(doc["statements"]) == 3
    named, _ = gold(sample_store, resolver, tmp_path)
    assert named["tickets"] == [] and named["statements"] == []


def test_correct_keeps_the_fields_it_does_not_change(sample_store, resolver, tmp_path):
    write(tmp_path, KUTIM,
          ("correct", "ticket", {"region": "Kutim", "head": "Kasmidi Bulang"}, {"deputy": "Kinsu Sinsu"}),
          ("correct", "ticket-party", {"region": REGION, "head": "Ardiansyah Sulaiman", "party": "PKS"},
           {"party": "PKB"}),
          ("correct", "office", {"person": "Ismunandar", "office": "Bupati"}, {"start": 2016, "end": 2020}))
    doc, _ = gold(sample_store, resolver, tmp_path, assume_confirmed=True)
    t = tickets(doc)
    assert t["Kasmidi Bulang"]["deputy"] == "Kinsu Sinsu" and t["Kasmidi Bulang"]["number"] == 1
    assert len(t["Kasmidi Bulang"]["parties"]) == 8                   # the parties stay with the ticket
    assert "PKS" not in t["Ardiansyah Sulaiman"]["parties"] and "PKB" in t["Ardiansyah Sulaiman"]["parties"]
    assert {"person": "Ismunandar", "office": "Bupati", "region": REGION, "qualifier": None, "start": 2016,
            "end": 2020} in doc["offices"]
    named, _ = gold(sample_store, resolver, tmp_path)
    assert named["tickets"] == [
        {"election": "kutai-timur-2024", "number": 1, "head": "Kasmidi Bulang", "deputy": "Kinsu Sinsu", "parties": []},
        {"election": "kutai-timur-2024", "number": 2, "head": "Ardiansyah Sulaiman", "deputy": "Mahyunadi",
         "parties": ["PKB"]}]
    assert [o["person"] for o in named["offices"]] == ["Ismunandar"]


@pytest.mark.parametrize("year", [2024, 2020])
def test_a_key_names_a_fact_as_extracted_or_as_corrected(sample_store, resolver, tmp_path, year):
    write(tmp_path, KUTIM,
          ("correct", "ticket", {"region": REGION, "head": "Ardiansyah Sulaiman"}, {"year": 2020}),
          ("reject", "ticket-party", {"region": REGION, "year": year, "head": "Ardiansyah Sulaiman", "party": "PKS"}))
    doc, _ = gold(sample_store, resolver, tmp_path, assume_confirmed=True)
    assert tickets(doc)["Ardiansyah Sulaiman"]["election"] == "kutai-timur-2020"
    assert tickets(doc)["Ardiansyah Sulaiman"]["parties"] == ["DEMOKRAT", "GERINDRA", "PERINDO"]


def test_add_puts_the_fact_in(sample_store, resolver, tmp_path):
    write(tmp_path, KUTIM,
          ("add", "office", {"person": "Mahyunadi", "office": "Ketua DPRD", "region": "Kutim"}),
          ("add", "ticket", {"region": "Kota Samarinda", "year": 2024, "number": 1, "head": "Andi Harun",
                             "deputy": "Saefuddin Zuhri", "parties": ["Gerindra", "PDI-P"]}),
          ("add", "statement", {"speaker": "Kasmidi Bulang", "quote": "Kami siap melayani"}))
    for assume in (False, True):
        doc, _ = gold(sample_store, resolver, tmp_path, assume_confirmed=assume)
        assert {"person": "Mahyunadi", "office": "Ketua DPRD", "region": REGION, "qualifier": None, "start": None,
                "end": None} in doc["offices"]
        assert {"key": "samarinda-2024", "region": "Kota Samarinda", "office": "Wali Kota", "year": 2024,
                "revote": False} in doc["elections"]
        assert tickets(doc)["Andi Harun"]["parties"] == ["GERINDRA", "PDIP"]
        assert {"speaker": "Kasmidi Bulang", "quote": "Kami siap melayani"} in doc["statements"]


def test_a_named_party_makes_its_ticket_a_fact_with_what_the_curation_gives(sample_store, resolver, tmp_path):
    write(tmp_path, KUTIM,
          ("confirm", "ticket-party", {"region": REGION, "head": "Ardiansyah Sulaiman", "party": "GERINDRA"}))
    doc, _ = gold(sample_store, resolver, tmp_path)
    assert doc["tickets"] == [{"election": "kutai-timur-2024", "number": 2, "head": "Ardiansyah Sulaiman",
                               "deputy": "Mahyunadi", "parties": ["GERINDRA"]}]


def test_the_later_curation_holds(sample_store, resolver, tmp_path):
    key = {"region": REGION, "head": "Kasmidi Bulang"}
    write(tmp_path, KUTIM, ("reject", "ticket", key), ("confirm", "ticket", {**key, "number": 1, "deputy": "Kinsu"}))
    doc, _ = gold(sample_store, resolver, tmp_path)
    assert [t["head"] for t in doc["tickets"]] == ["Kasmidi Bulang"]


@pytest.mark.parametrize("entry", [
    ("add", "ticket-party", {"region": REGION, "head": "Kasmidi Bulang", "party": "Partai Khayalan"}),
    ("reject", "office", {"person": "Kasmidi Bulang", "office": "Wakil Bupati"}),     # two terms: ambiguous
])
def test_an_invalid_curation_is_left_out_and_said_so(sample_store, resolver, tmp_path, entry):
    write(tmp_path, KUTIM, entry)
    doc, found = gold(sample_store, resolver, tmp_path, assume_confirmed=True)
    assert any(n.startswith("left out: invalid:") for n in found.notes)
    assert len([o for o in doc["offices"] if o["office"] == "Wakil Bupati"]) == 2
    assert len(tickets(doc)["Kasmidi Bulang"]["parties"]) == 8


def test_curations_of_an_article_not_in_the_build_are_noted(sample_store, resolver, tmp_path):
    write(tmp_path, "no-such-article", ("confirm", "ticket", {"region": REGION, "head": "Kasmidi Bulang"}))
    found = curated_gold(sample_store, read_folder(tmp_path), resolver)
    assert found.articles == [] and "is not in this build" in found.notes[0]
