"""The Indonesian language data of ``data/lexicon/*.yaml``, checked and compiled once.

A bad file fails when it loads, with the file, the section and the entry
named (:class:`~kg.errors.DataError`), never later inside an article.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kg.errors import DataError


@dataclass(frozen=True, slots=True)
class TitleRule:
    pattern: str
    title: str
    region: str                 # Provinsi | Kabupaten | Kota | Kecamatan | national | any | none
    agency: bool = False


@dataclass(frozen=True, slots=True)
class RelativeSpan:
    """A relative time longer than a day ("pekan lalu"): an offset from the article date and a precision."""
    pattern: str
    days: int = 0
    months: int = 0
    years: int = 0
    precision: str = "day"      # day | month | year


@dataclass(frozen=True)
class Lexicon:
    prefixes: frozenset[str]
    degrees: frozenset[str]
    after_quote: tuple[str, ...]
    before_quote: tuple[str, ...]
    according_to: tuple[str, ...]
    titles: tuple[TitleRule, ...]
    qualifiers: tuple[tuple[str, str], ...]
    candidacy: tuple[str, ...]
    former: tuple[str, ...]
    copula: tuple[str, ...]
    incumbent: tuple[str, ...]
    contests: tuple[tuple[str, str | None], ...]
    candidates: tuple[tuple[str, str], ...]
    revote: tuple[str, ...]
    number_words: dict[str, int]
    triggers: tuple[tuple[str, str], ...]
    no_party: tuple[str, ...]
    months: dict[str, int]
    weekdays: tuple[str, ...]
    relative: dict[str, int]
    not_name: frozenset[str]
    function_words: frozenset[str]
    independent: tuple[str, ...]
    themes: dict[str, tuple[str, ...]] = field(default_factory=dict)   # slug → keywords
    phrases: dict[str, tuple[str, ...]] = field(default_factory=dict)  # other pattern lists of elections/coalitions.yaml
    weekday_past: tuple[str, ...] = ()
    weekday_future: tuple[str, ...] = ()
    relative_spans: tuple[RelativeSpan, ...] = ()
    month_parts: tuple[str, ...] = ()
    month_future: tuple[str, ...] = ()
    month_past: tuple[str, ...] = ()
    compiled: dict[str, re.Pattern[str]] = field(default_factory=dict)

    def rx(self, name: str) -> re.Pattern[str]:
        return self.compiled[name]


def load_yaml_mapping(path: Path) -> dict[str, Any]:
    """A language-data YAML file that must be a mapping, or DataError naming the file."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise DataError(f"cannot read ({err.strerror})", culprit=str(path)) from None
    except yaml.YAMLError as err:
        raise DataError(f"not valid YAML ({str(err).splitlines()[0]})", culprit=str(path)) from None
    if not isinstance(data, dict):
        raise DataError("must be a YAML mapping", culprit=str(path))
    return data


def _strings(data: dict[str, Any], key: str, path: Path) -> tuple[str, ...]:
    values = data.get(key)
    if not isinstance(values, list):
        raise DataError(f"section {key!r} must be a list of strings", culprit=str(path))
    for i, v in enumerate(values):
        if not isinstance(v, str) or not v.strip():
            raise DataError(f"section {key!r}: entry {i} ({v!r}) is not a non-empty string (quote it)",
                            culprit=str(path))
    return tuple(values)


def _check_pattern(pattern: str, path: Path, section: str) -> str:
    try:
        re.compile(pattern)
    except re.error as err:
        raise DataError(f"section {section!r}: entry {pattern!r} is not a valid pattern ({err})",
                        culprit=str(path)) from None
    return pattern


def _alternation(patterns: tuple[str, ...] | list[str]) -> str:
    return "|".join(f"(?:{p})" for p in sorted(patterns, key=len, reverse=True))


def _fold(token: str) -> str:
    return token.replace(".", "").replace(" ", "").lower()


