"""The command line: exact messages and exit codes for bad input, and a build + query round trip."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgraph.cli import cli

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_b58dadf5cc5c3bf8.txt"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("graphs")
    result = CliRunner().invoke(cli, ["build", str(SEED), "-o", str(out), "--name", "seed"])
    assert result.exit_code == 0, result.output
    return out, result


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_build_writes_three_files_and_a_summary(built):
    out, result = built
    assert sorted(p.name for p in out.iterdir()) == ["seed.html", "seed.trig", "seed.ttl"]
    assert result.output.startswith("Built ")
    assert " from 1 article: " in result.output and " entities, " in result.output


def test_build_missing_path_is_a_one_line_error(tmp_path):
    result = run("build", str(tmp_path / "nope.txt"), "-o", str(tmp_path))
    assert result.exit_code == 2
    assert result.output == f"Error: {tmp_path / 'nope.txt'}: no such file or folder\n"


def test_build_empty_article_fails_without_touching_existing_outputs(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n")
    out = tmp_path / "out"
    out.mkdir()
    (out / "graph.trig").write_text("previous")
    result = run("build", str(empty), "-o", str(out))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (f"newsgraph: WARNING: skipped {empty}: no article text\n"
                             f"Error: No article could be read from {empty} ({empty}: no article text)\n")
    assert (out / "graph.trig").read_text() == "previous"


def test_build_skips_an_article_its_parser_fails_on_with_a_warning(tmp_path, monkeypatch):
    import newsgraph.ingest as ingest

    def broken(text, path):
        raise ValueError("day is out of range for month")

    monkeypatch.setattr(ingest, "parse_html_article", broken)
    (tmp_path / "in").mkdir()
    bad = tmp_path / "in" / "a.html"
    bad.write_text("<html><body><p>Gunmen attacked a market.</p></body></html>")
    (tmp_path / "in" / "b.txt").write_text("Gunmen attacked a market in Kerdoumbe on Friday, killing 12 people.\n")
    result = run("build", str(tmp_path / "in"), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0
    assert result.stderr.startswith(f"newsgraph: WARNING: skipped {bad}: cannot be read as an article "
                                    "(ValueError: day is out of range for month)\n")
    assert "from 1 article, 1 skipped" in result.stdout


def test_evaluate_articles_prints_properties_totals_and_misses():
    from pathlib import Path

    dev = Path(__file__).resolve().parent / "data" / "dev"
    result = run("evaluate-articles", str(dev / "articles"), str(dev / "gold"), "--misses")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["property", "found", "gold", "recall", "correct", "judged", "precision", "f1"]
    assert any(line.startswith("MICRO ") for line in lines)
    assert any(line.startswith("entities: ") for line in lines)
    assert "== 13_state_dept_bla_majeed_brigade_designation_2025.txt" in lines
    missed = [i for i, line in enumerate(lines) if line.startswith("missed: ")]
    assert missed and all(lines[i + 1].startswith("    in: ") for i in missed)


def test_evaluate_articles_without_gold_is_a_one_line_error(tmp_path):
    result = run("evaluate-articles", str(tmp_path), str(tmp_path / "nope"))
    assert result.exit_code == 2
    assert result.output == f"Error: {tmp_path / 'nope'}: no such gold folder\n"


def test_query_table_csv_json(built):
    out, _ = built
    sparql = "SELECT ?name WHERE { ?p a ng:Person ; rdfs:label ?name } ORDER BY ?name"
    table = run("query", str(out / "seed.trig"), sparql)
    assert table.exit_code == 0 and "Denis Nikitin" in table.output
    csv_out = run("query", str(out / "seed.trig"), sparql, "--format", "csv")
    assert csv_out.output.splitlines()[0] == "name"
    data = json.loads(run("query", str(out / "seed.trig"), sparql, "--format", "json").output)
    names = [b["name"]["value"] if isinstance(b["name"], dict) else b["name"] for b in data["results"]["bindings"]]
    assert "Denis Nikitin" in names


def test_shipped_query_file_runs(built):
    out, _ = built
    result = run("query", str(out / "seed.trig"), "--file", str(ROOT / "queries" / "leaders.rq"))
    assert result.exit_code == 0, result.output
    assert "Ilya Ponomariov" in result.output or "Ilya Ponomarev" in result.output


def test_malformed_query_is_exit_2_with_position(built):
    out, _ = built
    result = run("query", str(out / "seed.trig"), "SELECT ?x WHERE { ?x ")
    assert result.exit_code == 2
    assert result.output.startswith("Error: SPARQL syntax error: error at 1:22: ")
    assert len(result.output.strip().splitlines()) == 1


@pytest.mark.parametrize("sparql", [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p ?o . SERVICE SILENT <file:///etc/passwd> { ?s ?p ?x } }",
])
def test_service_is_refused(built, sparql):
    out, _ = built
    result = run("query", str(out / "seed.trig"), sparql)
    assert (result.exit_code, result.output) == (
        2, "Error: SERVICE is not allowed (it makes the engine fetch URLs); pass --allow-service to permit it\n")


def test_update_is_refused(built):
    out, _ = built
    result = run("query", str(out / "seed.trig"), "DELETE WHERE { ?s ?p ?o }")
    assert result.exit_code == 2
    assert result.output == "Error: SPARQL Update is not allowed: newsgraph query is read-only\n"


def test_query_on_missing_graph(tmp_path):
    result = run("query", str(tmp_path / "none.trig"), "SELECT * WHERE { ?s ?p ?o }")
    assert result.exit_code == 2
    assert result.output == f"Error: {tmp_path / 'none.trig'}: no such graph file\n"


def test_evaluate_prints_scores_and_entities(built):
    out, _ = built
    gold = ROOT / "tests" / "data" / "gold"
    result = run("evaluate", str(out / "seed.trig"), str(gold / "000_b58dadf5cc5c3bf8.tsv"),
                 "--entities", str(gold / "000_b58dadf5cc5c3bf8.entities.tsv"))
    assert result.exit_code == 0, result.output
    assert "TOTAL" in result.output and "entities: " in result.output


def test_validate_exit_codes(built, tmp_path):
    out, _ = built
    assert run("validate", str(out / "seed.trig")).exit_code == 0
    bad = tmp_path / "bad.ttl"
    bad.write_text('@prefix ng: <https://w3id.org/newsgraph/ontology#> .\n'
                   '<https://w3id.org/newsgraph/id/person/x> a ng:Person .\n')
    result = run("validate", str(bad))
    assert result.exit_code == 1
    assert "https://w3id.org/newsgraph/id/person/x" in result.output
    broken = tmp_path / "broken.ttl"
    broken.write_text("this is not turtle")
    result = run("validate", str(broken))
    assert result.exit_code == 2 and result.output.startswith(f"Error: {broken}: cannot parse")


def test_contradictions_lists_both_sides_with_sentences(built):
    out, _ = built
    result = run("contradictions", str(out / "seed.trig"))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("1. [denial] attack in Belgorod: ")
    assert any(" denies " in line and line.rstrip().endswith('"') for line in lines[1:])
    data = json.loads(run("contradictions", str(out / "seed.trig"), "--format", "json").output)
    assert {side["stance"] for c in data["contradictions"] for side in c["sides"]} == {"asserts", "denies"}


def test_explain_prints_facts_with_sources(built):
    out, _ = built
    result = run("explain", str(out / "seed.trig"), "denis nikitin")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Denis Nikitin <https://w3id.org/newsgraph/id/person/")
    assert "leader of Russian Volunteer Corps [inferred by founder-leads, score 0.700, attributed]" in result.output
    assert " says (in " in result.output


def test_explain_unknown_or_ambiguous_entity_is_a_one_line_error(built):
    out, _ = built
    unknown = run("explain", str(out / "seed.trig"), "Nobody Here")
    assert (unknown.exit_code, unknown.output) == (2, "Error: No entity called 'Nobody Here' in the graph\n")
    ambiguous = run("explain", str(out / "seed.trig"), "attack in")
    assert ambiguous.exit_code == 2 and ambiguous.output.count("\n") == 1
    assert "matches 3 entities" in ambiguous.output


def test_path_prints_each_hop_with_its_sentence(built):
    out, _ = built
    result = run("path", str(out / "seed.trig"), "Denis Nikitin", "attack in Briansk")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "2 hops:"
    assert lines[1].startswith("  1. Russian Volunteer Corps founded by Denis Nikitin")
    assert any(line.startswith("  2. Russian Volunteer Corps participated in attack in Briansk") for line in lines)
    assert sum(1 for line in lines if line.startswith('      ') and line.endswith('"')) >= 2


def test_path_between_unlinked_entities_is_a_one_line_error(built):
    out, _ = built
    result = run("path", str(out / "seed.trig"), "Sam Kiley", "attack in Belgorod")
    assert (result.exit_code, result.output) == (
        2, "Error: No chain of facts links 'Sam Kiley' and 'attack in Belgorod'\n")


GRAPH = ROOT / "graphs" / "graph.trig"
SEED_GOLD = ROOT / "tests" / "data" / "gold" / "000_b58dadf5cc5c3bf8.tsv"


def test_evaluate_shows_no_score_for_properties_without_gold_rows_or_predictions():
    table = run("evaluate", str(GRAPH), str(SEED_GOLD))
    assert table.exit_code == 0, table.output
    rows = {line.split()[0]: line.split()[1:] for line in table.stdout.splitlines()[2:] if line.strip()}
    assert rows["occurredOn"] == ["0", "0", "—", "0", "0", "—", "—"]  # no gold row, nothing judged
    assert rows["memberOf"] == ["2", "3", "0.667", "2", "2", "1.000", "0.800"]
    assert "0.000" not in table.stdout
    csv_rows = run("evaluate", str(GRAPH), str(SEED_GOLD), "--format", "csv").stdout.splitlines()
    assert csv_rows[0] == "property,found,gold,recall,correct,judged,precision,f1"
    assert "occurredOn,0,0,,0,0,," in csv_rows


def test_evaluate_help_explains_every_column_unwrapped():
    for command in ("evaluate", "evaluate-articles"):
        help_text = run(command, "--help").stdout
        legend = help_text[help_text.index("  Columns: "):help_text.index("  Example:")]
        for column in ("found =", "gold =", "recall =", "correct =", "judged =", "precision =", "f1 ="):
            assert column in legend, (command, column)
        assert "\n  judged = predictions whose two ends are gold entities, events or literals,\n" in legend


# --- error messages and where messages go ---------------------------------------------------

ERROR_CLASSES = {"NewsgraphError", "InputError", "ModelError", "GraphLoadError", "QueryError", "OutputError",
                 "RemoteError", "StoreError", "ClickException", "BadParameter", "UsageError"}


def _error_messages() -> list[tuple[str, str]]:
    """(where, opening text) of every error the package raises with a message it writes itself:
    a literal, an f-string's literal start, or a module constant. An opening of "" is a message
    that starts with a value (the path, IRI, URL or name the error is about)."""
    import ast

    found = []
    for path in sorted((ROOT / "src" / "newsgraph").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        constants = {t.id: n.value.value for n in tree.body if isinstance(n, ast.Assign)
                     and isinstance(n.value, ast.Constant) and isinstance(n.value.value, str)
                     for t in n.targets if isinstance(t, ast.Name)}
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and node.args):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name not in ERROR_CLASSES:
                continue
            arg = node.args[0]
            while isinstance(arg, ast.BinOp):
                arg = arg.left
            if isinstance(arg, ast.JoinedStr):
                arg = arg.values[0]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                found.append((f"{path.name}:{node.lineno}", arg.value))
            elif isinstance(arg, ast.Name) and arg.id in constants:
                found.append((f"{path.name}:{node.lineno}", constants[arg.id]))
            else:
                found.append((f"{path.name}:{node.lineno}", ""))
    return found


def test_every_error_message_is_in_sentence_case():
    # One style after "Error: ", the one click's own messages use: a capital letter, or the path,
    # IRI, URL, --option or quoted name the error is about ("FILE: no such graph file").
    messages = _error_messages()
    assert len(messages) > 40  # the scan sees the package's errors
    lower = [(where, text) for where, text in messages if text[:1].islower()]
    assert lower == []


def test_errors_name_options_not_python_parameters():
    for args, option in ((["render", str(GRAPH), "--max-nodes", "0"], "'--max-nodes'"),
                         (["render", str(GRAPH), "--depth", "-1"], "'--depth'"),
                         (["build", "seeds", "--max-nodes", "-1"], "'--max-nodes'"),
                         (["build", "seeds", "--jobs", "0"], "'--jobs'")):
        result = run(*args)
        assert result.exit_code == 2, args
        error = result.stderr.splitlines()[-1]
        assert error.startswith("Error: Invalid value for ") and option in error, error
        assert "_" not in error.split(":")[0], error  # no max_nodes
    assert run("query", str(GRAPH)).stderr == "Error: Give a SPARQL query or --file QUERY.rq (one of them)\n"


def test_commands_that_write_files_say_so_on_stderr_and_keep_stdout_for_results(tmp_path):
    graph = tmp_path / "graph.trig"
    graph.write_bytes(GRAPH.read_bytes())
    for args, written in ((["render", str(graph), "-o", str(tmp_path / "page.html")], tmp_path / "page.html"),
                          (["export", str(graph), "--format", "nt", "-o", str(tmp_path / "g.nt")], tmp_path / "g.nt"),
                          (["infer", str(graph), "-o", str(tmp_path / "again.trig")], tmp_path / "again.trig")):
        result = run(*args)
        assert result.exit_code == 0, result.output
        assert result.stderr == f"Wrote {written}\n", args
        assert "Wrote" not in result.stdout
        assert written.is_file()
    assert re.fullmatch(r"\d+ inferred facts, \d+ contradictions, \d+ coalitions\n", result.stdout)


# --- -v: stage times and per-article counts; the progress bar names the stage ---------------

ARTICLES = sorted((ROOT / "tests" / "data" / "articles").glob("0*"))[:5]


def test_verbose_build_logs_each_article_and_the_time_of_each_stage_and_the_bar_names_the_stage(tmp_path):
    result = run("-v", "build", *map(str, ARTICLES), "-o", str(tmp_path), "--no-html")
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    per_article = [line for line in lines if re.fullmatch(r"newsgraph: INFO: .+: \d+ entities, \d+ statements", line)]
    assert [line.split(": ")[2] for line in per_article] == [str(a) for a in ARTICLES]
    times = [line for line in lines if line.startswith("newsgraph: INFO: stage times: ")]
    assert len(times) == 1
    stages = re.findall(r"([a-z+]+) (\d+\.\d\d) s", times[0])
    assert [name for name, _ in stages] == ["read", "parse+extract", "resolve", "map", "infer", "write"]
    # the progress bar (its label only, stderr not being a terminal) says which stage the build is in
    assert [line for line in lines if not line.startswith("newsgraph: ")] == [
        "Reading articles", "Extracting", "Inferring", "Writing"]
    assert "INFO" not in result.stdout


def test_a_build_without_v_logs_no_counts_or_times(tmp_path):
    result = run("build", *map(str, ARTICLES), "-o", str(tmp_path), "--no-html")
    assert result.exit_code == 0, result.output
    assert "INFO" not in result.stderr
    assert result.stderr.splitlines() == ["Reading articles", "Extracting", "Inferring", "Writing"]


# --- every --help example runs ---------------------------------------------------------------

# What the examples read, copied to a scratch folder that stands for the repository root, so
# that the examples that write files (graphs/, out/, corpus/, graph.html, ...) write there.
EXAMPLE_INPUTS = ("graphs/graph.trig", "seeds", "queries", "tests/data/gold", "tests/data/articles")
# The examples that read graphs/graph.trig run first, on the shipped graph; then build, add and
# remove, whose `build ... --store corpus/` makes the store the other examples query and export.
WRITERS = ("build", "add", "remove")


def _run_order(name: str, example: str) -> tuple[int, int]:
    return (1, WRITERS.index(name)) if name in WRITERS else (2, 0) if "corpus/" in example else (0, 0)


def _examples(command) -> list[str]:
    """The example command lines of a command's help, each line checked to be in a ``\\b``
    paragraph (click leaves those as written); continuation lines ending in ``\\`` joined."""
    lines = (command.help or "").splitlines()
    examples: list[str] = []
    for i, line in enumerate(lines):
        text = line.strip()
        if examples and examples[-1].endswith("\\"):
            examples[-1] = examples[-1][:-1] + text
        elif text.startswith("newsgraph "):
            start = max((j for j in range(i) if not lines[j].strip()), default=-1) + 1
            assert lines[start].strip() == "\b", f"{command.name}: example not in a \\b paragraph: {text}"
            examples.append(text)
    return examples


def _needs_a_server(example: str) -> bool:
    # a Dask cluster, or a SPARQL server (push --dry-run sends nothing and runs here)
    return "--scheduler" in example or ("--endpoint" in example and "--dry-run" not in example)


def test_every_help_example_is_kept_as_written_and_runs_against_the_shipped_graph(tmp_path, monkeypatch):
    import shlex
    import shutil

    for item in EXAMPLE_INPUTS:
        source, target = ROOT / item, tmp_path / item
        target.parent.mkdir(parents=True, exist_ok=True)
        (shutil.copytree if source.is_dir() else shutil.copy)(source, target)
    monkeypatch.chdir(tmp_path)
    examples = []
    for name, command in sorted(cli.commands.items()):
        lines = _examples(command)
        assert lines, f"{name} --help has no example"
        rendered = {line.strip() for line in run(name, "--help").stdout.splitlines()}
        written = [line.strip() for line in (command.help or "").splitlines()
                   if line.strip().startswith(("newsgraph ", "--"))]
        assert set(written) <= rendered, (name, set(written) - rendered)  # not rewrapped
        examples += [(_run_order(name, line), line) for line in lines if not _needs_a_server(line)]
    ran = []
    for _, example in sorted(examples, key=lambda item: item[0]):
        result = run(*shlex.split(example)[1:])
        assert result.exit_code == 0, (example, result.output)
        ran.append(example)
    assert len(ran) >= 18, ran


def test_verbose_store_build_names_its_stages_and_times_them(tmp_path):
    result = run("-v", "add", *map(str, ARTICLES), "--store", str(tmp_path / "corpus"))
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    assert [line for line in lines if not line.startswith("newsgraph: ")] == [
        "Reading articles", "Extracting", "Storing"]
    assert len([line for line in lines if line.endswith(" statements")]) == len(ARTICLES)
    times = [line for line in lines if line.startswith("newsgraph: INFO: stage times: ")]
    assert [name for name in re.findall(r"([a-z+]+) \d+\.\d\d s", times[0])] == ["read", "parse+extract", "store"]
