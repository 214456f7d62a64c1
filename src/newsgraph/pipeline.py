"""``build()``: the one function that strings the stages together.

ingest → extract → resolve (merge across articles) → map → infer → store/render. The CLI and
the end-to-end tests both call it.
"""

from __future__ import annotations

import gc
import logging
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset

from newsgraph.errors import InputError
from newsgraph.extract import extract_article
from newsgraph.infer import infer
from newsgraph.ingest import find_article_files, read_article
from newsgraph.mapping import map_articles
from newsgraph.model import Article, ArticleExtraction
from newsgraph.nlp import BATCH_SIZE, load_model
from newsgraph.resolve import merge_corpus
from newsgraph.store import serialize_dataset, write_atomically

__all__ = ["BuildResult", "build", "build_dataset", "extract_articles", "write_build"]

log = logging.getLogger("newsgraph")


@dataclass
class BuildResult:
    dataset: Dataset
    articles: list[Article]
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    outputs: list[Path] = field(default_factory=list)

    @property
    def entity_count(self) -> int:
        from newsgraph.namespaces import NG, RDF

        return len({s for s, _, o, _ in self.dataset.quads((None, RDF.type, None, None))
                    if o not in (NG.Claim, NG.Article, NG.Explanation, NG.Contradiction)})

    @property
    def fact_count(self) -> int:
        from newsgraph.namespaces import NG, RDF

        return sum(1 for _ in self.dataset.quads((None, RDF.type, NG.Claim, None)))


def read_articles(paths: Sequence[str | os.PathLike[str]]) -> tuple[list[Article], list[tuple[str, str]]]:
    """Read every article file under the paths; unreadable or empty ones are skipped with a reason."""
    articles: list[Article] = []
    skipped: list[tuple[str, str]] = []
    seen: set[str] = set()
    for path in find_article_files(paths):
        try:
            article = read_article(path)
        except InputError as exc:
            skipped.append((str(path), str(exc)))
            continue
        if not article.text.strip():
            skipped.append((str(path), f"{path}: no article text"))
            continue
        if article.id in seen:
            skipped.append((str(path), f"{path}: same text as an earlier article"))
            continue
        seen.add(article.id)
        articles.append(article)
    return articles, skipped


def extract_articles(articles: Iterable[Article], model: str | None = None,
                     progress: Callable[[Article], None] | None = None) -> Iterable[ArticleExtraction]:
    """Parse with spaCy in small batches (streaming: one Doc at a time is kept)."""
    nlp = load_model(model)
    items = list(articles)
    docs = nlp.pipe((a.text for a in items), batch_size=BATCH_SIZE)
    for article, doc in zip(items, docs):
        yield extract_article(doc, article)
        if progress:
            progress(article)


def build_dataset(extractions: Sequence[ArticleExtraction]) -> Dataset:
    # Mapping creates millions of rdflib objects that live until the end, and every default
    # garbage-collection pass walks them again: rarer passes made this a quarter faster
    # (see bench/RESULTS.md) for a few megabytes more.
    threshold = gc.get_threshold()
    gc.set_threshold(100_000, 50, 1000)
    try:
        mappings, corpus = merge_corpus([ex.entities for ex in extractions])
        ds = map_articles(extractions, mappings, corpus)
        infer(ds)
    finally:
        gc.set_threshold(*threshold)
    return ds


def build(paths: Sequence[str | os.PathLike[str]], model: str | None = None,
          progress: Callable[[Article], None] | None = None, jobs: int = 1,
          scheduler: str | None = None) -> BuildResult:
    """Build the knowledge graph of every article under ``paths`` (files or folders).

    ``jobs`` > 1 extracts in that many worker processes; ``scheduler`` (a Dask scheduler address)
    extracts on a Dask cluster instead. Either way the output is the same as with one process
    (see :mod:`newsgraph.parallel`)."""
    articles, skipped = read_articles(paths)
    for path, reason in skipped:
        log.warning("skipped %s", reason)
    if not articles:
        raise InputError("no article could be read from " + ", ".join(map(str, paths))
                         + (f" ({skipped[0][1]})" if skipped else ""))
    if scheduler or jobs > 1:
        from newsgraph.parallel import extract_in_processes, extract_on_cluster

        parallel = extract_on_cluster(articles, model, scheduler, progress) if scheduler \
            else extract_in_processes(articles, model, jobs, progress)
        extractions = list(parallel)
    else:
        extractions = list(extract_articles(articles, model, progress))
    return BuildResult(build_dataset(extractions), articles, skipped)


def write_build(result: BuildResult, out_dir: str | os.PathLike[str], name: str = "graph",
                html: bool = True) -> list[Path]:
    """Write NAME.trig, NAME.ttl and NAME.html together, atomically."""
    out = Path(out_dir)
    outputs = {
        out / f"{name}.trig": serialize_dataset(result.dataset, "trig"),
        out / f"{name}.ttl": serialize_dataset(result.dataset, "turtle"),
    }
    if html:
        from newsgraph.render import render_html

        outputs[out / f"{name}.html"] = render_html(result.dataset).encode("utf-8")
    write_atomically(outputs)
    result.outputs = list(outputs)
    return result.outputs


def evaluate_articles(articles_dir: str | os.PathLike[str], gold_dir: str | os.PathLike[str],
                      model: str | None = None):
    """Build each article that has a gold file on its own and score it; returns per-article reports.

    Each article is built alone so that its gold file is compared with its own facts only.
    """
    from newsgraph.evaluate import evaluate_facts, read_gold_facts
    from newsgraph.store import union_graph

    gold_root = Path(gold_dir)
    paths = [p for p in find_article_files([articles_dir]) if (gold_root / f"{p.stem}.tsv").is_file()]
    if not paths:
        raise InputError(f"{articles_dir}: no article has a gold file <stem>.tsv in {gold_dir}")
    articles = [read_article(p) for p in paths]
    reports = []
    for path, extraction in zip(paths, extract_articles(articles, model)):
        graph = union_graph(build_dataset([extraction]))
        reports.append((path, evaluate_facts(graph, read_gold_facts(gold_root / f"{path.stem}.tsv"))))
    return reports
