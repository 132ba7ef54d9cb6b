"""The report types of validation: one :class:`Violation` per result, a :class:`ValidationReport` per pass
(SHACL, the whole-graph checks, the consolidated checks), and :func:`shorten` for readable IRIs.

A report *conforms* when it has no result of severity ``Violation``;
warnings and infos are reported but do not fail it.
"""
from __future__ import annotations

from dataclasses import dataclass

from kg import vocab

SHAPES = "https://w3id.org/pilkada-kg/shapes#"

# Prefixes used to shorten IRIs in readable reports (longest namespace wins).
_SHORT = {**vocab.PREFIXES, "pks": SHAPES, "id": vocab.ID, "graph": vocab.GRAPH}
_BY_LENGTH = sorted(_SHORT.items(), key=lambda item: -len(item[1]))


@dataclass(frozen=True)
class Violation:
    """One validation result.

    ``focus``, ``path`` and ``shape`` are full IRIs (a SPARQL check's
    ``shape`` is the check's name); ``graph`` is the named graph the result
    was traced to, when known; ``value`` is the offending value (an IRI or a
    literal's lexical form).
    """

    focus: str
    path: str | None
    shape: str
    message: str
    severity: str = "Violation"
    graph: str | None = None
    value: str | None = None

    def to_text(self) -> str:
        """One line: severity, shape, focus, path, message (value, graph)."""
        parts = [f"{self.severity:<9}", shorten(self.shape), shorten(self.focus),
                 shorten(self.path) if self.path else "-", self.message]
        if self.value is not None:
            parts.append(f"value={shorten(self.value)}")
        if self.graph is not None:
            parts.append(f"graph={shorten(self.graph)}")
        return "  ".join(parts)


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of a validation pass: conformance plus every result."""

    conforms: bool
    violations: tuple[Violation, ...]
    focus_nodes: int = 0
    seconds: float = 0.0

    def merge(self, other: ValidationReport) -> ValidationReport:
        """Both reports as one: conforms only if both do."""
        return ValidationReport(
            conforms=self.conforms and other.conforms,
            violations=self.violations + other.violations,
            focus_nodes=self.focus_nodes + other.focus_nodes,
            seconds=self.seconds + other.seconds,
        )

    def count(self, severity: str = "Violation") -> int:
        """How many results have this severity."""
        return sum(1 for v in self.violations if v.severity == severity)

    def offending_graphs(self) -> frozenset[str]:
        """Named graphs holding at least one result of severity Violation."""
        return frozenset(v.graph for v in self.violations
                         if v.severity == "Violation" and v.graph is not None)

    def to_text(self) -> str:
        """A readable report: a summary line, then one line per result."""
        verdict = "conforms" if self.conforms else "does not conform"
        tallies = ", ".join(f"{n} {s.lower()}{'' if n == 1 else 's'}"
                            for s in ("Violation", "Warning", "Info")
                            if (n := self.count(s)))
        scope = f"{self.focus_nodes} focus nodes, " if self.focus_nodes else ""
        head = f"{verdict}: {tallies or 'no results'} ({scope}{self.seconds:.2f} s)"
        return "\n".join([head, *(v.to_text() for v in self.violations)])


def shorten(iri: str) -> str:
    """``https://w3id.org/pilkada-kg/ns#head`` → ``pk:head`` (else unchanged)."""
    for prefix, namespace in _BY_LENGTH:
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri
