"""A warning sign pauses the plan: Today says so, the timer will not start."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from achilles_tui.domain.models import DiaryEntry
from achilles_tui.storage.database import HistoryStore
from achilles_tui.storage.repository import ReadOnlyRepository, Repository
from tests.conftest import FROZEN_NOW
from tests.ui.session_support import FakeMonotonic, history_with_plan, session_app


def _flag_today(data_dir: Path, flag: str) -> None:
    with HistoryStore(data_dir) as store:
        Repository(store).save_diary(DiaryEntry(date=FROZEN_NOW.date(), red_flags=(flag,)))


async def test_blocking_diary_flag_pauses_today_and_the_timer(data_dir: Path) -> None:
    history_with_plan(data_dir)
    _flag_today(data_dir, "calf-swelling")
    app = session_app(data_dir, FakeMonotonic())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        banner = app.screen.query_one("#today-paused", Static)
        assert banner.display and "RF-DVT" in str(banner.render())
        await pilot.press("s", "enter")
        await pilot.pause()
        assert not app.screen.running  # type: ignore[attr-defined]
    assert ReadOnlyRepository(data_dir).sessions() == []


async def test_warn_only_flag_does_not_pause(data_dir: Path) -> None:
    history_with_plan(data_dir)
    _flag_today(data_dir, "inflammatory")
    app = session_app(data_dir, FakeMonotonic())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert not app.screen.query_one("#today-paused", Static).display
        await pilot.press("s", "enter")
        await pilot.pause()
        assert app.screen.running  # type: ignore[attr-defined]


async def test_exclamation_mark_opens_the_check_from_any_section(data_dir: Path) -> None:
    history_with_plan(data_dir)
    app = session_app(data_dir, FakeMonotonic())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("h", "exclamation_mark")
        await pilot.pause()
        assert type(app.screen).__name__ == "RedFlagsCheck"
