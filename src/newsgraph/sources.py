"""Where a read-side command's graph comes from: a graph file or a corpus store folder.

Every command that reads a graph (``query``, ``export``, ``render``, ``explain``, ``validate``,
...) accepts either; this module is the one place that tells them apart, so the RDF readers
(:mod:`newsgraph.rdfio`) know nothing of stores and the store knows nothing of commands.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

from pyoxigraph import Store
from rdflib import Dataset

from newsgraph import rdfio
from newsgraph.corpus_store import is_store, open_for_reading

__all__ = ["load_dataset", "oxigraph_store"]


def load_dataset(path: str | os.PathLike[str]) -> Dataset:
    """A graph file (any format of :data:`newsgraph.rdfio.FORMATS`) or a corpus store folder
    as an rdflib Dataset."""
    if is_store(path):
        with open_for_reading(path) as corpus:
            return corpus.dataset()
    return rdfio.load_dataset(path)


@contextmanager
def oxigraph_store(path: str | os.PathLike[str]) -> Iterator[Store]:
    """An Oxigraph store to query: a store folder's own database, opened read-only, or a graph
    file loaded into memory."""
    if is_store(path):
        with open_for_reading(path) as corpus:
            yield corpus.oxigraph
    else:
        yield rdfio.load_store(path)
