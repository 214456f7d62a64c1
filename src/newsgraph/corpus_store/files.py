"""The store folder on disk: its marker, its lock (one writer or many readers), crash recovery."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import logging
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pyoxigraph import Store

from newsgraph.errors import OutputError, StoreError, one_line
from newsgraph.rdfio import replacing

log = logging.getLogger("newsgraph")

MARKER = "newsgraph-store.json"
FORMAT_VERSION = 1


def is_store(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is a corpus store folder."""
    return Path(path, MARKER).is_file()


def _recover(target: Path) -> None:
    """Finish what a killed :func:`build_store` left (call with the lock held): put the old
    store back if it was moved aside but the new one never arrived, and delete leftovers.
    A folder a running build holds locked is its work in progress, never a leftover."""
    for old in sorted(target.parent.glob(f".{target.name}.old-*")):
        with _leftover(old) as unused:
            if not unused:
                continue
            if not target.exists() and is_store(old / "store"):
                log.warning("%s: restoring the store an interrupted build had moved aside", target)
                os.replace(old / "store", target)
            shutil.rmtree(old, ignore_errors=True)
    for staging in target.parent.glob(f".{target.name}.building-*"):
        with _leftover(staging) as unused:
            if unused:
                shutil.rmtree(staging, ignore_errors=True)


@contextmanager
def _leftover(folder: Path) -> Iterator[bool]:
    """Whether no process holds ``folder`` locked (so it is a killed process's leftover)."""
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        yield False
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        yield False
        return
    try:
        yield True
    finally:
        os.close(fd)


def _swap(new: Path, target: Path, lock: StoreLock) -> None:
    """Move ``new`` to ``target``; the old store is moved aside first and deleted last. Refuses
    (StoreError) when another process has the store at ``target`` open."""
    old = None
    if target.exists():
        lock.hold_folder(target)
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
        lock.hold_folder(old)  # a concurrent recovery must not take it for a killed build's
        os.replace(target, old / "store")
    try:
        os.replace(new, target)
    except OSError:
        if old is not None:
            os.replace(old / "store", target)
        raise
    finally:
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)


# ---------------------------------------------------------------------- helpers


class StoreLock:
    """The locks a process holds on a store: ``.NAME.lock`` beside it (which orders processes
    creating, recovering or replacing the store) and the store folder itself.

    The folder lock is the one a user cannot defeat by deleting a stale-looking file: it is an
    ``flock`` on the open folder, held for the whole command, so a second writer (or a
    ``build --store`` about to swap a new store in) is refused even when ``.NAME.lock`` was
    deleted while the first one ran.
    """

    def __init__(self, path: Path, fd: int, exclusive: bool):
        self.path = path
        self.exclusive = exclusive
        self._fds = [fd]
        self._held: set[tuple[int, int]] = set()

    def hold_folder(self, folder: Path) -> None:
        """Lock ``folder`` (the store, or a folder a build works in) as this lock does."""
        try:
            fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        except NotADirectoryError as exc:
            raise StoreError(f"{folder}: not a store folder (it is a file); choose a folder") from exc
        except OSError as exc:
            raise StoreError(f"{folder}: cannot lock the store ({exc.strerror or exc})") from exc
        identity = _identity(os.fstat(fd))
        if identity in self._held:
            os.close(fd)
            return
        try:
            _flock(self.path, fd, self.exclusive)
            if identity != _identity(os.stat(folder)):  # replaced since it was opened: a build swapped it
                raise StoreError(_in_use(self.path, self.exclusive))
        except BaseException:
            os.close(fd)
            raise
        self._fds.append(fd)
        self._held.add(identity)

    def release(self) -> None:
        while self._fds:
            os.close(self._fds.pop())
        self._held.clear()


def _identity(st: os.stat_result) -> tuple[int, int]:
    return st.st_dev, st.st_ino


