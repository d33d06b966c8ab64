"""SVG snapshots guard the layout at fixed sizes, with a frozen clock and data path."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.ui.helpers import app_for, prepared_history

# The data path is printed on Today, so snapshots use one fixed folder.
SNAPSHOT_DATA = Path("/tmp/achilles-tui-snapshot-data")


@pytest.fixture
def snapshot_dir() -> Iterator[Path]:
    """A fixed, emptied data folder so the path on screen never changes."""
    shutil.rmtree(SNAPSHOT_DATA, ignore_errors=True)
    prepared_history(SNAPSHOT_DATA)
    yield SNAPSHOT_DATA
    shutil.rmtree(SNAPSHOT_DATA, ignore_errors=True)


@pytest.mark.parametrize("size", [(100, 30), (80, 24)])
def test_today_empty_history(
    snap_compare: object, snapshot_dir: Path, size: tuple[int, int]
) -> None:
    assert snap_compare(app_for(snapshot_dir), terminal_size=size)  # type: ignore[operator]
