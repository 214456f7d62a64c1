"""Turn one parsed article into entities and statements (the ``extract`` stage).

The article is read sentence by sentence, in order, so that pronouns and "the group" can be
resolved against what came before, and "his fighters" against what is already known of him.
The relation rules themselves live in :mod:`newsgraph.relations`; this module gives them the
document: names, coreference, attacks, dates and who is speaking.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from newsgraph.extract.attacks import Attacks
from newsgraph.extract.clusters import cluster_names, entity_key
from newsgraph.extract.names import NAMING_VERBS, PLACE_NOUNS, find_names, military_name
from newsgraph.extract.words import SPEECH_VERBS
from newsgraph.gazetteer import fold, gazetteer
from newsgraph.model import Article, Entity, Literal, Statement

__all__ = ["ArticleContext", "Sentence", "AGENT_CLASSES", "GROUP_CLASSES", "PLACE_CLASSES"]

AGENT_CLASSES = frozenset({"Person", "ArmedGroup", "Organization", "GovernmentBody", "NewsSource", "Country"})
GROUP_CLASSES = frozenset({"ArmedGroup", "Organization", "GovernmentBody"})
PLACE_CLASSES = frozenset({"Place", "Country"})

ATTACK_NOUNS = {
    "attack",
    "raid",
    "incursion",
    "assault",
    "bombing",
    "strike",
    "airstrike",
    "ambush",
    "offensive",
    "shelling",
    "massacre",
    "explosion",
    "blast",
    "shooting",
    "bombardment",
    "siege",
    "kidnapping",
    "abduction",
    "onslaught",
    "operation",
    "incident",
    "fighting",
    "battle",
}
ATTACK_VERBS = {
    "attack",
    "raid",
    "storm",
    "ambush",
    "bomb",
    "shell",
    "assault",
    "strike",
    "overrun",
    "target",
    "capture",
    "seize",
    "besiege",
    "invade",
    "hit",
}
GROUP_NOUNS = {
    "group",
    "militia",
    "organisation",
    "organization",
    "legion",
    "corps",
    "movement",
    "rebels",
    "militants",
    "insurgents",
    "faction",
    "brigade",
    "battalion",
    "front",
    "army",
    "outfit",
    "jihadists",
    "guerrillas",
    "guerrilla",
    "fighters",
    "men",
    "forces",
    "unit",
    "network",
    "fighter",
    "man",
    "force",
    "militant",
    "rebel",
    "insurgent",
    "jihadist",
    "member",
    "cell",
    "company",
}
_STATE_FORCE_NOUNS = {"army", "forces", "force"}
# "the town" refers back to a town; "the province" rather frames a comparison ("the deadliest
# bombing in the province").
_SETTLEMENT_NOUNS = frozenset({"town", "village", "city", "settlement", "suburb", "neighbourhood",
                               "neighborhood"})
_WHERE = {"in", "at", "near", "on", "through", "outside", "inside", "into", "across"}
_SPOKESPEOPLE = {"official", "spokesman", "spokeswoman", "spokesperson"}
_MILITARY_BODIES = {"army", "military", "armed forces"}
# "the council", "the ministry", "the alliance": the latest entity whose name has that word.
NAMED_BY_HEAD = {
    "council",
    "ministry",
    "alliance",
    "coalition",
    "front",
    "legion",
    "corps",
    "battalion",
    "brigade",
    "army",
    "movement",
    "party",
    "agency",
    "service",
    "union",
    "forces",
    "force",
    "company",
    "cell",
    "regiment",
    "militia",
    "group",
}
_PERSON_PRONOUNS = {"he", "him", "his", "himself", "she", "her", "hers", "herself"}
_IT_PRONOUNS = {"it", "its", "itself"}
_THEY_PRONOUNS = {"they", "them", "their", "themselves", "theirs"}
_WINDOW = 4  # sentences a pronoun may reach back


@dataclass
class _Ref:
    start: int
    end: int
    key: str
    cls: str
    sentence: int


@dataclass
class Title:
    """A title written before a person's name: "Kharkiv Governor Anton Veles"."""

    person: str  # entity key
    title: str
    at: int  # token index of the title
    of: tuple[int, int] | None  # token span of what it is the title of ("Kharkiv")
    sentence: int


