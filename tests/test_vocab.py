"""The shared term tables of :mod:`newsgraph.vocab` agree with ``ontology/newsgraph.ttl``."""

from __future__ import annotations

from rdflib import URIRef
from rdflib.namespace import OWL, RDF, RDFS

from newsgraph.namespaces import NG, ontology_graph
from newsgraph.vocab import (COALITION_PREDICATES, COMMAND_PREDICATES, LEADERSHIP, NON_ENTITY_CLASSES,
                             NON_RELATION_PREDICATES, RELATION_PREDICATES, RESPONSIBILITY, SUPER_PROPERTY,
                             SYMMETRIC, slug)


def _object_properties() -> set[URIRef]:
    return {p for p in ontology_graph().subjects(RDF.type, OWL.ObjectProperty) if isinstance(p, URIRef)}


def test_symmetric_predicates_are_the_ontologys_symmetric_properties() -> None:
    assert SYMMETRIC == set(ontology_graph().subjects(RDF.type, OWL.SymmetricProperty))


def test_super_properties_are_the_ontologys_sub_property_links() -> None:
    g = ontology_graph()
    for sub, sup in SUPER_PROPERTY.items():
        assert (sub, RDFS.subPropertyOf, sup) in g


def test_predicate_tables_hold_object_properties_only() -> None:
    properties = _object_properties()
    for table in (RELATION_PREDICATES, NON_RELATION_PREDICATES, COALITION_PREDICATES, COMMAND_PREDICATES,
                  LEADERSHIP, RESPONSIBILITY):
        assert set(table) <= properties
    assert not RELATION_PREDICATES & NON_RELATION_PREDICATES


def test_non_entity_classes_are_ontology_classes() -> None:
    classes = set(ontology_graph().subjects(RDF.type, OWL.Class))
    assert NON_ENTITY_CLASSES <= classes
    assert NG.Person not in NON_ENTITY_CLASSES


def test_slug_is_readable_and_iri_safe() -> None:
    assert slug("César Díaz") == "cesar-diaz"
    # Nothing readable left: a hash of the name, so that two such names never share an IRI.
    assert slug("!!!").startswith("x-") and slug("Иван Петров") != slug("Олег Сидоров")
    assert slug("Иван Петров") == slug("Иван Петров")
