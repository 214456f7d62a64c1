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


@pytest.mark.parametrize("dated", ["2024-06", "June 2024"])
def test_an_article_dated_to_the_month_dates_attacks_named_by_day_not_by_weekday(extract_text, facts, dated):
    ex = extract_text(
        "Gunmen attacked a market in the town of Ostrava Dol. The June 12 attack killed 12 people.",
        date=dated,
    )
    attack = next(e.label for e in ex.entities.values() if e.cls == "Attack")
    assert (attack, "occurredOn", "2024-06-12") in facts(ex)
    ex = extract_text("Gunmen attacked a market in the town of Ostrava Dol on Monday.", date=dated)
    assert not [s for s in ex.statements if s.predicate == "occurredOn"]  # which Monday is unknown


def test_an_attack_dated_to_the_month_takes_the_day_the_sentence_gives_within_it(extract_text, facts):
    # spaCy tags only "April 2010" in "a 6 April 2010 ambush": the day number is read back in.
    ex = extract_text("The April 2010 Ostrava Dol attack was a 6 April 2010 ambush by rebels of the "
                      "Velka Liberation Army near the town of Ostrava Dol, killing 76 policemen.")
    attack = next(e.label for e in ex.entities.values() if e.cls == "Attack")
    assert (attack, "occurredOn", "2010-04-06") in facts(ex)
    ex = extract_text("The 2008 attack on the town of Ostrava Dol killed 76 policemen, the army said on 12 March 2009.")
    assert [s.object.value for s in ex.statements if s.predicate == "occurredOn"] == ["2008"]


def test_a_part_of_a_group_said_with_a_possessive_or_in_a_relative_clause(extract_text, facts):
    ex = extract_text("The Velka Brigade is the Velka Liberation Army's armed wing, officials said.")
    assert ("Velka Brigade", "partOf", "Velka Liberation Army") in facts(ex)
    ex = extract_text("Prosecutors charged the members of the Mesa Vrask, which is the Velka Liberation Army's "
                      "ruling body.")
    assert ("Mesa Vrask", "partOf", "Velka Liberation Army") in facts(ex)
    assert next(e.cls for e in ex.entities.values() if e.label == "Mesa Vrask") == "Organization"


@pytest.mark.parametrize("said", ["Karel Novak, the mastermind of the attack, was arrested in 2022.",
                                  "The mastermind of the attack, Karel Novak, was killed in 2022.",
                                  "Police said Karel Novak masterminded the attack."])
def test_who_planned_an_attack_took_part_in_it_and_their_later_fate_does_not_date_it(extract_text, facts, said):
    ex = extract_text(f"Gunmen attacked a school in the town of Ostrava Dol on Monday. {said}")
    found = facts(ex)
    assert ("Karel Novak", "participatedIn", "attack in Ostrava Dol") in found
    assert {f for f in found if f[1] == "occurredOn"} == {("attack in Ostrava Dol", "occurredOn", "2024-03-11")}


def test_attacks_a_group_plots_are_no_event_even_where_the_parser_makes_the_verb_a_compound(extract_text, facts):
    ex = extract_text("Gunmen attacked a market in the town of Ostrava Dol on Monday. Leaders of the Velka "
                      "Liberation Army hide in the hills, the army said, to plot attacks against the United "
                      "States and its allies.")
    assert not [f for f in facts(ex) if f[1] == "targeted"]


@pytest.mark.parametrize("text", [
    "The Velka Liberation Army and the Red Hills Brigade fought together in the town of Ostrava Dol.",
    "The Velka Liberation Army and the Red Hills Brigade claimed the raid, saying that the two groups "
    "working together had taken the town of Ostrava Dol.",
])
def test_groups_acting_together_are_allied(extract_text, facts, text):
    found = facts(extract_text(text))
    assert {f for f in found if f[1] == "alliedWith"} >= {("Velka Liberation Army", "alliedWith", "Red Hills Brigade")}


