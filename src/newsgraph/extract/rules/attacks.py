"""Who took part in, claimed, or is accused of an attack."""

from __future__ import annotations

from spacy.tokens import Span, Token

from newsgraph.extract.context import AGENT_CLASSES, ArticleContext
from newsgraph.extract.rules.common import (
    ARMED,
    GROUPS,
    PERSON,
    attack_in,
    children,
    entities,
    has_attack,
    has_words,
    is_passive,
    passive_agent,
    pobj,
    subject,
    triggered_by,
)
from newsgraph.gazetteer import gazetteer

PARTICIPATION_VERBS = {
    "participate",
    "carry",
    "launch",
    "stage",
    "conduct",
    "mount",
    "perpetrate",
    "involve",
    "execute",
    "orchestrate",
    "mastermind",
    "organize",
    "organise",
    "commit",
    "lead",
    "undertake",
    "claim",
}
# Who planned an attack: "the mastermind of the attack, X", "X, the organiser of the raid".
PLANNER_NOUNS = {"mastermind", "organizer", "organiser", "architect", "planner", "perpetrator"}
# "the group responsible (G)": nouns for the body the article says was responsible.
_RESPONSIBLE_HEADS = {"group", "organization", "organisation", "faction", "militia", "movement", "network"}
# The words that may start a participation with no attack word in the sentence ("took part in it").
_PARTICIPATION_WORDS = frozenset(PARTICIPATION_VERBS | PLANNER_NOUNS | {"take", "responsible"})
CLAIM_NOUNS = {"responsibility", "credit"}
# "took responsibility", "accepted responsibility": a claim without the word "claim".
CLAIM_VERBS = {"claim", "take", "accept", "assume", "admit", "acknowledge"}
# Nouns for the people who carry out an attack: "six gunmen affiliated with G", "G fighters".
COMBATANT_HEADS = {
    "gunman",
    "attacker",
    "assailant",
    "bomber",
    "militant",
    "fighter",
    "insurgent",
    "rebel",
    "terrorist",
    "operative",
    "member",
    "jihadist",
    "guerrilla",
    "hijacker",
    "commando",
    "man",
    "soldier",
    "troop",
    "force",
    "unit",
    "cell",
    "squad",
    "raider",
    "kidnapper",
    "perpetrator",
}
AFFILIATION_WORDS = {
    "affiliate",
    "affiliated",
    "associate",
    "associated",
    "link",
    "linked",
    "loyal",
    "belong",
    "tie",
    "tied",
    "connect",
    "connected",
}
TARGETED = frozenset({"Place", "Organization", "GovernmentBody", "Person", "ArmedGroup", "Country"})
# "the hijacking of X", "the siege of X": an attack whose "of" names what was attacked.
_OF_TARGET_NOUNS = {
    "hijacking",
    "siege",
    "bombing",
    "kidnapping",
    "abduction",
    "storming",
    "shelling",
    "bombardment",
    "assault",
    "massacre",
}


_HIT_VERBS = {"hit", "strike", "target", "destroy", "damage", "rock", "tear", "devastate", "level"}
# "an attack on the headquarters of X": the premises stand for their owner.
_PREMISES = {
    "headquarters",
    "office",
    "offices",
    "base",
    "compound",
    "building",
    "premises",
    "embassy",
    "consulate",
    "residence",
    "camp",
    "facility",
    "plant",
    "factory",
    "station",
    "outpost",
}


def combatants_group(ctx: ArticleContext, noun: Token | None) -> str | None:
    """The group that fighters belong to: "G fighters", "insurgents from G", "militants of G",
    "six gunmen affiliated with G", "attackers associated with G"."""
    if noun is None or noun.lemma_.lower() not in COMBATANT_HEADS:
        return None
    for c in noun.children:
        if c.dep_ in ("compound", "amod", "nmod", "poss") and (key := ctx.entity(c, GROUPS)):
            return key
    for p in pobj(noun, "from", "of", "with", "in"):
        if key := ctx.entity(p, GROUPS):
            return key
    for c in noun.children:
        if c.dep_ in ("acl", "amod", "relcl") and c.lemma_.lower() in AFFILIATION_WORDS | {c.lower_}:
            for p in pobj(c, "with", "to"):
                if key := ctx.entity(p, GROUPS):
                    return key
    return None


