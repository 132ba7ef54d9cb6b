"""Ingest: source files → checked :class:`~kg.model.Article` records and sentence spans."""