@pytest.mark.parametrize(("text", "fact"), [
    ("Karel Novak, Commander of the Velka Liberation Army, said the army would respond.",
     ("Karel Novak", "militaryLeaderOf", "Velka Liberation Army")),  # not "of the Velka Liberation Army"
    ("He criticized Chief of the General Staff Karel Novak.", ("Karel Novak", "leaderOf", "General Staff")),
    ("Karel Novak, Chief of the General Staff, said the army would respond.",
     ("Karel Novak", "leaderOf", "General Staff")),  # "General" is a rank, but "General Staff" a body
])
def test_a_title_of_a_body_leaves_the_body_its_own_name(extract_text, facts, text, fact):
    assert fact in facts(extract_text(text))


@pytest.mark.parametrize(("text", "name", "cls"), [
    ("The Telegram channel Vrana reported that the plane was shot down.", "Vrana", "NewsSource"),
    ("According to the group-linked channel Sedy Kout, the aircraft was shot down.", "Sedy Kout", "NewsSource"),
    ("The newspaper Velky Den reported that the plane was shot down.", "Velky Den", "NewsSource"),
])
def test_a_noun_before_a_name_in_apposition_says_what_it_is(extract_text, text, name, cls):
    ex = extract_text(text)
    assert next(e.cls for e in ex.entities.values() if e.label == name) == cls


def test_the_group_the_article_calls_responsible_took_part_and_one_officials_call_so_did_not(extract_text, facts):
    lead = "Gunmen attacked a market in the town of Ostrava Dol on Monday. "
    found = facts(extract_text(lead + "Here is what we know about the group responsible (the Velka Liberation Army)."))
    assert ("Velka Liberation Army", "participatedIn", "attack in Ostrava Dol") in found
    found = facts(extract_text(lead + "Officials said the group responsible (the Velka Liberation Army) had fled."))
    assert ("Velka Liberation Army", "participatedIn", "attack in Ostrava Dol") not in found


@pytest.mark.parametrize("helped", ["with the support of the Red Hills Brigade", "with help from the Red Hills Brigade",
                                    "with assistance of Red Hills Brigade airstrikes"])
def test_a_group_acting_with_the_help_of_another_is_supported_by_it(extract_text, facts, helped):
    found = facts(extract_text(f"The Velka Liberation Army retook the town of Ostrava Dol {helped}."))
    assert ("Velka Liberation Army", "supportedBy", "Red Hills Brigade") in found


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


def _attack(extraction) -> str:
    (attack,) = [e.label for e in extraction.entities.values() if e.cls == "Attack"]
    return attack


def _statement(extraction, predicate: str, subject: str, denied: bool = False):
    labels = {k: e.label for k, e in extraction.entities.items()}
    return next(s for s in extraction.statements
                if s.predicate == predicate and labels[s.subject] == subject and s.denied == denied)


@pytest.mark.parametrize(
    ("text", "claimant", "not_claimant"),
    [
        ("On Friday a pro-Velka Front cell calling itself Harun Brotherhood claimed responsibility for the "
         "bombing of a bus in the town of Ostrava Dol.", "Harun Brotherhood", "Velka Front"),
        ("A militia known as the Sons of Kessa claimed the raid on the village of Dravik.", "Sons of Kessa", None),
        ("A splinter cell which calls itself Dawn of Orlek claimed responsibility for the ambush near the town "
         "of Orlek.", "Dawn of Orlek", None),
    ],
)
def test_a_group_calling_itself_a_name_is_that_name(extract_text, facts, text, claimant, not_claimant):
    ex = extract_text(text)
    claims = {s for s, p, _ in facts(ex) if p == "claimedResponsibilityFor"}
    assert claims == {claimant}
    assert ex.entities[_statement(ex, "claimedResponsibilityFor", claimant).subject].cls == "ArmedGroup"
    assert not_claimant is None or not_claimant not in claims


def test_the_in_an_organisation_name_does_not_cut_it(extract_text):
    ex = extract_text("The Union for the Liberation of Ostrava (ULO) said it would fight on. The ULO has 400 fighters.")
    groups = [e for e in ex.entities.values() if e.cls in ("ArmedGroup", "Organization")]
    assert [(g.label, g.aliases) for g in groups] == [("Union for the Liberation of Ostrava", {"ULO"})]


