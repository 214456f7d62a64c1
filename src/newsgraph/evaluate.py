"""Score a built graph against gold facts and entities, as ``tests/data/dev/GUIDE.md`` specifies.

Gold facts are ``subject<TAB>property<TAB>object`` rows. A name field lists accepted spellings
separated by ``|`` and matches a node's ``rdfs:label`` or any ``skos:altLabel``, ignoring case and
a leading "the". ``@attack:A|B`` stands for any ``ng:Attack`` whose label contains A or B, or
whose ``ng:occurredIn``/``ng:targeted`` object (or a place that object is ``ng:locatedIn``) is
named A or B; ``@event:`` is the same for an ``ng:Event`` that is not an attack. A literal
matches a number exactly and a date by prefix (``2022-08`` matches ``2022-08-01``);
``alliedWith`` is symmetric; a property written ``?name`` is optional: neither required nor
counted against the build.

Recall is the share of required rows found anywhere in the graph, asserted or inferred (a
sub-property counts as its parent: ``politicalLeaderOf`` is a ``leaderOf``; a denied statement is
a Claim only and counts for nothing). Precision is judged only over predicted facts whose two
ends are both gold things (a gold entity, a gold event, or a literal): facts about things the
gold does not list are not judged. Both are computed per property over the properties the
gold file uses, and micro-averaged.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD
from rdflib.term import Node

from newsgraph.errors import InputError
from newsgraph.gazetteer import fold
from newsgraph.namespaces import NG, ontology_graph
from newsgraph.vocab import NON_ENTITY_CLASSES, SYMMETRIC

__all__ = [
    "GoldFact",
    "GoldEntity",
    "Score",
    "SCORE_COLUMNS",
    "score_cells",
    "FactReport",
    "Miss",
    "read_gold_facts",
    "read_gold_entities",
    "evaluate_facts",
    "evaluate_entities",
    "find_sentence",
]

_DATE_TYPES = {XSD.date, XSD.gYearMonth, XSD.gYear, XSD.dateTime}
_EVENT_PREFIXES = ("@attack:", "@event:")


@dataclass(frozen=True)
class GoldFact:
    subject: tuple[str, ...]
    property: str
    object: tuple[str, ...]
    optional: bool

    def show(self) -> str:
        return f"{_show_names(self.subject)} {self.property} {_show_names(self.object)}"


def _show_names(names: tuple[str, ...]) -> str:
    return names[0] if names else "?"


@dataclass(frozen=True)
class GoldEntity:
    names: tuple[str, ...]
    cls: str


@dataclass
class Score:
    tp: int = 0  # gold facts found
    gold: int = 0  # required gold facts
    correct: int = 0  # judged predictions that match a required gold fact
    predicted: int = 0  # judged predictions, less those matching only optional facts

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __iadd__(self, other: Score) -> Score:
        self.tp += other.tp
        self.gold += other.gold
        self.correct += other.correct
        self.predicted += other.predicted
        return self


SCORE_COLUMNS = ("found", "gold", "recall", "correct", "judged", "precision", "f1")


def score_cells(s: Score, missing: str = "—") -> list[str]:
    """A score as the cells of :data:`SCORE_COLUMNS`, with ``missing`` for a ratio that has
    nothing to be computed from: recall without gold rows, precision without a judged prediction,
    F1 without gold rows (a property with gold rows and no prediction scores F1 0).

    >>> score_cells(Score(tp=1, gold=2, correct=1, predicted=1))
    ['1', '2', '0.500', '1', '1', '1.000', '0.667']
    >>> score_cells(Score()), score_cells(Score(gold=3), missing="")
    (['0', '0', '—', '0', '0', '—', '—'], ['0', '3', '0.000', '0', '0', '', '0.000'])
    """
    def ratio(value: float, denominator: int) -> str:
        return f"{value:.3f}" if denominator else missing

    return [str(s.tp), str(s.gold), ratio(s.recall, s.gold), str(s.correct), str(s.predicted),
            ratio(s.precision, s.predicted), ratio(s.f1, s.gold)]


@dataclass(frozen=True)
class Miss:
    """A wrong prediction: its ends as labels, and the sentences it was read from."""

    subject: str
    property: str
    object: str
    sentences: tuple[str, ...] = ()
    inferred: bool = False


@dataclass
class FactReport:
    per_property: dict[str, Score] = field(default_factory=dict)
    missed: list[GoldFact] = field(default_factory=list)
    wrong: list[Miss] = field(default_factory=list)

    @property
    def total(self) -> Score:
        total = Score()
        for score in self.per_property.values():
            total += score
        return total


def _rows(path: str | os.PathLike[str]) -> list[tuple[int, list[str]]]:
    """(line number in the file, cells) of each data row; comments, blanks and the header skipped."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such gold file")
    rows = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if line.strip() and not line.startswith("#"):
                rows.append((number, [c.strip() for c in line.rstrip("\n").split("\t")]))
    return rows[1:]


def _key(name: str) -> str:
    """A name as gold and graph are compared: folded, without a leading "the"."""
    key = fold(name)
    return key[4:] if key.startswith("the ") else key


