"""Read-only SPARQL over a newsgraph file with pyoxigraph (the ``query`` command).

A graph file is loaded into an in-memory :class:`pyoxigraph.Store`. Queries run with the default
graph as the union of all named graphs, so a plain pattern sees every article graph and the
inferred graph, while ``GRAPH ?g { ... }`` still picks out one graph. The union is a multiset:
a triple stated in two article graphs (an entity's ``rdfs:label``, say) matches twice, so use
``SELECT DISTINCT`` when that matters. The prefixes in :data:`PREFIXES` are predeclared; a
query's own ``PREFIX`` declaration overrides them.

Queries are checked before they run (:func:`check_query`): SPARQL Update is refused, and so is
``SERVICE`` (it makes the engine fetch URLs) unless explicitly allowed. Whether the text is a
query or an update, and whether it uses ``SERVICE``, is decided by rdflib's SPARQL parser, with a
lexical scan that ignores strings, IRIs and comments as a second opinion; syntax errors are
pyoxigraph's own, with the line and column.

Rows keep the order the engine returns them in: results are deterministic when the query has
an ``ORDER BY`` over its columns, as every shipped query in ``queries/`` does.
"""

from __future__ import annotations

__all__ = [
    "PREFIXES",
    "SHORT_PREFIXES",
    "QueryResult",
    "ShippedQuery",
    "check_query",
    "run_query",
    "with_prologue",
    "format_result",
    "render_term",
    "queries_dir",
    "shipped_queries",
    "OUTPUT_FORMATS",
]

import csv
import importlib.resources
import io
import json
import os
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from pyoxigraph import BlankNode, Literal, NamedNode, QueryBoolean, QuerySolutions, Store, Triple

from newsgraph import vocab
from newsgraph.errors import QueryError
from newsgraph.rdfio import load_store

PREFIXES: dict[str, str] = {name: str(namespace) for name, namespace in vocab.PREFIXES.items()}
"""Prefixes every query may use without declaring them."""

SHORT_PREFIXES: dict[str, str] = {name: PREFIXES[name] for name in sorted(vocab.FILE_PREFIXES, key=list(PREFIXES).index)}
"""Prefixes used to shorten IRIs in results (``ng:leaderOf``, ``id:person/denis-nikitin``)."""

OUTPUT_FORMATS = ("table", "csv", "json")
"""Names accepted by :func:`format_result`."""

UPDATE_REFUSED = "SPARQL Update is not allowed: newsgraph query is read-only"
SERVICE_REFUSED = "SERVICE is not allowed (it makes the engine fetch URLs); pass --allow-service to permit it"

_UPDATE_VERBS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
)
_QUERY_FORMS = frozenset({"SELECT", "CONSTRUCT", "DESCRIBE", "ASK"})
_MAX_MESSAGE = 300


