"""``newsgraph.query``: loading graph files, read-only checks, union default graph, output formats,
and the shipped queries in ``queries/``."""

from __future__ import annotations

import doctest
import json
import re
from pathlib import Path

import pytest
from pyoxigraph import RdfFormat, Store
from rdflib import Dataset

import newsgraph.query.check as query_check
import newsgraph.query.run as query_run
import newsgraph.query.shipped as query_shipped
import newsgraph.query.syntax as query_syntax
import newsgraph.tables as tables
from newsgraph.errors import GraphLoadError, QueryError
from newsgraph.query.results import compact, from_oxigraph
from newsgraph.rdfio import load_store
from newsgraph.query import (
    PREFIXES,
    QueryResult,
    check_query,
    format_result,
    queries_dir,
    run_query,
    shipped_queries,
)

REPO = Path(__file__).resolve().parents[1]

# Two article graphs and the inferred graph, shaped like mapping.py and infer.py output.
TINY_TRIG = """\
@prefix ng:     <https://w3id.org/newsgraph/ontology#> .
@prefix rdf:    <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs:   <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos:   <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd:    <http://www.w3.org/2001/XMLSchema#> .
@prefix prov:   <http://www.w3.org/ns/prov#> .
@prefix person: <https://w3id.org/newsgraph/id/person/> .
@prefix group:  <https://w3id.org/newsgraph/id/armed-group/> .
@prefix gov:    <https://w3id.org/newsgraph/id/government-body/> .
@prefix news:   <https://w3id.org/newsgraph/id/news-source/> .
@prefix place:  <https://w3id.org/newsgraph/id/place/> .
@prefix attack: <https://w3id.org/newsgraph/id/attack/> .
@prefix art:    <https://w3id.org/newsgraph/id/article/> .
@prefix claim:  <https://w3id.org/newsgraph/id/claim/> .
@prefix expl:   <https://w3id.org/newsgraph/id/explanation/> .

<https://w3id.org/newsgraph/id/graph/article/a1> {
    art:a1 a ng:Article ; rdfs:label "Article one" ; ng:publisher news:daily .
    news:daily a ng:NewsSource ; rdfs:label "Daily News" ; ng:mentionedIn art:a1 .
    person:ana a ng:Person ; rdfs:label "Ana Ruiz" ; skos:altLabel "Ruiz", "A. Ruiz" ;
        ng:mentionedIn art:a1 .
    group:red-front a ng:ArmedGroup ; rdfs:label "Red Front" ; skos:altLabel "RF" ; ng:mentionedIn art:a1 .
    place:lima a ng:Place ; rdfs:label "Lima, Peru" ; ng:mentionedIn art:a1 .
    attack:lima-2024-01 a ng:Attack ; rdfs:label "attack in Lima" ; ng:mentionedIn art:a1 ;
        ng:occurredIn place:lima ; ng:occurredOn "2024-01-05"^^xsd:date ;
        ng:killed "3"^^xsd:integer .
    person:ana ng:politicalLeaderOf group:red-front ; ng:leaderOf group:red-front .
    group:red-front ng:claimedResponsibilityFor attack:lima-2024-01 .

    claim:c1 a ng:Claim ; rdf:subject person:ana ; rdf:predicate ng:politicalLeaderOf ;
        rdf:object group:red-front ; ng:accordingTo news:daily ; ng:stance ng:Asserts ;
        ng:sentence "Ana Ruiz, the political leader of the Red Front,\\nspoke." ;
        ng:startOffset "0"^^xsd:integer ; prov:wasDerivedFrom art:a1 .
    claim:c2 a ng:Claim ; rdf:subject group:red-front ; rdf:predicate ng:claimedResponsibilityFor ;
        rdf:object attack:lima-2024-01 ; ng:accordingTo group:red-front ; ng:stance ng:Asserts ;
        ng:sentence "The Red Front claimed the attack in Lima." ;
        ng:startOffset "60"^^xsd:integer ; prov:wasDerivedFrom art:a1 .
    claim:c3 a ng:Claim ; rdf:subject attack:lima-2024-01 ; rdf:predicate ng:killed ;
        rdf:object "3"^^xsd:integer ; ng:accordingTo news:daily ; ng:stance ng:Asserts ;
        ng:sentence "Three people were killed." ;
        ng:startOffset "110"^^xsd:integer ; prov:wasDerivedFrom art:a1 .
}

<https://w3id.org/newsgraph/id/graph/article/a2> {
    art:a2 a ng:Article ; rdfs:label "Article two" ; ng:publisher news:daily .
    news:daily a ng:NewsSource ; rdfs:label "Daily News" ; ng:mentionedIn art:a2 .
    person:ana a ng:Person ; rdfs:label "Ana Ruiz" ; skos:altLabel "Commander Ana" ; ng:mentionedIn art:a2 .
    group:red-front a ng:ArmedGroup ; rdfs:label "Red Front" ; ng:mentionedIn art:a2 .
    person:bo a ng:Person ; rdfs:label "Bo Chen" ; ng:mentionedIn art:a2 .
    gov:ministry a ng:GovernmentBody ; rdfs:label "Interior Ministry" ; ng:mentionedIn art:a2 .
    attack:lima-2024-01 a ng:Attack ; rdfs:label "attack in Lima" ; ng:mentionedIn art:a2 .
    person:bo ng:memberOf group:red-front .
    gov:ministry ng:participatedIn attack:lima-2024-01 .

    claim:c4 a ng:Claim ; rdf:subject person:bo ; rdf:predicate ng:memberOf ; rdf:object group:red-front ;
        ng:accordingTo gov:ministry ; ng:stance ng:Asserts ;
        ng:sentence "Bo Chen is a member of the Red Front, the ministry said." ;
        ng:startOffset "0"^^xsd:integer ; prov:wasDerivedFrom art:a2 .
    claim:c5 a ng:Claim ; rdf:subject gov:ministry ; rdf:predicate ng:participatedIn ;
        rdf:object attack:lima-2024-01 ; ng:accordingTo group:red-front ; ng:stance ng:Asserts ;
        ng:sentence "The Red Front said ministry agents took part." ;
        ng:startOffset "60"^^xsd:integer ; prov:wasDerivedFrom art:a2 .
    claim:c6 a ng:Claim ; rdf:subject gov:ministry ; rdf:predicate ng:participatedIn ;
        rdf:object attack:lima-2024-01 ; ng:accordingTo gov:ministry ; ng:stance ng:Denies ;
        ng:sentence "The Interior Ministry denied any part in the attack." ;
        ng:startOffset "120"^^xsd:integer ; prov:wasDerivedFrom art:a2 .
}

<https://w3id.org/newsgraph/id/graph/inferred> {
    attack:lima-2024-01 ng:attributedTo group:red-front .
    group:red-front ng:participatedIn attack:lima-2024-01 .
    expl:e1 a ng:Explanation ; rdf:subject attack:lima-2024-01 ; rdf:predicate ng:attributedTo ;
        rdf:object group:red-front ; ng:rule "attribution:claimed" ; ng:score 0.900 ;
        ng:certainty ng:Attributed ; ng:disputed false ; ng:evidence claim:c2 .
    expl:e2 a ng:Explanation ; rdf:subject group:red-front ; rdf:predicate ng:participatedIn ;
        rdf:object attack:lima-2024-01 ; ng:rule "claim-implies-participation" ; ng:score 0.800 ;
        ng:certainty ng:Attributed ; ng:disputed false ; ng:evidence claim:c2 .
    <https://w3id.org/newsgraph/id/contradiction/k1> a ng:Contradiction ; ng:about attack:lima-2024-01 ;
        rdfs:label "Red Front says Interior Ministry participated in attack in Lima; Interior Ministry denies it" ;
        ng:side claim:c5 , claim:c6 .
}
"""

