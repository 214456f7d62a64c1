"""The on-disk corpus store: one-by-one equals one-go, no-op re-adds, clean removes, locking."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph
from pyoxigraph import NamedNode
import pytest
from click.testing import CliRunner

from newsgraph.cli import cli
from newsgraph.corpus_store import CorpusStore, build_store, export_store, is_store
from newsgraph.errors import StoreError
from newsgraph.ingest import read_article
from newsgraph.namespaces import INFERRED_GRAPH, article_graph
from newsgraph.parsing import extract_articles
from newsgraph.pipeline import build_dataset
from newsgraph.rdfio import serialize_dataset

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = [ROOT / "seeds" / "000_b58dadf5cc5c3bf8.txt",
            ROOT / "tests" / "data" / "articles" / "001_mali-kerdoumbe-market-attack.txt",
            ROOT / "tests" / "data" / "articles" / "009_ukraine-hlybokyi-brid-volunteer-battalion.txt"]


@pytest.fixture(scope="module")
def extractions(nlp):
    return list(extract_articles([read_article(p) for p in ARTICLES]))


def nquads(store: Path, tmp_path: Path) -> bytes:
    out = tmp_path / f"{store.name}.nq"
    export_store(store, "nq", out)
    return out.read_bytes()


def canonical(data: bytes) -> list[str]:
    """Quads as Oxigraph stores them (it writes literals in canonical form), sorted."""
    store = pyoxigraph.Store()
    store.load(input=data, format=pyoxigraph.RdfFormat.N_QUADS)
    return sorted(str(q) for q in store)


@pytest.fixture(scope="module")
def one_by_one(extractions, tmp_path_factory):
    path = tmp_path_factory.mktemp("stores") / "one-by-one"
    for extraction in extractions:
        with CorpusStore.open(path, create=True) as store:
            assert store.add([extraction]).added
    return path


def test_adding_one_by_one_gives_the_one_go_store_and_the_file_build(one_by_one, extractions, tmp_path):
    batch = tmp_path / "batch"
    build_store(batch, extractions)
    assert nquads(one_by_one, tmp_path) == nquads(batch, tmp_path)
    in_memory = serialize_dataset(build_dataset(extractions), "nq")
    assert canonical(nquads(one_by_one, tmp_path)) == canonical(in_memory)


def test_an_entity_in_several_articles_is_one_node(one_by_one):
    with CorpusStore.open(one_by_one, write=False) as store:
        rows = list(store.oxigraph.query(
            "SELECT ?e (COUNT(DISTINCT ?a) AS ?n) WHERE { ?e <http://www.w3.org/2000/01/rdf-schema#label> "
            "'Reuters' ; <https://w3id.org/newsgraph/ontology#mentionedIn> ?a } GROUP BY ?e",
            use_default_graph_as_union=True))
    assert len(rows) == 1 and int(rows[0]["n"].value) == 3


def test_re_adding_an_unchanged_article_is_a_no_op(one_by_one, extractions, tmp_path):
    before = nquads(one_by_one, tmp_path)
    records = sorted(p.name for p in (one_by_one / "records").iterdir())
    with CorpusStore.open(one_by_one) as store:
        change = store.add(extractions[:2])
    assert not change.changed and len(change.unchanged) == 2
    assert nquads(one_by_one, tmp_path) == before
    assert sorted(p.name for p in (one_by_one / "records").iterdir()) == records


def test_remove_leaves_no_orphans_and_adding_back_restores_the_store(one_by_one, extractions, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(one_by_one, copy)
    before = nquads(copy, tmp_path)
    mali = extractions[1]
    with CorpusStore.open(copy) as store:
        only_in_mali = _subjects(store, article_graph(mali.article.id)) - _subjects_except(store, mali.article.id)
        change = store.remove([str(ARTICLES[1])])
        assert change.removed == [str(ARTICLES[1].resolve())]
        remaining = {str(q.subject.value) for q in store.quads()} | {str(q.object.value) for q in store.quads()}
    assert only_in_mali and not only_in_mali & remaining
    with CorpusStore.open(copy) as store:
        store.add([mali])
    assert canonical(nquads(copy, tmp_path)) == canonical(before)


def _subjects(store: CorpusStore, graph) -> set[str]:
    return {q.subject.value for q in store.oxigraph.quads_for_pattern(None, None, None, pyoxigraph.NamedNode(graph))
            if isinstance(q.subject, pyoxigraph.NamedNode) and "/claim/" not in q.subject.value
            and "/article/" not in q.subject.value}


def _subjects_except(store: CorpusStore, article_id: str) -> set[str]:
    return {s for r in store.records if r.id != article_id for s in _subjects(store, article_graph(r.id))}


def test_a_changed_article_replaces_its_earlier_version(extractions, nlp, tmp_path):
    article = tmp_path / "report.txt"
    article.write_text(ARTICLES[1].read_text(encoding="utf-8"), encoding="utf-8")
    store_dir = tmp_path / "store"
    with CorpusStore.open(store_dir, create=True) as store:
        store.add(list(extract_articles([read_article(article)])))
        first = store.records[0].graph
    article.write_text(article.read_text(encoding="utf-8").replace("Kerdoumbe", "Kerdumbe"), encoding="utf-8")
    with CorpusStore.open(store_dir) as store:
        change = store.add(list(extract_articles([read_article(article)])))
        graphs = store.article_graphs()
    assert change.replaced == [str(article.resolve())] and not change.added
    assert first not in graphs and len(graphs) == 1


def test_inference_covers_the_whole_store(one_by_one):
    with CorpusStore.open(one_by_one, write=False) as store:
        inferred = {(q.subject.value, q.predicate.value, q.object.value)
                    for q in store.oxigraph.quads_for_pattern(None, None, None, pyoxigraph.NamedNode(INFERRED_GRAPH))}
    ng = "https://w3id.org/newsgraph/ontology#"
    attributed = {(s, o) for s, p, o in inferred if p == ng + "attributedTo"}
    # the seed's attack (first article) and the Mali attack (second) are both attributed
    assert any("belgorod" in s for s, _ in attributed) and any("kerdoumbe" in s for s, _ in attributed)


def test_a_second_writer_is_refused_with_a_clear_message(one_by_one):
    with CorpusStore.open(one_by_one):
        with pytest.raises(StoreError, match="in use by another newsgraph process"):
            CorpusStore.open(one_by_one)
        with pytest.raises(StoreError, match="in use by another newsgraph process"):
            CorpusStore.open(one_by_one, write=False)


def test_readers_share_the_store_but_block_a_writer(one_by_one):
    with CorpusStore.open(one_by_one, write=False), CorpusStore.open(one_by_one, write=False):
        with pytest.raises(StoreError, match="in use"):
            CorpusStore.open(one_by_one)


def test_opening_something_that_is_not_a_store(tmp_path):
    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(StoreError, match="not a newsgraph store and not empty"):
        CorpusStore.open(tmp_path, create=True)
    with pytest.raises(StoreError, match="no such store"):
        CorpusStore.open(tmp_path / "missing")
    assert not is_store(tmp_path)


def test_interrupted_add_leaves_a_record_that_is_dropped_on_open(one_by_one, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(one_by_one, copy)
    before = nquads(copy, tmp_path)
    # a record written just before its transaction, then the process died
    stray = copy / "records" / "000000099-0000000000000000.json"
    shutil.copy(next((copy / "records").iterdir()), stray)
    text = stray.read_text().replace('"seq": 1', '"seq": 99')
    stray.write_text(text.replace(text[text.index('"id": "') + 7:text.index('"id": "') + 23], "0" * 16))
    with CorpusStore.open(copy) as store:
        assert len(store.records) == 3
    assert not stray.exists() and nquads(copy, tmp_path) == before


def test_build_store_replaces_a_store_only_when_complete(one_by_one, extractions, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(one_by_one, copy)
    before = nquads(copy, tmp_path)
    broken = extractions[0].__class__(extractions[0].article, [], extractions[0].entities,
                                      extractions[0].statements)  # no sentences: mapping fails
    with pytest.raises(IndexError):
        build_store(copy, [broken])
    assert nquads(copy, tmp_path) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".copy.")) == [".copy.lock"]


# --------------------------------------------------------------------------- command line


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_cli_add_query_export_remove(tmp_path):
    store = tmp_path / "corpus"
    result = run("add", str(ARTICLES[1]), "--store", str(store))
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"Store {store}: 1 added;")
    again = run("add", str(ARTICLES[1]), "--store", str(store))
    assert "1 unchanged" in again.output
    answer = run("query", "--store", str(store), "SELECT (COUNT(*) AS ?n) WHERE { ?a a ng:Attack }", "--format", "csv")
    assert answer.exit_code == 0 and answer.output.splitlines() == ["n", "2"]
    same = run("query", str(store), "SELECT (COUNT(*) AS ?n) WHERE { ?a a ng:Attack }", "--format", "csv")
    assert same.output == answer.output
    exported = run("export", "--store", str(store), "--format", "turtle", "-o", str(tmp_path / "c.ttl"))
    assert exported.exit_code == 0 and (tmp_path / "c.ttl").stat().st_size > 0
    assert run("validate", str(store)).exit_code == 0
    dry = run("push", "--store", str(store), "--endpoint", "http://127.0.0.1:9/store", "--dry-run")
    assert dry.exit_code == 0 and "would PUT" in dry.output
    gone = run("remove", str(ARTICLES[1]), "--store", str(store))
    assert gone.exit_code == 0 and "1 removed" in gone.output
    empty = run("query", str(store), "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--format", "csv")
    assert empty.output.splitlines() == ["n", "0"]
    missing = run("remove", str(ARTICLES[1]), "--store", str(store))
    assert missing.exit_code == 2
    assert missing.output.strip() == f"Error: {ARTICLES[1]}: no such article in the store {store}"


def test_cli_build_store_and_bad_store_paths(tmp_path):
    store = tmp_path / "corpus"
    built = run("build", str(ARTICLES[1]), "--store", str(store))
    assert built.exit_code == 0 and "1 added" in built.output and is_store(store)
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "a.txt").write_text("x")
    bad = run("add", str(ARTICLES[1]), "--store", str(tmp_path / "notes"))
    assert bad.exit_code == 2 and "not a newsgraph store and not empty" in bad.output
    nothing = run("query", "--store", str(tmp_path / "nowhere"), "ASK {}")
    assert nothing.exit_code == 2 and "no such" in nothing.output


def _person_article(article_id: str, name: str, aliases: set[str]):
    from newsgraph.model import Article, ArticleExtraction, Entity, Statement

    text = f"{name} spoke."
    person = Entity(f"Person:{name.lower().replace(' ', '-')}", "Person", name, aliases)
    place = Entity("Place:varnost", "Place", "Varnost")
    return ArticleExtraction(Article(id=article_id, path=f"/news/{article_id}.txt", text=text), [(0, len(text))],
                             {person.key: person, place.key: place},
                             [Statement(person.key, "locatedIn", place.key, 0, None)])


def test_names_from_earlier_articles_resolve_later_ones_after_reopening(tmp_path):
    store_dir = tmp_path / "store"
    with CorpusStore.open(store_dir, create=True) as store:
        store.add([_person_article("a1", "Ilya Ponomarev", {"Ponomarev"})])
    with CorpusStore.open(store_dir) as store:  # a new process: resolution replays the records
        store.add([_person_article("a2", "Ponomarev", set()), _person_article("a3", "Ilya Ponomariov", set())])
        rows = list(store.oxigraph.query(
            "SELECT DISTINCT ?p WHERE { ?p a <https://w3id.org/newsgraph/ontology#Person> }",
            use_default_graph_as_union=True))
        names = {q.object.value for q in store.oxigraph.quads_for_pattern(
            rows[0]["p"], pyoxigraph.NamedNode("http://www.w3.org/2004/02/skos/core#altLabel"), None, None)}
    assert [r["p"].value for r in rows] == ["https://w3id.org/newsgraph/id/person/ilya-ponomarev"]
    assert names == {"Ponomarev", "Ilya Ponomariov"}


# --------------------------------------------------------------------------- faults


def _newsgraph(*args: str) -> list[str]:
    import sys

    return [sys.executable, "-m", "newsgraph.cli", *args]


def _consistent_state(store_dir: Path, tmp_path: Path) -> bytes:
    """Open the store as a new process would (dropping leftovers) and return its quads."""
    with CorpusStore.open(store_dir) as store:
        assert store.article_graphs() == {r.graph for r in store.records}
    return nquads(store_dir, tmp_path)


@pytest.mark.slow
def test_kill_9_during_add_leaves_the_previous_or_the_new_store(one_by_one, tmp_path):
    import os
    import signal
    import subprocess
    import time

    base = tmp_path / "base"
    with CorpusStore.open(base, create=True):
        pass
    run("add", str(ARTICLES[0]), "--store", str(base))
    before = nquads(base, tmp_path)
    clean = tmp_path / "clean"
    shutil.copytree(base, clean)
    started = time.monotonic()
    subprocess.run(_newsgraph("add", str(ARTICLES[1]), str(ARTICLES[2]), "--store", str(clean)), check=True,
                   capture_output=True)
    duration = time.monotonic() - started
    after = nquads(clean, tmp_path)
    outcomes = []
    for fraction in (0.5, 0.85, 0.95, 1.0):
        victim = tmp_path / f"victim-{fraction}"
        shutil.copytree(base, victim)
        process = subprocess.Popen(_newsgraph("add", str(ARTICLES[1]), str(ARTICLES[2]), "--store", str(victim)),
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(duration * fraction)
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        state = _consistent_state(victim, tmp_path)
        assert state in (before, after)
        outcomes.append(state == after)
        rerun = subprocess.run(_newsgraph("add", str(ARTICLES[1]), str(ARTICLES[2]), "--store", str(victim)),
                               capture_output=True, text=True)
        assert rerun.returncode == 0, rerun.stderr
        assert nquads(victim, tmp_path) == after
    assert not all(outcomes)  # at least one kill landed before the commit


@pytest.mark.slow
def test_a_second_build_into_a_busy_store_fails_clearly_and_changes_nothing(one_by_one, tmp_path):
    import subprocess

    before = nquads(one_by_one, tmp_path)
    with CorpusStore.open(one_by_one, write=False):
        for args in (("add", str(ARTICLES[1])), ("build", str(ARTICLES[1])), ("remove", str(ARTICLES[1]))):
            result = subprocess.run(_newsgraph(*args, "--store", str(one_by_one)), capture_output=True, text=True)
            assert result.returncode == 2
            assert result.stderr.strip().endswith("try again when it has finished")
            assert "Traceback" not in result.stderr
    assert nquads(one_by_one, tmp_path) == before


@pytest.mark.slow
def test_two_builds_racing_for_one_store_never_corrupt_it(tmp_path):
    import subprocess

    store_dir = tmp_path / "store"
    racers = [subprocess.Popen(_newsgraph("add", str(article), "--store", str(store_dir)),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
              for article in ARTICLES[1:]]
    results = [(p.wait(), p.stderr.read()) for p in racers]
    assert all(code == 0 or "in use by another newsgraph process" in err for code, err in results), results
    assert any(code == 0 for code, _ in results)
    with CorpusStore.open(store_dir) as store:
        assert len(store.records) == sum(code == 0 for code, _ in results)
        assert store.article_graphs() == {r.graph for r in store.records}


def test_a_build_killed_between_moving_the_old_store_aside_and_the_new_one_in(one_by_one, tmp_path):
    copy = tmp_path / "corpus"
    shutil.copytree(one_by_one, copy)
    before = nquads(copy, tmp_path)
    aside = tmp_path / ".corpus.old-x1"
    aside.mkdir()
    copy.rename(aside / "store")
    (tmp_path / ".corpus.building-x2").mkdir()
    with CorpusStore.open(copy) as store:
        assert len(store.records) == 3
    assert nquads(copy, tmp_path) == before
    assert not aside.exists() and not (tmp_path / ".corpus.building-x2").exists()


@pytest.mark.parametrize("fmt", ["trig", "nq", "jsonld", "turtle", "nt", "xml"])
def test_every_export_format_of_a_store_re_imports_with_the_same_triples(one_by_one, tmp_path, fmt):
    from newsgraph.rdfio import WRITABLE, load_store

    out = tmp_path / f"corpus{WRITABLE[fmt].suffix}"
    export_store(one_by_one, fmt, out)
    with CorpusStore.open(one_by_one, write=False) as store:
        quads = {str(q) for q in store.quads()}
        triples = {str(pyoxigraph.Triple(q.subject, q.predicate, q.object)) for q in store.quads()}
    loaded = load_store(out)
    if WRITABLE[fmt].quads:
        assert {str(q) for q in loaded} == quads
    else:
        assert {str(pyoxigraph.Triple(q.subject, q.predicate, q.object)) for q in loaded} == triples


# --------------------------------------------------------------------------- scoped inference


def _without_global_measures(store_dir: Path) -> list[str]:
    global_measures = {"https://w3id.org/newsgraph/ontology#pagerank", "https://w3id.org/newsgraph/ontology#betweenness"}
    with CorpusStore.open(store_dir, write=False) as store:
        return sorted(str(q) for q in store.quads() if q.predicate.value not in global_measures)


@pytest.fixture(scope="module")
def all_extractions(nlp):
    paths = [ARTICLES[0], *sorted((ROOT / "tests" / "data" / "articles").iterdir())]
    return list(extract_articles([read_article(p) for p in paths]))


@pytest.mark.slow
def test_inference_scoped_to_each_change_equals_inference_over_the_whole_store(all_extractions, tmp_path):
    """Adds and removes into a store that refreshes inference around each change only, and into
    one that recomputes it everywhere: after every step they hold the same quads, but for the
    global PageRank and betweenness, which the scoped store refreshes only now and then."""
    steps = [("add", [ex]) for ex in all_extractions]
    steps += [("remove", [all_extractions[3]]), ("remove", [all_extractions[0]]), ("add", [all_extractions[3]])]
    scoped_dir, full_dir = tmp_path / "scoped", tmp_path / "full"
    scoped_steps = 0
    for action, extractions in steps:
        for store_dir, scoped in ((scoped_dir, True), (full_dir, False)):
            with CorpusStore.open(store_dir, create=True) as store:
                store.scoped_from = 0 if scoped else 10**12
                store.REFRESH_GROWTH = 10**6
                if action == "add":
                    change = store.add(extractions)
                else:
                    change = store.remove([ex.article.id for ex in extractions])
                scoped_steps += scoped and not hasattr(change.inference, "metrics")
        assert _without_global_measures(scoped_dir) == _without_global_measures(full_dir), (action, extractions[0].article.path)
    assert scoped_steps == len(steps) - 1  # all but the first, which finds no earlier full inference
    with CorpusStore.open(scoped_dir) as store:
        store.refresh_inference()
    assert nquads(scoped_dir, tmp_path) == nquads(full_dir, tmp_path)


def _article(article_id: str, *facts):
    """A hand-made extraction: facts are (subject, predicate, object[, source[, denied]]), where
    entities are "Class:Label" and counts are ints."""
    from newsgraph.model import Article, ArticleExtraction, Entity, Literal, Statement

    entities: dict[str, Entity] = {}

    def key(ref: str) -> str:
        cls, label = ref.split(":")
        local = f"{cls}:{label.lower().replace(' ', '-')}"
        if cls == "Attack":
            place = key("Place:" + label)
            entities.setdefault(local, Entity(local, "Attack", f"attack in {label}", place=place, when="2024-05-01"))
        else:
            entities.setdefault(local, Entity(local, cls, label))
        return local

    statements = []
    for subject, predicate, obj, *rest in facts:
        target = Literal(str(obj), "count") if isinstance(obj, int) else key(obj)
        source = key(rest[0]) if rest and rest[0] else None
        statements.append(Statement(key(subject), predicate, target, 0, source, denied=len(rest) > 1 and rest[1]))
    text = f"Article {article_id}."
    return ArticleExtraction(Article(id=article_id, path=f"/news/{article_id}.txt", text=text), [(0, len(text))],
                             entities, statements)


CROSS_ARTICLE = [
    _article("a01", ("Person:Pavel Orlik", "participatedIn", "Attack:Varnost")),
    _article("a02", ("Person:Pavel Orlik", "memberOf", "ArmedGroup:Grey Wolves")),
    _article("a03", ("ArmedGroup:Grey Wolves", "foundedBy", "Person:Fedor Kann")),
    _article("a04", ("Person:Hanna Vell", "leaderOf", "ArmedGroup:Grey Wolves")),
    _article("a05", ("ArmedGroup:Grey Wolves", "claimedResponsibilityFor", "Attack:Varnost", "NewsSource:Daily Post")),
    _article("a06", ("ArmedGroup:Grey Wolves", "participatedIn", "Attack:Varnost", "ArmedGroup:Grey Wolves", True)),
    _article("a07", ("ArmedGroup:Iron Unit", "operatesUnderCommandOf", "ArmedGroup:Grey Wolves")),
    _article("a08", ("ArmedGroup:Grey Wolves", "operatesUnderCommandOf", "ArmedGroup:Northern Army")),
    _article("a09", ("Attack:Varnost", "killed", 5, "NewsSource:Daily Post")),
    _article("a10", ("Attack:Varnost", "killed", 7, "NewsSource:Evening Star")),
    _article("a11", ("ArmedGroup:Iron Unit", "alliedWith", "ArmedGroup:Red Hand")),
    _article("a12", ("Person:Fedor Kann", "leaderOf", "ArmedGroup:Grey Wolves", "NewsSource:Daily Post", True)),
]


@pytest.mark.slow
def test_scoped_inference_follows_facts_that_meet_across_articles(tmp_path):
    steps = [("add", ex) for ex in CROSS_ARTICLE] + [("remove", CROSS_ARTICLE[i]) for i in (1, 3, 7, 5, 11)]
    steps += [("add", CROSS_ARTICLE[i]) for i in (7, 1)]
    scoped_dir, full_dir = tmp_path / "scoped", tmp_path / "full"
    for action, extraction in steps:
        for store_dir, scoped in ((scoped_dir, True), (full_dir, False)):
            with CorpusStore.open(store_dir, create=True) as store:
                store.scoped_from = 0 if scoped else 10**12
                store.REFRESH_GROWTH = 10**6
                store.add([extraction]) if action == "add" else store.remove([extraction.article.id])
        assert _without_global_measures(scoped_dir) == _without_global_measures(full_dir), (action, extraction.article.id)
    with CorpusStore.open(full_dir, write=False) as store:
        inferred = {(q.subject.value.rsplit("/", 1)[-1], q.predicate.value.rsplit("#", 1)[-1], q.object.value)
                    for q in store.oxigraph.quads_for_pattern(None, None, None, NamedNode(str(INFERRED_GRAPH)))}
    assert ("varnost-2024-05", "attributedTo", "https://w3id.org/newsgraph/id/armed-group/grey-wolves") in inferred
    assert ("iron-unit", "operatesUnderCommandOf", "https://w3id.org/newsgraph/id/armed-group/northern-army") in inferred
    from newsgraph.validate import validate_dataset

    with CorpusStore.open(scoped_dir, write=False) as store:
        conforms, violations = validate_dataset(store.dataset())
    assert conforms, violations[:3]


def test_the_catalogue_saves_replaying_records_and_a_stale_one_is_ignored(tmp_path):
    with_catalogue, without = tmp_path / "with", tmp_path / "without"
    for store_dir in (with_catalogue, without):
        for extraction in CROSS_ARTICLE[:6]:
            with CorpusStore.open(store_dir, create=True) as store:
                store.add([extraction])
    (without / "catalogue.json").unlink()
    stale = tmp_path / "stale"
    shutil.copytree(with_catalogue, stale)
    with CorpusStore.open(stale) as store:  # a catalogue saved before the last record
        store.remove([CROSS_ARTICLE[5].article.id])
    for store_dir in (with_catalogue, without, stale):
        with CorpusStore.open(store_dir) as store:
            store.add(CROSS_ARTICLE[5:9])
    assert nquads(with_catalogue, tmp_path) == nquads(without, tmp_path) == nquads(stale, tmp_path)
    with CorpusStore.open(with_catalogue) as store:
        assert all(r.entities is None for r in store.records)  # read from the catalogue alone
