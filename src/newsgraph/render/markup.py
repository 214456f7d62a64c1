"""The escaped HTML fragments the page shows: tooltips, the legend and the summary line.

Article text is untrusted: every value is ``html.escape``-d here; the browser turns a tooltip
into DOM elements and draws node labels on the canvas as plain text."""

from __future__ import annotations

import html
from collections import defaultdict

from rdflib import URIRef

from newsgraph.namespaces import NG
from newsgraph.render.model import (
    AttackFacts,
    ClaimInfo,
    Entity,
    ExplanationInfo,
    Model,
    Ontology,
    Relation,
    _class_label,
    _class_rank,
)
from newsgraph.render.styles import (
    CLASS_STYLES,
    EDGE_STYLES,
    MAX_TOOLTIP_ITEMS,
    OTHER_STYLE,
    PHYSICS_NODE_LIMIT,
)

# Tooltips (escaped HTML) and vis-network data


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def _capped(items: list[str]) -> list[str]:
    if len(items) <= MAX_TOOLTIP_ITEMS:
        return items
    return items[:MAX_TOOLTIP_ITEMS] + [f"… and {len(items) - MAX_TOOLTIP_ITEMS} more"]


def _html_list(items: list[str]) -> str:
    """``items`` must already be escaped HTML."""
    return "<ul>" + "".join(f"<li>{item}</li>" for item in _capped(items)) + "</ul>" if items else ""


def _claim_html(claim: ClaimInfo) -> str:
    parts = [f"\u201c{esc(claim.sentence)}\u201d"]
    if claim.article:
        parts.append(f" \u2014 <i>{esc(claim.article)}</i>")
    if claim.source:
        parts.append(f", according to {esc(claim.source)}")
    return "".join(parts)


def node_tooltip(entity: Entity, model: Model, ontology: Ontology) -> str:
    """Label, classes, aliases, articles and importance, as escaped HTML."""
    classes = ", ".join(esc(ontology.label(NG[c]) if c in CLASS_STYLES else c) for c in entity.classes)
    lines = [f"<b>{esc(entity.label)}</b>", f"<i>{classes}</i> \u00b7 <code>{esc(entity.node_id)}</code>"]
    if entity.aliases:
        lines.append("Also called: " + esc(", ".join(entity.aliases)))
    measures = [f"{entity.degree} neighbours"]
    if entity.pagerank is not None:
        measures.append(f"PageRank {entity.pagerank:.4f}")
    if entity.betweenness is not None:
        measures.append(f"betweenness {entity.betweenness:.4f}")
    if entity.coalition:
        measures.append(f"coalition {esc(entity.coalition)}")
    lines.append(" \u00b7 ".join(measures))
    html_text = "<br>".join(lines)
    if entity.attack is not None:
        html_text += "<br>" + attack_html(entity.attack)
    if entity.articles:
        html_text += "<br>Mentioned in:" + _html_list([esc(a) for a in entity.articles])
    for disagreement in entity.disagreements:
        summary = f": {esc(disagreement.summary)}" if disagreement.summary else ""
        html_text += (f"<br><span class=\"ng-denied\">Sources disagree</span>{summary}"
                      + _html_list([_claim_html(c) for c in disagreement.sides]))
    return html_text


NOT_STATED = "not stated"


def attack_html(facts: AttackFacts) -> str:
    """Date, place, killed, injured; who it is attributed to, with score; sources and denials.

    Several values (sources that differ) are `` | ``-separated, as in ``queries/attacks.rq``.
    """
    fields = (("Date", facts.dates), ("Place", facts.places), ("Killed", facts.killed),
              ("Injured", facts.injured))
    lines = [f"<b>{name}</b>: {esc(' | '.join(values)) if values else NOT_STATED}" for name, values in fields]
    text = "<br>".join(lines)
    for suspected, heading in ((False, "Attributed to"), (True, "Suspected perpetrators")):
        items = [f"<b>{esc(a.agent)}</b>" + "".join(f"; {_explanation_summary(x)}" for x in a.explanations)
                 for a in facts.attributions if a.suspected is suspected]
        if items:
            text += f"<br>{heading}:" + _html_list(items)
    if not facts.attributions:
        text += "<br>Attributed to: no one yet"
    if facts.sources:
        text += "<br>Sources:" + _html_list([_claim_html(c) for c in facts.sources])
    if facts.denials:
        text += "<br><span class=\"ng-denied\">Denied</span> by:" + _html_list(
            [_claim_html(c) for c in facts.denials])
    return text


