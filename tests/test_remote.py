"""Push to and query a real Oxigraph server over HTTP; retries and errors against a failing one."""

from __future__ import annotations

import hashlib
import http.server
import os
import json
import re
import shutil
import socket
import subprocess
import threading
import time
import urllib.parse
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


def start_oxigraph(location: Path, *flags: str) -> tuple[subprocess.Popen, str]:
    """A real Oxigraph server on a free loopback port; the caller stops it by its PID."""
    if OXIGRAPH is None:
        pytest.fail("the oxigraph server is not installed: pip install -e '.[test]' installs it")
    port = free_port()
    process = subprocess.Popen([OXIGRAPH, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}",
                                *flags], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while True:
        try:
            urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=1).read()
            return process, base
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail("the oxigraph server did not start")
            time.sleep(0.1)


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def oxigraph_server(tmp_path_factory):
    """Oxigraph with the union of the named graphs as its default graph, as the README advises."""
    process, base = start_oxigraph(tmp_path_factory.mktemp("oxigraph"), "--union-default-graph")
    yield base
    stop(process)


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
    """Answers with the next status of ``statuses`` (the last one repeats); with ``challenge`` set,
    a request without credentials gets 401 and that challenge first."""

    statuses: list[int] = []
    seen: list[tuple[str, str]] = []
    challenge = ""

    def do_PUT(self) -> None:  # noqa: N802 (http.server's naming)
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        type(self).seen.append((self.command, self.headers.get("Authorization", "")))
        if self.challenge and "Authorization" not in self.headers:
            self.send_response(401)
            self.send_header("WWW-Authenticate", self.challenge)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
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
    FlakyHandler.challenge = ""
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
    """The password goes only in answer to the server's Basic challenge, and a refusal is final."""
    _, url = flaky
    FlakyHandler.statuses = [401]
    FlakyHandler.challenge = 'Basic realm="store"'
    monkeypatch.setenv("NEWSGRAPH_USER", "analyst")
    monkeypatch.setenv("NEWSGRAPH_PASSWORD", "s3cret")
    with pytest.raises(RemoteError, match="HTTP 401"):
        push_dataset(seed_build.dataset, url, backoff=0)
    assert FlakyHandler.seen == [("PUT", ""), ("PUT", "Basic YW5hbHlzdDpzM2NyZXQ=")]


def test_credentials_from_a_netrc_file(flaky, seed_build, monkeypatch, tmp_path):
    """Once the server asked for Basic, the next graphs carry it at once (no second challenge)."""
    _, url = flaky
    FlakyHandler.statuses = [204]
    FlakyHandler.challenge = 'Basic realm="store"'
    monkeypatch.delenv("NEWSGRAPH_USER", raising=False)
    netrc = tmp_path / "netrc"
    netrc.write_text("machine 127.0.0.1 login bot password pw\n")
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    push_dataset(seed_build.dataset, url, backoff=0)
    # The first graph is sent without credentials, challenged, then sent again with them; the
    # other two (the entities graph, the inferred graph) with them at once.
    assert FlakyHandler.seen == [("PUT", ""), ("PUT", "Basic Ym90OnB3"), ("PUT", "Basic Ym90OnB3"),
                                 ("PUT", "Basic Ym90OnB3")]


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


# --- HTTP behaviour against loopback servers: redirects, credentials, the query form, time bounds ---

SELECT_ONE = {"head": {"vars": ["x"]}, "results": {"bindings": [{"x": {"type": "literal", "value": "here"}}]}}


class Recorder(http.server.BaseHTTPRequestHandler):
    """Records each request; ``answer(handler, body)`` decides what to send back."""

    def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.server.seen.append((self.command, self.path, dict(self.headers), body))  # type: ignore[attr-defined]
        self.server.answer(self, body)  # type: ignore[attr-defined]

    do_GET = do_POST
    do_PUT = do_POST

    def reply(self, status: int, body: bytes = b"", **headers: str) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture()
