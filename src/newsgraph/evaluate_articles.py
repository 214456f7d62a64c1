"""Build the articles of a folder and score them against their gold files (error analysis).

Each article that has ``GOLD_DIR/<stem>.tsv`` is built alone, so its gold is compared with its own
facts only; its ``<stem>.entities.tsv``, if present, is checked too. The same articles built as one
corpus show whether entities found in several articles stay one node each.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from newsgraph.errors import InputError
from newsgraph.evaluate import (
    FactReport,
    GoldEntity,
    evaluate_entities,
    evaluate_facts,
    find_sentence,
    read_gold_entities,
    read_gold_facts,
)
from newsgraph.ingest import find_article_files
from newsgraph.parsing import extract_articles
from newsgraph.pipeline import build_dataset, read_articles
from newsgraph.rdfio import union_graph

__all__ = ["ArticleScore", "CorpusScore", "evaluate_articles", "evaluate_corpus", "merge_gold_entities"]

log = logging.getLogger("newsgraph")


@dataclass
class ArticleScore:
    path: Path
    facts: FactReport
    entities: int = 0  # gold entities found once with the right class
    gold_entities: int = 0
    entity_problems: list[str] = field(default_factory=list)
    # For each missed gold fact (in ``facts.missed`` order), the sentence it most likely comes from.
    miss_sentences: list[str | None] = field(default_factory=list)


@dataclass
class CorpusScore:
    entities: int
    gold_entities: int
    problems: list[str]


def _gold_paths(articles_dir: str | os.PathLike[str], gold_dir: str | os.PathLike[str]) -> list[Path]:
    gold_root = Path(gold_dir)
    if not gold_root.is_dir():
        raise InputError(f"{gold_dir}: no such gold folder")
    paths = [p for p in find_article_files([articles_dir]) if (gold_root / f"{p.stem}.tsv").is_file()]
    if not paths:
        raise InputError(f"{articles_dir}: no article has a gold file <stem>.tsv in {gold_dir}")
    return paths


def _entities_file(gold_dir: str | os.PathLike[str], path: Path) -> Path | None:
    candidate = Path(gold_dir) / f"{path.stem}.entities.tsv"
    return candidate if candidate.is_file() else None


def evaluate_articles(
    articles_dir: str | os.PathLike[str], gold_dir: str | os.PathLike[str], model: str | None = None
) -> Iterator[ArticleScore]:
    """Build each article that has a gold file on its own and score it, in file order."""
    articles, skipped = read_articles(_gold_paths(articles_dir, gold_dir))
    for _, reason in skipped:
        log.warning("skipped %s", reason)
    for article, extraction in zip(articles, extract_articles(articles, model)):
        path = Path(article.path)
        graph = union_graph(build_dataset([extraction]))
        gold = read_gold_facts(Path(gold_dir) / f"{path.stem}.tsv")
        entities_file = _entities_file(gold_dir, path)
        gold_entities = read_gold_entities(entities_file) if entities_file else []
        report = evaluate_facts(graph, gold, gold_entities)
        score = ArticleScore(path, report, gold_entities=len(gold_entities))
        if gold_entities:
            score.entities, score.entity_problems = evaluate_entities(graph, gold_entities)
        sentences = [article.text[start:end] for start, end in extraction.sentences]
        score.miss_sentences = [find_sentence(f, sentences) for f in report.missed]
        yield score


def merge_gold_entities(groups: list[list[GoldEntity]]) -> list[GoldEntity]:
    """The distinct entities of several gold files: entities that share a name are one, with
    every spelling either file gives and the class most files give (the first on a tie)."""
    merged: list[tuple[dict[str, None], list[str]]] = []
    for entities in groups:
        for entity in entities:
            hits = [m for m in merged if m[0].keys() & set(entity.names)]
            for hit in hits:
                merged.remove(hit)
            names = dict.fromkeys([n for h in hits for n in h[0]] + list(entity.names))
            merged.append((names, [c for h in hits for c in h[1]] + [entity.cls]))
    return [
        GoldEntity(tuple(names), max(dict.fromkeys(classes), key=classes.count)) for names, classes in merged
    ]


def evaluate_corpus(
    articles_dir: str | os.PathLike[str], gold_dir: str | os.PathLike[str], model: str | None = None
) -> CorpusScore:
    """Build every article with gold as one corpus and check the set's distinct entities: each
    must be one node with the right class (an entity split across articles is a duplicate)."""
    paths = _gold_paths(articles_dir, gold_dir)
    articles, skipped = read_articles(paths)
    for _, reason in skipped:
        log.warning("skipped %s", reason)
    graph: Graph = union_graph(build_dataset(extract_articles(articles, model)))
    groups = [read_gold_entities(f) for p in paths if (f := _entities_file(gold_dir, p))]
    gold = merge_gold_entities(groups)
    good, problems = evaluate_entities(graph, gold)
    return CorpusScore(good, len(gold), problems)
