"""Terrorist designations: who calls a group or person terrorist."""

from __future__ import annotations

from spacy.tokens import Span

from newsgraph.extract.context import AGENT_CLASSES, ArticleContext
from newsgraph.extract.rules.common import (
    children,
    entities,
    is_passive,
    passive_agent,
    subject,
    triggered_by,
)

TERROR_VERBS = {
    "call",
    "consider",
    "designate",
    "label",
    "list",
    "brand",
    "declare",
    "classify",
    "regard",
    "deem",
    "name",
}


@triggered_by(lambda g: TERROR_VERBS)
def terrorist_designation(ctx: ArticleContext, sent: Span) -> None:
    """ "X calls him a terrorist", "it is considered a terrorist group by X", "X listed G as ..."."""
    for tok in sent:
        if tok.pos_ != "VERB" or tok.lemma_ not in TERROR_VERBS:
            continue
        rest = [t for c in tok.children if c.dep_ not in ("nsubj", "nsubjpass", "agent") for t in c.subtree]
        if not any(t.lower_.startswith("terror") for t in rest):
            continue
        if is_passive(tok):
            targets = entities(ctx, subject(tok), AGENT_CLASSES - {"Country"})
            designators = entities(ctx, passive_agent(tok), AGENT_CLASSES)
        else:
            targets = entities(ctx, next(iter(children(tok, "dobj")), None), AGENT_CLASSES - {"Country"})
            if not targets:
                # "designated the TLF a terrorist organisation": the parser may make the group the
                # subject of a small clause; it is the first agent named after the verb.
                targets = next(
                    (
                        [k]
                        for t in tok.subtree
                        if t.i > tok.i and (k := ctx.entity(t, AGENT_CLASSES - {"Country"}))
                    ),
                    [],
                )
            designators = entities(ctx, subject(tok), AGENT_CLASSES)
        for target in targets:
            for designator in designators:
                if ctx.cls(designator) != "NewsSource":
                    ctx.emit(target, "designatedTerroristBy", designator, tok, rule="terrorist")
