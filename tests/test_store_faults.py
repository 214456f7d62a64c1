"""Faults the store and the exports must survive (issue 15): a deleted lock file, damaged database
files, a missing database, a file where a store folder should be, records of the wrong types, a
full disk, output names that leave the output folder, text that breaks line-based or XML formats,
and graph files rdflib reads but RDF does not allow."""

from __future__ import annotations

import errno
import io
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph
import pytest
from click.testing import CliRunner
from rdflib import Dataset, Literal, URIRef

from newsgraph.cli import cli
from newsgraph.corpus_store import CorpusStore, build_store, export_store
from newsgraph.errors import OutputError, StoreError
from newsgraph.model import Article, ArticleExtraction, Entity, Statement
from newsgraph.rdfio import FORMATS, WRITABLE, serialize_dataset, sorted_ntriples

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ROOT / "tests" / "data" / "articles" / "001_mali-kerdoumbe-market-attack.txt"
OTHER = ROOT / "tests" / "data" / "articles" / "009_ukraine-hlybokyi-brid-volunteer-battalion.txt"


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def one_error_line(result) -> str:
    """The command failed with exit 2 and one line ``Error: ...``, no traceback."""
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.output
    return lines[0]


def quads(store: Path) -> list[str]:
    out = io.BytesIO()
    export_store(store, "nq", out)
    return sorted(out.getvalue().decode("utf-8").splitlines())


def files(store: Path) -> dict[str, bytes]:
    """What a store keeps, less the database's own log (which opening it may write)."""
    return {str(p.relative_to(store)): p.read_bytes() for p in sorted(store.rglob("*"))
            if p.is_file() and not p.name.startswith("LOG")}


@pytest.fixture(scope="module")
def stored(tmp_path_factory, nlp) -> Path:
    """A store of one article (built once; tests change copies of it)."""
    path = tmp_path_factory.mktemp("faults") / "corpus"
    assert run("add", str(ARTICLE), "--store", str(path)).exit_code == 0
    return path


@pytest.fixture
def store(stored, tmp_path) -> Path:
    copy = tmp_path / "corpus"
    shutil.copytree(stored, copy)
    return copy


# --------------------------------------------------------------------------- H4: locking


def test_a_deleted_lock_file_does_not_let_a_second_writer_or_a_build_in(store, tmp_path):
    before = quads(store)
    with CorpusStore.open(store) as writing:
        (tmp_path / ".corpus.lock").unlink()  # it stays after every run and looks stale
        with pytest.raises(StoreError, match="in use by another newsgraph process"):
            CorpusStore.open(store)
        with pytest.raises(StoreError, match="in use by another newsgraph process"):
            build_store(store, [])
        assert len(writing.records) == 1
    assert quads(store) == before


def _holds_flock(pid: int, folder: Path) -> bool:
    """Whether process ``pid`` holds an exclusive flock on ``folder`` (from /proc/locks)."""
    inode = os.stat(folder).st_ino
    for line in Path("/proc/locks").read_text().splitlines():
        fields = line.split()
        if "FLOCK" in fields and "WRITE" in fields and str(pid) in fields \
                and any(f.endswith(f":{inode}") for f in fields):
            return True
    return False


