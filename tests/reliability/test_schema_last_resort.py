"""Issue 26: no traceback reaches the person.

The CLI and the app each have one last-resort handler: one line, exit 1, the traceback in
crash.log in the data folder (the line names it). A command that saved before failing says
so and exits 0. The app's exit code reflects a crash. The command palette survives Enter
pressed twice quickly (ScreenStackError upstream in Textual 8.2.8).
"""

from __future__ import annotations

import argparse
import stat
from pathlib import Path
from typing import Any

import pytest
from textual import events

from achilles_tui import cli
from achilles_tui.commands import diary as diary_command
from achilles_tui.storage.locations import history_path
from achilles_tui.ui.app import create_app
from achilles_tui.ui.palette import SafeCommandPalette
from tests.badinput._cli import invoke


def test_an_unexpected_error_is_one_line_exit_1_and_a_private_log(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(args: argparse.Namespace) -> int:
        raise RuntimeError("something nobody foresaw")

    monkeypatch.setattr(diary_command, "run_log", broken)
    folder = tmp_path / "data"
    folder.mkdir()
    code, out, err = invoke("--data-dir", str(folder), "log", "--morning-pain", "2")
    assert code == 1
    assert "Traceback" not in out + err
    assert len(err.strip().splitlines()) == 1
    log = folder / cli.CRASH_LOG
    assert str(log) in err and "something nobody foresaw" in err
    text = log.read_text()
    assert "Traceback" in text and "RuntimeError: something nobody foresaw" in text
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    assert not history_path(folder).exists()


def test_an_error_after_a_save_says_the_save_is_kept_and_exits_0(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = diary_command.update_day

    def save_then_fail(*args: Any, **kwargs: Any) -> Any:
        real(*args, **kwargs)
        raise KeyError("after the save")

    monkeypatch.setattr(diary_command, "update_day", save_then_fail)
    folder = tmp_path / "data"
    code, out, err = invoke("--data-dir", str(folder), "log", "--morning-pain", "4")
    assert code == 0
    assert f"Saved to {history_path(folder)}" in out
    assert "the save is kept, but then" in err and "Traceback" not in out + err
    assert '"morning_pain":4' in history_path(folder).read_text()


def test_when_no_data_folder_can_hold_the_log_the_temp_folder_does(tmp_path: Path) -> None:
    a_file = tmp_path / "a-file"
    a_file.write_text("not a folder")
    log = cli.crash_log(RuntimeError("x"), a_file)
    assert log is not None and log.parent != a_file and "RuntimeError: x" in log.read_text()


async def test_a_crash_in_the_app_ends_it_with_exit_code_1(tmp_path: Path) -> None:
    app = create_app(tmp_path / "data")
    with pytest.raises(ZeroDivisionError):  # Pilot re-raises what the app met
        async with app.run_test() as pilot:
            await pilot.pause()
            app.call_later(lambda: 1 / 0)
            await pilot.pause()
    assert app.return_code == 1
    assert isinstance(app.crash, ZeroDivisionError)


def test_run_tui_turns_a_crash_into_one_line_and_exit_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    class Crashed:
        data_dir = tmp_path / "data"
        startup_error = None
        return_code = 1

        def __init__(self) -> None:
            try:
                raise ValueError("inside a screen")
            except ValueError as exc:
                self.crash: BaseException = exc

        def run(self) -> None:
            return None

    Crashed.data_dir.mkdir()
    monkeypatch.setattr("achilles_tui.ui.app.create_app", lambda *a, **k: Crashed())
    assert cli.run_tui(Crashed.data_dir) == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert "inside a screen" in (Crashed.data_dir / cli.CRASH_LOG).read_text()


async def test_enter_pressed_twice_in_the_command_palette_runs_once_and_keeps_the_screen(
    tmp_path: Path,
) -> None:
    app = create_app(tmp_path / "data")
    async with app.run_test() as pilot:
        await pilot.pause()
        below = list(app.screen_stack)
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, SafeCommandPalette)
        await pilot.press("down")
        for _ in range(2):  # both arrive before the first is handled
            app.post_message(events.Key("enter", "\r"))
        await pilot.pause(0.3)
        assert app.crash is None
        assert not isinstance(app.screen, SafeCommandPalette)
        assert len(app.screen_stack) >= len(below)
    assert app.return_code in (0, None)
