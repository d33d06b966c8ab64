"""Ordered schema migrations; each turns version N into N+1 on the raw document.

A file written by a newer app is refused rather than rewritten, because the
older code cannot know what it would drop.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from achilles_tui.storage.errors import SchemaTooNew

Document = dict[str, dict[str, Any]]

META_TABLE = "_meta"
SCHEMA_VERSION = 3
# The newest version whose records differ from the one before: exports carry this number, so
# an export made by this app imports into an app from before closed years had their own files.
RECORD_FORMAT_VERSION = 2


def schema_version(data: Document) -> int:
    """Version 0 is a file from before versioning (no _meta table)."""
    meta = data.get(META_TABLE) or {}
    for doc in meta.values():
        version = doc.get("schema_version")
        if isinstance(version, int):
            return version
    return 0


def _set_version(data: Document, version: int) -> Document:
    data[META_TABLE] = {"1": {"schema_version": version}}
    return data


def _v0_to_v1(data: Document) -> Document:
    """v1 introduced the _meta table; the tables themselves were unchanged."""
    return _set_version(data, 1)


def _v1_to_v2(data: Document) -> Document:
    """v2 records where each session came from (timer or manual) and its sides."""
    for doc in (data.get("sessions") or {}).values():
        doc.setdefault("source", "timer")
        for rep in doc.get("reps", []):
            rep.setdefault("side", "both")
    return _set_version(data, 2)


def _v2_to_v3(data: Document) -> Document:
    """v3 keeps closed years in archive/YYYY.json, listed in the "archive" table.

    The step only marks the file: the list starts empty, and moving a year's records is done
    afterwards by the year close, which is crash-safe on its own (storage/year_close.py).
    """
    return _set_version(data, 3)


MIGRATIONS: dict[int, Callable[[Document], Document]] = {
    0: _v0_to_v1,
    1: _v1_to_v2,
    2: _v2_to_v3,
}


def needs_migration(data: Document, path: Path) -> bool:
    """True when an older file must be upgraded; refuses files from the future."""
    version = schema_version(data)
    if version > SCHEMA_VERSION:
        raise SchemaTooNew(
            f"{path} was written by a newer achilles-tui (schema {version}, this one "
            f"understands up to {SCHEMA_VERSION}). Update the app; the file was left untouched.",
            path,
        )
    return version < SCHEMA_VERSION


def migrate(data: Document) -> Document:
    """Apply every step from the file's version up to the current one, in order."""
    version = schema_version(data)
    while version < SCHEMA_VERSION:
        data = MIGRATIONS[version](data)
        version = schema_version(data)
    return data


def new_document() -> Document:
    """What a brand-new history starts as."""
    return _set_version({}, SCHEMA_VERSION)
