"""A TinyDB storage that cannot tear the history file.

TinyDB's JSONStorage rewrites the file in place, so a kill mid-write leaves
half a file, and it reads a 0-byte file as an empty database. This storage
writes a temp file, fsyncs it, renames it over the old one and fsyncs the
directory; it refuses anything that does not parse as a TinyDB document.
"""

from __future__ import annotations

import contextlib
import copy
import errno
import gc
import json
import math
import os
import re
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

from achilles_tui.storage.errors import CorruptDatabase, StorageError, WriteFailed

TEMP_PREFIX = ".history-"
TEMP_SUFFIX = ".tmp"
# Every history file this process saved, in order: a command that fails after a save says
# the save happened (cli.main) instead of "nothing was changed".
SAVED: list[Path] = []


# The most a history, archive or backup file may hold: ten years are about 3 MB in all, and a
# bound keeps a link to /dev/zero or a runaway file from filling memory.
MAX_FILE_BYTES = 256 * 1024 * 1024
_DOC_ID = re.compile(r"[1-9][0-9]{0,17}", re.ASCII)
# A JSON escape of a lone surrogate half (\ud800-\udfff); paired halves are checked exactly.
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")


def validate_document(data: object, path: Path) -> dict[str, dict[str, Any]]:
    """A TinyDB file is {table: {doc_id: {field: value}}}; anything else is corrupt.

    Record ids are TinyDB's: ASCII digits, from 1 (a key such as "-1" or "²" is damage).
    """
    if not isinstance(data, dict):
        raise CorruptDatabase(
            f"{path} does not hold an achilles-tui history (top level is not an object)", path
        )
    for table, docs in data.items():
        if not isinstance(docs, dict):
            raise CorruptDatabase(f"{path} has a malformed table {table!r}", path)
        for doc_id, doc in docs.items():
            if not isinstance(doc, dict) or not _DOC_ID.fullmatch(doc_id):
                raise CorruptDatabase(f"{path} has a malformed record in table {table!r}", path)
    return data


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def _finite_float(text: str) -> float:
    value = float(text)
    if math.isinf(value):
        raise ValueError(f"the number {text[:40]} is too large")
    return value


def parse_json_text(raw: bytes) -> Any:
    """Strict JSON: no NaN or Infinity, no number that overflows, no lone surrogate.

    Raises ValueError (or RecursionError for nesting too deep to read) with the reason.
    """
    text = raw.decode("utf-8")
    data = json.loads(text, parse_constant=_refuse_constant, parse_float=_finite_float)
    if _SURROGATE_ESCAPE.search(raw):
        _refuse_surrogates(data)
    return data


def _refuse_surrogates(value: Any) -> None:
    """Walk a parsed document for a lone surrogate (only when the text has such an escape)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if not item.isascii():
                item.encode("utf-8")  # UnicodeEncodeError names the character
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def read_regular_file(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes.

    Opened without blocking (a FIFO in its place would wait forever) and checked to be a
    regular file before reading (a link to a device could read without end). Raises the
    OSError of the open (FileNotFoundError, ...) or ValueError with the reason.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file"
            raise ValueError(f"it is {kind}")
        if info.st_size > limit:
            raise ValueError(f"it is larger than {limit // (1024 * 1024)} MB")
        chunks = []
        left = limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        raw = b"".join(chunks)
    finally:
        os.close(fd)
    if len(raw) > limit:
        raise ValueError(f"it is larger than {limit // (1024 * 1024)} MB")
    return raw


def read_history_file(path: Path) -> dict[str, dict[str, Any]] | None:
    """Read and validate the file; None when it does not exist yet (a new history)."""
    try:
        raw = read_regular_file(path)
    except FileNotFoundError:
        return None
    except PermissionError:
        raise CorruptDatabase(f"{path} cannot be read (permission denied)", path) from None
    except IsADirectoryError:
        raise CorruptDatabase(f"{path} is a directory, not a history file", path) from None
    except NotADirectoryError:
        raise StorageError(
            f"{path.parent} is not a folder, so it cannot hold a history. Choose another "
            "folder with --data-dir.",
            path,
        ) from None
    except OSError as exc:
        raise CorruptDatabase(f"{path} cannot be read ({exc.strerror or exc})", path) from None
    except ValueError as exc:
        raise CorruptDatabase(
            f"{path} cannot be read as a history: {exc}. It was left untouched.", path
        ) from None
    if not raw or raw.isspace():
        raise CorruptDatabase(
            f"{path} is empty ({len(raw)} bytes): it may have been truncated. "
            "It was left untouched.",
            path,
        )
    try:
        # The standard parser: orjson is faster but peaks at about twice the memory.
        data = parse_json_text(raw)
    except RecursionError:
        raise CorruptDatabase(
            f"{path} is nested too deeply to be a history. It was left untouched.", path
        ) from None
    except ValueError as exc:  # UnicodeError and JSONDecodeError are ValueErrors
        raise CorruptDatabase(
            f"{path} is not valid JSON ({_reason(exc)}). It was left untouched.", path
        ) from None
    del raw
    _freeze_once()
    return validate_document(data, path)


def _reason(exc: ValueError) -> str:
    """A parse error as one short line (never a lone surrogate)."""
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:160].encode("utf-8", "backslashreplace").decode("utf-8")


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
    """Replace path with payload so a reader only ever sees the old or the new file.

    A symbolic link (a history kept in a synced folder, say) stays a link: the file it points
    to is the one replaced.
    """
    if os.path.islink(path):
        path = Path(os.path.realpath(path))
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
        # What a history that has no file yet starts as (it is written by its first save).
        self.new_document: dict[str, dict[str, Any]] | None = None

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
            if self._data is None and self.new_document is not None:
                self._data = copy.deepcopy(self.new_document)
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
            try:
                payload = self._encode()
            except (TypeError, ValueError) as exc:  # orjson.JSONEncodeError is a TypeError
                raise WriteFailed(
                    f"Could not save to {self.path}: a record cannot be written as JSON "
                    f"({exc}). Nothing was changed.",
                    self.path,
                ) from None
            atomic_write_bytes(self.path, payload)
        except BaseException:
            self._forget()
            raise
        self._changed_tables.clear()
        self._all_changed = False
        self.revision += 1
        SAVED.append(self.path)

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
