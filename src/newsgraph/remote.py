"""Talk to a SPARQL server: push named graphs with the Graph Store Protocol, query over HTTP.

Push sends one HTTP ``PUT ENDPOINT?graph=IRI`` per named graph (SPARQL 1.1 Graph Store HTTP
Protocol), so pushing again replaces each graph instead of adding duplicates, and a failure leaves
every graph either as it was or fully replaced. Queries go as the URL-encoded form POST (SPARQL 1.1
Protocol §2.1.2), the one form every server answers.

Credentials come from the environment (``NEWSGRAPH_USER`` and ``NEWSGRAPH_PASSWORD``) or from
``~/.netrc`` (``NETRC`` overrides the path), never from the command line: an endpoint URL with user
info is refused. They are sent only in answer to the server's challenge, Basic or Digest, and never
on a redirect; a redirect to another origin is not followed at all. Every request is bounded in
time; connection errors, 429 and 5xx answers are retried with exponential backoff; other errors fail
at once with the server's message. No message shows user info.
"""

from __future__ import annotations

import json
import logging
import netrc
import os
import re
import time
import urllib.parse
from dataclasses import dataclass
from types import TracebackType
from typing import Any

import requests
import urllib3
from pyoxigraph import BlankNode, Literal, NamedNode
from rdflib import XSD, Dataset, Graph
from requests.auth import AuthBase, HTTPBasicAuth, HTTPDigestAuth

from newsgraph.errors import RemoteError
from newsgraph.query import QueryResult, check_query, render_term, with_prologue
from newsgraph.rdfio import sorted_ntriples

__all__ = ["RemoteError", "PushedGraph", "push_dataset", "remote_query", "graph_store_url", "redact"]

log = logging.getLogger("newsgraph")

RETRIES = 3
BACKOFF_SECONDS = 0.5
TIMEOUT_SECONDS = 60.0
MAX_REDIRECTS = 5
TRANSIENT_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
# Only these keep the method and body (RFC 9110 §15.4); a 301/302/303 would turn the POST or PUT
# into a body-less GET, so it is reported instead of followed.
BODY_KEEPING_REDIRECTS = frozenset({307, 308})
ERROR_DETAIL_CHARS = 200
CHUNK_BYTES = 65536
XSD_BOOLEAN = str(XSD.boolean)
# xsd:boolean's other lexical forms, as their canonical ones (XML Schema 1.1 Part 2, §3.3.2.2).
CANONICAL_BOOLEANS = {"1": "true", "0": "false"}


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


def redact(url: str) -> str:
    """``url`` for a message: everything up to its last ``@`` after the scheme (user info, however
    malformed) becomes ``***``.

    >>> redact("http://analyst:s3cret@localhost:7878/store")
    'http://***@localhost:7878/store'
    >>> redact("http://u:pa/ss@localhost/store")
    'http://***@localhost/store'
    >>> redact("http://localhost:7878/store")
    'http://localhost:7878/store'
    """
    return re.sub(r"^([A-Za-z][A-Za-z0-9+.-]*://).*@", r"\1***@", url, flags=re.DOTALL)


def _origin(url: str) -> tuple[str, str, int | None] | None:
    """(scheme, host, port) of ``url``, or None when it has no valid port (no origin to match)."""
    parts = urllib.parse.urlsplit(url)
    default = {"http": 80, "https": 443}.get(parts.scheme.lower())
    try:
        return parts.scheme.lower(), (parts.hostname or "").lower(), parts.port or default
    except ValueError:
        return None


def _check_endpoint(endpoint: str) -> None:
    try:
        parts = urllib.parse.urlsplit(endpoint)
        parts.port  # noqa: B018 - raises ValueError on a port that is not a number
    except ValueError as exc:
        raise RemoteError(f"{redact(endpoint)}: not a valid endpoint URL") from exc
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise RemoteError(f"{redact(endpoint)}: not an http(s) endpoint URL")
    if "@" in parts.netloc:
        raise RemoteError(f"{redact(endpoint)}: user info (user:password@) in the endpoint URL is refused, "
                          "as it would show in the process list and the shell history; set NEWSGRAPH_USER "
                          "and NEWSGRAPH_PASSWORD or use ~/.netrc")


