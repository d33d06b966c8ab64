"""Helpers for session tests: a fake monotonic clock and a history with a short plan."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from achilles_tui.domain.models import Exercise, Position, Settings
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
    with HistoryStore(data_dir) as store:
        repo = Repository(store)
        repo.save_settings(
            Settings(
                disclaimer_accepted=True,
                get_ready_seconds=get_ready,
                far_mode=far_mode,
                sound=sound,
            )
        )
        repo.add_plan(
            [Exercise(position, legs, reps=reps, hold_seconds=hold, rest_seconds=rest)],
            source="own",
            created=PLAN_MADE,
        )


def session_app(data_dir: Path, clock: FakeMonotonic) -> AchillesApp:
    """The real app with the frozen wall clock and a hand-driven monotonic clock."""
    return create_app(data_dir, clock=frozen_clock, monotonic=clock)
