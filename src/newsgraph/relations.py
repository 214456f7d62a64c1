"""Relation rules: each a small function that reads one parsed sentence and emits statements.

A rule gets the :class:`~newsgraph.extract.ArticleContext` (names, coreference, attacks, dates,
sources) and one sentence, and calls ``ctx.emit``. Rules are registered by name in ``RULES``
and run in that order for every sentence; word lists are data at the top of this module or in
the gazetteers, never names of particular people, groups or places.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from spacy.tokens import Span, Token

from newsgraph.extract import AGENT_CLASSES, GROUP_CLASSES, PLACE_CLASSES, ArticleContext
from newsgraph.gazetteer import fold, gazetteer
from newsgraph.model import Literal

__all__ = ["RULES", "rule", "parse_count"]

Rule = Callable[[ArticleContext, Span], None]
RULES: dict[str, Rule] = {}

PERSON = frozenset({"Person"})
ARMED = frozenset({"ArmedGroup"})
GROUPS = GROUP_CLASSES
STATES = frozenset({"Country", "GovernmentBody"})

FOUND_VERBS = {"found", "establish", "form", "create", "set", "launch", "co-found", "start"}
LEAD_VERBS = {"lead", "head", "command", "run", "direct", "chair"}
MEMBER_NOUNS = {"member", "fighter", "militant", "soldier", "spokesman", "spokeswoman", "spokesperson",
                "activist", "recruit", "volunteer", "commander", "officer", "operative", "combatant",
                "guerrilla", "rebel", "insurgent", "jihadist", "correspondent", "reporter", "journalist"}
ALLY_VERBS = {"ally", "agree", "cooperate", "partner", "align", "unite", "fight", "team", "coordinate", "join"}
PARTICIPATION_VERBS = {"participate", "carry", "launch", "stage", "conduct", "mount", "perpetrate",
                       "involve", "execute", "orchestrate", "commit", "lead"}
CLAIM_NOUNS = {"responsibility", "credit"}
LEADER_PROPERTIES = {"leaderOf", "politicalLeaderOf", "militaryLeaderOf", "formerLeaderOf"}
COMBATANT_NOUNS = {"fighter", "attacker", "man", "militant", "gunman", "rebel", "insurgent", "member",
                   "guerrilla", "jihadist", "combatant", "soldier"}
KILL_WORDS = {"kill", "die", "dead", "death", "execute", "behead", "massacre", "slay", "fatality"}
INJURE_WORDS = {"injure", "wound", "hurt", "hospitalize", "hospitalise", "injured", "wounded"}
TERROR_VERBS = {"call", "consider", "designate", "label", "list", "brand", "declare", "classify", "regard", "deem", "name"}
CITIZEN_NOUNS = {"citizen", "national", "nationality", "citizenship", "passport", "native"}
WEAPON_VERBS = {"have", "possess", "use", "acquire", "receive", "obtain", "deploy", "fire", "operate",
                "wield", "get", "buy", "purchase", "show", "display", "employ", "launch"}
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "dozen": 12, "a dozen": 12,
}


def rule(name: str) -> Callable[[Rule], Rule]:
    def register(fn: Rule) -> Rule:
        RULES[name] = fn
        return fn

    return register


def parse_count(text: str) -> int | None:
    """An integer from a number in words or digits.

    >>> parse_count("Nine"), parse_count("1,200"), parse_count("twenty-five"), parse_count("some")
    (9, 1200, 25, None)
    """
    t = text.lower().replace(",", "").strip()
    if t.isdigit():
        return int(t)
    parts = t.replace("-", " ").split()
    if parts and all(p in _NUMBER_WORDS for p in parts):
        total = 0
        for p in parts:
            total = total * 100 if p == "hundred" else total + _NUMBER_WORDS[p]
        return total
    return None


# -- small dependency helpers -------------------------------------------------------------
def _children(tok: Token, *deps: str) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def _pobj(tok: Token, *preps: str) -> list[Token]:
    return [p for c in tok.children if c.dep_ in ("prep", "agent", "dative") and c.lower_ in preps
            for p in c.children if p.dep_ == "pobj"]


def _with_conj(tok: Token) -> Iterator[Token]:
    yield tok
    for c in tok.children:
        if c.dep_ == "conj":
            yield from _with_conj(c)


def _subject(verb: Token) -> Token | None:
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


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children) or (
        verb.tag_ == "VBN" and verb.dep_ == "acl"
    )


def _passive_agent(verb: Token) -> Token | None:
    """The "by" phrase of a passive verb, also where the parser hung it on a complement."""
    found = _pobj(verb, "by")
    for c in verb.children:
        if not found and c.dep_ in ("oprd", "xcomp", "attr", "acomp"):
            found = _pobj(c, "by")
    return found[0] if found else None


def _subject_entities(ctx: ArticleContext, verb: Token, want: frozenset[str]) -> list[str]:
    """Subjects of a verb; where the parse lost the subject, the group the clause is about."""
    found = _entities(ctx, _subject(verb), want)
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


def _entities(ctx: ArticleContext, tok: Token | None, want: frozenset[str]) -> list[str]:
    if tok is None:
        return []
    out = []
    for t in _with_conj(tok):
        key = ctx.entity(t, want)
        if key and key not in out:
            out.append(key)
    return out


def _country_modifier(ctx: ArticleContext, tok: Token) -> str | None:
    """The country a noun is qualified by: "Ukrainian citizenship", "citizen of Mali"."""
    g = gazetteer()
    for c in tok.children:
        if c.dep_ in ("amod", "compound", "nmod", "poss") and (country := g.country_of(c.text)):
            return ctx.country_entity(country)
    for p in _pobj(tok, "of"):
        key = ctx.tok_key.get(p.i)
        if key and ctx.cls(key) == "Country":
            return key
    return None


# -- rules --------------------------------------------------------------------------------
@rule("founding")
def founding(ctx: ArticleContext, sent: Span) -> None:
    """"X was founded in 2019 by Y", "Y set up X", "X, formed in March 2021"."""
    for verb in sent:
        if verb.pos_ != "VERB" or verb.lemma_ not in FOUND_VERBS:
            continue
        if verb.lemma_ == "set" and not any(c.dep_ == "prt" and c.lower_ == "up" for c in verb.children):
            continue
        if _is_passive(verb):
            org_tok = _subject(verb) if verb.dep_ != "acl" else verb.head
            orgs = _entities(ctx, org_tok, GROUPS)
            founders = _entities(ctx, _passive_agent(verb), AGENT_CLASSES - {"Country"})
        else:
            orgs = _entities(ctx, next(iter(_children(verb, "dobj")), None), GROUPS)
            founders = _entities(ctx, _subject(verb), AGENT_CLASSES - {"Country"})
        when = ctx.dates_under(verb)
        for org in orgs:
            if when is not None:
                ctx.emit(org, "foundedOn", when, verb, rule="founding-date")
            for founder in founders:
                ctx.emit(org, "foundedBy", founder, verb, rule="founding")


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
    return any(c.lower_ in ("former", "ex", "then", "previous", "late", "ousted") for c in title.children)


def _led_thing(ctx: ArticleContext, title: Token, person: str) -> str | None:
    """What a leadership title is of: "of X", "its", "X's", "Velka governor", a country nearby."""
    for p in _pobj(title, "of"):
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
            if country := gazetteer().country_of(c.text):
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
        if sub.dep_ == "appos" and sub.head.i != title.i and (key := ctx.tok_key.get(sub.i)) \
                and ctx.cls(key) == "Person":
            return key
    # "the governor Strommer": a name right after the title
    nxt = title.i + 1
    if nxt < len(title.doc) and (key := ctx.tok_key.get(nxt)) and ctx.cls(key) == "Person":
        return key
    return None


@rule("leadership")
def leadership(ctx: ArticleContext, sent: Span) -> None:
    """Titles ("its leader is X", "the governor of X, Y") and verbs ("led by X", "X heads Y")."""
    g = gazetteer()
    for tok in sent:
        if tok.pos_ in ("NOUN", "PROPN") and (fold(tok.lemma_) in g.leader_titles or fold(tok.text) in g.leader_titles):
            if ctx.tok_key.get(tok.i) and ctx.cls(ctx.tok_key[tok.i]) != "Person":
                continue  # part of a name ("Chief Directorate")
            prop = _leader_property(ctx, tok)
            if prop is None or any(c.lower_ in ("a", "an") for c in tok.children):
                continue  # "a commander of X" is membership, handled there
            person = _title_person(ctx, tok)
            thing = _led_thing(ctx, tok, person) if person else None
            if person and thing:
                ctx.emit(person, "formerLeaderOf" if _is_former(tok) else prop, thing, tok, rule="leader-title")
        if tok.pos_ == "VERB" and tok.lemma_ in LEAD_VERBS:
            if _is_passive(tok):
                org_tok = tok.head if tok.dep_ == "acl" else _subject(tok)
                leaders = _entities(ctx, _passive_agent(tok), PERSON)
                orgs = _entities(ctx, org_tok, GROUPS)
            else:
                leaders = _entities(ctx, _subject(tok), PERSON)
                orgs = _entities(ctx, next(iter(_children(tok, "dobj")), None), GROUPS)
            for leader in leaders:
                for org in orgs:
                    ctx.emit(leader, "leaderOf", org, tok, rule="leader-verb")


@rule("membership")
def membership(ctx: ArticleContext, sent: Span) -> None:
    """"X, a member of G", "one of his fighters, known as X", "X joined G", "CNN's X"."""
    for tok in sent:
        if tok.pos_ == "NOUN" and tok.lemma_ in MEMBER_NOUNS:
            person = _member_person(ctx, tok)
            group = _member_group(ctx, tok, sent)
            if person and group and not _leads_in_sentence(ctx, person, group, sent):
                ctx.emit(person, "memberOf", group, tok, rule="member-noun")
        if tok.pos_ == "VERB" and tok.lemma_ == "join":
            groups = _entities(ctx, next(iter(_children(tok, "dobj")), None), GROUPS)
            ranks = [p for d in _children(tok, "dobj") if d.lemma_ == "rank" for p in _pobj(d, "of")]
            groups += _entities(ctx, ranks[0] if ranks else None, GROUPS)
            for person in _entities(ctx, _subject(tok), PERSON):
                for group in groups:
                    ctx.emit(person, "memberOf", group, tok, rule="join")
        key = ctx.tok_key.get(tok.i)
        if key and ctx.cls(key) == "Person" and tok.i == _name_root(ctx, tok).i:
            # "Andrei X of the BBC", "CNN's Sam Y": a person attached to an organisation.
            for p in _pobj(tok, "of"):
                org = ctx.tok_key.get(p.i)
                if org and ctx.cls(org) in ("NewsSource", "ArmedGroup", "Organization"):
                    ctx.emit(key, "memberOf", org, tok, rule="person-of-org")
            for c in _children(tok, "poss"):
                org = ctx.tok_key.get(c.i)
                if org and ctx.cls(org) in ("NewsSource", "ArmedGroup"):
                    ctx.emit(key, "memberOf", org, tok, rule="org-s-person")


def _leads_in_sentence(ctx: ArticleContext, person: str, group: str, sent: Span) -> bool:
    """"the group's former commander, X": the title made X its (former) leader, not a member."""
    here = ctx.sent_of[sent.start]
    return any(s.subject == person and s.object == group and s.sentence == here
               and s.predicate in LEADER_PROPERTIES for s in ctx.statements)


def _name_root(ctx: ArticleContext, tok: Token) -> Token:
    key = ctx.tok_key[tok.i]
    node = tok
    while node.head.i != node.i and ctx.tok_key.get(node.head.i) == key:
        node = node.head
    return node


def _member_person(ctx: ArticleContext, noun: Token) -> str | None:
    key = ctx.entity(noun, PERSON)
    if key:
        return key
    if noun.dep_ in ("appos", "attr") and (key := ctx.entity(noun.head, PERSON)):
        return key
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lower_ in ("one", "some") \
            and (one := noun.head.head):
        for c in one.children:
            if c.dep_ in ("appos", "acl"):
                for sub in c.subtree:
                    k = ctx.tok_key.get(sub.i)
                    if k and ctx.cls(k) == "Person":
                        return k
        if one.dep_ == "appos" and (key := ctx.entity(one.head, PERSON)):
            return key
    if noun.dep_ == "attr":
        subj = _subject(noun.head)
        return ctx.entity(subj, PERSON)
    return None


def _member_group(ctx: ArticleContext, noun: Token, sent: Span) -> str | None:
    for p in _pobj(noun, "of", "in", "with", "from", "for"):
        key = ctx.entity(p, GROUPS | {"NewsSource"})
        if key:
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


@rule("alliance")
def alliance(ctx: ArticleContext, sent: Span) -> None:
    """"G agreed with H", "G cooperates with H", "an alliance with H", "fight alongside H"."""
    for tok in sent:
        partners: list[str] = []
        if tok.pos_ == "VERB" and tok.lemma_ in ALLY_VERBS:
            if tok.lemma_ == "join" and not any(c.lemma_ == "force" for c in tok.children):
                continue
            if tok.lemma_ in ("fight", "coordinate"):
                partners = _entities(ctx, next(iter(_pobj(tok, "alongside")), None), GROUPS)
            else:
                objs = _pobj(tok, "with", "alongside") + [p for d in _children(tok, "dobj") for p in _pobj(d, "with")]
                partners = _entities(ctx, objs[0] if objs else None, GROUPS)
            subjects = _subject_entities(ctx, tok, GROUPS)
        elif tok.pos_ == "NOUN" and tok.lemma_ in ("alliance", "pact", "partnership", "coalition"):
            partners = _entities(ctx, next(iter(_pobj(tok, "with", "between")), None), GROUPS)
            verb = tok.head if tok.dep_ in ("dobj", "pobj") else tok
            subjects = _entities(ctx, _subject(verb.head if verb.dep_ == "prep" else verb), GROUPS)
        else:
            continue
        for a in subjects:
            for b in partners:
                if a != b:
                    ctx.emit(a, "alliedWith", b, tok, rule="alliance")


@rule("part-of")
def part_of(ctx: ArticleContext, sent: Span) -> None:
    """"G merged into H", "G is part of H", "G joined the H alliance", "a unit/wing of H"."""
    for tok in sent:
        wholes: list[str] = []
        if tok.pos_ == "VERB" and tok.lemma_ in ("merge", "integrate", "absorb", "fold", "incorporate"):
            wholes = _entities(ctx, next(iter(_pobj(tok, "into", "with")), None), GROUPS)
        elif tok.pos_ == "VERB" and tok.lemma_ == "join":
            wholes = [k for k in _entities(ctx, next(iter(_children(tok, "dobj")), None), GROUPS)
                      if gazetteer().org_class(ctx.entities[k].label) == "Organization"
                      or any(w in fold(ctx.entities[k].label) for w in ("alliance", "coalition", "front", "council"))]
        elif tok.lower_ == "part" and tok.dep_ in ("attr", "dobj", "pobj"):
            wholes = _entities(ctx, next(iter(_pobj(tok, "of")), None), GROUPS)
            tok = tok.head
        elif tok.pos_ == "NOUN" and tok.lemma_ in ("wing", "branch", "unit", "faction", "affiliate") \
                and tok.dep_ in ("attr", "appos"):
            wholes = _entities(ctx, next(iter(_pobj(tok, "of")), None), GROUPS)
            parts = _entities(ctx, tok.head if tok.dep_ == "appos" else _subject(tok.head), GROUPS)
            for part in parts:
                for whole in wholes:
                    ctx.emit(part, "partOf", whole, tok, rule="part-of")
            continue
        else:
            continue
        for part in _subject_entities(ctx, tok, GROUPS) if tok.pos_ in ("VERB", "AUX") else []:
            for whole in wholes:
                if part != whole:
                    ctx.emit(part, "partOf", whole, tok, rule="part-of")


@rule("command")
def command(ctx: ArticleContext, sent: Span) -> None:
    """"operates under Ukrainian command", "under the command of X", "subordinate to X"."""
    for tok in sent:
        if tok.lower_ == "under" and tok.dep_ == "prep":
            for pobj in _children(tok, "pobj"):
                commander = None
                if pobj.lemma_ in ("command", "control", "authority", "leadership"):
                    commander = ctx.tok_key.get(pobj.i) or next(
                        (k for p in _pobj(pobj, "of") if (k := ctx.entity(p, GROUPS | STATES))), None)
                    if commander is None and (country := _country_modifier(ctx, pobj)):
                        commander = ctx.military_of(ctx.entities[country].label)
                if commander is None:
                    continue
                verb = tok.head
                subjects = _subject_entities(ctx, verb, GROUPS) if verb.pos_ in ("VERB", "AUX") \
                    else _entities(ctx, verb, GROUPS)
                for sub in subjects:
                    ctx.emit(sub, "operatesUnderCommandOf", commander, tok, rule="command")
        if tok.lower_ == "subordinate":
            for p in _pobj(tok, "to"):
                commander = ctx.entity(p, GROUPS | STATES)
                for sub in _entities(ctx, _subject(tok.head if tok.dep_ == "acomp" else tok), GROUPS):
                    ctx.emit(sub, "operatesUnderCommandOf", commander, tok, rule="command")


@rule("support")
def support(ctx: ArticleContext, sent: Span) -> None:
    """"backed by X", "X-backed", "receives weapons from X", "X supports G"."""
    for tok in sent:
        if tok.lemma_ in ("back", "support", "fund", "finance", "arm", "train", "sponsor", "equip") and tok.pos_ == "VERB":
            if _is_passive(tok):
                backers = _entities(ctx, _passive_agent(tok), GROUPS | STATES)
                backed = _entities(ctx, tok.head if tok.dep_ in ("acl", "amod") else _subject(tok), GROUPS)
            else:
                backers = _entities(ctx, _subject(tok), GROUPS | STATES)
                backed = _entities(ctx, next(iter(_children(tok, "dobj")), None), GROUPS)
            for b in backed:
                for s in backers:
                    if ctx.cls(s) != "Country" or ctx.cls(b) == "ArmedGroup":
                        ctx.emit(b, "supportedBy", s, tok, rule="support")
        if tok.lemma_ in ("receive", "get", "obtain") and tok.pos_ == "VERB":
            if any(d.lemma_ in ("weapon", "arm", "funding", "support", "training", "money", "ammunition", "aid")
                   for d in _children(tok, "dobj")):
                froms = [p for t in tok.subtree if t.dep_ == "prep" and t.lower_ == "from"
                         for p in t.children if p.dep_ == "pobj"]
                for s in _entities(ctx, next(iter(froms), None), GROUPS | STATES):
                    for b in _entities(ctx, _subject(tok), GROUPS):
                        ctx.emit(b, "supportedBy", s, tok, rule="support-receive")


def _attack_in(ctx: ArticleContext, toks: list[Token]) -> str | None:
    for t in toks:
        for sub in t.subtree:
            if (key := ctx.attack(sub)) is not None:
                return key
    return None


@rule("claims")
def claims(ctx: ArticleContext, sent: Span) -> None:
    """"G claimed responsibility for A", "responsibility was claimed for A", "A was claimed by G"."""
    for tok in sent:
        if tok.lemma_ != "claim" or tok.pos_ != "VERB":
            continue
        passive = _is_passive(tok)
        objects = _children(tok, "dobj") + ([_subject(tok)] if passive and _subject(tok) is not None else [])
        attack = None
        if any(o.lemma_ in CLAIM_NOUNS for o in objects):
            fors = _pobj(tok, "for") + [p for o in objects for p in _pobj(o, "for")]
            attack = _attack_in(ctx, fors)
        else:
            attack = _attack_in(ctx, objects)
        if attack is None:
            continue
        if passive:
            claimants = _entities(ctx, _passive_agent(tok), GROUPS)
            if not claimants:
                # "Responsibility has been claimed for the attack": by the group just discussed.
                recent = ctx.recent(tok.i, ARMED, window=1)
                claimants = [recent] if recent else []
        else:
            claimants = _entities(ctx, _subject(tok), GROUPS)
        for group in claimants:
            ctx.emit(group, "claimedResponsibilityFor", attack, tok, rule="claim",
                     source=ctx.source_for(tok) or group)


@rule("participation")
def participation(ctx: ArticleContext, sent: Span) -> None:
    """"G participated in A", "G carried out A", "G attacked X", "45 of his men were involved"."""
    for tok in sent:
        if tok.pos_ != "VERB":
            continue
        attack = None
        if tok.i in ctx.attack_tok and tok.lemma_ != "target":
            attack = ctx.attack_tok[tok.i]
        elif tok.lemma_ in PARTICIPATION_VERBS or (tok.lemma_ == "take" and any(c.lower_ == "part" for c in tok.children)):
            attack = _attack_in(ctx, _pobj(tok, "in", "for", "on") + _children(tok, "dobj"))
        if attack is None:
            continue
        if _is_passive(tok) and tok.lemma_ != "involve":
            subjects = _entities(ctx, _passive_agent(tok), AGENT_CLASSES - {"NewsSource"})
        else:
            subj = _subject(tok)
            subjects = _entities(ctx, subj, GROUPS | PERSON)
            if not subjects and subj is not None and subj.lemma_ in ("man", "fighter", "member", "militant", "soldier"):
                # "45 men were involved", said by a commander: his group took part.
                speaker = ctx.source_for(tok)
                if speaker and ctx.cls(speaker) == "Person":
                    group = ctx._group_led_by(speaker)
                    subjects = [group] if group else []
        source = ctx.source_for(tok)
        for agent in subjects:
            if ctx.cls(agent) in GROUPS | PERSON and ctx.cls(agent) != "NewsSource":
                ctx.emit(agent, "participatedIn", attack, tok, rule="participation")
                if source == agent and ctx.cls(agent) == "ArmedGroup" and not ctx.denied(tok):
                    # A group saying it carried out an attack is claiming it.
                    ctx.emit(agent, "claimedResponsibilityFor", attack, tok, rule="self-reported-participation")


@rule("accusation")
def accusation(ctx: ArticleContext, sent: Span) -> None:
    """"officials blamed G for the attack", "the bombing bears the hallmarks of G", "police said G
    was behind the raid": G is accused, according to the accuser. "G denied any involvement in the
    attack", "G rejected claims that it was behind it": G denies taking part. Cues are data
    (``accusation_words.tsv``)."""
    for cue in sent:
        cues = gazetteer().accusation_cues.get(cue.lemma_.lower(), [])
        hosts = [cue, *_children(cue, "dobj", "relcl", "acl", "xcomp", "acomp", "oprd")]
        found = next((c for c in cues if not c[0] or _preps(hosts, c[0])), None)
        if found is None or (cue.pos_ == "ADP" and cue.dep_ != "prep"):
            continue
        prep, stance, accused_at, attack_at = found
        is_verb = cue.pos_ == "VERB"
        accused = _entities(ctx, _cue_slot(cue, hosts, accused_at, pobj=True), GROUPS | PERSON)
        attack = _cue_attack(ctx, cue, hosts, attack_at)
        if not accused or attack is None:
            continue
        denial = stance == "negative" or (not (stance == "accuse" and is_verb) and ctx.denied(cue))
        if denial:
            speaker = ctx.source_for(cue)
            for agent in accused:
                ctx.emit(agent, "participatedIn", attack, cue, rule="denial", denied=True, source=speaker or agent)
            continue
        if stance != "accuse" or (is_verb and ctx.denied(cue)):
            continue  # "officials did not blame G": no accusation
        if is_verb:
            by = _passive_agent(cue) if _is_passive(cue) else _subject(cue)
            accuser = ctx.agent(by) if by is not None else ctx.source_for(cue)
        else:
            accuser = ctx.source_for(cue)
        for agent in accused:
            if not is_verb and (accuser == agent or not ctx.is_reported(cue)):
                # "G said it was behind the attack", or the article says so itself: not an accusation.
                ctx.emit(agent, "participatedIn", attack, cue, rule="behind", denied=False, source=accuser)
                if accuser == agent and ctx.cls(agent) in GROUPS - {"GovernmentBody"}:
                    ctx.emit(agent, "claimedResponsibilityFor", attack, cue, rule="self-reported-participation",
                             denied=False, source=agent)
            elif accuser != agent:
                ctx.emit(agent, "accusedOf", attack, cue, rule="accusation", denied=False, source=accuser)


def _preps(hosts: list[Token], word: str) -> list[Token]:
    return [c for h in hosts for c in h.children if c.dep_ in ("prep", "agent", "dative") and c.lower_ == word]


def _clause_subject(cue: Token) -> Token | None:
    """The subject of the clause a noun, adjective or preposition belongs to: "G was behind ...",
    "G denied any involvement", "the bombing bears the hallmarks of ..."."""
    if own := next(iter(_children(cue, "nsubj", "nsubjpass")), None):
        return own
    node = cue
    while node.pos_ not in ("VERB", "AUX") and node.head.i != node.i:
        node = node.head
    if cue.dep_ == "oprd":
        return next(iter(_children(node, "dobj")), None)  # "held G responsible for ..."
    return _subject(node) if node.pos_ in ("VERB", "AUX") else None


def _cue_slot(cue: Token, hosts: list[Token], where: str, pobj: bool) -> Token | None:
    if where == "subject":
        return _subject(cue) if cue.pos_ == "VERB" and not _is_passive(cue) else _clause_subject(cue)
    if where == "object":
        if cue.pos_ == "VERB":
            return _subject(cue) if _is_passive(cue) else next(iter(_children(cue, "dobj")), None)
        return next(iter(_children(cue, "pobj")), None) if cue.pos_ == "ADP" else None
    phrases = _preps(hosts, where)
    if pobj:
        return next((p for c in phrases for p in c.children if p.dep_ == "pobj"), None)
    return phrases[0] if phrases else None


def _cue_attack(ctx: ArticleContext, cue: Token, hosts: list[Token], where: str) -> str | None:
    """The attack an accusation or denial is about; None when its phrase names something else."""
    if where == "context":
        sent = ctx.sentences[ctx.sent_of[cue.i]]
        return next((ctx.attack_tok[t.i] for t in sent if t.i in ctx.attack_tok), None) or ctx.latest_attack(cue.i)
    slot = _cue_slot(cue, hosts, where, pobj=False)
    return _attack_in(ctx, [slot]) if slot is not None else None


def _casualty_nouns(verb: Token) -> list[Token]:
    found = []
    if verb.dep_ in ("oprd", "acomp", "xcomp", "ccomp") and verb.pos_ == "ADJ":
        verb = verb.head  # "left four gendarmes dead"
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass", "dobj"):
            found.extend(_with_conj(c))
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


@rule("casualties")
def casualties(ctx: ArticleContext, sent: Span) -> None:
    """"two civilians died", "killed at least 12", "Nine civilians who were injured"; denials."""
    g = gazetteer()
    for tok in sent:
        lemma = tok.lemma_.lower()
        prop = "killed" if lemma in KILL_WORDS else "injured" if lemma in INJURE_WORDS else None
        if prop is None and lemma == "casualty" and ctx.denied(tok):
            attack = ctx.latest_attack(tok.i)
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
            attack = _attack_in(ctx, [tok]) or next(
                (ctx.attack_tok[t.i] for t in sent if t.i in ctx.attack_tok), None) or ctx.latest_attack(tok.i)
            if attack and ctx.attack_distance(attack, tok) <= 3:
                ctx.emit(attack, prop, Literal(str(count), "count"), tok, rule="casualties")


@rule("terrorist-designation")
def terrorist_designation(ctx: ArticleContext, sent: Span) -> None:
    """"X calls him a terrorist", "it is considered a terrorist group by X", "X listed G as ..."."""
    for tok in sent:
        if tok.pos_ != "VERB" or tok.lemma_ not in TERROR_VERBS:
            continue
        rest = [t for c in tok.children if c.dep_ not in ("nsubj", "nsubjpass", "agent") for t in c.subtree]
        if not any(t.lower_.startswith("terror") for t in rest):
            continue
        if _is_passive(tok):
            targets = _entities(ctx, _subject(tok), AGENT_CLASSES - {"Country"})
            designators = _entities(ctx, _passive_agent(tok), AGENT_CLASSES)
        else:
            targets = _entities(ctx, next(iter(_children(tok, "dobj")), None), AGENT_CLASSES - {"Country"})
            if not targets:
                # "designated the TLF a terrorist organisation": the parser may make the group the
                # subject of a small clause; it is the first agent named after the verb.
                targets = next(([k] for t in tok.subtree if t.i > tok.i
                                and (k := ctx.entity(t, AGENT_CLASSES - {"Country"}))), [])
            designators = _entities(ctx, _subject(tok), AGENT_CLASSES)
        for target in targets:
            for designator in designators:
                if ctx.cls(designator) != "NewsSource":
                    ctx.emit(target, "designatedTerroristBy", designator, tok, rule="terrorist")


@rule("citizenship")
def citizenship(ctx: ArticleContext, sent: Span) -> None:
    """"a Russian citizen identified as X", "X received Ukrainian citizenship", "X, a Malian national"."""
    for tok in sent:
        if tok.pos_ not in ("NOUN", "PROPN") or tok.lemma_.lower() not in CITIZEN_NOUNS:
            continue
        country = _country_modifier(ctx, tok)
        if country is None:
            continue
        person = None
        if tok.dep_ == "dobj" and tok.head.lemma_ in ("receive", "obtain", "acquire", "hold", "have", "get", "grant", "take"):
            holder = _subject(tok.head)
            person = ctx.entity(holder, PERSON) or (_member_person(ctx, holder) if holder is not None else None)
        elif tok.dep_ == "nsubjpass" or (tok.dep_ == "dobj" and tok.head.lemma_ == "grant"):
            person = next((ctx.entity(d, PERSON) for d in _children(tok.head, "dative", "nsubjpass") if d.i != tok.i), None)
        if person is None:
            person = _member_person(ctx, tok) or _citizen_by_adjacency(ctx, tok)
        if person:
            ctx.emit(person, "citizenOf", country, tok, rule="citizenship")


def _citizen_by_adjacency(ctx: ArticleContext, noun: Token) -> str | None:
    """"X, a Russian citizen" or "X a Russian citizen" when the parser attached it loosely."""
    start = noun.left_edge.i
    for i in (start - 1, start - 2):
        if i >= 0 and (key := ctx.tok_key.get(i)) and ctx.cls(key) == "Person":
            return key
    return None


@rule("weapons")
def weapons(ctx: ArticleContext, sent: Span) -> None:
    """"G has French RT-1 mortars", "armed with Type-81 rifles": a specific model, not "weapons"."""
    g = gazetteer()
    for tok in sent:
        if tok.pos_ not in ("NOUN", "PROPN"):
            continue
        head = fold(tok.lemma_)
        compound = [c for c in tok.children if c.dep_ == "compound"]
        if head not in g.weapons and not (compound and f"{fold(compound[-1].lemma_)} {head}" in g.weapons):
            continue
        model = [c for c in tok.children if c.dep_ in ("compound", "nmod", "amod", "nummod")
                 and (any(ch.isdigit() for ch in c.text) or (c.tag_ in ("NNP", "NNPS") and not g.country_of(c.text)))]
        if not model:
            continue
        noun = tok
        while noun.dep_ == "conj" and noun.head.i != noun.i:
            noun = noun.head  # "FAL rifles and at least one PKT machine gun"
        verb = noun.head
        if noun.dep_ == "pobj" and verb.lower_ == "with":
            verb = verb.head
        if verb.lemma_ not in WEAPON_VERBS | {"armed", "equip", "arm", "hold", "carry", "brandish"}:
            continue
        words = [c.text for c in tok.children if c.i < tok.i and c in model or c.dep_ == "compound" and c.i < tok.i]
        label = " ".join(dict.fromkeys(words + [tok.lemma_]))
        weapon = ctx.ensure("Weapon", label, sent.doc[tok.left_edge.i : tok.i + 1].text)
        holder = _subject(verb)
        owners = _entities(ctx, holder, GROUPS | PERSON)
        if not owners and holder is not None and holder.lemma_.lower() in COMBATANT_NOUNS:
            # "fighters armed with Type-81 rifles": the fighters of the group the article is about.
            owners = [k] if (k := ctx.topic(tok.i, ARMED)) else []
        for owner in owners:
            ctx.emit(owner, "hasWeapon", weapon, tok, rule="weapon")
