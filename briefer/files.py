"""Writing a file so that readers see the old file or the new one whole, never a part of either."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterable
from pathlib import Path

__all__ = ["temporary_name", "write_atomically"]


def temporary_name(path: Path) -> Path:
    """A fresh hidden name beside ``path``: same folder, so the final rename never crosses file
    systems; random, so two runs never share it."""
    return path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")


def write_atomically(path: Path, data: bytes | Iterable[bytes], *, durable: bool = True) -> None:
    """Write ``data`` (bytes, or chunks of them) to ``path`` through a temporary file in the same folder and ``os.replace``.

    The temporary file is opened with O_EXCL (never someone else's) and mode 0o666, so the umask
    sets the permissions as for any new file. ``durable`` syncs the data to disk before the rename,
    so that a crash cannot leave an empty file under the final name; caches, which verify their
    entries, skip that cost. On any failure the temporary file is removed and the exception (an
    OSError for the disk's refusals) propagates; ``path`` is left as it was.
    """
    tmp = temporary_name(path)
    created = False
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        created = True
        with os.fdopen(fd, "wb") as handle:
            if isinstance(data, bytes):
                handle.write(data)
            else:
                for chunk in data:
                    handle.write(chunk)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        if created:
            try:
                tmp.unlink(missing_ok=True)
            except OSError:
                pass  # the write's own error is the one to report
        raise
