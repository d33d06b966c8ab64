"""The physio report with heel raises: sessions (sets, raises, load), stage and step over time,
and the guided heel-raise tests over time."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from achilles_tui.care.heel_raise_test import record_heel_raise_test
from achilles_tui.care.status import physio_report
from achilles_tui.domain import isotonic
from achilles_tui.domain.models import (
    DiaryEntry,
    Effort,
    Exercise,
    HeelRaiseTest,
    Plan,
    Position,
    RepRecord,
    SessionLog,
    Side,
)
from achilles_tui.domain.report import (
    change_text,
    exercise_dose_text,
    sets_text,
    suggestion_text,
)
from achilles_tui.reports.markdown import render_markdown
from achilles_tui.storage.database import HistoryStore
from achilles_tui.storage.repository import Repository
from tests.domain.test_report import markdown_structure
from tests.reports.helpers import markdown_report as build_report

END = dt.date(2026, 3, 16)
HOLDS = Plan(
    1,
    dt.datetime(2026, 1, 20, 8),
    (Exercise(Position.NEUTRAL, 1, reps=5, hold_seconds=45, rest_seconds=90),),
    level="L8",
)
RAISES = Plan(
    2,
    dt.datetime(2026, 2, 16, 8),
    (isotonic.exercise_for("T1", isotonic.Profile()),),
    source="review",
    level="T1",
)
LOADED = Plan(
    3,
    dt.datetime(2026, 3, 2, 8),
    (isotonic.exercise_for("T7", isotonic.Profile()),),
    source="review",
    level="T7",
)


def _sets(day: dt.date, plan: Plan, done: int, side: Side = Side.LEFT) -> SessionLog:
    exercise = plan.exercises[0]
    start = dt.datetime.combine(day, dt.time(8))
    return SessionLog(
        id=f"s{day}",
        date=day,
        plan_version=plan.version,
        started_at=start,
        ended_at=start + dt.timedelta(minutes=9),
        reps=tuple(
            RepRecord(0, side, n, 90, exercise.load_kg, exercise.reps)  # type: ignore[union-attr]
            for n in range(1, done + 1)
        ),
        pain_during=3,
        effort=Effort.CHALLENGING,
        complete=done == exercise.sets,  # type: ignore[union-attr]
        source="manual",
        reps_planned=exercise.sets,  # type: ignore[union-attr]
    )


TESTS = (
    HeelRaiseTest(dt.date(2026, 3, 1), 14, 28, 3, source="guided"),
    HeelRaiseTest(dt.date(2026, 3, 15), 21, 28, 2, source="guided"),
)


def _report() -> str:
    sessions = [
        _sets(dt.date(2026, 2, 20), RAISES, 3, Side.BOTH),
        _sets(dt.date(2026, 3, 12), LOADED, 3),
        _sets(dt.date(2026, 3, 14), LOADED, 1),
    ]
    diary = [DiaryEntry(END - dt.timedelta(days=k), 1, 5, True) for k in range(7)]
    return build_report(
        END, 8, [HOLDS, RAISES, LOADED], diary, sessions, [], [], heel_raise_tests=TESTS
    )


def test_report_sections_for_heel_raises_are_valid_markdown() -> None:
    text = _report()
    headings, tables = markdown_structure(text)
    for heading in ("Stage and step over time", "Heel-raise sessions", "Heel-raise tests (guided)"):
        assert heading in headings
    current = tables[0]
    assert current[0][:3] == ["Exercise", "Sets x reps", "Tempo (up/top/down s)"]
    assert current[1][1:4] == ["3 x 15", "3/0/3", "120 s"]
    assert "stage: heel raises (isotonic); level: T7" in text
    assert "Loaded sessions on non-consecutive days." in text


def test_report_shows_the_stage_and_step_over_time() -> None:
    text = _report()
    _headings, tables = markdown_structure(text)
    stage = next(t for t in tables if t[0][:3] == ["From", "Stage", "Step"])
    assert [row[1:3] for row in stage[1:]] == [
        ["holds (isometric)", "L8"],
        ["heel raises (isotonic)", "T1"],
        ["heel raises (isotonic)", "T7"],
    ]


def test_report_lists_heel_raise_sessions_with_sets_raises_and_load() -> None:
    _headings, tables = markdown_structure(_report())
    rows = next(t for t in tables if t[0][:3] == ["Date", "Step", "Sets, raises, load"])[1:]
    assert rows[0][:4] == [
        "2026-02-20",
        "T1",
        "3/3 sets · 30 raises · body weight",
        "both 30 raises (body weight)",
    ]
    assert rows[1][:4] == [
        "2026-03-12",
        "T7",
        "3/3 sets · 45 raises · +5 kg",
        "left 45 raises (raises x kg = 225)",
    ]
    assert rows[2][2] == "1/3 sets · 15 raises · +5 kg"


def test_report_lists_heel_raise_tests_over_time() -> None:
    text = _report()
    _headings, tables = markdown_structure(text)
    rows = next(t for t in tables if t[0][:3] == ["Date", "Sore side", "Other side"])[1:]
    assert [row[:5] for row in rows] == [
        ["2026-03-01", "14", "28", "50%", "3/10"],
        ["2026-03-15", "21", "28", "75%", "2/10"],
    ]
    assert "Sore-side raises (up to 21)" in text


def test_report_without_heel_raises_has_no_isotonic_sections() -> None:
    text = build_report(END, 4, [HOLDS], [], [], [], [])
    assert "Heel-raise sessions" not in text and "Stage and step" not in text
    assert "Heel-raise tests (guided)" not in text


def test_heel_raise_wording() -> None:
    assert sets_text(_sets(END, LOADED, 2)) == "2/3 sets · 30 raises · +5 kg"
    assert exercise_dose_text(LOADED.exercises[0]) == (
        "Heel raise on a step, one leg, 3 x 15, tempo 3/0/3, rest 120 s between sets, "
        "body weight + 5 kg, 3 days a week, never two in a row"
    )
    assert change_text("stage", "isometric", "isotonic") == (
        "holds (isometric) -> heel raises (isotonic)"
    )
    assert change_text("load_kg", 5.0, 7.5) == "added load 5 kg -> 7.5 kg"
    assert change_text("surface", "floor", "step") == "on the floor -> on a step"
    assert change_text("sets", 3, 4) == "sets 3 -> 4"
    assert suggestion_text("switch_to_isotonic", "L8", "T3").endswith("L8 -> T3.")
    assert suggestion_text("switch_to_isometric", "T4", "L4").startswith("Go back to holds")


def test_physio_report_reads_the_stored_tests(tmp_path: Path) -> None:
    with HistoryStore(tmp_path / "d") as store:
        repo = Repository(store)
        repo.add_plan(LOADED.exercises, source="own", created=LOADED.created)
        record_heel_raise_test(repo, END, 18, 24, 2, at=dt.datetime(2026, 3, 16, 9))
        text = render_markdown(physio_report(repo, dt.datetime(2026, 3, 16, 10), 4))
    assert "| 2026-03-16 | 18 | 24 | 75% | 2/10 |" in text
