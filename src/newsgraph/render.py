"""Render the knowledge graph as one self-contained, offline HTML page (the ``render`` stage).

Nodes are the entities (people, armed groups, places, attacks, ...); edges are the ``ng:`` object
properties between them: solid when an article asserts them, dashed when only the inferred graph
holds them, dotted when the inference is disputed or only a suspicion (``ng:Suspected``,
``ng:suspectedPerpetrator``), red dashed when a Claim denies them. Claims, articles, explanations
and contradictions are provenance, not nodes: tooltips (and the details panel, on click) carry
the sentence, the article and who said it, or the inference rule and its score.

The page exposes ``window.newsgraph`` (``network``, ``nodes``, ``edges``) and sets
``window.newsgraph.ready`` once the graph is first drawn in its final layout, with
``drawnAt`` the milliseconds since navigation: the browser test waits on it.

The page is built with pyvis's network model and vis-network as bundled inside the pyvis wheel;
pyvis's own HTML template links Bootstrap and other CDN assets (pyvis issue #229), so the page
uses its own template with every script and stylesheet inlined: it works without a network.

Safety: article text is untrusted. Tooltips are HTML assembled here from ``html.escape``-d text
and turned into DOM elements in the browser; node labels are drawn on the canvas as plain text;
all JSON embedded in the page has ``<`` and ``>`` escaped so no string can close a ``<script>``.
"""

from __future__ import annotations

import html
import json
import math
from collections import defaultdict, deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from difflib import get_close_matches
from functools import lru_cache
from pathlib import Path
from string import Template

import numpy as np
import pyvis
from pyvis.network import Network
from rdflib import Dataset, Literal, URIRef
from rdflib.term import Node

from newsgraph.entities import Named, curie, match_entities
from newsgraph.errors import InputError
from newsgraph.namespaces import ID, INFERRED_GRAPH, NG, OWL, PROV, RDF, RDFS, SKOS, ontology_graph
from newsgraph.vocab import NON_ENTITY_CLASSES, NON_RELATION_PREDICATES

__all__ = ["CLASS_STYLES", "EDGE_STYLES", "PHYSICS_NODE_LIMIT", "render_html"]

NG_NS = str(NG)
ID_NS = str(ID)


@dataclass(frozen=True)
class ClassStyle:
    """How one entity class is drawn: vis-network shape, colour and a legend glyph."""

    shape: str
    color: str
    glyph: str


# Ordered most specific first: an entity with several types (an armed group that is also a
# government body) is drawn and filtered by the first class it has in this order.
CLASS_STYLES: dict[str, ClassStyle] = {
    "ArmedGroup": ClassStyle("diamond", "#e15759", "\u25c6"),
    "GovernmentBody": ClassStyle("triangle", "#2ca02c", "\u25b2"),
    "NewsSource": ClassStyle("hexagon", "#9467bd", "\u2b22"),
    "Organization": ClassStyle("square", "#ff7f0e", "\u25a0"),
    "Person": ClassStyle("dot", "#1f77b4", "\u25cf"),
    "Country": ClassStyle("square", "#8c564b", "\u25a0"),
    "Place": ClassStyle("triangleDown", "#17becf", "\u25bc"),
    "Attack": ClassStyle("star", "#e6a100", "\u2605"),
    "Event": ClassStyle("star", "#bcbd22", "\u2605"),
    "Weapon": ClassStyle("diamond", "#7f7f7f", "\u25c6"),
    "Agent": ClassStyle("dot", "#aec7e8", "\u25cf"),
}
OTHER_STYLE = ClassStyle("dot", "#c7c7c7", "\u25cf")


PHYSICS_NODE_LIMIT = 300
"""Above this many nodes the page gets precomputed positions and no physics simulation."""
FORCE_LAYOUT_LIMIT = 1000
"""Above this many nodes the O(n²) force layout is too slow; a spiral by importance is used."""
MAX_TOOLTIP_ITEMS = 8
"""Claims/articles listed per tooltip: hub nodes would otherwise bloat the page by megabytes."""
MAX_LABEL_CHARS = 40
SPRING_LENGTH = 110
"""Rest length of an edge, in pixels at 1:1, for the in-browser physics of small graphs."""


@dataclass(frozen=True)
class EdgeStyle:
    """How one kind of edge is drawn, and the CSS border that draws it in the legend."""

    color: str
    dashes: bool | list[int]
    css_border: str
    legend: str


EDGE_STYLES: dict[str, EdgeStyle] = {
    "asserted": EdgeStyle("#848484", False, "solid", "asserted"),
    "inferred": EdgeStyle("#5b8def", [6, 4], "dashed", "inferred"),
    "uncertain": EdgeStyle("#c45ab3", [2, 4], "dotted", "suspected or disputed"),
    "denied": EdgeStyle("#d62728", [8, 4], "dashed", "denied"),
}
DENIED_COLOR = EDGE_STYLES["denied"].color
DIMMED_COLOR = "rgba(200,200,200,0.35)"
VIS_DIR = Path(pyvis.__file__).resolve().parent / "templates" / "lib" / "vis-9.1.2"


