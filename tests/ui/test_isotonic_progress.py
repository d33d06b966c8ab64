"""Progress in the isotonic stage: the switch both ways, T steps, the milestone, the tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from textual.widgets import Static

from achilles_tui.care.heel_raise_test import record_heel_raise_test
from achilles_tui.domain.models import DayKind, DiaryEntry
from achilles_tui.storage.database import HistoryStore
from achilles_tui.storage.repository import ReadOnlyRepository, Repository
from achilles_tui.ui.app import AchillesApp
from tests.ui.helpers import app_for
from tests.ui.progress_support import seed
from tests.ui.test_isotonic_support import ago, isotonic_history


def _text(app: AchillesApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


@asynccontextmanager
async def _progress(data_dir: Path) -> AsyncIterator[Any]:
    """The app on the data in ``data_dir``, with Progress open: the pilot."""
    async with app_for(data_dir).run_test(size=(100, 30)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        yield pilot


async def test_switch_to_heel_raises_names_the_step_and_dose_and_accepting_makes_it_the_plan(
    data_dir: Path,
) -> None:
    seed(data_dir, level="L8", days=14)
    async with _progress(data_dir) as pilot:
        app = pilot.app
        card = _text(app, "#progress-suggestion")
        assert "L8 -> T1" in card
        assert "Next: heel raises, T1: Heel raise on the floor, both legs, 3 x 10" in card
        assert "holds (isometric) -> heel raises (isotonic)" in card
        assert app.screen.check_action("edit_dose", ()) is False  # a heel-raise dose: not offered
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        assert "3 sets x 10 raises" in _text(app, "#today-plan")
    plan = ReadOnlyRepository(data_dir).current_plan()
    assert plan is not None and (plan.level, plan.stage) == ("T1", "isotonic")


async def test_back_to_holds_says_why(data_dir: Path) -> None:
    isotonic_history(data_dir, level="T4", session_days=(1, 2, 3, 4, 5, 6))
    with HistoryStore(data_dir) as store:
        repo = Repository(store)
        for k in (0, 2):
            repo.save_diary(DiaryEntry(ago(k), 6, 30, False, DayKind.FLARE_UP))
    async with _progress(data_dir) as pilot:
        app = pilot.app
        card = _text(app, "#progress-suggestion")
        assert "Go back to holds" in card
        assert "Next: back to holds, L" in card
        assert "(PROG-ISOT-BACK-TO-ISO)" in card


async def test_milestone_gets_its_own_card_and_the_tests_are_listed(data_dir: Path) -> None:
    isotonic_history(data_dir, level="T8", session_days=(0, 2, 4, 7, 9, 11))
    with HistoryStore(data_dir) as store:
        repo = Repository(store)
        for k in range(14):
            repo.save_diary(DiaryEntry(ago(k), 1, 5, True))
        for days, sore in ((31, 15), (17, 19), (3, 22)):
            at = dt.datetime.combine(ago(days), dt.time(9))
            record_heel_raise_test(repo, ago(days), sore, 24, 1, at=at)
    async with _progress(data_dir) as pilot:
        app = pilot.app
        milestone = app.screen.query_one("#progress-milestone", Static)
        assert milestone.display
        text = _text(app, "#progress-milestone")
        assert text.startswith("Milestone") and "physio" in text
        assert "(PROG-ISOT-MILESTONE)" in text
        assert "T8 heel raises" in _text(app, "#progress-title")
        assert app.screen.query_one("#progress-hr-tests").display
        assert app.screen.check_action("heel_raise_test", ()) is True
