"""Refresh a store's inferred graph around what an article change touched, not everywhere.

Adding or removing an article changes the facts about a few entities (``touched``). Every rule
reads only :data:`~newsgraph.infer.RULE_PREDICATES` edges within two hops of the subject of what
it infers, or the subject's command component (see :mod:`newsgraph.infer`), so only inferences
whose subject lies within two such hops of a touched entity, or in its command component, can
change. Those are recomputed by the same rules on the neighbourhood that decides them, and the
inferred graph gets the difference. Contradictions are recomputed for the claims about touched
entities; degree for the entities whose links changed; coalitions for the components they are
in. All of that is exactly what inference over the whole store gives.

PageRank and betweenness are global: one new link moves every entity's score a little. They
are left as they are here and recomputed over the whole store when it has grown enough since
their last computation (see :class:`~newsgraph.corpus_store.CorpusStore`), so their cost is
spread over many additions.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import networkx as nx
from pyoxigraph import BlankNode, Literal as OxLiteral, NamedNode, Quad, Store
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from newsgraph.contradictions import find_contradictions
from newsgraph.infer import (AGENT_CLASSES, INFERRED_PREDICATES, RULE_PREDICATES, apply_rules,
                             write_contradiction, write_inference)
from newsgraph.namespaces import INFERRED_GRAPH, NG, RDF, RDFS, XSD
from newsgraph.network import COALITION_PREDICATES, COMMAND_PREDICATES, RELATION_PREDICATES, fact_network

__all__ = ["InferenceDiff", "scoped_inference", "CLAIM_PARTS", "to_rdflib"]

CLAIM_PARTS = (RDF.type, RDF.subject, RDF.predicate, RDF.object, NG.stance, NG.accordingTo)
INFERRED = NamedNode(str(INFERRED_GRAPH))


@dataclass
class InferenceDiff:
    """What to take out of and put into the inferred graph."""

    delete: list[Quad] = field(default_factory=list)
    insert: Graph = field(default_factory=Graph)
    inferences: int = 0
    contradictions: int = 0


def _ox(term: Node) -> NamedNode | OxLiteral | BlankNode:
    if isinstance(term, URIRef):
        return NamedNode(str(term))
    if isinstance(term, BNode):
        return BlankNode(str(term))
    assert isinstance(term, Literal)
    if term.language:
        return OxLiteral(str(term), language=term.language)
    return OxLiteral(str(term), datatype=NamedNode(str(term.datatype or XSD.string)))


def to_rdflib(term: NamedNode | OxLiteral | BlankNode) -> Node:
    if isinstance(term, NamedNode):
        return URIRef(term.value)
    if isinstance(term, BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


class View:
    """The asserted graphs as they will be after the change: the store's, except the dropped
    graphs and the inferred graph, and the new article graphs."""

    def __init__(self, store: Store, mapped: Dataset, dropped: Iterable[str]):
        self.store = store
        self.hidden = {NamedNode(g) for g in dropped} | {INFERRED}
        self.new = Graph()
        for graph in mapped.graphs():
            for triple in graph:
                self.new.add(triple)

    def triples(self, s: Node | None, p: Node | None, o: Node | None) -> Iterator[tuple[Node, Node, Node]]:
        """Matching triples (a triple stated in several graphs may come more than once)."""
        pattern = [None if t is None else _ox(t) for t in (s, p, o)]
        for quad in self.store.quads_for_pattern(*pattern):
            if quad.graph_name not in self.hidden:
                yield to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)
        yield from self.new.triples((s, p, o))

    def links(self, node: URIRef, predicates: Iterable[URIRef]) -> set[tuple[URIRef, URIRef, URIRef]]:
        """Entity-to-entity triples with ``node`` at either end."""
        found = set()
        for p in predicates:
            for triple in self.triples(node, p, None):
                if isinstance(triple[2], URIRef):
                    found.add(triple)
            for triple in self.triples(None, p, node):
                if isinstance(triple[0], URIRef):
                    found.add(triple)
        return found  # type: ignore[return-value]


def _inferred(store: Store, s: Node | None, p: Node | None, o: Node | None) -> list[Quad]:
    return list(store.quads_for_pattern(*(None if t is None else _ox(t) for t in (s, p, o)), INFERRED))


def touched_entities(store: Store, mapped: Dataset, dropped: Iterable[str]) -> set[URIRef]:
    """Entities whose facts or claims the change adds or takes away."""
    triples: list[tuple[Node, Node, Node]] = [t for g in mapped.graphs() for t in g]
    for graph in dropped:
        triples += [(to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object))
                    for q in store.quads_for_pattern(None, None, None, NamedNode(graph))]
    touched = set()
    for s, p, o in triples:
        if p in RELATION_PREDICATES:
            touched |= {t for t in (s, o) if isinstance(t, URIRef)}
        elif p in (RDF.subject, RDF.object) and isinstance(o, URIRef):
            touched.add(o)
    return touched


def _ball(view: View, start: set[URIRef], hops: int) -> set[URIRef]:
    reached, frontier = set(start), set(start)
    for _ in range(hops):
        following = set()
        for node in frontier:
            for s, _, o in view.links(node, RULE_PREDICATES):
                following |= {s, o}
        frontier = following - reached
        reached |= frontier
    return reached


def _component(view: View, start: set[URIRef], predicates: Iterable[URIRef]) -> set[URIRef]:
    predicates = tuple(predicates)
    reached, frontier = set(start), list(start)
    while frontier:
        node = frontier.pop()
        for s, _, o in view.links(node, predicates):
            for other in (s, o):
                if other not in reached:
                    reached.add(other)
                    frontier.append(other)
    return reached


def scoped_inference(store: Store, mapped: Dataset, dropped: Iterable[str]) -> InferenceDiff:
    """The change to the store's inferred graph when ``dropped`` article graphs are taken out and
    ``mapped``'s graphs come in (the store itself is only read)."""
    dropped = list(dropped)
    view = View(store, mapped, dropped)
    touched = touched_entities(store, mapped, dropped)
    scope = _ball(view, touched, 2) | _component(view, touched, COMMAND_PREDICATES)
    around = _ball(view, scope, 2) | _component(view, scope, COMMAND_PREDICATES)
    local = _local_graph(view, around)
    diff = InferenceDiff()

    # Rule inferences whose subject is in scope: out with the old, in with the new.
    old_edges: set[tuple[Node, Node, Node]] = set()
    for subject in scope:
        for p in INFERRED_PREDICATES:
            for quad in _inferred(store, subject, p, None):
                diff.delete.append(quad)
                old_edges.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))
        for quad in _inferred(store, None, RDF.subject, subject):
            diff.delete += _inferred(store, to_rdflib(quad.subject), None, None)
    facts = fact_network(local)
    inferences = [inf for inf in apply_rules(local, facts) if inf.subject in scope]
    for inf in inferences:
        write_inference(diff.insert, inf)
    new_edges = {(inf.subject, inf.predicate, inf.object) for inf in inferences}
    diff.inferences = len(inferences)

    # Contradictions among the claims about touched entities.
    for subject in touched:
        for claim in store.quads_for_pattern(None, _ox(RDF.subject), _ox(subject)):
            for side in _inferred(store, None, NG.side, to_rdflib(claim.subject)):
                diff.delete += _inferred(store, to_rdflib(side.subject), None, None)
    for contradiction in find_contradictions(local):
        if any(local.value(claim, RDF.subject) in touched for claim in contradiction.sides):
            write_contradiction(diff.insert, contradiction)
            diff.contradictions += 1

    kept_inferred = _kept_inferred_links(store, old_edges)
    _refresh_degrees(view, store, diff, touched | {t for e in old_edges | new_edges for t in (e[0], e[2])},
                     kept_inferred, new_edges)
    _refresh_coalitions(view, store, diff, touched | {t for e in old_edges ^ new_edges for t in (e[0], e[2])
                                                      if e[1] == NG.operatesUnderCommandOf},
                        kept_inferred, new_edges)
    diff.delete = sorted(set(diff.delete), key=str)
    return diff


