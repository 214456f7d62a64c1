"""The rendered page in a real browser: Debian's headless Chromium, driven by Playwright.

Every page is opened from ``file://`` in a fresh profile, with every request routed through a
handler that lets only the page's own file through and records all of them: "offline" is
checked, not assumed. The tests wait for ``window.newsgraph.ready``, which the page sets on its
first draw in the final layout.

The tests skip when ``/usr/bin/chromium`` or Playwright is missing, unless
``NEWSGRAPH_REQUIRE_BROWSER=1`` (``.ci/run`` sets it), in which case they fail.
``NEWSGRAPH_WRITE_SCREENSHOT=1`` also writes the seed page's screenshot to ``graphs/graph.png``.
"""

from __future__ import annotations

import io
import os
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image
from rdflib import Dataset, Literal

from newsgraph.infer import decimal_literal
from newsgraph.namespaces import ID, INFERRED_GRAPH, NG, PROV, RDF, RDFS, XSD, article_graph
from newsgraph.pipeline import BuildResult, build, write_build
from newsgraph.render import CLASS_STYLES, DIMMED_COLOR, render_html

try:
    from playwright.sync_api import BrowserContext, Page, Route, sync_playwright
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
except ImportError:  # the skip below says what to install
    sync_playwright = None

ROOT = Path(__file__).resolve().parents[1]
HOSTILE_ARTICLES = ROOT / "tests" / "data" / "hostile"
CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync"]
VIEWPORT = {"width": 1400, "height": 900}
DRAW_BUDGET_SECONDS = 5.0
READY = "() => window.newsgraph !== undefined && window.newsgraph.ready"


def _browser_missing() -> str | None:
    if not CHROMIUM.exists():
        return f"{CHROMIUM} not found (apt-get install chromium)"
    if sync_playwright is None:
        return "playwright is not installed (pip install -e '.[test]')"
    return None


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BrowserContext]:
    """Headless Chromium with a fresh, empty profile, shared by every test of the session."""
    missing = _browser_missing()
    if missing:
        if os.environ.get("NEWSGRAPH_REQUIRE_BROWSER") == "1":
            pytest.fail(f"NEWSGRAPH_REQUIRE_BROWSER=1 but {missing}")
        pytest.skip(missing)
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            tmp_path_factory.mktemp("chromium-profile"), executable_path=CHROMIUM, headless=True,
            args=LAUNCH_ARGS, viewport=VIEWPORT)
        yield context
        context.close()


@dataclass
class Visit:
    """One page load and everything the page did that a test may want to assert on."""

    page: Page
    url: str
    seconds: float  # from the start of navigation to the page's ready signal, wall clock
    drawn_ms: float  # the page's own performance.now() at ready: ms since navigation started
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # console errors and uncaught exceptions
    dialogs: list[str] = field(default_factory=list)

    def assert_clean(self) -> None:
        assert self.errors == []
        assert self.dialogs == []
        assert self.requests == [self.url]  # nothing but the file itself, not even a favicon

    def evaluate(self, script: str, arg: object = None) -> Any:
        return self.page.evaluate(script, arg)


@pytest.fixture
def visit(browser: BrowserContext) -> Iterator[Callable[[Path], Visit]]:
    """Open an HTML file in a new tab, blocking and recording every request; wait until drawn."""
    pages: list[Page] = []

    def open_file(path: Path) -> Visit:
        page = browser.new_page()
        pages.append(page)
        url = path.resolve().as_uri()
        requests: list[str] = []
        errors: list[str] = []
        dialogs: list[str] = []

        def only_the_file(route: Route) -> None:
            requests.append(route.request.url)
            if route.request.url == url:
                route.continue_()
            else:
                route.abort()

        page.route("**/*", only_the_file)
        page.on("console", lambda message: message.type == "error" and errors.append(message.text))
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        start = time.perf_counter()
        page.goto(url)
        try:
            page.wait_for_function(READY, timeout=30_000)
        except PlaywrightTimeout:
            pytest.fail(f"{path.name} never signalled it was drawn; errors: {errors}")
        seconds = time.perf_counter() - start
        drawn_ms = float(page.evaluate("window.newsgraph.drawnAt"))
        return Visit(page, url, seconds, drawn_ms, requests, errors, dialogs)

    yield open_file
    for page in pages:
        page.close()


def _write_html(result: BuildResult, out: Path) -> Path:
    write_build(result, out)
    return out / "graph.html"


