"""Storage failures a person can act on; every message names the file involved."""

from __future__ import annotations

from pathlib import Path


class StorageError(Exception):
    """Base for every storage failure shown to the user (never as a traceback)."""

    def __init__(self, message: str, path: Path | None = None) -> None:
        super().__init__(message)
        self.path = path


class CorruptDatabase(StorageError):
    """The history file exists but cannot be trusted; it is left exactly as found."""


class SchemaTooNew(StorageError):
    """The file was written by a newer achilles-tui; rewriting it could lose data."""


class HistoryLocked(StorageError):
    """Another achilles-tui holds the single-writer lock on this history."""


class WriteFailed(StorageError):
    """A save could not be completed (read-only disk, disk full); nothing was changed."""


def damaged_file_advice(newest_backup: Path | None) -> str:
    """What to do about a damaged history, worded once for the app and every command."""
    if newest_backup is None:
        return "There is no backup yet. `achilles-tui doctor` shows what is damaged."
    archived = newest_backup.parent / newest_backup.name.replace("history-", "archive-")
    archived = archived.with_suffix("")
    also = f", and the files in {archived} into the archive folder" if archived.is_dir() else ""
    return (
        f"The newest backup is {newest_backup}; to go back to it, copy it over the history "
        f"file{also} (keep a copy of the damaged one), or run `achilles-tui doctor`, which "
        "shows what is damaged and restores a backup set after saving the damaged files."
    )


class InvalidRecord(StorageError):
    """A record about to be saved does not fit the schema; nothing was written."""
