"""The store's entities graph kept in step with its articles: one description per entity."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from pyoxigraph import NamedNode, Store
from rdflib import Dataset, Graph, URIRef

from newsgraph.corpus_store.records import StoredArticle, _entity, _read_record
from newsgraph.mapping import UNKNOWN_PUBLISHER, article_iri, describe_entity, describe_mentions, entity_iri
from newsgraph.namespaces import ENTITIES_GRAPH, NG

__all__ = ["entity_changes"]

MENTIONED_IN = NamedNode(str(NG.mentionedIn))


def entity_changes(oxigraph: Store, path: Path, records: Sequence[StoredArticle], mapped: Dataset,
                   drop: Sequence[str]) -> tuple[str, Graph]:
    """(SPARQL that deletes, descriptions to insert) for the entities graph of a change that
    drops the article graphs ``drop`` and adds ``mapped``.

    The new articles' descriptions are added (the graph is a set: a name already there stays
    once). Every entity a dropped article mentioned is described again from the stored articles
    that still mention it (their records hold the names they used), or goes if none does, so no
    name outlives the last article that used it and the store stays what a build of its articles
    gives. Only the articles mentioning those entities are read, not the whole store.
    """
    described = Graph()
    for triple in mapped.graph(ENTITIES_GRAPH):
        described.add(triple)
    dropped = {NamedNode(g) for g in drop}
    affected = sorted({q.subject.value for g in dropped
                       for q in oxigraph.quads_for_pattern(None, MENTIONED_IN, None, g)
                       if isinstance(q.subject, NamedNode)})
    still: dict[str, set[URIRef]] = defaultdict(set)  # article IRI -> the affected entities it mentions
    for iri in affected:
        for q in oxigraph.quads_for_pattern(NamedNode(iri), MENTIONED_IN, None):
            if q.graph_name not in dropped and isinstance(q.object, NamedNode):
                still[q.object.value].add(URIRef(iri))
    by_article = {str(article_iri(r.id)): r for r in records}
    unknown_publisher = entity_iri(UNKNOWN_PUBLISHER)
    for article, iris in sorted(still.items()):
        record = by_article[article]
        if record.entities is None:
            record = _read_record(path / "records" / record.file_name)
        assert record.entities is not None and record.mapping is not None and record.corpus is not None
        describe_mentions(described, {e["key"]: _entity(e) for e in record.entities}, record.mapping,
                          {key: _entity(e) for key, e in record.corpus.items()}, only=iris)
        if unknown_publisher in iris:
            describe_entity(described, unknown_publisher, UNKNOWN_PUBLISHER, ())
    delete = "".join(f"DELETE WHERE {{ GRAPH <{ENTITIES_GRAPH}> {{ <{iri}> ?p ?o }} }} ;\n"
                     for iri in affected)
    return delete, described