def servers():
    """Start loopback servers on demand: ``start(answer)`` gives the base URL and the requests seen."""
    started = []

    def start(answer):
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
        server.daemon_threads = True
        server.block_on_close = False  # do not wait for a handler that plays a hung server
        server.seen, server.answer = [], answer
        threading.Thread(target=server.serve_forever, daemon=True).start()
        started.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}", server.seen

    yield start
    for server in started:
        server.shutdown()
        server.server_close()


def results(handler, _body) -> None:
    handler.reply(200, json.dumps(SELECT_ONE).encode(), Content_Type="application/sparql-results+json")


@pytest.mark.parametrize("code", [301, 302, 303, 307, 308])
def test_a_redirect_to_another_origin_is_not_followed_and_gets_no_credentials(servers, monkeypatch, code):
    other, other_seen = servers(results)

    def redirect(handler, _body):
        if "Authorization" not in handler.headers:
            handler.reply(401, WWW_Authenticate='Basic realm="q"')
        else:
            handler.reply(code, Location=f"{other}/steal")

    first, first_seen = servers(redirect)
    monkeypatch.setenv("NEWSGRAPH_USER", "analyst")
    monkeypatch.setenv("NEWSGRAPH_PASSWORD", "s3cret")
    result = CliRunner().invoke(cli, ["query", "--endpoint", f"{first}/query", "SELECT ?x WHERE { ?x ?p ?o }"])
    assert result.exit_code == 2
    assert result.output == (f"Error: POST {first}/query: the server redirects (HTTP {code}) to {other}/steal, "
                             "another server; not followed, so neither the request nor credentials go there "
                             "(give that URL as the endpoint if you trust it)\n")
    assert other_seen == []
    assert len(first_seen) == 2  # the challenge, then the answer with credentials: no retry


def test_a_same_origin_307_is_followed_without_credentials(servers, monkeypatch):
    def answer(handler, _body):
        if handler.path == "/moved":
            results(handler, _body)
        elif "Authorization" not in handler.headers:
            handler.reply(401, WWW_Authenticate='Basic realm="q"')
        else:
            handler.reply(307, Location="/moved")

    base, seen = servers(answer)
    monkeypatch.setenv("NEWSGRAPH_USER", "analyst")
    monkeypatch.setenv("NEWSGRAPH_PASSWORD", "s3cret")
    answer_ = remote_query(f"{base}/query", "SELECT ?x WHERE { ?x ?p ?o }")
    assert answer_.rows == [["here"]]
    assert [(method, path, "Authorization" in headers) for method, path, headers, _ in seen] == [
        ("POST", "/query", False), ("POST", "/query", True), ("POST", "/moved", False)]
    assert seen[2][3] == seen[1][3]  # the query itself goes along, as 307 asks


@pytest.mark.parametrize("code", [301, 302, 303])
def test_a_same_origin_redirect_that_drops_the_body_is_refused(servers, code):
    base, seen = servers(lambda handler, _body: handler.reply(code, Location="/elsewhere"))
    with pytest.raises(RemoteError, match=rf"^POST {base}/query: the server redirects \(HTTP {code}\) to "
                                          rf"{base}/elsewhere; not followed, as the POST would lose its body"):
        remote_query(f"{base}/query", "ASK { ?s ?p ?o }")
    assert len(seen) == 1


def test_a_push_redirected_to_another_origin_sends_nothing_there(servers, seed_build):
    other, other_seen = servers(lambda handler, _body: handler.reply(204))
    first, _ = servers(lambda handler, _body: handler.reply(308, Location=f"{other}/store"))
    with pytest.raises(RemoteError, match=r"^PUT http://127\.0\.0\.1:\d+/store: the server redirects \(HTTP 308\)"):
        push_dataset(seed_build.dataset, f"{first}/store", backoff=0)
    assert other_seen == []


