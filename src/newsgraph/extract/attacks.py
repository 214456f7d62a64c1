"""Attack and event mentions, and the events they refer to.

A news article is usually about one main event, named in its lead ("gunmen stormed a hotel in
X", "the 2023 X attack") and referred to later as "the attack", "the incursion", "the siege",
"this incident". Claims, participants, targets, dates and counts said of any of those mentions
belong to that one event. Other events are introduced as such: with a place or a date of their
own ("an attack on a base in Y in June"), or as history ("the deadliest since the 2004 siege").

Mentions are attack nouns and verbs (data in ``gazetteers/attack_words.tsv``): ``attack`` words
make an ``Attack``; ``event`` words (a rebellion, a crash, a battle) an ``Event`` that is not an
attack; ``anaphor`` words ("the incident", "the operation") only ever refer back to one.

An event's place and date come from its mentions: the first place named, made more specific
by a later town inside the lead; its date from the clause of a mention. Attacks are keyed by
place (and month) so that the articles of a corpus that report one attack make one node.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from spacy.tokens import Doc, Span, Token

from newsgraph.extract.clusters import entity_key
from newsgraph.extract.dates import date_near, refined_date, resolve_date_entity
from newsgraph.gazetteer import gazetteer
from newsgraph.model import DateAnchor, Entity, Literal, Statement

__all__ = ["Attacks", "EventMention", "ArticleView"]


class _NamedRef(Protocol):
    start: int
    key: str
    cls: str
    sentence: int


class ArticleView(Protocol):
    """What resolving attacks reads of the article: the part of
    :class:`newsgraph.extract.context.ArticleContext` it needs (a protocol, so that the context,
    which holds an :class:`Attacks`, is not imported back from here)."""

    doc: Doc
    doc_ents: list[Span]
    anchor: DateAnchor | None
    entities: dict[str, Entity]
    tok_key: dict[int, str]
    sent_of: dict[int, int]
    statements: list[Statement]

    @property
    def refs(self) -> Sequence[_NamedRef]: ...

    def cls(self, key: str) -> str: ...

    def place_of(self, tok: Token) -> str | None: ...

    def emit(
        self,
        subject: str | None,
        predicate: str,
        obj: str | Literal | None,
        tok: Token,
        rule: str,
        denied: bool | None = None,
        source: str | None | bool = False,
    ) -> None: ...


_LEAD = 2  # sentences of the lead, where the main event is introduced
_DEFINITE = {"the", "this", "that", "these", "those", "its", "their", "his", "her", "our"}
# "the previous attack", "an earlier bombing": another event than the one the article is about.
_HISTORY_WORDS = {"previous", "earlier", "prior", "past", "last", "similar", "another", "other", "former"}
_HISTORY_PREPS = {"since", "after", "before", "than", "like"}
# "opened fire", "set off a bomb", "blew up a bridge": attack verbs by their particle.
_PHRASAL_ATTACK_VERBS = frozenset({"open", "set", "blow"})
# "threatened to attack", "a plan to bomb": nothing happened (yet).
_UNREAL_HEADS = {
    "threaten",
    "plan",
    "vow",
    "warn",
    "fear",
    "prevent",
    "foil",
    "thwart",
    "try",
    "attempt",
    "intend",
    "plot",
    "want",
    "urge",
    "call",
}
# "the attack took place on ...": verbs whose date is the event's own.
_HAPPEN_VERBS = {"occur", "happen", "take", "begin", "start", "unfold", "come", "erupt", "break", "end"}
# "several attacks", "many raids": attacks in general, not one event.
_GENERIC_WORDS = {
    "several",
    "many",
    "numerous",
    "multiple",
    "some",
    "frequent",
    "repeated",
    "various",
    "recent",
    "countless",
    "dozens",
    "hundreds",
    "regular",
    "occasional",
    "such",
    "any",
    "no",
}
_REGION_NOUNS = {
    "region",
    "province",
    "department",
    "state",
    "oblast",
    "governorate",
    "county",
    "district",
    "territory",
    "krai",
    "prefecture",
    "republic",
}
_WHERE = {"in", "at", "near", "on", "through", "outside", "inside", "into", "across"}


@dataclass
class EventMention:
    """One word of the text that names an attack or event, and what it says of it."""

    tok: Token
    sentence: int
    kind: str  # "attack", "event" or "anaphor"
    noun: str  # the word, as a label: "bombing", "rebellion"
    definite: bool
    history: bool
    place: str | None
    when: Literal | None
    identified: bool = False  # described as an event of its own ("the X massacre", "the raid that ...")


@dataclass
class _Event:
    key: str
    cls: str  # "Attack" or "Event"
    noun: str
    sentence: int  # where it was introduced
    place: str | None = None
    when: Literal | None = None
    nouns: set[str] = field(default_factory=set)  # the words it was named with


def _own_date(tok: Token, ents: Sequence[Span], anchor: DateAnchor | None) -> Literal | None:
    """A date inside the attack's own noun phrase: "the March hijacking", "the June 13 attack"."""
    if tok.pos_ == "VERB":
        return None
    for ent in ents:
        if ent.label_ == "DATE" and tok.left_edge.i <= ent.start and ent.end <= tok.i:
            return resolve_date_entity(ent, anchor)
    return None


class Attacks:
    """The events of one article, and which event each attack word refers to."""

    def __init__(self, ctx: ArticleView) -> None:
        self.ctx = ctx
        self.words = gazetteer().attack_words
        self._lemmas = frozenset(lemma for _, lemma in self.words) | _PHRASAL_ATTACK_VERBS
        self.events: list[_Event] = []
        self.main: _Event | None = None
        self.by_token: dict[int, str] = {}

    # -- what the rules ask ---------------------------------------------------------------
    def at(self, tok: Token | None) -> str | None:
        """The event an attack word refers to, if the token is one."""
        return self.by_token.get(tok.i) if tok is not None else None

    def in_sentence(self, sent: Span) -> str | None:
        """The first event a sentence names."""
        return next((self.by_token[t.i] for t in sent if t.i in self.by_token), None)

    def latest(self, before: int) -> str | None:
        """The event named last before a token; the main event if none is."""
        named = [(i, k) for i, k in self.by_token.items() if i < before]
        return max(named)[1] if named else (self.main.key if self.main else None)

    def main_event(self) -> str | None:
        return self.main.key if self.main else None

    def distance(self, key: str, tok: Token) -> int:
        """Sentences since the event was last named (0: in this sentence)."""
        sent_of = self.ctx.sent_of
        here = sent_of[tok.i]
        seen = [sent_of[i] for i, k in self.by_token.items() if k == key and sent_of[i] <= here]
        if key == self.main_event():
            return 0  # the article is about it throughout
        return here - max(seen) if seen else 99

    # -- reading a sentence ---------------------------------------------------------------
    def note(self, sent: Span) -> None:
        """Find the attack words of a sentence and resolve each to an event."""
        words: frozenset[str] | None = getattr(sent, "words", None)
        if words is not None and words.isdisjoint(self._lemmas):
            return  # no attack word: nothing to walk (Sentence.words)
        for tok in sent:
            if tok.lemma_.lower() not in self._lemmas:
                continue  # not an attack word (_kind would say so, at more cost)
            mention = self._mention(tok, sent)
            if mention is not None:
                event = self._resolve(mention)
                if event is not None:
                    self.by_token[tok.i] = event.key
                    event.nouns.add(mention.noun)
                    self._record(event, mention)

    def _kind(self, tok: Token) -> str | None:
        lemma = tok.lemma_.lower()
        if tok.pos_ in ("NOUN", "PROPN") and (kind := self.words.get(("noun", lemma))):
            if (
                tok.dep_ == "compound"
                and tok.head.pos_ == "NOUN"
                and ("noun", tok.head.lemma_.lower()) not in self.words
            ):
                return None  # "attack helicopters", "strike group"
            return kind
        if tok.pos_ == "VERB":
            if (kind := self.words.get(("verb", lemma))) is not None:
                return kind
            if lemma not in _PHRASAL_ATTACK_VERBS:
                return None
            particles = {c.lower_ for c in tok.children if c.dep_ in ("prt", "dobj")}
            if (lemma == "open" and "fire" in particles) or (
                lemma in _PHRASAL_ATTACK_VERBS - {"open"} and particles & {"off", "up"}
            ):
                return "attack"
        return None

    def _mention(self, tok: Token, sent: Span) -> EventMention | None:
        kind = self._kind(tok)
        if kind is None:
            return None
        if tok.pos_ == "VERB" and (
            tok.head.lemma_ in _UNREAL_HEADS or any(c.dep_ == "neg" for c in tok.children)
        ):
            return None
        if tok.pos_ != "VERB" and (
            (tok.head.lemma_ in _UNREAL_HEADS and tok.dep_ in ("dobj", "pobj"))
            # "to plot attacks against X", where the parser made the verb a compound of the noun
            or any(c.dep_ == "compound" and c.pos_ == "VERB" and c.lemma_ in _UNREAL_HEADS
                   for c in tok.children)
        ):
            return None
        if tok.tag_ in ("NNS", "NNPS") and {c.lower_ for c in tok.children} & _GENERIC_WORDS:
            return None
        if tok.pos_ == "VERB" and (
            tok.tag_ in ("VBP", "VBZ")
            or (tok.tag_ == "VBG" and any(c.dep_ == "aux" and c.tag_ in ("VBP", "VBZ") for c in tok.children))
        ):
            return None  # "groups that are attacking in Russia": what they do, not an event
        place = self.place(tok)
        if (
            tok.tag_ in ("NNS", "NNPS")
            and place is None
            and not any(c.dep_ in ("det", "poss", "nummod", "compound", "amod") for c in tok.children)
        ):
            return None  # "the group has orchestrated attacks against ...": attacks in general
        determiners = {c.lower_ for c in tok.children if c.dep_ in ("det", "poss")}
        definite = bool(determiners & _DEFINITE) or any(c.dep_ == "poss" for c in tok.children)
        modifiers = {c.lower_ for c in tok.children if c.dep_ in ("amod", "advmod", "det")}
        history = (
            bool(modifiers & _HISTORY_WORDS)
            or (tok.dep_ == "pobj" and tok.head.lower_ in _HISTORY_PREPS)
            or tok.lower_ in ("attempts",)
        )
        if history and tok.tag_ in ("NNS", "NNPS") and not definite:
            return None  # "the group has used in previous raids": no one event
        # "the offensive that forced G to retreat", "the Kichwamba massacre" (a name the article has
        # not used before): a definite mention that identifies an event of its own.
        identified = any(
            c.dep_ == "relcl" and tok.doc[c.left_edge.i - 1].text != "," for c in tok.children
        ) or any(
            c.dep_ == "compound"
            and c.pos_ == "PROPN"
            and c.i in self.ctx.tok_key
            and not any(r.key == self.ctx.tok_key[c.i] and r.start < tok.i - 3 for r in self.ctx.refs)
            for c in tok.children
        )
        own = _own_date(tok, self.ctx.doc_ents, self.ctx.anchor)
        # Past the lead, only a date of the attack word's own clause is its date.
        strict = definite or self.ctx.sent_of[tok.i] > _LEAD
        when = own or date_near(tok, sent, self.ctx.anchor, strict=strict)
        if when is not None and when.datatype in ("gYear", "gYearMonth"):
            when = refined_date(when, tok, sent, self.ctx.anchor, strict=strict)
        if (
            definite
            and not (history or identified)
            and own is None
            and self.ctx.sent_of[tok.i] > _LEAD
            and not (tok.dep_ in ("nsubj", "nsubjpass") and tok.head.lemma_ in _HAPPEN_VERBS)
        ):
            when = None  # "convicts involved in the attack ... on 29 August 2016": not its date
        noun = tok.lemma_.lower() if tok.pos_ != "VERB" or kind == "event" else "attack"
        return EventMention(
            tok, self.ctx.sent_of[tok.i], kind, noun, definite, history, place, when, identified
        )

    def place(self, tok: Token) -> str | None:
        """The most specific place named in an attack word's objects and modifiers:
        "attacked a base near the town of X, in the department of Y" -> X (a town beats a region)."""
        frontier = [c for c in tok.children if c.dep_ in ("prep", "dobj", "compound", "nmod", "amod", "poss")]
        if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("dobj", "attr"):
            # "carried out an attack in X": the place may hang on the verb.
            frontier += [
                c for c in tok.head.children if c.dep_ == "prep" and c.i > tok.i and c.lower_ in _WHERE
            ]
        if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("nsubj", "nsubjpass"):
            # "the explosion tore through a market in X": where the verb says it happened.
            frontier += [
                c for c in tok.head.children if c.dep_ == "prep" and c.i > tok.i and c.lower_ in _WHERE
            ]
        if (
            tok.pos_ in ("NOUN", "PROPN")
            and tok.dep_ == "pobj"
            and tok.head.lower_ in ("by", "in", "during")
            and tok.head.head.pos_ == "VERB"
        ):
            # "was killed in X by a U.S. airstrike": where the verb the attack is the cause of says.
            frontier += [
                c
                for c in tok.head.head.children
                if c.dep_ == "prep" and c.lower_ in _WHERE and c.i != tok.head.i
            ]
        found: list[tuple[int, int, str]] = []
        for _ in range(6):
            for t in frontier:
                if key := self.ctx.place_of(t):
                    found.append((int(t.lemma_ in _REGION_NOUNS or self._is_region(key)), t.i, key))
                elif (
                    tok.pos_ != "VERB"
                    and (key := self.ctx.tok_key.get(t.i))
                    and self.ctx.cls(key) == "Country"
                    and t.dep_ == "pobj"
                    and t.head.lower_ in _WHERE
                ):
                    found.append((2, t.i, key))  # "airstrikes in Iraq": a country only if nothing finer
            frontier = [
                c
                for t in frontier
                for c in t.children
                if c.dep_ not in ("relcl", "advcl", "ccomp", "acl", "conj", "cc", "punct")
            ]
        return min(found)[2] if found else None

    def _is_region(self, key: str) -> bool:
        label = self.ctx.entities[key].label.lower().split()
        return bool(label) and label[-1] in _REGION_NOUNS

    def finish(self) -> None:
        """Place the events no mention placed: at the first place named in a sentence that
        mentions them (else in the lead), a town rather than a country."""
        ctx = self.ctx
        for event in self.events:
            if event.place is not None:
                continue
            sentences = sorted({ctx.sent_of[i] for i, k in self.by_token.items() if k == event.key})
            taken = {e.place for e in self.events if e.place}
            # the main event may also be placed by the lead; another event only by its own sentences
            windows = [sentences, list(range(_LEAD + 1))] if event is self.main else [sentences]
            for window in windows:
                ref = next(
                    (
                        r
                        for s in window
                        for r in ctx.refs
                        if r.sentence == s and r.cls == "Place" and (r.key not in taken or s in sentences)
                    ),
                    None,
                )
                if ref is not None:
                    same = next(
                        (
                            e
                            for e in self.events
                            if e is not event
                            and e.cls == event.cls
                            and e.place == ref.key
                            and not (e.when and event.when and e.when.value[:7] != event.when.value[:7])
                        ),
                        None,
                    )
                    if same is not None:
                        self._merge(event, same)
                        break
                    mention = EventMention(
                        ctx.doc[ref.start], ref.sentence, "attack", event.noun, True, False, ref.key, None
                    )
                    self._record(event, mention)
                    break

    def _merge(self, event: _Event, into: _Event) -> None:
        """Two events of the article that turned out to be one (placed at one place): what was
        said of ``event`` is said of ``into``."""
        ctx = self.ctx
        for i, key in self.by_token.items():
            if key == event.key:
                self.by_token[i] = into.key
        for statement in ctx.statements:
            if statement.subject == event.key:
                statement.subject = into.key
            if statement.object == event.key:
                statement.object = into.key
        if into.when is None and event.when is not None:
            into.when = event.when
            ctx.entities[into.key].when = event.when.value
        del ctx.entities[event.key]
        self.events.remove(event)
        if self.main is event:
            self.main = into

    # -- resolution -----------------------------------------------------------------------
    def _resolve(self, m: EventMention) -> _Event | None:
        cls = "Event" if m.kind == "event" else "Attack"
        if (same := self._copula_subject(m.tok)) is not None:
            return same  # "The Omagh bombing was a car bomb attack", "The Battle of X is a campaign"
        if m.kind == "anaphor":
            return self._referent(m, cls) if m.definite else None
        if (
            m.history
            or self._other_time(m)
            or (m.identified and m.sentence > _LEAD and self.main is not None and m.noun != self.main.noun)
        ):
            same = self._same_place_and_time(m, cls, include_main=False)
            return same or self._new(m, cls)
        if m.place is not None:
            same = self._same_place_and_time(m, cls, include_main=True)
            if same is not None:
                return same
            main = self.main
            if main is None:
                return self._new(m, cls)
            if m.sentence <= _LEAD or (m.definite and main.place is not None):
                return main
            return self._new(m, cls)
        if not m.definite and m.sentence > _LEAD and self.main is not None:
            return self._new(m, cls)  # "was struck in a drone attack": news refers back with "the"
        return self._referent(m, cls) or self._new(m, cls)

    def _copula_subject(self, tok: Token) -> _Event | None:
        """The event the subject of "X was a Y" names, when the attack word is Y."""
        if tok.dep_ != "attr" or tok.head.lemma_ != "be":
            return None
        subj = next((c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        key = self.by_token.get(subj.i) if subj is not None else None
        return next((e for e in self.events if e.key == key), None)

    def _other_time(self, m: EventMention) -> bool:
        """A mention dated in another year or month than the main event: another event."""
        main = self.main
        if not (main and main.when and m.when):
            return False
        a, b = main.when.value, m.when.value
        return a[:4] != b[:4] or (len(a) >= 7 and len(b) >= 7 and a[:7] != b[:7])

    def _same_place_and_time(self, m: EventMention, cls: str, include_main: bool) -> _Event | None:
        for event in self.events:
            if event.cls != cls or (event is self.main and not include_main) or event.place is None:
                continue
            if event.place == m.place and not (
                event.when and m.when and event.when.value[:7] != m.when.value[:7]
            ):
                return event
        return None

    def _referent(self, m: EventMention, cls: str) -> _Event | None:
        """What "the siege" refers to: the latest event introduced with that word after the main
        one, else the main event."""
        for event in reversed(self.events):
            if event is not self.main and m.noun in event.nouns:
                return event
        if self.main is not None and (
            m.kind == "anaphor" or (self.main.cls == cls == "Attack") or m.noun in self.main.nouns
        ):
            return self.main  # attack words are synonyms; "the rebellion" is not "the crash"
        return None

    def _new(self, m: EventMention, cls: str) -> _Event:
        number = len(self.events) + 1
        key = entity_key(cls, f"{m.noun} {number}")
        event = _Event(key, cls, m.noun, m.sentence)
        label = m.noun if cls == "Event" else "attack"
        self.ctx.entities[key] = Entity(key=key, cls=cls, label=label)
        self.events.append(event)
        if self.main is None and not m.history:
            self.main = event
        return event

    def _record(self, event: _Event, m: EventMention) -> None:
        ctx = self.ctx
        if m.place is not None and (
            event.place is None
            or (m.sentence <= _LEAD and self._is_region(event.place) and not self._is_region(m.place))
        ):
            event.place = m.place
            entity = ctx.entities[event.key]
            entity.place = m.place
            place_label = ctx.entities[m.place].label
            entity.label = (
                f"attack in {place_label}" if event.cls == "Attack" else f"{event.noun} in {place_label}"
            )
        if m.place is not None:
            ctx.emit(event.key, "occurredIn", m.place, m.tok, rule="attack-place")
        # An event's first date is its date; a later mention adds another only where it introduces
        # a part of the event ("one strike on Dec. 29 ... another on Jan. 8"), not "the attack".
        if m.when is not None and (
            event.when is None or (not m.definite and event.when.value != m.when.value)
        ):
            if event.when is None:
                event.when = m.when
                ctx.entities[event.key].when = m.when.value
            ctx.statements.append(
                Statement(event.key, "occurredOn", m.when, m.sentence, None, rule="attack-date")
            )
