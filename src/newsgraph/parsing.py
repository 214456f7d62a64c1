"""Parse articles with spaCy in bounded batches and run extraction on each (the extract stage's driver).

Only one batch of Docs is alive at a time: a batch holds at most ``BATCH_SIZE`` texts and about
``BATCH_CHARS`` characters, and an article longer than ``MAX_PART_CHARS`` is parsed in parts whose
extractions are joined back into one. A build in one process (:mod:`newsgraph.pipeline`) and each
worker of a parallel build (:mod:`newsgraph.parallel`) run the same code.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace

from newsgraph.extract import extract_article
from newsgraph.model import Article, ArticleExtraction, Entity, Statement
from newsgraph.nlp import BATCH_CHARS, BATCH_SIZE, MAX_PART_CHARS, load_model, split_text

__all__ = ["extract_articles"]

_Part = tuple[Article, int, Article, bool]  # (article, offset of the part, part, is the last part)


def extract_articles(articles: Iterable[Article], model: str | None = None,
                     progress: Callable[[Article], None] | None = None) -> Iterator[ArticleExtraction]:
    """Parse with spaCy in small batches, streaming: only one batch of Docs is kept.

    A batch holds at most ``BATCH_SIZE`` texts and about ``BATCH_CHARS`` characters; an article
    longer than ``MAX_PART_CHARS`` is parsed in parts whose extractions are joined back into
    one, so memory stays bounded whatever the size of an article.
    """
    nlp = load_model(model)
    done: list[tuple[int, ArticleExtraction]] = []
    for batch in _batches(_parts(articles)):
        docs = nlp.pipe([part.text for _, _, part, _ in batch], batch_size=len(batch))
        for (article, offset, part, last), doc in zip(batch, docs):
            done.append((offset, extract_article(doc, part)))
            if last:
                yield _join_parts(article, done)
                done = []
                if progress:
                    progress(article)


def _parts(articles: Iterable[Article]) -> Iterator[_Part]:
    """``(article, offset, part, is_last_part)``; a part is the article with a slice of its text."""
    for article in articles:
        pieces = list(split_text(article.text, MAX_PART_CHARS))
        for number, (offset, text) in enumerate(pieces, 1):
            part = article if len(pieces) == 1 else replace(article, text=text)
            yield article, offset, part, number == len(pieces)


def _batches(parts: Iterator[_Part]) -> Iterator[list[_Part]]:
    batch: list[_Part] = []
    chars = 0
    for item in parts:
        batch.append(item)
        chars += len(item[2].text)
        if len(batch) >= BATCH_SIZE or chars >= BATCH_CHARS:
            yield batch
            batch, chars = [], 0
    if batch:
        yield batch


def _join_parts(article: Article, parts: list[tuple[int, ArticleExtraction]]) -> ArticleExtraction:
    """One extraction from the extractions of an article's parts: sentence offsets and indexes
    shifted to the whole text, entities with the same key merged."""
    if len(parts) == 1:
        return parts[0][1]
    sentences: list[tuple[int, int]] = []
    statements: list[Statement] = []
    entities: dict[str, Entity] = {}
    for offset, extraction in parts:
        statements += [replace(s, sentence=s.sentence + len(sentences)) for s in extraction.statements]
        sentences += [(start + offset, end + offset) for start, end in extraction.sentences]
        for key, entity in extraction.entities.items():
            if key in entities:
                entities[key].aliases |= entity.aliases
            else:
                entities[key] = entity
    return ArticleExtraction(article, sentences, entities, statements, parts[0][1].publisher_key)
