"""Issue 7: hostile input and faults. The build goes on past bad files with a warning naming
each, errors are one line with exit code 2, memory stays bounded on huge input, a killed build
leaves its previous outputs whole, and arbitrary text never breaks the graph's shapes."""

from __future__ import annotations

import http.server
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings, strategies as st
from rdflib import Graph

from newsgraph.cli import cli
from newsgraph.ingest import read_article
from newsgraph.namespaces import NG, RDF
from newsgraph.rdfio import load_dataset, union_graph

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = sorted((ROOT / "tests" / "data" / "articles").glob("*.txt"))
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")]))}
# Runs the command line in a child process and prints its peak resident memory (MB) as the
# last line of stderr.
MEASURED = """
import resource, sys
from newsgraph.cli import main
try:
    main()
finally:
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024, file=sys.stderr)
"""
NO_ENTITIES = "it rained all day and then it stopped, and everyone went home to sleep.\n"
SPANISH = ("Un grupo armado atacó el lunes una base militar en el departamento del Cauca y mató a cuatro "
           "soldados, según informó el Ejército. El Frente Carlos Patiño se atribuyó el ataque.\n")
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01"


def newsgraph(*args: str | Path, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", MEASURED, *map(str, args)], capture_output=True, text=True,
                          timeout=timeout, env=ENV, cwd=ROOT)


def peak_mb(run: subprocess.CompletedProcess[str]) -> int:
    return int(run.stderr.splitlines()[-1])


def stderr_lines(run: subprocess.CompletedProcess[str]) -> list[str]:
    return run.stderr.splitlines()[:-1]  # without the measurement


def run_cli(*args: str | Path):
    return CliRunner().invoke(cli, [str(a) for a in args])


def unusable_files(folder: Path) -> dict[str, str]:
    """Files that cannot give an article, each with the reason the build reports."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {"empty.txt": b"", "blank.md": b"  \n\t\n   ", "nothing.txt": NO_ENTITIES.encode(),
             "photo.txt": PNG, "spanish.txt": SPANISH.encode()}
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return {
        "empty.txt": "no article text",
        "blank.md": "no article text",
        "nothing.txt": "no entities or facts found",
        "photo.txt": "binary file (PNG image), not an article",
        "spanish.txt": "written in Spanish, not English; newsgraph reads English articles only",
    }


# --- bad files in a build --------------------------------------------------------------------


def test_unusable_files_are_skipped_with_a_warning_naming_each_and_the_build_goes_on(tmp_path):
    folder = tmp_path / "in"
    reasons = unusable_files(folder)
    shutil.copy(ARTICLES[0], folder / "good.txt")
    result = run_cli("build", folder, "-o", tmp_path / "out", "--no-html")
    assert result.exit_code == 0, result.output
    assert re.fullmatch(r"Built \S+graph\.trig, \S+graph\.ttl from 1 article, 5 skipped: \d+ entities, \d+ facts\n",
                        result.stdout)
    warnings = [line for line in result.stderr.splitlines() if line.startswith("newsgraph: ")]
    assert sorted(warnings) == sorted(f"newsgraph: WARNING: skipped {folder / name}: {reason}"
                                      for name, reason in reasons.items())


def test_a_build_with_nothing_to_build_is_exit_2_with_a_one_line_error(tmp_path):
    folder = tmp_path / "in"
    unusable_files(folder)
    out = tmp_path / "out"
    result = run_cli("build", folder, "-o", out)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1] == (
        f"Error: No article could be built from {folder} ({folder / 'nothing.txt'}: no entities or facts found)")
    assert not out.exists()


@pytest.mark.slow
def test_results_go_to_stdout_warnings_and_progress_to_stderr_and_quiet_silences_them(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for article in ARTICLES[:5]:
        shutil.copy(article, folder)
    (folder / "empty.txt").write_text("")
    out = tmp_path / "out"
    loud = newsgraph("build", folder, "-o", out, "--no-html")
    assert loud.returncode == 0, loud.stderr
    assert re.fullmatch(r"Built .+ from 5 articles, 1 skipped: \d+ entities, \d+ facts\n", loud.stdout)
    assert f"newsgraph: WARNING: skipped {folder / 'empty.txt'}: no article text" in stderr_lines(loud)
    # the progress bar, naming each stage (only its label when not a terminal)
    assert [line for line in stderr_lines(loud) if not line.startswith("newsgraph: ")] \
        == ["Reading articles", "Extracting", "Inferring", "Writing"]
    quiet = newsgraph("-q", "build", folder, "-o", out, "--no-html")
    assert quiet.returncode == 0, quiet.stderr
    assert quiet.stdout == loud.stdout
    assert stderr_lines(quiet) == []
    query = newsgraph("-q", "query", out / "graph.trig", "SELECT (COUNT(*) AS ?n) WHERE { ?s a ng:Attack }",
                      "--format", "csv")
    # SPARQL CSV ends lines with CRLF; a text-mode pipe reads them as "\n" (test_results checks the bytes).
    assert re.fullmatch(r"n\n\d+\n", query.stdout) and stderr_lines(query) == []


# --- huge input ------------------------------------------------------------------------------


def long_article(path: Path, chars: int) -> None:
    """An article of ``chars`` characters of news prose: the invented articles' paragraphs,
    each made unique (a paragraph printed twice would be dropped as a repeated caption)."""
    paragraphs = [p for a in ARTICLES for p in a.read_text(encoding="utf-8").split("\n\n")[1:]
                  if len(p) > 80 and not p.startswith("Source")]
    out, size = [], 0
    while size < chars:
        out.append(f"{paragraphs[len(out) % len(paragraphs)]} It was bulletin {len(out)}.")
        size += len(out[-1]) + 2
    path.write_text("Title: Long\nDate: 2024-05-06\n\n" + "\n\n".join(out), encoding="utf-8")


@pytest.mark.slow
def test_a_20_mb_article_is_read_and_split_in_bounded_memory(tmp_path):
    path = tmp_path / "huge.txt"
    long_article(path, 20_000_000)
    script = f"""
