"""Deterministic serialisation: the same graph gives the same bytes in every format.

Line-based formats are sorted; Turtle and TriG order subjects (TriG also its named graphs);
JSON-LD and RDF/XML come from newsgraph's own sorted writers (:mod:`newsgraph.rdfio.writers`).
Turtle, N-Triples and RDF/XML hold no named graphs: they get the union of all graphs.
"""

from __future__ import annotations

import re
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

__all__ = ["serialize_dataset", "union_graph", "sorted_ntriples", "escape_line_breaks"]


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


# Characters at which str.splitlines() and other line-based readers may end a line (VT, FF,
# U+001C-U+001E, U+0085, U+2028, U+2029), the other controls and two non-characters: written as
# \uXXXX escapes, which N-Triples and N-Quads allow in literals and IRIs alike, so every
# statement is one line for any reader.
_LINE_BREAKING = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x85\u2028\u2029\ufffe\uffff]")


def escape_line_breaks(text: str) -> str:
    r"""N-Triples or N-Quads text with every character that could split a line escaped.

    >>> escape_line_breaks('<https://e/s> <https://e/p> "a\u2028b\x0bc" .')
    '<https://e/s> <https://e/p> "a\\u2028b\\u000Bc" .'
    """
    return _LINE_BREAKING.sub(lambda m: f"\\u{ord(m.group()):04X}", text)


def sorted_ntriples(g: Graph | Dataset, fmt: str = "nt") -> bytes:
    """N-Triples (or, with ``fmt="nquads"``, N-Quads) with its lines sorted and deduplicated.

    Lines are split at ``\n`` only: the serialiser escapes line feeds in literals, but not
    U+2028 and the like, at which ``str.splitlines()`` would cut a literal in two."""
    data = escape_line_breaks(g.serialize(format=fmt, encoding="utf-8").decode("utf-8"))
    lines = sorted(set(data.split("\n")))
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