@dataclass
class QueryResult:
    """The outcome of a query, with every term rendered as a string (see :func:`render_term`).

    ``kind`` is ``"select"`` (``columns`` and ``rows``; an unbound value is ``None``), ``"ask"``
    (``boolean``) or ``"graph"`` for CONSTRUCT and DESCRIBE (``triples``, N-Triples lines).
    """

    columns: list[str] = field(default_factory=list)
    rows: list[list[str | None]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[str] = field(default_factory=list)
    kind: str = "select"


@dataclass(frozen=True)
class ShippedQuery:
    """A query file from ``queries/`` with the ``# title:`` and ``# description:`` of its header."""

    name: str
    path: Path
    title: str
    description: str

    @property
    def text(self) -> str:
        return self.path.read_text(encoding="utf-8")


# --------------------------------------------------------------------------- checking


def check_query(sparql: str, allow_service: bool = False) -> None:
    """Raise :class:`QueryError` unless ``sparql`` is a well-formed, read-only SPARQL query.

    Refused: SPARQL Update (``INSERT``, ``DELETE``, ``LOAD``, ``CLEAR``, ``DROP``, ``CREATE``,
    ``ADD``, ``MOVE``, ``COPY``), ``SERVICE`` unless ``allow_service`` is true, and syntax errors
    (reported as ``SPARQL syntax error: error at LINE:COLUMN: ...``). Keywords inside strings,
    IRIs and comments do not count. Nothing is fetched: a query that uses an allowed ``SERVICE``
    is not test-run, so its syntax errors are reported by :func:`run_query` instead.

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
        raise QueryError(f"a SPARQL query must be text, not {type(sparql).__name__}")
    words = [word.upper() for _, word in _bare_words(sparql)]
    kind, tree = _classify(sparql)
    if kind == "update" or (kind is None and _first_operation(words) in _UPDATE_VERBS):
        raise QueryError(UPDATE_REFUSED)
    if kind == "empty" or (kind is None and not words):
        raise QueryError("SPARQL syntax error: no query (expected SELECT, CONSTRUCT, DESCRIBE or ASK)")
    has_service = "SERVICE" in words or (tree is not None and _has_service(tree))
    if has_service and not allow_service:
        raise QueryError(SERVICE_REFUSED)
    if has_service:
        return  # test-running it might fetch the URL; run_query reports syntax errors
    try:
        # pyoxigraph has no parse-only call: run it on an empty store. SELECT, CONSTRUCT and
        # DESCRIBE are evaluated lazily (not iterated here); ASK on no data is immediate.
        _execute(Store(), sparql)
    except SyntaxError as exc:
        raise QueryError(_syntax_message(exc, sparql)) from exc
    except (OSError, RuntimeError, ValueError) as exc:
        raise QueryError(f"query failed: {_one_line(str(exc))}") from exc


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
# keywords and built-in function names.
_TOKEN = re.compile(
    r"""
    (?P<comment>\#[^\r\n]*)
  | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
               |"(?:[^"\\\r\n]|\\.)*"|'(?:[^'\\\r\n]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][\w\u00b7\u0300-\u036f\u203f\u2040]+)
  | (?P<pname>[\w.-]*:(?:[\w.:%-]|\\.)*)
  | (?P<word>[A-Za-z_]\w*)
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)


def _bare_words(sparql: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group()) for m in _TOKEN.finditer(sparql) if m.lastgroup == "word"]


def _prefixed_names(sparql: str) -> list[str]:
    return [m.group() for m in _TOKEN.finditer(sparql) if m.lastgroup == "pname"]


def _first_operation(words: list[str]) -> str | None:
    """The first word after the prologue (``BASE`` and ``PREFIX`` declarations)."""
    return next((w for w in words if w not in ("BASE", "PREFIX")), None)


def _syntax_message(exc: SyntaxError, sparql: str) -> str:
    message = _one_line(_message(exc))
    if "Prefix not found" in message:
        position = re.match(r"error at \d+:\d+", message)
        declared = set(PREFIXES) | {m.group(1) for m in re.finditer(
            r"PREFIX\s+([\w.-]*):", _strip_literals(sparql), re.IGNORECASE)}
        undeclared = [p.split(":", 1)[0] for p in _prefixed_names(sparql)]
        missing = next((p for p in undeclared if p not in declared), None)
        what = f"undeclared prefix {missing}:" if missing is not None else "undeclared prefix"
        message = f"{position.group() + ': ' if position else ''}{what} (declare it with PREFIX)"
    elif len(message) > _MAX_MESSAGE:
        message = message[:_MAX_MESSAGE].rstrip() + "…"
    return f"SPARQL syntax error: {message}"


def _strip_literals(sparql: str) -> str:
    """The query with comments and strings blanked out (IRIs kept, for PREFIX lines)."""
    return _TOKEN.sub(lambda m: " " * len(m.group()) if m.lastgroup in ("comment", "string") else m.group(),
                      sparql)


# --------------------------------------------------------------------------- running


