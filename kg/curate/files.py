"""Curation files: an analyst's verdicts on extracted facts, as small YAML files beside the articles.

One file per article, ``CURATIONS/{article id}.yaml`` (the article id is what a build names the article:
its file name without the extension, or a dump record's id), meant to live in git::

    article: 0001-kutim-debat
    entries:
      - action: correct           # confirm | reject | correct | add
        kind: ticket              # ticket | ticket-party | office | statement
        fact: {region: Kabupaten Kutai Timur, year: 2024, number: 1, head: Kasmidi Bulang, deputy: Kinsu}
        to: {deputy: Kinsu Sinsu} # correct only: the fields that change
        by: Rina (data desk)
        at: '2026-12-07T10:15:00+00:00'
        why: the deputy's full name is in the third paragraph
        evidence: Pasangan Kasmidi Bulang-Kinsu Sinsu mendapat nomor urut 1

A fact is addressed by its *natural key*, the fields of ``../shared/eval/GOLD_SCHEMA.md`` (region, year,
number, head, deputy; person, office, qualifier, start, end; speaker, quote), never by an IRI: the key
survives rebuilds, and a curated article reads as gold (:mod:`kg.curate.score`). :data:`KINDS` lists the
fields of each kind and which of them find the fact.

Reading never stops at a bad entry: :func:`read_folder` returns the good entries and one
:class:`CurationProblem` per bad file or entry, naming both. Writing is atomic (a temporary file in the
same folder, then a rename), so a killed writer never leaves a half-written file.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from kg.errors import KgError, one_line

ACTIONS = ("confirm", "reject", "correct", "add")


@dataclass(frozen=True, slots=True)
class Kind:
    """One kind of fact: its fields, and the fields that identify it within an article."""

    name: str
    fields: tuple[str, ...]
    key: tuple[str, ...]          # required to find (or add) the fact
    extra: tuple[str, ...] = ()   # optional fields only an added ticket takes


KINDS: dict[str, Kind] = {k.name: k for k in (
    Kind("ticket", ("region", "year", "number", "head", "deputy", "office"), ("region", "head"), ("parties",)),
    Kind("ticket-party", ("region", "year", "head", "party"), ("region", "head", "party")),
    Kind("office", ("person", "office", "region", "qualifier", "start", "end"), ("person", "office")),
    Kind("statement", ("speaker", "quote"), ("speaker", "quote")),
)}
# what a correction may change (a statement is confirmed, rejected or added, never rewritten)
CORRECTABLE: dict[str, tuple[str, ...]] = {
    "ticket": ("region", "year", "number", "head", "deputy", "office"),
    "ticket-party": ("party",),
    "office": ("person", "office", "region", "qualifier", "start", "end"),
}


class CurationError(KgError):
    """A curation file or entry that cannot be read, or one that cannot be written."""


@dataclass(frozen=True, slots=True)
class Curation:
    """One verdict on one fact of one article."""

    article: str
    action: str
    kind: str
    fact: tuple[tuple[str, Any], ...]         # the natural key (and for ``add``, the whole fact)
    to: tuple[tuple[str, Any], ...] = ()      # ``correct``: the fields that change
    by: str = ""
    at: str = ""                              # ISO date-time
    why: str = ""
    evidence: str = ""                        # the sentence that states the fact
    file: str = ""                            # where it was read, for messages
    index: int = 0                            # its place in that file (1-based)

    @property
    def fields(self) -> dict[str, Any]:
        return dict(self.fact)

    @property
    def changes(self) -> dict[str, Any]:
        return dict(self.to)

    @property
    def corrected(self) -> dict[str, Any]:
        """The fact as it should read: the key with the correction's changes."""
        return {**self.fields, **self.changes}

    @property
    def where(self) -> str:
        return f"{self.file or self.article + '.yaml'} entry {self.index}"

    def to_yaml_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"action": self.action, "kind": self.kind,
                               "fact": {k: list(v) if isinstance(v, tuple) else v for k, v in self.fact}}
        if self.to:
            out["to"] = dict(self.to)
        for name in ("by", "at", "why", "evidence"):
            if getattr(self, name):
                out[name] = getattr(self, name)
        return out