A1 = "id:graph/article/a1"
A2 = "id:graph/article/a2"
INFERRED = "id:graph/inferred"


@pytest.fixture(scope="module")
def store() -> Store:
    s = Store()
    s.load(input=TINY_TRIG, format=RdfFormat.TRIG)
    return s


@pytest.fixture(scope="module")
def trig_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("graphs") / "tiny.trig"
    path.write_text(TINY_TRIG, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- union and GRAPH


def test_plain_patterns_see_every_named_graph(store: Store) -> None:
    result = run_query(store, "SELECT DISTINCT ?label WHERE { ?s rdfs:label ?label } ORDER BY ?label")
    labels = [row[0] for row in result.rows]
    assert "Lima, Peru" in labels  # only in article a1
    assert "Bo Chen" in labels  # only in article a2
    inferred = run_query(store, "SELECT ?a ?g WHERE { ?a ng:attributedTo ?g }")
    assert inferred.rows == [["id:attack/lima-2024-01", "id:armed-group/red-front"]]


def test_union_default_graph_is_a_multiset(store: Store) -> None:
    # The label is stated in both article graphs: it matches twice unless DISTINCT.
    query = "SELECT {} ?l WHERE {{ ?s rdfs:label ?l . FILTER(?l = 'Ana Ruiz') }}"
    assert len(run_query(store, query.format("")).rows) == 2
    assert len(run_query(store, query.format("DISTINCT")).rows) == 1


def test_graph_patterns_pick_one_graph(store: Store) -> None:
    result = run_query(store, "SELECT ?g WHERE { GRAPH ?g { ?a ng:attributedTo ?who } }")
    assert result.rows == [[INFERRED]]
    result = run_query(store, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s rdfs:label 'Ana Ruiz' } } "
                              "ORDER BY ?g")
    assert result.rows == [[A1], [A2]]
    result = run_query(store, "SELECT ?s WHERE { GRAPH <https://w3id.org/newsgraph/id/graph/article/a2> "
                              "{ ?s ng:memberOf ?g } }")
    assert result.rows == [["id:person/bo"]]
    assert run_query(store, "ASK { GRAPH ?g { ?s rdfs:label 'Lima, Peru' } FILTER(?g = "
                            "<https://w3id.org/newsgraph/id/graph/article/a2>) }").boolean is False