def agents(ctx: ArticleContext, tok: Token | None, want: frozenset[str]) -> list[str]:
    """The agents a subject or "by" phrase names, or the group of the fighters it names."""
    found = entities(ctx, tok, want)
    if not found and (group := combatants_group(ctx, tok)):
        found = [group]
    return found


_MODIFIER_AGENTS = frozenset({"ArmedGroup", "Country", "GovernmentBody"})


def _noun_agents(ctx: ArticleContext, noun: Token) -> list[str]:
    """Who an attack noun says carried it out: "an attack by G", "G's attack", "a U.S. airstrike",
    "an ambush by insurgents from G"."""
    found: list[str] = []
    for p in pobj(noun, "by"):
        found += agents(ctx, p, GROUPS | PERSON | frozenset({"Country"}))
    for c in children(noun, "poss", "compound", "amod", "nmod"):
        if c.i in ctx.demonym and c.dep_ in ("amod", "compound"):
            found.append(ctx.country_entity(ctx.demonym[c.i]))
        elif c.dep_ == "poss" and (key := ctx.entity(c, GROUPS | PERSON | frozenset({"Country"}))):
            found.append(key)
        elif key := ctx.entity(c, _MODIFIER_AGENTS):
            found.append(key)  # "a U.S. airstrike", "an al-Velkar attack"; not "the Kichwamba massacre"
    return list(dict.fromkeys(found))


@triggered_by(lambda g: CLAIM_VERBS)
def claims(ctx: ArticleContext, sent: Span) -> None:
    """ "G claimed responsibility for A", "G took responsibility for A", "responsibility was
    claimed for A", "A was claimed by G"."""
    for tok in sent:
        if tok.lemma_ not in CLAIM_VERBS or tok.pos_ != "VERB":
            continue
        passive = is_passive(tok)
        subj = subject(tok) if passive else None
        objects = children(tok, "dobj") + ([subj] if subj is not None else [])
        attack = None
        if any(o.lemma_ in CLAIM_NOUNS for o in objects):
            fors = pobj(tok, "for") + [p for o in objects for p in pobj(o, "for")]
            attack = attack_in(ctx, fors) or (ctx.attacks.latest(tok.i) if not fors else None)
        elif tok.lemma_ == "claim":
            attack = attack_in(ctx, objects)
        if attack is None:
            continue
        if passive:
            claimants = entities(ctx, passive_agent(tok), GROUPS | PERSON)
            if not claimants:
                # "Responsibility has been claimed for the attack": by the group just discussed.
                recent = ctx.recent(tok.i, ARMED, window=1)
                claimants = [recent] if recent else []
        else:
            claimants = agents(ctx, subject(tok), GROUPS | PERSON)
        for group in claimants:
            if ctx.cls(group) == "Person" and (own := ctx.group_of_person(group)):
                group = own  # "the group's spokesman X claimed responsibility": the group claims
            ctx.emit(
                group,
                "claimedResponsibilityFor",
                attack,
                tok,
                rule="claim",
                source=ctx.source_for(tok) or group,
            )


