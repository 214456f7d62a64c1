"""Mapping extracted statements to RDF: plain triples, reified claims, readable stable IRIs."""

from __future__ import annotations

import dataclasses
from datetime import date

import rdflib
from rdflib import Literal as RDFLiteral
from rdflib.compare import isomorphic

from newsgraph.mapping import UNKNOWN_PUBLISHER, article_iri, entity_iri, map_articles
from newsgraph.model import Article, ArticleExtraction, Entity, Literal, Statement
from newsgraph.namespaces import ENTITIES_GRAPH, ID, NG, PROV, RDF, RDFS, SKOS, article_graph
from newsgraph.resolve import entity_key, merge_corpus

S0 = "The Northern Liberation Front was founded by Denis Ivanov."
S1 = "Radio Varnost said the Kestrel Brigade had not attacked Varnost, where five people died."
TEXT = S0 + " " + S1
SENTENCES = [(0, len(S0)), (len(S0) + 1, len(TEXT))]

NLF = "ArmedGroup:northern-liberation-front"
IVANOV = "Person:denis-ivanov"
KESTREL = "ArmedGroup:kestrel-brigade"
VARNOST = "Place:varnost"
ATTACK = "Attack:varnost"
RADIO = "NewsSource:radio-varnost"
PLANET = "NewsSource:daily-planet"

PERSON = ID["person/denis-ivanov"]
GROUP = ID["armed-group/northern-liberation-front"]
BRIGADE = ID["armed-group/kestrel-brigade"]
ATTACK_IRI = ID["attack/varnost-2024-05"]


def E(cls: str, label: str, aliases=(), **kw) -> Entity:
    return Entity(entity_key(cls, label), cls, label, set(aliases), **kw)


def extraction(statements: list[Statement], publisher: bool = True) -> ArticleExtraction:
    article = Article(id="a1b2c3", path="news/raid.txt", text=TEXT, title="Raid on Varnost",
                      url="https://example.org/raid", published=date(2024, 5, 31), publisher="Daily Planet")
    entities = [
        E("ArmedGroup", "Northern Liberation Front", {"NLF"}),
        E("Person", "Denis Ivanov", {"Ivanov"}),
        E("ArmedGroup", "Kestrel Brigade"),
        E("Place", "Varnost"),
        Entity(ATTACK, "Attack", "attack in Varnost", place=VARNOST, when="2024-05-30"),
        E("NewsSource", "Radio Varnost"),
        E("NewsSource", "Daily Planet"),
    ]
    return ArticleExtraction(article, SENTENCES, {e.key: e for e in entities}, statements,
                             publisher_key=PLANET if publisher else None)


def build(statements: list[Statement], publisher: bool = True) -> rdflib.Dataset:
    ex = extraction(statements, publisher)
    mapping, corpus = merge_corpus([ex.entities])
    return map_articles([ex], mapping, corpus)


def article_triples(ds: rdflib.Dataset) -> rdflib.Graph:
    return ds.graph(article_graph("a1b2c3"))


def entity_triples(ds: rdflib.Dataset) -> rdflib.Graph:
    return ds.graph(ENTITIES_GRAPH)


def claims(g: rdflib.Graph) -> list[rdflib.URIRef]:
    return sorted(g.subjects(RDF.type, NG.Claim))


def test_statement_is_a_plain_triple_and_one_claim():
    g = article_triples(build([Statement(NLF, "foundedBy", IVANOV, 0, None)]))
    assert (GROUP, NG.foundedBy, PERSON) in g
    (claim,) = claims(g)
    assert g.value(claim, RDF.subject) == GROUP
    assert g.value(claim, RDF.predicate) == NG.foundedBy
    assert g.value(claim, RDF.object) == PERSON
    assert g.value(claim, NG.stance) == NG.Asserts
    assert g.value(claim, PROV.wasDerivedFrom) == article_iri("a1b2c3")


def test_claim_sentence_is_the_article_text_at_its_offsets():
    g = article_triples(build([Statement(KESTREL, "participatedIn", ATTACK, 1, None)]))
    (claim,) = claims(g)
    start = g.value(claim, NG.startOffset).toPython()
    end = g.value(claim, NG.endOffset).toPython()
    assert (start, end) == SENTENCES[1]
    assert str(g.value(claim, NG.sentence)) == TEXT[start:end] == S1
    assert g.value(claim, NG.startOffset).datatype == rdflib.XSD.integer


