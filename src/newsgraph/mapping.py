"""Map extracted statements to RDF under the ``ng:`` ontology (the ``map`` stage).

Each article gets its own named graph holding the article node, an ``ng:mentionedIn`` link from
every entity it mentions, its plain fact triples and one ``ng:Claim`` per statement: RDF
reification with the sentence (trimmed of surrounding whitespace), its character offsets, who
says so and whether they assert or deny it. A denied statement is a Claim only, never a plain
triple. Each entity is described once, in the named graph ``id/graph/entities``: its type, its
canonical ``rdfs:label`` and a ``skos:altLabel`` for every other name an article used, so a query
over the union of the graphs finds one description per entity, however many articles mention it.
IRIs are readable and deterministic: ``id/person/denis-nikitin``, ``id/claim/<hash>``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterable, Mapping

from rdflib import Dataset, Graph, URIRef
from rdflib import Literal as RDFLiteral

from newsgraph.model import ArticleExtraction, Entity, Literal, Statement
from newsgraph.namespaces import ENTITIES_GRAPH, ID, NG, PROV, RDF, RDFS, SKOS, XSD, article_graph
from newsgraph.vocab import SUPER_PROPERTY, SYMMETRIC, bind_prefixes, slug

__all__ = ["CLASS_PATHS", "entity_iri", "article_iri", "map_articles", "map_article", "new_dataset",
           "UNKNOWN_PUBLISHER", "describe_entity", "describe_mentions", "trimmed_span"]

CLASS_PATHS = {
    "Person": "person",
    "ArmedGroup": "armed-group",
    "Organization": "organization",
    "GovernmentBody": "government-body",
    "NewsSource": "news-source",
    "Place": "place",
    "Country": "country",
    "Attack": "attack",
    "Event": "event",
    "Weapon": "weapon",
}
UNKNOWN_PUBLISHER = Entity(key="NewsSource:unknown-publisher", cls="NewsSource", label="unknown publisher")
_DATATYPES = {"date": XSD.date, "gYearMonth": XSD.gYearMonth, "gYear": XSD.gYear, "count": XSD.integer}


def entity_iri(entity: Entity, corpus: Mapping[str, Entity] | None = None) -> URIRef:
    """Readable IRI from class and canonical label (attacks: place and month), or from the
    ``ident`` resolution fixed for a corpus entity."""
    if entity.ident:
        return ID[f"{CLASS_PATHS[entity.cls]}/{entity.ident}"]
    if entity.cls in ("Attack", "Event"):
        place = corpus[entity.place].label if corpus and entity.place and entity.place in corpus \
            else entity.label
        name = f"{slug(place)}-{entity.when[:7]}" if entity.when else slug(place)
        return ID[f"{CLASS_PATHS[entity.cls]}/{name}"]
    return ID[f"{CLASS_PATHS[entity.cls]}/{slug(entity.label)}"]


def article_iri(article_id: str) -> URIRef:
    return ID[f"article/{article_id}"]


def new_dataset() -> Dataset:
    ds = Dataset()
    bind_prefixes(ds)
    return ds


def _object(value: str | Literal, iris: dict[str, URIRef]) -> URIRef | RDFLiteral:
    if isinstance(value, Literal):
        return RDFLiteral(value.value, datatype=_DATATYPES[value.datatype])
    return iris[value]


def _claim_iri(article_id: str, s: URIRef, p: URIRef, o: URIRef | RDFLiteral, sentence: int,
               stance: URIRef, source: URIRef) -> URIRef:
    key = "\x1f".join(map(str, (article_id, s, p, o, sentence, stance, source)))
    return ID[f"claim/{hashlib.sha256(key.encode()).hexdigest()[:20]}"]


def map_articles(extractions: Iterable[ArticleExtraction], mappings: list[dict[str, str]],
                 corpus: dict[str, Entity], dataset: Dataset | None = None) -> Dataset:
    """Add one named graph per article to a dataset (a new one by default); ``mappings`` holds
    each article's local key → corpus key mapping, in the order of ``extractions``."""
    ds = dataset if dataset is not None else new_dataset()
    iris: dict[str, URIRef] = {}
    for extraction, mapping in zip(extractions, mappings, strict=True):
        map_article(ds, extraction, mapping, corpus, iris)
    return ds


def map_article(ds: Dataset, extraction: ArticleExtraction, mapping: dict[str, str],
                corpus: dict[str, Entity],
                iris: dict[str, URIRef]) -> None:
    """Add one article's named graph, and the descriptions of the entities it mentions to the
    entities graph (a set: an entity several articles mention is described once, with the names
    of all of them). It needs only the corpus entities the article mentions, which resolution has
    fixed by then, so a build maps each article as soon as it is resolved. ``iris`` caches
    corpus key → IRI across calls."""
    for corpus_key in mapping.values():
        if corpus_key not in iris:
            iris[corpus_key] = entity_iri(corpus[corpus_key], corpus)
    local_iris = {local: iris[corpus_key] for local, corpus_key in mapping.items()}
    _map_article(ds.graph(article_graph(extraction.article.id)), ds.graph(ENTITIES_GRAPH), extraction,
                 mapping, corpus, local_iris)


