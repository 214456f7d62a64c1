"""Founding: who founded a group, and when."""

from __future__ import annotations

from spacy.tokens import Span

from newsgraph.extract.context import AGENT_CLASSES, ArticleContext
from newsgraph.extract.dates import dates_under
from newsgraph.extract.rules.common import (
    GROUPS,
    children,
    entities,
    is_passive,
    passive_agent,
    subject,
    triggered_by,
)

FOUND_VERBS = {"found", "establish", "form", "create", "set", "launch", "co-found", "start"}


# -- rules --------------------------------------------------------------------------------
@triggered_by(lambda g: FOUND_VERBS)
def founding(ctx: ArticleContext, sent: Span) -> None:
    """"X was founded in 2019 by Y", "Y set up X", "X, formed in March 2021"."""
    for verb in sent:
        if verb.pos_ != "VERB" or verb.lemma_ not in FOUND_VERBS:
            continue
        if verb.lemma_ == "set" and not any(c.dep_ == "prt" and c.lower_ == "up" for c in verb.children):
            continue
        if is_passive(verb):
            org_tok = subject(verb) if verb.dep_ != "acl" else verb.head
            orgs = entities(ctx, org_tok, GROUPS)
            founders = entities(ctx, passive_agent(verb), AGENT_CLASSES - {"Country"})
        else:
            orgs = entities(ctx, next(iter(children(verb, "dobj")), None), GROUPS)
            founders = entities(ctx, subject(verb), AGENT_CLASSES - {"Country"})
        when = dates_under(verb, ctx.doc_ents, ctx.anchor)
        for org in orgs:
            if when is not None:
                ctx.emit(org, "foundedOn", when, verb, rule="founding-date")
            for founder in founders:
                ctx.emit(org, "foundedBy", founder, verb, rule="founding")