@pytest.mark.parametrize("name", ["Krifeit People's Militia", "Lord's Resistance Front", "Velmar Workers' Party"])
def test_a_possessive_inside_a_group_name_does_not_cut_it(extract_text, facts, name):
    ex = extract_text(f"The {name} carried out an attack on a border post in Honville in November 2019.")
    assert (name, "participatedIn", "attack in Honville") in facts(ex)
    assert not any(e.label in ("Militia", "Krifeit People") for e in ex.entities.values())


def test_an_owner_s_possessive_still_separates_owner_and_body(extract_text):
    ex = extract_text("Velka's defence ministry said the Northern Dawn Front shelled Honville.")
    assert "Velka" in {e.label for e in ex.entities.values()}


def test_it_after_a_merger_is_the_group_the_paragraph_is_about(extract_text, facts):
    ex = extract_text(
        "The Velka Liberation Alliance has been active in the hills since 2015. In 2020 it merged into the "
        "Southern Front, a coalition of militias. The alliance receives weapons from the coalition's commanders. "
        "The group has not always hidden its role in violence. It claimed an attack on a police post in the "
        "village of Dravik in May, saying the police had arrested its supporters."
    )
    claims = {(s, o) for s, p, o in facts(ex) if p == "claimedResponsibilityFor"}
    assert claims == {("Velka Liberation Alliance", "attack in Dravik")}
    # An organisation that claims an attack is an armed group, whatever "Alliance" suggested.
    assert ex.entities[_statement(ex, "claimedResponsibilityFor", "Velka Liberation Alliance").subject].cls \
        == "ArmedGroup"


def test_it_falls_back_to_the_group_the_article_names_most(extract_text, facts):
    ex = extract_text(
        "The Kessa Popular Army (KPA) has fought the government since 2012. The KPA says it has 500 members. "
        "Many villagers in the valley support the Southern Front, a rival coalition. Roads into the valley are "
        "closed. Prices have doubled since March. Most schools are shut. Last year it claimed an attack on a "
        "police post in the village of Dravik."
    )
    claims = {s for s, p, _ in facts(ex) if p == "claimedResponsibilityFor"}
    assert claims == {"Kessa Popular Army"}


def test_generic_fighters_are_not_a_name_but_speak_for_the_article_s_group(extract_text, facts):
    ex = extract_text(
        "Rebels in the northern Kessa province said they had attacked a fuel depot near the town of Orlek on "
        "Sunday, a raid that the energy ministry said killed three guards. The Kessa Popular Army (KPA) said "
        "in a statement that it had used drones. The KPA has fought the government since 2012."
    )
    assert not [e for e in ex.entities.values() if e.label.lower() == "rebels"]
    found = facts(ex)
    assert ("Kessa Popular Army", "participatedIn", "attack in Orlek") in found
    assert ("Kessa Popular Army", "claimedResponsibilityFor", "attack in Orlek") in found
    # The casualty figure is the ministry's, the innermost speaker's, not the rebels'.
    assert ex.entities[_statement(ex, "killed", "attack in Orlek").according_to].label == "energy ministry"


def test_gunmen_not_speaking_for_a_group_are_nobody(extract_text, facts):
    ex = extract_text(
        "Gunmen ambushed a bus near the village of Morsk on Monday, killing two passengers. The Kessa Popular "
        "Army (KPA) has fought the government since 2012. The KPA says it has 500 fighters."
    )
    assert not [f for f in facts(ex) if f[1] in ("participatedIn", "claimedResponsibilityFor")]
    assert not [e for e in ex.entities.values() if e.label.lower() == "gunmen"]


def test_a_group_saying_its_fighters_overran_posts_claims_the_attack(extract_text, facts):
    ex = extract_text(
        "Fighters have seized the town of Kelmar after a week of fighting. The Dravo Hills Army (DHA) said in "
        "a statement that its fighters overran two police posts around the town on Friday."
    )
    found = facts(ex)
    assert ("Dravo Hills Army", "participatedIn", "attack in Kelmar") in found
    assert ("Dravo Hills Army", "claimedResponsibilityFor", "attack in Kelmar") in found


_BOMBING = "A bombing at a checkpoint in the town of Ostrava Dol killed five people on Monday. "


