"""Query results other tools can read (SPARQL 1.1 JSON, CSV, TSV), tables that fit, query limits,
and data that cannot drive a terminal or a spreadsheet (issue 14 point 3; issue 15 M3, L6, L7, L11)."""

from __future__ import annotations

import http.server
import io
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from pyoxigraph import QueryResultsFormat
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.query import Result

from newsgraph.cli import cli
from newsgraph.errors import QueryError
from newsgraph.query import Limits, solutions, write_results
from newsgraph.rdfio import load_store
from newsgraph.tables import QueryResult, fit_widths, format_result, guard_formula, terminal_safe

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "graphs" / "graph.trig"
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")]))}
# The command line in a child process; the last line of stderr is the peak resident memory (MB)
# of it (VmHWM: ru_maxrss of RUSAGE_SELF keeps the peak of the forked test runner across exec)
# and of the processes it waited for (the query's own child process).
MEASURED = """
import re, resource, sys
from newsgraph.cli import main
try:
    main()
finally:
    with open("/proc/self/status") as status:
        own = int(re.search(r"VmHWM:\\s+(\\d+)", status.read()).group(1))
    print(max(own, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) // 1024, file=sys.stderr)
"""
CARTESIAN = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"

HOSTILE = """\
@prefix ng: <https://w3id.org/newsgraph/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<https://w3id.org/newsgraph/id/graph/article/a1> {
  <https://w3id.org/newsgraph/id/armed-group/velka-front> a ng:ArmedGroup ;
      rdfs:label "Velka Front" ;
      rdfs:comment "says \\"hi\\", then\\nleaves\\ttab \\\\ back"@en ;
      ng:note "=HYPERLINK(\\"http://evil.example/\\",\\"click\\")" , "-5" , "-x+1" , "@SUM(A1)" , "+7" ;
      ng:killed 12 ;
      ng:score 0.25 ;
      ng:ratio 1.5E3 ;
      ng:negative -3 ;
      ng:flag true ;
      ng:foundedOn "2021-03-04"^^xsd:date ;
      ng:related _:b1 .
  _:b1 rdfs:label "Ostrava Dol" .
  <https://w3id.org/newsgraph/id/person/dravik> a ng:Person ;
      rdfs:label "Dravik \\u001b]0;pwned\\u0007Brigade\\u001b[2J" .
}
"""
ALL_TERMS = ("SELECT ?s ?p ?o ?none WHERE { ?s ?p ?o OPTIONAL { ?s ng:nothing ?none } "
             "FILTER(!isBlank(?s) && !isBlank(?o)) } ORDER BY STR(?s) STR(?p) STR(?o)")


def run(*args: str | Path):
    return CliRunner().invoke(cli, [str(a) for a in args])


def stdout(*args: str | Path) -> str:
    """What the command wrote to stdout, line ends as written (``result.output`` makes CRLF LF)."""
    result = run(*args)
    assert result.exit_code == 0, result.output
    return result.stdout_bytes.decode("utf-8")


def measured(*args: str | Path, timeout: float = 120) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-c", MEASURED, *map(str, args)], capture_output=True,
                          timeout=timeout, env=ENV, cwd=ROOT)


