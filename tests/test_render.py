"""render_html: an offline, deterministic, escaped page of the entity graph."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Literal, URIRef

from newsgraph.cli import cli
from newsgraph.entities import curie
from newsgraph.errors import InputError
from newsgraph.namespaces import ID, INFERRED_GRAPH, NG, RDF, RDFS, article_graph
from newsgraph.pipeline import BuildResult, write_build
from newsgraph.render import (
    DENIED_COLOR,
    EDGE_STYLES,
    PAGE_NODE_CAP,
    PHYSICS_NODE_LIMIT,
    SPRING_LENGTH,
    render_html,
    render_page,
)
from newsgraph.sources import load_dataset

HOSTILE = "<img src=x onerror=alert(1)>"
SENTENCE = 'Ivan Petrov, who leads the "Wolves" & their allies, spoke on Monday.'
DENIAL = "The ministry denied that it supports the group."

TRIG = f"""
@prefix ng:   <https://w3id.org/newsgraph/ontology#> .
@prefix id:   <https://w3id.org/newsgraph/id/> .
@prefix rdf:  <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix xsd:  <http://www.w3.org/2001/XMLSchema#> .

id:graph\\/article\\/a1 {{
    id:article\\/a1 a ng:Article ; rdfs:label "a1" ; ng:title "Clash in <b>the valley</b>" .

    id:person\\/ivan a ng:Person ; rdfs:label "Ivan Petrov" ; skos:altLabel "Petrov" ;
        ng:mentionedIn id:article\\/a1 .
    id:armed-group\\/wolves a ng:ArmedGroup ; rdfs:label "{HOSTILE}" ; ng:mentionedIn id:article\\/a1 .
    id:armed-group\\/bears a ng:ArmedGroup ; rdfs:label "Bears Battalion" ; ng:mentionedIn id:article\\/a1 .
    id:country\\/ruritania a ng:Country ; rdfs:label "Ruritania" ; ng:mentionedIn id:article\\/a1 .
    id:government-body\\/ministry a ng:GovernmentBody ; rdfs:label "Ministry of Defence" ;
        ng:mentionedIn id:article\\/a1 .

    id:person\\/ivan ng:leaderOf id:armed-group\\/wolves ;
        ng:citizenOf id:country\\/ruritania .
    id:armed-group\\/wolves ng:alliedWith id:armed-group\\/bears .
    id:armed-group\\/bears ng:alliedWith id:armed-group\\/wolves .

    id:claim\\/c1 a ng:Claim ;
        rdf:subject id:person\\/ivan ; rdf:predicate ng:leaderOf ; rdf:object id:armed-group\\/wolves ;
        ng:sentence {json.dumps(SENTENCE)} ;
        ng:accordingTo id:government-body\\/ministry ; ng:stance ng:Asserts ;
        prov:wasDerivedFrom id:article\\/a1 .
    id:claim\\/c2 a ng:Claim ;
        rdf:subject id:armed-group\\/wolves ; rdf:predicate ng:supportedBy ;
        rdf:object id:government-body\\/ministry ;
        ng:sentence {json.dumps(DENIAL)} ;
        ng:accordingTo id:government-body\\/ministry ; ng:stance ng:Denies ;
        prov:wasDerivedFrom id:article\\/a1 .
}}

id:graph\\/inferred {{
    id:armed-group\\/bears ng:operatesUnderCommandOf id:person\\/ivan .
    id:explanation\\/x1 a ng:Explanation ;
        rdf:subject id:armed-group\\/bears ; rdf:predicate ng:operatesUnderCommandOf ;
        rdf:object id:person\\/ivan ;
        ng:rule "test-rule" ; ng:score "0.700"^^xsd:decimal ; ng:disputed false ;
        ng:evidence id:claim\\/c1 .
}}
"""

ENTITY_COUNT = 5
# An asset loaded from the network: <script src=http...>, <link href=http...>, CSS url(http...)
# or @import of a remote stylesheet.
EXTERNAL_ASSET = re.compile(
    r"""(?:\bsrc|\bhref)\s*=\s*["']?\s*(?:https?:)?//"""
    r"""|url\(\s*["']?\s*(?:https?:)?//"""
    r"""|@import\s+(?:url\()?\s*["']?\s*(?:https?:)?//""",
    re.IGNORECASE,
)


