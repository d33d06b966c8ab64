"""The CLI contract of the foundation issue: help, version, where, exit codes, perms."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from achilles_tui import __version__
from achilles_tui.cli import main
from tests.cli.run import run_cli


def test_help_and_version_exit_zero() -> None:
    helped = run_cli("--help")
    assert helped.returncode == 0
    assert "--data-dir" in helped.stdout
    assert "where" in helped.stdout
    version = run_cli("--version")
    assert version.returncode == 0
    assert __version__ in version.stdout


def test_where_prints_a_path_inside_data_dir(data_dir: Path) -> None:
    result = run_cli("--data-dir", data_dir, "where")
    assert result.returncode == 0
    assert result.stdout.strip() == str(data_dir / "history.json")
    assert not data_dir.exists(), "where must not create anything"


def test_environment_variable_chooses_the_data_dir(tmp_path: Path) -> None:
    chosen = tmp_path / "from-env"
    result = run_cli("where", env_dir=chosen)
    assert result.stdout.strip() == str(chosen / "history.json")


def test_unknown_option_is_a_usage_error() -> None:
    result = run_cli("--no-such-option")
    assert result.returncode == 2
    assert "usage:" in result.stderr


def test_new_history_is_private(data_dir: Path) -> None:
    result = run_cli("--data-dir", data_dir, "log", "--morning-pain", "1")
    assert result.returncode == 0, result.stderr
    history = data_dir / "history.json"
    assert stat.S_IMODE(history.stat().st_mode) == 0o600
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700


@pytest.mark.parametrize(
    ("content", "label"),
    [(b"", "0-byte"), (b'{"diary": {"1": {"da', "truncated"), (b"\x00\xffgarbage", "garbage")],
)
def test_damaged_file_stops_commands_and_stays_untouched(
    data_dir: Path, content: bytes, label: str
) -> None:
    data_dir.mkdir()
    history = data_dir / "history.json"
    history.write_bytes(content)
    for command in (("log", "--morning-pain", "1"), ("export",)):
        result = run_cli("--data-dir", data_dir, *command)
        assert result.returncode == 1, label
        assert "history.json" in result.stderr
        assert "Traceback" not in result.stderr
    assert history.read_bytes() == content


def test_main_returns_exit_codes_in_process(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data-dir", str(data_dir), "log", "--morning-pain", "4"]) == 0
    assert main(["--data-dir", str(data_dir), "log", "--date", "2999-01-01"]) == 2
    assert "future" in capsys.readouterr().err