def run_query(store_or_path: Store | str | os.PathLike[str], sparql: str, *,
              allow_service: bool = False) -> QueryResult:
    """Check and run a query on an Oxigraph store or a graph file (loaded with
    :func:`newsgraph.rdfio.load_store`); :func:`newsgraph.sources.oxigraph_store` opens a corpus
    store folder for it.

    Plain patterns match the union of all named graphs; ``GRAPH ?g { ... }`` matches one graph.
    Prefixes ng:, id:, rdf:, rdfs:, skos:, xsd:, prov:, owl: and schema: are predeclared.

    Examples:
        >>> from pyoxigraph import RdfFormat
        >>> store = Store()
        >>> store.load(input='<https://w3id.org/newsgraph/id/person/ana> '
        ...     '<http://www.w3.org/2000/01/rdf-schema#label> "Ana" '
        ...     '<https://w3id.org/newsgraph/id/graph/article/a1> .', format=RdfFormat.N_QUADS)
        >>> result = run_query(store, "SELECT ?s ?name WHERE { ?s rdfs:label ?name }")
        >>> result.columns, result.rows
        (['s', 'name'], [['id:person/ana', 'Ana']])
        >>> run_query(store, "ASK { GRAPH ?g { ?s rdfs:label 'Ana' } }").boolean
        True
    """
    check_query(sparql, allow_service=allow_service)
    store = store_or_path if isinstance(store_or_path, Store) else load_store(store_or_path)
    return _run(store, sparql)


def _run(store: Store, sparql: str) -> QueryResult:
    try:
        result = _execute(store, sparql)
        if isinstance(result, QueryBoolean):
            return QueryResult(boolean=bool(result), kind="ask")
        if isinstance(result, QuerySolutions):
            columns = [variable.value for variable in result.variables]
            rows = [[None if value is None else render_term(value) for value in solution]
                    for solution in result]
            return QueryResult(columns=columns, rows=rows, kind="select")
        return QueryResult(triples=[f"{triple} ." for triple in result], kind="graph")
    except SyntaxError as exc:
        raise QueryError(_syntax_message(exc, sparql)) from exc
    except (OSError, RuntimeError, ValueError) as exc:
        raise QueryError(f"query failed: {_one_line(str(exc))}") from exc


def _execute(store: Store, sparql: str) -> Any:
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
                             _message(exc), count=1)
            raise SyntaxError(message) from exc


def with_prologue(sparql: str) -> str:
    """``sparql`` with PREFIX declarations, on its first line, for the predeclared prefixes it
    does not declare itself (for engines that do not know them, such as a remote endpoint).

    >>> with_prologue("PREFIX ng: <urn:x#> ASK {}").count("PREFIX ng:")
    1
    """
    declared = {m.group(1) for m in re.finditer(r"PREFIX\s+([\w.-]*):", _strip_literals(sparql), re.IGNORECASE)}
    prologue = "".join(f"PREFIX {name}: <{iri}> " for name, iri in PREFIXES.items() if name not in declared)
    return prologue + sparql


def render_term(term: Any) -> str:
    """Render an RDF term for display: a literal as its lexical value, an IRI shortened with
    :data:`SHORT_PREFIXES` or else as ``<iri>``, a blank node as ``_:id``.

    Examples:
        >>> render_term(NamedNode("https://w3id.org/newsgraph/ontology#leaderOf"))
        'ng:leaderOf'
        >>> render_term(NamedNode("https://example.org/x"))
        '<https://example.org/x>'
        >>> render_term(Literal("70", datatype=NamedNode("http://www.w3.org/2001/XMLSchema#integer")))
        '70'
    """
    if isinstance(term, NamedNode):
        iri = term.value
        for name, namespace in SHORT_PREFIXES.items():
            if iri.startswith(namespace) and len(iri) > len(namespace):
                return f"{name}:{iri[len(namespace):]}"
        return f"<{iri}>"
    if isinstance(term, Literal):
        return term.value
    if isinstance(term, BlankNode):
        return f"_:{term.value}"
    if isinstance(term, Triple):
        return f"<< {render_term(term.subject)} {render_term(term.predicate)} {render_term(term.object)} >>"
    return str(term)


# --------------------------------------------------------------------------- formatting


