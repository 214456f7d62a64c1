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


def test_nothing_to_infer_adds_only_network_measures():
    ds = dataset("e:ivanov ng:memberOf e:nlf .")
    result = infer(ds)
    assert result.inferences == [] and result.contradictions == []
    g = inferred(ds)
    assert not set(g.subjects(RDF.type, NG.Explanation))
    assert {p for _, p, _ in g} == {NG.degree, NG.betweenness, NG.pagerank}


# --- leadership -----------------------------------------------------------------


def test_military_and_political_leaders_lead():
    ds = dataset("e:orlov ng:militaryLeaderOf e:nlf . e:sava ng:politicalLeaderOf e:nlf .\n"
                 + claim("c1", "orlov", "militaryLeaderOf", "nlf"))
    infer(ds)
    g = inferred(ds)
    assert (ID.orlov, NG.leaderOf, ID.nlf) in g and (ID.sava, NG.leaderOf, ID.nlf) in g
    node = explanation(ds, ID.orlov, NG.leaderOf, ID.nlf)
    assert g.value(node, NG.rule) == Literal("leadership-roles")
    assert set(g.objects(node, NG.evidence)) == {ID.c1}


def test_a_founder_called_a_former_leader_does_not_lead():
    ds = dataset("e:nlf ng:foundedBy e:ivanov . e:ivanov ng:formerLeaderOf e:nlf .")
    infer(ds)
    assert (ID.ivanov, NG.leaderOf, ID.nlf) not in inferred(ds)


def test_a_founder_whose_leadership_is_denied_does_not_lead():
    ds = dataset("e:nlf ng:foundedBy e:ivanov .\n" + claim("c1", "ivanov", "leaderOf", "nlf", "Denies"))
    infer(ds)
    assert (ID.ivanov, NG.leaderOf, ID.nlf) not in inferred(ds)


def test_asserted_facts_are_not_inferred_again():
    ds = dataset("e:nlf ng:foundedBy e:ivanov . e:ivanov ng:leaderOf e:nlf .")
    result = infer(ds)
    assert not [i for i in result.inferences if i.predicate == NG.leaderOf]


# --- chain of command -------------------------------------------------------------


def test_command_chain_reaches_the_commander_of_the_formation():
    ds = dataset("e:company ng:partOf e:brigade . e:brigade ng:operatesUnderCommandOf e:army .\n"
                 "e:army ng:partOf e:ministry .\n"
                 + claim("c1", "company", "partOf", "brigade") + "\n"
                 + claim("c2", "brigade", "operatesUnderCommandOf", "army"))
    infer(ds)
    g = inferred(ds)
    assert (ID.company, NG.operatesUnderCommandOf, ID.army) in g
    assert (ID.company, NG.operatesUnderCommandOf, ID.ministry) in g
    assert (ID.brigade, NG.operatesUnderCommandOf, ID.ministry) in g
    near = explanation(ds, ID.company, NG.operatesUnderCommandOf, ID.army)
    far = explanation(ds, ID.company, NG.operatesUnderCommandOf, ID.ministry)
    assert set(g.objects(near, NG.evidence)) == {ID.c1, ID.c2}
    assert g.value(far, NG.score).toPython() < g.value(near, NG.score).toPython() < 1


def test_part_of_chains_alone_are_not_command_and_cycles_end():
    ds = dataset("e:cell ng:partOf e:front . e:front ng:partOf e:movement .\n"
                 "e:a ng:operatesUnderCommandOf e:b . e:b ng:operatesUnderCommandOf e:a .")
    infer(ds)
    g = inferred(ds)
    assert not set(g.triples((ID.cell, NG.operatesUnderCommandOf, None)))
    assert (ID.a, NG.operatesUnderCommandOf, ID.a) not in g


def test_chain_of_command_of_a_person_starts_at_their_group():
    from newsgraph.network import chain_of_command, fact_network

    ds = dataset("e:orlov ng:leaderOf e:brigade . e:brigade ng:operatesUnderCommandOf e:army .\n"
                 "e:army ng:partOf e:ministry .")
    hops = chain_of_command(fact_network(ds.graph(URIRef(ARTICLE[1:-1]))), ID.orlov)
    assert hops == [(ID.orlov, NG.leaderOf, ID.brigade), (ID.brigade, NG.operatesUnderCommandOf, ID.army),
                    (ID.army, NG.partOf, ID.ministry)]


