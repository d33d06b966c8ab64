"""SVG snapshots of every section at 80x24 and 100x30, dark and light, frozen clock.

The 100x30 dark pictures are also the README's screenshots (docs/screenshots),
so a test keeps those copies identical to the checked snapshots.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from achilles_tui.domain.models import Settings
from achilles_tui.storage.database import HistoryStore
from achilles_tui.storage.demo import make_demo_history
from achilles_tui.storage.repository import Repository
from achilles_tui.ui.app import create_app
from achilles_tui.ui.cues import FLASH_SECONDS
from achilles_tui.ui.sections import SECTIONS
from tests.conftest import FROZEN_NOW, frozen_clock
from tests.ui.helpers import app_for, prepared_history
from tests.ui.session_support import FakeMonotonic
from tests.ui.snapshot_support import moved_on, press, svg_rows

# Paths are printed on Today, so snapshots use fixed folders.
SNAPSHOT_DATA = Path("/tmp/achilles-tui-snapshot-data")
ROOT = Path(__file__).resolve().parents[2]
SNAPSHOTS = Path(__file__).parent / "__snapshots__" / "test_snapshots"
README_PICTURES = ROOT / "docs" / "screenshots"
README_VARIANT = "100x30-textual-dark"


def _fresh(folder: Path) -> Path:
    shutil.rmtree(folder, ignore_errors=True)
    return folder


@pytest.fixture
def empty_history() -> Iterator[Path]:
    """A history with only the acknowledged first-run note."""
    folder = _fresh(SNAPSHOT_DATA)
    prepared_history(folder)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def _demo_history(theme: str) -> Path:
    folder = _fresh(SNAPSHOT_DATA)
    make_demo_history(folder, FROZEN_NOW.date())
    with HistoryStore(folder) as store:
        Repository(store).save_settings(Settings(disclaimer_accepted=True, theme=theme))
    return folder


KEYS = {section.mode: (section.key,) for section in SECTIONS}
KEYS["session"] = ("s", "enter")  # the running timer: the clock never moves, so it is stable


@pytest.mark.parametrize("size", [(100, 30), (80, 24)], ids=["100x30", "80x24"])
def test_today_empty_history(
    snap_compare: Callable[..., bool], empty_history: Path, size: tuple[int, int]
) -> None:
    assert snap_compare(app_for(empty_history), terminal_size=size)


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
@pytest.mark.parametrize("size", [(100, 30), (80, 24)], ids=["100x30", "80x24"])
@pytest.mark.parametrize("mode", [section.mode for section in SECTIONS])
def test_section(
    snap_compare: Callable[..., bool], mode: str, size: tuple[int, int], theme: str
) -> None:
    folder = _demo_history(theme)
    try:
        app = create_app(folder, clock=frozen_clock, monotonic=FakeMonotonic())
        assert snap_compare(app, terminal_size=size, run_before=press(*KEYS[mode]))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.parametrize("mode", [section.mode for section in SECTIONS])
def test_readme_pictures_are_the_checked_snapshots(mode: str) -> None:
    snapshot = SNAPSHOTS / f"test_section[{mode}-{README_VARIANT}].svg"
    picture = README_PICTURES / f"{mode}.svg"
    assert snapshot.exists(), "run `make snapshots`"
    assert picture.read_bytes() == snapshot.read_bytes(), "run `make snapshots`"


@pytest.mark.parametrize("mode", [section.mode for section in SECTIONS])
def test_80x24_snapshots_show_the_whole_key_bar(mode: str) -> None:
    """Issue 14: at 80x24 every section's picture ends with help and quit, no key cut."""
    svg = (SNAPSHOTS / f"test_section[{mode}-80x24-textual-dark].svg").read_text("utf-8")
    bar = " ".join(svg_rows(svg)[-2:])  # the key bar
    assert "? Help" in bar and ("q Quit" in bar or "q End early" in bar), bar
    assert "…" not in bar


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
@pytest.mark.parametrize(
    "size", [(80, 24), (100, 30), (200, 60)], ids=["80x24", "100x30", "200x60"]
)
def test_far_view(snap_compare: Callable[..., bool], size: tuple[int, int], theme: str) -> None:
    """Issue 12: the countdown fills the screen, framed in the phase's colour."""
    folder = _demo_history(theme)
    try:
        clock = FakeMonotonic()
        app = create_app(folder, clock=frozen_clock, monotonic=clock)
        # 5 s get ready, then 12 s into the demo plan's hold.
        # The 3-2-1 cue flashes at 17 s; the picture waits for the flash to fade, so a busy
        # machine cannot catch it half way.
        into_the_hold = moved_on(clock, 17.2, "s", "enter", settle=FLASH_SECONDS + 0.3)
        assert snap_compare(app, terminal_size=size, run_before=into_the_hold)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
