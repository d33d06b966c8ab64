"""Issue 14 item 3: typing into a field that shows a value replaces it, never appends to it."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from achilles_tui.domain.models import DiaryEntry
from achilles_tui.storage.database import HistoryStore
from achilles_tui.storage.repository import ReadOnlyRepository, Repository
from achilles_tui.ui.screens.progress_modals import DoseEditModal
from tests.conftest import FROZEN_NOW
from tests.ui.helpers import app_for, open_section, prepared_history
from tests.ui.progress_support import seed

TODAY = FROZEN_NOW.date()
SIZE = (100, 30)


def logged(data_dir: Path, pain: int, stiffness: int) -> None:
    prepared_history(data_dir)
    with HistoryStore(data_dir) as store:
        Repository(store).save_diary(
            DiaryEntry(date=TODAY, morning_pain=pain, stiffness_minutes=stiffness)
        )


async def test_typing_over_a_saved_diary_score_replaces_it(data_dir: Path) -> None:
    logged(data_dir, pain=2, stiffness=5)
    app = app_for(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d")
        await pilot.pause()
        pain = app.screen.query_one("#diary-pain", Input)
        assert pain.has_focus and pain.value == "2"
        await pilot.press("3")
        assert pain.value == "3"  # not "23 out of range"
        await pilot.press("tab", "7")
        assert app.screen.query_one("#diary-stiffness", Input).value == "7"


async def test_a_score_just_saved_is_replaced_by_the_next_digit(data_dir: Path) -> None:
    async with open_section(data_dir, "d", SIZE) as (app, pilot):
        pain = app.screen.query_one("#diary-pain", Input)
        await pilot.press("2", "enter")
        await pilot.pause()
        await pilot.press("3")
        assert pain.value == "3"


async def test_back_from_another_section_typing_replaces(data_dir: Path) -> None:
    logged(data_dir, pain=2, stiffness=5)
    app = app_for(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d", "t", "d")
        await pilot.pause()
        await pilot.press("4")
        assert app.screen.query_one("#diary-pain", Input).value == "4"


async def test_a_refused_score_is_replaced_by_the_retyped_one(data_dir: Path) -> None:
    async with open_section(data_dir, "d", SIZE) as (app, pilot):
        await pilot.press("1", "1", "enter")  # 11: refused
        await pilot.pause()
        await pilot.press("4")
        assert app.screen.query_one("#diary-pain", Input).value == "4"
        await pilot.press("enter")
        await pilot.pause()
    entry = ReadOnlyRepository(data_dir).diary_on(TODAY)
    assert entry is not None and entry.morning_pain == 4


async def test_free_text_keeps_its_text_when_coming_back(data_dir: Path) -> None:
    async with open_section(data_dir, "d", SIZE) as (app, pilot):
        notes = app.screen.query_one("#diary-notes", Input)
        notes.focus()
        await pilot.press(*"sore")
        for section in ("today", "diary"):  # letters would type into the notes
            await app.run_action(f"show_section('{section}')")
            await pilot.pause()
        await pilot.press(*" calf")
        assert notes.value == "sore calf"


async def test_own_plan_after_adding_a_hold_typing_replaces(data_dir: Path) -> None:
    async with open_section(data_dir, "a", SIZE) as (app, pilot):
        await pilot.press("o")
        await pilot.pause()
        reps = app.screen.query_one("#own-reps", Input)
        reps.focus()
        await pilot.press("5", "enter")  # the form's value is selected on focus: 5 replaces it
        await pilot.pause()
        assert reps.has_focus and reps.value == "5"
        await pilot.press("8")
        assert reps.value == "8"


async def test_dose_edit_after_a_refusal_typing_replaces(data_dir: Path) -> None:
    seed(data_dir)
    app = app_for(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p", "e")
        await pilot.pause()
        assert isinstance(app.screen, DoseEditModal)
        legs = app.screen.query_one("#field-legs", Input)
        assert legs.has_focus and legs.value == "2"
        await pilot.press("1")
        assert legs.value == "1"
        await pilot.press("tab", "2", "5", "enter")  # 25 reps: refused
        await pilot.pause()
        reps = app.screen.query_one("#field-reps", Input)
        assert reps.has_focus and reps.value == "25"
        await pilot.press("4")
        assert reps.value == "4"


async def test_self_test_after_a_refusal_typing_replaces(data_dir: Path) -> None:
    seed(data_dir)
    app = app_for(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p", "c", "1", "5", "tab", "2", "0", "tab", "1", "1", "enter")
        await pilot.pause()
        pain = app.screen.query_one("#field-pain", Input)
        assert pain.has_focus and pain.value == "11"
        await pilot.press("2")
        assert pain.value == "2"


async def test_assessment_number_after_a_refusal_typing_replaces(data_dir: Path) -> None:
    async with open_section(data_dir, "a", SIZE) as (app, pilot):
        await pilot.press("enter", "enter", "enter", "enter")  # start, no signs, condition, side
        await pilot.pause()
        weeks = app.screen.query_one("#q-weeks", Input)
        assert weeks.has_focus
        await pilot.press("9", "9", "9", "9", "enter")  # out of range: refused
        await pilot.pause()
        assert weeks.has_focus and weeks.value == "9999"
        await pilot.press("6")
        assert weeks.value == "6"
