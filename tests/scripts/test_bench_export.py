"""The bench's generated history: the app's own export format, imported by the real CLI."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from scripts.bench_export import run_cli, template_export, ten_year_export, write_export

TODAY = dt.date(2026, 3, 16)


def test_one_year_has_a_diary_day_and_a_session_each_day_and_a_plan_a_month() -> None:
    export = ten_year_export(1, TODAY)
    dates = [entry["date"] for entry in export["diary"]]
    assert len(dates) == len(set(dates)) == 365
    assert dates[-1] == str(TODAY - dt.timedelta(days=1))
    assert [s["date"] for s in export["sessions"]] == dates
    assert 12 <= len(export["plans"]) <= 15
    assert [p["version"] for p in export["plans"]] == list(range(1, len(export["plans"]) + 1))
    assert {s["plan_version"] for s in export["sessions"]} == {
        p["version"] for p in export["plans"]
    }


def test_the_same_seed_makes_the_same_history() -> None:
    template = template_export()
    assert ten_year_export(1, TODAY, template=template) == ten_year_export(
        1, TODAY, template=template
    )


def test_the_cli_imports_it_whole(tmp_path: Path) -> None:
    path = write_export(tmp_path / "one-year.json", ten_year_export(1, dt.date.today()))
    out = run_cli(tmp_path / "data", "import", str(path))
    assert "365 diary" in out
    assert "365 sessions" in out
