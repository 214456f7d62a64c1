"""One parsed article in, its entities and statements out: the order of the extraction stage.

Sentence by sentence, in text order, the attacks a sentence names are noted and then every
relation rule reads it (:data:`newsgraph.extract.rules.RULES`); afterwards organisations that
claimed or took part in an attack become armed groups, and only entities that are named or take
part in a statement are kept.
"""

from __future__ import annotations

from typing import cast

from spacy.tokens import Doc, Span

from newsgraph.extract.clusters import entity_key
from newsgraph.extract.context import ArticleContext
from newsgraph.extract.rules import RULES
from newsgraph.gazetteer import gazetteer
from newsgraph.model import Article, ArticleExtraction, Entity

__all__ = ["extract_article"]


def _classify_by_deeds(ctx: ArticleContext) -> None:
    """An organisation the article says claimed or took part in an attack is an armed group,
    whatever its name's cue word suggested ("... Alliance", "... Union")."""
    renamed: dict[str, str] = {}
    for s in ctx.statements:
        entity = ctx.entities.get(s.subject)
        if (
            s.denied
            or s.predicate not in _DEEDS
            or entity is None
            or entity.cls != "Organization"
            or ctx.gazetteer.organisation(entity.label)
        ):
            continue
        key = entity_key("ArmedGroup", entity.label)
        if key not in ctx.entities:
            ctx.entities[key] = Entity(key=key, cls="ArmedGroup", label=entity.label, aliases=entity.aliases)
            renamed[s.subject] = key
    for old in renamed:
        del ctx.entities[old]
    for s in ctx.statements:
        s.subject = renamed.get(s.subject, s.subject)
        if isinstance(s.object, str):
            s.object = renamed.get(s.object, s.object)
        if s.according_to:
            s.according_to = renamed.get(s.according_to, s.according_to)
    for ref in ctx.refs:
        if ref.key in renamed:
            ref.key, ref.cls = renamed[ref.key], "ArmedGroup"


_DEEDS = {"claimedResponsibilityFor", "participatedIn"}


def extract_article(doc: Doc, article: Article) -> ArticleExtraction:
    """Entities and statements of one article from its spaCy parse."""
    ctx = ArticleContext(doc, article)
    for sent in ctx.sentences:
        span = cast(Span, sent)  # a Sentence stands in for its Span: same attributes, tokens made once
        ctx.attacks.note(span)
        for _, rule in RULES:
            rule(ctx, span)
    ctx.attacks.finish()
    _classify_by_deeds(ctx)
    sentences = [(s.start_char, s.end_char) for s in ctx.sentences]
    publisher_key = None
    if article.publisher:
        g = gazetteer()
        publisher_key = ctx.ensure(
            "NewsSource", g.news_source(article.publisher) or article.publisher, article.publisher
        )
    used = {s.subject for s in ctx.statements} | {
        s.object for s in ctx.statements if isinstance(s.object, str)
    }
    used |= {s.according_to for s in ctx.statements if s.according_to}
    named = {r.key for r in ctx.refs}
    # "Georgian involvement" names Georgia: a demonym mentions its country.
    named |= {ctx.country_entity(country) for country in sorted(set(ctx.demonym.values()))}
    entities = {k: e for k, e in ctx.entities.items() if k in used or k in named or k == publisher_key}
    # The context and its Attacks refer to each other: undone here, the article's parse is freed
    # now rather than when the garbage collector (which a build runs rarely) finds the pair.
    del ctx.attacks
    return ArticleExtraction(article, sentences, entities, ctx.statements, publisher_key)
