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
