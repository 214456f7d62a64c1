"""Dependency helpers the relation rules share, and the class sets they ask for."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import wraps

from spacy.tokens import Span, Token

from newsgraph.extract.context import GROUP_CLASSES, ArticleContext, Sentence
from newsgraph.gazetteer import Gazetteer, gazetteer

Rule = Callable[[ArticleContext, Span], None]


def has_words(sent: Span, words: frozenset[str]) -> bool:
    """Whether a sentence may hold one of ``words``: False only when it is a
    :class:`~newsgraph.extract.context.Sentence` without them (a bare ``Span`` may)."""
    return not isinstance(sent, Sentence) or sent.may_hold(words)


def has_attack(ctx: ArticleContext, sent: Span) -> bool:
    """Whether a word of the sentence was read as an attack or event."""
    by_token = ctx.attacks.by_token
    return any(i in by_token for i in range(sent.start, sent.end))


def triggered_by(words: Callable[[Gazetteer], Iterable[str]]) -> Callable[[Rule], Rule]:
    """A rule that can only fire on a sentence holding one of ``words`` (lowercased forms or
    lemmas, as :attr:`~newsgraph.extract.context.Sentence.words` holds them): other sentences
    skip it without walking their tokens, as spaCy's ``Matcher`` rejects a text that lacks a
    pattern's words. ``words`` is read once, from the gazetteer; the rule's own checks stay
    as they are, so the words need only be a superset of what the rule looks for."""

    def wrap(rule: Rule) -> Rule:
        wanted: frozenset[str] | None = None

        @wraps(rule)
        def run(ctx: ArticleContext, sent: Span) -> None:
            nonlocal wanted
            if wanted is None:
                wanted = frozenset(words(gazetteer()))
            if has_words(sent, wanted):
                rule(ctx, sent)

        return run

    return wrap

PERSON = frozenset({"Person"})
ARMED = frozenset({"ArmedGroup"})
GROUPS = GROUP_CLASSES
STATES = frozenset({"Country", "GovernmentBody"})
# -- small dependency helpers -------------------------------------------------------------
def children(tok: Token, *deps: str) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def pobj(tok: Token, *preps: str) -> list[Token]:
    return [p for c in tok.children if c.dep_ in ("prep", "agent", "dative") and c.lower_ in preps
            for p in c.children if p.dep_ == "pobj"]

def with_conj(tok: Token) -> Iterator[Token]:
    yield tok
    for c in tok.children:
        if c.dep_ == "conj":
            yield from with_conj(c)

def subject(verb: Token) -> Token | None:
    """The subject of a verb, through coordination and relative clauses."""
    node = verb
    while True:
        subj = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            if subj.tag_ in ("WDT", "WP") and node.dep_ == "relcl":
                return node.head
            return subj
        if node.dep_ in ("conj", "xcomp", "advcl") and node.head.i != node.i:
            node = node.head
            continue
        if node.dep_ == "relcl":
            return node.head
        if node.dep_ == "acl":
            return node.head
        return None

def is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children) or (
        verb.tag_ == "VBN" and verb.dep_ == "acl"
    )

def passive_agent(verb: Token) -> Token | None:
    """The "by" phrase of a passive verb, also where the parser hung it on a complement."""
    found = pobj(verb, "by")
    for c in verb.children:
        if not found and c.dep_ in ("oprd", "xcomp", "attr", "acomp"):
            found = pobj(c, "by")
    return found[0] if found else None

def subject_entities(ctx: ArticleContext, verb: Token, want: frozenset[str]) -> list[str]:
    """Subjects of a verb; where the parse lost the subject, the group the clause is about."""
    found = entities(ctx, subject(verb), want)
    if found:
        return found
    sent = ctx.sentences[ctx.sent_of[verb.i]]
    for ref in reversed(ctx.refs):
        if ref.start >= verb.i or ref.start < sent.start or ref.cls not in want:
            continue
        tok = sent.doc[ref.start]
        root = tok
        while root.head.i != root.i and ctx.tok_key.get(root.head.i) == ref.key:
            root = root.head
        if root.dep_ != "pobj":
            return [ref.key]
    return []

def entities(ctx: ArticleContext, tok: Token | None, want: frozenset[str]) -> list[str]:
    if tok is None:
        return []
    out = []
    for t in with_conj(tok):
        key = ctx.entity(t, want)
        if key and key not in out:
            out.append(key)
    return out

def country_modifier(ctx: ArticleContext, tok: Token) -> str | None:
    """The country a noun is qualified by: "Ukrainian citizenship", "citizen of Mali"."""
    g = gazetteer()
    for c in tok.children:
        if c.dep_ in ("amod", "compound", "nmod", "poss") and (country := g.country_of(c.text)):
            return ctx.country_entity(country)
    for p in pobj(tok, "of"):
        key = ctx.tok_key.get(p.i)
        if key and ctx.cls(key) == "Country":
            return key
    return None

def attack_in(ctx: ArticleContext, toks: list[Token]) -> str | None:
    for t in toks:
        for sub in t.subtree:
            if (key := ctx.attacks.at(sub)) is not None:
                return key
    return None

def name_root(ctx: ArticleContext, tok: Token) -> Token:
    key = ctx.tok_key[tok.i]
    node = tok
    while node.head.i != node.i and ctx.tok_key.get(node.head.i) == key:
        node = node.head
    return node

LEADER_PROPERTIES = {"leaderOf", "politicalLeaderOf", "militaryLeaderOf", "formerLeaderOf"}
COMBATANT_NOUNS = {"fighter", "attacker", "man", "militant", "gunman", "rebel", "insurgent", "member",
                   "guerrilla", "jihadist", "combatant", "soldier"}
