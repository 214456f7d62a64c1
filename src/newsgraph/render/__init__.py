"""Render the knowledge graph as one self-contained, offline HTML page (the ``render`` stage).

Nodes are the entities (people, armed groups, places, attacks, ...); edges are the ``ng:`` object
properties between them: solid when an article asserts them, dashed when only the inferred graph
holds them, dotted when the inference is disputed or only a suspicion (``ng:Suspected``,
``ng:suspectedPerpetrator``), red dashed when a Claim denies them. Claims, articles, explanations
and contradictions are provenance, not nodes: tooltips (and the details panel, on click) carry
the sentence, the article and who said it, or the inference rule and its score.

The page exposes ``window.newsgraph`` (``network``, ``nodes``, ``edges``) and sets
``window.newsgraph.ready`` once the graph is first drawn in its final layout, with
``drawnAt`` the milliseconds since navigation: the browser test waits on it.

The page is built with pyvis's network model; its source is package data (``static/page.html``,
``page.css``, ``page.js``, and vis-network vendored in ``static/vis-network/``), inlined into one
file that works without a network (:mod:`newsgraph.render.page`).

Modules, in the order a render runs them: ``model`` reads the dataset, ``select`` chooses the
entities, ``provenance`` reads the claims behind the drawn relations (and an attack's date, place,
casualties, attributions and sources), ``visdata`` (with
``layout``, ``styles`` and ``markup``) makes the vis-network data, ``page`` writes the page.

Safety: article text is untrusted. Tooltips are HTML assembled here from ``html.escape``-d text
and turned into DOM elements in the browser; node labels are drawn on the canvas as plain text;
all JSON embedded in the page has ``<`` and ``>`` escaped so no string can close a ``<script>``.
"""


from __future__ import annotations

from dataclasses import dataclass

from rdflib import Dataset

from newsgraph.render.markup import esc, legend_html, summary_line
from newsgraph.render.model import load_ontology, read_model
from newsgraph.render.page import fill_page
from newsgraph.render.provenance import attach_attack_facts, attach_disagreements, attach_provenance
from newsgraph.render.select import select_nodes
from newsgraph.render.styles import (
    CLASS_STYLES,
    DENIED_COLOR,
    DIMMED_COLOR,
    EDGE_STYLES,
    PAGE_NODE_CAP,
    PHYSICS_NODE_LIMIT,
    SPRING_LENGTH,
)
from newsgraph.render.visdata import build_network, vis_options

__all__ = ["CLASS_STYLES", "EDGE_STYLES", "DENIED_COLOR", "DIMMED_COLOR", "PAGE_NODE_CAP",
           "PHYSICS_NODE_LIMIT", "SPRING_LENGTH", "RenderedPage", "render_html", "render_page"]


@dataclass(frozen=True)
class RenderedPage:
    """The page and how much of the graph it shows (for a command's summary line)."""

    html: str
    shown: int  # entities on the page
    total: int  # entities in the dataset


def render_page(ds: Dataset, *, focus: str | None = None, depth: int = 2, max_nodes: int | None = None,
                title: str = "newsgraph") -> RenderedPage:
    """Render the dataset's entity graph as one self-contained HTML page.

    ``focus`` (an entity IRI, ``id:`` CURIE, label or alias, case and accents ignored) limits the
    page to that entity's neighbourhood within ``depth`` hops; ``max_nodes`` keeps the most
    important entities: armed groups first, then their leaders and the attacks, then the rest,
    each by degree (``ng:pagerank`` breaks ties; see :func:`newsgraph.render.select.rank_entities`).
    The same dataset always gives the same bytes. Raises :class:`InputError` if ``focus`` names
    no entity.
    """
    ontology = load_ontology()
    model = read_model(ds, ontology)
    roots, kept = select_nodes(model, focus, depth, max_nodes)
    chosen = set(kept)
    relations = attach_provenance(
        ds, model, [r for r in model.relations if r.source in chosen and r.target in chosen], ontology)
    attach_disagreements(ds, model, kept)
    attach_attack_facts(ds, model, kept)
    net, physics = build_network(model, kept, relations, ontology)
    nodes, edges, _heading, _height, _width, _options = net.get_network_data()
    html = fill_page(
        title=esc(title),
        summary=summary_line(model, kept, len(edges), roots, depth),
        legend=legend_html([model.entities[iri] for iri in kept], ontology),
        config={"nodes": nodes, "edges": edges, "options": vis_options(physics),
                "deniedColor": DENIED_COLOR, "dimmedColor": DIMMED_COLOR},
    )
    return RenderedPage(html, len(kept), len(model.entities))


def render_html(ds: Dataset, *, focus: str | None = None, depth: int = 2, max_nodes: int | None = None,
                title: str = "newsgraph") -> str:
    """The HTML of :func:`render_page`."""
    return render_page(ds, focus=focus, depth=depth, max_nodes=max_nodes, title=title).html
