"""Today with a heel-raise plan: sets x raises, tempo, rest, load, loaded days; sets, not holds."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from textual.widgets import Static

from achilles_tui.care.today import heel_raise_lines, loaded_days_note
from achilles_tui.domain import isotonic
from achilles_tui.domain.models import Plan
from achilles_tui.storage.database import HistoryStore
from achilles_tui.storage.repository import Repository
from tests.ui.helpers import app_for
from tests.ui.test_isotonic_support import (
    GOOD_WEEK,
    PLAN_MADE,
    TODAY,
    ago,
    isotonic_history,
    raise_session,
)

T7 = Plan(1, PLAN_MADE, (isotonic.exercise_for("T7", isotonic.Profile()),), level="T7")
T1 = Plan(1, PLAN_MADE, (isotonic.exercise_for("T1", isotonic.Profile()),), level="T1")


def _text(app: object, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())  # type: ignore[attr-defined]


def test_heel_raise_lines_say_sets_tempo_rest_load_and_days() -> None:
    assert heel_raise_lines(T7.exercises[0]) == [  # type: ignore[arg-type]
        "Heel raise on a step, one leg: 3 sets x 15 raises",
        "  tempo 3/0/3: 3 s up, no pause at the top, 3 s down",
        "  120 s rest between sets; body weight + 5 kg; 3 days a week",
    ]


@pytest.mark.parametrize(
    ("done_days_ago", "ends_with"),
    [
        ((), "Today can be one (0 of 3 in the last 7 days)."),
        ((0,), "Today was a loaded day."),
        ((1,), "Yesterday was one, so today is a rest day."),
        ((2, 4, 6), "3 done in the last 7 days, so today is a rest day."),
        ((3, 5), "Today can be one (2 of 3 in the last 7 days)."),
    ],
)
def test_loaded_days_follow_what_was_done(done_days_ago: tuple[int, ...], ends_with: str) -> None:
    week = [raise_session(ago(k), T7) for k in done_days_ago]
    note = loaded_days_note(T7, week, TODAY)
    assert note.startswith("Loaded days: never two in a row")
    assert note.endswith(ends_with)


def test_daily_plans_have_no_loaded_days_note() -> None:
    assert loaded_days_note(T1, [], TODAY) == ""


async def test_today_shows_the_heel_raise_plan_never_holds(data_dir: Path) -> None:
    isotonic_history(data_dir, level="T7", session_days=GOOD_WEEK)
    app = app_for(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        plan = _text(app, "#today-plan")
        for words in (
            "3 sets x 15 raises",
            "tempo 3/0/3",
            "on a step",
            "body weight + 5 kg",
            "120 s rest between sets",
            "3 days a week",
            "Loaded days",
        ):
            assert words in plan, words
        assert "hold" not in plan.lower()
        assert _text(app, "#today-test").startswith("Heel-raise test")


async def test_today_summary_of_a_heel_raise_session_says_sets(data_dir: Path) -> None:
    plan = isotonic_history(data_dir, level="T7")
    with HistoryStore(data_dir) as store:
        Repository(store).add_manual_session(raise_session(TODAY, plan, sets_done=2))
    app = app_for(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        session = _text(app, "#today-session")
        assert "2 of 3 sets, 30 raises" in session
        assert "hold" not in session
        assert "Today was a loaded day." in _text(app, "#today-plan")


async def test_test_is_not_offered_again_within_14_days(data_dir: Path) -> None:
    isotonic_history(data_dir, level="T8")
    from achilles_tui.care.heel_raise_test import record_heel_raise_test

    with HistoryStore(data_dir) as store:
        record_heel_raise_test(
            Repository(store), ago(13), 18, 24, 2, at=dt.datetime.combine(ago(13), dt.time(9))
        )
    app = app_for(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not app.screen.query_one("#today-test").display


async def test_a_test_today_is_the_days_load(data_dir: Path) -> None:
    isotonic_history(data_dir, level="T7")
    from achilles_tui.care.heel_raise_test import record_heel_raise_test

    with HistoryStore(data_dir) as store:
        record_heel_raise_test(
            Repository(store), TODAY, 18, 24, 2, at=dt.datetime.combine(TODAY, dt.time(9))
        )
    app = app_for(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Today's heel-raise test was the day's load." in _text(app, "#today-plan")
        assert not app.screen.query_one("#today-test").display
