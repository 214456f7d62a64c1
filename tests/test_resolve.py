"""One node per real-world entity: name clustering in an article, merging across articles."""

from __future__ import annotations

import pytest
import rdflib
from rdflib import Literal as RDFLiteral

from newsgraph.mapping import map_articles
from newsgraph.extract.names import NameSpan
from newsgraph.model import Article, ArticleExtraction, Entity, Literal, Statement
from newsgraph.namespaces import ID, NG, article_graph
from newsgraph.extract.clusters import cluster_names, entity_key, similar_names, slug
from newsgraph.resolve import merge_corpus


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Ponomariov", "Ponomarev", True),
        ("César", "Caesar", True),
        ("cesar", "César", True),
        ("Ivanov", "Petrov", False),
        ("Ivanov", "Ivanova", True),
        ("Abu", "Ibu", False),  # short names must agree exactly
    ],
)
def test_similar_names(a, b, same):
    assert similar_names(a, b) is same


def test_slug_is_readable_and_iri_safe():
    assert slug("Armed Forces of Ukraine") == "armed-forces-of-ukraine"
    assert slug("César Díaz") == "cesar-diaz"
    assert slug("Al-Shabaab’s  wing") == "al-shabaab-s-wing"
    # Nothing readable left: a hash of the name, so that two such names never share an IRI.
    assert slug("!!!").startswith("x-") and slug("Иван Петров") != slug("Олег Сидоров")
    assert slug("Иван Петров") == slug("Иван Петров")
    assert entity_key("Person", "Denis Ivanov") == "Person:denis-ivanov"


# --- merging across articles -----------------------------------------------------------------


def E(cls: str, label: str, aliases=(), **kw) -> Entity:
    return Entity(entity_key(cls, label), cls, label, set(aliases), **kw)


def table(*entities: Entity) -> dict[str, Entity]:
    return {e.key: e for e in entities}


def test_same_person_by_alias_is_one_corpus_entity():
    mappings, corpus = merge_corpus([
        table(E("Person", "Denis Ivanov", {"Ivanov"})),
        table(E("Person", "Ivanov")),
    ])
    assert _flat(mappings) == {"Person:denis-ivanov": "Person:denis-ivanov", "Person:ivanov": "Person:denis-ivanov"}
    assert list(corpus) == ["Person:denis-ivanov"]
    assert corpus["Person:denis-ivanov"].aliases == {"Ivanov"}


def test_classes_of_one_family_merge_and_first_class_wins():
    mappings, corpus = merge_corpus([
        table(E("ArmedGroup", "Northern Liberation Front", {"NLF"})),
        table(E("Organization", "NLF")),
    ])
    assert _flat(mappings)["Organization:nlf"] == "ArmedGroup:northern-liberation-front"
    assert corpus["ArmedGroup:northern-liberation-front"].cls == "ArmedGroup"
    assert len(corpus) == 1


def test_different_families_do_not_merge():
    mappings, corpus = merge_corpus([table(E("Person", "Varnost")), table(E("Place", "Varnost"))])
    assert _flat(mappings)["Person:varnost"] != _flat(mappings)["Place:varnost"]
    assert len(corpus) == 2


def test_full_name_spelling_variants_merge_and_first_label_wins():
    mappings, corpus = merge_corpus([
        table(E("Person", "Ilya Ponomariov")),
        table(E("Person", "Ilya Ponomarev")),
    ])
    assert _flat(mappings)["Person:ilya-ponomarev"] == "Person:ilya-ponomariov"
    entity = corpus["Person:ilya-ponomariov"]
    assert entity.label == "Ilya Ponomariov"
    assert entity.aliases == {"Ilya Ponomarev"}


def test_unnamed_bodies_stay_in_their_article_and_named_ones_merge():
    # "officials" and "the defence ministry" of two stories are not one body: merged, they would
    # become hubs linking every story. Named bodies still merge.
    tables = [table(E("GovernmentBody", "officials"), E("GovernmentBody", "Velka's defence ministry")),
              table(E("GovernmentBody", "officials"), E("GovernmentBody", "Velka's defence ministry"))]
    mappings, corpus = merge_corpus(tables, ["a1", "a2"])
    assert mappings[0]["GovernmentBody:officials"] != mappings[1]["GovernmentBody:officials"]
    assert {corpus[m["GovernmentBody:officials"]].ident for m in mappings} == {"officials-a1", "officials-a2"}
    assert mappings[0]["GovernmentBody:velka-s-defence-ministry"] == mappings[1]["GovernmentBody:velka-s-defence-ministry"]
    assert len(corpus) == 3


