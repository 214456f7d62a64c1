"""RDF namespaces used by newsgraph.

``NG`` is a closed :class:`rdflib.namespace.DefinedNamespace` mirroring
``ontology/newsgraph.ttl``: looking up a term that the ontology does not
define (a misspelling such as ``leaderof``) raises :class:`AttributeError`.
tests/test_namespaces.py checks that ``NG`` and the ontology list exactly the
same terms, and that every NG attribute used under ``src/newsgraph`` exists.
"""

from __future__ import annotations

__all__ = [
    "NG",
    "ID",
    "NGSH",
    "GRAPH",
    "INFERRED_GRAPH",
    "ENTITIES_GRAPH",
    "article_graph",
    "PROV",
    "SKOS",
    "RDFS",
    "RDF",
    "XSD",
    "OWL",
    "SCHEMA",
    "asset_dir",
    "ontology_dir",
    "ontology_graph",
    "term_label",
]

import importlib.resources
from functools import lru_cache
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import (
    OWL,
    PROV,
    RDF,
    RDFS,
    SKOS,
    XSD,
    DefinedNamespace,
    Namespace,
)
from rdflib.term import Node

ID = Namespace("https://w3id.org/newsgraph/id/")
"""Instances (entities, claims, articles, explanations)."""

NGSH = Namespace("https://w3id.org/newsgraph/shapes#")
"""SHACL shapes in ``ontology/shapes.ttl``."""

GRAPH = Namespace("https://w3id.org/newsgraph/id/graph/")
"""Named graphs."""

INFERRED_GRAPH = URIRef(GRAPH["inferred"])
"""Named graph holding inferred triples and their explanations."""

ENTITIES_GRAPH = URIRef(GRAPH["entities"])
"""Named graph holding the one description of every entity: its type, ``rdfs:label`` and every
``skos:altLabel`` an article used. Article graphs link to the entities with ``ng:mentionedIn``."""

SCHEMA = Namespace("https://schema.org/")


def article_graph(article_id: str) -> URIRef:
    """Return the IRI of the named graph holding one article's facts and claims."""
    return URIRef(GRAPH[f"article/{article_id}"])


