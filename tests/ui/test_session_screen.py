"""The Session section driven by keys, with a hand-moved clock."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Digits, Static

from achilles_tui.domain.models import Effort, Position, Side
from achilles_tui.storage.repository import ReadOnlyRepository
from achilles_tui.ui.app import AchillesApp
from achilles_tui.ui.screens.session import SessionScreen
from achilles_tui.ui.widgets.key_bar import KeyBar
from tests.ui.helpers import open_section
from tests.ui.session_support import FakeMonotonic, history_with_plan, session_app
from tests.ui.session_support import running_session as started_session


async def _run_for(pilot: Pilot[None], clock: FakeMonotonic, seconds: float) -> None:
    """Move time forward in small steps, letting the screen poll the timer."""
    steps = int(seconds / 0.5)
    for _ in range(steps):
        clock.advance(0.5)
        screen = pilot.app.screen
        if isinstance(screen, SessionScreen):
            screen._tick()
        await pilot.pause()


def _text(app: AchillesApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_without_a_plan_the_session_points_to_the_assessment(data_dir: Path) -> None:
    async with open_section(data_dir, "s") as (app, pilot):
        assert "No plan yet" in _text(app, "#ready-text")
        await pilot.press("enter")
        await pilot.pause()
        assert not app.screen.running  # type: ignore[attr-defined]


async def test_full_session_is_logged_with_rating_and_shown_on_today(data_dir: Path) -> None:
    async with started_session(data_dir, reps=2, hold=5, rest=2) as (app, pilot, clock):
        await pilot.pause()
        assert "GET READY" in _text(app, "#run-phase")
        await _run_for(pilot, clock, 3.5)
        assert "HOLD" in _text(app, "#run-phase")
        assert "Rep 1 of 2" in _text(app, "#run-rep")
        await _run_for(pilot, clock, 5)
        sessions = ReadOnlyRepository(data_dir).sessions()
        assert len(sessions[0].reps) == 1, "a finished hold is saved at once"
        await _run_for(pilot, clock, 8)
        assert type(app.screen).__name__ == "RatingModal"
        await pilot.press("2", "c", "enter")
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        assert "done at" in _text(app, "#today-session")
    session = ReadOnlyRepository(data_dir).sessions()[0]
    assert session.complete and session.finished
    assert (session.pain_during, session.effort) == (2, Effort.CHALLENGING)
    assert session.reps_done(0) == 2
    assert session.plan_version == 1


async def test_pause_freezes_the_countdown_and_moves_the_end(data_dir: Path) -> None:
    async with started_session(data_dir, reps=1, hold=10, rest=2) as (app, pilot, clock):
        await _run_for(pilot, clock, 5)  # 3 s get ready + 2 s into the hold
        await pilot.press("space")
        frozen = app.screen.query_one("#run-digits", Digits).value
        await _run_for(pilot, clock, 20)
        assert app.screen.query_one("#run-digits", Digits).value == frozen
        assert "paused" in _text(app, "#run-phase")
        await pilot.press("space")
        await _run_for(pilot, clock, 7.5)
        assert type(app.screen).__name__ == "SessionScreen", "8 s of the hold were left"
        await _run_for(pilot, clock, 1)
        assert type(app.screen).__name__ == "RatingModal"


async def test_skip_does_not_log_the_skipped_hold(data_dir: Path) -> None:
    async with started_session(data_dir, reps=2, hold=5, rest=2) as (_app, pilot, clock):
        await pilot.press("s")  # skip get ready
        await pilot.press("s")  # skip hold 1
        await pilot.press("s")  # skip rest
        await _run_for(pilot, clock, 6)
        await pilot.press("escape")  # no rating
        await pilot.pause()
    session = ReadOnlyRepository(data_dir).sessions()[0]
    assert [r.rep for r in session.reps] == [2]
    assert session.complete is False


async def test_ending_early_asks_first_and_keeps_done_reps(data_dir: Path) -> None:
    async with started_session(data_dir, reps=3, hold=5, rest=2) as (app, pilot, clock):
        await _run_for(pilot, clock, 9)
        await pilot.press("q")
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmModal"
        await pilot.press("n")
        await pilot.pause()
        assert app.screen.running  # type: ignore[attr-defined]
        await pilot.press("q", "y")
        await pilot.pause()
        assert type(app.screen).__name__ == "RatingModal"
        await pilot.press("4", "enter")
        await pilot.pause()
    session = ReadOnlyRepository(data_dir).sessions()[0]
    assert len(session.reps) == 1 and session.finished and not session.complete
    assert session.pain_during == 4


async def test_pain_over_five_ends_the_reps_and_marks_the_session(data_dir: Path) -> None:
    async with started_session(data_dir, reps=3, hold=5, rest=2) as (app, pilot, clock):
        await _run_for(pilot, clock, 5)
        await pilot.press("x")
        await pilot.pause()
        assert type(app.screen).__name__ == "RatingModal"
        assert "MON-PAIN-DURING" in _text(app, "#rating-summary")
        await pilot.press("enter")  # pain is prefilled above the limit
        await pilot.pause()
    session = ReadOnlyRepository(data_dir).sessions()[0]
    assert session.over_limit and not session.complete
    assert session.pain_during is not None and session.pain_during > 5


async def test_out_of_range_pain_rating_is_refused(data_dir: Path) -> None:
    async with started_session(data_dir, reps=1, hold=5, rest=0) as (app, pilot, clock):
        await _run_for(pilot, clock, 9)
        await pilot.press("1", "1", "enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "RatingModal"
        assert "0 to 10" in _text(app, "#rating-error")
    assert ReadOnlyRepository(data_dir).sessions()[0].finished is False


async def test_single_leg_runs_both_sides_with_a_switch(data_dir: Path) -> None:
    async with started_session(data_dir, reps=1, hold=5, rest=2, legs=1) as (app, pilot, clock):
        await _run_for(pilot, clock, 8.5)
        assert "SWITCH SIDES" in _text(app, "#run-phase")
        await _run_for(pilot, clock, 20)
        await pilot.press("escape")
        await pilot.pause()
    session = ReadOnlyRepository(data_dir).sessions()[0]
    assert session.reps_done(0, Side.LEFT) == 1 and session.reps_done(0, Side.RIGHT) == 1


async def test_heel_drop_shows_its_form_cues(data_dir: Path) -> None:
    async with started_session(data_dir, reps=1, hold=5, rest=2, position=Position.HEEL_DROP) as (
        app,
        pilot,
        _clock,
    ):
        await pilot.pause()
        assert "POS-HEELDROP-FORM" in _text(app, "#run-cues")
        assert "HEEL DROP" in _text(app, "#run-picture")


async def test_interrupted_session_is_offered_for_resume(data_dir: Path) -> None:
    async with started_session(data_dir, reps=3, hold=5, rest=2) as (_app, pilot, clock):
        await _run_for(pilot, clock, 9)
    # the app went away mid-session (as after a crash): one rep was saved
    assert len(ReadOnlyRepository(data_dir).sessions()[0].reps) == 1
    again = session_app(data_dir, clock)
    async with again.run_test(size=(100, 30)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        assert "resume from hold 2" in _text(again, "#ready-text")
        await pilot.press("r")
        await pilot.pause()
        assert "Rep 2 of 3" in _text(again, "#run-rep")
        await _run_for(pilot, clock, 20)
        await pilot.press("3", "enter")
        await pilot.pause()
    sessions = ReadOnlyRepository(data_dir).sessions()
    assert len(sessions) == 1
    assert [r.rep for r in sessions[0].reps] == [1, 2, 3]
    assert sessions[0].complete


async def test_sound_and_get_ready_settings_are_remembered(data_dir: Path) -> None:
    history_with_plan(data_dir, get_ready=5)
    clock = FakeMonotonic()
    app = session_app(data_dir, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("s", "m", "g")
        await pilot.pause()
        assert "Sound: tones" in _text(app, "#ready-settings")
    settings = ReadOnlyRepository(data_dir).settings()
    assert settings.sound == "tones" and settings.get_ready_seconds == 10


async def test_session_keeps_working_when_resized_to_80x24(data_dir: Path) -> None:
    async with started_session(data_dir, reps=2, hold=5, rest=2) as (app, pilot, clock):
        await _run_for(pilot, clock, 4)
        await pilot.resize_terminal(80, 24)
        await _run_for(pilot, clock, 5)
        assert app.screen.query_one("#run-digits").region.bottom <= 24
        assert len(ReadOnlyRepository(data_dir).sessions()[0].reps) == 1


async def test_after_a_flare_up_the_timer_runs_two_steps_lower(data_dir: Path) -> None:
    import datetime as dt

    from achilles_tui.domain.models import DayKind, DiaryEntry, Exercise
    from achilles_tui.domain.models import Settings as StoredSettings
    from achilles_tui.storage.database import HistoryStore
    from achilles_tui.storage.repository import Repository
    from tests.conftest import FROZEN_NOW

    today = FROZEN_NOW.date()
    with HistoryStore(data_dir) as store:
        repo = Repository(store)
        repo.save_settings(StoredSettings(disclaimer_accepted=True, far_mode="off"))
        repo.add_plan(
            [Exercise(Position.NEUTRAL, 2, reps=5, hold_seconds=30, rest_seconds=45)],
            source="assessment",
            level="L4",
            created=dt.datetime(2026, 3, 1, 8, 0),
        )
        repo.save_diary(DiaryEntry(date=today, day=DayKind.FLARE_UP))
    clock = FakeMonotonic()
    app = session_app(data_dir, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        assert "After your flare-up" in _text(app, "#ready-text")
        await pilot.press("enter")
        await pilot.pause()
        assert not app.screen.running  # type: ignore[attr-defined]  # flare-up day: rest
    with HistoryStore(data_dir) as store:
        Repository(store).save_diary(DiaryEntry(date=today, day=DayKind.NORMAL, settled=True))
        Repository(store).save_diary(
            DiaryEntry(date=today - dt.timedelta(days=1), day=DayKind.FLARE_UP)
        )
    again = session_app(data_dir, clock)
    async with again.run_test(size=(100, 30)) as pilot:
        await pilot.press("s", "enter")
        await pilot.pause()
        assert "Rep 1 of 5" in _text(again, "#run-rep")
        assert again.screen.timer.exercise.hold_seconds == 10  # type: ignore[attr-defined]


async def test_after_todays_session_an_extra_one_is_said_not_to_count_before_enter(
    data_dir: Path,
) -> None:
    async with started_session(data_dir, reps=1, hold=5, rest=2) as (app, pilot, clock):
        await _run_for(pilot, clock, 9)
        await pilot.press("2", "enter")
        await pilot.pause()
        text = _text(app, "#ready-text")
        assert "does not count" in text and "not needed" in text
        assert "Press Enter to start one anyway" in text
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.running  # type: ignore[attr-defined]
    assert len(ReadOnlyRepository(data_dir).sessions()) == 2


@pytest.mark.parametrize("legs", [1, 2])
async def test_the_sides_setting_is_offered_only_for_one_leg_holds(
    data_dir: Path, legs: int
) -> None:
    """Issue 14, item 6: a two-leg plan never shows "One-leg holds: both sides (i)"."""
    history_with_plan(data_dir, legs=legs)
    app = session_app(data_dir, FakeMonotonic())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        one_leg = legs == 1
        assert ("One-leg holds: both sides (i)" in _text(app, "#ready-settings")) is one_leg
        assert ("i Sides" in str(app.screen.query_one(KeyBar).render())) is one_leg
        await pilot.press("i")
        await pilot.pause()
        assert ("injured side only" in _text(app, "#ready-settings")) is one_leg
    sides = ReadOnlyRepository(data_dir).settings().single_leg_sides
    assert (sides == "both") is not one_leg
