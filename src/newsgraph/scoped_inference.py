"""Refresh a store's inferred graph around what an article change touched, not everywhere.

Adding or removing an article adds or takes away some facts and claims (``touched``). Each rule
decides its inferences from a small, known part of the graph, so the inferences a change can
alter are known rule by rule (:class:`Scope`): leadership roles and claimed participation per
touched link; attribution per attack whose participants, claims, accusations or whose
participants' memberships were touched; founder-leads per group whose founders or leaders were
touched; command chains along a touched chain of command. Those are recomputed by the same rules
(:func:`newsgraph.infer.apply_rules`) on the part of the graph that decides them, and the
inferred graph gets the difference. Contradictions are recomputed for the disagreement groups of
changed claims, degree for the entities whose links changed, coalitions for the components
touched. The result is what inference over the whole store gives (tested step by step).

PageRank and betweenness are global: one new link moves every entity's score a little. They
are left as they are here and recomputed over the whole store when it has grown enough since
their last computation (see :class:`~newsgraph.corpus_store.CorpusStore`), so their cost is
spread over many additions.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import networkx as nx
from pyoxigraph import NamedNode, Quad, Store
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from newsgraph.contradictions import COUNTS, find_contradictions
from newsgraph.infer import AGENT_CLASSES, RULE_PREDICATES, apply_rules, write_contradiction, write_inference
from newsgraph.namespaces import INFERRED_GRAPH, NG, RDF, RDFS, XSD
from newsgraph.network import fact_network
from newsgraph.rdfio.terms import quads_matching, to_oxigraph, to_rdflib
from newsgraph.vocab import (
    COALITION_PREDICATES,
    COMMAND_PREDICATES,
    LEADERSHIP,
    RELATION_PREDICATES,
    RESPONSIBILITY,
)

__all__ = ["InferenceDiff", "scoped_inference", "CLAIM_PARTS"]

CLAIM_PARTS = (RDF.type, RDF.subject, RDF.predicate, RDF.object, NG.stance, NG.accordingTo)
INFERRED = NamedNode(str(INFERRED_GRAPH))


@dataclass
class InferenceDiff:
    """What to take out of and put into the inferred graph."""

    delete: list[Quad] = field(default_factory=list)
    insert: Graph = field(default_factory=Graph)
    inferences: int = 0
    contradictions: int = 0


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
        for quad in quads_matching(self.store, s, p, o):
            if quad.graph_name not in self.hidden:
                yield to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)
        yield from self.new.triples((s, p, o))

    def links(self, node: Node, predicates: Iterable[URIRef]) -> set[Fact]:
        """Entity-to-entity triples with ``node`` at either end."""
        found = set()
        for p in predicates:
            for triple in self.triples(node, p, None):
                if isinstance(triple[2], URIRef):
                    found.add(triple)
            for triple in self.triples(None, p, node):
                if isinstance(triple[0], URIRef):
                    found.add(triple)
        return found


def _inferred(store: Store, s: Node | None, p: Node | None, o: Node | None) -> list[Quad]:
    return list(quads_matching(store, s, p, o, INFERRED))


Fact = tuple[Node, Node, Node]
ClaimKey = tuple[Node | None, Node | None, Node | None]  # a claim's subject, predicate and object
BELONGING = (NG.memberOf, NG.partOf)


def touched_facts(store: Store, mapped: Dataset, dropped: Iterable[str]) -> tuple[set[Fact], set[ClaimKey]]:
    """(entity-to-entity facts, claim keys (subject, predicate, object)) the change adds or takes away."""
    triples: list[Fact] = [t for g in mapped.graphs() for t in g]
    for graph in dropped:
        triples += [(to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object))
                    for q in store.quads_for_pattern(None, None, None, NamedNode(graph))]
    local = Graph()
    for triple in triples:
        local.add(triple)
    facts: set[Fact] = {(s, p, o) for s, p, o in local if p in RELATION_PREDICATES
                        and isinstance(s, URIRef) and isinstance(o, URIRef)}
    claims = {(local.value(c, RDF.subject), local.value(c, RDF.predicate), local.value(c, RDF.object))
              for c in local.subjects(RDF.type, NG.Claim)}
    facts |= {(s, p, o) for s, p, o in claims
              if isinstance(s, URIRef) and p is not None and isinstance(o, URIRef)}
    return facts, claims


@dataclass
class Scope:
    """Which inferences a change can alter, rule by rule."""

    pairs: set[tuple[Node, Node]]  # leadership-roles and claim-implies-participation: per link
    attacks: set[Node]  # attribution: per attack
    groups: set[Node]  # founder-leads: per group
    command: set[Node]  # command-chain: per agent in a touched chain of command

    def covers(self, rule: str, s: Node, o: Node | None) -> bool:
        if rule in ("leadership-roles", "claim-implies-participation"):
            return (s, o) in self.pairs
        if rule == "founder-leads":
            return o in self.groups
        if rule == "command-chain":
            return s in self.command
        return rule.startswith("attribution") and s in self.attacks


def _scope(view: View, touched: set[Fact]) -> Scope:
    attacks = {o for _, p, o in touched if p in RESPONSIBILITY}
    attacks |= {s for s, p, _ in touched if p in (NG.attributedTo, NG.suspectedPerpetrator)}
    for agent in {s for s, p, _ in touched if p in BELONGING}:  # its attacks now count for its group
        attacks |= {o for p in RESPONSIBILITY[:2] for _, _, o in view.triples(agent, p, None)}
    groups = {o for _, p, o in touched if p in LEADERSHIP} | {s for s, p, _ in touched if p == NG.foundedBy}
    command = _component(view, {t for s, p, o in touched if p in COMMAND_PREDICATES for t in (s, o)},
                         COMMAND_PREDICATES)
    return Scope({(s, o) for s, _, o in touched}, attacks, groups, command)


def _rule_input(view: View, scope: Scope) -> Graph:
    """The facts and claims the rules read to decide the inferences in ``scope``."""
    links: set[Fact] = set()
    for s, o in scope.pairs:
        links |= {t for t in view.links(s, RULE_PREDICATES) if o in (t[0], t[2])}
    for attack in scope.attacks:
        for p in RESPONSIBILITY:
            for agent, _, _ in view.triples(None, p, attack):
                if isinstance(agent, URIRef):
                    links.add((agent, p, attack))
                    links |= {(agent, via, g)
                              for via in BELONGING for _, _, g in view.triples(agent, via, None)}
        links |= {(attack, p, o) for p in (NG.attributedTo, NG.suspectedPerpetrator)
                  for _, _, o in view.triples(attack, p, None)}
    for group in scope.groups:
        links |= view.links(group, (*LEADERSHIP, NG.foundedBy))
    for agent in scope.command:
        links |= view.links(agent, COMMAND_PREDICATES)
    local = Graph()
    for link in links:
        local.add(link)
    for s, o in {(s, o) for s, _, o in links}:
        for claim, _, _ in view.triples(None, RDF.subject, s):
            if any(True for _ in view.triples(claim, RDF.object, o)):
                _add_claim(view, local, claim)
    for target in scope.attacks | scope.groups:  # denials are claims only, never links
        for claim, _, _ in view.triples(None, RDF.object, target):
            _add_claim(view, local, claim)
    return local


def _add_claim(view: View, local: Graph, claim: Node) -> set[Node]:
    """Copy a claim's parts; returns the nodes it names (for their labels)."""
    named: set[Node] = set()
    for part in CLAIM_PARTS:
        for triple in view.triples(claim, part, None):
            local.add(triple)
            if isinstance(triple[2], URIRef) and part != RDF.type:
                named.add(triple[2])
    return named