@pytest.mark.parametrize("command", [["push", "GRAPH", "--dry-run"], ["push", "GRAPH"], ["query", "ASK {}"]])
def test_user_info_in_an_endpoint_url_is_refused_and_never_printed(tmp_path, seed_build, command):
    graph = tmp_path / "seed.trig"
    graph.write_bytes(serialize_dataset(seed_build.dataset, "trig"))
    args = [str(graph) if arg == "GRAPH" else arg for arg in command]
    result = CliRunner().invoke(cli, [*args, "--endpoint", "http://analyst:s3cret@127.0.0.1:9/store"])
    assert result.exit_code == 2
    assert result.output == ("Error: http://***@127.0.0.1:9/store: user info (user:password@) in the endpoint "
                             "URL is refused, as it would show in the process list and the shell history; "
                             "set NEWSGRAPH_USER and NEWSGRAPH_PASSWORD or use ~/.netrc\n")


@pytest.mark.parametrize("endpoint", ["ftp://analyst:s3cret@127.0.0.1/store", "http://analyst:s3/cret@127.0.0.1/s",
                                      "http://analyst:s3?cret@127.0.0.1/s", "http://analyst:s3cret@/s"])
def test_malformed_endpoint_urls_with_user_info_are_redacted(endpoint):
    with pytest.raises(RemoteError) as error:
        remote_query(endpoint, "ASK {}")
    assert "s3" not in str(error.value) and "cret" not in str(error.value) and "***@" in str(error.value)


def test_a_malformed_netrc_names_the_file_and_line_and_shows_none_of_it(tmp_path, monkeypatch, seed_build):
    netrc = tmp_path / "netrc"
    netrc.write_text("machine 127.0.0.2 login bot password pw\nmachine 127.0.0.1 login bot password correct horse battery\n")
    netrc.chmod(0o600)
    monkeypatch.delenv("NEWSGRAPH_USER", raising=False)
    monkeypatch.setenv("NETRC", str(netrc))
    graph = tmp_path / "seed.trig"
    graph.write_bytes(serialize_dataset(seed_build.dataset, "trig"))
    result = CliRunner().invoke(cli, ["push", str(graph), "--endpoint", "http://127.0.0.1:9/store"])
    assert result.exit_code == 2
    assert result.output == (f"Error: {netrc}, near line 2: not a valid netrc file; fix or remove it "
                             "(its contents are not shown)\n")


def test_queries_go_as_the_form_post_every_server_answers(servers):
    """Like Virtuoso: a direct ``application/sparql-query`` POST is never answered, the form POST is."""

    def form_only(handler, body):
        if handler.headers.get("Content-Type") != "application/x-www-form-urlencoded":
            time.sleep(30)
            return
        query = urllib.parse.parse_qs(body.decode())["query"][0]
        assert query.rstrip().endswith("SELECT ?x WHERE { ?x ?p ?o }")
        results(handler, body)

    base, seen = servers(form_only)
    answer = remote_query(f"{base}/sparql", "SELECT ?x WHERE { ?x ?p ?o }", timeout=5)
    assert answer.rows == [["here"]]
    assert seen[0][2]["Accept"] == "application/sparql-results+json"


def test_a_server_that_never_answers_a_query_is_a_one_line_error_with_exit_2(servers):
    base, seen = servers(lambda handler, _body: time.sleep(30))
    started = time.monotonic()
    result = CliRunner().invoke(cli, ["query", "--endpoint", f"{base}/sparql", "ASK { ?s ?p ?o }",
                                      "--timeout", "0.5"])
    assert time.monotonic() - started < 5
    assert result.exit_code == 2
    assert result.output == f"Error: POST {base}/sparql: no answer within 0.5 s\n"
    assert len(seen) == 1  # a query that took too long is not sent again


def test_an_answer_trickling_in_is_cut_off_at_the_timeout(servers):
    def trickle(handler, _body):
        handler.send_response(200)
        handler.send_header("Content-Type", "application/sparql-results+json")
        handler.end_headers()
        try:
            for _ in range(100):
                handler.wfile.write(b" ")
                handler.wfile.flush()
                time.sleep(0.1)
        except OSError:
            pass

    base, _ = servers(trickle)
    started = time.monotonic()
    with pytest.raises(RemoteError, match=r"no answer within 0\.5 s$"):
        remote_query(f"{base}/sparql", "ASK { ?s ?p ?o }", timeout=0.5)
    assert time.monotonic() - started < 3


