"""A full disk and a read-only folder during every kind of save.

Tests run as root, so chmod cannot stop a write; the failures are simulated where the
atomic writer meets the OS: the temp file write (ENOSPC half-way through), its fsync
(ENOSPC, as delayed allocation reports it), mkstemp (EACCES, a read-only folder) and
the rename (EROFS). Every save must raise WriteFailed naming the file, leave the
previous file byte for byte, leave no temp file, and leave the open repository showing
what is on disk, so the next save does not carry the failed change along.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import io
import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from achilles_tui.cli import main
from achilles_tui.domain.assessment import Assessment, Condition
from achilles_tui.domain.models import DiaryEntry, Effort, RepRecord, SessionLog, Settings, Side
from achilles_tui.domain.records import AssessmentRecord
from achilles_tui.storage import safe_storage
from achilles_tui.storage.database import HistoryStore
from achilles_tui.storage.errors import WriteFailed
from achilles_tui.storage.locations import history_path
from achilles_tui.storage.repository import ReadOnlyRepository, Repository
from achilles_tui.storage.transfer import load_export
from tests.storage._support import DAY, exercises, other_exercises, temp_files

from ._faults import write_small_export

Save = Callable[[Repository, dict[str, Any]], object]


def _session(repo: Repository, ctx: dict[str, Any]) -> SessionLog:
    return ctx["session"]  # type: ignore[no-any-return]


SAVES: dict[str, Save] = {
    "diary new day": lambda repo, ctx: repo.save_diary(DiaryEntry(DAY, 7, 30, notes="new")),
    "diary edit": lambda repo, ctx: repo.save_diary(
        DiaryEntry(DAY - dt.timedelta(days=1), 9, notes="edited")
    ),
    "session start": lambda repo, ctx: repo.start_session(
        ctx["plan"], dt.datetime(2024, 3, 1, 9, 0), reps_planned=5
    ),
    "session rep": lambda repo, ctx: repo.add_rep(
        _session(repo, ctx), RepRecord(0, Side.BOTH, 2, 45)
    ),
    "session finish": lambda repo, ctx: repo.finish_session(
        _session(repo, ctx),
        ended_at=dt.datetime(2024, 2, 29, 8, 10),
        pain_during=3,
        effort=Effort.CHALLENGING,
        complete=False,
    ),
    "manual session": lambda repo, ctx: repo.add_manual_session(
        SessionLog(
            id="manual-1",
            date=DAY,
            plan_version=1,
            started_at=dt.datetime(2024, 3, 1, 12, 0),
            ended_at=dt.datetime(2024, 3, 1, 12, 0),
            pain_during=2,
            effort=Effort.TOO_EASY,
            source="manual",
        )
    ),
    "own plan": lambda repo, ctx: repo.add_plan(other_exercises(), source="own", note="physio"),
    "assessment and plan": lambda repo, ctx: repo.save_assessment_and_plan(
        ctx["record"], other_exercises(), source="assessment", level="L2"
    ),
    "assessment only": lambda repo, ctx: repo.add_assessment(ctx["record"]),
    "review and plan": lambda repo, ctx: repo.add_review_and_plan(
        {
            "kind": "weekly-review",
            "week_ending": "2024-03-01",
            "status": "accepted",
            "suggestion": "hold",
        },
        other_exercises(),
        source="review",
        level="L2",
    ),
    "review only": lambda repo, ctx: repo.add_review(
        {
            "kind": "weekly-review",
            "week_ending": "2024-03-01",
            "status": "dismissed",
            "suggestion": "hold",
        }
    ),
    "import merge": lambda repo, ctx: repo.import_export(ctx["tables"]),
    "settings": lambda repo, ctx: repo.save_settings(Settings(theme="textual-light")),
}


class HalfWrite(io.RawIOBase):
    """A file object that writes half of what it is given, then reports a full disk."""

    def __init__(self, handle: Any) -> None:
        super().__init__()
        self.handle = handle

    def write(self, data: Any) -> int:
        self.handle.write(bytes(data)[: len(data) // 2])
        self.handle.flush()
        raise OSError(errno.ENOSPC, "No space left on device")

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return int(self.handle.fileno())

    def close(self) -> None:
        self.handle.close()
        super().close()


def _full_disk_mid_write(m: pytest.MonkeyPatch) -> None:
    real_fdopen = os.fdopen

    def fdopen(fd: int, *args: Any, **kwargs: Any) -> Any:
        return HalfWrite(real_fdopen(fd, *args, **kwargs))

    m.setattr(safe_storage.os, "fdopen", fdopen)


def _full_disk_at_fsync(m: pytest.MonkeyPatch) -> None:
    def fsync(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    m.setattr(safe_storage.os, "fsync", fsync)


def _read_only_folder(m: pytest.MonkeyPatch) -> None:
    def mkstemp(*args: Any, **kwargs: Any) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, "Permission denied")

    m.setattr(safe_storage.tempfile, "mkstemp", mkstemp)


def _read_only_filesystem_at_rename(m: pytest.MonkeyPatch) -> None:
    def replace(src: Any, dst: Any) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    m.setattr(safe_storage.os, "replace", replace)


FAULTS: dict[str, tuple[Callable[[pytest.MonkeyPatch], None], str]] = {
    "disk full mid-write": (_full_disk_mid_write, "the disk is full"),
    "disk full at fsync": (_full_disk_at_fsync, "the disk is full"),
    "read-only folder": (_read_only_folder, "read-only"),
    "read-only at rename": (_read_only_filesystem_at_rename, "read-only"),
}


@pytest.fixture
def prepared(tmp_path: Path) -> Iterator[tuple[Repository, dict[str, Any]]]:
    """An open repository with a plan, diary days, an open session and an export to merge."""
    export_file = tmp_path / "export.json"
    write_small_export(tmp_path / "source", export_file)
    data_dir = tmp_path / "data"
    with HistoryStore(data_dir) as store:
        repo = Repository(store)
        plan = repo.add_plan(exercises(), source="own")
        for back in range(1, 4):
            repo.save_diary(DiaryEntry(DAY - dt.timedelta(days=back), back, notes=f"day {back}"))
        session = repo.start_session(plan, dt.datetime(2024, 2, 29, 8, 0), reps_planned=5)
        session = repo.add_rep(session, RepRecord(0, Side.BOTH, 1, 45))
        ctx = {
            "plan": plan,
            "session": session,
            "record": AssessmentRecord(
                created=dt.datetime(2024, 3, 1, 8, 0),
                answers=Assessment(condition=Condition.MIDPORTION),
                result={"verdict": "isometric"},
            ),
            "tables": load_export(export_file),
        }
        yield repo, ctx


def _everything(repo: ReadOnlyRepository) -> dict[str, Any]:
    data = repo.export_data()
    data["settings"] = repo.settings()
    return data


@pytest.mark.parametrize("fault", list(FAULTS))
@pytest.mark.parametrize("save", list(SAVES))
def test_a_failed_write_names_the_file_and_changes_nothing(
    save: str, fault: str, prepared: tuple[Repository, dict[str, Any]]
) -> None:
    repo, ctx = prepared
    path = history_path(repo.data_dir)
    before = path.read_bytes()
    before_view = _everything(repo)
    patch, reason = FAULTS[fault]
    with pytest.MonkeyPatch.context() as m:
        patch(m)
        with pytest.raises(WriteFailed) as failure:
            SAVES[save](repo, ctx)
    message = str(failure.value)
    assert str(path) in message and reason in message, message
    assert "Nothing was changed" in message
    assert failure.value.path == path
    assert path.read_bytes() == before
    assert temp_files(repo.data_dir) == []
    # the open repository forgot the failed change: it shows what the file holds
    assert _everything(repo) == before_view
    assert _everything(ReadOnlyRepository(repo.data_dir)) == before_view
    # once the disk is fine again the same save goes through, and only it is added
    SAVES[save](repo, ctx)
    after = json.loads(path.read_bytes())
    assert after != json.loads(before)
    assert _everything(ReadOnlyRepository(repo.data_dir)) == _everything(repo)


@pytest.mark.parametrize("fault", ["read-only folder", "disk full mid-write"])
def test_a_new_history_that_cannot_be_created_leaves_nothing_behind(
    fault: str, tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    with pytest.MonkeyPatch.context() as m:
        FAULTS[fault][0](m)
        store = HistoryStore(data_dir).open()  # a new history is written by its first save
        with pytest.raises(WriteFailed) as failure:
            try:
                Repository(store).save_settings(Settings(theme="textual-light"))
            finally:
                store.close()
    assert str(history_path(data_dir)) in str(failure.value)
    assert not history_path(data_dir).exists()
    assert temp_files(data_dir) == []
    with HistoryStore(data_dir, lock_timeout=1.0):  # the lock was released
        pass


def _cli(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exc:
            code = int(exc.code or 0)
    return code, out.getvalue(), err.getvalue()


CLI_SAVES = {
    "log": ["log", "--date", "2024-03-01", "--morning-pain", "4", "--note", "x"],
    "log-session": ["log-session", "--date", "2024-03-01", "--pain-during", "2", "--effort",
                    "challenging"],
    "plan set": ["plan", "set", "--position", "neutral", "--legs", "2", "--reps", "5",
                 "--hold", "30", "--rest", "60", "--force"],
    "assess --save": ["assess", "--condition", "midportion", "--save"],
    "import": ["import"],
}  # fmt: skip


@pytest.mark.parametrize("fault", ["disk full mid-write", "read-only folder"])
@pytest.mark.parametrize("command", list(CLI_SAVES))
def test_cli_saves_report_the_failure_with_exit_1(command: str, fault: str, tmp_path: Path) -> None:
    export_file = tmp_path / "export.json"
    write_small_export(tmp_path / "source", export_file)
    data_dir = tmp_path / "data"
    with HistoryStore(data_dir) as store:  # a plan begun before the day log-session uses
        Repository(store).add_plan(exercises(), source="own", created=dt.datetime(2024, 1, 1))
    HistoryStore(data_dir).open().close()  # today's daily backup exists: the save is what fails
    path = history_path(data_dir)
    before = path.read_bytes()
    argv = ["--data-dir", str(data_dir), *CLI_SAVES[command]]
    if command == "import":
        argv.append(str(export_file))
    with pytest.MonkeyPatch.context() as m:
        FAULTS[fault][0](m)
        code, _out, err = _cli(argv)
    assert code == 1, err
    # an import first backs the history up, and that is the write that fails
    failed = data_dir / "backups" if command == "import" else path
    assert f"Could not save to {failed}" in err, err
    assert "Traceback" not in err
    assert path.read_bytes() == before
    assert temp_files(data_dir) == []
