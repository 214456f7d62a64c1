"""The commands that build graphs and grow or shrink a corpus store: ``build``, ``add``, ``remove``."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from newsgraph.commands.options import handle_errors

__all__ = ["build", "add", "remove"]

log = logging.getLogger("newsgraph")


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", "out_dir", default="graphs", show_default=True,
              type=click.Path(path_type=Path),
              help="Folder for the output files.")
@click.option("--name", default="graph", show_default=True, help="Base name of the output files.")
@click.option("--model", default=None, help="spaCy pipeline: installed package name or model folder.")
@click.option("--no-html", is_flag=True, help="Do not write the HTML page.")
@click.option("--max-nodes", type=click.IntRange(min=0),
              help="Entities on the HTML page (default 300; 0: all): armed groups, their leaders and "
                   "attacks first, then the best connected.")
@click.option("--jobs", "-j", default=1, show_default=True, type=click.IntRange(min=1),
              help="Worker processes for extraction (the output is the same for any number).")
@click.option("--scheduler", metavar="ADDRESS",
              help="Extract on the Dask cluster of this scheduler (tcp://host:8786); needs newsgraph[dask].")
@click.option("--store", "store_dir", type=click.Path(path_type=Path),
              help="Build an on-disk corpus store in this folder instead of graph files.")
@handle_errors
def build(paths: tuple[Path, ...], out_dir: Path, name: str, model: str | None, no_html: bool,
          max_nodes: int | None, jobs: int, scheduler: str | None, store_dir: Path | None) -> None:
    """Build the knowledge graph of articles (.txt, .md, .html files or folders of them).

    Writes DIR/NAME.trig (one named graph per article, plus the inferred graph), DIR/NAME.ttl
    (everything in one graph) and DIR/NAME.html (interactive page that works offline). Outputs
    are replaced together only when the build succeeds. With --store, builds a corpus store of
    exactly these articles instead (replacing that store only when the build succeeds); grow it
    with `newsgraph add`.

    Examples:

    \b
        newsgraph build seeds/ -o graphs --name graph
        newsgraph build tests/data/articles/ -o out --jobs 2
        newsgraph build seeds/ --store corpus/
        newsgraph build seeds/ -o out --scheduler tcp://scheduler-host:8786
    """
    from newsgraph.pipeline import build as run_build
    from newsgraph.pipeline import build_into_store, write_build
    from newsgraph.rdfio import check_output_name

    if store_dir is not None:
        result = _with_progress(paths, lambda progress, files, on_stage: build_into_store(
            paths, store_dir, replace=True, model=model, progress=progress, jobs=jobs, scheduler=scheduler,
            files=files, on_stage=on_stage))
        _echo_store_result(result, store_dir)
        return
    check_output_name(name)  # before the work, not after it

    def build_and_write(progress: Any, files: list[Path], on_stage: Any) -> Any:
        result = run_build(paths, model=model, progress=progress, jobs=jobs, scheduler=scheduler, files=files,
                           on_stage=on_stage)
        write_build(result, out_dir, name, html=not no_html, max_nodes=max_nodes)
        return result

    result = _with_progress(paths, build_and_write)
    _log_times(result)
    outputs = result.outputs
    skipped = f", {len(result.skipped)} skipped" if result.skipped else ""
    page = ""
    if result.page_entities is not None:
        shown, total = result.page_entities
        capped = " (--max-nodes)" if shown < total else ""
        page = f"; the page shows {shown:,} of {total:,} entities{capped}"
    click.echo(
        f"Built {', '.join(str(p) for p in outputs)} from {len(result.articles)} article"
        f"{'s' if len(result.articles) != 1 else ''}{skipped}: {result.entity_count} entities, "
        f"{result.fact_count} facts{page}"
    )


@click.command()
@click.argument("articles", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--store", "store_dir", required=True, type=click.Path(path_type=Path),
              help="Corpus store folder (created if missing).")
@click.option("--model", default=None, help="spaCy pipeline: installed package name or model folder.")
@handle_errors
def add(articles: tuple[Path, ...], store_dir: Path, model: str | None) -> None:
    """Add articles (files or folders) to a corpus store: their entities are resolved against
    those already stored and inference is refreshed. An unchanged article is left alone; an
    article whose file changed replaces its earlier version.

    Example:

    \b
        newsgraph add tests/data/articles/001_mali-kerdoumbe-market-attack.txt --store corpus/
    """
    from newsgraph.pipeline import build_into_store

    result = _with_progress(articles, lambda progress, files, on_stage: build_into_store(
        articles, store_dir, model=model, progress=progress, files=files, on_stage=on_stage))
    _echo_store_result(result, store_dir)


@click.command()
@click.argument("articles", nargs=-1, required=True)
@click.option("--store", "store_dir", required=True, type=click.Path(path_type=Path),
              help="Corpus store folder.")
@handle_errors
def remove(articles: tuple[str, ...], store_dir: Path) -> None:
    """Take articles (by file path, or article id) out of a corpus store, with every entity and
    inferred fact that only they supported.

    Example:

    \b
        newsgraph remove tests/data/articles/001_mali-kerdoumbe-market-attack.txt --store corpus/
    """
    from newsgraph.pipeline import remove_from_store

    _echo_store_result(remove_from_store(articles, store_dir), store_dir)


# What the progress bar says in each stage of a build (pipeline.STAGES): resolve and map run
# article by article while extraction goes on, so they share its label.
STAGE_LABELS = {"read": "Reading articles", "parse+extract": "Extracting", "infer": "Inferring",
                "write": "Writing", "store": "Storing"}


def _with_progress(paths: tuple[Path, ...], run: Callable[[Any, list[Path], Any], Any]) -> Any:
    """List the article files once and run a build over them, with a progress bar on stderr
    when there are enough of them to wait for (and warnings are on) that names the stage the
    build is in. ``run(progress, files, on_stage)``."""
    from newsgraph.ingest import find_article_files

    files = find_article_files(paths)
    if len(files) >= 5 and log.isEnabledFor(logging.WARNING):
        with click.progressbar(length=len(files), label=STAGE_LABELS["read"], file=sys.stderr) as bar:
            def on_stage(stage: str) -> None:
                if stage in STAGE_LABELS:
                    bar.label = STAGE_LABELS[stage]
                    bar.render_progress()

            return run(lambda _article: bar.update(1), files, on_stage)
    return run(None, files, None)


def _log_times(result: Any) -> None:
    """The seconds each stage took, at INFO (``-v``)."""
    if summary := result.times.summary():
        log.info("stage times: %s", summary)


def _echo_store_result(result: Any, store_dir: Path) -> None:
    _log_times(result)
    change = result.change
    counts = ((change.added, "added"), (change.replaced, "replaced"), (change.unchanged, "unchanged"),
              (change.removed, "removed"), (result.skipped, "skipped"))
    parts = [f"{len(items)} {what}" for items, what in counts if items]
    click.echo(f"Store {store_dir}: {', '.join(parts) or 'nothing to do'}; "
               f"{result.stored} article{'s' if result.stored != 1 else ''} stored")
