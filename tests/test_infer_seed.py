"""The inference stage on the seed article: attribution, leadership, coalition, contradiction,
and the explain/path/contradictions views over them (the acceptance checks of the issue)."""

from __future__ import annotations

from rdflib import Graph, URIRef
from rdflib.namespace import RDFS

from newsgraph.errors import InputError
from newsgraph.explain import describe, disagreements, evidence_path, find_entity
from newsgraph.infer import infer
from newsgraph.namespaces import INFERRED_GRAPH, NG, RDF
from newsgraph.rdfio import union_graph

LEGION = "Freedom for Russia Legion"
CORPS = "Russian Volunteer Corps"


def node(g: Graph, names: str) -> URIRef:
    """The entity called by one of the '|'-separated spellings (as in the gold files)."""
    found = {find_entity(g, n) for n in names.split("|") if _known(g, n)}
    assert len(found) == 1, (names, found)
    return found.pop()


def _known(g: Graph, name: str) -> bool:
    try:
        find_entity(g, name)
    except InputError:
        return False
    return True


def attack_in(g: Graph, place: str) -> URIRef:
    attacks = [a for a in g.subjects(RDF.type, NG.Attack)
               if any(str(g.value(p, RDFS.label)) == place for p in g.objects(a, NG.occurredIn))]
    assert len(attacks) == 1, attacks
    return attacks[0]


def explanation(g: Graph, s: URIRef, p: URIRef, o: URIRef) -> URIRef:
    nodes = [n for n in g.subjects(RDF.subject, s) if (n, RDF.predicate, p) in g and (n, RDF.object, o) in g
             and (n, RDF.type, NG.Explanation) in g]
    assert len(nodes) == 1, (s, p, o, nodes)
    return nodes[0]


def test_belgorod_is_attributed_to_both_groups_for_different_reasons(seed_build):
    g = seed_build.dataset.graph(INFERRED_GRAPH)
    u = union_graph(seed_build.dataset)
    belgorod = attack_in(u, "Belgorod")
    legion = explanation(g, belgorod, NG.attributedTo, node(u, LEGION))
    corps = explanation(g, belgorod, NG.attributedTo, node(u, CORPS))
    assert str(g.value(legion, NG.rule)).startswith("attribution:claimed")
    assert str(g.value(corps, NG.rule)) == "attribution:participated"
    assert g.value(legion, NG.score).toPython() > g.value(corps, NG.score).toPython() > 0
    for e in (legion, corps):
        assert g.value(e, NG.certainty) == NG.Attributed
        evidence = list(g.objects(e, NG.evidence))
        assert evidence and all((c, RDF.type, NG.Claim) in u and u.value(c, NG.sentence) for c in evidence)


def test_briansk_is_attributed_to_the_volunteer_corps(seed_build):
    u = union_graph(seed_build.dataset)
    briansk = attack_in(u, "Briansk")
    assert set(seed_build.dataset.graph(INFERRED_GRAPH).objects(briansk, NG.attributedTo)) == {node(u, CORPS)}


def test_founders_and_named_leaders_lead_their_groups(seed_build):
    u = union_graph(seed_build.dataset)
    assert (node(u, "Denis Nikitin"), NG.leaderOf, node(u, CORPS)) in u
    assert (node(u, "Ilya Ponomarev|Ilya Ponomariov"), NG.leaderOf, node(u, LEGION)) in u


def test_both_groups_and_the_ukrainian_army_form_one_coalition(seed_build):
    u = union_graph(seed_build.dataset)
    ids = {u.value(node(u, name), NG.coalition) for name in (LEGION, CORPS, "Armed Forces of Ukraine")}
    assert len(ids) == 1 and None not in ids
    assert u.value(node(u, "Russia"), NG.coalition) not in ids


def test_ministry_count_and_the_corps_denial_are_a_contradiction(seed_build):
    found = disagreements(seed_build.dataset)
    about_belgorod = [c for c in found if c.about.startswith("attack in Belgorod")]
    assert len(about_belgorod) == 1
    c = about_belgorod[0]
    sides = {(claim.source, claim.denies) for _statement, claim in c.sides}
    assert ("Russian Defense Ministry", False) in sides and (CORPS, True) in sides
    assert all("70" in statement for statement, _ in c.sides)


def test_key_actors_are_the_two_groups(seed_build):
    g = seed_build.dataset.graph(INFERRED_GRAPH)
    u = union_graph(seed_build.dataset)
    ranked = sorted(g.subject_objects(NG.pagerank), key=lambda so: -so[1].toPython())
    # The two groups lead; Russia, whose forces attacked Bakhmuton and which designated both groups
    # terrorist, is the only other node among the first three.
    top = [s for s, _ in ranked[:3]]
    assert {node(u, LEGION), node(u, CORPS)} <= set(top)
    assert set(top) - {node(u, LEGION), node(u, CORPS)} <= {node(u, "Russia")}


def test_rerunning_inference_on_the_seed_changes_nothing(seed_build):
    from newsgraph.rdfio import serialize_dataset

    before = serialize_dataset(seed_build.dataset, "trig")
    infer(seed_build.dataset)
    assert serialize_dataset(seed_build.dataset, "trig") == before


def test_explain_lists_sources_and_inference(seed_build):
    report = describe(seed_build.dataset, "Nikitin")
    assert report.label == "Denis Nikitin"
    leads = [f for f in report.facts if f.predicate == NG.leaderOf]
    assert leads and leads[0].inferred and leads[0].rule == "founder-leads"
    assert leads[0].evidence and "founded" in leads[0].evidence[0].sentence
    assert any(f.claims and f.claims[0].sentence for f in report.facts if not f.inferred)


def test_path_from_founder_to_attack_has_a_sentence_per_hop(seed_build):
    u = union_graph(seed_build.dataset)
    hops = evidence_path(seed_build.dataset, "Denis Nikitin", str(attack_in(u, "Belgorod")))
    assert 1 <= len(hops) <= 3
    assert hops[0].subject_label == "Denis Nikitin" or hops[0].object_label == "Denis Nikitin"
    for hop in hops:
        assert (hop.claims or hop.evidence), hop.text
