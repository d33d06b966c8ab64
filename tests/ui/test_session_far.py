"""Far view, the plain status line, and the fixes from the walk on a step (issue 12)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import ProgressBar, Static

from achilles_tui.domain.models import Effort
from achilles_tui.storage.repository import ReadOnlyRepository
from achilles_tui.ui.screens.session import SessionScreen
from achilles_tui.ui.widgets.big_text import BigText
from achilles_tui.ui.widgets.session_run import PlainLine, SessionRun
from tests.ui.session_support import (
    FakeMonotonic,
    running_session,
    session_app,
)

STATUS = re.compile(
    r"^(GET READY|HOLD|REST|SWITCH) \d+:\d\d · rep \d+ of \d+( · (left|right) leg)?"
)


async def run_for(pilot: Pilot[None], clock: FakeMonotonic, seconds: float) -> None:
    """Move the hand-driven clock on in half seconds, letting the screen catch up."""
    for _ in range(int(seconds / 0.5)):
        clock.advance(0.5)
        screen = pilot.app.screen
        if isinstance(screen, SessionScreen):
            screen._tick()
        await pilot.pause()


def status(app: object) -> str:
    line = app.screen.query_one("#run-status", PlainLine)  # type: ignore[attr-defined]
    return str(line.render())


def run_view(app: object) -> SessionRun:
    return app.screen.query_one(SessionRun)  # type: ignore[attr-defined]


@pytest.mark.parametrize(("size", "min_rows"), [((80, 24), 9), ((100, 30), 12), ((200, 60), 20)])
async def test_far_view_is_the_default_and_its_digits_fill_the_screen(
    data_dir: Path, size: tuple[int, int], min_rows: int
) -> None:
    async with running_session(data_dir, size=size, reps=2, hold=30, rest=5, far_mode="auto") as (
        app,
        pilot,
        clock,
    ):
        await run_for(pilot, clock, 4)
        assert run_view(app).far
        digits = app.screen.query_one("#far-digits", BigText)
        lines = digits.lines
        assert len(lines) >= min_rows, f"{len(lines)} rows at {size}"
        assert all("█" in line or "▀" in line or "▄" in line for line in lines[:1])
        assert digits.region.bottom <= size[1] and digits.region.right <= size[0]
        assert app.screen.query_one("#far-phase", BigText).text == "HOLD"
        assert status(app) == "HOLD 0:29 · rep 1 of 2"


async def test_far_view_stays_off_below_80x24_and_f_toggles_it(data_dir: Path) -> None:
    async with running_session(
        data_dir, size=(79, 24), reps=2, hold=30, rest=5, far_mode="auto"
    ) as (app, pilot, _clock):
        await pilot.pause()
        assert not run_view(app).far
        await pilot.press("f")
        await pilot.pause()
        assert run_view(app).far
        assert STATUS.match(status(app)), status(app)
    # f is for this session only; the default is set in the palette.
    assert ReadOnlyRepository(data_dir).settings().far_mode == "auto"


async def test_status_line_names_the_leg_and_the_pause(data_dir: Path) -> None:
    async with running_session(data_dir, reps=2, hold=10, rest=5, legs=1, far_mode="on") as (
        app,
        pilot,
        clock,
    ):
        await run_for(pilot, clock, 1)
        assert status(app) == "GET READY 0:02 · rep 1 of 2 · left leg"
        await run_for(pilot, clock, 4)
        await pilot.press("space")
        await pilot.pause()
        assert status(app) == "HOLD 0:08 · rep 1 of 2 · left leg · paused"
        assert "PAUSED" in str(app.screen.query_one("#far-detail", PlainLine).render())


async def test_the_timer_does_not_run_while_the_end_question_is_open(data_dir: Path) -> None:
    async with running_session(data_dir, reps=2, hold=10, rest=5, far_mode="on") as (
        app,
        pilot,
        clock,
    ):
        await run_for(pilot, clock, 1)
        screen = app.screen
        assert isinstance(screen, SessionScreen) and screen.timer is not None
        before = (screen.timer.phase, screen.timer.remaining)
        await pilot.press("q")
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmModal"
        clock.advance(60)  # a long think over the question
        screen._tick()
        await pilot.pause()
        assert (screen.timer.phase, screen.timer.remaining) == before
        await pilot.press("n")  # keep going
        await pilot.pause()
        assert not screen.timer.paused, "the pause the question made is undone"
        assert screen.timer.remaining == pytest.approx(before[1])


async def test_help_over_the_timer_pauses_it_and_a_chosen_pause_stays(data_dir: Path) -> None:
    async with running_session(data_dir, reps=2, hold=10, rest=5) as (app, pilot, clock):
        await run_for(pilot, clock, 1)
        screen = app.screen
        assert isinstance(screen, SessionScreen) and screen.timer is not None
        await pilot.press("question_mark")
        await pilot.pause()
        assert screen.timer.paused
        await pilot.press("escape")
        await pilot.pause()
        assert not screen.timer.paused
        await pilot.press("space")  # paused on purpose
        await pilot.press("question_mark")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert screen.timer.paused, "a pause the person chose is not undone by help"


async def _rate(pilot: Pilot[None], *keys: str) -> None:
    await pilot.press(*keys)
    await pilot.pause()


async def test_effort_is_only_saved_when_chosen(data_dir: Path) -> None:
    async with running_session(data_dir, reps=1, hold=5, rest=2) as (app, pilot, clock):
        await run_for(pilot, clock, 9)
        assert type(app.screen).__name__ == "RatingModal"
        effort = str(app.screen.query_one("#effort", Static).render())
        assert "chosen" not in effort, "no effort is pre-selected"
        await _rate(pilot, "3", "h")
        effort = str(app.screen.query_one("#effort", Static).render())
        chosen = [line for line in effort.splitlines() if "chosen" in line]
        assert chosen and "Too hard" in chosen[0] and "▶" in chosen[0]
        await _rate(pilot, "h")  # pressed again: un-chosen
        assert "chosen" not in str(app.screen.query_one("#effort", Static).render())
        await _rate(pilot, "enter")
    session = ReadOnlyRepository(data_dir).sessions()[0]
    assert (session.pain_during, session.effort) == (3, None)


async def test_effort_keys_choose_it(data_dir: Path) -> None:
    async with running_session(data_dir, reps=1, hold=5, rest=2) as (_app, pilot, clock):
        await run_for(pilot, clock, 9)
        await _rate(pilot, "1", "e", "enter")
    session = ReadOnlyRepository(data_dir).sessions()[0]
    assert (session.pain_during, session.effort) == (1, Effort.TOO_EASY)


async def test_a_skipped_hold_is_called_skipped_not_ended_early(data_dir: Path) -> None:
    async with running_session(data_dir, reps=3, hold=5, rest=2) as (app, pilot, clock):
        await run_for(pilot, clock, 4)  # into hold 1
        await pilot.press("s")  # skip it
        await run_for(pilot, clock, 20)
        summary = str(app.screen.query_one("#rating-summary", Static).render())
        assert summary == "Finished: 2 of 3 holds done; 1 hold skipped."
        assert "ended early" not in summary.lower()


async def test_ending_it_is_called_ended_early(data_dir: Path) -> None:
    async with running_session(data_dir, reps=3, hold=5, rest=2) as (app, pilot, clock):
        await run_for(pilot, clock, 9)
        await pilot.press("q", "y")
        await pilot.pause()
        summary = str(app.screen.query_one("#rating-summary", Static).render())
        assert summary == "Ended early: 1 of 3 holds done."


async def test_today_offers_to_resume_with_one_key_and_the_bar_goes_on(data_dir: Path) -> None:
    async with running_session(data_dir, reps=4, hold=5, rest=5) as (app, pilot, clock):
        await run_for(pilot, clock, 14)  # get ready 3 + hold 5 + rest 5 + 1: hold 1 saved
    assert len(ReadOnlyRepository(data_dir).sessions()[0].reps) == 1
    # The app closed mid-session (as after a crash); it opens again on Today.
    clock = FakeMonotonic()
    app = session_app(data_dir, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        text = str(app.screen.query_one("#today-session", Static).render())
        assert "Interrupted" in text and "Press r to resume" in text
        await pilot.press("r")
        await pilot.pause()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen) and screen.timer is not None
        assert screen.timer.rep == 2
        bar = screen.query_one("#run-progress", ProgressBar)
        assert bar.progress >= 250, "the resumed bar goes on from where it was"
        await run_for(pilot, clock, 40)
        await _rate(pilot, "1", "c", "enter")
    session = ReadOnlyRepository(data_dir).sessions()[0]
    assert [r.rep for r in session.reps] == [1, 2, 3, 4] and session.complete