def test_label_does_not_depend_on_later_articles():
    _, first = merge_corpus([table(E("Person", "Ilya Ponomariov"))])
    _, both = merge_corpus([table(E("Person", "Ilya Ponomariov")), table(E("Person", "Ilya Ponomarev"))])
    assert first["Person:ilya-ponomariov"].label == both["Person:ilya-ponomariov"].label


def test_different_full_names_with_one_surname_do_not_merge():
    mappings, corpus = merge_corpus([table(E("Person", "Denis Ivanov")), table(E("Person", "Oleg Ivanov"))])
    assert _flat(mappings)["Person:denis-ivanov"] != _flat(mappings)["Person:oleg-ivanov"]
    assert len(corpus) == 2


def _attack_table(place_label: str, when: str | None) -> dict[str, Entity]:
    place = E("Place", place_label)
    attack = Entity(entity_key("Attack", place_label), "Attack", f"attack in {place_label}",
                    place=place.key, when=when)
    return table(place, attack)


def test_attacks_at_one_place_in_one_month_merge():
    mappings, corpus = merge_corpus([_attack_table("Tal Marwan", "2024-05-31"),
                                    _attack_table("Tal Marwan", "2024-05")])
    attacks = [e for e in corpus.values() if e.cls == "Attack"]
    assert len(attacks) == 1
    assert attacks[0].when == "2024-05-31"
    assert attacks[0].place == _flat(mappings)["Place:tal-marwan"]


def test_undated_attack_merges_with_dated_one_at_the_same_place():
    _, corpus = merge_corpus([_attack_table("Tal Marwan", None), _attack_table("Tal Marwan", "2024-05-31")])
    attacks = [e for e in corpus.values() if e.cls == "Attack"]
    assert len(attacks) == 1 and attacks[0].when == "2024-05-31"


def test_attacks_at_one_place_in_different_months_stay_apart():
    _, corpus = merge_corpus([_attack_table("Tal Marwan", "2024-05-31"),
                              _attack_table("Tal Marwan", "2024-07-02")])
    assert sorted(e.when for e in corpus.values() if e.cls == "Attack") == ["2024-05-31", "2024-07-02"]


def _attack_article(article_id: str, when: str) -> ArticleExtraction:
    text = "Gunmen attacked Tal Marwan."
    entities = _attack_table("Tal Marwan", when)
    attack = "Attack:tal-marwan"
    return ArticleExtraction(
        Article(id=article_id, path=f"{article_id}.txt", text=text),
        [(0, len(text))],
        entities,
        [Statement(attack, "occurredOn", Literal(when, "date"), 0, None),
         Statement(attack, "occurredIn", "Place:tal-marwan", 0, None)],
    )


def test_each_article_keeps_its_own_attack_when_months_differ():
    may, july = _attack_article("a1", "2024-05-31"), _attack_article("a2", "2024-07-02")
    mappings, corpus = merge_corpus([may.entities, july.entities])
    ds = map_articles([may, july], mappings, corpus)
    dated = {o: s for s, o in ds.graph(article_graph("a1")).subject_objects(NG.occurredOn)}
    assert dated[RDFLiteral("2024-05-31", datatype=rdflib.XSD.date)] == ID["attack/tal-marwan-2024-05"]


# --- clustering names within an article ------------------------------------------------------


def names(*specs) -> list[NameSpan]:
    out, pos = [], 0
    for spec in specs:
        text, cls, strength, *rest = spec
        extra = dict(rest[0]) if rest else {}
        n = len(text.split())
        out.append(NameSpan(pos, pos + n, text, cls, strength, **extra))
        pos += n + 5
    return out


def test_surname_joins_the_full_name():
    idx, entities = cluster_names(names(("Denis Ivanov", "Person", 1), ("Ivanov", "Person", 1)))
    assert idx == {0: "Person:denis-ivanov", 1: "Person:denis-ivanov"}
    assert entities["Person:denis-ivanov"].label == "Denis Ivanov"
    assert entities["Person:denis-ivanov"].aliases == {"Ivanov"}


def test_surname_mistagged_by_ner_still_joins_the_person():
    idx, entities = cluster_names(names(("Denis Ivanov", "Person", 1), ("Ivanov", "Organization", 1)))
    assert set(idx.values()) == {"Person:denis-ivanov"}
    assert list(entities) == ["Person:denis-ivanov"]