def _map_article(g: Graph, entities: Graph, ex: ArticleExtraction, mapping: dict[str, str],
                 corpus: dict[str, Entity], iris: dict[str, URIRef]) -> None:
    article = ex.article
    node = article_iri(article.id)
    g.add((node, RDF.type, NG.Article))
    g.add((node, RDFS.label, RDFLiteral(article.title or article.path.rsplit("/", 1)[-1])))
    g.add((node, NG.contentHash, RDFLiteral(article.id)))
    if article.title:
        g.add((node, NG.title, RDFLiteral(article.title)))
    if article.url:
        g.add((node, NG.url, RDFLiteral(article.url, datatype=XSD.anyURI)))
    if article.published:
        g.add((node, NG.publishedOn, RDFLiteral(article.published.isoformat(), datatype=XSD.date)))
    if ex.publisher_key:
        publisher = iris[ex.publisher_key]
    else:
        publisher = entity_iri(UNKNOWN_PUBLISHER)
        describe_entity(entities, publisher, UNKNOWN_PUBLISHER, set())
        g.add((publisher, NG.mentionedIn, node))
    g.add((node, NG.publisher, publisher))

    for local_key, local in ex.entities.items():
        describe_entity(entities, iris[local_key], corpus[mapping[local_key]], local.aliases | {local.label})
        g.add((iris[local_key], NG.mentionedIn, node))

    sentences: dict[int, tuple[RDFLiteral, RDFLiteral, RDFLiteral]] = {}  # made once per sentence
    for st in ex.statements:
        _map_statement(g, ex, st, iris, publisher, node, sentences)


def describe_entity(g: Graph, iri: URIRef, entity: Entity, names: Iterable[str]) -> None:
    """An entity's description: its class, its canonical label and the other ``names`` as
    ``skos:altLabel`` (``g`` is the entities graph)."""
    g.add((iri, RDF.type, NG[entity.cls]))
    g.add((iri, RDFS.label, RDFLiteral(entity.label)))
    for name in names:
        if name and name != entity.label:
            g.add((iri, SKOS.altLabel, RDFLiteral(name)))


def describe_mentions(g: Graph, entities: Mapping[str, Entity], mapping: Mapping[str, str],
                      corpus: Mapping[str, Entity], only: Collection[URIRef] | None = None) -> None:
    """Describe the corpus entities one article's ``entities`` map to (by ``mapping``) with the
    names that article used, as :func:`map_article` does; ``only`` restricts it to those IRIs.
    A store rebuilds the descriptions of the entities a removed article mentioned with it."""
    for local_key, local in entities.items():
        entity = corpus[mapping[local_key]]
        iri = entity_iri(entity, corpus)
        if only is None or iri in only:
            describe_entity(g, iri, entity, local.aliases | {local.label})


def trimmed_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The span ``start:end`` of ``text`` without the whitespace at its ends (a sentence as the
    parser cuts it keeps the blank line after it), so the offsets still point at the sentence.

    >>> text = "One.\\n\\n  Two. "
    >>> trimmed_span(text, 4, 13), text[8:12]
    ((8, 12), 'Two.')
    """
    raw = text[start:end]
    stripped = raw.strip()
    if not stripped:
        return start, start
    first = start + len(raw) - len(raw.lstrip())
    return first, first + len(stripped)


def _map_statement(g: Graph, ex: ArticleExtraction, st: Statement, iris: dict[str, URIRef],
                   publisher: URIRef, article: URIRef,
                   sentences: dict[int, tuple[RDFLiteral, RDFLiteral, RDFLiteral]]) -> None:
    s = iris[st.subject]
    p = URIRef(NG[st.predicate])
    o = _object(st.object, iris)
    source = iris[st.according_to] if st.according_to else publisher
    stance = NG.Denies if st.denied else NG.Asserts
    if not st.denied:
        g.add((s, p, o))
        if p in SUPER_PROPERTY:
            g.add((s, SUPER_PROPERTY[p], o))
        if p in SYMMETRIC and isinstance(o, URIRef):
            g.add((o, p, s))
    if st.sentence not in sentences:
        start, end = trimmed_span(ex.article.text, *ex.sentences[st.sentence])
        sentences[st.sentence] = (RDFLiteral(ex.article.text[start:end]),
                                  RDFLiteral(start, datatype=XSD.integer),
                                  RDFLiteral(end, datatype=XSD.integer))
    text, start_offset, end_offset = sentences[st.sentence]
    claim = _claim_iri(ex.article.id, s, p, o, st.sentence, stance, source)
    g.add((claim, RDF.type, NG.Claim))
    g.add((claim, RDF.subject, s))
    g.add((claim, RDF.predicate, p))
    g.add((claim, RDF.object, o))
    g.add((claim, PROV.wasDerivedFrom, article))
    g.add((claim, NG.sentence, text))
    g.add((claim, NG.startOffset, start_offset))
    g.add((claim, NG.endOffset, end_offset))
    g.add((claim, NG.accordingTo, source))
    g.add((claim, NG.stance, stance))
