"""`--demo` says DEMO in the title bar and on Today (issue 14, item 8)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static
from textual.widgets._header import HeaderTitle

from achilles_tui.storage.demo import make_demo_history
from achilles_tui.ui.app import create_app
from tests.conftest import FROZEN_NOW, frozen_clock
from tests.ui.helpers import prepared_history


def _title(app: object) -> str:
    header = app.screen.query_one(HeaderTitle)  # type: ignore[attr-defined]
    return str(header.render())


async def test_demo_is_labelled_in_the_title_and_on_today(tmp_path: Path) -> None:
    make_demo_history(tmp_path, FROZEN_NOW.date())
    prepared_history(tmp_path)
    app = create_app(tmp_path, clock=frozen_clock, demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "DEMO" in _title(app)
        assert "DEMO" in str(app.screen.query_one("#today-demo", Static).render())
        await pilot.press("h")
        await pilot.pause()
        assert "DEMO" in _title(app)


async def test_own_history_is_not_labelled_demo(tmp_path: Path) -> None:
    prepared_history(tmp_path)
    app = create_app(tmp_path, clock=frozen_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "DEMO" not in _title(app)
        assert not app.screen.query("#today-demo")
