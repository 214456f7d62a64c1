"""Write and read graph files: atomic writes, deterministic serialisation, clear load errors.

Outputs are written to a temporary file in the target folder and moved into place only when
every output of a build is ready, so a failed or interrupted run leaves the previous graph intact.
"""

from __future__ import annotations

import glob
import json
import os
import stat
import tempfile
from pathlib import Path
from xml.sax import SAXParseException

import pyoxigraph

from rdflib import Dataset, Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.plugin import register
from rdflib.plugins.serializers.trig import TrigSerializer
from rdflib.serializer import Serializer

from newsgraph.errors import GraphLoadError, OutputError
from newsgraph.formats import jsonld_bytes, rdfxml_bytes
from newsgraph.vocab import bind_prefixes

__all__ = ["serialize_dataset", "union_graph", "write_atomically", "new_output_file", "load_dataset", "FORMATS"]



class SortedTrigSerializer(TrigSerializer):
    """TriG with its named graphs in IRI order: rdflib writes them in store order, which
    differs between processes, and outputs must be byte-identical for the same inputs."""

    def __init__(self, store: Graph) -> None:
        super().__init__(store)
        self.contexts.sort(key=lambda g: str(g.identifier))


register("trig-sorted", Serializer, __name__, "SortedTrigSerializer")

# name -> (rdflib format, file suffix, holds named graphs)
FORMATS = {
    "trig": ("trig-sorted", ".trig", True),
    "turtle": ("turtle", ".ttl", False),
    "nt": ("nt", ".nt", False),
    "nq": ("nquads", ".nq", True),
    "jsonld": ("json-ld", ".jsonld", True),
    "xml": ("xml", ".rdf", False),
}
_OXIGRAPH_FORMATS = {"trig": pyoxigraph.RdfFormat.TRIG, "turtle": pyoxigraph.RdfFormat.TURTLE,
                     "nt": pyoxigraph.RdfFormat.N_TRIPLES, "nquads": pyoxigraph.RdfFormat.N_QUADS}
_SUFFIX_FORMAT = {".trig": "trig", ".ttl": "turtle", ".nt": "nt", ".nq": "nquads", ".jsonld": "json-ld",
                  ".json": "json-ld", ".rdf": "xml", ".xml": "xml", ".owl": "xml"}


def union_graph(ds: Dataset) -> Graph:
    """All named graphs merged into one graph (the ``.ttl`` output)."""
    g = Graph()
    bind_prefixes(g)
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def serialize_dataset(ds: Dataset, fmt: str) -> bytes:
    """Serialise deterministically: line-based formats are sorted; Turtle/TriG order subjects;
    JSON-LD and RDF/XML come from newsgraph's own sorted writers (:mod:`newsgraph.formats`).
    Turtle, N-Triples and RDF/XML hold no named graphs: they get the union of all graphs."""
    rdf_format, _, quads = FORMATS[fmt]
    if fmt == "jsonld":
        return jsonld_bytes(_quads(ds))
    # Turtle and N-Triples read the union through a view of the same store: a copy of every
    # triple (union_graph) would double the memory of a large build.
    target: Graph | Dataset = ds if quads else union_graph(ds) if fmt == "xml" \
        else Dataset(store=ds.store, default_union=True)
    bind_prefixes(target)
    if fmt == "xml":
        return rdfxml_bytes(target, dict(target.namespaces()))
    data = target.serialize(format=rdf_format, encoding="utf-8")
    if fmt in ("nt", "nq"):
        lines = sorted(set(data.decode("utf-8").splitlines()))
        return ("\n".join(line for line in lines if line.strip()) + "\n").encode("utf-8")
    return data


def _quads(ds: Dataset):
    for s, p, o, ctx in ds.quads((None, None, None, None)):
        graph = getattr(ctx, "identifier", ctx)
        yield s, p, o, None if graph in (None, DATASET_DEFAULT_GRAPH_ID) else graph