def _explanation_summary(explanation: ExplanationInfo) -> str:
    flags = (("disputed", explanation.disputed), ("suspected", explanation.suspected))
    flag = "".join(f" \u00b7 <span class=\"ng-denied\">{name}</span>" for name, on in flags if on)
    return f"score {esc(explanation.score)}, rule <code>{esc(explanation.rule)}</code>{flag}"


def edge_tooltip(relation: Relation, model: Model, ontology: Ontology) -> str:
    """The triple, then its provenance: claims, denials or the inference that produced it."""
    s, o = model.entities[relation.source].label, model.entities[relation.target].label
    verb = ontology.label(relation.predicate)
    head = f"<b>{esc(s)}</b> {esc(verb)} <b>{esc(o)}</b>"
    if relation.denied:
        return f"{head}<br><span class=\"ng-denied\">Denied</span> by:" + _html_list(
            [_claim_html(c) for c in relation.claims])
    parts = [head]
    if relation.asserted:
        parts.append("Stated in:" + _html_list([_claim_html(c) for c in relation.claims])
                     if relation.claims else "Asserted (no claim recorded)")
    for explanation in relation.explanations:
        prefix = "Also inferred" if relation.asserted else "Inferred"
        flags = (("disputed", explanation.disputed), ("suspected", explanation.suspected))
        flag = "".join(f" \u00b7 <span class=\"ng-denied\">{name}</span>" for name, on in flags if on)
        line = (f"{prefix} by rule <code>{esc(explanation.rule)}</code>, "
                f"score {esc(explanation.score)}{flag}")
        if explanation.evidence:
            line += "; evidence:" + _html_list([_claim_html(c) for c in explanation.evidence])
        parts.append(line)
    if not relation.asserted and not relation.explanations:
        parts.append("Inferred")
    return "<br>".join(parts)



def legend_html(entities: list[Entity], ontology: Ontology) -> str:
    """Class legend with a filter checkbox per class present, in CLASS_STYLES order."""
    counts: dict[str, int] = defaultdict(int)
    for entity in entities:
        counts[entity.primary] += 1
    items = []
    for name in sorted(counts, key=_class_rank):
        style = CLASS_STYLES.get(name, OTHER_STYLE)
        items.append(
            f'<li><label><input type="checkbox" data-class="{esc(name)}" checked> '
            f'<span class="ng-swatch" style="color:{style.color}">{style.glyph}</span> '
            f'{esc(_class_label(name, ontology))} '
            f'<span class="ng-count">({counts[name]})</span></label></li>')
    edges = "".join(f'<li><span class="ng-line" style="border-top:2px {style.css_border} {style.color}">'
                    f'</span> {esc(style.legend)}</li>' for style in EDGE_STYLES.values())
    if any(entity.disagreements for entity in entities):
        edges += '<li><span class="ng-ring"></span> sources disagree about it</li>'
    return (f'<fieldset id="ng-legend"><legend>Classes</legend><ul>{"".join(items)}</ul></fieldset>'
            f'<fieldset id="ng-edge-legend"><legend>Relations</legend><ul>{edges}</ul></fieldset>')



def summary_line(model: Model, shown: list[URIRef], edge_count: int, roots: list[URIRef], depth: int) -> str:
    """One line under the title saying what part of the graph the page shows (escaped HTML)."""
    text = f"showing {len(shown):,} of {len(model.entities):,} entities, {edge_count:,} relations"
    if roots:
        names = ", ".join(model.entities[r].label for r in roots)
        text += f"; neighbourhood of {names} within {depth} hop{'s' if depth != 1 else ''}"
    if len(shown) > PHYSICS_NODE_LIMIT:
        text += "; positions precomputed"
    return esc(text)
