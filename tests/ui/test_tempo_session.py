"""The heel-raise (tempo) session driven by keys on a hand-moved clock (issue 15, item 3)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.widgets import Digits, Static

from achilles_tui.domain.care_state import CareStateKind
from achilles_tui.domain.models import RepRecord, Side, Surface, Tempo
from achilles_tui.storage.database import HistoryStore
from achilles_tui.storage.repository import ReadOnlyRepository, Repository
from achilles_tui.ui.app import AchillesApp
from achilles_tui.ui.widgets.big_text import BigText
from achilles_tui.ui.widgets.key_bar import KeyBar
from achilles_tui.ui.widgets.session_run import PlainLine, SessionRun
from tests.conftest import FROZEN_NOW
from tests.ui.session_support import FakeMonotonic, session_app
from tests.ui.tempo_support import history_with_raises, run_for, running_raises
from tests.ui.test_session_sound import Recorder
from tests.ui.test_session_sound import run_for as run_with_sound


def _text(app: AchillesApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def _status(app: AchillesApp) -> str:
    return str(app.screen.query_one("#run-status", PlainLine).render())


def _saved_sets(data_dir: Path) -> list[int]:
    return [r.rep for r in ReadOnlyRepository(data_dir).sessions()[0].reps]


async def test_a_whole_tempo_session_saves_every_set_as_it_ends_then_asks_for_a_rating(
    data_dir: Path,
) -> None:
    # 3 get ready, then 3 sets of 2 raises at 2/0/2 (8 s a set) with 5 s rests.
    async with running_raises(data_dir, sets=3, reps=2, rest=5) as (app, pilot, clock):
        assert _status(app) == "GET READY 0:03 · set 1 of 3 · 2 raises"
        await run_for(pilot, clock, 3.5)
        assert _status(app) == "UP 0:02 · rep 1 of 2 · set 1 of 3"
        assert "UP" in _text(app, "#run-phase")
        assert "Rep 1 of 2   Set 1 of 3" in _text(app, "#run-rep")
        assert "▶ ▲ up 2 s" in _text(app, "#run-picture")
        assert "POS-ISOT-HEIGHT" in _text(app, "#run-cues")
        await run_for(pilot, clock, 2)
        assert _status(app).startswith("DOWN 0:02 · rep 1 of 2")
        assert app.screen.query_one("#run-digits", Digits).value == "2"
        await run_for(pilot, clock, 5.5)  # 11 s: set 1 ended at 3 + 8
        assert _saved_sets(data_dir) == [1], "a finished set is saved at once"
        assert _status(app) == "REST 0:05 · set 1 of 3 done"
        assert "Set 2 of 3: 2 raises" in _text(app, "#run-next")
        await run_for(pilot, clock, 13)  # 24 s: set 2 ended at 11 + 5 + 8
        assert _saved_sets(data_dir) == [1, 2]
        await run_for(pilot, clock, 13)  # 37 s: set 3 ended at 37
        assert type(app.screen).__name__ == "RatingModal"
        assert "Complete: 3 of 3 sets done." in _text(app, "#rating-summary")
        assert "during the sets" in str(app.screen.query("Static").nodes[2].render())
        await pilot.press("3", "c", "enter")
        await pilot.pause()
    session = ReadOnlyRepository(data_dir).sessions()[0]
    assert session.complete and session.finished and not session.over_limit
    assert session.reps_planned == 3 and session.pain_during == 3
    assert [(r.rep, r.raises, r.hold_seconds) for r in session.reps] == [
        (1, 2, 8),
        (2, 2, 8),
        (3, 2, 8),
    ]
    assert session.raises_done == 6


async def test_a_crash_mid_set_resumes_from_the_first_unsaved_set_without_duplicates(
    data_dir: Path,
) -> None:
    async with running_raises(data_dir, sets=3, reps=2, rest=5) as (_app, pilot, clock):
        await run_for(pilot, clock, 3 + 8 + 5 + 3)  # 3 s into set 2
    # The app went away mid-set (as after a crash): set 1 is saved, set 2 is not.
    assert _saved_sets(data_dir) == [1]
    again = session_app(data_dir, clock)
    async with again.run_test(size=(100, 30)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        ready = _text(again, "#ready-text")
        assert "1 set saved" in ready and "resume from set 2" in ready
        await pilot.press("r")
        await pilot.pause()
        assert _status(again) == "GET READY 0:03 · set 2 of 3 · 2 raises"
        await run_for(pilot, clock, 3 + 8 + 5 + 8 + 0.5)
        assert type(again.screen).__name__ == "RatingModal"
        assert "3 of 3 sets done" in _text(again, "#rating-summary")
        await pilot.press("2", "enter")
        await pilot.pause()
    sessions = ReadOnlyRepository(data_dir).sessions()
    assert len(sessions) == 1
    assert [r.rep for r in sessions[0].reps] == [1, 2, 3]
    assert sessions[0].complete and sessions[0].pain_during == 2


async def test_a_session_saved_elsewhere_with_one_set_resumes_at_set_two(data_dir: Path) -> None:
    """The brief's crash case built directly: a session on disk with 1 of 3 sets saved."""
    history_with_raises(data_dir, sets=3, reps=2, rest=5)
    with HistoryStore(data_dir) as store:
        repo = Repository(store)
        plan = repo.current_plan()
        assert plan is not None
        session = repo.start_session(plan, FROZEN_NOW - dt.timedelta(minutes=5), reps_planned=3)
        repo.add_rep(session, RepRecord(0, Side.BOTH, 1, hold_seconds=8, raises=2))
    clock = FakeMonotonic()
    app = session_app(data_dir, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("s", "r")
        await pilot.pause()
        assert "set 2 of 3" in _status(app)
        await run_for(pilot, clock, 30)
        await pilot.press("escape")  # saved without a rating
        await pilot.pause()
    (saved,) = ReadOnlyRepository(data_dir).sessions()
    assert [r.rep for r in saved.reps] == [1, 2, 3] and saved.finished and saved.complete


async def test_hurts_more_than_five_in_a_set_stops_the_remaining_sets(data_dir: Path) -> None:
    """MON-ISOT-SET-PAIN: the rest of the sets are left, the session is over the limit."""
    async with running_raises(data_dir, sets=3, reps=2, rest=5) as (app, pilot, clock):
        await run_for(pilot, clock, 3 + 8 + 5 + 2)  # in set 2
        await pilot.press("x")
        await pilot.pause()
        assert type(app.screen).__name__ == "RatingModal"
        summary = _text(app, "#rating-summary")
        assert "Stopped for pain: 1 of 3 sets done" in summary
        assert "MON-ISOT-SET-PAIN" in summary
        await pilot.press("enter")  # pain is prefilled above the limit
        await pilot.pause()
        await run_for(pilot, clock, 60)
        screen = app.screen
        assert screen.gate is not None  # type: ignore[attr-defined]
        assert screen.gate.care.kind is CareStateKind.STOPPED_TODAY  # type: ignore[attr-defined]
    session = ReadOnlyRepository(data_dir).sessions()[0]
    assert session.over_limit and not session.complete
    assert [r.rep for r in session.reps] == [1]
    assert session.pain_during is not None and session.pain_during > 5


async def test_s_is_skip_set_in_a_heel_raise_session_and_a_skipped_set_is_not_saved(
    data_dir: Path,
) -> None:
    async with running_raises(data_dir, sets=2, reps=3, rest=5) as (app, pilot, clock):
        bar = str(app.screen.query_one(KeyBar).render())
        assert "s Skip set" in bar and "Skip phase" not in bar
        await run_for(pilot, clock, 4)  # into set 1
        await pilot.press("s")
        await pilot.pause()
        assert _status(app).startswith("REST 0:05 · set 1 of 2 skipped")
        await run_for(pilot, clock, 5 + 12 + 0.5)
        assert type(app.screen).__name__ == "RatingModal"
        assert "1 of 2 sets done; 1 set skipped" in _text(app, "#rating-summary")
        await pilot.press("1", "enter")
        await pilot.pause()
    session = ReadOnlyRepository(data_dir).sessions()[0]
    assert [r.rep for r in session.reps] == [2] and not session.complete


async def test_ending_early_speaks_of_sets_and_keeps_the_finished_ones(data_dir: Path) -> None:
    async with running_raises(data_dir, sets=3, reps=2, rest=5) as (app, pilot, clock):
        await run_for(pilot, clock, 3 + 8 + 1)
        await pilot.press("q")
        await pilot.pause()
        assert "You finished 1 set; it is saved." in str(
            app.screen.query("Static").nodes[0].render()
        )
        await pilot.press("y")
        await pilot.pause()
        assert "Ended early: 1 of 3 sets done." in _text(app, "#rating-summary")


async def test_one_leg_raises_run_left_then_right_with_a_switch(data_dir: Path) -> None:
    async with running_raises(data_dir, sets=1, reps=2, rest=5, legs=1) as (app, pilot, clock):
        assert _status(app).endswith("· left leg")
        await run_for(pilot, clock, 3 + 8 + 0.5)
        assert _status(app).startswith("SWITCH 0:10")
        assert "Rep 1 of 2   Set 1 of 1   right leg" in _text(app, "#run-rep")
        await run_for(pilot, clock, 10 + 3 + 8)
        await pilot.press("escape")
        await pilot.pause()
    session = ReadOnlyRepository(data_dir).sessions()[0]
    assert [(r.side, r.rep) for r in session.reps] == [(Side.LEFT, 1), (Side.RIGHT, 1)]
    assert session.reps_planned == 2


async def test_the_far_view_shows_the_movement_and_a_big_rep_count_that_flips_colour(
    data_dir: Path,
) -> None:
    async with running_raises(
        data_dir, sets=2, reps=5, tempo=Tempo(3, 0, 3), rest=30, far_mode="on"
    ) as (app, pilot, clock):
        run = app.screen.query_one(SessionRun)
        phase = app.screen.query_one("#far-phase", BigText)
        count = app.screen.query_one("#far-digits", BigText)
        assert (phase.text, count.text) == ("GET READY", "0:03")
        await run_for(pilot, clock, 3 + 6 + 1)  # raise 2, 1 s up
        assert (phase.text, count.text) == ("UP 2", "2/5")
        up_colour = count.rich_style.color
        assert run.active_view.has_class("phase-up")
        await run_for(pilot, clock, 3)
        assert (phase.text, count.text) == ("DOWN 2", "2/5")
        assert run.active_view.has_class("phase-down") and not run.active_view.has_class("phase-up")
        assert count.rich_style.color != up_colour, "every up/down change flips the colour"
        assert "set 1 of 2" in str(app.screen.query_one("#far-detail", PlainLine).render())
        await run_for(pilot, clock, 2 + 18 + 1)  # into the rest
        assert (phase.text, count.text) == ("REST", "0:29")


async def test_the_ready_view_describes_the_raises_and_where_to_stand(data_dir: Path) -> None:
    history_with_raises(data_dir, legs=1, surface=Surface.STEP, reps=15)
    app = session_app(data_dir, FakeMonotonic())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        ready = _text(app, "#ready-text")
        assert "3 x 15, tempo 2/0/2" in ready
        assert "Stand by your step first." in ready
        assert "One-leg raises: both sides (i)" in _text(app, "#ready-settings")
        await pilot.press("enter")
        await pilot.pause()
        assert "POS-ISOT-STEP-FORM" in _text(app, "#run-cues")


async def test_each_up_and_down_is_spoken_on_its_start(data_dir: Path) -> None:
    recorder = Recorder()
    async with running_raises(
        data_dir, factory=recorder, sets=2, reps=2, rest=5, get_ready=3, far_mode="on"
    ) as (app, pilot, clock):
        start = clock.now
        await run_with_sound(pilot, clock, 3 + 8 + 5 + 8 + 0.5, recorder)
        assert type(app.screen).__name__ == "RatingModal"
    (player,) = recorder.players
    played = [(s.clip, round(s.at - start, 6)) for s in player.started]
    keys = [s.key for s in player.started]
    assert len(keys) == len(set(keys))
    assert [at for clip, at in played if clip == "up"] == [3, 7, 16, 20]
    assert [at for clip, at in played if clip == "down"] == [5, 9, 18, 22]
    assert [at for clip, at in played if clip == "set_done"] == [11]
    assert ("done", 24) in played and "hold" not in [clip for clip, _ in played]


async def test_in_bell_mode_each_up_and_down_rings_once(data_dir: Path) -> None:
    async with running_raises(data_dir, sets=1, reps=3, sound="bell") as (app, pilot, clock):
        rings: list[float] = []
        app.bell = lambda: rings.append(clock.now)  # type: ignore[method-assign]
        await run_for(pilot, clock, 3 + 12 - 0.5)  # to just before the last raise is down
        assert len(rings) == 6, "three ups and three downs"
        assert type(app.screen).__name__ == "SessionScreen"
