"""Leadership: titles ("its leader X", "the governor of X, Y") and verbs ("led by X")."""

from __future__ import annotations

from functools import cache

from spacy.tokens import Span, Token

from newsgraph.extract.context import PLACE_CLASSES, ArticleContext
from newsgraph.extract.rules.common import (
    GROUPS,
    PERSON,
    children,
    entities,
    has_words,
    is_passive,
    passive_agent,
    pobj,
    subject,
)
from newsgraph.gazetteer import fold, gazetteer

LEAD_VERBS = {"lead", "head", "command", "run", "direct", "chair"}


def _leader_property(ctx: ArticleContext, title: Token) -> str | None:
    g = gazetteer()
    words = [fold(title.lemma_), fold(title.text)]
    mods = [fold(c.text) for c in title.children if c.dep_ in ("amod", "compound")]
    for mod in mods:
        if (prop := g.leader_titles.get(f"{mod} {words[0]}")) and prop[0] != "none":
            return prop[0]
    for word in words:
        if (prop := g.leader_titles.get(word)) is not None:
            if prop[0] == "none":
                return None
            if "political" in mods:
                return "politicalLeaderOf"
            if "military" in mods:
                return "militaryLeaderOf"
            return prop[0]
    return None


def _is_former(title: Token) -> bool:
    # "the outfit's first commander": its founding commander, not the present one
    return any(
        c.lower_ in ("former", "ex", "then", "previous", "late", "ousted", "first", "founding", "onetime")
        for c in title.children
    )


def _led_thing(ctx: ArticleContext, title: Token, person: str) -> str | None:
    """What a leadership title is of: "of X", "its", "X's", "Velka governor", a country nearby."""
    for p in pobj(title, "of"):
        key = ctx.entity(p, GROUPS | PLACE_CLASSES) or ctx.place_of(p)
        if key and key != person:
            return key
    for c in title.children:
        if c.dep_ == "poss":
            key = ctx.entity(c, GROUPS | PLACE_CLASSES)
            if key and key != person:
                return key
        if c.dep_ in ("compound", "amod", "nmod"):
            key = ctx.tok_key.get(c.i)
            if key and key != person and ctx.cls(key) in GROUPS | PLACE_CLASSES:
                return key
            if (country := gazetteer().country_of(c.text)) and _may_lead_a_state(title):
                return ctx.country_entity(country)
    scope = gazetteer().leader_titles.get(fold(title.lemma_), ("", "any"))[1]
    if "state" in scope:
        # "the president X" with no country named: the country the sentence is about.
        sent = ctx.sentences[ctx.sent_of[title.i]]
        for t in sent:
            if t.i in ctx.demonym:
                return ctx.country_entity(ctx.demonym[t.i])
            key = ctx.tok_key.get(t.i)
            if key and ctx.cls(key) == "Country":
                return key
    return None


def _may_lead_a_state(title: Token) -> bool:
    """ "Ukrainian President X" leads Ukraine; "Ukrainian foreign minister X" leads a ministry."""
    words = [fold(c.text) for c in title.children if c.dep_ in ("amod", "compound")] + [fold(title.lemma_)]
    g = gazetteer()
    scope = next(
        (
            g.leader_titles[" ".join(words[k:])][1]
            for k in range(len(words))
            if " ".join(words[k:]) in g.leader_titles
        ),
        "any",
    )
    return "state" in scope or "region" in scope or scope == "any"


def _title_person(ctx: ArticleContext, title: Token) -> str | None:
    for c in title.children:
        if c.dep_ in ("appos", "compound", "flat") or (c.dep_ == "attr"):
            key = ctx.entity(c, PERSON)
            if key:
                return key
    if title.dep_ in ("compound", "appos", "nmod", "amod") and (key := ctx.tok_key.get(title.head.i)):
        if ctx.cls(key) == "Person":
            return key
    # copula: "its leader is X" / "X is the group's leader"
    if title.dep_ in ("nsubj", "attr") and title.head.lemma_ == "be":
        for c in title.head.children:
            if c.i != title.i and c.dep_ in ("attr", "nsubj"):
                key = ctx.entity(c, PERSON)
                if key:
                    return key
    # "the governor of X, Y said": the name follows the title phrase after a comma
    right = title.right_edge.i + 1
    if right + 1 < len(title.doc) and title.doc[right].text == ",":
        key = ctx.tok_key.get(right + 1)
        if key and ctx.cls(key) == "Person":
            return key
    # "The governor of X State, Y, visited": the name in apposition inside the title phrase
    for sub in title.subtree:
        if (
            sub.dep_ == "appos"
            and sub.head.i != title.i
            and (key := ctx.tok_key.get(sub.i))
            and ctx.cls(key) == "Person"
        ):
            return key
    # "the governor Strommer": a name right after the title
    nxt = title.i + 1
    if nxt < len(title.doc) and (key := ctx.tok_key.get(nxt)) and ctx.cls(key) == "Person":
        return key
    return None


