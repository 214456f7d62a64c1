"""RDF files (newsgraph.rdfio): every format round-trips and both engines read it; writes are atomic."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from click.testing import CliRunner
from rdflib import Dataset
from rdflib.compare import isomorphic

from newsgraph.errors import GraphLoadError
from newsgraph.namespaces import INFERRED_GRAPH, article_graph
from newsgraph.cli import cli
from newsgraph.rdfio import (FORMATS, WRITABLE, format_for_suffix, load_dataset, load_store, serialize_dataset,
                            union_graph, write_atomically)

TRIG = """
@prefix ng: <https://w3id.org/newsgraph/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix person: <https://w3id.org/newsgraph/id/person/> .
@prefix group: <https://w3id.org/newsgraph/id/armed-group/> .
@prefix attack: <https://w3id.org/newsgraph/id/attack/> .

<https://w3id.org/newsgraph/id/graph/article/abc> {
  person:denis-ivanov a ng:Person ; rdfs:label "Denis Ivanov" ;
      skos:altLabel "Ivanov" , "Денис Иванов"@ru ;
      ng:leaderOf group:northern-liberation-front .
  group:northern-liberation-front a ng:ArmedGroup ; rdfs:label "Northern \\"Liberation\\" Front" ;
      ng:foundedOn "2014"^^xsd:gYear ; ng:claimedResponsibilityFor attack:tal-marwan-2024-05 .
  attack:tal-marwan-2024-05 a ng:Attack ; ng:killed "5"^^xsd:integer ;
      ng:occurredOn "2024-05-31"^^xsd:date .
}
<https://w3id.org/newsgraph/id/graph/inferred> {
  attack:tal-marwan-2024-05 ng:attributedTo group:northern-liberation-front .
}
"""
GRAPHS = {str(article_graph("abc")), str(INFERRED_GRAPH)}
# How to read back each output format (WRITABLE names the serialiser, which may be a custom one).
PARSERS = {"trig": "trig", "turtle": "turtle", "nt": "nt", "nq": "nquads", "jsonld": "json-ld", "xml": "xml"}


def dataset(data: str = TRIG) -> Dataset:
    ds = Dataset()
    ds.parse(data=data, format="trig")
    return ds


def named_graphs(ds: Dataset) -> dict[str, int]:
    return {str(g.identifier): len(g) for g in ds.graphs() if len(g)}


def copied(ds: Dataset, reverse: bool) -> Dataset:
    """The same quads added to a fresh dataset in sorted or reverse-sorted order."""
    other = Dataset()
    for s, p, o, g in sorted(ds.quads((None, None, None, None)), key=str, reverse=reverse):
        other.graph(getattr(g, "identifier", g)).add((s, p, o))
    return other


def test_parsers_cover_every_format():
    assert set(PARSERS) == set(WRITABLE)


@pytest.mark.parametrize("fmt", sorted(WRITABLE))
def test_every_format_round_trips(fmt):
    ds = dataset()
    quads = WRITABLE[fmt].quads
    back = Dataset()
    back.parse(data=serialize_dataset(ds, fmt), format=PARSERS[fmt])
    assert isomorphic(union_graph(back), union_graph(ds))
    if quads:
        assert named_graphs(back) == named_graphs(ds)
        assert set(named_graphs(back)) == GRAPHS


@pytest.mark.parametrize("fmt", sorted(WRITABLE))
def test_load_dataset_reads_every_format_by_suffix(tmp_path, fmt):
    ds = dataset()
    suffix, quads = WRITABLE[fmt].suffix, WRITABLE[fmt].quads
    path = tmp_path / f"graph{suffix}"
    path.write_bytes(serialize_dataset(ds, fmt))
    back = load_dataset(path)
    assert isomorphic(union_graph(back), union_graph(ds))
    if quads:
        assert set(named_graphs(back)) == GRAPHS


@pytest.mark.parametrize("fmt", ["nt", "nq"])
def test_line_formats_are_sorted_and_deterministic(fmt):
    ds = dataset()
    data = serialize_dataset(ds, fmt)
    assert data == serialize_dataset(ds, fmt)
    # The same triples added in another order serialise to the same bytes.
    assert serialize_dataset(copied(ds, reverse=True), fmt) == data
    lines = data.decode("utf-8").splitlines()
    assert lines == sorted(lines) and all(lines)
    assert data.endswith(b"\n")


@pytest.mark.parametrize("fmt", ["trig", "turtle", "jsonld", "xml"])
def test_structured_output_does_not_depend_on_insertion_order(fmt):
    ds = dataset()
    forward, backward = copied(ds, reverse=False), copied(ds, reverse=True)
    assert serialize_dataset(backward, fmt) == serialize_dataset(forward, fmt)


_SERIALISE_ALL = """
import sys
from rdflib import Dataset
from newsgraph.rdfio import WRITABLE, serialize_dataset
ds = Dataset()
ds.parse(data=sys.stdin.read(), format="trig")
for fmt in sorted(WRITABLE):
    sys.stdout.buffer.write(serialize_dataset(ds, fmt) + b"\\n=====\\n")
