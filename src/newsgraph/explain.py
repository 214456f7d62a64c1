"""Answer "what do we know about X, and who says so?" and "how is X linked to Y?" from a graph.

Both read a built dataset, inferred graph included (:func:`newsgraph.infer.ensure_inferred` adds it
to a file that lacks one; the read side never runs inference itself), and return
plain data: every fact about the entity with the Claims behind it (sentence, article, source,
stance) or, for an inferred fact, its rule, score, certainty and evidence; and the shortest chain
of facts between two entities over the entity network, each hop with its evidence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import cast

import networkx as nx
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDFS, SKOS
from rdflib.term import Node

from newsgraph.entities import Named, match_entities, name_key
from newsgraph.errors import InputError
from newsgraph.namespaces import NG, RDF, term_label
from newsgraph.network import chain_of_command, fact_network
from newsgraph.provenance import read_claim, read_explanation
from newsgraph.rdfio import union_graph
from newsgraph.vocab import COMMAND_PREDICATES, NON_ENTITY_CLASSES, RELATION_PREDICATES, SYMMETRIC

__all__ = ["ClaimView", "FactView", "EntityReport", "Disagreement", "prepared_graph", "find_entity",
           "describe", "evidence_path", "disagreements", "claim_data", "fact_data", "report_data",
           "path_data", "disagreements_data"]

FACT_PREDICATES = RELATION_PREDICATES | {NG.foundedOn, NG.occurredOn, NG.killed, NG.injured}


@dataclass(frozen=True)
class ClaimView:
    """One Claim as a reader sees it."""

    source: str
    denies: bool
    sentence: str
    article: str


@dataclass
class FactView:
    """One fact (asserted or inferred) and what it rests on."""

    subject: URIRef
    predicate: URIRef
    object: URIRef | Literal
    subject_label: str
    object_label: str
    claims: list[ClaimView] = field(default_factory=list)  # stated in these sentences
    inferred: bool = False
    rule: str = ""
    score: str = ""
    certainty: str = ""
    disputed: bool = False
    evidence: list[ClaimView] = field(default_factory=list)  # for an inferred fact

    @property
    def text(self) -> str:
        """The fact as a phrase: "Kamil Orvath leader of Northern Front"."""
        return f"{self.subject_label} {term_label(self.predicate)} {self.object_label}"


@dataclass
class EntityReport:
    iri: URIRef
    label: str
    classes: list[str]
    aliases: list[str]
    articles: list[str]
    facts: list[FactView]
    denials: list[FactView]
    metrics: dict[str, str]
    coalition: list[str]  # other members
    chain_of_command: list[FactView]
    contradictions: list[str]


def prepared_graph(ds: Dataset) -> Graph:
    """Union of all named graphs (the inferred graph among them)."""
    return union_graph(ds)


def label(g: Graph, node: Node) -> str:
    if isinstance(node, Literal):
        return str(node)
    value = g.value(node, RDFS.label)
    return str(value) if value is not None else term_label(node)


def _entities(g: Graph) -> list[URIRef]:
    return sorted({s for s, c in g.subject_objects(RDF.type)
                   if isinstance(s, URIRef) and c not in NON_ENTITY_CLASSES
                   and not any((s, RDF.type, p) in g for p in NON_ENTITY_CLASSES)})


def find_entity(g: Graph, name: str) -> URIRef:
    """The entity whose IRI, label or alias is ``name`` (ignoring case and accents); else the one
    entity whose label contains it. Raises InputError if none or several match."""
    entities = _entities(g)
    exact = match_entities((Named(e, label(g, e), [str(a) for a in g.objects(e, SKOS.altLabel)])
                            for e in entities), name)
    if len(exact) == 1:
        return exact[0]
    wanted = name_key(name)
    partial = exact or [e for e in entities if wanted and wanted in name_key(label(g, e))]
    if len(partial) == 1:
        return partial[0]
    if not partial:
        raise InputError(f"No entity called {name!r} in the graph")
    names = ", ".join(sorted({label(g, e) for e in partial})[:8])
    raise InputError(f"{name!r} matches {len(partial)} entities ({names}); give the full name or IRI")


def _float(value: Node | None) -> float:
    """A numeric literal's value (0 for none)."""
    return float(value.toPython()) if isinstance(value, Literal) else 0.0


