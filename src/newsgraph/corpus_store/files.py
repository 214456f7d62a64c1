"""The store folder on disk: its marker, its lock (one writer or many readers), crash recovery."""

from __future__ import annotations

import errno
import fcntl
import json
import logging
import os
import shutil
import tempfile
from pathlib import Path

from newsgraph.errors import StoreError
from newsgraph.rdfio import replacing

log = logging.getLogger("newsgraph")

MARKER = "newsgraph-store.json"
FORMAT_VERSION = 1


def is_store(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is a corpus store folder."""
    return Path(path, MARKER).is_file()


def _recover(target: Path) -> None:
    """Finish what a killed :func:`build_store` left (call with the lock held): put the old
    store back if it was moved aside but the new one never arrived, and delete leftovers."""
    for old in sorted(target.parent.glob(f".{target.name}.old-*")):
        if not target.exists() and is_store(old / "store"):
            log.warning("%s: restoring the store an interrupted build had moved aside", target)
            os.replace(old / "store", target)
        shutil.rmtree(old, ignore_errors=True)
    for staging in target.parent.glob(f".{target.name}.building-*"):
        shutil.rmtree(staging, ignore_errors=True)


def _swap(new: Path, target: Path) -> None:
    """Move ``new`` to ``target``; the old store is moved aside first and deleted last."""
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
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


def _lock(path: Path, exclusive: bool) -> int:
    """Hold ``.NAME.lock`` next to the store: one writer, or any number of readers."""
    lock_path = path.parent / f".{path.name}.lock"
    try:
        if not exclusive and not lock_path.exists():
            if not is_store(path):
                raise StoreError(_not_a_store(path))
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise StoreError(f"{path}: cannot lock the store ({exc.strerror or exc})") from exc
    try:
        fcntl.flock(fd, (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
    except OSError as exc:
        os.close(fd)
        if exc.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
            raise StoreError(f"{path}: the store is in use by another newsgraph process "
                             f"({'writing' if not exclusive else 'reading or writing'} it); "
                             "try again when it has finished") from exc
        raise StoreError(f"{path}: cannot lock the store ({exc.strerror or exc})") from exc
    return fd


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


def _write_file(path: Path, data: bytes) -> None:
    with replacing(path) as handle:
        handle.write(data)
