"""Relations between groups: alliances, parts of a larger body, command, support."""

from __future__ import annotations

from spacy.tokens import Span, Token

from newsgraph.extract.context import ArticleContext
from newsgraph.extract.rules.common import (
    GROUPS,
    STATES,
    children,
    country_modifier,
    entities,
    is_passive,
    passive_agent,
    pobj,
    subject,
    subject_entities,
    triggered_by,
)
from newsgraph.gazetteer import fold, gazetteer

ALLY_VERBS = {
    "ally",
    "agree",
    "cooperate",
    "partner",
    "align",
    "unite",
    "fight",
    "team",
    "coordinate",
    "join",
}


_ALLIANCE_NOUNS = {"alliance", "pact", "partnership", "coalition"}
# "G and H fought together", "the two groups working together".
_TOGETHER_VERBS = {"work", "fight", "operate", "act", "cooperate", "coordinate", "collaborate"}
_TOGETHER_WORDS = {"together", "jointly"}
_MERGE_VERBS = {"merge", "integrate", "absorb", "fold", "incorporate"}
_BRANCH_NOUNS = {"wing", "branch", "unit", "faction", "affiliate", "offshoot", "cell"}
# Nouns that name a part of a group only with a modifier: "its political arm", "the ruling body".
_MODIFIED_BRANCH_NOUNS = {"arm", "body"}
_BACK_VERBS = {"back", "support", "fund", "finance", "arm", "train", "sponsor", "equip"}
# "took the town with the support of X", "with help from X", "with assistance of X airstrikes".
_HELP_NOUNS = {"support", "help", "assistance", "backing", "aid"}
_RECEIVE_VERBS = {"receive", "get", "obtain"}


@triggered_by(lambda g: ALLY_VERBS | _ALLIANCE_NOUNS | _TOGETHER_WORDS)
def alliance(ctx: ArticleContext, sent: Span) -> None:
    """ "G agreed with H", "G cooperates with H", "an alliance with H", "fight alongside H",
    "G and H fought together"."""
    for tok in sent:
        partners: list[str] = []
        if tok.lower_ in _TOGETHER_WORDS:
            together = _acting_together(ctx, sent, tok)
            for i, a in enumerate(together):
                for b in together[i + 1:]:
                    ctx.emit(a, "alliedWith", b, tok, rule="together")
            continue
        if tok.pos_ == "VERB" and tok.lemma_ in ALLY_VERBS:
            if tok.lemma_ == "join" and not any(c.lemma_ == "force" for c in tok.children):
                continue
            if tok.lemma_ in ("fight", "coordinate"):
                partners = entities(ctx, next(iter(pobj(tok, "alongside")), None), GROUPS)
            else:
                objs = pobj(tok, "with", "alongside") + [
                    p for d in children(tok, "dobj") for p in pobj(d, "with")
                ]
                partners = entities(ctx, objs[0] if objs else None, GROUPS)
            subjects = subject_entities(ctx, tok, GROUPS)
        elif tok.pos_ == "NOUN" and tok.lemma_ in _ALLIANCE_NOUNS:
            partners = entities(ctx, next(iter(pobj(tok, "with", "between")), None), GROUPS)
            verb = tok.head if tok.dep_ in ("dobj", "pobj") else tok
            subjects = entities(ctx, subject(verb.head if verb.dep_ == "prep" else verb), GROUPS)
        else:
            continue
        for a in subjects:
            for b in partners:
                if a != b:
                    ctx.emit(a, "alliedWith", b, tok, rule="alliance")


