"""Talk to a SPARQL server: push named graphs with the Graph Store Protocol, query over HTTP.

Push sends one HTTP ``PUT ENDPOINT?graph=IRI`` per named graph (SPARQL 1.1 Graph Store HTTP
Protocol), so pushing again replaces each graph instead of adding duplicates, and a failure leaves
every graph either as it was or fully replaced. Credentials come from the environment
(``NEWSGRAPH_USER`` and ``NEWSGRAPH_PASSWORD``) or from ``~/.netrc`` (``NETRC`` overrides the
path), never from the command line. Connection errors, timeouts, 429 and 5xx answers are retried
with exponential backoff; other errors fail at once with the server's message.
"""

from __future__ import annotations

import base64
import json
import netrc
import os
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from pyoxigraph import BlankNode, Literal, NamedNode
from rdflib import Dataset, Graph

from newsgraph.errors import RemoteError
from newsgraph.query import QueryResult, check_query, render_term, with_prologue
from newsgraph.rdfio import sorted_ntriples

__all__ = ["RemoteError", "PushedGraph", "push_dataset", "remote_query", "graph_store_url"]

RETRIES = 3
BACKOFF_SECONDS = 0.5
TIMEOUT_SECONDS = 60.0


@dataclass(frozen=True)
class PushedGraph:
    graph: str
    triples: int
    url: str
    status: int | None  # None for a dry run


def graph_store_url(endpoint: str, graph: str) -> str:
    """The Graph Store Protocol URL of one named graph (indirect identification).

    >>> graph_store_url("http://localhost:7878/store", "https://w3id.org/newsgraph/id/graph/inferred")
    'http://localhost:7878/store?graph=https%3A%2F%2Fw3id.org%2Fnewsgraph%2Fid%2Fgraph%2Finferred'
    """
    separator = "&" if "?" in endpoint else "?"
    return f"{endpoint}{separator}{urllib.parse.urlencode({'graph': graph})}"


def _check_endpoint(endpoint: str) -> None:
    parts = urllib.parse.urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise RemoteError(f"{endpoint}: not an http(s) endpoint URL")


def _credentials(endpoint: str) -> str | None:
    """``Authorization`` header value from the environment or a netrc file, if any."""
    user, password = os.environ.get("NEWSGRAPH_USER"), os.environ.get("NEWSGRAPH_PASSWORD")
    if user is None:
        host = urllib.parse.urlsplit(endpoint).hostname or ""
        path = os.environ.get("NETRC") or os.path.join(os.path.expanduser("~"), ".netrc")
        if os.path.isfile(path):
            try:
                entry = netrc.netrc(path).authenticators(host)
            except (netrc.NetrcParseError, OSError) as exc:
                raise RemoteError(f"{path}: cannot read credentials: {exc}") from exc
            if entry:
                user, _, password = entry
    if user is None:
        return None
    token = base64.b64encode(f"{user}:{password or ''}".encode()).decode("ascii")
    return f"Basic {token}"


def _send(request: urllib.request.Request, retries: int, backoff: float, timeout: float) -> tuple[int, bytes]:
    """Send with bounded retries on transient failures; return (status, body)."""
    url = request.full_url.split("?", 1)[0]
    for attempt in range(retries + 1):
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as exc:
            detail = " ".join(exc.read().decode("utf-8", "replace").split())[:200]
            if exc.code not in (429, 500, 502, 503, 504) or attempt == retries:
                raise RemoteError(f"{request.get_method()} {url}: HTTP {exc.code} {exc.reason}"
                                  + (f": {detail}" if detail else "")) from exc
        except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
            if attempt == retries:
                reason = getattr(exc, "reason", exc)
                raise RemoteError(f"{request.get_method()} {url}: cannot reach the endpoint ({reason}) "
                                  f"after {retries + 1} attempts") from exc
        time.sleep(backoff * 2**attempt)
    raise AssertionError("unreachable")


def push_dataset(ds: Dataset, endpoint: str, *, dry_run: bool = False, retries: int = RETRIES,
                 backoff: float = BACKOFF_SECONDS, timeout: float = TIMEOUT_SECONDS) -> list[PushedGraph]:
    """PUT every named graph of ``ds`` to a Graph Store Protocol endpoint, in IRI order."""
    _check_endpoint(endpoint)
    auth = None if dry_run else _credentials(endpoint)
    graphs = sorted((g for g in ds.graphs() if len(g) and not str(g.identifier).startswith("urn:x-rdflib:")),
                    key=lambda g: str(g.identifier))
    pushed = []
    for g in graphs:
        name = str(g.identifier)
        url = graph_store_url(endpoint, name)
        if dry_run:
            pushed.append(PushedGraph(name, len(g), url, None))
            continue
        body = _ntriples(g)
        request = urllib.request.Request(url, data=body, method="PUT",
                                         headers={"Content-Type": "application/n-triples"})
        if auth:
            request.add_header("Authorization", auth)
        status, _ = _send(request, retries, backoff, timeout)
        pushed.append(PushedGraph(name, len(g), url, status))
    return pushed


def _ntriples(g: Graph) -> bytes:
    plain = Graph()
    for triple in g:
        plain.add(triple)
    return sorted_ntriples(plain)


def remote_query(endpoint: str, sparql: str, *, allow_service: bool = False, retries: int = RETRIES,
                 backoff: float = BACKOFF_SECONDS, timeout: float = TIMEOUT_SECONDS) -> QueryResult:
    """Run a read-only SELECT or ASK query on a SPARQL endpoint (SPARQL 1.1 Protocol, POST)."""
    check_query(sparql, allow_service=allow_service)
    _check_endpoint(endpoint)
    request = urllib.request.Request(
        endpoint, data=with_prologue(sparql).encode("utf-8"), method="POST",
        headers={"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"})
    auth = _credentials(endpoint)
    if auth:
        request.add_header("Authorization", auth)
    _, body = _send(request, retries, backoff, timeout)
    try:
        data = json.loads(body)
    except ValueError as exc:
        raise RemoteError(f"{endpoint}: the answer is not SPARQL JSON results") from exc
    if "boolean" in data:
        return QueryResult(boolean=bool(data["boolean"]), kind="ask")
    columns = list(data.get("head", {}).get("vars", []))
    rows = [[_term(binding[c]) if c in binding else None for c in columns]
            for binding in data.get("results", {}).get("bindings", [])]
    return QueryResult(columns=columns, rows=rows, kind="select")


def _term(value: dict[str, str]) -> str:
    kind = value.get("type")
    if kind == "uri":
        return render_term(NamedNode(value["value"]))
    if kind == "bnode":
        return render_term(BlankNode(value["value"]))
    return render_term(Literal(value["value"]))
