"""The commands that read a graph file or a store: ``query``, ``export``, ``push``, ``render``, ``infer``,
``contradictions``, ``explain``, ``path``, ``validate``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from newsgraph.commands.options import echo_json, echo_rows, handle_errors, output_format, text_or_json
from newsgraph.commands.options import echo_text as _say

__all__ = ["query", "export", "push", "render", "infer", "contradictions", "explain", "path", "validate"]


def _list_shipped_queries(ctx: click.Context) -> None:
    from newsgraph.query.shipped import shipped_queries

    queries = shipped_queries()
    width = max(len(q.path.name) for q in queries)
    for q in queries:
        click.echo(f"{q.path.name:<{width}}  {q.description or q.title}")
    ctx.exit(0)


@click.command()
@click.argument("graph", required=False, type=click.Path(path_type=Path))
@click.argument("sparql", required=False)
@click.option("--file", "query_file", type=click.Path(path_type=Path),
              help="Read the query from a .rq file (UTF-8), or name a shipped query (attacks.rq).")
@click.option("--list", "list_queries", is_flag=True, is_eager=True, expose_value=False,
              callback=lambda ctx, _param, value: _list_shipped_queries(ctx) if value else None,
              help="List the shipped queries with what each answers, and exit.")
@click.option("--endpoint", help="Query this SPARQL endpoint URL instead of a graph file.")
@click.option("--store", "store_dir", type=click.Path(path_type=Path), help="Query this corpus store folder.")
@click.option("--allow-service", is_flag=True, help="Allow SERVICE clauses (they fetch remote URLs).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv", "tsv"]), default="table",
              show_default=True,
              help="table (prefixed names, for people) or SPARQL 1.1 results JSON, CSV or TSV.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=60.0, show_default=True,
              help="Stop the query after this many seconds (exit 2).")
@click.option("--limit", type=click.IntRange(min=0),
              help="Show at most N rows; a note on stderr says when more matched.")
@click.option("--max-rows", type=click.IntRange(min=1), default=1_000_000, show_default=True,
              help="Stop with an error (exit 2) when the query gives more rows than this.")
@click.option("--max-memory", type=click.IntRange(min=64), default=4096, show_default=True, metavar="MB",
              help="Stop with an error (exit 2) when the query needs more memory than this.")
@click.option("--width", type=click.IntRange(min=0),
              help="Fit the table to N columns (default: the terminal's width; 0 or a pipe: no limit).")
@click.option("--raw-csv", is_flag=True,
              help="Write CSV cells exactly, without the ' that keeps a spreadsheet from running "
                   "cells starting with =, +, -, @ as formulas.")
@handle_errors
def query(graph: Path | None, sparql: str | None, query_file: Path | None, endpoint: str | None,
          store_dir: Path | None, allow_service: bool, fmt: str, timeout: float, limit: int | None,
          max_rows: int, max_memory: int, width: int | None, raw_csv: bool) -> None:
    """Run a read-only SPARQL query over a graph file or a corpus store (all named graphs as the
    default graph), or with --endpoint over a SPARQL endpoint (then give no GRAPH).

    CSV and TSV rows are written as they come; Ctrl-C stops the query (exit 130).

    A shipped query can be named from anywhere (--file attacks.rq); --list lists them.

    Examples:

    \b
        newsgraph query --list
        newsgraph query graphs/graph.trig --file attacks.rq
        newsgraph query graphs/graph.trig --file queries/leaders.rq --format csv
        newsgraph query graphs/graph.trig 'SELECT * WHERE { ?s ?p ?o }' --limit 10
        newsgraph query --store corpus/ --file queries/attacks.rq --format json
        newsgraph query --endpoint http://localhost:7878/query --file queries/attacks.rq
    """
    from newsgraph.errors import InputError
    from newsgraph.query import Limits, read_query_file, result_events, solutions, write_results

    if (endpoint or store_dir) is not None and graph is not None and sparql is None and query_file is None:
        graph, sparql = None, str(graph)  # `query --endpoint URL 'SELECT ...'`
    graph = graph if store_dir is None else store_dir if graph is None else None
    if (graph is None) == (endpoint is None):
        raise InputError("Give one of a GRAPH file, --store DIR or --endpoint URL")
    if (sparql is None) == (query_file is None):
        raise InputError("Give a SPARQL query or --file QUERY.rq (one of them)")
    if query_file is not None:
        sparql = read_query_file(query_file)
    limits = Limits(timeout=timeout, limit=limit, max_rows=max_rows, max_memory_mb=max_memory)
    if width is None and sys.stdout.isatty():
        import shutil

        width = shutil.get_terminal_size().columns
    try:
        if endpoint is not None:
            from newsgraph.remote import remote_query

            events = result_events(remote_query(endpoint, sparql or "", allow_service=allow_service,
                                                timeout=timeout), limits)
        else:
            assert graph is not None  # checked above: a graph, a store or an endpoint
            events = solutions(graph, sparql or "", limits, allow_service=allow_service)
        summary = write_results(events, fmt, sys.stdout, width=width or None, raw=raw_csv)
    except KeyboardInterrupt:
        click.echo("Interrupted: the query was stopped.", err=True)
        raise click.exceptions.Exit(130) from None
    if summary.truncated:
        click.echo(f"Note: showing the first {summary.rows} rows (--limit {limit}); more rows match.",
                   err=True)


@click.command()
@click.argument("graph", required=False, type=click.Path(path_type=Path))
@click.option("--store", "store_dir", type=click.Path(path_type=Path),
              help="Export this corpus store folder.")
@click.option("--format", "fmt", type=click.Choice(["turtle", "trig", "nt", "nq", "jsonld", "xml"]),
              default="trig", show_default=True, help="RDF format to write.")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="File to write (default: stdout).")
@handle_errors
def export(graph: Path | None, store_dir: Path | None, fmt: str, output: Path | None) -> None:
    """Write a graph file or a corpus store in a standard RDF format, byte-identical for the
    same graph. TriG, N-Quads and JSON-LD keep the named graphs; Turtle, N-Triples and RDF/XML
    get their union. N-Quads and N-Triples from a store are streamed (any size).

    Examples:

    \b
        newsgraph export graphs/graph.trig --format jsonld -o graph.jsonld
        newsgraph export --store corpus/ --format nq -o corpus.nq
    """
    from newsgraph.corpus_store import export_store, is_store
    from newsgraph.rdfio import serialize_dataset, write_atomically

    source = _graph_or_store(graph, store_dir)
    if is_store(source):
        export_store(source, fmt, output if output is not None else sys.stdout.buffer)
    elif output is None:
        # sys.stdout.buffer, not click.get_binary_stream (deprecated in Click 8.5, gone in 9.0)
        sys.stdout.buffer.write(serialize_dataset(_load(source), fmt))
        return
    else:
        write_atomically({output: serialize_dataset(_load(source), fmt)})
    if output is not None:
        click.echo(f"Wrote {output}", err=True)


@click.command()
@click.argument("graph", required=False, type=click.Path(path_type=Path))
@click.option("--store", "store_dir", type=click.Path(path_type=Path), help="Push this corpus store folder.")
@click.option("--endpoint", required=True,
              help="Graph Store Protocol URL, e.g. http://localhost:7878/store or http://host:3030/ds/data.")
@click.option("--dry-run", is_flag=True, help="List the graphs that would be sent; send nothing.")
@handle_errors
def push(graph: Path | None, store_dir: Path | None, endpoint: str, dry_run: bool) -> None:
    """Replace each named graph of GRAPH on a SPARQL server (one HTTP PUT per graph, so pushing
    again replaces rather than duplicates). Credentials: NEWSGRAPH_USER and NEWSGRAPH_PASSWORD, or
    ~/.netrc, sent as Basic or Digest when the server asks (never in the URL).

    Examples:

    \b
        newsgraph push graphs/graph.trig --endpoint http://localhost:7878/store --dry-run
        newsgraph push graphs/graph.trig --endpoint http://localhost:7878/store
    """
    from newsgraph.remote import push_dataset

    pushed = push_dataset(_load(_graph_or_store(graph, store_dir)), endpoint, dry_run=dry_run)
    for item in pushed:
        status = "would PUT" if item.status is None else f"PUT {item.status}"
        click.echo(f"{status} {item.graph} ({item.triples} triples)")
    total = sum(item.triples for item in pushed)
    verb = "Would push" if dry_run else "Pushed"
    click.echo(f"{verb} {len(pushed)} graphs, {total} triples to {endpoint}")


@click.command()
@click.argument("graph", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="HTML file (default: GRAPH with .html).")
@click.option("--focus", help="Entity (label or IRI) whose neighbourhood to show.")
@click.option("--depth", default=2, show_default=True, type=click.IntRange(min=0),
              help="Hops around --focus.")
@click.option("--max-nodes", type=click.IntRange(min=1), help="Keep only the most important nodes.")
@handle_errors
def render(graph: Path, output: Path | None, focus: str | None, depth: int, max_nodes: int | None) -> None:
    """Write the interactive HTML page of a graph (one self-contained file, works offline).

    Example:

    \b
        newsgraph render graphs/graph.trig -o graph.html --focus "Denis Nikitin" --depth 1
    """
    from newsgraph.rdfio import write_atomically
    from newsgraph.render import render_html
    from newsgraph.sources import load_dataset

    html = render_html(load_dataset(graph), focus=focus, depth=depth, max_nodes=max_nodes)
    target = output or graph.with_suffix(".html")
    write_atomically({target: html.encode("utf-8")})
    click.echo(f"Wrote {target}", err=True)


@click.command()
@click.argument("graph", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Where to write (default: replace GRAPH).")
@handle_errors
def infer(graph: Path, output: Path | None) -> None:
    """Recompute the inferred graph of a TriG graph file or a corpus store: leadership, attack
    attribution with evidence, command chains, coalitions, key-actor measures and contradictions.

    Example:

    \b
        newsgraph infer graphs/graph.trig -o inferred.trig
    """
    from newsgraph.corpus_store import CorpusStore, is_store
    from newsgraph.infer import infer as run_infer
    from newsgraph.rdfio import serialize_dataset, write_atomically
    from newsgraph.sources import load_dataset

    if is_store(graph) and output is None:
        with CorpusStore.open(graph) as corpus:
            result = corpus.refresh_inference()
        target = graph
    else:
        ds = load_dataset(graph)
        result = run_infer(ds)
        target = output or graph
        write_atomically({target: serialize_dataset(ds, "trig")})
    click.echo(f"Wrote {target}", err=True)
    click.echo(f"{len(result.inferences)} inferred facts, {len(result.contradictions)} contradictions, "
               f"{len(set(result.coalitions.values()))} coalitions")


@click.command()
@click.argument("graph", type=click.Path(path_type=Path))
@output_format()
@click.option("--raw-csv", is_flag=True,
              help="Write CSV cells exactly, without the formula guard (see query).")
@handle_errors
def contradictions(graph: Path, fmt: str, raw_csv: bool) -> None:
    """List statements that sources disagree on: one asserts what another denies, or two give
    different casualty counts of the same victim group (civilians, state forces, armed-group
    fighters, unspecified). One row per claim, grouped by contradiction.

    Example:

    \b
        newsgraph contradictions graphs/graph.trig --format json
    """
    from newsgraph.explain import disagreements, disagreements_data

    found = disagreements(_load_inferred(graph))
    if fmt == "json":
        echo_json(disagreements_data(found))
        return
    if fmt == "table":
        if not found:
            click.echo("No contradictions.")
        for number, c in enumerate(found, 1):
            _say(f"{number}. [{c.kind}] {c.about}: {c.description}")
            for statement, claim in c.sides:
                verb = "denies" if claim.denies else "says"
                _say(f"   {claim.source} {verb} {statement} (in {claim.article}): \"{claim.sentence}\"")
        return
    rows = [[str(n), c.kind, c.about, "denies" if claim.denies else "asserts", claim.source, statement,
             claim.sentence, claim.article]
            for n, c in enumerate(found, 1) for statement, claim in c.sides]
    header = ["contradiction", "kind", "about", "stance", "according_to", "statement", "sentence", "article"]
    echo_rows(header, rows, fmt, raw=raw_csv)


@click.command()
@click.argument("graph", type=click.Path(path_type=Path))
@click.argument("entity")
@text_or_json()
@handle_errors
def explain(graph: Path, entity: str, fmt: str) -> None:
    """Print what the graph knows about ENTITY (a label, alias or IRI), each fact with the
    sentences and sources it comes from, or the rule and evidence that inferred it.

    Example:

    \b
        newsgraph explain graphs/graph.trig "Denis Nikitin"
    """
    from newsgraph.explain import describe, report_data

    report = describe(_load_inferred(graph), entity)
    if fmt == "json":
        echo_json(report_data(report))
        return
    _say(f"{report.label} <{report.iri}>")
    _say(f"  class: {', '.join(report.classes)}")
    if report.aliases:
        _say(f"  also called: {', '.join(report.aliases)}")
    _say(f"  mentioned in: {'; '.join(report.articles) or '-'}")
    if report.metrics:
        _say("  network: " + ", ".join(f"{k} {v}" for k, v in report.metrics.items()))
    if report.coalition:
        _say(f"  coalition with: {', '.join(report.coalition)}")
    if report.chain_of_command:
        _say("  chain of command: " + " -> ".join(
            [report.label] + [f.object_label for f in report.chain_of_command]))
    click.echo("Facts:")
    for fact in report.facts:
        _echo_fact(fact)
    if report.denials:
        click.echo("Denied:")
        for fact in report.denials:
            _echo_fact(fact)
    if report.contradictions:
        click.echo("Contradictions:")
        for text in report.contradictions:
            _say(f"  - {text}")


@click.command()
@click.argument("graph", type=click.Path(path_type=Path))
@click.argument("start")
@click.argument("end")
@text_or_json()
@handle_errors
def path(graph: Path, start: str, end: str, fmt: str) -> None:
    """Print the shortest chain of facts linking two entities, each hop with its evidence.

    Example:

    \b
        newsgraph path graphs/graph.trig "Denis Nikitin" "attack in Belgorod"
    """
    from newsgraph.explain import evidence_path, path_data

    hops = evidence_path(_load_inferred(graph), start, end)
    if fmt == "json":
        echo_json(path_data(hops))
        return
    click.echo(f"{len(hops)} hop{'s' if len(hops) != 1 else ''}:")
    for number, fact in enumerate(hops, 1):
        _echo_fact(fact, f"{number}.")


def _graph_or_store(graph: Path | None, store_dir: Path | None) -> Path:
    from newsgraph.errors import InputError

    if (graph is None) == (store_dir is None):
        raise InputError("Give a GRAPH file or --store DIR (one of them)")
    source = graph if graph is not None else store_dir
    assert source is not None
    return source


def _load(graph: Path):
    from newsgraph.sources import load_dataset

    return load_dataset(graph)


def _load_inferred(graph: Path):
    from newsgraph.infer import ensure_inferred

    return ensure_inferred(_load(graph))


def _echo_fact(fact, bullet: str = "-") -> None:
    if fact.inferred:
        flags = f"inferred by {fact.rule}, score {fact.score}, {fact.certainty}"
        flags += ", disputed" if fact.disputed else ""
        _say(f"  {bullet} {fact.text} [{flags}]")
        claims = fact.evidence
    else:
        _say(f"  {bullet} {fact.text}")
        claims = fact.claims
    for claim in claims:
        verb = "denies" if claim.denies else "says"
        _say(f"      {claim.source} {verb} (in {claim.article}): \"{claim.sentence.strip()}\"")


@click.command()
@click.argument("graph", type=click.Path(path_type=Path))
@handle_errors
def validate(graph: Path) -> None:
    """Validate a graph against ontology/shapes.ttl (SHACL). Exit 0 conforms, 1 does not, 2 bad input.

    Example:

    \b
        newsgraph validate graphs/graph.trig
    """
    from newsgraph.sources import load_dataset
    from newsgraph.validate import validate_dataset

    conforms, violations = validate_dataset(load_dataset(graph))
    if conforms:
        click.echo(f"{graph}: conforms to the newsgraph shapes")
        return
    for focus, message in violations:
        click.echo(f"{focus}: {message}")
    click.echo(f"{graph}: {len(violations)} violation(s)", err=True)
    sys.exit(1)
