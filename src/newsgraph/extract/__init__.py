"""The extraction stage: a parsed article becomes entities and statements.

Where a sentence becomes a statement:

- :mod:`~newsgraph.extract.names`: the names in the text and what kind of thing each names;
- :mod:`~newsgraph.extract.clusters`: names of one article grouped into entities;
- :mod:`~newsgraph.extract.context`: the article as the rules see it (coreference, who speaks);
- :mod:`~newsgraph.extract.attacks`: attack mentions and the events they refer to;
- :mod:`~newsgraph.extract.dates`: date expressions against the article's date;
- :mod:`~newsgraph.extract.rules`: one module per relation family, run in a written-down order;
- :mod:`~newsgraph.extract.article`: the stage's order, from a spaCy ``Doc`` to an extraction.
"""

from __future__ import annotations

from newsgraph.extract.article import extract_article

__all__ = ["extract_article"]
