"""An open corpus store: add and remove articles, each change one Oxigraph transaction."""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import NamedNode, Quad, RdfFormat, Store
from rdflib import Dataset, Graph

from newsgraph.corpus_store.entities import entity_changes
from newsgraph.corpus_store.files import (
    FORMAT_VERSION,
    MARKER,
    StoreLock,
    _check_marker,
    _damaged,
    _flush,
    _lock,
    _not_a_store,
    _open_database,
    _reason,
    _recover,
    _write_cache,
    _write_file,
    is_store,
)
from newsgraph.corpus_store.records import (
    StoredArticle,
    _delete_records,
    _entity,
    _entity_dict,
    _read_catalogue,
    _read_record,
    _read_records,
    _write_records,
    article_path,
    find_record,
)
from newsgraph.errors import StoreError, one_line
from newsgraph.infer import InferenceResult, infer
from newsgraph.mapping import map_articles, new_dataset
from newsgraph.model import ArticleExtraction
from newsgraph.namespaces import ENTITIES_GRAPH, GRAPH, INFERRED_GRAPH, RDFS
from newsgraph.rdfio import to_rdflib
from newsgraph.resolve import Resolver
from newsgraph.scoped_inference import CLAIM_PARTS, InferenceDiff, scoped_inference
from newsgraph.vocab import RELATION_PREDICATES

log = logging.getLogger("newsgraph")

INFERENCE_STATE = "inference.json"
CATALOGUE = "catalogue.json"
ASSERTED_INPUT = "urn:x-newsgraph:asserted"  # a scratch graph name, never written to a store
INFERENCE_INPUT = (*sorted(RELATION_PREDICATES), *CLAIM_PARTS, RDFS.label)
ARTICLE_GRAPH_PREFIX = str(GRAPH["article/"])


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


