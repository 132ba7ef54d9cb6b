"""What ``kg curate`` does on a build: the verdict on each curation, and applying a folder again.

A build records the sources it read and the curations folder it applied (``build-report.json``); these
functions take them from there unless told otherwise.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from kg.curate.apply import CurationPlan, plan_curations
from kg.curate.files import CurationError, read_folder
from kg.resources import Resources

REPORT = "build-report.json"


def build_record(data: Path) -> dict[str, Any]:
    """The report of the current build at ``data`` (its sources and curations folder)."""
    from kg.graph.store import resolve_build_dir

    path = resolve_build_dir(data) / REPORT
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise CurationError(f"cannot read the build's report ({err})", culprit=str(path),
                            hint="rebuild with `kg build ARTICLES --out DIR`") from None


def curations_folder(data: Path, folder: Path | None = None) -> Path:
    """``folder``, else the curations folder the build at ``data`` applied; CurationError when neither."""
    if folder is not None:
        if not Path(folder).is_dir():
            raise CurationError("no such curations folder", culprit=str(folder))
        return Path(folder)
    recorded = build_record(data).get("curations")
    if not recorded:
        raise CurationError("this build applied no curations folder", culprit=str(data),
                            hint="give --curations FOLDER (or build with --curations FOLDER)")
    if not Path(recorded).is_dir():
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
    from kg.pipeline import build

    record = build_record(data)
    sources = [Path(s) for s in record.get("sources") or []]
    if not sources:
        raise CurationError("the build does not record its sources (made by an older version)", culprit=str(data),
                            hint="run `kg build ARTICLES --out DIR --curations FOLDER`")
    missing = [s for s in sources if not s.exists()]
    if missing:
        raise CurationError("a source of the build is gone", culprit=str(missing[0]),
                            hint="run `kg build` with the sources you have")
    return build(sources, data, resources=resources, curations=curations_folder(data, folder))
