"""Issue 24 (trust and polish, round 3): the command line a new user met in a first week."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from achilles_tui.storage.repository import ReadOnlyRepository
from tests.cli.run import run_cli

TODAY = dt.date.today()
HOLDS = ("--position", "neutral", "--reps", "3", "--hold", "30", "--rest", "60")


def ok(data_dir: Path, *args: str) -> str:
    """Run a command that must succeed; return its stdout."""
    result = run_cli("--data-dir", data_dir, *args)
    assert result.returncode == 0, result.stderr
    return result.stdout


def day(days_ago: int) -> str:
    return (TODAY - dt.timedelta(days=days_ago)).isoformat()


def test_polish3_item1_plan_names_the_day_the_plan_began(tmp_path: Path) -> None:
    data_dir = tmp_path / "d"
    ok(data_dir, "plan", "set", *HOLDS, "--legs", "2", "--since", day(20))
    began = TODAY - dt.timedelta(days=20)
    head = ok(data_dir, "plan").splitlines()[0]
    assert f"since {began:%d %b %Y}" in head, head
    assert f"since {TODAY:%d %b %Y}" not in head


def test_polish3_item6_the_review_table_keeps_the_dose_columns_apart(tmp_path: Path) -> None:
    data_dir = tmp_path / "d"
    ok(data_dir, "plan", "set", *HOLDS, "--legs", "1", "--since", day(15))
    for days_ago in range(14, 0, -1):
        ok(data_dir, "log", "--date", day(days_ago), "--morning-pain", "1", "--settled", "yes")
        ok(data_dir, "log-session", "--date", day(days_ago), "--pain-during", "2",
           "--effort", "challenging")  # fmt: skip
    text = ok(data_dir, "review", "--week-ending", day(1))
    header = next(line for line in text.splitlines() if line.startswith("Week ending"))
    dose = next(line for line in text.splitlines() if line.startswith("Dose"))
    assert not re.search(r"\d(left|right|both)", dose), dose
    this_week, week_before = re.split(r"\s{2,}", dose.strip())[1:]
    assert this_week.startswith("left ") and week_before.startswith("left "), dose
    assert dose.rstrip().endswith(week_before) and len(header) == len(dose), (header, dose)


def test_polish3_item9_a_refusal_about_meaning_is_one_line(tmp_path: Path) -> None:
    data_dir = tmp_path / "d"
    ok(data_dir, "plan", "set", *HOLDS, "--legs", "2", "--since", day(20))
    result = run_cli("--data-dir", data_dir, "plan", "set", *HOLDS, "--legs", "2",
                     "--since", day(40))  # fmt: skip
    assert result.returncode == 2
    lines = (result.stderr + result.stdout).strip().splitlines()
    assert len(lines) == 1 and "usage:" not in result.stderr, lines
    assert "before your current plan" in lines[0]
    syntax = run_cli("--data-dir", data_dir, "plan", "set", *HOLDS, "--legs", "3")
    assert syntax.returncode == 2 and "usage:" in syntax.stderr, "syntax keeps the usage block"


def test_polish3_item10_assess_takes_the_sore_side(tmp_path: Path) -> None:
    data_dir = tmp_path / "d"
    ok(data_dir, "assess", "--condition", "midportion", "--side", "right", "--save")
    repo = ReadOnlyRepository(data_dir)
    assert [r.answers.side for r in repo.assessment_records()] == ["right"]
    assert repo.settings().injured_side == "right", "injured side only runs on the sore side"
    ok(data_dir, "assess", "--condition", "midportion", "--save")  # no --side: no new guess
    repo = ReadOnlyRepository(data_dir)
    assert [r.answers.side for r in repo.assessment_records()] == ["right", "right"]
    assert repo.settings().injured_side == "right"
    bad = run_cli("--data-dir", data_dir, "assess", "--condition", "midportion", "--side", "up")
    assert bad.returncode == 2 and "--side" in bad.stderr
    assert "--side {left,right,both}" in run_cli("assess", "--help").stdout