def test_claim_sentence_is_stored_trimmed_and_its_offsets_point_at_the_trimmed_sentence():
    # The parser's sentences keep the whitespace after them (the blank line between paragraphs).
    text = S0 + "\n\n  " + S1 + "\n"
    ex = extraction([Statement(NLF, "foundedBy", IVANOV, 0, None),
                     Statement(KESTREL, "participatedIn", ATTACK, 1, None)])
    ex.article = dataclasses.replace(ex.article, text=text)
    ex.sentences = [(0, len(S0) + 2), (len(S0) + 2, len(text))]
    mapping, corpus = merge_corpus([ex.entities])
    g = article_triples(map_articles([ex], mapping, corpus))
    found = {}
    for claim in claims(g):
        start, end = g.value(claim, NG.startOffset).toPython(), g.value(claim, NG.endOffset).toPython()
        assert text[start:end] == str(g.value(claim, NG.sentence))
        found[str(g.value(claim, NG.sentence))] = (start, end)
    assert found == {S0: (0, len(S0)), S1: (len(S0) + 4, len(S0) + 4 + len(S1))}


def test_according_to_is_the_publisher_without_a_cited_source():
    g = article_triples(build([Statement(NLF, "foundedBy", IVANOV, 0, None)]))
    (claim,) = claims(g)
    assert g.value(claim, NG.accordingTo) == ID["news-source/daily-planet"]
    assert g.value(article_iri("a1b2c3"), NG.publisher) == ID["news-source/daily-planet"]


def test_according_to_is_the_cited_source():
    g = article_triples(build([Statement(KESTREL, "participatedIn", ATTACK, 1, RADIO)]))
    (claim,) = claims(g)
    assert g.value(claim, NG.accordingTo) == ID["news-source/radio-varnost"]


def test_unknown_publisher_node_when_the_article_names_none():
    ds = build([Statement(NLF, "foundedBy", IVANOV, 0, None)], publisher=False)
    g = article_triples(ds)
    unknown = entity_iri(UNKNOWN_PUBLISHER)
    (claim,) = claims(g)
    assert g.value(claim, NG.accordingTo) == unknown
    assert g.value(article_iri("a1b2c3"), NG.publisher) == unknown
    assert (unknown, NG.mentionedIn, article_iri("a1b2c3")) in g
    assert (unknown, RDF.type, NG.NewsSource) in entity_triples(ds)


def test_denied_statement_is_a_denying_claim_and_no_triple():
    g = article_triples(build([Statement(KESTREL, "participatedIn", ATTACK, 1, RADIO, denied=True)]))
    assert (BRIGADE, NG.participatedIn, ATTACK_IRI) not in g
    (claim,) = claims(g)
    assert g.value(claim, NG.stance) == NG.Denies
    assert g.value(claim, RDF.subject) == BRIGADE
    assert g.value(claim, RDF.object) == ATTACK_IRI
    assert g.value(claim, NG.accordingTo) == ID["news-source/radio-varnost"]


def test_asserting_and_denying_one_triple_are_two_claims():
    g = article_triples(build([
        Statement(KESTREL, "participatedIn", ATTACK, 1, None),
        Statement(KESTREL, "participatedIn", ATTACK, 1, RADIO, denied=True),
    ]))
    assert sorted(g.value(c, NG.stance) for c in claims(g)) == sorted([NG.Asserts, NG.Denies])


def test_political_leader_is_also_a_leader():
    g = article_triples(build([Statement(IVANOV, "politicalLeaderOf", NLF, 0, None)]))
    assert (PERSON, NG.politicalLeaderOf, GROUP) in g
    assert (PERSON, NG.leaderOf, GROUP) in g
    assert len(claims(g)) == 1


def test_alliance_is_asserted_both_ways():
    g = article_triples(build([Statement(NLF, "alliedWith", KESTREL, 0, None)]))
    assert (GROUP, NG.alliedWith, BRIGADE) in g
    assert (BRIGADE, NG.alliedWith, GROUP) in g
    assert len(claims(g)) == 1


def test_counts_and_dates_are_typed_literals():
    g = article_triples(build([
        Statement(ATTACK, "killed", Literal("5", "count"), 1, None),
        Statement(ATTACK, "occurredOn", Literal("2024-05", "gYearMonth"), 1, None),
        Statement(NLF, "foundedOn", Literal("2014", "gYear"), 0, None),
    ]))
    assert (ATTACK_IRI, NG.killed, RDFLiteral("5", datatype=rdflib.XSD.integer)) in g
    assert (ATTACK_IRI, NG.occurredOn, RDFLiteral("2024-05", datatype=rdflib.XSD.gYearMonth)) in g
    assert (GROUP, NG.foundedOn, RDFLiteral("2014", datatype=rdflib.XSD.gYear)) in g


def test_iris_are_readable():
    ds = build([Statement(NLF, "foundedBy", IVANOV, 0, None),
                Statement(ATTACK, "occurredIn", VARNOST, 1, None)])
    subjects = {str(s) for g in (article_triples(ds), entity_triples(ds)) for s in g.subjects(RDF.type, None)}
    assert {
        "https://w3id.org/newsgraph/id/person/denis-ivanov",
        "https://w3id.org/newsgraph/id/armed-group/northern-liberation-front",
        "https://w3id.org/newsgraph/id/place/varnost",
        "https://w3id.org/newsgraph/id/attack/varnost-2024-05",
        "https://w3id.org/newsgraph/id/news-source/daily-planet",
        "https://w3id.org/newsgraph/id/article/a1b2c3",
    } <= subjects
    assert all(str(c).startswith("https://w3id.org/newsgraph/id/claim/") for c in claims(article_triples(ds)))


