"""Two writers at once: nothing is lost, and a refusal says why, never with a traceback."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from achilles_tui.cli import main
from achilles_tui.commands import common
from achilles_tui.storage.locations import history_path
from achilles_tui.storage.repository import ReadOnlyRepository
from tests.cli.run import run_cli
from tests.storage._support import HELPERS, lock_is_free
from tests.storage._support import file_state as _file_state

SAVES_PER_LOOP = 12
LOCKED_WORDS = "Another achilles-tui is using"


def log_loop(data_dir: Path, writer: str, first_day: dt.date) -> list[tuple[dt.date, int, str]]:
    """One shell-like loop of `log` commands; returns the saves that reported success."""
    saved = []
    for i in range(SAVES_PER_LOOP):
        day = first_day + dt.timedelta(days=i)
        pain, note = i % 11, f"writer {writer} save {i}"
        result = run_cli(
            "--data-dir", data_dir, "log", "--date", day.isoformat(),
            "--morning-pain", str(pain), "--note", note,
        )  # fmt: skip
        assert "Traceback" not in result.stderr, result.stderr
        if result.returncode == 0:
            assert f"Diary saved for {day.isoformat()}" in result.stdout
            saved.append((day, pain, note))
        else:
            assert result.returncode == 1, result.stderr
            assert LOCKED_WORDS in result.stderr, result.stderr
            assert str(history_path(data_dir)) in result.stderr
    return saved


def test_two_log_loops_at_once_lose_nothing(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    with ThreadPoolExecutor(max_workers=2) as pool:
        a = pool.submit(log_loop, data_dir, "A", dt.date(2024, 1, 1))
        b = pool.submit(log_loop, data_dir, "B", dt.date(2024, 6, 1))
        saved = a.result() + b.result()
    # the CLI waits for the other writer's lock, so with two loops every save goes through
    assert len(saved) == 2 * SAVES_PER_LOOP
    stored = {
        e.date: (e.morning_pain, e.notes) for e in ReadOnlyRepository(data_dir).diary_entries()
    }
    assert stored == {day: (pain, note) for day, pain, note in saved}
    assert lock_is_free(data_dir)


@pytest.fixture
def lock_holder(tmp_path: Path) -> Iterator[Path]:
    """Another writer (a subprocess) holding the lock on tmp_path / 'data'."""
    data_dir = tmp_path / "data"
    proc = subprocess.Popen(
        [sys.executable, str(HELPERS / "lock_holder.py"), str(data_dir)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None and proc.stdout.readline() == "locked\n"
    try:
        yield data_dir
    finally:
        proc.communicate(timeout=30)
        assert proc.returncode == 0


def _cli(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return code, out.getvalue(), err.getvalue()


def test_a_writer_that_cannot_get_the_lock_says_why_and_changes_nothing(
    lock_holder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir = lock_holder
    path = history_path(data_dir)

    def file_state(path: Path) -> object:  # a new history has no file until its first save
        return _file_state(path) if path.exists() else None

    before = file_state(path)
    monkeypatch.setattr(common, "WRITE_LOCK_TIMEOUT", 0.3)
    argv = ["--data-dir", str(data_dir)]
    for command in (
        ["log", "--date", "2024-03-01", "--morning-pain", "2"],
        ["log-session", "--pain-during", "1", "--effort", "challenging"],
        ["plan", "set", "--position", "neutral", "--legs", "2", "--reps", "5", "--hold", "30",
         "--rest", "60", "--force"],
        ["assess", "--condition", "midportion", "--save"],
    ):  # fmt: skip
        code, _out, err = _cli(argv + command)
        assert code == 1, (command, err)
        assert f"{LOCKED_WORDS} {path}" in err and "try again" in err, err
        assert "Traceback" not in err
        assert file_state(path) == before
    # readers never wait for the lock
    for command in (["status"], ["export"], ["sessions", "--json"]):
        code, _out, err = _cli(argv + command)
        assert code == 0, (command, err)
    assert file_state(path) == before