def load(text: str = TRIG) -> Dataset:
    ds = Dataset()
    ds.parse(data=text, format="trig")
    return ds


def config_of(page: str) -> dict:
    """The page's one JSON object: vis-network's nodes, edges and options and the page settings."""
    match = re.search(r'<script id="ng-config" type="application/json">(.*?)</script>', page, re.DOTALL)
    assert match, "no ng-config block"
    return json.loads(match.group(1))


def nodes_of(page: str) -> list[dict]:
    return config_of(page)["nodes"]


def edges_of(page: str) -> list[dict]:
    return config_of(page)["edges"]


@pytest.fixture(scope="module")
def page() -> str:
    return render_html(load())


def test_no_external_assets(page: str) -> None:
    assert not EXTERNAL_ASSET.findall(page)
    assert "<link" not in page
    assert not re.search(r"<script[^>]*\bsrc\s*=", page, re.IGNORECASE)
    assert "vis.Network" in page  # vis-network is inlined, not linked


def test_output_is_byte_identical(page: str) -> None:
    assert render_html(load()) == page  # a fresh parse: no dependence on object identity


def test_hostile_label_is_escaped(page: str) -> None:
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "<img src=x" not in page
    assert "<b>the valley</b>" not in page  # article titles are escaped too
    # On the canvas the label is plain text, so the node data keeps the original characters.
    assert HOSTILE in {n["label"] for n in nodes_of(page)}


def test_title_is_escaped() -> None:
    assert "<h1>a &lt;b&gt; c</h1>" in render_html(load(), title="a <b> c")


def test_one_node_per_entity(page: str) -> None:
    nodes = nodes_of(page)
    assert len(nodes) == ENTITY_COUNT
    assert len({n["id"] for n in nodes}) == ENTITY_COUNT
    ivan = next(n for n in nodes if n["label"] == "Ivan Petrov")
    assert "Petrov" in ivan["title"] and "person" in ivan["title"]
    assert html.escape("Clash in <b>the valley</b>") in ivan["title"]


def test_claim_sentence_in_edge_tooltip(page: str) -> None:
    leads = [e for e in edges_of(page) if e["label"] == "leader of"]
    assert len(leads) == 1
    assert html.escape(SENTENCE) in leads[0]["title"]
    assert "Ministry of Defence" in leads[0]["title"]
    assert not leads[0]["dashes"]


def test_edge_kinds(page: str) -> None:
    edges = edges_of(page)
    assert len([e for e in edges if e["label"] == "allied with"]) == 1  # both directions merged
    inferred = next(e for e in edges if e["label"] == "operates under command of")
    assert inferred["dashes"] and "test-rule" in inferred["title"] and "0.700" in inferred["title"]
    denied = next(e for e in edges if e["label"] == "denies: supported by")
    assert denied["dashes"] and denied["color"] == "#d62728"
    assert html.escape(DENIAL) in denied["title"]


def test_legend_lists_classes_present(page: str) -> None:
    legend = re.search(r'<fieldset id="ng-legend">(.*?)</fieldset>', page, re.DOTALL)
    assert legend
    for label in ("person", "armed group", "government body", "country"):
        assert label in legend.group(1)
    assert "weapon" not in legend.group(1)
    assert legend.group(1).count('type="checkbox"') == 4