def _country_of_sentence(ctx: ArticleContext, sent: Span) -> str | None:
    countries = {ctx.demonym[t.i] for t in sent if t.i in ctx.demonym}
    countries |= {
        ctx.entities[k].label for t in sent if (k := ctx.tok_key.get(t.i)) and ctx.cls(k) == "Country"
    }
    return ctx.country_entity(next(iter(countries))) if len(countries) == 1 else None


def _titled_names(ctx: ArticleContext, sent: Span) -> None:
    """A title written before the name, with what it is the title of: "President of Russia
    Ivo Danek", "Kharkiv Governor Anton Veles", "Minister of Defence Petr Halas"."""
    g = gazetteer()
    here = ctx.sent_of[sent.start]
    for titled in ctx.titles:
        if titled.sentence != here:
            continue
        prop, scope = g.leader_titles.get(fold(titled.title), ("none", ""))
        if titled.of is not None:
            thing = next((k for i in range(*titled.of) if (k := ctx.tok_key.get(i))), None) or next(
                (ctx.country_entity(ctx.demonym[i]) for i in range(*titled.of) if i in ctx.demonym), None
            )
        elif "state" in scope:
            # "President X" with no country said: the one the sentence names, else the article's.
            thing = _country_of_sentence(ctx, sent) or (
                ctx.country_entity(c) if (c := ctx.main_country()) else None
            )
        else:
            continue
        if (
            prop == "none"
            or thing is None
            or thing == titled.person
            or ctx.cls(thing) not in GROUPS | PLACE_CLASSES
        ):
            continue
        start = min(titled.at, titled.of[0]) if titled.of else titled.at
        former = start > 0 and ctx.doc[start - 1].lower_.rstrip("-") in ("former", "ex", "then", "late")
        ctx.emit(
            titled.person, "formerLeaderOf" if former else prop, thing, ctx.doc[titled.at], rule="titled-name"
        )


@cache
def _leadership_words() -> frozenset[str]:
    """One-word titles and the verbs of leading: the words the rule's token walk looks for."""
    return frozenset(t for t in gazetteer().leader_titles if " " not in t) | LEAD_VERBS


def leadership(ctx: ArticleContext, sent: Span) -> None:
    """Titles ("its leader is X", "the governor of X, Y", "Governor of X Y") and verbs ("led by
    X", "X heads Y")."""
    g = gazetteer()
    _titled_names(ctx, sent)
    if not has_words(sent, _leadership_words()):
        return
    for tok in sent:
        if tok.pos_ in ("NOUN", "PROPN") and (
            fold(tok.lemma_) in g.leader_titles or fold(tok.text) in g.leader_titles
        ):
            if ctx.tok_key.get(tok.i) and ctx.cls(ctx.tok_key[tok.i]) != "Person":
                continue  # part of a name ("Chief Directorate")
            prop = _leader_property(ctx, tok)
            if prop is None or any(c.lower_ in ("a", "an") for c in tok.children):
                continue  # "a commander of X" is membership, handled there
            person = _title_person(ctx, tok)
            thing = _led_thing(ctx, tok, person) if person else None
            if person and thing:
                ctx.emit(
                    person, "formerLeaderOf" if _is_former(tok) else prop, thing, tok, rule="leader-title"
                )
        if tok.pos_ == "VERB" and tok.lemma_ in LEAD_VERBS:
            if is_passive(tok):
                org_tok = tok.head if tok.dep_ == "acl" else subject(tok)
                leaders = entities(ctx, passive_agent(tok), PERSON)
                orgs = entities(ctx, org_tok, GROUPS)
            else:
                leaders = entities(ctx, subject(tok), PERSON)
                orgs = entities(ctx, next(iter(children(tok, "dobj")), None), GROUPS)
            for leader in leaders:
                for org in orgs:
                    ctx.emit(leader, "leaderOf", org, tok, rule="leader-verb")
