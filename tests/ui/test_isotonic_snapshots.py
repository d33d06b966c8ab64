"""SVG snapshots of the isotonic stage: Progress at the switch to heel raises, the heel-raise test.

A frozen wall clock and a hand-moved monotonic clock, so every picture is stable. Each picture
is also checked to end with the whole key bar at 80x24 (nothing cut off).
"""

from __future__ import annotations

import html
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot

from achilles_tui.ui.app import create_app
from tests.conftest import frozen_clock
from tests.ui.progress_support import seed
from tests.ui.session_support import FakeMonotonic
from tests.ui.test_isotonic_support import isotonic_history

SNAPSHOT_DATA = Path("/tmp/achilles-tui-isotonic-snapshot-data")
SNAPSHOTS = Path(__file__).parent / "__snapshots__" / "test_isotonic_snapshots"


@pytest.fixture
def folder() -> Iterator[Path]:
    shutil.rmtree(SNAPSHOT_DATA, ignore_errors=True)
    yield SNAPSHOT_DATA
    shutil.rmtree(SNAPSHOT_DATA, ignore_errors=True)


def _press(*keys: str) -> Callable[[Pilot[None]], object]:
    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", [(80, 24), (100, 30)], ids=["80x24", "100x30"])
def test_progress_at_the_switch_to_heel_raises(
    snap_compare: Callable[..., bool], folder: Path, size: tuple[int, int]
) -> None:
    """Two good weeks at L8: the review suggests heel raises, with the new dose."""
    seed(folder, level="L8", days=14)
    app = create_app(folder, clock=frozen_clock, monotonic=FakeMonotonic())
    assert snap_compare(app, terminal_size=size, run_before=_press("p"))


def _counting(clock: FakeMonotonic, seconds: float) -> Callable[[Pilot[None]], object]:
    """Open the test from Today, start the other side's beeps, move the clock on."""

    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.pause()
        await pilot.press("g")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        clock.advance(seconds)
        pilot.app.screen.tick()  # type: ignore[attr-defined]
        await pilot.pause()

    return run_before


def test_heel_raise_test_instructions(snap_compare: Callable[..., bool], folder: Path) -> None:
    isotonic_history(folder, level="T7")
    app = create_app(folder, clock=frozen_clock, monotonic=FakeMonotonic())
    assert snap_compare(app, terminal_size=(80, 24), run_before=_press("g"))


def test_heel_raise_test_counting(snap_compare: Callable[..., bool], folder: Path) -> None:
    isotonic_history(folder, level="T7")
    clock = FakeMonotonic()
    app = create_app(folder, clock=frozen_clock, monotonic=clock)
    # 13.2 s in: six beeps heard, going up on the seventh.
    assert snap_compare(app, terminal_size=(80, 24), run_before=_counting(clock, 12.6))


def _rows(svg: str) -> list[str]:
    rows: dict[float, list[str]] = {}
    for match in re.finditer(r'<text[^>]*?y="([\d.]+)"[^>]*?>(.*?)</text>', svg):
        text = html.unescape(re.sub("<[^>]+>", "", match.group(2))).replace("\xa0", " ")
        rows.setdefault(float(match.group(1)), []).append(text)
    return ["".join(rows[y]).rstrip() for y in sorted(rows)]


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
    rows = _rows(path.read_text("utf-8"))
    bar = " ".join(rows[-2:])
    assert "? Help" in bar and "q Quit" in bar, bar
    assert "…" not in bar
    assert all(len(row) <= 80 for row in rows)