def participation(ctx: ArticleContext, sent: Span) -> None:
    """ "G participated in A", "G carried out A", "G attacked X", "gunmen from G stormed X",
    "an attack by G", "G's raid", "45 of his men were involved"."""
    if not (has_attack(ctx, sent) or has_words(sent, _PARTICIPATION_WORDS)):
        return
    for tok in sent:
        if tok.pos_ in ("NOUN", "PROPN") and (attack := ctx.attacks.at(tok)) is not None:
            for agent in _noun_agents(ctx, tok):
                if ctx.cls(agent) != "NewsSource":
                    ctx.emit(agent, "participatedIn", attack, tok, rule="attack-agent")
            continue
        if tok.lower_ == "responsible" and tok.dep_ == "amod" and tok.head.lemma_ in _RESPONSIBLE_HEADS:
            _responsible_group(ctx, tok)
            continue
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in PLANNER_NOUNS:
            if (attack := attack_in(ctx, pobj(tok, "of", "behind"))) is not None:
                for agent in agents(ctx, _described_by(tok), GROUPS | PERSON):
                    if ctx.cls(agent) != "NewsSource":
                        ctx.emit(agent, "participatedIn", attack, tok, rule="planner")
            continue
        if tok.pos_ != "VERB":
            continue
        attack = None
        if (key := ctx.attacks.at(tok)) is not None:
            attack = key
        elif tok.dep_ == "acl" and tok.lemma_ in PARTICIPATION_VERBS and (key := ctx.attacks.at(tok.head)):
            attack = key  # "a car bomb attack carried out by G", "a campaign launched by G"
        elif tok.lemma_ in PARTICIPATION_VERBS or (
            tok.lemma_ == "take" and any(c.lower_ == "part" for c in tok.children)
        ):
            if tok.lemma_ == "claim":
                continue  # claims are the claims rule's
            attack = attack_in(ctx, pobj(tok, "in", "for", "on") + children(tok, "dobj"))
        if attack is None:
            continue
        if is_passive(tok) and tok.lemma_ != "involve":
            subjects = agents(ctx, passive_agent(tok), AGENT_CLASSES - {"NewsSource"})
        else:
            subj = subject(tok)
            subjects = agents(ctx, subj, GROUPS | PERSON)
            if (
                not subjects
                and subj is not None
                and subj.lemma_ in ("man", "fighter", "member", "militant", "soldier")
            ):
                # "45 men were involved", said by a commander: his group took part.
                speaker = ctx.source_for(tok)
                if speaker and ctx.cls(speaker) == "Person":
                    group = ctx.group_of_person(speaker)
                    subjects = [group] if group else []
        source = ctx.source_for(tok)
        for agent in subjects:
            if ctx.cls(agent) in GROUPS | PERSON and ctx.cls(agent) != "NewsSource":
                ctx.emit(agent, "participatedIn", attack, tok, rule="participation")
                if source == agent and ctx.cls(agent) == "ArmedGroup" and not ctx.denied(tok):
                    # A group saying it carried out an attack is claiming it.
                    ctx.emit(
                        agent, "claimedResponsibilityFor", attack, tok, rule="self-reported-participation"
                    )


def _responsible_group(ctx: ArticleContext, word: Token) -> None:
    """ "the group responsible (G)", "G, the group responsible for the raid": in the article's
    own voice, G took part in the attack (the one named, else the one just discussed)."""
    if ctx.is_reported(word):
        return  # "officials said the group responsible ...": an accusation, the accusation rule's
    fors = pobj(word, "for")
    attack = attack_in(ctx, fors) if fors else ctx.attacks.latest(word.i)
    noun = word.head
    named = [*children(noun, "appos"), *children(word, "npadvmod", "appos")]
    if noun.dep_ == "appos":
        named.append(noun.head)
    for agent in dict.fromkeys(k for c in named for k in agents(ctx, c, GROUPS)):
        if attack is not None and ctx.cls(agent) != "NewsSource":
            ctx.emit(agent, "participatedIn", attack, word, rule="responsible")


def _described_by(noun: Token) -> Token | None:
    """Who a describing noun is said of: "X, the mastermind", "the mastermind, X", "X was the
    mastermind"."""
    if noun.dep_ == "appos":
        return noun.head
    if appos := children(noun, "appos"):
        return appos[0]
    if noun.dep_ == "attr":
        return subject(noun.head)
    return None


def targets(ctx: ArticleContext, sent: Span) -> None:
    """What an attack was on: "an attack on X", "the hijacking of X", "gunmen stormed X", "X was
    struck", "strikes on G operatives"."""
    if not has_attack(ctx, sent):
        return
    for tok in sent:
        attack = ctx.attacks.at(tok)
        if attack is None:
            continue
        if tok.pos_ == "VERB":
            slots = [subject(tok)] if is_passive(tok) else children(tok, "dobj")
        else:
            preps = ("on", "against", "upon") + (("of",) if tok.lemma_.lower() in _OF_TARGET_NOUNS else ())
            slots = pobj(tok, *preps)
            if tok.dep_ == "nsubj" and tok.head.lemma_ in _HIT_VERBS:
                slots += children(tok.head, "dobj")  # "an airstrike hit the headquarters of X"
        for slot in slots:
            if slot is None:
                continue
            found = entities(ctx, slot, TARGETED) or [
                k for k in (combatants_group(ctx, slot), ctx.named_by_head(slot, TARGETED)) if k
            ]
            if not found and slot.lemma_ in _PREMISES:
                found = [k for p in pobj(slot, "of") if (k := ctx.entity(p, TARGETED))]
            for target in found[:1]:
                if ctx.entities[attack].place != target or ctx.cls(target) != "Country":
                    ctx.emit(attack, "targeted", target, tok, rule="target")