class _Reader:
    """Looks up claims and explanations of triples in one union graph."""

    def __init__(self, g: Graph) -> None:
        self.g = g
        self.claims: dict[tuple, list[Node]] = {}
        for kind in (NG.Claim, NG.Explanation):
            for node in g.subjects(RDF.type, kind):
                key = (kind, g.value(node, RDF.subject), g.value(node, RDF.predicate),
                       g.value(node, RDF.object))
                self.claims.setdefault(key, []).append(node)

    def claim_view(self, claim: Node) -> ClaimView:
        g = self.g
        parts = read_claim(g.value, claim)
        return ClaimView(label(g, parts.source) if parts.source is not None else "an unnamed source",
                         parts.denies, parts.sentence,
                         label(g, parts.article) if parts.article is not None else "")

    def fact(self, s: Node, p: Node, o: Node) -> FactView:
        g = self.g
        view = FactView(cast(URIRef, s), cast(URIRef, p), cast(URIRef | Literal, o), label(g, s), label(g, o))
        claims = sorted(self.claims.get((NG.Claim, s, p, o), []), key=str)
        if not claims and p in SYMMETRIC:
            claims = sorted(self.claims.get((NG.Claim, o, p, s), []), key=str)
        view.claims = [self.claim_view(c) for c in claims if g.value(c, NG.stance) != NG.Denies]
        explanations = sorted(self.claims.get((NG.Explanation, s, p, o), []), key=str)
        if explanations and not view.claims:
            node = max(explanations, key=lambda n: (_float(g.value(n, NG.score)), str(n)))
            why = read_explanation(g.value, g.objects(node, NG.evidence), node)
            view.inferred = True
            view.rule = why.rule or ""
            view.score = f"{_float(why.score):.3f}" if why.score is not None else ""
            view.certainty = term_label(why.certainty) if why.certainty is not None else ""
            view.disputed = why.disputed
            view.evidence = [self.claim_view(c) for c in why.evidence]
        return view

    def denials(self, entity: URIRef) -> list[FactView]:
        g = self.g
        found = []
        for (kind, s, p, o), nodes in sorted(self.claims.items(), key=lambda kv: str(kv[0])):
            if kind != NG.Claim or entity not in (s, o):
                continue
            denying = [n for n in sorted(nodes, key=str) if g.value(n, NG.stance) == NG.Denies]
            if denying:
                found.append(FactView(s, p, o, label(g, s), label(g, o),
                                      claims=[self.claim_view(c) for c in denying]))
        return found


def describe(ds: Dataset, name: str) -> EntityReport:
    """Everything the graph says about one entity, with sources."""
    g = prepared_graph(ds)
    entity = find_entity(g, name)
    reader = _Reader(g)
    facts = [reader.fact(s, p, o) for s, p, o in sorted(set(g.triples((entity, None, None)))
                                                        | set(g.triples((None, None, entity))))
             if p in FACT_PREDICATES]
    metrics = {term_label(p): str(g.value(entity, p)) for p in (NG.degree, NG.betweenness, NG.pagerank)
               if g.value(entity, p) is not None}
    coalition = g.value(entity, NG.coalition)
    allies = sorted(label(g, s) for s in g.subjects(NG.coalition, coalition) if s != entity) \
        if coalition else []
    hops = chain_of_command(fact_network(g), entity)
    commanded = any(p in COMMAND_PREDICATES for _, p, _ in hops)
    chain = [reader.fact(s, p, o) for s, p, o in hops] if commanded else []
    contradictions = sorted(str(g.value(c, RDFS.label)) for c in g.subjects(NG.about, entity)
                            if (c, RDF.type, NG.Contradiction) in g)
    return EntityReport(
        iri=entity,
        label=label(g, entity),
        classes=sorted(term_label(c) for c in g.objects(entity, RDF.type)),
        aliases=sorted({str(a) for a in g.objects(entity, SKOS.altLabel)}),
        articles=sorted({label(g, a) for a in g.objects(entity, NG.mentionedIn)}),
        facts=facts,
        denials=reader.denials(entity),
        metrics=metrics,
        coalition=allies,
        chain_of_command=chain,
        contradictions=contradictions,
    )


def evidence_path(ds: Dataset, start: str, end: str) -> list[FactView]:
    """The shortest chain of facts linking two entities (edges followed in either direction),
    each hop with the claims or the inference behind it. Raises InputError if none exists."""
    g = prepared_graph(ds)
    a, b = find_entity(g, start), find_entity(g, end)
    if a == b:
        return []
    network = nx.Graph()
    facts = fact_network(g)
    network.add_nodes_from(facts.nodes)
    triples: dict[frozenset[URIRef], list[tuple[URIRef, URIRef, URIRef]]] = {}
    for s, o, p in facts.edges(keys=True):
        if s != o:
            network.add_edge(s, o)
            triples.setdefault(frozenset((s, o)), []).append((s, p, o))
    if a not in network or b not in network or not nx.has_path(network, a, b):
        raise InputError(f"No chain of facts links {label(g, a)!r} and {label(g, b)!r}")
    reader = _Reader(g)
    nodes = nx.shortest_path(network, a, b)
    hops = []
    for x, y in zip(nodes, nodes[1:]):
        # Between two nodes, prefer a stated fact, then the strongest predicate name order.
        options = [reader.fact(*t) for t in sorted(triples[frozenset((x, y))])]
        hops.append(min(options, key=lambda f: (f.inferred, not f.claims, str(f.predicate))))
    return hops