@dataclass(frozen=True, slots=True)
class CurationProblem:
    """A file or entry left out, and why (one line)."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{one_line(self.where, 300)}: {one_line(self.message, 500)}"


@dataclass(slots=True)
class CurationSet:
    """Every good entry of a folder, and a problem per bad one."""

    entries: list[Curation] = field(default_factory=list)
    problems: list[CurationProblem] = field(default_factory=list)

    def by_article(self) -> dict[str, list[Curation]]:
        out: dict[str, list[Curation]] = {}
        for c in self.entries:
            out.setdefault(c.article, []).append(c)
        return out


# ------------------------------------------------------------------ reading


def read_folder(folder: Path | None) -> CurationSet:
    """Every ``*.yaml`` / ``*.yml`` file of ``folder`` (not recursive), sorted by name; none when it is None
    or absent."""
    out = CurationSet()
    if folder is None or not Path(folder).is_dir():
        return out
    for path in sorted(p for p in Path(folder).iterdir() if p.suffix.lower() in {".yaml", ".yml"} and p.is_file()):
        read_file(path, out)
    return out


def read_file(path: Path, out: CurationSet | None = None) -> CurationSet:
    """The entries of one curation file, appended to ``out``."""
    out = out if out is not None else CurationSet()
    where = str(path)
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as err:
        out.problems.append(CurationProblem(where, f"not UTF-8 (byte 0x{err.object[err.start]:02x} at offset "
                                                   f"{err.start}); re-save it as UTF-8"))
        return out
    except OSError as err:
        out.problems.append(CurationProblem(where, f"cannot be read ({err.strerror or err})"))
        return out
    try:
        doc = yaml.safe_load(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        at = f" at line {mark.line + 1}" if mark is not None else ""
        out.problems.append(CurationProblem(where, f"not valid YAML{at}: {getattr(err, 'problem', None) or err}"))
        return out
    if doc is None:
        return out
    if not isinstance(doc, dict):
        out.problems.append(CurationProblem(where, "expected a mapping with 'article' and 'entries'"))
        return out
    article = doc.get("article") or path.stem
    if not isinstance(article, (str, int)) or not str(article).strip():
        out.problems.append(CurationProblem(where, "'article' must be the article's id"))
        return out
    entries = doc.get("entries") or []
    if not isinstance(entries, list):
        out.problems.append(CurationProblem(where, "'entries' must be a list"))
        return out
    for i, raw in enumerate(entries, 1):
        try:
            out.entries.append(parse_entry(raw, str(article).strip(), file=path.name, index=i))
        except CurationError as err:
            out.problems.append(CurationProblem(f"{where} entry {i}", err.message))
    return out


def parse_entry(raw: Any, article: str, file: str = "", index: int = 0) -> Curation:
    """One entry, checked: CurationError (one line) says what is wrong with it."""
    if not isinstance(raw, Mapping):
        raise CurationError("an entry is a mapping with action, kind and fact")
    unknown = set(raw) - {"action", "kind", "fact", "to", "by", "at", "why", "evidence"}
    if unknown:
        raise CurationError(f"unknown field(s) {', '.join(sorted(map(str, unknown)))}")
    action = str(raw.get("action") or "").strip().lower()
    if action not in ACTIONS:
        raise CurationError(f"action {raw.get('action')!r} is not one of {', '.join(ACTIONS)}")
    kind_name = str(raw.get("kind") or "").strip().lower()
    kind = KINDS.get(kind_name)
    if kind is None:
        raise CurationError(f"kind {raw.get('kind')!r} is not one of {', '.join(KINDS)}")
    fact = _fields(raw.get("fact"), kind, "fact", allow_extra=action == "add")
    missing = [k for k in kind.key if fact.get(k) in (None, "")]
    if missing:
        raise CurationError(f"the {kind.name} fact lacks {', '.join(missing)}")
    to: dict[str, Any] = {}
    if action == "correct":
        allowed = CORRECTABLE.get(kind.name)
        if allowed is None:
            raise CurationError(f"a {kind.name} cannot be corrected; reject it and add the right one")
        to = _fields(raw.get("to"), kind, "to")
        bad = set(to) - set(allowed)
        if bad:
            raise CurationError(f"'to' cannot change {', '.join(sorted(bad))} of a {kind.name}")
        if not to or all(_same(fact.get(k), v) for k, v in to.items()):
            raise CurationError("a correction needs 'to' with at least one field that changes")
        if any(k in kind.key and v in (None, "") for k, v in to.items()):
            raise CurationError(f"'to' cannot empty {', '.join(k for k in to if k in kind.key)}")
    elif raw.get("to"):
        raise CurationError(f"only a correction takes 'to' (this is {action})")
    at = raw.get("at") or ""
    if isinstance(at, (dt.datetime, dt.date)):
        at = at.isoformat()
    elif at:
        try:
            dt.datetime.fromisoformat(str(at).strip())
        except ValueError:
            raise CurationError(f"'at' must be an ISO date-time (2026-12-07T10:15:00+00:00), not {str(at)[:40]!r}"
                                ) from None
        at = str(at).strip()
    order = {k: i for i, k in enumerate(kind.fields + kind.extra)}
    return Curation(article=article, action=action, kind=kind.name,
                    fact=tuple(sorted(fact.items(), key=lambda kv: order[kv[0]])),
                    to=tuple(sorted(to.items(), key=lambda kv: order[kv[0]])), by=_text(raw.get("by")), at=str(at), why=_text(raw.get("why")),
                    evidence=_text(raw.get("evidence")), file=file, index=index)


def _fields(value: Any, kind: Kind, what: str, allow_extra: bool = False) -> dict[str, Any]:
    if value is None:
        value = {}
    if not isinstance(value, Mapping):
        raise CurationError(f"'{what}' must be a mapping of field: value")
    known = set(kind.fields) | (set(kind.extra) if allow_extra else set())
    bad = set(map(str, value)) - known
    if bad:
        raise CurationError(f"'{what}' has unknown field(s) {', '.join(sorted(bad))} for a {kind.name} "
                            f"(fields: {', '.join(kind.fields + (kind.extra if allow_extra else ()))})")
    out: dict[str, Any] = {}
    for k, v in value.items():
        out[str(k)] = _value(str(k), v, what)
    return out


def _value(name: str, v: Any, what: str) -> Any:
    if v is None or (isinstance(v, str) and not v.strip()):
        return None
    if name == "parties":
        if isinstance(v, str):
            v = [p for p in re.split(r"[,;]", v) if p.strip()]
        if not isinstance(v, (list, tuple)) or not all(isinstance(p, (str, int)) for p in v):
            raise CurationError(f"'{what}.parties' must be a list of party codes")
        return tuple(str(p).strip() for p in v)
    if name in {"year", "number"}:
        if isinstance(v, bool) or not re.fullmatch(r"\d{1,4}", str(v).strip()):
            raise CurationError(f"'{what}.{name}' must be a whole number, not {str(v)[:40]!r}")
        return int(str(v).strip())
    if name in {"start", "end"}:
        if isinstance(v, (dt.date, dt.datetime)):
            return v.isoformat()[:10]
        s = str(v).strip()
        if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", s):
            raise CurationError(f"'{what}.{name}' must be a year or an ISO date, not {s[:40]!r}")
        return s
    if isinstance(v, (dict, list)):
        raise CurationError(f"'{what}.{name}' must be a single value")
    return " ".join(str(v).split())


def _text(v: Any) -> str:
    return "" if v is None else " ".join(str(v).split())


def _same(a: Any, b: Any) -> bool:
    a_empty, b_empty = a in (None, ""), b in (None, "")
    if a_empty or b_empty:          # str(None) is "None": a deputy called "none" is not an empty field
        return a_empty and b_empty
    return str(a).casefold() == str(b).casefold()


def default_folder(sources: Iterable[Path]) -> Path | None:
    """``SOURCE/curations`` of the first folder among ``sources``, when it exists."""
    for s in sources:
        if Path(s).is_dir():
            found = Path(s) / "curations"
            return found if found.is_dir() else None
    return None


# ------------------------------------------------------------------ writing

_WRITE_LOCK = threading.Lock()


def curation_path(folder: Path, article: str) -> Path:
    """The file that holds ``article``'s curations (its id made safe as a file name)."""
    safe = re.sub(r"[^A-Za-z0-9._-]+", "-", article).strip(".-") or "article"
    return Path(folder) / f"{safe}.yaml"


