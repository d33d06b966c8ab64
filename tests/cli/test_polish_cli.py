"""Issue 14 item 2: `log` with no field refuses, so no empty entry says "diary logged".

Also the in-process runner the other test_polish_cli_* files share: each command runs
through `main` on its own temp data folder.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from achilles_tui.cli import main
from achilles_tui.storage.locations import history_path

DAY = dt.date(2024, 3, 1)
NEWER_DAY = dt.date(2024, 3, 2)


def run(capsys: pytest.CaptureFixture[str], data_dir: Path, *args: str) -> tuple[int, str, str]:
    """`achilles-tui --data-dir DATA ARGS` in-process: (exit code, stdout, stderr)."""
    code = main(["--data-dir", str(data_dir), *args])
    out, err = capsys.readouterr()
    return code, out, err


def ok(capsys: pytest.CaptureFixture[str], data_dir: Path, *args: str) -> str:
    """A command that must succeed; its stdout."""
    code, out, err = run(capsys, data_dir, *args)
    assert code == 0, err
    return out


@pytest.mark.parametrize("args", [[], ["--date", DAY.isoformat()]], ids=["log", "log --date"])
def test_log_with_no_field_refuses_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], data_dir: Path, args: list[str]
) -> None:
    code, out, err = run(capsys, data_dir, "log", *args)
    assert code == 2
    assert "nothing to log" in err and "--morning-pain" in err
    assert "Diary saved" not in out
    assert not history_path(data_dir).exists()


def test_log_with_no_field_leaves_an_existing_history_as_it_was(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    ok(capsys, data_dir, "log", "--date", DAY.isoformat(), "--morning-pain", "3")
    before = history_path(data_dir).read_bytes()
    code, _out, _err = run(capsys, data_dir, "log")
    assert code == 2
    assert history_path(data_dir).read_bytes() == before
    status = json.loads(ok(capsys, data_dir, "status", "--json"))
    assert status["diary_logged_today"] is False
