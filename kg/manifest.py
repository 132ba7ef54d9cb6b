"""The build manifest: what each article contributed, keyed by source and content hash.

``OUT/current/manifest.json`` lets the next build reuse every article whose
bytes did not change (same SHA-256) when nothing else changed either: the
*fingerprint* covers the code, the lexicon, the ontology and shapes, and the
reference data, so a new rule or a new gazetteer entry rebuilds everything.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from kg import __version__
from kg.resources import Resources

MANIFEST = "manifest.json"


@dataclass
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
    original: str | None = None            # the key of the original, for a copy or a duplicate


@dataclass
class Manifest:
    fingerprint: str
    articles: dict[str, Entry] = field(default_factory=dict)
    head: int = 0                          # bytes of graph.trig before the first article (ontology, reference)

    def to_json(self) -> str:
        return json.dumps({"fingerprint": self.fingerprint, "head": self.head,
                           "articles": {k: asdict(v) for k, v in sorted(self.articles.items())}},
                          ensure_ascii=False, indent=0)

    @classmethod
    def read(cls, path: Path) -> Manifest | None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            articles = {k: Entry(**{**v, "trig": tuple(v["trig"]) if v.get("trig") else None})
                        for k, v in data["articles"].items()}
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
