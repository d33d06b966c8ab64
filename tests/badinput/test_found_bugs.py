"""Regressions for bugs the bad-input and fault suites found."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from achilles_tui.cli import main
from achilles_tui.storage.migrations import SCHEMA_VERSION


@pytest.mark.parametrize(
    "argv",
    [
        ["log", "--day=--"],
        ["log", "--settled=--"],
        ["log", "--date=--"],
        ["log-session", "--effort=--", "--pain-during", "1"],
        ["plan", "set", "--position=--", "--legs", "2", "--reps", "3", "--hold", "10",
         "--rest", "10"],
        ["assess", "--condition=--"],
        ["remind", "--time=--"],
        ["report", "--weeks=--"],
    ],
)  # fmt: skip
def test_double_dash_as_a_value_is_a_usage_error(
    data_dir: Path, argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["--data-dir", str(data_dir), *argv])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert "expected a value" in err and "must be given" in err  # the refusal says what to do
    assert not data_dir.exists()


def test_a_bad_record_elsewhere_stops_a_cli_save_and_the_file_is_untouched(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir.mkdir(mode=0o700)
    history = data_dir / "history.json"
    document = {
        "_meta": {"1": {"schema_version": SCHEMA_VERSION}},
        "diary": {"1": {"date": "2024-03-01", "morning_pain": 11}},
    }
    history.write_bytes(orjson.dumps(document))
    before = history.read_bytes()
    assert main(["--data-dir", str(data_dir), "log", "--date", "2024-03-05",
                 "--morning-pain", "2"]) == 1  # fmt: skip
    assert "history.json" in capsys.readouterr().err
    assert history.read_bytes() == before
