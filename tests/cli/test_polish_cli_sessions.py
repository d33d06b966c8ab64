"""Issue 14 item 6: `sessions` lists a stopped session as stopped, in words."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from achilles_tui.domain.models import Effort, RepRecord, SessionLog, Side
from achilles_tui.storage.database import HistoryStore
from achilles_tui.storage.repository import Repository
from tests.cli.test_polish_cli import DAY, NEWER_DAY, ok
from tests.storage._support import exercises


def add_sessions(data_dir: Path) -> None:
    """A session stopped for pain after no hold, one stopped before it was rated, one done."""
    with HistoryStore(data_dir) as store:
        repo = Repository(store)
        plan = repo.add_plan(exercises()[:1], source="own", created=dt.datetime(2024, 2, 1, 8))
        start = dt.datetime.combine(DAY, dt.time(8, 0))
        for number, (pain, reps) in enumerate([(8, ()), (None, ())], start=1):
            repo.add_manual_session(
                SessionLog(f"stopped{number}", DAY, plan.version, start,
                           ended_at=start + dt.timedelta(minutes=2), reps=reps,
                           pain_during=pain, over_limit=True, reps_planned=2)
            )  # fmt: skip
        repo.add_manual_session(
            SessionLog("done", NEWER_DAY, plan.version, start + dt.timedelta(days=1),
                       ended_at=start + dt.timedelta(days=1, minutes=5),
                       reps=(RepRecord(0, Side.BOTH, 1, 45),), pain_during=2,
                       effort=Effort.TOO_EASY, complete=True, reps_planned=1)
        )  # fmt: skip


def test_sessions_lists_a_stopped_session_as_stopped_with_its_pain(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    add_sessions(data_dir)
    lines = ok(capsys, data_dir, "sessions").splitlines()
    assert lines == [
        "2024-03-01  plan v1  0 of 2 holds  stopped: pain 8/10",
        "2024-03-01  plan v1  0 of 2 holds  stopped: pain over 5/10",
        "2024-03-02  plan v1  1 of 1 hold  pain 2/10  felt too easy  complete",
    ]
    assert not any("(s)" in line or " - " in line or "partial" in line for line in lines)
