"""Scoring a graph against gold facts and gold entities."""

from __future__ import annotations

import pytest
from rdflib import Graph

from newsgraph.errors import InputError
from newsgraph.evaluate import (
    GoldEntity,
    GoldFact,
    evaluate_entities,
    evaluate_facts,
    read_gold_entities,
    read_gold_facts,
)
from newsgraph.namespaces import ontology_dir

GRAPH = """
@prefix ng: <https://w3id.org/newsgraph/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix e: <https://w3id.org/newsgraph/id/> .

e:nlf a ng:ArmedGroup ; rdfs:label "Northern Liberation Front" ; skos:altLabel "NLF" ;
    ng:foundedBy e:ivanov ; ng:foundedOn "2014-03-02"^^xsd:date ;
    ng:alliedWith e:eaf ; ng:claimedResponsibilityFor e:attack1 .
e:eaf a ng:ArmedGroup ; rdfs:label "Eastern Army Front" .
e:ivanov a ng:Person ; rdfs:label "Denis Ivanov" ; skos:altLabel "Ivanov" ; ng:leaderOf e:nlf , e:eaf .
e:petrov a ng:Person ; rdfs:label "Oleg Petrov" ; ng:leaderOf e:nlf .
e:attack1 a ng:Attack ; rdfs:label "attack in Tal Marwan" ; ng:occurredIn e:talmarwan ;
    ng:occurredOn "2024-05-31"^^xsd:date ; ng:killed "5"^^xsd:integer .
e:talmarwan a ng:Place ; rdfs:label "Tal Marwan" .
"""


@pytest.fixture(scope="module")
def graph() -> Graph:
    return Graph().parse(data=GRAPH, format="turtle")


