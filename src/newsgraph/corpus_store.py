"""The on-disk corpus store: a corpus grown article by article in an Oxigraph database.

A store is a folder::

    DIR/newsgraph-store.json   marks the folder as a store (format version)
    DIR/oxigraph/              the RDF: one named graph per article and the inferred graph
    DIR/records/SEQ-ID.json    per article: its path, its entities and the corpus entities they
                               resolved to (what resolution of the next article needs)
    .DIR.lock                  (next to DIR) one writer or many readers at a time

Adding an article resolves its entities against those already stored (the same
:class:`~newsgraph.resolve.Resolver` a one-go build uses, replayed from the records, so adding
articles one by one gives the graph a build of them in that order gives), maps it to its named
graph and refreshes the inferred graph. Re-adding an unchanged article is a no-op (the article
id is the hash of its text); an article whose file changed replaces its earlier version.

Crash safety: every change of the RDF is one Oxigraph transaction (a single SPARQL Update),
and the article graphs in Oxigraph are the truth about which articles are in the store. A
record is written (and synced) before the transaction that adds its article, and deleted after
the one that removes it; on opening, records whose article graph is missing are leftovers of an
interrupted run and are deleted. A ``kill -9`` at any moment leaves the previous store or the
new one, never a mix.
"""

from __future__ import annotations

import errno
import fcntl
import json
import logging
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import BinaryIO

from pyoxigraph import NamedNode, Quad, RdfFormat, Store
from rdflib import Dataset, Graph

from newsgraph.errors import GraphLoadError, StoreError, one_line
from newsgraph.infer import InferenceResult, infer
from newsgraph.mapping import map_articles, new_dataset
from newsgraph.model import ArticleExtraction, Entity
from newsgraph.namespaces import GRAPH, INFERRED_GRAPH, RDFS, article_graph
from newsgraph.rdfio import replacing, serialize_dataset, to_rdflib, write_atomically
from newsgraph.resolve import Resolver
from newsgraph.scoped_inference import CLAIM_PARTS, InferenceDiff, scoped_inference
from newsgraph.vocab import RELATION_PREDICATES

__all__ = ["CorpusStore", "StoreChange", "StoredArticle", "is_store", "build_store", "export_store",
           "open_for_reading"]

log = logging.getLogger("newsgraph")

MARKER = "newsgraph-store.json"
INFERENCE_STATE = "inference.json"
CATALOGUE = "catalogue.json"
ASSERTED_INPUT = "urn:x-newsgraph:asserted"  # a scratch graph name, never written to a store
INFERENCE_INPUT = (*sorted(RELATION_PREDICATES), *CLAIM_PARTS, RDFS.label)
FORMAT_VERSION = 1
ARTICLE_GRAPH_PREFIX = str(GRAPH["article/"])


