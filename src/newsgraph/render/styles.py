"""How entities and relations are drawn: shape, colour and legend glyph per class, line per kind of edge."""

from __future__ import annotations

from dataclasses import dataclass

from newsgraph.namespaces import ID, NG

NG_NS = str(NG)
ID_NS = str(ID)


@dataclass(frozen=True)
class ClassStyle:
    """How one entity class is drawn: vis-network shape, colour and a legend glyph."""

    shape: str
    color: str
    glyph: str


# Ordered most specific first: an entity with several types (an armed group that is also a
# government body) is drawn and filtered by the first class it has in this order.
CLASS_STYLES: dict[str, ClassStyle] = {
    "ArmedGroup": ClassStyle("diamond", "#e15759", "\u25c6"),
    "GovernmentBody": ClassStyle("triangle", "#2ca02c", "\u25b2"),
    "NewsSource": ClassStyle("hexagon", "#9467bd", "\u2b22"),
    "Organization": ClassStyle("square", "#ff7f0e", "\u25a0"),
    "Person": ClassStyle("dot", "#1f77b4", "\u25cf"),
    "Country": ClassStyle("square", "#8c564b", "\u25a0"),
    "Place": ClassStyle("triangleDown", "#17becf", "\u25bc"),
    "Attack": ClassStyle("star", "#e6a100", "\u2605"),
    "Event": ClassStyle("star", "#bcbd22", "\u2605"),
    "Weapon": ClassStyle("diamond", "#7f7f7f", "\u25c6"),
    "Agent": ClassStyle("dot", "#aec7e8", "\u25cf"),
}
OTHER_STYLE = ClassStyle("dot", "#c7c7c7", "\u25cf")


PAGE_NODE_CAP = 300
"""Entities on the page ``build`` writes unless told otherwise: a bigger graph is a hairball."""
PHYSICS_NODE_LIMIT = 300
"""Above this many nodes the page gets precomputed positions and no physics simulation."""
FORCE_LAYOUT_LIMIT = 1000
"""Above this many nodes the O(n²) force layout is too slow; a spiral by importance is used."""
MAX_TOOLTIP_ITEMS = 8
"""Claims/articles listed per tooltip: hub nodes would otherwise bloat the page by megabytes."""
MAX_LABEL_CHARS = 40
SPRING_LENGTH = 110
"""Rest length of an edge, in pixels at 1:1, for the in-browser physics of small graphs."""


@dataclass(frozen=True)
class EdgeStyle:
    """How one kind of edge is drawn, and the CSS border that draws it in the legend."""

    color: str
    dashes: bool | list[int]
    css_border: str
    legend: str


EDGE_STYLES: dict[str, EdgeStyle] = {
    "asserted": EdgeStyle("#848484", False, "solid", "asserted"),
    "inferred": EdgeStyle("#5b8def", [6, 4], "dashed", "inferred"),
    "uncertain": EdgeStyle("#c45ab3", [2, 4], "dotted", "suspected or disputed"),
    "denied": EdgeStyle("#d62728", [8, 4], "dashed", "denied"),
}
DENIED_COLOR = EDGE_STYLES["denied"].color
DIMMED_COLOR = "rgba(200,200,200,0.35)"