def _names(field_: str) -> tuple[str, ...]:
    names = [n.strip() for n in field_.split("|") if n.strip()]
    for prefix in _EVENT_PREFIXES:
        if names and names[0].lower().startswith(prefix):
            return (prefix + _key(names[0][len(prefix) :]),) + tuple(_key(n) for n in names[1:])
    return tuple(_key(n) for n in names)


def read_gold_facts(path: str | os.PathLike[str]) -> list[GoldFact]:
    facts = []
    for i, row in _rows(path):
        if len(row) != 3:
            raise InputError(f"{path}: line {i}: expected 3 tab-separated columns, found {len(row)}")
        subject, prop, obj = row
        facts.append(GoldFact(_names(subject), prop.lstrip("?"), _names(obj), prop.startswith("?")))
    return facts


def read_gold_entities(path: str | os.PathLike[str]) -> list[GoldEntity]:
    entities = []
    for i, row in _rows(path):
        if len(row) != 2:
            raise InputError(f"{path}: line {i}: expected 2 tab-separated columns, found {len(row)}")
        entities.append(GoldEntity(_names(row[0]), row[1]))
    return entities


def _sub_properties(ontology: Graph, prop: URIRef) -> set[Node]:
    """The property and every property below it (``leaderOf`` → ``politicalLeaderOf`` …)."""
    return {p for p in ontology.transitive_subjects(RDFS.subPropertyOf, prop) if p is not None}


def _event_spec(names: tuple[str, ...]) -> tuple[str, tuple[str, ...]] | None:
    """("attack"/"event", names) of an ``@attack:``/``@event:`` field, else None."""
    for prefix in _EVENT_PREFIXES:
        if names and names[0].startswith(prefix):
            return prefix[1:-1], (names[0][len(prefix) :],) + names[1:]
    return None


class _Matcher:
    def __init__(self, g: Graph) -> None:
        self.g = g
        self.names: dict[Node, set[str]] = defaultdict(set)
        for s, o in g.subject_objects(RDFS.label):
            self.names[s].add(_key(str(o)))
        for s, o in g.subject_objects(SKOS.altLabel):
            self.names[s].add(_key(str(o)))
        attacks = set(g.subjects(RDF.type, NG.Attack))
        self.kind = {e: "event" for e in g.subjects(RDF.type, NG.Event) if e not in attacks}
        self.kind.update({a: "attack" for a in attacks})
        self.event_names: dict[Node, set[str]] = {}
        for event in self.kind:
            names: set[str] = set()
            for p in (NG.occurredIn, NG.targeted):
                for thing in g.objects(event, p):
                    names |= self.names.get(thing, set())
                    for place in g.transitive_objects(thing, NG.locatedIn):
                        if place is not None:
                            names |= self.names.get(place, set())
            self.event_names[event] = names

    def node(self, node: Node, gold: tuple[str, ...]) -> bool:
        if (spec := _event_spec(gold)) is not None:
            kind, names = spec
            if self.kind.get(node) != kind:
                return False
            labels = self.names.get(node, set())
            return bool(self.event_names[node] & set(names)) or any(
                n in label for n in names for label in labels
            )
        if isinstance(node, Literal):
            value = fold(str(node))
            if node.datatype in _DATE_TYPES:  # a date matches by prefix: 2022-08 matches 2022-08-01
                return any(value == g or value.startswith(g + "-") for g in gold)
            return value in gold
        return bool(self.names.get(node, set()) & set(gold))


def _judged(m: _Matcher, node: Node, gold_names: set[str], events: list[tuple[str, ...]]) -> bool:
    """Whether a prediction's end is something the gold speaks of: a literal, a gold entity, or
    an event that a gold ``@attack``/``@event`` field matches."""
    if isinstance(node, Literal):
        return True
    if node in m.kind:
        return any(m.node(node, spec) for spec in events)
    return bool(m.names.get(node, set()) & gold_names)


def evaluate_facts(
    g: Graph, gold: list[GoldFact], entities: Iterable[GoldEntity] = (), ontology: Graph | None = None
) -> FactReport:
    """Per-property precision and recall of the graph's facts against gold facts (the guide's
    "Scoring" section). ``entities`` widens the set of gold things whose facts are judged
    beyond the names the fact rows use."""
    ontology = ontology if ontology is not None else ontology_graph()
    m = _Matcher(g)
    gold_names = {n for e in entities for n in e.names}
    events: list[tuple[str, ...]] = []
    for f in gold:
        for ends in (f.subject, f.object):
            if _event_spec(ends):
                events.append(ends)
            else:
                gold_names |= set(ends)
    report = FactReport()
    for prop in sorted({f.property for f in gold}):
        golds = [f for f in gold if f.property == prop]
        predicted = sorted(
            {(s, o) for p in _sub_properties(ontology, NG[prop]) for s, o in g.subject_objects(p)}
        )

        def matches(s: Node, o: Node, f: GoldFact, prop: str = prop) -> bool:
            if m.node(s, f.subject) and m.node(o, f.object):
                return True
            return NG[prop] in SYMMETRIC and m.node(o, f.subject) and m.node(s, f.object)

        score = Score(gold=sum(1 for f in golds if not f.optional))
        for f in golds:
            if not f.optional:
                if any(matches(s, o, f) for s, o in predicted):
                    score.tp += 1
                else:
                    report.missed.append(f)
        for s, o in predicted:
            if not (_judged(m, s, gold_names, events) and _judged(m, o, gold_names, events)):
                continue
            hits = [f for f in golds if matches(s, o, f)]
            if any(not f.optional for f in hits):
                score.correct += 1
                score.predicted += 1
            elif not hits:
                score.predicted += 1
                report.wrong.append(_miss(g, s, prop, o, ontology))
        report.per_property[prop] = score
    return report


