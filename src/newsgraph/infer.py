"""Compute relationships over the asserted graph with networkx (the ``infer`` stage).

The union of the article graphs becomes a networkx multigraph (rdflib's own converter); small
rule functions read it and return inferred triples, each with an explanation: the rule, a score
in [0, 1], the Claims it rests on and whether another source disputes it. Everything inferred
goes to the named graph ``id/graph/inferred``, which is rebuilt from scratch on every run, so
inference is idempotent and never leaves stale output or touches an article's graph.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import networkx as nx
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.extras.external_graph_libs import rdflib_to_networkx_multidigraph

from newsgraph.namespaces import ID, INFERRED_GRAPH, NG, RDF, XSD

__all__ = ["Inference", "INFERENCE_RULES", "asserted_graph", "infer", "claims_index"]


@dataclass(frozen=True)
class Inference:
    """One inferred triple and why it holds."""

    subject: URIRef
    predicate: URIRef
    object: URIRef
    rule: str
    score: float
    evidence: tuple[URIRef, ...] = field(default=())
    certainty: URIRef = NG.Attributed
    disputed: bool = False


Facts = nx.MultiDiGraph
ClaimIndex = dict[tuple, list[URIRef]]
InferenceRule = Callable[[Facts, ClaimIndex], Iterator[Inference]]
INFERENCE_RULES: dict[str, InferenceRule] = {}


def inference_rule(name: str) -> Callable[[InferenceRule], InferenceRule]:
    def register(fn: InferenceRule) -> InferenceRule:
        INFERENCE_RULES[name] = fn
        return fn

    return register


def asserted_graph(ds: Dataset) -> Graph:
    """Plain triples of every graph except the inferred one."""
    g = Graph()
    for s, p, o, ctx in ds.quads((None, None, None, None)):
        if ctx is not None and getattr(ctx, "identifier", ctx) == INFERRED_GRAPH:
            continue
        g.add((s, p, o))
    return g


def claims_index(g: Graph) -> ClaimIndex:
    """(subject, predicate, object, stance) → the Claims that state it."""
    index: ClaimIndex = defaultdict(list)
    for claim in g.subjects(RDF.type, NG.Claim):
        key = (g.value(claim, RDF.subject), g.value(claim, RDF.predicate), g.value(claim, RDF.object),
               g.value(claim, NG.stance))
        index[key].append(claim)
    for claims in index.values():
        claims.sort()
    return index


def _facts(g: Graph) -> Facts:
    """Entity-to-entity facts as a networkx multigraph keyed by predicate."""
    fact_graph = Graph()
    for s, p, o in g:
        if isinstance(o, URIRef) and str(p).startswith(str(NG)) and p not in (NG.mentionedIn, NG.publisher):
            fact_graph.add((s, p, o))
    return rdflib_to_networkx_multidigraph(fact_graph)  # edge key = predicate


def _edges(facts: Facts, predicate: URIRef) -> Iterator[tuple[URIRef, URIRef]]:
    for s, o, key in sorted(facts.edges(keys=True)):
        if key == predicate:
            yield s, o


def _evidence(index: ClaimIndex, s: URIRef, p: URIRef, o: URIRef) -> tuple[URIRef, ...]:
    return tuple(index.get((s, p, o, NG.Asserts), []))


def _is_disputed(index: ClaimIndex, s: URIRef, p: URIRef, o: URIRef) -> bool:
    return bool(index.get((s, p, o, NG.Denies)))


@inference_rule("founder-leads")
def founder_leads(facts: Facts, index: ClaimIndex) -> Iterator[Inference]:
    """A founder leads the group unless the text names another leader."""
    for group, founder in _edges(facts, NG.foundedBy):
        others = [s for s, o in _edges(facts, NG.leaderOf) if o == group and s != founder]
        if not others:
            yield Inference(founder, NG.leaderOf, group, "founder-leads", 0.7,
                            _evidence(index, group, NG.foundedBy, founder))


@inference_rule("claim-implies-participation")
def claim_implies_participation(facts: Facts, index: ClaimIndex) -> Iterator[Inference]:
    """A group that claims an attack says it carried it out."""
    for group, attack in _edges(facts, NG.claimedResponsibilityFor):
        yield Inference(group, NG.participatedIn, attack, "claim-implies-participation", 0.8,
                        _evidence(index, group, NG.claimedResponsibilityFor, attack),
                        disputed=_is_disputed(index, group, NG.participatedIn, attack)
                        or _is_disputed(index, group, NG.claimedResponsibilityFor, attack))


# How much each kind of evidence supports "this agent did it" (GTD-style: a claim by the group
# outweighs an accusation by its enemy, which alone only makes the agent a suspect).
ATTRIBUTION_SCORES = {"claimed": 0.9, "participated": 0.8, "member-participated": 0.6}


@inference_rule("attribution")
def attribution(facts: Facts, index: ClaimIndex) -> Iterator[Inference]:
    """Attribute each attack to the agents that claimed it or took part in it."""
    support: dict[tuple[URIRef, URIRef], list[tuple[str, tuple[URIRef, ...]]]] = defaultdict(list)
    for group, attack in _edges(facts, NG.claimedResponsibilityFor):
        support[(attack, group)].append(("claimed", _evidence(index, group, NG.claimedResponsibilityFor, attack)))
    for agent, attack in _edges(facts, NG.participatedIn):
        stated = _evidence(index, agent, NG.participatedIn, attack)
        if not stated and facts.has_edge(agent, attack, key=NG.claimedResponsibilityFor):
            continue  # participation inferred from the claim itself is not a second line of evidence
        support[(attack, agent)].append(("participated", stated))
        for _member, group in ((m, g) for m, g in _edges(facts, NG.memberOf) if m == agent):
            support[(attack, group)].append(
                ("member-participated", _evidence(index, agent, NG.participatedIn, attack)
                 + _evidence(index, agent, NG.memberOf, group)))
    for (attack, agent), reasons in sorted(support.items()):
        kinds = sorted({k for k, _ in reasons}, key=lambda k: -ATTRIBUTION_SCORES[k])
        # Independent lines of evidence combine: 1 - Π(1 - score).
        miss = 1.0
        for kind in kinds:
            miss *= 1 - ATTRIBUTION_SCORES[kind]
        evidence = tuple(sorted({c for _, claims in reasons for c in claims}))
        disputed = _is_disputed(index, agent, NG.participatedIn, attack) or _is_disputed(
            index, agent, NG.claimedResponsibilityFor, attack)
        yield Inference(attack, NG.attributedTo, agent, "attribution:" + "+".join(kinds),
                        round(1 - miss, 3), evidence, NG.Attributed, disputed)


def infer(ds: Dataset) -> list[Inference]:
    """Run every rule over the asserted graph and replace the inferred named graph."""
    asserted = asserted_graph(ds)
    index = claims_index(asserted)
    facts = _facts(asserted)
    inferences: list[Inference] = []
    # Rules run in order; a rule sees what earlier rules inferred (participation feeds attribution).
    for fn in INFERENCE_RULES.values():
        for inf in fn(facts, index):
            already = facts.has_edge(inf.subject, inf.object, key=inf.predicate)
            inferences.append(inf)
            if not already:
                facts.add_edge(inf.subject, inf.object, key=inf.predicate)
    ds.remove_graph(ds.graph(INFERRED_GRAPH))
    g = ds.graph(INFERRED_GRAPH)
    for inf in inferences:
        _write(g, inf)
    return inferences


def _write(g: Graph, inf: Inference) -> None:
    g.add((inf.subject, inf.predicate, inf.object))
    digest = hashlib.sha256(f"{inf.subject}\x1f{inf.predicate}\x1f{inf.object}\x1f{inf.rule}".encode()).hexdigest()[:20]
    node = ID[f"explanation/{digest}"]
    g.add((node, RDF.type, NG.Explanation))
    g.add((node, RDF.subject, inf.subject))
    g.add((node, RDF.predicate, inf.predicate))
    g.add((node, RDF.object, inf.object))
    g.add((node, NG.rule, Literal(inf.rule)))
    g.add((node, NG.score, Literal(f"{inf.score:.3f}", datatype=XSD.decimal)))
    g.add((node, NG.certainty, inf.certainty))
    g.add((node, NG.disputed, Literal(inf.disputed)))
    for claim in inf.evidence:
        g.add((node, NG.evidence, claim))
