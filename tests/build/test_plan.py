"""The build plan: a pure function of the sources and the previous build's manifest."""
from __future__ import annotations

import dataclasses

import pytest

from kg.build.plan import BuildPlan, plan_build
from kg.ingest.sources import Source
from kg.manifest import Entry, Manifest


def source(key: str, sha: str) -> Source:
    return Source(key=key, path=key, kind="txt", locator=key, sha256=sha, name=key.rsplit(".", 1)[0])


def entry(sha: str, graph: str | None = None, **kw) -> Entry:  # type: ignore[no-untyped-def]
    return Entry(sha, graph=graph, meta={"name": kw.pop("name")} if "name" in kw else {}, **kw)


def previous(**entries: Entry) -> Manifest:
    return Manifest("fp", {f"{k}.txt": e for k, e in entries.items()})


def test_without_a_previous_build_everything_is_to_do_in_a_full_build():
    sources = (source("a.txt", "1"), source("b.txt", "2"))
    plan = plan_build(sources, None, "fp")
    assert plan.todo == sources and not plan.reused and plan.stale == () and not plan.incremental
    assert plan.previous is None and plan.previous_dir is None


def test_unchanged_articles_are_reused_changed_ones_redone_and_gone_ones_stale(tmp_path):
    prev = previous(a=entry("1", "g/a"), b=entry("2", "g/b"), gone=entry("3", "g/gone"))
    sources = (source("a.txt", "1"), source("b.txt", "22"), source("c.txt", "4"))
    plan = plan_build(sources, prev, "fp", tmp_path)
    assert list(plan.reused) == ["a.txt"]
    assert [s.key for s in plan.todo] == ["b.txt", "c.txt"]
    assert set(plan.stale) == {"g/b", "g/gone"}
    assert plan.incremental and plan.previous_dir == tmp_path


def test_an_article_skipped_for_its_time_budget_is_tried_again():
    prev = previous(a=entry("1", None, problems=[{"stage": "timeout", "message": "took more than 2 s"}]))
    plan = plan_build((source("a.txt", "1"),), prev, "fp")
    assert not plan.reused and [s.key for s in plan.todo] == ["a.txt"]


def test_a_copy_is_redone_when_its_original_is_not_reused():
    prev = previous(a=entry("1", "g/a"), b=entry("2", "g/b", role="copy", original="a.txt"))
    plan = plan_build((source("a.txt", "11"), source("b.txt", "2")), prev, "fp")
    assert not plan.reused and [s.key for s in plan.todo] == ["a.txt", "b.txt"]
    kept = plan_build((source("a.txt", "1"), source("b.txt", "2")), prev, "fp")
    assert list(kept.reused) == ["a.txt", "b.txt"] and kept.todo == ()


def test_a_source_given_another_id_is_redone():
    prev = previous(a=entry("1", "g/a", name="old-id"))
    plan = plan_build((source("a.txt", "1"),), prev, "fp")
    assert not plan.reused


def test_many_changes_make_a_full_build_that_still_reuses():
    """A clone of the previous store takes up to 25 changes, or a quarter of the sources (a changed article
    counts twice: its new graph to write, its old one to remove)."""
    n = 120
    prev = Manifest("fp", {f"{i}.txt": entry(str(i), f"g/{i}") for i in range(n)})

    def plan(changed: int) -> BuildPlan:
        return plan_build(tuple(source(f"{i}.txt", str(i) + ("x" if i < changed else "")) for i in range(n)),
                          prev, "fp")

    assert plan(15).incremental
    full = plan(16)
    assert not full.incremental and len(full.reused) == n - 16 and len(full.todo) == 16 and len(full.stale) == 16


def test_the_plan_is_frozen():
    plan = plan_build((source("a.txt", "1"),), previous(a=entry("1", "g/a")), "fp")
    assert isinstance(plan, BuildPlan)
    with pytest.raises(dataclasses.FrozenInstanceError):
        plan.incremental = False  # type: ignore[misc]
    with pytest.raises(TypeError):
        plan.reused["b.txt"] = entry("2")  # type: ignore[index]
