"""Atomic file writes: a reader, or a process killed at any moment, sees a whole old or new file.

Every file newsgraph writes (graph files, store records and markers, exports) is written to a
temporary sibling, synced, and renamed into place. Temporary files are named after the writing
process, so a later write can tell a killed writer's leftovers and remove them.
"""

from __future__ import annotations

import glob
import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from newsgraph.errors import OutputError

__all__ = ["write_atomically", "replacing", "new_output_file", "check_output_name"]


def check_output_name(name: str) -> str:
    """``name`` if it is a plain file name, so outputs named after it stay in their folder;
    :class:`OutputError` for an empty name, ``.``/``..`` or a name with a path separator.

    >>> check_output_name("corpus")
    'corpus'
    >>> check_output_name("../x")
    Traceback (most recent call last):
    ...
    newsgraph.errors.OutputError: --name '../x': not a plain file name (no folder, '/', '..' or empty \
name); the outputs are written inside the output folder
    """
    separators = {os.sep, os.altsep or os.sep, "\0"}
    if not name.strip() or name in (".", "..") or any(s in name for s in separators):
        raise OutputError(f"--name {name!r}: not a plain file name (no folder, '/', '..' or empty name); "
                          "the outputs are written inside the output folder")
    return name


def new_output_file(path: Path) -> tuple[int, str]:
    """A temporary sibling of ``path`` to write and then move into place: named after this
    process (so a later run can tell a killed writer's leftovers, and removes them), with the
    permissions of the file it replaces or of a new file (mkstemp's are owner-only)."""
    _remove_stale_temporaries(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", dir=path.parent)
    os.fchmod(fd, _file_mode(path))
    return fd, tmp


@contextmanager
def _staged(path: Path) -> Iterator[tuple[BinaryIO, str]]:
    """A handle on a new temporary sibling of ``path``, flushed and synced when the block ends."""
    fd, tmp = new_output_file(path)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle, tmp
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


@contextmanager
def replacing(path: Path) -> Iterator[BinaryIO]:
    """A handle to write a file that replaces ``path`` when the block ends without an error
    (for a file streamed rather than held in memory). A failed write (a full disk) raises
    :class:`OutputError` and leaves ``path`` as it was, with no temporary file behind."""
    try:
        with _staged(path) as (handle, tmp):
            yield handle
        try:
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    except OutputError:
        raise
    except OSError as exc:
        raise OutputError(f"{path}: cannot write ({exc.strerror or exc}); previous outputs kept") from exc


def write_atomically(outputs: dict[Path, bytes]) -> None:
    """Write every file to a temporary sibling, then move them all into place; if any move
    fails, the files already moved are put back, so the outputs change together or not at all.

    Each move is an atomic rename, so a process killed at any moment (``kill -9``) leaves every
    output complete, old or new.
    """
    staged: list[tuple[str, Path]] = []
    backups: dict[Path, str | None] = {}
    try:
        for path, data in outputs.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            with _staged(path) as (handle, tmp):
                handle.write(data)
            staged.append((tmp, path))
        for tmp, path in staged:
            backup = None
            if path.is_file():
                backup = tempfile.mktemp(prefix=f".{path.name}.{os.getpid()}.old.", dir=path.parent)
                os.link(path, backup)
            backups[path] = backup
            os.replace(tmp, path)
    except BaseException as exc:
        for path, backup in backups.items():
            if backup is not None:
                os.replace(backup, path)
            elif path.is_file():
                path.unlink()
        if isinstance(exc, OSError):
            where = getattr(exc, "filename", None) or ", ".join(map(str, outputs))
            message = f"{where}: cannot write ({exc.strerror or exc}); previous outputs kept"
            raise OutputError(message) from exc
        raise
    finally:
        for tmp, _ in staged:
            if os.path.exists(tmp):
                os.unlink(tmp)
        for backup in backups.values():
            if backup is not None and os.path.exists(backup):
                os.unlink(backup)


def _file_mode(path: Path) -> int:
    """The mode of the file being replaced, or that of a new file under the process umask."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _remove_stale_temporaries(path: Path) -> None:
    """Delete ``.NAME.PID.*`` siblings of ``path`` whose writing process no longer exists."""
    for leftover in path.parent.glob(f".{glob.escape(path.name)}.*"):
        pid = leftover.name[len(path.name) + 2 :].split(".", 1)[0]
        if pid.isdigit() and not _process_exists(int(pid)):
            leftover.unlink(missing_ok=True)


def _process_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True
