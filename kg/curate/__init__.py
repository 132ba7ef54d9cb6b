"""Curations: analysts' verdicts on extracted facts (confirm, reject, correct, add), kept as YAML files
beside the articles and applied on every build.

* :mod:`kg.curate.files`: the file format; reading (a bad entry is a one-line problem, the rest is read)
  and atomic writing.
* :mod:`kg.curate.facts`: the facts of one article's graph by natural key (what a curation addresses).
* :mod:`kg.curate.apply`: curations resolved against a build: the curation graphs (PROV records and added
  facts), the claim ranks they set, and the stale, redundant and contradicting ones.
"""
