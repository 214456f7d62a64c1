"""The pyvis network of the page: vis-network nodes, edges and options."""

from __future__ import annotations

import math
from collections import defaultdict

from pyvis.network import Network
from rdflib import URIRef

from newsgraph.render.layout import layout_positions
from newsgraph.render.markup import edge_tooltip, node_tooltip
from newsgraph.render.model import (
    SUSPECTED_PERPETRATOR,
    Entity,
    Model,
    Ontology,
    Relation,
    _class_label,
    _class_rank,
)
from newsgraph.render.styles import (
    CLASS_STYLES,
    DENIED_COLOR,
    EDGE_STYLES,
    MAX_LABEL_CHARS,
    OTHER_STYLE,
    SPRING_LENGTH,
    ClassStyle,
)


def _style(entity: Entity) -> ClassStyle:
    return CLASS_STYLES.get(entity.primary, OTHER_STYLE)


def _node_colors(entity: Entity) -> dict[str, object]:
    """The class colour; a thick red border when sources disagree about the entity."""
    fill = _style(entity).color
    if not entity.disagreements:
        return {"color": fill}
    both = {"background": fill, "border": DENIED_COLOR}
    return {"color": {**both, "highlight": both, "hover": both}, "borderWidth": 4, "borderWidthSelected": 5}


def _node_size(entity: Entity, model: Model, top: float) -> float:
    """10–40 px, by the square root of importance so hubs do not dwarf everything else."""
    share = model.importance(entity) / top if top > 0 else 0.0
    return round(10 + 30 * math.sqrt(max(share, 0.0)), 2)


def _display_label(label: str) -> str:
    return label if len(label) <= MAX_LABEL_CHARS else label[: MAX_LABEL_CHARS - 1] + "\u2026"


def _search_keys(entities: list[Entity], ontology: Ontology) -> dict[str, str]:
    """node id -> the text offered by the search box, unique even when labels repeat."""
    keys = {e.node_id: f"{e.label} ({_class_label(e.primary, ontology)})" for e in entities}
    counts: dict[str, int] = defaultdict(int)
    for key in keys.values():
        counts[key] += 1
    return {nid: key if counts[key] == 1 else f"{key} [{nid}]" for nid, key in keys.items()}


def _edge_label(relation: Relation, ontology: Ontology) -> str:
    """The property's rdfs:label, marked when the edge is a denial, a disputed or a suspected fact."""
    label = ontology.label(relation.predicate)
    if relation.denied:
        return f"denies: {label}"
    if relation.kind != "uncertain" or relation.predicate == SUSPECTED_PERPETRATOR:
        return label
    return f"{label} (disputed)" if any(x.disputed for x in relation.explanations) else f"{label} (suspected)"


def _edge_options(relation: Relation, model: Model, ontology: Ontology) -> dict[str, object]:
    style = EDGE_STYLES[relation.kind]
    symmetric = relation.predicate in ontology.symmetric
    return {
        "label": _edge_label(relation, ontology),
        "title": edge_tooltip(relation, model, ontology),
        "color": style.color,
        "dashes": style.dashes,
        "arrows": {"to": {"enabled": not symmetric, "scaleFactor": 0.6}},
        "width": 1 + 0.5 * min(len(relation.claims), 4),
        "kind": relation.kind,
    }


def _spread_parallel(edges: list[dict[str, object]]) -> None:
    """Bend edges that join the same two nodes by different amounts so they do not overlap.

    Their springs are longer too, so that the physics leaves room for every edge's label.
    """
    groups: dict[frozenset[str], list[dict[str, object]]] = defaultdict(list)
    for edge in edges:
        groups[frozenset((str(edge["from"]), str(edge["to"])))].append(edge)
    for group in groups.values():
        if len(group) > 1:
            for index, edge in enumerate(group):
                roundness = round(0.15 + 0.2 * index, 2)
                edge["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": roundness}
                edge["length"] = SPRING_LENGTH + 70 * (len(group) - 1)


def _loose_order(entities: list[Entity], relations: list[Relation]) -> dict[URIRef, int]:
    """Entities with no drawn relation, numbered by class and name.

    The page lays them out in rows under the connected ones (in that order) instead of letting
    the physics scatter them among the others.
    """
    linked = {iri for r in relations for iri in (r.source, r.target)}
    loose = sorted((e for e in entities if e.iri not in linked),
                   key=lambda e: (_class_rank(e.primary), e.label.casefold(), e.node_id))
    return {e.iri: number for number, e in enumerate(loose)}


def build_network(model: Model, kept: list[URIRef], relations: list[Relation],
                  ontology: Ontology) -> tuple[Network, bool]:
    """A pyvis network of the kept entities and the relations among them; True if physics stays on."""
    entities = [model.entities[iri] for iri in kept]
    index = {e.iri: i for i, e in enumerate(entities)}
    positions = layout_positions([e.node_id for e in entities], sorted(
        {(index[r.source], index[r.target]) for r in relations if r.source != r.target}))
    top = max((model.importance(e) for e in entities), default=0.0)
    search = _search_keys(entities, ontology)
    loose = _loose_order(entities, relations) if positions is None else {}
    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    for entity in sorted(entities, key=lambda e: e.node_id):
        style = _style(entity)
        if positions is not None:
            extra: dict[str, object] = dict(zip(("x", "y"), positions[entity.node_id]))
        else:
            extra = {"loose": loose[entity.iri], "physics": False} if entity.iri in loose else {}
        net.add_node(entity.node_id, label=_display_label(entity.label), shape=style.shape,
                     title=node_tooltip(entity, model, ontology), size=_node_size(entity, model, top),
                     cls=entity.primary, search=search[entity.node_id], **_node_colors(entity), **extra)
    for number, relation in enumerate(relations):
        options = _edge_options(relation, model, ontology)
        net.add_edge(model.entities[relation.source].node_id, model.entities[relation.target].node_id,
                     id=f"e{number}", **options)
    _spread_parallel(net.edges)
    return net, positions is None


def vis_options(physics: bool) -> dict[str, object]:
    """vis-network options: physics that stops after stabilising, or none with fixed positions."""
    return {
        "autoResize": True,
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": not physics},
        "layout": {"improvedLayout": physics, "randomSeed": 1},  # fixed seed: same picture each load
        # An unquoted font list: vis-network passes the face to the canvas as it is.
        "nodes": {"borderWidth": 1, "font": {"size": 16, "face": "Helvetica, Arial, sans-serif",
                                             "strokeWidth": 4, "strokeColor": "#ffffff"}},
        "edges": {"font": {"size": 13, "align": "horizontal", "color": "#555555", "strokeWidth": 4,
                           "strokeColor": "#ffffff"},
                  # A big graph shows relation labels only once zoomed in (about 1:1), where
                  # they can be read; zoomed out they would hide the nodes.
                  "scaling": {"label": {"drawThreshold": 5 if physics else 12}},
                  "smooth": {"enabled": True, "type": "dynamic"} if physics else {"enabled": False}},
        "physics": ({"enabled": True, "solver": "forceAtlas2Based",
                     # forceAtlas2's gravity grows with distance: unconnected entities stay near
                     # the rest instead of drifting to the edges and shrinking the fitted view.
                     "forceAtlas2Based": {"gravitationalConstant": -60, "centralGravity": 0.012,
                                          "springLength": SPRING_LENGTH, "springConstant": 0.06,
                                          "avoidOverlap": 0.4},
                     "stabilization": {"enabled": True, "iterations": 400, "updateInterval": 25, "fit": True}}
                    if physics else {"enabled": False}),
    }