def test_focus_limits_to_neighbourhood() -> None:
    ds = load()
    near = {n["id"] for n in nodes_of(render_html(ds, focus="RURITANIA", depth=1))}
    assert near == {"id:country/ruritania", "id:person/ivan"}
    by_iri = {n["id"] for n in nodes_of(render_html(ds, focus=str(ID["country/ruritania"]), depth=0))}
    assert by_iri == {"id:country/ruritania"}
    with pytest.raises(InputError, match="Atlantis"):
        render_html(ds, focus="Atlantis")


def test_max_nodes_keeps_groups_then_their_leaders() -> None:
    # Ivan has the most neighbours (3), but the armed groups come first, then their leader.
    assert {n["id"] for n in nodes_of(render_html(load(), max_nodes=2))} == {
        "id:armed-group/wolves", "id:armed-group/bears"}
    assert {n["id"] for n in nodes_of(render_html(load(), max_nodes=3))} == {
        "id:armed-group/wolves", "id:armed-group/bears", "id:person/ivan"}


def synthetic(count: int) -> Dataset:
    """A ring of ``count`` people, each knowing the next; the first one has a pagerank."""
    ds = Dataset()
    g = ds.graph(article_graph("synthetic"))
    people = [ID[f"person/p{i:04d}"] for i in range(count)]
    for i, person in enumerate(people):
        g.add((person, RDF.type, NG.Person))
        g.add((person, RDFS.label, Literal(f"Person {i}")))
        g.add((person, NG.alliedWith, people[(i + 1) % count]))
    ds.graph(INFERRED_GRAPH).add((people[0], NG.pagerank, Literal(0.5)))
    return ds


def test_large_graph_gets_fixed_layout() -> None:
    page = render_html(synthetic(400))
    nodes = nodes_of(page)
    assert len(nodes) == 400 > PHYSICS_NODE_LIMIT
    assert config_of(page)["options"]["physics"]["enabled"] is False
    assert all(isinstance(n["x"], int) and isinstance(n["y"], int) for n in nodes)
    assert len({(n["x"], n["y"]) for n in nodes}) > 350  # spread out, not piled up


def test_max_nodes_prefers_pagerank() -> None:
    nodes = nodes_of(render_html(synthetic(20), max_nodes=1))
    assert [n["id"] for n in nodes] == ["id:person/p0000"]
    page = render_html(synthetic(20))
    assert config_of(page)["options"]["physics"]["enabled"] is True
    assert "x" not in nodes_of(page)[0]


def test_empty_dataset_renders() -> None:
    assert nodes_of(render_html(Dataset())) == []


# What inference adds: centrality, suspects, disputed attributions, contradictions.
INFERRED_TRIG = """
@prefix ng:   <https://w3id.org/newsgraph/ontology#> .
@prefix id:   <https://w3id.org/newsgraph/id/> .
@prefix rdf:  <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix xsd:  <http://www.w3.org/2001/XMLSchema#> .

id:graph\\/article\\/a1 {
    id:article\\/a1 a ng:Article ; ng:title "Market bombing" .
    id:attack\\/market a ng:Attack ; rdfs:label "attack in Market Town" .
    id:armed-group\\/wolves a ng:ArmedGroup ; rdfs:label "Wolves" .
    id:armed-group\\/bears a ng:ArmedGroup ; rdfs:label "Bears" .
    id:government-body\\/army a ng:GovernmentBody ; rdfs:label "Army" .
    id:armed-group\\/wolves ng:accusedOf id:attack\\/market .
    id:armed-group\\/bears ng:participatedIn id:attack\\/market .
    id:claim\\/says-five a ng:Claim ; rdf:subject id:attack\\/market ; rdf:predicate ng:killed ;
        rdf:object 5 ; ng:sentence "Five people died, the army said." ;
        ng:accordingTo id:government-body\\/army ; ng:stance ng:Asserts ;
        prov:wasDerivedFrom id:article\\/a1 .
    id:claim\\/says-nine a ng:Claim ; rdf:subject id:attack\\/market ; rdf:predicate ng:killed ;
        rdf:object 9 ; ng:sentence "Nine people died, the Wolves said." ;
        ng:accordingTo id:armed-group\\/wolves ; ng:stance ng:Asserts ;
        prov:wasDerivedFrom id:article\\/a1 .
}

id:graph\\/inferred {
    id:attack\\/market ng:suspectedPerpetrator id:armed-group\\/wolves ;
        ng:attributedTo id:armed-group\\/bears .
    id:explanation\\/x1 a ng:Explanation ; rdf:subject id:attack\\/market ;
        rdf:predicate ng:suspectedPerpetrator ; rdf:object id:armed-group\\/wolves ;
        ng:rule "attribution:accused" ; ng:score "0.400"^^xsd:decimal ; ng:certainty ng:Suspected ;
        ng:disputed false .
    id:explanation\\/x2 a ng:Explanation ; rdf:subject id:attack\\/market ;
        rdf:predicate ng:attributedTo ; rdf:object id:armed-group\\/bears ;
        ng:rule "attribution:participated" ; ng:score "0.800"^^xsd:decimal ; ng:certainty ng:Attributed ;
        ng:disputed true .
    id:contradiction\\/c1 a ng:Contradiction ; rdfs:label "Army says 5 killed; Wolves say 9" ;
        ng:about id:attack\\/market ; ng:side id:claim\\/says-five , id:claim\\/says-nine .
    id:armed-group\\/wolves ng:pagerank 0.4 ; ng:betweenness 0.25 ; ng:degree 1 ; ng:coalition "coalition-1" .
}
"""


