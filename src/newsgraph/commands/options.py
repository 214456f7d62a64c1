"""What every newsgraph command shares: domain errors as one-line errors (exit 2), the
``--format table|csv|json`` option, printing rows."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import click

from newsgraph.errors import NewsgraphError

__all__ = ["NewsgraphClickError", "handle_errors", "output_format", "echo_rows"]


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


def echo_rows(header: list[str], rows: list[list[Any]], fmt: str, *, raw: bool = False) -> None:
    """Print rows as a table (fitted to the terminal when stdout is one), CSV (formula guard
    unless ``raw``) or JSON."""
    import shutil
    import sys

    from newsgraph.tables import QueryResult, format_result

    result = QueryResult(columns=header, rows=[[str(c) for c in row] for row in rows])
    width = shutil.get_terminal_size().columns if fmt == "table" and sys.stdout.isatty() else None
    click.echo(format_result(result, fmt, width=width, raw=raw), nl=False)