def _acting_together(ctx: ArticleContext, sent: Span, word: Token) -> list[str]:
    """The groups "together" says act as one: the coordinated subject of "G and H fought
    together", or for "the two groups working together" the two groups the sentence names
    joined by "and"."""
    verb = word.head
    if word.dep_ != "advmod" or verb.pos_ != "VERB" or verb.lemma_ not in _TOGETHER_VERBS:
        return []
    subj = verb.head if verb.dep_ == "acl" else subject(verb)
    found = entities(ctx, subj, GROUPS)
    if len(found) >= 2 or subj is None:
        return found
    if subj.lemma_ in ("group", "organization", "organisation", "force") and any(
        c.lower_ in ("two", "both") for c in subj.children
    ):
        for tok in sent:
            if tok.dep_ == "conj" or tok.i not in ctx.tok_key:
                continue
            pair = entities(ctx, tok, GROUPS)
            if len(pair) == 2:
                return pair
    return []


@triggered_by(lambda g: _MERGE_VERBS | _BRANCH_NOUNS | _MODIFIED_BRANCH_NOUNS | {"join", "part"})
def part_of(ctx: ArticleContext, sent: Span) -> None:
    """ "G merged into H", "G is part of H", "G joined the H alliance", "a unit/wing of H",
    "G, which is H's ruling body"."""
    for tok in sent:
        wholes: list[str] = []
        if tok.pos_ == "VERB" and tok.lemma_ in _MERGE_VERBS:
            wholes = entities(ctx, next(iter(pobj(tok, "into", "with")), None), GROUPS)
        elif tok.pos_ == "VERB" and tok.lemma_ == "join":
            wholes = [
                k
                for k in entities(ctx, next(iter(children(tok, "dobj")), None), GROUPS)
                if gazetteer().org_class(ctx.entities[k].label) == "Organization"
                or any(
                    w in fold(ctx.entities[k].label) for w in ("alliance", "coalition", "front", "council")
                )
            ]
        elif tok.lower_ == "part" and tok.dep_ in ("attr", "dobj", "pobj"):
            wholes = entities(ctx, next(iter(pobj(tok, "of")), None), GROUPS)
            tok = tok.head
        elif (
            tok.pos_ == "NOUN"
            and (
                tok.lemma_ in _BRANCH_NOUNS
                or (tok.lemma_ in _MODIFIED_BRANCH_NOUNS and bool(children(tok, "amod")))
            )
            and tok.dep_ in ("attr", "appos")
        ):
            # The larger body is "of H" or a possessive: "the armed wing of H", "H's armed wing".
            wholes = entities(ctx, next(iter(pobj(tok, "of") + children(tok, "poss")), None), GROUPS)
            parts = entities(ctx, tok.head if tok.dep_ == "appos" else subject(tok.head), GROUPS)
            for part in parts:
                for whole in wholes:
                    ctx.emit(part, "partOf", whole, tok, rule="part-of")
            continue
        else:
            continue
        for part in subject_entities(ctx, tok, GROUPS) if tok.pos_ in ("VERB", "AUX") else []:
            for whole in wholes:
                if part != whole:
                    ctx.emit(part, "partOf", whole, tok, rule="part-of")


@triggered_by(lambda g: {"under", "subordinate"})
def command(ctx: ArticleContext, sent: Span) -> None:
    """ "operates under Ukrainian command", "under the command of X", "subordinate to X"."""
    for tok in sent:
        if tok.lower_ == "under" and tok.dep_ == "prep":
            for obj in children(tok, "pobj"):
                commander = None
                if obj.lemma_ in ("command", "control", "authority", "leadership"):
                    commander = ctx.tok_key.get(obj.i) or next(
                        (k for p in pobj(obj, "of") if (k := ctx.entity(p, GROUPS | STATES))), None
                    )
                    if commander is None and (country := country_modifier(ctx, obj)):
                        commander = ctx.military_of(ctx.entities[country].label)
                if commander is None:
                    continue
                verb = tok.head
                subjects = (
                    subject_entities(ctx, verb, GROUPS)
                    if verb.pos_ in ("VERB", "AUX")
                    else entities(ctx, verb, GROUPS)
                )
                for sub in subjects:
                    ctx.emit(sub, "operatesUnderCommandOf", commander, tok, rule="command")
        if tok.lower_ == "subordinate":
            for p in pobj(tok, "to"):
                commander = ctx.entity(p, GROUPS | STATES)
                for sub in entities(ctx, subject(tok.head if tok.dep_ == "acomp" else tok), GROUPS):
                    ctx.emit(sub, "operatesUnderCommandOf", commander, tok, rule="command")


