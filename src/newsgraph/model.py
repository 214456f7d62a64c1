"""Plain dataclasses passed between the pipeline stages.

``ingest`` makes :class:`Article`; ``extract`` makes :class:`Entity` and :class:`Statement` (in
an :class:`ArticleExtraction`); ``mapping`` turns them into RDF. Nothing here knows about spaCy
or rdflib.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

__all__ = ["Article", "MonthAnchor", "DateAnchor", "Entity", "Statement", "Literal", "ArticleExtraction"]


class MonthAnchor(NamedTuple):
    """The latest month an article can be from, when its date is given only to the month
    (``Date: 2024-06``) or the year (``Date: 2024``: December). A month named without a year
    ("on June 12") resolves against it as against a full date; a weekday or "yesterday" needs
    the day, so it does not."""

    year: int
    month: int


# What relative dates in an article resolve against: a full date, or only its month.
DateAnchor = date | MonthAnchor


@dataclass(frozen=True)
class Article:
    """One news article after ingest: metadata read from the file, furniture removed."""

    id: str  # content hash of the cleaned text: the same text always gets the same id
    path: str
    text: str
    title: str | None = None
    url: str | None = None
    published: date | None = None
    publisher: str | None = None
    # When the article has no publication date, its date given to the month or the year, or
    # else the latest full date seen in the page (captions included), anchors relative dates; it
    # is never reported as the publication date.
    anchor_date: DateAnchor | None = None


@dataclass
class Entity:
    """One real-world thing named in an article (or, after merging, in the corpus)."""

    key: str  # stable key: class + normalised canonical name
    cls: str
    label: str
    aliases: set[str] = field(default_factory=set)
    # Attacks are identified by where and when they happened, not by a name.
    place: str | None = None
    when: str | None = None  # ISO date, year-month or year
    # The local name of its IRI, fixed when a corpus entity is first seen (see resolve.Resolver).
    ident: str | None = None


@dataclass(frozen=True)
class Literal:
    """A typed literal object: ``datatype`` is ``date``, ``gYearMonth``, ``gYear`` or ``count``."""

    value: str
    datatype: str


@dataclass
class Statement:
    """One fact as the article states it, with who says so and where it was read."""

    subject: str  # entity key
    predicate: str  # ng: local name
    object: str | Literal  # entity key or literal
    sentence: int  # sentence index in the article
    according_to: str | None  # entity key of the cited source; None means the publisher
    denied: bool = False
    rule: str = ""


@dataclass
class ArticleExtraction:
    """Everything extracted from one article, ready to map to RDF."""

    article: Article
    sentences: list[tuple[int, int]]  # character offsets of each sentence in article.text
    entities: dict[str, Entity]
    statements: list[Statement]
    publisher_key: str | None = None
