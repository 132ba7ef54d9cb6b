"""Resolve: canonical keys for what articles mention (regions, parties, people).

Pure Python, no RDF: frozen records in, frozen records out. The reference
gazetteer is ``kg.resolve.gazetteer.Gazetteer``.
"""