import resource
from newsgraph.ingest import read_article
from newsgraph.nlp import MAX_PART_CHARS, split_text
article = read_article({str(path)!r})
parts = list(split_text(article.text))
assert "".join(p for _, p in parts) == article.text
assert all(len(p) <= MAX_PART_CHARS for _, p in parts) and all(article.text.startswith(p, o) for o, p in parts)
print(len(article.text), len(parts), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
"""
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=ENV, timeout=600)
    assert run.returncode == 0, run.stderr
    chars, parts, peak = map(int, run.stdout.split())
    assert chars > 19_000_000 and parts > 380
    assert peak < 800, f"reading a 20 MB article took {peak} MB"


@pytest.mark.slow
def test_an_article_longer_than_spacys_limit_is_parsed_in_parts_in_bounded_memory(tmp_path):
    path = tmp_path / "long.txt"
    long_article(path, 1_050_000)  # spaCy refuses more than 1,000,000 characters in one Doc
    out = tmp_path / "out"
    run = newsgraph("build", path, "-o", out, "--no-html")
    assert run.returncode == 0, run.stderr
    assert peak_mb(run) < 1500, f"building a 1 MB article took {peak_mb(run)} MB"
    text = read_article(path).text
    ends = claim_ends(union_graph(load_dataset(out / "graph.trig")), text)
    assert len(ends) > 1000 and max(ends) > 1_000_000  # the last part was parsed, its offsets shifted


def claim_ends(graph: Graph, text: str) -> list[int]:
    """Where each Claim's sentence ends in ``text``, checking that its offsets point at it."""
    ends = []
    for claim in graph.subjects(RDF.type, NG.Claim):
        start, end = int(graph.value(claim, NG.startOffset)), int(graph.value(claim, NG.endOffset))
        assert text[start:end] == str(graph.value(claim, NG.sentence))
        ends.append(end)
    return ends


@pytest.mark.skipif(not os.environ.get("NEWSGRAPH_SLOW_TESTS"),
                    reason="parsing 20 MB takes spaCy 10-20 minutes here; set NEWSGRAPH_SLOW_TESTS=1")
def test_a_20_mb_article_builds_in_bounded_memory(tmp_path):
    path = tmp_path / "huge.txt"
    long_article(path, 20_000_000)
    run = newsgraph("build", path, "-o", tmp_path / "out", "--no-html", timeout=3600)
    assert run.returncode == 0, run.stderr
    assert peak_mb(run) < 4000, f"building a 20 MB article took {peak_mb(run)} MB"


@pytest.mark.slow
def test_5000_small_articles_build_with_progress_on_stderr(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    places = ["Kalvora", "Drenmar", "Sarvik", "Tolmar", "Brenic", "Ostrava", "Meliko", "Zantor", "Virel", "Quasso"]
    for n in range(5000):
        (folder / f"{n:04d}.txt").write_text(
            f"The {places[n % 10]} Front attacked {places[n // 10 % 10]}{n} on Monday.\n", encoding="utf-8")
    run = newsgraph("build", folder, "-o", tmp_path / "out", "--no-html")
    assert run.returncode == 0, run.stderr
    assert re.fullmatch(r"Built .+ from 5000 articles: \d+ entities, \d+ facts\n", run.stdout)
    assert stderr_lines(run) == ["Reading articles", "Extracting", "Inferring", "Writing"]
    assert peak_mb(run) < 1500, f"building 5,000 articles took {peak_mb(run)} MB"


# --- killed while writing --------------------------------------------------------------------


@pytest.mark.slow
def test_kill_9_while_writing_outputs_leaves_each_output_whole_and_the_rerun_succeeds(tmp_path):
    inputs = [str(a) for a in ARTICLES[:2]]
    expected, out = tmp_path / "expected", tmp_path / "graphs"
    assert newsgraph("build", *inputs, "-o", expected).returncode == 0
    assert newsgraph("build", ARTICLES[2], "-o", out).returncode == 0  # the previous, different graph
    previous = {p.name: p.read_bytes() for p in out.iterdir()}
    new = {p.name: p.read_bytes() for p in expected.iterdir()}
    assert previous.keys() == new.keys() and all(previous[n] != new[n] for n in new)
    outcomes = []
    # Killed while loading the model, then at moments after its first temporary file appears.
    for delay in (None, 0.0, 0.001, 0.005, 0.02, 0.05):
        for name, data in previous.items():  # each kill starts from the previous graph
            (out / name).write_bytes(data)
        build = subprocess.Popen([sys.executable, "-m", "newsgraph.cli", "build", *inputs, "-o", str(out)],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV, cwd=ROOT)
        if delay is None:
            time.sleep(1.0)
        else:
            deadline = time.monotonic() + 300
            # Temporary files are named .NAME.PID.*: those of earlier killed builds do not count.
            while build.poll() is None and not any(f".{build.pid}." in p.name for p in out.iterdir()):
                assert time.monotonic() < deadline, "the build never started writing"
                time.sleep(0.0005)
            time.sleep(delay)
        build.send_signal(signal.SIGKILL)
        outcomes.append(build.wait())
        for name in new:
            data = (out / name).read_bytes()
            assert data in (previous[name], new[name]), f"{name} is neither the old nor the new file"
        load_dataset(out / "graph.trig")
        load_dataset(out / "graph.ttl")
    assert outcomes[0] == -signal.SIGKILL and -signal.SIGKILL in outcomes[1:]  # killed, not finished
    rerun = newsgraph("build", *inputs, "-o", out)
    assert rerun.returncode == 0, rerun.stderr
    assert {p.name: p.read_bytes() for p in out.iterdir()} == new  # and no temporary files left over


# --- malformed and hostile graph files -------------------------------------------------------

BAD_TRIG = '<https://e/g> {\n  <https://e/s> <https://e/p> <https://e/o> .\n  <https://e/s> <https://e/p>\n}\n'


@pytest.mark.parametrize("command", [["query", "{graph}", "ASK {}"], ["validate", "{graph}"], ["export", "{graph}"],
                                     ["push", "{graph}", "--endpoint", "http://127.0.0.1:9/store"],
                                     ["render", "{graph}"], ["explain", "{graph}", "X"]])
@pytest.mark.parametrize(("suffix", "data", "position"), [
    (".trig", BAD_TRIG, "line 4 column 1"),
    (".ttl", '@prefix e: <https://e/> .\ne:s e:p "unterminated .\ne:s e:p e:o .\n', "line 2 column 9"),
    (".nt", "<https://e/s> <https://e/p> <https://e/o> .\n<https://e/s> <https://e/p> .\n", "line 2 column"),
], ids=["trig", "turtle", "n-triples"])
def test_malformed_graph_files_are_exit_2_with_line_and_column(tmp_path, command, suffix, data, position):
    graph = tmp_path / f"bad{suffix}"
    graph.write_text(data, encoding="utf-8")
    result = run_cli(*[part.replace("{graph}", str(graph)) for part in command])
    assert result.exit_code == 2
    assert result.output.startswith(f"Error: {graph}: cannot parse as ")
    assert position in result.output and result.output.count("\n") == 1


class RecordingHandler(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        type(self).requests.append(self.path)
        body = b'<!ENTITY leak SYSTEM "file:///etc/passwd">'
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture()
def entity_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), RecordingHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    RecordingHandler.requests = []
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.mark.parametrize("command", [["query", "{graph}", "SELECT ?o WHERE { ?s ?p ?o }"], ["validate", "{graph}"],
                                     ["export", "{graph}", "--format", "nt"], ["explain", "{graph}", "x"]])
def test_rdf_xml_external_entities_are_not_resolved(tmp_path, entity_server, command):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT", encoding="utf-8")
    graph = tmp_path / "evil.rdf"
    graph.write_text(f"""<?xml version="1.0"?>
<!DOCTYPE rdf:RDF SYSTEM "{entity_server}/external.dtd" [
  <!ENTITY file SYSTEM "{secret.as_uri()}">
  <!ENTITY web SYSTEM "{entity_server}/entity.txt">
  <!ENTITY % remote SYSTEM "{entity_server}/parameter.dtd"> %remote;
]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#">
  <rdf:Description rdf:about="https://e/x"><rdfs:label>x &file; &web;</rdfs:label></rdf:Description>
</rdf:RDF>
""", encoding="utf-8")
    result = run_cli(*[part.replace("{graph}", str(graph)) for part in command])
    assert "TOP-SECRET" not in result.output
    assert "root:" not in result.output
    assert RecordingHandler.requests == []
    assert result.exit_code in (0, 1, 2) and "Traceback" not in result.output


# --- arbitrary text --------------------------------------------------------------------------

WORDS = ("the of and a to in was said were group attack town police army on after by with from he she they "
         "his their it that which who not also").split()
CUES = ["leader of", "claimed responsibility for", "killed", "were killed", "injured", "founded",
        "a member of", "commander of", "attacked", "denied", "according to", "said", "accused", "the attack in",
        "on Monday", "last Tuesday", "in March 2024", "the group", "calling himself", "allied with", "he", "they",
        "its fighters", "(", ")", "\"", ",", ".", "\n\n", "-", "'s"]
ANYTHING = st.text(max_size=8)  # controls, emoji, right-to-left, combining marks
CAPITALISED = st.from_regex(r"[A-Z][a-z]{2,9}", fullmatch=True)
PERSON = st.one_of(st.sampled_from(["Kamil Orvath", "Tomas Varek", "Denis Nikitin", "Ilya Ponomarev"]),
                   st.builds("{} {}".format, CAPITALISED, CAPITALISED), st.builds("{}{}".format, CAPITALISED, ANYTHING))
GROUP = st.one_of(st.sampled_from(["Sarvik Front", "Islamic State", "Boko Haram", "Al-Shabaab", "NLF"]),
                  st.builds("{} {}".format, CAPITALISED, st.sampled_from(
                      ["Front", "Liberation Army", "Brigade", "Movement", "Legion", "Council", "Ministry"])))
PLACE = st.one_of(st.sampled_from(["Drenmar", "Mali", "Bakhmut", "Belgorod", "Maiduguri"]), CAPITALISED)
NUMBER = st.one_of(st.integers(min_value=0, max_value=100_000).map(str), st.sampled_from(["two", "dozens of"]))
SOURCE = st.one_of(st.sampled_from(["Reuters", "the army", "officials", "the Ministry of Defence"]), PERSON)
TEMPLATES = [
    "{p}, the leader of the {g}, said the group carried out the attack",
    "The {g} claimed responsibility for the attack in {pl} on Monday, which killed {n} people",
    "{p} founded the {g} in 2019, according to {s}",
    "{p} is a member of the {g}",
    "The {g} denied any involvement in the attack on {pl}, {s} said",
    "{n} soldiers were killed and {n} injured when {g} fighters attacked {pl}, {s} reported",
    "The {g} is allied with the {g}",
    "He said the {g} was behind the bombing in {pl} last Tuesday",
    "{p}, commander of the {g}, accused the {g} of the attack",
    "{p}, calling himself the emir of {pl}, leads the {g}",
]
TEMPLATED = st.builds(lambda template, p, g, pl, n, s: template.format(p=p, g=g, pl=pl, n=n, s=s),
                      st.sampled_from(TEMPLATES), PERSON, GROUP, PLACE, NUMBER, SOURCE)
SOUP = st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from(CUES), PERSON, GROUP, PLACE, NUMBER, ANYTHING),
                max_size=25).map(" ".join)
