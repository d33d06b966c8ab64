"""A TinyDB storage that cannot tear the history file.

TinyDB's JSONStorage rewrites the file in place, so a kill mid-write leaves
half a file, and it reads a 0-byte file as an empty database. This storage
writes a temp file, fsyncs it, renames it over the old one and fsyncs the
directory; it refuses anything that does not parse as a TinyDB document.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

from achilles_tui.storage.errors import CorruptDatabase, WriteFailed

TEMP_PREFIX = ".history-"
TEMP_SUFFIX = ".tmp"


def validate_document(data: object, path: Path) -> dict[str, dict[str, Any]]:
    """A TinyDB file is {table: {doc_id: {field: value}}}; anything else is corrupt."""
    if not isinstance(data, dict):
        raise CorruptDatabase(
            f"{path} does not hold an achilles-tui history (top level is not an object)", path
        )
    for table, docs in data.items():
        if not isinstance(docs, dict):
            raise CorruptDatabase(f"{path} has a malformed table {table!r}", path)
        for doc_id, doc in docs.items():
            if not isinstance(doc, dict) or not str(doc_id).isdigit():
                raise CorruptDatabase(f"{path} has a malformed record in table {table!r}", path)
    return data


def read_history_file(path: Path) -> dict[str, dict[str, Any]] | None:
    """Read and validate the file; None when it does not exist yet (a new history)."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except PermissionError:
        raise CorruptDatabase(f"{path} cannot be read (permission denied)", path) from None
    except IsADirectoryError:
        raise CorruptDatabase(f"{path} is a directory, not a history file", path) from None
    if not raw or raw.isspace():
        raise CorruptDatabase(
            f"{path} is empty ({len(raw)} bytes): it may have been truncated. "
            "It was left untouched.",
            path,
        )
    try:
        text = raw.decode("utf-8")
        del raw  # keep the peak low on long histories: only the text and the result
        # The standard parser: orjson is faster but peaks at about twice the memory.
        data = json.loads(text)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CorruptDatabase(
            f"{path} is not valid JSON ({exc}). It was left untouched.", path
        ) from None
    _freeze_once()
    return validate_document(data, path)


_frozen: list[bool] = []


def _freeze_once() -> None:
    """Keep the cyclic collector away from the first history a process reads.

    A parsed history is tens of thousands of long-lived objects without cycles; walking them
    at every collection cost about 100 ms of the app's start with ten years. Reference
    counting still frees them when dropped. Once per process only: objects frozen later in a
    long run (screens the app drops) would never be collected if they formed cycles.
    """
    if not _frozen:
        _frozen.append(True)
        gc.freeze()


def encode_document(data: object) -> bytes:
    """Compact UTF-8 JSON: the one encoding every writer uses (orjson: saves stay quick)."""
    return orjson.dumps(data)


def fsync_directory(directory: Path) -> None:
    """Make the rename itself durable; some filesystems refuse, which is harmless."""
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def atomic_write_bytes(path: Path, payload: bytes) -> None:
    """Replace path with payload so a reader only ever sees the old or the new file."""
    directory = path.parent
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=directory)
    except OSError as exc:
        raise WriteFailed(_describe_write_error(path, exc), path) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, 0o600)
        os.replace(tmp_name, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        if isinstance(exc, OSError):
            raise WriteFailed(_describe_write_error(path, exc), path) from None
        raise
    fsync_directory(directory)


def _describe_write_error(path: Path, exc: OSError) -> str:
    """Turn an OS error into a sentence that says what to do."""
    if exc.errno == errno.ENOSPC:
        reason = "the disk is full"
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        reason = "the folder is read-only or not yours"
    else:
        reason = exc.strerror or str(exc)
    return f"Could not save to {path}: {reason}. Nothing was changed."


def remove_stale_temp_files(directory: Path) -> None:
    """Temp files left by a killed writer are never the real history; clear them."""
    for leftover in directory.glob(f"{TEMP_PREFIX}*{TEMP_SUFFIX}"):
        with contextlib.suppress(OSError):
            leftover.unlink()


class AtomicJSONStorage(Storage):  # type: ignore[misc]
    """TinyDB storage with atomic writes and an in-memory copy of the file.

    Reads come from memory (the single-writer lock guarantees nobody else
    changes the file), which also sidesteps JSONStorage's stale handle after a
    rename. Inside ``batch()`` writes are collected and flushed once, so a
    multi-document change is one atomic rewrite.
    """

    def __init__(self, path: str | os.PathLike[str], **_: Any) -> None:
        self.path = Path(path)
        self._data: dict[str, dict[str, Any]] | None = None
        self._batch_depth = 0
        self._dirty = False
        # Encoded JSON per table: a save re-encodes only the tables it touched, which
        # keeps a diary save quick on years of history (see docs/performance.md).
        self._encoded: dict[str, bytes] = {}
        self._changed_tables: set[str] = set()
        self._all_changed = True
        self.revision = 0  # counts saves, so screens can tell whether to re-read

    def prime(self, data: dict[str, dict[str, Any]]) -> None:
        """Start from a document the opener already read and validated (no second parse)."""
        self._forget()
        self._data = data

    def mark_changed(self, table: str) -> None:
        """Called by TrackedTable before it rewrites `table`."""
        self._changed_tables.add(table)

    def _forget(self) -> None:
        """Drop memory and the encoding cache so the next read comes from disk."""
        self._data = None
        self._encoded.clear()
        self._changed_tables.clear()
        self._all_changed = True

    def _encode(self) -> bytes:
        """The whole document, byte-identical to encode_document, reusing unchanged tables."""
        assert self._data is not None
        chunks = []
        for name, docs in self._data.items():
            if self._all_changed or name in self._changed_tables or name not in self._encoded:
                self._encoded[name] = encode_document(docs)
            chunks.append(encode_document(name) + b":" + self._encoded[name])
        for name in set(self._encoded) - set(self._data):
            del self._encoded[name]
        return b"{" + b",".join(chunks) + b"}"

    def read(self) -> dict[str, dict[str, Any]] | None:
        """Return the current document, loading and validating it once."""
        if self._data is None:
            self._forget()
            self._data = read_history_file(self.path)
        return self._data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        """Keep the new state and persist it, unless a batch is open."""
        self._data = data
        if self._batch_depth:
            self._dirty = True
            return
        self._flush()

    def _flush(self) -> None:
        """Write memory to disk; on failure forget memory so it is re-read from disk."""
        try:
            atomic_write_bytes(self.path, self._encode())
        except BaseException:
            self._forget()
            raise
        self._changed_tables.clear()
        self._all_changed = False
        self.revision += 1

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """Group several table writes into one atomic rewrite; all or nothing."""
        self._batch_depth += 1
        try:
            yield
        except BaseException:
            self._batch_depth -= 1
            if self._batch_depth == 0:
                self._dirty = False
                self._forget()
            raise
        self._batch_depth -= 1
        if self._batch_depth == 0 and self._dirty:
            self._dirty = False
            self._flush()

    def close(self) -> None:
        """Nothing stays open between calls, so there is nothing to release."""
