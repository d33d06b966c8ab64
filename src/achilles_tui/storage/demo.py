"""The bundled demo history, moved in time so that its last diary day is today.

``assets/demo-history.json`` (written by ``scripts/make_demo_history.py``) holds
12 weeks ending on a fixed date; shifting keeps every gap between records, so
the story (levels, the flare-up week, rest days) reads the same on any day.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from importlib.resources import files
from pathlib import Path
from typing import Any

DEMO_ASSET = "demo-history.json"
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?")


def read_demo_asset() -> dict[str, Any]:
    """The export exactly as shipped (dates ending on the day it was generated)."""
    text = files("achilles_tui.assets").joinpath(DEMO_ASSET).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def last_diary_day(export: dict[str, Any]) -> dt.date:
    """The newest diary date, the day the story ends."""
    return max(dt.date.fromisoformat(doc["date"]) for doc in export["diary"])


def _shift(value: Any, days: dt.timedelta) -> Any:
    """Move every ISO date or date-time string (anywhere in the tree) by `days`."""
    if isinstance(value, dict):
        return {key: _shift(item, days) for key, item in value.items()}
    if isinstance(value, list):
        return [_shift(item, days) for item in value]
    if isinstance(value, str):
        if _DATETIME.fullmatch(value):
            return (dt.datetime.fromisoformat(value) + days).isoformat()
        if _DATE.fullmatch(value):
            return (dt.date.fromisoformat(value) + days).isoformat()
    return value


def shift_export_dates(export: dict[str, Any], new_end: dt.date) -> dict[str, Any]:
    """A copy of `export` with all dates moved so the last diary day is `new_end`."""
    delta = new_end - last_diary_day(export)
    shifted: dict[str, Any] = _shift(export, delta)
    return shifted


def load_demo_export(today: dt.date) -> dict[str, Any]:
    """The demo history ready to import: 12 weeks ending `today`."""
    return shift_export_dates(read_demo_asset(), today)


def make_demo_history(data_dir: Path, today: dt.date) -> Path:
    """A fresh history in `data_dir` filled with the sample weeks, ending today."""
    from achilles_tui.storage.database import HistoryStore
    from achilles_tui.storage.repository import Repository

    with HistoryStore(data_dir) as store:
        Repository(store).import_export(load_demo_export(today))
        return store.path