class Sentence:
    """A sentence as the rules see it: the spaCy ``Span``, with its tokens made once. Every rule
    walks every sentence, and spaCy makes a new ``Token`` object on each access: that was a
    third of the rules' time. Anything else is the span's own attribute."""

    __slots__ = ("span", "tokens", "ents", "words")

    def __init__(self, span: Span, ents: list[Span]) -> None:
        self.span = span
        self.tokens = list(span)
        # Span.ents makes every entity span of the document anew: the sentence's are picked once
        # from the document's, which are read once.
        self.ents = ents
        # Every word form and lemma, lowercased and folded: a rule that needs certain words
        # skips a sentence without them (rules.common.triggered_by).
        forms = [t.lower_ for t in self.tokens] + [t.lemma_.lower() for t in self.tokens]
        self.words: frozenset[str] | None = frozenset(forms + [fold(form) for form in forms])

    def may_hold(self, words: frozenset[str]) -> bool:
        """Whether the sentence may hold one of ``words`` (lowercased forms or lemmas): False
        only when none of them is among :attr:`words`."""
        return self.words is None or not self.words.isdisjoint(words)

    def __iter__(self) -> Iterator[Token]:
        return iter(self.tokens)

    def __len__(self) -> int:
        return len(self.tokens)

    def __getitem__(self, i):
        return self.tokens[i] if isinstance(i, int) else self.span[i]

    def __getattr__(self, name: str):
        return getattr(self.span, name)


