"""Helpers for Pilot tests: a prepared history and an app on a frozen clock."""

from __future__ import annotations

from pathlib import Path

from achilles_tui.domain.models import Settings
from achilles_tui.storage.database import HistoryStore
from achilles_tui.storage.repository import Repository
from achilles_tui.ui.app import AchillesApp, create_app
from tests.conftest import frozen_clock


def prepared_history(data_dir: Path, *, accepted: bool = True, theme: str = "textual-dark") -> None:
    """A history whose user has already acknowledged the disclaimer."""
    with HistoryStore(data_dir) as store:
        Repository(store).save_settings(Settings(disclaimer_accepted=accepted, theme=theme))


def app_for(data_dir: Path) -> AchillesApp:
    """The real app on a data folder, with the frozen test clock."""
    return create_app(data_dir, clock=frozen_clock)
