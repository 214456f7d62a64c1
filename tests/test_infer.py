"""Inference rules over the asserted graph, written with explanations to the inferred graph only."""

from __future__ import annotations

from decimal import Decimal

import pytest
from rdflib import Dataset, Literal, URIRef
from rdflib.compare import isomorphic, to_isomorphic

from newsgraph.infer import infer
from newsgraph.namespaces import ID, INFERRED_GRAPH, NG, RDF

PREFIXES = """
@prefix ng: <https://w3id.org/newsgraph/ontology#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix e: <https://w3id.org/newsgraph/id/> .
"""
ARTICLE = "<https://w3id.org/newsgraph/id/graph/article/a1>"


def dataset(body: str) -> Dataset:
    ds = Dataset()
    ds.parse(data=PREFIXES + ARTICLE + " {\n" + body + "\n}\n", format="trig")
    return ds


def inferred(ds: Dataset):
    return ds.graph(INFERRED_GRAPH)


def explanation(ds: Dataset, s: URIRef, p: URIRef, o: URIRef) -> URIRef:
    g = inferred(ds)
    nodes = [n for n in g.subjects(RDF.type, NG.Explanation)
             if (n, RDF.subject, s) in g and (n, RDF.predicate, p) in g and (n, RDF.object, o) in g]
    assert len(nodes) == 1, nodes
    return nodes[0]


def claim(name: str, s: str, p: str, o: str, stance: str = "Asserts") -> str:
    return (f"e:{name} a ng:Claim ; rdf:subject e:{s} ; rdf:predicate ng:{p} ; rdf:object e:{o} ; "
            f"ng:stance ng:{stance} .")


def test_founder_leads_when_no_other_leader_is_named():
    ds = dataset("e:nlf ng:foundedBy e:ivanov .\n" + claim("c1", "nlf", "foundedBy", "ivanov"))
    infer(ds)
    assert (ID.ivanov, NG.leaderOf, ID.nlf) in inferred(ds)
    node = explanation(ds, ID.ivanov, NG.leaderOf, ID.nlf)
    g = inferred(ds)
    assert g.value(node, NG.rule) == Literal("founder-leads")
    assert set(g.objects(node, NG.evidence)) == {ID.c1}


def test_founder_does_not_lead_when_another_leader_is_named():
    ds = dataset("e:nlf ng:foundedBy e:ivanov . e:petrov ng:leaderOf e:nlf .")
    infer(ds)
    assert (ID.ivanov, NG.leaderOf, ID.nlf) not in inferred(ds)


def test_claim_implies_participation():
    ds = dataset("e:nlf ng:claimedResponsibilityFor e:attack1 .\n"
                 + claim("c1", "nlf", "claimedResponsibilityFor", "attack1"))
    infer(ds)
    assert (ID.nlf, NG.participatedIn, ID.attack1) in inferred(ds)
    node = explanation(ds, ID.nlf, NG.participatedIn, ID.attack1)
    assert inferred(ds).value(node, NG.rule) == Literal("claim-implies-participation")
    assert set(inferred(ds).objects(node, NG.evidence)) == {ID.c1}


def test_attribution_has_score_rule_evidence_and_certainty():
    ds = dataset("e:nlf ng:claimedResponsibilityFor e:attack1 .\n"
                 + claim("c1", "nlf", "claimedResponsibilityFor", "attack1"))
    infer(ds)
    g = inferred(ds)
    assert (ID.attack1, NG.attributedTo, ID.nlf) in g
    node = explanation(ds, ID.attack1, NG.attributedTo, ID.nlf)
    assert str(g.value(node, NG.rule)).startswith("attribution:claimed")
    score = g.value(node, NG.score)
    assert score.datatype == URIRef("http://www.w3.org/2001/XMLSchema#decimal")
    assert Decimal("0.9") <= score.toPython() <= 1
    assert set(g.objects(node, NG.evidence)) == {ID.c1}
    assert g.value(node, NG.certainty) == NG.Attributed
    assert g.value(node, NG.disputed) == Literal(False)


