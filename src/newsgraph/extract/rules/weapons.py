"""Weapons a group or person has or used (a named model, not "guns")."""

from __future__ import annotations

from spacy.tokens import Span

from newsgraph.extract.context import ArticleContext
from newsgraph.extract.rules.common import (
    ARMED,
    COMBATANT_NOUNS,
    GROUPS,
    PERSON,
    entities,
    subject,
    triggered_by,
)
from newsgraph.gazetteer import fold, gazetteer

WEAPON_VERBS = {
    "have",
    "possess",
    "use",
    "acquire",
    "receive",
    "obtain",
    "deploy",
    "fire",
    "operate",
    "wield",
    "get",
    "buy",
    "purchase",
    "show",
    "display",
    "employ",
    "launch",
}


@triggered_by(lambda g: {entry.split()[-1] for entry in g.weapons})
def weapons(ctx: ArticleContext, sent: Span) -> None:
    """ "G has French RT-1 mortars", "armed with Type-81 rifles": a specific model, not "weapons"."""
    g = gazetteer()
    for tok in sent:
        if tok.pos_ not in ("NOUN", "PROPN"):
            continue
        head = fold(tok.lemma_)
        compound = [c for c in tok.children if c.dep_ == "compound"]
        if head not in g.weapons and not (compound and f"{fold(compound[-1].lemma_)} {head}" in g.weapons):
            continue
        model = [
            c
            for c in tok.children
            if c.dep_ in ("compound", "nmod", "amod", "nummod")
            and (
                any(ch.isdigit() for ch in c.text) or (c.tag_ in ("NNP", "NNPS") and not g.country_of(c.text))
            )
        ]
        if not model:
            continue
        noun = tok
        while noun.dep_ == "conj" and noun.head.i != noun.i:
            noun = noun.head  # "FAL rifles and at least one PKT machine gun"
        verb = noun.head
        if noun.dep_ == "pobj" and verb.lower_ == "with":
            verb = verb.head
        if verb.lemma_ not in WEAPON_VERBS | {"armed", "equip", "arm", "hold", "carry", "brandish"}:
            continue
        words = [
            c.text for c in tok.children if c.i < tok.i and c in model or c.dep_ == "compound" and c.i < tok.i
        ]
        label = " ".join(dict.fromkeys(words + [tok.lemma_]))
        weapon = ctx.ensure("Weapon", label, sent.doc[tok.left_edge.i : tok.i + 1].text)
        holder = subject(verb)
        owners = entities(ctx, holder, GROUPS | PERSON)
        if not owners and holder is not None and holder.lemma_.lower() in COMBATANT_NOUNS:
            # "fighters armed with Type-81 rifles": the fighters of the group the article is about.
            owners = [k] if (k := ctx.topic(tok.i, ARMED)) else []
        for owner in owners:
            ctx.emit(owner, "hasWeapon", weapon, tok, rule="weapon")