def test_predeclared_prefixes_can_be_overridden(store: Store) -> None:
    predeclared = "ASK { ?s ng:memberOf ?g . ?s skos:altLabel ?x . ?g owl:sameAs* ?g }"
    assert run_query(store, predeclared).boolean is False  # Bo Chen has no alias
    assert run_query(store, "ASK { ?s ng:memberOf ?g . ?g schema:name* ?g . ?s prov:x* ?s }").boolean is True
    other = "PREFIX ng: <http://example.org/other#> ASK { ?s ng:memberOf ?g }"
    assert run_query(store, other).boolean is False


def test_order_by_is_kept_and_rows_are_not_reordered(store: Store) -> None:
    down = run_query(store, "SELECT DISTINCT ?l WHERE { ?s a ng:Person ; rdfs:label ?l } ORDER BY DESC(?l)")
    assert down.rows == [["Bo Chen"], ["Ana Ruiz"]]
    up = run_query(store, "SELECT DISTINCT ?l WHERE { ?s a ng:Person ; rdfs:label ?l } ORDER BY ?l")
    assert up.rows == [["Ana Ruiz"], ["Bo Chen"]]


def test_terms_are_rendered(store: Store) -> None:
    result = run_query(store, """
        SELECT ?iri ?other ?number ?date ?bnode ?unbound WHERE {
          BIND(ng:leaderOf AS ?iri) BIND(<https://example.org/x> AS ?other)
          BIND("3"^^xsd:integer AS ?number) BIND("2024-01-05"^^xsd:date AS ?date)
          BIND(BNODE("b") AS ?bnode)
        }""")
    assert result.columns == ["iri", "other", "number", "date", "bnode", "unbound"]
    iri, other, number, date, bnode, unbound = result.rows[0]
    assert (iri, other, number, date, unbound) == (
        "ng:leaderOf", "<https://example.org/x>", "3", "2024-01-05", None)
    assert bnode.startswith("_:")


