"""Files written for the person (exports, reports, serve's --open page): private from birth.

The history itself is written by ``safe_storage.atomic_write_bytes`` (0600, folder 0700).
Everything else the app writes at the person's request goes through ``write_private_text``:
the file is created 0600 by ``os.open`` itself, so there is no moment in which another
account could open it; an existing file is made 0600 before a byte of the new text is written.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path

from achilles_tui.storage.errors import WriteFailed

PRIVATE_FILE_MODE = 0o600
PRIVATE_DIR_MODE = 0o700
_WRITE_FLAGS = os.O_WRONLY | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOCTTY", 0)


def write_private_text(path: Path, text: str) -> None:
    """Write text (UTF-8) to path, readable and writable by its owner only.

    A new file is created 0600 (whatever the umask). An existing regular file must be
    yours; it is made 0600, then emptied, then written. A FIFO or a device (``/dev/stdout``)
    is written to as it is. Every failure is a ``WriteFailed`` of one line.
    """
    write_private_bytes(path, text.encode("utf-8"))


def write_private_bytes(path: Path, data: bytes) -> None:
    """``write_private_text`` for bytes (a PDF report): the same 0600 file, the same errors."""
    created = False
    try:
        try:
            # O_EXCL: a new file, never through a symlink someone planted.
            fd = os.open(path, _WRITE_FLAGS | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
            created = True
        except FileExistsError:
            fd = os.open(path, _WRITE_FLAGS)
    except OSError as exc:
        raise WriteFailed(_describe(path, exc), path) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISREG(info.st_mode):
            if info.st_uid != os.geteuid():
                raise WriteFailed(
                    f"Could not write {path}: it belongs to another user, who could read it. "
                    "Choose another file.",
                    path,
                )
            if stat.S_IMODE(info.st_mode) & 0o077:
                os.fchmod(fd, PRIVATE_FILE_MODE)
            os.ftruncate(fd, 0)
        with os.fdopen(fd, "wb", closefd=False) as handle:
            handle.write(data)
    except OSError as exc:
        _discard(path, created)
        raise WriteFailed(_describe(path, exc, written=not created), path) from None
    finally:
        os.close(fd)


def make_private_dir(parent: Path | None = None, prefix: str = "achilles-tui-") -> Path:
    """A new, empty folder only its owner can enter (0700), under parent or the temp folder."""
    try:
        return Path(tempfile.mkdtemp(prefix=prefix, dir=parent))  # mkdtemp creates it 0700
    except OSError as exc:
        where = parent or Path(tempfile.gettempdir())
        raise WriteFailed(_describe(where, exc), where) from None


def _discard(path: Path, created: bool) -> None:
    """Remove a half-written file this call created; an existing one is left to the person."""
    if created:
        with contextlib.suppress(OSError):
            path.unlink()


def _describe(path: Path, exc: OSError, *, written: bool = False) -> str:
    """One line that says what went wrong and what to do."""
    if exc.errno == errno.ENOENT:
        reason = f"the folder {path.parent} does not exist"
    elif exc.errno == errno.EISDIR:
        reason = "it is a folder; give a file name inside it"
    elif exc.errno == errno.ENOTDIR:
        reason = "a part of the path is a file, not a folder"
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        reason = "permission denied (the file or its folder is read-only or not yours)"
    elif exc.errno == errno.ENOSPC:
        reason = "the disk is full"
    else:
        reason = exc.strerror or str(exc)
    tail = " The file may be incomplete." if written else ""
    return f"Could not write {path}: {reason}.{tail}"
