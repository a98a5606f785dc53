"""Writing a file so that readers see the old file or the new one whole, never a part of either;
and writing a set of files (a brief's formats) so that the folder holds the old set or the new one.

A set is written in three steps (:func:`write_set`):

1. every file to a temporary name beside its final one (``.brief-2026-11-25.md.<random>.tmp``),
   each synced to disk; a failure here (a full disk) removes them and leaves the old set as it was;
2. a journal (``.brief-2026-11-25.journal``, itself written atomically and synced) listing each
   temporary name, its final name and the SHA-256 of its content: the commit point;
3. each temporary file renamed over its final name, then the journal removed.

Whoever writes a set into the folder first recovers it (:func:`recover_sets`), holding a lock on
the folder (``flock``) so that two runs never recover or write at once: a journal whose files are
all there (each still under its temporary name with the journalled content, or already renamed)
is rolled forward, finishing the renames; one with a file missing or changed is rolled back (its
remaining temporary files and the journal are removed). Temporary files that no journal names are
left by a run that died before its commit point and are removed.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import re
import secrets
import time
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

__all__ = ["STALE_SECONDS", "SetWriteError", "recover_sets", "temporary_name", "write_atomically", "write_set"]

#: Without a lock on the folder (no ``flock``), an unjournaled temporary file is removed only when
#: it is this old: a younger one may be another run's, being written.
STALE_SECONDS = 3600


def temporary_name(path: Path) -> Path:
    """A fresh hidden name beside ``path``: same folder, so the final rename never crosses file
    systems; random, so two runs never share it. ``.name.<random>.tmp``, or ``name.<random>.tmp``
    when ``name`` is hidden already (a journal's temporary file starts as the journal does)."""
    stem = path.name if path.name.startswith(".") else f".{path.name}"
    return path.with_name(f"{stem}.{secrets.token_hex(6)}.tmp")


def write_atomically(path: Path, data: bytes | Iterable[bytes], *, durable: bool = True) -> None:
    """Write ``data`` (bytes, or chunks of them) to ``path`` through a temporary file in the same folder and ``os.replace``.

    The temporary file is opened with O_EXCL (never someone else's) and mode 0o666, so the umask
    sets the permissions as for any new file. ``durable`` syncs the data to disk before the rename,
    so that a crash cannot leave an empty file under the final name; caches, which verify their
    entries, skip that cost. On any failure the temporary file is removed and the exception (an
    OSError for the disk's refusals) propagates; ``path`` is left as it was.
    """
    tmp = temporary_name(path)
    _write_new(tmp, data, durable=durable)
    try:
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)  # the rename's own error is the one to report
        raise


class SetWriteError(OSError):
    """The set is committed (its journal is on disk) but not every file could be moved into place.

    The folder may hold files of both sets until the next run, which finishes the renames.
    """


def _write_new(path: Path, data: bytes | Iterable[bytes], *, durable: bool = True) -> None:
    """Create ``path`` (never an existing file) with ``data``, synced to disk when ``durable``; on
    any failure the file is removed (it is ours: O_EXCL) and the exception propagates."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        try:
            for chunk in [data] if isinstance(data, bytes) else data:
                view = memoryview(chunk)
                while view:
                    view = view[os.write(fd, view) :]
            if durable:
                os.fsync(fd)
        finally:
            os.close(fd)
    except BaseException:
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)  # the write's own error is the one to report
        raise


def _sync_folder(fd: int | None) -> None:
    """Make the folder's entries (creations, renames, removals) durable, where the system can."""
    if fd is None:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some systems cannot sync a folder; the data itself is synced


