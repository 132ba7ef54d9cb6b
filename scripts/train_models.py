#!/usr/bin/env python3
"""Train the learned decision layers from the training sets of eval/sets.yaml into data/models.

    .venv/bin/python scripts/train_models.py                 # every training set -> data/models
    .venv/bin/python scripts/train_models.py --leave-out shadow7 --out /tmp/m   # one fold of leave-one-set-out
    .venv/bin/python scripts/train_models.py --curations build/graph --out /tmp/m  # + the curated articles of a build

Each --curations BUILD adds the curated articles of that build (its curations folder: the one it applied) as one
more training set, ``curations-1``, ``curations-2``… in the order given: their text and curated truth
(``kg curate gold BUILD --assume-confirmed``), written to a temporary folder and removed after training.

Deterministic: the same sets give byte-identical files. Needs scikit-learn (pip install '.[train]').
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.errors import KgError  # noqa: E402
from kg.build import Context  # noqa: E402
from kg.resources import Resources  # noqa: E402
from kg.training.dataset import curated_set, read_sets  # noqa: E402
from kg.training.train import train_models  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", type=Path, default=ROOT / "eval" / "sets.yaml")
    ap.add_argument("--leave-out", action="append", default=[], help="a training set to leave out (repeatable)")
    ap.add_argument("--out", type=Path, default=ROOT / "data" / "models")
    ap.add_argument("--curations", type=Path, action="append", default=[], metavar="BUILD",
                    help="a build whose curated articles are one more training set (repeatable)")
    ap.add_argument("--named-only", action="store_true",
                    help="with --curations: only the facts curations name are gold (default: a curated article's "
                    "other extracted facts count as confirmed)")
    args = ap.parse_args()
    sets = [s for s in read_sets(args.sets) if s.role == "training" and s.name not in args.leave_out]
    unknown = set(args.leave_out) - {s.name for s in read_sets(args.sets)}
    if unknown:
        print(f"--leave-out: no such set: {', '.join(sorted(unknown))}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="kg-curated-") as tmp:
        for i, data in enumerate(args.curations, 1):
            try:
                curated, report = curated_set(data, Path(tmp) / str(i), f"curations-{i}",
                                              assume_confirmed=not args.named_only)
            except KgError as err:
                print(f"--curations: {err}", file=sys.stderr)
                return 2
            for line in [f"left out: {p}" for p in report.problems] + report.gold.notes:
                print(f"{curated.name}: {line}", file=sys.stderr)
            print(f"{curated.name}: {len(report.stems)} curated articles of {data} ({report.gold.curations} curations)")
            sets.append(curated)
        models = train_models(sets, args.out, Context.load(Resources.default()))
    for name, model in models.items():
        meta = model["meta"]
        print(f"{name}: {meta['examples']} examples ({meta['positives']} positive), {len(model['weights'])} weights "
              f"-> {args.out / (name + '.json')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