def test_table_rows_render_terms_as_the_result_formats_do(store: Store) -> None:
    # run_query renders pyoxigraph terms directly; the result formats go through Term tuples
    # (compact): the two must agree term by term.
    sparql = """
        SELECT ?s ?p ?o ?lang ?triple ?id WHERE {
          GRAPH ?g { ?s ?p ?o }
          BIND(STRLANG("chef", "fr") AS ?lang) BIND(<<( ?s ?p ?o )>> AS ?triple) BIND(id:x AS ?id)
        }"""
    raw = [list(solution) for solution in store.query(sparql, prefixes=PREFIXES)]
    rows = run_query(store, sparql).rows
    assert len(rows) == len(raw) > 3
    plain = [0, 1, 2, 3, 5]  # the formats write a triple term as N-Triples; a table shortens it
    assert [[row[i] for i in plain] for row in rows] == [[compact(from_oxigraph(row[i])) for i in plain] for row in raw]
    assert all(row[4] == f"<< {row[0]} {row[1]} {row[2]} >>" for row in rows)
    assert {row[3] for row in rows} == {"chef"} and {row[5] for row in rows} == {"id:x"}


def test_ask_construct_and_describe(store: Store) -> None:
    ask = run_query(store, "ASK { ?c ng:stance ng:Denies }")
    assert (ask.kind, ask.boolean) == ("ask", True)
    assert format_result(ask, "table") == "true\n"
    assert format_result(ask, "csv") == "boolean\ntrue\n"
    assert json.loads(format_result(ask, "json")) == {"head": {}, "boolean": True}

    graph = run_query(store, "CONSTRUCT { ?s ng:memberOf ?g } WHERE { ?s ng:memberOf ?g }")
    line = ("<https://w3id.org/newsgraph/id/person/bo> <https://w3id.org/newsgraph/ontology#memberOf> "
            "<https://w3id.org/newsgraph/id/armed-group/red-front> .")
    assert graph.kind == "graph"
    assert set(graph.triples) == {line}
    assert set(format_result(graph, "table").splitlines()) == {line}
    assert set(json.loads(format_result(graph, "json"))["triples"]) == {line}

    described = run_query(store, "DESCRIBE <https://w3id.org/newsgraph/id/person/bo>")
    assert described.kind == "graph" and described.triples


# --------------------------------------------------------------------------- output formats

FORMAT_QUERY = """
SELECT DISTINCT ?entity ?label ?killed WHERE {
  VALUES ?type { ng:Place ng:Attack }
  ?entity a ?type ; rdfs:label ?label .
  OPTIONAL { ?entity ng:killed ?killed }
}
ORDER BY ?label
"""


def test_table_format(store: Store) -> None:
    result = run_query(store, FORMAT_QUERY)
    assert format_result(result, "table") == (
        "entity                  label           killed\n"
        "----------------------  --------------  ------\n"
        "id:place/lima           Lima, Peru\n"
        "id:attack/lima-2024-01  attack in Lima  3\n"
    )


def test_csv_format(store: Store) -> None:
    result = run_query(store, FORMAT_QUERY)
    assert format_result(result, "csv") == (
        "entity,label,killed\r\n"
        'id:place/lima,"Lima, Peru",\r\n'
        "id:attack/lima-2024-01,attack in Lima,3\r\n"
    )


