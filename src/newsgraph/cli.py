"""The ``newsgraph`` command line: thin click commands over the library functions.

Exit codes: 0 success, 1 a problem was found (a graph that does not conform), 2 bad input or
usage (missing file, unparsable graph or query). Results go to stdout, warnings to stderr.
"""

from __future__ import annotations

import logging
from pathlib import Path

import click

from newsgraph.commands import building, reading
from newsgraph.commands.options import echo_rows as _echo_rows
from newsgraph.commands.options import handle_errors, output_format

__all__ = ["main", "cli"]

log = logging.getLogger("newsgraph")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-v", "--verbose", count=True, help="More log output on stderr (-vv for debug).")
@click.option("-q", "--quiet", is_flag=True, help="Only errors on stderr.")
@click.version_option(package_name="newsgraph")
def cli(verbose: int, quiet: bool) -> None:
    """Turn news articles about armed groups into a queryable knowledge graph."""
    level = logging.ERROR if quiet else (logging.WARNING, logging.INFO, logging.DEBUG)[min(verbose, 2)]
    logging.getLogger().setLevel(level)  # other libraries' warnings too
    log.setLevel(level)
    if not any(isinstance(h, StderrHandler) for h in log.handlers):
        handler = StderrHandler()
        handler.setFormatter(logging.Formatter("newsgraph: %(levelname)s: %(message)s"))
        log.addHandler(handler)


class StderrHandler(logging.Handler):
    """Log records to whatever stderr is when they are emitted (click's test runner swaps it)."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            click.echo(self.format(record), err=True)
        except Exception:  # noqa: BLE001 - logging must never break the command
            self.handleError(record)


for command in (building.build, building.add, building.remove, reading.query, reading.export, reading.push,
                reading.render, reading.infer, reading.contradictions, reading.explain, reading.path,
                reading.validate):
    cli.add_command(command)


@cli.command()
@click.argument("graph", type=click.Path(path_type=Path))
@click.argument("gold", type=click.Path(path_type=Path))
@click.option("--entities", "entities_file", type=click.Path(path_type=Path),
              help="Gold entities TSV (names, class) to check classes and duplicates.")
@output_format()
@handle_errors
def evaluate(graph: Path, gold: Path, entities_file: Path | None, fmt: str) -> None:
    """Precision, recall and F1 per property against a gold facts TSV.

    Example:

        newsgraph evaluate graphs/graph.trig tests/data/gold/000_b58dadf5cc5c3bf8.tsv \\
            --entities tests/data/gold/000_b58dadf5cc5c3bf8.entities.tsv
    """
    from rdflib import Graph

    from newsgraph.evaluate import evaluate_entities, evaluate_facts, read_gold_entities, read_gold_facts
    from newsgraph.namespaces import ontology_dir
    from newsgraph.rdfio import union_graph
    from newsgraph.sources import load_dataset

    g = union_graph(load_dataset(graph))
    report = evaluate_facts(g, read_gold_facts(gold))
    rows = [[p, s.tp, s.gold, s.correct, s.predicted, f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}"]
            for p, s in report.per_property.items()]
    t = report.total
    rows.append(["TOTAL", t.tp, t.gold, t.correct, t.predicted, f"{t.precision:.3f}", f"{t.recall:.3f}",
                 f"{t.f1:.3f}"])
    _echo_rows(["property", "found", "gold", "correct", "predicted", "precision", "recall", "f1"], rows, fmt)
    if fmt == "table":
        for fact in report.missed:
            click.echo(f"missed: {fact.subject[0]} {fact.property} {fact.object[0]}")
        for s, p, o in report.wrong:
            click.echo(f"not in gold: {s} {p} {o}")
    if entities_file is not None:
        ontology = Graph().parse(ontology_dir() / "newsgraph.ttl")
        gold_entities = read_gold_entities(entities_file)
        good, problems = evaluate_entities(g, gold_entities, ontology)
        click.echo(f"entities: {good} of {len(gold_entities)} found once with the right class")
        for problem in problems:
            click.echo(f"  {problem}")


@cli.command("evaluate-articles")
@click.argument("articles", type=click.Path(path_type=Path))
@click.argument("gold_dir", type=click.Path(path_type=Path))
@click.option("--model", default=None, help="spaCy pipeline: installed package name or model folder.")
@output_format()
@handle_errors
def evaluate_articles_command(articles: Path, gold_dir: Path, model: str | None, fmt: str) -> None:
    """Build each article that has a gold file GOLD_DIR/<stem>.tsv on its own and score it;
    prints per-article scores and the micro-averaged precision, recall and F1.

    Example:

        newsgraph evaluate-articles tests/data/articles tests/data/gold
    """
    from newsgraph.evaluate import Score
    from newsgraph.pipeline import evaluate_articles

    total = Score()
    rows = []
    for path, report in evaluate_articles(articles, gold_dir, model):
        s = report.total
        total += s
        rows.append([path.name, s.tp, s.gold, s.correct, s.predicted, f"{s.precision:.3f}", f"{s.recall:.3f}",
                     f"{s.f1:.3f}"])
    rows.append(["MICRO", total.tp, total.gold, total.correct, total.predicted, f"{total.precision:.3f}",
                 f"{total.recall:.3f}", f"{total.f1:.3f}"])
    _echo_rows(["article", "found", "gold", "correct", "predicted", "precision", "recall", "f1"], rows, fmt)


def main() -> None:
    cli(prog_name="newsgraph")


if __name__ == "__main__":
    main()
