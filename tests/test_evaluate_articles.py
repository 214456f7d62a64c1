"""The real-news development set (tests/data/dev, licences in its INDEX.md): the floors of issue 12.

Each article is built alone and scored against its gold file as tests/data/dev/GUIDE.md says; the
set is also built as one corpus to check that each distinct entity is one node.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.evaluate import Score
from newsgraph.evaluate_articles import evaluate_articles, evaluate_corpus, merge_gold_entities
from newsgraph.evaluate import GoldEntity

DEV = Path(__file__).resolve().parent / "data" / "dev"


@pytest.fixture(scope="module")
def dev_scores():
    return list(evaluate_articles(DEV / "articles", DEV / "gold"))


def test_dev_set_micro_f1_and_precision(dev_scores):
    total = Score()
    for score in dev_scores:
        total += score.facts.total
    assert len(dev_scores) == 24
    # Issue 12 set F1 >= 0.75 and precision >= 0.80; the floors follow what the rules reach
    # (0.814 and 0.923 when last raised), with a little room.
    assert total.f1 >= 0.80 and total.precision >= 0.88, (total.precision, total.recall, total.f1)


def test_dev_set_recall_of_every_property_with_five_required_rows(dev_scores):
    per_property: dict[str, Score] = {}
    for score in dev_scores:
        for prop, s in score.facts.per_property.items():
            per_property.setdefault(prop, Score()).__iadd__(s)
    weak = {p: round(s.recall, 2) for p, s in per_property.items() if s.gold >= 5 and s.recall < 0.5}
    assert not weak


def test_dev_set_entities_found_once_with_their_class(dev_scores):
    good = sum(s.entities for s in dev_scores)
    gold = sum(s.gold_entities for s in dev_scores)
    duplicates = [p for s in dev_scores for p in s.entity_problems if p.startswith("duplicate:")]
    assert good / gold >= 0.90, (good, gold)
    assert not duplicates


def test_dev_set_as_one_corpus_keeps_each_entity_one_node():
    result = evaluate_corpus(DEV / "articles", DEV / "gold")
    assert result.entities / result.gold_entities >= 0.90, (result.entities, result.gold_entities)
    assert not [p for p in result.problems if p.startswith("duplicate:")]


def test_gold_entities_sharing_a_name_are_one():
    merged = merge_gold_entities([[GoldEntity(("bryansk", "bryansk oblast"), "Place")],
                                  [GoldEntity(("bryansk oblast",), "Place"), GoldEntity(("rvc",), "ArmedGroup")]])
    assert merged == [GoldEntity(("bryansk", "bryansk oblast"), "Place"), GoldEntity(("rvc",), "ArmedGroup")]


def test_misses_name_the_sentence_a_fact_should_have_come_from(dev_scores):
    # Every missed fact of the set is listed, most with the sentence that names both its ends.
    missed = [(f, s) for score in dev_scores for f, s in zip(score.facts.missed, score.miss_sentences)]
    assert missed and sum(s is not None for _, s in missed) >= 0.8 * len(missed)