def test_json_format(store: Store) -> None:
    result = run_query(store, FORMAT_QUERY)
    assert format_result(result, "json") == """\
{
  "head": {
    "vars": [
      "entity",
      "label",
      "killed"
    ]
  },
  "results": {
    "bindings": [
      {
        "entity": "id:place/lima",
        "label": "Lima, Peru"
      },
      {
        "entity": "id:attack/lima-2024-01",
        "killed": "3",
        "label": "attack in Lima"
      }
    ]
  }
}
"""


def test_table_keeps_one_line_per_row_and_handles_empty_results() -> None:
    result = QueryResult(columns=["a", "b"], rows=[["line one\nline two", "x\ty"], [None, "é"]])
    assert format_result(result, "table") == (
        "a                  b\n"
        "-----------------  ---\n"
        "line one line two  x y\n"
        "                   é\n"
    )
    empty = QueryResult(columns=["name"], rows=[])
    assert format_result(empty, "table") == "name\n----\n"
    assert format_result(empty, "csv") == "name\r\n"
    assert json.loads(format_result(empty, "json")) == {
        "head": {"vars": ["name"]}, "results": {"bindings": []}}


def test_unknown_format_is_refused() -> None:
    with pytest.raises(QueryError, match="Unknown output format 'xml'"):
        format_result(QueryResult(), "xml")


# --------------------------------------------------------------------------- refused queries

UPDATE_MESSAGE = "SPARQL Update is not allowed: newsgraph query is read-only"
SERVICE_MESSAGE = "SERVICE is not allowed (it makes the engine fetch URLs); pass --allow-service to permit it"


@pytest.mark.parametrize("update", [
    "INSERT DATA { <https://e/s> <https://e/p> <https://e/o> }",
    "PREFIX e: <https://e/>\nDELETE DATA { e:s e:p e:o }",
    "DELETE WHERE { ?s ?p ?o }",
    "delete { ?s ?p ?o } insert { ?s ?p 1 } where { ?s ?p ?o }",
    "WITH <https://e/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "LOAD <https://example.org/data.ttl>",
    "CLEAR ALL",
    "DROP GRAPH <https://w3id.org/newsgraph/id/graph/inferred>",
    "CREATE GRAPH <https://e/g>",
    "ADD <https://e/a> TO <https://e/b>",
    "MOVE DEFAULT TO <https://e/g>",
    "COPY <https://e/a> TO <https://e/b>",
    "CLEAR ALL ; INSERT DATA { <https://e/s> <https://e/p> <https://e/o> }",
    "INSERT DATA { <https://e/s> <https://e/p> ",  # malformed, still an update
])
def test_update_is_refused(store: Store, update: str) -> None:
    before = len(store)
    with pytest.raises(QueryError) as info:
        check_query(update)
    assert str(info.value) == UPDATE_MESSAGE
    with pytest.raises(QueryError, match=re.escape(UPDATE_MESSAGE)):
        run_query(store, update)
    assert len(store) == before


@pytest.mark.parametrize("service", [
    "SELECT * WHERE { SERVICE <https://query.wikidata.org/sparql> { ?s ?p ?o } }",
    "select * where { ?x ?y ?z optional { service silent <https://e/sparql> { ?x ?p ?o } } }",
    "SELECT * WHERE { ?s ?p ?o SERVICE <https://e/sparql> { ?a ?b ?c }",  # malformed too
])
def test_service_is_refused_unless_allowed(store: Store, service: str) -> None:
    with pytest.raises(QueryError) as info:
        check_query(service)
    assert str(info.value) == SERVICE_MESSAGE
    with pytest.raises(QueryError, match=re.escape(SERVICE_MESSAGE)):
        run_query(store, service)
    check_query(service, allow_service=True)  # no fetch: check_query does not run it