@pytest.fixture(scope="module")
def inferred_page() -> str:
    return render_html(load(INFERRED_TRIG))


def edge_labelled(page: str, label: str) -> dict:
    return next(e for e in edges_of(page) if e["label"] == label)


def test_suspects_and_disputed_inferences_are_dotted(inferred_page: str) -> None:
    uncertain = EDGE_STYLES["uncertain"]
    suspect = edge_labelled(inferred_page, "suspected perpetrator")
    disputed = edge_labelled(inferred_page, "attributed to (disputed)")
    for edge in (suspect, disputed):
        assert edge["color"] == uncertain.color and edge["dashes"] == uncertain.dashes
        assert edge["kind"] == "uncertain"
    assert "suspected" in suspect["title"] and "attribution:accused" in suspect["title"]
    assert "disputed" in disputed["title"] and "0.800" in disputed["title"]
    # Asserted, inferred, uncertain and denied edges all look different.
    looks = {(style.color, json.dumps(style.dashes)) for style in EDGE_STYLES.values()}
    assert len(looks) == len(EDGE_STYLES)


def test_contradictions_annotate_what_they_are_about(inferred_page: str) -> None:
    nodes = {n["id"]: n for n in nodes_of(inferred_page)}
    assert not any("contradiction" in nid or "explanation" in nid or "claim" in nid for nid in nodes)
    attack = nodes["id:attack/market"]
    assert "Sources disagree" in attack["title"] and "Army says 5 killed; Wolves say 9" in attack["title"]
    assert "Five people died" in attack["title"] and "Nine people died" in attack["title"]
    assert attack["color"]["border"] == DENIED_COLOR and attack["borderWidth"] > 1
    assert isinstance(nodes["id:armed-group/bears"]["color"], str)  # no contradiction, no ring
    assert "sources disagree about it" in inferred_page
    assert "sources disagree about it" not in render_html(load())  # legend only when present


def test_node_tooltip_shows_network_measures(inferred_page: str) -> None:
    wolves = next(n for n in nodes_of(inferred_page) if n["label"] == "Wolves")
    assert "PageRank 0.4000" in wolves["title"] and "betweenness 0.2500" in wolves["title"]
    assert "coalition coalition-1" in wolves["title"]


def test_legend_explains_every_edge_style(page: str) -> None:
    legend = re.search(r'<fieldset id="ng-edge-legend">(.*?)</fieldset>', page, re.DOTALL)
    assert legend
    for style in EDGE_STYLES.values():
        assert f"{style.css_border} {style.color}" in legend.group(1) and style.legend in legend.group(1)


