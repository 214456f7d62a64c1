"""Casualties: how many an attack killed and injured."""

from __future__ import annotations

from spacy.tokens import Span, Token

from newsgraph.extract.context import ArticleContext
from newsgraph.extract.rules.common import attack_in, parse_count, with_conj
from newsgraph.gazetteer import fold, gazetteer
from newsgraph.model import Literal

KILL_WORDS = {"kill", "die", "dead", "death", "execute", "behead", "massacre", "slay", "fatality"}

INJURE_WORDS = {"injure", "wound", "hurt", "hospitalize", "hospitalise", "injured", "wounded"}


def _casualty_nouns(verb: Token) -> list[Token]:
    found = []
    if verb.dep_ in ("oprd", "acomp", "xcomp", "ccomp") and verb.pos_ == "ADJ":
        verb = verb.head  # "left four gendarmes dead"
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass", "dobj"):
            found.extend(with_conj(c))
            found.extend(a for a in c.children if a.dep_ == "appos")
    if verb.dep_ in ("relcl", "acl", "amod"):
        found.append(verb.head)
    return found

def _count_of(noun: Token) -> int | None:
    if noun.like_num:
        return parse_count(noun.text)
    for c in noun.children:
        if c.dep_ in ("nummod", "quantmod") and c.like_num:
            return parse_count(c.text)
    return None

def casualties(ctx: ArticleContext, sent: Span) -> None:
    """"two civilians died", "killed at least 12", "Nine civilians who were injured"; denials."""
    g = gazetteer()
    for tok in sent:
        lemma = tok.lemma_.lower()
        prop = "killed" if lemma in KILL_WORDS else "injured" if lemma in INJURE_WORDS else None
        if prop is None and lemma == "casualty" and ctx.denied(tok):
            attack = ctx.attacks.latest(tok.i)
            previous = [s for s in ctx.statements if s.subject == attack and s.predicate == "killed" and not s.denied]
            if attack and previous:
                ctx.emit(attack, "killed", previous[-1].object, tok, rule="casualty-denial", denied=True)
            continue
        if prop is None:
            continue
        for noun in _casualty_nouns(tok):
            count = _count_of(noun)
            if count is None or not (noun.like_num or fold(noun.lemma_) in g.casualty_nouns
                                     or fold(noun.text) in g.casualty_nouns or noun.lower_ == "others"):
                continue
            attack = attack_in(ctx, [tok]) or ctx.attacks.in_sentence(sent) or ctx.attacks.latest(tok.i)
            if attack and ctx.attacks.distance(attack, tok) <= 3:
                ctx.emit(attack, prop, Literal(str(count), "count"), tok, rule="casualties")
