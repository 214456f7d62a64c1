"""Run a query under limits: in a child process that can be stopped, rows streamed as they come.

The query runs in a child process (forked, so nothing is imported again) that opens the graph
file or store itself, iterates pyoxigraph's lazy solutions and sends them in small batches over a
pipe; it stops after the row cap, so a cartesian product is never materialised, and its address
space is capped (``RLIMIT_AS``), so a query the engine must materialise (``ORDER BY`` over a
product) ends with a one-line error instead of exhausting the machine. The parent waits
with a deadline: when the time limit passes, or on Ctrl-C, the child is killed at once, whatever
the engine is doing. Errors in the child come back as the same domain exceptions.

:func:`write_results` writes the events of :func:`solutions` (or of any other source of rows,
such as a remote endpoint's answer) as SPARQL JSON, CSV or TSV as they arrive, or as a table
once all rows are in.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from typing import IO, Any

from pyoxigraph import QueryBoolean, QuerySolutions, Store

from newsgraph import errors
from newsgraph.errors import NewsgraphError, QueryError, one_line
from newsgraph.query.check import check_query, execute, syntax_message
from newsgraph.query.results import Term, ask_text, compact, footer, from_oxigraph, header, row_text
from newsgraph.tables import QueryResult, format_result, terminal_safe

__all__ = ["Limits", "Summary", "DEFAULT_TIMEOUT", "DEFAULT_MAX_ROWS", "DEFAULT_MAX_MEMORY_MB",
           "QUERY_FORMATS", "solutions", "result_events", "write_results"]

DEFAULT_TIMEOUT = 60.0
"""Seconds a query may run (``query --timeout``)."""

DEFAULT_MAX_ROWS = 1_000_000
"""Rows after which a query is stopped with an error (``query --max-rows``)."""

DEFAULT_MAX_MEMORY_MB = 4096
"""Address space the query process may use, in MB (``query --max-memory``)."""

QUERY_FORMATS = ("table", "json", "csv", "tsv")
"""Output formats of ``query``: a table for people, SPARQL 1.1 results for programs."""

_BATCH_ROWS = 512
_BATCH_SECONDS = 0.05


@dataclass(frozen=True)
class Limits:
    """``timeout`` in seconds for the query once the graph is open (loading a file is not
    counted); ``limit`` rows shown, the rest cut off with a note (the user's choice); more than
    ``max_rows`` rows is an error (a safety bound). The query process may use ``max_memory_mb``
    MB of address space. ``None`` means no bound."""

    timeout: float | None = DEFAULT_TIMEOUT
    limit: int | None = None
    max_rows: int | None = DEFAULT_MAX_ROWS
    max_memory_mb: int | None = DEFAULT_MAX_MEMORY_MB

    @property
    def cap(self) -> int | None:
        bounds = [b for b in (self.limit, self.max_rows) if b is not None]
        return min(bounds) if bounds else None


@dataclass(frozen=True)
class Summary:
    """What :func:`write_results` wrote: the number of rows, and whether ``--limit`` cut some off."""

    rows: int
    truncated: bool


Event = tuple[Any, ...]
"""What :func:`solutions` yields: ``("vars", names)`` or ``("graph",)``, then ``("rows", batch)``
events, then ``("more",)`` when ``--limit`` cut rows off; or one ``("ask", bool)``."""


def solutions(source: Store | str | os.PathLike[str], sparql: str, limits: Limits = Limits(), *,
              allow_service: bool = False) -> Iterator[Event]:
    """Check ``sparql`` and run it in a child process on a Store (inherited by the fork), a graph
    file or a store folder (opened by the child); yield its events as they come.

    Raises :class:`QueryError` when the query is refused, fails, runs past ``limits.timeout``
    or gives more than ``limits.max_rows`` rows; ``("more",)`` ends the events when
    ``limits.limit`` cut rows off. Closing the iterator (or Ctrl-C) kills the child.
    """
    check_query(sparql, allow_service=allow_service)
    methods = multiprocessing.get_all_start_methods()
    context: Any = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    receiver, sender = context.Pipe(duplex=False)
    # SIGINT is blocked across the fork so the child can ignore it before one arrives: Ctrl-C
    # reaches the whole process group, and only the parent should act on it.
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        child = context.Process(target=_child, daemon=True,
                                args=(sender, source, sparql, limits.cap, limits.max_memory_mb))
        child.start()
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
    sender.close()
    deadline = None  # set once the graph is open: --timeout bounds the query, not the loading
    try:
        while True:
            remaining = None if deadline is None else deadline - time.monotonic()
            if remaining is not None and (remaining <= 0 or not receiver.poll(remaining)):
                raise QueryError(f"The query ran for more than {limits.timeout:g} s and was stopped "
                                 "(--timeout SECONDS allows more)")
            try:
                event = receiver.recv()
            except EOFError:
                child.join(1)
                if limits.max_memory_mb is not None and child.exitcode == -signal.SIGABRT:
                    raise QueryError(_memory_message(limits.max_memory_mb)) from None
                raise QueryError(f"The query process ended unexpectedly (exit code {child.exitcode}); "
                                 "it may have run out of memory: add LIMIT or narrow the query") from None
            if event[0] == "opened":
                deadline = None if limits.timeout is None else time.monotonic() + limits.timeout
                continue
            if event[0] == "end":
                return
            if event[0] == "error":
                kind = getattr(errors, event[1], QueryError)
                if not (isinstance(kind, type) and issubclass(kind, NewsgraphError)):
                    kind = QueryError
                raise kind(event[2])
            if event[0] == "memory":
                raise QueryError(_memory_message(limits.max_memory_mb))
            if event[0] == "more" and (limits.limit is None or limits.limit > (limits.max_rows or 0)):
                raise QueryError(f"The query gave more than {limits.max_rows} rows and was stopped: add "
                                 "LIMIT to the query, or pass --limit N to show the first N rows")
            yield event
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receiver.close()


def _memory_message(megabytes: int | None) -> str:
    return (f"The query needed more than {megabytes} MB of memory and was stopped: add LIMIT or narrow "
            "the query (--max-memory MB allows more)")


def _child(sender: Any, source: Store | str | os.PathLike[str], sparql: str, cap: int | None,
           max_memory_mb: int | None) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    _die_with_parent()
    # Everything the child has to say goes through the pipe; the engine's own "memory allocation
    # failed" line, printed as it aborts at the memory limit, must not reach the user's terminal.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    os.close(devnull)
    if max_memory_mb is not None:
        import resource

        limit = max_memory_mb * 1024 * 1024
        try:
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        except (ValueError, OSError):
            pass  # already above it, or not allowed: the timeout still bounds the query
    try:
        with _opened(source) as store:
            sender.send(("opened",))
            _send_results(sender, execute(store, sparql), cap)
        sender.send(("end",))
    except SyntaxError as exc:
        sender.send(("error", "QueryError", syntax_message(exc, sparql)))
    except NewsgraphError as exc:
        sender.send(("error", type(exc).__name__, str(exc)))
    except MemoryError:
        sender.send(("memory",))
    except (OSError, RuntimeError, ValueError) as exc:
        sender.send(("error", "QueryError", f"query failed: {one_line(str(exc)) or type(exc).__name__}"))
    finally:
        sender.close()


def _die_with_parent() -> None:
    """Ask Linux to kill this process when its parent dies (``kill -9`` of ``newsgraph query``
    must not leave the query running); elsewhere the closed pipe ends it at its next batch."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass
    if os.getppid() == 1:  # the parent died before the request took effect
        os._exit(1)


def _opened(source: Store | str | os.PathLike[str]) -> AbstractContextManager[Store]:
    if isinstance(source, Store):
        return nullcontext(source)
    from newsgraph.sources import oxigraph_store

    return oxigraph_store(source)


def _stable(term: Term, blank_nodes: dict[str, str]) -> Term:
    """Blank nodes renamed ``b0``, ``b1``, ... in order of appearance: pyoxigraph gives each load
    random labels, and the same query on the same file must print the same bytes."""
    if term.kind != "bnode":
        return term
    return term._replace(value=blank_nodes.setdefault(term.value, f"b{len(blank_nodes)}"))


def _send_results(sender: Any, result: Any, cap: int | None) -> None:
    blank_nodes: dict[str, str] = {}
    if isinstance(result, QueryBoolean):
        sender.send(("ask", bool(result)))
        return
    if isinstance(result, QuerySolutions):
        sender.send(("vars", [variable.value for variable in result.variables]))
        rows: Iterable[Any] = ([None if value is None else _stable(from_oxigraph(value), blank_nodes)
                                for value in solution] for solution in result)
    else:
        sender.send(("graph",))
        rows = (f"{triple} ." for triple in result)
    batch: list[Any] = []
    sent_at, count = time.monotonic(), 0
    iterator = iter(rows)
    for row in iterator:
        if cap is not None and count == cap:
            break
        batch.append(row)
        count += 1
        if len(batch) >= _BATCH_ROWS or time.monotonic() - sent_at >= _BATCH_SECONDS:
            sender.send(("rows", batch))
            batch, sent_at = [], time.monotonic()
    else:
        if batch:
            sender.send(("rows", batch))
        return
    if batch:
        sender.send(("rows", batch))
    sender.send(("more",))


def result_events(result: QueryResult, limits: Limits = Limits()) -> Iterator[Event]:
    """The events of a result already in memory (a remote endpoint's answer), under the same
    row limits as :func:`solutions`; values are terms or rendered strings."""
    from newsgraph.query.results import from_json_binding, from_rendered

    if result.kind == "ask":
        yield ("ask", bool(result.boolean))
        return
    if result.kind == "graph":
        yield ("graph",)
        rows: list[Any] = list(result.triples)
    else:
        yield ("vars", list(result.columns))
        if result.bindings:  # an endpoint's own values: datatypes and languages kept
            rows = [[None if b is None else from_json_binding(b) for b in row] for row in result.bindings]
        else:
            rows = [[None if v is None else v if isinstance(v, Term) else from_rendered(v) for v in row]
                    for row in result.rows]
    cap = limits.cap
    yield ("rows", rows if cap is None else rows[:cap])
    if cap is not None and len(rows) > cap:
        if limits.limit is None or limits.limit > (limits.max_rows or 0):
            raise QueryError(f"The query gave more than {limits.max_rows} rows: add LIMIT to the query, "
                             "or pass --limit N to show the first N rows")
        yield ("more",)


def write_results(events: Iterable[Event], fmt: str, out: IO[str], *, width: int | None = None,
                  raw: bool = False) -> Summary:
    """Write query events to ``out`` as ``json``, ``csv``, ``tsv`` (SPARQL 1.1 results, rows
    written and flushed as they arrive) or ``table`` (compact prefixed terms, fitted to ``width``,
    written once all rows are in). CONSTRUCT and DESCRIBE give N-Triples lines (in JSON,
    ``{"head":{},"triples":[...]}``). ``raw`` turns off the CSV formula guard."""
    if fmt not in QUERY_FORMATS:
        raise QueryError(f"Unknown output format {fmt!r} (use {', '.join(QUERY_FORMATS)})")
    ends_line = _LineTracker(out)
    try:
        return _write(events, fmt, ends_line, width, raw)
    except BaseException:
        ends_line.finish()  # an error or Ctrl-C after partial output: its message starts a new line
        raise


class _LineTracker:
    """A text stream that remembers whether what it wrote so far ends a line."""

    def __init__(self, out: IO[str]) -> None:
        self.out, self.open_line = out, False

    def write(self, text: str) -> None:
        if text:
            self.out.write(text)
            self.open_line = not text.endswith("\n")

    def flush(self) -> None:
        self.out.flush()

    def finish(self) -> None:
        if self.open_line:
            self.write("\n")
            self.flush()


def _write(events: Iterable[Event], fmt: str, out: _LineTracker, width: int | None, raw: bool) -> Summary:
    variables: list[str] = []
    table: list[list[str | None]] = []
    kind, count, truncated = "select", 0, False
    for event in events:
        if event[0] == "ask":
            out.write(format_result(QueryResult(boolean=event[1], kind="ask"), "table") if fmt == "table"
                      else ask_text(fmt, event[1]) + "\n")
            return Summary(0, False)
        if event[0] == "vars":
            variables = list(event[1])
            if fmt != "table":
                out.write(header(fmt, variables))
        elif event[0] == "graph":
            kind = "graph"
            if fmt == "json":
                out.write('{"head":{},"triples":[')
        elif event[0] == "rows":
            for row in event[1]:
                if kind == "graph" and fmt == "json":
                    out.write(("," if count else "") + _json_string(row))
                elif kind == "graph":  # N-Triples lines; a table shows C1 controls escaped too
                    out.write((terminal_safe(row) if fmt == "table" else row) + "\n")
                elif fmt == "table":
                    table.append([compact(term) for term in row])
                else:
                    out.write(row_text(fmt, variables, row, first=count == 0, raw=raw))
                count += 1
            out.flush()
        elif event[0] == "more":
            truncated = True
    if fmt == "table" and kind == "select":
        out.write(format_result(QueryResult(columns=variables, rows=table), "table", width=width))
    elif fmt == "json":
        out.write((footer(fmt) if kind == "select" else "]}") + "\n")
    out.flush()
    return Summary(count, truncated)


def _json_string(text: str) -> str:
    import json

    return json.dumps(text, ensure_ascii=False)
