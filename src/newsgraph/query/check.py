"""Check a query before it runs: read-only, no ``SERVICE`` unless allowed, and well-formed.

Whether the text is a query or an update, and whether it uses ``SERVICE``, is decided by rdflib's
SPARQL parser, with the lexical scan of :mod:`newsgraph.query.syntax` as a second opinion; syntax
errors are pyoxigraph's own, with the line and column."""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from pyoxigraph import Store

from newsgraph.errors import InputError, QueryError, first_argument, one_line
from newsgraph.query.syntax import (
    MAX_MESSAGE,
    PREFIXES,
    bare_words,
    first_operation,
    prefixed_names,
    strip_literals,
    with_prologue,
)

__all__ = ["UPDATE_REFUSED", "SERVICE_REFUSED", "check_query", "execute", "syntax_message", "read_query_file"]

UPDATE_REFUSED = "SPARQL Update is not allowed: newsgraph query is read-only"
SERVICE_REFUSED = "SERVICE is not allowed (it makes the engine fetch URLs); pass --allow-service to permit it"

_UPDATE_VERBS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
)
_QUERY_FORMS = frozenset({"SELECT", "CONSTRUCT", "DESCRIBE", "ASK"})


def check_query(sparql: str, allow_service: bool = False, *, parse: bool = True) -> None:
    """Raise :class:`QueryError` unless ``sparql`` is a well-formed, read-only SPARQL query.

    Refused: SPARQL Update (``INSERT``, ``DELETE``, ``LOAD``, ``CLEAR``, ``DROP``, ``CREATE``,
    ``ADD``, ``MOVE``, ``COPY``), ``SERVICE`` unless ``allow_service`` is true, and syntax errors
    (reported as ``SPARQL syntax error: error at LINE:COLUMN: ...``). Keywords inside strings,
    IRIs and comments do not count. Nothing is fetched: a query that uses an allowed ``SERVICE``
    is not test-run, so its syntax errors are reported by :func:`run_query` instead; nor is any
    query when ``parse`` is false (for a caller that runs it at once, which parses it anyway).

    Examples:
        >>> check_query('SELECT ?s WHERE { ?s ng:sentence "we will DELETE nothing" }')
        >>> check_query("DELETE WHERE { ?s ?p ?o }")
        Traceback (most recent call last):
        ...
        newsgraph.errors.QueryError: SPARQL Update is not allowed: newsgraph query is read-only
        >>> check_query("SELECT * WHERE { ?s ?p }")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        newsgraph.errors.QueryError: SPARQL syntax error: error at 1:25: expected ...
    """
    if not isinstance(sparql, str):
        raise QueryError(f"A SPARQL query must be text, not {type(sparql).__name__}")
    refusal, has_service = _refusal(sparql, allow_service)
    if refusal is not None:
        raise QueryError(refusal)
    if has_service or not parse:
        return  # test-running it might fetch the URL; run_query reports syntax errors
    try:
        # pyoxigraph has no parse-only call: run it on an empty store. SELECT, CONSTRUCT and
        # DESCRIBE are evaluated lazily (not iterated here); ASK on no data is immediate.
        execute(Store(), sparql)
    except SyntaxError as exc:
        raise QueryError(syntax_message(exc, sparql)) from exc
    except (OSError, RuntimeError, ValueError) as exc:
        raise QueryError(f"Query failed: {one_line(str(exc))}") from exc


def read_query_file(path: str | os.PathLike[str]) -> str:
    """The text of a ``.rq`` file, which must be UTF-8 (a UTF-8 BOM is dropped), as SPARQL says.
    A plain name that is no file here ("attacks.rq", "attacks") is the shipped query of that name.

    Guessing another encoding would silently change the strings the query matches, so a file
    that is not UTF-8 is an :class:`InputError` naming it and the first bad byte."""
    file = Path(path)
    if not file.is_file():
        from newsgraph.query.shipped import shipped_query

        shipped = shipped_query(str(path))
        if shipped is None:
            raise InputError(f"{file}: no such query file (`newsgraph query --list` names the shipped ones)")
        file = shipped.path
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise InputError(f"{file}: cannot read the query file: {exc.strerror or exc}") from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(f"{file}: not UTF-8 text (byte 0x{data[exc.start]:02x} on line {line}); "
                         "save the query as UTF-8") from exc


