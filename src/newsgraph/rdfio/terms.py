"""The one bridge between Oxigraph's and rdflib's RDF terms.

Examples
--------
>>> from rdflib import Literal, URIRef
>>> to_rdflib(to_oxigraph(Literal("7", datatype=URIRef("http://www.w3.org/2001/XMLSchema#integer"))))
rdflib.term.Literal('7', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#integer'))
>>> to_oxigraph(URIRef("https://e/x"))
<NamedNode value=https://e/x>
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TypeAlias, overload

from pyoxigraph import BlankNode, NamedNode, Quad, Store, Triple
from pyoxigraph import Literal as OxLiteral
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

__all__ = ["OxTerm", "to_oxigraph", "to_rdflib", "quads_matching"]

OxTerm: TypeAlias = NamedNode | OxLiteral | BlankNode


@overload
def to_oxigraph(term: URIRef) -> NamedNode: ...
@overload
def to_oxigraph(term: BNode) -> BlankNode: ...
@overload
def to_oxigraph(term: Node) -> OxTerm: ...
def to_oxigraph(term: Node) -> OxTerm:
    """An rdflib IRI, blank node or literal as an Oxigraph term."""
    if isinstance(term, URIRef):
        return NamedNode(str(term))
    if isinstance(term, BNode):
        return BlankNode(str(term))
    if not isinstance(term, Literal):
        raise TypeError(f"not an RDF term: {term!r}")
    if term.language:
        return OxLiteral(str(term), language=term.language)
    return OxLiteral(str(term), datatype=NamedNode(str(term.datatype or XSD.string)))


def to_rdflib(term: OxTerm | Triple) -> Node:
    """An Oxigraph IRI, blank node or literal as an rdflib term (newsgraph writes no RDF-star)."""
    if isinstance(term, NamedNode):
        return URIRef(term.value)
    if isinstance(term, BlankNode):
        return BNode(term.value)
    if isinstance(term, Triple):
        raise TypeError(f"RDF-star triple terms are not supported: {term}")
    if term.language:
        return Literal(term.value, lang=term.language)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def quads_matching(store: Store, s: Node | None, p: Node | None, o: Node | None,
                   graph: NamedNode | None = None) -> Iterator[Quad]:
    """The store's quads matching an rdflib pattern (None matches anything)."""
    subject, predicate, obj = (None if t is None else to_oxigraph(t) for t in (s, p, o))
    # A literal subject or predicate matches nothing; Oxigraph's stubs reject the type instead.
    return store.quads_for_pattern(subject, predicate, obj, graph)  # type: ignore[arg-type]
