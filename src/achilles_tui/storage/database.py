"""Opening the history: folder, lock, validation, daily backup, migrations.

Writers hold a single-writer lock for as long as they are open (the TUI for
its whole life, a CLI command for one save). Readers (``where``, ``export``,
``status``) never take the lock: atomic renames mean the file on disk is
always a complete, valid version.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

from filelock import FileLock, Timeout
from tinydb import TinyDB
from tinydb.table import Table

from achilles_tui.storage import codec, migrations
from achilles_tui.storage.archive import DATED_TABLES, MANIFEST, archive_folder
from achilles_tui.storage.errors import CorruptDatabase, HistoryLocked, WriteFailed
from achilles_tui.storage.locations import BACKUP_DIR, LOCK_FILE, history_path
from achilles_tui.storage.safe_storage import (
    AtomicJSONStorage,
    atomic_write_bytes,
    encode_document,
    read_history_file,
    remove_stale_temp_files,
)
from achilles_tui.storage.schema import SchemaError
from achilles_tui.storage.year_close import close_years

BACKUPS_KEPT = 14
# An opening moves closed years once this many of their records sit in the history file: a
# year's worth after the new year, or a migrated file; a few back-dated entries wait.
CLOSE_AT_OPEN_MIN_RECORDS = 50


class TrackedTable(Table):  # type: ignore[misc]
    """A TinyDB table that tells the storage which table a write touched."""

    def _update_table(self, updater: Any) -> None:
        storage = self._storage
        if isinstance(storage, AtomicJSONStorage):
            storage.mark_changed(self.name)
        super()._update_table(updater)


class HistoryDB(TinyDB):  # type: ignore[misc]
    """TinyDB with change-tracking tables."""

    table_class = TrackedTable


def ensure_private_dir(directory: Path) -> None:
    """Create the folder 0700 (health data is private); never loosen an existing one."""
    if directory.is_dir():
        return
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(directory, 0o700)
    except OSError as exc:
        raise WriteFailed(
            f"Could not create the data folder {directory}: {exc.strerror or exc}.", directory
        ) from None


def backup_once_a_day(path: Path, today: dt.date, keep: int = BACKUPS_KEPT) -> Path | None:
    """Copy the validated file to backups/history-YYYY-MM-DD.json and prune to `keep`.

    The closed years' files of that moment go to backups/archive-YYYY-MM-DD/ with them, so a
    day's backup restores as a set (see ``snapshot_archives``).
    """
    if not path.exists():
        return None
    folder = path.parent / BACKUP_DIR
    target = folder / f"history-{today.isoformat()}.json"
    if target.exists():
        return target
    ensure_private_dir(folder)
    snapshot_archives(path.parent, folder / f"archive-{today.isoformat()}")
    atomic_write_bytes(target, path.read_bytes())
    for old in sorted(folder.glob("history-*.json"))[:-keep]:
        with contextlib.suppress(OSError):
            old.unlink()
    for old_set in sorted(folder.glob("archive-*"))[:-keep]:
        shutil.rmtree(old_set, ignore_errors=True)
    return target


def snapshot_archives(data_dir: Path, target: Path) -> None:
    """Keep the closed years' files as they are now, in ``target``.

    Each file is copied (with its modification time) the first time a set needs it; a later
    set whose file has not changed since links to that copy, so a day's set costs nothing
    while the years stay closed. A backup never shares its file with the live archive, so
    copying a backup back over ``archive/`` cannot change another backup.
    """
    files = sorted(archive_folder(data_dir).glob("*.json"))
    if not files:
        return
    ensure_private_dir(target)
    earlier = [d for d in target.parent.iterdir() if d.is_dir() and d != target]
    for source in files:
        dest = target / source.name
        if dest.exists():
            continue
        stat = source.stat()
        same = next(
            (
                copy
                for folder in earlier
                if (copy := folder / source.name).is_file()
                and (copy.stat().st_size, copy.stat().st_mtime_ns)
                == (stat.st_size, stat.st_mtime_ns)
            ),
            None,
        )
        if same is not None:
            with contextlib.suppress(OSError):
                os.link(same, dest)
                continue
        atomic_write_bytes(dest, source.read_bytes())
        os.utime(dest, ns=(stat.st_atime_ns, stat.st_mtime_ns))


def leftover_folders(data_dir: Path) -> list[Path]:
    """Where a killed writer can leave temp files: the data folder, archive/, backups/ and
    its sets of archive files (every one of them is written by atomic_write_bytes)."""
    backups = data_dir / BACKUP_DIR
    sets = [item for item in backups.iterdir() if item.is_dir()] if backups.is_dir() else []
    return [data_dir, archive_folder(data_dir), backups, *sets]


def newest_backup(data_dir: Path) -> Path | None:
    """The most recent daily backup, named in corruption messages."""
    backups = sorted((data_dir / BACKUP_DIR).glob("history-*.json"))
    return backups[-1] if backups else None


class HistoryStore:
    """An open, locked, validated history file and its TinyDB handle."""

    def __init__(
        self, data_dir: Path, *, lock_timeout: float = 10.0, move_years: bool = True
    ) -> None:
        """``move_years``: close years when opened (the app). A one-shot command passes False:
        its save stays as quick as the last one, and the app (or a migration or an import)
        does the move."""
        self.data_dir = data_dir
        self._move_years = move_years
        self.path = history_path(data_dir)
        self._lock_timeout = lock_timeout
        self._lock: FileLock | None = None
        self.storage: AtomicJSONStorage | None = None
        self.db: TinyDB | None = None

    def open(self, today: dt.date | None = None) -> HistoryStore:
        """Lock, validate (raising on corrupt or too new), back up, migrate; then ready."""
        ensure_private_dir(self.data_dir)
        self._acquire_lock()
        try:
            data = read_history_file(self.path)
            migrated = False
            if data is None:
                # A new history is written by its first save: a command that refuses leaves
                # no file behind.
                data = migrations.new_document()
            else:
                upgrade = migrations.needs_migration(data, self.path)
                if upgrade:
                    data = migrations.migrate(data)
                check_opened(data, self.path)
                backup_once_a_day(self.path, today or dt.date.today())
                if upgrade:
                    backup_before(self.path, "migration")
                    atomic_write_bytes(self.path, encode_document(data))
                    migrated = True
            for folder in leftover_folders(self.data_dir):
                remove_stale_temp_files(folder)
            self.db = HistoryDB(self.path, storage=AtomicJSONStorage)
            self.storage = cast(AtomicJSONStorage, self.db.storage)
            self.storage.prime(data)
            self.storage.new_document = migrations.new_document()
            if migrated or self._move_years:
                wait = 1 if migrated else CLOSE_AT_OPEN_MIN_RECORDS
                self.close_years(today or dt.date.today(), min_records=wait)
        except BaseException:
            self.close()
            raise
        return self

    def close_years(self, today: dt.date, *, min_records: int = 1) -> list[int]:
        """Move closed years to their own files (storage/year_close.py); housekeeping only.

        A failed write (full or read-only disk) leaves the history as it was and is not an
        error here: the move is tried again at the next opening.
        """
        assert self.storage is not None
        storage = self.storage
        data = storage.read() or {}

        def write_main(new: dict[str, dict[str, Any]]) -> None:
            for table in (*DATED_TABLES, MANIFEST):
                storage.mark_changed(table)
            storage.write(new)

        try:
            return close_years(self.data_dir, data, today, write_main, min_records=min_records)
        except WriteFailed:
            return []

    def _acquire_lock(self) -> None:
        """Take the single-writer lock or explain who has it."""
        self._lock = writer_lock(self.data_dir, self._lock_timeout)

    def table(self, name: str) -> Any:
        """A TinyDB table with no query cache (the file is the truth)."""
        assert self.db is not None, "HistoryStore.open() was not called"
        return self.db.table(name, cache_size=0)

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """Several changes saved as one atomic rewrite."""
        assert self.storage is not None
        with self.storage.batch():
            yield

    def close(self) -> None:
        """Release the lock; safe to call twice."""
        if self.db is not None:
            self.db.close()
            self.db = None
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> HistoryStore:
        return self if self.db is not None else self.open()

    def __exit__(self, *exc: object) -> None:
        self.close()


def writer_lock(data_dir: Path, timeout: float) -> FileLock:
    """The folder's single-writer lock, taken; HistoryLocked or WriteFailed say why not."""
    path = history_path(data_dir)
    lock = FileLock(str(data_dir / LOCK_FILE), mode=0o600)
    try:
        lock.acquire(timeout=timeout)
    except Timeout:
        raise HistoryLocked(
            f"Another achilles-tui is using {path} (the app may be open in another "
            "terminal). Close it and try again.",
            path,
        ) from None
    except OSError as exc:
        raise WriteFailed(
            f"Could not lock {path}: {exc.strerror or exc}. Is the folder read-only?",
            path,
        ) from None
    return lock


