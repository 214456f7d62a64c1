"""``build()``: the one function that strings the stages together.

ingest → extract → resolve (merge across articles) → map → infer → store/render. The CLI and
the end-to-end tests both call it.
"""

from __future__ import annotations

import gc
import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from rdflib import Dataset, URIRef

from newsgraph.errors import InputError
from newsgraph.infer import infer
from newsgraph.ingest import find_article_files, read_article
from newsgraph.mapping import map_article, new_dataset
from newsgraph.model import Article, ArticleExtraction
from newsgraph.namespaces import NG, RDF
from newsgraph.parsing import extract_articles
from newsgraph.rdfio import serialize_dataset, write_atomically
from newsgraph.resolve import Resolver
from newsgraph.vocab import NON_ENTITY_CLASSES

if TYPE_CHECKING:
    from newsgraph.corpus_store import StoreChange

__all__ = ["STAGES", "StageTimes", "BuildResult", "StoreResult", "build", "build_dataset", "build_into_store",
           "read_articles", "remove_from_store", "write_build"]

log = logging.getLogger("newsgraph")

T = TypeVar("T")

# The stages of a build, in order. Resolve and map run article by article as extraction hands
# each one over, so their times are summed over the articles (and parse+extract is the time spent
# waiting for the next extraction). A build into a corpus store has "store" instead of the last
# four: the store resolves, maps, infers and writes in one transaction.
STAGES = ("read", "parse+extract", "resolve", "map", "infer", "write", "store")


class StageTimes:
    """Seconds spent in each of :data:`STAGES`; ``on_stage(name)`` is called when a stage is first
    entered (the command line names it on the progress bar)."""

    def __init__(self, on_stage: Callable[[str], None] | None = None) -> None:
        self.seconds = dict.fromkeys(STAGES, 0.0)
        self._on_stage = on_stage
        self._entered: set[str] = set()

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        if name not in self._entered:
            self._entered.add(name)
            if self._on_stage is not None:
                self._on_stage(name)
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] += time.perf_counter() - start

    def timed(self, name: str, items: Iterable[T]) -> Iterator[T]:
        """``items``, with the time spent producing each added to stage ``name``."""
        it = iter(items)
        while True:
            with self.stage(name):
                try:
                    item = next(it)
                except StopIteration:
                    return
            yield item

    def summary(self) -> str:
        """``read 0.02 s, parse+extract 1.35 s, …`` for the stages that ran.

        >>> times = StageTimes()
        >>> times.seconds.update(read=0.021, infer=1.5)
        >>> times.summary()
        'read 0.02 s, infer 1.50 s'
        """
        return ", ".join(f"{name} {seconds:.2f} s" for name, seconds in self.seconds.items() if seconds)


@dataclass
class BuildResult:
    dataset: Dataset
    articles: list[Article]
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    outputs: list[Path] = field(default_factory=list)
    page_entities: tuple[int, int] | None = None  # (shown, total) on the HTML page written
    times: StageTimes = field(default_factory=StageTimes)

    @property
    def entity_count(self) -> int:
        return len({s for s, _, o, _ in self.dataset.quads((None, RDF.type, None, None))
                    if o not in NON_ENTITY_CLASSES})

    @property
    def fact_count(self) -> int:
        return sum(1 for _ in self.dataset.quads((None, RDF.type, NG.Claim, None)))


def read_articles(files: Iterable[Path]) -> tuple[list[Article], list[tuple[str, str]]]:
    """Read article files; unreadable, empty or non-English ones are skipped with a reason."""
    articles: list[Article] = []
    skipped: list[tuple[str, str]] = []
    seen: set[str] = set()
    for path in files:
        try:
            article = read_article(path)
        except InputError as exc:
            skipped.append((str(path), str(exc)))
            continue
        if not article.text.strip():
            skipped.append((str(path), f"{article.path}: no article text"))
            continue
        if article.id in seen:
            skipped.append((str(path), f"{article.path}: same text as an earlier article"))
            continue
        seen.add(article.id)
        articles.append(article)
    return articles, skipped


