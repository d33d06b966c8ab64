"""'Something changed?': the red-flag modal returns the ticked signs and pauses the plan."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from achilles_tui.care.state import current_care_state
from achilles_tui.domain.assessment import RedFlag
from achilles_tui.domain.care_state import CareStateKind
from achilles_tui.domain.models import Exercise, Position
from achilles_tui.domain.records import SOURCE_RECHECK
from achilles_tui.storage.database import HistoryStore
from achilles_tui.storage.repository import ReadOnlyRepository, Repository
from achilles_tui.ui.screens.red_flags_check import (
    RedFlagsCheck,
    open_red_flags_check,
)
from tests.conftest import FROZEN_NOW
from tests.ui.helpers import app_for, prepared_history


def _with_plan(data_dir: Path) -> None:
    prepared_history(data_dir)
    with HistoryStore(data_dir) as store:
        Repository(store).add_plan([Exercise(Position.NEUTRAL, legs=2)], source="own")


async def test_modal_returns_the_ticked_flags(data_dir: Path) -> None:
    prepared_history(data_dir)
    app = app_for(data_dir)
    returned: list[list[RedFlag] | None] = []
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.push_screen(RedFlagsCheck(), returned.append)
        await pilot.pause()
        await pilot.press("6", "7", "enter")
        await pilot.pause()
        advice = str(app.screen.query_one("#flags-advice", Static).render())
        assert "RF-INFLAMMATORY" in advice and "RF-FLUOROQUINOLONE" in advice
        assert "keep to your plan" in advice
        await pilot.press("enter")
        await pilot.pause()
    assert returned == [[RedFlag.INFLAMMATORY, RedFlag.FLUOROQUINOLONE]]


async def test_nothing_ticked_returns_empty_and_escape_cancels(data_dir: Path) -> None:
    prepared_history(data_dir)
    app = app_for(data_dir)
    returned: list[list[RedFlag] | None] = []
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.push_screen(RedFlagsCheck(), returned.append)
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        app.push_screen(RedFlagsCheck(), returned.append)
        await pilot.pause()
        await pilot.press("1", "escape")
        await pilot.pause()
    assert returned == [[], None]


async def test_blocking_flag_shows_advice_at_once_and_pauses_the_plan(data_dir: Path) -> None:
    _with_plan(data_dir)
    app = app_for(data_dir)
    returned: list[list[RedFlag] | None] = []
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        open_red_flags_check(app, returned.append)
        await pilot.pause()
        await pilot.press("1", "3", "enter")
        await pilot.pause()
        advice = str(app.screen.query_one("#flags-advice", Static).render())
        assert "EMERGENCY" in advice
        assert "RF-RUPTURE-SUSPECT" in advice and "RF-PE" in advice
        assert "plan is paused" in advice
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, RedFlagsCheck)
    assert returned == [[RedFlag.POP, RedFlag.BREATHLESS]]
    repo = ReadOnlyRepository(data_dir)
    records = repo.assessments()
    assert records[-1]["source"] == SOURCE_RECHECK
    assert records[-1]["answers"]["red_flags"] == ["pop", "breathless"]
    care = current_care_state(repo, FROZEN_NOW)
    assert care.kind is CareStateKind.PAUSED_RED_FLAG
    assert [item.rule for item in care.reasons] == ["RF-RUPTURE-SUSPECT", "RF-PE"]


async def test_exclamation_mark_on_the_assessment_section_opens_the_check(
    data_dir: Path,
) -> None:
    _with_plan(data_dir)
    app = app_for(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("exclamation_mark")
        await pilot.pause()
        assert isinstance(app.screen, RedFlagsCheck)
        await pilot.press("2", "enter", "enter")
        await pilot.pause()
        start = str(app.screen.query_one("#start-text", Static).render())
        assert "Sessions are paused" in start and "RF-DVT" in start
