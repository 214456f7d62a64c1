"""Read graph files, into an rdflib :class:`~rdflib.Dataset` or an Oxigraph :class:`~pyoxigraph.Store`.

Both choose the parser by file suffix from :data:`~newsgraph.rdfio.formats.FORMATS` and raise
:class:`~newsgraph.errors.GraphLoadError` with one line saying what is wrong: a missing file, an
unknown suffix, or a parse error with its line and column.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from xml.sax import SAXParseException

import pyoxigraph
from rdflib import Dataset
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from newsgraph.errors import GraphLoadError, first_argument, one_line
from newsgraph.rdfio.formats import SUFFIX_HINT, RdfFormat, format_for_suffix
from newsgraph.rdfio.terms import to_oxigraph
from newsgraph.vocab import bind_prefixes

__all__ = ["load_dataset", "load_store"]

_MAX_MESSAGE = 300
_TURTLE_FAMILY = ("trig", "turtle", "nt", "nq", "n3")  # rdflib's errors for these lack a column


def _format(path: Path) -> RdfFormat:
    fmt = format_for_suffix(path.suffix)
    if fmt is None:
        raise GraphLoadError(f"{path}: unknown graph format ({SUFFIX_HINT})")
    return fmt


def load_dataset(path: str | os.PathLike[str]) -> Dataset:
    """Load a graph file (TriG, Turtle, N-Triples, N-Quads, N3, JSON-LD, RDF/XML) into a Dataset."""
    path = Path(path)
    if not path.is_file():
        raise GraphLoadError(f"{path}: no such graph file")
    fmt = _format(path)
    ds = Dataset()
    try:
        ds.parse(path, format=fmt.rdflib)
    except Exception as exc:  # rdflib parsers raise assorted exception types on bad input
        message = " ".join(_syntax_error(path, fmt, exc).split())
        raise GraphLoadError(f"{path}: cannot parse as {fmt.rdflib}: {message[:_MAX_MESSAGE]}") from exc
    _check_terms(path, fmt, ds)
    bind_prefixes(ds)
    return ds


def _check_terms(path: Path, fmt: RdfFormat, ds: Dataset) -> None:
    """Refuse what rdflib reads but RDF does not allow, which Oxigraph (and so ``query``, a store
    or a triple store) would refuse later: an IRI with ``<``, a space or a control in it (written
    with ``\\u`` escapes), a lone surrogate such as ``"\\uD800"`` (no UTF-8 text can hold it)."""
    for quad in ds.quads((None, None, None, None)):
        for term in quad:
            term = getattr(term, "identifier", term)  # the graph of a quad is a Graph
            if term is None or term == DATASET_DEFAULT_GRAPH_ID:
                continue
            try:
                to_oxigraph(term)
            except (ValueError, TypeError, UnicodeError) as exc:
                where = _oxigraph_error(path, fmt) or f"{str(term)[:80]!r} is not a valid RDF term ({exc})"
                raise GraphLoadError(f"{path}: cannot parse as {fmt.rdflib}: "
                                     f"{one_line(where)[:_MAX_MESSAGE]}") from exc


def _oxigraph_error(path: Path, fmt: RdfFormat) -> str | None:
    """Oxigraph's message (with line and column) for a file it cannot parse, if it has a parser."""
    if fmt.oxigraph is None:
        return None
    try:
        for _ in pyoxigraph.parse(path=str(path), format=fmt.oxigraph, base_iri=path.resolve().as_uri()):
            pass
    except (SyntaxError, ValueError) as syntax:
        return first_argument(syntax).removeprefix("Parser error ")
    except OSError:
        return None
    return None


def _syntax_error(path: Path, fmt: RdfFormat, exc: Exception) -> str:
    """The parse error with its line and column: the XML and JSON parsers give them, rdflib's
    Turtle-family parsers do not (only a line, sometimes wrong), so those files are parsed again
    with Oxigraph, whose messages say ``at line L column C``."""
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, SAXParseException):
            return f"line {cause.getLineNumber()} column {cause.getColumnNumber()}: {cause.getMessage()}"
        if isinstance(cause, json.JSONDecodeError):
            return f"line {cause.lineno} column {cause.colno}: {cause.msg}"
        cause = cause.__cause__ or cause.__context__
    if fmt.name in _TURTLE_FAMILY:
        return _oxigraph_error(path, fmt) or str(exc)
    return str(exc)


def load_store(path: str | os.PathLike[str]) -> pyoxigraph.Store:
    """Load a graph file into a new in-memory Oxigraph store, choosing the parser by suffix.

    Triples of the formats without named graphs go to the default graph. Relative IRIs resolve
    against the file's ``file:`` URI, as rdflib does.

    Examples:
        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     path = Path(tmp, "g.trig")
        ...     _ = path.write_text('<https://e/g> { <https://e/s> <https://e/p> "o" . }')
        ...     len(load_store(path))
        1
        >>> load_store("/nonexistent/graph.trig")
        Traceback (most recent call last):
        ...
        newsgraph.errors.GraphLoadError: /nonexistent/graph.trig: no such graph file
    """
    path = Path(path)
    if not path.exists():
        raise GraphLoadError(f"{path}: no such graph file")
    if not path.is_file():
        raise GraphLoadError(f"{path}: not a graph file (it is a directory)")
    fmt = _format(path)
    store = pyoxigraph.Store()
    try:
        if fmt.oxigraph is None:  # pyoxigraph < 0.5 has no JSON-LD parser: let rdflib convert it
            store.load(input=_jsonld_to_nquads(path), format=pyoxigraph.RdfFormat.N_QUADS)
        else:
            store.load(path=str(path), format=fmt.oxigraph, base_iri=path.resolve().as_uri())
    except GraphLoadError:
        raise
    except (SyntaxError, ValueError) as exc:
        raise GraphLoadError(f"{path}: cannot parse as {fmt.label}: {one_line(first_argument(exc))}") from exc
    except OSError as exc:
        raise GraphLoadError(f"{path}: cannot read: {one_line(exc.strerror or str(exc))}") from exc
    return store


def _jsonld_to_nquads(path: Path) -> bytes:
    ds = Dataset()
    try:
        ds.parse(path, format="json-ld")
    except Exception as exc:  # rdflib's JSON-LD parser raises assorted exception types
        raise GraphLoadError(f"{path}: cannot parse as JSON-LD: {one_line(str(exc))}") from exc
    return ds.serialize(format="nquads", encoding="utf-8")


