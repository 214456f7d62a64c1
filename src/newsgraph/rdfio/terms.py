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

from pyoxigraph import BlankNode, NamedNode
from pyoxigraph import Literal as OxLiteral
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

__all__ = ["OxTerm", "to_oxigraph", "to_rdflib"]

OxTerm = NamedNode | OxLiteral | BlankNode


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


def to_rdflib(term: OxTerm) -> Node:
    """An Oxigraph IRI, blank node or literal as an rdflib term."""
    if isinstance(term, NamedNode):
        return URIRef(term.value)
    if isinstance(term, BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    return Literal(term.value, datatype=URIRef(term.datatype.value))
