"""What a crash, file sync or a hand edit can leave in a data folder, and the repairs.

``examine`` reads and changes nothing. ``merge`` and ``restore`` always take a backup set of
the folder as it is first (``backups/before-doctor-*``, ``backups/before-restore-*``), hold
the single-writer lock, and never delete a year's file that is not saved in that backup.

- ``merge``: the ``archive`` table is rebuilt from the year files that read (listed or not,
  with each year's summary worked out from its records), and the closed years' records still
  in history.json move into their files, as the app's opening would move them.
- ``restore``: a backup set (a daily one, or one taken before a change) goes back in place:
  its history file, and its year files in place of archive/.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from achilles_tui.domain.models import DomainError, Plan
from achilles_tui.storage import codec, migrations
from achilles_tui.storage.archive import (
    DATED_TABLES,
    MANIFEST,
    Document,
    archive_files,
    archive_folder,
    archive_path,
    manifest_of,
    read_archive,
)
from achilles_tui.storage.database import (
    backup_before,
    ensure_private_dir,
    newest_backup,
    writer_lock,
)
from achilles_tui.storage.errors import CorruptDatabase, StorageError
from achilles_tui.storage.locations import BACKUP_DIR, history_path
from achilles_tui.storage.safe_storage import (
    atomic_write_bytes,
    encode_document,
    read_history_file,
)
from achilles_tui.storage.schema import SchemaError
from achilles_tui.storage.year_close import close_years, summarise

LOCK_TIMEOUT = 10.0


class DoctorRefused(StorageError):
    """A repair that cannot be made safely; nothing was changed."""


@dataclass
class YearFile:
    """One ``archive/YYYY.json`` as found."""

    year: int
    path: Path
    listed: bool
    problem: str | None = None
    diary: int = 0
    sessions: int = 0
    also_in_history: int = 0

    @property
    def only_here(self) -> int:
        """Records of this file that history.json does not have."""
        return self.diary + self.sessions - self.also_in_history


@dataclass
class BackupSet:
    """A history file in backups/ and the year files saved with it, if any."""

    name: str
    history: Path
    archive: Path | None


@dataclass
class Report:
    """The state of a data folder, for ``achilles-tui doctor``."""

    data_dir: Path
    history_problem: str | None = None
    index_problem: str | None = None
    history_records: dict[str, int] = field(default_factory=dict)
    listed: list[int] = field(default_factory=list)
    files: list[YearFile] = field(default_factory=list)
    missing: list[int] = field(default_factory=list)
    strays: list[Path] = field(default_factory=list)
    backups: list[BackupSet] = field(default_factory=list)

    @property
    def problems(self) -> int:
        """How many things are wrong (0: nothing to repair)."""
        return (
            (self.history_problem is not None)
            + (self.index_problem is not None)
            + sum(1 for f in self.files if f.problem is not None or not f.listed)
            + len(self.missing)
            + len(self.strays)
        )


def backup_sets(data_dir: Path) -> list[BackupSet]:
    """Every backup set, oldest first: ``YYYY-MM-DD`` (daily) or ``before-REASON-STAMP``."""
    folder = data_dir / BACKUP_DIR
    if not folder.is_dir():
        return []
    sets = []
    for history in sorted(folder.glob("*.json")):
        stem = history.stem
        if stem.startswith("history-"):
            name = stem.removeprefix("history-")
            archive = folder / f"archive-{name}"
        elif stem.startswith("before-"):
            name = stem
            archive = folder / stem
        else:
            continue
        sets.append(BackupSet(name, history, archive if archive.is_dir() else None))
    return sets


def _read(data_dir: Path) -> tuple[Document | None, str | None, str | None]:
    """(document, problem with the history file, problem with its archive table)."""
    path = history_path(data_dir)
    try:
        data = read_history_file(path)
        if data is None:
            return None, None, None
        migrations.needs_migration(data, path)
        data = migrations.migrate(data)
    except StorageError as exc:
        return None, str(exc), None
    rest = {table: docs for table, docs in data.items() if table != MANIFEST}
    try:
        codec.check_document(rest)
    except SchemaError as exc:
        return data, f"{path} has an invalid record ({exc})", None
    try:
        codec.check_document({MANIFEST: data.get(MANIFEST) or {}})
    except SchemaError as exc:
        return data, None, f"the archive table of {path} is damaged ({exc})"
    return data, None, None


def examine(data_dir: Path) -> Report:
    """The state of the folder: the history file, its index, every year file, the backups."""
    report = Report(data_dir, backups=backup_sets(data_dir))
    data, report.history_problem, report.index_problem = _read(data_dir)
    main: Document = data or {}
    report.history_records = {
        table: len(main.get(table) or {}) for table in ("plans", *DATED_TABLES)
    }
    listed = set(manifest_of(main)) if report.index_problem is None else set()
    report.listed = sorted(listed)
    keys = {
        table: {doc.get(key) for doc in (main.get(table) or {}).values()}
        for table, key in DATED_TABLES.items()
    }
    files = archive_files(data_dir)
    for year, path in sorted(files.items()):
        found = YearFile(year, path, year in listed)
        try:
            archived = read_archive(path, year)
        except StorageError as exc:
            found.problem = str(exc)
        else:
            for table, key in DATED_TABLES.items():
                docs = list((archived.get(table) or {}).values())
                setattr(found, table, len(docs))
                found.also_in_history += sum(1 for doc in docs if doc.get(key) in keys[table])
        report.files.append(found)
    report.missing = sorted(listed - set(files))
    folder = archive_folder(data_dir)
    if folder.is_dir():
        report.strays = sorted(
            p
            for p in folder.iterdir()
            if p.is_file() and p not in files.values() and not p.name.startswith(".")
        )
    return report


@contextlib.contextmanager
def _locked(data_dir: Path) -> Iterator[None]:
    lock = writer_lock(data_dir, LOCK_TIMEOUT)
    try:
        yield
    finally:
        lock.release()


def merge(data_dir: Path, today: dt.date | None = None) -> tuple[Path | None, list[int]]:
    """Rebuild the archive table from the year files, then move closed years' records.

    Returns the backup taken first and the years now listed. A history file that is damaged
    beyond its archive table is refused (restore a backup set instead).
    """
    path = history_path(data_dir)
    with _locked(data_dir):
        data, problem, index_problem = _read(data_dir)
        if problem is not None:
            raise DoctorRefused(
                f"{problem}. Merging cannot mend that: restore a backup set "
                "(`achilles-tui doctor --restore NAME`). Nothing was changed.",
                path,
            )
        if data is None:
            raise DoctorRefused(f"{path} does not exist yet: there is nothing to merge.", path)
        try:
            plans = [codec.plan_from_doc(doc) for doc in (data.get("plans") or {}).values()]
        except (DomainError, ValueError, TypeError, KeyError) as exc:  # checked above
            raise DoctorRefused(f"{path} has a plan that does not read ({exc})", path) from None
        old = manifest_of(data) if index_problem is None else {}
        listed = _index_from_files(data_dir, plans, old)
        backup = backup_before(path, "doctor")
        new = {**data, MANIFEST: {str(n): listed[y] for n, y in enumerate(sorted(listed), 1)}}
        atomic_write_bytes(path, encode_document(new))

        def write_main(changed: Document) -> None:
            atomic_write_bytes(path, encode_document(changed))

        close_years(data_dir, new, today or dt.date.today(), write_main, min_records=1)
        final = read_history_file(path) or new
    return backup, sorted(manifest_of(final))


def _index_from_files(
    data_dir: Path, plans: list[Plan], old: dict[int, dict[str, Any]]
) -> dict[int, dict[str, Any]]:
    """A summary for every year file that reads; a year still listed whose file is missing
    keeps its entry (its records are nowhere else: the reads keep naming the missing file)."""
    listed: dict[int, dict[str, Any]] = {}
    files = archive_files(data_dir)
    for year, path in files.items():
        try:
            archived = read_archive(path, year)
        except StorageError:
            continue  # a damaged file stays as it is, unlisted; the reads name it
        tables = {t: list((archived.get(t) or {}).values()) for t in DATED_TABLES}
        listed[year] = summarise(year, tables, plans)
    for year, entry in old.items():
        if year not in files:
            listed[year] = entry
    return listed


def find_set(data_dir: Path, name: str) -> BackupSet:
    """The backup set a name (``2026-12-05`` or ``before-import-...``) stands for."""
    for candidate in backup_sets(data_dir):
        if name in (candidate.name, candidate.history.name):
            return candidate
    known = ", ".join(s.name for s in backup_sets(data_dir)[-5:]) or "none yet"
    raise DoctorRefused(
        f"There is no backup set {name!r} in {data_dir / BACKUP_DIR} (the newest: {known}). "
        "Nothing was changed.",
        data_dir / BACKUP_DIR,
    )


_YEAR_FILE = re.compile(r"[0-9]{4}\.json", re.ASCII)


def restore(data_dir: Path, name: str) -> Path | None:
    """Put a backup set back in place, after a backup of the folder as it is; that backup.

    The set is checked first (a damaged backup is refused, changing nothing). Year files in
    archive/ that the set does not have were saved in that first backup, so the restored
    folder is the set exactly.
    """
    chosen = find_set(data_dir, name)
    try:
        data = read_history_file(chosen.history)
        if data is None:
            raise CorruptDatabase(f"{chosen.history} is missing", chosen.history)
        migrations.needs_migration(data, chosen.history)
        codec.check_document(migrations.migrate(data))
    except (StorageError, SchemaError) as exc:
        raise DoctorRefused(
            f"The backup {chosen.history} cannot be restored: {exc}. Nothing was changed.",
            chosen.history,
        ) from None
    saved_years = (
        sorted(p for p in chosen.archive.iterdir() if _YEAR_FILE.fullmatch(p.name))
        if chosen.archive is not None
        else []
    )
    for saved in saved_years:
        try:
            read_archive(saved, int(saved.stem))
        except StorageError as exc:
            raise DoctorRefused(
                f"The backup set {chosen.name} cannot be restored: {exc}", saved
            ) from None
    path = history_path(data_dir)
    with _locked(data_dir):
        backup = backup_before(path, "restore")
        kept = data_dir / BACKUP_DIR / backup.stem if backup is not None else None
        live = archive_files(data_dir)
        for live_path in live.values():
            if kept is None or not (kept / live_path.name).is_file():
                raise DoctorRefused(
                    f"{live_path} could not be saved in a backup first. Nothing was changed.",
                    live_path,
                )
        if saved_years:
            ensure_private_dir(archive_folder(data_dir))
        for saved in saved_years:
            atomic_write_bytes(archive_folder(data_dir) / saved.name, saved.read_bytes())
        atomic_write_bytes(path, chosen.history.read_bytes())
        restored = {int(p.stem) for p in saved_years}
        for year in live:
            if year not in restored:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(archive_path(data_dir, year))
    return backup


def newest_set_name(data_dir: Path) -> str | None:
    """The daily backup set a damaged history would go back to, by name."""
    newest = newest_backup(data_dir)
    return newest.stem.removeprefix("history-") if newest is not None else None
