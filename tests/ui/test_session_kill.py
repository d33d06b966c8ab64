"""SIGKILL mid-session: the finished rep survives and the app offers to resume."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from textual.widgets import Static

from achilles_tui.ui.app import create_app
from tests.ui.session_support import history_with_plan

RUNNER = """
import asyncio, sys
from achilles_tui.ui.app import create_app
async def main():
    app = create_app(sys.argv[1])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("s", "enter")
        await asyncio.sleep(120)
asyncio.run(main())
"""


def _reps_saved(history: Path) -> int:
    try:
        data = json.loads(history.read_text())
    except (OSError, ValueError):
        return 0
    sessions = list((data.get("sessions") or {}).values())
    return len(sessions[0]["reps"]) if sessions else 0


async def test_sigkill_after_the_first_rep_keeps_it_and_offers_resume(data_dir: Path) -> None:
    history_with_plan(data_dir, reps=3, hold=5, rest=5, get_ready=3)
    history = data_dir / "history.json"
    proc = subprocess.Popen([sys.executable, "-c", RUNNER, str(data_dir)])
    try:
        deadline = time.monotonic() + 60
        while _reps_saved(history) < 1 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _reps_saved(history) == 1, "the first rep was never saved"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait()
    json.loads(history.read_text())  # still a valid file
    assert _reps_saved(history) == 1
    app = create_app(data_dir)  # the real clock: the killed run used today's date
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        text = str(app.screen.query_one("#ready-text", Static).render())
        assert "resume from hold 2" in text