def test_deleting_the_lock_while_add_runs_then_build_store_is_refused_and_the_store_survives(store, tmp_path):
    newsgraph = [sys.executable, "-m", "newsgraph.cli"]
    adding = subprocess.Popen([*newsgraph, "add", str(OTHER), "--store", str(store)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while not _holds_flock(adding.pid, store):
            assert adding.poll() is None and time.monotonic() < deadline, "add never locked the store"
            time.sleep(0.02)
        os.kill(adding.pid, signal.SIGSTOP)  # hold add in the middle of its run
        (tmp_path / ".corpus.lock").unlink()
        building = subprocess.run([*newsgraph, "build", str(ARTICLE), "--store", str(store)],
                                  capture_output=True, text=True)
    finally:
        os.kill(adding.pid, signal.SIGCONT)
    out, err = adding.communicate(timeout=300)
    assert building.returncode == 2, building.stderr
    lines = building.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0] == (f"Error: {store}: the store is in use by another newsgraph process "
                                            "(reading or writing it); try again when it has finished")
    assert adding.returncode == 0, err
    assert "1 added; 2 articles stored" in out
    with CorpusStore.open(store) as corpus:
        assert len(corpus.records) == 2 and corpus.article_graphs() == {r.graph for r in corpus.records}
    answer = run("query", "--store", str(store), "SELECT (COUNT(*) AS ?n) WHERE { ?a a ng:Article }",
                 "--format", "csv")
    assert answer.exit_code == 0 and answer.output.splitlines() == ["n", "2"]


# --------------------------------------------------------------------------- L1, L4, L11: damage


def _truncate_largest_sst(store: Path) -> None:
    largest = max((store / "oxigraph").glob("*.sst"), key=lambda p: p.stat().st_size)
    os.truncate(largest, 100)


def _garbage_current(store: Path) -> None:
    (store / "oxigraph" / "CURRENT").write_bytes(b"garbage\n")


def _truncate_manifest(store: Path) -> None:
    os.truncate(next((store / "oxigraph").glob("MANIFEST-*")), 50)


@pytest.mark.parametrize("damage", [_truncate_largest_sst, _garbage_current, _truncate_manifest])
@pytest.mark.parametrize("command", ["query", "add", "export", "remove", "validate"])
def test_damaged_database_files_give_one_line_naming_the_store_and_the_remedy(store, tmp_path, damage, command):
    damage(store)
    before = files(store)
    args = {"query": ["query", "--store", str(store), "ASK { ?s ?p ?o }"],
            "add": ["add", str(OTHER), "--store", str(store)],
            "export": ["export", "--store", str(store), "--format", "nq", "-o", str(tmp_path / "x.nq")],
            "remove": ["remove", str(ARTICLE), "--store", str(store)],
            "validate": ["validate", str(store)]}[command]
    line = one_error_line(run(*args))
    assert line.startswith(f"Error: {store}: the store is damaged (Corruption: ")
    assert line.endswith(f"rebuild it from its articles with `newsgraph build ARTICLES... --store {store}`")
    assert files(store) == before  # nothing deleted, nothing "repaired"


def test_add_to_a_store_whose_database_folder_is_gone_refuses_and_deletes_nothing(store):
    shutil.rmtree(store / "oxigraph")
    before = files(store)
    for args in (("add", str(OTHER)), ("remove", str(ARTICLE))):
        line = one_error_line(run(*args, "--store", str(store)))
        assert line == (f"Error: {store}: the store is damaged (its database folder oxigraph/ is missing); "
                        f"rebuild it from its articles with `newsgraph build ARTICLES... --store {store}`")
    assert files(store) == before and not (store / "oxigraph").exists()
    assert len(list((store / "records").glob("*.json"))) == 1


def test_a_regular_file_given_as_store_is_refused_in_one_line(tmp_path):
    notes = tmp_path / "notes"
    notes.write_text("not a store")
    for args in (("add", str(ARTICLE)), ("build", str(ARTICLE)), ("remove", str(ARTICLE))):
        line = one_error_line(run(*args, "--store", str(notes)))
        assert line == f"Error: {notes}: not a store folder (it is a file); choose a folder"
    assert notes.read_text() == "not a store"


@pytest.mark.parametrize("edit", [
    lambda record: [record],  # a list where an object is expected
    lambda record: {**record, "seq": "1"},
    lambda record: {**record, "entities": {"key": "x"}},
    lambda record: {**record, "entities": [["Person:x", "Person"]]},
    lambda record: {**record, "mapping": [1]},
    lambda record: {**record, "corpus": {"Person:x": {"key": "Person:x", "cls": "Person", "label": 7}}},
])
def test_records_of_the_wrong_types_give_one_line_naming_the_file(store, edit):
    import json

    (store / "catalogue.json").unlink()  # or the catalogue stands in for the records
    record = next((store / "records").glob("*.json"))
    record.write_text(json.dumps(edit(json.loads(record.read_text()))))
    line = one_error_line(run("add", str(OTHER), "--store", str(store)))
    assert line.startswith(f"Error: {record}: damaged article record (")
    assert line.endswith("rebuild the store from its articles with `newsgraph build ARTICLES... --store DIR`")


# --------------------------------------------------------------------------- L2, L3: a full disk


class _FullDisk:
    """An Oxigraph store on a full disk: writing fails with ENOSPC, and so does the flush that
    closing the store does (which once replaced the first, clean error with a traceback)."""

    opened: list[_FullDisk] = []

    def __init__(self, path: str, fail_updates: bool = True):
        self._store = pyoxigraph.Store(path)
        self._fail_updates = fail_updates
        self.opened.append(self)

    @classmethod
    def close_all(cls) -> None:
        """Close the databases (a failed command's traceback may still hold a proxy; a process
        would have exited)."""
        import gc

        while cls.opened:
            del cls.opened.pop()._store
        gc.collect()

    def update(self, *args, **kwargs):
        if self._fail_updates:
            raise OSError("IO error: No space left on device: While appending to file: x.log")
        return self._store.update(*args, **kwargs)

    def flush(self):
        raise OSError("IO error: No space left on device: While appending to file: 000043.sst")

    def __getattr__(self, name):
        return getattr(self._store, name)


def _no_space(*_args):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_a_full_disk_during_add_says_the_store_is_unchanged(store, monkeypatch):
    import newsgraph.corpus_store.files as store_files  # where the store's database is opened

    before, records = quads(store), files(store / "records")
    monkeypatch.setattr(store_files, "Store", _FullDisk)
    line = one_error_line(run("add", str(OTHER), "--store", str(store)))
    assert line == (f"Error: {store}: could not write the store (IO error: No space left on device: While "
                    "appending to file: x.log); the store is unchanged")
    monkeypatch.undo()
    _FullDisk.close_all()
    assert quads(store) == before and files(store / "records") == records  # no record left behind


def test_a_full_disk_writing_a_record_says_the_store_is_unchanged(store, monkeypatch):
    before, records = quads(store), files(store / "records")
    monkeypatch.setattr(os, "fsync", _no_space)
    line = one_error_line(run("add", str(OTHER), "--store", str(store)))
    monkeypatch.undo()
    assert line == f"Error: {store}: could not write the store (No space left on device); the store is unchanged"
    assert quads(store) == before and files(store / "records") == records
    assert not [p for p in (store / "records").iterdir() if p.name.startswith(".")]


def test_a_full_disk_after_the_change_was_committed_says_so(store, monkeypatch):
    import newsgraph.corpus_store.files as store_files  # where the store's database is opened

    monkeypatch.setattr(store_files, "Store", lambda path: _FullDisk(path, fail_updates=False))
    line = one_error_line(run("add", str(OTHER), "--store", str(store)))
    monkeypatch.undo()
    _FullDisk.close_all()
    assert line.startswith(f"Error: {store}: the change was saved, but the database could not finish writing")
    assert line.endswith("free disk space before the next change")
    with CorpusStore.open(store, write=False) as corpus:  # the article is in
        assert len(corpus.article_graphs()) == 2


def test_a_full_disk_during_build_store_keeps_the_old_store_and_no_staging(store, tmp_path, monkeypatch):
    import newsgraph.corpus_store.bulk as bulk

    before = quads(store)
    monkeypatch.setattr(bulk, "Store", _FullDisk)
    line = one_error_line(run("build", str(OTHER), "--store", str(store)))
    monkeypatch.undo()
    _FullDisk.close_all()
    assert line == (f"Error: {store}: could not write the new store (IO error: No space left on device: While "
                    f"appending to file: x.log); the store {store} is unchanged")
    assert quads(store) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".corpus")) == [".corpus.lock"]