@pytest.mark.parametrize("harmless", [
    'SELECT ?s WHERE { ?s ng:sentence "They will INSERT, DELETE and DROP nothing; no SERVICE" }',
    "SELECT ?s WHERE { ?s ng:sentence '''LOAD\nCLEAR''' }",
    "SELECT ?s WHERE { ?s <https://e/SERVICE#DROP> ?o }",
    "SELECT ?service ?insert WHERE { ?service ng:memberOf ?insert }",
    "# DELETE everything? No: SERVICE and LOAD only in a comment\nSELECT * WHERE { ?s ?p ?o }",
    "ASK { ?s ?p ?o }",
    "CONSTRUCT WHERE { ?s ng:memberOf ?o }",
    "DESCRIBE <https://w3id.org/newsgraph/id/person/bo>",
])
def test_keywords_inside_strings_iris_comments_and_names_are_ignored(store: Store, harmless: str) -> None:
    check_query(harmless)
    run_query(store, harmless)


@pytest.mark.parametrize(("bad", "position"), [
    ("SELECT * WHERE { ?s ?p }", "1:"),
    ("SELECT ?s WHERE {\n  ?s ?p ?o .\n  FILTER(?o = ) }", "3:"),
    ("SELECT ?s WHERE { ?s ?p ?o ", "1:"),
    ("SELEKT ?s WHERE { ?s ?p ?o }", "1:"),
])
def test_malformed_sparql_reports_a_position(store: Store, bad: str, position: str) -> None:
    with pytest.raises(QueryError) as info:
        check_query(bad)
    message = str(info.value)
    assert message.startswith("SPARQL syntax error: error at " + position), message
    assert re.search(r"error at \d+:\d+", message)
    assert "\n" not in message
    with pytest.raises(QueryError, match=r"^SPARQL syntax error: error at \d+:\d+"):
        run_query(store, bad)


def test_undeclared_prefix_is_named() -> None:
    with pytest.raises(QueryError) as info:
        check_query("SELECT * WHERE { ?s foo:bar ?o }")
    assert str(info.value) == ("SPARQL syntax error: error at 1:28: undeclared prefix foo: "
                               "(declare it with PREFIX)")


@pytest.mark.parametrize("empty", ["", "   \n", "# only a comment\n", "PREFIX e: <https://e/>"])
def test_empty_query_is_a_syntax_error(empty: str) -> None:
    with pytest.raises(QueryError, match="^SPARQL syntax error: no query"):
        check_query(empty)


# --------------------------------------------------------------------------- loading


