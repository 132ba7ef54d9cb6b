"""The build manifest: what each article contributed, keyed by source and content hash.

``OUT/current/manifest.json`` lets the next build reuse every article whose
bytes did not change (same SHA-256) when nothing else changed either: the
*fingerprint* covers the code, the lexicon, the ontology and shapes, and the
reference data, so a new rule or a new gazetteer entry rebuilds everything.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kg import __version__
from kg.resources import Resources

MANIFEST = "manifest.json"


@dataclass(slots=True)
class Entry:
    sha256: str
    graph: str | None = None
    quads: int = 0
    facts: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    problems: list[dict[str, str]] = field(default_factory=list)
    trig: tuple[int, int] | None = None    # (offset, length) of its block in graph.trig
    meta: dict[str, str] = field(default_factory=dict)   # fingerprint, url, outlet, published, locator
    role: str = "original"                 # original | copy (syndicated: metadata only) | duplicate (left out)
                                           # | clash (its id is another source's: left out, reported)
    original: str | None = None            # the key of the original, for a copy or a duplicate


@dataclass
class Manifest:
    fingerprint: str
    articles: dict[str, Entry] = field(default_factory=dict)
    head: int = 0                          # bytes of graph.trig before the first article (ontology, reference)

    def to_json(self) -> str:
        return "".join(self.iter_json())

    def iter_json(self) -> Iterator[str]:
        """The manifest as JSON, one article a line (each line encoded by the C encoder: fast at 100k)."""
        yield (f'{{"fingerprint": {json.dumps(self.fingerprint)}, "head": {int(self.head)},\n'
               f'"articles": {{')
        sep = "\n"
        for k in sorted(self.articles):
            e = self.articles[k]
            row = {"sha256": e.sha256, "graph": e.graph, "quads": e.quads, "facts": e.facts, "counts": e.counts,
                   "problems": e.problems, "trig": list(e.trig) if e.trig else None, "meta": e.meta,
                   "role": e.role, "original": e.original}
            yield sep + json.dumps(k, ensure_ascii=False) + ": " + json.dumps(row, ensure_ascii=False)
            sep = ",\n"
        yield "\n}}\n"

    def write(self, path: Path) -> None:
        # a file name that is not UTF-8 holds lone surrogates (surrogateescape): written as the JSON escape
        # \udcXX, which reads back as the same name
        with open(path, "w", encoding="utf-8", errors="backslashreplace") as out:
            out.writelines(self.iter_json())

    @staticmethod
    def read_fingerprint(path: Path) -> str | None:
        """The fingerprint of a manifest, from its first bytes (it is written first)."""
        import re

        try:
            with open(path, "rb") as f:
                found = re.search(rb'"fingerprint":\s*"([0-9a-f]+)"', f.read(512))
        except OSError:
            return None
        return found.group(1).decode() if found else None

    @classmethod
    def read(cls, path: Path) -> Manifest | None:
        try:
            with open(path, "rb") as f:
                data = json.load(f)
            articles = {}
            for k, v in data["articles"].items():
                if v.get("trig"):
                    v["trig"] = tuple(v["trig"])
                articles[k] = Entry(**v)
            return cls(data["fingerprint"], articles, int(data.get("head", 0)))
        except (OSError, ValueError, KeyError, TypeError):
            return None          # no usable manifest: the build starts from scratch


def build_fingerprint(resources: Resources) -> str:
    """A hash of everything besides the articles that decides what a build contains."""
    h = hashlib.sha256(__version__.encode())
    root = resources.root
    folders = [root / "kg", resources.lexicon, resources.ontology_dir, resources.reference]
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix in {".py", ".yaml", ".yml", ".ttl", ".csv"}:
                h.update(str(path.relative_to(root)).encode())
                h.update(path.read_bytes())
    return h.hexdigest()
