"""SHACL validation of a build: a mapped and inferred graph conforms; broken graphs do not."""

from __future__ import annotations

from datetime import date

import pytest
from rdflib import Dataset
from rdflib import Literal as RDFLiteral

from newsgraph.infer import infer
from newsgraph.mapping import map_articles
from newsgraph.model import Article, ArticleExtraction, Entity, Literal, Statement
from newsgraph.namespaces import ENTITIES_GRAPH, ID, INFERRED_GRAPH, NG, RDF, RDFS, article_graph
from newsgraph.resolve import entity_key, merge_corpus
from newsgraph.validate import validate_dataset

TEXT = ("The Northern Liberation Front, founded by Denis Ivanov, claimed the attack in Varnost. "
        "The Kestrel Brigade denied taking part, Radio Varnost said. Five people were killed.")


def _sentences(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for i, ch in enumerate(text):
        if ch == "." and (i + 1 == len(text) or text[i + 1] == " "):
            out.append((start, i + 1))
            start = i + 2
    return out


def E(cls: str, label: str, aliases=(), **kw) -> Entity:
    return Entity(entity_key(cls, label), cls, label, set(aliases), **kw)


def build() -> Dataset:
    entities = [
        E("ArmedGroup", "Northern Liberation Front", {"NLF"}),
        E("Person", "Denis Ivanov", {"Ivanov"}),
        E("ArmedGroup", "Kestrel Brigade"),
        E("Place", "Varnost"),
        Entity("Attack:varnost", "Attack", "attack in Varnost", place="Place:varnost", when="2024-05-30"),
        E("NewsSource", "Radio Varnost"),
        E("NewsSource", "Daily Planet"),
        E("Country", "Morvania"),
    ]
    nlf, ivanov = "ArmedGroup:northern-liberation-front", "Person:denis-ivanov"
    kestrel = "ArmedGroup:kestrel-brigade"
    statements = [
        Statement(nlf, "foundedBy", ivanov, 0, None),
        Statement(nlf, "foundedOn", Literal("2014", "gYear"), 0, None),
        Statement(nlf, "claimedResponsibilityFor", "Attack:varnost", 0, None),
        Statement("Attack:varnost", "occurredIn", "Place:varnost", 0, None),
        Statement("Attack:varnost", "occurredOn", Literal("2024-05-30", "date"), 0, None),
        Statement(kestrel, "participatedIn", "Attack:varnost", 1, "NewsSource:radio-varnost", denied=True),
        Statement(nlf, "alliedWith", kestrel, 1, None),
        Statement(ivanov, "citizenOf", "Country:morvania", 0, None),
        Statement("Attack:varnost", "killed", Literal("5", "count"), 2, None),
    ]
    article = Article(id="f00d", path="raid.txt", text=TEXT, title="Raid", published=date(2024, 5, 31),
                      publisher="Daily Planet")
    ex = ArticleExtraction(article, _sentences(TEXT), {e.key: e for e in entities}, statements,
                           publisher_key="NewsSource:daily-planet")
    mapping, corpus = merge_corpus([ex.entities])
    ds = map_articles([ex], mapping, corpus)
    infer(ds)
    return ds


@pytest.fixture()
def ds() -> Dataset:
    return build()


def test_sentences_helper_matches_the_text():
    assert [TEXT[s:e] for s, e in _sentences(TEXT)][2] == "Five people were killed."


def test_mapped_and_inferred_build_conforms(ds):
    assert len(ds.graph(article_graph("f00d"))) > 0
    # Inference ran, so explanations are validated too.
    assert (ID["attack/varnost-2024-05"], NG.attributedTo, ID["armed-group/northern-liberation-front"]) in \
        ds.graph(INFERRED_GRAPH)
    assert validate_dataset(ds) == (True, [])


def test_entity_with_two_labels_does_not_conform(ds):
    person = ID["person/denis-ivanov"]
    ds.graph(article_graph("f00d")).add((person, RDFS.label, RDFLiteral("D. Ivanov")))
    conforms, violations = validate_dataset(ds)
    assert conforms is False
    assert violations
    assert {focus for focus, _ in violations} == {str(person)}
    assert any("rdfs:label" in message for _, message in violations)


def test_entity_with_two_labels_in_the_entities_graph_does_not_conform(ds):
    group = ID["armed-group/kestrel-brigade"]
    ds.graph(ENTITIES_GRAPH).add((group, RDFS.label, RDFLiteral("Kestrel Brigades")))
    conforms, violations = validate_dataset(ds)
    assert conforms is False
    assert {focus for focus, _ in violations} == {str(group)}


def test_an_entity_no_article_mentions_does_not_conform(ds):
    stale = ID["person/velka-orvath"]
    ds.graph(ENTITIES_GRAPH).add((stale, RDF.type, NG.Person))
    ds.graph(ENTITIES_GRAPH).add((stale, RDFS.label, RDFLiteral("Velka Orvath")))
    conforms, violations = validate_dataset(ds)
    assert conforms is False
    assert {focus for focus, _ in violations} == {str(stale)}
    assert any("ng:mentionedIn" in message for _, message in violations)


def test_wrong_datatype_does_not_conform(ds):
    attack = ID["attack/varnost-2024-05"]
    ds.graph(article_graph("f00d")).add((attack, NG.killed, RDFLiteral("five")))
    conforms, violations = validate_dataset(ds)
    assert conforms is False
    assert (str(attack), "ng:killed must be an xsd:integer >= 0.") in violations


def test_negative_count_does_not_conform(ds):
    attack = ID["attack/varnost-2024-05"]
    ds.graph(article_graph("f00d")).add((attack, NG.killed, RDFLiteral(-3)))
    conforms, violations = validate_dataset(ds)
    assert conforms is False
    assert (str(attack), "ng:killed must be an xsd:integer >= 0.") in violations