def digest_answer(user: str, password: str, realm: str = "newsgraph-test"):
    """A Graph Store endpoint that takes a PUT only with valid HTTP Digest credentials (RFC 7616, MD5)."""
    nonce = "dcd98b7102dd2f0e8b11d0f600bfb0c093"

    def md5(text: str) -> str:
        return hashlib.md5(text.encode()).hexdigest()

    def answer(handler, _body):
        header = handler.headers.get("Authorization", "")
        if header.startswith("Digest "):
            fields = dict(re.findall(r'(\w+)="?([^",]*)"?', header[len("Digest "):]))
            expected = md5(":".join([md5(f"{user}:{realm}:{password}"), fields["nonce"], fields["nc"],
                                     fields["cnonce"], fields["qop"], md5(f"{handler.command}:{fields['uri']}")]))
            if fields.get("response") == expected and fields.get("username") == user:
                handler.reply(201)
                return
        handler.reply(401, WWW_Authenticate=f'Digest realm="{realm}", qop="auth", nonce="{nonce}", algorithm=MD5')

    return answer


def test_push_answers_a_digest_challenge_and_never_sends_basic(servers, seed_build, monkeypatch):
    base, seen = servers(digest_answer("analyst", "s3cret"))
    monkeypatch.setenv("NEWSGRAPH_USER", "analyst")
    monkeypatch.setenv("NEWSGRAPH_PASSWORD", "s3cret")
    pushed = push_dataset(seed_build.dataset, f"{base}/sparql-graph-crud-auth", backoff=0)
    assert [p.status for p in pushed] == [201, 201, 201]
    schemes = [headers.get("Authorization", "").split(" ")[0] for _, _, headers, _ in seen]
    assert schemes == ["", "Digest", "Digest", "Digest"]  # one challenge; the next graphs reuse the nonce


def test_a_wrong_digest_password_is_a_one_line_http_401(servers, seed_build, monkeypatch):
    base, _ = servers(digest_answer("analyst", "s3cret"))
    monkeypatch.setenv("NEWSGRAPH_USER", "analyst")
    monkeypatch.setenv("NEWSGRAPH_PASSWORD", "wrong")
    with pytest.raises(RemoteError, match=rf"^PUT {base}/sparql-graph-crud-auth: HTTP 401 Unauthorized$"):
        push_dataset(seed_build.dataset, f"{base}/sparql-graph-crud-auth", backoff=0)


def test_no_rows_from_a_server_without_a_union_default_graph_warns_what_to_do(tmp_path, seed_build):
    process, base = start_oxigraph(tmp_path / "plain")
    try:
        push_dataset(seed_build.dataset, f"{base}/store")
        result = CliRunner().invoke(cli, ["query", "--endpoint", f"{base}/query",
                                          "--file", str(queries_dir() / "attacks.rq")])
        rows = remote_query(f"{base}/query", (queries_dir() / "attacks.rq").read_text(encoding="utf-8")).rows
    finally:
        stop(process)
    assert result.exit_code == 0, result.output
    assert rows == []
    assert result.stderr == (
        f"newsgraph: WARNING: {base}/query: no rows, and the server's default graph is empty while its named "
        "graphs hold data: its default graph is not the union of its named graphs. Start Oxigraph with "
        "`serve --union-default-graph`, set `tdb2:unionDefaultGraph true` on the Fuseki dataset, or read "
        "the named graphs with GRAPH ?g { … } in the query\n")