class ArticleContext:
    """The document as the relation rules see it."""

    def __init__(self, doc: Doc, article: Article) -> None:
        self.doc = doc
        self.article = article
        self.anchor = article.anchor_date
        self.doc_ents = list(doc.ents)
        self.sentences = []
        k = 0
        for span in doc.sents:
            while k < len(self.doc_ents) and self.doc_ents[k].start < span.start:
                k += 1
            first = k
            while k < len(self.doc_ents) and self.doc_ents[k].end <= span.end:
                k += 1
            self.sentences.append(Sentence(span, self.doc_ents[first:k]))
        self.sent_of: dict[int, int] = {}
        for i, sent in enumerate(self.sentences):
            for t in range(sent.start, sent.end):
                self.sent_of[t] = i
        names = find_names(doc)
        index_to_key, self.entities = cluster_names(names)
        self.tok_key: dict[int, str] = {}
        self.refs: list[_Ref] = []
        self.demonym: dict[int, str] = {}
        self.titles: list[Title] = []
        for i, name in enumerate(names):
            if name.cls == "Demonym" and name.canonical:
                self.demonym[name.start] = name.canonical
                continue
            key = index_to_key.get(i)
            if key is None:
                continue
            for t in range(name.start, name.end):
                self.tok_key[t] = key
            self.refs.append(
                _Ref(name.start, name.end, key, self.entities[key].cls, self.sent_of[name.start])
            )
            if name.title is not None and name.title_at is not None:
                self.titles.append(
                    Title(key, name.title, name.title_at, name.title_of, self.sent_of[name.start])
                )
        self.gazetteer = gazetteer()
        # "the town of Kalu" ... "the town": the noun a named place was introduced with.
        self._place_nouns = [
            (tok.i, tok.lemma_, key)
            for sent in self.sentences
            if sent.may_hold(_SETTLEMENT_NOUNS)
            for tok in sent
            if tok.lemma_ in _SETTLEMENT_NOUNS and (key := self._named_place(tok))
        ]
        self._dominant: str | None = None
        self.pronoun_key: dict[int, str] = {}
        self.statements: list[Statement] = []
        self.attacks = Attacks(self)
        self._seen: set[tuple] = set()

    # -- entities -------------------------------------------------------------------------
    def cls(self, key: str) -> str:
        return self.entities[key].cls

    def ensure(self, cls: str, label: str, alias: str | None = None) -> str:
        """The key of a (possibly new) entity such as a country named only by its demonym."""
        key = entity_key(cls, label)
        for existing in self.entities.values():
            if existing.cls == cls and (
                fold(existing.label) == fold(label) or fold(label) in map(fold, existing.aliases)
            ):
                key = existing.key
                break
        entity = self.entities.setdefault(key, Entity(key=key, cls=cls, label=label))
        if alias and fold(alias) != fold(entity.label):
            entity.aliases.add(alias)
        return key

    def country_entity(self, country: str) -> str:
        return self.ensure("Country", country)

    def military_of(self, country: str, surface: str | None = None) -> str:
        return self.ensure("GovernmentBody", military_name(country), surface)

    def entity(self, tok: Token | None, want: frozenset[str] = AGENT_CLASSES) -> str | None:
        """The entity a token stands for: a name, a pronoun, "the group", "one of them", ..."""
        if tok is None:
            return None
        key = self.tok_key.get(tok.i)
        if key is not None:
            return key if self.cls(key) in want else None
        if tok.i in self.demonym:
            country = self.demonym[tok.i]
            head = tok.head
            # "the Russian authorities", "Russian officials": the state speaks through them.
            if (
                head.lemma_ in ("authority", "government", "official", "state", "kremlin", "regime")
                and "Country" in want
            ):
                return self.country_entity(country)
            return None
        lower = tok.lower_
        # An appositive names what a word describes: "He Northern Dawn Front", "a citizen, X".
        for child in tok.children:
            if child.dep_ == "appos":
                key = self.entity(child, want)
                if key:
                    return key
        if tok.pos_ == "PRON" or lower in _PERSON_PRONOUNS | _IT_PRONOUNS | _THEY_PRONOUNS:
            key = self.resolve_pronoun(tok)
            return key if key and self.cls(key) in want else None
        if (
            tok.dep_ == "appos"
            and tok.pos_ == "NOUN"
            and (key := self.tok_key.get(tok.head.i))
            and self.cls(key) in want
        ):
            return key  # "X, a former customs officer who ...": the officer is X
        if (key := self._named_as(tok, want)) is not None:
            return key
        if tok.pos_ in ("NOUN", "PROPN"):
            # "the AFP agency", "the Kalu district", "Ilya X Russian citizen": a name inside the phrase.
            for child in tok.children:
                if (
                    child.dep_ in ("compound", "nmod")
                    and (key := self.tok_key.get(child.i))
                    and self.cls(key) in want
                ):
                    return key
        if tok.lemma_ in ("authority", "government", "kremlin") and "Country" in want:
            nearby = self._nearby_country(tok)
            return self.country_entity(nearby) if nearby else None
        lemma = tok.lemma_.lower()
        if (lemma in GROUP_NOUNS or lemma in NAMED_BY_HEAD) and tok.pos_ in ("NOUN", "PROPN"):
            owner = next((c for c in tok.children if c.dep_ == "poss"), None)
            if owner is not None and lemma in GROUP_NOUNS and want & GROUP_CLASSES:
                key = self.group_of(owner, want)
                return key if key and self.cls(key) in want else None
            if any(c.lower_ in ("the", "this", "that") for c in tok.children):
                key = self.recent_named(tok.i, lemma, want) if lemma in NAMED_BY_HEAD else None
                # "the army"/"the forces" not named after a group are the state's: no topic.
                key = key or (
                    self.topic(tok.i, frozenset({"ArmedGroup"}) & want)
                    if lemma in GROUP_NOUNS - _STATE_FORCE_NOUNS
                    else None
                )
                if key:
                    return key
        # "one of the two groups", "some of the fighters": the set named by the pobj.
        if lower in ("one", "some", "many", "each", "all", "most", "both"):
            pobj = [
                g
                for c in tok.children
                if c.dep_ == "prep" and c.lower_ == "of"
                for g in c.children
                if g.dep_ == "pobj"
            ]
            if pobj:
                return self.entity(pobj[0], want)
        if (
            self.gazetteer.group_members.get(fold(tok.text)) == "plural"
            and tok.dep_ == "nsubj"
            and tok.head.lemma_ in SPEECH_VERBS
            and not any(c.dep_ == "poss" for c in tok.children)
        ):
            # "Rebels in the east said they ...": fighters speak for their group, the one the
            # article is about.
            key = self.dominant_group()
            return key if key and self.cls(key) in want else None
        # An antecedent of a relative clause or apposition higher up: "the Corps, one of the groups
        # that participated" -> the Corps.
        if (
            tok.dep_ == "pobj"
            and tok.head.dep_ == "prep"
            and tok.head.head.lower_ in ("one", "some", "each")
            and tok.head.head.dep_ == "appos"
        ):
            return self.entity(tok.head.head.head, want)
        return None

    def _named_as(self, tok: Token, want: frozenset[str]) -> str | None:
        """The name a phrase gives what it describes: "a fighter calling himself X", "a cell
        which calls itself X", "a militia known as X", "a citizen identified as X"."""
        for child in tok.children:
            if child.lemma_ not in NAMING_VERBS:
                continue
            if child.dep_ == "relcl" and not any(
                c.dep_ in ("nsubj", "nsubjpass") and c.tag_ in ("WDT", "WP") for c in child.children
            ):
                continue  # "the group whose leader is known as X" names the leader
            if child.dep_ not in ("acl", "relcl"):
                continue
            # The name may hang elsewhere in a misparse, but it follows "calling itself" at once.
            after = (
                [self.doc[child.right_edge.i + 1]]
                if child.right_edge.i + 1 < len(self.doc)
                and child.right_edge.lower_ in ("itself", "themselves")
                else []
            )
            for sub in [*child.subtree, *after]:
                key = self.tok_key.get(sub.i)
                if key and self.cls(key) in want:
                    return key
        return None

    def dominant_group(self) -> str | None:
        """The armed group an article is about: the one named most often, if it is named at least
        twice and more often than any other. An organisation the gazetteer does not know counts
        too, since news names unfamiliar armed groups without a cue word ("... Alliance")."""
        if self._dominant is None:
            counts: dict[str, int] = {}
            for ref in self.refs:
                if ref.key in self._group_candidates:
                    counts[ref.key] = counts.get(ref.key, 0) + 1
            ranked = sorted(counts.items(), key=lambda kv: -kv[1])
            best = ranked[0] if ranked and ranked[0][1] >= 2 else None
            if best and (len(ranked) == 1 or ranked[1][1] < best[1]):
                self._dominant = best[0]
            else:
                self._dominant = ""
        return self._dominant or None

    @property
    def _group_candidates(self) -> set[str]:
        return {
            k
            for k, e in self.entities.items()
            if e.cls == "ArmedGroup" or (e.cls == "Organization" and not self.gazetteer.organisation(e.label))
        }

    def _nearby_country(self, tok: Token) -> str | None:
        for child in tok.children:
            if child.i in self.demonym:
                return self.demonym[child.i]
            key = self.tok_key.get(child.i)
            if key and self.cls(key) == "Country":
                return self.entities[key].label
        return None

    def recent(self, before: int, want: frozenset[str], window: int = _WINDOW) -> str | None:
        """The latest entity of the wanted classes named before a token, within a few sentences."""
        sent = self.sent_of.get(before, 0)
        for ref in reversed(self.refs):
            if ref.start >= before or ref.sentence < sent - window:
                continue
            if ref.cls in want:
                return ref.key
        return None

    def recent_named(self, before: int, head: str, want: frozenset[str]) -> str | None:
        """The latest entity named with this head word: "the council" -> "Ndanji Interim Council"."""
        sent = self.sent_of.get(before, 0)
        for ref in reversed(self.refs):
            if (
                ref.start < before
                and ref.sentence >= sent - 2 * _WINDOW
                and ref.cls in want
                and head in fold(self.entities[ref.key].label).split()
            ):
                return ref.key
        return None

    def named_by_head(self, tok: Token, want: frozenset[str]) -> str | None:
        """ "the hotel" after "the Sahafi Hotel": the latest entity whose name ends in the noun."""
        if (
            tok.pos_ != "NOUN"
            or tok.i in self.tok_key
            or not any(c.lower_ in ("the", "this", "that") for c in tok.children)
        ):
            return None
        head = fold(tok.lemma_)
        sent = self.sent_of.get(tok.i, 0)
        for ref in reversed(self.refs):
            if (
                ref.start < tok.i
                and ref.sentence >= sent - 2 * _WINDOW
                and ref.cls in want
                and fold(self.entities[ref.key].label).split()[-1:] == [head]
            ):
                return ref.key
        return None

    def topic(self, before: int, want: frozenset[str]) -> str | None:
        """The entity an article is currently about: the latest one named as a subject (or
        possessor) within a few sentences, by name or as "the alliance"; else, for an armed
        group, the one the article is about if it was named already (not one named in passing:
        "it merged into the X Front"); else the latest one named at all."""
        sent = self.sent_of.get(before, 0)
        named = next(
            (
                ref
                for ref in reversed(self.refs)
                if ref.start < before
                and ref.sentence >= sent - _WINDOW
                and ref.cls in want
                and self._is_subject(self._name_root(ref))
            ),
            None,
        )
        start = self.sentences[max(0, sent - _WINDOW)].start
        for tok in reversed(self.doc[max(start, named.start if named else start) : before]):
            if (
                tok.lemma_ in NAMED_BY_HEAD
                and tok.i not in self.tok_key
                and tok.dep_ in ("nsubj", "nsubjpass")
                and tok.head.dep_ == "ROOT"
                and any(c.lower_ == "the" for c in tok.children)
            ):
                # "The alliance receives weapons ... It claimed ...": the main clause's subject,
                # named by its head word.
                key = self.recent_named(tok.i, tok.lemma_, GROUP_CLASSES)
                if key and (
                    self.cls(key) in want or ("ArmedGroup" in want and key in self._group_candidates)
                ):
                    return key
        if named:
            return named.key
        dominant = self.dominant_group() if "ArmedGroup" in want else None
        if dominant and any(ref.key == dominant and ref.start < before for ref in self.refs):
            return dominant
        return self.recent(before, want)

    def _name_root(self, ref: _Ref) -> Token:
        root = self.doc[ref.start]
        while root.head.i != root.i and self.tok_key.get(root.head.i) == ref.key:
            root = root.head
        return root

    @staticmethod
    def _is_subject(tok: Token) -> bool:
        return tok.dep_ in ("nsubj", "nsubjpass", "poss") or (
            tok.dep_ == "appos" and tok.head.dep_ in ("nsubj", "nsubjpass")
        )

    def resolve_pronoun(self, tok: Token) -> str | None:
        if tok.i in self.pronoun_key:
            return self.pronoun_key[tok.i]
        key = self._resolve_pronoun(tok)
        if key:
            self.pronoun_key[tok.i] = key
        return key

    def _resolve_pronoun(self, tok: Token) -> str | None:
        lower = tok.lower_
        # Left dislocation, common in translated news: "The Legion He said ..." -> the Legion.
        if (
            tok.i > 0
            and (prev := self.tok_key.get(tok.i - 1))
            and tok.dep_ in ("nsubj", "nsubjpass", "nmod", "poss")
            and self.cls(prev) in AGENT_CLASSES
        ):
            return prev
        # A pronoun subject inside what someone said is that someone: "X said that it (X) ..."
        matrix = _governing_speech_verb(tok)
        if matrix is not None:
            subj = next((c for c in matrix.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None and subj.i != tok.i:
                key = self.entity(subj)
                if key and (
                    subj.lower_ == lower
                    or (lower in _PERSON_PRONOUNS and self.cls(key) == "Person")
                    or (lower in _IT_PRONOUNS | _THEY_PRONOUNS and self.cls(key) in GROUP_CLASSES)
                ):
                    return key
        if lower in _PERSON_PRONOUNS:
            return self.recent(tok.i, frozenset({"Person"}))
        if lower in _IT_PRONOUNS | _THEY_PRONOUNS:
            return self.topic(tok.i, frozenset({"ArmedGroup"})) or self.recent(
                tok.i, frozenset({"Organization", "GovernmentBody"}), window=1
            )
        return None

    def group_of(self, owner: Token, want: frozenset[str] = AGENT_CLASSES) -> str | None:
        """ "his group", "his fighters", "its men": the group the owner leads or belongs to."""
        if owner.lower_ in _PERSON_PRONOUNS:
            leaders = {
                s.subject
                for s in self.statements
                if s.predicate in _LEADS
                and not s.denied
                and isinstance(s.object, str)
                and self.cls(s.object) in GROUP_CLASSES
            }
            leaders |= {
                s.object
                for s in self.statements
                if s.predicate == "foundedBy" and not s.denied and isinstance(s.object, str)
            }
            for ref in reversed(self.refs):
                if ref.start < owner.i and ref.cls == "Person" and ref.key in leaders:
                    return self.group_of_person(ref.key)
            key = self.resolve_pronoun(owner)
        else:
            key = self.entity(owner, AGENT_CLASSES)
        if key is None:
            return None
        if self.cls(key) == "Person":
            return self.group_of_person(key)
        return key if self.cls(key) in want else None

    def group_of_person(self, person: str) -> str | None:
        for s in reversed(self.statements):
            if (
                s.denied
                or not isinstance(s.object, str)
                or self.cls(s.object if s.predicate != "foundedBy" else s.subject) not in GROUP_CLASSES
            ):
                continue
            if s.predicate in _LEADS and s.subject == person and isinstance(s.object, str):
                return s.object
            if s.predicate == "foundedBy" and s.object == person:
                return s.subject
            if s.predicate == "memberOf" and s.subject == person and isinstance(s.object, str):
                return s.object
        return None

    # -- places ---------------------------------------------------------------------------
    def place_of(self, tok: Token) -> str | None:
        """A sub-national place a token names: "Kalu", "the region of Kalu", "the Kalu district",
        and "the town" after "the town of Kalu"."""
        key = self._named_place(tok)
        if key is None and any(c.lower_ in ("the", "this", "that") for c in tok.children):
            key = next(
                (k for i, noun, k in reversed(self._place_nouns) if i < tok.i and noun == tok.lemma_), None
            )
        return key

    def _named_place(self, tok: Token) -> str | None:
        key = self.tok_key.get(tok.i)
        if key and self.cls(key) == "Place":
            return key
        if tok.lemma_ in PLACE_NOUNS:
            for child in tok.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            return self._named_place(pobj)
                if (
                    child.dep_ in ("compound", "amod", "nmod")
                    and (k := self.tok_key.get(child.i))
                    and self.cls(k) == "Place"
                ):
                    return k
        return None

    # -- sources --------------------------------------------------------------------------
    def source_for(self, tok: Token) -> str | None:
        """Who the article cites for the clause around a token (None: the publisher)."""
        sent = self.sentences[self.sent_of[tok.i]]
        for t in sent:
            if t.lower_ == "according":
                to = next((c for c in t.children if c.lower_ == "to"), None)
                pobj = next((c for c in (to.children if to is not None else []) if c.dep_ == "pobj"), None)
                key = self.entity(pobj, AGENT_CLASSES) if pobj is not None else None
                if key:
                    return key
        verb = _governing_speech_verb(tok, include_self=True)
        while verb is not None:
            subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None and subj.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
                subj = verb.head  # "X, who said ..."
            if subj is not None and not (subj.left_edge.i <= tok.i <= subj.right_edge.i):
                key = self.agent(subj)
                if key:
                    return key
                if subj.pos_ in ("NOUN", "PROPN"):
                    # "an assault that investigators said killed six", inside what X said: the
                    # innermost speaker is cited, unnamed, not X.
                    return None
            verb = _governing_speech_verb(verb)
        return None

    def is_reported(self, tok: Token) -> bool:
        """Whether the clause around a token is what someone said, named or not."""
        sent = self.sentences[self.sent_of[tok.i]]
        return _governing_speech_verb(tok, include_self=True) is not None or any(
            t.lower_ == "according" for t in sent
        )

    def agent(self, tok: Token) -> str | None:
        """The agent a token stands for, named or described: "the interior ministry", "military
        officials" and "an army spokesman" speak for an institution the article does not name."""
        return self.entity(tok, AGENT_CLASSES) or self._described_body(tok)

    def _described_body(self, noun: Token) -> str | None:
        if noun.pos_ not in ("NOUN", "PROPN") or noun.i in self.tok_key:
            return None
        modifiers = [
            c.lower_
            for c in noun.children
            if c.dep_ in ("amod", "compound")
            and c.i < noun.i
            and c.pos_ in ("ADJ", "NOUN", "PROPN")
            and c.i not in self.tok_key
        ]
        body = " ".join(modifiers)
        described = " ".join([*modifiers, noun.lower_])
        if noun.lemma_ in _SPOKESPEOPLE:
            if body and (self._is_state_body(body) or body in _MILITARY_BODIES):
                described = body  # "an army spokesman", "military officials": the army's word
            elif noun.lemma_ != "official":
                return None  # a spokesman of whom the sentence does not say
        elif not (self._is_state_body(described) or noun.lower_ in _MILITARY_BODIES):
            return None  # "investigators", "a relief group": no institution the article could cite
        owner = next((self.tok_key.get(c.i) for c in noun.children if c.dep_ == "poss"), None)
        owner_country = self.entities[owner].label if owner and self.cls(owner) == "Country" else None
        if described in _MILITARY_BODIES or noun.lower_ in _MILITARY_BODIES:
            if country := owner_country or self.main_country():
                return self.military_of(country)
        # "Velka's defence ministry" keeps its country, which tells it from another's; "the defence
        # ministry" later in the article is the same one.
        if owner_country:
            return self.ensure("GovernmentBody", f"{owner_country}'s {described}")
        earlier = next(
            (
                k
                for k, e in self.entities.items()
                if e.cls == "GovernmentBody" and e.label.endswith(f"'s {described}")
            ),
            None,
        )
        return earlier or self.ensure("GovernmentBody", described)

    def _is_state_body(self, phrase: str) -> bool:
        return self.gazetteer.org_class(phrase) == "GovernmentBody"

    def main_country(self) -> str | None:
        """The country an article is about: the one named (or meant by a demonym) most often."""
        counts: dict[str, int] = {}
        for ref in self.refs:
            if ref.cls == "Country":
                counts[self.entities[ref.key].label] = counts.get(self.entities[ref.key].label, 0) + 1
        for country in self.demonym.values():
            counts[country] = counts.get(country, 0) + 1
        return max(sorted(counts), key=counts.__getitem__) if counts else None

    def denied(self, tok: Token) -> bool:
        """A statement under "deny"/"reject" or a negated verb is a denial."""
        node: Token | None = tok
        while node is not None:
            if node.lemma_ in ("deny", "reject", "dismiss", "refute"):
                return True
            if any(c.dep_ == "neg" for c in node.children):
                return True
            if node.head.i == node.i:
                break
            if node.dep_ in ("relcl", "advcl", "conj") and node.pos_ == "VERB":
                break
            node = node.head
        return False

    # -- output ---------------------------------------------------------------------------
    def emit(
        self,
        subject: str | None,
        predicate: str,
        obj: str | Literal | None,
        tok: Token,
        rule: str,
        denied: bool | None = None,
        source: str | None | bool = False,
    ) -> None:
        if subject is None or obj is None or subject == obj:
            return
        is_denied = self.denied(tok) if denied is None else denied
        according = self.source_for(tok) if source is False or source is True else source
        sentence = self.sent_of[tok.i]
        mark = (subject, predicate, obj, sentence, is_denied)
        if mark in self._seen:
            return
        self._seen.add(mark)
        self.statements.append(Statement(subject, predicate, obj, sentence, according, is_denied, rule))


_LEADS = {"leaderOf", "politicalLeaderOf", "militaryLeaderOf"}


def _governing_speech_verb(tok: Token, include_self: bool = False) -> Token | None:
    """The nearest speech verb whose complement (or, with include_self, which) holds the token."""
    if include_self and tok.lemma_ in SPEECH_VERBS and tok.pos_ in ("VERB", "AUX"):
        return tok
    prev, node = tok, tok.head
    while node.i != prev.i:
        if (
            node.lemma_ in SPEECH_VERBS
            and node.pos_ in ("VERB", "AUX")
            and prev.dep_ in ("ccomp", "xcomp", "parataxis", "advcl", "dobj")
        ):
            return node
        prev, node = node, node.head
    return None
