"""The analysts' curations of a build (:mod:`kg.curate`): read, resolved against the article graphs, written
as curation graphs; every curation that does not apply, and every unreadable one, is a warning."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from kg.build.context import Context
from kg.build.report import BuildReport, Problem
from kg.curate.apply import CurationPlan, plan_curations
from kg.curate.files import read_folder
from kg.curate.layer import write_curations
from kg.query.terms import TermResolver


def apply_build_curations(store: Any, report: BuildReport, ctx: Context) -> CurationPlan:
    """Apply the curations folder of the report (none: an empty plan) to ``store``; account for it in it."""
    if not report.curations:
        return CurationPlan()
    found = read_folder(Path(report.curations))
    plan = plan_curations(store, found, TermResolver(ctx.resources, ctx.gazetteer)) if found.entries else CurationPlan(
        problems=list(found.problems))
    write_curations(store, plan)
    report.curated = plan.summary()
    for problem in plan.problems:
        report.problems.append(Problem(problem.where, "curate", f"unreadable: {problem.message}", kind="warning"))
    for v in plan.verdicts:
        if v.status != "applied":
            c = v.curation
            report.problems.append(Problem(f"{report.curations}/{c.file}" if c.file else report.curations,
                                           "curate", v.line(), kind="warning"))
    return plan
