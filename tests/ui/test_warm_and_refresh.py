"""History is built in idle time; sections re-read only after a save or a new day."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from achilles_tui.ui import app as app_module
from tests.ui.helpers import app_for, open_section, prepared_history


async def test_history_is_built_in_idle_time_without_switching(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(app_module, "WARM_HISTORY_AFTER", 0.05)
    prepared_history(data_dir)
    app = app_for(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await asyncio.sleep(0.3)
        await pilot.pause()
        assert app.current_mode == "today"
        assert "history" in app._screen_stacks
        await pilot.press("h")
        await pilot.pause()
        assert app.current_mode == "history"


async def test_sections_reread_only_after_a_save(data_dir: Path) -> None:
    async with open_section(data_dir, "h") as (app, pilot):
        history = app.screen
        reads: list[int] = []
        original = history.refresh_data  # type: ignore[attr-defined]

        def counting() -> None:
            reads.append(1)
            original()

        history.refresh_data = counting  # type: ignore[attr-defined]
        await pilot.press("t", "h")
        await pilot.pause()
        assert reads == [], "nothing was saved, so History was not re-read"
        await pilot.press("t", "s", "m", "h")  # m toggles sound: a save
        await pilot.pause()
        assert reads == [1]