@pytest.fixture()
def hostile(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.trig"
    path.write_text(HOSTILE, encoding="utf-8")
    return path


def _reference(path: Path, sparql: str, fmt: QueryResultsFormat) -> str:
    from newsgraph.query.check import execute

    return execute(load_store(path), sparql).serialize(format=fmt).decode("utf-8")


# --- SPARQL 1.1 results ------------------------------------------------------------------------

@pytest.mark.parametrize(("fmt", "oxigraph_format"), [("json", QueryResultsFormat.JSON),
                                                      ("csv", QueryResultsFormat.CSV),
                                                      ("tsv", QueryResultsFormat.TSV)])
def test_json_csv_and_tsv_are_the_sparql_results_formats_pyoxigraph_writes(hostile, fmt, oxigraph_format):
    """Byte for byte what pyoxigraph's own serializers write (JSON ends with a newline here), with
    every kind of term: IRIs, language tags, datatypes, quotes, commas, line breaks, tabs,
    backslashes, unbound values (blank nodes: the next test)."""
    output = stdout("query", hostile, ALL_TERMS, "--format", fmt, "--raw-csv")
    expected = _reference(hostile, ALL_TERMS, oxigraph_format)
    assert output == expected + ("\n" if fmt == "json" else "")


def test_blank_nodes_get_the_same_labels_every_run(hostile):
    sparql = "SELECT ?x ?name WHERE { ?g ng:related ?x . ?x rdfs:label ?name }"
    for fmt, expected in [("tsv", '?x\t?name\n_:b0\t"Ostrava Dol"\n'), ("csv", "x,name\r\n_:b0,Ostrava Dol\r\n")]:
        assert stdout("query", hostile, sparql, "--format", fmt) == expected
        assert stdout("query", hostile, sparql, "--format", fmt) == expected
    binding = json.loads(stdout("query", hostile, sparql, "--format", "json"))["results"]["bindings"][0]
    assert binding["x"] == {"type": "bnode", "value": "b0"}


def test_results_parse_back_with_rdflib_to_the_same_terms(hostile):
    """JSON, CSV and TSV parse with rdflib's standard SPARQL result parsers; JSON and TSV keep
    each term's kind, datatype and language; CSV keeps full IRIs and lexical forms."""
    sparql = ("SELECT ?s ?o WHERE { ?s ?p ?o FILTER(?p IN (rdfs:comment, ng:killed, ng:score, ng:flag, "
              "ng:foundedOn, ng:related)) } ORDER BY STR(?p)")
    parsed = {fmt: Result.parse(io.BytesIO(stdout("query", hostile, sparql, "--format", fmt).encode()), format=fmt)
              for fmt in ("json", "csv", "tsv")}
    group = URIRef("https://w3id.org/newsgraph/id/armed-group/velka-front")
    typed = [(group, Literal("says \"hi\", then\nleaves\ttab \\ back", lang="en")),
             (group, Literal("true", datatype=XSD.boolean)),
             (group, Literal("2021-03-04", datatype=XSD.date)),
             (group, Literal("12", datatype=XSD.integer)),
             (group, "bnode"),
             (group, Literal("0.25", datatype=XSD.decimal))]
    for fmt in ("json", "tsv"):
        rows = [tuple(row) for row in parsed[fmt]]
        assert [r if not isinstance(r[1], BNode) else (r[0], "bnode") for r in rows] == typed, fmt
        assert [str(v) for v in parsed[fmt].vars] == ["s", "o"]
    csv_rows = [tuple(str(value) for value in row) for row in parsed["csv"]]
    assert [row[0] for row in csv_rows] == [str(group)] * 6
    assert [row[1] for row in csv_rows if not row[1].startswith("_:")] == [
        "says \"hi\", then\nleaves\ttab \\ back", "true", "2021-03-04", "12", "0.25"]


def test_csv_lines_end_in_crlf_and_the_header_names_the_variables(hostile):
    output = stdout("query", hostile, "SELECT ?name ?n WHERE { ?g rdfs:label ?name OPTIONAL { ?g ng:killed ?n } } "
                    "ORDER BY ?name", "--format", "csv")
    assert output.startswith("name,n\r\n")
    assert output.split("\r\n")[1:3] == ["Dravik \x1b]0;pwned\x07Brigade\x1b[2J,", "Ostrava Dol,"]
    assert output.endswith("Velka Front,12\r\n") and "\n" not in output.replace("\r\n", "")


def test_ask_is_a_sparql_boolean_in_json(hostile):
    assert json.loads(run("query", hostile, "ASK { ?s a ng:Person }", "--format", "json").output) == {
        "head": {}, "boolean": True}
    assert run("query", hostile, "ASK { ?s a ng:Attack }", "--format", "tsv").output == "false\n"
    assert run("query", hostile, "ASK { ?s a ng:Attack }").output == "false\n"


def test_the_table_keeps_the_compact_prefixed_form(hostile):
    assert stdout("query", hostile, "SELECT ?g ?n WHERE { ?g ng:killed ?n }") == (
        "g                           n\n"
        "--------------------------  --\n"
        "id:armed-group/velka-front  12\n")


def test_tables_fit_the_width_with_an_ellipsis_and_the_same_rows_give_the_same_table(hostile):
    sparql = "SELECT ?s ?comment WHERE { ?s rdfs:comment ?comment }"
    wide = run("query", hostile, sparql).output
    assert "then leaves tab \\ back" in wide  # a pipe: no width limit
    narrow = run("query", hostile, sparql, "--width", "40")
    assert narrow.exit_code == 0
    lines = narrow.output.splitlines()
    assert max(len(line) for line in lines) <= 40
    assert lines[2].endswith("…") and lines[2].startswith("id:armed-group/velka-front"[:10])
    assert run("query", hostile, sparql, "--width", "40").output == narrow.output
    assert fit_widths([30, 60, 4], 50) == fit_widths([30, 60, 4], 50) == [21, 21, 4]
    assert fit_widths([2, 2], 1) == [2, 2]  # never below the minimum, even when nothing fits


# --- limits (M3) -------------------------------------------------------------------------------

def test_limit_truncates_with_a_note_and_a_cartesian_product_is_never_materialised():
    result = measured("query", SEED, CARTESIAN, "--format", "csv", "--limit", "5")
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.split(b"\r\n")) == 1 + 5 + 1  # header, five rows, the empty end
    stderr = result.stderr.decode().splitlines()
    assert stderr[:-1] == ["Note: showing the first 5 rows (--limit 5); more rows match."]
    assert int(stderr[-1]) < 400  # MB; materialising the product took 5.7 GB


