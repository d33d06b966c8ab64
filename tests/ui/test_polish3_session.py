"""Issue 24 (trust and polish, round 3): the session timer at 80x24, as a new user met it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from textual.widgets import Static

from achilles_tui.domain.models import RepRecord, Side
from achilles_tui.storage.database import HistoryStore
from achilles_tui.storage.repository import ReadOnlyRepository, Repository
from achilles_tui.ui.app import AchillesApp
from achilles_tui.ui.screens.confirm import ConfirmModal
from achilles_tui.ui.screens.session import SessionScreen
from achilles_tui.ui.widgets.session_run import PlainLine, SessionRun
from tests.conftest import FROZEN_NOW
from tests.ui.session_support import FakeMonotonic, history_with_plan, session_app
from tests.ui.snapshot_support import svg_rows
from tests.ui.tempo_support import run_for, running_raises

SIZE = (80, 24)
NO_DEVICE = "No sound device found: the terminal bell rings instead."


def _status(app: AchillesApp) -> str:
    return str(app.screen.query_one("#run-status", PlainLine).render())


def _question(app: AchillesApp) -> str:
    assert isinstance(app.screen, ConfirmModal)
    return app.screen.question


async def test_polish3_item2_after_a_crash_the_end_question_counts_the_holds_saved_before_it(
    data_dir: Path,
) -> None:
    history_with_plan(data_dir, reps=10, hold=5, rest=2, get_ready=3)
    with HistoryStore(data_dir) as store:  # a run killed after its first hold was saved
        repo = Repository(store)
        plan = repo.current_plan()
        assert plan is not None
        session = repo.start_session(plan, FROZEN_NOW - dt.timedelta(minutes=3), reps_planned=10)
        repo.add_rep(session, RepRecord(0, Side.BOTH, 1, hold_seconds=5))
    clock = FakeMonotonic()
    app = session_app(data_dir, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "1 of 10 holds saved" in str(app.screen.query_one("#today-session").render())
        await pilot.press("r")  # resume from Today
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen) and screen.timer is not None
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        question = _question(app)
        assert "No hold is finished yet" not in question
        assert "You finished 1 hold; it is saved." in question


async def test_polish3_item3_a_skipped_set_is_never_shown_as_done(data_dir: Path) -> None:
    async with running_raises(data_dir, size=SIZE, sets=3, reps=5, rest=30) as (
        app,
        pilot,
        clock,
    ):
        await run_for(pilot, clock, 3 + 12)  # get ready, then 3 of 5 raises at 2/0/2
        await pilot.press("s")
        await pilot.pause()
        assert _status(app) == "REST 0:30 · set 1 of 3 skipped"
        assert "set 1 of 3 done" not in _status(app)
        await run_for(pilot, clock, 30 + 20)  # the rest, then set 2 in full
        assert _status(app) == "REST 0:30 · set 2 of 3 done"


async def test_polish3_item12_no_sound_device_is_one_plain_line_beside_the_status_line(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ACHILLES_TUI_AUDIO", "none")  # as on a server: no device
    history_with_plan(data_dir, reps=2, hold=30, rest=5, far_mode="auto")
    clock = FakeMonotonic()
    app = session_app(data_dir, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", "enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen) and screen.run_view.far
        notice = screen.query_one("#run-notice", PlainLine)
        status = screen.query_one("#run-status", PlainLine)
        assert notice.display and notice.text == NO_DEVICE
        assert notice.region.bottom <= status.region.y, "the notice sits above the status line"
        assert not app._notifications, "no toast: at 80x24 one covered the status line"
        rows = svg_rows(app.export_screenshot())
        assert any(NO_DEVICE in row for row in rows)
        status_row = next(row for row in rows if "GET READY 0:" in row)
        assert status_row.strip().startswith("GET READY"), status_row
        assert not any("ACHILLES_TUI_AUDIO" in row or "((" in row for row in rows)


async def test_polish3_item13_f_switches_the_far_view_for_this_session_only(
    data_dir: Path,
) -> None:
    history_with_plan(data_dir, reps=1, hold=5, rest=2, get_ready=3, far_mode="auto")
    clock = FakeMonotonic()
    app = session_app(data_dir, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", "enter")
        await pilot.pause()
        run = app.screen.query_one(SessionRun)
        assert run.far  # the default at 80x24
        await pilot.press("f")
        await pilot.pause()
        assert not run.far, "f switches to the near view at once"
        assert ReadOnlyRepository(data_dir).settings().far_mode == "auto", "and saves nothing"
        await pilot.press("q", "y")  # end early, then rate
        await pilot.pause()
        await pilot.press("1", "enter")
        await pilot.pause()
        settings_line = str(app.screen.query_one("#ready-settings", Static).render())
        assert "Far view (big countdown): when the window is big enough" in settings_line
        assert "ctrl+p" in settings_line
        await pilot.press("enter")  # the next session: far again, as set
        await pilot.pause()
        assert app.screen.query_one(SessionRun).far


async def test_polish3_item15_the_tempo_status_line_counts_down_in_m_ss_like_hold(
    data_dir: Path,
) -> None:
    async with running_raises(data_dir, size=SIZE, sets=2, reps=2, rest=5) as (
        app,
        pilot,
        clock,
    ):
        await run_for(pilot, clock, 3.5)
        assert _status(app) == "UP 0:02 · rep 1 of 2 · set 1 of 2"
        assert not _status(app).startswith("UP 2 ")