# --- attribution ------------------------------------------------------------------


def test_an_accusation_alone_makes_a_suspect_not_a_perpetrator():
    ds = dataset("e:kb ng:accusedOf e:attack1 .\n" + claim("c1", "kb", "accusedOf", "attack1"))
    infer(ds)
    g = inferred(ds)
    assert (ID.attack1, NG.attributedTo, ID.kb) not in g
    assert (ID.attack1, NG.suspectedPerpetrator, ID.kb) in g
    node = explanation(ds, ID.attack1, NG.suspectedPerpetrator, ID.kb)
    assert g.value(node, NG.certainty) == NG.Suspected
    assert g.value(node, NG.rule) == Literal("attribution:accused")
    assert set(g.objects(node, NG.evidence)) == {ID.c1}


def test_a_claim_outweighs_an_accusation_and_both_combine():
    ds = dataset("e:nlf ng:claimedResponsibilityFor e:attack1 . e:kb ng:accusedOf e:attack1 .\n"
                 "e:nlf ng:accusedOf e:attack2 . e:nlf ng:participatedIn e:attack2 .")
    infer(ds)
    g = inferred(ds)
    claimed = g.value(explanation(ds, ID.attack1, NG.attributedTo, ID.nlf), NG.score).toPython()
    accused = g.value(explanation(ds, ID.attack1, NG.suspectedPerpetrator, ID.kb), NG.score).toPython()
    both = explanation(ds, ID.attack2, NG.attributedTo, ID.nlf)
    assert claimed > accused
    assert g.value(both, NG.certainty) == NG.Attributed
    assert g.value(both, NG.score).toPython() > Decimal("0.8")
    assert g.value(both, NG.rule) == Literal("attribution:participated+accused")


def test_a_denied_accusation_is_disputed():
    ds = dataset("e:kb ng:accusedOf e:attack1 .\n" + claim("c1", "kb", "accusedOf", "attack1") + "\n"
                 + claim("c2", "kb", "participatedIn", "attack1", "Denies"))
    infer(ds)
    node = explanation(ds, ID.attack1, NG.suspectedPerpetrator, ID.kb)
    assert inferred(ds).value(node, NG.disputed) == Literal(True)


def test_unit_participation_attributes_to_the_parent_group():
    ds = dataset("e:brigade ng:partOf e:front . e:brigade ng:participatedIn e:attack1 .")
    infer(ds)
    g = inferred(ds)
    assert (ID.attack1, NG.attributedTo, ID.front) in g
    node = explanation(ds, ID.attack1, NG.attributedTo, ID.front)
    assert g.value(node, NG.rule) == Literal("attribution:unit-participated")


# --- contradictions ---------------------------------------------------------------


def contradictions(ds: Dataset) -> dict[URIRef, set[URIRef]]:
    g = inferred(ds)
    return {g.value(c, NG.about): set(g.objects(c, NG.side)) for c in g.subjects(RDF.type, NG.Contradiction)}


def test_an_accusation_and_a_denial_contradict():
    ds = dataset(claim("c1", "kb", "accusedOf", "attack1") + " e:c1 ng:accordingTo e:army .\n"
                 + claim("c2", "kb", "participatedIn", "attack1", "Denies") + " e:c2 ng:accordingTo e:kb .")
    result = infer(ds)
    assert contradictions(ds) == {ID.attack1: {ID.c1, ID.c2}}
    assert result.contradictions[0].kind == "denial"
    assert "army says kb accused of attack1" in result.contradictions[0].description


def test_asserted_and_denied_count_contradict_about_the_event():
    ds = dataset("e:c1 a ng:Claim ; rdf:subject e:attack1 ; rdf:predicate ng:killed ; rdf:object 70 ; "
                 "ng:stance ng:Asserts ; ng:accordingTo e:ministry .\n"
                 "e:c2 a ng:Claim ; rdf:subject e:attack1 ; rdf:predicate ng:killed ; rdf:object 70 ; "
                 "ng:stance ng:Denies ; ng:accordingTo e:kb .")
    infer(ds)
    assert contradictions(ds) == {ID.attack1: {ID.c1, ID.c2}}


def count_claim(name: str, value: int, source: str) -> str:
    return (f"e:{name} a ng:Claim ; rdf:subject e:attack1 ; rdf:predicate ng:killed ; rdf:object {value} ; "
            f"ng:stance ng:Asserts ; ng:accordingTo e:{source} .")


