"""The ``newsgraph`` command line: thin click commands over the library functions.

Exit codes: 0 success, 1 a problem was found (a graph that does not conform), 2 bad input or
usage (missing file, unparsable graph or query). Results go to stdout, warnings to stderr.
"""

from __future__ import annotations

import logging
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

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


for command in (
    building.build,
    building.add,
    building.remove,
    reading.query,
    reading.export,
    reading.push,
    reading.render,
    reading.infer,
    reading.contradictions,
    reading.explain,
    reading.path,
    reading.validate,
):
    cli.add_command(command)


SCORE_LEGEND = """\b
Columns: found = required gold facts in the graph, gold = required gold facts,
recall = found/gold; correct = judged predictions matching a required gold fact,
judged = predictions whose two ends are gold entities, events or literals,
precision = correct/judged; f1 = 2PR/(P+R). A ratio with nothing to count
from (no gold rows, nothing judged) is shown as —."""


def _explains_score_columns(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Put :data:`SCORE_LEGEND` into a command's help, before its example."""
    doc = fn.__doc__ or ""
    at = doc.index("    Example:")
    fn.__doc__ = doc[:at] + textwrap.indent(SCORE_LEGEND, "    ") + "\n\n" + doc[at:]
    return fn


@cli.command()
@click.argument("graph", type=click.Path(path_type=Path))
@click.argument("gold", type=click.Path(path_type=Path))
@click.option(
    "--entities",
    "entities_file",
    type=click.Path(path_type=Path),
    help="Gold entities TSV (names, class) to check classes and duplicates.",
)
@output_format()
@_explains_score_columns
@handle_errors
def evaluate(graph: Path, gold: Path, entities_file: Path | None, fmt: str) -> None:
    """Precision, recall and F1 per property against a gold facts TSV (scoring as
    tests/data/dev/GUIDE.md says).

    Example:

    \b
        newsgraph evaluate graphs/graph.trig tests/data/gold/000_b58dadf5cc5c3bf8.tsv \\
            --entities tests/data/gold/000_b58dadf5cc5c3bf8.entities.tsv
    """
    from newsgraph.evaluate import (
        SCORE_COLUMNS,
        evaluate_entities,
        evaluate_facts,
        read_gold_entities,
        read_gold_facts,
        score_cells,
    )
    from newsgraph.rdfio import union_graph
    from newsgraph.sources import load_dataset

    g = union_graph(load_dataset(graph))
    gold_entities = read_gold_entities(entities_file) if entities_file is not None else []
    report = evaluate_facts(g, read_gold_facts(gold), gold_entities)
    missing = _missing_score(fmt)
    rows = [[p, *score_cells(s, missing)] for p, s in report.per_property.items()]
    rows.append(["TOTAL", *score_cells(report.total, missing)])
    _echo_rows(["property", *SCORE_COLUMNS], rows, fmt)
    if fmt == "table":
        for fact in report.missed:
            click.echo(f"missed: {fact.subject[0]} {fact.property} {fact.object[0]}")
        for wrong in report.wrong:
            click.echo(f"not in gold: {wrong.subject} {wrong.property} {wrong.object}")
    if entities_file is not None:
        good, problems = evaluate_entities(g, gold_entities)
        click.echo(f"entities: {good} of {len(gold_entities)} found once with the right class")
        for problem in problems:
            click.echo(f"  {problem}")


def _missing_score(fmt: str) -> str:
    """What stands for a ratio that cannot be computed: an em dash in a table, an empty cell in
    CSV and JSON (so that tools reading them see no number)."""
    return "—" if fmt == "table" else ""


@cli.command("evaluate-articles")
@click.argument("articles", type=click.Path(path_type=Path))
@click.argument("gold_dir", type=click.Path(path_type=Path))
@click.option("--model", default=None, help="spaCy pipeline: installed package name or model folder.")
@click.option(
    "--misses",
    is_flag=True,
    help="List every missed and every wrong fact with the sentence behind it, and entity problems.",
)
@click.option("--per-article", is_flag=True, help="Also print one row of scores per article.")
@click.option(
    "--corpus",
    is_flag=True,
    help="Also build the articles as one corpus and check that each distinct entity is one node.",
)
@output_format()
@_explains_score_columns
@handle_errors
def evaluate_articles_command(
    articles: Path, gold_dir: Path, model: str | None, misses: bool, per_article: bool, corpus: bool, fmt: str
) -> None:
    """Build each article that has a gold file GOLD_DIR/<stem>.tsv on its own and score it
    (scoring as tests/data/dev/GUIDE.md says): precision and recall per property, micro totals,
    and the gold entities (<stem>.entities.tsv) found once with the right class.

    Example:

    \b
        newsgraph evaluate-articles tests/data/articles tests/data/gold --misses
    """
    from newsgraph.evaluate import SCORE_COLUMNS, Score, score_cells
    from newsgraph.evaluate_articles import evaluate_articles, evaluate_corpus

    scores = list(evaluate_articles(articles, gold_dir, model))
    per_property: dict[str, Score] = {}
    for score in scores:
        for prop, s in score.facts.per_property.items():
            per_property.setdefault(prop, Score()).__iadd__(s)

    def row(name: str, s: Score) -> list[Any]:
        return [name, *score_cells(s, _missing_score(fmt))]

    header = ["property", *SCORE_COLUMNS]
    total = Score()
    for s in per_property.values():
        total += s
    rows = [row(p, per_property[p]) for p in sorted(per_property)] + [row("MICRO", total)]
    _echo_rows(header, rows, fmt)
    if fmt != "table":
        return
    good = sum(s.entities for s in scores)
    gold = sum(s.gold_entities for s in scores)
    duplicates = sum(p.startswith("duplicate:") for s in scores for p in s.entity_problems)
    if gold:
        click.echo(
            f"entities: {good} of {gold} found once with the right class ({good / gold:.2f}); "
            f"{duplicates} duplicated"
        )
    if per_article:
        click.echo("")
        _echo_rows(["article"] + header[1:], [row(s.path.name, s.facts.total) for s in scores], fmt)
    if corpus:
        result = evaluate_corpus(articles, gold_dir, model)
        split = sum(p.startswith("duplicate:") for p in result.problems)
        ratio = result.entities / result.gold_entities if result.gold_entities else 0.0
        click.echo(
            f"corpus: {result.entities} of {result.gold_entities} distinct entities found once with the "
            f"right class ({ratio:.2f}); {split} split into several nodes"
        )
        if misses:
            for problem in result.problems:
                click.echo(f"  corpus {problem}")
    if misses:
        for article in scores:
            click.echo(f"\n== {article.path.name}")
            for fact, sentence in zip(article.facts.missed, article.miss_sentences):
                click.echo(f"missed: {fact.show()}")
                click.echo(f"    in: {sentence}" if sentence else "    in: (no sentence names both ends)")
            for wrong in article.facts.wrong:
                click.echo(
                    f"wrong:  {wrong.subject} {wrong.property} {wrong.object}"
                    + ("  (inferred)" if wrong.inferred else "")
                )
                for sentence in wrong.sentences or ("(no sentence)",):
                    click.echo(f"  from: {sentence}")
            for problem in article.entity_problems:
                click.echo(f"entity {problem}")


def main() -> None:
    cli(prog_name="newsgraph")


if __name__ == "__main__":
    main()
