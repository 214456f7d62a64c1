"""The provenance of the drawn relations: the claims, explanations and disagreements their tooltips show."""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import Dataset, Literal, URIRef
from rdflib.term import Node

from newsgraph.entities import curie
from newsgraph.namespaces import NG, RDF
from newsgraph.provenance import read_claim, read_explanation, score_value
from newsgraph.render.model import (
    CLAIM,
    CONTRADICTION,
    DENIES,
    EXPLANATION,
    SUSPECTED_PERPETRATOR,
    AttackFacts,
    AttributionInfo,
    ClaimInfo,
    Disagreement,
    EdgeKey,
    ExplanationInfo,
    Model,
    Ontology,
    Relation,
    _article_title,
    _best_literal,
    _edge_key,
    _first,
    _triples,
)

# Provenance of the drawn relations


def attach_provenance(ds: Dataset, model: Model, relations: list[Relation],
                      ontology: Ontology) -> list[Relation]:
    """Find the Claims and Explanations behind the drawn relations and describe them.

    Claims and Explanations are reified (rdf:subject/predicate/object), so they are found from
    the drawn entities through the rdf:subject index. Returns the relations with sub-property
    duplicates folded (see ``_fold_super_properties``).
    """
    facts = {r.key: r for r in relations if not r.denied}
    # Targets too: a symmetric triple may be reified with either entity as rdf:subject.
    for node in sorted({n for r in facts.values() for n in (r.source, r.target)}, key=str):
        _collect_reifications(ds, model, node, facts, ontology)
    described: dict[Node, ClaimInfo] = {}
    for relation in relations:
        relation.claims = [_claim_info(ds, model, c, described)
                           for c in sorted(set(relation.claim_nodes), key=str)]
        relation.explanations = [_explanation_info(ds, model, x, described)
                                 for x in sorted(set(relation.explanation_nodes), key=str)]
    kept = _fold_super_properties(facts, ontology)
    return sorted([*kept, *(r for r in relations if r.denied)], key=Relation.sort_key)


def attach_disagreements(ds: Dataset, model: Model, entities: Iterable[URIRef]) -> None:
    """Give each entity the claims of the ng:Contradictions about it (``ng:about``/``ng:side``).

    A contradiction is provenance, not an entity: it is shown in the tooltip of what it is
    about rather than drawn as a node.
    """
    described: dict[Node, ClaimInfo] = {}
    for iri in entities:
        holders = sorted((h for h, _p, _o in _triples(ds, (None, NG.about, iri))
                          if CONTRADICTION in model.types.get(h, ())), key=str)
        model.entities[iri].disagreements = [
            Disagreement(
                summary=_best_literal(model.labels.get(holder, ())),
                sides=tuple(_claim_info(ds, model, claim, described) for claim in sorted(
                    (c for _h, _p, c in _triples(ds, (holder, NG.side, None))), key=str)))
            for holder in holders]


ATTACK_CLASS = "Attack"
ATTRIBUTIONS = (NG.attributedTo, SUSPECTED_PERPETRATOR)
"""What the inferred graph says about who did an attack: attributed first, then suspected."""


def attach_attack_facts(ds: Dataset, model: Model, entities: Iterable[URIRef]) -> None:
    """Give each drawn ng:Attack its date, place, casualties, attributions and sources.

    Attributions are the inferred ``ng:attributedTo`` / ``ng:suspectedPerpetrator`` triples
    with their ``ng:Explanation`` (rule, score, disputed), as ``queries/attributions.rq`` reads
    them; sources are the claims whose subject or object is the attack.
    """
    described: dict[Node, ClaimInfo] = {}
    for iri in entities:
        entity = model.entities[iri]
        if ATTACK_CLASS not in entity.classes:
            continue
        claims = sorted({c for p in (RDF.subject, RDF.object) for c, _p, _o in _triples(ds, (None, p, iri))
                         if CLAIM in model.types.get(c, ())}, key=str)
        denying = {c for c in claims if _first(ds, c, NG.stance) == DENIES}
        entity.attack = AttackFacts(
            dates=_texts(ds, iri, NG.occurredOn),
            places=tuple(sorted({_name(model, o) for _s, _p, o in _triples(ds, (iri, NG.occurredIn, None))})),
            killed=_texts(ds, iri, NG.killed),
            injured=_texts(ds, iri, NG.injured),
            attributions=_attributions(ds, model, iri, described),
            sources=_distinct(_claim_info(ds, model, c, described) for c in claims if c not in denying),
            denials=_distinct(_claim_info(ds, model, c, described) for c in claims if c in denying),
        )


def _texts(ds: Dataset, subject: URIRef, predicate: URIRef) -> tuple[str, ...]:
    """Distinct literal values, numbers in numeric order."""
    values = {o for _s, _p, o in _triples(ds, (subject, predicate, None)) if isinstance(o, Literal)}

    def order(value: Literal) -> tuple[float, str]:
        number = value.toPython()
        return (float(number) if isinstance(number, int | float) else 0.0, str(value))

    return tuple(dict.fromkeys(str(v) for v in sorted(values, key=order)))


