"""The build: articles → a validated graph in a build folder (``kg build``).

* :mod:`kg.build.run`: :func:`build`, the steps in order, and the atomic publication of the folder;
* :mod:`kg.build.plan`: what is reused from the previous build, what is to do, what is stale (a pure function);
* :mod:`kg.build.article`: the per-article step (read, extract, resolve, write, validate), by batch;
* :mod:`kg.build.executors`: where that step runs (the registry ``EXECUTORS``: local processes, Dask in
  :mod:`kg.build.cluster`);
* :mod:`kg.build.store`, :mod:`kg.build.dump`, :mod:`kg.build.ledger`: the store, the TriG dump and the manifest
  being written; :mod:`kg.build.duplicates`, :mod:`kg.build.checks`, :mod:`kg.build.curations`: the steps
  over the whole graph;
* :mod:`kg.build.report`: :class:`BuildReport` and :class:`Problem`.
"""
from __future__ import annotations

from kg.build.context import Context
from kg.build.report import BuildReport, Problem
from kg.build.run import build

__all__ = ["BuildReport", "Context", "Problem", "build"]