def _claims_input(view: View, claim_keys: set[ClaimKey]) -> Graph:
    """Every claim in the same disagreement group as a changed claim: same subject and object
    (responsibility counts as one predicate), or same event and casualty predicate."""
    local = Graph()
    named = set()
    for subject in {s for s, _, _ in claim_keys if isinstance(s, URIRef)}:
        keys = {(p, o) for s, p, o in claim_keys if s == subject}
        for claim, _, _ in view.triples(None, RDF.subject, subject):
            p = next((t[2] for t in view.triples(claim, RDF.predicate, None)), None)
            o = next((t[2] for t in view.triples(claim, RDF.object, None)), None)
            if _same_group(p, o, keys):
                named |= _add_claim(view, local, claim) | {subject}
    for node in named:
        for triple in view.triples(node, RDFS.label, None):
            local.add(triple)
    return local


def _same_group(p: Node | None, o: Node | None, keys: set[tuple[Node | None, Node | None]]) -> bool:
    """Whether a claim (p, o) about a subject can disagree with one of ``keys`` about it."""
    return any(p == kp and (p in COUNTS or o == ko)
               or (p in RESPONSIBILITY and kp in RESPONSIBILITY and o == ko)
               for kp, ko in keys)


def _component(view: View, start: set[Node], predicates: Iterable[URIRef]) -> set[Node]:
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
    touched, claim_keys = touched_facts(store, mapped, dropped)
    scope = _scope(view, touched)
    diff = InferenceDiff()

    # Rule inferences in scope: out with their old explanations, in with the new ones.
    old_edges: set[Fact] = set()
    explained = {t for s, o in scope.pairs for t in (s, o)} | scope.attacks | scope.command \
        | {f for g in scope.groups for _, _, f in view.triples(g, NG.foundedBy, None)}
    for subject in explained:
        for node in _explanations(store, subject):
            parts = dict(_explanation_parts(store, node))
            if scope.covers(str(parts.get(NG.rule, "")), subject, parts.get(RDF.object)):
                diff.delete += _inferred(store, node, None, None)
                old_edges.add((subject, parts[RDF.predicate], parts[RDF.object]))
    local = _rule_input(view, scope)
    inferences = [inf for inf in apply_rules(local, fact_network(local))
                  if scope.covers(inf.rule, inf.subject, inf.object)]
    for inf in inferences:
        write_inference(diff.insert, inf)
    new_edges = {(inf.subject, inf.predicate, inf.object) for inf in inferences}
    deleted = set(diff.delete)
    removed_edges = set()
    for s, p, o in old_edges - new_edges:  # gone, unless another rule still explains it
        still = any(not set(_inferred(store, node, None, None)) & deleted
                    and dict(_explanation_parts(store, node)).get(RDF.predicate) == p
                    and dict(_explanation_parts(store, node)).get(RDF.object) == o
                    for node in _explanations(store, s))
        if not still:
            diff.delete += _inferred(store, s, p, o)
            removed_edges.add((s, p, o))
    diff.inferences = len(inferences)

    # Contradictions among the claims that disagree with a changed claim.
    for subject in {s for s, _, _ in claim_keys if isinstance(s, URIRef)}:
        keys = {(p, o) for s, p, o in claim_keys if s == subject}
        for quad in store.quads_for_pattern(None, to_oxigraph(RDF.subject), to_oxigraph(subject)):
            claim = quad.subject
            claim_p = next((to_rdflib(q.object)
                            for q in store.quads_for_pattern(claim, to_oxigraph(RDF.predicate), None)), None)
            claim_o = next((to_rdflib(q.object)
                            for q in store.quads_for_pattern(claim, to_oxigraph(RDF.object), None)), None)
            if _same_group(claim_p, claim_o, keys):
                for side in _inferred(store, None, NG.side, to_rdflib(claim)):
                    diff.delete += _inferred(store, to_rdflib(side.subject), None, None)
    for contradiction in find_contradictions(_claims_input(view, claim_keys)):
        write_contradiction(diff.insert, contradiction)
        diff.contradictions += 1

    changed = removed_edges | (new_edges - old_edges)
    kept_inferred = _kept_inferred_links(store, removed_edges)
    ends: set[Node] = {t for e in touched | changed for t in (e[0], e[2]) if isinstance(t, URIRef)}
    _refresh_degrees(view, store, diff, ends, kept_inferred, new_edges)
    _refresh_coalitions(view, store, diff, {t for s, p, o in touched | changed if p in COALITION_PREDICATES
                                            for t in (s, o)}, kept_inferred, new_edges)
    diff.delete = sorted(set(diff.delete), key=str)
    return diff


