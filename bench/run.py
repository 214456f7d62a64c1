"""``python -m bench``: generate the synthetic corpus, run every measurement in one process run,
write the report (``bench/RESULTS.md`` by default).

Example:

    python -m bench --articles 1000 --out bench/RESULTS.md
    python -m bench --quick --articles 5 --out /tmp/results.md
"""

from __future__ import annotations

import math
import os
import statistics
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import click

from bench.corpus import write_corpus
from bench.measure import (IncrementalAdd, Machine, Memory, Parallel, QueryTiming, Render, Throughput, machine,
                           measure_incremental_add, measure_memory, measure_parallel, measure_queries,
                           measure_render, measure_throughput, dataset_to_store, timed)

__all__ = ["main", "run_benchmark", "Results", "report"]

# Articles in the graph on which rdflib's SPARQL engine is timed to the end.
SUBSET = 50
TARGETS = {"throughput": 0.8, "parallel": 1.7, "rdflib": 50.0, "raw": 1.5, "rss": 1.5 * 2**30}


@dataclass
class Results:
    machine: Machine
    seed: int
    corpus_words: int
    throughput: Throughput
    parallel: Parallel
    query_articles: int  # articles in the graph queried
    query_quads: int
    load_seconds: float
    queries: list[QueryTiming]
    subset_articles: int  # the graph on which rdflib runs to the end
    subset_quads: int
    subset_queries: list[QueryTiming]
    incremental: IncrementalAdd
    memory: Memory
    render: Render
    seconds: float


def run_benchmark(articles: int, work: Path, seed: int = 0, query_quads: int = 1_000_000,
                  rdflib_timeout: float = 30.0, repeat: int = 3, log=print) -> Results:
    """Every measurement, in one run, on a corpus of ``articles`` generated articles (more are
    generated for the query graph until it holds ``query_quads`` quads)."""
    from newsgraph.parallel import extract_in_processes
    from newsgraph.ingest import find_article_files
    from newsgraph.pipeline import build_dataset, read_articles
    from newsgraph.query import shipped_queries

    started = time.perf_counter()
    log(f"corpus: {articles} articles, seed {seed}")
    corpus = write_corpus(work / "corpus", articles, seed)
    info = machine()

    log("1. throughput: spaCy alone, then the newsgraph build (one process)")
    throughput, dataset, extractions = measure_throughput(corpus.directory)
    log("6. render --max-nodes 500 of the corpus graph")
    render = measure_render(dataset)

    log(f"3. query latency on the graph of the first {min(SUBSET, articles)} articles, rdflib included")
    subset = build_dataset(extractions[:SUBSET])
    subset_queries = measure_queries(dataset_to_store(subset), subset, shipped_queries(), repeat=repeat,
                                     rdflib_timeout=max(rdflib_timeout, 300.0))
    subset_quads = len(subset)
    del subset

    log("2. parallel build, --jobs 2")
    parallel = measure_parallel(corpus.directory, jobs=2)

    log(f"3. query latency (graph of at least {query_quads:,} quads)")
    total = articles
    while len(dataset) < query_quads:
        per_article = len(dataset) / total
        more = math.ceil((query_quads - len(dataset)) / per_article * 1.1)
        extra = write_corpus(work / f"extra-{total}", more, seed, start=total)
        extractions += list(extract_in_processes(read_articles(find_article_files([extra.directory]))[0], None, jobs=2))
        total += more
        dataset = build_dataset(extractions)
        log(f"   {total} articles: {len(dataset):,} quads")
    load_seconds, store = timed(lambda graph=dataset: dataset_to_store(graph))
    queries = measure_queries(store, dataset, shipped_queries(), repeat=repeat, rdflib_timeout=rdflib_timeout)
    quads = len(dataset)
    large_corpus = work / "large"
    del dataset, store, extractions

    log("4. incremental add")
    large_corpus.mkdir()
    for folder in [corpus.directory, *sorted(work.glob("extra-*"))]:
        for path in folder.iterdir():
            # A hard link, not a symbolic one: a build follows links only to files inside the
            # folder it is given (a link out of it is skipped), and copies would double the disk.
            os.link(path, large_corpus / f"{folder.name}-{path.name}")
    new_articles = write_corpus(work / "new", 3, seed, start=total).paths
    incremental = measure_incremental_add(large_corpus, new_articles, work)

    log("5. memory: peak RSS of the build in a child process")
    memory = measure_memory(corpus.directory)
    return Results(info, seed, corpus.words, throughput, parallel, total, quads, load_seconds, queries,
                   min(SUBSET, articles), subset_quads, subset_queries, incremental, memory, render,
                   time.perf_counter() - started)


