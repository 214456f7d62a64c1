"""One description per entity: types, labels and aliases live once in id/graph/entities, article graphs
hold claims, facts and ng:mentionedIn; build, add, remove and replace keep it so."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Dataset

from newsgraph.corpus_store import CorpusStore
from newsgraph.ingest import read_article
from newsgraph.namespaces import ENTITIES_GRAPH, GRAPH, NG, RDF, RDFS, SKOS
from newsgraph.parsing import extract_articles
from newsgraph.pipeline import build_dataset
from newsgraph.query import run_query
from newsgraph.query.shipped import shipped_queries
from newsgraph.rdfio import serialize_dataset

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = [ROOT / "seeds" / "000_b58dadf5cc5c3bf8.txt",
            ROOT / "tests" / "data" / "articles" / "001_mali-kerdoumbe-market-attack.txt",
            ROOT / "tests" / "data" / "articles" / "009_ukraine-hlybokyi-brid-volunteer-battalion.txt"]
ENTITIES = pyoxigraph.NamedNode(str(ENTITIES_GRAPH))


@pytest.fixture(scope="module")
def extractions(nlp):
    return list(extract_articles([read_article(p) for p in ARTICLES]))


@pytest.fixture(scope="module")
def built(extractions) -> Dataset:
    return build_dataset(extractions)


@pytest.fixture(scope="module")
def union(built) -> pyoxigraph.Store:
    store = pyoxigraph.Store()
    store.load(input=serialize_dataset(built, "nq"), format=pyoxigraph.RdfFormat.N_QUADS)
    return store


@pytest.fixture(scope="module")
def one_by_one(extractions, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("stores") / "corpus"
    for extraction in extractions:
        with CorpusStore.open(path, create=True) as store:
            store.add([extraction])
    return path


def test_a_naive_select_over_the_union_gives_one_row_per_entity(union):
    # Reuters is mentioned by all three articles: it used to come back once per article.
    rows = run_query(union, "SELECT ?name WHERE { ?s a ng:NewsSource ; rdfs:label ?name }").rows
    assert [r for r in rows if r[0] == "Reuters"] == [["Reuters"]]
    assert len(rows) == len({r[0] for r in rows})
    rows = run_query(union, "SELECT ?e ?class ?name WHERE { ?e a ?class ; rdfs:label ?name }").rows
    assert len(rows) == len({tuple(r) for r in rows}) == len({r[0] for r in rows})
    aliases = run_query(union, "SELECT ?e ?alias WHERE { ?e skos:altLabel ?alias }").rows
    assert len(aliases) == len({tuple(r) for r in aliases})


def test_article_graphs_hold_claims_facts_and_mentions_and_the_entities_graph_only_descriptions(built):
    article_graphs = [g for g in built.graphs() if str(g.identifier).startswith(str(GRAPH["article/"]))]
    assert len(article_graphs) == len(ARTICLES)
    entities = built.graph(ENTITIES_GRAPH)
    described = set(entities.subjects())
    mentioned = set()
    for g in article_graphs:
        (article,) = g.subjects(RDF.type, NG.Article)
        assert set(g.objects(None, RDF.type)) <= {NG.Article, NG.Claim}
        assert not set(g.triples((None, SKOS.altLabel, None)))
        assert set(g.subjects(RDFS.label, None)) == {article}
        mentioned |= set(g.subjects(NG.mentionedIn, article))
    assert set(entities.predicates()) == {RDF.type, RDFS.label, SKOS.altLabel}
    assert described == mentioned
    assert all(len(list(entities.objects(e, RDFS.label))) == 1 for e in described)


def test_the_shipped_entities_query_gives_each_entity_once_with_its_articles(union):
    (entities,) = [q for q in shipped_queries() if q.name == "entities"]
    result = run_query(union, entities.text)
    names = [r[result.columns.index("entity")] for r in result.rows]
    assert len(names) == len(set(names)) > 20
    reuters = next(r for r in result.rows if r[result.columns.index("label")] == "Reuters")
    assert reuters[result.columns.index("articles")] == "3"


@pytest.mark.parametrize("query", shipped_queries(), ids=lambda q: q.name)
def test_every_shipped_query_gives_each_row_once_on_a_build_of_several_articles(union, query):
    rows = run_query(union, query.text).rows
    assert rows and len(rows) == len({tuple(r) for r in rows})
    for row in rows:  # no value repeated inside a " | "-joined cell (one sentence, alias or place per source)
        for cell in row:
            if cell and " | " in cell:
                parts = cell.split(" | ")
                assert len(parts) == len(set(parts)), cell


def test_claim_sentences_are_trimmed_and_their_offsets_point_at_them(built, extractions):
    texts = {str(ex.article.id): ex.article.text for ex in extractions}
    sentences = 0
    for g in built.graphs():
        for claim in g.subjects(RDF.type, NG.Claim):
            sentence = str(g.value(claim, NG.sentence))
            start, end = g.value(claim, NG.startOffset).toPython(), g.value(claim, NG.endOffset).toPython()
            article_id = str(g.identifier).rsplit("/", 1)[-1]
            assert sentence == sentence.strip() and sentence
            assert texts[article_id][start:end] == sentence
            sentences += 1
    assert sentences > 30


def _entities_graph(store_path: Path) -> list[str]:
    with CorpusStore.open(store_path, write=False) as store:
        return sorted(str(pyoxigraph.Triple(q.subject, q.predicate, q.object))
                      for q in store.oxigraph.quads_for_pattern(None, None, None, ENTITIES))


def _built_entities_graph(extractions) -> list[str]:
    store = pyoxigraph.Store()
    store.load(input=serialize_dataset(build_dataset(extractions), "nq"), format=pyoxigraph.RdfFormat.N_QUADS)
    return sorted(str(pyoxigraph.Triple(q.subject, q.predicate, q.object))
                  for q in store.quads_for_pattern(None, None, None, ENTITIES))


def test_a_store_built_one_by_one_describes_each_entity_once_as_a_build_does(one_by_one, extractions):
    assert _entities_graph(one_by_one) == _built_entities_graph(extractions)
    with CorpusStore.open(one_by_one, write=False) as store:
        labels = list(store.oxigraph.query(
            "SELECT ?g WHERE { GRAPH ?g { ?e rdfs:label 'Reuters' } }",
            prefixes={"rdfs": str(RDFS)}))
    assert [row["g"] for row in labels] == [ENTITIES]


@pytest.mark.parametrize("removed", [2, 1])
def test_removing_an_article_describes_its_entities_again_from_the_articles_left(
        one_by_one, extractions, tmp_path, removed):
    copy = tmp_path / "copy"
    shutil.copytree(one_by_one, copy)
    with CorpusStore.open(copy) as store:
        gone = _entities_graph_subjects(store, extractions[removed].article.id)
        store.remove([str(ARTICLES[removed])])
    left = [ex for i, ex in enumerate(extractions) if i != removed]
    after = _entities_graph(copy)
    assert len(after) > 50
    # No type, label or alias outlives the last article that stated it: the store's entities graph
    # is the one a build of the articles left gives.
    assert after == _built_entities_graph(left)
    with CorpusStore.open(copy, write=False) as store:
        only_there = {iri for iri in gone
                      if not any(store.oxigraph.quads_for_pattern(pyoxigraph.NamedNode(iri), None, None))}
    assert only_there, "the removed article mentioned entities no other article mentions"
    assert not any(f"<{iri}>" in line for iri in only_there for line in after)
    with CorpusStore.open(copy) as store:
        store.add([extractions[removed]])
    assert sorted(_entities_graph(copy)) == sorted(_entities_graph(one_by_one))


def _entities_graph_subjects(store: CorpusStore, article_id: str) -> set[str]:
    graph = pyoxigraph.NamedNode(str(GRAPH[f"article/{article_id}"]))
    return {q.subject.value for q in store.oxigraph.quads_for_pattern(
        None, pyoxigraph.NamedNode(str(NG.mentionedIn)), None, graph)}


def test_a_changed_article_takes_its_old_names_with_it(nlp, tmp_path):
    article = tmp_path / "report.txt"
    text = ARTICLES[1].read_text(encoding="utf-8")
    article.write_text(text, encoding="utf-8")
    store_dir = tmp_path / "store"
    with CorpusStore.open(store_dir, create=True) as store:
        store.add(list(extract_articles([read_article(article)])))
    assert any("Kerdoumbe" in line for line in _entities_graph(store_dir))
    article.write_text(text.replace("Kerdoumbe", "Ostrava Dol"), encoding="utf-8")
    new = list(extract_articles([read_article(article)]))
    with CorpusStore.open(store_dir) as store:
        assert store.add(new).replaced
    after = _entities_graph(store_dir)
    assert not any("Kerdoumbe" in line or "kerdoumbe" in line for line in after)
    assert after == _built_entities_graph(new)


def test_every_described_entity_has_a_mention_in_the_store(one_by_one):
    with CorpusStore.open(one_by_one, write=False) as store:
        described = {q.subject for q in store.oxigraph.quads_for_pattern(None, None, None, ENTITIES)}
        mentioned = {q.subject for q in store.oxigraph.quads_for_pattern(
            None, pyoxigraph.NamedNode(str(NG.mentionedIn)), None)}
    assert described == mentioned and all(isinstance(s, pyoxigraph.NamedNode) for s in described)
