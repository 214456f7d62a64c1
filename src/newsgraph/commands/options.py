"""What every newsgraph command shares: domain errors as one-line errors (exit 2), the
``--format table|csv|json`` and ``text|json`` options, printing rows, reports and JSON."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import click

from newsgraph.errors import NewsgraphError

__all__ = ["NewsgraphClickError", "handle_errors", "output_format", "text_or_json", "echo_rows", "echo_text",
           "echo_json"]


class NewsgraphClickError(click.ClickException):
    exit_code = 2


def handle_errors(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Turn domain exceptions into one-line errors with exit code 2 (no traceback)."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except NewsgraphError as exc:
            raise NewsgraphClickError(str(exc)) from exc

    return wrapper


def output_format(default: str = "table") -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Shared ``--format table|csv|json`` option."""
    return click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default=default,
                        show_default=True, help="Output format.")


def text_or_json() -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """``--format text|json`` of the commands that print a report (``explain``, ``path``)."""
    return click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
                        show_default=True, help="Text for people, or JSON (its shape is in the README).")


def echo_text(text: str) -> None:
    """Print text that holds data: control characters escaped, so data cannot drive the terminal."""
    from newsgraph.tables import terminal_safe

    click.echo(terminal_safe(text))


def echo_json(data: object) -> None:
    import json

    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


def echo_rows(header: list[str], rows: list[list[Any]], fmt: str, *, raw: bool = False) -> None:
    """Print rows as a table (fitted to the terminal when stdout is one), CSV (formula guard
    unless ``raw``) or JSON."""
    import shutil
    import sys

    from newsgraph.tables import QueryResult, format_result

    result = QueryResult(columns=header, rows=[[str(c) for c in row] for row in rows])
    width = shutil.get_terminal_size().columns if fmt == "table" and sys.stdout.isatty() else None
    click.echo(format_result(result, fmt, width=width, raw=raw), nl=False)
