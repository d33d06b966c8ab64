"""Helpers for session tests: a fake monotonic clock and a history with a short plan."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from achilles_tui.domain.models import AnyExercise, Exercise, Position, Settings
from achilles_tui.storage.database import HistoryStore
from achilles_tui.storage.repository import Repository
from achilles_tui.ui.app import AchillesApp, create_app
from tests.conftest import FROZEN_NOW, frozen_clock
from tests.fake_clock import FakeClock

# Plans in tests start before the frozen clock, as a real history's do (§E1 counts from then).
PLAN_MADE = FROZEN_NOW - dt.timedelta(days=30)


class FakeMonotonic(FakeClock):
    """The fake clock, starting well away from zero like a real monotonic clock."""

    def __init__(self) -> None:
        super().__init__(1000.0)


def history_with_plan(
    data_dir: Path,
    *,
    reps: int = 2,
    hold: int = 5,
    rest: int = 2,
    legs: int = 2,
    position: Position = Position.NEUTRAL,
    get_ready: int = 3,
    far_mode: str = "off",
    sound: str = "voice",
) -> None:
    """An accepted disclaimer and a one-exercise own plan.

    The near view is the default here (its widgets are what most session tests read);
    the far-view tests ask for it.
    """
    exercise = Exercise(position, legs, reps=reps, hold_seconds=hold, rest_seconds=rest)
    history_with(data_dir, exercise, get_ready=get_ready, far_mode=far_mode, sound=sound)


def history_with(
    data_dir: Path,
    exercise: AnyExercise,
    *,
    get_ready: int,
    far_mode: str,
    sound: str,
    sides: str = "both",
) -> None:
    """An accepted disclaimer, these session settings and a one-exercise own plan."""
    with HistoryStore(data_dir) as store:
        repo = Repository(store)
        repo.save_settings(
            Settings(
                disclaimer_accepted=True,
                get_ready_seconds=get_ready,
                far_mode=far_mode,
                sound=sound,
                single_leg_sides=sides,
            )
        )
        repo.add_plan([exercise], source="own", created=PLAN_MADE)


def session_app(data_dir: Path, clock: FakeMonotonic) -> AchillesApp:
    """The real app with the frozen wall clock and a hand-driven monotonic clock."""
    return create_app(data_dir, clock=frozen_clock, monotonic=clock)


@contextlib.asynccontextmanager
async def running_session(
    data_dir: Path,
    *,
    size: tuple[int, int] = (100, 30),
    factory: Any = None,
    **plan: Any,
) -> AsyncIterator[tuple[AchillesApp, Pilot[None], FakeMonotonic]]:
    """A history with a short plan, the app on a hand-moved clock, and the timer started.

    ``factory`` replaces the speakers (a recording player in sound tests).
    """
    history_with_plan(data_dir, **plan)
    async with session_started(data_dir, size=size, factory=factory) as running:
        yield running


@contextlib.asynccontextmanager
async def session_started(
    data_dir: Path, *, size: tuple[int, int], factory: Any
) -> AsyncIterator[tuple[AchillesApp, Pilot[None], FakeMonotonic]]:
    """The app on the history in ``data_dir``, on a hand-moved clock, the session started."""
    clock = FakeMonotonic()
    app = session_app(data_dir, clock)
    if factory is not None:
        app.cue_player_factory = factory
    async with app.run_test(size=size) as pilot:
        await pilot.press("s", "enter")
        yield app, pilot, clock
