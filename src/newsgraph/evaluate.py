"""Score a built graph against gold facts and entities (the format of ``tests/data/gold/``).

Gold facts are ``subject<TAB>property<TAB>object`` rows. A name field lists accepted spellings
separated by ``|`` and matches a node's ``rdfs:label`` or any ``skos:altLabel``, ignoring case;
``@attack:PLACE`` stands for any ``ng:Attack`` that ``ng:occurredIn`` a place of that name; a
literal matches by prefix (``2022-08`` matches ``2022-08-01``); ``alliedWith`` is symmetric; a
property written ``?name`` is optional: neither required nor counted against the build.

Precision and recall are computed per property over the properties the gold file uses (a gold
file says nothing about properties it does not annotate), and micro-averaged over them.
"""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from newsgraph.errors import InputError
from newsgraph.gazetteer import fold
from newsgraph.namespaces import NG

__all__ = ["GoldFact", "GoldEntity", "Score", "FactReport", "read_gold_facts", "read_gold_entities",
           "evaluate_facts", "evaluate_entities"]

SYMMETRIC = {"alliedWith"}
_DATE_TYPES = {XSD.date, XSD.gYearMonth, XSD.gYear, XSD.dateTime}
NON_ENTITY_CLASSES = {NG.Claim, NG.Article, NG.Explanation, NG.Contradiction}


@dataclass(frozen=True)
class GoldFact:
    subject: tuple[str, ...]
    property: str
    object: tuple[str, ...]
    optional: bool


@dataclass(frozen=True)
class GoldEntity:
    names: tuple[str, ...]
    cls: str


@dataclass
class Score:
    tp: int = 0  # gold facts found
    gold: int = 0  # required gold facts
    correct: int = 0  # predictions that match a required gold fact
    predicted: int = 0  # predictions, less those matching only optional facts

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


@dataclass
class FactReport:
    per_property: dict[str, Score] = field(default_factory=dict)
    missed: list[GoldFact] = field(default_factory=list)
    wrong: list[tuple[str, str, str]] = field(default_factory=list)

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


def _names(field_: str) -> tuple[str, ...]:
    return tuple(fold(n) for n in field_.split("|") if n.strip())


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


class _Matcher:
    def __init__(self, g: Graph) -> None:
        self.g = g
        self.names: dict[URIRef, set[str]] = defaultdict(set)
        for s, o in g.subject_objects(RDFS.label):
            self.names[s].add(fold(str(o)))
        for s, o in g.subject_objects(SKOS.altLabel):
            self.names[s].add(fold(str(o)))
        self.attack_places = {a: set(g.objects(a, NG.occurredIn)) for a in g.subjects(RDF.type, NG.Attack)}

    def node(self, node: URIRef | Literal, gold: tuple[str, ...]) -> bool:
        if gold and gold[0].startswith("@attack:"):
            places = (gold[0][len("@attack:"):],) + gold[1:]
            return any(self.node(p, places) for p in self.attack_places.get(node, ()))
        if isinstance(node, Literal):
            value = fold(str(node))
            if node.datatype in _DATE_TYPES:  # a date matches by prefix: 2022-08 matches 2022-08-01
                return any(value == g or value.startswith(g + "-") for g in gold)
            return value in gold
        return bool(self.names.get(node, set()) & set(gold))


def evaluate_facts(g: Graph, gold: list[GoldFact]) -> FactReport:
    """Per-property precision, recall and F1 of the graph's facts against gold facts."""
    m = _Matcher(g)
    report = FactReport()
    for prop in sorted({f.property for f in gold}):
        golds = [f for f in gold if f.property == prop]
        predicted = sorted(set(g.subject_objects(NG[prop])))

        def matches(s, o, f: GoldFact) -> bool:
            if m.node(s, f.subject) and m.node(o, f.object):
                return True
            return prop in SYMMETRIC and m.node(o, f.subject) and m.node(s, f.object)

        score = Score(gold=sum(1 for f in golds if not f.optional))
        for f in golds:
            if not f.optional:
                if any(matches(s, o, f) for s, o in predicted):
                    score.tp += 1
                else:
                    report.missed.append(f)
        for s, o in predicted:
            hits = [f for f in golds if matches(s, o, f)]
            if any(not f.optional for f in hits):
                score.correct += 1
                score.predicted += 1
            elif not hits:
                score.predicted += 1
                report.wrong.append((_show(g, s), prop, _show(g, o)))
        report.per_property[prop] = score
    return report


def _show(g: Graph, node: URIRef | Literal) -> str:
    if isinstance(node, Literal):
        return str(node)
    return str(g.value(node, RDFS.label) or node)


def evaluate_entities(g: Graph, gold: list[GoldEntity], ontology: Graph) -> tuple[int, list[str]]:
    """(entities found once with the right class, problems) against gold entities."""
    m = _Matcher(g)
    entity_nodes = {s for s, o in g.subject_objects(RDF.type) if o not in NON_ENTITY_CLASSES}
    problems = []
    good = 0
    for entity in gold:
        nodes = sorted(n for n in entity_nodes if m.names.get(n, set()) & set(entity.names))
        wanted = NG[entity.cls]
        if not nodes:
            problems.append(f"missing: {entity.names[0]} ({entity.cls})")
        elif len(nodes) > 1:
            problems.append(f"duplicate: {entity.names[0]} is {len(nodes)} nodes: " + ", ".join(map(str, nodes)))
        elif not any(_subclass(ontology, t, wanted) for t in g.objects(nodes[0], RDF.type)):
            types = ", ".join(sorted(str(t).rsplit("#", 1)[-1] for t in g.objects(nodes[0], RDF.type)))
            problems.append(f"wrong class: {entity.names[0]} is {types}, expected {entity.cls}")
        else:
            good += 1
    return good, problems


def _subclass(ontology: Graph, cls: URIRef, wanted: URIRef) -> bool:
    return cls == wanted or wanted in set(ontology.transitive_objects(cls, RDFS.subClassOf))
