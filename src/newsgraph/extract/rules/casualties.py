"""Casualties: how many an attack killed and injured."""

from __future__ import annotations

from spacy.tokens import Span, Token

from newsgraph.extract.context import ArticleContext
from newsgraph.extract.rules.common import attack_in, pobj, subject, triggered_by, with_conj
from newsgraph.gazetteer import fold, gazetteer, parse_count
from newsgraph.model import Literal

KILL_WORDS = {"kill", "die", "dead", "death", "execute", "behead", "massacre", "slay", "fatality", "killing"}

INJURE_WORDS = {"injure", "wound", "hurt", "hospitalize", "hospitalise", "injured", "wounded", "injury",
                "wounding"}
# "leading to the killing of 76 policemen", "the deaths of 12 soldiers": a noun counted by its "of".
_OF_NOUNS = {"killing", "death", "injury", "wounding"}


def _casualty_nouns(verb: Token) -> list[Token]:
    found: list[Token] = []
    if verb.pos_ == "ADJ" and any(c.dep_ in ("nummod", "quantmod") and c.like_num for c in verb.children):
        return [verb]  # "leaving 14 dead and 50 wounded": the counted adjective is the people
    if verb.lemma_ == "death" and verb.dep_ == "compound" and verb.head.lemma_ == "toll":
        return _toll_counts(verb.head)
    if verb.pos_ == "NOUN" and verb.lemma_.lower() in _OF_NOUNS:
        return pobj(verb, "of")
    if verb.dep_ in ("oprd", "acomp", "xcomp", "ccomp") and verb.pos_ == "ADJ":
        verb = verb.head  # "left four gendarmes dead"
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass", "dobj"):
            found.extend(with_conj(c))
            found.extend(a for a in c.children if a.dep_ == "appos")
    if verb.dep_ in ("relcl", "acl", "amod"):
        found.append(verb.head)
    return found


def _toll_counts(toll: Token) -> list[Token]:
    """The number a death toll is given as: "a death toll of 14", "the death toll rose to 14",
    "stands at 14", "reached 14". Not "bringing the death toll to 20", which may add up more
    than the attack the sentence names."""
    numbers = [p for p in pobj(toll, "of") if p.like_num]
    if toll.dep_ == "nsubj":
        verb = toll.head
        numbers += [p for p in pobj(verb, "to", "at") if p.like_num]
        numbers += [c for c in verb.children if c.dep_ in ("dobj", "attr") and c.like_num]
    return numbers


# "a civil conflict has killed 10,000": a count of something larger than one attack.
_NOT_AN_ATTACK = {
    "conflict",
    "war",
    "insurgency",
    "violence",
    "fighting",
    "disease",
    "famine",
    "campaign",
    "crisis",
    "unrest",
    "year",
    "decade",
}


def _count_of(noun: Token) -> int | None:
    """The number a casualty noun is counted with: "12 people", "twenty-two people", "1,200"."""
    number = (
        noun
        if noun.like_num
        else next((c for c in noun.children if c.dep_ in ("nummod", "quantmod") and c.like_num), None)
    )
    if number is None:
        return None
    # spaCy splits "twenty-two" into three tokens: read the whole run of number words.
    doc, start, end = noun.doc, number.i, number.i + 1
    while (
        start > 0
        and (doc[start - 1].like_num or doc[start - 1].text == "-")
        and doc[start - 1].i >= noun.left_edge.i
    ):
        start -= 1
    while (
        end < len(doc)
        and (doc[end].like_num or doc[end].text == "-")
        and doc[end].i < noun.i + (not noun.like_num)
    ):
        end += 1
    return parse_count(doc[start:end].text.replace(" - ", "-")) or parse_count(number.text)


def _event_of(ctx: ArticleContext, verb: Token, sent: Span) -> str | None:
    """The event a casualty word counts the dead or hurt of: the attack word it is said of ("the
    blast killed", "killed in the attack", "an attack ... killing"), else the attack named in
    the sentence, else the event the article is about if it was named just before."""
    subj = subject(verb) if verb.pos_ == "VERB" else None
    if subj is not None and subj.lemma_.lower() in _NOT_AN_ATTACK and ctx.attacks.at(subj) is None:
        return None
    node = verb
    for _ in range(4):  # "an attack ..., killing 12": the participle hangs on the attack's clause
        if (key := ctx.attacks.at(node)) is not None:
            return key
        if key := attack_in(
            ctx,
            [
                c
                for c in node.children
                if c.dep_ in ("nsubj", "nsubjpass", "prep", "agent", "dobj") and c.i != verb.i
            ],
        ):
            return key
        if node.head.i == node.i:
            break
        node = node.head
    before = [i for i in range(sent.start, verb.i) if ctx.attacks.at(ctx.doc[i])]
    named = ctx.attacks.at(ctx.doc[before[-1]]) if before else ctx.attacks.in_sentence(sent)
    if named:
        return named
    latest = ctx.attacks.latest(verb.i)
    return latest if latest and ctx.attacks.distance(latest, verb) <= 1 else None


@triggered_by(lambda g: KILL_WORDS | INJURE_WORDS | {"casualty"})
def casualties(ctx: ArticleContext, sent: Span) -> None:
    """ "two civilians died", "killed at least 12", "Nine civilians who were injured"; denials.
    The attackers' own dead are not the attack's casualties."""
    g = gazetteer()
    for tok in sent:
        lemma = tok.lemma_.lower()
        prop = "killed" if lemma in KILL_WORDS else "injured" if lemma in INJURE_WORDS else None
        if prop is None and lemma == "casualty" and ctx.denied(tok):
            attack = ctx.attacks.latest(tok.i)
            previous = [
                s for s in ctx.statements if s.subject == attack and s.predicate == "killed" and not s.denied
            ]
            if attack and previous:
                ctx.emit(attack, "killed", previous[-1].object, tok, rule="casualty-denial", denied=True)
            continue
        if prop is None:
            continue
        nouns = _casualty_nouns(tok)
        if any(fold(n.lemma_) in g.perpetrator_nouns for n in nouns):
            continue  # "a bomber and five victims died": not the toll
        for noun in nouns:
            count = _count_of(noun)
            # A counted plural said to be killed or hurt is people ("two AQAP operatives", "551
            # concertgoers"), whatever the noun.
            if count is None or not (
                noun.like_num
                or noun.i == tok.i
                or fold(noun.lemma_) in g.casualty_nouns
                or fold(noun.text) in g.casualty_nouns
                or noun.lower_ == "others"
                or (noun.tag_ == "NNS" and noun.dep_ in ("dobj", "nsubjpass", "nsubj"))
                # "the deaths of 12 soldiers"
                or (noun.tag_ == "NNS" and tok.pos_ == "NOUN" and noun.dep_ == "pobj")
                # "and more than 551 concertgoers injured": the participle says what they suffered
                or (noun.tag_ == "NNS" and tok.tag_ == "VBN" and tok.dep_ == "acl" and tok.head.i == noun.i)
            ):
                continue
            if fold(noun.lemma_) in g.perpetrator_nouns:
                break
            attack = _event_of(ctx, tok, sent)
            if attack:
                ctx.emit(attack, prop, Literal(str(count), "count"), tok, rule="casualties")
            break  # "killing 149 people including 132 children": the first count is the toll