def test_page_exposes_ready_signal_and_details_panel(page: str) -> None:
    assert "window.newsgraph = api" in page and "api.ready = true" in page
    assert 'id="ng-details"' in page


def test_parallel_edges_are_bent_apart(inferred_page: str) -> None:
    pair = [e for e in edges_of(inferred_page)
            if {e["from"], e["to"]} == {"id:attack/market", "id:armed-group/wolves"}]
    assert len(pair) == 2  # accused of (asserted) and suspected perpetrator (inferred)
    assert len({e["smooth"]["roundness"] for e in pair}) == 2
    assert all(e["length"] > SPRING_LENGTH for e in pair)


def test_unconnected_entities_are_set_apart(inferred_page: str) -> None:
    nodes = {n["id"]: n for n in nodes_of(inferred_page)}
    assert nodes["id:government-body/army"]["loose"] == 0  # no relation drawn: placed in rows
    assert nodes["id:government-body/army"]["physics"] is False
    assert not any("loose" in n for nid, n in nodes.items() if nid != "id:government-body/army")
    big = synthetic(400)
    big.graph(article_graph("synthetic")).add((ID["person/alone"], RDF.type, NG.Person))
    alone = next(n for n in nodes_of(render_html(big)) if n["id"] == "id:person/alone")
    assert "loose" not in alone and "x" in alone  # a fixed layout places every node itself


def test_the_vendored_vis_network_is_the_one_pyvis_ships() -> None:
    # static/vis-network/ is a copy (with its licence) of the build in the pinned pyvis wheel.
    from importlib import resources
    from pathlib import Path

    import pyvis

    shipped = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
    vendored = resources.files("newsgraph.render") / "static" / "vis-network"
    for name in ("vis-network.min.js", "vis-network.css"):
        assert vendored.joinpath(name).read_bytes() == (shipped / name).read_bytes()
    assert "MIT License" in vendored.joinpath("LICENSE").read_text(encoding="utf-8")


def test_page_settings_come_in_one_json_object_not_in_the_script(page: str) -> None:
    config = config_of(page)
    assert config["dimmedColor"] and config["deniedColor"] == DENIED_COLOR and config["looseRow"] > 0
    for block in ("ng-nodes", "ng-edges", "ng-options"):
        assert f'id="{block}"' not in page