def test_load_trig_file(trig_file: Path) -> None:
    store = load_store(trig_file)
    result = run_query(store, "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert result.rows == [["3"]]
    assert run_query(trig_file, "ASK { ?s ng:memberOf ?g }").boolean is True  # a path works too


@pytest.mark.parametrize(("suffix", "rdflib_format", "graphs"), [
    (".nq", "nquads", 3),
    (".jsonld", "json-ld", 3),
    (".ttl", "turtle", 0),
    (".nt", "nt", 0),
    (".rdf", "xml", 0),
])
def test_load_other_formats(tmp_path: Path, suffix: str, rdflib_format: str, graphs: int) -> None:
    ds = Dataset()
    ds.parse(data=TINY_TRIG, format="trig")
    if graphs:
        data = ds.serialize(format=rdflib_format, encoding="utf-8")
    else:  # triple formats: the union of the named graphs
        from newsgraph.rdfio import union_graph

        data = union_graph(ds).serialize(format=rdflib_format, encoding="utf-8")
    path = tmp_path / f"graph{suffix}"
    path.write_bytes(data)
    store = load_store(path)
    named = run_query(store, "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert named.rows == [[str(graphs)]]
    members = run_query(store, "SELECT DISTINCT ?s WHERE { ?s ng:memberOf ?g }")
    assert members.rows == [["id:person/bo"]]


def test_missing_file_is_a_load_error(tmp_path: Path) -> None:
    missing = tmp_path / "nope.trig"
    with pytest.raises(GraphLoadError) as info:
        load_store(missing)
    assert str(info.value) == f"{missing}: no such graph file"
    with pytest.raises(GraphLoadError, match="no such graph file"):
        run_query(missing, "ASK {}")


def test_malformed_trig_is_a_load_error_with_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "bad.trig"
    path.write_text('@prefix e: <https://e/> .\n<https://e/g> {\n  e:s e:p "unterminated .\n}\n',
                    encoding="utf-8")
    with pytest.raises(GraphLoadError) as info:
        load_store(path)
    message = str(info.value)
    assert message.startswith(f"{path}: cannot parse as TriG: ")
    assert re.search(r"line \d+", message) and "column" in message
    assert "\n" not in message


def test_directory_and_unknown_suffix_are_load_errors(tmp_path: Path) -> None:
    with pytest.raises(GraphLoadError, match="not a graph file"):
        load_store(tmp_path)
    odd = tmp_path / "graph.csv"
    odd.write_text("a,b\n", encoding="utf-8")
    with pytest.raises(GraphLoadError, match="unknown graph format"):
        load_store(odd)


# --------------------------------------------------------------------------- shipped queries

SHIPPED = shipped_queries()


def test_queries_are_shipped() -> None:
    assert queries_dir() == REPO / "queries" or (queries_dir() / "leaders.rq").is_file()
    names = {q.name for q in SHIPPED}
    assert {"leaders", "attacks", "who-said-what", "denials", "entities", "members"} <= names


@pytest.mark.parametrize("shipped", SHIPPED, ids=[q.name for q in SHIPPED])
def test_shipped_query_parses_and_runs(store: Store, shipped) -> None:
    text = shipped.text
    assert re.search(r"^# title: \S", text, re.MULTILINE), "missing '# title:' line"
    assert re.search(r"^# description: \S", text, re.MULTILINE), "missing '# description:' line"
    assert shipped.title and shipped.description
    assert "ORDER BY" in text, "shipped queries must be deterministic"
    check_query(text)
    result = run_query(store, text)
    assert result.kind == "select" and result.columns and result.rows
    for fmt in ("table", "csv", "json"):
        assert format_result(result, fmt)
    assert run_query(store, text).rows == result.rows  # deterministic


def _rows(name: str, store: Store) -> list[dict[str, str | None]]:
    result = run_query(store, (queries_dir() / f"{name}.rq").read_text(encoding="utf-8"))
    return [dict(zip(result.columns, row)) for row in result.rows]


def test_leaders_query(store: Store) -> None:
    rows = _rows("leaders", store)
    assert rows == [{"group": "Red Front", "leader": "Ana Ruiz", "property": "ng:politicalLeaderOf",
                     "source": "Daily News", "article": "id:article/a1"}]


def test_attacks_query(store: Store) -> None:
    assert _rows("attacks", store) == [{
        "attack": "id:attack/lima-2024-01", "label": "attack in Lima", "place": "Lima, Peru",
        "date": "2024-01-05", "killed": "3", "injured": None, "attributed_to": "Red Front",
        "score": "0.9", "rule": "attribution:claimed",
        "disputed": "Red Front says Interior Ministry participated in attack in Lima; Interior Ministry denies it",
    }]


def test_who_said_what_query(store: Store) -> None:
    rows = _rows("who-said-what", store)
    assert len(rows) == 6
    assert [r["according_to"] for r in rows] == sorted(r["according_to"] for r in rows)
    first = rows[0]
    assert first == {"according_to": "Daily News", "stance": "asserts", "subject": "Ana Ruiz",
                     "property": "ng:politicalLeaderOf", "object": "Red Front",
                     "sentence": "Ana Ruiz, the political leader of the Red Front, spoke.",
                     "article": "id:article/a1"}
    killed = next(r for r in rows if r["property"] == "ng:killed")
    assert killed["object"] == "3"
    assert [r["stance"] for r in rows].count("denies") == 1


def test_denials_query(store: Store) -> None:
    assert _rows("denials", store) == [{
        "denied_by": "Interior Ministry", "subject": "Interior Ministry", "property": "ng:participatedIn",
        "object": "attack in Lima", "asserted_by": "Red Front",
        "sentence": "The Interior Ministry denied any part in the attack.", "article": "id:article/a2",
    }]


def test_attributions_query(store: Store) -> None:
    assert _rows("attributions", store) == [{
        "attack": "attack in Lima", "agent": "Red Front", "relation": "attributed to", "certainty": "Attributed",
        "score": "0.9", "rule": "attribution:claimed", "disputed": "false", "evidence": "1",
        "sentences": "Red Front: The Red Front claimed the attack in Lima.",
    }]


def test_contradictions_query(store: Store) -> None:
    rows = _rows("contradictions", store)
    assert [(r["stance"], r["according_to"], r["statement"]) for r in rows] == [
        ("asserts", "Red Front", "Interior Ministry participatedIn attack in Lima"),
        ("denies", "Interior Ministry", "Interior Ministry participatedIn attack in Lima"),
    ]
    assert {r["about"] for r in rows} == {"attack in Lima"}
    assert rows[1]["sentence"] == "The Interior Ministry denied any part in the attack."


def test_entities_query(store: Store) -> None:
    rows = {r["label"]: r for r in _rows("entities", store)}
    assert set(rows) == {"Ana Ruiz", "Bo Chen", "Red Front", "Interior Ministry", "Daily News", "Lima, Peru",
                         "attack in Lima"}
    assert rows["Ana Ruiz"] == {"entity": "id:person/ana", "label": "Ana Ruiz", "class": "Person",
                                "aliases": "A. Ruiz | Commander Ana | Ruiz", "articles": "2"}
    assert rows["Bo Chen"]["aliases"] is None


def test_members_query(store: Store) -> None:
    assert _rows("members", store) == [{"group": "Red Front", "member": "Bo Chen", "member_class": "Person",
                                        "source": "Interior Ministry", "article": "id:article/a2"}]


# --------------------------------------------------------------------------- docs


@pytest.mark.parametrize("module", [query_check, query_run, query_shipped, query_syntax, tables])
def test_docstring_examples(module: object) -> None:
    failures, tried = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert tried and not failures


def test_shipped_queries_are_named_from_anywhere_and_listed(tmp_path, monkeypatch):
    """`--file attacks.rq` outside the repo is the shipped query; `--list` names each with what it
    answers; a name that is neither a file nor a shipped query is a one-line error."""
    from click.testing import CliRunner

    from newsgraph.cli import cli
    from newsgraph.query.shipped import queries_dir, shipped_queries

    graph = (Path(__file__).resolve().parent.parent / "graphs" / "graph.trig")
    monkeypatch.chdir(tmp_path)  # no queries/ folder here
    runner = CliRunner()
    by_name = runner.invoke(cli, ["query", str(graph), "--file", "attacks.rq", "--format", "csv"])
    by_path = runner.invoke(cli, ["query", str(graph), "--file", str(queries_dir() / "attacks.rq"),
                                  "--format", "csv"])
    assert by_name.exit_code == 0, by_name.output
    assert by_name.output == by_path.output and by_name.output.count("\n") > 1
    assert runner.invoke(cli, ["query", str(graph), "--file", "leaders", "--format", "csv"]).exit_code == 0
    listed = runner.invoke(cli, ["query", "--list"])
    assert listed.exit_code == 0
    lines = listed.output.splitlines()
    assert [line.split()[0] for line in lines] == [f"{q.name}.rq" for q in shipped_queries()]
    assert "casualty" in lines[[q.name for q in shipped_queries()].index("contradictions")]
    missing = runner.invoke(cli, ["query", str(graph), "--file", "nope.rq"])
    assert missing.exit_code == 2
    assert missing.output == "Error: nope.rq: no such query file (`newsgraph query --list` names the shipped ones)\n"
