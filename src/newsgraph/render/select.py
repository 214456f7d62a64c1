"""Choosing what to show: the focus entity, its neighbourhood, the most important entities."""

from __future__ import annotations

from collections import deque
from difflib import get_close_matches

from rdflib import URIRef

from newsgraph.entities import Named, match_entities
from newsgraph.errors import InputError
from newsgraph.render.model import Model, _adjacency

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


def select_nodes(model: Model, focus: str | None, depth: int,
                 max_nodes: int | None) -> tuple[list[URIRef], list[URIRef]]:
    """Return (roots, kept entities), most important first; roots always survive ``max_nodes``."""
    if depth < 0:
        raise InputError(f"depth must be 0 or more, got {depth}")
    if max_nodes is not None and max_nodes < 1:
        raise InputError(f"max_nodes must be at least 1, got {max_nodes}")
    roots = find_focus(model, focus) if focus is not None else []
    candidates = neighbourhood(model, roots, depth) if roots else set(model.entities)
    ranked = sorted(candidates,
                    key=lambda iri: (iri not in roots, -model.importance(model.entities[iri]), str(iri)))
    return roots, (ranked[:max_nodes] if max_nodes is not None else ranked)
