"""Read a dataset into the page's model: its entities, the relations between them, the ontology's labels."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from rdflib import Dataset, Literal, URIRef
from rdflib.term import Node

from newsgraph.entities import curie
from newsgraph.namespaces import INFERRED_GRAPH, NG, OWL, RDF, RDFS, SKOS, ontology_graph
from newsgraph.render.styles import CLASS_STYLES, NG_NS
from newsgraph.vocab import NON_ENTITY_CLASSES, NON_RELATION_PREDICATES

# Reading the ontology and the dataset


@dataclass(frozen=True)
class Ontology:
    """What rendering needs from ``newsgraph.ttl``: labels and the relation properties."""

    labels: dict[URIRef, str]
    relations: tuple[URIRef, ...]
    symmetric: frozenset[URIRef]
    sub_properties: dict[URIRef, tuple[URIRef, ...]]  # super-property -> its sub-properties

    def label(self, term: URIRef) -> str:
        return self.labels.get(term) or _local_name(term)


@lru_cache(maxsize=1)
def load_ontology() -> Ontology:
    """Parse the ontology once per process (it is the same file for every render)."""
    g = ontology_graph()
    labels = {s: _best_literal(g.objects(s, RDFS.label)) for s in set(g.subjects(RDFS.label))
              if isinstance(s, URIRef)}
    relations = sorted(p for p in g.subjects(RDF.type, OWL.ObjectProperty)
                       if isinstance(p, URIRef) and str(p).startswith(NG_NS)
                       and p not in NON_RELATION_PREDICATES)
    subs: dict[URIRef, list[URIRef]] = defaultdict(list)
    for sub, sup in g.subject_objects(RDFS.subPropertyOf):
        if isinstance(sub, URIRef) and isinstance(sup, URIRef) and sub in relations and sup in relations:
            subs[sup].append(sub)
    return Ontology(
        labels={k: v for k, v in labels.items() if v},
        relations=tuple(relations),
        symmetric=frozenset(p for p in g.subjects(RDF.type, OWL.SymmetricProperty)
                            if isinstance(p, URIRef) and p in relations),
        sub_properties={sup: tuple(sorted(v)) for sup, v in subs.items()},
    )


@dataclass
class Entity:
    """One node of the page."""

    iri: URIRef
    node_id: str
    label: str
    classes: tuple[str, ...]  # ng: local names, primary class first
    aliases: tuple[str, ...] = ()
    articles: tuple[str, ...] = ()  # titles
    pagerank: float | None = None
    betweenness: float | None = None
    coalition: str | None = None
    degree: int = 0
    disagreements: list[Disagreement] = field(default_factory=list)  # ng:Contradictions about it
    attack: AttackFacts | None = None  # for an ng:Attack drawn on the page

    @property
    def primary(self) -> str:
        return self.classes[0]


@dataclass(frozen=True)
class ClaimInfo:
    """What a tooltip says about one Claim."""

    sentence: str
    article: str
    source: str


@dataclass(frozen=True)
class Disagreement:
    """What a tooltip says about one ng:Contradiction: its summary and the claims on each side."""

    summary: str
    sides: tuple[ClaimInfo, ...]


@dataclass(frozen=True)
class ExplanationInfo:
    """What a tooltip says about one ng:Explanation of an inferred triple."""

    rule: str
    score: str
    disputed: bool
    suspected: bool  # ng:certainty ng:Suspected: the sources only accuse, nobody claims
    evidence: tuple[ClaimInfo, ...]


@dataclass(frozen=True)
class AttributionInfo:
    """Who an attack is attributed to (or only suspected of it), and the inferences that say so."""

    agent: str
    suspected: bool  # ng:suspectedPerpetrator, not ng:attributedTo
    explanations: tuple[ExplanationInfo, ...]


@dataclass(frozen=True)
class AttackFacts:
    """What the page says about one ng:Attack: what the graph states, who did it, who says so.

    Each tuple holds every distinct value the graph has (different sources may give different
    counts), in a stable order.
    """

    dates: tuple[str, ...]
    places: tuple[str, ...]
    killed: tuple[str, ...]
    injured: tuple[str, ...]
    attributions: tuple[AttributionInfo, ...]
    sources: tuple[ClaimInfo, ...]  # claims about the attack that assert something
    denials: tuple[ClaimInfo, ...]  # claims about the attack that deny something


@dataclass
class Relation:
    """One edge: a triple between entities, merged over graphs and symmetric directions.

    ``claim_nodes``/``explanation_nodes`` are found for every relation that a denial names and,
    for the others, only once the relation is known to be drawn (see ``attach_provenance``):
    reading the provenance of the whole graph would dominate the time of a ``max_nodes`` page.
    """

    source: URIRef
    predicate: URIRef
    target: URIRef
    asserted: bool = False
    inferred: bool = False
    denied: bool = False
    claim_nodes: list[Node] = field(default_factory=list)
    explanation_nodes: list[Node] = field(default_factory=list)
    claims: list[ClaimInfo] = field(default_factory=list)
    explanations: list[ExplanationInfo] = field(default_factory=list)

    @property
    def key(self) -> EdgeKey:
        return (self.source, self.predicate, self.target)

    @property
    def kind(self) -> str:
        """Key of ``EDGE_STYLES``; final only once the provenance is attached."""
        if self.denied:
            return "denied"
        if self.asserted:
            return "asserted"
        if self.predicate == SUSPECTED_PERPETRATOR or any(x.disputed or x.suspected
                                                           for x in self.explanations):
            return "uncertain"
        return "inferred"

    def sort_key(self) -> tuple[str, str, str, bool]:
        return (str(self.source), str(self.target), str(self.predicate), self.denied)


Values = dict[Node, set[Node]]


@dataclass
class Model:
    """The entity graph read from a dataset, plus the lookups provenance needs later."""

    entities: dict[URIRef, Entity]
    relations: list[Relation]
    has_pagerank: bool
    types: Values
    labels: Values

    def importance(self, entity: Entity) -> float:
        """ng:pagerank when the dataset has it, else degree: what size and max_nodes rank by."""
        if self.has_pagerank:
            return entity.pagerank or 0.0
        return float(entity.degree)


# DefinedNamespace attribute lookups are slow; these are used in per-triple loops.
CLAIM, EXPLANATION, DENIES = NG.Claim, NG.Explanation, NG.Denies
CONTRADICTION, SUSPECTED, SUSPECTED_PERPETRATOR = NG.Contradiction, NG.Suspected, NG.suspectedPerpetrator


Pattern = tuple[Node | None, Node | None, Node | None]


def _triples(ds: Dataset, pattern: Pattern) -> Iterator[tuple[Node, Node, Node]]:
    """Matching triples over every graph, asked of the store directly.

    ``Dataset.quads`` also resolves each triple's graphs, about half the cost, not needed here.
    """
    for triple, _graphs in ds.store.triples(pattern, None):
        yield triple


def _values(ds: Dataset, predicate: URIRef) -> Values:
    """subject -> objects of one predicate over every graph (the store indexes by predicate)."""
    out: Values = defaultdict(set)
    for s, _p, o in _triples(ds, (None, predicate, None)):
        out[s].add(o)
    return out


def _first(ds: Dataset, subject: Node, predicate: URIRef) -> Node | None:
    """One value of a property, chosen deterministically if the graph has several."""
    return min((o for _s, _p, o in _triples(ds, (subject, predicate, None))), key=str, default=None)


def _best_literal(literals: Iterable[Node]) -> str:
    """Prefer an untagged or English literal; among equals the smallest, for stable output."""
    candidates = [lit for lit in literals if isinstance(lit, Literal)]
    if not candidates:
        return ""
    return str(min(candidates, key=lambda lit: (lit.language not in (None, "en"), str(lit))))


def _local_name(term: Node) -> str:
    text = str(term)
    return text[len(NG_NS):] if text.startswith(NG_NS) else text.rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def _graph_id(context: object) -> object:
    return getattr(context, "identifier", context)


def read_model(ds: Dataset, ontology: Ontology) -> Model:
    """Collect the entities and the relations between them (without their provenance yet)."""
    types = _values(ds, RDF.type)
    labels = _values(ds, RDFS.label)
    entities = _read_entities(ds, types, labels)
    relations = sorted([*_read_facts(ds, ontology, entities), *_read_denials(ds, ontology, entities)],
                       key=Relation.sort_key)
    _set_degrees(entities, relations)
    has_pagerank = any(e.pagerank is not None for e in entities.values())
    return Model(entities, relations, has_pagerank, types, labels)


def _read_entities(ds: Dataset, types: Values, labels: Values) -> dict[URIRef, Entity]:
    # Blank nodes are skipped: their ids change on every parse, which would break the
    # byte-identical output, and the mapping stage never makes entities from them.
    entity_classes = {
        s: [_local_name(t) for t in ts
            if isinstance(t, URIRef) and str(t).startswith(NG_NS) and t not in NON_ENTITY_CLASSES]
        for s, ts in types.items() if isinstance(s, URIRef)
    }
    aliases, mentioned = _values(ds, SKOS.altLabel), _values(ds, NG.mentionedIn)
    titles, pageranks = _values(ds, NG.title), _values(ds, NG.pagerank)
    betweenness, coalitions = _values(ds, NG.betweenness), _values(ds, NG.coalition)
    entities: dict[URIRef, Entity] = {}
    for iri, classes in entity_classes.items():
        if not classes:
            continue
        label = _best_literal(labels.get(iri, ())) or curie(iri)
        entities[iri] = Entity(
            iri=iri,
            node_id=curie(iri),
            label=label,
            classes=tuple(sorted(classes, key=_class_rank)),
            aliases=tuple(sorted({str(a) for a in aliases.get(iri, ()) if isinstance(a, Literal)} - {label})),
            articles=tuple(sorted({_article_title(a, titles.get(a, ()), labels)
                                   for a in mentioned.get(iri, ())})),
            pagerank=_largest_number(pageranks.get(iri, ())),
            betweenness=_largest_number(betweenness.get(iri, ())),
            coalition=_best_literal(coalitions.get(iri, ())) or None,
        )
    return entities


def _class_rank(name: str) -> tuple[int, str]:
    order = list(CLASS_STYLES)
    return (order.index(name) if name in CLASS_STYLES else len(order), name)


def _largest_number(values: Iterable[Node]) -> float | None:
    numbers = []
    for value in values:
        try:
            numbers.append(float(value))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            continue
    return max(numbers) if numbers else None


def _article_title(article: Node, titles: Iterable[Node], labels: Values) -> str:
    return _best_literal(titles) or _best_literal(labels.get(article, ())) or curie(article)


EdgeKey = tuple[URIRef, URIRef, URIRef]


def _edge_key(s: Node, p: Node, o: Node, ontology: Ontology) -> EdgeKey:
    """Symmetric properties are stored both ways; one canonical direction merges them."""
    if p in ontology.symmetric and str(o) < str(s):
        s, o = o, s
    return (s, p, o)  # type: ignore[return-value]


def _read_facts(ds: Dataset, ontology: Ontology, entities: dict[URIRef, Entity]) -> list[Relation]:
    """Plain triples between entities; asserted if any article graph holds them, else inferred."""
    facts: dict[EdgeKey, Relation] = {}
    for p in ontology.relations:
        for s, _p, o, g in ds.quads((None, p, None, None)):
            if s not in entities or o not in entities:
                continue
            key = _edge_key(s, p, o, ontology)
            relation = facts.setdefault(key, Relation(*key))
            if _graph_id(g) == INFERRED_GRAPH:
                relation.inferred = True
            else:
                relation.asserted = True
    return list(facts.values())


def _reified(ds: Dataset, node: Node) -> tuple[Node | None, Node | None, Node | None]:
    return (_first(ds, node, RDF.subject), _first(ds, node, RDF.predicate), _first(ds, node, RDF.object))


def _read_denials(ds: Dataset, ontology: Ontology, entities: dict[URIRef, Entity]) -> list[Relation]:
    """One red edge per denied triple, from Claims with ``ng:stance ng:Denies``."""
    denied: dict[EdgeKey, Relation] = {}
    for claim, _p, _o in _triples(ds, (None, NG.stance, DENIES)):
        s, p, o = _reified(ds, claim)
        if s in entities and o in entities and p in ontology.relations:
            assert s is not None and p is not None and o is not None
            key = _edge_key(s, p, o, ontology)
            denied.setdefault(key, Relation(*key, denied=True)).claim_nodes.append(claim)
    return list(denied.values())


def _set_degrees(entities: dict[URIRef, Entity], relations: list[Relation]) -> None:
    """Degree = number of distinct neighbours over every drawn kind of edge."""
    for iri, neighbours in _adjacency(relations).items():
        if iri in entities:
            entities[iri].degree = len(neighbours - {iri})


def _adjacency(relations: Iterable[Relation]) -> dict[URIRef, set[URIRef]]:
    adjacency: dict[URIRef, set[URIRef]] = defaultdict(set)
    for r in relations:
        adjacency[r.source].add(r.target)
        adjacency[r.target].add(r.source)
    return adjacency


def _class_label(name: str, ontology: Ontology) -> str:
    return ontology.label(NG[name]) if name in CLASS_STYLES else name
