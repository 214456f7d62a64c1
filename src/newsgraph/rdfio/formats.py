"""The RDF file formats newsgraph reads and writes: one table for rdflib and Oxigraph alike.

Each format has its names in both engines, the file suffixes that select it and whether it holds
named graphs. Every command chooses its parser by suffix from this table, so a suffix that one
command reads, every command reads (``.turtle`` and ``.n3`` were once read by ``query`` only).

Examples
--------
>>> format_for_suffix(".turtle").name, format_for_suffix(".JSON").label
('turtle', 'JSON-LD')
>>> sorted(WRITABLE)
['jsonld', 'nq', 'nt', 'trig', 'turtle', 'xml']
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph

__all__ = ["RdfFormat", "FORMATS", "WRITABLE", "SUFFIX_HINT", "format_for_suffix"]


@dataclass(frozen=True)
class RdfFormat:
    """One RDF syntax: its ``export --format`` name, its name in rdflib and in Oxigraph."""

    name: str
    label: str  # as messages name it
    rdflib: str  # parser (and, for a writable format, serialiser) name in rdflib
    oxigraph: pyoxigraph.RdfFormat | None  # None: this pyoxigraph has no parser for it
    suffixes: tuple[str, ...]  # the first is the one written
    quads: bool  # holds named graphs
    writable: bool = True

    @property
    def suffix(self) -> str:
        return self.suffixes[0]


# pyoxigraph < 0.5 has no JSON-LD parser; rdflib converts JSON-LD for it (rdfio.load).
_JSON_LD = getattr(pyoxigraph.RdfFormat, "JSON_LD", None)

FORMATS: dict[str, RdfFormat] = {f.name: f for f in (
    RdfFormat("trig", "TriG", "trig", pyoxigraph.RdfFormat.TRIG, (".trig",), True),
    RdfFormat("turtle", "Turtle", "turtle", pyoxigraph.RdfFormat.TURTLE, (".ttl", ".turtle"), False),
    RdfFormat("nt", "N-Triples", "nt", pyoxigraph.RdfFormat.N_TRIPLES, (".nt",), False),
    RdfFormat("nq", "N-Quads", "nquads", pyoxigraph.RdfFormat.N_QUADS, (".nq",), True),
    RdfFormat("jsonld", "JSON-LD", "json-ld", _JSON_LD, (".jsonld", ".json"), True),
    RdfFormat("xml", "RDF/XML", "xml", pyoxigraph.RdfFormat.RDF_XML, (".rdf", ".xml", ".owl"), False),
    RdfFormat("n3", "N3", "n3", pyoxigraph.RdfFormat.N3, (".n3",), False, writable=False),
)}
"""Every format by name."""

WRITABLE = {name: f for name, f in FORMATS.items() if f.writable}
"""The formats ``export`` writes (byte-deterministic)."""

SUFFIX_HINT = "use .trig, .ttl, .nt, .nq, .jsonld or .rdf"

_BY_SUFFIX = {suffix: f for f in FORMATS.values() for suffix in f.suffixes}


def format_for_suffix(suffix: str) -> RdfFormat | None:
    """The format a file suffix (any case) selects, or None."""
    return _BY_SUFFIX.get(suffix.lower())
