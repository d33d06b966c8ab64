"""The one place that knows where the history lives."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "achilles-tui"
ENV_DATA_DIR = "ACHILLES_TUI_DATA_DIR"
HISTORY_FILE = "history.json"
LOCK_FILE = "history.lock"
BACKUP_DIR = "backups"
ARCHIVE_DIR = "archive"


def default_data_dir() -> Path:
    """platformdirs' per-user data folder, imported late to keep start-up lean."""
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False, ensure_exists=False)


def resolve_data_dir(data_dir: str | os.PathLike[str] | None = None) -> Path:
    """--data-dir wins, then ACHILLES_TUI_DATA_DIR, then the platform default."""
    if data_dir:
        return Path(data_dir).expanduser().absolute()
    env = os.environ.get(ENV_DATA_DIR, "").strip()
    if env:
        return Path(env).expanduser().absolute()
    return default_data_dir()


def history_path(data_dir: Path) -> Path:
    """Full path of the history file inside a data folder."""
    return data_dir / HISTORY_FILE
