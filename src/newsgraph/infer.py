"""Compute relationships over the asserted graph with networkx (the ``infer`` stage).

The union of the article graphs becomes a networkx multigraph of entity-to-entity facts
(:mod:`newsgraph.network`); small rule functions read it and return inferred triples, each with
an explanation: the rule, a score in [0, 1], the Claims it rests on, its certainty and whether
another source disputes it. Network analysis adds each entity's degree, betweenness and PageRank
and each agent's coalition; :mod:`newsgraph.contradictions` records claims that disagree.
Everything goes to the named graph ``id/graph/inferred``, which is rebuilt from scratch on every
run, so inference is idempotent, never leaves stale output and never touches an article's graph.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDFS

from newsgraph.contradictions import Contradiction, claim_parts, find_contradictions
from newsgraph.namespaces import ID, INFERRED_GRAPH, NG, RDF, XSD
from newsgraph.network import Facts, Metrics, coalitions, edges, fact_network, key_actors
from newsgraph.vocab import CURRENT_LEADERSHIP

__all__ = ["Inference", "InferenceResult", "INFERENCE_RULES", "ATTRIBUTION_SCORES",
           "infer", "claims_index", "decimal_literal", "apply_rules", "agents_of", "write_inference",
           "write_metrics", "write_contradiction", "INFERRED_PREDICATES", "RULE_PREDICATES",
           "AGENT_CLASSES", "ensure_inferred"]


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


@dataclass
class InferenceResult:
    """Everything one inference run wrote to the inferred graph."""

    inferences: list[Inference]
    contradictions: list[Contradiction]
    coalitions: dict[URIRef, str]  # agent -> coalition id
    metrics: dict[URIRef, Metrics]
    graph: Graph | None = None  # the inferred graph written, where the caller wants it

    def __len__(self) -> int:
        return len(self.inferences)


ClaimIndex = dict[tuple, list[URIRef]]

INFERRED_PREDICATES = (NG.leaderOf, NG.participatedIn, NG.operatesUnderCommandOf, NG.attributedTo,
                       NG.suspectedPerpetrator)
"""Every predicate a rule may infer."""

RULE_PREDICATES = (NG.foundedBy, NG.leaderOf, NG.politicalLeaderOf, NG.militaryLeaderOf, NG.formerLeaderOf,
                   NG.memberOf, NG.partOf, NG.operatesUnderCommandOf, NG.participatedIn,
                   NG.claimedResponsibilityFor, NG.accusedOf)
"""Every predicate a rule reads. Each rule's inference depends on a small, known part of the
graph around it (its link, its attack, its group, its chain of command): what lets a store
refresh inference around a change instead of everywhere (:mod:`newsgraph.scoped_inference`)."""
InferenceRule = Callable[[Facts, ClaimIndex], Iterator[Inference]]
INFERENCE_RULES: dict[str, InferenceRule] = {}


def inference_rule(name: str) -> Callable[[InferenceRule], InferenceRule]:
    def register(fn: InferenceRule) -> InferenceRule:
        INFERENCE_RULES[name] = fn
        return fn

    return register


def claims_index(g: Graph, parts: dict[URIRef, tuple] | None = None) -> ClaimIndex:
    """(subject, predicate, object, stance) → the Claims that state it (``parts``: the graph's
    :func:`~newsgraph.contradictions.claim_parts`, when already read)."""
    index: ClaimIndex = defaultdict(list)
    for claim, (s, p, o, stance, _) in (claim_parts(g) if parts is None else parts).items():
        index[(s, p, o, stance)].append(claim)
    for claims in index.values():
        claims.sort()
    return index




def _evidence(index: ClaimIndex, s: URIRef, p: URIRef, o: URIRef) -> tuple[URIRef, ...]:
    return tuple(index.get((s, p, o, NG.Asserts), []))


def _is_disputed(index: ClaimIndex, s: URIRef, p: URIRef, o: URIRef) -> bool:
    return bool(index.get((s, p, o, NG.Denies)))




@inference_rule("leadership-roles")
def leadership_roles(facts: Facts, index: ClaimIndex) -> Iterator[Inference]:
    """A political or military leader (a commander) of a group is a leader of it."""
    for role in (NG.politicalLeaderOf, NG.militaryLeaderOf):
        for person, group in edges(facts, role):
            yield Inference(person, NG.leaderOf, group, "leadership-roles", 1.0,
                            _evidence(index, person, role, group),
                            disputed=_is_disputed(index, person, role, group))


@inference_rule("founder-leads")
def founder_leads(facts: Facts, index: ClaimIndex) -> Iterator[Inference]:
    """A founder leads the group unless the text names another leader, calls the founder a
    former leader, or a source denies the founder leads it."""
    leaders: dict[URIRef, set[URIRef]] = defaultdict(set)
    for p in CURRENT_LEADERSHIP:
        for s, o in edges(facts, p):
            leaders[o].add(s)
    for group, founder in edges(facts, NG.foundedBy):
        others = leaders[group] - {founder}
        former = facts.has_edge(founder, group, key=NG.formerLeaderOf)
        denied = any(_is_disputed(index, founder, p, group) for p in CURRENT_LEADERSHIP)
        if not others and not former and not denied:
            yield Inference(founder, NG.leaderOf, group, "founder-leads", 0.7,
                            _evidence(index, group, NG.foundedBy, founder))
            leaders[group].add(founder)  # infer() adds the edge: a second founder is not the leader


@inference_rule("claim-implies-participation")
def claim_implies_participation(facts: Facts, index: ClaimIndex) -> Iterator[Inference]:
    """A group that claims an attack says it carried it out."""
    for group, attack in edges(facts, NG.claimedResponsibilityFor):
        yield Inference(group, NG.participatedIn, attack, "claim-implies-participation", 0.8,
                        _evidence(index, group, NG.claimedResponsibilityFor, attack),
                        disputed=_is_disputed(index, group, NG.participatedIn, attack)
                        or _is_disputed(index, group, NG.claimedResponsibilityFor, attack))


COMMAND_STEP = {NG.operatesUnderCommandOf: 0.9, NG.partOf: 0.9}


@inference_rule("command-chain")
def command_chain(facts: Facts, index: ClaimIndex) -> Iterator[Inference]:
    """A unit operates under the command of everything above it: its commander's commander and
    what its commander is part of, or the commander of the formation it is part of. Each step
    away lowers the score; the evidence is every claim along the shortest chain."""
    up: dict[URIRef, list[tuple[URIRef, URIRef]]] = defaultdict(list)
    for p in COMMAND_STEP:
        for s, o in edges(facts, p):
            if s != o:
                up[s].append((p, o))
    for agent in sorted(up):
        # Breadth-first up the chain: the first path found to each superior is the shortest.
        paths: dict[URIRef, list[tuple[URIRef, URIRef, URIRef]]] = {agent: []}
        frontier = [agent]
        while frontier:
            following = []
            for node in frontier:
                for p, o in sorted(up.get(node, ())):
                    if o not in paths:
                        paths[o] = paths[node] + [(node, p, o)]
                        following.append(o)
            frontier = following
        for superior, path in sorted(paths.items()):
            if len(path) < 2 or not any(p == NG.operatesUnderCommandOf for _, p, _ in path):
                continue  # direct links are asserted; part-of chains alone are not command
            score = 1.0
            for _, p, _ in path:
                score *= COMMAND_STEP[p]
            evidence = tuple(c for s, p, o in path for c in _evidence(index, s, p, o))
            disputed = any(_is_disputed(index, s, p, o) for s, p, o in path)
            yield Inference(agent, NG.operatesUnderCommandOf, superior, "command-chain", round(score, 3),
                            evidence, disputed=disputed)


# How much each kind of evidence supports "this agent did it" (GTD-style: a claim by the group
# outweighs an accusation by its enemy, which alone only makes the agent a suspect).
ATTRIBUTION_SCORES = {"claimed": 0.9, "participated": 0.8, "unit-participated": 0.7,
                      "member-participated": 0.6, "accused": 0.4}
SUSPICION_ONLY = frozenset({"accused"})


@inference_rule("attribution")
def attribution(facts: Facts, index: ClaimIndex) -> Iterator[Inference]:
    """Attribute each attack to the agents that claimed it or took part in it, or whose members
    or units took part; an agent only accused by others becomes a suspected perpetrator."""
    support: dict[tuple[URIRef, URIRef], list[tuple[str, tuple[URIRef, ...]]]] = defaultdict(list)
    for group, attack in edges(facts, NG.claimedResponsibilityFor):
        claims = _evidence(index, group, NG.claimedResponsibilityFor, attack)
        support[(attack, group)].append(("claimed", claims))
    for agent, attack in edges(facts, NG.accusedOf):
        support[(attack, agent)].append(("accused", _evidence(index, agent, NG.accusedOf, attack)))
    belongs: dict[tuple[URIRef, URIRef], list[URIRef]] = defaultdict(list)  # (via, agent) -> groups
    for via in (NG.memberOf, NG.partOf):
        for s, o in edges(facts, via):
            belongs[(via, s)].append(o)
    for agent, attack in edges(facts, NG.participatedIn):
        stated = _evidence(index, agent, NG.participatedIn, attack)
        if not stated and facts.has_edge(agent, attack, key=NG.claimedResponsibilityFor):
            continue  # participation inferred from the claim itself is not a second line of evidence
        support[(attack, agent)].append(("participated", stated))
        for via, kind in ((NG.memberOf, "member-participated"), (NG.partOf, "unit-participated")):
            for group in belongs.get((via, agent), ()):
                support[(attack, group)].append((kind, stated + _evidence(index, agent, via, group)))
    for (attack, agent), reasons in sorted(support.items()):
        kinds = sorted({k for k, _ in reasons}, key=lambda k: (-ATTRIBUTION_SCORES[k], k))
        # Independent lines of evidence combine: 1 - Π(1 - score).
        miss = 1.0
        for kind in kinds:
            miss *= 1 - ATTRIBUTION_SCORES[kind]
        evidence = tuple(sorted({c for _, claims in reasons for c in claims}))
        disputed = any(_is_disputed(index, agent, p, attack)
                       for p in (NG.participatedIn, NG.claimedResponsibilityFor, NG.accusedOf))
        suspected = set(kinds) <= SUSPICION_ONLY
        yield Inference(attack, NG.suspectedPerpetrator if suspected else NG.attributedTo, agent,
                        "attribution:" + "+".join(kinds), round(1 - miss, 3), evidence,
                        NG.Suspected if suspected else NG.Attributed, disputed)


def infer(ds: Dataset) -> InferenceResult:
    """Run every rule and analysis over the asserted graph and replace the inferred named graph."""
    ds.remove_graph(ds.graph(INFERRED_GRAPH))
    # Without the inferred graph the union of the dataset's graphs is what is asserted: read it
    # through a view of the same store instead of copying every triple.
    asserted = Dataset(store=ds.store, default_union=True)
    facts = fact_network(asserted)
    parts = claim_parts(asserted)
    inferences = apply_rules(asserted, facts, parts)
    metrics = key_actors(facts)
    coalition_ids = coalitions(facts, agents_of(asserted, facts))
    contradictions = find_contradictions(asserted, parts)

    g = ds.graph(INFERRED_GRAPH)
    for inf in inferences:
        write_inference(g, inf)
    for node, m in metrics.items():
        write_metrics(g, node, m)
    for agent, coalition in coalition_ids.items():
        g.add((agent, NG.coalition, Literal(coalition)))
    for contradiction in contradictions:
        write_contradiction(g, contradiction)
    return InferenceResult(inferences, contradictions, coalition_ids, metrics)


def apply_rules(asserted: Graph, facts: Facts, parts: dict[URIRef, tuple] | None = None) -> list[Inference]:
    """Every rule's inferences that are not already asserted; ``facts`` gains their edges.

    Rules run in order; a rule sees what earlier rules inferred (participation feeds attribution).
    """
    index = claims_index(asserted, parts)
    inferences: list[Inference] = []
    for fn in INFERENCE_RULES.values():
        for inf in fn(facts, index):
            if (inf.subject, inf.predicate, inf.object) in asserted:
                continue  # already stated: nothing new to explain
            inferences.append(inf)
            if not facts.has_edge(inf.subject, inf.object, key=inf.predicate):
                facts.add_edge(inf.subject, inf.object, key=inf.predicate)
    return inferences


def write_metrics(g: Graph, node: URIRef, m: Metrics) -> None:
    g.add((node, NG.degree, Literal(m.degree, datatype=XSD.integer)))
    g.add((node, NG.betweenness, decimal_literal(m.betweenness)))
    g.add((node, NG.pagerank, decimal_literal(m.pagerank)))


AGENT_CLASSES = (NG.Agent, NG.Person, NG.Organization, NG.ArmedGroup, NG.GovernmentBody, NG.NewsSource,
                 NG.Country)


def agents_of(g: Graph, facts: Facts) -> set[URIRef]:
    """Nodes that can be in a coalition: typed agents (countries act as states), or, in a graph
    without types, anything that is not an event or a place."""
    typed = {s for c in AGENT_CLASSES for s in g.subjects(RDF.type, c)}
    untyped_places = {o for p in (NG.occurredIn, NG.locatedIn) for _, o in edges(facts, p)}
    events = {s for p in (NG.occurredIn, NG.attributedTo, NG.targeted) for s, _ in edges(facts, p)}
    others = {n for n in facts.nodes if (n, RDF.type, None) not in g} - untyped_places - events
    return {n for n in typed | others if isinstance(n, URIRef)}


def decimal_literal(value: float, digits: int = 6) -> Literal:
    """An xsd:decimal in canonical form (no exponent, no trailing zeros), which rdflib and
    Oxigraph both keep as written, so a graph round-trips through any store unchanged.

    >>> str(decimal_literal(0.9)), str(decimal_literal(1.234567e-05)), str(decimal_literal(0.0))
    ('0.9', '0.0000123457', '0')
    """
    text = format(Decimal(f"{value:.{digits}g}"), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return Literal("0" if text == "-0" else text, datatype=XSD.decimal)


def _node(kind: str, *parts: object) -> URIRef:
    digest = hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()[:20]
    return ID[f"{kind}/{digest}"]


def write_inference(g: Graph, inf: Inference) -> None:
    g.add((inf.subject, inf.predicate, inf.object))
    node = _node("explanation", inf.subject, inf.predicate, inf.object, inf.rule)
    g.add((node, RDF.type, NG.Explanation))
    g.add((node, RDF.subject, inf.subject))
    g.add((node, RDF.predicate, inf.predicate))
    g.add((node, RDF.object, inf.object))
    g.add((node, NG.rule, Literal(inf.rule)))
    g.add((node, NG.score, decimal_literal(inf.score)))
    g.add((node, NG.certainty, inf.certainty))
    g.add((node, NG.disputed, Literal(inf.disputed)))
    for claim in inf.evidence:
        g.add((node, NG.evidence, claim))


def write_contradiction(g: Graph, c: Contradiction) -> None:
    node = _node("contradiction", c.kind, *c.sides)
    g.add((node, RDF.type, NG.Contradiction))
    g.add((node, NG.about, c.about))
    g.add((node, RDFS.label, Literal(c.description, lang="en")))
    for claim in c.sides:
        g.add((node, NG.side, claim))


def ensure_inferred(ds: Dataset) -> Dataset:
    """``ds`` with its inferred graph: computed here if the graph file had none (a file written
    by another tool, or exported without it), left as it is otherwise."""
    if not len(ds.graph(INFERRED_GRAPH)):
        infer(ds)
    return ds