def _lock(path: Path, exclusive: bool) -> StoreLock:
    """Lock the store at ``path``: one writer, or any number of readers. The store folder is
    locked too when it exists; a store being created is locked with
    :meth:`StoreLock.hold_folder` once its folder is made."""
    lock_path = path.parent / f".{path.name}.lock"
    if path.exists() and not path.is_dir():
        raise StoreError(f"{path}: not a store folder (it is a file); choose a folder")
    try:
        if not exclusive and not lock_path.exists():
            if not is_store(path):
                raise StoreError(_not_a_store(path))
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise StoreError(f"{path}: cannot lock the store ({exc.strerror or exc})") from exc
    try:
        _flock(path, fd, exclusive)
    except BaseException:
        os.close(fd)
        raise
    lock = StoreLock(path, fd, exclusive)
    try:
        if path.is_dir():
            lock.hold_folder(path)
    except BaseException:
        lock.release()
        raise
    return lock


def _flock(path: Path, fd: int, exclusive: bool) -> None:
    try:
        fcntl.flock(fd, (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
    except OSError as exc:
        if exc.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
            raise StoreError(_in_use(path, exclusive)) from exc
        raise StoreError(f"{path}: cannot lock the store ({exc.strerror or exc})") from exc


def _in_use(path: Path, exclusive: bool) -> str:
    return (f"{path}: the store is in use by another newsgraph process "
            f"({'writing' if not exclusive else 'reading or writing'} it); try again when it has finished")


def _check_marker(path: Path) -> None:
    try:
        version = json.loads((path / MARKER).read_text(encoding="utf-8")).get("newsgraph-store")
    except (OSError, ValueError, AttributeError) as exc:
        raise StoreError(f"{path}: damaged store marker {MARKER}") from exc
    if version != FORMAT_VERSION:
        raise StoreError(f"{path}: store format {version} is not supported "
                         f"(this newsgraph reads {FORMAT_VERSION})")


def _not_a_store(path: Path) -> str:
    if not path.exists():
        return (f"{path}: no such store "
                f"(create one with `newsgraph build ... --store {path}` or `newsgraph add`)")
    return f"{path}: not a newsgraph store (no {MARKER})"


def _reason(exc: BaseException) -> str:
    """Why an operating-system or database call failed, on one line."""
    if isinstance(exc, OutputError) and exc.__cause__ is not None:
        exc = exc.__cause__
    return one_line(getattr(exc, "strerror", None) or exc)[:300]


def _damaged(path: Path, what: str) -> str:
    return (f"{path}: the store is damaged ({what}); rebuild it from its articles with "
            f"`newsgraph build ARTICLES... --store {path}`")


def _open_database(path: Path, write: bool) -> Store:
    """The store's Oxigraph database, or StoreError: damaged (with what to do) or unreadable."""
    database = path / "oxigraph"
    if not database.is_dir() and (not write or any((path / "records").glob("*.json"))):
        # A new database would make every stored article look like an interrupted add.
        raise StoreError(_damaged(path, "its database folder oxigraph/ is missing"))
    try:
        return Store(str(database)) if write else Store.read_only(str(database))
    except RuntimeError as exc:  # what pyoxigraph raises for a corrupted database
        raise StoreError(_damaged(path, one_line(exc)[:300])) from exc
    except OSError as exc:
        raise StoreError(f"{path}: cannot open the store's database: {one_line(exc)[:300]}") from exc


def _flush(path: Path, database: Store, error: BaseException | None) -> None:
    """Flush the database of the store at ``path`` before closing it. While ``error`` is on its
    way out, a failure here is not raised over it: the first error says what happened."""
    try:
        database.flush()
    except (OSError, RuntimeError) as exc:
        if error is None:
            raise StoreError(f"{path}: the change was saved, but the database could not finish writing "
                             f"its files ({one_line(exc)[:200]}); free disk space before the next "
                             "change") from exc
        log.debug("%s: flush after an error failed too: %s", path, exc)


def _write_cache(path: Path, data: bytes) -> None:
    """Write a file that only saves work (the catalogue, the inference state): after a committed
    change, failing to write it is a warning, not an error (a stale one is detected on reading)."""
    try:
        _write_file(path, data)
    except OSError as exc:
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)
        log.warning("%s: could not write %s (%s); the change is saved", path.parent, path.name, _reason(exc))


def _write_file(path: Path, data: bytes) -> None:
    with replacing(path) as handle:
        handle.write(data)
