"""Issue 24 (trust and polish, round 3): text fields and keys typed ahead, at 80x24."""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.pilot import Pilot
from textual.widgets import Input

from achilles_tui.storage.repository import ReadOnlyRepository
from achilles_tui.ui.app import AchillesApp
from achilles_tui.ui.screens.confirm import QuitModal
from achilles_tui.ui.widgets.key_bar import KeyBar
from tests.ui.helpers import app_for, prepared_history
from tests.ui.session_support import FakeMonotonic, running_session

SIZE = (80, 24)


def _bar(app: AchillesApp) -> str:
    return str(app.screen.query_one(KeyBar).render())


async def _burst(pilot: Pilot[None], *keys: str) -> None:
    """Keys sent in one go, as a fast typist, a paste or a script sends them: the app reads
    them all before it has dealt with the first."""
    for key in keys:
        pilot.app.post_message(events.Key(key, key if len(key) == 1 else None))
    for _ in range(10):
        await pilot.pause()


async def test_polish3_item11_esc_leaves_a_text_field_and_the_bar_shows_the_keys_that_work(
    data_dir: Path,
) -> None:
    prepared_history(data_dir)
    app = app_for(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d")
        await pilot.pause()
        assert "? Help" in _bar(app) and "q Quit" in _bar(app)
        notes = app.screen.query_one("#diary-notes", Input)
        notes.focus()
        await pilot.pause()
        await pilot.press("t", "q", "question_mark")
        await pilot.pause()
        assert notes.value == "tq?", "letters go into the field"
        bar = _bar(app)
        assert bar.split() == ["esc", "Leave", "field", "ctrl+s", "Save", "ctrl+q", "Quit"], bar
        await pilot.press("escape")
        await pilot.pause()
        assert not notes.has_focus and app.screen.focused is None
        assert "? Help" in _bar(app) and "q Quit" in _bar(app)
        await pilot.press("t")  # a key again: Today
        await pilot.pause()
        assert app.current_mode == "today"


async def test_polish3_item11_ctrl_q_quits_from_a_text_field(data_dir: Path) -> None:
    prepared_history(data_dir)
    app = app_for(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d")
        await pilot.pause()
        app.screen.query_one("#diary-activity", Input).focus()
        await pilot.press("w", "a", "l", "k", "ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, QuitModal), "asks first: the walk is not saved yet"
        await pilot.press("y")
        await pilot.pause()
    assert app.return_code == 0


async def test_polish3_item17_keys_typed_ahead_of_tab_land_in_the_next_field(
    data_dir: Path,
) -> None:
    prepared_history(data_dir)
    app = app_for(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d")
        await pilot.pause()
        await _burst(pilot, "1", "tab", "2")
        screen = app.screen
        assert screen.query_one("#diary-pain", Input).value == "1"
        assert screen.query_one("#diary-stiffness", Input).value == "2"
        await _burst(pilot, "enter")
    entry = ReadOnlyRepository(data_dir).diary_on(app.today())
    assert entry is not None and (entry.morning_pain, entry.stiffness_minutes) == (1, 2)


async def test_polish3_item17_a_rating_typed_ahead_of_enter_is_saved(data_dir: Path) -> None:
    async with running_session(data_dir, size=SIZE, reps=1, hold=5, rest=2) as (
        app,
        pilot,
        clock,
    ):
        assert isinstance(clock, FakeMonotonic)
        await pilot.press("q", "y")  # end early: the rating comes up
        await pilot.pause()
        assert type(app.screen).__name__ == "RatingModal"
        await _burst(pilot, "2", "c", "enter")
        assert type(app.screen).__name__ != "RatingModal", "Enter saved the typed pain"
    (session,) = ReadOnlyRepository(data_dir).sessions()
    assert session.pain_during == 2 and str(session.effort) == "challenging"
