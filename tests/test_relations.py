"""Each relation rule on one or two sentences of invented news (names that cannot be looked up)."""

from __future__ import annotations

import pytest

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Northern Dawn Front was founded in March 2021 by Kamil Orvath.",
         {("Northern Dawn Front", "foundedBy", "Kamil Orvath"), ("Northern Dawn Front", "foundedOn", "2021-03")}),
        ("Kamil Orvath set up the Northern Dawn Front in 2019.",
         {("Northern Dawn Front", "foundedBy", "Kamil Orvath"), ("Northern Dawn Front", "foundedOn", "2019")}),
    ],
)
def test_founding(extract_text, facts, text, expected):
    assert expected <= facts(extract_text(text))


def test_leadership_by_title_verb_and_copula(extract_text, facts):
    found = facts(extract_text(
        "The Northern Dawn Front is led by Kamil Orvath. "
        "The governor of the Velka province, Ana Strommer, said roads were closed. "
        "According to AFP, its political leader is the former deputy Ivo Marsk."
    ))
    assert ("Kamil Orvath", "leaderOf", "Northern Dawn Front") in found
    assert ("Ana Strommer", "leaderOf", "Velka") in found
    assert ("Ivo Marsk", "politicalLeaderOf", "Northern Dawn Front") in found


def test_political_leader_source_is_the_cited_agency(extract_text, facts):
    ex = extract_text("The Northern Dawn Front fights in the hills. According to AFP, its political leader is "
                      "the former deputy Ivo Marsk.")
    (statement,) = [s for s in ex.statements if s.predicate == "politicalLeaderOf"]
    assert ex.entities[statement.according_to].label == "Agence France-Presse"


def test_claim_participation_and_casualties(extract_text, facts):
    ex = extract_text(
        "Gunmen attacked a market in the town of Ostrava Dol on Monday, killing 12 people and wounding 30. "
        "The Velka Liberation Army (VLA) claimed responsibility for the attack in a statement."
    )
    found = facts(ex)
    attack = next(e.label for e in ex.entities.values() if e.cls == "Attack")
    assert ("Velka Liberation Army", "claimedResponsibilityFor", attack) in found
    assert (attack, "killed", "12") in found and (attack, "injured", "30") in found
    assert (attack, "occurredOn", "2024-03-11") in found  # the Monday before 2024-03-14
    assert (attack, "occurredIn", "Ostrava Dol") in found


def test_denial_is_kept_as_a_denied_statement(extract_text, facts):
    ex = extract_text(
        "Gunmen attacked a checkpoint near the town of Ostrava Dol on Monday. The army said troops killed "
        "40 of the attackers. The Velka Liberation Army denied that it had any casualties."
    )
    denied = [s for s in ex.statements if s.denied]
    assert denied and denied[0].predicate == "killed"
    assert ex.entities[denied[0].according_to].label == "Velka Liberation Army"


def test_pronoun_and_abbreviation_resolve_to_the_group(extract_text, facts):
    found = facts(extract_text(
        "The Velka Liberation Army (VLA) grew quickly in the north. Mali designated it a "
        "terrorist organisation in 2022. The VLA operates under the command of the Southern Council."
    ))
    assert ("Velka Liberation Army", "operatesUnderCommandOf", "Southern Council") in found
    assert ("Velka Liberation Army", "designatedTerroristBy", "Mali") in found


def test_alliance_and_part_of(extract_text, facts):
    found = facts(extract_text(
        "The Velka Liberation Army agreed to fight alongside the Red Hills Brigade. "
        "In September the Red Hills Brigade merged into the Northern Alliance."
    ))
    assert ("Velka Liberation Army", "alliedWith", "Red Hills Brigade") in found
    assert ("Red Hills Brigade", "partOf", "Northern Alliance") in found


def test_citizenship_membership_and_weapons(extract_text, facts):
    found = facts(extract_text(
        "The Red Hills Brigade says it has Type-81 rifles. "
        "Jonas Veltri, a member of the Red Hills Brigade, is a Malian citizen who received French "
        "citizenship in 2015."
    ))
    assert ("Red Hills Brigade", "hasWeapon", "Type-81 rifle") in found
    assert ("Jonas Veltri", "memberOf", "Red Hills Brigade") in found
    assert ("Jonas Veltri", "citizenOf", "Mali") in found and ("Jonas Veltri", "citizenOf", "France") in found


def test_terrorist_designation_by_a_state(extract_text, facts):
    found = facts(extract_text("The Red Hills Brigade is considered a terrorist group by the Malian authorities."))
    assert ("Red Hills Brigade", "designatedTerroristBy", "Mali") in found


def test_national_army_names_are_one_entity(extract_text, facts):
    ex = extract_text("Malian troops fought the brigade. The Malian army said the Armed Forces of Mali had won.")
    armies = [e for e in ex.entities.values() if e.cls == "GovernmentBody"]
    assert [a.label for a in armies] == ["Armed Forces of Mali"]
    assert {"Malian troops", "Malian army"} <= armies[0].aliases


def test_no_facts_from_text_without_entities(extract_text, facts):
    assert extract_text("It rained all day and the market stayed closed.").statements == []