"""


def test_output_is_byte_identical_across_processes():
    # Store order follows string hashes, which differ between processes (PYTHONHASHSEED).
    outputs = set()
    for seed in ("1", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run([sys.executable, "-c", _SERIALISE_ALL], input=TRIG.encode("utf-8"),
                             capture_output=True, env=env, check=True)
        outputs.add(run.stdout)
    assert len(outputs) == 1


def test_nquads_keeps_graph_names_and_union_formats_merge_them():
    ds = dataset()
    nq = serialize_dataset(ds, "nq").decode("utf-8")
    assert f"<{INFERRED_GRAPH}> ." in nq
    nt = serialize_dataset(ds, "nt").decode("utf-8")
    assert str(INFERRED_GRAPH) not in nt
    assert len(nt.splitlines()) == len(union_graph(ds))


def test_write_atomically_writes_every_file_and_leaves_no_temp_files(tmp_path):
    out = tmp_path / "out" / "nested"
    outputs = {out / "graph.trig": b"trig bytes", out / "graph.ttl": b"ttl bytes"}
    write_atomically(outputs)
    written = {p.name: p.read_bytes() for p in out.iterdir()}
    assert written == {"graph.trig": b"trig bytes", "graph.ttl": b"ttl bytes"}
    write_atomically({out / "graph.trig": b"new"})
    assert (out / "graph.trig").read_bytes() == b"new"
    assert sorted(os.listdir(out)) == ["graph.trig", "graph.ttl"]


def test_outputs_get_ordinary_file_modes_and_keep_the_mode_they_had(tmp_path):
    umask = os.umask(0o022)
    try:
        write_atomically({tmp_path / "new.trig": b"new"})
        (tmp_path / "kept.trig").write_bytes(b"old")
        (tmp_path / "kept.trig").chmod(0o640)
        write_atomically({tmp_path / "kept.trig": b"replaced"})
    finally:
        os.umask(umask)
    assert oct((tmp_path / "new.trig").stat().st_mode & 0o777) == oct(0o644)
    assert oct((tmp_path / "kept.trig").stat().st_mode & 0o777) == oct(0o640)


def test_failed_staging_leaves_existing_files_unchanged(tmp_path):
    (tmp_path / "graph.trig").write_bytes(b"old trig")
    (tmp_path / "blocker").write_text("a file where a folder is needed")
    with pytest.raises(OSError):
        write_atomically({tmp_path / "graph.trig": b"new trig",
                          tmp_path / "blocker" / "graph.ttl": b"new ttl"})
    assert (tmp_path / "graph.trig").read_bytes() == b"old trig"
    assert sorted(os.listdir(tmp_path)) == ["blocker", "graph.trig"]


def test_target_that_is_a_directory_fails_without_temp_files(tmp_path):
    (tmp_path / "graph.ttl").mkdir()
    (tmp_path / "graph.trig").write_bytes(b"old trig")
    with pytest.raises(OSError):
        write_atomically({tmp_path / "graph.ttl": b"new ttl", tmp_path / "graph.trig": b"new trig"})
    assert (tmp_path / "graph.trig").read_bytes() == b"old trig"
    assert sorted(os.listdir(tmp_path)) == ["graph.trig", "graph.ttl"]


def test_failed_move_leaves_earlier_outputs_unchanged(tmp_path):
    (tmp_path / "graph.trig").write_bytes(b"old trig")
    (tmp_path / "graph.ttl").mkdir()
    with pytest.raises(OSError):
        write_atomically({tmp_path / "graph.trig": b"new trig", tmp_path / "graph.ttl": b"new ttl"})
    assert (tmp_path / "graph.trig").read_bytes() == b"old trig"


def test_load_missing_file(tmp_path):
    with pytest.raises(GraphLoadError, match="no such graph file"):
        load_dataset(tmp_path / "nope.trig")


def test_load_folder_is_not_a_graph_file(tmp_path):
    with pytest.raises(GraphLoadError, match="no such graph file"):
        load_dataset(tmp_path)


def test_load_malformed_trig_names_the_file(tmp_path):
    path = tmp_path / "broken.trig"
    path.write_text("<https://example.org/a> <https://example.org/b> .", encoding="utf-8")
    with pytest.raises(GraphLoadError) as err:
        load_dataset(path)
    assert str(path) in str(err.value)
    assert "trig" in str(err.value)


def test_load_unknown_suffix(tmp_path):
    path = tmp_path / "graph.csv"
    path.write_text("a,b,c", encoding="utf-8")
    with pytest.raises(GraphLoadError, match="unknown graph format"):
        load_dataset(path)


@pytest.mark.parametrize("fmt", ["jsonld", "xml"])
def test_own_writers_keep_awkward_literals_and_blank_nodes(fmt):
    ds = Dataset()
    ds.parse(data="""
        @prefix ng: <https://w3id.org/newsgraph/ontology#> .
        <https://w3id.org/newsgraph/id/graph/article/x> {
            <https://w3id.org/newsgraph/id/claim/c> ng:sentence "a \\"quote\\" & <tag>\\r\\nnext line" ;
                ng:title "Überfall"@de , "7"^^<http://www.w3.org/2001/XMLSchema#integer> ;
                ng:evidence [ ng:rule "nested" ] .
        }""", format="trig")
    back = Dataset()
    back.parse(data=serialize_dataset(ds, fmt), format=PARSERS[fmt])
    assert isomorphic(union_graph(back), union_graph(ds))


def test_written_files_get_ordinary_permissions_or_keep_the_replaced_files(tmp_path):
    import os

    umask = os.umask(0o022)
    try:
        write_atomically({tmp_path / "graph.trig": b"new"})
        assert (tmp_path / "graph.trig").stat().st_mode & 0o777 == 0o644
        (tmp_path / "graph.trig").chmod(0o640)
        write_atomically({tmp_path / "graph.trig": b"newer"})
        assert (tmp_path / "graph.trig").stat().st_mode & 0o777 == 0o640
    finally:
        os.umask(umask)


@pytest.mark.parametrize("suffix", sorted(s for f in FORMATS.values() for s in f.suffixes))
def test_both_engines_read_every_suffix_of_the_format_table(tmp_path, suffix):
    fmt = format_for_suffix(suffix)
    written = WRITABLE.get(fmt.name, WRITABLE["turtle"])  # N3 is read only: Turtle is N3
    path = tmp_path / f"graph{suffix}"
    path.write_bytes(serialize_dataset(dataset(), written.name))
    assert len(union_graph(load_dataset(path))) == len(load_store(path)) or written.quads


@pytest.mark.parametrize("suffix", [".turtle", ".n3"])
def test_validate_and_export_read_what_query_reads(tmp_path, suffix):
    # The suffix tables of query and of the other commands had drifted: these exited 2.
    path = tmp_path / f"graph{suffix}"
    path.write_bytes(serialize_dataset(dataset(), "turtle"))
    runner = CliRunner()
    assert runner.invoke(cli, ["query", str(path), "ASK { ?s ?p ?o }"]).output == "true\n"
    exported = runner.invoke(cli, ["export", str(path), "--format", "nt"])
    assert exported.exit_code == 0, exported.output
    assert exported.output.count(" .\n") == len(union_graph(dataset()))
    assert runner.invoke(cli, ["validate", str(path)]).exit_code in (0, 1)