ARTICLE_TEXT = st.lists(st.one_of(TEMPLATED, SOUP), max_size=10).map(
    lambda sentences: "".join(f"{s}{end}" for s, end in zip(sentences, [". ", ".\n\n", " "] * 4)))


@pytest.mark.slow
def test_arbitrary_text_never_crashes_and_always_gives_a_conforming_graph(nlp):
    from newsgraph.extract import extract_article
    from newsgraph.ingest import parse_text_article
    from newsgraph.pipeline import build_dataset
    from newsgraph.validate import validate_dataset

    extractions = []

    @settings(max_examples=500, deadline=None, derandomize=True,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(ARTICLE_TEXT)
    def build_one(text: str) -> None:
        article = parse_text_article(f"Date: 2024-03-14\nPublisher: Reuters\n\n{text}", "arbitrary.txt")
        extraction = extract_article(nlp(article.text), article)
        claim_ends(union_graph(build_dataset([extraction])), article.text)
        extractions.append(extraction)

    build_one()
    assert len(extractions) >= 500
    assert sum(bool(e.statements) for e in extractions) >= 100  # the rules did fire
    # A build reads each text once (read_articles skips a repeat), so the blocks do too.
    unique = {}
    for extraction in extractions:
        unique.setdefault(extraction.article.id, extraction)
    extractions = list(unique.values())
    # SHACL with RDFS inference takes ~0.2 s a graph: check the examples' graphs in builds of
    # 25 articles each, then one by one only to name the article of a failing build.
    for block in (extractions[i : i + 25] for i in range(0, len(extractions), 25)):
        conforms, _ = validate_dataset(build_dataset(block))
        if not conforms:
            for extraction in block:
                conforms, violations = validate_dataset(build_dataset([extraction]))
                assert conforms, (extraction.article.text, violations)
            _, violations = validate_dataset(build_dataset(block))
            pytest.fail(f"a build of 25 articles does not conform although each article alone does: {violations}")
