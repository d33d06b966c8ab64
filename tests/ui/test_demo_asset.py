"""The shipped demo history: a valid export, 12 weeks, and shifted to end today."""

from __future__ import annotations

import datetime as dt
from importlib.resources import as_file, files
from pathlib import Path

from achilles_tui.domain.models import DayKind
from achilles_tui.storage import codec
from achilles_tui.storage.database import HistoryStore
from achilles_tui.storage.demo import load_demo_export, read_demo_asset
from achilles_tui.storage.repository import ReadOnlyRepository, Repository
from achilles_tui.storage.transfer import load_export
from tests.conftest import FROZEN_NOW

TABLES = ("assessments", "plans", "sessions", "diary", "reviews")


def test_asset_passes_import_validation_and_spans_twelve_weeks() -> None:
    with as_file(files("achilles_tui.assets").joinpath("demo-history.json")) as path:
        tables = load_export(Path(path))
    days = [codec.diary_from_doc(doc) for doc in tables["diary"]]
    dates = sorted(d.date for d in days)
    assert (dates[-1] - dates[0]).days + 1 == 84
    assert len(set(dates)) == 84
    assert dates[-1] == dt.date(2026, 3, 15)
    assert [p["level"] for p in tables["plans"]] == ["L1", "L2", "L3"]
    kinds = {d.day for d in days}
    assert {DayKind.REST, DayKind.FLARE_UP} <= kinds
    assert len(tables["sessions"]) >= 60  # near-daily
    first, last = days[:14], days[-14:]
    assert sum(d.morning_pain or 0 for d in last) < sum(d.morning_pain or 0 for d in first)


def test_shifted_export_ends_today_and_imports() -> None:
    today = FROZEN_NOW.date()
    export = load_demo_export(today)
    original = read_demo_asset()
    shift = today - dt.date(2026, 3, 15)
    assert max(doc["date"] for doc in export["diary"]) == today.isoformat()
    assert (
        export["plans"][0]["created"]
        == (dt.datetime.fromisoformat(original["plans"][0]["created"]) + shift).isoformat()
    )
    assert all(doc["date"] <= today.isoformat() for doc in export["sessions"])
    assert export["diary"][0]["notes"] == original["diary"][0]["notes"]


def test_shifted_export_loads_into_a_history(tmp_path: Path) -> None:
    export = load_demo_export(FROZEN_NOW.date())
    with HistoryStore(tmp_path / "demo") as store:
        counts = Repository(store).import_export({name: export[name] for name in TABLES})
    assert counts.diary == 84 and counts.plans == 3
    repo = ReadOnlyRepository(tmp_path / "demo")
    assert repo.diary_entries()[-1].date == FROZEN_NOW.date()
    assert repo.current_plan() is not None