def test_more_rows_than_max_rows_is_a_one_line_error_exit_2(tmp_path):
    result = run("query", SEED, CARTESIAN, "--max-rows", "100", "--format", "json")
    assert result.exit_code == 2
    assert result.stdout.count("\n") == 1  # the rows so far, on a line of their own
    assert result.stderr.splitlines() == [
        "Error: The query gave more than 100 rows and was stopped: add LIMIT to the query, "
        "or pass --limit N to show the first N rows"]


def test_a_query_past_its_timeout_is_stopped_in_bounded_time_and_memory():
    """ORDER BY makes the engine itself read the whole product before the first row: only
    killing it stops it."""
    started = time.monotonic()
    result = measured("query", SEED, CARTESIAN + " ORDER BY ?a ?i", "--timeout", "1.5")
    elapsed = time.monotonic() - started
    assert result.returncode == 2 and result.stdout == b""
    stderr = result.stderr.decode().splitlines()
    assert stderr[:-1] == ["Error: The query ran for more than 1.5 s and was stopped (--timeout SECONDS allows more)"]
    assert elapsed < 1.5 + 15  # start-up (imports) under load, then the timeout, then the kill
    # The engine grows by some hundreds of MB a second until it is killed (how many depends on the
    # machine's load); the default --max-memory (4096 MB) bounds it whatever the timing.
    assert int(stderr[-1]) < 4096


def test_a_query_past_its_memory_cap_is_a_one_line_error():
    result = measured("query", SEED, CARTESIAN + " ORDER BY ?a ?i", "--max-memory", "400")
    assert result.returncode == 2 and result.stdout == b""
    stderr = result.stderr.decode().splitlines()
    assert stderr[:-1] == ["Error: The query needed more than 400 MB of memory and was stopped: add LIMIT or "
                           "narrow the query (--max-memory MB allows more)"]
    assert int(stderr[-1]) < 450


