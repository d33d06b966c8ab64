"""The physio report from the app: key w (or the palette) in Progress and History writes the
HTML privately, shows the path and offers to open it; under `serve` it is a download."""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from achilles_tui.ui.app import AchillesApp
from achilles_tui.ui.screens import physio_report
from achilles_tui.ui.screens.confirm import ConfirmModal
from tests.conftest import FROZEN_NOW
from tests.ui.helpers import app_for
from tests.ui.progress_support import seed

NAME = f"achilles-report-{FROZEN_NOW.date().isoformat()}.html"


@pytest.fixture
def out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Reports go here, never to the real Downloads folder."""
    folder = tmp_path / "downloads"
    folder.mkdir()
    monkeypatch.setattr(physio_report, "report_folder", lambda _data_dir: folder)
    return folder


async def wait_for(pilot: Pilot[None], done: Any) -> None:
    """Pause until the report worker has finished (it runs in a thread)."""
    for _ in range(200):
        await pilot.pause(0.02)
        if done():
            return
    raise AssertionError("the report was not written")


@pytest.mark.parametrize("section", ["p", "h"])
async def test_key_w_writes_the_page_privately_and_offers_to_open_it(
    data_dir: Path, out: Path, monkeypatch: pytest.MonkeyPatch, section: str
) -> None:
    seed(data_dir)
    opened: list[str] = []
    monkeypatch.setattr("webbrowser.open", lambda url: opened.append(url) or True)
    app = app_for(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(section)
        await pilot.pause()
        await pilot.press("w")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmModal))
        assert str(out / NAME) in app.screen.question
        await pilot.press("y")
        await pilot.pause()
    path = out / NAME
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    page = path.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<svg" in page
    assert opened == [path.as_uri()]


async def test_the_palette_offers_the_report_for_your_physio(data_dir: Path, out: Path) -> None:
    seed(data_dir)
    app = app_for(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("h")
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"physio")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmModal))
        await pilot.press("n")
        await pilot.pause()
    assert (out / NAME).exists()


async def test_under_serve_the_page_arrives_as_a_download(
    data_dir: Path, out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed(data_dir)
    delivered: list[tuple[str, dict[str, Any]]] = []

    def deliver(self: AchillesApp, file: Any, **options: Any) -> str:
        delivered.append((file.read(), options))
        return "key"

    monkeypatch.setattr(AchillesApp, "is_web", property(lambda self: True))
    monkeypatch.setattr(AchillesApp, "deliver_text", deliver)
    app = app_for(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("w")
        await wait_for(pilot, lambda: bool(delivered))
    ((page, options),) = delivered
    assert "<svg" in page
    assert options == {"save_filename": NAME, "mime_type": "text/html"}
    assert list(out.iterdir()) == []  # nothing left on the server
