"""Helpers for Pilot tests: a prepared history and an app on a frozen clock."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import AsyncIterator
from pathlib import Path

from textual.pilot import Pilot

from achilles_tui.domain.models import Exercise, Position, SessionLog, Settings
from achilles_tui.storage.database import HistoryStore
from achilles_tui.storage.repository import Repository
from achilles_tui.ui.app import AchillesApp, create_app
from tests.conftest import FROZEN_NOW, frozen_clock


def prepared_history(data_dir: Path, *, accepted: bool = True, theme: str = "textual-dark") -> None:
    """A history whose user has already acknowledged the disclaimer."""
    with HistoryStore(data_dir) as store:
        Repository(store).save_settings(Settings(disclaimer_accepted=accepted, theme=theme))


def with_session(data_dir: Path, day: dt.date | None = None) -> None:
    """A plan and one session on ``day`` (yesterday by default): the diary asks "settled?"."""
    day = day or FROZEN_NOW.date() - dt.timedelta(days=1)
    prepared_history(data_dir)
    with HistoryStore(data_dir) as store:
        repo = Repository(store)
        plan = repo.add_plan(
            [Exercise(Position.NEUTRAL, legs=2)],
            source="own",
            created=FROZEN_NOW - dt.timedelta(days=3),
        )
        start = dt.datetime.combine(day, dt.time(8))
        repo.add_manual_session(
            SessionLog(
                id="s1",
                date=day,
                plan_version=plan.version,
                started_at=start,
                ended_at=start + dt.timedelta(minutes=4),
                complete=True,
                source="manual",
            )
        )


def app_for(data_dir: Path) -> AchillesApp:
    """The real app on a data folder, with the frozen test clock."""
    return create_app(data_dir, clock=frozen_clock)


@contextlib.asynccontextmanager
async def open_section(
    data_dir: Path, key: str, size: tuple[int, int] = (100, 30)
) -> AsyncIterator[tuple[AchillesApp, Pilot[None]]]:
    """A prepared history, the app running headless, and one section opened by its key."""
    prepared_history(data_dir)
    app = app_for(data_dir)
    async with app.run_test(size=size) as pilot:
        await pilot.press(key)
        await pilot.pause()
        yield app, pilot
