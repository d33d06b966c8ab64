"""`review --json` on a history built with the CLI itself, and `report` as valid Markdown."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from achilles_tui.storage.locations import history_path
from achilles_tui.storage.repository import ReadOnlyRepository
from tests.cli.run import run_cli
from tests.domain.test_report import markdown_structure

TODAY = dt.date.today()
WEEK_ENDING = TODAY - dt.timedelta(days=1)
EXACT_KEYS = {"suggestion", "level_from", "level_to", "changes", "rules_fired", "reasons", "week"}


def ok(data_dir: Path, *args: str) -> str:
    """Run a command that must succeed; return its stdout."""
    result = run_cli("--data-dir", data_dir, *args)
    assert result.returncode == 0, result.stderr
    return result.stdout


def logged_week(
    data_dir: Path,
    assess: Sequence[str],
    pains: Sequence[int] = (2,) * 7,
    effort: str = "challenging",
) -> None:
    """An assessment-based plan begun a week ago (--since), then 7 settled mornings and 7
    sessions ending yesterday."""
    since = (TODAY - dt.timedelta(days=7)).isoformat()
    ok(data_dir, "assess", "--condition", "midportion", *assess, "--save", "--since", since)
    for offset, pain in zip(range(7, 0, -1), pains, strict=True):
        day = (TODAY - dt.timedelta(days=offset)).isoformat()
        ok(data_dir, "log", "--date", day, "--morning-pain", "1", "--stiffness-minutes", "5",
           "--settled", "yes")  # fmt: skip
        ok(data_dir, "log-session", "--date", day, "--pain-during", str(pain), "--effort", effort)


def review_json(data_dir: Path) -> dict[str, Any]:
    """`review --week-ending yesterday --json`, parsed."""
    data: dict[str, Any] = json.loads(
        ok(data_dir, "review", "--week-ending", WEEK_ENDING.isoformat(), "--json")
    )
    return data


def test_full_week_below_l6_progresses_exactly_one_step(tmp_path: Path) -> None:
    data_dir = tmp_path / "d"
    logged_week(data_dir, ["--flares-easily"])
    before = history_path(data_dir).read_bytes()
    data = review_json(data_dir)
    assert set(data) >= EXACT_KEYS
    assert data["suggestion"] == "progress"
    assert (data["level_from"], data["level_to"]) == ("L1", "L2")
    assert data["changes"] == [{"field": "reps", "from": 3, "to": 5}]
    assert "PROG-ADVANCE" in data["rules_fired"]
    assert all(set(reason) == {"rule", "message"} for reason in data["reasons"])
    week = data["week"]
    assert (week["sessions_done"], week["sessions_planned"], week["max_pain_during"]) == (7, 7, 2)
    assert week["not_settled_mornings"] == 0
    # review reads only: nothing was stored
    repo = ReadOnlyRepository(data_dir)
    assert repo.reviews() == [] and len(repo.plans()) == 1
    assert history_path(data_dir).read_bytes() == before


def test_l6_too_easy_switches_to_isotonic(tmp_path: Path) -> None:
    data_dir = tmp_path / "d"
    logged_week(data_dir, ["--strength", "strong"], effort="too-easy")
    data = review_json(data_dir)
    assert data["level_from"] == "L6"
    assert data["suggestion"] == "switch_to_isotonic"
    # §E6.2/§E6.5: the switch names the start step (T3 from a review, not irritable)
    assert data["level_to"] == "T3"
    assert (data["stage_from"], data["stage_to"]) == ("isometric", "isotonic")
    assert {"field": "stage", "from": "isometric", "to": "isotonic"} in data["changes"]
    assert "PROG-SWITCH-ISOTONIC" in data["rules_fired"]


@pytest.mark.parametrize(
    ("assess", "effort"),
    [(["--flares-easily"], "challenging"), (["--strength", "strong"], "too-easy")],
)
def test_pain_over_5_in_two_sessions_never_progresses(
    tmp_path: Path, assess: list[str], effort: str
) -> None:
    data_dir = tmp_path / "d"
    logged_week(data_dir, assess, pains=(2, 6, 2, 2, 7, 2, 2), effort=effort)
    data = review_json(data_dir)
    assert data["suggestion"] == "regress"
    assert data["week"]["sessions_over_5"] == 2
    assert "MON-PAIN-DURING" in data["rules_fired"]


def test_readable_summary_and_future_week(tmp_path: Path) -> None:
    data_dir = tmp_path / "d"
    logged_week(data_dir, ["--flares-easily"])
    text = ok(data_dir, "review", "--week-ending", WEEK_ENDING.isoformat())
    assert "Move up one step: L1 -> L2." in text
    assert "reps 3 -> 5" in text
    assert "(PROG-ADVANCE)" in text
    future = (TODAY + dt.timedelta(days=1)).isoformat()
    result = run_cli("--data-dir", data_dir, "review", "--week-ending", future)
    assert result.returncode == 2
    assert "in the future" in result.stderr
    bad = run_cli("--data-dir", data_dir, "review", "--week-ending", "2026-13-40")
    assert bad.returncode == 2


def test_review_without_a_plan_says_so(tmp_path: Path) -> None:
    result = run_cli("--data-dir", tmp_path / "empty", "review", "--json")
    assert result.returncode == 1
    assert "no plan yet" in result.stderr


def test_report_is_markdown_with_the_weekly_figures(tmp_path: Path) -> None:
    data_dir = tmp_path / "d"
    logged_week(data_dir, ["--flares-easily"])
    out = tmp_path / "report.md"
    printed = ok(data_dir, "report", "--weeks", "3", "--output", str(out))
    assert str(out) in printed
    text = out.read_text(encoding="utf-8")
    headings, tables = markdown_structure(text)
    assert {"Current plan", "Weekly figures", "Plan history", "About this report"} <= set(headings)
    weekly = next(t for t in tables if t[0][0] == "Week ending")
    assert len(weekly) == 1 + 3
    this_week = weekly[-1]
    assert this_week[0] == TODAY.isoformat()
    assert this_week[1] == "6/7"  # the 7 logged days end yesterday
    assert this_week[2] == "2"
    assert ok(data_dir, "report", "--weeks", "3") == text


@pytest.mark.parametrize("weeks", ["0", "105", "x"])
def test_report_weeks_out_of_range(tmp_path: Path, weeks: str) -> None:
    result = run_cli("--data-dir", tmp_path / "d", "report", "--weeks", weeks)
    assert result.returncode == 2