def test_a_union_default_graph_gives_rows_and_no_rows_there_gives_no_warning(pushed):
    rows = CliRunner().invoke(cli, ["query", "--endpoint", f"{pushed}/query",
                                    "--file", str(queries_dir() / "attacks.rq")])
    assert rows.exit_code == 0 and rows.stderr == ""
    assert remote_query(f"{pushed}/query", (queries_dir() / "attacks.rq").read_text(encoding="utf-8")).rows
    none = CliRunner().invoke(cli, ["query", "--endpoint", f"{pushed}/query",
                                    "SELECT ?x WHERE { ?x a <urn:newsgraph:test:Nothing> }"])
    assert none.exit_code == 0 and none.stderr == ""


# --- A real Virtuoso 7 (Debian's virtuoso-opensource-7-bin) on loopback ---

VIRTUOSO, VIRTUOSO_ISQL = shutil.which("virtuoso-t"), shutil.which("isql-vt")
VIRTUOSO_INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
NumberOfBuffers = 2000
MaxDirtyBuffers = 1200
DirsAllowed = ., {dir}

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
ServerThreads = 4

[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 60
"""


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory):
    """Virtuoso on two free loopback ports from a small ini, with a user ``newsgraph`` that may update
    graphs over ``/sparql-graph-crud-auth`` (HTTP Digest); stopped by its PID at the end. Skipped when
    Virtuoso is not installed, unless NEWSGRAPH_REQUIRE_VIRTUOSO=1 (``.ci/run`` sets it)."""
    if VIRTUOSO is None or VIRTUOSO_ISQL is None:
        if os.environ.get("NEWSGRAPH_REQUIRE_VIRTUOSO") == "1":
            pytest.fail("NEWSGRAPH_REQUIRE_VIRTUOSO=1 but virtuoso-t or isql-vt is missing "
                        "(apt-get install virtuoso-opensource-7-bin)")
        pytest.skip("Virtuoso is not installed (apt-get install virtuoso-opensource-7-bin)")
    folder = tmp_path_factory.mktemp("virtuoso")
    sql_port, http_port = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(dir=folder, sql_port=sql_port, http_port=http_port))
    process = subprocess.Popen([VIRTUOSO, "+foreground", "+configfile", str(ini)], cwd=folder,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{http_port}"
    try:
        deadline = time.monotonic() + 120  # a new database takes 10-20 s to create on a busy machine
        while True:
            try:
                remote_query(f"{base}/sparql", "ASK { ?s ?p ?o }", retries=0, timeout=5)
                break
            except RemoteError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"Virtuoso did not start: {(folder / 'virtuoso.log').read_text()[-2000:]}")
                time.sleep(0.5)
        grant = ("DB.DBA.USER_CREATE('newsgraph', 'velka-front'); GRANT SPARQL_UPDATE TO \"newsgraph\";")
        subprocess.run([VIRTUOSO_ISQL, f"127.0.0.1:{sql_port}", "dba", "dba", f"exec={grant}"],
                       stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, check=True, timeout=60)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


SEED_GRAPH = Path(__file__).resolve().parent.parent / "graphs" / "graph.trig"


@pytest.fixture(scope="module")
def virtuoso_pushed(virtuoso):
    """The seed graph pushed to Virtuoso's Digest-protected Graph Store endpoint with the CLI."""
    anonymous = CliRunner().invoke(cli, ["push", str(SEED_GRAPH), "--endpoint", f"{virtuoso}/sparql-graph-crud"],
                                   env={"NEWSGRAPH_USER": None})
    assert anonymous.exit_code == 2 and "HTTP 403" in anonymous.output  # Virtuoso's anonymous endpoint
    pushed = CliRunner().invoke(cli, ["push", str(SEED_GRAPH), "--endpoint", f"{virtuoso}/sparql-graph-crud-auth"],
                                env={"NEWSGRAPH_USER": "newsgraph", "NEWSGRAPH_PASSWORD": "velka-front"})
    assert pushed.exit_code == 0, pushed.output
    return virtuoso


@pytest.mark.parametrize("name", [
    path.name for path in sorted(queries_dir().glob("*.rq"))])
def test_virtuoso_answers_each_shipped_query_as_locally(virtuoso_pushed, name):
    sparql = (queries_dir() / name).read_text(encoding="utf-8")
    mine = run_query(SEED_GRAPH, sparql)
    assert mine.rows  # a comparison of two empty answers would prove nothing
    remote = remote_query(f"{virtuoso_pushed}/sparql", sparql)
    assert (remote.columns, remote.rows) == (mine.columns, mine.rows)


def test_virtuoso_ask_answers_are_booleans_and_the_push_replaces(virtuoso_pushed, seed_build):
    """Virtuoso answers an ASK as a one-cell table of 1 or 0; pushing again does not duplicate."""
    assert remote_query(f"{virtuoso_pushed}/sparql", "ASK { ?s a ng:Attack }").boolean is True
    assert remote_query(f"{virtuoso_pushed}/sparql", "ASK { ?s a <urn:newsgraph:test:Nothing> }").boolean is False
    count_triples = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), STR(id:))) }"
    before = remote_query(f"{virtuoso_pushed}/sparql", count_triples).rows
    result = CliRunner().invoke(cli, ["push", str(SEED_GRAPH), "--endpoint", f"{virtuoso_pushed}/sparql-graph-crud-auth"],
                                env={"NEWSGRAPH_USER": "newsgraph", "NEWSGRAPH_PASSWORD": "velka-front"})
    assert result.exit_code == 0, result.output
    assert remote_query(f"{virtuoso_pushed}/sparql", count_triples).rows == before
    assert before == [[result.output.splitlines()[-1].split()[3]]]  # "Pushed 2 graphs, N triples to ..."