# What an analyst reads about an attack in its side panel.
ATTACK_TRIG = """
@prefix ng:   <https://w3id.org/newsgraph/ontology#> .
@prefix id:   <https://w3id.org/newsgraph/id/> .
@prefix rdf:  <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix xsd:  <http://www.w3.org/2001/XMLSchema#> .

id:graph\\/article\\/a1 {
    id:article\\/a1 a ng:Article ; ng:title "Shelling of Ostrava Dol" .
    id:attack\\/dol a ng:Attack ; rdfs:label "attack in Ostrava Dol" ;
        ng:occurredOn "2023-05-22"^^xsd:date ; ng:occurredIn id:place\\/dol ; ng:killed 12 ; ng:injured 30 .
    id:place\\/dol a ng:Place ; rdfs:label "Ostrava Dol" .
    id:armed-group\\/velka a ng:ArmedGroup ; rdfs:label "Velka Front" .
    id:armed-group\\/dravik a ng:ArmedGroup ; rdfs:label "Dravik Brigade" .
    id:news-source\\/herald a ng:NewsSource ; rdfs:label "Kalvora Herald" .
    id:armed-group\\/velka ng:claimedResponsibilityFor id:attack\\/dol .
    id:claim\\/k12 a ng:Claim ; rdf:subject id:attack\\/dol ; rdf:predicate ng:killed ; rdf:object 12 ;
        ng:sentence "Twelve people were killed, the Herald said." ;
        ng:accordingTo id:news-source\\/herald ; ng:stance ng:Asserts ; prov:wasDerivedFrom id:article\\/a1 .
    id:claim\\/resp a ng:Claim ; rdf:subject id:armed-group\\/velka ;
        rdf:predicate ng:claimedResponsibilityFor ; rdf:object id:attack\\/dol ;
        ng:sentence "The Velka Front claimed the attack." ;
        ng:accordingTo id:armed-group\\/velka ; ng:stance ng:Asserts ; prov:wasDerivedFrom id:article\\/a1 .
    id:claim\\/deny a ng:Claim ; rdf:subject id:armed-group\\/dravik ;
        rdf:predicate ng:participatedIn ; rdf:object id:attack\\/dol ;
        ng:sentence "The Dravik Brigade denied any part in the attack." ;
        ng:accordingTo id:armed-group\\/dravik ; ng:stance ng:Denies ; prov:wasDerivedFrom id:article\\/a1 .
}

id:graph\\/article\\/a2 {
    id:article\\/a2 a ng:Article ; ng:title "Ostrava Dol, a week on" .
    id:attack\\/dol a ng:Attack ; ng:killed 15 .
}

id:graph\\/inferred {
    id:attack\\/dol ng:attributedTo id:armed-group\\/velka ;
        ng:suspectedPerpetrator id:armed-group\\/dravik .
    id:explanation\\/a a ng:Explanation ; rdf:subject id:attack\\/dol ; rdf:predicate ng:attributedTo ;
        rdf:object id:armed-group\\/velka ; ng:rule "attribution:claimed" ;
        ng:score "0.900"^^xsd:decimal ; ng:certainty ng:Attributed ; ng:disputed true ;
        ng:evidence id:claim\\/resp .
    id:explanation\\/s a ng:Explanation ; rdf:subject id:attack\\/dol ;
        rdf:predicate ng:suspectedPerpetrator ; rdf:object id:armed-group\\/dravik ;
        ng:rule "attribution:accused" ;
        ng:score "0.300"^^xsd:decimal ; ng:certainty ng:Suspected ; ng:disputed false .
    id:contradiction\\/k a ng:Contradiction ; rdfs:label "12 or 15 killed" ; ng:about id:attack\\/dol ;
        ng:side id:claim\\/k12 .
}
"""


def test_attack_details_show_date_place_casualties_attribution_sources_and_disputes() -> None:
    attack = next(n for n in nodes_of(render_html(load(ATTACK_TRIG))) if n["id"] == "id:attack/dol")
    text = re.sub(r"<[^>]+>", "", attack["title"])  # what the side panel reads, without markup
    assert "Date: 2023-05-22" in text and "Place: Ostrava Dol" in text
    assert "Killed: 12 | 15" in text and "Injured: 30" in text  # the two articles differ
    assert "Attributed to:Velka Front; score 0.900, rule attribution:claimed · disputed" in text
    assert "Suspected perpetrators:Dravik Brigade; score 0.300, rule attribution:accused · suspected" in text
    assert "Twelve people were killed, the Herald said." in text and "according to Kalvora Herald" in text
    assert "The Velka Front claimed the attack." in text
    assert "Denied by:" in text and "The Dravik Brigade denied any part in the attack." in text
    assert "Sources disagree: 12 or 15 killed" in text
    # Nothing about attacks on other entities' panels.
    velka = next(n for n in nodes_of(render_html(load(ATTACK_TRIG))) if n["id"] == "id:armed-group/velka")
    assert "Killed" not in velka["title"]


def test_attack_without_facts_says_what_is_not_stated() -> None:
    attack = next(n for n in nodes_of(render_html(load(INFERRED_TRIG))) if n["id"] == "id:attack/market")
    for field in ("Date", "Place", "Killed", "Injured"):
        assert f"<b>{field}</b>: not stated" in attack["title"]


SEED_GRAPH = Path(__file__).resolve().parents[1] / "graphs" / "graph.trig"