def load_lexicon(folder: Path, themes: dict[str, tuple[str, ...]] | None = None) -> Lexicon:
    """Load and check every lexicon file in ``folder``."""
    folder = Path(folder)
    hon = load_yaml_mapping(folder / "honorifics.yaml")
    speech = load_yaml_mapping(folder / "speech.yaml")
    off = load_yaml_mapping(folder / "offices.yaml")
    ele = load_yaml_mapping(folder / "elections.yaml")
    coa = load_yaml_mapping(folder / "coalitions.yaml")
    dat = load_yaml_mapping(folder / "dates.yaml")
    nam = load_yaml_mapping(folder / "names.yaml")

    titles = []
    for i, entry in enumerate(off.get("titles") or []):
        if not isinstance(entry, dict) or not {"pattern", "title", "region"} <= set(entry):
            raise DataError(f"titles entry {i} needs pattern, title and region", culprit=str(folder / "offices.yaml"))
        titles.append(TitleRule(_check_pattern(entry["pattern"], folder / "offices.yaml", "titles"),
                                entry["title"], entry["region"], bool(entry.get("agency", False))))
    quals = tuple((_check_pattern(e["pattern"], folder / "offices.yaml", "qualifiers"), e["qualifier"])
                  for e in off.get("qualifiers") or [])
    contests = tuple((_check_pattern(e["pattern"], folder / "elections.yaml", "contests"), e.get("office"))
                     for e in ele.get("contests") or [])
    cands = tuple((_check_pattern(e["pattern"], folder / "elections.yaml", "candidates"), e["office"])
                  for e in ele.get("candidates") or [])
    triggers = tuple((_check_pattern(e["pattern"], folder / "coalitions.yaml", "triggers"), e["role"])
                     for e in coa.get("triggers") or [])
    months = dat.get("months") or {}
    if not all(isinstance(v, int) and 1 <= v <= 12 for v in months.values()):
        raise DataError("months must map names to 1..12", culprit=str(folder / "dates.yaml"))

    lex = Lexicon(
        prefixes=frozenset(_fold(x) for x in _strings(hon, "prefixes", folder / "honorifics.yaml")),
        degrees=frozenset(_fold(x) for x in _strings(hon, "degrees", folder / "honorifics.yaml")),
        after_quote=_strings(speech, "after_quote", folder / "speech.yaml"),
        before_quote=_strings(speech, "before_quote", folder / "speech.yaml"),
        according_to=_strings(speech, "according_to", folder / "speech.yaml"),
        titles=tuple(titles), qualifiers=quals,
        candidacy=_strings(off, "candidacy", folder / "offices.yaml"),
        former=_strings(off, "former", folder / "offices.yaml"),
        copula=_strings(off, "copula", folder / "offices.yaml"),
        incumbent=_strings(off, "incumbent", folder / "offices.yaml"),
        contests=contests, candidates=cands,
        revote=_strings(ele, "revote", folder / "elections.yaml"),
        number_words=dict(ele.get("number_words") or {}),
        triggers=triggers, no_party=_strings(coa, "no_party", folder / "coalitions.yaml"),
        months={str(k).lower(): int(v) for k, v in months.items()},
        weekdays=tuple(str(w).lower() for w in dat.get("weekdays") or ()),
        relative={str(k): int(v) for k, v in (dat.get("relative") or {}).items()},
        weekday_past=_optional_patterns(dat, "weekday_past", folder / "dates.yaml"),
        weekday_future=_optional_patterns(dat, "weekday_future", folder / "dates.yaml"),
        relative_spans=_relative_spans(dat, folder / "dates.yaml"),
        month_parts=_optional_patterns(dat, "month_parts", folder / "dates.yaml"),
        month_future=_optional_patterns(dat, "month_future", folder / "dates.yaml"),
        month_past=_optional_patterns(dat, "month_past", folder / "dates.yaml"),
        not_name=frozenset(_strings(nam, "not_name", folder / "names.yaml")),
        function_words=frozenset(w.lower() for w in _strings(speech, "after_quote", folder / "speech.yaml")
                                 + _strings(speech, "before_quote", folder / "speech.yaml")
                                 + _strings(speech, "according_to", folder / "speech.yaml")
                                 + _strings(nam, "common", folder / "names.yaml")),
        independent=_strings(ele, "independent", folder / "elections.yaml"),
        themes=dict(themes or {}),
        phrases=_phrase_lists(folder / "elections.yaml", ele) | _phrase_lists(folder / "coalitions.yaml", coa)
                | _phrase_lists(folder / "offices.yaml", off) | _phrase_lists(folder / "speech.yaml", speech)
                | {k: v for k, v in _phrase_lists(folder / "names.yaml", nam).items() if k.endswith("_forms")},
    )
    _compile(lex)
    return lex