def test_a_surname_ner_calls_a_place_more_often_than_the_full_name_is_said_is_still_the_person():
    idx, entities = cluster_names(names(("Dana Singh", "Person", 1), ("Singh", "Place", 1), ("Singh", "Place", 1),
                                        ("Singh", "Place", 1)))
    assert set(idx.values()) == {"Person:dana-singh"}
    # A mention read by more than NER keeps its say: the vote is all of them.
    idx, _ = cluster_names(names(("Dana Singh", "Person", 1), ("Singh", "Place", 2), ("Singh", "Place", 2)))
    assert "Person:dana-singh" not in idx.values()


def test_ambiguous_surname_stays_apart():
    idx, _ = cluster_names(names(("Denis Ivanov", "Person", 1), ("Oleg Ivanov", "Person", 1),
                                 ("Ivanov", "Person", 1)))
    assert len({idx[0], idx[1], idx[2]}) == 3


def test_bracketed_abbreviation_joins_its_full_name():
    idx, entities = cluster_names(names(
        ("Northern Liberation Front", "ArmedGroup", 3, {"abbreviation": "NLF"}),
        ("NLF", "Organization", 1),
    ))
    assert idx == {0: "ArmedGroup:northern-liberation-front", 1: "ArmedGroup:northern-liberation-front"}
    assert entities["ArmedGroup:northern-liberation-front"].aliases == {"NLF"}


def test_shorter_org_name_joins_the_longer_one_it_ends():
    idx, entities = cluster_names(names(("Russian Volunteer Corps", "ArmedGroup", 3),
                                        ("Volunteer Corps", "ArmedGroup", 3)))
    assert set(idx.values()) == {"ArmedGroup:russian-volunteer-corps"}
    assert entities["ArmedGroup:russian-volunteer-corps"].aliases == {"Volunteer Corps"}


def test_a_cue_word_alone_is_the_one_longer_name_it_ends():
    idx, entities = cluster_names(names(("Red Hills Tigers", "ArmedGroup", 3), ("the Tigers", "ArmedGroup", 3)))
    assert set(idx.values()) == {"ArmedGroup:red-hills-tigers"}
    assert entities["ArmedGroup:red-hills-tigers"].aliases == {"Tigers"}


def test_army_alone_is_not_the_armed_group_named_army():
    # "the Army" on its own usually means a state's army, not the "Velka Liberation Army".
    idx, _ = cluster_names(names(("Velka Liberation Army", "ArmedGroup", 3), ("the Army", "ArmedGroup", 3)))
    assert len(set(idx.values())) == 2


def test_leading_the_is_not_part_of_the_name():
    idx, entities = cluster_names(names(("the Northern Front", "ArmedGroup", 3),
                                        ("Northern Front", "ArmedGroup", 3)))
    assert set(idx.values()) == {"ArmedGroup:northern-front"}
    assert entities["ArmedGroup:northern-front"].aliases == set()


def test_class_conflict_resolved_by_strongest_evidence_not_by_majority():
    idx, entities = cluster_names(names(("Zarnitsa", "Place", 2), ("Zarnitsa", "Person", 1),
                                        ("Zarnitsa", "Person", 1)))
    assert set(idx.values()) == {"Place:zarnitsa"}
    idx, _ = cluster_names(names(("Zarnitsa", "Place", 1), ("Zarnitsa", "Person", 2)))
    assert set(idx.values()) == {"Person:zarnitsa"}


def test_accent_variant_of_a_person_name_joins_it():
    idx, entities = cluster_names(names(("César", "Person", 1), ("Caesar", "Place", 1)))
    assert len(set(idx.values())) == 1
    (entity,) = entities.values()
    assert entity.cls == "Person"


def test_canonical_name_overrides_the_surface_form():
    idx, entities = cluster_names(names(
        ("Ukrainian troops", "GovernmentBody", 3, {"canonical": "Armed Forces of Ukraine"}),
        ("Armed Forces of Ukraine", "GovernmentBody", 3, {"canonical": "Armed Forces of Ukraine"}),
    ))
    assert set(idx.values()) == {"GovernmentBody:armed-forces-of-ukraine"}
    assert entities["GovernmentBody:armed-forces-of-ukraine"].label == "Armed Forces of Ukraine"


def test_demonyms_and_unclassified_names_make_no_entity():
    idx, entities = cluster_names(names(("Ukrainian", "Demonym", 4, {"canonical": "Ukraine"}),
                                        ("Thing", None, 0)))
    assert idx == {} and entities == {}


def _flat(mappings: list[dict[str, str]]) -> dict[str, str]:
    """All tables' mappings in one dict (for tests whose local keys do not repeat)."""
    return {k: v for m in mappings for k, v in m.items()}
