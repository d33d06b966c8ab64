"""A real single-file history of the previous release opens with nothing lost (issue 13).

tests/fixtures/ten-year-history-v2.json.gz is the history.json the previous release (63ddcc5,
schema 2, no archive folder) wrote when its CLI imported the 10-year history the
ten-year-history check generates (3,650 diary days and sessions, 130 plans, 2016-12-02 to
2026-11-29); tests/fixtures/ten-year-export-v2.json.gz is that release's own JSON export of
it. Both are made by scripts/make_ten_year_fixture.py. The export also shows that an old
export (schema 2, made before closed years had their own files) imports whole.

The expected records are the old release's export, not an export by this code of the
unmigrated file: that keeps the old code's reading as the reference, so a reading mistake
the new code made on both sides could not hide.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from achilles_tui.cli import main as cli_main
from achilles_tui.storage.archive import archive_folder, archive_path, is_closed, manifest_of
from achilles_tui.storage.database import HistoryStore
from achilles_tui.storage.locations import BACKUP_DIR, history_path
from achilles_tui.storage.migrations import SCHEMA_VERSION, schema_version
from achilles_tui.storage.repository import ReadOnlyRepository, Repository
from achilles_tui.storage.transfer import load_export

from ._support import file_state

FIXTURES = Path(__file__).parent.parent / "fixtures"
TODAY = dt.date(2026, 12, 1)  # the day after the file was made: 2016-2025 are closed
CLOSED = list(range(2016, 2026))


@pytest.fixture(scope="module")
def old_export() -> dict[str, Any]:
    export: dict[str, Any] = json.loads(
        gzip.decompress((FIXTURES / "ten-year-export-v2.json.gz").read_bytes())
    )
    assert export["schema_version"] == 2
    assert (len(export["diary"]), len(export["sessions"]), len(export["plans"])) == (
        3650,
        3650,
        130,
    )
    # Exports now also carry the heel-raise tests (§E6); that release had none.
    assert "heel_raise_tests" not in export
    return {**export, "heel_raise_tests": []}


@pytest.fixture
def old_file(tmp_path: Path) -> tuple[Path, bytes]:
    """A data folder holding the previous release's history.json, and its bytes."""
    data_dir = tmp_path / "data"
    data_dir.mkdir(mode=0o700)
    original = gzip.decompress((FIXTURES / "ten-year-history-v2.json.gz").read_bytes())
    history_path(data_dir).write_bytes(original)
    data = json.loads(original)
    assert schema_version(data) == 2 and "archive" not in data
    return data_dir, original


def once_each(export: dict[str, Any]) -> tuple[Counter[str], Counter[str]]:
    return Counter(e["date"] for e in export["diary"]), Counter(s["id"] for s in export["sessions"])


def files_of(data_dir: Path) -> dict[str, Any]:
    files = [history_path(data_dir), *sorted(archive_folder(data_dir).glob("*"))]
    return {path.name: file_state(path) for path in files}


def cli(capsys: pytest.CaptureFixture[str], data_dir: Path, *args: str) -> str:
    capsys.readouterr()
    assert cli_main(["--data-dir", str(data_dir), *args]) == 0
    return capsys.readouterr().out


def test_a_ten_year_file_of_the_previous_release_opens_with_nothing_lost(
    old_file: tuple[Path, bytes], old_export: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir, original = old_file
    assert all(is_closed(year, TODAY) for year in CLOSED) and not is_closed(2026, TODAY)
    # readers of the old file (before any writer) see what the old release exported
    assert json.loads(cli(capsys, data_dir, "export", "--format", "json")) == old_export
    assert history_path(data_dir).read_bytes() == original
    assert not archive_folder(data_dir).exists()

    with HistoryStore(data_dir, lock_timeout=5.0).open(today=TODAY) as store:
        export = Repository(store).export_data()
    assert export == old_export
    diary, sessions = once_each(export)
    assert set(diary.values()) == set(sessions.values()) == {1}

    data = json.loads(history_path(data_dir).read_bytes())
    assert schema_version(data) == SCHEMA_VERSION
    assert sorted(manifest_of(data)) == CLOSED
    assert sorted(p.name for p in archive_folder(data_dir).iterdir()) == [
        f"{year}.json" for year in CLOSED
    ]
    assert {doc["date"][:4] for t in ("diary", "sessions") for doc in data[t].values()} == {"2026"}
    in_files: Counter[str] = Counter()
    for year in CLOSED:
        archived = json.loads(archive_path(data_dir, year).read_bytes())
        assert archived["_meta"]["1"] == {"schema_version": SCHEMA_VERSION, "year": year}
        entry = manifest_of(data)[year]
        assert (entry["diary"], entry["sessions"]) == (
            len(archived["diary"]),
            len(archived["sessions"]),
        )
        for table in ("diary", "sessions"):
            for doc in archived[table].values():
                assert doc["date"][:4] == str(year)
                in_files[table] += 1
    for table in ("diary", "sessions"):
        in_files[table] += len(data[table])
    assert in_files == Counter(diary=3650, sessions=3650)  # each record in one file, once

    # the file as it was is kept: the migration's own copy and the day's backup
    backups = data_dir / BACKUP_DIR
    kept = sorted(backups.glob("before-migration-*.json"))
    assert len(kept) == 1 and kept[0].read_bytes() == original
    assert (backups / f"history-{TODAY}.json").read_bytes() == original

    # readers and the CLI after the move
    assert ReadOnlyRepository(data_dir).export_data() == old_export
    assert json.loads(cli(capsys, data_dir, "export", "--format", "json")) == old_export
    assert cli(capsys, data_dir, "status").strip()

    # a second opening changes nothing, the same day or later in the year
    before = files_of(data_dir)
    for today in (TODAY, dt.date(2026, 12, 31)):
        with HistoryStore(data_dir, lock_timeout=5.0).open(today=today) as store:
            assert Repository(store).export_data() == old_export
        assert files_of(data_dir) == before
    assert sorted(backups.glob("before-migration-*.json")) == kept


def test_the_previous_release_s_export_imports_and_is_exported_the_same(
    old_export: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The old app's export (schema 2, made without archives) restores into this one whole."""
    export_file = tmp_path / "old-export.json"
    export_file.write_bytes(gzip.decompress((FIXTURES / "ten-year-export-v2.json.gz").read_bytes()))
    data_dir = tmp_path / "restored"
    with HistoryStore(data_dir, lock_timeout=5.0).open(today=TODAY) as store:
        repo = Repository(store)
        counts = repo.import_export(load_export(export_file), today=TODAY)
        assert (counts.diary, counts.sessions, counts.plans, counts.skipped) == (3650, 3650, 130, 0)
    assert sorted(manifest_of(json.loads(history_path(data_dir).read_bytes()))) == CLOSED
    new_export = json.loads(cli(capsys, data_dir, "export", "--format", "json"))
    assert new_export["schema_version"] == 2
    assert new_export == old_export
