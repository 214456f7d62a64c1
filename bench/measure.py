"""The benchmark's measurements, one function each; :mod:`bench.run` strings them together.

Each function returns a plain dataclass of figures; nothing here formats a report. The two
store-based measurements (query latency on a store, incremental add) take the store they run on,
so they work the same on the in-memory pyoxigraph store used now and on the on-disk corpus store.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["Machine", "machine", "Throughput", "measure_throughput", "Parallel", "measure_parallel",
           "QueryTiming", "measure_queries", "dataset_to_store", "IncrementalAdd", "measure_incremental_add",
           "Memory", "measure_memory", "Render", "measure_render", "timed"]


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


# --------------------------------------------------------------------------- machine


@dataclass
class Machine:
    cpu: str
    cores: int
    ram_gib: float
    python: str
    versions: dict[str, str]
    model: str


def machine() -> Machine:
    from importlib.metadata import version

    from newsgraph.nlp import load_model

    cpu = platform.processor() or platform.machine()
    if Path("/proc/cpuinfo").is_file():
        cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                    if line.startswith("model name")), cpu)
    ram = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    nlp = load_model(None)
    versions = {name: version(name) for name in ("spacy", "rdflib", "pyoxigraph", "networkx", "igraph")}
    return Machine(cpu, os.cpu_count() or 1, ram, platform.python_version(), versions,
                   f"{nlp.meta['lang']}_{nlp.meta['name']} {nlp.meta['version']}")


# --------------------------------------------------------------------------- 1. throughput


@dataclass
class Throughput:
    words: int
    articles: int
    spacy_seconds: float  # nlp.pipe alone, same texts, model and batch size (mean of two runs)
    extract_seconds: float  # read + parse + relation rules
    resolve_map_infer_seconds: float
    build_seconds: float  # read + extract + resolve + map + infer
    spacy_cpu_seconds: float  # the same two, in CPU time of this process
    build_cpu_seconds: float
    quads: int
    spacy_runs: list[float] = field(default_factory=list)  # wall-clock, before and after the build

    @property
    def spacy_words_per_second(self) -> float:
        return self.words / self.spacy_seconds

    @property
    def build_words_per_second(self) -> float:
        return self.words / self.build_seconds

    @property
    def ratio(self) -> float:
        return self.spacy_seconds / self.build_seconds

    @property
    def cpu_ratio(self) -> float:
        return self.spacy_cpu_seconds / self.build_cpu_seconds


def measure_throughput(corpus_dir: Path):
    """spaCy's ``nlp.pipe`` alone before and after newsgraph's build (jobs 1), on the same texts
    in this process, in wall-clock and CPU time (both run in one thread: the CPU time is what they cost
    whatever else the machine is doing).

    Returns the figures, the built dataset and the extractions (reused by later measurements)."""
    from newsgraph.nlp import BATCH_SIZE, load_model
    from newsgraph.ingest import find_article_files
    from newsgraph.parsing import extract_articles
    from newsgraph.pipeline import build_dataset, read_articles

    nlp = load_model(None)
    list(nlp.pipe(["Warm-up sentence for the model."]))
    articles, _ = read_articles(find_article_files([corpus_dir]))
    words = sum(len(a.text.split()) for a in articles)
    texts = [a.text for a in articles]

    def spacy_alone() -> tuple[float, float]:
        cpu = time.process_time()
        seconds, _ = timed(lambda: sum(1 for _ in nlp.pipe(texts, batch_size=BATCH_SIZE)))
        return seconds, time.process_time() - cpu

    # spaCy alone runs before and after the build and the mean is the reference: on a shared
    # machine the same parse took from 112 s to 132 s in different runs, so one run before the
    # build would favour or penalise it by up to 15%.
    before = spacy_alone()
    cpu, start = time.process_time(), time.perf_counter()
    articles, _ = read_articles(find_article_files([corpus_dir]))
    extractions: list = []
    extracting = [time.perf_counter() - start]  # reading, then the time spent inside the parser's generator
    # As in pipeline.build: build_dataset resolves and maps each extraction as it comes.
    dataset = build_dataset(_timed_items(extract_articles(articles), extractions, extracting))
    done = time.perf_counter()
    build_cpu = time.process_time() - cpu
    after = spacy_alone()
    figures = Throughput(words, len(articles), (before[0] + after[0]) / 2, extracting[0],
                         done - start - extracting[0], done - start, (before[1] + after[1]) / 2, build_cpu,
                         len(dataset), [before[0], after[0]])
    return figures, dataset, extractions


def _timed_items(items, kept: list, seconds: list[float]):
    """Yield from ``items``, keeping each one and adding the time spent producing it to seconds[0]."""
    it = iter(items)
    while True:
        start = time.perf_counter()
        item = next(it, None)
        seconds[0] += time.perf_counter() - start
        if item is None:
            return
        kept.append(item)
        yield item


# --------------------------------------------------------------------------- 2. parallel build


@dataclass
class Parallel:
    jobs: int
    seconds_one: float
    seconds_many: float
    identical: bool
    trig_bytes: int

    @property
    def speedup(self) -> float:
        return self.seconds_one / self.seconds_many


def measure_parallel(corpus_dir: Path, jobs: int = 2) -> Parallel:
    """``build(jobs=1)`` and ``build(jobs=N)``, each in a fresh process (so that neither pays for
    what this process holds: a large heap makes every garbage-collection pass slower), timed
    around the build itself; outputs compared as serialised TriG bytes."""
    script = ("import sys, time\n"
              "from newsgraph.nlp import load_model\n"
              "from newsgraph.pipeline import build\n"
              "from newsgraph.rdfio import serialize_dataset\n"
              "load_model(None)\n"
              "start = time.perf_counter()\n"
              "result = build([sys.argv[1]], jobs=int(sys.argv[2]))\n"
              "seconds = time.perf_counter() - start\n"
              "open(sys.argv[3], 'wb').write(serialize_dataset(result.dataset, 'trig'))\n"
              "print(seconds)\n")
    with tempfile.TemporaryDirectory() as out:
        seconds, trig = {}, {}
        for n in (1, jobs):
            path = Path(out, f"{n}.trig")
            seconds[n] = float(subprocess.run([sys.executable, "-c", script, str(corpus_dir), str(n), str(path)],
                                              check=True, capture_output=True, text=True).stdout.split()[-1])
            trig[n] = path.read_bytes()
    return Parallel(jobs, seconds[1], seconds[jobs], trig[1] == trig[jobs], len(trig[1]))


# --------------------------------------------------------------------------- 3. query latency


@dataclass
class QueryTiming:
    name: str
    rows: int
    newsgraph_first_seconds: float  # the first run, when the query text is parsed for checking
    newsgraph_seconds: float  # newsgraph.query.run_query: checks, runs, renders every row
    raw_seconds: float  # pyoxigraph Store.query, every solution read
    rdflib_seconds: float | None  # None: did not finish within the timeout
    rdflib_timeout: float

    @property
    def vs_raw(self) -> float:
        return self.newsgraph_seconds / self.raw_seconds

    @property
    def vs_rdflib(self) -> float:
        """How many times faster than rdflib (a lower bound when rdflib timed out)."""
        return (self.rdflib_seconds or self.rdflib_timeout) / self.newsgraph_seconds


def dataset_to_store(dataset):
    """The dataset's quads in a new in-memory pyoxigraph Store (no serialisation round trip)."""
    from pyoxigraph import BlankNode, DefaultGraph, Literal, NamedNode, Quad, Store
    from rdflib import BNode, URIRef
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    nodes: dict[object, object] = {}

    def term(t):
        converted = nodes.get(t)
        if converted is None:
            if isinstance(t, URIRef):
                converted = NamedNode(str(t))
            elif isinstance(t, BNode):
                converted = BlankNode(str(t))
            elif t.language:
                converted = Literal(str(t), language=t.language)
            else:
                converted = Literal(str(t), datatype=NamedNode(str(t.datatype)) if t.datatype else None)
            nodes[t] = converted
        return converted

    def graph(ctx):
        name = getattr(ctx, "identifier", ctx)
        return DefaultGraph() if name in (None, DATASET_DEFAULT_GRAPH_ID) else term(name)

    store = Store()
    store.extend(Quad(term(s), term(p), term(o), graph(c)) for s, p, o, c in dataset.quads((None, None, None, None)))
    return store


