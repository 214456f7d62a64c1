"""The query files shipped in ``queries/``, with the title and description of their headers."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from newsgraph.namespaces import asset_dir

__all__ = ["ShippedQuery", "queries_dir", "shipped_queries", "shipped_query"]


@dataclass(frozen=True)
class ShippedQuery:
    """A query file from ``queries/`` with the ``# title:`` and ``# description:`` of its header."""

    name: str
    path: Path
    title: str
    description: str

    @property
    def text(self) -> str:
        return self.path.read_text(encoding="utf-8")


def queries_dir() -> Path:
    """Return the directory of the shipped ``.rq`` files (see :func:`newsgraph.namespaces.asset_dir`)."""
    return asset_dir("queries")


def shipped_queries(directory: str | os.PathLike[str] | None = None) -> list[ShippedQuery]:
    """The ``.rq`` files of ``directory`` (default :func:`queries_dir`), sorted by name.

    Examples:
        >>> [q.name for q in shipped_queries()][:2]
        ['attacks', 'attributions']
    """
    folder = Path(directory) if directory is not None else queries_dir()
    found = []
    for path in sorted(folder.glob("*.rq")):
        header = _header(path.read_text(encoding="utf-8"))
        title, description = header.get("title", path.stem), header.get("description", "")
        found.append(ShippedQuery(path.stem, path, title, description))
    return found


def shipped_query(name: str) -> ShippedQuery | None:
    """The shipped query called ``name`` (``attacks`` or ``attacks.rq``), or None: a plain file
    name that is not a file here names one of ``queries/``, wherever the command runs.

    >>> shipped_query("attacks.rq").title, shipped_query("queries/attacks.rq"), shipped_query("x")
    ('Attacks', None, None)
    """
    if Path(name).name != name:
        return None  # a path: the user meant that file
    stem = name.removesuffix(".rq")
    return next((q for q in shipped_queries() if q.name == stem), None)


def _header(text: str) -> dict[str, str]:
    """``# key: value`` lines of the leading comment block; repeated keys are joined."""
    fields: dict[str, str] = {}
    for raw in text.splitlines():
        stripped = raw.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            break
        match = re.match(r"#\s*(title|description):\s*(.*)$", stripped)
        if match:
            key, value = match.groups()
            fields[key] = f"{fields[key]} {value}".strip() if key in fields else value.strip()
    return fields
