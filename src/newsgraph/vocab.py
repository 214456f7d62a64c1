"""The tables of ``ng:`` terms every stage shares: one set per fact, imported, never copied.

Which classes are bookkeeping rather than entities, which predicates link two entities, which
are leadership, responsibility for an attack or symmetric, the prefixes bound in every file and
predeclared in every query, and the readable local names of instance IRIs. A set that two
modules kept apart drifted (the review of issue 13 found four copies of the non-entity classes);
``tests/test_vocab.py`` checks these tables against ``ontology/newsgraph.ttl``.

Examples
--------
>>> NG.Claim in NON_ENTITY_CLASSES, NG.Person in NON_ENTITY_CLASSES
(True, False)
>>> slug("Armed Forces of Ukraine"), slug("César")
('armed-forces-of-ukraine', 'cesar')
"""

from __future__ import annotations

import hashlib
import re

from rdflib import Graph
from rdflib.namespace import Namespace

# fold() is the extraction stage's name key (issue 12 moves gazetteer.py into newsgraph/extract/);
# it is a leaf of the standard library only, so importing it here closes no cycle.
from newsgraph.gazetteer import fold
from newsgraph.namespaces import ID, NG, OWL, PROV, RDF, RDFS, SCHEMA, SKOS, XSD

__all__ = [
    "NON_ENTITY_CLASSES",
    "NON_RELATION_PREDICATES",
    "RELATION_PREDICATES",
    "COALITION_PREDICATES",
    "COMMAND_PREDICATES",
    "LEADERSHIP",
    "CURRENT_LEADERSHIP",
    "SUPER_PROPERTY",
    "SYMMETRIC",
    "RESPONSIBILITY",
    "PREFIXES",
    "FILE_PREFIXES",
    "bind_prefixes",
    "slug",
]

NON_ENTITY_CLASSES = frozenset(
    NG[name] for name in ("Claim", "Article", "Explanation", "Contradiction", "Stance", "Certainty"))
"""Classes whose instances are provenance or inference bookkeeping, not entities."""

NON_RELATION_PREDICATES = frozenset(
    (NG.mentionedIn, NG.publisher, NG.accordingTo, NG.evidence, NG.stance, NG.explains, NG.certainty,
     NG.side, NG.about))
"""Object properties that link to provenance rather than between entities."""

RELATION_PREDICATES = frozenset({
    NG.foundedBy, NG.leaderOf, NG.politicalLeaderOf, NG.militaryLeaderOf, NG.formerLeaderOf,
    NG.memberOf, NG.partOf, NG.alliedWith, NG.operatesUnderCommandOf, NG.supportedBy,
    NG.designatedTerroristBy, NG.citizenOf, NG.hasWeapon, NG.participatedIn,
    NG.claimedResponsibilityFor, NG.accusedOf, NG.attributedTo, NG.suspectedPerpetrator,
    NG.targeted, NG.occurredIn, NG.locatedIn,
})
"""Predicates linking two entities: the edges of the entity network."""

COALITION_PREDICATES = (NG.alliedWith, NG.operatesUnderCommandOf, NG.partOf, NG.supportedBy)
"""Edges that put two agents on the same side."""

COMMAND_PREDICATES = (NG.operatesUnderCommandOf, NG.partOf)
"""Edges a chain of command climbs: a unit answers to its commander and to what it is part of."""

CURRENT_LEADERSHIP = (NG.leaderOf, NG.politicalLeaderOf, NG.militaryLeaderOf)
"""Predicates saying an agent leads a group now."""

LEADERSHIP = (*CURRENT_LEADERSHIP, NG.formerLeaderOf)
"""Every leadership predicate, past leadership included."""

SUPER_PROPERTY = {NG.politicalLeaderOf: NG.leaderOf, NG.militaryLeaderOf: NG.leaderOf}
"""Sub-property -> super-property; a mapped fact asserts both, so a query for leaderOf finds it."""

SYMMETRIC = frozenset({NG.alliedWith})
"""Predicates that hold both ways (``owl:SymmetricProperty`` in the ontology)."""

RESPONSIBILITY = (NG.participatedIn, NG.claimedResponsibilityFor, NG.accusedOf)
"""Ways of being responsible for an attack; contradictions count them as one statement. The
first two are what the agent itself did (an accusation is someone else's)."""

PREFIXES: dict[str, Namespace] = {
    "ng": Namespace(str(NG._NS)),
    "id": ID,
    "rdf": Namespace(str(RDF)),
    "rdfs": Namespace(str(RDFS)),
    "skos": Namespace(str(SKOS)),
    "xsd": Namespace(str(XSD)),
    "prov": Namespace(str(PROV)),
    "owl": Namespace(str(OWL)),
    "schema": SCHEMA,
}
"""Prefixes every query may use without declaring them."""

FILE_PREFIXES = ("ng", "id", "prov", "skos", "xsd", "rdfs", "rdf")
"""Prefixes bound in every graph newsgraph writes, and used to shorten IRIs in query results."""


def bind_prefixes(g: Graph) -> None:
    """Bind :data:`FILE_PREFIXES` on a graph or dataset (replacing rdflib's defaults)."""
    for prefix in FILE_PREFIXES:
        g.bind(prefix, PREFIXES[prefix], override=True)


def slug(text: str) -> str:
    """IRI-safe, readable local name: ``"Kamil Orvath"`` → ``"kamil-orvath"``.

    A name with no Latin letter or digit left ("Иван Петров") gets a hash of the name, so two such
    names never share one local name.

    >>> slug("Armed Forces of Ukraine"), slug("César"), slug("Иван Петров") != slug("Олег Сидоров")
    ('armed-forces-of-ukraine', 'cesar', True)
    """
    readable = re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
    if readable:
        return readable
    return "x-" + hashlib.sha1(fold(text).encode("utf-8")).hexdigest()[:12]