def _explanations(store: Store, subject: Node) -> list[Node]:
    return [to_rdflib(q.subject) for q in _inferred(store, None, RDF.subject, subject)
            if _inferred(store, to_rdflib(q.subject), RDF.type, NG.Explanation)]


def _explanation_parts(store: Store, node: Node) -> Iterator[tuple[Node, Node]]:
    for quad in _inferred(store, node, None, None):
        if quad.predicate.value != str(NG.evidence):
            yield to_rdflib(quad.predicate), to_rdflib(quad.object)


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


def _all_links(view: View, kept_inferred, new_edges, node: Node,
               predicates) -> set[tuple[Node, Node, Node]]:
    predicates = tuple(predicates)
    return (view.links(node, predicates) | kept_inferred(node, predicates)
            | {e for e in new_edges if e[1] in predicates and node in (e[0], e[2])})


def _refresh_degrees(view: View, store: Store, diff: InferenceDiff, nodes: set[Node], kept_inferred,
                     new_edges) -> None:
    for node in nodes:
        links = _all_links(view, kept_inferred, new_edges, node, RELATION_PREDICATES)
        diff.delete += _inferred(store, node, NG.degree, None)
        if links:
            neighbours = {t for s, _, o in links for t in (s, o)} - {node}
            diff.insert.add((node, NG.degree, Literal(len(neighbours), datatype=XSD.integer)))
        else:  # no longer in the network at all
            diff.delete += _inferred(store, node, NG.pagerank, None) \
                + _inferred(store, node, NG.betweenness, None)


def _refresh_coalitions(view: View, store: Store, diff: InferenceDiff, seeds: set[Node], kept_inferred,
                        new_edges) -> None:
    agents: dict[Node, bool] = {}

    def is_agent(node: Node) -> bool:
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
            name = "coalition/" + str(hub).rstrip("/").rsplit("/", 1)[-1]
            diff.insert.add((node, NG.coalition, Literal(name)))
