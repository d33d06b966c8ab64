"""The single-writer lock: a second instance is told, never silently racing."""

from __future__ import annotations

import datetime as dt
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from achilles_tui.domain.models import DiaryEntry
from achilles_tui.storage.database import HistoryStore
from achilles_tui.storage.errors import HistoryLocked
from achilles_tui.storage.locations import history_path
from achilles_tui.storage.repository import ReadOnlyRepository, Repository

from ._support import DAY, HELPERS, lock_is_free

TIMEOUT = 30


def run_try_open(data_dir: Path, lock_timeout: float = 0.2) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(HELPERS / "try_open.py"), str(data_dir), str(lock_timeout)],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )


@pytest.fixture
def holder(tmp_path: Path) -> Iterator[subprocess.Popen[str]]:
    """A subprocess that holds the lock on tmp_path / 'data' until its stdin closes."""
    proc = subprocess.Popen(
        [sys.executable, str(HELPERS / "lock_holder.py"), str(tmp_path / "data")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    first = proc.stdout.readline()
    assert first == "locked\n", proc.stderr.read() if proc.stderr else first
    yield proc
    if proc.poll() is None:
        proc.kill()
    proc.wait(timeout=TIMEOUT)
    for stream in (proc.stdin, proc.stdout, proc.stderr):
        if stream is not None:
            stream.close()


def test_second_instance_in_subprocess_is_refused_while_first_holds_lock(
    tmp_path: Path,
) -> None:
    data_dir = tmp_path / "data"
    first = HistoryStore(data_dir, lock_timeout=1.0).open()
    try:
        Repository(first).save_diary(DiaryEntry(date=DAY, morning_pain=2))
        result = run_try_open(data_dir)
        assert result.returncode == 3, result.stderr
        assert result.stdout.startswith("HistoryLocked: ")
        assert str(history_path(data_dir)) in result.stdout
        assert "Another achilles-tui" in result.stdout
    finally:
        first.close()

    result = run_try_open(data_dir)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "opened\n"


def test_second_instance_in_process_is_refused_with_short_timeout(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    first = HistoryStore(data_dir, lock_timeout=1.0).open()
    Repository(first).save_diary(DiaryEntry(date=DAY, morning_pain=2))
    before = history_path(data_dir).read_bytes()

    second = HistoryStore(data_dir, lock_timeout=0.1)
    with pytest.raises(HistoryLocked) as info:
        second.open()
    assert str(history_path(data_dir)) in str(info.value)
    assert info.value.path == history_path(data_dir)
    assert second.db is None
    assert history_path(data_dir).read_bytes() == before

    # the refused instance did not break the first one
    Repository(first).save_diary(DiaryEntry(date=DAY + dt.timedelta(days=1), morning_pain=3))
    first.close()

    with second:
        assert len(Repository(second).diary_entries()) == 2
    assert lock_is_free(data_dir)


def test_close_is_idempotent_and_releases(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    store = HistoryStore(data_dir).open()
    assert not lock_is_free(data_dir)
    store.close()
    store.close()
    assert lock_is_free(data_dir)


def test_context_manager_releases_on_error(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    with pytest.raises(RuntimeError), HistoryStore(data_dir):
        assert not lock_is_free(data_dir)
        raise RuntimeError("screen crashed")
    assert lock_is_free(data_dir)


def test_subprocess_holder_blocks_in_process_open_until_it_closes(
    tmp_path: Path, holder: subprocess.Popen[str]
) -> None:
    data_dir = tmp_path / "data"
    with pytest.raises(HistoryLocked) as info:
        HistoryStore(data_dir, lock_timeout=0.2).open()
    assert str(history_path(data_dir)) in str(info.value)

    # readers never take the lock
    assert ReadOnlyRepository(data_dir).diary_entries() == []

    assert holder.stdin is not None
    holder.stdin.close()
    assert holder.stdout is not None
    assert holder.stdout.readline() == "released\n"
    assert holder.wait(timeout=TIMEOUT) == 0

    with HistoryStore(data_dir, lock_timeout=5.0) as store:
        Repository(store).save_diary(DiaryEntry(date=DAY, morning_pain=1))
    assert len(ReadOnlyRepository(data_dir).diary_entries()) == 1


def test_lock_of_a_sigkilled_process_is_released_by_the_os(
    tmp_path: Path, holder: subprocess.Popen[str]
) -> None:
    data_dir = tmp_path / "data"
    assert not lock_is_free(data_dir)
    assert run_try_open(data_dir).returncode == 3

    holder.send_signal(signal.SIGKILL)
    assert holder.wait(timeout=TIMEOUT) == -signal.SIGKILL

    with HistoryStore(data_dir, lock_timeout=5.0) as store:
        Repository(store).save_diary(DiaryEntry(date=DAY, morning_pain=1))
    assert run_try_open(data_dir).returncode == 0