def build_dataset(extractions: Iterable[ArticleExtraction], times: StageTimes | None = None) -> Dataset:
    """Resolve, map and infer. Extractions are consumed as they come: each article is resolved
    and mapped as soon as it arrives (its entities' IRIs and labels are fixed when first seen),
    so with ``--jobs N`` this work overlaps the workers' parsing and only inference is left when
    the last article arrives."""
    times = StageTimes() if times is None else times
    # Mapping creates millions of rdflib objects that live until the end, and every default
    # garbage-collection pass walks them again: rarer passes made this a quarter faster
    # (see bench/RESULTS.md) for a few megabytes more.
    threshold = gc.get_threshold()
    gc.set_threshold(100_000, 50, 1000)
    try:
        resolver, ds = Resolver(), new_dataset()
        iris: dict[str, URIRef] = {}
        for extraction in extractions:
            with times.stage("resolve"):
                mapping = resolver.resolve(extraction.entities, extraction.article.id)
            with times.stage("map"):
                map_article(ds, extraction, mapping, resolver.corpus, iris)
        with times.stage("infer"):
            infer(ds)
    finally:
        gc.set_threshold(*threshold)
    return ds


def build(paths: Sequence[str | os.PathLike[str]], model: str | None = None,
          progress: Callable[[Article], None] | None = None, jobs: int = 1,
          scheduler: str | None = None, files: Sequence[Path] | None = None,
          on_stage: Callable[[str], None] | None = None) -> BuildResult:
    """Build the knowledge graph of every article under ``paths`` (files or folders).

    ``jobs`` > 1 extracts in that many worker processes; ``scheduler`` (a Dask scheduler address)
    extracts on a Dask cluster instead. Either way the output is the same as with one process
    (see :mod:`newsgraph.parallel`). ``files`` is ``find_article_files(paths)`` when the caller
    has listed them already. The result's ``times`` holds the seconds spent in each stage;
    ``on_stage(name)`` is called as each of :data:`STAGES` starts.
    """
    times = StageTimes(on_stage)
    with times.stage("read"):
        articles, skipped = _readable_articles(paths, files)
    built: list[Article] = []
    extractions = _with_facts(extract_any(articles, model, progress, jobs, scheduler), skipped, paths, built)
    dataset = build_dataset(times.timed("parse+extract", extractions), times)
    return BuildResult(dataset, built, skipped, times=times)


def extract_any(articles: Sequence[Article], model: str | None = None,
                progress: Callable[[Article], None] | None = None, jobs: int = 1,
                scheduler: str | None = None) -> Iterable[ArticleExtraction]:
    """Extract in this process, in ``jobs`` worker processes or on a Dask cluster (same output)."""
    if scheduler or jobs > 1:
        from newsgraph.parallel import extract_in_processes, extract_on_cluster

        return extract_on_cluster(articles, model, scheduler, progress) if scheduler \
            else extract_in_processes(articles, model, jobs, progress)
    return extract_articles(articles, model, progress)


def _readable_articles(paths: Sequence[str | os.PathLike[str]],
                       files: Sequence[Path] | None = None) -> tuple[list[Article], list[tuple[str, str]]]:
    articles, skipped = read_articles(find_article_files(paths) if files is None else files)
    for _path, reason in skipped:
        log.warning("skipped %s", reason)
    if not articles:
        raise InputError("No article could be read from " + ", ".join(map(str, paths))
                         + (f" ({skipped[0][1]})" if skipped else ""))
    return articles, skipped


def _with_facts(extractions: Iterable[ArticleExtraction], skipped: list[tuple[str, str]],
                paths: Sequence[str | os.PathLike[str]], built: list[Article] | None = None
                ) -> Iterator[ArticleExtraction]:
    """The extractions that found something, as they come (their articles appended to
    ``built``, their counts logged at INFO: ``-v``); the others are skipped with a warning."""
    kept = 0
    for extraction in extractions:
        if extraction.statements or set(extraction.entities) - {extraction.publisher_key}:
            log.info("%s: %d entities, %d statements", extraction.article.path, len(extraction.entities),
                     len(extraction.statements))
            kept += 1
            if built is not None:
                built.append(extraction.article)
            yield extraction
            continue
        reason = f"{extraction.article.path}: no entities or facts found"
        log.warning("skipped %s", reason)
        skipped.append((extraction.article.path, reason))
    if not kept and skipped:
        raise InputError(f"No article could be built from {', '.join(map(str, paths))} ({skipped[-1][1]})")


