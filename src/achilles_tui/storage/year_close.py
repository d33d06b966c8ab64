"""Moving closed years out of the history file, so that a kill at any point loses nothing.

The order of writes is what makes it safe:
1. each closing year's file is written whole (atomically): what was archived for that year
   before, plus that year's records from the history file;
2. then the history file is written once (atomically) without those records and with the
   years listed in its ``archive`` table. That write is the moment of the move.

Killed before 2, the history file still holds every record and does not list the new years;
their files are read beside it (each record counts once, the history file's copy winning) and
the next move of those years merges them; a year that was already listed holds its records
twice, which readers merge the same way. Killed after 2, the move is done. No file is ever
deleted here: a year's file the history does not list may hold records that are nowhere else
(a folder synced in another order, a damaged index), so it is merged, never dropped.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from achilles_tui.domain.models import DayKind, DomainError, Plan
from achilles_tui.domain.streak import year_run_of_days
from achilles_tui.storage import codec
from achilles_tui.storage.archive import (
    DATED_TABLES,
    DIARY,
    MANIFEST,
    SESSIONS,
    Archives,
    Document,
    archive_files,
    archive_folder,
    archive_path,
    is_closed,
    manifest_of,
    merge_records,
    new_archive,
    record_year,
)
from achilles_tui.storage.errors import WriteFailed
from achilles_tui.storage.safe_storage import atomic_write_bytes, encode_document

PLANS = "plans"


def stale_years(data: Document) -> list[int]:
    """Closed years whose streak summary a later plan version may have changed.

    Read from the raw plan documents (no decoding): this runs at every opening.
    """
    manifest = manifest_of(data)
    if not manifest:
        return []
    starts = []
    for doc in (data.get(PLANS) or {}).values():
        start = str(doc.get("since") or doc.get("created") or "")[:4]
        version = doc.get("version")
        if start.isdigit() and isinstance(version, int):
            starts.append((version, int(start)))
    stale = []
    for year, entry in manifest.items():
        known = entry.get("plans")
        if not isinstance(known, int) or any(v > known and y <= year for v, y in starts):
            stale.append(year)
    return sorted(stale)


def summarise(
    year: int, tables: dict[str, list[dict[str, Any]]], plans: list[Plan]
) -> dict[str, Any]:
    """What the history file keeps about a closed year so daily questions need not open it.

    Read from the stored fields §E1 counting needs (the records were checked when saved), so
    closing ten years after an import stays quick.
    """
    diary = [codec.diary_day_fact(doc) for doc in tables[DIARY]]
    sessions = [codec.session_count_fact(doc) for doc in tables[SESSIONS]]
    off = {day for day, kind, _ in diary if kind is not DayKind.NORMAL}
    run = year_run_of_days(year, plans, sessions, off)
    days = [day for day, _, _ in diary] + [day for day, _ in sessions]
    return {
        "year": year,
        "diary": len(diary),
        "sessions": len(sessions),
        "flagged": sorted(day.isoformat() for day, _, flagged in diary if flagged),
        "first": min(days).isoformat() if days else None,
        "first_session": min(day for day, _ in sessions).isoformat() if sessions else None,
        "run": [run.days, run.whole],
        "plans": max((p.version for p in plans), default=0),
    }


def closed_records(data: Document, today: dt.date) -> dict[int, dict[str, list[dict[str, Any]]]]:
    """The history file's records of closed years: {year: {table: records}}, in one pass."""
    grouped: dict[int, dict[str, list[dict[str, Any]]]] = {}
    for table in DATED_TABLES:
        for doc in (data.get(table) or {}).values():
            year = record_year(doc)
            if year is not None and is_closed(year, today):
                grouped.setdefault(year, {name: [] for name in DATED_TABLES})[table].append(doc)
    return grouped


