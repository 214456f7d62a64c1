"""Reading who says so: the parts of an ``ng:Claim`` and of an ``ng:Explanation``, for every reader.

``explain`` (over one union graph) and the page (over a dataset's store) each look a property up
their own way, and name nodes their own way; what a claim's or an explanation's provenance *is*
(which properties, how a sentence is shown, what counts as disputed or suspected) is read here,
once. A lookup is ``first(node, predicate) -> value or None``.

Examples
--------
>>> from rdflib import Graph, Literal, URIRef
>>> g = Graph()
>>> claim = URIRef("https://w3id.org/newsgraph/id/claim/c1")
>>> g.add((claim, NG.sentence, Literal("Two  were\\nkilled.")))  # doctest: +ELLIPSIS
<Graph ...>
>>> read_claim(g.value, claim).sentence
'Two were killed.'
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from rdflib import Literal, URIRef
from rdflib.namespace import PROV
from rdflib.term import Node

from newsgraph.namespaces import NG

__all__ = ["Lookup", "ClaimParts", "ExplanationParts", "read_claim", "read_explanation", "score_value"]

Lookup = Callable[[Node, URIRef], Node | None]


@dataclass(frozen=True)
class ClaimParts:
    """Where one claim comes from: its sentence (line breaks folded), article and source."""

    sentence: str
    article: Node | None
    source: Node | None
    denies: bool


@dataclass(frozen=True)
class ExplanationParts:
    """Why an inferred triple holds: rule, score, certainty, whether disputed, the evidence."""

    rule: str | None
    score: Node | None
    certainty: Node | None
    disputed: bool
    suspected: bool  # ng:certainty ng:Suspected: the sources only accuse, nobody claims
    evidence: tuple[Node, ...]  # in IRI order


def read_claim(first: Lookup, claim: Node) -> ClaimParts:
    # Sentences keep the article's line breaks; shown to a reader they are folded.
    sentence = first(claim, NG.sentence)
    return ClaimParts(" ".join(str(sentence or "").split()), first(claim, PROV.wasDerivedFrom),
                      first(claim, NG.accordingTo), first(claim, NG.stance) == NG.Denies)


def read_explanation(first: Lookup, evidence: Iterable[Node], node: Node) -> ExplanationParts:
    """``evidence``: the node's ``ng:evidence`` values, however the reader finds them."""
    rule, disputed, certainty = first(node, NG.rule), first(node, NG.disputed), first(node, NG.certainty)
    return ExplanationParts(
        rule=None if rule is None else str(rule),
        score=first(node, NG.score),
        certainty=certainty,
        disputed=isinstance(disputed, Literal) and disputed.toPython() is True,
        suspected=certainty == NG.Suspected,
        evidence=tuple(sorted(evidence, key=str)),
    )


def score_value(score: Node | None) -> float | None:
    """An explanation's score as a number (None when missing or not numeric)."""
    try:
        return float(score)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
