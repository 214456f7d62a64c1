"""Result tables as text: ``table`` (aligned columns), ``csv`` or ``json``, for queries and every command
that prints rows."""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from newsgraph.errors import QueryError

OUTPUT_FORMATS = ("table", "csv", "json")
"""Names accepted by :func:`format_result`."""

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



def format_result(result: QueryResult, fmt: str) -> str:
    """Render a result as ``table``, ``csv`` or ``json``; the text ends with a newline.

    ``table``: columns aligned (two spaces apart) under a header and a line of dashes, line
    breaks and tabs inside values shown as spaces. ``csv``: a header row, then one row per
    solution, unbound values empty. ``json``: ``{"head": {"vars": [...]}, "results":
    {"bindings": [...]}}`` with the rendered strings as values, unbound values left out, keys
    sorted. ASK gives ``true``/``false`` (``{"boolean": ...}`` in JSON); CONSTRUCT and DESCRIBE
    give N-Triples lines (``{"triples": [...]}`` in JSON).

    Examples:
        >>> result = QueryResult(columns=["who", "n"], rows=[["ng:x", "10"], ["Ana", None]])
        >>> print(format_result(result, "table"), end="")
        who   n
        ----  --
        ng:x  10
        Ana
        >>> print(format_result(result, "csv"), end="")
        who,n
        ng:x,10
        Ana,
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
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(result.columns)
        writer.writerows(["" if value is None else value for value in row] for row in result.rows)
        return out.getvalue()
    if fmt == "json":
        bindings = [{column: value for column, value in zip(result.columns, row) if value is not None}
                    for row in result.rows]
        return _json({"head": {"vars": list(result.columns)}, "results": {"bindings": bindings}})
    return _table(result.columns, result.rows)


def _json(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _table(columns: list[str], rows: list[list[str | None]]) -> str:
    cells = [[_cell(value) for value in row] for row in rows]
    widths = [max([_width(column)] + [_width(row[i]) for row in cells]) for i, column in enumerate(columns)]

    def line(values: list[str]) -> str:
        padded = (value + " " * (width - _width(value)) for value, width in zip(values, widths))
        return "  ".join(padded).rstrip()

    lines = [line(columns), line(["-" * width for width in widths])] + [line(row) for row in cells]
    return "\n".join(lines) + "\n"


def _cell(value: str | None) -> str:
    if value is None:
        return ""
    return re.sub(r"[\t\n\v\f\r\x85\u2028\u2029]+", " ", value).strip()


def _width(text: str) -> int:
    """Columns a string takes in a terminal: wide East Asian characters count 2, marks 0."""
    return sum(0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
               for ch in text)