def _distinct(claims: Iterable[ClaimInfo]) -> tuple[ClaimInfo, ...]:
    """One entry per sentence, article and source (many claims can quote one sentence)."""
    return tuple(sorted(set(claims), key=lambda c: (c.article, c.sentence, c.source)))


def _attributions(ds: Dataset, model: Model, attack: URIRef,
                  described: dict[Node, ClaimInfo]) -> tuple[AttributionInfo, ...]:
    explained: dict[tuple[Node, Node], list[Node]] = {}
    for attribution in ATTRIBUTIONS:
        for _s, _p, agent in _triples(ds, (attack, attribution, None)):
            explained.setdefault((attribution, agent), [])
    for holder, _p, _o in _triples(ds, (None, RDF.subject, attack)):
        if EXPLANATION not in model.types.get(holder, ()):
            continue
        said, whom = _first(ds, holder, RDF.predicate), _first(ds, holder, RDF.object)
        if said is not None and said in ATTRIBUTIONS and whom is not None:
            explained.setdefault((said, whom), []).append(holder)
    found = []
    for (predicate, agent), holders in explained.items():
        infos = [_explanation_info(ds, model, h, described) for h in sorted(set(holders), key=str)]
        explanations = tuple(sorted(infos, key=lambda x: (-_score(x), x.rule)))
        found.append(AttributionInfo(agent=_name(model, agent), suspected=predicate == SUSPECTED_PERPETRATOR,
                                     explanations=explanations))
    return tuple(sorted(found, key=lambda a: (a.suspected, -_best_score(a), a.agent)))


def _score(explanation: ExplanationInfo) -> float:
    return -1.0 if explanation.score == "?" else float(explanation.score)


def _best_score(attribution: AttributionInfo) -> float:
    return max((_score(x) for x in attribution.explanations), default=-1.0)


def _collect_reifications(ds: Dataset, model: Model, node: Node, facts: dict[EdgeKey, Relation],
                          ontology: Ontology) -> None:
    for holder, _p, _o in _triples(ds, (None, RDF.subject, node)):
        kinds = model.types.get(holder, set())
        is_claim, is_explanation = CLAIM in kinds, EXPLANATION in kinds
        if not (is_claim or is_explanation):
            continue
        if is_claim and _first(ds, holder, NG.stance) == DENIES:
            continue  # drawn as its own red edge
        predicate, obj = _first(ds, holder, RDF.predicate), _first(ds, holder, RDF.object)
        if predicate is None or obj is None:
            continue
        relation = facts.get(_edge_key(node, predicate, obj, ontology))
        if relation is not None:
            (relation.claim_nodes if is_claim else relation.explanation_nodes).append(holder)


def _claim_info(ds: Dataset, model: Model, claim: Node, described: dict[Node, ClaimInfo]) -> ClaimInfo:
    """Sentence, article title and the name of who said it (memoised: evidence repeats claims)."""
    if claim in described:
        return described[claim]
    parts = read_claim(lambda node, predicate: _first(ds, node, predicate), claim)
    article, source = parts.article, parts.source
    info = ClaimInfo(
        sentence=parts.sentence,
        article="" if article is None else _article_title(
            article, (o for _s, _p, o in _triples(ds, (article, NG.title, None))), model.labels),
        source="" if source is None else _name(model, source),
    )
    described[claim] = info
    return info


def _name(model: Model, node: Node) -> str:
    """Label of whoever a claim is according to: usually an entity, else any rdfs:label."""
    if node in model.entities:
        return model.entities[node].label  # type: ignore[index]
    return _best_literal(model.labels.get(node, ())) or curie(node)


def _explanation_info(ds: Dataset, model: Model, node: Node,
                      described: dict[Node, ClaimInfo]) -> ExplanationInfo:
    why = read_explanation(lambda n, predicate: _first(ds, n, predicate),
                           (o for _s, _p, o in _triples(ds, (node, NG.evidence, None))), node)
    score = score_value(why.score)
    return ExplanationInfo(
        rule=why.rule or "?",
        score="?" if score is None else f"{score:.3f}",
        disputed=why.disputed,
        suspected=why.suspected,
        evidence=tuple(_claim_info(ds, model, c, described)
                       for c in why.evidence if CLAIM in model.types.get(c, ())),
    )


def _fold_super_properties(facts: dict[EdgeKey, Relation], ontology: Ontology) -> list[Relation]:
    """Drop ``leaderOf`` where ``politicalLeaderOf`` joins the same pair, keeping its provenance.

    The mapping writes the super-property next to each sub-property so that queries find it;
    drawn, it would only double every such edge.
    """
    kept = dict(facts)
    for key in sorted(facts, key=lambda k: tuple(map(str, k))):
        s, p, o = key
        for sub in ontology.sub_properties.get(p, ()):
            target = kept.get(_edge_key(s, sub, o, ontology))
            if target is None:
                continue
            dropped = kept.pop(key)
            target.asserted |= dropped.asserted
            target.inferred |= dropped.inferred
            target.claims = target.claims + [c for c in dropped.claims if c not in target.claims]
            target.explanations = target.explanations + dropped.explanations
            break
    return list(kept.values())