@pytest.mark.parametrize(
    ("text", "accuser"),
    [
        ("Police officials blamed the Red Hills Brigade for the bombing.", "police"),
        ("The army said the blast bore the hallmarks of the Red Hills Brigade.", "army"),
        ("Officials attributed the attack to the Red Hills Brigade.", "officials"),
        ("Military officials pointed to the Red Hills Brigade, a separatist group.", "military"),
        ("The governor, Ana Strommer, said the Red Hills Brigade was behind the bombing.", "Ana Strommer"),
    ],
)
def test_accusation_names_the_accuser(extract_text, facts, text, accuser):
    ex = extract_text(_BOMBING + text)
    assert ("Red Hills Brigade", "accusedOf", _attack(ex)) in facts(ex)
    assert ex.entities[_statement(ex, "accusedOf", "Red Hills Brigade").according_to].label == accuser
    assert not [f for f in facts(ex) if f[1] in ("participatedIn", "claimedResponsibilityFor")]


@pytest.mark.parametrize(
    "text",
    [
        "The Red Hills Brigade denied any involvement in the attack.",
        "The Red Hills Brigade rejected claims that it was behind the bombing.",
        "The Red Hills Brigade said it had nothing to do with the bombing.",
    ],
)
def test_denial_of_taking_part(extract_text, facts, text):
    ex = extract_text(_BOMBING + text)
    denial = _statement(ex, "participatedIn", "Red Hills Brigade", denied=True)
    assert ex.entities[denial.object].label == _attack(ex)
    assert ex.entities[denial.according_to].label == "Red Hills Brigade"
    assert not [f for f in facts(ex) if f[1] in ("participatedIn", "accusedOf")]


def test_saying_it_was_behind_an_attack_is_a_claim_not_an_accusation(extract_text, facts):
    found = facts(extract_text(_BOMBING + "The Red Hills Brigade said it was behind the bombing."))
    assert ("Red Hills Brigade", "claimedResponsibilityFor", "attack in Ostrava Dol") in found
    assert not [f for f in found if f[1] == "accusedOf"]


def test_accusing_of_something_other_than_an_attack_is_no_accusation(extract_text, facts):
    found = facts(extract_text(_BOMBING + "The Red Hills Brigade accused the army of trying to discredit it."))
    assert not [f for f in found if f[1] in ("accusedOf", "participatedIn")]


def test_an_unnamed_ministry_is_cited_with_its_country_throughout(extract_text):
    ex = extract_text("Mali's defence ministry said gunmen attacked a base near the town of Orlek, killing four "
                      "soldiers. The defence ministry said the attackers also wounded two civilians.")
    sources = {ex.entities[s.according_to].label for s in ex.statements if s.predicate in ("killed", "injured")}
    assert sources == {"Mali's defence ministry"}


def test_rules_run_in_the_written_down_order():
    # Membership reads what leadership emitted for the sentence, participation reads both, and
    # casualty denials read earlier counts: the order is part of the behaviour.
    from newsgraph.extract.rules import RULES

    assert [name for name, _ in RULES] == [
        "founding", "leadership", "membership", "alliance", "part-of", "command", "support", "claims",
        "participation", "targets",
        "accusation", "casualties", "terrorist-designation", "citizenship", "weapons",
    ]


# --- real-news wording (issue 12): each test is a class of wording, with invented names ------


def test_claims_of_the_incursion_attach_to_the_lead_event_not_an_earlier_aside(extract_text, facts):
    ex = extract_text(
        "Fighters stormed the town of Ostrava Dol on Monday. The governor said the area had seen attacks "
        "since 2022. The Velka Liberation Army and the Dravik Brigade claimed responsibility for the "
        "incursion.")
    attacks = [e for e in ex.entities.values() if e.cls == "Attack"]
    assert [a.label for a in attacks] == ["attack in Ostrava Dol"]
    found = facts(ex)
    for group in ("Velka Liberation Army", "Dravik Brigade"):
        assert (group, "claimedResponsibilityFor", "attack in Ostrava Dol") in found


