"""Domain exceptions. Library code raises these; the CLI turns them into one-line errors."""

from __future__ import annotations

__all__ = ["NewsgraphError", "InputError", "ModelError", "GraphLoadError", "QueryError", "OutputError",
           "RemoteError", "StoreError", "one_line", "first_argument"]


class NewsgraphError(Exception):
    """Base class: the message says what was wrong and what to do about it."""

    exit_code = 2


class InputError(NewsgraphError):
    """An article path or file that cannot be read as an article."""


class ModelError(NewsgraphError):
    """The spaCy pipeline asked for cannot be loaded."""


class GraphLoadError(NewsgraphError):
    """A graph file that does not exist or does not parse."""


class QueryError(NewsgraphError):
    """A SPARQL query that does not parse or is not allowed."""


class OutputError(NewsgraphError, OSError):
    """An output file that cannot be written; the previous outputs are left as they were."""


class RemoteError(NewsgraphError):
    """A SPARQL endpoint that cannot be reached or refuses a request."""


class StoreError(NewsgraphError):
    """A corpus store that cannot be opened, is in use by another process, or cannot be changed."""


def one_line(text: object) -> str:
    r"""A message on one line: runs of whitespace, line breaks included, become one space.

    >>> one_line("at line 2:\n  unexpected  token")
    'at line 2: unexpected token'
    """
    return " ".join(str(text).split())


def first_argument(exc: BaseException) -> str:
    """An exception's own message, without the decoration ``str()`` adds to some (SyntaxError)."""
    return str(exc.args[0]) if exc.args else str(exc)
