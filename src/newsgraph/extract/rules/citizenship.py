"""Citizenship: a person's stated nationality."""

from __future__ import annotations

from spacy.tokens import Span, Token

from newsgraph.extract.context import ArticleContext
from newsgraph.extract.rules.common import PERSON, children, country_modifier, subject, triggered_by
from newsgraph.extract.rules.membership import member_person

CITIZEN_NOUNS = {"citizen", "national", "nationality", "citizenship", "passport", "native"}


@triggered_by(lambda g: CITIZEN_NOUNS)
def citizenship(ctx: ArticleContext, sent: Span) -> None:
    """ "a Russian citizen identified as X", "X received Ukrainian citizenship", "X, a Malian national"."""
    for tok in sent:
        if tok.pos_ not in ("NOUN", "PROPN") or tok.lemma_.lower() not in CITIZEN_NOUNS:
            continue
        country = country_modifier(ctx, tok)
        if country is None:
            continue
        person = None
        if tok.dep_ == "dobj" and tok.head.lemma_ in (
            "receive",
            "obtain",
            "acquire",
            "hold",
            "have",
            "get",
            "grant",
            "take",
        ):
            holder = subject(tok.head)
            person = ctx.entity(holder, PERSON) or (
                member_person(ctx, holder) if holder is not None else None
            )
        elif tok.dep_ == "nsubjpass" or (tok.dep_ == "dobj" and tok.head.lemma_ == "grant"):
            person = next(
                (ctx.entity(d, PERSON) for d in children(tok.head, "dative", "nsubjpass") if d.i != tok.i),
                None,
            )
        if person is None:
            person = member_person(ctx, tok) or _citizen_by_adjacency(ctx, tok)
        if person:
            ctx.emit(person, "citizenOf", country, tok, rule="citizenship")


def _citizen_by_adjacency(ctx: ArticleContext, noun: Token) -> str | None:
    """ "X, a Russian citizen" or "X a Russian citizen" when the parser attached it loosely."""
    start = noun.left_edge.i
    for i in (start - 1, start - 2):
        if i >= 0 and (key := ctx.tok_key.get(i)) and ctx.cls(key) == "Person":
            return key
    return None
