"""SVG snapshots of a heel-raise (tempo) session mid-rep, far and near view, frozen clocks."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from achilles_tui.domain.models import Tempo
from achilles_tui.ui.app import create_app
from tests.conftest import frozen_clock
from tests.ui.session_support import FakeMonotonic
from tests.ui.snapshot_support import moved_on
from tests.ui.tempo_support import history_with_raises

SNAPSHOT_DATA = Path("/tmp/achilles-tui-tempo-snapshot-data")
MID_REP = 5 + 6 * 6 + 1.2
"""5 s get ready, six raises of 3/0/3, then 1.2 s into raise 7 going up (set 1 of 3)."""


@pytest.fixture
def raise_history() -> Iterator[Path]:
    """A one-leg 3 x 15 heel-raise plan at 3/0/3, 90 s rest (T5), in a fixed folder."""
    shutil.rmtree(SNAPSHOT_DATA, ignore_errors=True)
    yield SNAPSHOT_DATA
    shutil.rmtree(SNAPSHOT_DATA, ignore_errors=True)


@pytest.mark.parametrize("far_mode", ["on", "off"], ids=["far", "near"])
@pytest.mark.parametrize("size", [(80, 24), (100, 30)], ids=["80x24", "100x30"])
def test_tempo_session_mid_rep(
    snap_compare: Callable[..., bool],
    raise_history: Path,
    size: tuple[int, int],
    far_mode: str,
) -> None:
    history_with_raises(
        raise_history,
        sets=3,
        reps=15,
        tempo=Tempo(3, 0, 3),
        rest=90,
        legs=1,
        get_ready=5,
        far_mode=far_mode,
    )
    clock = FakeMonotonic()
    app = create_app(raise_history, clock=frozen_clock, monotonic=clock)
    # Start the session, move the clock into the middle of a raise, and let the cue's 0.4 s
    # flash fade, so the picture is stable.
    into_the_set = moved_on(clock, MID_REP, "s", "enter", settle=0.5)
    assert snap_compare(app, terminal_size=size, run_before=into_the_set)