def new_output_file(path: Path) -> tuple[int, str]:
    """A temporary sibling of ``path`` to write and then move into place: named after this
    process (so a later run can tell a killed writer's leftovers, and removes them), with the
    permissions of the file it replaces or of a new file (mkstemp's are owner-only)."""
    _remove_stale_temporaries(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", dir=path.parent)
    os.fchmod(fd, _file_mode(path))
    return fd, tmp


def write_atomically(outputs: dict[Path, bytes]) -> None:
    """Write every file to a temporary sibling, then move them all into place; if any move
    fails, the files already moved are put back, so the outputs change together or not at all.

    Each move is an atomic rename, so a process killed at any moment (``kill -9``) leaves every
    output complete, old or new. Temporary files left by a killed writer are named after its
    process id and removed by the next write once that process is gone.
    """
    staged: list[tuple[str, Path]] = []
    backups: dict[Path, str | None] = {}
    try:
        for path, data in outputs.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = new_output_file(path)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            staged.append((tmp, path))
        for tmp, path in staged:
            backup = None
            if path.is_file():
                backup = tempfile.mktemp(prefix=f".{path.name}.{os.getpid()}.old.", dir=path.parent)
                os.link(path, backup)
            backups[path] = backup
            os.replace(tmp, path)
    except BaseException as exc:
        for path, backup in backups.items():
            if backup is not None:
                os.replace(backup, path)
            elif path.is_file():
                path.unlink()
        if isinstance(exc, OSError):
            where = getattr(exc, "filename", None) or ", ".join(map(str, outputs))
            raise OutputError(f"{where}: cannot write ({exc.strerror or exc}); previous outputs kept") from exc
        raise
    finally:
        for tmp, _ in staged:
            if os.path.exists(tmp):
                os.unlink(tmp)
        for backup in backups.values():
            if backup is not None and os.path.exists(backup):
                os.unlink(backup)


def _file_mode(path: Path) -> int:
    """The mode of the file being replaced, or that of a new file under the process umask."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _remove_stale_temporaries(path: Path) -> None:
    """Delete ``.NAME.PID.*`` siblings of ``path`` whose writing process no longer exists."""
    for leftover in path.parent.glob(f".{glob.escape(path.name)}.*"):
        pid = leftover.name[len(path.name) + 2 :].split(".", 1)[0]
        if pid.isdigit() and not _process_exists(int(pid)):
            leftover.unlink(missing_ok=True)


def _process_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def load_dataset(path: str | os.PathLike[str]) -> Dataset:
    """Load a graph file (TriG, Turtle, N-Triples, N-Quads, JSON-LD, RDF/XML) or a corpus store
    folder into a Dataset."""
    path = Path(path)
    from newsgraph.corpus_store import is_store, open_for_reading

    if is_store(path):
        with open_for_reading(path) as corpus:
            return corpus.dataset()
    if not path.is_file():
        raise GraphLoadError(f"{path}: no such graph file")
    fmt = _SUFFIX_FORMAT.get(path.suffix.lower())
    if fmt is None:
        raise GraphLoadError(f"{path}: unknown graph format (use .trig, .ttl, .nt, .nq, .jsonld or .rdf)")
    ds = Dataset()
    try:
        ds.parse(path, format=fmt)
    except Exception as exc:  # rdflib parsers raise assorted exception types on bad input
        message = " ".join(_syntax_error(path, fmt, exc).split())
        raise GraphLoadError(f"{path}: cannot parse as {fmt}: {message[:300]}") from exc
    bind_prefixes(ds)
    return ds


def _syntax_error(path: Path, fmt: str, exc: Exception) -> str:
    """The parse error with its line and column: the XML and JSON parsers give them, rdflib's
    Turtle-family parsers do not (only a line, sometimes wrong), so those files are parsed again
    with Oxigraph, whose messages say ``at line L column C``."""
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, SAXParseException):
            return f"line {cause.getLineNumber()} column {cause.getColumnNumber()}: {cause.getMessage()}"
        if isinstance(cause, json.JSONDecodeError):
            return f"line {cause.lineno} column {cause.colno}: {cause.msg}"
        cause = cause.__cause__ or cause.__context__
    oxigraph_format = _OXIGRAPH_FORMATS.get(fmt)
    if oxigraph_format is not None:
        try:
            for _ in pyoxigraph.parse(path=str(path), format=oxigraph_format):
                pass
        except SyntaxError as syntax:
            return str(syntax.msg).removeprefix("Parser error ")
    return str(exc)