def _credentials(endpoint: str) -> tuple[str, str] | None:
    """(user, password) from the environment or a netrc file, if any."""
    user = os.environ.get("NEWSGRAPH_USER")
    if user is not None:
        return user, os.environ.get("NEWSGRAPH_PASSWORD", "")
    path = os.environ.get("NETRC") or os.path.join(os.path.expanduser("~"), ".netrc")
    if not os.path.isfile(path):
        return None
    try:
        entry = netrc.netrc(path).authenticators(urllib.parse.urlsplit(endpoint).hostname or "")
    except netrc.NetrcParseError as exc:
        # netrc's own message quotes the token it choked on, which may be a password: only the file,
        # the line and (for the permission check, which quotes nothing) the reason are shown, and the
        # exception is not chained.
        reason = exc.msg if "access too permissive" in exc.msg else "not a valid netrc file"
        # (netrc counts the line break after a token, so the line can be one past the token's.)
        raise RemoteError(f"{path}, near line {exc.lineno}: {reason}; fix or remove it "
                          "(its contents are not shown)") from None
    except OSError as exc:
        raise RemoteError(f"{path}: cannot read credentials: {exc.strerror or exc}") from None
    if not entry:
        return None
    login, _, password = entry
    return login, password or ""


class _NoCredentials(AuthBase):
    """Send no credentials: keeps requests from adding ``~/.netrc`` ones on its own."""

    def __call__(self, request: Any) -> Any:
        return request


class _ChallengeAuth(HTTPDigestAuth):
    """Answer the challenge the server sends, Digest or Basic. The password is never sent before the
    server asks for a scheme (sending Basic first would give it away in clear to a Digest server);
    once a server asked for Basic, later requests carry it at once."""

    def __init__(self, username: str, password: str) -> None:
        super().__init__(username, password)
        self.basic_auth = HTTPBasicAuth(username, password)
        self.basic = False

    def __call__(self, request: Any) -> Any:
        if self.basic:
            return self.basic_auth(request)
        return super().__call__(request)

    def handle_401(self, r: requests.Response, **kwargs: Any) -> requests.Response:
        response = r
        challenge = response.headers.get("www-authenticate", "").lower()
        if "digest" in challenge or "basic" not in challenge or self.basic:
            return super().handle_401(response, **kwargs)
        self.basic = True
        response.content  # noqa: B018 - consume the body so the connection can be reused
        response.close()
        retry = self.basic_auth(response.request.copy())
        answer: requests.Response = response.connection.send(retry, **kwargs)
        answer.history.append(response)
        answer.request = retry
        return answer


class _Deadline(Exception):
    """The answer did not arrive in full within the time allowed."""