def _compound_backer(ctx: ArticleContext, participle: Token) -> list[str]:
    """Who "X-backed" names: X itself, or the state of "Russian government-funded"."""
    for c in participle.children:
        if c.dep_ not in ("npadvmod", "compound", "nmod"):
            continue
        if key := ctx.entity(c, GROUPS | STATES):
            return [key]
        if c.lemma_ in ("government", "state", "regime", "kremlin"):
            demonyms = [
                ctx.demonym[t.i] for t in [*c.children, *participle.head.children] if t.i in ctx.demonym
            ]
            if demonyms:
                return [ctx.country_entity(demonyms[0])]
    return []


@triggered_by(lambda g: _BACK_VERBS | _RECEIVE_VERBS | _HELP_NOUNS)
def support(ctx: ArticleContext, sent: Span) -> None:
    """ "backed by X", "X-backed", "receives weapons from X", "X supports G", "G took the town
    with the support of X"."""
    for tok in sent:
        if (tok.lemma_ in _HELP_NOUNS and tok.pos_ == "NOUN" and tok.dep_ == "pobj"
                and tok.head.lower_ == "with"):
            verb = tok.head.head
            helpers = pobj(tok, "of", "from")
            for h in list(helpers):  # "with assistance of Coalition airstrikes": the airstrikes' owner
                helpers += children(h, "compound", "amod", "poss")
            backers = [k for h in helpers for k in entities(ctx, h, GROUPS | STATES)]
            backed = subject_entities(ctx, verb, GROUPS) if verb.pos_ in ("VERB", "AUX") else []
            for b in backed:
                for s in dict.fromkeys(backers):
                    if s != b and (ctx.cls(s) != "Country" or ctx.cls(b) == "ArmedGroup"):
                        ctx.emit(b, "supportedBy", s, tok, rule="support-with")
            continue
        if (
            tok.lemma_ in _BACK_VERBS
            and tok.pos_ == "VERB"
        ):
            if is_passive(tok):
                backers = entities(ctx, passive_agent(tok), GROUPS | STATES)
                backed = entities(ctx, tok.head if tok.dep_ in ("acl", "amod") else subject(tok), GROUPS)
            else:
                backers = entities(ctx, subject(tok), GROUPS | STATES)
                backed = entities(ctx, next(iter(children(tok, "dobj")), None), GROUPS)
            if tok.dep_ == "amod" and tok.tag_ == "VBN":
                # "Iran-backed Dravikis", "the Dravik Brigade, a Russian government-funded company"
                backers = backers or _compound_backer(ctx, tok)
                described = tok.head.head if tok.head.dep_ == "appos" else tok.head
                backed = backed or entities(ctx, described, GROUPS)
            for b in backed:
                for s in backers:
                    if ctx.cls(s) != "Country" or ctx.cls(b) == "ArmedGroup":
                        ctx.emit(b, "supportedBy", s, tok, rule="support")
        if tok.lemma_ in _RECEIVE_VERBS and tok.pos_ == "VERB":
            if any(
                d.lemma_ in ("weapon", "arm", "funding", "support", "training", "money", "ammunition", "aid")
                for d in children(tok, "dobj")
            ):
                froms = [
                    p
                    for t in tok.subtree
                    if t.dep_ == "prep" and t.lower_ == "from"
                    for p in t.children
                    if p.dep_ == "pobj"
                ]
                for s in entities(ctx, next(iter(froms), None), GROUPS | STATES):
                    for b in entities(ctx, subject(tok), GROUPS):
                        ctx.emit(b, "supportedBy", s, tok, rule="support-receive")
