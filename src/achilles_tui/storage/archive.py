"""Closed years: diary entries and sessions kept in one TinyDB file per year.

The history file (``history.json``) holds settings, assessments, plans, reviews and the diary
and sessions of the open years; a year closes CLOSE_AFTER_DAYS after its last day, and its
records move to ``archive/YYYY.json``. The history file's ``archive`` table lists the closed
years with a summary of each (counts, warning-sign dates, the streak run), so daily questions
never open an archive. Why and how it was measured: docs/performance.md.

Rules that keep it safe (the move itself is in ``year_close``):
- Nothing is deleted on the word of the index. A year's file that the ``archive`` table does
  not list (a move cut short, a folder synced in another order, a damaged or lost table) is
  kept and read: its records count once, beside the history file's. Its summary is worked
  out from the file. Only ``achilles-tui doctor --merge`` lists it (after a backup).
- A record of a closed year may also sit in the history file (saved after the year closed,
  left there by an interrupted move, or both copies arrived by file sync): that copy wins over
  the archived one (same diary date, same session id), and the next move of that year merges
  them.
- A damaged ``archive`` table is refused when the history is opened, like any damaged record.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from achilles_tui.storage import codec
from achilles_tui.storage.errors import CorruptDatabase, StorageError
from achilles_tui.storage.locations import ARCHIVE_DIR
from achilles_tui.storage.migrations import (
    META_TABLE,
    SCHEMA_VERSION,
    needs_migration,
    schema_version,
)
from achilles_tui.storage.safe_storage import read_history_file
from achilles_tui.storage.schema import FIRST_YEAR, LAST_YEAR, SchemaError

Document = dict[str, dict[str, Any]]

MANIFEST = "archive"
DIARY = "diary"
SESSIONS = "sessions"
# The tables whose records are dated and move to a year's file, with the field that makes two
# copies of a record the same record.
DATED_TABLES = {DIARY: "date", SESSIONS: "id"}
CLOSE_AFTER_DAYS = 90


def archive_folder(data_dir: Path) -> Path:
    """Where the closed years' files live."""
    return data_dir / ARCHIVE_DIR


def archive_path(data_dir: Path, year: int) -> Path:
    """The file of one closed year."""
    return archive_folder(data_dir) / f"{year}.json"


def is_closed(year: int, today: dt.date) -> bool:
    """A year closes once its last day is more than CLOSE_AFTER_DAYS ago.

    The wait keeps the weeks a weekly review looks back on (and the first days of January) in
    the history file, so daily use never reaches into an archive.
    """
    return (today - dt.date(year, 12, 31)).days > CLOSE_AFTER_DAYS


def record_year(doc: Any) -> int | None:
    """The year of a dated record; None when its date is not an ISO date (left to validation)."""
    value = doc.get("date") if isinstance(doc, dict) else None
    if type(value) is str and len(value) == 10 and value[:4].isdigit():
        return int(value[:4])
    return None


def manifest_of(data: Document) -> dict[int, dict[str, Any]]:
    """The closed years listed in a history document: {year: summary}."""
    entries: dict[int, dict[str, Any]] = {}
    for doc in (data.get(MANIFEST) or {}).values():
        year = doc.get("year") if isinstance(doc, dict) else None
        if isinstance(year, int):
            entries[year] = doc
    return entries


def new_archive(year: int, tables: dict[str, list[dict[str, Any]]]) -> Document:
    """The document of a year's file: its records and which year it is."""
    data: Document = {META_TABLE: {"1": {"schema_version": SCHEMA_VERSION, "year": year}}}
    for table in DATED_TABLES:
        data[table] = {str(n): doc for n, doc in enumerate(tables.get(table, []), start=1)}
    return data


_YEAR_FILE = re.compile(r"([0-9]{4})\.json", re.ASCII)


def archive_files(data_dir: Path) -> dict[int, Path]:
    """The year files in archive/ ({year: path}), listed or not; none when there is no folder.

    Only ``YYYY.json`` counts: a sync tool's conflict copy ("2025 (conflicted copy).json",
    "2025.sync-conflict-....json") is left for the person (``doctor`` names it).
    """
    folder = archive_folder(data_dir)
    try:
        names = os.listdir(folder)
    except OSError:
        return {}
    found: dict[int, Path] = {}
    for name in names:
        match = _YEAR_FILE.fullmatch(name)
        if match and FIRST_YEAR <= int(match.group(1)) <= LAST_YEAR:
            found[int(match.group(1))] = folder / name
    return found