class NG(DefinedNamespace):
    """The newsgraph ontology, ``https://w3id.org/newsgraph/ontology#``."""

    _NS = Namespace("https://w3id.org/newsgraph/ontology#")
    _fail = True

    # --- Classes: agents -------------------------------------------------
    Agent: URIRef
    """A person or an organization."""
    Person: URIRef
    """A human being."""
    Organization: URIRef
    """A group of people with a collective identity and purpose."""
    ArmedGroup: URIRef
    """An organization whose defining activity is the use of armed force."""
    GovernmentBody: URIRef
    """An organization that is part of a state (government, ministry, agency, armed forces)."""
    NewsSource: URIRef
    """An organization that publishes or relays news."""

    # --- Classes: places -------------------------------------------------
    Place: URIRef
    """A geographic location."""
    Country: URIRef
    """A sovereign state or country, as a place."""

    # --- Classes: events and things --------------------------------------
    Event: URIRef
    """Something that happens at a place and time."""
    Attack: URIRef
    """A violent event in which an agent uses force against a target."""
    Weapon: URIRef
    """A weapon or weapon system."""

    # --- Classes: provenance, inference ----------------------------------
    Article: URIRef
    """A news article the graph was built from."""
    Claim: URIRef
    """A reified triple as stated in one sentence of one article."""
    Stance: URIRef
    """Whether a claim's source asserts or denies it (ng:Asserts, ng:Denies)."""
    Explanation: URIRef
    """Why an inferred triple holds: rule, score, evidence, certainty."""
    Contradiction: URIRef
    """Two or more claims that disagree."""
    Certainty: URIRef
    """How firmly an inferred fact is attributed (ng:Attributed, ng:Suspected)."""

    # --- Individuals -----------------------------------------------------
    Asserts: URIRef
    """Stance: the source states the triple holds."""
    Denies: URIRef
    """Stance: the source states the triple does not hold."""
    Attributed: URIRef
    """Certainty: the sources attribute the fact outright."""
    Suspected: URIRef
    """Certainty: the sources only suspect or allege it."""

    # --- Object properties: organizations and leadership -----------------
    foundedBy: URIRef
    """Organization -> agent that founded it."""
    leaderOf: URIRef
    """Agent -> agent or place it currently leads."""
    politicalLeaderOf: URIRef
    """Sub-property of leaderOf: political head."""
    militaryLeaderOf: URIRef
    """Sub-property of leaderOf: military commander."""
    formerLeaderOf: URIRef
    """Agent -> agent or place it led in the past (not a leaderOf)."""
    memberOf: URIRef
    """Agent -> organization it is a member of."""
    partOf: URIRef
    """Organization -> organization it is a structural part of."""

    # --- Object properties: relations between agents ---------------------
    alliedWith: URIRef
    """Agent <-> agent, symmetric alliance."""
    operatesUnderCommandOf: URIRef
    """Agent -> agent whose command it operates under."""
    supportedBy: URIRef
    """Agent -> agent that supports it."""
    designatedTerroristBy: URIRef
    """Agent -> agent or place (country) that designated it terrorist."""
    citizenOf: URIRef
    """Person -> country of citizenship."""
    hasWeapon: URIRef
    """Agent -> weapon it has or uses."""

    # --- Object properties: events ---------------------------------------
    participatedIn: URIRef
    """Agent -> event it took part in."""
    claimedResponsibilityFor: URIRef
    """Agent -> attack it claimed."""
    attributedTo: URIRef
    """Attack -> agent it is attributed to."""
    accusedOf: URIRef
    """Agent -> event another party accuses it of (the claim's accordingTo is the accuser)."""
    suspectedPerpetrator: URIRef
    """Attack -> agent only accused of it (inferred; not an attributedTo)."""
    targeted: URIRef
    """Attack -> agent or place it targeted."""
    occurredIn: URIRef
    """Event -> place where it happened."""
    locatedIn: URIRef
    """Place -> place containing it (transitive)."""

    # --- Object properties: claims and provenance ------------------------
    accordingTo: URIRef
    """Claim -> agent who makes the claim."""
    stance: URIRef
    """Claim -> ng:Asserts or ng:Denies."""
    mentionedIn: URIRef
    """Any entity -> article mentioning it."""
    publisher: URIRef
    """Article -> news source that published it."""

    # --- Object properties: explanations and contradictions --------------
    evidence: URIRef
    """Explanation -> claim used as evidence."""
    explains: URIRef
    """Explanation -> reified inferred triple (rdf:Statement) it explains."""
    certainty: URIRef
    """Explanation -> ng:Attributed or ng:Suspected."""
    side: URIRef
    """Contradiction -> one of its claims."""
    about: URIRef
    """Contradiction -> the entity it concerns."""

    # --- Datatype properties ---------------------------------------------
    foundedOn: URIRef
    """Organization -> xsd:date, xsd:gYearMonth or xsd:gYear."""
    occurredOn: URIRef
    """Event -> xsd:date, xsd:gYearMonth or xsd:gYear."""
    killed: URIRef
    """Event -> xsd:integer >= 0, people killed."""
    injured: URIRef
    """Event -> xsd:integer >= 0, people injured."""
    sentence: URIRef
    """Claim -> exact source sentence (xsd:string)."""
    startOffset: URIRef
    """Claim -> start of the sentence in the cleaned text (xsd:integer >= 0)."""
    endOffset: URIRef
    """Claim -> end (exclusive) of the sentence in the cleaned text (xsd:integer >= 0)."""
    publishedOn: URIRef
    """Article -> xsd:date of publication."""
    url: URIRef
    """Article -> xsd:anyURI it was fetched from."""
    title: URIRef
    """Article -> headline (xsd:string)."""
    contentHash: URIRef
    """Article -> SHA-256 hex digest of the cleaned text (xsd:string)."""
    rule: URIRef
    """Explanation -> name of the inference rule (xsd:string)."""
    score: URIRef
    """Explanation -> confidence, xsd:decimal in [0, 1]."""
    disputed: URIRef
    """Explanation -> xsd:boolean, true if contradicted or denied."""
    degree: URIRef
    """Any entity -> degree in the entity network (xsd:integer)."""
    betweenness: URIRef
    """Any entity -> betweenness centrality (xsd:decimal)."""
    pagerank: URIRef
    """Any entity -> PageRank (xsd:decimal)."""
    coalition: URIRef
    """Agent -> id of its coalition, a component of the alliance/command network (xsd:string)."""


# With ``from __future__ import annotations`` the annotations above are the
# string "URIRef"; rdflib's ``DefinedNamespace.as_jsonld_context`` expects the
# class itself, so resolve them.
NG.__annotations__ = {name: URIRef for name in NG.__annotations__}


def asset_dir(name: str) -> Path:
    """The folder of the shipped data files ``name`` (``ontology``, ``queries``).

    An installed wheel carries them in the package (``newsgraph/NAME``, force-included from the
    repository root); an editable install of a source checkout does not copy them, and reads
    the repository's own ``NAME/`` folder. Every shipped folder is found through this function.
    """
    packaged = Path(str(importlib.resources.files("newsgraph"))) / name
    return packaged if packaged.is_dir() else Path(__file__).resolve().parents[2] / name


def ontology_dir() -> Path:
    """Return the directory holding ``newsgraph.ttl`` and ``shapes.ttl``."""
    return asset_dir("ontology")


@lru_cache(maxsize=1)
def ontology_graph() -> Graph:
    """``ontology/newsgraph.ttl``, parsed once per process; callers must not change it."""
    return Graph().parse(ontology_dir() / "newsgraph.ttl", format="turtle")


@lru_cache(maxsize=1)
def _ontology_labels() -> dict[Node, str]:
    labels: dict[Node, str] = {}
    for term, label in sorted(ontology_graph().subject_objects(RDFS.label)):
        if isinstance(term, URIRef) and getattr(label, "language", None) in (None, "en"):
            labels.setdefault(term, str(label))
    return labels


def term_label(term: Node) -> str:
    """The ontology's English ``rdfs:label`` of a term (``ng:leaderOf`` → "leader of").

    >>> term_label(NG.claimedResponsibilityFor)
    'claimed responsibility for'
    """
    return _ontology_labels().get(term) or str(term).rsplit("#", 1)[-1].rsplit("/", 1)[-1]
