"""Find the article files under the given paths: symlinked folders are not followed, hazards are skipped."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from newsgraph.errors import InputError

log = logging.getLogger("newsgraph")

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")


def find_article_files(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Expand files and folders into a sorted list of article files.

    Folders are walked recursively without following symlinked folders (so a symlink loop
    cannot hang the walk); files are returned in a stable order. What is left out for a reason
    a user would want to know (a folder that cannot be listed, a symlinked folder, a broken or
    looping link, a pipe or device named like an article) is logged as a warning.
    """
    found: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            reason = "broken or looping symbolic link" if path.is_symlink() else "no such file or folder"
            raise InputError(f"{path}: {reason}")
        if path.is_dir():
            found.update(_walk(path))
        elif path.suffix.lower() not in ARTICLE_SUFFIXES:
            raise InputError(
                f"{path}: not an article file (expected one of {', '.join(ARTICLE_SUFFIXES)})"
            )
        elif not path.is_file():
            # Reading a named pipe or a device would block or never end.
            raise InputError(f"{path}: not a regular file")
        else:
            found.add(path)
    return sorted(found)


def _walk(folder: Path) -> Iterator[Path]:
    def unreadable(exc: OSError) -> None:
        log.warning("skipped folder %s: cannot list it (%s)", exc.filename, exc.strerror or exc)

    for root, dirs, files in os.walk(folder, onerror=unreadable, followlinks=False):
        for name in dirs:
            if (Path(root) / name).is_symlink():
                log.warning("skipped %s: symbolic link to a folder, not followed (give its target instead)",
                            Path(root) / name)
        for name in files:
            candidate = Path(root) / name
            if candidate.suffix.lower() not in ARTICLE_SUFFIXES:
                continue
            if candidate.is_file():
                yield candidate
            elif candidate.is_symlink() and not candidate.exists():
                log.warning("skipped %s: broken or looping symbolic link", candidate)
            else:
                log.warning("skipped %s: not a regular file", candidate)


# Leading bytes of file types that are never articles, for a clearer message than "binary".