def append_curation(folder: Path, entry: Curation, now: dt.datetime | None = None) -> Curation:
    """Add ``entry`` to its article's file, atomically; it gets the current time when it has none.

    The entry is checked as a read one is (a bad one raises CurationError and writes nothing); the file
    is rewritten through a temporary file and a rename, so readers see the old or the new file, whole.
    """
    if not entry.at:
        stamp = (now or dt.datetime.now(dt.timezone.utc)).replace(microsecond=0).isoformat()
        entry = replace(entry, at=stamp)
    checked = parse_entry(entry.to_yaml_dict(), entry.article)
    folder = Path(folder)
    path = curation_path(folder, entry.article)
    with _WRITE_LOCK:
        folder.mkdir(parents=True, exist_ok=True)
        doc: dict[str, Any] = {"article": entry.article, "entries": []}
        if path.exists():
            old = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            if isinstance(old, dict) and isinstance(old.get("entries"), list):
                doc["entries"] = old["entries"]
            elif old:
                raise CurationError("is not a curation file; fix or move it first", culprit=str(path))
        doc["entries"].append(checked.to_yaml_dict())
        write_atomic(path, dump_yaml(doc))
    return replace(checked, file=path.name, index=len(doc["entries"]))


def dump_yaml(doc: Mapping[str, Any]) -> str:
    def plain(v: Any) -> Any:
        if isinstance(v, tuple):
            return [plain(x) for x in v]
        if isinstance(v, Mapping):
            return {k: plain(x) for k, x in v.items()}
        if isinstance(v, list):
            return [plain(x) for x in v]
        return v

    return yaml.safe_dump(plain(doc), allow_unicode=True, sort_keys=False, width=110)


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder and a rename."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=str(path.parent))
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def make_curation(article: str, action: str, kind: str, fact: Mapping[str, Any], to: Mapping[str, Any] | None = None,
                  by: str = "", why: str = "", evidence: str = "", at: str = "") -> Curation:
    """A checked entry from plain values (the review page and the CLI build entries this way)."""
    raw: dict[str, Any] = {"action": action, "kind": kind, "fact": dict(fact), "by": by, "why": why,
                           "evidence": evidence, "at": at}
    if to:
        raw["to"] = dict(to)
    return parse_entry(raw, article)


def iter_entries(sets: Iterable[CurationSet]) -> Iterable[Curation]:
    for s in sets:
        yield from s.entries
