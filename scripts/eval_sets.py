#!/usr/bin/env python3
"""Score extraction on every labelled set: leave-one-set-out for the learned layers, first contact for
blind sets. Prints one table; the figures come from ../shared/eval/score.py, run on each set.

    .venv/bin/python scripts/eval_sets.py                # training sets: rules alone and leave-one-set-out
    .venv/bin/python scripts/eval_sets.py --blind        # blind sets: first contact with the shipped weights
    .venv/bin/python scripts/eval_sets.py --sets-only shadow7 shadow6
    .venv/bin/python scripts/eval_sets.py --blind --before /tmp/base   # and the code of an earlier commit

Columns per set: rules alone (no learned layer), and with the learned layers trained on every training
set but that one (LOSO; for a blind set: the shipped weights, trained on the training sets only). Pooled
figures add up the matched, gold and predicted rows of every set (micro F1), then average the four
queries. The rules were tuned on most training sets (see their INDEX.md), so their rules-alone figures
say nothing about unseen text; first contact on blind sets does.
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.training.dataset import read_sets  # noqa: E402

SCORE = ROOT.parent / "shared" / "eval" / "score.py"
QUERIES = ("tickets", "ticket-parties", "office-holders", "statements")
ROW = re.compile(r"^(tickets|ticket-parties|office-holders|statements)\s+(\d+)\s+(\d+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)")


def score(set_path: Path, models: Path, code: Path | None = None) -> dict[str, tuple[int, int, int]]:
    """(matched, gold, predicted) per query for one set scored with these model weights (and, with ``code``,
    the ``kg`` package of another checkout, e.g. the commit before a change)."""
    env = dict(os.environ, KG_MODELS=str(models), PATH=f"{ROOT / '.venv' / 'bin'}{os.pathsep}{os.environ['PATH']}")
    if code is not None:
        env["PYTHONPATH"] = str(code)
    proc = subprocess.run([sys.executable, str(SCORE), "--set", str(set_path)], capture_output=True, text=True,
                          env=env, cwd=ROOT)
    if proc.returncode != 0:
        raise SystemExit(f"score.py failed on {set_path}:\n{proc.stdout[-2000:]}{proc.stderr[-2000:]}")
    out = {}
    for line in proc.stdout.splitlines():
        x = ROW.match(line)
        if x:
            gold, pred, recall = int(x.group(2)), int(x.group(3)), float(x.group(5))
            out[x.group(1)] = (round(recall * gold), gold, pred)
    return out


def f1(tp: int, gold: int, pred: int) -> float:
    if gold == 0 and pred == 0:
        return 1.0
    return 2 * tp / (gold + pred) if gold + pred else 0.0


def mean(result: dict[str, tuple[int, int, int]]) -> float:
    return sum(f1(*result[q]) for q in QUERIES) / len(QUERIES)


def row(name: str, result: dict[str, tuple[int, int, int]]) -> str:
    return f"{name:<22}" + "".join(f"{f1(*result[q]):>9.2f}" for q in QUERIES) + f"{mean(result):>9.2f}"


def pooled(results: list[dict[str, tuple[int, int, int]]]) -> dict[str, tuple[int, int, int]]:
    return {q: tuple(sum(r[q][k] for r in results) for k in range(3)) for q in QUERIES}  # type: ignore[misc]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", type=Path, default=ROOT / "eval" / "sets.yaml")
    ap.add_argument("--blind", action="store_true", help="score the blind sets (first contact) instead")
    ap.add_argument("--sets-only", nargs="*", default=None, help="only these sets")
    ap.add_argument("--models", type=Path, default=ROOT / "data" / "models", help="shipped weights (blind sets)")
    ap.add_argument("-j", type=int, default=2, help="sets scored at once")
    ap.add_argument("--before", type=Path, default=None,
                    help="a checkout of the code before the change (git worktree add DIR REV): scored as a first column")
    args = ap.parse_args()
    if not SCORE.exists():
        print(f"{SCORE}: not found (../shared beside the checkout)", file=sys.stderr)
        return 2
    role = "blind" if args.blind else "training"
    sets = [s for s in read_sets(args.sets) if s.role == role and (args.sets_only is None or s.name in args.sets_only)]
    if not sets:
        print(f"no {role} sets", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="kg-eval-") as tmp:
        empty = Path(tmp) / "no-models"
        empty.mkdir()

        def run(s):  # type: ignore[no-untyped-def]
            if args.blind:
                models = args.models
            else:
                models = Path(tmp) / f"loso-{s.name}"
                subprocess.run([sys.executable, str(ROOT / "scripts" / "train_models.py"), "--sets", str(args.sets),
                                "--leave-out", s.name, "--out", str(models)], check=True, capture_output=True)
            before = score(s.path, empty, args.before) if args.before else None
            return s, score(s.path, empty), score(s.path, models), before

        with ThreadPoolExecutor(max_workers=max(1, args.j)) as pool:
            done = list(pool.map(run, sets))
    label = "shipped" if args.blind else "LOSO"
    head = f"{'set':<22}" + "".join(f"{q[:8]:>9}" for q in QUERIES) + f"{'mean':>9}"
    print(f"F1 per set: rules alone, then rules + learned layers ({label})")
    print(head)
    for s, rules, learned, before in done:
        if before is not None:
            print(row(f"{s.name} before", before))
        print(row(f"{s.name} rules", rules))
        print(row(f"{s.name} {label}", learned))
    if args.before:
        print(row("POOLED before", pooled([b for _, _, _, b in done])))
    print(row("POOLED rules", pooled([r for _, r, _, _ in done])))
    print(row(f"POOLED {label}", pooled([x for _, _, x, _ in done])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
