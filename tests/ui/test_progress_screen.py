"""Progress section: accept into a new plan version, edit, dismiss, weeks, capacity checks."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from rich.console import Console
from textual.binding import Binding
from textual.content import Content
from textual.pilot import Pilot
from textual.widgets import Input, Static

from achilles_tui.domain.assessment import Condition
from achilles_tui.storage.database import HistoryStore
from achilles_tui.storage.repository import ReadOnlyRepository, Repository
from achilles_tui.ui.app import AchillesApp
from achilles_tui.ui.screens.progress import ProgressScreen
from achilles_tui.ui.screens.progress_modals import (
    DoseEditModal,
    QuestionnaireModal,
    SelfTestModal,
)
from tests.conftest import FROZEN_NOW
from tests.ui.helpers import app_for, prepared_history
from tests.ui.progress_support import ago, seed

TODAY = FROZEN_NOW.date()
SIZE = (80, 24)


def text_of(app: AchillesApp, selector: str) -> str:
    """What a Static shows, as plain text (Rich tables included)."""
    content = app.screen.query_one(selector, Static).content
    if isinstance(content, str):
        return str(Content.from_markup(content))
    console = Console(width=100, file=io.StringIO(), record=True)
    console.print(content)
    return console.export_text()


async def open_progress(app: AchillesApp, pilot: Pilot[None]) -> ProgressScreen:
    await pilot.press("p")
    await pilot.pause()
    assert isinstance(app.screen, ProgressScreen)
    return app.screen


async def test_accepting_makes_a_new_plan_version_the_next_session_uses(data_dir: Path) -> None:
    seed(data_dir)
    app = app_for(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await open_progress(app, pilot)
        assert "Move up one step: L1 -> L2." in text_of(app, "#progress-suggestion")
        assert "reps 3 -> 5" in text_of(app, "#progress-suggestion")
        await pilot.press("enter")
        await pilot.pause()
        assert "Already accepted" in text_of(app, "#progress-decided")
        await pilot.press("enter")  # a second Enter must not step up again
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        assert app.screen.query_one("#progress-list").display
    repo = ReadOnlyRepository(data_dir)
    plans = repo.plans()
    assert [p.version for p in plans] == [1, 2]
    assert plans[0].level == "L1" and plans[0].exercises[0].reps == 3
    current = repo.current_plan()
    assert current is not None and current.level == "L2" and current.source == "review"
    assert current.exercises[0].reps == 5
    assert repo.plan_on(TODAY) == current
    (record,) = repo.reviews()
    assert record["kind"] == "weekly-review" and record["status"] == "accepted"
    assert record["plan_version_after"] == 2 and record["plan_version_before"] == 1
    assert record["suggestion"] == "progress" and "PROG-ADVANCE" in record["rules_fired"]


async def test_plan_list_shows_every_version(data_dir: Path) -> None:
    seed(data_dir)
    app = app_for(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await open_progress(app, pilot)
        await pilot.press("y", "l")
        await pilot.pause()
        plans_text = text_of(app, "#progress-plans")
        assert "assessment" in plans_text and "review" in plans_text
        assert "3x10s" in plans_text and "5x10s" in plans_text
        assert "accepted" in text_of(app, "#progress-reviews")


async def test_edit_refuses_out_of_range_then_accepts_the_edit(data_dir: Path) -> None:
    seed(data_dir)
    app = app_for(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await open_progress(app, pilot)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, DoseEditModal)
        reps = app.screen.query_one("#field-reps", Input)
        reps.value = "25"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DoseEditModal)
        assert "Reps must be from 1 to 20; you typed 25." in text_of(app, "#form-error")
        reps.value = "4"
        app.screen.query_one("#field-rest", Input).value = "20"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ProgressScreen)
        assert "Edited by you: 4 x 10 s, rest 20 s" in text_of(app, "#progress-suggestion")
        await pilot.press("enter")
        await pilot.pause()
    repo = ReadOnlyRepository(data_dir)
    current = repo.current_plan()
    assert current is not None and current.version == 2 and current.level == "L2"
    assert (current.exercises[0].reps, current.exercises[0].rest_seconds) == (4, 20)
    assert repo.reviews()[0]["edited_dose"] == {
        "legs": 2,
        "reps": 4,
        "hold_seconds": 10,
        "rest_seconds": 20,
    }


async def test_edit_cancel_changes_nothing(data_dir: Path) -> None:
    seed(data_dir)
    app = app_for(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await open_progress(app, pilot)
        await pilot.press("e", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ProgressScreen)
        assert "Edited by you" not in text_of(app, "#progress-suggestion")
    assert ReadOnlyRepository(data_dir).reviews() == []


async def test_dismiss_keeps_the_plan(data_dir: Path) -> None:
    seed(data_dir)
    app = app_for(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await open_progress(app, pilot)
        await pilot.press("x")
        await pilot.pause()
        assert "Already dismissed" in text_of(app, "#progress-decided")
    repo = ReadOnlyRepository(data_dir)
    assert len(repo.plans()) == 1
    (record,) = repo.reviews()
    assert record["status"] == "dismissed" and "plan_version_after" not in record


async def test_too_little_data_holds_and_says_why(data_dir: Path) -> None:
    seed(data_dir, days=2)
    app = app_for(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await open_progress(app, pilot)
        suggestion = text_of(app, "#progress-suggestion")
        assert "Stay where you are" in suggestion and "Too little was logged" in suggestion
        reasons = text_of(app, "#progress-reasons")
        assert "Only 2 mornings logged" in reasons and "PROG-HOLD" in reasons
        assert app.screen.check_action("edit_dose", ()) is False  # nothing to edit: not offered
        await pilot.press("enter")
        await pilot.pause()
    repo = ReadOnlyRepository(data_dir)
    assert len(repo.plans()) == 1
    assert repo.reviews()[0]["suggestion"] == "hold"


async def test_pain_over_5_twice_steps_back_not_up(data_dir: Path) -> None:
    seed(data_dir, level="L3", pains=(2, 6, 2, 7, 2, 2, 2))
    app = app_for(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await open_progress(app, pilot)
        assert "Step back to an easier level: L3 -> L2." in text_of(app, "#progress-suggestion")
        assert "MON-PAIN-DURING" in text_of(app, "#progress-reasons")
        await pilot.press("enter")
        await pilot.pause()
    current = ReadOnlyRepository(data_dir).current_plan()
    assert current is not None and current.level == "L2"


async def test_flare_up_is_explained(data_dir: Path) -> None:
    seed(data_dir, level="L4", flare_on=ago(2))
    app = app_for(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await open_progress(app, pilot)
        flare = app.screen.query_one("#progress-flare", Static)
        assert flare.display
        assert "Flare-up" in text_of(app, "#progress-flare")
        assert "L2" in text_of(app, "#progress-flare")


async def test_earlier_and_later_weeks(data_dir: Path) -> None:
    seed(data_dir, days=10)
    app = app_for(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_progress(app, pilot)
        assert screen.week_ending == TODAY
        assert screen.check_action("week", (1,)) is None  # no later week than today
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert screen.week_ending == ago(7)
        assert "Mon 09 Mar 2026" in text_of(app, "#progress-title")
        assert "Stay where you are" in text_of(app, "#progress-suggestion")
        assert "3 of 7 planned sessions" in text_of(app, "#progress-reasons")
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert screen.week_ending == ago(7)  # nothing logged earlier
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert screen.week_ending == TODAY


async def test_self_test_is_saved_and_shown(data_dir: Path) -> None:
    seed(data_dir)
    app = app_for(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await open_progress(app, pilot)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, SelfTestModal)
        await pilot.press("1", "5", "tab", "2", "0", "tab", "1", "1", "enter")
        await pilot.pause()
        assert "Pain it caused (0-10) must be from 0 to 10" in text_of(app, "#form-error")
        app.screen.query_one("#field-pain", Input).value = "2"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ProgressScreen)
        assert "75% of the healthy side" in text_of(app, "#progress-capacity")
    (record,) = ReadOnlyRepository(data_dir).reviews()
    assert record == {
        "kind": "self-test",
        "date": TODAY.isoformat(),
        "injured_count": 15,
        "healthy_count": 20,
        "pain": 2,
        "ratio": 0.75,
    }


async def test_questionnaire_is_scored_and_labelled(data_dir: Path) -> None:
    seed(data_dir)
    app = app_for(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await open_progress(app, pilot)
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, QuestionnaireModal)
        assert "paraphrased, not the official questionnaire" in str(
            app.screen.query(Static).first().render()
        )
        for number, value in enumerate(("8", "7", "9", "6", "5", "4", "3", "20"), start=1):
            app.screen.query_one(f"#field-q{number}", Input).value = value
        await pilot.press("enter")
        await pilot.pause()
        assert "62/100" in text_of(app, "#progress-capacity")
    (record,) = ReadOnlyRepository(data_dir).reviews()
    assert record["kind"] == "questionnaire" and record["total"] == 62
    assert record["label"] == "paraphrased, not the official questionnaire"


async def test_questionnaire_not_offered_after_rupture(data_dir: Path) -> None:
    seed(data_dir, condition=Condition.RUPTURE_SURGERY)
    app = app_for(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_progress(app, pilot)
        assert screen.check_action("questionnaire", ()) is None
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, ProgressScreen)
        assert "not offered after a rupture" in text_of(app, "#progress-capacity")


async def test_own_plan_is_never_changed(data_dir: Path) -> None:
    seed(data_dir, level=None)
    app = app_for(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await open_progress(app, pilot)
        reasons = text_of(app, "#progress-reasons")
        assert "DOSE-PHYSIO-OVERRIDE" in reasons
        # The suggestion sits above the reasons: no "below" pointing the wrong way (issue 14).
        assert "suggestion below" not in reasons and "this week's suggestion" in reasons
        await pilot.press("enter")
        await pilot.pause()
    repo = ReadOnlyRepository(data_dir)
    assert len(repo.plans()) == 1
    assert repo.reviews()[0]["status"] == "accepted"


async def test_no_plan_yet(data_dir: Path) -> None:
    prepared_history(data_dir)
    app = app_for(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_progress(app, pilot)
        assert "No plan yet" in text_of(app, "#progress-suggestion")
        assert screen.check_action("accept", ()) is None
        await pilot.press("enter")
        await pilot.pause()
    assert ReadOnlyRepository(data_dir).reviews() == []


async def test_every_key_has_a_description() -> None:
    for binding in ProgressScreen.BINDINGS:
        assert isinstance(binding, Binding) and binding.description


async def test_an_older_week_never_changes_a_newer_plan(data_dir: Path) -> None:
    seed(data_dir, days=14)
    with HistoryStore(data_dir) as store:
        repo = Repository(store)
        current = repo.current_plan()
        assert current is not None
        repo.add_plan(current.exercises, source="own", created=FROZEN_NOW - dt.timedelta(days=3))
    app = app_for(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_progress(app, pilot)
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert screen.week_ending == ago(7)
        assert "Move up one step: L1 -> L2." in text_of(app, "#progress-suggestion")
        assert "only records your decision" in text_of(app, "#progress-suggestion")
        assert screen.check_action("edit_dose", ()) is False  # not offered
        await pilot.press("enter")
        await pilot.pause()
    repo_after = ReadOnlyRepository(data_dir)
    assert [p.version for p in repo_after.plans()] == [1, 2]
    assert repo_after.reviews()[0]["week_ending"] == ago(7).isoformat()