def test_rows_stream_as_they_come_and_ctrl_c_stops_cleanly_with_exit_130():
    process = subprocess.Popen([sys.executable, "-m", "newsgraph", "query", str(SEED), CARTESIAN, "--format",
                                "tsv", "--max-rows", "100000000", "--timeout", "300"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV, cwd=ROOT)
    try:
        assert process.stdout is not None
        header = process.stdout.readline()
        first = process.stdout.readline()
        assert header.startswith(b"?a\t?b") and first.count(b"\t") == 8
        assert process.poll() is None  # rows arrive while the query still runs
        interrupted = time.monotonic()
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=30)
        assert time.monotonic() - interrupted < 3
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 130
    assert stderr.decode().splitlines() == ["Interrupted: the query was stopped."]


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[-1][0] not in "ZX"
    except OSError:
        return False


def test_kill_9_of_the_command_takes_its_query_process_with_it():
    sparql = CARTESIAN + " ORDER BY ?a ?i"
    process = subprocess.Popen([sys.executable, "-m", "newsgraph", "query", str(SEED), sparql, "--timeout", "300"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV, cwd=ROOT)
    try:
        deadline = time.monotonic() + 60
        while not _children(process.pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        (query_process,) = _children(process.pid)
        process.kill()
        process.wait(timeout=30)
        deadline = time.monotonic() + 5
        while _alive(query_process) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not _alive(query_process)
    finally:
        if process.poll() is None:
            process.kill()


def test_limits_apply_to_the_library_function_too():
    store = load_store(SEED)
    out = io.StringIO()
    summary = write_results(solutions(store, CARTESIAN, Limits(limit=3)), "tsv", out)
    assert (summary.rows, summary.truncated) == (3, True) and len(out.getvalue().splitlines()) == 4
    with pytest.raises(QueryError, match="more than 2 rows"):
        write_results(solutions(store, CARTESIAN, Limits(max_rows=2)), "json", io.StringIO())


# --- terminal escapes (L6) ---------------------------------------------------------------------

def test_terminal_controls_in_data_are_escaped_in_tables_and_explain_but_exact_elsewhere(hostile):
    sparql = "SELECT ?name WHERE { ?p a ng:Person ; rdfs:label ?name }"
    table = run("query", hostile, sparql).output
    assert "\x1b" not in table and "\x07" not in table
    assert "Dravik \\x1b]0;pwned\\x07Brigade\\x1b[2J" in table
    exact = "Dravik \x1b]0;pwned\x07Brigade\x1b[2J"
    assert json.loads(stdout("query", hostile, sparql, "--format", "json"))["results"]["bindings"] == [
        {"name": {"type": "literal", "value": exact}}]
    assert stdout("query", hostile, sparql, "--format", "csv") == f"name\r\n{exact}\r\n"
    assert stdout("query", hostile, sparql, "--format", "tsv") == f'?name\n"{exact}"\n'
    construct = ("CONSTRUCT { ?p rdfs:label ?name } WHERE { ?p a ng:Person ; rdfs:label ?n "
                 "BIND(CONCAT(?n, '\\u009b') AS ?name) }")
    lines = stdout("query", hostile, construct)  # N-Triples escapes C0 controls itself, not C1
    assert "\x1b" not in lines and "\x9b" not in lines and lines.endswith('[2J\\x9b" .\n')
    explained = run("explain", hostile, "Dravik")
    assert explained.exit_code == 0, explained.output
    assert "\x1b" not in explained.output and "\x07" not in explained.output
    assert explained.output.startswith("Dravik \\x1b]0;pwned\\x07Brigade\\x1b[2J <https://w3id.org/")
    data = json.loads(run("explain", hostile, "Dravik", "--format", "json").output)
    assert data["label"] == "Dravik \x1b]0;pwned\x07Brigade\x1b[2J"
    assert terminal_safe("a\x9b31m\x7f\tb\r\nc") == "a\\x9b31m\\x7f\tb c"


# --- CSV formula injection (L7) ----------------------------------------------------------------

def test_csv_cells_a_spreadsheet_would_run_are_guarded_unless_raw(hostile):
    sparql = "SELECT ?note WHERE { ?g ng:note ?note } ORDER BY ?note"
    guarded = stdout("query", hostile, sparql, "--format", "csv").split("\r\n")
    assert guarded[1:-1] == ["+7", "-5", "'-x+1", "\"'=HYPERLINK(\"\"http://evil.example/\"\",\"\"click\"\")\"",
                             "'@SUM(A1)"]
    raw = stdout("query", hostile, sparql, "--format", "csv", "--raw-csv")
    assert raw == _reference(hostile, sparql, QueryResultsFormat.CSV)
    numbers = stdout("query", hostile, "SELECT ?n WHERE { ?g ng:negative ?n }", "--format", "csv")
    assert numbers == "n\r\n-3\r\n"  # negative numbers are data, not formulas
    assert guard_formula("+7") == "+7" and guard_formula("-") == "'-" and guard_formula("\tx") == "'\tx"
    assert format_result(QueryResult(columns=["a"], rows=[["=1+2"], ["-2.5e3"]]), "csv") == "a\r\n'=1+2\r\n-2.5e3\r\n"


# --- query files (L11) -------------------------------------------------------------------------

def test_a_query_file_that_is_not_utf8_is_a_one_line_error_naming_it(tmp_path, hostile):
    latin1 = tmp_path / "latin1.rq"
    latin1.write_bytes('SELECT ?s WHERE {\n  ?s rdfs:label "Ostrava Dól" }\n'.encode("latin-1"))
    result = run("query", hostile, "--file", latin1)
    assert result.exit_code == 2
    assert result.output == f"Error: {latin1}: not UTF-8 text (byte 0xf3 on line 2); save the query as UTF-8\n"
    with_bom = tmp_path / "bom.rq"
    with_bom.write_bytes(b"\xef\xbb\xbfSELECT ?s WHERE { ?s rdfs:label \"Ostrava Dol\" }")
    assert stdout("query", hostile, "--file", with_bom, "--format", "tsv") == "?s\n_:b0\n"


# --- explain, path, contradictions as JSON -----------------------------------------------------

FACT_KEYS = ["subject", "predicate", "object", "subject_label", "predicate_label", "object_label", "text",
             "inferred", "claims", "rule", "score", "certainty", "disputed", "evidence"]


def test_explain_path_and_contradictions_give_json_in_their_documented_shapes():
    report = json.loads(run("explain", SEED, "Denis Nikitin", "--format", "json").output)
    assert list(report) == ["iri", "label", "classes", "aliases", "mentioned_in", "network", "coalition",
                            "chain_of_command", "facts", "denials", "contradictions"]
    assert report["iri"].startswith("https://w3id.org/newsgraph/id/person/") and report["facts"]
    assert all(list(fact) == FACT_KEYS for fact in report["facts"])
    assert all(isinstance(value, float) for value in report["network"].values())
    stated = next(fact for fact in report["facts"] if not fact["inferred"])
    assert stated["claims"] and set(stated["claims"][0]) == {"source", "stance", "sentence", "article"}
    assert stated["object"]["type"] in ("uri", "literal")
    path = json.loads(run("path", SEED, "Denis Nikitin", "attack in Belgorod", "--format", "json").output)
    assert path["hops"] == len(path["facts"]) >= 1 and list(path["facts"][0]) == FACT_KEYS
    found = json.loads(run("contradictions", SEED, "--format", "json").output)["contradictions"]
    assert found and list(found[0]) == ["number", "kind", "about", "description", "sides"]
    assert {side["stance"] for c in found for side in c["sides"]} == {"asserts", "denies"}
    assert set(found[0]["sides"][0]) == {"statement", "source", "stance", "sentence", "article"}


def test_on_a_terminal_the_table_fits_its_width():
    import pty

    leader, follower = pty.openpty()
    sparql = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o LIMIT 20"
    process = subprocess.Popen([sys.executable, "-m", "newsgraph", "query", str(SEED), sparql], stdout=follower,
                               stderr=subprocess.PIPE, env={**ENV, "COLUMNS": "60"}, cwd=ROOT)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the pty is closed when the process ends
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert process.wait(timeout=120) == 0, process.stderr.read() if process.stderr else ""
    lines = b"".join(chunks).decode("utf-8").splitlines()
    assert len(lines) == 22 and max(len(line) for line in lines) <= 60
    assert any(line.rstrip().endswith("…") for line in lines[2:])


class SparqlJsonHandler(http.server.BaseHTTPRequestHandler):
    """An endpoint that gives every query the same SPARQL JSON ``answer``."""

    answer = {"head": {"vars": ["g", "name"]}, "results": {"bindings": [
        {"g": {"type": "uri", "value": f"https://w3id.org/newsgraph/id/armed-group/g{n}"},
         "name": {"type": "literal", "value": f"=Velka Front {n}"}} for n in range(5)]}}

    def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        body = json.dumps(self.answer).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


def test_endpoint_results_are_written_in_the_same_formats_under_the_same_limits():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), SparqlJsonHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        endpoint = f"http://127.0.0.1:{server.server_address[1]}/query"
        sparql = "SELECT ?g ?name WHERE { ?g rdfs:label ?name }"
        result = run("query", "--endpoint", endpoint, sparql, "--format", "csv", "--limit", "2")
        assert result.exit_code == 0, result.output
        assert result.stdout_bytes.decode() == (
            "g,name\r\nhttps://w3id.org/newsgraph/id/armed-group/g0,'=Velka Front 0\r\n"
            "https://w3id.org/newsgraph/id/armed-group/g1,'=Velka Front 1\r\n")
        assert result.stderr == "Note: showing the first 2 rows (--limit 2); more rows match.\n"
        data = json.loads(stdout("query", "--endpoint", endpoint, sparql, "--format", "json"))
        assert data["results"]["bindings"][4]["g"] == {
            "type": "uri", "value": "https://w3id.org/newsgraph/id/armed-group/g4"}
        too_many = run("query", "--endpoint", endpoint, sparql, "--max-rows", "3")
        assert too_many.exit_code == 2 and too_many.stderr.startswith("Error: The query gave more than 3 rows")
    finally:
        server.shutdown()


class TypedSparqlJsonHandler(SparqlJsonHandler):
    """An endpoint whose answer holds a typed literal, a language-tagged one and a 0/1 boolean
    (as Virtuoso writes booleans)."""

    answer = {"head": {"vars": ["n", "label", "disputed"]}, "results": {"bindings": [
        {"n": {"type": "typed-literal", "datatype": "http://www.w3.org/2001/XMLSchema#integer", "value": "12"},
         "label": {"type": "literal", "xml:lang": "en", "value": "Velka Front"},
         "disputed": {"type": "literal", "datatype": "http://www.w3.org/2001/XMLSchema#boolean", "value": "1"}}]}}


def test_endpoint_literals_keep_their_datatype_and_language():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), TypedSparqlJsonHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        endpoint = f"http://127.0.0.1:{server.server_address[1]}/query"
        sparql = "SELECT ?n ?label ?disputed WHERE { ?s ?p ?n }"
        (row,) = json.loads(stdout("query", "--endpoint", endpoint, sparql, "--format", "json"))["results"]["bindings"]
        assert row["n"] == {"type": "literal", "value": "12", "datatype": "http://www.w3.org/2001/XMLSchema#integer"}
        assert row["label"] == {"type": "literal", "value": "Velka Front", "xml:lang": "en"}
        assert row["disputed"]["value"] == "true"
        tsv = stdout("query", "--endpoint", endpoint, sparql, "--format", "tsv")
        assert tsv.splitlines()[1] == '12\t"Velka Front"@en\ttrue'
    finally:
        server.shutdown()