def measure_queries(store, dataset, queries: Sequence, repeat: int = 3, rdflib_timeout: float = 30.0) -> list[QueryTiming]:
    """Every shipped query on the store: newsgraph's run_query (first run, then best of ``repeat``
    more) and raw ``Store.query`` (best of ``repeat``), and rdflib's in-memory SPARQL on the same dataset once, in a forked process
    stopped after ``rdflib_timeout`` seconds."""
    from newsgraph.query import PREFIXES, run_query

    timings = []
    for query in queries:
        text = query.text
        first, result = timed(lambda: run_query(store, text))
        newsgraph_best, rows = first, len(result.rows)
        raw_best = float("inf")
        for _ in range(repeat):
            seconds, _ = timed(lambda: run_query(store, text))
            newsgraph_best = min(newsgraph_best, seconds)
            seconds, _ = timed(lambda: [list(s) for s in store.query(text, prefixes=PREFIXES,
                                                                       use_default_graph_as_union=True)])
            raw_best = min(raw_best, seconds)
        rdflib_seconds = _rdflib_query_seconds(dataset, text, rdflib_timeout)
        # pyoxigraph results must be freed on this thread: left to a later garbage collection,
        # they may be dropped on a worker pool's thread, which pyoxigraph reports as an error.
        gc.collect()
        timings.append(QueryTiming(query.name, rows, first, newsgraph_best, raw_best, rdflib_seconds, rdflib_timeout))
    return timings