def _optional_patterns(data: dict[str, Any], key: str, path: Path) -> tuple[str, ...]:
    if data.get(key) is None:
        return ()
    return tuple(_check_pattern(p, path, key) for p in _strings(data, key, path))


def _relative_spans(data: dict[str, Any], path: Path) -> tuple[RelativeSpan, ...]:
    out = []
    for i, e in enumerate(data.get("relative_spans") or []):
        if not isinstance(e, dict) or not isinstance(e.get("pattern"), str) \
                or e.get("precision", "day") not in {"day", "month", "year"} \
                or not all(isinstance(e.get(k, 0), int) and not isinstance(e.get(k, 0), bool)
                           for k in ("days", "months", "years")):
            raise DataError(f"section 'relative_spans': entry {i} ({e!r}) needs a pattern, integer days/months/years "
                            "and a precision of day, month or year", culprit=str(path))
        out.append(RelativeSpan(_check_pattern(e["pattern"], path, "relative_spans"), int(e.get("days", 0)),
                                int(e.get("months", 0)), int(e.get("years", 0)), e.get("precision", "day")))
    return tuple(out)


def _phrase_lists(path: Path, data: dict[str, Any]) -> dict[str, tuple[str, ...]]:
    """Every section that is a list of patterns, checked; compiled as ``rx("phrase:NAME")``."""
    return {key: tuple(_check_pattern(p, path, key) for p in _strings(data, key, path))
            for key, values in data.items() if isinstance(values, list) and all(isinstance(v, str) for v in values)}


def _compile(lex: Lexicon) -> None:
    c = lex.compiled
    I = re.IGNORECASE  # noqa: E741
    c["title"] = re.compile(r"\b(?:" + _alternation([t.pattern for t in lex.titles]) + r")\b", I)
    c["qualifier"] = re.compile(r"\b(?:" + _alternation([q for q, _ in lex.qualifiers]) + r")(?=\s|$)", I)
    c["candidacy"] = re.compile(r"\b(?:" + _alternation(lex.candidacy) + r")\b", I)
    c["former"] = re.compile(r"\b(?:" + _alternation(lex.former) + r")\b", I)
    c["incumbent"] = re.compile(r"\b(?:" + _alternation(lex.incumbent) + r")\b", I)
    c["contest"] = re.compile(r"\b(?:" + _alternation([p for p, _ in lex.contests]) + r")\b", I)
    c["candidate"] = re.compile(r"\b(?:" + _alternation([p for p, _ in lex.candidates]) + r")\b", I)
    c["revote"] = re.compile(r"(?:" + _alternation(lex.revote) + r")", I)
    c["trigger"] = re.compile(r"\b(?:" + _alternation([p for p, _ in lex.triggers]) + r")\b", I)
    c["no_party"] = re.compile(r"\b(?:" + _alternation(lex.no_party) + r")\b", I)
    c["independent"] = re.compile(r"\b(?:" + _alternation(lex.independent) + r")\b", I)
    for key, patterns in lex.phrases.items():
        c[f"phrase:{key}"] = re.compile(r"\b(?:" + _alternation(patterns) + r")\b", I)
    stems = sorted({v for v in lex.after_quote if " " not in v}, key=len, reverse=True)
    c["after_verb"] = re.compile(r"\b(?:" + "|".join(re.escape(s) for s in stems) + r")(?:nya|\s+dia|\s+ia)?\b", I)
    before = sorted(lex.before_quote, key=len, reverse=True)
    c["before_verb"] = re.compile(r"\b(?:" + "|".join(re.escape(s) for s in before) + r")\b", I)
    months = "|".join(sorted((re.escape(m) for m in lex.months), key=len, reverse=True))
    c["date_long"] = re.compile(r"\b(\d{1,2})\s+(" + months + r")\.?\s+(\d{4})\b", I)
    c["date_slash"] = re.compile(r"\((\d{1,2})/(\d{1,2})(?:/(\d{4}|\d{2}))?\)")   # no 3-digit year ("/024")
    _compile_relative(lex)
    for slug, keywords in lex.themes.items():   # one pattern per theme: keywords as whole words
        words = sorted({k.lower() for k in keywords if k.strip()}, key=len, reverse=True)
        if words:
            c[f"theme:{slug}"] = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)")
    for i, rule in enumerate(lex.titles):
        c[f"title:{i}"] = re.compile(r"(?:" + rule.pattern + r")$", I)
    for i, (pattern, _) in enumerate(lex.qualifiers):
        c[f"qual:{i}"] = re.compile(r"(?:" + pattern + r")$", I)