@dataclass
class StoreResult:
    change: StoreChange
    articles: list[Article]
    skipped: list[tuple[str, str]] = field(default_factory=list)
    stored: int = 0  # articles in the store afterwards
    times: StageTimes = field(default_factory=StageTimes)


def build_into_store(paths: Sequence[str | os.PathLike[str]], store: str | os.PathLike[str], *,
                     replace: bool = False, model: str | None = None,
                     progress: Callable[[Article], None] | None = None, jobs: int = 1,
                     scheduler: str | None = None, files: Sequence[Path] | None = None,
                     on_stage: Callable[[str], None] | None = None) -> StoreResult:
    """Add the articles under ``paths`` to the corpus store ``store`` (created if missing), or
    with ``replace`` build a new store of exactly these articles in its place. ``on_stage`` and
    the result's ``times`` as in :func:`build` (stages read, parse+extract, store)."""
    from newsgraph.corpus_store import CorpusStore, build_store

    times = StageTimes(on_stage)
    with times.stage("read"):
        articles, skipped = _readable_articles(paths, files)
    if replace:
        extracted = extract_any(articles, model, progress, jobs, scheduler)
        extractions = list(times.timed("parse+extract", _with_facts(extracted, skipped, paths)))
        with times.stage("store"):
            change = build_store(store, extractions)
        return StoreResult(change, articles, skipped, len(change.added), times)
    with CorpusStore.open(store, create=True) as corpus:
        stored = {r.id for r in corpus.records}
        todo = [a for a in articles if a.id not in stored]
        extracted = _with_facts(extract_any(todo, model, progress, jobs, scheduler), skipped, paths)
        extractions = list(times.timed("parse+extract", extracted)) if todo else []
        with times.stage("store"):
            change = corpus.add(extractions)
        already = [str(Path(a.path).resolve()) for a in articles if a.id in stored]
        change.unchanged = already + change.unchanged
        return StoreResult(change, articles, skipped, len(corpus.records), times)


def remove_from_store(refs: Sequence[str], store: str | os.PathLike[str]) -> StoreResult:
    from newsgraph.corpus_store import CorpusStore

    with CorpusStore.open(store) as corpus:
        change = corpus.remove(refs)
        return StoreResult(change, [], [], len(corpus.records))


def write_build(result: BuildResult, out_dir: str | os.PathLike[str], name: str = "graph",
                html: bool = True, max_nodes: int | None = None) -> list[Path]:
    """Write NAME.trig, NAME.ttl and NAME.html together, atomically.

    The page shows at most ``max_nodes`` entities (default ``render.PAGE_NODE_CAP``; 0: all).
    The time it takes is the ``write`` stage of ``result.times``.
    """
    with result.times.stage("write"):
        return _write_build(result, Path(out_dir), name, html, max_nodes)


def _write_build(result: BuildResult, out: Path, name: str, html: bool, max_nodes: int | None) -> list[Path]:
    outputs = {
        out / f"{name}.trig": serialize_dataset(result.dataset, "trig"),
        out / f"{name}.ttl": serialize_dataset(result.dataset, "turtle"),
    }
    if html:
        from newsgraph.render import PAGE_NODE_CAP, render_page

        cap = PAGE_NODE_CAP if max_nodes is None else max_nodes or None
        page = render_page(result.dataset, max_nodes=cap)
        outputs[out / f"{name}.html"] = page.html.encode("utf-8")
        result.page_entities = (page.shown, page.total)
    write_atomically(outputs)
    result.outputs = list(outputs)
    return result.outputs