def _remove(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError:
        pass  # the next run removes it


def _digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


@contextlib.contextmanager
def _folder_lock(folder: Path) -> Iterator[tuple[int | None, bool]]:
    """The folder opened (for syncing its entries) and locked: ``(fd, locked)``; fd None where a
    folder cannot be opened, locked False where it cannot be locked."""
    try:
        fd: int | None = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        fd = None
    locked = False
    try:
        if fd is not None:
            try:
                import fcntl

                fcntl.flock(fd, fcntl.LOCK_EX)
                locked = True
            except (ImportError, OSError):
                pass
        yield fd, locked
    finally:
        if fd is not None:
            os.close(fd)  # closing releases the lock


def _journal_entries(journal: Path, folder: Path) -> list[tuple[Path, Path, str]] | None:
    """The (temporary, final, sha256) entries of a journal; None when it cannot be read or is not
    one of ours (every name must be a plain name inside ``folder``)."""
    try:
        data = json.loads(journal.read_text(encoding="utf-8"))
        entries = []
        for item in data["renames"]:
            tmp, final, digest = item["tmp"], item["final"], item["sha256"]
            if not all(isinstance(v, str) and v and "/" not in v and "\\" not in v and v not in (".", "..") for v in (tmp, final, digest)):
                return None
            entries.append((folder / tmp, folder / final, digest))
        return entries
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _recover_journal(journal: Path, folder: Path, dir_fd: int | None) -> bool:
    """Roll the set of ``journal`` forward (True) or back (False); the journal is gone after."""
    entries = _journal_entries(journal, folder)
    whole = entries is not None and all(
        (tmp.exists() and _digest(tmp) == digest) or (not tmp.exists() and _digest(final) == digest)
        for tmp, final, digest in entries
    )
    if entries is not None and whole:
        for tmp, final, _ in entries:
            if tmp.exists():
                os.replace(tmp, final)
        _sync_folder(dir_fd)
    else:
        for tmp, _, _ in entries or ():
            _remove(tmp)
    _remove(journal)
    _sync_folder(dir_fd)
    return whole


def _recover(folder: Path, prefix: str, dir_fd: int | None, locked: bool) -> None:
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in sorted(names):
        if name.startswith(f".{prefix}") and name.endswith(".journal"):
            _recover_journal(folder / name, folder, dir_fd)
    now = time.time()
    for name in names:
        if name.startswith(f".{prefix}") and name.endswith(".tmp"):
            path = folder / name
            try:
                if not locked and now - path.stat().st_mtime < STALE_SECONDS:
                    continue  # maybe another run's, being written
            except OSError:
                continue
            _remove(path)


def recover_sets(folder: Path, prefix: str) -> None:
    """Finish or undo the interrupted set writes in ``folder`` whose names start with ``prefix``
    (see the module docstring) and remove their stray temporary files. Never raises: what cannot
    be removed now is removed by a later run."""
    if not folder.is_dir():
        return
    with _folder_lock(folder) as (fd, locked):
        try:
            _recover(folder, prefix, fd, locked)
        except OSError:
            pass


_PLAIN_NAME = re.compile(r"[^./\\][^/\\]*")


def write_set(folder: Path, files: Mapping[str, bytes], journal: str) -> list[Path]:
    """Write ``files`` (final name -> content) into ``folder`` as one set; returns their paths.

    ``journal`` names the set's journal (``brief-2026-11-25``: the journal is the hidden
    ``.brief-2026-11-25.journal``), and its prefix names the sets that :func:`recover_sets` recovers
    first (``brief-``: the part up to the first ``-``, or the whole name). After this returns, or
    fails, or the process is killed at any moment followed by another run, the folder holds every
    one of ``files`` either as it was or as given. An OSError before the commit point (a full disk)
    leaves the old files and no temporary ones; a :class:`SetWriteError` after it says the next
    run finishes the renames.
    """
    for name in [*files, journal]:
        if not _PLAIN_NAME.fullmatch(name):
            raise ValueError(f"{name!r} is not a plain file name")
    prefix = journal.split("-", 1)[0] + "-" if "-" in journal else journal
    journal_path = folder / f".{journal}.journal"
    with _folder_lock(folder) as (dir_fd, locked):
        try:
            _recover(folder, prefix, dir_fd, locked)
        except OSError:
            pass  # recovery is best effort; this set's own files are what matters now
        temps: list[tuple[Path, Path, str]] = []
        try:
            for name, data in files.items():
                final = folder / name
                tmp = temporary_name(folder / name)
                temps.append((tmp, final, hashlib.sha256(data).hexdigest()))
                _write_new(tmp, data)
            _sync_folder(dir_fd)
            record = {"renames": [{"tmp": t.name, "final": f.name, "sha256": d} for t, f, d in temps]}
            journal_tmp = temporary_name(journal_path)
            temps.append((journal_tmp, journal_path, ""))
            _write_new(journal_tmp, (json.dumps(record, indent=1) + "\n").encode("utf-8"))
            os.replace(journal_tmp, journal_path)  # the commit point
            temps.pop()
        except BaseException:
            for tmp, _, _ in temps:
                _remove(tmp)
            raise
        _sync_folder(dir_fd)
        renamed = 0
        try:
            for tmp, final, _ in temps:
                os.replace(tmp, final)
                renamed += 1
        except OSError as exc:
            if renamed == 0:  # nothing moved yet: undo, as before the commit point
                for tmp, _, _ in temps:
                    _remove(tmp)
                _remove(journal_path)
                raise
            raise SetWriteError(
                exc.errno or errno.EIO,
                f"{exc.strerror or exc}; {renamed} of {len(temps)} files are in place, the next run puts the rest",
            ) from exc
        _sync_folder(dir_fd)
        _remove(journal_path)
        _sync_folder(dir_fd)
    return [final for _, final, _ in temps]