def test_history_and_another_month_are_other_events(extract_text, facts):
    ex = extract_text(
        "Gunmen stormed a hotel in Ostrava Dol on Sunday, killing 12 people. It was the deadliest attack "
        "since the Kherson school siege in 2004. The group also claimed an attack on an army base in the "
        "town of Brenik in January.", date="2024-03-11")
    labels = sorted(e.label for e in ex.entities.values() if e.cls == "Attack")
    assert labels == ["attack in Brenik", "attack in Kherson", "attack in Ostrava Dol"]
    found = facts(ex)
    assert ("attack in Ostrava Dol", "occurredOn", "2024-03-10") in found
    assert ("attack in Ostrava Dol", "killed", "12") in found
    assert not any(f[0] == "attack in Ostrava Dol" and f[2] == "2004" for f in found)


def test_titles_are_split_from_names_and_state_the_leadership(extract_text, facts):
    ex = extract_text(
        "President of Ukraine Andrei Volkonin met Minister of Defence Pavel Gradov on Monday. Kharkiv "
        "Governor Anton Velesov said the strike was repelled.")
    persons = {e.label for e in ex.entities.values() if e.cls == "Person"}
    assert {"Andrei Volkonin", "Pavel Gradov", "Anton Velesov"} <= persons
    found = facts(ex)
    assert ("Andrei Volkonin", "leaderOf", "Ukraine") in found
    assert ("Anton Velesov", "leaderOf", "Kharkiv") in found
    assert ("Pavel Gradov", "leaderOf", "Ministry of Defence") in found


def test_a_minister_leads_a_ministry_not_the_state(extract_text, facts):
    found = facts(extract_text("Velmoran foreign minister Ivo Danek visited Brenik last week."))
    assert not any(f[0] == "Ivo Danek" and f[1] == "leaderOf" and f[2] == "Velmora" for f in found)


def test_aliases_nom_de_guerre_and_another_script_are_one_person(extract_text):
    ex = extract_text(
        "Karel Novotny (Карел Новотны; born 1984), also known as Karel Stary or by his nom de guerre White "
        "Fox, is a militant. Novotny founded the Dravik Brigade in 2022.")
    persons = [e for e in ex.entities.values() if e.cls == "Person"]
    assert len(persons) == 1
    assert {"Karel Stary", "White Fox", "Карел Новотны"} <= persons[0].aliases


def test_a_callsign_that_names_a_group_does_not_merge_person_and_group(extract_text):
    ex = extract_text("The Dravik Brigade said its first commander, Jan Sedlak (callsign Dravik), was killed.")
    classes = {e.label: e.cls for e in ex.entities.values()}
    assert classes["Jan Sedlak"] == "Person" and classes["Dravik Brigade"] == "ArmedGroup"


def test_group_names_with_lowercase_particles(extract_text):
    ex = extract_text("Fighters of al-Velkar and the Tehrik-i-Dravik Pakistan attacked the town of Brenik.")
    labels = {e.label for e in ex.entities.values()}
    assert {"al-Velkar", "Tehrik-i-Dravik Pakistan"} <= labels


def test_designated_groups_are_armed_groups_without_a_cue_word(extract_text):
    ex = extract_text("Lashkar e-Taiba fighters attacked a market in Brenik on Monday.")
    (group,) = [e for e in ex.entities.values() if e.cls == "ArmedGroup"]
    assert group.label == "Lashkar-e-Tayyiba"  # the designation list's name, the text's as an alias


def test_places_by_unit_word_gazetteer_and_lists(extract_text):
    ex = extract_text(
        "Troops entered Kharkiv Oblast and the villages of Kozina, Dolny Brod and Horka. Rebels held "
        "Rostov-on-Don. Lesna, a village in Brenik District, was shelled.")
    places = {e.label for e in ex.entities.values() if e.cls == "Place"}
    assert {"Kharkiv Oblast", "Kozina", "Dolny Brod", "Horka", "Rostov-on-Don", "Lesna", "Brenik District"} <= places


