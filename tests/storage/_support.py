"""Shared builders and file-state helpers for the storage tests."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

from achilles_tui.domain.models import Exercise, Position
from achilles_tui.domain.records import AssessmentRecord
from achilles_tui.storage.locations import LOCK_FILE, history_path

HELPERS = Path(__file__).parent / "helpers"
TEMP_GLOB = ".history-*.tmp"


def file_state(path: Path) -> tuple[bytes, int, int]:
    """Bytes, mtime (ns) and inode: equal before and after means the file was not touched."""
    st = path.stat()
    return path.read_bytes(), st.st_mtime_ns, st.st_ino


def tree(directory: Path) -> dict[str, tuple[bytes, int] | None]:
    """Every path under a folder with the content and mtime of its files."""
    result: dict[str, tuple[bytes, int] | None] = {}
    for item in sorted(directory.rglob("*")):
        rel = str(item.relative_to(directory))
        result[rel] = (item.read_bytes(), item.stat().st_mtime_ns) if item.is_file() else None
    return result


def temp_files(directory: Path) -> list[Path]:
    """Leftover atomic-write temp files."""
    return sorted(directory.glob(TEMP_GLOB))


def write_history(data_dir: Path, document: Any) -> Path:
    """Put a raw document (or raw bytes) where the history lives."""
    data_dir.mkdir(parents=True, exist_ok=True)
    path = history_path(data_dir)
    if isinstance(document, bytes):
        path.write_bytes(document)
    else:
        path.write_text(json.dumps(document), encoding="utf-8")
    return path


def lock_is_free(data_dir: Path) -> bool:
    """True if nobody holds the single-writer lock."""
    lock = FileLock(str(data_dir / LOCK_FILE))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        return False
    lock.release()
    return True


def mode(path: Path) -> int:
    return os.stat(path).st_mode & 0o777


def exercises() -> tuple[Exercise, ...]:
    return (
        Exercise(Position.NEUTRAL, legs=2, reps=5, hold_seconds=45, rest_seconds=60),
        Exercise(
            Position.HEEL_RAISED,
            legs=1,
            added_load=True,
            load_kg=7.5,
            reps=4,
            hold_seconds=30,
            rest_seconds=120,
            sessions_per_week=5,
            rules=("stop if pain above 5",),
        ),
    )


def other_exercises() -> tuple[Exercise, ...]:
    return (Exercise(Position.HEEL_DROP, legs=1, reps=3, hold_seconds=20, rest_seconds=30),)


DAY = dt.date(2024, 3, 1)


def stored_assessment(created: str, result: dict[str, Any]) -> AssessmentRecord:
    """An assessment record as storage keeps it, with a given result and no answers."""
    return AssessmentRecord(created=dt.datetime.fromisoformat(created), answers=None, result=result)