def read_archive(path: Path, year: int) -> Document:
    """Read and validate a year's file; a listed year whose file is missing is damage.

    Every record is checked against the schema, as the history file's are when it opens.
    """
    data = read_history_file(path)
    if data is None:
        raise CorruptDatabase(
            f"{path} is missing: the history lists {year} as archived there. If this folder "
            "is synced, wait until the file has arrived. Nothing was changed.",
            path,
        )
    meta: dict[str, Any] = next(iter((data.get(META_TABLE) or {}).values()), {})
    if meta.get("year") != year:
        raise CorruptDatabase(
            f"{path} does not hold the archive of {year}. It was left untouched.", path
        )
    needs_migration(data, path)  # refuses a file from a newer app
    if schema_version(data) < 3:
        raise CorruptDatabase(f"{path} has an unknown archive format.", path)
    try:
        codec.check_document(data)
    except SchemaError as exc:
        raise CorruptDatabase(
            f"{path} has an invalid record ({exc}). It was left untouched.", path
        ) from None
    for table in DATED_TABLES:
        for doc in (data.get(table) or {}).values():
            if record_year(doc) != year:
                raise CorruptDatabase(
                    f"{path} holds a record of another year ({doc.get('date')}). "
                    "It was left untouched.",
                    path,
                )
    return data


def summary_of_records(year: int, tables: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """What can be said of a year from its records alone (no streak run: that needs plans).

    Used for a year's file the history does not list; readers work its run out when asked.
    """
    diary = [codec.diary_day_fact(doc) for doc in tables.get(DIARY, [])]
    sessions = [codec.session_count_fact(doc) for doc in tables.get(SESSIONS, [])]
    days = [day for day, _, _ in diary] + [day for day, _ in sessions]
    return {
        "year": year,
        "diary": len(diary),
        "sessions": len(sessions),
        "flagged": sorted(day.isoformat() for day, _, flagged in diary if flagged),
        "first": min(days).isoformat() if days else None,
        "first_session": min(day for day, _ in sessions).isoformat() if sessions else None,
    }


def merge_records(
    table: str, archived: Iterable[dict[str, Any]], current: Iterable[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Archived records plus the history file's, the history file's copy winning."""
    key = DATED_TABLES[table]
    current = list(current)
    seen = {doc.get(key) for doc in current}
    return [doc for doc in archived if doc.get(key) not in seen] + current


class Archives:
    """The closed years of one history, each file opened only when a question needs it.

    A reader's view: it never writes. Files are read once per instance and kept.
    """

    def __init__(self, data_dir: Path, manifest: dict[int, dict[str, Any]]) -> None:
        self.data_dir = data_dir
        self.listed = manifest
        # Year files nobody lists: kept and read, never deleted on the word of the index.
        self.unlisted = sorted(set(archive_files(data_dir)) - set(manifest))
        self._loaded: dict[int, Document] = {}
        self._manifest: dict[int, dict[str, Any]] | None = None if self.unlisted else manifest

    @property
    def manifest(self) -> dict[int, dict[str, Any]]:
        """Every closed year's summary: as listed, or worked out from an unlisted year's file
        (which is read for that; a damaged one is refused, naming it)."""
        if self._manifest is None:
            merged = dict(self.listed)
            for year in self.unlisted:
                tables = {table: self.records(table, year) for table in DATED_TABLES}
                merged[year] = summary_of_records(year, tables)
            self._manifest = merged
        return self._manifest

    @property
    def years(self) -> list[int]:
        """Closed years, oldest first: those listed and those with an unlisted file."""
        return sorted({*self.listed, *self.unlisted})

    def readable(self, year: int) -> bool:
        """True when the year's file reads and checks (a move never rewrites one that does not)."""
        try:
            self.load(year)
        except StorageError:
            return False
        return True

    def overlapping(self, start: dt.date | None, end: dt.date | None) -> list[int]:
        """Closed years with days inside [start, end]."""
        low = start.year if start else -1
        high = end.year if end else 10_000
        return [year for year in self.years if low <= year <= high]

    def load(self, year: int) -> Document:
        """The validated document of one closed year."""
        if year not in self._loaded:
            self._loaded[year] = read_archive(archive_path(self.data_dir, year), year)
        return self._loaded[year]

    def holding(self, table: str, doc: object) -> int | None:
        """The loaded year whose file holds this very record (not an equal copy), if any."""
        for year, data in self._loaded.items():
            if any(record is doc for record in (data.get(table) or {}).values()):
                return year
        return None

    def records(self, table: str, year: int) -> list[dict[str, Any]]:
        """One closed year's records of a dated table, in file order."""
        return list((self.load(year).get(table) or {}).values())

    def flagged_years(self, start: dt.date | None, end: dt.date | None) -> list[int]:
        """Closed years with a diary warning sign inside [start, end] (from the summaries)."""
        low = start.isoformat() if start else ""
        high = end.isoformat() if end else "9999-12-31"
        return [
            year
            for year in self.overlapping(start, end)
            if any(low <= day <= high for day in self.manifest[year].get("flagged", ()))
        ]
