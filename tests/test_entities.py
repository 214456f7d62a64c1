"""One entity lookup for explain, path and render --focus (newsgraph.entities)."""

from __future__ import annotations

import pytest
from rdflib import Dataset, Literal

from newsgraph.entities import Named, match_entities
from newsgraph.errors import InputError
from newsgraph.explain import find_entity, prepared_graph
from newsgraph.namespaces import ID, NG, RDF, RDFS, SKOS, article_graph
from newsgraph.render import render_html

CESAR = ID["person/cesar-ruiz"]
GROUP = ID["armed-group/southern-legion"]


def tiny() -> Dataset:
    ds = Dataset()
    g = ds.graph(article_graph("a1"))
    g.add((CESAR, RDF.type, NG.Person))
    g.add((CESAR, RDFS.label, Literal("César Ruiz")))
    g.add((CESAR, SKOS.altLabel, Literal("Ruiz")))
    g.add((GROUP, RDF.type, NG.ArmedGroup))
    g.add((GROUP, RDFS.label, Literal("Southern Legion")))
    g.add((CESAR, NG.leaderOf, GROUP))
    return ds


@pytest.mark.parametrize("name", ["César Ruiz", "cesar ruiz", "CESAR RUIZ", "Ruiz", "id:person/cesar-ruiz", str(CESAR)])
def test_explain_and_render_find_the_same_entity_by_any_of_its_names(name: str) -> None:
    ds = tiny()
    assert find_entity(prepared_graph(ds), name) == CESAR
    # The page's summary line names the focus entity: it was found.
    assert "neighbourhood of César Ruiz" in render_html(ds, focus=name)


def test_render_focus_ignores_accents_as_explain_does() -> None:
    # render --focus only casefolded: 'Cesar Ruiz' failed where explain found César Ruiz.
    assert "neighbourhood of César Ruiz" in render_html(tiny(), focus="Cesar Ruiz")


def test_an_unknown_name_is_an_input_error_for_both() -> None:
    with pytest.raises(InputError, match="No entity called 'Nobody'"):
        find_entity(prepared_graph(tiny()), "Nobody")
    with pytest.raises(InputError, match="No entity matches focus 'Nobody'"):
        render_html(tiny(), focus="Nobody")


def test_a_shared_name_matches_every_entity_that_has_it() -> None:
    a, b = Named(ID["person/a"], "Ana Lima"), Named(ID["person/b"], "Ana Lima")
    assert match_entities([b, a], "ana lima") == [a.iri, b.iri]
    assert match_entities([a], "Ana") == []  # a part of a name is the caller's fallback, not a match