def _miss(g: Graph, s: Node, prop: str, o: Node, ontology: Graph) -> Miss:
    """A wrong prediction with the sentences of the claims behind it (or of the evidence of the
    inference that made it)."""
    props = _sub_properties(ontology, NG[prop])
    claims = [
        c
        for c in g.subjects(RDF.subject, s)
        if g.value(c, RDF.predicate) in props and g.value(c, RDF.object) == o
    ]
    stated = [c for c in claims if (c, RDF.type, NG.Claim) in g]
    explained = [c for c in claims if (c, RDF.type, NG.Explanation) in g]
    evidence = stated or [e for x in explained for e in g.objects(x, NG.evidence)]
    sentences = sorted({" ".join(str(v).split()) for c in evidence for v in g.objects(c, NG.sentence)})
    return Miss(_show(g, s), prop, _show(g, o), tuple(sentences), inferred=not stated)


def _show(g: Graph, node: Node) -> str:
    if isinstance(node, Literal):
        return str(node)
    return str(g.value(node, RDFS.label) or node)


def evaluate_entities(
    g: Graph, gold: list[GoldEntity], ontology: Graph | None = None
) -> tuple[int, list[str]]:
    """(entities found once with the right class, problems) against gold entities."""
    ontology = ontology if ontology is not None else ontology_graph()
    m = _Matcher(g)
    entity_nodes = {s for s, o in g.subject_objects(RDF.type) if o not in NON_ENTITY_CLASSES}
    by_name: dict[str, set[Node]] = defaultdict(set)
    for n in entity_nodes:
        for name in m.names.get(n, ()):
            by_name[name].add(n)
    problems = []
    good = 0
    for entity in gold:
        nodes = sorted(set().union(*(by_name.get(n, set()) for n in entity.names)), key=str)
        wanted: URIRef = NG[entity.cls]
        if not nodes:
            problems.append(f"missing: {entity.names[0]} ({entity.cls})")
        elif len(nodes) > 1:
            problems.append(
                f"duplicate: {entity.names[0]} is {len(nodes)} nodes: " + ", ".join(map(str, nodes))
            )
        elif not any(_subclass(ontology, t, wanted) for t in g.objects(nodes[0], RDF.type)):
            types = ", ".join(sorted(str(t).rsplit("#", 1)[-1] for t in g.objects(nodes[0], RDF.type)))
            problems.append(f"wrong class: {entity.names[0]} is {types}, expected {entity.cls}")
        else:
            good += 1
    return good, problems


def _subclass(ontology: Graph, cls: Node, wanted: URIRef) -> bool:
    return cls == wanted or wanted in set(ontology.transitive_objects(cls, RDFS.subClassOf))


_MONTHS = ("january february march april may june july august september october november december").split()


def _literal_words(value: str) -> list[str]:
    """How a gold literal may be written: "2014-12-16" → "16 december 2014", "december 16"."""
    parts = value.split("-")
    if len(parts) >= 2 and parts[0].isdigit() and parts[1].isdigit() and 1 <= int(parts[1]) <= 12:
        month = _MONTHS[int(parts[1]) - 1]
        if len(parts) == 3:
            day = str(int(parts[2]))
            return [f"{day} {month}", f"{month} {day}"]
        return [f"{month} {parts[0]}", month]
    return [value]


def find_sentence(fact: GoldFact, sentences: Sequence[str]) -> str | None:
    """The sentence a gold fact most likely comes from: the first that names both its ends, else
    the first that names its object, else its subject."""

    def ends(names: tuple[str, ...]) -> list[str]:
        spec = _event_spec(names)
        words = list(spec[1]) if spec else list(names)
        return [w for n in words for w in (_literal_words(n) if re.fullmatch(r"[\d-]+", n) else [n])]

    subject, obj = ends(fact.subject), ends(fact.object)
    folded = [fold(s) for s in sentences]

    def names(text: str, options: list[str]) -> bool:
        return any(re.search(rf"(?<!\w){re.escape(o)}(?!\w)", text) for o in options if o)

    for wanted in ((subject, obj), (obj,), (subject,)):
        for original, text in zip(sentences, folded):
            if all(names(text, options) for options in wanted):
                return " ".join(original.split())
    return None
