"""SPARQL 1.1 query results as other tools read them: JSON, CSV and TSV, written row by row.

The writers produce exactly what pyoxigraph's own serializers (``QuerySolutions.serialize``) write
for the same solutions (tested byte for byte), but take the rows one at a time, so a caller can
stream them as they come and stop at a row limit: pyoxigraph's serializers consume the whole
result. Terms travel as plain :class:`Term` tuples, which a child process can send over a pipe.

- JSON (https://www.w3.org/TR/sparql11-results-json/): ``head.vars``, ``results.bindings`` with
  ``type`` (``uri``, ``literal``, ``bnode``), ``value``, ``datatype`` and ``xml:lang``; ASK gives
  ``{"head":{},"boolean":true}``.
- CSV (https://www.w3.org/TR/sparql11-results-csv-tsv/): a header of variable names, full IRIs,
  literals as their lexical form, CRLF line ends. Cells that a spreadsheet would run as a formula
  are guarded unless ``raw`` (see :func:`newsgraph.tables.guard_formula`).
- TSV: ``?var`` header, terms as in N-Triples (``<iri>``, ``"text"@en``, ``"x"^^<dt>``), with
  integers, decimals, doubles and booleans in their bare Turtle form (``5``, ``true``), LF line ends.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any, NamedTuple

from pyoxigraph import BlankNode, Literal, NamedNode

from newsgraph.query.syntax import SHORT_PREFIXES
from newsgraph.tables import guard_formula

__all__ = ["Term", "Row", "RESULT_FORMATS", "from_oxigraph", "from_json_binding", "from_rendered",
           "compact", "compact_iri", "header", "row_text", "footer", "ask_text"]

RESULT_FORMATS = ("json", "csv", "tsv")
"""Formats written by :func:`header`, :func:`row_text` and :func:`footer`."""

_XSD = "http://www.w3.org/2001/XMLSchema#"
_RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_PLAIN = frozenset({f"{_XSD}string", _RDF_LANG_STRING})  # datatypes not written out
_BARE = {  # Turtle's grammar for the literals TSV may write without quotes
    f"{_XSD}boolean": re.compile(r"true|false"),
    f"{_XSD}integer": re.compile(r"[+-]?[0-9]+"),
    f"{_XSD}decimal": re.compile(r"[+-]?[0-9]*\.[0-9]+"),
    f"{_XSD}double": re.compile(r"[+-]?(?:[0-9]+\.[0-9]*|\.[0-9]+|[0-9]+)[eE][+-]?[0-9]+"),
}


class Term(NamedTuple):
    """An RDF term of a solution: ``kind`` is ``uri``, ``bnode``, ``literal`` or ``triple``;
    ``datatype`` is ``None`` for simple and language-tagged literals."""

    kind: str
    value: str
    datatype: str | None = None
    lang: str | None = None


Row = Sequence[Term | None]


def from_oxigraph(term: Any) -> Term:
    """A pyoxigraph term as a :class:`Term`."""
    kind = type(term)
    if kind is NamedNode:
        return Term("uri", term.value)
    if kind is Literal:
        language = term.language
        datatype: str | None = None if language is not None else term.datatype.value
        if datatype in _PLAIN:
            datatype = None
        return Term("literal", term.value, datatype, language)
    if kind is BlankNode:
        return Term("bnode", term.value)
    return Term("triple", str(term))


def from_json_binding(binding: dict[str, str]) -> Term:
    """One value of a SPARQL JSON ``bindings`` object as a :class:`Term`.

    >>> from_json_binding({"type": "literal", "value": "5", "datatype": _XSD + "integer"}).datatype
    'http://www.w3.org/2001/XMLSchema#integer'
    """
    kind = binding.get("type", "literal")
    kind = "literal" if kind == "typed-literal" else kind
    datatype = binding.get("datatype")
    if datatype in (f"{_XSD}string", _RDF_LANG_STRING):
        datatype = None
    return Term(kind, binding.get("value", ""), datatype, binding.get("xml:lang"))


def from_rendered(text: str) -> Term:
    """Undo :func:`newsgraph.query.render_term` for a result that only kept rendered strings
    (``<iri>``, a prefixed name of :data:`SHORT_PREFIXES`, ``_:id``, else a plain literal).

    >>> from_rendered("ng:leaderOf").value
    'https://w3id.org/newsgraph/ontology#leaderOf'
    """
    if text.startswith("<") and text.endswith(">") and len(text) > 2:
        return Term("uri", text[1:-1])
    if text.startswith("_:") and len(text) > 2:
        return Term("bnode", text[2:])
    prefix, colon, local = text.partition(":")
    if colon and prefix in SHORT_PREFIXES and local and not any(ch.isspace() for ch in local):
        return Term("uri", SHORT_PREFIXES[prefix] + local)
    return Term("literal", text)


def compact(term: Term | None) -> str:
    """A term for the ``table`` format: IRIs shortened with :data:`SHORT_PREFIXES`, literals as
    their lexical form.

    >>> compact(Term("uri", "https://w3id.org/newsgraph/id/person/ana"))
    'id:person/ana'
    >>> compact(Term("uri", "https://example.org/x")), compact(Term("literal", "70", _XSD + "integer"))
    ('<https://example.org/x>', '70')
    """
    if term is None:
        return ""
    if term.kind == "uri":
        return compact_iri(term.value)
    if term.kind == "bnode":
        return f"_:{term.value}"
    return term.value


@lru_cache(maxsize=4096)
def compact_iri(iri: str) -> str:
    """An IRI shortened with the first of :data:`SHORT_PREFIXES` it starts with, else ``<iri>``
    (cached: a result repeats the same IRIs row after row).

    >>> compact_iri("https://w3id.org/newsgraph/ontology#leaderOf"), compact_iri("urn:x")
    ('ng:leaderOf', '<urn:x>')
    """
    for name, namespace in SHORT_PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{name}:{iri[len(namespace):]}"
    return f"<{iri}>"


def header(fmt: str, variables: Sequence[str]) -> str:
    """What comes before the first row.

    >>> header("tsv", ["s", "o"]), header("csv", ["s", "o"])
    ('?s\\t?o\\n', 's,o\\r\\n')
    """
    if fmt == "json":
        return '{"head":{"vars":' + _json(list(variables)) + '},"results":{"bindings":['
    if fmt == "csv":
        return ",".join(variables) + "\r\n"
    return "\t".join(f"?{v}" for v in variables) + "\n"


def row_text(fmt: str, variables: Sequence[str], row: Row, first: bool = False, raw: bool = False) -> str:
    """One solution; ``first`` for the first JSON binding (no comma before it); ``raw`` turns
    off the CSV formula guard.

    >>> row_text("tsv", ["n"], [Term("literal", "5", _XSD + "integer")])
    '5\\n'
    >>> row_text("csv", ["a", "b"], [Term("literal", 'say "hi", then'), None])
    '"say ""hi"", then",\\r\\n'
    """
    if fmt == "json":
        fields = ",".join(f"{_json(var)}:{_json_term(term)}" for var, term in zip(variables, row)
                          if term is not None)
        return ("" if first else ",") + "{" + fields + "}"
    if fmt == "csv":
        return ",".join(_csv_term(term, raw) for term in row) + "\r\n"
    return "\t".join(_tsv_term(term) for term in row) + "\n"


def footer(fmt: str) -> str:
    """What comes after the last row (JSON only closes its arrays)."""
    return "]}}" if fmt == "json" else ""


def ask_text(fmt: str, value: bool) -> str:
    """An ASK result: ``{"head":{},"boolean":true}`` in JSON, ``true``/``false`` in CSV and TSV."""
    word = "true" if value else "false"
    return '{"head":{},"boolean":' + word + "}" if fmt == "json" else word


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _json_term(term: Term) -> str:
    kind = "literal" if term.kind == "triple" else term.kind
    text = '{"type":' + _json(kind) + ',"value":' + _json(term.value)
    if term.lang is not None:
        text += ',"xml:lang":' + _json(term.lang)
    elif term.datatype is not None:
        text += ',"datatype":' + _json(term.datatype)
    return text + "}"


def _csv_term(term: Term | None, raw: bool) -> str:
    if term is None:
        return ""
    if term.kind == "bnode":
        return f"_:{term.value}"
    value = term.value
    if term.kind == "literal" and not raw:
        value = guard_formula(value)
    if any(ch in value for ch in '",\r\n'):
        return '"' + value.replace('"', '""') + '"'
    return value


def _tsv_term(term: Term | None) -> str:
    if term is None:
        return ""
    if term.kind == "uri":
        return f"<{term.value}>"
    if term.kind == "bnode":
        return f"_:{term.value}"
    if term.kind == "triple":
        return term.value
    quoted = '"' + (term.value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
                    .replace("\r", "\\r").replace('"', '\\"')) + '"'
    if term.lang is not None:
        return f"{quoted}@{term.lang}"
    if term.datatype is None:
        return quoted
    bare = _BARE.get(term.datatype)
    if bare is not None and bare.fullmatch(term.value):
        return term.value
    return f"{quoted}^^<{term.datatype}>"