def test_participation_alone_scores_lower_than_a_claim():
    ds = dataset("e:kb ng:participatedIn e:attack2 . e:nlf ng:claimedResponsibilityFor e:attack1 .")
    infer(ds)
    g = inferred(ds)
    participated = g.value(explanation(ds, ID.attack2, NG.attributedTo, ID.kb), NG.score).toPython()
    claimed = g.value(explanation(ds, ID.attack1, NG.attributedTo, ID.nlf), NG.score).toPython()
    assert participated == Decimal("0.800")
    assert participated < claimed


def test_member_participation_attributes_to_the_group():
    ds = dataset("e:fighter ng:memberOf e:kb . e:fighter ng:participatedIn e:attack2 .")
    infer(ds)
    g = inferred(ds)
    assert (ID.attack2, NG.attributedTo, ID.kb) in g
    node = explanation(ds, ID.attack2, NG.attributedTo, ID.kb)
    assert g.value(node, NG.rule) == Literal("attribution:member-participated")
    assert g.value(node, NG.score).toPython() < Decimal("0.8")


def test_attribution_disputed_when_a_source_denies():
    ds = dataset(
        "e:nlf ng:claimedResponsibilityFor e:attack1 .\n"
        + claim("c1", "nlf", "claimedResponsibilityFor", "attack1") + "\n"
        + claim("c2", "nlf", "participatedIn", "attack1", "Denies")
    )
    infer(ds)
    g = inferred(ds)
    node = explanation(ds, ID.attack1, NG.attributedTo, ID.nlf)
    assert g.value(node, NG.disputed) == Literal(True)
    assert ID.c2 not in set(g.objects(node, NG.evidence))  # a denial is not evidence for


def test_inferred_participation_disputed_when_a_source_denies_it():
    ds = dataset(
        "e:nlf ng:claimedResponsibilityFor e:attack1 .\n"
        + claim("c2", "nlf", "participatedIn", "attack1", "Denies")
    )
    infer(ds)
    node = explanation(ds, ID.nlf, NG.participatedIn, ID.attack1)
    assert inferred(ds).value(node, NG.disputed) == Literal(True)


def test_inferred_triples_land_only_in_the_inferred_graph():
    ds = dataset("e:nlf ng:foundedBy e:ivanov . e:nlf ng:claimedResponsibilityFor e:attack1 .")
    before = {(s, p, o, getattr(g, "identifier", g)) for s, p, o, g in ds.quads((None, None, None, None))}
    infer(ds)
    after = {(s, p, o, getattr(g, "identifier", g)) for s, p, o, g in ds.quads((None, None, None, None))}
    added = after - before
    assert added and before <= after
    assert {g for *_, g in added} == {INFERRED_GRAPH}


def test_infer_is_idempotent():
    ds = dataset("e:nlf ng:foundedBy e:ivanov . e:nlf ng:claimedResponsibilityFor e:attack1 .\n"
                 + claim("c1", "nlf", "claimedResponsibilityFor", "attack1"))
    infer(ds)
    first = to_isomorphic(inferred(ds))
    total = len(list(ds.quads((None, None, None, None))))
    infer(ds)
    assert isomorphic(first, inferred(ds))
    assert len(list(ds.quads((None, None, None, None)))) == total


def test_rerun_after_removing_a_fact_drops_the_stale_inference():
    ds = dataset("e:nlf ng:foundedBy e:ivanov . e:kb ng:claimedResponsibilityFor e:attack1 .")
    infer(ds)
    assert (ID.ivanov, NG.leaderOf, ID.nlf) in inferred(ds)
    ds.graph(URIRef(ARTICLE[1:-1])).remove((ID.nlf, NG.foundedBy, ID.ivanov))
    infer(ds)
    g = inferred(ds)
    assert (ID.ivanov, NG.leaderOf, ID.nlf) not in g
    assert not any((n, RDF.subject, ID.ivanov) in g for n in g.subjects(RDF.type, NG.Explanation))
    assert (ID.attack1, NG.attributedTo, ID.kb) in g


def test_nothing_to_infer_leaves_the_inferred_graph_empty():
    ds = dataset("e:ivanov ng:memberOf e:nlf .")
    assert infer(ds) == []
    assert len(inferred(ds)) == 0