class _Client:
    """One endpoint's HTTP session: credentials, the time bound, retries and the redirect policy."""

    def __init__(self, endpoint: str, *, retries: int, backoff: float, timeout: float | None) -> None:
        _check_endpoint(endpoint)
        self.endpoint = endpoint
        self.origin = _origin(endpoint)
        self.retries, self.backoff = retries, backoff
        self.timeout = TIMEOUT_SECONDS if timeout is None else timeout
        credentials = _credentials(endpoint)
        self.auth: AuthBase = _ChallengeAuth(*credentials) if credentials else _NoCredentials()
        self.session = requests.Session()

    def __enter__(self) -> _Client:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.session.close()

    def send(self, method: str, url: str, data: Any, headers: dict[str, str], *,
             retry_timeouts: bool = True) -> tuple[int, bytes]:
        """Send with bounded retries on transient failures; return (status, body)."""
        where = f"{method} {redact(url.split('?', 1)[0])}"
        for attempt in range(self.retries + 1):
            last = attempt == self.retries
            try:
                status, phrase, body, redirected = self._exchange(where, method, url, data, headers)
            except (requests.RequestException, urllib3.exceptions.HTTPError, OSError, _Deadline) as exc:
                reason = _reason(exc)
                if reason == "timed out" and not retry_timeouts:
                    raise RemoteError(f"{where}: no answer within {self.timeout:g} s") from None
                if last:
                    raise RemoteError(f"{where}: cannot reach the endpoint ({reason}) "
                                      f"after {self.retries + 1} attempts") from None
            else:
                if status < 400:
                    return status, body
                if status not in TRANSIENT_STATUSES or last:
                    note = None
                    if redirected is not None:
                        note = f"after a redirect to {redirected}, where credentials are not sent"
                    elif status == 401 and isinstance(self.auth, _NoCredentials):
                        note = "no credentials: set NEWSGRAPH_USER and NEWSGRAPH_PASSWORD or use ~/.netrc"
                    raise RemoteError(_http_error(where, f"{status} {phrase}".strip(), body, note))
            time.sleep(self.backoff * 2**attempt)
        raise AssertionError("unreachable")

    def _exchange(self, where: str, method: str, url: str, data: Any,
                  headers: dict[str, str]) -> tuple[int, str, bytes, str | None]:
        """One request, following same-origin 307/308 redirects without credentials; (status, reason
        phrase, body, the URL redirected to or None)."""
        deadline = time.monotonic() + self.timeout
        target, redirected = url, None
        for _ in range(MAX_REDIRECTS + 1):
            auth = self.auth if redirected is None else _NoCredentials()
            with self.session.request(method, target, data=data, headers=headers, auth=auth,
                                      timeout=(self.timeout, self.timeout), allow_redirects=False,
                                      stream=True) as response:
                location = response.headers.get("Location")
                if response.status_code not in REDIRECT_STATUSES or not location:
                    return (response.status_code, response.reason or "", _read(response, deadline),
                            redirected)
                code = response.status_code
            following = urllib.parse.urljoin(target, location)
            shown = redact(following.split("?", 1)[0])
            if _origin(following) != self.origin:
                raise RemoteError(f"{where}: the server redirects (HTTP {code}) to {shown}, another server; "
                                  "not followed, so neither the request nor credentials go there (give "
                                  "that URL as the endpoint if you trust it)")
            if code not in BODY_KEEPING_REDIRECTS:
                raise RemoteError(f"{where}: the server redirects (HTTP {code}) to {shown}; not followed, "
                                  f"as the {method} would lose its body (give that URL as the endpoint)")
            target, redirected = following, shown
        raise RemoteError(f"{where}: more than {MAX_REDIRECTS} redirects")


def _read(response: Any, deadline: float) -> bytes:
    """The whole body, or :class:`_Deadline` once the time is up, however slowly it trickles in
    (``read1`` returns what has arrived instead of waiting for a full chunk)."""
    chunks = []
    while chunk := response.raw.read1(CHUNK_BYTES, decode_content=True):
        chunks.append(chunk)
        if time.monotonic() > deadline:
            raise _Deadline("timed out")
    return b"".join(chunks)


def _reason(exc: BaseException) -> str:
    """A short reason for a failed exchange: ``timed out``, or the socket error's own words."""
    seen: BaseException | None = exc
    visited: set[int] = set()
    while seen is not None and id(seen) not in visited:
        visited.add(id(seen))
        if isinstance(seen, (_Deadline, requests.Timeout, TimeoutError)) or "timed out" in str(seen):
            return "timed out"
        if isinstance(seen, OSError) and seen.strerror:
            return seen.strerror
        inner = [arg for arg in seen.args if isinstance(arg, BaseException)]
        seen = inner[0] if inner else (seen.__cause__ or seen.__context__)
    return type(exc).__name__


def _http_error(where: str, status: str, body: bytes, note: str | None) -> str:
    detail = " ".join(body.decode("utf-8", "replace").split())[:ERROR_DETAIL_CHARS]
    return f"{where}: HTTP {status}" + (f" ({note})" if note else "") + (f": {detail}" if detail else "")


def push_dataset(ds: Dataset, endpoint: str, *, dry_run: bool = False, retries: int = RETRIES,
                 backoff: float = BACKOFF_SECONDS, timeout: float | None = None) -> list[PushedGraph]:
    """PUT every named graph of ``ds`` to a Graph Store Protocol endpoint, in IRI order."""
    _check_endpoint(endpoint)
    graphs = sorted((g for g in ds.graphs() if len(g) and not str(g.identifier).startswith("urn:x-rdflib:")),
                    key=lambda g: str(g.identifier))
    if dry_run:
        return [PushedGraph(str(g.identifier), len(g), graph_store_url(endpoint, str(g.identifier)), None)
                for g in graphs]
    pushed = []
    with _Client(endpoint, retries=retries, backoff=backoff, timeout=timeout) as client:
        for g in graphs:
            name = str(g.identifier)
            url = graph_store_url(endpoint, name)
            status, _ = client.send("PUT", url, _ntriples(g), {"Content-Type": "application/n-triples"})
            pushed.append(PushedGraph(name, len(g), url, status))
    return pushed