def format_result(result: QueryResult, fmt: str) -> str:
    """Render a result as ``table``, ``csv`` or ``json``; the text ends with a newline.

    ``table``: columns aligned (two spaces apart) under a header and a line of dashes, line
    breaks and tabs inside values shown as spaces. ``csv``: a header row, then one row per
    solution, unbound values empty. ``json``: ``{"head": {"vars": [...]}, "results":
    {"bindings": [...]}}`` with the rendered strings as values, unbound values left out, keys
    sorted. ASK gives ``true``/``false`` (``{"boolean": ...}`` in JSON); CONSTRUCT and DESCRIBE
    give N-Triples lines (``{"triples": [...]}`` in JSON).

    Examples:
        >>> result = QueryResult(columns=["who", "n"], rows=[["ng:x", "10"], ["Ana", None]])
        >>> print(format_result(result, "table"), end="")
        who   n
        ----  --
        ng:x  10
        Ana
        >>> print(format_result(result, "csv"), end="")
        who,n
        ng:x,10
        Ana,
    """
    if fmt not in OUTPUT_FORMATS:
        raise QueryError(f"unknown output format {fmt!r} (use {', '.join(OUTPUT_FORMATS)})")
    if result.kind == "ask":
        value = bool(result.boolean)
        if fmt == "json":
            return _json({"head": {}, "boolean": value})
        return ("boolean\n" if fmt == "csv" else "") + ("true\n" if value else "false\n")
    if result.kind == "graph":
        if fmt == "json":
            return _json({"head": {}, "triples": result.triples})
        return "".join(line + "\n" for line in result.triples)
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(result.columns)
        writer.writerows(["" if value is None else value for value in row] for row in result.rows)
        return out.getvalue()
    if fmt == "json":
        bindings = [{column: value for column, value in zip(result.columns, row) if value is not None}
                    for row in result.rows]
        return _json({"head": {"vars": list(result.columns)}, "results": {"bindings": bindings}})
    return _table(result.columns, result.rows)


def _json(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _table(columns: list[str], rows: list[list[str | None]]) -> str:
    cells = [[_cell(value) for value in row] for row in rows]
    widths = [max([_width(column)] + [_width(row[i]) for row in cells]) for i, column in enumerate(columns)]

    def line(values: list[str]) -> str:
        padded = (value + " " * (width - _width(value)) for value, width in zip(values, widths))
        return "  ".join(padded).rstrip()

    lines = [line(columns), line(["-" * width for width in widths])] + [line(row) for row in cells]
    return "\n".join(lines) + "\n"


def _cell(value: str | None) -> str:
    if value is None:
        return ""
    return re.sub(r"[\t\n\v\f\r\x85\u2028\u2029]+", " ", value).strip()


def _width(text: str) -> int:
    """Columns a string takes in a terminal: wide East Asian characters count 2, marks 0."""
    return sum(0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
               for ch in text)


# --------------------------------------------------------------------------- shipped queries


def queries_dir() -> Path:
    """Return the directory of the shipped ``.rq`` files (in the package when installed)."""
    try:
        packaged = importlib.resources.files("newsgraph") / "queries"
        if packaged.is_dir():
            return Path(str(packaged))
    except (ModuleNotFoundError, FileNotFoundError, NotADirectoryError, TypeError, ValueError):
        pass
    return Path(__file__).resolve().parents[2] / "queries"


def shipped_queries(directory: str | os.PathLike[str] | None = None) -> list[ShippedQuery]:
    """The ``.rq`` files of ``directory`` (default :func:`queries_dir`), sorted by name.

    Examples:
        >>> [q.name for q in shipped_queries()][:2]
        ['attacks', 'attributions']
    """
    folder = Path(directory) if directory is not None else queries_dir()
    found = []
    for path in sorted(folder.glob("*.rq")):
        header = _header(path.read_text(encoding="utf-8"))
        title, description = header.get("title", path.stem), header.get("description", "")
        found.append(ShippedQuery(path.stem, path, title, description))
    return found


def _header(text: str) -> dict[str, str]:
    """``# key: value`` lines of the leading comment block; repeated keys are joined."""
    fields: dict[str, str] = {}
    for raw in text.splitlines():
        stripped = raw.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            break
        match = re.match(r"#\s*(title|description):\s*(.*)$", stripped)
        if match:
            key, value = match.groups()
            fields[key] = f"{fields[key]} {value}".strip() if key in fields else value.strip()
    return fields


# --------------------------------------------------------------------------- helpers


def _message(exc: BaseException) -> str:
    return str(exc.args[0]) if exc.args else str(exc)


def _one_line(text: str) -> str:
    return " ".join(str(text).split())