def test_a_full_disk_writing_the_page_leaves_the_previous_build_and_no_temporary(tmp_path, monkeypatch, nlp):
    out = tmp_path / "graphs"
    assert run("build", str(ARTICLE), "-o", str(out)).exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        if ".graph.html." in os.readlink(f"/proc/self/fd/{fd}"):
            _no_space()
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    line = one_error_line(run("build", str(OTHER), "-o", str(out)))
    monkeypatch.undo()
    assert line.endswith("cannot write (No space left on device); previous outputs kept")
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # no hidden .graph.html.PID.* left


def test_a_full_disk_during_a_streamed_export_is_one_line_and_leaves_no_file(store, tmp_path, monkeypatch):
    monkeypatch.setattr(os, "fsync", _no_space)
    line = one_error_line(run("export", "--store", str(store), "--format", "nq", "-o", str(tmp_path / "c.nq")))
    assert line == f"Error: {tmp_path / 'c.nq'}: cannot write (No space left on device); previous outputs kept"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith((".c.nq", "c.nq"))]


@pytest.fixture
def tiny_disk(tmp_path):
    """A 4 MB tmpfs (root only; skipped where mounting is not allowed)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mount)],
                                           capture_output=True).returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


@pytest.mark.slow
def test_a_really_full_disk_during_add_is_one_line_and_the_store_survives(stored, tiny_disk):
    newsgraph = [sys.executable, "-m", "newsgraph.cli"]
    failures = []
    for room_kb in (150, 250, 350, 450, 550, 700, 900):
        store = tiny_disk / "corpus"
        shutil.rmtree(store, ignore_errors=True)
        shutil.copytree(stored, store)
        before = quads(store)
        filler = tiny_disk / "filler"
        free = shutil.disk_usage(tiny_disk).free
        filler.write_bytes(b"\0" * max(0, free - room_kb * 1024))
        try:
            added = subprocess.run([*newsgraph, "add", str(OTHER), "--store", str(store)],
                                   capture_output=True, text=True)
        finally:
            filler.unlink()
        assert "Traceback" not in added.stderr, added.stderr
        if added.returncode == 0:
            continue  # there was room enough
        lines = added.stderr.strip().splitlines()
        assert added.returncode == 2 and len(lines) == 1 and lines[0].startswith(f"Error: {store}: "), lines
        assert "No space left on device" in lines[0]
        failures.append(lines[0])
        with CorpusStore.open(store) as corpus:  # readable, records and graphs agree
            assert corpus.article_graphs() == {r.graph for r in corpus.records}
            saved = len(corpus.records) == 2
        assert ("the change was saved" in lines[0]) == saved
        if not saved:
            assert quads(store) == before
    assert failures  # the disk did fill up


# --------------------------------------------------------------------------- L12: output names


@pytest.mark.parametrize("name", ["../x", "sub/x", "", ".", "..", "/tmp/x"])
def test_an_output_name_that_is_not_a_plain_file_name_is_refused(tmp_path, name):
    out = tmp_path / "graphs"
    line = one_error_line(run("build", str(ARTICLE), "-o", str(out), "--name", name))
    assert line == (f"Error: --name {name!r}: not a plain file name (no folder, '/', '..' or empty name); "
                    "the outputs are written inside the output folder")
    assert list(tmp_path.iterdir()) == []


# --------------------------------------------------------------------------- M2: hostile text

HOSTILE = ["Velka\u2028Front", "Velka\u2029Front", "Velka\u0085Front", "Velka\x0bFront", "Velka\x0cFront",
           "Dravik\x01Brigade", "Dravik\x1fBrigade", "Dravik\x7fBrigade", "Ostrava\ufffeDol", "Ostrava\uffffDol",
           'quote " backslash \\ newline \n return \r tab \t', "Ostrava \U0001F600 Dol", "\u00e9\u0301 e\u0301"]
NOT_XML = {"\x0b", "\x0c", "\x01", "\x1f", "\ufffe", "\uffff"}


def _hostile_dataset(text: str) -> Dataset:
    ds = Dataset()
    graph = ds.graph(URIRef("https://w3id.org/newsgraph/id/graph/article/0f"))
    subject = URIRef("https://w3id.org/newsgraph/id/armed-group/velka-front")
    graph.add((subject, URIRef("http://www.w3.org/2000/01/rdf-schema#label"), Literal(text)))
    graph.add((subject, URIRef("http://www.w3.org/2004/02/skos/core#altLabel"), Literal(text, lang="en")))
    return ds


def _values_by_rdflib(data: bytes, fmt: str) -> set[str]:
    ds = Dataset()
    ds.parse(data=data, format=FORMATS[fmt].rdflib)
    return {str(o) for _, _, o, _ in ds.quads((None, None, None, None))}


def _values_by_oxigraph(data: bytes, fmt: str) -> set[str]:
    store = pyoxigraph.Store()
    store.load(input=data, format=FORMATS[fmt].oxigraph)
    return {q.object.value for q in store}


@pytest.mark.parametrize("fmt", sorted(WRITABLE))
@pytest.mark.parametrize("text", HOSTILE, ids=[ascii(t)[:24] for t in HOSTILE])
def test_every_export_re_parses_in_rdflib_and_oxigraph_whatever_the_text_holds(text, fmt):
    ds = _hostile_dataset(text)
    if fmt == "xml" and NOT_XML & set(text):
        with pytest.raises(OutputError, match=r"Cannot write RDF/XML: the literal .* holds U\+[0-9A-F]{4}, which "
                                              "XML 1.0 cannot represent; export as Turtle"):
            serialize_dataset(ds, fmt)
        return
    data = serialize_dataset(ds, fmt)
    assert _values_by_rdflib(data, fmt) == {text}
    assert _values_by_oxigraph(data, fmt) == {text}
    if fmt in ("nt", "nq"):  # one statement per line, for any line-based reader
        assert len(data.decode("utf-8").splitlines()) == 2


def test_push_payloads_re_parse_whatever_the_text_holds():
    import http.server
    import threading

    from newsgraph.remote import push_dataset

    bodies: list[bytes] = []

    class Capture(http.server.BaseHTTPRequestHandler):
        def do_PUT(self) -> None:  # noqa: N802 (http.server's naming)
            bodies.append(self.rfile.read(int(self.headers["Content-Length"])))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Capture)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        for text in HOSTILE:
            bodies.clear()
            push_dataset(_hostile_dataset(text), f"http://127.0.0.1:{server.server_port}/store", retries=0)
            assert len(bodies) == 1
            assert _values_by_rdflib(bodies[0], "nt") == {text} and _values_by_oxigraph(bodies[0], "nt") == {text}
    finally:
        server.shutdown()


def test_rdf_xml_export_of_text_xml_cannot_hold_is_a_one_line_error(tmp_path):
    graph = tmp_path / "g.trig"
    graph.write_bytes(serialize_dataset(_hostile_dataset("Dravik\x01Brigade"), "trig"))
    line = one_error_line(run("export", str(graph), "--format", "xml", "-o", str(tmp_path / "g.rdf")))
    assert "Cannot write RDF/XML: the literal 'Dravik\\x01Brigade' holds U+0001" in line
    assert not (tmp_path / "g.rdf").exists()


def _hostile_article(label: str) -> ArticleExtraction:
    text = "Velka Front spoke in Ostrava Dol."
    group = Entity("ArmedGroup:velka-front", "ArmedGroup", label, {"Velka Front"})
    place = Entity("Place:ostrava-dol", "Place", "Ostrava Dol")
    return ArticleExtraction(Article(id="0123456789abcdef", path="/news/velka.txt", text=text), [(0, len(text))],
                             {group.key: group, place.key: place},
                             [Statement(group.key, "locatedIn", place.key, 0, None)])


@pytest.mark.parametrize("fmt", ["nq", "nt"])
def test_a_store_with_hostile_text_streams_exports_both_engines_read(tmp_path, fmt):
    labels = [t for t in HOSTILE if "\n" not in t]
    store = tmp_path / "corpus"
    with CorpusStore.open(store, create=True) as corpus:
        corpus.add([_hostile_article("Velka Front " + "|".join(labels))])
    out = io.BytesIO()
    export_store(store, fmt, out)
    data = out.getvalue()
    assert any("|".join(labels) in v for v in _values_by_rdflib(data, fmt))
    assert any("|".join(labels) in v for v in _values_by_oxigraph(data, fmt))
    lines = data.decode("utf-8").splitlines()
    assert all(line.endswith(" .") for line in lines)  # no statement cut at U+2028 and the like


# --------------------------------------------------------------------------- L5: terms RDF forbids


@pytest.mark.parametrize("name, content, message", [
    ("surrogate.nt", '<https://e/s> <https://e/p> "Velka \\uD800 Front" .\n',
     "cannot parse as nt: at line 1 between columns 36 and 42: The escape sequence '\\uD800' is encoding D800 "
     "that is not a valid unicode character"),
    ("angle.nt", "<https://e/s> <https://e/p> <https://e/velka\\u003Cfront> .\n",
     "cannot parse as nt: at line 1 between columns 29 and 57: Invalid IRI code point '<'"),
    ("surrogate.ttl", '@prefix e: <https://e/> .\ne:s e:p "\\uD800" .\n',
     "cannot parse as turtle: at line 2 between columns 10 and 16: The escape sequence '\\uD800' is encoding "
     "D800 that is not a valid unicode character"),
    ("space.trig", "<https://e/g> { <https://e/s> <https://e/p> <https://e/velka\\u0020front> . }\n",
     "cannot parse as trig: at line 1 between columns 45 and 73: Invalid IRI code point ' '"),
])
@pytest.mark.parametrize("command", ["validate", "render", "export", "explain"])
def test_graph_files_oxigraph_rejects_are_refused_at_load_by_every_command(tmp_path, name, content, message,
                                                                          command):
    graph = tmp_path / name
    graph.write_text(content, encoding="utf-8")
    args = {"validate": [], "render": ["-o", str(tmp_path / "page.html")], "export": ["--format", "trig"],
            "explain": ["Velka Front"]}[command]
    line = one_error_line(run(command, str(graph), *args))
    assert line == f"Error: {graph}: {message}"
    assert not (tmp_path / "page.html").exists()
