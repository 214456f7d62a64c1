"""Read-only SPARQL over a newsgraph file with pyoxigraph (the ``query`` command).

A graph file is loaded into an in-memory :class:`pyoxigraph.Store`. Queries run with the default
graph as the union of all named graphs, so a plain pattern sees every article graph and the
inferred graph, while ``GRAPH ?g { ... }`` still picks out one graph. The union is a multiset:
a fact stated in two article graphs matches twice, so use ``SELECT DISTINCT`` when that matters.
An entity's type, ``rdfs:label`` and aliases are in one graph (``id/graph/entities``), so they
match once. The prefixes in :data:`PREFIXES` are predeclared; a
query's own ``PREFIX`` declaration overrides them.

Queries are checked before they run (:func:`check_query`): SPARQL Update is refused, and so is
``SERVICE`` (it makes the engine fetch URLs) unless explicitly allowed. Whether the text is a
query or an update, and whether it uses ``SERVICE``, is decided by rdflib's SPARQL parser, with a
lexical scan that ignores strings, IRIs and comments as a second opinion; syntax errors are
pyoxigraph's own, with the line and column.

``query`` runs through :func:`solutions` (a child process under a time limit and a row cap,
rows streamed) and :func:`write_results` (SPARQL 1.1 results JSON, CSV or TSV, or a table).

Rows keep the order the engine returns them in: results are deterministic when the query has
an ``ORDER BY`` over its columns, as every shipped query in ``queries/`` does.
"""


from newsgraph.query.bounded import (
    DEFAULT_MAX_ROWS,
    DEFAULT_TIMEOUT,
    QUERY_FORMATS,
    Limits,
    Summary,
    result_events,
    solutions,
    write_results,
)
from newsgraph.query.check import SERVICE_REFUSED, UPDATE_REFUSED, check_query, read_query_file
from newsgraph.query.results import RESULT_FORMATS, Term
from newsgraph.query.run import render_term, run_query
from newsgraph.query.shipped import ShippedQuery, queries_dir, shipped_queries
from newsgraph.query.syntax import PREFIXES, SHORT_PREFIXES, with_prologue
from newsgraph.tables import OUTPUT_FORMATS, QueryResult, format_result

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
    "UPDATE_REFUSED",
    "SERVICE_REFUSED",
    "read_query_file",
    "Limits",
    "Summary",
    "solutions",
    "result_events",
    "write_results",
    "Term",
    "RESULT_FORMATS",
    "QUERY_FORMATS",
    "DEFAULT_TIMEOUT",
    "DEFAULT_MAX_ROWS",
]
