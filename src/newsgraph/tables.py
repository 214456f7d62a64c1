"""Result tables as text: ``table`` (aligned columns), ``csv`` or ``json``, for queries and every command
that prints rows; the guards that keep data from acting on a terminal or a spreadsheet."""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from newsgraph.errors import QueryError

__all__ = ["OUTPUT_FORMATS", "QueryResult", "format_result", "guard_formula", "terminal_safe", "fit_widths"]

OUTPUT_FORMATS = ("table", "csv", "json")
"""Names accepted by :func:`format_result`."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""Characters that make a spreadsheet read a CSV cell as a formula (OWASP, "CSV Injection")."""

_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_LINE_BREAKS = re.compile(r"[\n\v\f\r\x85\u2028\u2029]+")
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
ELLIPSIS = "…"


def guard_formula(value: str) -> str:
    """``value`` with a leading ``'`` when a spreadsheet would run it as a formula: it starts
    with one of :data:`FORMULA_STARTS` and is not a number (``-5`` and ``+1.5e3`` stay as they are).

    >>> guard_formula("=SUM(A1:A9)"), guard_formula("-12"), guard_formula("@x")
    ("'=SUM(A1:A9)", '-12', "'@x")
    """
    if value.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def terminal_safe(text: str) -> str:
    r"""``text`` safe to print on a terminal: line breaks (``\n``, ``\r``, U+2028 ...) become one
    space, other C0 and C1 control characters and DEL (ESC, BEL, the start of OSC sequences) are
    shown escaped as ``\xNN``; tabs stay.

    >>> terminal_safe("Velka\x1b]0;owned\x07 Front\n\nsaid")
    'Velka\\x1b]0;owned\\x07 Front said'
    """
    text = _LINE_BREAKS.sub(" ", text)
    return _CONTROLS.sub(lambda m: f"\\x{ord(m.group()):02x}", text)

@dataclass
class QueryResult:
    """The outcome of a query, with every term rendered as a string (see :func:`render_term`).

    ``kind`` is ``"select"`` (``columns`` and ``rows``; an unbound value is ``None``), ``"ask"``
    (``boolean``) or ``"graph"`` for CONSTRUCT and DESCRIBE (``triples``, N-Triples lines).
    """

    columns: list[str] = field(default_factory=list)
    rows: list[list[str | None]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[str] = field(default_factory=list)
    kind: str = "select"
    # A remote endpoint's values as its SPARQL JSON gave them (type, value, datatype, xml:lang),
    # row by row beside ``rows``: written out in a standard results format, a literal keeps them.
    bindings: list[list[dict[str, str] | None]] = field(default_factory=list)



def format_result(result: QueryResult, fmt: str, *, width: int | None = None, raw: bool = False) -> str:
    """Render a result as ``table``, ``csv`` or ``json``; the text ends with a newline.

    ``table``: columns aligned (two spaces apart) under a header and a line of dashes, line
    breaks inside values shown as spaces and other control characters escaped
    (:func:`terminal_safe`); with ``width``, the widest columns are cut to fit it and their long
    cells end in ``…`` (:func:`fit_widths`). ``csv``: a header row, then one row per solution,
    unbound values empty, CRLF line ends, cells that would be a spreadsheet formula guarded with a
    leading ``'`` unless ``raw`` (:func:`guard_formula`). ``json``: ``{"head": {"vars": [...]},
    "results": {"bindings": [...]}}`` with the strings as values, unbound values left out, keys
    sorted. ASK gives ``true``/``false`` (``{"boolean": ...}`` in JSON); CONSTRUCT and DESCRIBE
    give N-Triples lines (``{"triples": [...]}`` in JSON).

    Examples:
        >>> result = QueryResult(columns=["who", "n"], rows=[["ng:x", "10"], ["Ana", None]])
        >>> print(format_result(result, "table"), end="")
        who   n
        ----  --
        ng:x  10
        Ana
        >>> format_result(result, "csv")
        'who,n\\r\\nng:x,10\\r\\nAna,\\r\\n'
    """
    if fmt not in OUTPUT_FORMATS:
        raise QueryError(f"Unknown output format {fmt!r} (use {', '.join(OUTPUT_FORMATS)})")
    if result.kind == "ask":
        value = bool(result.boolean)
        if fmt == "json":
            return _json({"head": {}, "boolean": value})
        return ("boolean\n" if fmt == "csv" else "") + ("true\n" if value else "false\n")
    if result.kind == "graph":
        if fmt == "json":
            return _json({"head": {}, "triples": result.triples})
        return "".join(line + "\n" for line in result.triples)
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(result.columns)
        writer.writerows(["" if value is None else value if raw else guard_formula(value) for value in row]
                         for row in result.rows)
        return out.getvalue()
    if fmt == "json":
        bindings = [{column: value for column, value in zip(result.columns, row) if value is not None}
                    for row in result.rows]
        return _json({"head": {"vars": list(result.columns)}, "results": {"bindings": bindings}})
    return _table(result.columns, result.rows, width)


def _json(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def fit_widths(natural: list[int], width: int | None, separator: int = 2, minimum: int = 3) -> list[int]:
    """Column widths that fit ``width`` terminal columns: the widest columns are cut first, to
    one common cap, and none below ``minimum`` (or its natural width). Depends only on the
    widths given, so the same rows give the same table.

    >>> fit_widths([10, 40, 5], 40)
    [10, 21, 5]
    >>> fit_widths([10, 40, 5], None)
    [10, 40, 5]
    """
    if width is None or width <= 0 or not natural:
        return list(natural)
    room = width - separator * (len(natural) - 1)
    if sum(natural) <= room:
        return list(natural)
    floor = [min(w, minimum) for w in natural]
    cap = max(natural)
    while cap > minimum and sum(max(f, min(w, cap)) for w, f in zip(natural, floor)) > room:
        cap -= 1
    return [max(f, min(w, cap)) for w, f in zip(natural, floor)]


def _table(columns: list[str], rows: list[list[str | None]], width: int | None = None) -> str:
    header = [_cell(column) for column in columns]
    cells = [[_cell(value) for value in row] for row in rows]
    natural = [max([_width(column)] + [_width(row[i]) for row in cells]) for i, column in enumerate(header)]
    widths = fit_widths(natural, width)

    def line(values: list[str]) -> str:
        cut = (_truncate(value, w) for value, w in zip(values, widths))
        return "  ".join(value + " " * (w - _width(value)) for value, w in zip(cut, widths)).rstrip()

    lines = [line(header), line(["-" * w for w in widths])] + [line(row) for row in cells]
    return "\n".join(lines) + "\n"


def _cell(value: str | None) -> str:
    if value is None:
        return ""
    return terminal_safe(value.replace("\t", " ")).strip()


def _truncate(text: str, width: int) -> str:
    if _width(text) <= width:
        return text
    kept, used = [], 0
    for ch in text:
        size = _width(ch)
        if used + size > width - 1:
            break
        kept.append(ch)
        used += size
    return "".join(kept) + ELLIPSIS


def _width(text: str) -> int:
    """Columns a string takes in a terminal: wide East Asian characters count 2, marks 0."""
    return sum(0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
               for ch in text)
