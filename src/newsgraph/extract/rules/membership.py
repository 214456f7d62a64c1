"""Membership: members, fighters, spokespeople and staff of a group or organisation."""

from __future__ import annotations

from spacy.tokens import Span, Token

from newsgraph.extract.context import ArticleContext
from newsgraph.extract.rules.common import (
    GROUPS,
    LEADER_PROPERTIES,
    PERSON,
    children,
    entities,
    has_words,
    name_root,
    pobj,
    subject,
    with_conj,
)
from newsgraph.gazetteer import fold

MEMBER_NOUNS = {
    "member",
    "fighter",
    "militant",
    "soldier",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "activist",
    "recruit",
    "volunteer",
    "commander",
    "officer",
    "operative",
    "combatant",
    "guerrilla",
    "rebel",
    "insurgent",
    "jihadist",
    "correspondent",
    "reporter",
    "journalist",
    "figure",
    "official",
    "agent",
    "employee",
    "staffer",
    "aide",
    "adviser",
    "advisor",
    "lieutenant",
    "deputy",
    "operator",
    "associate",
}


def _titled_members(ctx: ArticleContext, sent: Span) -> None:
    """ "Velka Front spokesman Sheikh X", "Dravik commander Y": a title that is a role in a group."""
    here = ctx.sent_of[sent.start]
    for titled in ctx.titles:
        if titled.sentence != here or titled.of is None:
            continue
        group = next((k for i in range(*titled.of) if (k := ctx.tok_key.get(i))), None)
        if group is None or group == titled.person or ctx.cls(group) not in GROUPS | {"NewsSource"}:
            continue
        if fold(titled.title).split()[-1] in MEMBER_NOUNS:
            ctx.emit(titled.person, "memberOf", group, ctx.doc[titled.at], rule="titled-member")


_MEMBERSHIP_WORDS = frozenset(MEMBER_NOUNS | {"join"})


def membership(ctx: ArticleContext, sent: Span) -> None:
    """ "X, a member of G", "one of his fighters, known as X", "X joined G", "CNN's X", "G
    spokesman X", "X, a G spokesman"."""
    _titled_members(ctx, sent)
    worded = has_words(sent, _MEMBERSHIP_WORDS)  # else only the person-of-organisation check below
    for tok in sent:
        if worded and tok.pos_ == "NOUN" and tok.lemma_ in MEMBER_NOUNS:
            person = member_person(ctx, tok)
            group = _member_group(ctx, tok, sent)
            for member in _listed_with(ctx, tok, person):
                if group and not _leads_in_sentence(ctx, member, group, sent):
                    ctx.emit(member, "memberOf", group, tok, rule="member-noun")
        if worded and tok.pos_ == "VERB" and tok.lemma_ == "join":
            groups = entities(ctx, next(iter(children(tok, "dobj")), None), GROUPS)
            ranks = [p for d in children(tok, "dobj") if d.lemma_ == "rank" for p in pobj(d, "of")]
            groups += entities(ctx, ranks[0] if ranks else None, GROUPS)
            for person in entities(ctx, subject(tok), PERSON):
                for group in groups:
                    ctx.emit(person, "memberOf", group, tok, rule="join")
        key = ctx.tok_key.get(tok.i)
        if key and ctx.cls(key) == "Person" and tok.i == name_root(ctx, tok).i:
            # "Andrei X of the BBC", "CNN's Sam Y": a person attached to an organisation.
            for p in pobj(tok, "of"):
                org = ctx.tok_key.get(p.i)
                if org and ctx.cls(org) in ("NewsSource", "ArmedGroup", "Organization"):
                    ctx.emit(key, "memberOf", org, tok, rule="person-of-org")
            for c in children(tok, "poss"):
                org = ctx.tok_key.get(c.i)
                if org and ctx.cls(org) in ("NewsSource", "ArmedGroup"):
                    ctx.emit(key, "memberOf", org, tok, rule="org-s-person")


def _leads_in_sentence(ctx: ArticleContext, person: str, group: str, sent: Span) -> bool:
    """ "the group's former commander, X": the title made X its (former) leader, not a member."""
    here = ctx.sent_of[sent.start]
    return any(
        s.subject == person and s.object == group and s.sentence == here and s.predicate in LEADER_PROPERTIES
        for s in ctx.statements
    )


def _listed_with(ctx: ArticleContext, noun: Token, person: str | None) -> list[str]:
    """ "X, Y and Z, the key figures of G": an apposition after a list describes every name in it."""
    if person is None:
        return []
    if noun.dep_ != "appos" or not (
        noun.head.dep_ == "conj" or any(c.dep_ == "conj" for c in noun.head.children)
    ):
        return [person]
    top = noun.head
    while top.dep_ == "conj" and top.head.i != top.i:
        top = top.head
    listed = [k for t in with_conj(top) if (k := ctx.entity(t, PERSON))]
    return list(dict.fromkeys(listed)) if person in listed else [person]


def member_person(ctx: ArticleContext, noun: Token) -> str | None:
    if noun.dep_ == "compound" and (key := ctx.tok_key.get(noun.head.i)) and ctx.cls(key) == "Person":
        return key  # "G spokesman Karel Stary"
    key = ctx.entity(noun, PERSON)
    if key:
        return key
    if noun.dep_ in ("appos", "attr") and (key := ctx.entity(noun.head, PERSON)):
        return key
    if (
        noun.dep_ == "pobj"
        and noun.head.lower_ == "of"
        and noun.head.head.lower_ in ("one", "some")
        and (one := noun.head.head)
    ):
        for c in one.children:
            if c.dep_ in ("appos", "acl"):
                for sub in c.subtree:
                    k = ctx.tok_key.get(sub.i)
                    if k and ctx.cls(k) == "Person":
                        return k
        if one.dep_ == "appos" and (key := ctx.entity(one.head, PERSON)):
            return key
    if noun.dep_ == "attr":
        subj = subject(noun.head)
        return ctx.entity(subj, PERSON)
    return None


def _member_group(ctx: ArticleContext, noun: Token, sent: Span) -> str | None:
    for p in pobj(noun, "of", "in", "with", "from", "for"):
        key = ctx.entity(p, GROUPS | {"NewsSource"})
        if key:
            return key
    for c in noun.children:  # "a U.S. Central Command spokesman", "an al-Velkar commander"
        if (
            c.dep_ in ("compound", "nmod")
            and (key := ctx.tok_key.get(c.i))
            and ctx.cls(key) in GROUPS | {"NewsSource"}
        ):
            return key
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is not None:
        return ctx.group_of(owner, GROUPS)
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lower_ in ("one", "some"):
        return None
    # "a fighter calling himself X ... as the group fought": the group named in the sentence.
    for t in sent:
        if t.lemma_ in ("group", "militia", "organisation", "organization", "movement") and t.i != noun.i:
            key = ctx.entity(t, GROUPS)
            if key:
                return key
    return None
