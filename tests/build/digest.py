"""What a build produced, as digests that do not depend on where the checkout is or how long it took.

``graph.trig`` byte for byte; the store as sorted N-Quads (every graph: articles, reference, ontology, union,
consolidated); the build report without timings and with the checkout's path replaced; the manifest without its
fingerprint (a hash of the code); the cross-article check results (checks.json).
"""
from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

import pyoxigraph

SUMMARY = ("articles_seen", "articles_built", "reused", "facts", "quads", "conforms", "violations", "warnings",
           "counts")


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _portable(value: Any, root: str) -> Any:
    """``value`` (JSON data) with the checkout's absolute path written ``ROOT``."""
    return json.loads(json.dumps(value, ensure_ascii=False).replace(root, "ROOT"))


def digest_build(out: Path, root: Path) -> dict[str, Any]:
    """The digests of the current build in ``out`` (made from sources under ``root``)."""
    folder = (out / "current").resolve()
    report = json.loads((folder / "build-report.json").read_text(encoding="utf-8"))
    report.pop("seconds")
    report.pop("out")
    # the readable report's summary lines say how long each pass took
    report["validation_text"] = re.sub(r"\d+\.\d\d s\)", "S s)", report["validation_text"])
    report = _portable(report, str(root))
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    manifest.pop("fingerprint")
    store = pyoxigraph.Store.read_only(str(folder / "store"))
    quads = sorted(str(q) for q in store)
    return {
        "summary": {k: report[k] for k in SUMMARY},
        "graph.trig": sha((folder / "graph.trig").read_bytes()),
        "store": sha("\n".join(quads).encode("utf-8")),
        "store_quads": len(quads),
        "report": sha(json.dumps(report, sort_keys=True, ensure_ascii=False).encode("utf-8")),
        "validation_text": sha(report["validation_text"].encode("utf-8")),
        "problems": sha(json.dumps(report["problems"], sort_keys=True, ensure_ascii=False).encode("utf-8")),
        "manifest": sha(json.dumps(_portable(manifest, str(root)), sort_keys=True, ensure_ascii=False).encode()),
        "checks.json": sha((folder / "checks.json").read_bytes()),
    }