@dataclass
class Disagreement:
    """One contradiction as a reader sees it: what it is about and each side's claim."""

    kind: str
    about: str
    description: str
    sides: list[tuple[str, ClaimView]]  # (statement, claim)


def disagreements(ds: Dataset) -> list[Disagreement]:
    """Every contradiction in the graph, with the sentence and source of each side."""
    from newsgraph.contradictions import find_contradictions, read_claims

    g = prepared_graph(ds)
    reader = _Reader(g)
    rows = {row.claim: row for row in read_claims(g)}
    found = []
    for c in find_contradictions(g):
        sides = [(f"{label(g, rows[x].subject)} {term_label(rows[x].predicate)} {label(g, rows[x].object)}",
                  reader.claim_view(x)) for x in c.sides]
        found.append(Disagreement(c.kind, label(g, c.about), c.description, sides))
    return found


# JSON shapes of ``explain``, ``path`` and ``contradictions --format json``; keys keep this order
# (README "Command line" documents them), and a key is never dropped when its value is empty.

def claim_data(claim: ClaimView) -> dict[str, object]:
    """``{"source", "stance": "asserts"|"denies", "sentence", "article"}``."""
    return {"source": claim.source, "stance": "denies" if claim.denies else "asserts",
            "sentence": claim.sentence, "article": claim.article}


def fact_data(fact: FactView) -> dict[str, object]:
    """A fact: ``subject`` and ``predicate`` IRIs, ``object`` as a SPARQL JSON term
    (``{"type": "uri"|"literal", "value", ["datatype"]}``), their labels, the ``text``, and
    either its ``claims`` or, when ``inferred``, its ``rule``, ``score`` (a number or null),
    ``certainty``, ``disputed`` and ``evidence``."""
    obj: dict[str, str] = {"type": "literal" if isinstance(fact.object, Literal) else "uri",
                           "value": str(fact.object)}
    if isinstance(fact.object, Literal) and fact.object.datatype is not None:
        obj["datatype"] = str(fact.object.datatype)
    return {"subject": str(fact.subject), "predicate": str(fact.predicate), "object": obj,
            "subject_label": fact.subject_label, "predicate_label": term_label(fact.predicate),
            "object_label": fact.object_label, "text": fact.text, "inferred": fact.inferred,
            "claims": [claim_data(c) for c in fact.claims],
            "rule": fact.rule or None, "score": float(fact.score) if fact.score else None,
            "certainty": fact.certainty or None, "disputed": fact.disputed,
            "evidence": [claim_data(c) for c in fact.evidence]}


def report_data(report: EntityReport) -> dict[str, object]:
    """``explain --format json``: the entity's ``iri``, ``label``, ``classes``, ``aliases``,
    ``mentioned_in``, ``network`` (measure name to number), ``coalition``, ``chain_of_command``,
    ``facts``, ``denials`` (facts with the denying claims) and ``contradictions``."""
    return {"iri": str(report.iri), "label": report.label, "classes": report.classes,
            "aliases": report.aliases, "mentioned_in": report.articles,
            "network": {name: float(value) for name, value in report.metrics.items()},
            "coalition": report.coalition,
            "chain_of_command": [fact_data(f) for f in report.chain_of_command],
            "facts": [fact_data(f) for f in report.facts],
            "denials": [fact_data(f) for f in report.denials],
            "contradictions": report.contradictions}


def path_data(hops: list[FactView]) -> dict[str, object]:
    """``path --format json``: ``{"hops": n, "facts": [fact, ...]}`` in order from the first entity."""
    return {"hops": len(hops), "facts": [fact_data(f) for f in hops]}


def disagreements_data(found: list[Disagreement]) -> dict[str, object]:
    """``contradictions --format json``: ``{"contradictions": [{"number", "kind", "about",
    "description", "sides": [{"statement", "source", "stance", "sentence", "article"}]}]}``."""
    return {"contradictions": [
        {"number": n, "kind": c.kind, "about": c.about, "description": c.description,
         "sides": [{"statement": statement, **claim_data(claim)} for statement, claim in c.sides]}
        for n, c in enumerate(found, 1)]}
