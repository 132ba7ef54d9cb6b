"""The saved-query catalogue: ``queries/NAME.rq`` files with a ``#+`` YAML header.

The header is YAML in ``#+`` comment lines (``#+ summary: …``) with these keys::

    title, summary, description, tags, columns, params, example

``params`` is a list of ``{name, type, required, default, help}``; parameter
``x`` is the SPARQL variable ``?_x``, bound by a one-row ``VALUES`` block
inserted after the top-level ``WHERE {`` (see :mod:`kg.query.params`).
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from kg.errors import QueryError

HEADER_KEYS = {"title", "summary", "description", "tags", "columns", "params", "example"}
PARAM_TYPES = {"string", "integer", "decimal", "year", "date", "iri", "region", "party", "office", "qualifier", "theme",
               "person", "boolean"}


@dataclass(frozen=True, slots=True)
class Param:
    name: str
    type: str = "string"
    required: bool = False
    default: object = None
    help: str = ""


@dataclass(frozen=True, slots=True)
class SavedQuery:
    name: str
    path: Path
    text: str
    summary: str
    title: str = ""
    description: str = ""
    tags: tuple[str, ...] = ()
    columns: tuple[str, ...] = ()
    params: tuple[Param, ...] = ()
    example: str = ""
    extra: dict = field(default_factory=dict)  # type: ignore[type-arg]

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)


def parse_header(text: str, culprit: str) -> dict:  # type: ignore[type-arg]
    lines = [line[3:] if line.startswith("#+ ") else line[2:] for line in text.splitlines()
             if line.startswith("#+")]
    if not lines:
        return {}
    try:
        header = yaml.safe_load("\n".join(lines)) or {}
    except yaml.YAMLError as err:
        raise QueryError(f"the #+ header is not valid YAML ({str(err).splitlines()[0]})", culprit=culprit) from None
    if not isinstance(header, dict):
        raise QueryError("the #+ header must be a YAML mapping", culprit=culprit)
    unknown = set(header) - HEADER_KEYS
    if unknown:
        raise QueryError(f"unknown header key(s): {', '.join(sorted(unknown))}", culprit=culprit,
                         hint=f"use {', '.join(sorted(HEADER_KEYS))}")
    return header


def load_query(path: Path, name: str | None = None) -> SavedQuery:
    culprit = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise QueryError(f"cannot read the query ({err})", culprit=culprit) from None
    header = parse_header(text, culprit)
    params = []
    for raw in header.get("params") or []:
        if not isinstance(raw, dict) or "name" not in raw:
            raise QueryError(f"a parameter needs a name: {raw!r}", culprit=culprit)
        ptype = raw.get("type", "string")
        if ptype not in PARAM_TYPES:
            raise QueryError(f"parameter {raw['name']!r} has unknown type {ptype!r}", culprit=culprit,
                             hint=f"use one of {', '.join(sorted(PARAM_TYPES))}")
        if not re.fullmatch(r"[a-z][a-z0-9_]*", str(raw["name"])):
            raise QueryError(f"parameter name {raw['name']!r} must be lower-case letters, digits, _",
                             culprit=culprit)
        params.append(Param(name=str(raw["name"]), type=ptype, required=bool(raw.get("required", False)),
                            default=raw.get("default"), help=str(raw.get("help", ""))))
    return SavedQuery(
        name=name or path.stem, path=path, text=text, summary=str(header.get("summary", "")).strip(),
        title=str(header.get("title", "")), description=str(header.get("description", "")).strip(),
        tags=tuple(header.get("tags") or ()), columns=tuple(header.get("columns") or ()),
        params=tuple(params), example=str(header.get("example", "")))


def load_catalog(folder: Path) -> dict[str, SavedQuery]:
    """Every saved query in ``folder`` (not its sub-folders), by name."""
    return {p.stem: load_query(p) for p in sorted(Path(folder).glob("*.rq"))}


def get_query(catalog: dict[str, SavedQuery], name: str) -> SavedQuery:
    if name in catalog:
        return catalog[name]
    near = difflib.get_close_matches(name, catalog, n=1)
    hint = f"did you mean {near[0]!r}? (`kg query --list` shows all)" if near else "`kg query --list` shows all"
    raise QueryError(f"no saved query named {name!r}", hint=hint)