def _local_graph(view: View, nodes: set[URIRef]) -> Graph:
    """Everything the rules and contradiction finder read about ``nodes``: their links, the
    claims about them, and the types and labels of everything those mention."""
    local = Graph()
    mentioned = set(nodes)
    for node in nodes:
        for triple in view.links(node, RELATION_PREDICATES):
            local.add(triple)
        for claim, _, _ in view.triples(None, RDF.subject, node):
            for part in CLAIM_PARTS:
                for triple in view.triples(claim, part, None):
                    local.add(triple)
                    if isinstance(triple[2], URIRef) and part in (RDF.object, NG.accordingTo):
                        mentioned.add(triple[2])
    for node in mentioned:
        for p in (RDF.type, RDFS.label):
            for triple in view.triples(node, p, None):
                local.add(triple)
    return local


def _kept_inferred_links(store: Store, replaced: set[tuple[Node, Node, Node]]):
    def links(node: URIRef, predicates: Iterable[URIRef]) -> set[tuple[Node, Node, Node]]:
        found = set()
        for p in predicates:
            for quad in _inferred(store, node, p, None) + _inferred(store, None, p, node):
                triple = (to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object))
                if triple not in replaced and isinstance(triple[0], URIRef) and isinstance(triple[2], URIRef):
                    found.add(triple)
        return found

    return links