@lru_cache(maxsize=256)
def _refusal(sparql: str, allow_service: bool) -> tuple[str | None, bool]:
    """Why the query is refused (``None`` if it is not), and whether it uses ``SERVICE``.
    Cached by query text, so a query run again is not scanned again."""
    words = [word.upper() for _, word in bare_words(sparql)]
    kind, tree = _classify(sparql)
    if kind == "update" or (kind is None and first_operation(words) in _UPDATE_VERBS):
        return UPDATE_REFUSED, False
    if kind == "empty" or (kind is None and not words):
        return "SPARQL syntax error: no query (expected SELECT, CONSTRUCT, DESCRIBE or ASK)", False
    has_service = "SERVICE" in words or (tree is not None and _has_service(tree))
    if has_service and not allow_service:
        return SERVICE_REFUSED, True
    return None, has_service


@lru_cache(maxsize=256)
def _classify(sparql: str) -> tuple[str | None, Any]:
    """``("query", tree)``, ``("update", tree)``, ``("empty", tree)`` or ``(None, None)``.

    Cached by query text: rdflib's parser takes tens of milliseconds, often more than running
    the query on Oxigraph, and a session or a dashboard runs the same queries again."""
    from pyparsing import ParseBaseException
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    try:
        return "query", parseQuery(sparql)
    except ParseBaseException:
        pass
    except Exception:  # noqa: BLE001 - rdflib may raise other errors on odd input; pyoxigraph decides
        return None, None
    try:
        tree = parseUpdate(sparql)
    except Exception:  # noqa: BLE001
        return None, None
    # CompValue.get() does not take a default; test for the key.
    return ("update" if "request" in tree and tree["request"] else "empty"), tree


def _has_service(node: Any) -> bool:
    """Whether an rdflib SPARQL parse tree contains a ``SERVICE`` pattern."""
    from rdflib.plugins.sparql.parserutils import CompValue

    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, CompValue):
            if item.name == "ServiceGraphPattern":
                return True
            stack.extend(item.values())
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, (list, tuple)) or type(item).__name__ == "ParseResults":
            stack.extend(item)
    return False


# Comments, strings, IRIs, variables and prefixed names are skipped; what remains as words are

def syntax_message(exc: SyntaxError, sparql: str) -> str:
    message = one_line(first_argument(exc))
    if "Prefix not found" in message:
        position = re.match(r"error at \d+:\d+", message)
        declared = set(PREFIXES) | {m.group(1) for m in re.finditer(
            r"PREFIX\s+([\w.-]*):", strip_literals(sparql), re.IGNORECASE)}
        undeclared = [p.split(":", 1)[0] for p in prefixed_names(sparql)]
        missing = next((p for p in undeclared if p not in declared), None)
        what = f"undeclared prefix {missing}:" if missing is not None else "undeclared prefix"
        message = f"{position.group() + ': ' if position else ''}{what} (declare it with PREFIX)"
    elif len(message) > MAX_MESSAGE:
        message = message[:MAX_MESSAGE].rstrip() + "…"
    return f"SPARQL syntax error: {message}"


def execute(store: Store, sparql: str) -> Any:
    try:
        return store.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=True)
    except TypeError:  # pyoxigraph < 0.5 has no ``prefixes``: declare them on the first line
        full = with_prologue(sparql)
        prologue = full[: len(full) - len(sparql)]
        try:
            return store.query(full, use_default_graph_as_union=True)
        except SyntaxError as exc:  # report columns of the first line as the user wrote them
            message = re.sub(r"error at 1:(\d+)",
                             lambda m: f"error at 1:{max(1, int(m.group(1)) - len(prologue))}",
                             first_argument(exc), count=1)
            raise SyntaxError(message) from exc