@pytest.fixture(scope="module")
def seed_html(seed_build: BuildResult, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _write_html(seed_build, tmp_path_factory.mktemp("seed-page"))


@pytest.fixture(scope="module")
def hostile_build() -> BuildResult:
    return build([HOSTILE_ARTICLES])


# --- in-page helpers: positions of a node or an edge's midpoint in page (CSS pixel) coordinates.

POINT_OF_EDGE = """
(match) => {
  const net = window.newsgraph.network;
  const box = document.querySelector("#ng-network canvas").getBoundingClientRect();
  for (const edge of window.newsgraph.edges.get()) {
    if (!edge.title.textContent.includes(match)) { continue; }
    for (const t of [0.5, 0.4, 0.6, 0.3, 0.7]) {
      const dom = net.canvasToDOM(net.body.edges[edge.id].edgeType.getPoint(t));
      // Only a point where the edge alone, and no node, is under the mouse and around it (where
      // two edges cross, hover and click may each pick another).
      const around = [[0, 0], [4, 0], [-4, 0], [0, 4], [0, -4]].map(([dx, dy]) => ({x: dom.x + dx, y: dom.y + dy}));
      if (around.every((p) => net.getEdgeAt(p) === edge.id && net.getNodeAt(p) === undefined)) {
        return {id: edge.id, x: box.left + dom.x, y: box.top + dom.y};
      }
    }
  }
  return null;
}
"""

POINT_OF_NODE = """
(match) => {
  const net = window.newsgraph.network;
  const box = document.querySelector("#ng-network canvas").getBoundingClientRect();
  const positions = net.getPositions();
  for (const node of window.newsgraph.nodes.get()) {
    if (!node.title.textContent.includes(match)) { continue; }
    const dom = net.canvasToDOM(positions[node.id]);
    if (net.getNodeAt(dom) === node.id) {
      return {id: node.id, x: box.left + dom.x, y: box.top + dom.y};
    }
  }
  return null;
}
"""


def _point(page_visit: Visit, script: str, match: str) -> dict[str, Any]:
    point = page_visit.evaluate(script, match)
    assert point, f"no element whose tooltip contains {match!r} is free to point at"
    return point


def _quoted(text: str) -> list[str]:
    return re.findall("\u201c(.+?)\u201d", text)


def _folded(text: str) -> str:
    return " ".join(text.split())


# --- the seed article's page ----------------------------------------------------------------


def test_seed_page_is_offline_and_error_free(seed_html: Path, visit: Callable[[Path], Visit]) -> None:
    page_visit = visit(seed_html)
    page_visit.assert_clean()
    print(f"\nseed page: {seed_html.stat().st_size / 1e6:.2f} MB, ready after {page_visit.seconds:.2f} s "
          f"(page clock {page_visit.drawn_ms:.0f} ms)")


def test_seed_page_shows_every_entity(seed_build: BuildResult, seed_html: Path,
                                      visit: Callable[[Path], Visit]) -> None:
    page_visit = visit(seed_html)
    assert page_visit.evaluate("window.newsgraph.nodes.length") == seed_build.entity_count
    assert page_visit.evaluate("Object.keys(window.newsgraph.network.getPositions()).length") \
        == seed_build.entity_count


def test_seed_page_draws(seed_html: Path, visit: Callable[[Path], Visit]) -> None:
    page_visit = visit(seed_html)
    canvas = np.asarray(Image.open(io.BytesIO(
        page_visit.page.locator("#ng-network canvas").screenshot())).convert("RGB"))
    pixels = canvas.reshape(-1, 3)
    drawn = (pixels != 255).any(axis=1).mean()
    assert 0.01 < drawn < 0.6, f"{drawn:.1%} of the canvas is not white"
    assert len(np.unique(pixels, axis=0)) > 100  # shapes, anti-aliased text and edges
    colours = {tuple(c) for c in np.unique(pixels, axis=0).tolist()}
    classes = set(page_visit.evaluate("window.newsgraph.nodes.map((n) => n.cls)"))
    for name in classes:  # every class is drawn in its own colour
        hex_colour = CLASS_STYLES[name].color
        assert tuple(int(hex_colour[i:i + 2], 16) for i in (1, 3, 5)) in colours, name
    if os.environ.get("NEWSGRAPH_WRITE_SCREENSHOT") == "1":
        page_visit.page.screenshot(path=ROOT / "graphs" / "graph.png")


def test_hovering_an_edge_shows_its_source_sentence(seed_build: BuildResult, seed_html: Path,
                                                    visit: Callable[[Path], Visit]) -> None:
    page_visit = visit(seed_html)
    point = _point(page_visit, POINT_OF_EDGE, "according to")
    page_visit.page.mouse.move(point["x"], point["y"], steps=4)
    tooltip = page_visit.page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible")
    article_text = _folded(seed_build.articles[0].text)
    sentences = _quoted(tooltip.inner_text())
    assert sentences and all(_folded(s) in article_text for s in sentences), tooltip.inner_text()
    assert "according to" in tooltip.inner_text()
    # A click keeps the same provenance in the side panel, where it can be read and copied.
    page_visit.page.mouse.click(point["x"], point["y"])
    details = page_visit.page.locator("#ng-details")
    details.wait_for(state="visible")
    assert sentences[0] in details.inner_text()
    page_visit.assert_clean()


def test_clicking_a_node_shows_details_and_highlights_neighbours(seed_html: Path,
                                                                visit: Callable[[Path], Visit]) -> None:
    page_visit = visit(seed_html)
    point = _point(page_visit, POINT_OF_NODE, "Also called")
    page_visit.page.mouse.click(point["x"], point["y"])
    details = page_visit.page.locator("#ng-details")
    details.wait_for(state="visible")
    node = page_visit.evaluate("(id) => window.newsgraph.nodes.get(id)", point["id"])
    text = details.inner_text()
    assert node["label"] in text and "Also called" in text
    colours = page_visit.evaluate("""(id) => {
        const g = window.newsgraph, near = new Set(g.network.getConnectedNodes(id).concat([id]));
        return g.nodes.get().map((n) => [near.has(n.id), n.color]);
    }""", point["id"])
    assert all((colour == DIMMED_COLOR) != near for near, colour in colours)
    page_visit.assert_clean()


def test_search_and_class_filter(seed_html: Path, visit: Callable[[Path], Visit]) -> None:
    page_visit = visit(seed_html)
    page = page_visit.page
    page.locator('#ng-legend input[data-class="Person"]').uncheck()
    hidden = page_visit.evaluate("window.newsgraph.nodes.get().filter((n) => n.hidden).map((n) => n.cls)")
    assert hidden and set(hidden) == {"Person"}
    person = page_visit.evaluate("window.newsgraph.nodes.get().find((n) => n.cls === 'Person').search")
    page.locator("#ng-search").fill(str(person))
    page.locator("#ng-search").dispatch_event("change")
    selected = page_visit.evaluate("window.newsgraph.network.getSelectedNodes()")
    assert len(selected) == 1
    # Finding a filtered-out entity shows its class again.
    assert page.locator('#ng-legend input[data-class="Person"]').is_checked()
    assert page_visit.evaluate("(id) => window.newsgraph.nodes.get(id).hidden", selected[0]) is False
    assert page.locator("#ng-details").inner_text().startswith(str(person).rsplit(" (", 1)[0])
    page_visit.assert_clean()


# --- hostile text ---------------------------------------------------------------------------


def test_hostile_names_render_as_text(hostile_build: BuildResult, tmp_path: Path,
                                      visit: Callable[[Path], Visit]) -> None:
    page_visit = visit(_write_html(hostile_build, tmp_path))
    page = page_visit.page
    labels = page_visit.evaluate("window.newsgraph.nodes.map((n) => n.label)")
    for hostile in ("<img src=x onerror=alert(1)> Herald", "<script>alert(1)</script> Gazette"):
        assert hostile in labels  # drawn on the canvas as text
        page.locator("#ng-search").fill(hostile)
        page.locator("#ng-search").dispatch_event("change")
        assert hostile in page.locator("#ng-details").inner_text()
    # No markup from an article became an element: not in tooltips, not in the details panel.
    assert page_visit.evaluate("""() => {
        const g = window.newsgraph, titles = g.nodes.get().concat(g.edges.get()).map((x) => x.title);
        return titles.some((el) => el.querySelector("img, script"))
            || document.querySelector("header img, header script, #ng-side img, #ng-side script") !== null;
    }""") is False
    page.wait_for_timeout(300)  # an injected onerror would fire once the image fails to load
    page_visit.assert_clean()


def test_pages_without_relations_draw(tmp_path: Path, visit: Callable[[Path], Visit]) -> None:
    """The physics never reports for these (no node takes part): the page must not wait for it."""
    ds = Dataset()
    for i in range(12):
        ds.graph(article_graph("loose")).add((ID[f"person/p{i}"], RDF.type, NG.Person))
    for name, dataset in (("empty", Dataset()), ("loose", ds)):
        path = tmp_path / f"{name}.html"
        path.write_text(render_html(dataset), encoding="utf-8")
        page_visit = visit(path)
        page_visit.assert_clean()
        rows = page_visit.evaluate("new Set(Object.values(window.newsgraph.network.getPositions())"
                                   ".map((p) => p.y)).size")
        assert rows == (0 if name == "empty" else 2)  # twelve short labels: two rows


# --- scale ----------------------------------------------------------------------------------

SYNTHETIC_CLASSES = (("person", NG.Person), ("armed-group", NG.ArmedGroup), ("place", NG.Place),
                     ("attack", NG.Attack), ("organization", NG.Organization))
SYNTHETIC_PREDICATES = (NG.memberOf, NG.alliedWith, NG.participatedIn, NG.occurredIn, NG.leaderOf,
                        NG.supportedBy)


def synthetic_dataset(entity_count: int, fact_count: int, seed: int = 7) -> Dataset:
    """Entities of five classes, each fact a triple plus its Claim, pagerank in the inferred graph.

    Endpoints are drawn with Zipf-like weights, as in news: a few hubs and a long tail.
    """
    rng = np.random.default_rng(seed)
    ds = Dataset()
    g = ds.graph(article_graph("synthetic"))
    inferred = ds.graph(INFERRED_GRAPH)
    article = ID["article/synthetic"]
    g.add((article, RDF.type, NG.Article))
    g.add((article, NG.title, Literal("Synthetic article")))
    weights = 1.0 / np.arange(1, entity_count + 1) ** 0.8
    weights /= weights.sum()
    entities = []
    for i in range(entity_count):
        slug, cls = SYNTHETIC_CLASSES[i % len(SYNTHETIC_CLASSES)]
        iri = ID[f"{slug}/e{i:05d}"]
        entities.append(iri)
        g.add((iri, RDF.type, cls))
        g.add((iri, RDFS.label, Literal(f"{slug.replace('-', ' ').title()} {i}")))
        g.add((iri, NG.mentionedIn, article))
        inferred.add((iri, NG.pagerank, decimal_literal(float(weights[i]))))
    subjects = rng.choice(entity_count, size=fact_count, p=weights)
    objects = rng.choice(entity_count, size=fact_count, p=weights)
    predicates = rng.integers(0, len(SYNTHETIC_PREDICATES), size=fact_count)
    for n, (s, o, p) in enumerate(zip(subjects.tolist(), objects.tolist(), predicates.tolist())):
        triple = (entities[s], SYNTHETIC_PREDICATES[p], entities[o])
        g.add(triple)
        claim = ID[f"claim/c{n:05d}"]
        for term, value in ((RDF.type, NG.Claim), (RDF.subject, triple[0]), (RDF.predicate, triple[1]),
                            (RDF.object, triple[2]), (NG.sentence, Literal(f"Sentence {n} says so.")),
                            (NG.stance, NG.Asserts), (PROV.wasDerivedFrom, article)):
            g.add((claim, term, value))
    return ds


@pytest.mark.slow
def test_large_graph_with_max_nodes_draws_quickly(tmp_path: Path, visit: Callable[[Path], Visit]) -> None:
    ds = synthetic_dataset(5000, 15000)
    start = time.perf_counter()
    page_html = render_html(ds, max_nodes=500)
    render_seconds = time.perf_counter() - start
    path = tmp_path / "synthetic.html"
    path.write_text(page_html, encoding="utf-8")
    page_visit = visit(path)
    print(f"\n5,000 entities / 15,000 facts, max_nodes=500: render {render_seconds:.2f} s, "
          f"{len(page_html.encode()) / 1e6:.2f} MB, ready in the browser after {page_visit.seconds:.2f} s "
          f"(page clock {page_visit.drawn_ms:.0f} ms)")
    assert page_visit.evaluate("window.newsgraph.nodes.length") == 500
    assert page_visit.evaluate("window.newsgraph.network.physics.options.enabled") is False
    assert page_visit.seconds < DRAW_BUDGET_SECONDS
    page_visit.assert_clean()


# --- pages an analyst uses on more than one article ----------------------------------------

LABEL_HEIGHTS = """
() => {
  const g = window.newsgraph, net = g.network, scale = net.getScale();
  return g.nodes.get().filter((n) => !n.hidden).map((n) => {
    const label = net.body.nodes[n.id].labelModule;
    return {id: n.id, font: label.fontOptions.size * scale, box: label.size.height * scale,
            x: label.size.left, y: label.size.top, width: label.size.width, height: label.size.height};
  });
}
"""

IN_VIEW = """
() => {
  const g = window.newsgraph, net = g.network, canvas = document.querySelector("#ng-network canvas");
  const positions = net.getPositions();
  return g.nodes.get().filter((n) => !n.hidden).every((n) => {
    const p = net.canvasToDOM(positions[n.id]);
    return p.x >= 0 && p.y >= 0 && p.x <= canvas.clientWidth && p.y <= canvas.clientHeight;
  });
}
"""


@pytest.fixture(scope="module")
def page_of_200(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("page-200") / "graph.html"
    path.write_text(render_html(synthetic_dataset(200, 400)), encoding="utf-8")
    return path


def test_labels_are_legible_at_the_initial_zoom_of_a_200_entity_page(page_of_200: Path,
                                                                      visit: Callable[[Path], Visit]) -> None:
    page_visit = visit(page_of_200)
    page_visit.assert_clean()
    assert page_visit.evaluate("window.newsgraph.nodes.length") == 200
    scale = page_visit.evaluate("window.newsgraph.network.getScale()")
    assert scale < 0.5  # the view zoomed out to show all 200: a 16 px font alone would be < 8 px
    labels = page_visit.evaluate(LABEL_HEIGHTS)
    assert len(labels) == 200
    assert min(label["font"] for label in labels) >= 10, "node font below 10 CSS px at the initial zoom"
    assert min(label["box"] for label in labels) >= 10, "label box below 10 CSS px at the initial zoom"
    assert page_visit.evaluate(IN_VIEW)  # and every entity is in view
    # On the canvas: the text of a label is drawn that high, in dark pixels.
    canvas = np.asarray(Image.open(io.BytesIO(
        page_visit.page.locator("#ng-network canvas").screenshot())).convert("L"))
    heights = []
    for label in labels[:40]:
        to_dom = "(p) => window.newsgraph.network.canvasToDOM(p)"
        top_left = page_visit.evaluate(to_dom, {"x": label["x"], "y": label["y"]})
        bottom_right = page_visit.evaluate(
            to_dom, {"x": label["x"] + label["width"], "y": label["y"] + label["height"]})
        box = canvas[max(0, int(top_left["y"])):int(bottom_right["y"]) + 1,
                     max(0, int(top_left["x"])):int(bottom_right["x"]) + 1]
        rows = np.flatnonzero((box < 120).any(axis=1))  # label text is #343434 on a white stroke
        if rows.size:
            heights.append(int(rows[-1] - rows[0] + 1))
    assert len(heights) > 20
    assert float(np.median(heights)) >= 8, heights  # glyphs (cap height + descender) of a >= 12 px font


def test_hiding_unconnected_entities_and_class_filters_show_counts_and_refit(
        page_of_200: Path, visit: Callable[[Path], Visit]) -> None:
    page_visit = visit(page_of_200)
    page = page_visit.page
    lonely = page_visit.evaluate("""() => {
        const g = window.newsgraph, linked = new Set(g.edges.get().flatMap((e) => [e.from, e.to]));
        return g.nodes.getIds().filter((id) => !linked.has(id)).length;
    }""")
    assert lonely > 0 and page.locator("#ng-lonely-count").inner_text() == str(lonely)
    assert page.locator("#ng-in-view").is_hidden()
    scale = page_visit.evaluate("window.newsgraph.network.getScale()")
    page.locator("#ng-hide-lonely").check()
    hidden = page_visit.evaluate("window.newsgraph.nodes.get().filter((n) => n.hidden).length")
    assert hidden == lonely
    edge_count = page_visit.evaluate("window.newsgraph.edges.length")
    assert page.locator("#ng-in-view").inner_text() == (
        f"In view: {200 - lonely} of 200 entities on this page, {edge_count} of {edge_count} relations.")
    # The view fits what is left: closer than before (the rows of unconnected entities are gone).
    assert page_visit.evaluate("window.newsgraph.network.getScale()") > scale
    assert page_visit.evaluate(IN_VIEW)
    page.locator('#ng-legend input[data-class="Person"]').uncheck()
    counts = page_visit.evaluate("""() => {
        const g = window.newsgraph;
        return [g.nodes.get().filter((n) => !n.hidden).length, g.edges.get().filter((e) => !e.hidden).length];
    }""")
    assert counts[0] < 200 - lonely and counts[1] < edge_count
    assert page.locator("#ng-in-view").inner_text() == (
        f"In view: {counts[0]} of 200 entities on this page, {counts[1]} of {edge_count} relations.")
    assert page_visit.evaluate(IN_VIEW)
    assert min(label["font"] for label in page_visit.evaluate(LABEL_HEIGHTS)) >= 10
    page.locator('#ng-legend input[data-class="Person"]').check()
    page.locator("#ng-hide-lonely").uncheck()
    assert page.locator("#ng-in-view").is_hidden()
    page_visit.assert_clean()


def test_search_box_takes_names_of_object_prototype_properties(tmp_path: Path,
                                                               visit: Callable[[Path], Visit]) -> None:
    """L8: the search looked names up with ``key in byKey`` on a plain object."""
    ds = Dataset()
    g = ds.graph(article_graph("proto"))
    for slug, label in (("velka", "Velka Front"), ("constructor", "constructor")):
        g.add((ID[f"armed-group/{slug}"], RDF.type, NG.ArmedGroup))
        g.add((ID[f"armed-group/{slug}"], RDFS.label, Literal(label)))
    path = tmp_path / "proto.html"
    path.write_text(render_html(ds), encoding="utf-8")
    page_visit = visit(path)
    page = page_visit.page
    for typed in ("__proto__", "toString", "hasOwnProperty", "valueOf", "__defineGetter__"):
        page.locator("#ng-search").fill(typed)
        page.locator("#ng-search").dispatch_event("change")
        assert page_visit.evaluate("window.newsgraph.network.getSelectedNodes()") == [], typed
    page.locator("#ng-search").fill("constructor")  # an entity's name: found, not Object's constructor
    page.locator("#ng-search").dispatch_event("change")
    selected = page_visit.evaluate("window.newsgraph.network.getSelectedNodes()")
    assert selected == ["id:armed-group/constructor"]
    page_visit.assert_clean()


def test_attack_details_panel_shows_its_facts(tmp_path: Path, visit: Callable[[Path], Visit]) -> None:
    ds = Dataset()
    g, inferred = ds.graph(article_graph("dol")), ds.graph(INFERRED_GRAPH)
    attack, place, group = ID["attack/dol"], ID["place/ostrava-dol"], ID["armed-group/velka-front"]
    explanation, article = ID["explanation/dol-velka"], ID["article/dol"]
    for triple in ((attack, RDF.type, NG.Attack), (attack, RDFS.label, Literal("attack in Ostrava Dol")),
                   (attack, NG.occurredOn, Literal("2023-05", datatype=XSD.gYearMonth)),
                   (attack, NG.occurredIn, place), (attack, NG.killed, Literal(4)),
                   (place, RDF.type, NG.Place), (place, RDFS.label, Literal("Ostrava Dol")),
                   (group, RDF.type, NG.ArmedGroup), (group, RDFS.label, Literal("Velka Front")),
                   (article, RDF.type, NG.Article), (article, NG.title, Literal("Night raid")),
                   (ID["claim/k"], RDF.type, NG.Claim), (ID["claim/k"], RDF.subject, attack),
                   (ID["claim/k"], RDF.predicate, NG.killed), (ID["claim/k"], RDF.object, Literal(4)),
                   (ID["claim/k"], NG.sentence, Literal("Four people were killed in the raid.")),
                   (ID["claim/k"], NG.accordingTo, group), (ID["claim/k"], PROV.wasDerivedFrom, article)):
        g.add(triple)
    for triple in ((attack, NG.attributedTo, group), (explanation, RDF.type, NG.Explanation),
                   (explanation, RDF.subject, attack), (explanation, RDF.predicate, NG.attributedTo),
                   (explanation, RDF.object, group), (explanation, NG.rule, Literal("attribution:claimed")),
                   (explanation, NG.score, decimal_literal(0.9)), (explanation, NG.disputed, Literal(True))):
        inferred.add(triple)
    path = tmp_path / "attack.html"
    path.write_text(render_html(ds), encoding="utf-8")
    page_visit = visit(path)
    point = _point(page_visit, POINT_OF_NODE, "Killed")
    page_visit.page.mouse.click(point["x"], point["y"])
    details = page_visit.page.locator("#ng-details")
    details.wait_for(state="visible")
    text = details.inner_text()
    for expected in ("Date: 2023-05", "Place: Ostrava Dol", "Killed: 4", "Injured: not stated",
                     "Attributed to:", "Velka Front; score 0.900, rule attribution:claimed · disputed",
                     "Sources:", "Four people were killed in the raid.", "according to Velka Front"):
        assert expected in text, text
    page_visit.assert_clean()