def is_store(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is a corpus store folder."""
    return Path(path, MARKER).is_file()


@dataclass
class StoredArticle:
    """What the store keeps about one article besides its named graph."""

    id: str
    path: str
    seq: int  # order of addition: resolution replays articles in this order
    # Read from the record file when first needed (the catalogue holds only the fields above):
    entities: list[dict] | None = None  # the article's own entities, as extracted
    mapping: dict[str, str] | None = None  # local entity key -> corpus entity key
    corpus: dict[str, dict] | None = None  # the corpus entities it maps to, as they were defined

    @property
    def graph(self) -> str:
        return str(article_graph(self.id))

    @property
    def file_name(self) -> str:
        return f"{self.seq:09d}-{self.id}.json"


@dataclass
class StoreChange:
    """What an add or remove did."""

    added: list[str] = field(default_factory=list)  # article paths
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    inference: InferenceResult | InferenceDiff | None = None

    @property
    def changed(self) -> bool:
        return bool(self.added or self.replaced or self.removed)


def _entity_dict(entity: Entity) -> dict:
    data = asdict(entity)
    data["aliases"] = sorted(entity.aliases)
    return data


def _entity(data: dict) -> Entity:
    return Entity(**{**data, "aliases": set(data.get("aliases", ()))})


class CorpusStore:
    """An open store; use :meth:`open` (a context manager) rather than the constructor."""

    def __init__(self, path: Path, oxigraph: Store, records: list[StoredArticle] | None, lock: int,
                 writable: bool):
        self.path = path
        self.oxigraph = oxigraph
        self._records = records
        self._resolver: tuple[list[str], Resolver] | None = None  # (the records it is after, the state)
        self._lock = lock
        self.writable = writable

    # ------------------------------------------------------------------ opening

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, create: bool = False, write: bool = True) -> CorpusStore:
        """Open the store at ``path`` for writing (one process at a time) or reading.

        Raises :class:`StoreError` if it is not a store (and ``create`` is false), if another
        process is writing it, or if its files cannot be read.
        """
        path = Path(path)
        lock = _lock(path, exclusive=write)
        try:
            if write:
                _recover(path)
            if not is_store(path):
                if not create:
                    raise StoreError(_not_a_store(path))
                if path.exists() and any(path.iterdir()):
                    raise StoreError(f"{path}: not a newsgraph store and not empty; choose a new folder")
                (path / "records").mkdir(parents=True, exist_ok=True)
                _write_file(path / MARKER, json.dumps({"newsgraph-store": FORMAT_VERSION}).encode() + b"\n")
            _check_marker(path)
            try:
                oxigraph = Store(str(path / "oxigraph")) if write else Store.read_only(str(path / "oxigraph"))
            except OSError as exc:
                raise StoreError(f"{path}: cannot open the store's database: {_one_line(exc)}") from exc
            store = cls(path, oxigraph, None, lock, write)
            if write:  # readers only read the database: they need neither records nor repairs
                store._reconcile()
            return store
        except BaseException:
            os.close(lock)
            raise

    def close(self) -> None:
        if self._lock >= 0:
            if self.writable:
                self.oxigraph.flush()
            del self.oxigraph
            os.close(self._lock)
            self._lock = -1

    def __enter__(self) -> CorpusStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def records(self) -> list[StoredArticle]:
        """What the store keeps about each article, in the order they were added."""
        if self._records is None:
            names = sorted(p.name for p in (self.path / "records").glob("*.json"))
            catalogue = _read_catalogue(self.path / CATALOGUE, names)
            if catalogue is None:
                self._records = _read_records(self.path / "records")
            else:
                self._records, self._resolver = catalogue
        return self._records

    @records.setter
    def records(self, records: list[StoredArticle]) -> None:
        self._records = records

    def _reconcile(self) -> None:
        """Drop records of articles whose graph is not in the database (an interrupted add, or
        a remove interrupted after its transaction): the database is the truth."""
        graphs = self.article_graphs()
        stale = [r for r in self.records if r.graph not in graphs]
        if stale and self.writable:
            for record in stale:
                log.warning("%s: dropping the record of an interrupted change (%s)", self.path, record.path)
                (self.path / "records" / record.file_name).unlink(missing_ok=True)
        self.records = [r for r in self.records if r.graph in graphs]
        missing = graphs - {r.graph for r in self.records}
        if missing:
            raise StoreError(f"{self.path}: {len(missing)} article graphs have no record "
                             f"(e.g. {sorted(missing)[0]}); rebuild the store with `newsgraph build --store`")

    # ------------------------------------------------------------------ reading

    def article_graphs(self) -> set[str]:
        return {g.value for g in self.oxigraph.named_graphs()
                if isinstance(g, NamedNode) and g.value.startswith(ARTICLE_GRAPH_PREFIX)}

    def __len__(self) -> int:
        return len(self.oxigraph)

    def quads(self) -> Iterator[Quad]:
        return iter(self.oxigraph)

    def dataset(self, exclude: Iterable[str] = ()) -> Dataset:
        """The store's graphs as an rdflib Dataset (for the rdflib-based commands)."""
        skip = {NamedNode(g) for g in exclude}
        ds = new_dataset()
        graphs = [g for g in self.oxigraph.named_graphs() if g not in skip]
        for graph in sorted(graphs, key=lambda g: g.value):
            data = self.oxigraph.dump(format=RdfFormat.N_TRIPLES, from_graph=graph)
            ds.graph(graph.value).parse(data=data, format="nt")
        return ds

    def resolver(self, records: Sequence[StoredArticle] | None = None) -> Resolver:
        """The resolver state after the stored articles, replayed in the order they were added
        (or read from the catalogue, which saved it after the last change)."""
        records = self.records if records is None else records
        if self._resolver is not None and [r.file_name for r in records] == self._resolver[0]:
            return self._resolver[1]
        resolver = Resolver()
        for record in records:
            if record.entities is None:
                record = _read_record(self.path / "records" / record.file_name)
            table = {e["key"]: _entity(e) for e in record.entities}
            known = {key: _entity(e) for key, e in record.corpus.items()}
            resolver.replay(table, record.mapping, known)
        return resolver

    # ------------------------------------------------------------------ changing

    def add(self, extractions: Sequence[ArticleExtraction], *, infer: bool = True) -> StoreChange:
        """Add articles in order; an article already stored is left alone, one whose file (path)
        is stored with other text replaces it. Inference is refreshed once, at the end (or not
        at all with ``infer=False``, for a store being built that is inferred when complete)."""
        self._require_writable()
        change = StoreChange()
        by_id = {r.id: r for r in self.records}
        by_path = {r.path: r for r in self.records}
        new: list[ArticleExtraction] = []
        replaced: list[StoredArticle] = []
        for ex in extractions:
            path = _article_path(ex)
            if ex.article.id in by_id or any(n.article.id == ex.article.id for n in new):
                change.unchanged.append(path)
                continue
            if path in by_path and by_path[path] not in replaced:
                replaced.append(by_path[path])
                change.replaced.append(path)
            else:
                change.added.append(path)
            new.append(ex)
        if not new:
            return change
        remaining = [r for r in self.records if r not in replaced]
        resolver = self.resolver(remaining)
        self._resolver = None  # resolving changes it: it stands for the records again once committed
        mappings = [resolver.resolve(ex.entities, ex.article.id) for ex in new]
        seq = max((r.seq for r in self.records), default=0)
        new_records = [
            StoredArticle(ex.article.id, _article_path(ex), seq + i, [_entity_dict(e) for e in ex.entities.values()],
                          mapping, {key: _entity_dict(resolver.corpus[key]) for key in sorted(set(mapping.values()))})
            for i, (ex, mapping) in enumerate(zip(new, mappings), start=1)
        ]
        mapped = map_articles(new, mappings, resolver.corpus)
        for record in new_records:
            _write_file(self.path / "records" / record.file_name, _record_bytes(record))
        change.inference = self._commit(mapped, drop=[r.graph for r in replaced], infer=infer)
        for record in replaced:
            (self.path / "records" / record.file_name).unlink(missing_ok=True)
        self.records = remaining + new_records
        self._save_catalogue(resolver)
        return change

    def remove(self, refs: Sequence[str]) -> StoreChange:
        """Take articles out (by path, article id, or the file whose text they were); their
        graphs go and with them every entity no other article mentions."""
        self._require_writable()
        gone = [self.find(ref) for ref in refs]
        gone = [r for i, r in enumerate(gone) if r not in gone[:i]]
        change = StoreChange(removed=[r.path for r in gone])
        change.inference = self._commit(new_dataset(), drop=[r.graph for r in gone])
        for record in gone:
            (self.path / "records" / record.file_name).unlink(missing_ok=True)
        self.records = [r for r in self.records if r not in gone]
        return change

    def _save_catalogue(self, resolver: Resolver) -> None:
        """Save the articles' order and paths and the resolver state, so the next change need not
        read every record and replay it (a cache: checked against the record files on reading)."""
        names = [r.file_name for r in self.records]
        self._resolver = (names, resolver)
        data = {"records": [[r.seq, r.id, r.path] for r in self.records],
                "corpus": [_entity_dict(e) for e in resolver.corpus.values()],
                "names": [[family, name, key] for (family, name), key in resolver.by_name.items()]}
        _write_file(self.path / CATALOGUE, json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode())

    def refresh_inference(self) -> InferenceResult:
        """Recompute inference over the whole store (PageRank and betweenness included)."""
        self._require_writable()
        return self._commit(new_dataset(), drop=[], full=True)

    def find(self, ref: str) -> StoredArticle:
        """The stored article a reference names: its path, its id, or a file with its text."""
        for record in self.records:
            if ref in (record.id, record.path) or _same_file(ref, record.path):
                return record
        if Path(ref).is_file():
            from newsgraph.ingest import read_article

            try:
                article_id = read_article(ref).id
            except Exception:  # any unreadable file simply is not in the store
                article_id = None
            for record in self.records:
                if record.id == article_id:
                    return record
        raise StoreError(f"{ref}: no such article in the store {self.path}")

    # Below this many articles inference is recomputed over the whole store on every change (it
    # is cheap there, and keeps PageRank and betweenness exact); from it on, around the change
    # only (newsgraph.scoped_inference), with the global measures recomputed whenever the
    # number of articles has changed by REFRESH_GROWTH since they last were.
    scoped_from = 100
    REFRESH_GROWTH = 0.1

    def _commit(self, mapped: Dataset, drop: Sequence[str], full: bool = False,
                infer: bool = True) -> InferenceResult | InferenceDiff | None:
        """One transaction: drop ``drop`` graphs, add ``mapped``'s graphs, refresh inference."""
        added = [g for g in mapped.graphs() if len(g)]
        if not infer:
            self._update("".join(f"DROP SILENT GRAPH <{g}> ;\n" for g in drop) + "INSERT DATA {\n"
                         + "".join(_graph_block(g, g.identifier) for g in added) + "}")
            return None
        articles = len(self.records) - len(drop) + len(added)
        last_full = self._last_full_inference()
        full = (full or articles < self.scoped_from or last_full is None
                or abs(articles - last_full) > self.REFRESH_GROWTH * last_full)
        update = "".join(f"DROP SILENT GRAPH <{g}> ;\n" for g in drop)
        if full:
            result: InferenceResult | InferenceDiff = self._full_inference(mapped, drop)
            inferred = result.graph
            update += f"DROP SILENT GRAPH <{INFERRED_GRAPH}> ;\n"
        else:
            result = scoped_inference(self.oxigraph, mapped, drop)
            inferred = result.insert
            inferred_graph = NamedNode(str(INFERRED_GRAPH))
            if result.delete:
                update += "DELETE DATA {\n" + "".join(
                    f"GRAPH {inferred_graph} {{ {q.subject} {q.predicate} {q.object} }}\n" for q in result.delete) + "} ;\n"
        update += "INSERT DATA {\n" + "".join(_graph_block(g, g.identifier) for g in added) \
            + _graph_block(inferred, INFERRED_GRAPH) + "}"
        self._update(update)
        if full:
            _write_file(self.path / INFERENCE_STATE, json.dumps({"articles": articles}).encode() + b"\n")
        return result

    def _update(self, update: str) -> None:
        try:
            self.oxigraph.update(update)
        except (OSError, SyntaxError, ValueError) as exc:
            raise StoreError(f"{self.path}: could not write the store: {_one_line(exc)}") from exc

    def _full_inference(self, mapped: Dataset, drop: Sequence[str]) -> InferenceResult:
        """Inference over the whole store as it will be, reading only what inference reads (the
        links between entities, the claims' parts, types and labels), not sentences and the rest."""
        hidden = {NamedNode(g) for g in drop} | {NamedNode(str(INFERRED_GRAPH))}
        ds = new_dataset()
        asserted = ds.graph(ASSERTED_INPUT)
        for predicate in INFERENCE_INPUT:
            for quad in self.oxigraph.quads_for_pattern(None, NamedNode(str(predicate)), None):
                if quad.graph_name not in hidden:
                    asserted.add((to_rdflib(quad.subject), predicate, to_rdflib(quad.object)))
            for graph in mapped.graphs():
                for triple in graph.triples((None, predicate, None)):
                    asserted.add(triple)
        result = infer(ds)
        result.graph = ds.graph(INFERRED_GRAPH)
        return result

    def _last_full_inference(self) -> int | None:
        """How many articles the store had when inference last ran over all of it."""
        try:
            return int(json.loads((self.path / INFERENCE_STATE).read_text(encoding="utf-8"))["articles"])
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def _require_writable(self) -> None:
        if not self.writable:
            raise StoreError(f"{self.path}: the store was opened read-only")


BUILD_CHUNK = 200


def build_store(path: str | os.PathLike[str], extractions: Sequence[ArticleExtraction]) -> StoreChange:
    """Build a new store of exactly these articles and put it in place of ``path`` only when
    it is complete: an existing store survives a failed or interrupted build."""
    target = Path(path)
    if target.exists() and not is_store(target) and any(target.iterdir()):
        raise StoreError(f"{target}: not a newsgraph store and not empty; choose a new folder")
    target.parent.mkdir(parents=True, exist_ok=True)
    lock = _lock(target, exclusive=True)
    try:
        _recover(target)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.building-", dir=target.parent))
        umask = os.umask(0)
        os.umask(umask)
        staging.chmod(0o777 & ~umask)  # mkdtemp makes it owner-only; a store gets ordinary permissions
        try:
            with _open_unlocked(staging) as store:
                change = StoreChange()
                for start in range(0, len(extractions), BUILD_CHUNK):  # bounded memory
                    part = store.add(extractions[start:start + BUILD_CHUNK], infer=False)
                    change.added += part.added
                    change.unchanged += part.unchanged
                change.inference = store.refresh_inference()
            _swap(staging, target)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    finally:
        os.close(lock)
    return change


def _open_unlocked(path: Path) -> CorpusStore:
    (path / "records").mkdir(parents=True, exist_ok=True)
    _write_file(path / MARKER, json.dumps({"newsgraph-store": FORMAT_VERSION}).encode() + b"\n")
    return CorpusStore(path, Store(str(path / "oxigraph")), [], os.open(os.devnull, os.O_RDONLY), True)


def _recover(target: Path) -> None:
    """Finish what a killed :func:`build_store` left (call with the lock held): put the old
    store back if it was moved aside but the new one never arrived, and delete leftovers."""
    for old in sorted(target.parent.glob(f".{target.name}.old-*")):
        if not target.exists() and is_store(old / "store"):
            log.warning("%s: restoring the store an interrupted build had moved aside", target)
            os.replace(old / "store", target)
        shutil.rmtree(old, ignore_errors=True)
    for staging in target.parent.glob(f".{target.name}.building-*"):
        shutil.rmtree(staging, ignore_errors=True)


def _swap(new: Path, target: Path) -> None:
    """Move ``new`` to ``target``; the old store is moved aside first and deleted last."""
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
        os.replace(target, old / "store")
    try:
        os.replace(new, target)
    except OSError:
        if old is not None:
            os.replace(old / "store", target)
        raise
    finally:
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)


