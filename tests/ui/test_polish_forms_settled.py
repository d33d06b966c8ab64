"""Issue 14 item 7: the settled question takes y/n from any field, and waits for a session.

y/n answer it from every field except the two free-text ones (activity, notes), where they
are letters; the number fields take digits only, so the letters are free there.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.widgets import Input

from achilles_tui.care.diary import diary_day, had_session_before
from achilles_tui.domain.models import DiaryEntry
from achilles_tui.storage.database import HistoryStore
from achilles_tui.storage.repository import ReadOnlyRepository, Repository
from achilles_tui.ui.widgets.diary_choice import DiaryChoice
from tests.conftest import FROZEN_NOW
from tests.ui.helpers import app_for, open_section, prepared_history, with_session

TODAY = FROZEN_NOW.date()
YESTERDAY = TODAY - dt.timedelta(days=1)
SIZE = (100, 30)


def settled_on(data_dir: Path) -> bool | None:
    entry = ReadOnlyRepository(data_dir).diary_on(TODAY)
    assert entry is not None
    return entry.settled


async def test_y_answers_from_the_pain_field(data_dir: Path) -> None:
    with_session(data_dir)
    app = app_for(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d", "3", "y")
        await pilot.pause()
        assert app.screen.query_one("#diary-pain", Input).value == "3"
        assert app.screen.query_one("#diary-settled", DiaryChoice).value is True
        await pilot.press("enter")
        await pilot.pause()
    assert settled_on(data_dir) is True


async def test_n_answers_from_the_stiffness_and_day_kind_fields(data_dir: Path) -> None:
    with_session(data_dir)
    app = app_for(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d", "2", "tab", "1", "0", "y")
        await pilot.pause()
        settled = app.screen.query_one("#diary-settled", DiaryChoice)
        assert settled.value is True
        app.screen.query_one("#diary-day", DiaryChoice).focus()
        await pilot.press("n", "enter")
        await pilot.pause()
    assert settled_on(data_dir) is False


async def test_y_and_n_in_the_notes_are_letters(data_dir: Path) -> None:
    with_session(data_dir)
    app = app_for(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d")
        await pilot.pause()
        notes = app.screen.query_one("#diary-notes", Input)
        notes.focus()
        await pilot.press(*"yawn", "enter")
        await pilot.pause()
        assert notes.value == "yawn"
    assert settled_on(data_dir) is None


async def test_not_asked_before_any_session(data_dir: Path) -> None:
    async with open_section(data_dir, "d", SIZE) as (app, pilot):
        assert not app.screen.query_one("#diary-settled-question").display
        assert not app.screen.query_one("#diary-settled-row").display
        await pilot.press("3", "y", "enter")
        await pilot.pause()
    assert settled_on(data_dir) is None


async def test_not_asked_on_the_day_of_the_first_session(data_dir: Path) -> None:
    with_session(data_dir, day=TODAY)
    app = app_for(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d")
        await pilot.pause()
        assert not app.screen.query_one("#diary-settled-row").display


async def test_asked_once_a_session_came_before(data_dir: Path) -> None:
    with_session(data_dir)
    app = app_for(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d")
        await pilot.pause()
        assert app.screen.query_one("#diary-settled-question").display
        assert app.screen.query_one("#diary-settled-row").display
        await pilot.press("left_square_bracket")  # the morning of the session: not yet
        await pilot.pause()
        assert not app.screen.query_one("#diary-settled-row").display


def test_a_saved_answer_stays_visible_without_a_session(data_dir: Path) -> None:
    prepared_history(data_dir)
    with HistoryStore(data_dir) as store:
        repo = Repository(store)
        assert not had_session_before(repo, TODAY)
        assert not diary_day(repo, TODAY, FROZEN_NOW).ask_settled
        repo.save_diary(DiaryEntry(date=TODAY, morning_pain=2, settled=False))
        assert diary_day(repo, TODAY, FROZEN_NOW).ask_settled
