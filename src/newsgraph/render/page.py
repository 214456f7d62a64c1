"""Assemble the page: ``static/page.html`` with its stylesheet, script and data inlined.

The page's source lives as package data (``static/page.html``, ``page.css``, ``page.js``, read
with :mod:`importlib.resources`), so a linter and a browser load each as it is. Python fills in
text (title, summary, legend) and one JSON object, ``ng-config``: the nodes, edges and options of
vis-network and the page's settings. vis-network itself is vendored in ``static/vis-network/``
(the 9.1.2 build the pyvis wheel ships, with its licence): pyvis's own template links CDN assets
(pyvis issue #229) and its copy is not public API.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from string import Template

__all__ = ["script_json", "page_template", "static_text", "fill_page"]

LOOSE_ROW = 80
"""Pixels between rows of entities without a drawn relation."""
LOOSE_WIDTH = 900
"""Pixels: the least width of those rows."""
LOOSE_CHAR = 9
"""Pixels per label character at the node font size."""
MIN_LABEL_PX = 12
"""CSS pixels: the least height of a node label at the view the page opens with (and when zoomed out)."""
MAX_FONT_SCALE = 6
"""The node font grows for that at most this many times (further out, labels are hidden as too small)."""


def script_json(value: object) -> str:
    """JSON safe inside ``<script>``: no ``<``/``>`` can end the element or open a comment.

    >>> script_json({"label": "</script><b>"})
    '{"label":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e"}'
    """
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


@cache
def static_text(name: str) -> str:
    """A file of ``newsgraph/render/static/``, read once per process."""
    return (resources.files("newsgraph.render") / "static" / name).read_text(encoding="utf-8")


@cache
def page_template() -> Template:
    return Template(static_text("page.html"))


def _inline(text: str, element: str) -> str:
    """Defensive: an inlined stylesheet or script must not contain its own end tag."""
    return text.replace(f"</{element}", f"<\\/{element}")


def fill_page(*, title: str, summary: str, legend: str, config: dict[str, object]) -> str:
    """The page with its escaped ``title``, ``summary`` and ``legend`` HTML and the ``ng-config`` data."""
    settings = {"looseRow": LOOSE_ROW, "looseWidth": LOOSE_WIDTH, "looseChar": LOOSE_CHAR,
                "minLabelPx": MIN_LABEL_PX, "maxFontScale": MAX_FONT_SCALE, **config}
    return page_template().substitute(
        title=title,
        summary=summary,
        legend=legend,
        config=script_json(settings),
        vis_css=_inline(static_text("vis-network/vis-network.css"), "style"),
        vis_js=_inline(static_text("vis-network/vis-network.min.js"), "script"),
        page_css=_inline(static_text("page.css"), "style"),
        page_js=_inline(static_text("page.js"), "script"),
    )
