"""Find claims that disagree across sources.

Two kinds of disagreement are recorded, each with every claim on either side:

- **denial**: one source asserts what another denies. Taking part in, claiming and being accused
  of an attack count as one statement here: a group that "denied any involvement" contradicts
  both the army that accuses it and a report that it took part.
- **count**: two sources give different casualty counts (killed or injured) of the same victim
  group for one event. A claim does not record whom it counts, so the group is read from the
  claim's sentence (:func:`victim_group`): the first casualty noun within three words after the
  count. "3 soldiers" (state forces) and "40 militants" (armed-group fighters) count different
  people and are not compared; "3 soldiers" and "5 troops" are. The groups are ``civilians``
  (``civilian`` in gazetteers/casualty_words.tsv), ``armed-group fighters`` (perpetrator_words.tsv
  and armed_group_members.tsv), ``state forces`` (the other ``combatant`` nouns) and
  ``unspecified`` (people, victims, police, or no noun after the count).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS
from rdflib.term import Node

from newsgraph.gazetteer import fold, gazetteer, parse_count
from newsgraph.namespaces import NG, RDF, term_label
from newsgraph.vocab import RESPONSIBILITY

__all__ = ["Contradiction", "ClaimRow", "claim_parts", "read_claims", "find_contradictions", "victim_group"]

COUNTS = (NG.killed, NG.injured)


@dataclass(frozen=True)
class ClaimRow:
    claim: URIRef
    subject: URIRef
    predicate: URIRef
    object: URIRef | Literal
    denies: bool
    source: URIRef | None


@dataclass(frozen=True)
class Contradiction:
    about: URIRef
    kind: str  # "denial" or "count"
    sides: tuple[URIRef, ...]  # the claims, sorted
    description: str


CLAIM_PROPERTIES = (RDF.subject, RDF.predicate, RDF.object, NG.stance, NG.accordingTo)


def claim_parts(g: Graph) -> dict[URIRef, tuple]:
    """Claim → (subject, predicate, object, stance, source), read with one scan per property
    (a lookup per claim and property was most of the time contradictions took)."""
    columns = [dict(g.subject_objects(p)) for p in CLAIM_PROPERTIES]
    return {claim: tuple(column.get(claim) for column in columns) for claim in g.subjects(RDF.type, NG.Claim)
            if isinstance(claim, URIRef)}


def read_claims(g: Graph, parts: dict[URIRef, tuple] | None = None) -> list[ClaimRow]:
    rows = []
    parts = claim_parts(g) if parts is None else parts
    for claim in sorted(parts):
        s, p, o, stance, source = parts[claim]
        if isinstance(s, URIRef) and isinstance(p, URIRef) and o is not None:
            rows.append(ClaimRow(claim, s, p, o, stance == NG.Denies, source))
    return rows


def find_contradictions(g: Graph, parts: dict[URIRef, tuple] | None = None) -> list[Contradiction]:
    """Every denial and count contradiction among the Claims of ``g`` (``parts``: its
    :func:`claim_parts`, when already read), sorted."""
    rows = read_claims(g, parts)
    found = _denials(g, rows) + _counts(g, rows)
    return sorted(found, key=lambda c: (str(c.about), c.kind, c.sides))


def _denials(g: Graph, rows: list[ClaimRow]) -> list[Contradiction]:
    groups: dict[tuple, list[ClaimRow]] = defaultdict(list)
    for row in rows:
        predicate = "responsibility" if row.predicate in RESPONSIBILITY else row.predicate
        groups[(row.subject, predicate, row.object)].append(row)
    found = []
    for (s, _, o), group in groups.items():
        asserting = [r for r in group if not r.denies]
        denying = [r for r in group if r.denies]
        if not asserting or not denying:
            continue
        about = o if group[0].predicate in RESPONSIBILITY and isinstance(o, URIRef) else s
        statement = f"{_label(g, s)} {_label(g, group[0].predicate)} {_label(g, o)}"
        description = (f"{_sources(g, asserting)} {'say' if len(asserting) > 1 else 'says'} {statement}; "
                       f"{_sources(g, denying)} {'deny' if len(denying) > 1 else 'denies'} it")
        found.append(Contradiction(about, "denial", tuple(sorted(r.claim for r in group)), description))
    return found


def _counts(g: Graph, rows: list[ClaimRow]) -> list[Contradiction]:
    counts = [r for r in rows if r.predicate in COUNTS and not r.denies and isinstance(r.object, Literal)]
    by_fact: dict[tuple[URIRef, URIRef], list[ClaimRow]] = defaultdict(list)
    for row in counts:
        by_fact[(row.subject, row.predicate)].append(row)
    # Only counts that differ between sources can contradict, whomever they count: the victims
    # (read from each claim's sentence) are sought for those alone.
    differing = {fact for fact, group in by_fact.items()
                 if len({_number(r.object) for r in group}) > 1 and len({r.source for r in group}) > 1}
    groups: dict[tuple[URIRef, URIRef, str], list[ClaimRow]] = defaultdict(list)
    for row in counts:
        if (row.subject, row.predicate) in differing:
            victims = victim_group(str(g.value(row.claim, NG.sentence) or ""), _number(row.object))
            groups[(row.subject, row.predicate, victims)].append(row)
    found = []
    for (event, predicate, victims), group in groups.items():
        values = {_number(r.object) for r in group}
        if len(values) < 2 or len({r.source for r in group}) < 2:
            continue  # one source revising its own figure is an update, not a contradiction
        by_value: dict[object, list[ClaimRow]] = defaultdict(list)
        for r in group:
            by_value[_number(r.object)].append(r)
        parts = [f"{_sources(g, by_value[v])}: {v}" for v in sorted(by_value, key=str)]
        whom = "" if victims == UNSPECIFIED else f" ({victims})"
        description = f"{_label(g, predicate)}{whom} in {_label(g, event)}: " + "; ".join(parts)
        found.append(Contradiction(event, "count", tuple(sorted(r.claim for r in group)), description))
    return found


UNSPECIFIED = "unspecified"
_WORDS = re.compile(r"\d[\d,]*|[^\W\d_]+(?:-[^\W\d_]+)*")
_LOOKAHEAD = 3  # "12 Ukrainian border guards": adjectives and a two-word noun after the count


def victim_group(sentence: str, count: object) -> str:
    """Whom a casualty count in ``sentence`` counts: ``civilians``, ``state forces``,
    ``armed-group fighters`` or ``unspecified`` (see the module docstring).

    >>> victim_group("The raid killed three Dravik soldiers.", 3)
    'state forces'
    >>> victim_group("Troops said they killed 40 militants in the raid.", 40)
    'armed-group fighters'
    >>> victim_group("At least 12 people died.", 12), victim_group("The toll rose to 12.", 12)
    ('unspecified', 'unspecified')
    """
    words = [fold(w) for w in _WORDS.findall(sentence)]
    for i in range(len(words)):
        width = next((n for n in (1, 2) if parse_count(" ".join(words[i:i + n])) == count), None)
        if width is None:
            continue
        for j in range(i + width, min(i + width + _LOOKAHEAD, len(words))):
            for phrase in (" ".join(words[j:j + 2]), words[j]):
                if (group := _group_of(phrase)) is not None:
                    return group
        return UNSPECIFIED
    return UNSPECIFIED


def _group_of(noun: str) -> str | None:
    g = gazetteer()
    singular = noun[:-3] + "man" if noun.endswith("men") else noun[:-1] if noun.endswith("s") else noun
    if noun in g.perpetrator_nouns or singular in g.perpetrator_nouns or noun in g.group_members:
        return "armed-group fighters"
    kind = g.casualty_nouns.get(noun)
    return {"civilian": "civilians", "combatant": "state forces", "any": UNSPECIFIED}.get(kind or "")


def _number(value: Node) -> object:
    python = value.toPython() if isinstance(value, Literal) else value
    return python if isinstance(python, int) else str(value)


def _sources(g: Graph, rows: list[ClaimRow]) -> str:
    names = sorted({_label(g, r.source) if r.source is not None else "an unnamed source" for r in rows})
    return " and ".join(names)


def _label(g: Graph, node: Node) -> str:
    if isinstance(node, Literal):
        return str(node)
    label = g.value(node, RDFS.label)
    return str(label) if label is not None else term_label(node)
