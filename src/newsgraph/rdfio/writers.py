"""Deterministic JSON-LD and RDF/XML writers.

rdflib writes both in store order, which changes from process to process. These writers emit the
same bytes for the same triples: JSON-LD in expanded form (no context to resolve, so every JSON-LD
processor and triple store reads it the same way), one object per named graph and per subject, all
sorted; RDF/XML as one ``rdf:Description`` per subject, sorted, with the namespaces it needs.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable
from xml.sax.saxutils import escape, quoteattr

from rdflib import BNode, Literal
from rdflib.namespace import RDF, XSD

from newsgraph.errors import OutputError

__all__ = ["Quad", "jsonld_bytes", "rdfxml_bytes"]

Quad = tuple[object, object, object, object]  # subject, predicate, object, graph (None: default)


def _id(node: object) -> str:
    return f"_:{node}" if isinstance(node, BNode) else str(node)


def _jsonld_value(o: object) -> dict[str, str]:
    if isinstance(o, Literal):
        value: dict[str, str] = {"@value": str(o)}
        if o.language:
            value["@language"] = o.language
        elif o.datatype is not None and o.datatype != XSD.string:
            value["@type"] = str(o.datatype)
        return value
    return {"@id": _id(o)}


def _sort_key(value: dict[str, str]) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def jsonld_bytes(quads: Iterable[Quad]) -> bytes:
    """Expanded JSON-LD: a list of graph objects (the default graph's nodes at top level)."""
    graphs: dict[object, dict[object, dict[str, list[dict[str, str]]]]] = \
        defaultdict(lambda: defaultdict(dict))
    for s, p, o, g in quads:
        node = graphs[g][s]
        if p == RDF.type and not isinstance(o, Literal):
            node.setdefault("@type", []).append(_id(o))  # type: ignore[arg-type]
        else:
            node.setdefault(str(p), []).append(_jsonld_value(o))

    def nodes(subjects: dict[object, dict[str, list]]) -> list[dict[str, object]]:
        out = []
        for s in sorted(subjects, key=_id):
            props = subjects[s]
            obj: dict[str, object] = {"@id": _id(s)}
            for key in sorted(props):
                values = props[key]
                obj[key] = sorted(set(values)) if key == "@type" else sorted(
                    {_sort_key(v): v for v in values}.values(), key=_sort_key)
            out.append(obj)
        return out

    document: list[dict[str, object]] = nodes(graphs.pop(None, {}))
    for g in sorted(graphs, key=_id):
        document.append({"@id": _id(g), "@graph": nodes(graphs[g])})
    return (json.dumps(document, indent=1, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")


_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*$")
# What XML 1.0 cannot hold, even as a character reference: controls other than tab, line feed and
# carriage return, lone surrogates, U+FFFE and U+FFFF.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml_text(text: str, what: str) -> str:
    """``text`` if XML 1.0 can hold it; otherwise OutputError (escaping cannot help: XML 1.0 has
    no way at all to write these characters, so the graph is refused rather than altered)."""
    bad = _NOT_XML.search(text)
    if bad is not None:
        raise OutputError(f"Cannot write RDF/XML: {what} {text[:60]!r} holds U+{ord(bad.group()):04X}, "
                          "which XML 1.0 cannot represent; export as Turtle, TriG, N-Triples, N-Quads "
                          "or JSON-LD instead")
    return text


def _split(predicate: str) -> tuple[str, str]:
    """Namespace and local name of a predicate IRI, as RDF/XML needs an XML element name."""
    match = _NAME.search(predicate)
    if match is None or match.start() == 0:
        raise OutputError(f"Cannot write RDF/XML: predicate {predicate} has no XML local name; "
                          "export as Turtle, TriG, N-Triples, N-Quads or JSON-LD instead")
    return predicate[: match.start()], match.group()


def rdfxml_bytes(triples: Iterable[tuple[object, object, object]],
                 prefixes: dict[str, str] | None = None) -> bytes:
    """RDF/XML, one ``rdf:Description`` per subject in IRI order, properties sorted."""
    by_subject: dict[object, set[tuple[str, str, str]]] = defaultdict(set)
    namespaces: dict[str, str] = {str(RDF): "rdf"}
    for name, ns in sorted((prefixes or {}).items()):
        namespaces.setdefault(str(ns), name)
    for s, p, o in triples:
        _xml_text(str(s), "the subject")
        ns, local = _split(_xml_text(str(p), "the predicate"))
        if ns not in namespaces:
            namespaces[ns] = f"ns{len(namespaces)}"
        prefix = namespaces[ns]
        element = f"{prefix}:{local}"
        if isinstance(o, Literal):
            attrs = (f" xml:lang={quoteattr(o.language)}" if o.language else
                     f" rdf:datatype={quoteattr(str(o.datatype))}" if o.datatype and o.datatype != XSD.string
                     else "")
            # a raw CR would be normalised away on parsing
            text = escape(_xml_text(str(o), "the literal"), {"\r": "&#13;"})
            by_subject[s].add((element, f"<{element}{attrs}>{text}</{element}>", str(o)))
        elif isinstance(o, BNode):
            by_subject[s].add((element, f"<{element} rdf:nodeID={quoteattr(str(o))}/>", str(o)))
        else:
            resource = quoteattr(_xml_text(str(o), "the object"))
            by_subject[s].add((element, f"<{element} rdf:resource={resource}/>", str(o)))
    used = sorted(namespaces.items(), key=lambda kv: kv[1])
    lines = ['<?xml version="1.0" encoding="utf-8"?>', "<rdf:RDF"]
    lines += [f"  xmlns:{prefix}={quoteattr(ns)}" for ns, prefix in used]
    lines[-1] += ">"
    for s in sorted(by_subject, key=lambda n: (isinstance(n, BNode), str(n))):
        about = (f"rdf:nodeID={quoteattr(str(s))}" if isinstance(s, BNode)
                 else f"rdf:about={quoteattr(str(s))}")
        lines.append(f"  <rdf:Description {about}>")
        lines += [f"    {xml}" for _, xml, _ in sorted(by_subject[s])]
        lines.append("  </rdf:Description>")
    lines.append("</rdf:RDF>")
    return ("\n".join(lines) + "\n").encode("utf-8")