def _ntriples(g: Graph) -> bytes:
    plain = Graph()
    for triple in g:
        plain.add(triple)
    return sorted_ntriples(plain)


def remote_query(endpoint: str, sparql: str, *, allow_service: bool = False, retries: int = RETRIES,
                 backoff: float = BACKOFF_SECONDS, timeout: float | None = None,
                 check_default_graph: bool = True) -> QueryResult:
    """Run a read-only SELECT or ASK query on a SPARQL endpoint (SPARQL 1.1 Protocol, form POST).

    ``timeout`` (default :data:`TIMEOUT_SECONDS`) bounds each attempt: connecting, and the whole
    answer; a query that takes longer is not retried. A SELECT without rows on a server whose default
    graph is empty while its named graphs hold data logs a warning saying what to do.
    """
    check_query(sparql, allow_service=allow_service)
    with _Client(endpoint, retries=retries, backoff=backoff, timeout=timeout) as client:
        result = _select_or_ask(client, sparql)
        if check_default_graph and result.kind == "select" and not result.rows:
            warning = _default_graph_warning(client)
            if warning:
                log.warning("%s", warning)
    return result


def _select_or_ask(client: _Client, sparql: str) -> QueryResult:
    _, body = client.send("POST", client.endpoint, {"query": with_prologue(sparql)},
                          {"Accept": "application/sparql-results+json"}, retry_timeouts=False)
    try:
        data = json.loads(body)
        if "boolean" in data:
            return QueryResult(boolean=bool(data["boolean"]), kind="ask")
        columns = list(data.get("head", {}).get("vars", []))
        bindings = data.get("results", {}).get("bindings", [])
        if columns == ["__ASK_RETVAL"]:  # Virtuoso 7 answers an ASK as a one-cell table of 1 or 0
            answer = bool(bindings) and bindings[0]["__ASK_RETVAL"]["value"] in ("1", "true")
            return QueryResult(boolean=answer, kind="ask")
        values = [[_canonical(binding[c]) if c in binding else None for c in columns] for binding in bindings]
        rows = [[_term(v) if v is not None else None for v in row] for row in values]
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise RemoteError(f"{redact(client.endpoint)}: the answer is not SPARQL JSON results") from exc
    return QueryResult(columns=columns, rows=rows, kind="select", bindings=values)


def _canonical(value: dict[str, str]) -> dict[str, str]:
    """A SPARQL JSON value as a local store writes it: Virtuoso answers booleans 0 and 1."""
    if value.get("datatype") == XSD_BOOLEAN and value.get("value") in CANONICAL_BOOLEANS:
        return {**value, "value": CANONICAL_BOOLEANS[value["value"]]}
    return value


def _default_graph_warning(client: _Client) -> str | None:
    def ask(sparql: str) -> bool:
        return bool(_select_or_ask(client, sparql).boolean)

    try:
        if ask("ASK { ?s ?p ?o }") or not ask("ASK { GRAPH ?g { ?s ?p ?o } }"):
            return None
    except RemoteError as exc:  # the hint is a courtesy: a server that will not say gets none
        log.debug("default graph check skipped: %s", exc)
        return None
    return (f"{redact(client.endpoint)}: no rows, and the server's default graph is empty while its named "
            "graphs hold data: its default graph is not the union of its named graphs. Start Oxigraph with "
            "`serve --union-default-graph`, set `tdb2:unionDefaultGraph true` on the Fuseki dataset, or "
            "read the named graphs with GRAPH ?g { … } in the query")


def _term(value: dict[str, str]) -> str:
    kind = value.get("type")
    if kind == "uri":
        return render_term(NamedNode(value["value"]))
    if kind == "bnode":
        return render_term(BlankNode(value["value"]))
    return render_term(Literal(value["value"]))
