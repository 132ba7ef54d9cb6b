"""Node colours for every network format: parties in their own colours, other node types in a fixed palette.

Party colours come from ``data/reference/party_colours.csv`` (``code``,
``colour``, ``source``, ``notes``; one row for every code of
``partai_politik.csv``), read and checked like the other reference tables
(:mod:`kg.resolve.tables`: a bad row names its file, line and column). A node
of type ``party`` takes the colour of its ``party`` attribute (the code a
network query gives as ``source_party``/``target_party``), else of its label.

Every other type keeps one colour from :data:`TYPE_COLOURS`, a palette of
muted, light tones, so that the saturated party colours stand out from them
(``tests/export/test_colours.py`` checks the distance between the two sets).
"""
from __future__ import annotations

import colorsys
import functools
import hashlib
import re
from pathlib import Path

from kg.errors import ExportError

# One colour per node type (RGB), muted so that party colours stay distinguishable from them.
# "party" is the colour of a party whose code has no row in party_colours.csv (and of the type in legends).
TYPE_COLOURS: dict[str, tuple[int, int, int]] = {
    "party": (214, 39, 40), "ticket": (143, 163, 191), "person": (163, 184, 153), "post": (201, 169, 139),
    "theme": (179, 162, 199), "region": (168, 154, 142), "election": (192, 143, 166), "coalition": (184, 180, 138),
    "statement": (189, 189, 189), "event": (143, 191, 191), "office": (217, 195, 160), "qualifier": (192, 203, 216),
    "officeholding": (181, 207, 174), "coalitionmembership": (214, 211, 176), "debate": (127, 167, 160),
    "revote": (220, 182, 196), "article": (150, 150, 172), "journalist": (168, 200, 212), "outlet": (212, 180, 212),
}

_HEX = re.compile(r"#[0-9a-f]{6}")
_CODE = re.compile(r"[A-Z][A-Z0-9]*")
_URL = re.compile(r"https?://\S+")


def type_colour(kind: str) -> tuple[int, int, int]:
    """The palette colour of a node type; an unknown type gets a stable muted colour from its name."""
    if kind in TYPE_COLOURS:
        return TYPE_COLOURS[kind]
    h = int(hashlib.sha1(kind.encode("utf-8")).hexdigest()[:4], 16) / 0xFFFF
    r, g, b = colorsys.hsv_to_rgb(h, 0.28, 0.78)
    return int(r * 255), int(g * 255), int(b * 255)


def to_hex(rgb: tuple[int, int, int]) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def read_party_colours(path: Path, parties_path: Path) -> dict[str, str]:
    """``{party code: "#rrggbb"}`` from ``party_colours.csv``, checked against the codes of ``partai_politik.csv``.

    Raises :class:`kg.resolve.tables.ReferenceDataError` naming file, line and column for a bad row, a code
    that is not a party's, a party without a colour, or a row without a source.
    """
    from kg.resolve.tables import ReferenceDataError, read_rows

    codes = [row.text("code") for row in read_rows(parties_path, ("code",))]
    colours: dict[str, str] = {}
    line = 1
    for row in read_rows(path, ("code", "colour", "source", "notes")):
        line = row.line
        code = row.matching("code", _CODE, "an upper-case party code such as PDIP")
        if code not in codes:
            raise row.fail("code", f"{code!r} is not a code of {parties_path.name}", "use one of " + ", ".join(codes))
        if code in colours:
            raise row.fail("code", f"{code} appears twice", "keep one row per party")
        colours[code] = row.matching("colour", _HEX, "a colour such as #d7141a (lower-case hex)")
        row.matching("source", _URL, "the URL of the source of the colour")
    missing = [c for c in codes if c not in colours]
    if missing:
        raise ReferenceDataError(path, line, "code", f"no colour for {', '.join(missing)}",
                                 f"add a row for every party of {parties_path.name}")
    return colours


@functools.lru_cache(maxsize=4)
def _party_colours(reference: Path) -> dict[str, str]:
    from kg.resolve.tables import ReferenceDataError

    try:
        return read_party_colours(reference / "party_colours.csv", reference / "partai_politik.csv")
    except ReferenceDataError as err:
        raise ExportError(str(err), culprit=str(err.path)) from None


def party_colours() -> dict[str, str]:
    """The party colours of the project's reference data (read once)."""
    from kg.resources import Resources

    return _party_colours(Resources.default().reference)


def node_colour(kind: str, attrs: dict[str, object], parties: dict[str, str] | None = None) -> str:
    """A node's colour as ``#rrggbb``: its party's for a ``party`` node, else its type's."""
    if kind == "party":
        table = party_colours() if parties is None else parties
        for key in (attrs.get("party"), attrs.get("label")):
            if isinstance(key, str):
                found = table.get(key.split("; ")[0].upper())
                if found:
                    return found
    return to_hex(type_colour(kind))
