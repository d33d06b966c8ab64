"""Closed years: diary entries and sessions kept in one TinyDB file per year.

The history file (``history.json``) holds settings, assessments, plans, reviews and the diary
and sessions of the open years; a year closes CLOSE_AFTER_DAYS after its last day, and its
records move to ``archive/YYYY.json``. The history file's ``archive`` table lists the closed
years with a summary of each (counts, warning-sign dates, the streak run), so daily questions
never open an archive. Why and how it was measured: docs/performance.md.

Rules that keep it safe (the move itself is in ``year_close``):
- The history file is the truth: an archive file counts only when the ``archive`` table lists
  its year. A file for an unlisted year is left over from an interrupted move; its records are
  still in the history file.
- A record of a closed year may also sit in the history file (saved after the year closed, or
  left there by an interrupted move): that copy wins over the archived one (same diary date,
  same session id), and the next opening of the history moves it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from achilles_tui.storage.errors import CorruptDatabase
from achilles_tui.storage.locations import ARCHIVE_DIR
from achilles_tui.storage.migrations import (
    META_TABLE,
    SCHEMA_VERSION,
    needs_migration,
    schema_version,
)
from achilles_tui.storage.safe_storage import read_history_file

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


def read_archive(path: Path, year: int) -> Document:
    """Read and validate a year's file; a listed year whose file is missing is damage."""
    data = read_history_file(path)
    if data is None:
        raise CorruptDatabase(
            f"{path} is missing: the history lists {year} as archived there. Nothing was changed.",
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
    return data


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
        self.manifest = manifest
        self._loaded: dict[int, Document] = {}

    @property
    def years(self) -> list[int]:
        """Closed years, oldest first."""
        return sorted(self.manifest)

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
