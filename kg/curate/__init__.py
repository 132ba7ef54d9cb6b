"""Curations: analysts' verdicts on extracted facts (confirm, reject, correct, add), kept as YAML files
beside the articles and applied on every build.

* :mod:`kg.curate.files`: the file format; reading (a bad entry is a one-line problem, the rest is read)
  and atomic writing.
* :mod:`kg.curate.facts`: the facts of one article's graph by natural key (what a curation addresses).
* :mod:`kg.curate.apply`: curations resolved against a build: the curation graphs (PROV records and added
  facts), the claim ranks they set, and the stale, redundant and contradicting ones.
* :mod:`kg.curate.gold`: curations are gold: the curated truth of each curated article, as a
  ``GOLD_SCHEMA.md`` document (``kg curate gold`` writes them as an evaluation set; training reads them).
* :mod:`kg.curate.matching` and :mod:`kg.curate.score`: extraction scored against the curated truth with the
  evaluation scorer's rules (``kg curate score``).
"""