# ---------------------------------------------------------------------- helpers


def _lock(path: Path, exclusive: bool) -> int:
    """Hold ``.NAME.lock`` next to the store: one writer, or any number of readers."""
    lock_path = path.parent / f".{path.name}.lock"
    try:
        if not exclusive and not lock_path.exists():
            if not is_store(path):
                raise StoreError(_not_a_store(path))
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise StoreError(f"{path}: cannot lock the store ({exc.strerror or exc})") from exc
    try:
        fcntl.flock(fd, (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
    except OSError as exc:
        os.close(fd)
        if exc.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
            raise StoreError(f"{path}: the store is in use by another newsgraph process "
                             f"({'writing' if not exclusive else 'reading or writing'} it); "
                             "try again when it has finished") from exc
        raise StoreError(f"{path}: cannot lock the store ({exc.strerror or exc})") from exc
    return fd


def _check_marker(path: Path) -> None:
    try:
        version = json.loads((path / MARKER).read_text(encoding="utf-8")).get("newsgraph-store")
    except (OSError, ValueError, AttributeError) as exc:
        raise StoreError(f"{path}: damaged store marker {MARKER}") from exc
    if version != FORMAT_VERSION:
        raise StoreError(f"{path}: store format {version} is not supported (this newsgraph reads {FORMAT_VERSION})")


def _not_a_store(path: Path) -> str:
    if not path.exists():
        return f"{path}: no such store (create one with `newsgraph build ... --store {path}` or `newsgraph add`)"
    return f"{path}: not a newsgraph store (no {MARKER})"


def _read_records(folder: Path) -> list[StoredArticle]:
    return sorted((_read_record(file) for file in folder.glob("*.json")), key=lambda r: r.seq)


def _read_record(file: Path) -> StoredArticle:
    try:
        return StoredArticle(**json.loads(file.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError) as exc:
        raise StoreError(f"{file}: damaged article record ({_one_line(exc)})") from exc


def _read_catalogue(path: Path, names: list[str]) -> tuple[list[StoredArticle], tuple[list[str], Resolver]] | None:
    """The records (without their entities) and resolver state saved in the catalogue, if it was
    saved for exactly these record files; otherwise None (the records are read instead)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        records = [StoredArticle(id, file_path, seq) for seq, id, file_path in data["records"]]
        if sorted(r.file_name for r in records) != names:
            return None
        resolver = Resolver()
        for entity in data["corpus"]:
            resolver.index(_entity(entity))
        resolver.by_name.update(((family, name), key) for family, name, key in data["names"])
    except (OSError, ValueError, TypeError, KeyError):
        return None
    return records, ([r.file_name for r in records], resolver)


def _record_bytes(record: StoredArticle) -> bytes:
    return (json.dumps(asdict(record), ensure_ascii=False, sort_keys=True, indent=1) + "\n").encode("utf-8")


def _write_file(path: Path, data: bytes) -> None:
    with replacing(path) as handle:
        handle.write(data)


def _graph_block(graph: Graph, name: str) -> str:
    """Triples as a SPARQL ``GRAPH <name> { ... }`` block (N-Triples lines are valid there)."""
    lines = graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
    return f"GRAPH <{name}> {{\n{lines}}}\n"


def _article_path(ex: ArticleExtraction) -> str:
    return str(Path(ex.article.path).resolve()) if ex.article.path else ex.article.id


def _same_file(ref: str, path: str) -> bool:
    try:
        return str(Path(ref).resolve()) == path
    except OSError:
        return False


def _one_line(exc: BaseException) -> str:
    return one_line(exc)[:300]


def open_for_reading(path: str | os.PathLike[str]) -> CorpusStore:
    """Open a store read-only, raising :class:`GraphLoadError` (exit 2) when it cannot be read."""
    try:
        return CorpusStore.open(path, write=False)
    except StoreError as exc:
        raise GraphLoadError(str(exc)) from exc


def export_store(path: str | os.PathLike[str], fmt: str, output: Path | BinaryIO) -> None:
    """Write a store in one of :data:`newsgraph.rdfio.WRITABLE` to a file (atomically) or a stream.

    N-Quads and N-Triples are streamed from the database, so a store of any size exports in
    little memory; the other formats are built in memory by the same writers as a graph file.
    """
    with open_for_reading(path) as corpus:
        if fmt not in ("nq", "nt"):
            data = serialize_dataset(corpus.dataset(), fmt)
            if isinstance(output, Path):
                write_atomically({output: data})
            else:
                output.write(data)
            return
        if not isinstance(output, Path):
            _stream(corpus.oxigraph, fmt, output)
            return
        output.parent.mkdir(parents=True, exist_ok=True)
        with replacing(output) as handle:
            _stream(corpus.oxigraph, fmt, handle)


def _stream(oxigraph: Store, fmt: str, output: BinaryIO) -> None:
    if fmt == "nq":
        oxigraph.dump(output, format=RdfFormat.N_QUADS)
        return
    # The union of the graphs: the same triple in several article graphs is written once.
    for solution in oxigraph.query("SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o }", use_default_graph_as_union=True):
        output.write(f"{solution[0]} {solution[1]} {solution[2]} .\n".encode("utf-8"))