def read_only_snapshot(data_dir: Path) -> dict[str, dict[str, Any]]:
    """Validated contents without taking the lock, for readers such as export and status."""
    path = history_path(data_dir)
    data = read_history_file(path)
    if data is None:
        return migrations.new_document()
    migrations.needs_migration(data, path)
    data = migrations.migrate(data)
    check_opened(data, path)
    return data


def check_opened(data: dict[str, dict[str, Any]], path: Path) -> None:
    """Every record of an opened history against the schema (storage/schema.py).

    A record that does not fit is damage, refused like a file that does not parse: the
    message names the file, the record and the rule, and nothing is written.
    """
    try:
        codec.check_document(data)
    except SchemaError as exc:
        raise CorruptDatabase(
            f"{path} has an invalid record ({exc}). It was left untouched.", path
        ) from None


def backup_before(path: Path, reason: str) -> Path | None:
    """A timestamped copy before a risky change (import, restore); None for a new history.

    The closed years' files are kept alongside (backups/before-REASON-STAMP/), as a set.
    """
    if not path.exists():
        return None
    folder = path.parent / BACKUP_DIR
    ensure_private_dir(folder)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = folder / f"before-{reason}-{stamp}.json"
    snapshot_archives(path.parent, folder / f"before-{reason}-{stamp}")
    atomic_write_bytes(target, path.read_bytes())
    return target
