"""Whole-store operations: build a store in one go (replacing the old one only when complete), open one
to read, export one."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

from pyoxigraph import QuerySolutions, Store

from newsgraph.corpus_store.files import (
    FORMAT_VERSION,
    MARKER,
    _lock,
    _reason,
    _recover,
    _swap,
    _write_file,
    is_store,
)
from newsgraph.corpus_store.store import CorpusStore, StoreChange
from newsgraph.errors import GraphLoadError, StoreError
from newsgraph.model import ArticleExtraction
from newsgraph.rdfio import replacing, serialize_dataset, write_atomically
from newsgraph.rdfio.serialize import escape_line_breaks

BUILD_CHUNK = 200


def build_store(path: str | os.PathLike[str], extractions: Sequence[ArticleExtraction]) -> StoreChange:
    """Build a new store of exactly these articles and put it in place of ``path`` only when
    it is complete: an existing store survives a failed or interrupted build."""
    target = Path(path)
    if target.exists() and not target.is_dir():
        raise StoreError(f"{target}: not a store folder (it is a file); choose a folder")
    if target.exists() and not is_store(target) and any(target.iterdir()):
        raise StoreError(f"{target}: not a newsgraph store and not empty; choose a new folder")
    target.parent.mkdir(parents=True, exist_ok=True)
    lock = _lock(target, exclusive=True)
    try:
        _recover(target)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.building-", dir=target.parent))
        lock.hold_folder(staging)  # another process's recovery must not take it for a leftover
        umask = os.umask(0)
        os.umask(umask)
        staging.chmod(0o777 & ~umask)  # mkdtemp makes it owner-only; a store gets ordinary permissions
        try:
            try:
                with _open_unlocked(staging) as store:
                    change = StoreChange()
                    for start in range(0, len(extractions), BUILD_CHUNK):  # bounded memory
                        part = store.add(extractions[start:start + BUILD_CHUNK], infer=False)
                        change.added += part.added
                        change.unchanged += part.unchanged
                    change.inference = store.refresh_inference()
            except (StoreError, OSError) as exc:  # the disk full, say: the store named is untouched
                cause = exc.__cause__ if isinstance(exc, StoreError) and exc.__cause__ is not None else exc
                raise StoreError(f"{target}: could not write the new store ({_reason(cause)}); "
                                 f"{_kept(target)}") from exc
            try:
                _swap(staging, target, lock)
            except OSError as exc:  # _swap put the old store back
                raise StoreError(f"{target}: could not put the new store in place ({_reason(exc)}); "
                                 f"{_kept(target)}") from exc
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    finally:
        lock.release()
    return change


def _kept(target: Path) -> str:
    return f"the store {target} is unchanged" if is_store(target) else f"no store was made at {target}"


def _open_unlocked(path: Path) -> CorpusStore:
    (path / "records").mkdir(parents=True, exist_ok=True)
    _write_file(path / MARKER, json.dumps({"newsgraph-store": FORMAT_VERSION}).encode() + b"\n")
    return CorpusStore(path, Store(str(path / "oxigraph")), [], None, True)


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
        for quad in oxigraph:  # as Oxigraph writes N-Quads, with every line break escaped
            output.write(escape_line_breaks(f"{quad} .\n").encode("utf-8"))
        return
    # The union of the graphs: the same triple in several article graphs is written once.
    union = oxigraph.query("SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o }", use_default_graph_as_union=True)
    assert isinstance(union, QuerySolutions)
    for solution in union:
        output.write(escape_line_breaks(f"{solution[0]} {solution[1]} {solution[2]} .\n").encode("utf-8"))