def gold_file(tmp_path, text: str, name: str = "gold.tsv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def facts(tmp_path, *rows: str) -> list[GoldFact]:
    return read_gold_facts(gold_file(tmp_path, "subject\tproperty\tobject\n" + "\n".join(rows) + "\n"))


# --- reading gold files ----------------------------------------------------------------------


def test_read_gold_facts_format(tmp_path):
    path = gold_file(tmp_path, (
        "# Gold facts for an article.\n"
        "# A name field lists spellings separated by '|'.\n"
        "subject\tproperty\tobject\n"
        "Northern Liberation Front|NLF\tfoundedBy\tDenis Ivanov|Ivanov\n"
        "\n"
        "NLF\t?partOf\tEastern Army Front\n"
        "@attack:Tal Marwan\tkilled\t5\n"
    ))
    assert read_gold_facts(path) == [
        GoldFact(("northern liberation front", "nlf"), "foundedBy", ("denis ivanov", "ivanov"), False),
        GoldFact(("nlf",), "partOf", ("eastern army front",), True),
        GoldFact(("@attack:tal marwan",), "killed", ("5",), False),
    ]


def test_read_gold_entities_format(tmp_path):
    path = gold_file(tmp_path, "# entities\nnames\tclass\n"
                     "Northern Liberation Front|NLF\tArmedGroup\nDenis Ivanov\tPerson\n")
    assert read_gold_entities(path) == [
        GoldEntity(("northern liberation front", "nlf"), "ArmedGroup"),
        GoldEntity(("denis ivanov",), "Person"),
    ]


def test_wrong_column_count_names_the_line(tmp_path):
    path = gold_file(tmp_path, "subject\tproperty\tobject\nA\tleaderOf\tB\nA\tleaderOf\n")
    with pytest.raises(InputError) as err:
        read_gold_facts(path)
    assert str(err.value) == f"{path}: line 3: expected 3 tab-separated columns, found 2"


def test_wrong_column_count_in_entities(tmp_path):
    path = gold_file(tmp_path, "names\tclass\nNLF\tArmedGroup\textra\n")
    with pytest.raises(InputError, match="line 2: expected 2 tab-separated columns, found 3"):
        read_gold_entities(path)


def test_wrong_column_count_line_number_counts_comment_lines(tmp_path):
    path = gold_file(tmp_path, "# comment\n# comment\nsubject\tproperty\tobject\n"
                     "A\tleaderOf\tB\nA\tleaderOf\n")
    with pytest.raises(InputError, match="line 5:"):
        read_gold_facts(path)


def test_missing_gold_file(tmp_path):
    with pytest.raises(InputError, match="no such gold file"):
        read_gold_facts(tmp_path / "nope.tsv")


# --- facts -----------------------------------------------------------------------------------


def test_labels_and_alt_labels_match_ignoring_case(graph, tmp_path):
    report = evaluate_facts(graph, facts(tmp_path, "northern LIBERATION front\tfoundedBy\tIVANOV"))
    score = report.per_property["foundedBy"]
    assert (score.tp, score.gold, score.correct, score.predicted) == (1, 1, 1, 1)
    assert report.missed == [] and report.wrong == []


def test_attack_matched_by_its_place(graph, tmp_path):
    report = evaluate_facts(graph, facts(tmp_path, "NLF\tclaimedResponsibilityFor\t@attack:TAL MARWAN"))
    assert report.per_property["claimedResponsibilityFor"].recall == 1.0
    report = evaluate_facts(graph, facts(tmp_path, "NLF\tclaimedResponsibilityFor\t@attack:Varnost"))
    assert report.per_property["claimedResponsibilityFor"].recall == 0.0
    assert len(report.missed) == 1


def test_dates_match_by_prefix(graph, tmp_path):
    report = evaluate_facts(graph, facts(
        tmp_path,
        "@attack:Tal Marwan\toccurredOn\t2024-05",
        "NLF\tfoundedOn\t2014",
    ))
    assert report.per_property["occurredOn"].tp == 1
    assert report.per_property["foundedOn"].tp == 1
    report = evaluate_facts(graph, facts(tmp_path, "@attack:Tal Marwan\toccurredOn\t2024-06"))
    assert report.per_property["occurredOn"].tp == 0


def test_counts_match_exactly(graph, tmp_path):
    assert evaluate_facts(graph, facts(tmp_path, "@attack:Tal Marwan\tkilled\t5")).total.tp == 1
    assert evaluate_facts(graph, facts(tmp_path, "@attack:Tal Marwan\tkilled\t6")).total.tp == 0


def test_count_is_not_matched_by_prefix(tmp_path):
    g = Graph().parse(data=GRAPH.replace('"5"^^xsd:integer', '"50"^^xsd:integer'),
                      format="turtle")
    report = evaluate_facts(g, facts(tmp_path, "@attack:Tal Marwan\tkilled\t5"))
    assert report.per_property["killed"].tp == 0


def test_allied_with_is_symmetric(graph, tmp_path):
    gold = facts(tmp_path, "Eastern Army Front\talliedWith\tNorthern Liberation Front")
    report = evaluate_facts(graph, gold)
    assert report.per_property["alliedWith"].recall == 1.0
    assert report.per_property["alliedWith"].precision == 1.0


def test_other_properties_are_not_symmetric(graph, tmp_path):
    report = evaluate_facts(graph, facts(tmp_path, "NLF\tleaderOf\tDenis Ivanov"))
    assert report.per_property["leaderOf"].tp == 0


GOLD_THINGS = [GoldEntity(("oleg petrov",), "Person"), GoldEntity(("eastern army front",), "ArmedGroup")]


def test_wrong_prediction_lowers_precision_and_is_listed(graph, tmp_path):
    report = evaluate_facts(graph, facts(tmp_path, "Denis Ivanov\tleaderOf\tNLF"), GOLD_THINGS)
    score = report.per_property["leaderOf"]
    # Predicted: Ivanov->NLF (right), Ivanov->EAF and Petrov->NLF (wrong).
    assert (score.tp, score.gold, score.correct, score.predicted) == (1, 1, 1, 3)
    assert score.precision == pytest.approx(1 / 3)
    assert score.recall == 1.0
    assert sorted((w.subject, w.property, w.object) for w in report.wrong) == [
        ("Denis Ivanov", "leaderOf", "Eastern Army Front"),
        ("Oleg Petrov", "leaderOf", "Northern Liberation Front"),
    ]


def test_facts_about_things_the_gold_does_not_list_are_not_judged(graph, tmp_path):
    report = evaluate_facts(graph, facts(tmp_path, "Denis Ivanov\tleaderOf\tNLF"))
    score = report.per_property["leaderOf"]
    # Oleg Petrov and the Eastern Army Front are in no gold row and no gold entity.
    assert (score.correct, score.predicted) == (1, 1)
    assert report.wrong == []


def test_a_sub_property_counts_as_its_parent(tmp_path):
    g = Graph().parse(data=GRAPH.replace("ng:leaderOf e:nlf , e:eaf", "ng:politicalLeaderOf e:nlf"),
                      format="turtle")
    report = evaluate_facts(g, facts(tmp_path, "Denis Ivanov\tleaderOf\tNLF"))
    assert report.per_property["leaderOf"].tp == 1


def test_attack_matched_by_label_target_or_the_place_its_place_is_in(tmp_path):
    g = Graph().parse(data=GRAPH + """
e:attack2 a ng:Attack ; rdfs:label "Kerdoumbe market bombing" ; ng:targeted e:market ; ng:killed 9 .
e:market a ng:Place ; rdfs:label "Central Market" ; ng:locatedIn e:region .
e:region a ng:Place ; rdfs:label "Sahel Region" .
e:crash a ng:Event ; rdfs:label "plane crash" ; ng:occurredIn e:talmarwan ; ng:killed 10 .
""", format="turtle")
    for spec in ("@attack:Kerdoumbe", "@attack:central market", "@attack:The Sahel Region"):
        assert evaluate_facts(g, facts(tmp_path, f"{spec}\tkilled\t9")).total.tp == 1, spec
    # @event: is an event that is not an attack, and @attack: never matches one.
    assert evaluate_facts(g, facts(tmp_path, "@event:Tal Marwan\tkilled\t10")).total.tp == 1
    assert evaluate_facts(g, facts(tmp_path, "@attack:Tal Marwan\tkilled\t10")).total.tp == 0


def test_find_sentence_names_both_ends():
    from newsgraph.evaluate import find_sentence

    sentences = ["The NLF was formed in 2014.", "Denis Ivanov leads the NLF.", "Ivanov spoke on 16 December."]
    fact = GoldFact(("denis ivanov", "ivanov"), "leaderOf", ("nlf",), False)
    assert find_sentence(fact, sentences) == "Denis Ivanov leads the NLF."
    date = GoldFact(("@attack:x",), "occurredOn", ("2014-12-16",), False)
    assert find_sentence(date, sentences) == "Ivanov spoke on 16 December."


def test_optional_facts_are_neither_required_nor_counted_against(graph, tmp_path):
    report = evaluate_facts(graph, facts(
        tmp_path,
        "Denis Ivanov\tleaderOf\tNLF",
        "Denis Ivanov\t?leaderOf\tEastern Army Front",
        "Oleg Petrov\t?leaderOf\tNLF",
        "Somebody Else\t?leaderOf\tNLF",  # optional and absent: not missed
    ))
    score = report.per_property["leaderOf"]
    assert (score.tp, score.gold, score.correct, score.predicted) == (1, 1, 1, 1)
    assert report.wrong == [] and report.missed == []


def test_missing_fact_is_reported(graph, tmp_path):
    gold = facts(tmp_path, "NLF\talliedWith\tEastern Army Front", "NLF\talliedWith\tSomeone Else")
    report = evaluate_facts(graph, gold)
    assert report.missed == [gold[1]]
    assert report.per_property["alliedWith"].recall == 0.5


def test_properties_the_gold_file_does_not_use_are_not_scored(graph, tmp_path):
    report = evaluate_facts(graph, facts(tmp_path, "NLF\tfoundedBy\tIvanov"))
    assert set(report.per_property) == {"foundedBy"}
    assert report.wrong == []


def test_total_is_micro_averaged(graph, tmp_path):
    report = evaluate_facts(graph, facts(
        tmp_path,
        "Denis Ivanov\tleaderOf\tNLF",
        "NLF\tfoundedBy\tIvanov",
        "NLF\talliedWith\tSomeone Else",
    ), GOLD_THINGS)
    total = report.total
    # leaderOf 1/3 correct, foundedBy 1/1, alliedWith 0/1 (predicted NLF-EAF is wrong).
    assert (total.tp, total.gold, total.correct, total.predicted) == (2, 3, 2, 5)
    assert total.f1 == pytest.approx(2 * 0.4 * (2 / 3) / (0.4 + 2 / 3))


# --- entities --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ontology_dir() / "newsgraph.ttl")


def test_entities_found_once_with_the_right_class(graph, ontology):
    gold = [GoldEntity(("denis ivanov",), "Person"), GoldEntity(("eastern army front", "eaf"), "ArmedGroup")]
    assert evaluate_entities(graph, gold, ontology) == (2, [])


def test_subclass_counts_for_its_superclass(graph, ontology):
    assert evaluate_entities(graph, [GoldEntity(("nlf",), "Organization")], ontology) == (1, [])
    assert evaluate_entities(graph, [GoldEntity(("nlf",), "Agent")], ontology) == (1, [])


def test_wrong_class_reported(graph, ontology):
    good, problems = evaluate_entities(graph, [GoldEntity(("denis ivanov",), "ArmedGroup")], ontology)
    assert good == 0
    assert problems == ["wrong class: denis ivanov is Person, expected ArmedGroup"]


def test_superclass_does_not_count_for_a_subclass(graph, ontology):
    g = Graph().parse(data=GRAPH.replace("e:eaf a ng:ArmedGroup", "e:eaf a ng:Organization"), format="turtle")
    good, problems = evaluate_entities(g, [GoldEntity(("eastern army front",), "ArmedGroup")], ontology)
    assert good == 0 and problems[0].startswith("wrong class:")


def test_duplicate_nodes_reported(ontology):
    g = Graph().parse(data=GRAPH + 'e:nlf2 a ng:ArmedGroup ; rdfs:label "NLF" .\n', format="turtle")
    gold = [GoldEntity(("northern liberation front", "nlf"), "ArmedGroup")]
    good, problems = evaluate_entities(g, gold, ontology)
    assert good == 0
    assert len(problems) == 1 and problems[0].startswith("duplicate: northern liberation front is 2 nodes")
    assert "https://w3id.org/newsgraph/id/nlf2" in problems[0]


def test_missing_entity_reported(graph, ontology):
    gold = [GoldEntity(("nobody",), "Person")]
    assert evaluate_entities(graph, gold, ontology) == (0, ["missing: nobody (Person)"])


def test_claims_and_articles_are_not_entities(ontology):
    g = Graph().parse(data=GRAPH + 'e:claim1 a ng:Claim ; rdfs:label "Denis Ivanov" .\n', format="turtle")
    assert evaluate_entities(g, [GoldEntity(("denis ivanov",), "Person")], ontology) == (1, [])
