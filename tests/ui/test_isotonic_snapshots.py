"""SVG snapshots of the isotonic stage: Progress at the switch to heel raises, the heel-raise test.

A frozen wall clock and a hand-moved monotonic clock, so every picture is stable. Each picture
is also checked to end with the whole key bar at 80x24 (nothing cut off).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from achilles_tui.ui.app import create_app
from tests.conftest import frozen_clock
from tests.ui.progress_support import seed
from tests.ui.session_support import FakeMonotonic
from tests.ui.snapshot_support import moved_on, press, svg_rows
from tests.ui.test_isotonic_support import GOOD_WEEK, isotonic_history

SNAPSHOT_DATA = Path("/tmp/achilles-tui-isotonic-snapshot-data")
SNAPSHOTS = Path(__file__).parent / "__snapshots__" / "test_isotonic_snapshots"


@pytest.fixture
def folder() -> Iterator[Path]:
    shutil.rmtree(SNAPSHOT_DATA, ignore_errors=True)
    yield SNAPSHOT_DATA
    shutil.rmtree(SNAPSHOT_DATA, ignore_errors=True)


@pytest.mark.parametrize("size", [(80, 24), (100, 30)], ids=["80x24", "100x30"])
def test_progress_at_the_switch_to_heel_raises(
    snap_compare: Callable[..., bool], folder: Path, size: tuple[int, int]
) -> None:
    """Two good weeks at L8: the review suggests heel raises, with the new dose."""
    seed(folder, level="L8", days=14)
    app = create_app(folder, clock=frozen_clock, monotonic=FakeMonotonic())
    assert snap_compare(app, terminal_size=size, run_before=press("p"))


def test_heel_raise_test_instructions(snap_compare: Callable[..., bool], folder: Path) -> None:
    isotonic_history(folder, level="T7", session_days=GOOD_WEEK)
    app = create_app(folder, clock=frozen_clock, monotonic=FakeMonotonic())
    assert snap_compare(app, terminal_size=(80, 24), run_before=press("g"))


def test_heel_raise_test_counting(snap_compare: Callable[..., bool], folder: Path) -> None:
    isotonic_history(folder, level="T7", session_days=GOOD_WEEK)
    clock = FakeMonotonic()
    app = create_app(folder, clock=frozen_clock, monotonic=clock)
    # Open the test from Today, start the other side's beeps, move the clock on:
    # 13.2 s in: six beeps heard, going up on the seventh.
    counting = moved_on(clock, 12.6, "g", "enter", tick="tick", settle=0.7)
    assert snap_compare(app, terminal_size=(80, 24), run_before=counting)


@pytest.mark.parametrize(
    "name",
    [
        "test_progress_at_the_switch_to_heel_raises[80x24]",
        "test_heel_raise_test_instructions",
        "test_heel_raise_test_counting",
    ],
)
def test_80x24_pictures_are_whole(name: str) -> None:
    """The key bar ends with help and quit, and no line runs past the 80 columns."""
    path = SNAPSHOTS / f"{name}.svg"
    if not path.exists():
        pytest.skip("run with --snapshot-update first")
    rows = svg_rows(path.read_text("utf-8"))
    bar = " ".join(rows[-2:])
    assert "? Help" in bar and "q Quit" in bar, bar
    assert "…" not in bar
    assert all(len(row) <= 80 for row in rows)
