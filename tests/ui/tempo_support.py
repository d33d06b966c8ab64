"""Helpers for heel-raise (tempo) session tests: a history with a short isotonic plan."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path

from textual.pilot import Pilot

from achilles_tui.domain.models import HeelRaise, RaiseKind, Surface, Tempo
from achilles_tui.ui.app import AchillesApp
from achilles_tui.ui.screens.session import SessionScreen
from tests.ui.session_support import FakeMonotonic, history_with, session_started

QUICK_TEMPO = Tempo(2, 0, 2)
"""Two seconds up, two down: a set of two raises takes 8 s."""


def history_with_raises(
    data_dir: Path,
    *,
    sets: int = 3,
    reps: int = 2,
    tempo: Tempo = QUICK_TEMPO,
    rest: int = 5,
    legs: int = 2,
    exercise: RaiseKind = RaiseKind.HEEL_RAISE,
    surface: Surface = Surface.FLOOR,
    load_kg: float = 0.0,
    get_ready: int = 3,
    far_mode: str = "off",
    sound: str = "voice",
    sides: str = "both",
) -> None:
    """An accepted disclaimer and a one-exercise own heel-raise plan, short enough to run."""
    heel_raise = HeelRaise(
        exercise=exercise,
        surface=surface,
        legs=legs,
        load_kg=load_kg,
        sets=sets,
        reps=reps,
        tempo=tempo,
        rest_seconds=rest,
    )
    history_with(
        data_dir, heel_raise, get_ready=get_ready, far_mode=far_mode, sound=sound, sides=sides
    )


async def run_for(pilot: Pilot[None], clock: FakeMonotonic, seconds: float) -> None:
    """Move the hand-driven clock on in half seconds, letting the screen catch up."""
    for _ in range(round(seconds / 0.5)):
        clock.advance(0.5)
        screen = pilot.app.screen
        if isinstance(screen, SessionScreen):
            screen._tick()
        await pilot.pause()


@contextlib.asynccontextmanager
async def running_raises(
    data_dir: Path,
    *,
    size: tuple[int, int] = (100, 30),
    factory: object = None,
    **plan: object,
) -> AsyncIterator[tuple[AchillesApp, Pilot[None], FakeMonotonic]]:
    """A heel-raise plan, the app on a hand-moved clock, and the tempo session started."""
    history_with_raises(data_dir, **plan)  # type: ignore[arg-type]
    async with session_started(data_dir, size=size, factory=factory) as (app, pilot, clock):
        await pilot.pause()
        yield app, pilot, clock
