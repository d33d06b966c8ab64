"""Fixtures shared by the storage tests: an open store and its repository."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from achilles_tui.storage.database import HistoryStore
from achilles_tui.storage.repository import Repository


@pytest.fixture
def store(data_dir: Path) -> Iterator[HistoryStore]:
    """The history opened (and locked) for the test, closed afterwards."""
    opened = HistoryStore(data_dir, lock_timeout=1.0).open()
    yield opened
    opened.close()


@pytest.fixture
def repo(store: HistoryStore) -> Repository:
    """A repository over the open store."""
    return Repository(store)
