"""newsgraph: news articles about armed groups into an RDF knowledge graph that keeps who says so.

The public API, importable from here (each name is loaded when first used, so ``import newsgraph``
and the command line stay fast):

>>> import newsgraph
>>> newsgraph.slug("Armed Forces of Ukraine")
'armed-forces-of-ukraine'
>>> "build" in newsgraph.__all__ and callable(newsgraph.render_html)
True

Stages, lowest first (each imports only those before it; ``tests/test_architecture.py`` checks):
``errors``/``model``, ``namespaces``/``vocab``, ``ingest``, extraction (issue 12), ``resolve``,
``mapping``, ``rdfio``, ``network``/``contradictions``/``infer``/``scoped_inference``,
``corpus_store``, the read side (``sources``, ``entities``, ``provenance``, ``explain``,
``validate``, ``tables``, ``query``, ``remote``, ``render``), ``parsing``/``parallel``/``pipeline``,
``commands``, ``cli``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsgraph.corpus_store import CorpusStore
    from newsgraph.errors import NewsgraphError
    from newsgraph.explain import describe, disagreements, evidence_path
    from newsgraph.infer import infer
    from newsgraph.ingest import read_article
    from newsgraph.model import Article, ArticleExtraction, Entity, Statement
    from newsgraph.pipeline import BuildResult, build, build_dataset, write_build
    from newsgraph.query import format_result, run_query
    from newsgraph.rdfio import load_dataset, load_store, serialize_dataset
    from newsgraph.render import render_html
    from newsgraph.validate import validate_dataset
    from newsgraph.vocab import slug

_PUBLIC = {
    "Article": "newsgraph.model",
    "ArticleExtraction": "newsgraph.model",
    "Entity": "newsgraph.model",
    "Statement": "newsgraph.model",
    "NewsgraphError": "newsgraph.errors",
    "read_article": "newsgraph.ingest",
    "build": "newsgraph.pipeline",
    "build_dataset": "newsgraph.pipeline",
    "write_build": "newsgraph.pipeline",
    "BuildResult": "newsgraph.pipeline",
    "infer": "newsgraph.infer",
    "CorpusStore": "newsgraph.corpus_store",
    "load_dataset": "newsgraph.rdfio",
    "load_store": "newsgraph.rdfio",
    "serialize_dataset": "newsgraph.rdfio",
    "run_query": "newsgraph.query",
    "format_result": "newsgraph.query",
    "describe": "newsgraph.explain",
    "evidence_path": "newsgraph.explain",
    "disagreements": "newsgraph.explain",
    "validate_dataset": "newsgraph.validate",
    "render_html": "newsgraph.render",
    "slug": "newsgraph.vocab",
}

__all__ = [
    "Article",
    "ArticleExtraction",
    "Entity",
    "Statement",
    "NewsgraphError",
    "read_article",
    "build",
    "build_dataset",
    "write_build",
    "BuildResult",
    "infer",
    "CorpusStore",
    "load_dataset",
    "load_store",
    "serialize_dataset",
    "run_query",
    "format_result",
    "describe",
    "evidence_path",
    "disagreements",
    "validate_dataset",
    "render_html",
    "slug",
]


def __getattr__(name: str) -> Any:
    if name in _PUBLIC:
        value = getattr(importlib.import_module(_PUBLIC[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'newsgraph' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_PUBLIC))