@triggered_by(lambda g: g.accusation_cues)
def accusation(ctx: ArticleContext, sent: Span) -> None:
    """ "officials blamed G for the attack", "the bombing bears the hallmarks of G", "police said G
    was behind the raid": G is accused, according to the accuser. "G denied any involvement in the
    attack", "G rejected claims that it was behind it": G denies taking part. Cues are data
    (``accusation_words.tsv``)."""
    for cue in sent:
        cues = gazetteer().accusation_cues.get(cue.lemma_.lower(), [])
        hosts = [cue, *children(cue, "dobj", "relcl", "acl", "xcomp", "acomp", "oprd")]
        found = next((c for c in cues if not c[0] or _preps(hosts, c[0])), None)
        if found is None or (cue.pos_ == "ADP" and cue.dep_ != "prep"):
            continue
        prep, stance, accused_at, attack_at = found
        is_verb = cue.pos_ == "VERB"
        accused = entities(ctx, _cue_slot(cue, hosts, accused_at, pobj=True), GROUPS | PERSON)
        attack = _cue_attack(ctx, cue, hosts, attack_at)
        if not accused or attack is None:
            continue
        denial = stance == "negative" or (not (stance == "accuse" and is_verb) and ctx.denied(cue))
        if denial:
            speaker = ctx.source_for(cue)
            for agent in accused:
                ctx.emit(
                    agent, "participatedIn", attack, cue, rule="denial", denied=True, source=speaker or agent
                )
            continue
        if stance != "accuse" or (is_verb and ctx.denied(cue)):
            continue  # "officials did not blame G": no accusation
        if is_verb:
            by = passive_agent(cue) if is_passive(cue) else subject(cue)
            accuser = ctx.agent(by) if by is not None else ctx.source_for(cue)
        else:
            accuser = ctx.source_for(cue)
        for agent in accused:
            if not is_verb and (accuser == agent or not ctx.is_reported(cue)):
                # "G said it was behind the attack", or the article says so itself: not an accusation.
                ctx.emit(agent, "participatedIn", attack, cue, rule="behind", denied=False, source=accuser)
                if accuser == agent and ctx.cls(agent) in GROUPS - {"GovernmentBody"}:
                    ctx.emit(
                        agent,
                        "claimedResponsibilityFor",
                        attack,
                        cue,
                        rule="self-reported-participation",
                        denied=False,
                        source=agent,
                    )
            elif accuser != agent:
                ctx.emit(agent, "accusedOf", attack, cue, rule="accusation", denied=False, source=accuser)


def _preps(hosts: list[Token], word: str) -> list[Token]:
    return [
        c for h in hosts for c in h.children if c.dep_ in ("prep", "agent", "dative") and c.lower_ == word
    ]


def _clause_subject(cue: Token) -> Token | None:
    """The subject of the clause a noun, adjective or preposition belongs to: "G was behind ...",
    "G denied any involvement", "the bombing bears the hallmarks of ..."."""
    if own := next(iter(children(cue, "nsubj", "nsubjpass")), None):
        return own
    node = cue
    while node.pos_ not in ("VERB", "AUX") and node.head.i != node.i:
        node = node.head
    if cue.dep_ == "oprd":
        return next(iter(children(node, "dobj")), None)  # "held G responsible for ..."
    return subject(node) if node.pos_ in ("VERB", "AUX") else None


def _cue_slot(cue: Token, hosts: list[Token], where: str, pobj: bool) -> Token | None:
    if where == "subject":
        return subject(cue) if cue.pos_ == "VERB" and not is_passive(cue) else _clause_subject(cue)
    if where == "object":
        if cue.pos_ == "VERB":
            return subject(cue) if is_passive(cue) else next(iter(children(cue, "dobj")), None)
        return next(iter(children(cue, "pobj")), None) if cue.pos_ == "ADP" else None
    phrases = _preps(hosts, where)
    if pobj:
        return next((p for c in phrases for p in c.children if p.dep_ == "pobj"), None)
    return phrases[0] if phrases else None


def _cue_attack(ctx: ArticleContext, cue: Token, hosts: list[Token], where: str) -> str | None:
    """The attack an accusation or denial is about; None when its phrase names something else."""
    if where == "context":
        sent = ctx.sentences[ctx.sent_of[cue.i]].span
        return ctx.attacks.in_sentence(sent) or ctx.attacks.latest(cue.i)
    slot = _cue_slot(cue, hosts, where, pobj=False)
    return attack_in(ctx, [slot]) if slot is not None else None
