"""What a build reports: one :class:`Problem` per file that was skipped, warned about or left out, and the
:class:`BuildReport` written as ``build-report.json`` (read back by :func:`kg.graph.store.read_report`)."""
from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field

from kg.errors import MAX_CULPRIT, MAX_MESSAGE, one_line
from kg.model import ArticleFacts

TIMEOUT_STAGE = "timeout"      # the stage of a Problem for an article past its time budget (never reused)


@dataclass(frozen=True, slots=True)
class Problem:
    path: str
    stage: str
    message: str
    kind: str = "skipped"        # skipped | warning | invalid | internal | dropped | duplicate | copy | clash

    def line(self) -> str:
        """One line whatever the file name or the message hold (control characters escaped, long parts cut)."""
        path, message = one_line(self.path, MAX_CULPRIT), one_line(self.message, MAX_MESSAGE)
        return f"{self.kind}: {message}" if message.startswith(path) else f"{self.kind}: {path}: {message}"


@dataclass
class BuildReport:
    out: str
    articles_seen: int = 0
    articles_built: int = 0
    reused: int = 0              # articles taken unchanged from the previous build
    facts: int = 0
    quads: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    conforms: bool = True
    violations: int = 0
    warnings: int = 0
    validation_text: str = ""
    seconds: dict[str, float] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)   # the files and folders built, absolute
    curations: str | None = None     # the curations folder applied (kg.curate), absolute
    curated: dict[str, int] = field(default_factory=dict)   # curations by verdict: applied, stale, redundant…

    @property
    def skipped(self) -> list[Problem]:
        return [p for p in self.problems if p.kind in {"skipped", "invalid", "internal"}]

    def to_json(self) -> str:
        d = asdict(self)
        d["skipped_files"] = [p.path for p in self.skipped]
        return json.dumps(d, ensure_ascii=False, indent=1)

    def add_validation(self, violations: int, warnings: int, conforms: bool, text: str) -> None:
        """Account for a validation pass: its counts, its verdict, and its readable report when it found any."""
        self.violations += violations
        self.warnings += warnings
        self.conforms = self.conforms and conforms
        if text:
            self.validation_text += text


def count_claims(all_facts: Iterable[ArticleFacts]) -> dict[str, int]:
    """Claims by kind (what the build's summary line counts)."""
    counts = {"elections": 0, "tickets": 0, "backings": 0, "offices": 0, "statements": 0, "events": 0}
    for f in all_facts:
        c = f.claims
        counts["elections"] += len(c.elections)
        counts["tickets"] += len(c.tickets)
        counts["backings"] += sum(len(t.backings) for t in c.tickets)
        counts["offices"] += len(c.offices)
        counts["statements"] += len(c.statements)
        counts["events"] += len(c.events)
    return counts
