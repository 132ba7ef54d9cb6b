"""What an ad-hoc query may do: read, and fetch other servers only when allowed.

``kg query`` reads. A ``--file`` holding a SPARQL UPDATE (``DROP ALL``,
``INSERT DATA``) is refused before anything is sent, on the embedded store
and on an endpoint alike, and so is a ``SERVICE`` clause, which makes the
store (the embedded one or the server) fetch a URL of the query's choosing,
unless the caller allows it (``--allow-service``).

The query is parsed (rdflib's SPARQL 1.1 grammar), not searched for
keywords: ``?drop``, ``"DROP ALL"`` or a comment about updates are no
reason to refuse. Where rdflib cannot parse a text at all (its grammar
stops at about 50 nested groups, and it lacks a few of Oxigraph's
extensions), the text is still sent as a query, never as an update, so the
store's own query parser refuses an update; ``SERVICE`` is then looked for
as a keyword outside comments, strings and IRIs.
"""
from __future__ import annotations

import re
from typing import Any

from kg.errors import QueryError

UPDATE_HINT = "`kg query` only reads; change a build with `kg build`, a server with `kg push`"
SERVICE_HINT = "pass --allow-service if the query should call that server"

# comments, strings (long ones first) and IRIs: what a keyword search must not look into
_OPAQUE = re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
                     r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>|#[^\n]*')
_SERVICE_WORD = re.compile(r"(?<![\w?$:.\-])SERVICE(?![\w:.\-])", re.IGNORECASE)


def code_of(text: str) -> str:
    """``text`` with its comments, strings and IRIs blanked out: where SPARQL keywords can be looked for."""
    return _OPAQUE.sub(" ", text)


def without_comments(text: str) -> str:
    """``text`` with its comments removed (a ``#`` in a string or an IRI starts none)."""
    return _OPAQUE.sub(lambda m: "" if m.group(0).startswith("#") else m.group(0), text)


def has_keyword(text: str, word: str) -> bool:
    """Whether the SPARQL keyword ``word`` (GRAPH, FROM, SERVICE…) occurs in ``text`` outside comments,
    strings and IRIs, and not as part of a name (``?graph``, ``ex:from``, ``graph:x``)."""
    return re.search(rf"(?<![\w?$:.\-]){word}(?![\w:.\-])", code_of(text), re.IGNORECASE) is not None


def check_read_only(text: str, culprit: str = "query", *, allow_service: bool = False) -> None:
    """QueryError when ``text`` is a SPARQL UPDATE, or uses SERVICE and ``allow_service`` is false."""
    tree = parse_query_tree(text)
    if tree is None:
        update = parse_update_tree(text)
        if update is not None:
            kinds = ", ".join(sorted({_update_name(r) for r in update}))
            raise QueryError(f"this is a SPARQL UPDATE ({kinds}), not a query", culprit=culprit, hint=UPDATE_HINT)
        services = ["SERVICE"] if _SERVICE_WORD.search(_OPAQUE.sub(" ", text)) else []
    else:
        services = [str(s.get("term", "")) for s in find_nodes(tree, "ServiceGraphPattern")]
    if services and not allow_service:
        where = next((s for s in services if s and s != "SERVICE"), "")
        raise QueryError("the query uses SERVICE" + (f" <{where}>" if where else "")
                         + ", which makes the store fetch another server", culprit=culprit, hint=SERVICE_HINT)


def parse_query_tree(text: str) -> Any | None:
    """rdflib's parse tree of a query, or None when ``text`` does not parse as a query."""
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        return parseQuery(text)
    except Exception:  # noqa: BLE001 — pyparsing's ParseException, RecursionError on deep nesting, …
        return None


def parse_update_tree(text: str) -> list[Any] | None:
    """The operations of an update, or None when ``text`` is no update with at least one operation."""
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        update = parseUpdate(text)
    except Exception:  # noqa: BLE001
        return None
    requests = list(update.get("request") or [])      # an empty text parses as an empty update
    return requests or None


def find_nodes(node: Any, name: str) -> list[Any]:
    """Every node of an rdflib parse tree (CompValue) called ``name``."""
    from rdflib.plugins.sparql.parserutils import CompValue

    found = []
    stack = [node]
    while stack:
        x = stack.pop()
        if isinstance(x, CompValue):
            if x.name == name:
                found.append(x)
            stack.extend(x.values())
        elif isinstance(x, (list, tuple)) or type(x).__name__ == "ParseResults":
            stack.extend(x)
    return found


def _update_name(request: Any) -> str:
    """``DropGraph`` → ``DROP``, ``InsertData`` → ``INSERT DATA``, ``Modify`` → ``DELETE/INSERT``."""
    name = getattr(request, "name", type(request).__name__)
    if name == "Modify":
        return "DELETE/INSERT"
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name).upper()
