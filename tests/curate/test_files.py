"""Curation files: reading never stops at a bad entry, writing is atomic, entries round-trip."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from kg.curate import files
from kg.curate.files import CurationError, append_curation, make_curation, parse_entry, read_folder

GOOD = {"action": "reject", "kind": "ticket-party", "by": "Rina",
        "fact": {"region": "Kutim", "year": 2024, "head": "Kasmidi Bulang", "party": "PKS"}}


@pytest.mark.parametrize("raw, message", [
    ({**GOOD, "action": "delete"}, "action 'delete' is not one of confirm, reject, correct, add"),
    ({**GOOD, "kind": "event"}, "kind 'event' is not one of ticket, ticket-party, office, statement"),
    ({**GOOD, "fact": {"region": "Kutim", "head": "A"}}, "the ticket-party fact lacks party"),
    ({**GOOD, "fact": {**GOOD["fact"], "colour": "red"}}, "unknown field(s) colour"),
    ({**GOOD, "fact": {**GOOD["fact"], "year": "twenty"}}, "'fact.year' must be a whole number"),
    ({**GOOD, "action": "correct"}, "a correction needs 'to'"),
    ({**GOOD, "action": "correct", "to": {"head": "B"}}, "'to' cannot change head of a ticket-party"),
    ({**GOOD, "action": "correct", "kind": "statement", "fact": {"speaker": "A", "quote": "b"}, "to": {"quote": "c"}},
     "a statement cannot be corrected"),
    ({**GOOD, "to": {"party": "PAN"}}, "only a correction takes 'to'"),
    ({**GOOD, "at": "yesterday"}, "'at' must be an ISO date-time"),
    ({**GOOD, "extra": 1}, "unknown field(s) extra"),
    ("a string", "an entry is a mapping"),
])
def test_bad_entries_are_named(raw, message) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(CurationError) as err:
        parse_entry(raw, "a1")
    assert message in str(err.value)
    assert "\n" not in str(err.value)


def test_a_bad_file_or_entry_leaves_the_rest(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("article: a1\nentries:\n  - {action: nuke, kind: ticket, fact: {}}\n"
                                     "  - {action: confirm, kind: statement, fact: {speaker: A, quote: b}}\n",
                                     encoding="utf-8")
    (tmp_path / "b.yaml").write_text("article: b1\nentries: [\n", encoding="utf-8")
    (tmp_path / "c.yaml").write_bytes(b"article: c1\nentries: []\n\xff\n")
    (tmp_path / "d.yaml").write_text("- just a list\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a curation file", encoding="utf-8")
    found = read_folder(tmp_path)
    assert [(c.article, c.action, c.index) for c in found.entries] == [("a1", "confirm", 2)]
    lines = [str(p) for p in found.problems]
    assert lines[0].endswith("a.yaml entry 1: action 'nuke' is not one of confirm, reject, correct, add")
    assert "b.yaml: not valid YAML at line" in lines[1]
    assert "c.yaml: not UTF-8 (byte 0xff" in lines[2]
    assert "d.yaml: expected a mapping with 'article' and 'entries'" in lines[3]
    assert len(lines) == 4


def test_append_keeps_entries_and_stamps_time(tmp_path: Path) -> None:
    a = append_curation(tmp_path, make_curation("a/1", "reject", **{k: v for k, v in GOOD.items() if k != "action"}))
    b = append_curation(tmp_path, make_curation("a/1", "confirm", "statement", {"speaker": "A", "quote": "b"}))
    assert (a.file, a.index, b.index) == ("a-1.yaml", 1, 2)
    assert a.at and a.at.endswith("+00:00")
    found = read_folder(tmp_path)
    assert [(c.article, c.action) for c in found.entries] == [("a/1", "reject"), ("a/1", "confirm")]
    assert not found.problems


def test_a_failed_write_leaves_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    append_curation(tmp_path, make_curation("a1", "confirm", "statement", {"speaker": "A", "quote": "b"}))
    before = (tmp_path / "a1.yaml").read_bytes()

    def broken(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "replace", broken)
    with pytest.raises(OSError):
        append_curation(tmp_path, make_curation("a1", "reject", "statement", {"speaker": "A", "quote": "c"}))
    assert (tmp_path / "a1.yaml").read_bytes() == before
    assert sorted(os.listdir(tmp_path)) == ["a1.yaml"]          # no temporary file left behind


def test_a_bad_entry_writes_nothing(tmp_path: Path) -> None:
    with pytest.raises(CurationError):
        append_curation(tmp_path, files.Curation(article="a1", action="nuke", kind="ticket", fact=()))
    assert not list(tmp_path.iterdir())


names = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30).filter(
    lambda s: s.strip() != "")


def test_a_correction_to_a_value_spelt_none_is_a_change(tmp_path: Path) -> None:
    # found by hypothesis: str(None) == "None" made a deputy called "none" look like no change at all
    entry = make_curation("x1", "correct", "ticket", {"region": "Kutim", "year": 2024, "number": 1, "head": "A"},
                          {"deputy": "none"})
    (got,) = read_folder(tmp_path).entries if append_curation(tmp_path, entry) else ()
    assert got.changes["deputy"] == "none"


@example(head="A", party="none", why="", year=2024, number=1)
@settings(max_examples=60, deadline=None)
@given(head=names, party=names, why=st.text(max_size=80), year=st.integers(1900, 2100), number=st.integers(1, 20))
def test_entries_round_trip(tmp_path_factory: pytest.TempPathFactory, head: str, party: str, why: str, year: int,
                            number: int) -> None:
    folder = tmp_path_factory.mktemp("rt")
    entry = make_curation("x1", "correct", "ticket", {"region": "Kutim", "year": year, "number": number,
                                                      "head": head}, {"deputy": party}, by="Rina", why=why)
    written = append_curation(folder, entry)
    (got,) = read_folder(folder).entries
    assert got == written
    assert got.fields["head"] == " ".join(head.split()) and got.changes["deputy"] == " ".join(party.split())