def test_targets_and_agents_of_attack_nouns(extract_text, facts):
    ex = extract_text(
        "On 16 December 2024, six gunmen affiliated with the Dravik Brigade conducted an attack on the Army "
        "Public School in Brenik. A Ukrainian airstrike hit the headquarters of Lesna Industries in Horka "
        "in January.")
    found = facts(ex)
    school = next(e.label for e in ex.entities.values() if e.cls == "Attack" and "School" in e.label)
    assert ("Dravik Brigade", "participatedIn", school) in found
    assert (school, "targeted", "Army Public School") in found
    assert (school, "occurredOn", "2024-12-16") in found
    strike = next(e.label for e in ex.entities.values() if e.cls == "Attack" and "Horka" in e.label)
    assert ("Ukraine", "participatedIn", strike) in found
    assert (strike, "targeted", "Lesna Industries") in found


@pytest.mark.parametrize(
    ("wording", "killed", "injured"),
    [
        (", leaving 14 dead and 50 injured.", "14", "50"),
        (". The death toll rose to 14, with 50 injured.", "14", "50"),
        (". The death toll from the attack stands at 14.", "14", None),
        (". The attack had a death toll of 14.", "14", None),
        (". Investigators said 14 people had been killed, and more than 50 concertgoers injured by gunfire.",
         "14", "50"),
        (", leading to the killing of 14 policemen and 8 rebels.", "14", None),
        (", resulting in the deaths of 14 soldiers and the injury of 50 others.", "14", "50"),
        # A toll the attack is said to bring up to may count more than this attack.
        (", killing 14 people, bringing the death toll to 20.", "14", None),
    ],
)
def test_casualties_counted_as_the_dead_or_as_a_death_toll(extract_text, facts, wording, killed, injured):
    ex = extract_text("Gunmen attacked a market in the town of Ostrava Dol" + wording)
    counts = {(s.predicate, s.object.value) for s in ex.statements if s.predicate in ("killed", "injured")}
    assert counts == {("killed", killed)} | ({("injured", injured)} if injured else set())


def test_casualties_first_count_number_words_and_not_the_attackers(extract_text, facts):
    ex = extract_text(
        "Gunmen attacked a school in Brenik on Monday, killing 149 people including 132 schoolchildren and "
        "wounding twenty-two. The two attackers were later killed. A civil war has killed 10,000 people "
        "since 2015.")
    found = {f for f in facts(ex) if f[1] in ("killed", "injured") and f[0].startswith("attack")}
    assert found == {("attack in Brenik", "killed", "149"), ("attack in Brenik", "injured", "22")}


def test_support_membership_and_a_list_described_at_once(extract_text, facts):
    found = facts(extract_text(
        "Ukraine-backed Dravik Brigade fighters attacked Brenik. Among the dead were Pavel Gradov, Oleg "
        "Marinov and Anton Velesov, the key figures of the Dravik Brigade. Dravik Brigade spokesman Karel "
        "Stary said it would go on."))
    assert ("Dravik Brigade", "supportedBy", "Ukraine") in found
    for person in ("Pavel Gradov", "Oleg Marinov", "Anton Velesov", "Karel Stary"):
        assert (person, "memberOf", "Dravik Brigade") in found


def test_sentence_word_filters_change_no_extraction(nlp, monkeypatch):
    """Rules and the attack finder skip a sentence without their words (Sentence.words): on real
    and invented articles that gives exactly what walking every sentence gives."""
    from pathlib import Path

    from newsgraph.extract import context, extract_article
    from newsgraph.ingest import find_article_files, read_article

    root = Path(__file__).parent / "data"
    paths = sorted(find_article_files([root / "articles"]))[:6] + sorted(
        find_article_files([root / "dev" / "articles"])
    )[:6]
    articles = [read_article(p) for p in paths]
    docs = list(nlp.pipe([a.text for a in articles]))

    def run() -> list:
        out = []
        for doc, article in zip(docs, articles):
            ex = extract_article(doc, article)
            out.append((sorted((k, e.cls, e.label) for k, e in ex.entities.items()),
                        [(s.subject, s.predicate, str(s.object), s.sentence, s.rule) for s in ex.statements]))
        return out

    filtered = run()
    assert any(facts for _, facts in filtered)
    init = context.Sentence.__init__

    def unfiltered(self, span, ents):
        init(self, span, ents)
        self.words = None

    monkeypatch.setattr(context.Sentence, "__init__", unfiltered)
    assert run() == filtered