def groups_leaders_and_attacks(ds: Dataset) -> tuple[set[str], set[str], set[str], set[str]]:
    """Node ids of the armed groups, their leaders and founders, the attacks and the news sources."""
    def typed(cls: URIRef) -> set[str]:
        return {curie(s) for s, _p, _o, _g in ds.quads((None, RDF.type, cls, None))}

    groups = typed(NG.ArmedGroup)
    leaders = {curie(s) for p in (NG.leaderOf, NG.politicalLeaderOf, NG.militaryLeaderOf)
               for s, _p, o, _g in ds.quads((None, p, None, None)) if curie(o) in groups}
    leaders |= {curie(o) for s, _p, o, _g in ds.quads((None, NG.foundedBy, None, None)) if curie(s) in groups}
    return groups, leaders, typed(NG.Attack), typed(NG.NewsSource)


def test_max_nodes_on_the_seed_keeps_groups_and_leaders_over_news_sources() -> None:
    ds = load_dataset(SEED_GRAPH)
    groups, leaders, attacks, news = groups_leaders_and_attacks(ds)
    assert groups and leaders and attacks and len(groups | leaders | attacks) <= 10 and news
    page = render_page(ds, max_nodes=10)
    kept = {n["id"] for n in nodes_of(page.html)}
    assert len(kept) == page.shown == 10
    assert groups | leaders | attacks <= kept
    # News sources are well connected (and had a high PageRank: the old ranking kept two of them
    # and dropped a group's founder), but they are not the actors.
    assert not kept & news
    assert page.total == len(nodes_of(render_html(ds))) > 10
    assert f"showing 10 of {page.total} entities" in page.html


def test_build_caps_the_page_and_says_so(tmp_path: Path) -> None:
    result = BuildResult(dataset=synthetic(400), articles=[])
    write_build(result, tmp_path)
    page = (tmp_path / "graph.html").read_text(encoding="utf-8")
    assert len(nodes_of(page)) == PAGE_NODE_CAP < 400
    assert result.page_entities == (PAGE_NODE_CAP, 400)
    assert f"showing {PAGE_NODE_CAP} of 400 entities" in page
    write_build(result, tmp_path, max_nodes=0)  # 0: every entity
    assert len(nodes_of((tmp_path / "graph.html").read_text(encoding="utf-8"))) == 400
    assert result.page_entities == (400, 400)
    assert f"default {PAGE_NODE_CAP}" in " ".join(CliRunner().invoke(cli, ["build", "--help"]).output.split())


def test_build_summary_line_and_page_header_say_how_much_the_page_shows(tmp_path: Path) -> None:
    seed = Path(__file__).resolve().parents[1] / "seeds" / "000_b58dadf5cc5c3bf8.txt"
    result = CliRunner().invoke(cli, ["build", str(seed), "-o", str(tmp_path), "--max-nodes", "10"])
    assert result.exit_code == 0, result.output
    total = re.search(r": (\d+) entities, ", result.output)
    assert total and result.output.rstrip().endswith(
        f"facts; the page shows 10 of {int(total.group(1)):,} entities (--max-nodes)")
    page = (tmp_path / "graph.html").read_text(encoding="utf-8")
    assert f"showing 10 of {int(total.group(1)):,} entities" in page
    groups, leaders, _attacks, news = groups_leaders_and_attacks(load_dataset(tmp_path / "graph.trig"))
    kept = {n["id"] for n in nodes_of(page)}
    assert groups | leaders <= kept and not kept & news
    bad = CliRunner().invoke(cli, ["build", str(seed), "-o", str(tmp_path / "x"), "--max-nodes", "-1"])
    assert bad.exit_code == 2 and not (tmp_path / "x").exists()


def test_summary_counts_have_thousands_separators() -> None:
    page = render_html(synthetic(1200), max_nodes=5)
    assert "showing 5 of 1,200 entities" in page
