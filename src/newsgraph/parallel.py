"""Extraction spread over worker processes (``build --jobs N``) or a Dask cluster
(``build --scheduler ADDRESS``).

Only extraction (the spaCy parse and the relation rules, nearly all of a build's time) leaves the
main process. Articles go out in chunks; each worker loads the spaCy model once and sends back
one :class:`~newsgraph.model.ArticleExtraction` per article, and the results are taken in input
order. Resolution stays central: whether two articles' "Ivo Marskovich" are one node, and which
label (hence IRI) it gets, depends on every article of the build, so it cannot be decided by a
worker that sees a chunk. Workers therefore return the picklable dataclasses rather than N-Quads
with IRIs already minted: the main process resolves, maps and infers exactly as in a one-process
build, and the output is byte-identical to ``--jobs 1``.

Examples
--------
>>> [len(c) for c in chunked(range(10), 4)]
[4, 4, 2]
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice

from newsgraph.errors import InputError
from newsgraph.model import Article, ArticleExtraction
from newsgraph.nlp import load_model
from newsgraph.parsing import extract_articles

__all__ = ["CHUNK_SIZE", "chunked", "extract_chunk", "extract_in_processes", "extract_on_cluster"]

# Articles per task: large enough that pickling and scheduling are noise next to the parse,
# small enough that two workers finish together and the progress bar moves.
CHUNK_SIZE = 16

Progress = Callable[[Article], None] | None


def chunked(items: Iterable, size: int) -> Iterator[list]:
    """Consecutive lists of ``size`` items (the last may be shorter), read lazily."""
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def extract_chunk(articles: Sequence[Article], model: str | None = None) -> list[ArticleExtraction]:
    """Extract a chunk of articles in this process (the model loads once per process)."""
    return list(extract_articles(articles, model))


def _report(chunks: Iterable[list[ArticleExtraction]], progress: Progress) -> Iterator[ArticleExtraction]:
    for chunk in chunks:
        for extraction in chunk:
            if progress:
                progress(extraction.article)
            yield extraction


def _load_worker_model(model: str | None) -> None:
    load_model(model)


def extract_in_processes(articles: Iterable[Article], model: str | None, jobs: int,
                         progress: Progress = None,
                         chunk_size: int = CHUNK_SIZE) -> Iterator[ArticleExtraction]:
    """Extract with ``jobs`` worker processes, yielding results in input order.

    Workers are started with ``spawn`` (safe with threads in the parent, and the only method on
    every platform), so a worker shares nothing with the parent but the articles it is sent.
    """
    context = multiprocessing.get_context("spawn")
    with context.Pool(jobs, initializer=_load_worker_model, initargs=(model,)) as pool:
        tasks = ((chunk, model) for chunk in chunked(articles, chunk_size))
        yield from _report(pool.imap(_extract_task, tasks), progress)


def _extract_task(task: tuple[list[Article], str | None]) -> list[ArticleExtraction]:
    return extract_chunk(*task)


def extract_on_cluster(articles: Iterable[Article], model: str | None, scheduler: str,
                       progress: Progress = None,
                       chunk_size: int = CHUNK_SIZE) -> Iterator[ArticleExtraction]:
    """Extract on the Dask distributed cluster at ``scheduler`` (``tcp://host:8786``), yielding
    results in input order. Every worker needs newsgraph and the model installed."""
    try:
        from distributed import Client
    except ImportError as exc:
        raise InputError("--scheduler needs Dask: pip install 'newsgraph[dask]'") from exc
    try:
        client = Client(scheduler, timeout="10s")
    except (OSError, TimeoutError, ValueError) as exc:
        raise InputError(f"Cannot reach the Dask scheduler at {scheduler}: {exc}") from exc
    with client:
        futures = [client.submit(extract_chunk, chunk, model, pure=False)
                   for chunk in chunked(articles, chunk_size)]
        yield from _report((future.result() for future in futures), progress)
