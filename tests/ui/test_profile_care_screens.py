"""Issue 22 items 7-9 on the screens: a painful heel-raise test stops the day everywhere, the
test is offered only when §F5 decision 8 allows it (and `g` always answers), and a rest day
of a 3-a-week plan reads the same on Today, Session and `status`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from textual.widgets import Static

from achilles_tui.care.heel_raise_test import record_heel_raise_test
from achilles_tui.care.status import day_status
from achilles_tui.domain.models import DayKind, DiaryEntry
from achilles_tui.storage.database import HistoryStore
from achilles_tui.storage.repository import ReadOnlyRepository, Repository
from achilles_tui.ui.app import AchillesApp, create_app
from achilles_tui.ui.screens.heel_raise_test import HeelRaiseTestScreen, Stage
from tests.conftest import FROZEN_NOW, frozen_clock
from tests.ui.progress_support import seed
from tests.ui.session_support import FakeMonotonic
from tests.ui.test_isotonic_support import GOOD_WEEK, TODAY, ago, isotonic_history, raise_session

REFUSED = "No heel-raise test now"


def _app(data_dir: Path, clock: FakeMonotonic | None = None) -> AchillesApp:
    return create_app(data_dir, clock=frozen_clock, monotonic=clock or FakeMonotonic())


def _text(app: AchillesApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def _refusals(app: AchillesApp) -> list[str]:
    """The messages of the 'no heel-raise test now' notices shown so far."""
    return [n.message for n in app._notifications if n.title == REFUSED]


def _painful_test_today(data_dir: Path) -> None:
    with HistoryStore(data_dir) as store:
        record_heel_raise_test(
            Repository(store), TODAY, 12, 24, 8, at=FROZEN_NOW - dt.timedelta(hours=1)
        )


async def _guided_test(pilot: Any, clock: FakeMonotonic, pain: str) -> None:
    """Run the opened test: the other side to 20, the sore side to 10, then the pain typed."""
    for seconds in (40.5, 20.5):
        await pilot.press("enter")
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, HeelRaiseTestScreen)
        clock.advance(seconds)
        screen.tick()
        await pilot.press("space", "enter")
        await pilot.pause()
    await pilot.press(*pain, "enter")
    await pilot.pause()


# -- item 7 -------------------------------------------------------------------------------


async def test_item7_painful_heel_raise_test_stops_the_day(data_dir: Path) -> None:
    """The guided test ends at 7/10: Today, Session and the test itself refuse, naming
    MON-ISOT-SET-PAIN; the Session screen never offers "start one anyway"."""
    isotonic_history(data_dir, level="T8", session_days=GOOD_WEEK)
    clock = FakeMonotonic()
    app = _app(data_dir, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "Press s to start" in _text(app, "#today-session")
        await pilot.press("g")
        await pilot.pause()
        await _guided_test(pilot, clock, "7")
        screen = app.screen
        assert isinstance(screen, HeelRaiseTestScreen) and screen.stage is Stage.RESULT
        await pilot.press("enter")
        await pilot.pause()

        # Today: stopped, with the rule and tomorrow; no test offered.
        assert type(app.screen).__name__ == "TodayScreen"
        session_card = _text(app, "#today-session")
        assert "pain went over 5/10 in today's heel-raise test" in session_card
        assert "MON-ISOT-SET-PAIN" in session_card and "tomorrow" in session_card
        assert "Press s to start" not in session_card
        assert not app.screen.query_one("#today-test").display

        # A second test that day is refused with the reason.
        await pilot.press("g")
        await pilot.pause()
        assert type(app.screen).__name__ == "TodayScreen"
        (refusal,) = _refusals(app)
        assert "MON-ISOT-SET-PAIN" in refusal and "heel-raise test" in refusal

        # Session: refuses, names the rule, and Enter starts nothing.
        await pilot.press("s")
        await pilot.pause()
        ready = _text(app, "#ready-text")
        assert "No session now" in ready and "MON-ISOT-SET-PAIN" in ready
        assert "start one anyway" not in ready and "Press Enter to start" not in ready
        assert app.screen.check_action("start", ()) is False
        await pilot.press("enter")
        await pilot.pause()
        assert not app.screen.running  # type: ignore[attr-defined]

        # Progress's g asks the same gate.
        await pilot.press("p", "g")
        await pilot.pause()
        assert type(app.screen).__name__ == "ProgressScreen"
        assert len(_refusals(app)) == 2
    assert ReadOnlyRepository(data_dir).sessions(TODAY, TODAY) == []
    (test,) = ReadOnlyRepository(data_dir).heel_raise_tests(TODAY, TODAY)
    assert test.over_limit


async def test_item7_a_test_logged_over_the_limit_stops_session_and_test(data_dir: Path) -> None:
    """A painful test logged away from the app (`log-test`) stops the app's day too."""
    isotonic_history(data_dir, level="T8", session_days=GOOD_WEEK)
    _painful_test_today(data_dir)
    app = _app(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        ready = _text(app, "#ready-text")
        assert "pain went over 5/10 in today's heel-raise test" in ready
        assert "start one anyway" not in ready
        await pilot.press("enter")
        await pilot.pause()
        assert not app.screen.running  # type: ignore[attr-defined]
        app.action_heel_raise_test()  # the command palette's way in
        await pilot.pause()
        assert not isinstance(app.screen, HeelRaiseTestScreen)
        assert any("MON-ISOT-SET-PAIN" in message for message in _refusals(app))
    status = day_status(ReadOnlyRepository(data_dir), FROZEN_NOW).to_json()
    assert (status["care_state"], status["session_allowed"], status["blocked_by"]) == (
        "stopped_today",
        False,
        "MON-ISOT-SET-PAIN",
    )


async def test_item7_an_open_test_screen_asks_again_before_the_first_beep(
    data_dir: Path,
) -> None:
    """The test screen was opened, then a painful test was logged: Enter refuses with the
    reason and closes, saving nothing more."""
    isotonic_history(data_dir, level="T8", session_days=GOOD_WEEK)
    app = _app(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, HeelRaiseTestScreen) and app.repo is not None
        # Logged meanwhile (through the app's own open history: it holds the lock).
        record_heel_raise_test(app.repo, TODAY, 12, 24, 8, at=FROZEN_NOW)
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "TodayScreen"
        (refusal,) = _refusals(app)
        assert "MON-ISOT-SET-PAIN" in refusal
    assert len(ReadOnlyRepository(data_dir).heel_raise_tests()) == 1


# -- item 8 -------------------------------------------------------------------------------


async def test_item8_test_not_offered_in_bad_week(data_dir: Path) -> None:
    """T8, a flare-up yesterday and sessions at 7 and 6/10: no offer on Today, and `g` says
    which rule stops the test instead of opening it."""
    plan = isotonic_history(data_dir, level="T8", session_days=GOOD_WEEK)
    with HistoryStore(data_dir) as store:
        repo = Repository(store)
        repo.add_manual_session(raise_session(ago(3), plan, pain=7, ident="bad3"))
        repo.add_manual_session(raise_session(ago(5), plan, pain=6, ident="bad5"))
        repo.save_diary(DiaryEntry(ago(1), 6, 30, False, DayKind.FLARE_UP))
    app = _app(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert not app.screen.query_one("#today-test").display
        await pilot.press("g")
        await pilot.pause()
        assert type(app.screen).__name__ == "TodayScreen"
        (refusal,) = _refusals(app)
        assert "MON-ISOT-HR-TEST" in refusal and "not a good (GREEN) week" in refusal
        await pilot.press("p", "g")
        await pilot.pause()
        assert type(app.screen).__name__ == "ProgressScreen"
        assert len(_refusals(app)) == 2


async def test_item8_g_in_progress_on_the_day_of_a_switch_says_why(data_dir: Path) -> None:
    """Accepting the switch to heel raises makes a T1 plan today: `g` in Progress says the test
    belongs to T7-T8 (it used to do nothing and say nothing)."""
    seed(data_dir, level="L8", days=14)
    app = _app(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("enter")  # accept the switch: T1 from today
        await pilot.pause()
        await pilot.press("g")
        await pilot.pause()
        assert type(app.screen).__name__ == "ProgressScreen"
        (refusal,) = _refusals(app)
        assert "MON-ISOT-HR-TEST" in refusal and "T1" in refusal
        await pilot.press("t", "g")  # Today's g answers too
        await pilot.pause()
        assert type(app.screen).__name__ == "TodayScreen"
        assert len(_refusals(app)) == 2


async def test_item8_g_opens_the_test_when_it_is_offered(data_dir: Path) -> None:
    isotonic_history(data_dir, level="T7", session_days=GOOD_WEEK)
    app = _app(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert _text(app, "#today-test").startswith("Heel-raise test")
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, HeelRaiseTestScreen)
        assert _refusals(app) == []


# -- item 9 -------------------------------------------------------------------------------


async def test_item9_rest_day_same_on_every_surface(data_dir: Path) -> None:
    """T7 (3 a week) with a session yesterday: Today, Session and status all say rest day,
    none says a session is due; Session asks before an extra one, and Enter then starts it."""
    isotonic_history(data_dir, level="T7", session_days=(1, 3))
    status = day_status(ReadOnlyRepository(data_dir), FROZEN_NOW)
    assert status.message.startswith("rest day today") and "session due" not in status.message
    assert status.to_json()["care_state"] == "rest_day"
    assert status.to_json()["session_allowed"] is True
    assert status.to_json()["blocked_by"] is None
    app = _app(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        session_card = _text(app, "#today-session")
        assert "rest day" in session_card
        assert "Press s to start" not in session_card and "due" not in session_card
        assert "today is a rest day" in _text(app, "#today-plan")
        assert not app.screen.query_one("#today-test").display
        await pilot.press("g")  # no test on a rest day either, and g says so
        await pilot.pause()
        (refusal,) = _refusals(app)
        assert "rest day" in refusal

        await pilot.press("s")
        await pilot.pause()
        ready = _text(app, "#ready-text")
        assert "Today is a rest day" in ready and "breaks the rest day" in ready
        assert "not count" in ready and "Press Enter to start one anyway." in ready
        assert "Stand " not in ready  # the plain "Press Enter to start" of a due day
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.running  # type: ignore[attr-defined]
    (extra,) = ReadOnlyRepository(data_dir).sessions(TODAY, TODAY)
    assert extra.date == TODAY