# ---------------------------------------------------------------------------------------------
# Reading the ontology and the dataset
# ---------------------------------------------------------------------------------------------


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
    labels = {s: _best_literal(g.objects(s, RDFS.label)) for s in set(g.subjects(RDFS.label))}
    relations = sorted(p for p in g.subjects(RDF.type, OWL.ObjectProperty)
                       if str(p).startswith(NG_NS) and p not in NON_RELATION_PREDICATES)
    subs: dict[URIRef, list[URIRef]] = defaultdict(list)
    for sub, sup in g.subject_objects(RDFS.subPropertyOf):
        if sub in relations and sup in relations:
            subs[sup].append(sub)
    return Ontology(
        labels={k: v for k, v in labels.items() if v},
        relations=tuple(relations),
        symmetric=frozenset(p for p in g.subjects(RDF.type, OWL.SymmetricProperty) if p in relations),
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
    for triple, _graphs in ds.store.triples(pattern, None):  # type: ignore[arg-type]
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


# ---------------------------------------------------------------------------------------------
# Provenance of the drawn relations
# ---------------------------------------------------------------------------------------------


def attach_provenance(ds: Dataset, model: Model, relations: list[Relation],
                      ontology: Ontology) -> list[Relation]:
    """Find the Claims and Explanations behind the drawn relations and describe them.

    Claims and Explanations are reified (rdf:subject/predicate/object), so they are found from
    the drawn entities through the rdf:subject index. Returns the relations with sub-property
    duplicates folded (see ``_fold_super_properties``).
    """
    facts = {r.key: r for r in relations if not r.denied}
    # Targets too: a symmetric triple may be reified with either entity as rdf:subject.
    for node in sorted({n for r in facts.values() for n in (r.source, r.target)}, key=str):
        _collect_reifications(ds, model, node, facts, ontology)
    described: dict[Node, ClaimInfo] = {}
    for relation in relations:
        relation.claims = [_claim_info(ds, model, c, described)
                           for c in sorted(set(relation.claim_nodes), key=str)]
        relation.explanations = [_explanation_info(ds, model, x, described)
                                 for x in sorted(set(relation.explanation_nodes), key=str)]
    kept = _fold_super_properties(facts, ontology)
    return sorted([*kept, *(r for r in relations if r.denied)], key=Relation.sort_key)


def attach_disagreements(ds: Dataset, model: Model, entities: Iterable[URIRef]) -> None:
    """Give each entity the claims of the ng:Contradictions about it (``ng:about``/``ng:side``).

    A contradiction is provenance, not an entity: it is shown in the tooltip of what it is
    about rather than drawn as a node.
    """
    described: dict[Node, ClaimInfo] = {}
    for iri in entities:
        holders = sorted((h for h, _p, _o in _triples(ds, (None, NG.about, iri))
                          if CONTRADICTION in model.types.get(h, ())), key=str)
        model.entities[iri].disagreements = [
            Disagreement(
                summary=_best_literal(model.labels.get(holder, ())),
                sides=tuple(_claim_info(ds, model, claim, described) for claim in sorted(
                    (c for _h, _p, c in _triples(ds, (holder, NG.side, None))), key=str)))
            for holder in holders]


def _collect_reifications(ds: Dataset, model: Model, node: Node, facts: dict[EdgeKey, Relation],
                          ontology: Ontology) -> None:
    for holder, _p, _o in _triples(ds, (None, RDF.subject, node)):
        kinds = model.types.get(holder, set())
        is_claim, is_explanation = CLAIM in kinds, EXPLANATION in kinds
        if not (is_claim or is_explanation):
            continue
        if is_claim and _first(ds, holder, NG.stance) == DENIES:
            continue  # drawn as its own red edge
        predicate, obj = _first(ds, holder, RDF.predicate), _first(ds, holder, RDF.object)
        relation = facts.get(_edge_key(node, predicate, obj, ontology))
        if relation is not None:
            (relation.claim_nodes if is_claim else relation.explanation_nodes).append(holder)


def _claim_info(ds: Dataset, model: Model, claim: Node, described: dict[Node, ClaimInfo]) -> ClaimInfo:
    """Sentence, article title and the name of who said it (memoised: evidence repeats claims)."""
    if claim in described:
        return described[claim]
    source = _first(ds, claim, NG.accordingTo)
    article = _first(ds, claim, PROV.wasDerivedFrom)
    sentence = _first(ds, claim, NG.sentence)
    info = ClaimInfo(
        # Sentences keep the article's line breaks; a tooltip reads better with them folded.
        sentence=" ".join(str(sentence or "").split()),
        article="" if article is None else _article_title(
            article, (o for _s, _p, o in _triples(ds, (article, NG.title, None))), model.labels),
        source="" if source is None else _name(model, source),
    )
    described[claim] = info
    return info


def _name(model: Model, node: Node) -> str:
    """Label of whoever a claim is according to: usually an entity, else any rdfs:label."""
    if node in model.entities:
        return model.entities[node].label  # type: ignore[index]
    return _best_literal(model.labels.get(node, ())) or curie(node)


def _explanation_info(ds: Dataset, model: Model, node: Node,
                      described: dict[Node, ClaimInfo]) -> ExplanationInfo:
    disputed = _first(ds, node, NG.disputed)
    evidence = sorted((o for _s, _p, o in _triples(ds, (node, NG.evidence, None))), key=str)
    return ExplanationInfo(
        rule=str(_first(ds, node, NG.rule) or "?"),
        score=_format_score(_first(ds, node, NG.score)),
        disputed=isinstance(disputed, Literal) and disputed.toPython() is True,
        suspected=_first(ds, node, NG.certainty) == SUSPECTED,
        evidence=tuple(_claim_info(ds, model, c, described)
                       for c in evidence if CLAIM in model.types.get(c, ())),
    )


def _format_score(value: Node | None) -> str:
    try:
        return f"{float(value):.3f}"  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return "?"


def _fold_super_properties(facts: dict[EdgeKey, Relation], ontology: Ontology) -> list[Relation]:
    """Drop ``leaderOf`` where ``politicalLeaderOf`` joins the same pair, keeping its provenance.

    The mapping writes the super-property next to each sub-property so that queries find it;
    drawn, it would only double every such edge.
    """
    kept = dict(facts)
    for key in sorted(facts, key=lambda k: tuple(map(str, k))):
        s, p, o = key
        for sub in ontology.sub_properties.get(p, ()):
            target = kept.get(_edge_key(s, sub, o, ontology))
            if target is None:
                continue
            dropped = kept.pop(key)
            target.asserted |= dropped.asserted
            target.inferred |= dropped.inferred
            target.claims = target.claims + [c for c in dropped.claims if c not in target.claims]
            target.explanations = target.explanations + dropped.explanations
            break
    return list(kept.values())


# ---------------------------------------------------------------------------------------------
# Choosing what to show
# ---------------------------------------------------------------------------------------------


def find_focus(model: Model, focus: str) -> list[URIRef]:
    """Entities named by ``focus``: an IRI, a CURIE ``id:...``, a label or an alias (case and
    accents ignored)."""
    found = match_entities((Named(iri, e.label, e.aliases) for iri, e in model.entities.items()), focus)
    if found:
        return found
    wanted = focus.strip()
    suggestions = get_close_matches(wanted, sorted({e.label for e in model.entities.values()}), n=3)
    hint = f" Did you mean: {', '.join(repr(s) for s in suggestions)}?" if suggestions else ""
    raise InputError(f"No entity matches focus {focus!r}: give an entity IRI or its label.{hint}")


def neighbourhood(model: Model, roots: list[URIRef], depth: int) -> set[URIRef]:
    """Entities within ``depth`` hops of the roots, edges taken in either direction."""
    adjacency = _adjacency(model.relations)
    seen = set(roots)
    queue = deque((root, 0) for root in roots)
    while queue:
        node, hops = queue.popleft()
        if hops == depth:
            continue
        for neighbour in adjacency.get(node, ()):
            if neighbour not in seen:
                seen.add(neighbour)
                queue.append((neighbour, hops + 1))
    return seen


def select_nodes(model: Model, focus: str | None, depth: int,
                 max_nodes: int | None) -> tuple[list[URIRef], list[URIRef]]:
    """Return (roots, kept entities), most important first; roots always survive ``max_nodes``."""
    if depth < 0:
        raise InputError(f"depth must be 0 or more, got {depth}")
    if max_nodes is not None and max_nodes < 1:
        raise InputError(f"max_nodes must be at least 1, got {max_nodes}")
    roots = find_focus(model, focus) if focus is not None else []
    candidates = neighbourhood(model, roots, depth) if roots else set(model.entities)
    ranked = sorted(candidates,
                    key=lambda iri: (iri not in roots, -model.importance(model.entities[iri]), str(iri)))
    return roots, (ranked[:max_nodes] if max_nodes is not None else ranked)


# ---------------------------------------------------------------------------------------------
# Layout for large graphs
# ---------------------------------------------------------------------------------------------


def _force_layout(count: int, pairs: list[tuple[int, int]], iterations: int = 30,
                  seed: int = 1) -> np.ndarray:
    """Fruchterman-Reingold on a dense adjacency matrix, positions in [-1, 1].

    The algorithm of networkx's ``spring_layout(iterations=30, seed=...)`` dense path, written
    out because networkx switches to a scipy-only solver from 500 nodes: this keeps one code
    path (and one picture) for 300-1,000 nodes whether or not scipy is installed. O(n²) time and
    memory per iteration: measured 0.25 s for 500 nodes and 0.9 s for 1,000.
    """
    rng = np.random.default_rng(seed)
    pos = rng.random((count, 2))
    adjacency = np.zeros((count, count))
    for i, j in pairs:
        adjacency[i, j] = adjacency[j, i] = 1.0
    k = 1.0 / math.sqrt(count)
    temperature = 0.1
    cooling = temperature / (iterations + 1)
    for _ in range(iterations):
        delta = pos[:, np.newaxis, :] - pos[np.newaxis, :, :]
        distance = np.sqrt((delta ** 2).sum(axis=-1))
        np.clip(distance, 0.01, None, out=distance)
        force = k * k / distance ** 2 - adjacency * distance / k
        displacement = np.einsum("ijk,ij->ik", delta, force)
        length = np.sqrt((displacement ** 2).sum(axis=-1))
        length = np.where(length < 0.01, 0.1, length)
        pos += displacement * (temperature / length)[:, np.newaxis]
        temperature -= cooling
    pos -= pos.mean(axis=0)
    return pos / max(float(np.abs(pos).max()), 1e-9)


def _spiral_layout(count: int) -> np.ndarray:
    """Sunflower spiral in [-1, 1]: O(n), the first (most important) nodes in the centre."""
    golden = math.pi * (3 - math.sqrt(5))
    index = np.arange(count)
    radius = np.sqrt((index + 0.5) / count)
    return np.column_stack((radius * np.cos(index * golden), radius * np.sin(index * golden)))


def layout_positions(node_ids: list[str], pairs: list[tuple[int, int]]) -> dict[str, tuple[int, int]] | None:
    """Fixed pixel positions for graphs too big for in-browser physics, else None.

    ``node_ids`` must be ordered most important first (the spiral puts them in the centre).
    """
    count = len(node_ids)
    if count <= PHYSICS_NODE_LIMIT:
        return None
    unit = _force_layout(count, pairs) if count <= FORCE_LAYOUT_LIMIT else _spiral_layout(count)
    scale = 30.0 * math.sqrt(count)  # keeps average spacing roughly constant as n grows
    # Integer pixels: stable output and no float noise in the page.
    return {nid: (round(x * scale), round(y * scale)) for nid, (x, y) in zip(node_ids, unit.tolist())}


# ---------------------------------------------------------------------------------------------
# Tooltips (escaped HTML) and vis-network data
# ---------------------------------------------------------------------------------------------


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _capped(items: list[str]) -> list[str]:
    if len(items) <= MAX_TOOLTIP_ITEMS:
        return items
    return items[:MAX_TOOLTIP_ITEMS] + [f"… and {len(items) - MAX_TOOLTIP_ITEMS} more"]


def _html_list(items: list[str]) -> str:
    """``items`` must already be escaped HTML."""
    return "<ul>" + "".join(f"<li>{item}</li>" for item in _capped(items)) + "</ul>" if items else ""


def _claim_html(claim: ClaimInfo) -> str:
    parts = [f"\u201c{_esc(claim.sentence)}\u201d"]
    if claim.article:
        parts.append(f" \u2014 <i>{_esc(claim.article)}</i>")
    if claim.source:
        parts.append(f", according to {_esc(claim.source)}")
    return "".join(parts)


def node_tooltip(entity: Entity, model: Model, ontology: Ontology) -> str:
    """Label, classes, aliases, articles and importance, as escaped HTML."""
    classes = ", ".join(_esc(ontology.label(NG[c]) if c in CLASS_STYLES else c) for c in entity.classes)
    lines = [f"<b>{_esc(entity.label)}</b>", f"<i>{classes}</i> \u00b7 <code>{_esc(entity.node_id)}</code>"]
    if entity.aliases:
        lines.append("Also called: " + _esc(", ".join(entity.aliases)))
    measures = [f"{entity.degree} neighbours"]
    if entity.pagerank is not None:
        measures.append(f"PageRank {entity.pagerank:.4f}")
    if entity.betweenness is not None:
        measures.append(f"betweenness {entity.betweenness:.4f}")
    if entity.coalition:
        measures.append(f"coalition {_esc(entity.coalition)}")
    lines.append(" \u00b7 ".join(measures))
    html_text = "<br>".join(lines)
    if entity.articles:
        html_text += "<br>Mentioned in:" + _html_list([_esc(a) for a in entity.articles])
    for disagreement in entity.disagreements:
        summary = f": {_esc(disagreement.summary)}" if disagreement.summary else ""
        html_text += (f"<br><span class=\"ng-denied\">Sources disagree</span>{summary}"
                      + _html_list([_claim_html(c) for c in disagreement.sides]))
    return html_text


def edge_tooltip(relation: Relation, model: Model, ontology: Ontology) -> str:
    """The triple, then its provenance: claims, denials or the inference that produced it."""
    s, o = model.entities[relation.source].label, model.entities[relation.target].label
    verb = ontology.label(relation.predicate)
    head = f"<b>{_esc(s)}</b> {_esc(verb)} <b>{_esc(o)}</b>"
    if relation.denied:
        return f"{head}<br><span class=\"ng-denied\">Denied</span> by:" + _html_list(
            [_claim_html(c) for c in relation.claims])
    parts = [head]
    if relation.asserted:
        parts.append("Stated in:" + _html_list([_claim_html(c) for c in relation.claims])
                     if relation.claims else "Asserted (no claim recorded)")
    for explanation in relation.explanations:
        prefix = "Also inferred" if relation.asserted else "Inferred"
        flags = (("disputed", explanation.disputed), ("suspected", explanation.suspected))
        flag = "".join(f" \u00b7 <span class=\"ng-denied\">{name}</span>" for name, on in flags if on)
        line = (f"{prefix} by rule <code>{_esc(explanation.rule)}</code>, "
                f"score {_esc(explanation.score)}{flag}")
        if explanation.evidence:
            line += "; evidence:" + _html_list([_claim_html(c) for c in explanation.evidence])
        parts.append(line)
    if not relation.asserted and not relation.explanations:
        parts.append("Inferred")
    return "<br>".join(parts)


def _style(entity: Entity) -> ClassStyle:
    return CLASS_STYLES.get(entity.primary, OTHER_STYLE)


def _node_colors(entity: Entity) -> dict[str, object]:
    """The class colour; a thick red border when sources disagree about the entity."""
    fill = _style(entity).color
    if not entity.disagreements:
        return {"color": fill}
    both = {"background": fill, "border": DENIED_COLOR}
    return {"color": {**both, "highlight": both, "hover": both}, "borderWidth": 4, "borderWidthSelected": 5}


def _node_size(entity: Entity, model: Model, top: float) -> float:
    """10–40 px, by the square root of importance so hubs do not dwarf everything else."""
    share = model.importance(entity) / top if top > 0 else 0.0
    return round(10 + 30 * math.sqrt(max(share, 0.0)), 2)


def _display_label(label: str) -> str:
    return label if len(label) <= MAX_LABEL_CHARS else label[: MAX_LABEL_CHARS - 1] + "\u2026"


def _search_keys(entities: list[Entity], ontology: Ontology) -> dict[str, str]:
    """node id -> the text offered by the search box, unique even when labels repeat."""
    keys = {e.node_id: f"{e.label} ({_class_label(e.primary, ontology)})" for e in entities}
    counts: dict[str, int] = defaultdict(int)
    for key in keys.values():
        counts[key] += 1
    return {nid: key if counts[key] == 1 else f"{key} [{nid}]" for nid, key in keys.items()}


def _class_label(name: str, ontology: Ontology) -> str:
    return ontology.label(NG[name]) if name in CLASS_STYLES else name


def _edge_label(relation: Relation, ontology: Ontology) -> str:
    """The property's rdfs:label, marked when the edge is a denial, a disputed or a suspected fact."""
    label = ontology.label(relation.predicate)
    if relation.denied:
        return f"denies: {label}"
    if relation.kind != "uncertain" or relation.predicate == SUSPECTED_PERPETRATOR:
        return label
    return f"{label} (disputed)" if any(x.disputed for x in relation.explanations) else f"{label} (suspected)"


def _edge_options(relation: Relation, model: Model, ontology: Ontology) -> dict[str, object]:
    style = EDGE_STYLES[relation.kind]
    symmetric = relation.predicate in ontology.symmetric
    return {
        "label": _edge_label(relation, ontology),
        "title": edge_tooltip(relation, model, ontology),
        "color": style.color,
        "dashes": style.dashes,
        "arrows": {"to": {"enabled": not symmetric, "scaleFactor": 0.6}},
        "width": 1 + 0.5 * min(len(relation.claims), 4),
        "kind": relation.kind,
    }


def _spread_parallel(edges: list[dict[str, object]]) -> None:
    """Bend edges that join the same two nodes by different amounts so they do not overlap.

    Their springs are longer too, so that the physics leaves room for every edge's label.
    """
    groups: dict[frozenset[str], list[dict[str, object]]] = defaultdict(list)
    for edge in edges:
        groups[frozenset((str(edge["from"]), str(edge["to"])))].append(edge)
    for group in groups.values():
        if len(group) > 1:
            for index, edge in enumerate(group):
                roundness = round(0.15 + 0.2 * index, 2)
                edge["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": roundness}
                edge["length"] = SPRING_LENGTH + 70 * (len(group) - 1)


def _loose_order(entities: list[Entity], relations: list[Relation]) -> dict[URIRef, int]:
    """Entities with no drawn relation, numbered by class and name.

    The page lays them out in rows under the connected ones (in that order) instead of letting
    the physics scatter them among the others.
    """
    linked = {iri for r in relations for iri in (r.source, r.target)}
    loose = sorted((e for e in entities if e.iri not in linked),
                   key=lambda e: (_class_rank(e.primary), e.label.casefold(), e.node_id))
    return {e.iri: number for number, e in enumerate(loose)}


def build_network(model: Model, kept: list[URIRef], relations: list[Relation],
                  ontology: Ontology) -> tuple[Network, bool]:
    """A pyvis network of the kept entities and the relations among them; True if physics stays on."""
    entities = [model.entities[iri] for iri in kept]
    index = {e.iri: i for i, e in enumerate(entities)}
    positions = layout_positions([e.node_id for e in entities], sorted(
        {(index[r.source], index[r.target]) for r in relations if r.source != r.target}))
    top = max((model.importance(e) for e in entities), default=0.0)
    search = _search_keys(entities, ontology)
    loose = _loose_order(entities, relations) if positions is None else {}
    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    for entity in sorted(entities, key=lambda e: e.node_id):
        style = _style(entity)
        if positions is not None:
            extra: dict[str, object] = dict(zip(("x", "y"), positions[entity.node_id]))
        else:
            extra = {"loose": loose[entity.iri], "physics": False} if entity.iri in loose else {}
        net.add_node(entity.node_id, label=_display_label(entity.label), shape=style.shape,
                     title=node_tooltip(entity, model, ontology), size=_node_size(entity, model, top),
                     cls=entity.primary, search=search[entity.node_id], **_node_colors(entity), **extra)
    for number, relation in enumerate(relations):
        options = _edge_options(relation, model, ontology)
        net.add_edge(model.entities[relation.source].node_id, model.entities[relation.target].node_id,
                     id=f"e{number}", **options)
    _spread_parallel(net.edges)
    return net, positions is None


def vis_options(physics: bool) -> dict[str, object]:
    """vis-network options: physics that stops after stabilising, or none with fixed positions."""
    return {
        "autoResize": True,
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": not physics},
        "layout": {"improvedLayout": physics, "randomSeed": 1},  # fixed seed: same picture each load
        # An unquoted font list: vis-network passes the face to the canvas as it is.
        "nodes": {"borderWidth": 1, "font": {"size": 16, "face": "Helvetica, Arial, sans-serif",
                                             "strokeWidth": 4, "strokeColor": "#ffffff"}},
        "edges": {"font": {"size": 13, "align": "horizontal", "color": "#555555", "strokeWidth": 4,
                           "strokeColor": "#ffffff"},
                  # A big graph shows relation labels only once zoomed in (about 1:1), where
                  # they can be read; zoomed out they would hide the nodes.
                  "scaling": {"label": {"drawThreshold": 5 if physics else 12}},
                  "smooth": {"enabled": True, "type": "dynamic"} if physics else {"enabled": False}},
        "physics": ({"enabled": True, "solver": "forceAtlas2Based",
                     # forceAtlas2's gravity grows with distance: unconnected entities stay near
                     # the rest instead of drifting to the edges and shrinking the fitted view.
                     "forceAtlas2Based": {"gravitationalConstant": -60, "centralGravity": 0.012,
                                          "springLength": SPRING_LENGTH, "springConstant": 0.06,
                                          "avoidOverlap": 0.4},
                     "stabilization": {"enabled": True, "iterations": 400, "updateInterval": 25, "fit": True}}
                    if physics else {"enabled": False}),
    }


# ---------------------------------------------------------------------------------------------
# The page
# ---------------------------------------------------------------------------------------------


def script_json(value: object) -> str:
    """JSON safe inside ``<script>``: no ``<``/``>`` can end the element or open a comment."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


@lru_cache(maxsize=1)
def vis_assets() -> tuple[str, str]:
    """vis-network's CSS and JS as shipped in the pyvis wheel (read once per process)."""
    css = (VIS_DIR / "vis-network.css").read_text(encoding="utf-8")
    js = (VIS_DIR / "vis-network.min.js").read_text(encoding="utf-8")
    # Defensive: an inlined script must not contain its own end tag.
    return css.replace("</style", "<\\/style"), js.replace("</script", "<\\/script")


def legend_html(entities: list[Entity], ontology: Ontology) -> str:
    """Class legend with a filter checkbox per class present, in CLASS_STYLES order."""
    counts: dict[str, int] = defaultdict(int)
    for entity in entities:
        counts[entity.primary] += 1
    items = []
    for name in sorted(counts, key=_class_rank):
        style = CLASS_STYLES.get(name, OTHER_STYLE)
        items.append(
            f'<li><label><input type="checkbox" data-class="{_esc(name)}" checked> '
            f'<span class="ng-swatch" style="color:{style.color}">{style.glyph}</span> '
            f'{_esc(_class_label(name, ontology))} '
            f'<span class="ng-count">({counts[name]})</span></label></li>')
    edges = "".join(f'<li><span class="ng-line" style="border-top:2px {style.css_border} {style.color}">'
                    f'</span> {_esc(style.legend)}</li>' for style in EDGE_STYLES.values())
    if any(entity.disagreements for entity in entities):
        edges += '<li><span class="ng-ring"></span> sources disagree about it</li>'
    return (f'<fieldset id="ng-legend"><legend>Classes</legend><ul>{"".join(items)}</ul></fieldset>'
            f'<fieldset id="ng-edge-legend"><legend>Relations</legend><ul>{edges}</ul></fieldset>')


PAGE = Template("""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>$title</title>
<style>$vis_css</style>
<style>
html, body { margin: 0; height: 100%; font-family: sans-serif; font-size: 14px; color: #222; }
body { display: flex; flex-direction: column; }
header { padding: 6px 12px; border-bottom: 1px solid #ddd; }
header h1 { font-size: 18px; margin: 0; }
header p { margin: 2px 0 0; color: #555; }
main { flex: 1; display: flex; min-height: 0; }
#ng-side { width: 280px; padding: 8px 12px; overflow-y: auto; border-right: 1px solid #ddd; }
#ng-side input[type=search] { width: 100%; box-sizing: border-box; }
#ng-side fieldset { margin: 10px 0; border: 1px solid #ddd; }
#ng-side ul { list-style: none; padding: 0; margin: 0; }
#ng-side li { margin: 3px 0; }
.ng-swatch { font-size: 16px; }
.ng-count { color: #777; }
.ng-line { display: inline-block; width: 28px; vertical-align: middle; }
.ng-ring { display: inline-block; width: 10px; height: 10px; margin: 0 8px 0 6px; vertical-align: middle;
           border: 3px solid $denied_color; border-radius: 50%; }
#ng-network { flex: 1; min-width: 0; }
div.vis-tooltip { max-width: 460px; white-space: normal; font-family: sans-serif; font-size: 13px; }
div.vis-tooltip ul, #ng-details ul { margin: 2px 0; padding-left: 18px; }
#ng-details { margin: 10px 0; padding: 6px 8px; border: 1px solid #ddd; background: #fafafa;
              font-size: 13px; }
#ng-details ul { list-style: disc; }
.ng-denied { color: $denied_color; font-weight: bold; }
</style>
<script>$vis_js</script>
</head>
<body>
<header><h1>$title</h1><p>$summary</p></header>
<main>
<div id="ng-side">
<label for="ng-search">Find an entity</label>
<input id="ng-search" type="search" list="ng-entities" placeholder="type a name" autocomplete="off">
<datalist id="ng-entities"></datalist>
$legend
<p>Hover over a node or relation for its sources. Click one to keep its details here and
highlight a node's neighbours; click the background to clear.</p>
<div id="ng-details" aria-live="polite" hidden></div>
</div>
<div id="ng-network"></div>
</main>
<script id="ng-nodes" type="application/json">$nodes</script>
<script id="ng-edges" type="application/json">$edges</script>
<script id="ng-options" type="application/json">$options</script>
<script>
(function () {
  "use strict";
  function readJson(id) { return JSON.parse(document.getElementById(id).textContent); }
  // Tooltips are HTML assembled from escaped text on the server side; vis-network shows a
  // string title as plain text, so hand it a DOM element instead.
  function fragment(markup) {
    var div = document.createElement("div");
    div.innerHTML = markup;
    return div;
  }
  var nodeData = readJson("ng-nodes"), edgeData = readJson("ng-edges"), options = readJson("ng-options");
  var nodeHtml = {}, edgeHtml = {}, nodeColor = {}, edgeColor = {}, nodeCls = {};
  nodeData.forEach(function (n) {
    nodeHtml[n.id] = n.title; nodeColor[n.id] = n.color; nodeCls[n.id] = n.cls;
    n.title = fragment(n.title);
  });
  edgeData.forEach(function (e) {
    edgeHtml[e.id] = e.title; edgeColor[e.id] = e.color;
    e.title = fragment(e.title);
  });
  var nodes = new vis.DataSet(nodeData), edges = new vis.DataSet(edgeData);
  var network = new vis.Network(document.getElementById("ng-network"), {nodes: nodes, edges: edges}, options);
  var api = {network: network, nodes: nodes, edges: edges, ready: false, drawnAt: null};
  window.newsgraph = api;
  // Entities without a drawn relation ("loose", numbered by class and name on the server) go
  // in rows under the connected graph, where they can be read, rather than among its nodes.
  function placeLoose() {
    var loose = nodeData.filter(function (n) { return n.loose !== undefined; })
      .sort(function (a, b) { return a.loose - b.loose; });
    var positions = network.getPositions(), left = Infinity, right = -Infinity, bottom = -Infinity;
    nodeData.forEach(function (n) {
      if (n.loose !== undefined) { return; }
      left = Math.min(left, positions[n.id].x);
      right = Math.max(right, positions[n.id].x);
      bottom = Math.max(bottom, positions[n.id].y);
    });
    if (bottom === -Infinity) { left = 0; right = 0; bottom = -$loose_row; }
    var width = Math.max(right - left, $loose_width), x = left, y = bottom + 1.5 * $loose_row;
    loose.forEach(function (n) {
      var cell = Math.max(90, $loose_char * n.label.length + 30);  // room for the label
      if (x > left && x + cell > left + width) { x = left; y += $loose_row; }
      network.moveNode(n.id, x + cell / 2, y);
      x += cell;
    });
  }
  function readyOnNextDraw() {
    network.once("afterDrawing", function () {
      api.drawnAt = performance.now();
      api.ready = true;
    });
  }
  // Freeze the layout (the page then stops using the CPU), set the loose entities apart, show all.
  function settle() {
    network.setOptions({physics: {enabled: false}});
    placeLoose();
    network.redraw();  // fit() reads the bounding boxes that drawing updates
    network.fit({animation: false});
    readyOnNextDraw();
    network.redraw();
  }
  if (!options.physics.enabled) {
    readyOnNextDraw();  // positions precomputed: the first draw is the final one
  } else if (nodeData.some(function (n) { return n.loose === undefined; })) {
    network.once("stabilizationIterationsDone", settle);
  } else {
    network.once("afterDrawing", settle);  // no node takes part in the physics: it never reports
  }

  var details = document.getElementById("ng-details");
  function showDetails(markup) {
    details.innerHTML = markup || "";
    details.hidden = !markup;
  }
  var dimmed = "$dimmed_color", highlighted = false;

  function highlight(id) {
    var keepNodes = new Set(network.getConnectedNodes(id));
    var keepEdges = new Set(network.getConnectedEdges(id));
    keepNodes.add(id);
    nodes.update(nodeData.map(function (n) {
      return {id: n.id, color: keepNodes.has(n.id) ? nodeColor[n.id] : dimmed};
    }));
    edges.update(edgeData.map(function (e) {
      return {id: e.id, color: keepEdges.has(e.id) ? edgeColor[e.id] : dimmed};
    }));
    highlighted = true;
  }
  function clearHighlight() {
    if (!highlighted) { return; }
    nodes.update(nodeData.map(function (n) { return {id: n.id, color: nodeColor[n.id]}; }));
    edges.update(edgeData.map(function (e) { return {id: e.id, color: edgeColor[e.id]}; }));
    highlighted = false;
  }
  network.on("click", function (params) {
    if (params.nodes.length > 0) {
      highlight(params.nodes[0]);
      showDetails(nodeHtml[params.nodes[0]]);
    } else {
      clearHighlight();
      showDetails(params.edges.length > 0 ? edgeHtml[params.edges[0]] : "");
    }
  });

  var hiddenClasses = new Set();
  var boxes = document.querySelectorAll("#ng-legend input[data-class]");
  function applyFilter() {
    nodes.update(nodeData.map(function (n) { return {id: n.id, hidden: hiddenClasses.has(n.cls)}; }));
    edges.update(edgeData.map(function (e) {
      return {id: e.id, hidden: hiddenClasses.has(nodeCls[e.from]) || hiddenClasses.has(nodeCls[e.to])};
    }));
  }
  boxes.forEach(function (box) {
    box.addEventListener("change", function () {
      if (box.checked) {
        hiddenClasses.delete(box.dataset.class);
      } else {
        hiddenClasses.add(box.dataset.class);
      }
      applyFilter();
    });
  });

  var byKey = {}, list = document.getElementById("ng-entities");
  var search = document.getElementById("ng-search");
  nodeData.slice().sort(function (a, b) { return a.search < b.search ? -1 : a.search > b.search ? 1 : 0; })
    .forEach(function (n) {
      var option = document.createElement("option");
      option.value = n.search;
      list.appendChild(option);
      byKey[n.search.toLowerCase()] = n.id;
    });
  function findNode(text) {
    var key = text.trim().toLowerCase();
    if (key in byKey) { return byKey[key]; }
    var match = nodeData.find(function (n) { return n.search.toLowerCase().indexOf(key) === 0; });
    return match ? match.id : undefined;
  }
  search.addEventListener("change", function () {
    var id = search.value ? findNode(search.value) : undefined;
    if (id === undefined) { return; }
    if (hiddenClasses.has(nodeCls[id])) {
      hiddenClasses.delete(nodeCls[id]);
      boxes.forEach(function (box) { if (box.dataset.class === nodeCls[id]) { box.checked = true; } });
      applyFilter();
    }
    network.selectNodes([id]);
    network.focus(id, {scale: 1.3, animation: {duration: 600, easingFunction: "easeInOutQuad"}});
    highlight(id);
    showDetails(nodeHtml[id]);
  });
})();
</script>
</body>
</html>
""")


def _summary(model: Model, shown: list[URIRef], edge_count: int, roots: list[URIRef], depth: int) -> str:
    """One line under the title saying what part of the graph the page shows (escaped HTML)."""
    text = f"{len(shown)} of {len(model.entities)} entities, {edge_count} relations"
    if roots:
        names = ", ".join(model.entities[r].label for r in roots)
        text += f"; neighbourhood of {names} within {depth} hop{'s' if depth != 1 else ''}"
    if len(shown) > PHYSICS_NODE_LIMIT:
        text += "; positions precomputed"
    return _esc(text)


def render_html(ds: Dataset, *, focus: str | None = None, depth: int = 2, max_nodes: int | None = None,
                title: str = "newsgraph") -> str:
    """Render the dataset's entity graph as one self-contained HTML page.

    ``focus`` (an entity IRI, ``id:`` CURIE or label, case-insensitive) limits the page to that
    entity's neighbourhood within ``depth`` hops; ``max_nodes`` keeps the most important
    entities (by ``ng:pagerank`` if the dataset has it, else degree). The same dataset always
    gives the same bytes. Raises :class:`InputError` if ``focus`` names no entity.
    """
    ontology = load_ontology()
    model = read_model(ds, ontology)
    roots, kept = select_nodes(model, focus, depth, max_nodes)
    chosen = set(kept)
    relations = attach_provenance(
        ds, model, [r for r in model.relations if r.source in chosen and r.target in chosen], ontology)
    attach_disagreements(ds, model, kept)
    net, physics = build_network(model, kept, relations, ontology)
    nodes, edges, _heading, _height, _width, _options = net.get_network_data()
    css, js = vis_assets()
    return PAGE.substitute(
        title=_esc(title),
        summary=_summary(model, kept, len(edges), roots, depth),
        legend=legend_html([model.entities[iri] for iri in kept], ontology),
        nodes=script_json(nodes),
        edges=script_json(edges),
        options=script_json(vis_options(physics)),
        vis_css=css,
        vis_js=js,
        denied_color=DENIED_COLOR,
        dimmed_color=DIMMED_COLOR,
        loose_row=80,  # px between rows of unconnected entities
        loose_width=900,  # px: the least width of those rows
        loose_char=9,  # px per label character at the node font size
    )