def _query_header() -> list[str]:
    return ["| query | rows | newsgraph first run s | newsgraph s | raw s | newsgraph / raw | rdflib s"
            " | rdflib / newsgraph |", "|---|---|---|---|---|---|---|---|"]


def _query_rows(timings: list[QueryTiming]) -> list[str]:
    rows = []
    for q in timings:
        rdflib = f"{q.rdflib_seconds:.2f}" if q.rdflib_seconds is not None \
            else f"stopped (> {q.rdflib_timeout:.0f} s or > 4 GiB)"
        bound = ">= " if q.rdflib_seconds is None else ""
        rows.append(f"| {q.name} | {q.rows:,} | {q.newsgraph_first_seconds:.4f} | {q.newsgraph_seconds:.4f}"
                    f" | {q.raw_seconds:.4f} | {q.vs_raw:.2f} | {rdflib} | {bound}{q.vs_rdflib:,.0f} |")
    return rows


def _verdict(ok: bool) -> str:
    return "met" if ok else "**missed**"


def report(r: Results, quick: bool = False) -> str:
    """The results as Markdown: each figure next to its target."""
    m, t, p = r.machine, r.throughput, r.parallel
    lines = [
        "# newsgraph benchmark",
        "",
        "Written by `python -m bench" + (" --quick" if quick else "") + f" --articles {t.articles}`"
        f" (seed {r.seed}) in {r.seconds / 60:.1f} min. All figures come from this one run. The machine was"
        " shared with other work while it ran, so absolute times are noisy; ratios compare runs made"
        " minutes apart in the same process.",
        "",
        "## Machine",
        "",
        f"- CPU: {m.cpu}, {m.cores} cores; RAM {m.ram_gib:.1f} GiB",
        f"- Python {m.python}; " + ", ".join(f"{k} {v}" for k, v in m.versions.items()),
        f"- spaCy model: {m.model}",
        "",
        "## Corpus",
        "",
        f"{t.articles:,} synthetic articles, {r.corpus_words:,} words of body text ({t.words:,} words after"
        " ingest, which is what the throughput counts), generated by `bench/corpus.py`: invented armed"
        " groups, founders, leaders, commanders, units, alliances, members, towns, regions, countries and"
        " outlets (names from syllables), one attack per article with casualty counts from two sources,"
        " claims, denials, accusations and background paragraphs about other groups' attacks.",
        "",
        "## Results",
        "",
        "| # | measurement | result | target | |",
        "|---|---|---|---|---|",
        f"| 1 | build throughput (read + extract + resolve + map + infer, one process) vs spaCy `nlp.pipe` alone,"
        f" CPU time | {t.words / t.build_cpu_seconds:,.0f} vs {t.words / t.spacy_cpu_seconds:,.0f} words/s ="
        f" **{t.cpu_ratio:.2f} x** | >= {TARGETS['throughput']} x | {_verdict(t.cpu_ratio >= TARGETS['throughput'])} |",
        f"| 1 | the same in wall-clock time | {t.build_words_per_second:,.0f} vs {t.spacy_words_per_second:,.0f}"
        f" words/s = **{t.ratio:.2f} x** | >= {TARGETS['throughput']} x | {_verdict(t.ratio >= TARGETS['throughput'])} |",
        f"| 2 | `build(jobs={p.jobs})` vs `build(jobs=1)`, each in a fresh process | {p.seconds_one:.1f} s /"
        f" {p.seconds_many:.1f} s = **{p.speedup:.2f} x**;"
        f" TriG {'byte-identical' if p.identical else '**differs**'} ({p.trig_bytes:,} bytes)"
        f" | >= {TARGETS['parallel']} x, identical | {_verdict(p.speedup >= TARGETS['parallel'] and p.identical)} |",
    ]
    worst_rdflib = min(q.vs_rdflib for q in r.queries)
    worst_raw = max(q.vs_raw for q in r.queries)
    subset_rdflib = min(q.vs_rdflib for q in r.subset_queries)
    lines += [
        f"| 3 | query latency on {r.query_quads:,} quads, every shipped query: rdflib / newsgraph (worst)"
        f" | **>= {worst_rdflib:,.0f} x** (a lower bound: rdflib was stopped after"
        f" {r.queries[0].rdflib_timeout:.0f} s on {sum(q.rdflib_seconds is None for q in r.queries)} of"
        f" {len(r.queries)} queries) | >= {TARGETS['rdflib']:.0f} x"
        f" | {'met' if worst_rdflib >= TARGETS['rdflib'] else 'not shown by a bound this low'} |",
        f"| 3 | the same on the {r.subset_quads:,}-quad graph of {r.subset_articles} articles, rdflib run to the end"
        f" (worst) | **{subset_rdflib:,.0f} x** | >= {TARGETS['rdflib']:.0f} x"
        f" | {_verdict(subset_rdflib >= TARGETS['rdflib'])} |",
        f"| 3 | newsgraph / raw pyoxigraph `Store.query` (worst) | **{worst_raw:.2f} x** | <= {TARGETS['raw']} x"
        f" | {_verdict(worst_raw <= TARGETS['raw'])} |",
    ]
    inc = r.incremental
    lines.append(f"| 4 | incremental add: store of {inc.store_quads:,} quads vs empty store (median of"
                 f" {len(inc.seconds_large)} articles) | {statistics.median(inc.seconds_large):.2f} s vs"
                 f" {statistics.median(inc.seconds_empty):.2f} s = **{inc.ratio:.2f} x** | <= 2 x"
                 f" | {_verdict(inc.ratio <= 2)} |")
    rss = r.memory.peak_rss_bytes
    lines += [
        f"| 5 | peak RSS, `newsgraph build` of the corpus (`--no-html`, one process) | **{rss / 2**30:.2f} GiB**"
        f" ({r.memory.seconds:.0f} s) | <= 1.5 GiB | {_verdict(rss <= TARGETS['rss'])} |",
        f"| 6 | `render --max-nodes {r.render.max_nodes}` of the corpus graph | **{r.render.seconds:.1f} s**,"
        f" {r.render.html_bytes / 2**20:.2f} MiB; {r.render.summary} | | |",
        "",
        "### 1. Throughput",
        "",
        f"spaCy alone: `nlp.pipe(texts, batch_size=8)` (newsgraph's batch size) over the {t.articles:,} article"
        f" texts, run before and after the build: {t.spacy_seconds:.1f} s on average ({t.spacy_cpu_seconds:.1f} s"
        f" CPU; the two runs {' and '.join(f'{x:.1f} s' for x in t.spacy_runs)}). newsgraph build (`read_articles`,"
        f" `extract_articles` streamed into `build_dataset`, as `pipeline.build` does): {t.build_seconds:.1f} s"
        f" ({t.build_cpu_seconds:.1f} s CPU), of which reading and extraction (parse + rules)"
        f" {t.extract_seconds:.1f} s and resolution + mapping + inference {t.resolve_map_infer_seconds:.1f} s;"
        f" {t.quads:,} quads, {t.build_seconds / t.articles * 1000:.0f} ms per article."
        " Both run in one thread, so CPU time is what each costs whatever else the shared machine was"
        " doing; wall-clock time is shown too.",
        "",
        "### 3. Query latency",
        "",
        f"The corpus graph ({t.quads:,} quads) is below 1M quads, so the graph queried is built from"
        f" {r.query_articles:,} articles of the same generator (the corpus plus more articles; extra"
        f" articles extracted with `--jobs 2`, the whole graph resolved, mapped and inferred together):"
        f" {r.query_quads:,} quads, loaded into an in-memory pyoxigraph `Store` in {r.load_seconds:.1f} s."
        if r.query_articles > t.articles else
        f"The corpus graph ({r.query_quads:,} quads) in an in-memory pyoxigraph `Store`"
        f" (loaded in {r.load_seconds:.1f} s).",
        "",
        "newsgraph = `newsgraph.query.run_query(store, text)` (checks the query, runs it, renders every row);"
        " raw = `Store.query(text, prefixes=…, use_default_graph_as_union=True)` with every solution read;"
        " both best of several runs. rdflib = rdflib's SPARQL engine on the same in-memory `Dataset`"
        f" (union default graph), run once in a forked process and stopped after {r.queries[0].rdflib_timeout:.0f} s"
        " or 4 GiB of memory beyond the loaded graph:"
        " where it was stopped, the ratio is a lower bound (no extrapolation).",
        "",
        "The first run of each query also parses it with rdflib's SPARQL parser for the read-only check"
        " (cached by query text for later runs): that column is shown apart.",
        "",
        *_query_header(),
    ]
    lines += _query_rows(r.queries)
    lines += [
        "",
        f"The same queries on the graph of the first {r.subset_articles} articles ({r.subset_quads:,} quads),"
        " where rdflib is given up to 300 s per query, so its time is measured, not bounded:",
        "",
        *_query_header(),
        *_query_rows(r.subset_queries),
    ]
    lines += ["", "### 4. Incremental add", ""]
    lines.append("`newsgraph -q add ARTICLE --store DIR`, a fresh process each (Python start and spaCy model"
                 f" load included), for {len(inc.seconds_large)} new articles of the same generator, into the"
                 f" store built with `newsgraph build --store --jobs 2` from the {r.query_articles:,} articles of"
                 f" the query graph ({inc.store_quads:,} quads) and into an empty store: "
                 + ", ".join(f"{a:.2f} s" for a in inc.seconds_large) + " vs "
                 + ", ".join(f"{b:.2f} s" for b in inc.seconds_empty) + ".")
    lines += [
        "",
        "### 5. Memory",
        "",
        "`newsgraph -q build CORPUS -o TMP --no-html` in a child of a fresh Python process, which then"
        " reads `resource.getrusage(RUSAGE_CHILDREN).ru_maxrss` (the HTML page of the whole corpus is left"
        " out: measurement 6 renders it with `--max-nodes`).",
        "",
        "### 6. Render",
        "",
        "`newsgraph.render.render_html(dataset, max_nodes=500)` on the one-process build of the corpus;"
        " time in Python only (layout precomputed, so the browser does not run physics).",
        "",
    ]
    return "\n".join(lines)


@click.command()
@click.option("--articles", type=click.IntRange(min=1), help="Articles in the corpus (default 1000; 5 with --quick).")
@click.option("--out", type=click.Path(path_type=Path), default=Path("bench/RESULTS.md"), show_default=True)
@click.option("--quick", is_flag=True, help="Small and fast: no 1M-quad query graph, short rdflib timeout.")
@click.option("--seed", default=0, show_default=True)
@click.option("--rdflib-timeout", type=float, help="Seconds before an rdflib query is stopped (30; 10 with --quick).")
def main(articles: int | None, out: Path, quick: bool, seed: int, rdflib_timeout: float | None) -> None:
    """Benchmark newsgraph on a synthetic corpus and write the report."""
    articles = articles or (5 if quick else 1000)
    with tempfile.TemporaryDirectory(prefix="newsgraph-bench-") as work:
        results = run_benchmark(articles, Path(work), seed, query_quads=0 if quick else 1_000_000,
                                rdflib_timeout=rdflib_timeout or (10.0 if quick else 30.0), repeat=1 if quick else 3,
                                log=lambda message: click.echo(message, err=True))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(report(results, quick), encoding="utf-8")
    click.echo(f"wrote {out}")