def close_years(
    data_dir: Path,
    data: Document,
    today: dt.date,
    write_main: Callable[[Document], None],
    *,
    min_records: int = 1,
) -> list[int]:
    """Move every closed year's records out of ``data`` into its file; returns the years moved.

    Nothing moves while the history file holds fewer than ``min_records`` records of closed
    years (an opening waits for a worthwhile batch; a few back-dated entries read fine from
    the history file).

    ``write_main`` saves the new history document atomically (the moment of the move). A year
    whose records cannot be decoded is left where it is: nothing moves that cannot be read.
    When a write fails the history stays as it was (the error is raised).
    """
    manifest = manifest_of(data)
    archives = Archives(data_dir, manifest)
    grouped = closed_records(data, today)
    waiting = sum(len(docs) for tables in grouped.values() for docs in tables.values())
    # A year whose file does not read (damaged, missing, from a newer app) is never rewritten:
    # its records stay where they are and the reads say what is wrong.
    years = (
        [y for y in sorted(grouped) if y not in archives.years or archives.readable(y)]
        if waiting >= min_records
        else []
    )
    refresh = [year for year in stale_years(data) if year not in years and archives.readable(year)]
    if not years and not refresh:
        return []
    try:
        plans = [codec.plan_from_doc(doc) for doc in (data.get(PLANS) or {}).values()]
    except (KeyError, TypeError, ValueError, DomainError):
        return []  # a bad plan is reported by the reads; nothing moves meanwhile
    moved: dict[int, dict[str, list[dict[str, Any]]]] = {}
    summaries: dict[int, dict[str, Any]] = {}
    for year in years:
        archived = {
            table: archives.records(table, year) if year in archives.years else []
            for table in DATED_TABLES
        }
        tables = {
            table: merge_records(table, archived[table], grouped[year][table])
            for table in DATED_TABLES
        }
        try:
            _check_decodes(archived)  # a year's file that does not read is never rewritten
            summaries[year] = summarise(year, tables, plans)
        except (KeyError, TypeError, ValueError, DomainError):
            continue  # a record that does not decode stays in the history file for validation
        moved[year] = tables
    for year in refresh:
        tables = {table: archives.records(table, year) for table in DATED_TABLES}
        try:
            summaries[year] = summarise(year, tables, plans)
        except (KeyError, TypeError, ValueError, DomainError):
            continue  # stays stale: readers work the run out and report the bad record
    if not summaries:
        return []
    existing = archive_files(data_dir)
    created = [year for year in moved if year not in existing]
    try:
        if moved:
            _make_archive_folder(data_dir)
        for year, tables in moved.items():
            atomic_write_bytes(
                archive_path(data_dir, year), encode_document(new_archive(year, tables))
            )
        write_main(_without_moved(data, moved, summaries))
    except WriteFailed:
        # The history file was not replaced, so the files this move created (none existed for
        # these years before) hold only copies of records still in the history file. A file
        # that existed before is kept whatever happened: it may hold records found nowhere else.
        for year in created:
            with contextlib.suppress(OSError):
                archive_path(data_dir, year).unlink()
        raise
    return sorted(moved)


def _check_decodes(tables: dict[str, list[dict[str, Any]]]) -> None:
    """Decode every record, raising on a bad one (summarise reads only a few fields).

    Run on what a closed year's file already holds before that file is rewritten: only a
    re-close (records saved after the year closed) pays for it.
    """
    for doc in tables[DIARY]:
        codec.diary_from_doc(doc)
    for doc in tables[SESSIONS]:
        codec.session_from_doc(doc)


def _make_archive_folder(data_dir: Path) -> None:
    """Create archive/ (0700); a read-only or full disk is a WriteFailed like any write."""
    folder = archive_folder(data_dir)
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
    except OSError as exc:
        raise WriteFailed(f"Could not create {folder}: {exc.strerror or exc}.", folder) from None


def _without_moved(
    data: Document, moved: dict[int, Any], summaries: dict[int, dict[str, Any]]
) -> Document:
    """The history document after the move: the years' records gone, their summaries listed."""
    new = dict(data)
    for table in DATED_TABLES:
        docs = data.get(table)
        if docs is not None:
            new[table] = {k: d for k, d in docs.items() if record_year(d) not in moved}
    listed = {**manifest_of(data), **summaries}
    new[MANIFEST] = {str(n): listed[year] for n, year in enumerate(sorted(listed), start=1)}
    return new
