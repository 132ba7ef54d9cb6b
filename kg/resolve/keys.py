"""Canonical keys: the slug a name or title is known by across articles (people by the slug of their name).

:mod:`kg.graph.iris` mints IRIs from these keys; resolving knows nothing about IRIs.
"""
from __future__ import annotations

import re
import unicodedata


def slugify(text: str) -> str:
    """Lower-case ASCII slug: ``"Ratu Tatu Chasanah"`` → ``"ratu-tatu-chasanah"``.

    >>> slugify("A. Chrisna Putra")
    'a-chrisna-putra'
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "x"
