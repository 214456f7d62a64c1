"""Deterministic serialisation: the same graph gives the same bytes in every format.

Line-based formats are sorted; Turtle and TriG order subjects (TriG also its named graphs);
JSON-LD and RDF/XML come from newsgraph's own sorted writers (:mod:`newsgraph.rdfio.writers`).
Turtle, N-Triples and RDF/XML hold no named graphs: they get the union of all graphs.
"""

from __future__ import annotations

from collections.abc import Iterator

from rdflib import Dataset, Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.plugin import register
from rdflib.plugins.serializers.trig import TrigSerializer
from rdflib.serializer import Serializer
from rdflib.term import Node

from newsgraph.rdfio.formats import WRITABLE
from newsgraph.rdfio.writers import Quad, jsonld_bytes, rdfxml_bytes
from newsgraph.vocab import bind_prefixes

__all__ = ["serialize_dataset", "union_graph", "sorted_ntriples"]


class SortedTrigSerializer(TrigSerializer):
    """TriG with its named graphs in IRI order: rdflib writes them in store order, which
    differs between processes, and outputs must be byte-identical for the same inputs."""

    def __init__(self, store: Graph) -> None:
        super().__init__(store)
        self.contexts.sort(key=lambda g: str(g.identifier))


register("trig-sorted", Serializer, __name__, "SortedTrigSerializer")


def union_graph(ds: Dataset) -> Graph:
    """All named graphs merged into one graph (the ``.ttl`` output)."""
    g = Graph()
    bind_prefixes(g)
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def sorted_ntriples(g: Graph | Dataset, fmt: str = "nt") -> bytes:
    """N-Triples (or, with ``fmt="nquads"``, N-Quads) with its lines sorted and deduplicated."""
    data = g.serialize(format=fmt, encoding="utf-8")
    lines = sorted(set(data.decode("utf-8").splitlines()))
    return ("\n".join(line for line in lines if line.strip()) + "\n").encode("utf-8")


def serialize_dataset(ds: Dataset, fmt: str) -> bytes:
    """Serialise deterministically in one of :data:`~newsgraph.rdfio.formats.WRITABLE`."""
    rdf_format = WRITABLE[fmt]
    if fmt == "jsonld":
        return jsonld_bytes(_quads(ds))
    if fmt == "xml":
        union = union_graph(ds)
        return rdfxml_bytes(union, dict(union.namespaces()))
    # Turtle and N-Triples read the union through a view of the same store: a copy of every
    # triple (union_graph) would double the memory of a large build.
    target = ds if rdf_format.quads else Dataset(store=ds.store, default_union=True)
    bind_prefixes(target)
    if fmt in ("nt", "nq"):
        return sorted_ntriples(target, rdf_format.rdflib)
    return target.serialize(format="trig-sorted" if fmt == "trig" else rdf_format.rdflib, encoding="utf-8")


def _quads(ds: Dataset) -> Iterator[Quad]:
    for s, p, o, ctx in ds.quads((None, None, None, None)):
        graph: Node | None = getattr(ctx, "identifier", ctx)
        yield s, p, o, None if graph in (None, DATASET_DEFAULT_GRAPH_ID) else graph
