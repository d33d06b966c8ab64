"""Atomic writes, permissions, validation on open, write failures and batches."""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import random
from pathlib import Path
from typing import Any

import pytest

from achilles_tui.domain.models import DiaryEntry, Settings
from achilles_tui.storage import safe_storage
from achilles_tui.storage.database import HistoryStore
from achilles_tui.storage.errors import CorruptDatabase, WriteFailed
from achilles_tui.storage.locations import BACKUP_DIR, LOCK_FILE, history_path
from achilles_tui.storage.migrations import SCHEMA_VERSION
from achilles_tui.storage.repository import ReadOnlyRepository, Repository

from ._support import (
    DAY,
    exercises,
    file_state,
    lock_is_free,
    mode,
    stored_assessment,
    temp_files,
    tree,
    write_history,
)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "nested" / "data"


def entry(offset: int, pain: int = 3) -> DiaryEntry:
    return DiaryEntry(
        date=DAY + dt.timedelta(days=offset), morning_pain=pain, notes=f"day {offset}"
    )


def dates(entries: list[DiaryEntry]) -> list[dt.date]:
    return [e.date for e in entries]


# --- permissions -------------------------------------------------------------------------


@pytest.mark.parametrize("umask", [0o000, 0o022])
def test_created_data_dir_is_0700_and_history_0600_whatever_the_umask(
    data_dir: Path, umask: int
) -> None:
    old = os.umask(umask)
    try:
        store = HistoryStore(data_dir, lock_timeout=1.0).open()
        try:
            assert mode(data_dir) == 0o700
            path = history_path(data_dir)
            assert not path.exists()  # a new history is written by its first save
            Repository(store).save_diary(entry(0))
            assert mode(path) == 0o600
            Repository(store).save_diary(entry(1))
            # the save replaced the file by a new inode: it must still be private
            assert mode(path) == 0o600
            assert mode(data_dir / LOCK_FILE) & 0o077 == 0
        finally:
            store.close()
    finally:
        os.umask(old)


def test_new_history_is_a_valid_current_schema_document(data_dir: Path) -> None:
    HistoryStore(data_dir).open().close()
    assert not history_path(data_dir).exists()  # opening alone writes nothing (issue 26)
    with HistoryStore(data_dir) as store:
        Repository(store).save_settings(Settings())
    data = json.loads(history_path(data_dir).read_bytes())
    assert data["_meta"] == {"1": {"schema_version": SCHEMA_VERSION}}
    assert list(data) == ["_meta", "settings"]


def test_atomic_write_replaces_content_with_0600_and_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "file.json"
    target.write_bytes(b"old")
    os.chmod(target, 0o644)
    safe_storage.atomic_write_bytes(target, b'{"new": true}')
    assert target.read_bytes() == b'{"new": true}'
    assert mode(target) == 0o600
    assert temp_files(tmp_path) == []


