"""Issue 14 item 11: every command that meets a damaged file names it and the newest backup."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from achilles_tui.storage.locations import BACKUP_DIR, history_path
from tests.cli.test_polish_cli import DAY, NEWER_DAY, ok, run

SESSION = ["--pain-during", "2", "--effort", "challenging"]
PLAN = ["--position", "neutral", "--legs", "2", "--reps", "5", "--hold", "30", "--rest", "60"]
COMMANDS: dict[str, list[str]] = {
    "status": ["status"],
    "status --json": ["status", "--json"],
    "log": ["log", "--date", DAY.isoformat(), "--morning-pain", "2"],
    "log-session": ["log-session", "--date", DAY.isoformat(), *SESSION],
    "sessions": ["sessions"],
    "sessions --json": ["sessions", "--json"],
    "export csv": ["export", "--format", "csv"],
    "export json": ["export", "--format", "json"],
    "plan": ["plan"],
    "plan --json": ["plan", "--json"],
    "plan set": ["plan", "set", *PLAN],
    "assess --save": ["assess", "--condition", "midportion", "--save"],
    "review": ["review"],
    "import": ["import", "EXPORT"],
    "plan set heel-raise": ["plan", "set", "--exercise", "heel-raise", "--surface", "floor",
                            "--legs", "2", "--sets", "3", "--reps", "10", "--rest", "60"],
    "log-session --sets-done": ["log-session", "--date", DAY.isoformat(), *SESSION,
                                "--sets-done", "2"],
    "log-test": ["log-test", "--date", DAY.isoformat(), "--heel-raise-reps-affected", "12"],
    "heel-raise-tests": ["heel-raise-tests"],
}  # fmt: skip


def damaged_history(capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path) -> Path:
    """A history cut short, with two daily backups; returns a valid export to import."""
    ok(capsys, data_dir, "plan", "set", *PLAN, "--since", DAY.isoformat())
    export = tmp_path / "export.json"
    ok(capsys, data_dir, "export", "--output", str(export))
    path = history_path(data_dir)
    backups = data_dir / BACKUP_DIR
    backups.mkdir(exist_ok=True)
    for day in (DAY, NEWER_DAY):
        shutil.copy(path, backups / f"history-{day.isoformat()}.json")
    path.write_bytes(path.read_bytes()[:40])
    return export


@pytest.mark.parametrize("command", list(COMMANDS))
def test_a_damaged_file_names_the_file_and_the_newest_backup(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path, command: str
) -> None:
    export = damaged_history(capsys, data_dir, tmp_path)
    path = history_path(data_dir)
    before = path.read_bytes()
    args = [str(export) if arg == "EXPORT" else arg for arg in COMMANDS[command]]
    code, _out, err = run(capsys, data_dir, *args)
    assert code == 1, err
    assert str(path) in err
    assert f"The newest backup is {data_dir / BACKUP_DIR / 'history-2024-03-02.json'}" in err
    assert "history-2024-03-01.json" not in err
    assert path.read_bytes() == before
    assert sorted(p.name for p in (data_dir / BACKUP_DIR).iterdir()) == [
        "history-2024-03-01.json",
        "history-2024-03-02.json",
    ]


def test_a_damaged_file_without_backups_says_there_is_none(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    data_dir.mkdir()
    history_path(data_dir).write_bytes(b'{"diary": {"1": {"da')
    code, _out, err = run(capsys, data_dir, "status")
    assert code == 1
    assert str(history_path(data_dir)) in err and "There is no backup yet." in err