def test_iris_are_stable_across_runs():
    statements = [Statement(NLF, "foundedBy", IVANOV, 0, None),
                  Statement(KESTREL, "participatedIn", ATTACK, 1, RADIO)]
    first, second = build(statements), build(list(statements))
    assert claims(article_triples(first)) == claims(article_triples(second))
    assert set(first.quads((None, None, None, None))) == set(second.quads((None, None, None, None)))


def test_article_goes_to_its_own_named_graph_and_entities_to_the_entities_graph():
    ds = build([Statement(NLF, "foundedBy", IVANOV, 0, None)])
    graphs = {g.identifier for g in ds.graphs() if len(g)}
    assert graphs == {article_graph("a1b2c3"), ENTITIES_GRAPH}


def test_article_node_metadata():
    g = article_triples(build([]))
    node = article_iri("a1b2c3")
    assert (node, RDF.type, NG.Article) in g
    assert g.value(node, NG.title) == RDFLiteral("Raid on Varnost")
    assert g.value(node, NG.contentHash) == RDFLiteral("a1b2c3")
    assert g.value(node, NG.url) == RDFLiteral("https://example.org/raid", datatype=rdflib.XSD.anyURI)
    assert g.value(node, NG.publishedOn) == RDFLiteral("2024-05-31", datatype=rdflib.XSD.date)


def test_entities_get_type_label_alt_labels_in_the_entities_graph_and_a_mention_in_the_article():
    ds = build([])
    g, entities = article_triples(ds), entity_triples(ds)
    assert (GROUP, RDF.type, NG.ArmedGroup) in entities
    assert list(entities.objects(GROUP, RDFS.label)) == [RDFLiteral("Northern Liberation Front")]
    assert set(entities.objects(GROUP, SKOS.altLabel)) == {RDFLiteral("NLF")}
    assert (GROUP, NG.mentionedIn, article_iri("a1b2c3")) in g
    assert set(g.predicate_objects(GROUP)) == {(NG.mentionedIn, article_iri("a1b2c3"))}


def test_corpus_label_wins_over_the_articles_own_name():
    first = extraction([])
    second_article = Article(id="d4e5f6", path="b.txt", text=S0)
    second = ArticleExtraction(second_article, [SENTENCES[0]],
                               {"Person:denis-ivanow": E("Person", "Denis Ivanow")},
                               [Statement("Person:denis-ivanow", "memberOf", NLF, 0, None)])
    second.entities[NLF] = E("ArmedGroup", "Northern Liberation Front")
    mapping, corpus = merge_corpus([first.entities, second.entities])
    ds = map_articles([first, second], mapping, corpus)
    assert (PERSON, NG.memberOf, GROUP) in ds.graph(article_graph("d4e5f6"))
    entities = entity_triples(ds)
    assert list(entities.objects(PERSON, RDFS.label)) == [RDFLiteral("Denis Ivanov")]
    assert RDFLiteral("Denis Ivanow") in set(entities.objects(PERSON, SKOS.altLabel))


def test_an_entity_two_articles_mention_is_described_once_with_the_names_of_both():
    first = extraction([])
    second_article = Article(id="d4e5f6", path="b.txt", text=S0)
    second = ArticleExtraction(second_article, [SENTENCES[0]],
                               {NLF: E("ArmedGroup", "Northern Liberation Front", {"Liberation Front"})}, [])
    mapping, corpus = merge_corpus([first.entities, second.entities])
    ds = map_articles([first, second], mapping, corpus)
    quads = [q for q in ds.quads((GROUP, None, None, None))]
    described = [(p, o) for _, p, o, g in quads if g == ENTITIES_GRAPH]
    assert sorted(described) == sorted([(RDF.type, NG.ArmedGroup),
                                        (RDFS.label, RDFLiteral("Northern Liberation Front")),
                                        (SKOS.altLabel, RDFLiteral("NLF")),
                                        (SKOS.altLabel, RDFLiteral("Liberation Front"))])
    mentions = {(p, o, g) for _, p, o, g in quads if g != ENTITIES_GRAPH}
    assert mentions == {(NG.mentionedIn, article_iri("a1b2c3"), article_graph("a1b2c3")),
                        (NG.mentionedIn, article_iri("d4e5f6"), article_graph("d4e5f6"))}


def test_mapping_twice_into_one_dataset_is_idempotent():
    ex = extraction([Statement(NLF, "foundedBy", IVANOV, 0, None)])
    mapping, corpus = merge_corpus([ex.entities])
    once = map_articles([ex], mapping, corpus)
    twice = map_articles([ex], mapping, corpus, map_articles([ex], mapping, corpus))
    assert isomorphic(once.graph(article_graph("a1b2c3")), twice.graph(article_graph("a1b2c3")))
