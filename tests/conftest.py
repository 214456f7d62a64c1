"""Shared, session-scoped fixtures: the spaCy model and the seed build load once per run."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
SEED = ROOT / "seeds" / "000_b58dadf5cc5c3bf8.txt"


@pytest.fixture(scope="session")
def nlp():
    from newsgraph.nlp import load_model

    return load_model(None)


@pytest.fixture(scope="session")
def seed_build():
    from newsgraph.pipeline import build

    return build([SEED])


@pytest.fixture(scope="session")
def extract_text(nlp):
    """Extract statements from a short article text (anchored at a fixed date)."""
    from newsgraph.extract import extract_article
    from newsgraph.ingest import parse_text_article

    def run(text: str, date: str = "2024-03-14", publisher: str = "Reuters"):
        article = parse_text_article(f"Date: {date}\nPublisher: {publisher}\n\n{text}", "test.txt")
        return extract_article(nlp(article.text), article)

    return run


@pytest.fixture(scope="session")
def facts():
    """(subject label, predicate, object label or literal) of an extraction's statements."""
    return _facts


def _facts(extraction, include_denied: bool = False) -> set[tuple[str, str, str]]:
    labels = {k: e.label for k, e in extraction.entities.items()}
    out = set()
    for s in extraction.statements:
        if s.denied and not include_denied:
            continue
        obj = labels.get(s.object, s.object) if isinstance(s.object, str) else s.object.value
        out.add((labels[s.subject], s.predicate, obj))
    return out
