"""The app shell: sections, help, palette, theme memory, first-run disclaimer, errors."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from achilles_tui.storage.demo import make_demo_history
from achilles_tui.storage.repository import ReadOnlyRepository
from achilles_tui.ui.app import AchillesApp
from achilles_tui.ui.sections import SECTIONS
from tests.conftest import FROZEN_NOW
from tests.ui.helpers import app_for, prepared_history


def test_modes_are_the_six_sections() -> None:
    assert list(AchillesApp.MODES) == [
        "today",
        "assessment",
        "session",
        "diary",
        "history",
        "progress",
    ]


async def test_every_section_is_reachable_by_its_key(data_dir: Path) -> None:
    prepared_history(data_dir)
    app = app_for(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.current_mode == "today"
        for section in SECTIONS:
            await pilot.press(section.key)
            await pilot.pause()
            assert app.current_mode == section.mode
            assert app.screen.title == section.title


async def test_today_shows_real_state_and_where_data_lives(data_dir: Path) -> None:
    prepared_history(data_dir)
    app = app_for(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        plan = str(app.screen.query_one("#today-plan", Static).render())
        diary = str(app.screen.query_one("#today-diary", Static).render())
        data = str(app.screen.query_one("#today-data", Static).render())
        assert "none yet" in plan
        assert "not logged" in diary
        assert str(data_dir / "history.json") in data.replace("\n", "")


async def test_help_opens_for_the_current_section(data_dir: Path) -> None:
    prepared_history(data_dir)
    app = app_for(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("d")
        await pilot.press("question_mark")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"
        assert "# Diary" in app.screen.markdown  # type: ignore[attr-defined]
        await pilot.press("escape")
        await pilot.pause()
        assert app.current_mode == "diary"
        assert type(app.screen).__name__ == "DiaryScreen"


async def test_command_palette_lists_the_sections(data_dir: Path) -> None:
    prepared_history(data_dir)
    app = app_for(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        titles = [command.title for command in app.get_system_commands(app.screen)]
        for section in SECTIONS:
            assert f"Go to {section.title}" in titles
        go_history = next(c for c in app.get_system_commands(app.screen) if "History" in c.title)
        go_history.callback()
        await pilot.pause()
        assert app.current_mode == "history"


async def test_chosen_theme_is_remembered(data_dir: Path) -> None:
    prepared_history(data_dir)
    app = app_for(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.theme = "textual-light"
        await pilot.pause()
    assert ReadOnlyRepository(data_dir).settings().theme == "textual-light"
    again = app_for(data_dir)
    async with again.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert again.theme == "textual-light"


async def test_first_run_asks_to_acknowledge_the_disclaimer(data_dir: Path) -> None:
    app = app_for(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        note = app.screen.query_one("#today-first-run", Static)
        assert note.display and "does not diagnose" in str(note.render()).replace("\n", " ")
        await pilot.press("d")  # sections wait until the note is acknowledged
        await pilot.pause()
        assert app.current_mode == "today"
        await pilot.press("enter")
        await pilot.pause()
        assert not app.screen.query_one("#today-first-run", Static).display
        await pilot.press("d")
        await pilot.pause()
        assert app.current_mode == "diary"
    assert ReadOnlyRepository(data_dir).settings().disclaimer_accepted is True


async def test_quitting_without_acknowledging_keeps_asking(data_dir: Path) -> None:
    app = app_for(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
    assert ReadOnlyRepository(data_dir).settings().disclaimer_accepted is False


async def test_corrupt_history_shows_a_clear_screen_and_is_untouched(data_dir: Path) -> None:
    data_dir.mkdir()
    history = data_dir / "history.json"
    history.write_bytes(b'{"diary": {"1": {"date": "2026-01-0')
    before = history.read_bytes()
    app = app_for(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "ErrorScreen"
        message = str(app.screen.query_one("#error-message", Static).render())
        assert "history.json" in message
        await pilot.press("t")  # sections stay closed
        await pilot.pause()
        assert type(app.screen).__name__ == "ErrorScreen"
    assert app.startup_error is not None
    assert history.read_bytes() == before


async def test_second_instance_is_told_the_history_is_in_use(data_dir: Path) -> None:
    prepared_history(data_dir)
    first = app_for(data_dir)
    async with first.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        second = app_for(data_dir)
        async with second.run_test(size=(100, 30)) as pilot2:
            await pilot2.pause()
            assert type(second.screen).__name__ == "ErrorScreen"
            message = str(second.screen.query_one("#error-message", Static).render())
            assert "Another achilles-tui" in message


async def test_the_plan_card_keeps_each_line_whole_at_80_columns(tmp_path: Path) -> None:
    """Found on the README tour at 80x24: a hold's line wrapped onto the card's edge."""
    make_demo_history(tmp_path, FROZEN_NOW.date())
    prepared_history(tmp_path)
    app = app_for(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        card = app.screen.query_one("#today-plan", Static)
        lines = str(card.render()).splitlines()
        assert card.content_size.height == len(lines) == 2
