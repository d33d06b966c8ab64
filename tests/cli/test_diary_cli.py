"""`log`, `export` and `import` from the command line."""

from __future__ import annotations

import json
import time
from pathlib import Path

from achilles_tui.storage.repository import ReadOnlyRepository
from tests.cli.run import run_cli


def test_log_then_csv_export_shows_the_row(data_dir: Path) -> None:
    logged = run_cli(
        "--data-dir",
        data_dir,
        "log",
        "--morning-pain",
        "3",
        "--stiffness-minutes",
        "10",
        "--settled",
        "yes",
    )
    assert logged.returncode == 0, logged.stderr
    exported = run_cli("--data-dir", data_dir, "export", "--format", "csv")
    rows = [line.split(",") for line in exported.stdout.splitlines()]
    header, diary = rows[0], [r for r in rows if r[0] == "diary"]
    assert len(diary) == 1
    row = dict(zip(header, diary[0], strict=True))
    assert (row["morning_pain"], row["stiffness_minutes"], row["settled"]) == ("3", "10", "yes")


def test_the_same_history_exports_the_same_bytes(data_dir: Path) -> None:
    run_cli("--data-dir", data_dir, "log", "--morning-pain", "2")
    first = run_cli("--data-dir", data_dir, "export", "--format", "json").stdout
    time.sleep(1.1)
    assert run_cli("--data-dir", data_dir, "export", "--format", "json").stdout == first


def test_out_of_range_score_writes_nothing(data_dir: Path) -> None:
    run_cli("--data-dir", data_dir, "log", "--morning-pain", "2")
    before = (data_dir / "history.json").read_bytes()
    refused = run_cli("--data-dir", data_dir, "log", "--morning-pain", "11")
    assert refused.returncode == 2
    assert "out of range" in refused.stderr
    assert (data_dir / "history.json").read_bytes() == before


def test_log_edits_the_same_date_and_keeps_other_fields(data_dir: Path) -> None:
    run_cli("--data-dir", data_dir, "log", "--date", "2026-01-05", "--morning-pain", "5")
    run_cli("--data-dir", data_dir, "log", "--date", "2026-01-05", "--settled", "no")
    entries = ReadOnlyRepository(data_dir).diary_entries()
    assert len(entries) == 1
    assert (entries[0].morning_pain, entries[0].settled) == (5, False)


def test_export_import_round_trip(tmp_path: Path) -> None:
    source, target = tmp_path / "a", tmp_path / "b"
    for day, pain in (("2026-01-01", 2), ("2026-01-02", 4)):
        run_cli("--data-dir", source, "log", "--date", day, "--morning-pain", str(pain))
    exported = run_cli("--data-dir", source, "export", "--format", "json")
    export_file = tmp_path / "export.json"
    export_file.write_text(exported.stdout)
    imported = run_cli("--data-dir", target, "import", export_file)
    assert imported.returncode == 0, imported.stderr
    again = run_cli("--data-dir", target, "export", "--format", "json")
    first, second = json.loads(exported.stdout), json.loads(again.stdout)
    assert first == second
    merged = run_cli("--data-dir", target, "import", export_file)
    assert "0 diary entries" in merged.stdout
    assert len(ReadOnlyRepository(target).diary_entries()) == 2


def test_import_of_a_non_export_is_refused(data_dir: Path, tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.json"
    bogus.write_text('{"hello": 1}')
    result = run_cli("--data-dir", data_dir, "import", bogus)
    assert result.returncode == 1
    assert "not an achilles-tui JSON export" in result.stderr