def _all_links(view: View, kept_inferred, new_edges, node: URIRef, predicates) -> set[tuple[Node, Node, Node]]:
    predicates = tuple(predicates)
    return (view.links(node, predicates) | kept_inferred(node, predicates)
            | {e for e in new_edges if e[1] in predicates and node in (e[0], e[2])})


def _refresh_degrees(view: View, store: Store, diff: InferenceDiff, nodes: set[URIRef], kept_inferred,
                     new_edges) -> None:
    for node in nodes:
        links = _all_links(view, kept_inferred, new_edges, node, RELATION_PREDICATES)
        diff.delete += _inferred(store, node, NG.degree, None)
        if links:
            neighbours = {t for s, _, o in links for t in (s, o)} - {node}
            diff.insert.add((node, NG.degree, Literal(len(neighbours), datatype=XSD.integer)))
        else:  # no longer in the network at all
            diff.delete += _inferred(store, node, NG.pagerank, None) + _inferred(store, node, NG.betweenness, None)


def _refresh_coalitions(view: View, store: Store, diff: InferenceDiff, seeds: set[URIRef], kept_inferred,
                        new_edges) -> None:
    agents: dict[URIRef, bool] = {}

    def is_agent(node: URIRef) -> bool:
        if node not in agents:
            agents[node] = any(o in AGENT_CLASSES for _, _, o in view.triples(node, RDF.type, None))
        return agents[node]

    network = nx.Graph()
    reached, frontier = set(seeds), list(seeds)
    while frontier:
        node = frontier.pop()
        if not is_agent(node):
            continue
        for s, _, o in _all_links(view, kept_inferred, new_edges, node, COALITION_PREDICATES):
            if s != o and is_agent(s) and is_agent(o):
                network.add_edge(s, o)
                for other in (s, o):
                    if other not in reached:
                        reached.add(other)
                        frontier.append(other)
    for node in reached:
        diff.delete += _inferred(store, node, NG.coalition, None)
    for component in nx.connected_components(network):
        hub = min(component, key=lambda n: (-network.degree(n), str(n)))
        for node in component:
            diff.insert.add((node, NG.coalition, Literal("coalition/" + str(hub).rstrip("/").rsplit("/", 1)[-1])))
