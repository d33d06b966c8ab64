"""Daily backups and schema migrations."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from achilles_tui.domain.models import DiaryEntry, Effort, Side
from achilles_tui.storage import migrations
from achilles_tui.storage.database import (
    BACKUPS_KEPT,
    HistoryStore,
    backup_once_a_day,
    newest_backup,
)
from achilles_tui.storage.errors import SchemaTooNew
from achilles_tui.storage.locations import BACKUP_DIR, history_path
from achilles_tui.storage.repository import ReadOnlyRepository, Repository

from ._support import DAY, file_state, lock_is_free, mode, tree, write_history

TODAY = dt.date(2024, 12, 20)


def save_day(data_dir: Path, today: dt.date, pain: int) -> None:
    """One app run on `today`: open (maybe backing up), save the day's diary, close."""
    store = HistoryStore(data_dir, lock_timeout=1.0).open(today=today)
    try:
        Repository(store).save_diary(DiaryEntry(date=today, morning_pain=pain))
    finally:
        store.close()


def open_on(data_dir: Path, today: dt.date) -> None:
    HistoryStore(data_dir, lock_timeout=1.0).open(today=today).close()


def backups(data_dir: Path) -> list[str]:
    return sorted(p.name for p in (data_dir / BACKUP_DIR).glob("history-*.json"))


# --- backups -------------------------------------------------------------------------------