class CorpusStore:
    """An open store; use :meth:`open` (a context manager) rather than the constructor."""

    def __init__(self, path: Path, oxigraph: Store, records: list[StoredArticle] | None,
                 lock: StoreLock | None, writable: bool):
        self.path = path
        self.oxigraph = oxigraph
        self._records = records
        self._resolver: tuple[list[str], Resolver] | None = None  # (the records it is after, the state)
        self._lock = lock  # None: the caller holds the locks (a store being built)
        self._closed = False
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
            lock.hold_folder(path)
            _check_marker(path)
            oxigraph = _open_database(path, write)
            store = cls(path, oxigraph, None, lock, write)
            if write:  # readers only read the database: they need neither records nor repairs
                store._reconcile()
            return store
        except BaseException:
            lock.release()
            raise

    def close(self, error: BaseException | None = None) -> None:
        """Flush and release the store. While ``error`` is on its way out, a failure here is
        not raised over it (the first error is the one that says what happened)."""
        if self._closed:
            return
        self._closed = True
        try:
            if self.writable:
                _flush(self.path, self.oxigraph, error)
        finally:
            del self.oxigraph
            if self._lock is not None:
                self._lock.release()

    def __enter__(self) -> CorpusStore:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: object) -> None:
        self.close(error)
        if isinstance(error, RuntimeError) and str(error).startswith("Corruption"):
            # the database found damage while it was being read (pyoxigraph's RuntimeError)
            raise StoreError(_damaged(self.path, one_line(error)[:300])) from error

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
            assert record.entities is not None and record.mapping is not None and record.corpus is not None
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
            path = article_path(ex)
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
            StoredArticle(ex.article.id, article_path(ex), seq + i,
                          [_entity_dict(e) for e in ex.entities.values()], mapping,
                          {key: _entity_dict(resolver.corpus[key]) for key in sorted(set(mapping.values()))})
            for i, (ex, mapping) in enumerate(zip(new, mappings), start=1)
        ]
        mapped = map_articles(new, mappings, resolver.corpus)
        _write_records(self.path, new_records)
        try:
            change.inference = self._commit(mapped, drop=[r.graph for r in replaced], infer=infer)
        except BaseException:
            _delete_records(self.path, new_records)  # the database is unchanged, and so are the records
            raise
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
        catalogue = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        _write_cache(self.path / CATALOGUE, catalogue.encode())

    def refresh_inference(self) -> InferenceResult:
        """Recompute inference over the whole store (PageRank and betweenness included)."""
        self._require_writable()
        result = self._commit(new_dataset(), drop=[], full=True)
        assert isinstance(result, InferenceResult)  # a full refresh
        return result

    def find(self, ref: str) -> StoredArticle:
        """The stored article a reference names: its path, its id, or a file with its text."""
        return find_record(self.records, ref, self.path)

    # Below this many articles inference is recomputed over the whole store on every change (it
    # is cheap there, and keeps PageRank and betweenness exact); from it on, around the change
    # only (newsgraph.scoped_inference), with the global measures recomputed whenever the
    # number of articles has changed by REFRESH_GROWTH since they last were.
    scoped_from = 100
    REFRESH_GROWTH = 0.1

    def _commit(self, mapped: Dataset, drop: Sequence[str], full: bool = False,
                infer: bool = True) -> InferenceResult | InferenceDiff | None:
        """One transaction: drop ``drop`` graphs, add ``mapped``'s graphs, describe again the
        entities the change touched (:func:`~newsgraph.corpus_store.entities.entity_changes`),
        refresh inference."""
        added = [g for g in mapped.graphs() if len(g) and g.identifier != ENTITIES_GRAPH]
        undescribe, described = entity_changes(self.oxigraph, self.path, self.records, mapped, drop)
        added_entities = _graph_block(described, ENTITIES_GRAPH)
        if not infer:
            self._update("".join(f"DROP SILENT GRAPH <{g}> ;\n" for g in drop) + undescribe
                         + "INSERT DATA {\n" + "".join(_graph_block(g, g.identifier) for g in added)
                         + added_entities + "}")
            return None
        articles = len(self.records) - len(drop) + len(added)
        last_full = self._last_full_inference()
        full = (full or articles < self.scoped_from or last_full is None
                or abs(articles - last_full) > self.REFRESH_GROWTH * last_full)
        update = "".join(f"DROP SILENT GRAPH <{g}> ;\n" for g in drop) + undescribe
        result: InferenceResult | InferenceDiff
        if full:
            result = self._full_inference(mapped, drop)
            assert result.graph is not None
            inferred = result.graph
            update += f"DROP SILENT GRAPH <{INFERRED_GRAPH}> ;\n"
        else:
            result = scoped_inference(self.oxigraph, mapped, drop)
            inferred = result.insert
            inferred_graph = NamedNode(str(INFERRED_GRAPH))
            if result.delete:
                update += "DELETE DATA {\n" + "".join(
                    f"GRAPH {inferred_graph} {{ {q.subject} {q.predicate} {q.object} }}\n"
                    for q in result.delete) + "} ;\n"
        update += "INSERT DATA {\n" + "".join(_graph_block(g, g.identifier) for g in added) \
            + added_entities + _graph_block(inferred, INFERRED_GRAPH) + "}"
        self._update(update)
        if full:
            _write_cache(self.path / INFERENCE_STATE, json.dumps({"articles": articles}).encode() + b"\n")
        return result

    def _update(self, update: str) -> None:
        try:
            self.oxigraph.update(update)
        except (OSError, RuntimeError, SyntaxError, ValueError) as exc:
            raise StoreError(f"{self.path}: could not write the store ({_reason(exc)}); "
                             "the store is unchanged") from exc

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


def _graph_block(graph: Graph, name: str) -> str:
    """Triples as a SPARQL ``GRAPH <name> { ... }`` block (N-Triples lines are valid there)."""
    lines = graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
    return f"GRAPH <{name}> {{\n{lines}}}\n"
