"""Push to and query a real Oxigraph server over HTTP; retries and errors against a failing one."""

from __future__ import annotations

import http.server
import shutil
import socket
import subprocess
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Literal as RDFLiteral, URIRef

from newsgraph.cli import cli
from newsgraph.errors import RemoteError
from newsgraph.query import queries_dir, run_query
from newsgraph.remote import push_dataset, remote_query
from newsgraph.rdfio import serialize_dataset
from newsgraph.sources import oxigraph_store

OXIGRAPH = shutil.which("oxigraph")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def oxigraph_server(tmp_path_factory):
    """A real Oxigraph server on a free loopback port, stopped by its PID at the end."""
    if OXIGRAPH is None:
        pytest.fail("the oxigraph server is not installed: pip install -e '.[test]' installs it")
    port = free_port()
    process = subprocess.Popen(
        [OXIGRAPH, "serve", "--location", str(tmp_path_factory.mktemp("oxigraph")),
         "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while True:
        try:
            urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=1).read()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail("the oxigraph server did not start")
            time.sleep(0.1)
    yield base
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def pushed(oxigraph_server, seed_build):
    push_dataset(seed_build.dataset, f"{oxigraph_server}/store")
    return oxigraph_server


def count(base: str) -> int:
    return int(remote_query(f"{base}/query", "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }").rows[0][0])


def test_pushed_graph_answers_every_shipped_query_as_the_local_one(pushed, seed_build, tmp_path):
    local = tmp_path / "seed.trig"
    local.write_bytes(serialize_dataset(seed_build.dataset, "trig"))
    for path in sorted(queries_dir().glob("*.rq")):
        sparql = path.read_text(encoding="utf-8")
        remote = remote_query(f"{pushed}/query", sparql)
        mine = run_query(local, sparql)
        assert (remote.columns, remote.rows) == (mine.columns, mine.rows), path.name


def test_pushing_again_replaces_instead_of_duplicating(pushed, seed_build):
    quads = len(list(seed_build.dataset.quads((None, None, None, None))))
    assert count(pushed) == quads
    push_dataset(seed_build.dataset, f"{pushed}/store")
    assert count(pushed) == quads


@pytest.mark.parametrize("fmt", ["trig", "nq", "jsonld", "turtle", "nt", "xml"])
def test_every_export_format_loads_into_the_server_with_the_same_count(oxigraph_server, seed_build, fmt):
    media = {"trig": "application/trig", "nq": "application/n-quads", "jsonld": "application/ld+json",
             "turtle": "text/turtle", "nt": "application/n-triples", "xml": "application/rdf+xml"}[fmt]
    graph = f"urn:newsgraph:test:{fmt}"
    named = fmt in ("trig", "nq", "jsonld")
    url = f"{oxigraph_server}/store" + ("" if named else f"?graph={graph}")
    request = urllib.request.Request(url, data=serialize_dataset(seed_build.dataset, fmt), method="POST",
                                     headers={"Content-Type": media})
    before = count(oxigraph_server) if named else 0
    urllib.request.urlopen(request, timeout=30).read()
    if named:  # same quads as already pushed: the store is a set, so nothing is added
        assert count(oxigraph_server) == before
    else:
        triples = {(s, p, o) for s, p, o, _ in seed_build.dataset.quads((None, None, None, None))}
        answer = remote_query(f"{oxigraph_server}/query",
                              f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
        assert int(answer.rows[0][0]) == len(triples)


def test_push_command_dry_run_lists_graphs_and_sends_nothing(tmp_path, seed_build):
    graph = tmp_path / "seed.trig"
    graph.write_bytes(serialize_dataset(seed_build.dataset, "trig"))
    result = CliRunner().invoke(cli, ["push", str(graph), "--endpoint", "http://127.0.0.1:9/store", "--dry-run"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("would PUT https://w3id.org/newsgraph/id/graph/article/")
    assert lines[-1].startswith("Would push 3 graphs, ")  # the article, the entities and the inferred graph


class FlakyHandler(http.server.BaseHTTPRequestHandler):
    """Answers with the next status of ``statuses`` (the last one repeats)."""

    statuses: list[int] = []
    seen: list[tuple[str, str]] = []

    def do_PUT(self) -> None:  # noqa: N802 (http.server's naming)
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        type(self).seen.append((self.command, self.headers.get("Authorization", "")))
        status = self.statuses.pop(0) if len(self.statuses) > 1 else self.statuses[0]
        self.send_response(status)
        self.send_header("Content-Length", "5")
        self.end_headers()
        self.wfile.write(b"oops!")

    def log_message(self, *args) -> None:
        pass


@pytest.fixture()
def flaky():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), FlakyHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    FlakyHandler.seen = []
    yield server, f"http://127.0.0.1:{server.server_address[1]}/store"
    server.shutdown()


def test_transient_errors_are_retried_then_succeed(flaky, seed_build):
    _, url = flaky
    FlakyHandler.statuses = [503, 500, 204]
    pushed = push_dataset(seed_build.dataset, url, backoff=0)
    assert [p.status for p in pushed] == [204, 204, 204]
    assert len(FlakyHandler.seen) == 5  # two failures, then one PUT per graph


def test_a_server_that_keeps_failing_gives_a_clear_error_after_bounded_retries(flaky, seed_build):
    _, url = flaky
    FlakyHandler.statuses = [500]
    with pytest.raises(RemoteError, match=r"^PUT http://127\.0\.0\.1:\d+/store: HTTP 500 .*: oops!$"):
        push_dataset(seed_build.dataset, url, retries=2, backoff=0)
    assert len(FlakyHandler.seen) == 3


def test_client_errors_are_not_retried_and_credentials_come_from_the_environment(flaky, seed_build, monkeypatch):
    _, url = flaky
    FlakyHandler.statuses = [401]
    monkeypatch.setenv("NEWSGRAPH_USER", "analyst")
    monkeypatch.setenv("NEWSGRAPH_PASSWORD", "s3cret")
    with pytest.raises(RemoteError, match="HTTP 401"):
        push_dataset(seed_build.dataset, url, backoff=0)
    assert FlakyHandler.seen == [("PUT", "Basic YW5hbHlzdDpzM2NyZXQ=")]


def test_credentials_from_a_netrc_file(flaky, seed_build, monkeypatch, tmp_path):
    _, url = flaky
    FlakyHandler.statuses = [204]
    monkeypatch.delenv("NEWSGRAPH_USER", raising=False)
    netrc = tmp_path / "netrc"
    netrc.write_text("machine 127.0.0.1 login bot password pw\n")
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    push_dataset(seed_build.dataset, url, backoff=0)
    assert {auth for _, auth in FlakyHandler.seen} == {"Basic Ym90OnB3"}


def test_unreachable_endpoint_is_a_one_line_error_with_exit_2(tmp_path, seed_build):
    graph = tmp_path / "seed.trig"
    graph.write_bytes(serialize_dataset(seed_build.dataset, "trig"))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed = s.getsockname()[1]
    result = CliRunner().invoke(cli, ["push", str(graph), "--endpoint", f"http://127.0.0.1:{closed}/store"])
    assert result.exit_code == 2
    assert result.output.count("\n") == 1
    assert "cannot reach the endpoint" in result.output and "after 4 attempts" in result.output


def test_remote_query_refuses_updates_before_sending(monkeypatch):
    from newsgraph.errors import QueryError

    with pytest.raises(QueryError, match="read-only"):
        remote_query("http://127.0.0.1:9/query", "DELETE WHERE { ?s ?p ?o }")


def test_endpoint_must_be_http():
    with pytest.raises(RemoteError, match="not an http"):
        remote_query("file:///etc/passwd", "ASK {}")


class SlowHandler(http.server.BaseHTTPRequestHandler):
    """Answers every PUT only after ``delay`` seconds: a server that hangs."""

    delay = 2.0
    seen: list[str] = []

    def do_PUT(self) -> None:  # noqa: N802 (http.server's naming)
        type(self).seen.append(self.path)
        time.sleep(self.delay)
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


def test_a_slow_server_times_out_after_bounded_retries(seed_build):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), SlowHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    SlowHandler.seen = []
    url = f"http://127.0.0.1:{server.server_address[1]}/store"
    started = time.monotonic()
    try:
        with pytest.raises(RemoteError, match=r"^PUT http://127\.0\.0\.1:\d+/store: cannot reach the endpoint "
                                              r"\(timed out\) after 2 attempts$"):
            push_dataset(seed_build.dataset, url, retries=1, backoff=0.01, timeout=0.3)
    finally:
        server.shutdown()
    assert time.monotonic() - started < SlowHandler.delay + 1
    assert len(SlowHandler.seen) == 2  # the first graph, tried twice; nothing after it is sent


def two_graphs(version: str) -> Dataset:
    ds = Dataset()
    for name in ("a", "b"):
        graph = ds.graph(URIRef(f"urn:newsgraph:test:partial:{name}"))
        for i in range(50):
            graph.add((URIRef(f"urn:newsgraph:test:s{i}"), URIRef("urn:newsgraph:test:p"), RDFLiteral(f"{version}-{name}")))
    return ds


def test_a_push_that_fails_half_way_leaves_each_graph_whole(oxigraph_server):
    """The server takes the first graph, then fails: that graph is replaced, the next is untouched."""
    push_dataset(two_graphs("old"), f"{oxigraph_server}/store")

    class ForwardOnce(http.server.BaseHTTPRequestHandler):
        forwarded = 0

        def do_PUT(self) -> None:  # noqa: N802 (http.server's naming)
            body = self.rfile.read(int(self.headers["Content-Length"]))
            status = 503
            if not type(self).forwarded:
                type(self).forwarded += 1
                upstream = urllib.request.Request(f"{oxigraph_server}{self.path}", data=body, method="PUT",
                                                  headers={"Content-Type": self.headers["Content-Type"]})
                status = urllib.request.urlopen(upstream, timeout=30).status
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args) -> None:
            pass

    proxy = http.server.ThreadingHTTPServer(("127.0.0.1", 0), ForwardOnce)
    threading.Thread(target=proxy.serve_forever, daemon=True).start()
    try:
        with pytest.raises(RemoteError, match="HTTP 503"):
            push_dataset(two_graphs("new"), f"http://127.0.0.1:{proxy.server_address[1]}/store", retries=1, backoff=0)
    finally:
        proxy.shutdown()
    answer = remote_query(f"{oxigraph_server}/query", """
        SELECT ?g ?o (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s <urn:newsgraph:test:p> ?o } } GROUP BY ?g ?o ORDER BY ?g""")
    assert answer.rows == [["<urn:newsgraph:test:partial:a>", "new-a", "50"],
                           ["<urn:newsgraph:test:partial:b>", "old-b", "50"]]


def test_a_pushed_corpus_store_answers_the_shipped_queries_as_the_store_does(oxigraph_server, tmp_path):
    from newsgraph.pipeline import build_into_store

    articles = Path(__file__).resolve().parent / "data" / "articles"
    store = tmp_path / "corpus"
    build_into_store([articles / "001_mali-kerdoumbe-market-attack.txt",
                      articles / "005_philippines-datu-marangit-bus-bombing.txt"], store)
    server = oxigraph_server  # start from an empty server: the store is all that should answer
    urllib.request.urlopen(urllib.request.Request(f"{server}/update", data=b"DROP ALL", method="POST",
                                                  headers={"Content-Type": "application/sparql-update"}),
                           timeout=30).read()
    result = CliRunner().invoke(cli, ["push", "--store", str(store), "--endpoint", f"{server}/store"])
    assert result.exit_code == 0, result.output
    for path in sorted(queries_dir().glob("*.rq")):
        sparql = path.read_text(encoding="utf-8")
        remote = remote_query(f"{server}/query", sparql)
        with oxigraph_store(store) as database:
            mine = run_query(database, sparql)
        assert (remote.columns, remote.rows) == (mine.columns, mine.rows), path.name
