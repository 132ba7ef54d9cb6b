"""What ``kg curate`` does on a build: the verdict on each curation, applying a folder again, and the curated
articles as an evaluation set (their text and their curated truth).

A build records the sources it read and the curations folder it applied (``build-report.json``); these
functions take them from there unless told otherwise.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.curate.apply import CurationPlan, plan_curations
from kg.curate.files import CurationError, CurationProblem, dump_yaml, read_folder, write_atomic
from kg.curate.gold import GoldSet, curated_gold
from kg.resources import Resources

def curations_folder(data: Path, folder: Path | None = None, must_exist: bool = True) -> Path:
    """``folder``, else the curations folder the build at ``data`` applied (its report's ``"curations"``);
    CurationError when neither, or (``must_exist``) when the folder is not there. The review page writes
    into a folder that its first curation creates."""
    from kg.graph.store import read_report

    if folder is not None:
        if must_exist and not Path(folder).is_dir():
            raise CurationError("no such curations folder", culprit=str(folder))
        return Path(folder)
    recorded = read_report(data).get("curations")
    if not recorded:
        raise CurationError("the build recorded no curations folder", culprit=str(data),
                            hint="give one with --curations FOLDER (or build with --curations FOLDER)")
    if must_exist and not Path(recorded).is_dir():
        raise CurationError("the build's curations folder is gone", culprit=recorded,
                            hint="give --curations FOLDER")
    return Path(recorded)


def check_curations(data: Path, folder: Path | None = None, resources: Resources | None = None) -> CurationPlan:
    """The verdict on every curation of ``folder`` against the build at ``data``, as it stands (nothing is
    written): what the next build would apply, and what is stale, redundant, contradicted or invalid."""
    from kg.graph.store import open_store
    from kg.query.terms import TermResolver

    found = read_folder(curations_folder(data, folder))
    store = open_store(data)
    if not found.entries:
        return CurationPlan(problems=list(found.problems))
    return plan_curations(store, found, TermResolver(resources))


def apply_curations(data: Path, folder: Path | None = None, resources: Resources | None = None) -> Any:
    """Build again the sources of the build at ``data`` with ``folder``'s curations: every unchanged article
    is reused, so this costs the curations and the consolidation of what they touch."""
    from kg.build import build

    from kg.graph.store import read_report

    record = read_report(data)
    sources = [Path(s) for s in record.get("sources") or []]
    if not sources:
        raise CurationError("the build does not record its sources (made by an older version)", culprit=str(data),
                            hint="run `kg build ARTICLES --out DIR --curations FOLDER`")
    missing = [s for s in sources if not s.exists()]
    if missing:
        raise CurationError("a source of the build is gone", culprit=str(missing[0]),
                            hint="run `kg build` with the sources you have")
    return build(sources, data, resources=resources, curations=curations_folder(data, folder))


def gold_of_build(data: Path, folder: Path | None = None, assume_confirmed: bool = False,
                  resources: Resources | None = None) -> GoldSet:
    """The curated truth of each article of the build at ``data`` that ``folder``'s curations curate
    (:func:`kg.curate.gold.curated_gold`)."""
    from kg.graph.store import open_store
    from kg.query.terms import TermResolver

    found = read_folder(curations_folder(data, folder))
    if not found.entries:
        return GoldSet(problems=list(found.problems))
    return curated_gold(open_store(data), found, TermResolver(resources), assume_confirmed)


@dataclass(slots=True)
class GoldWrite:
    """What :func:`write_gold_set` wrote: a ``STEM.txt`` + ``STEM.gold.yaml`` pair per stem."""

    folder: Path
    stems: list[str] = field(default_factory=list)
    gold: GoldSet = field(default_factory=GoldSet)
    problems: list[CurationProblem] = field(default_factory=list)    # articles left out (text not readable)


def write_gold_set(data: Path, out: Path, folder: Path | None = None, assume_confirmed: bool = False,
                   resources: Resources | None = None) -> GoldWrite:
    """Write the curated articles of the build at ``data`` as an evaluation set into ``out``: per article its
    text, read again from its source (``STEM.txt``), and its curated truth (``STEM.gold.yaml``), the format
    ``../shared/eval/score.py`` and :mod:`kg.training.dataset` read. An article whose source is gone or
    changed since the build is left out, with a problem naming it."""
    gold = gold_of_build(data, folder, assume_confirmed, resources)
    report = GoldWrite(Path(out), gold=gold, problems=list(gold.problems))
    texts = article_texts(data, [a.article for a in gold.articles])
    Path(out).mkdir(parents=True, exist_ok=True)
    taken: set[str] = set()
    for a in gold.articles:
        text = texts.get(a.article)
        if isinstance(text, CurationProblem):
            report.problems.append(text)
            continue
        stem = _stem(a.article, taken)
        header = (f"# the curated truth of article {a.article} (kg curate gold: "
                  f"{'extraction assumed confirmed' if assume_confirmed else 'only the facts curations name'})\n")
        write_atomic(Path(out) / f"{stem}.txt", str(text))
        write_atomic(Path(out) / f"{stem}.gold.yaml", header + dump_yaml(a.document))
        report.stems.append(stem)
    return report


def article_texts(data: Path, articles: list[str]) -> dict[str, str | CurationProblem]:
    """The text of each of ``articles`` (ids of the build at ``data``) as the build read it, read again from its
    source (the build's manifest names it); a problem when the source is gone or its bytes changed."""
    from kg.errors import InputError
    from kg.graph import iris
    from kg.graph.store import resolve_build_dir
    from kg.ingest.sources import Source, file_source, iter_sources, load_source
    from kg.manifest import MANIFEST, Manifest

    path = resolve_build_dir(data) / MANIFEST
    manifest = Manifest.read(path)
    if manifest is None:
        raise CurationError("cannot read the build's manifest", culprit=str(path),
                            hint="rebuild with `kg build ARTICLES --out DIR`")
    wanted = {iris.article_graph_iri(a): a for a in articles}
    keys: dict[str, tuple[str, str]] = {}         # article → (source key, sha256)
    for key, entry in sorted(manifest.articles.items(), key=lambda kv: kv[1].role != "original"):
        aid = wanted.get(entry.graph or "")
        if aid is not None and aid not in keys:
            keys[aid] = (key, entry.sha256)
    out: dict[str, str | CurationProblem] = {
        a: CurationProblem(a, "the build's manifest names no source for this article; rebuild") for a in articles}
    wanted_keys = {key for key, _ in keys.values()}
    records: dict[str, Source] = {}               # the dump records wanted, from one pass over each dump
    for dump in sorted({k.rpartition("#")[0] for k in wanted_keys if _is_record(k)}):
        try:
            records.update((s.key, s) for s in iter_sources([Path(dump)])
                           if isinstance(s, Source) and s.key in wanted_keys)
        except OSError:
            pass                                  # each of its articles is reported below
    for aid, (key, sha) in keys.items():
        try:
            source = records.get(key) if _is_record(key) else file_source(Path(key))
            if source is None:
                raise InputError("the record is no longer in its dump", culprit=key)
            if source.sha256 != sha:
                raise InputError("changed since the build", culprit=source.locator,
                                 hint="build again and score the new build")
            out[aid] = load_source(source).text
        except InputError as err:
            out[aid] = CurationProblem(aid, f"its text cannot be read again: {err}")
        except OSError as err:
            out[aid] = CurationProblem(aid, f"its text cannot be read again: {key}: {err.strerror or err}")
    return out


def _is_record(key: str) -> bool:
    """Whether a manifest key is a dump record's (``PATH#ID``) rather than a file's path."""
    from kg.ingest.sources import source_kind

    dump, sep, _ = key.rpartition("#")
    return bool(sep) and source_kind(Path(dump)) in {"jsonl", "csv"}


def _stem(article: str, taken: set[str]) -> str:
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", article).strip(".-")[:120] or "article"
    base, n = stem, 2
    while stem in taken:
        stem, n = f"{base}-{n}", n + 1
    taken.add(stem)
    return stem