def _rdflib_query_seconds(dataset, text: str, timeout: float) -> float | None:
    # A running rdflib query cannot be interrupted: it runs in a forked copy of this process
    # (which shares the loaded dataset) that is killed at the timeout.
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_run_rdflib_query, args=(dataset, text, send))
    child.start()
    send.close()
    finished = receive.poll(timeout)
    seconds = receive.recv() if finished else None
    if child.is_alive():
        child.kill()
    child.join()
    return seconds


def _run_rdflib_query(dataset, text: str, send) -> None:
    import resource

    from rdflib import Dataset

    from newsgraph.query import PREFIXES

    # A query that builds huge intermediate results fails here instead of exhausting the machine.
    size = int(next(line.split()[1] for line in Path("/proc/self/status").read_text().splitlines()
                    if line.startswith("VmSize:"))) * 1024
    resource.setrlimit(resource.RLIMIT_AS, (size + 4 * 2**30, resource.RLIM_INFINITY))

    union = Dataset(store=dataset.store, default_union=True)
    seconds, _ = timed(lambda: list(union.query(text, initNs=PREFIXES)))
    send.send(seconds)


# --------------------------------------------------------------------------- 4. incremental add


@dataclass
class IncrementalAdd:
    store_quads: int
    seconds_large: list[float]  # one per new article, in order
    seconds_empty: list[float]

    @property
    def ratio(self) -> float:
        return statistics.median(self.seconds_large) / statistics.median(self.seconds_empty)


def measure_incremental_add(corpus_dir: Path, articles: list[Path], work: Path) -> IncrementalAdd:
    """``newsgraph add ARTICLE --store DIR`` (a fresh process each) into a store built from the
    large corpus and into an empty store, for each of a few new articles; medians compared."""
    from pyoxigraph import Store

    large, empty = work / "store-large", work / "store-empty"
    _cli("build", str(corpus_dir), "--store", str(large), "--jobs", "2")
    quads = len(Store.read_only(str(large / "oxigraph")))
    seconds_large, seconds_empty = [], []
    for article in articles:
        seconds_large.append(_cli("add", str(article), "--store", str(large)))
        seconds_empty.append(_cli("add", str(article), "--store", str(empty)))
    return IncrementalAdd(quads, seconds_large, seconds_empty)


def _cli(*args: str) -> float:
    seconds, _ = timed(lambda: subprocess.run([sys.executable, "-m", "newsgraph.cli", "-q", *args], check=True,
                                              capture_output=True))
    return seconds


# --------------------------------------------------------------------------- 5. memory


@dataclass
class Memory:
    peak_rss_bytes: int
    seconds: float


def measure_memory(corpus_dir: Path) -> Memory:
    """Peak RSS of ``newsgraph build CORPUS --no-html`` (one process), read with
    ``getrusage(RUSAGE_CHILDREN)`` in a fresh parent that has no other child."""
    with tempfile.TemporaryDirectory() as out:
        script = ("import resource, subprocess, sys, time\n"
                  "start = time.perf_counter()\n"
                  "subprocess.run([sys.executable, '-m', 'newsgraph.cli', '-q', 'build', sys.argv[1], '-o', sys.argv[2],"
                  " '--no-html'], check=True, stdout=subprocess.DEVNULL)\n"
                  "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, time.perf_counter() - start)\n")
        output = subprocess.run([sys.executable, "-c", script, str(corpus_dir), out], check=True,
                                capture_output=True, text=True).stdout.split()
    # Linux reports ru_maxrss in KiB.
    return Memory(int(output[0]) * 1024, float(output[1]))


# --------------------------------------------------------------------------- 6. render


@dataclass
class Render:
    max_nodes: int
    seconds: float
    html_bytes: int
    summary: str  # the page's own line: "500 of N entities, M relations"


def measure_render(dataset, max_nodes: int = 500) -> Render:
    """``render --max-nodes N`` of the whole corpus graph, timed in Python."""
    import re

    from newsgraph.render import render_html

    seconds, html = timed(lambda: render_html(dataset, max_nodes=max_nodes))
    summary = re.search(r"\d+ of \d+ entities, \d+ relations", html)
    return Render(max_nodes, seconds, len(html.encode("utf-8")), summary.group() if summary else "")