def test_other_lexical_forms_of_booleans_and_ask_tables_read_as_local_ones(servers):
    """Virtuoso's answers without Virtuoso: xsd:boolean 0/1, and an ASK as a one-cell table."""
    boolean = "http://www.w3.org/2001/XMLSchema#boolean"

    def answer(handler, body):
        if "ASK" in urllib.parse.parse_qs(body.decode())["query"][0]:
            cell = {"__ASK_RETVAL": {"type": "typed-literal", "datatype": "http://www.w3.org/2001/XMLSchema#integer",
                                     "value": "0"}}
            data = {"head": {"vars": ["__ASK_RETVAL"]}, "results": {"bindings": [cell]}}
        else:
            data = {"head": {"vars": ["d"]}, "results": {"bindings": [
                {"d": {"type": "typed-literal", "datatype": boolean, "value": value}} for value in ("0", "1")]}}
        handler.reply(200, json.dumps(data).encode(), Content_Type="application/sparql-results+json")

    base, _ = servers(answer)
    assert remote_query(f"{base}/sparql", "SELECT ?d WHERE { ?s ng:disputed ?d }").rows == [["false"], ["true"]]
    ask = remote_query(f"{base}/sparql", "ASK { ?s ?p ?o }")
    assert (ask.kind, ask.boolean) == ("ask", False)


def test_a_challenge_without_credentials_says_where_they_come_from(servers, monkeypatch, tmp_path):
    base, _ = servers(lambda handler, _body: handler.reply(401, WWW_Authenticate='Digest realm="q", nonce="n"'))
    monkeypatch.delenv("NEWSGRAPH_USER", raising=False)
    monkeypatch.setenv("NETRC", str(tmp_path / "absent"))
    with pytest.raises(RemoteError, match=rf"^POST {base}/sparql: HTTP 401 Unauthorized \(no credentials: set "
                                          r"NEWSGRAPH_USER and NEWSGRAPH_PASSWORD or use ~/\.netrc\)$"):
        remote_query(f"{base}/sparql", "ASK { ?s ?p ?o }")


def test_a_redirect_to_a_malformed_location_is_refused_in_one_line(servers):
    base, _ = servers(lambda handler, _body: handler.reply(307, Location="http://127.0.0.1:port/x"))
    with pytest.raises(RemoteError, match=r"redirects \(HTTP 307\) to http://127\.0\.0\.1:port/x, another server"):
        remote_query(f"{base}/sparql", "ASK { ?s ?p ?o }")
