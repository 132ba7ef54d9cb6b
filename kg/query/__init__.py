"""Saved SPARQL queries: the catalogue, typed parameters, running, rendering."""
