"""Synthetic histories of any size, written straight to a history file for benchmarks."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from achilles_tui.domain.models import (
    DayKind,
    DiaryEntry,
    Effort,
    Exercise,
    Plan,
    Position,
    RepRecord,
    SessionLog,
    Settings,
    Side,
)
from achilles_tui.storage import codec
from achilles_tui.storage.database import ensure_private_dir
from achilles_tui.storage.migrations import new_document
from achilles_tui.storage.safe_storage import atomic_write_bytes, encode_document


def write_history(data_dir: Path, *, diary: int, sessions: int, seed: int = 7) -> Path:
    """A history ending today with `diary` daily entries and `sessions` sessions."""
    rng = random.Random(seed)
    today = dt.date.today()
    ensure_private_dir(data_dir)
    document = new_document()
    plan = Plan(
        version=1,
        created=dt.datetime.combine(today - dt.timedelta(days=max(diary, sessions)), dt.time(8)),
        exercises=(Exercise(Position.NEUTRAL, 2, reps=3, hold_seconds=10, rest_seconds=15),),
        source="assessment",
        level="L1",
    )
    document["plans"] = {"1": codec.plan_to_doc(plan)}
    document["settings"] = {"1": codec.settings_to_doc(Settings(disclaimer_accepted=True))}
    document["diary"] = {
        str(i + 1): codec.diary_to_doc(
            DiaryEntry(
                date=today - dt.timedelta(days=i),
                morning_pain=rng.randint(0, 6),
                stiffness_minutes=rng.randint(0, 40),
                settled=rng.random() > 0.2,
                day=DayKind.REST if i % 9 == 0 else DayKind.NORMAL,
                notes="felt fine" if i % 5 else "",
            )
        )
        for i in range(diary)
    }
    document["sessions"] = {}
    for i in range(sessions):
        day = today - dt.timedelta(days=i % 3650)
        start = dt.datetime.combine(day, dt.time(7, 30)) + dt.timedelta(minutes=i // 3650)
        reps = tuple(RepRecord(0, Side.BOTH, rep, 10) for rep in (1, 2, 3))
        log = SessionLog(
            id=f"bench{i:07d}",
            date=day,
            plan_version=1,
            started_at=start,
            ended_at=start + dt.timedelta(minutes=2),
            reps=reps,
            pain_during=rng.randint(0, 6),
            effort=rng.choice(list(Effort)),
            complete=True,
            reps_planned=3,
        )
        document["sessions"][str(i + 1)] = codec.session_to_doc(log)
    path = data_dir / "history.json"
    atomic_write_bytes(path, encode_document(document))
    return path
