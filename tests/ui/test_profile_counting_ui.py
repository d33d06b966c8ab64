"""Issue 22 item 10 and §F5 decision 10 in the app: Today and Session show the level the
session runs after a flare-up, and the own-plan editor asks before saving a rest of 0 s."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.widgets import Input, Static

from achilles_tui.domain.models import DayKind, DiaryEntry, Exercise, Position
from achilles_tui.storage.database import HistoryStore
from achilles_tui.storage.repository import ReadOnlyRepository, Repository
from achilles_tui.ui.screens.assessment import AssessmentScreen
from tests.conftest import FROZEN_NOW
from tests.ui.helpers import app_for, prepared_history

TODAY = FROZEN_NOW.date()
L6 = Exercise(Position.NEUTRAL, 1, reps=5, hold_seconds=30, rest_seconds=60)


def _text(app: object, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())  # type: ignore[attr-defined]


def l6_plan_and_a_flare_up(data_dir: Path, flare_day: dt.date) -> None:
    """An assessment's L6 plan begun a week ago, and a flare-up logged on ``flare_day``."""
    prepared_history(data_dir)
    with HistoryStore(data_dir) as store:
        repo = Repository(store)
        repo.add_plan(
            [L6],
            source="assessment",
            level="L6",
            created=FROZEN_NOW - dt.timedelta(days=7),
        )
        repo.save_diary(DiaryEntry(flare_day, 6, 20, False, DayKind.FLARE_UP))


async def test_item10_flare_up_level_on_every_surface_today(data_dir: Path) -> None:
    """L6 and a flare-up yesterday: Today and Session both show L4, the level the session runs."""
    l6_plan_and_a_flare_up(data_dir, TODAY - dt.timedelta(days=1))
    app = app_for(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        plan = " ".join(_text(app, "#today-plan").split())
        assert "level L4" in plan and "level L6" not in plan
        assert "Neutral hold, both legs: 5 x 30 s" in plan  # L4 is on two legs
        assert "PROG-FLARE-UP-REST" in plan
        await pilot.press("s")
        await pilot.pause()
        ready = " ".join(_text(app, "#ready-text").split())
        assert "level L4" in ready and "level L6" not in ready


async def test_item10_without_a_flare_up_today_shows_the_stored_level(data_dir: Path) -> None:
    l6_plan_and_a_flare_up(data_dir, TODAY - dt.timedelta(days=30))  # before the plan began
    app = app_for(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        plan = " ".join(_text(app, "#today-plan").split())
        assert "level L6" in plan and "PROG-FLARE-UP-REST" not in plan


async def test_decision10_the_own_plan_editor_names_dose_rest_scales_for_no_rest(
    data_dir: Path,
) -> None:
    prepared_history(data_dir)
    app = app_for(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("a", "o")
        await pilot.pause()
        own = app.screen
        own.query_one("#own-rest_seconds").focus()
        await pilot.press("end", *["backspace"] * 3, "0")
        assert own.query_one("#own-rest_seconds", Input).value == "0"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmModal"
        question = " ".join(str(app.screen.query_one(Static).render()).split())
        assert "DOSE-REST-SCALES" in question and "0 s" in question
        await pilot.press("n")  # go back: nothing is saved
        await pilot.pause()
        assert app.screen is own
        assert ReadOnlyRepository(data_dir).current_plan() is None
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("y")  # save anyway: the confirmation is kept with the plan
        await pilot.pause()
        assert isinstance(app.screen, AssessmentScreen)
    plan = ReadOnlyRepository(data_dir).current_plan()
    assert plan is not None and plan.source == "own"
    assert plan.exercises[0].rest_seconds == 0
    assert "DOSE-REST-SCALES" in plan.confirmed_rules
