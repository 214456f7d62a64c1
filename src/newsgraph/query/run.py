"""Run a checked query on Oxigraph and render its terms as strings."""

from __future__ import annotations

import os
from typing import Any

from pyoxigraph import BlankNode, Literal, NamedNode, QueryBoolean, QuerySolutions, Store, Triple

from newsgraph.errors import QueryError, one_line
from newsgraph.query.check import check_query, execute, syntax_message
from newsgraph.query.results import compact_iri
from newsgraph.rdfio import load_store
from newsgraph.tables import QueryResult

__all__ = ["run_query", "render_term"]


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
    # The text is parsed for real by _run, which reports syntax errors alike: no test parse here.
    check_query(sparql, allow_service=allow_service, parse=False)
    store = store_or_path if isinstance(store_or_path, Store) else load_store(store_or_path)
    return _run(store, sparql)


def _run(store: Store, sparql: str) -> QueryResult:
    try:
        result = execute(store, sparql)
        if isinstance(result, QueryBoolean):
            return QueryResult(boolean=bool(result), kind="ask")
        if isinstance(result, QuerySolutions):
            columns = [variable.value for variable in result.variables]
            rows = [[None if value is None else render_term(value) for value in solution]
                    for solution in result]
            return QueryResult(columns=columns, rows=rows, kind="select")
        return QueryResult(triples=[f"{triple} ." for triple in result], kind="graph")
    except SyntaxError as exc:
        raise QueryError(syntax_message(exc, sparql)) from exc
    except (OSError, RuntimeError, ValueError) as exc:
        raise QueryError(f"Query failed: {one_line(str(exc))}") from exc


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
    # Dispatch on the exact type (pyoxigraph's term classes cannot be subclassed): this runs for
    # every value of every row, so no intermediate term is made.
    kind = type(term)
    if kind is Literal:
        return term.value
    if kind is NamedNode:
        return compact_iri(term.value)
    if kind is BlankNode:
        return f"_:{term.value}"
    if kind is Triple:
        return f"<< {render_term(term.subject)} {render_term(term.predicate)} {render_term(term.object)} >>"
    return str(term)