def _words(phrase: str) -> str:
    return r"\s+".join(re.escape(w) for w in phrase.split())


def _compile_relative(lex: Lexicon) -> None:
    """Patterns of relative time: day words, weekdays with a direction, longer spans, month phrases."""
    c = lex.compiled
    I = re.IGNORECASE  # noqa: E741
    days = sorted(lex.relative, key=len, reverse=True)
    if days:
        c["relative_day"] = re.compile(r"(?<!\w)(?:" + "|".join(_words(d) for d in days) + r")(?!\w)", I)
    weekdays = "|".join(re.escape(w) for w in sorted(lex.weekdays, key=len, reverse=True))
    past = _alternation(lex.weekday_past) if lex.weekday_past else r"(?!)"
    future = _alternation(lex.weekday_future) if lex.weekday_future else r"(?!)"
    if weekdays:
        c["weekday_ref"] = re.compile(r"(?<!\w)(" + weekdays + r")(?:\s+(?:(" + past + r")|(" + future + r")))?(?!\w)", I)
    for i, span in enumerate(lex.relative_spans):
        c[f"relative_span:{i}"] = re.compile(r"(?<!\w)(?:" + span.pattern + r")(?!\w)", I)
    names = sorted({m for m in lex.months if len(m) >= 4 or m == "mei"}, key=len, reverse=True)
    parts = _alternation(lex.month_parts) if lex.month_parts else r"(?!)"
    direction = _alternation(lex.month_future + lex.month_past) if lex.month_future + lex.month_past else r"(?!)"
    capitalised = "|".join(f"(?-i:{re.escape(n[0].upper())}){re.escape(n[1:])}" for n in names)
    c["month_ref"] = re.compile(r"(?<![\w/])(?:(" + parts + r")\s+)?(" + capitalised
                                + r")(?:\s+(\d{4}))?(?:\s+(" + direction + r"))?(?![\w/])", I)


def title_rule(lex: Lexicon, matched: str) -> TitleRule | None:
    """The title rule whose pattern matches ``matched`` entirely (the longest pattern first)."""
    for i, rule in sorted(enumerate(lex.titles), key=lambda x: -len(x[1].pattern)):
        if lex.compiled[f"title:{i}"].match(matched) and re.fullmatch(rule.pattern, matched, re.IGNORECASE):
            return rule
    return None


def qualifier_of(lex: Lexicon, matched: str) -> str | None:
    for pattern, qualifier in lex.qualifiers:
        if re.fullmatch(pattern, matched.strip(), re.IGNORECASE):
            return qualifier
    return None
