"""Issue 14 item 12: `remind` without notify-send says how to get it, never uses `wall`."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from achilles_tui.cli import main
from tests.cli.test_polish_cli import run


def without_notify_send(monkeypatch: pytest.MonkeyPatch) -> None:
    """As on a machine where notify-send is not installed."""
    real_which = shutil.which

    def which(name: str, *args: object, **kwargs: object) -> str | None:
        return None if name == "notify-send" else real_which(name)

    monkeypatch.setattr(shutil, "which", which)


def test_remind_without_notify_send_says_how_to_install_it(
    capsys: pytest.CaptureFixture[str], data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    without_notify_send(monkeypatch)
    monkeypatch.setattr(sys, "platform", "linux")
    code, out, err = run(capsys, data_dir, "remind", "--time", "07:30")
    assert code == 0
    assert "wall" not in out + err
    assert "30 7 * * *" in out and "notify-send" in out
    for install in (
        "sudo apt install libnotify-bin",
        "sudo dnf install libnotify",
        "sudo pacman -S libnotify",
    ):
        assert install in err
    assert not data_dir.exists()


def test_remind_on_macos_without_notify_send_points_to_the_status_line(
    capsys: pytest.CaptureFixture[str], data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    without_notify_send(monkeypatch)
    monkeypatch.setattr(sys, "platform", "darwin")
    code, out, err = run(capsys, data_dir, "remind")
    assert code == 0
    assert out == "" and "wall" not in err
    assert "macOS has no notify-send" in err and "achilles-tui status" in err


def test_remind_help_documents_the_missing_notify_send_case(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["remind", "--help"])
    assert exited.value.code == 0
    assert "notify-send is missing" in " ".join(capsys.readouterr().out.split())
