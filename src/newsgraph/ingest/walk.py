"""Find the article files under the given paths: symlinked folders are not followed, symlinked files
only to a regular file inside the folder given, hazards are skipped."""

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
    cannot hang the walk); a symlinked file in a folder is read only when it leads to a regular
    file inside that folder (a link to ``/etc/passwd`` or ``/proc/kmsg`` is not an article of
    the folder). Files are returned in a stable order, each file once however many links lead
    to it. What is left out for a reason a user would want to know (a folder that cannot be
    listed, a symlinked folder, a link out of the folder, a broken or looping link, a pipe or
    device named like an article) is logged as a warning. A file named on the command line is
    read wherever its link leads: the user chose it.
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
    files: list[Path] = []
    seen: set[Path] = set()
    for path in sorted(found):
        target = path.resolve()
        if target not in seen:
            seen.add(target)
            files.append(path)
    return files


def display_path(path: str | os.PathLike[str]) -> str:
    """A path as text for messages, titles and records: bytes of the name that are not UTF-8
    (kept by Python as surrogates) become U+FFFD, the same on every run.

    >>> display_path(os.fsdecode(b"bad\\xff\\xfe.txt"))
    'bad\ufffd\ufffd.txt'
    """
    return os.fsencode(path).decode("utf-8", "replace")


def _walk(folder: Path) -> Iterator[Path]:
    def unreadable(exc: OSError) -> None:
        log.warning("skipped folder %s: cannot list it (%s)", exc.filename, exc.strerror or exc)

    inside = folder.resolve()
    for root, dirs, files in os.walk(folder, onerror=unreadable, followlinks=False):
        for name in dirs:
            if (Path(root) / name).is_symlink():
                log.warning("skipped %s: symbolic link to a folder, not followed (give its target instead)",
                            display_path(Path(root) / name))
        for name in files:
            candidate = Path(root) / name
            if candidate.suffix.lower() not in ARTICLE_SUFFIXES:
                continue
            if candidate.is_symlink():
                try:
                    target = candidate.resolve(strict=True)
                except (OSError, RuntimeError):
                    log.warning("skipped %s: broken or looping symbolic link", display_path(candidate))
                    continue
                if not target.is_relative_to(inside):
                    log.warning("skipped %s: symbolic link to a file outside %s, not followed "
                                "(give its target instead)", display_path(candidate), display_path(folder))
                    continue
            if candidate.is_file():
                yield candidate
            elif candidate.is_symlink() and not candidate.exists():
                log.warning("skipped %s: broken or looping symbolic link", display_path(candidate))
            else:
                log.warning("skipped %s: not a regular file", display_path(candidate))


# Leading bytes of file types that are never articles, for a clearer message than "binary".
