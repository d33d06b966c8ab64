"""Shared fixtures: every test gets its own data folder, never the real home."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

# Hypothesis: the same properties everywhere. CI (CI=true) runs them derandomized, so a
# failure there replays the same way on any machine, and with no per-example deadline, since
# CI machines are noisy; HYPOTHESIS_PROFILE picks another profile by hand.
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
settings.register_profile("dev", deadline=None)
_PROFILE = os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev")
settings.load_profile(_PROFILE)

FROZEN_NOW = dt.datetime(2026, 3, 16, 9, 30, 0)


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Point the default data folder at a temp dir so no test can touch real data."""
    monkeypatch.setenv("ACHILLES_TUI_DATA_DIR", str(tmp_path / "default-data"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    # Sessions in tests play to miniaudio's silent device, never the speakers.
    monkeypatch.setenv("ACHILLES_TUI_AUDIO", "null")
    yield


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A fresh, not yet existing data folder."""
    return tmp_path / "data"


def frozen_clock() -> dt.datetime:
    """The same wall-clock time in every UI test and snapshot."""
    return FROZEN_NOW


# The SVG snapshots share one fixed folder (the history path is in the picture) and catch
# styles mid-change on a busy machine, so `make test` runs them alone, after the rest has run
# on two workers.
SERIAL_FILES = ("test_snapshots.py", "test_tempo_snapshots.py", "test_isotonic_snapshots.py")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.name in SERIAL_FILES:
            item.add_marker(pytest.mark.serial)