def test_existing_data_dir_permissions_are_not_loosened(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir(mode=0o700)
    os.chmod(data_dir, 0o700)
    HistoryStore(data_dir).open().close()
    assert mode(data_dir) == 0o700


# --- validation on open: corrupt files are refused and left untouched ---------------------


def _valid_bytes() -> bytes:
    doc = {
        "_meta": {"1": {"schema_version": SCHEMA_VERSION}},
        "diary": {
            str(i): {"date": f"2024-01-{i:02d}", "morning_pain": i % 11, "notes": "n" * 40}
            for i in range(1, 20)
        },
    }
    return json.dumps(doc).encode()


CORRUPT_FILES: dict[str, bytes] = {
    "zero-bytes": b"",
    "only-whitespace": b" \n\t\n",
    "truncated-json": _valid_bytes()[: len(_valid_bytes()) // 2],
    "truncated-one-byte-short": _valid_bytes()[:-1],
    "garbage": bytes(random.Random(1234).randrange(256) for _ in range(2048)),
    "not-utf8": b'{"diary": {"1": {"notes": "\xff\xfe"}}}',
    "list": b"[1,2]",
    "string": b'"history"',
    "null": b"null",
    "number": b"42",
    "table-is-list": b'{"diary": [1]}',
    "table-is-number": b'{"_meta": {"1": {"schema_version": 2}}, "diary": 3}',
    "record-is-number": b'{"diary": {"1": 5}}',
    "record-id-not-digit": b'{"diary": {"abc": {"date": "2024-01-01"}}}',
    "two-documents": _valid_bytes() + b"{}",
}


@pytest.mark.parametrize("content", CORRUPT_FILES.values(), ids=CORRUPT_FILES.keys())
def test_open_refuses_corrupt_file_and_leaves_it_untouched(data_dir: Path, content: bytes) -> None:
    path = write_history(data_dir, content)
    before = file_state(path)
    before_tree = tree(data_dir)

    with pytest.raises(CorruptDatabase) as info:
        HistoryStore(data_dir, lock_timeout=1.0).open()

    assert str(path) in str(info.value)
    assert info.value.path == path
    assert file_state(path) == before
    after_tree = tree(data_dir)
    after_tree.pop(LOCK_FILE, None)  # the lock file is the only thing open may create
    assert after_tree == before_tree
    assert not (data_dir / BACKUP_DIR).exists()
    assert temp_files(data_dir) == []
    assert lock_is_free(data_dir), "a failed open must release the lock"


@pytest.mark.parametrize("content", CORRUPT_FILES.values(), ids=CORRUPT_FILES.keys())
def test_read_only_repository_refuses_corrupt_file_and_leaves_it_untouched(
    data_dir: Path, content: bytes
) -> None:
    path = write_history(data_dir, content)
    before = file_state(path)
    before_tree = tree(data_dir)

    with pytest.raises(CorruptDatabase) as info:
        ReadOnlyRepository(data_dir)

    assert str(path) in str(info.value)
    assert file_state(path) == before
    assert tree(data_dir) == before_tree


def test_corrupt_file_stays_refused_on_every_attempt(data_dir: Path) -> None:
    """Refusing once must not 'repair' the file so that a second open succeeds."""
    path = write_history(data_dir, b"")
    for _ in range(3):
        with pytest.raises(CorruptDatabase):
            HistoryStore(data_dir, lock_timeout=1.0).open()
    assert path.read_bytes() == b""


@pytest.mark.parametrize(
    "record",
    [
        {"date": "2024-01-01", "morning_pain": 11},
        {"date": "not a date"},
        {"morning_pain": 3},
        {"date": "2024-01-01", "day": "holiday"},
    ],
    ids=["pain-11", "bad-date", "no-date", "bad-day-kind"],
)
def test_invalid_record_is_reported_as_corrupt_not_shown(
    data_dir: Path, record: dict[str, Any]
) -> None:
    path = write_history(
        data_dir, {"_meta": {"1": {"schema_version": SCHEMA_VERSION}}, "diary": {"1": record}}
    )
    before = file_state(path)

    with pytest.raises(CorruptDatabase) as info:
        ReadOnlyRepository(data_dir).diary_entries()
    assert str(path) in str(info.value)
    assert "diary" in str(info.value)

    with pytest.raises(CorruptDatabase) as opening:  # a writer refuses it when it opens
        HistoryStore(data_dir, lock_timeout=1.0).open()
    assert "diary record 1" in str(opening.value)
    assert lock_is_free(data_dir)
    assert file_state(path) == before


def test_unreadable_path_is_corrupt_not_new(data_dir: Path) -> None:
    """A directory where the file should be is refused, never replaced."""
    data_dir.mkdir(parents=True)
    history_path(data_dir).mkdir()
    with pytest.raises(CorruptDatabase) as info:
        HistoryStore(data_dir, lock_timeout=1.0).open()
    assert str(history_path(data_dir)) in str(info.value)
    assert history_path(data_dir).is_dir()


# --- read-only data directory ------------------------------------------------------------


def _deny_mkstemp(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []

    def refuse(*args: Any, **kwargs: Any) -> tuple[int, str]:
        calls.append(str(kwargs.get("dir")))
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(safe_storage.tempfile, "mkstemp", refuse)
    return calls


def test_read_only_dir_save_fails_clearly_and_keeps_earlier_saves(
    data_dir: Path, store: HistoryStore, repo: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo.save_diary(entry(0, pain=2))
    repo.save_diary(entry(1, pain=4))
    path = history_path(data_dir)
    before = file_state(path)

    calls = _deny_mkstemp(monkeypatch)
    with pytest.raises(WriteFailed) as info:
        repo.save_diary(entry(2, pain=6))
    message = str(info.value)
    assert str(path) in message
    assert "read-only" in message
    assert "Nothing was changed" in message
    assert info.value.path == path
    assert calls, "the save must have tried to create its temp file"

    assert file_state(path) == before
    assert dates(repo.diary_entries()) == [entry(0).date, entry(1).date]
    assert [e.morning_pain for e in ReadOnlyRepository(data_dir).diary_entries()] == [2, 4]

    monkeypatch.undo()
    store.close()
    with HistoryStore(data_dir, lock_timeout=1.0) as reopened:
        again = Repository(reopened).diary_entries()
    assert [(e.date, e.morning_pain) for e in again] == [(entry(0).date, 2), (entry(1).date, 4)]


def test_read_only_dir_settings_save_fails_and_old_settings_stay(
    data_dir: Path, repo: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo.save_settings(Settings(theme="gruvbox", sound="off"))
    _deny_mkstemp(monkeypatch)
    with pytest.raises(WriteFailed):
        repo.save_settings(Settings(theme="nord", get_ready_seconds=9))
    assert repo.settings() == Settings(theme="gruvbox", sound="off")
    assert ReadOnlyRepository(data_dir).settings() == Settings(theme="gruvbox", sound="off")


def test_read_only_dir_on_first_open_fails_clearly_and_releases_lock(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir.mkdir(parents=True)
    _deny_mkstemp(monkeypatch)
    store = HistoryStore(data_dir, lock_timeout=1.0).open()  # opening a new one writes nothing
    with pytest.raises(WriteFailed) as info:
        try:
            Repository(store).save_diary(entry(0))  # the first save does
        finally:
            store.close()
    assert str(history_path(data_dir)) in str(info.value)
    assert "read-only" in str(info.value)
    assert not history_path(data_dir).exists()
    assert lock_is_free(data_dir)


# --- full disk -----------------------------------------------------------------------------


def _disk_full(monkeypatch: pytest.MonkeyPatch) -> None:
    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(safe_storage.os, "fsync", full)


def test_full_disk_save_fails_clearly_leaves_no_temp_and_keeps_previous_data(
    data_dir: Path, store: HistoryStore, repo: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo.save_diary(entry(0, pain=1))
    repo.save_diary(entry(1, pain=2))
    path = history_path(data_dir)
    before = file_state(path)

    _disk_full(monkeypatch)
    with pytest.raises(WriteFailed) as info:
        repo.save_diary(entry(2, pain=9))
    assert "disk is full" in str(info.value)
    assert str(path) in str(info.value)
    # editing an existing day must not leak into memory either
    with pytest.raises(WriteFailed):
        repo.save_diary(entry(0, pain=10))

    assert temp_files(data_dir) == []
    assert file_state(path) == before
    # the in-memory copy was discarded and re-read: the failed saves are not visible
    assert [(e.date, e.morning_pain) for e in repo.diary_entries()] == [
        (entry(0).date, 1),
        (entry(1).date, 2),
    ]

    monkeypatch.undo()
    repo.save_diary(entry(3, pain=5))
    on_disk = ReadOnlyRepository(data_dir).diary_entries()
    assert [(e.date, e.morning_pain) for e in on_disk] == [
        (entry(0).date, 1),
        (entry(1).date, 2),
        (entry(3).date, 5),
    ]


def test_full_disk_while_writing_bytes(
    data_dir: Path, repo: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The failure may come from write() itself rather than fsync()."""
    repo.save_diary(entry(0))
    path = history_path(data_dir)
    before = file_state(path)
    real_fdopen = os.fdopen

    class FullFile:
        def __init__(self, handle: Any) -> None:
            self._handle = handle

        def __enter__(self) -> FullFile:
            return self

        def __exit__(self, *exc: object) -> None:
            self._handle.close()

        def write(self, payload: bytes) -> int:
            self._handle.write(payload[: len(payload) // 2])
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(
        safe_storage.os, "fdopen", lambda fd, *a, **k: FullFile(real_fdopen(fd, *a, **k))
    )
    with pytest.raises(WriteFailed) as info:
        repo.save_diary(entry(1))
    assert "disk is full" in str(info.value)
    assert temp_files(data_dir) == []
    assert file_state(path) == before
    assert dates(repo.diary_entries()) == [entry(0).date]


def test_other_os_error_on_rename_names_the_reason(
    data_dir: Path, repo: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo.save_diary(entry(0))
    before = file_state(history_path(data_dir))

    def broken(src: str, dst: Any) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(safe_storage.os, "replace", broken)
    with pytest.raises(WriteFailed) as info:
        repo.save_diary(entry(1))
    assert "Input/output error" in str(info.value)
    assert temp_files(data_dir) == []
    assert file_state(history_path(data_dir)) == before
    assert dates(repo.diary_entries()) == [entry(0).date]


def test_interrupt_during_write_removes_temp_and_propagates(
    data_dir: Path, repo: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo.save_diary(entry(0))
    before = file_state(history_path(data_dir))

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(safe_storage.os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        repo.save_diary(entry(1))
    monkeypatch.undo()
    assert temp_files(data_dir) == []
    assert file_state(history_path(data_dir)) == before
    assert dates(repo.diary_entries()) == [entry(0).date]


# --- stale temp files ----------------------------------------------------------------------


@pytest.mark.parametrize("existing_history", [True, False])
def test_stale_temp_files_are_removed_on_open(data_dir: Path, existing_history: bool) -> None:
    if existing_history:
        with HistoryStore(data_dir) as store:
            Repository(store).save_diary(entry(0))
    data_dir.mkdir(parents=True, exist_ok=True)
    stale = [data_dir / ".history-abc123.tmp", data_dir / ".history-.tmp"]
    for item in stale:
        item.write_bytes(b'{"half a docu')
    unrelated = [data_dir / "notes.tmp", data_dir / "history-keep.tmp", data_dir / "x.json"]
    for item in unrelated:
        item.write_bytes(b"mine")

    with HistoryStore(data_dir) as store:
        assert temp_files(data_dir) == []
        expected = [entry(0).date] if existing_history else []
        assert dates(Repository(store).diary_entries()) == expected
    for item in unrelated:
        assert item.read_bytes() == b"mine"


# --- batch ---------------------------------------------------------------------------------


@pytest.fixture
def write_counter(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    written: list[Path] = []
    real = safe_storage.atomic_write_bytes

    def counting(path: Path, payload: bytes) -> None:
        written.append(path)
        real(path, payload)

    monkeypatch.setattr(safe_storage, "atomic_write_bytes", counting)
    return written


def test_each_save_outside_a_batch_is_written_at_once(
    data_dir: Path, repo: Repository, write_counter: list[Path]
) -> None:
    repo.save_diary(entry(0))
    assert write_counter
    assert dates(ReadOnlyRepository(data_dir).diary_entries()) == [entry(0).date]


def test_batch_groups_writes_into_one_rewrite(
    data_dir: Path, store: HistoryStore, repo: Repository, write_counter: list[Path]
) -> None:
    repo.save_diary(entry(0))
    path = history_path(data_dir)
    before = file_state(path)
    write_counter.clear()

    with store.batch():
        repo.save_diary(entry(1))
        repo.save_diary(entry(2))
        repo.save_diary(entry(0, pain=8))
        repo.save_settings(Settings(theme="nord"))
        assert write_counter == []
        assert file_state(path) == before
        # inside the batch the repository already sees its own changes
        assert dates(repo.diary_entries()) == [entry(i).date for i in range(3)]

    assert write_counter == [path]
    on_disk = ReadOnlyRepository(data_dir)
    assert [(e.date, e.morning_pain) for e in on_disk.diary_entries()] == [
        (entry(0).date, 8),
        (entry(1).date, 3),
        (entry(2).date, 3),
    ]
    assert on_disk.settings().theme == "nord"


def test_nested_batches_write_once_at_the_outer_end(
    data_dir: Path, store: HistoryStore, repo: Repository, write_counter: list[Path]
) -> None:
    with store.batch():
        repo.save_diary(entry(0))
        with store.batch():
            repo.save_diary(entry(1))
        assert write_counter == []
        repo.save_diary(entry(2))
    assert write_counter == [history_path(data_dir)]
    assert len(ReadOnlyRepository(data_dir).diary_entries()) == 3


def test_assessment_and_plan_are_one_write(
    data_dir: Path, repo: Repository, write_counter: list[Path]
) -> None:
    plan = repo.save_assessment_and_plan(
        stored_assessment("2024-03-01T08:00:00", {"verdict": "isometric"}),
        exercises(),
        source="assessment",
        level="L2",
    )
    assert write_counter == [history_path(data_dir)]
    stored = ReadOnlyRepository(data_dir)
    assert stored.assessments() == [
        {"created": "2024-03-01T08:00:00", "result": {"verdict": "isometric"}}
    ]
    assert stored.current_plan() == plan
    assert plan.assessment_id == 1


def test_exception_inside_batch_writes_nothing(
    data_dir: Path, store: HistoryStore, repo: Repository, write_counter: list[Path]
) -> None:
    repo.save_diary(entry(0, pain=1))
    path = history_path(data_dir)
    before = file_state(path)
    write_counter.clear()

    with pytest.raises(RuntimeError, match="boom"), store.batch():
        repo.save_diary(entry(1))
        repo.save_diary(entry(0, pain=7))
        repo.save_settings(Settings(sound="off"))
        raise RuntimeError("boom")

    assert write_counter == []
    assert file_state(path) == before
    assert [(e.date, e.morning_pain) for e in repo.diary_entries()] == [(entry(0).date, 1)]
    assert repo.settings() == Settings()

    # the store is still usable and the next save does not carry the abandoned changes
    repo.save_diary(entry(5))
    on_disk = ReadOnlyRepository(data_dir)
    assert [(e.date, e.morning_pain) for e in on_disk.diary_entries()] == [
        (entry(0).date, 1),
        (entry(5).date, 3),
    ]
    assert on_disk.settings() == Settings()


def test_failed_flush_at_batch_end_keeps_previous_data(
    data_dir: Path, store: HistoryStore, repo: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo.save_diary(entry(0))
    before = file_state(history_path(data_dir))
    _disk_full(monkeypatch)
    with pytest.raises(WriteFailed), store.batch():
        repo.save_diary(entry(1))
        repo.save_diary(entry(2))
    monkeypatch.undo()
    assert file_state(history_path(data_dir)) == before
    assert temp_files(data_dir) == []
    assert dates(repo.diary_entries()) == [entry(0).date]
