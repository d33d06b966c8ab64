"""Issue 14 item 1: no way out of the app drops unsaved typing without asking first."""

from __future__ import annotations

from pathlib import Path

from textual.command import CommandList
from textual.widgets import Input, Static

from achilles_tui.storage.repository import ReadOnlyRepository
from achilles_tui.ui.app import AchillesApp
from achilles_tui.ui.screens.confirm import QuitModal, quit_question
from achilles_tui.ui.screens.diary import DiaryScreen
from tests.ui.helpers import app_for, open_section, prepared_history
from tests.ui.progress_support import seed

SIZE = (100, 30)
DIARY = "your diary for Mon 16 Mar"


def question(app: AchillesApp) -> str:
    """The quit question on screen (fails if none is asked)."""
    assert isinstance(app.screen, QuitModal)
    return str(app.screen.query_one(Static).render())


async def test_q_with_unsaved_diary_asks_and_no_keeps_the_typing(data_dir: Path) -> None:
    async with open_section(data_dir, "d", SIZE) as (app, pilot):
        await pilot.press("4", "q")
        await pilot.pause()
        assert question(app) == f"Quit without saving {DIARY}?"
        await pilot.press("n")
        await pilot.pause()
        assert app.return_code is None
        assert isinstance(app.screen, DiaryScreen)
        assert app.screen.query_one("#diary-pain", Input).value == "4"
        await pilot.press("enter")  # and it can still be saved
        await pilot.pause()
    entry = ReadOnlyRepository(data_dir).diary_on(app.today())
    assert entry is not None and entry.morning_pain == 4


async def test_enter_and_escape_stay_and_y_quits(data_dir: Path) -> None:
    async with open_section(data_dir, "d", SIZE) as (app, pilot):
        await pilot.press("4", "q", "enter")
        await pilot.pause()
        assert app.return_code is None and isinstance(app.screen, DiaryScreen)
        await pilot.press("q", "escape")
        await pilot.pause()
        assert app.return_code is None and isinstance(app.screen, DiaryScreen)
        await pilot.press("q", "y")
        await pilot.pause()
        assert app.return_code == 0
    assert ReadOnlyRepository(data_dir).diary_on(app.today()) is None


async def test_diary_typing_left_for_today_still_asks(data_dir: Path) -> None:
    async with open_section(data_dir, "d", SIZE) as (app, pilot):
        await pilot.press("4", "t")
        await pilot.pause()
        assert app.current_mode == "today"
        await pilot.press("q")
        await pilot.pause()
        assert DIARY in question(app)


async def test_ctrl_q_and_the_palette_quit_ask_too(data_dir: Path) -> None:
    async with open_section(data_dir, "d", SIZE) as (app, pilot):
        await pilot.press("4", "ctrl+q")
        await pilot.pause()
        assert DIARY in question(app)
        await pilot.press("n", "ctrl+p")
        await pilot.pause()
        await pilot.press(*"quit")
        commands = app.screen.query_one(CommandList)
        for _ in range(100):  # the palette searches in the background; wait for its answer
            if commands.highlighted is not None:
                break
            await pilot.pause(0.05)
        assert "Quit the application" in str(commands.get_option_at_index(0).prompt)
        await pilot.press("enter")
        await pilot.pause()
        assert DIARY in question(app)
        assert app.return_code is None


async def test_nothing_typed_quits_at_once(data_dir: Path) -> None:
    async with open_section(data_dir, "d", SIZE) as (app, pilot):
        await pilot.press("q")
        await pilot.pause()
        assert app.return_code == 0


async def test_q_typed_into_the_notes_is_a_letter(data_dir: Path) -> None:
    async with open_section(data_dir, "d", SIZE) as (app, pilot):
        notes = app.screen.query_one("#diary-notes", Input)
        notes.focus()
        await pilot.press("q")
        await pilot.pause()
        assert notes.value == "q"
        assert app.return_code is None and isinstance(app.screen, DiaryScreen)


async def test_own_plan_form_asks_before_quitting(data_dir: Path) -> None:
    async with open_section(data_dir, "a", SIZE) as (app, pilot):
        await pilot.press("o")
        await pilot.pause()
        await pilot.press("q")  # nothing changed yet: the form opened as it is
        await pilot.pause()
        assert app.return_code == 0


async def test_own_plan_with_a_change_asks(data_dir: Path) -> None:
    async with open_section(data_dir, "a", SIZE) as (app, pilot):
        await pilot.press("o", "2", "q")
        await pilot.pause()
        assert question(app) == "Quit without saving the plan you were entering?"


async def test_assessment_answers_ask_before_quitting(data_dir: Path) -> None:
    async with open_section(data_dir, "a", SIZE) as (app, pilot):
        await pilot.press("enter", "enter")  # warning signs: none
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert question(app) == "Quit without saving your assessment answers?"


async def test_progress_forms_ask_before_quitting(data_dir: Path) -> None:
    seed(data_dir)
    app = app_for(data_dir)
    forms = {
        "e": "the dose you were editing",
        "c": "the self-test",
        "v": "the tendon questionnaire",
    }
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        for key, what in forms.items():
            await pilot.press(key, "1", "ctrl+q")  # q itself is eaten by a number box
            await pilot.pause()
            assert question(app) == f"Quit without saving {what}?"
            await pilot.press("n", "escape")
            await pilot.pause()
        assert app.return_code is None


async def test_unticked_warning_sign_asks_before_quitting(data_dir: Path) -> None:
    async with open_section(data_dir, "d", SIZE) as (app, pilot):
        await pilot.press("r", "1", "ctrl+q")
        await pilot.pause()
        assert question(app) == "Quit without saving the warning signs you ticked?"


async def test_every_unsaved_form_is_named_once(data_dir: Path) -> None:
    seed(data_dir)
    app = app_for(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("d", "4", "p", "c", "1", "ctrl+q")
        await pilot.pause()
        assert question(app) == f"Quit without saving the self-test and {DIARY}?"
        await pilot.press("q")  # a second q while asking does not stack another question
        await pilot.pause()
        assert isinstance(app.screen, QuitModal)
        await pilot.press("n")
        await pilot.pause()
        assert not isinstance(app.screen, QuitModal)


def test_quit_question_lists_in_english() -> None:
    assert quit_question(["a"]) == "Quit without saving a?"
    assert quit_question(["a", "b", "c"]) == "Quit without saving a, b and c?"


async def test_a_fresh_start_quits_without_asking(data_dir: Path) -> None:
    prepared_history(data_dir)
    app = app_for(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert app.return_code == 0
