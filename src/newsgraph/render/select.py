"""Choosing what to show: the focus entity, its neighbourhood, the most important entities."""

from __future__ import annotations

from collections import deque
from difflib import get_close_matches

from rdflib import URIRef

from newsgraph.entities import Named, match_entities
from newsgraph.errors import InputError
from newsgraph.namespaces import NG
from newsgraph.render.model import Model, _adjacency
from newsgraph.vocab import LEADERSHIP

# Choosing what to show


def find_focus(model: Model, focus: str) -> list[URIRef]:
    """Entities named by ``focus``: an IRI, a CURIE ``id:...``, a label or an alias (case and
    accents ignored)."""
    found = match_entities((Named(iri, e.label, e.aliases) for iri, e in model.entities.items()), focus)
    if found:
        return found
    wanted = focus.strip()
    suggestions = get_close_matches(wanted, sorted({e.label for e in model.entities.values()}), n=3)
    hint = f" Did you mean: {', '.join(repr(s) for s in suggestions)}?" if suggestions else ""
    raise InputError(f"No entity matches focus {focus!r}: give an entity IRI or its label.{hint}")


def neighbourhood(model: Model, roots: list[URIRef], depth: int) -> set[URIRef]:
    """Entities within ``depth`` hops of the roots, edges taken in either direction."""
    adjacency = _adjacency(model.relations)
    seen = set(roots)
    queue = deque((root, 0) for root in roots)
    while queue:
        node, hops = queue.popleft()
        if hops == depth:
            continue
        for neighbour in adjacency.get(node, ()):
            if neighbour not in seen:
                seen.add(neighbour)
                queue.append((neighbour, hops + 1))
    return seen


GROUP_CLASS = "ArmedGroup"
LEADER_TIER_CLASSES = frozenset({"Attack"})
"""Classes ranked with the groups' leaders, right after the groups, when ``max_nodes`` cuts."""


def class_tiers(model: Model) -> dict[URIRef, int]:
    """0 for armed groups, 1 for their leaders (and founders) and for attacks, 2 for the rest.

    What an analyst opens the page for are the groups, who leads them and what they did; news
    sources and places are many and well connected, so degree or PageRank alone would keep them
    instead (with ``max_nodes`` 10 on the seed: CNN and BBC, not the founder of a group).
    Denied relations do not make a leader.
    """
    groups = {iri for iri, e in model.entities.items() if e.primary == GROUP_CLASS}
    leaders = {r.source for r in model.relations if not r.denied and r.predicate in LEADERSHIP
               and r.target in groups}
    leaders |= {r.target for r in model.relations if not r.denied and r.predicate == NG.foundedBy
                and r.source in groups}
    return {iri: 0 if iri in groups else 1 if iri in leaders or e.primary in LEADER_TIER_CLASSES else 2
            for iri, e in model.entities.items()}


def rank_entities(model: Model, candidates: set[URIRef], roots: list[URIRef]) -> list[URIRef]:
    """Most important first: the roots, then by class tier (see ``class_tiers``), then by degree,
    with ``Model.importance`` (PageRank when the dataset has it) only breaking ties."""
    tiers = class_tiers(model)
    first = set(roots)

    def key(iri: URIRef) -> tuple[bool, int, int, float, str]:
        entity = model.entities[iri]
        return (iri not in first, tiers[iri], -entity.degree, -model.importance(entity), str(iri))

    return sorted(candidates, key=key)


def select_nodes(model: Model, focus: str | None, depth: int,
                 max_nodes: int | None) -> tuple[list[URIRef], list[URIRef]]:
    """Return (roots, kept entities), most important first; roots always survive ``max_nodes``."""
    if depth < 0:
        raise InputError(f"Depth must be 0 or more, got {depth}")
    if max_nodes is not None and max_nodes < 1:
        raise InputError(f"A page needs at least 1 node, got max_nodes={max_nodes}")
    roots = find_focus(model, focus) if focus is not None else []
    candidates = neighbourhood(model, roots, depth) if roots else set(model.entities)
    ranked = rank_entities(model, candidates, roots)
    return roots, (ranked[:max_nodes] if max_nodes is not None else ranked)