def test_different_counts_from_two_sources_contradict():
    ds = dataset(count_claim("c1", 6, "army") + "\n" + count_claim("c2", 40, "kb") + "\n"
                 + count_claim("c3", 6, "army"))
    result = infer(ds)
    assert contradictions(ds) == {ID.attack1: {ID.c1, ID.c2, ID.c3}}
    assert result.contradictions[0].kind == "count"


def test_one_source_revising_its_count_is_not_a_contradiction():
    ds = dataset(count_claim("c1", 6, "army") + "\n" + count_claim("c2", 9, "army"))
    assert infer(ds).contradictions == []


# --- key actors and coalitions ----------------------------------------------------------


def test_the_hub_is_the_key_actor():
    ds = dataset("e:a ng:memberOf e:hub . e:b ng:memberOf e:hub . e:c ng:memberOf e:hub . e:hub ng:alliedWith e:d .")
    result = infer(ds)
    g = inferred(ds)
    assert g.value(ID.hub, NG.degree) == Literal(4, datatype=URIRef("http://www.w3.org/2001/XMLSchema#integer"))
    pageranks = {n: g.value(n, NG.pagerank).toPython() for n in (ID.a, ID.hub, ID.d)}
    assert max(pageranks, key=pageranks.get) == ID.hub
    assert result.metrics[ID.hub].betweenness == 1.0 and result.metrics[ID.a].betweenness == 0.0
    assert sum(m.pagerank for m in result.metrics.values()) == pytest.approx(1.0)


def test_alliance_and_command_form_one_coalition_without_places():
    ds = dataset("e:legion ng:alliedWith e:corps . e:legion ng:operatesUnderCommandOf e:army .\n"
                 "e:corps ng:participatedIn e:attack1 . e:attack1 ng:occurredIn e:town .\n"
                 "e:front ng:supportedBy e:state .")
    result = infer(ds)
    g = inferred(ds)
    ids = {n: g.value(n, NG.coalition) for n in (ID.legion, ID.corps, ID.army, ID.front, ID.state)}
    assert ids[ID.legion] == ids[ID.corps] == ids[ID.army] == Literal("coalition/legion")
    assert ids[ID.front] == ids[ID.state] != ids[ID.army]
    assert g.value(ID.town, NG.coalition) is None and g.value(ID.attack1, NG.coalition) is None
    assert set(result.coalitions) == {ID.legion, ID.corps, ID.army, ID.front, ID.state}


def test_sampled_betweenness_is_close_to_the_exact_value():
    # Above BETWEENNESS_SAMPLE nodes betweenness is estimated from a seeded sample of sources:
    # the same every run, and near the exact value where it matters (the hubs).
    import networkx as nx

    from newsgraph.network import betweenness_centrality

    graph = nx.barabasi_albert_graph(600, 2, seed=3)
    exact = nx.betweenness_centrality(graph)
    sampled = betweenness_centrality(graph, sample=300)
    assert sampled == betweenness_centrality(graph, sample=300)
    hubs = sorted(exact, key=exact.get, reverse=True)[:5]
    assert all(abs(sampled[n] - exact[n]) < 0.25 * exact[n] for n in hubs)
    assert betweenness_centrality(graph, sample=600) == pytest.approx([exact[n] for n in range(600)])


def sentence_count_claim(name: str, value: int, source: str, sentence: str) -> str:
    return count_claim(name, value, source).rstrip(" .") + f' ; ng:sentence "{sentence}" .'


def test_counts_of_different_victim_groups_are_not_a_contradiction():
    ds = dataset(sentence_count_claim("c1", 3, "ministry", "The raid on Ostrava Dol killed three soldiers.")
                 + "\n" + sentence_count_claim("c2", 40, "army", "The army said 40 militants were killed."))
    assert infer(ds).contradictions == []


def test_counts_of_the_same_victim_group_contradict_and_say_whom_they_count():
    ds = dataset(sentence_count_claim("c1", 3, "ministry", "The raid on Ostrava Dol killed three soldiers.")
                 + "\n" + sentence_count_claim("c2", 5, "kb", "Five Dravik troops died in the raid."))
    result = infer(ds)
    assert contradictions(ds) == {ID.attack1: {ID.c1, ID.c2}}
    assert result.contradictions[0].description.startswith("killed (state forces) in attack1: ")