def test_no_backup_for_a_brand_new_history(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    open_on(data_dir, TODAY)
    assert backups(data_dir) == []
    assert backup_once_a_day(tmp_path / "missing" / "history.json", TODAY) is None


def test_first_open_of_the_day_backs_up_the_file_as_it_was(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    save_day(data_dir, TODAY - dt.timedelta(days=1), pain=4)
    assert not (data_dir / BACKUP_DIR).exists()
    content_before_open = history_path(data_dir).read_bytes()

    open_on(data_dir, TODAY)

    target = data_dir / BACKUP_DIR / f"history-{TODAY.isoformat()}.json"
    assert backups(data_dir) == [target.name]
    assert target.read_bytes() == content_before_open
    assert newest_backup(data_dir) == target
    assert mode(data_dir / BACKUP_DIR) == 0o700
    assert mode(target) == 0o600


def test_backup_is_made_only_once_a_day(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    save_day(data_dir, TODAY, pain=1)
    save_day(data_dir, TODAY, pain=2)  # first open with a file: backup of pain=1
    first_backup = data_dir / BACKUP_DIR / f"history-{TODAY.isoformat()}.json"
    content = first_backup.read_bytes()
    state = file_state(first_backup)

    save_day(data_dir, TODAY, pain=3)
    open_on(data_dir, TODAY)

    assert backups(data_dir) == [first_backup.name]
    assert file_state(first_backup) == state
    entries = ReadOnlyRepository(data_dir, json.loads(content)).diary_entries()
    assert [e.morning_pain for e in entries] == [1]

    tomorrow = TODAY + dt.timedelta(days=1)
    open_on(data_dir, tomorrow)
    assert backups(data_dir) == [first_backup.name, f"history-{tomorrow.isoformat()}.json"]
    newest = newest_backup(data_dir)
    assert newest is not None
    assert newest.read_bytes() == history_path(data_dir).read_bytes()


def test_only_the_newest_14_backups_are_kept(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    start = dt.date(2023, 12, 20)  # crosses a year boundary: names must sort by date
    days = [start + dt.timedelta(days=i) for i in range(BACKUPS_KEPT + 6)]
    (data_dir / BACKUP_DIR).mkdir(parents=True)
    others = [data_dir / BACKUP_DIR / "before-import-20200101-000000.json"]
    for other in others:
        other.write_bytes(b"{}")

    for i, day in enumerate(days):
        save_day(data_dir, day, pain=i % 11)
        expected = [f"history-{d.isoformat()}.json" for d in days[1 : i + 1]][-BACKUPS_KEPT:]
        assert backups(data_dir) == expected

    assert BACKUPS_KEPT == 14
    assert len(backups(data_dir)) == 14
    assert backups(data_dir)[0] == f"history-{days[-14].isoformat()}.json"
    for other in others:
        assert other.read_bytes() == b"{}", "only daily backups are pruned"
    # every kept backup is a loadable history
    for name in backups(data_dir):
        data = json.loads((data_dir / BACKUP_DIR / name).read_bytes())
        assert ReadOnlyRepository(data_dir, data).diary_entries()


def test_backup_once_a_day_prunes_with_custom_keep(tmp_path: Path) -> None:
    path = write_history(tmp_path, migrations.new_document())
    for i in range(5):
        backup_once_a_day(path, DAY + dt.timedelta(days=i), keep=3)
    assert backups(tmp_path) == [
        f"history-{(DAY + dt.timedelta(days=i)).isoformat()}.json" for i in (2, 3, 4)
    ]


# --- migrations ----------------------------------------------------------------------------


def v0_document() -> dict[str, dict[str, Any]]:
    """A file from before versioning: no _meta, sessions without source, reps without side."""
    return {
        "plans": {
            "1": {
                "version": 1,
                "created": "2024-01-02T08:00:00",
                "exercises": [
                    {
                        "position": "neutral",
                        "legs": 2,
                        "reps": 5,
                        "hold_seconds": 45,
                        "rest_seconds": 60,
                    }
                ],
                "source": "assessment",
                "level": "L1",
            },
            "2": {
                "version": 2,
                "created": "2024-02-01T08:00:00",
                "exercises": [
                    {
                        "position": "heel_raised",
                        "legs": 1,
                        "reps": 4,
                        "hold_seconds": 30,
                        "rest_seconds": 90,
                    }
                ],
                "source": "review",
                "level": "L3",
            },
        },
        "diary": {
            "1": {"date": "2024-01-03", "morning_pain": 5, "notes": "stiff"},
            "2": {"date": "2024-01-04", "morning_pain": 4, "day": "rest"},
        },
        "sessions": {
            "1": {
                "id": "aaaaaaaaaaaa",
                "date": "2024-01-03",
                "plan_version": 1,
                "started_at": "2024-01-03T18:00:00",
                "ended_at": "2024-01-03T18:20:00",
                "reps": [
                    {"exercise_index": 0, "rep": 1, "hold_seconds": 45},
                    {"exercise_index": 0, "rep": 2, "hold_seconds": 45},
                ],
                "pain_during": 3,
                "effort": "challenging",
                "complete": True,
            },
            "2": {
                "id": "bbbbbbbbbbbb",
                "date": "2024-01-04",
                "plan_version": 1,
                "started_at": "2024-01-04T07:00:00",
                "reps": [{"exercise_index": 0, "side": "left", "rep": 1, "hold_seconds": 30}],
                "source": "manual",
            },
        },
        "assessments": {
            "1": {
                "created": "2024-01-02T07:55:00",
                "result": {"verdict": "isometric", "level": "L1"},
            }
        },
        "settings": {"1": {"theme": "nord", "sound": False}},
    }


def document_at(version: int) -> dict[str, dict[str, Any]]:
    """The sample history as each older schema version stored it."""
    doc = v0_document()
    if version >= 1:
        doc["_meta"] = {"1": {"schema_version": version}}
    if version >= 2:  # v2 added where a session came from and its sides
        for session in doc["sessions"].values():
            session.setdefault("source", "timer")
            for rep in session["reps"]:
                rep.setdefault("side", "both")
    return doc


OLDER_VERSIONS = list(range(migrations.SCHEMA_VERSION))


def test_every_older_version_has_a_migration_step_and_a_test_fixture() -> None:
    assert set(migrations.MIGRATIONS) == set(OLDER_VERSIONS)
    # document_at() must be extended when SCHEMA_VERSION grows past 3
    assert migrations.SCHEMA_VERSION == 3
    for version in OLDER_VERSIONS:
        assert migrations.schema_version(document_at(version)) == version


def check_migrated(data: dict[str, dict[str, Any]]) -> None:
    original = v0_document()
    assert data["_meta"] == {"1": {"schema_version": migrations.SCHEMA_VERSION}}
    for table in ("plans", "diary", "assessments", "settings"):
        assert data[table] == original[table], table
    assert set(data["sessions"]) == set(original["sessions"])
    first, second = data["sessions"]["1"], data["sessions"]["2"]
    assert first["source"] == "timer"
    assert [r["side"] for r in first["reps"]] == ["both", "both"]
    assert second["source"] == "manual", "an existing value must not be overwritten"
    assert [r["side"] for r in second["reps"]] == ["left"]
    for key in ("1", "2"):
        session = copy.deepcopy(data["sessions"][key])
        session.pop("source")
        for rep in session["reps"]:
            rep.pop("side")
        expected = copy.deepcopy(original["sessions"][key])
        expected.pop("source", None)
        for rep in expected["reps"]:
            rep.pop("side", None)
        assert session == expected


def check_repository(repo: ReadOnlyRepository) -> None:
    assert [p.version for p in repo.plans()] == [1, 2]
    assert repo.current_plan() is not None
    assert repo.current_plan().level == "L3"  # type: ignore[union-attr]
    assert [(e.date.isoformat(), e.morning_pain) for e in repo.diary_entries()] == [
        ("2024-01-03", 5),
        ("2024-01-04", 4),
    ]
    sessions = repo.sessions()
    assert [s.id for s in sessions] == ["aaaaaaaaaaaa", "bbbbbbbbbbbb"]
    assert sessions[0].effort is Effort.CHALLENGING
    assert [r.side for r in sessions[0].reps] == [Side.BOTH, Side.BOTH]
    assert sessions[1].source == "manual"
    assert sessions[1].reps[0].side is Side.LEFT
    assert repo.settings().theme == "nord"
    assert repo.settings().sound == "off"
    assert repo.assessments() == [
        {"created": "2024-01-02T07:55:00", "result": {"verdict": "isometric", "level": "L1"}}
    ]


@pytest.mark.parametrize("version", OLDER_VERSIONS)
def test_open_migrates_older_file_keeping_every_record(tmp_path: Path, version: int) -> None:
    data_dir = tmp_path / "data"
    path = write_history(data_dir, document_at(version))

    with HistoryStore(data_dir, lock_timeout=1.0) as store:
        check_repository(Repository(store))

    data = json.loads(path.read_bytes())
    assert migrations.schema_version(data) == migrations.SCHEMA_VERSION
    # 2024 is a closed year now: its diary and sessions moved to archive/2024.json
    assert data["diary"] == {} and data["sessions"] == {}
    assert [entry["year"] for entry in data["archive"].values()] == [2024]
    check_repository(ReadOnlyRepository(data_dir))
    assert mode(path) == 0o600


@pytest.mark.parametrize("version", OLDER_VERSIONS)
def test_migrate_function_steps_through_each_version(version: int) -> None:
    data = migrations.migrate(document_at(version))
    check_migrated(data)
    assert not migrations.needs_migration(data, Path("history.json"))


@pytest.mark.parametrize("version", OLDER_VERSIONS)
def test_backup_is_taken_before_the_migration_rewrites(tmp_path: Path, version: int) -> None:
    data_dir = tmp_path / "data"
    path = write_history(data_dir, document_at(version))
    original = path.read_bytes()

    HistoryStore(data_dir, lock_timeout=1.0).open(today=TODAY).close()

    backup = data_dir / BACKUP_DIR / f"history-{TODAY.isoformat()}.json"
    assert backup.read_bytes() == original
    assert migrations.schema_version(json.loads(backup.read_bytes())) == version
    assert migrations.schema_version(json.loads(path.read_bytes())) == migrations.SCHEMA_VERSION


@pytest.mark.parametrize("version", OLDER_VERSIONS)
def test_read_only_repository_migrates_in_memory_without_writing(
    tmp_path: Path, version: int
) -> None:
    data_dir = tmp_path / "data"
    path = write_history(data_dir, document_at(version))
    before = file_state(path)
    before_tree = tree(data_dir)
    repo = ReadOnlyRepository(data_dir)
    check_repository(repo)
    assert repo.export_data()["schema_version"] == migrations.RECORD_FORMAT_VERSION
    assert file_state(path) == before
    assert tree(data_dir) == before_tree


def test_current_file_is_not_rewritten_on_open(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    path = write_history(data_dir, migrations.migrate(document_at(0)))
    before = file_state(path)
    store = HistoryStore(data_dir, lock_timeout=1.0).open(today=TODAY)
    try:
        check_repository(Repository(store))
    finally:
        store.close()
    assert file_state(path) == before


@pytest.mark.parametrize("ahead", [1, 7])
def test_newer_schema_is_refused_and_left_untouched(tmp_path: Path, ahead: int) -> None:
    data_dir = tmp_path / "data"
    newer = migrations.SCHEMA_VERSION + ahead
    doc = migrations.migrate(document_at(0))
    doc["_meta"] = {"1": {"schema_version": newer}}
    doc["future_table"] = {"1": {"something": "new"}}
    path = write_history(data_dir, doc)
    before = file_state(path)
    before_tree = tree(data_dir)

    with pytest.raises(SchemaTooNew) as info:
        HistoryStore(data_dir, lock_timeout=1.0).open(today=TODAY)
    message = str(info.value)
    assert str(path) in message
    assert str(newer) in message
    assert info.value.path == path
    assert file_state(path) == before
    after_tree = tree(data_dir)
    after_tree.pop("history.lock", None)
    assert after_tree == before_tree, "no backup, no temp file, nothing rewritten"
    assert lock_is_free(data_dir)

    with pytest.raises(SchemaTooNew):
        ReadOnlyRepository(data_dir)
    assert file_state(path) == before


def test_migration_later_in_the_day_still_keeps_a_pre_migration_copy(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    # this morning an older app version backed the file up, then saved more to it
    morning = document_at(1)
    path = write_history(data_dir, morning)
    backup_once_a_day(path, TODAY)
    later = document_at(1)
    later["diary"]["3"] = {"date": "2024-01-05", "morning_pain": 2}
    write_history(data_dir, later)
    latest = path.read_bytes()

    # the upgraded app opens the file the same day and migrates it
    HistoryStore(data_dir, lock_timeout=1.0).open(today=TODAY).close()
    assert migrations.schema_version(json.loads(path.read_bytes())) == migrations.SCHEMA_VERSION

    copies = [p.read_bytes() for p in (data_dir / BACKUP_DIR).glob("*.json")]
    assert latest in copies, "the last pre-migration version must be recoverable"
