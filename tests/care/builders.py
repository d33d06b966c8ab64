"""Small builders for care-state and counting tests: plans, sessions, diary days, records."""

from __future__ import annotations

import datetime as dt
from typing import Any

from achilles_tui.domain.assessment import Assessment, Condition
from achilles_tui.domain.engine import recommend
from achilles_tui.domain.models import (
    DayKind,
    DiaryEntry,
    Exercise,
    Plan,
    Position,
    RepRecord,
    SessionLog,
    Side,
)
from achilles_tui.domain.records import SOURCE_ASSESSMENT, AssessmentRecord
from achilles_tui.domain.rules import LADDER

NOW = dt.datetime(2026, 3, 16, 9, 30)
TODAY = NOW.date()


def at(days: int = 0, hour: int = 9) -> dt.datetime:
    """A moment ``days`` after NOW's date (negative: before) at ``hour``."""
    return dt.datetime.combine(TODAY + dt.timedelta(days=days), dt.time(hour))


def plan(
    level: str | None = "L3",
    *,
    version: int = 1,
    created: dt.datetime | None = None,
    source: str = "assessment",
    per_week: int = 7,
    position: Position = Position.NEUTRAL,
    rules: tuple[str, ...] = (),
    since: dt.date | None = None,
) -> Plan:
    """A one-exercise plan at a ladder level (an own plan when level is None)."""
    step = LADDER[level or "L3"]
    exercise = Exercise(
        position,
        legs=step.legs,
        added_load=step.added_load,
        reps=step.reps,
        hold_seconds=step.hold_seconds,
        rest_seconds=step.rest_seconds,
        sessions_per_week=per_week,
        rules=rules,
    )
    return Plan(
        version,
        created or at(-30),
        (exercise,),
        source=source if level else "own",
        level=level,
        since=since,
    )


def session(
    day: dt.date,
    *,
    done: int = 3,
    planned: int = 3,
    pain: int | None = 2,
    over_limit: bool = False,
    sid: str | None = None,
    finished: bool = True,
    paused_by: str | None = None,
) -> SessionLog:
    """A session of ``day`` with ``done`` of ``planned`` holds."""
    start = dt.datetime.combine(day, dt.time(8))
    return SessionLog(
        id=sid or f"s-{day.isoformat()}-{done}-{planned}-{pain}",
        date=day,
        plan_version=1,
        started_at=start,
        ended_at=start + dt.timedelta(minutes=5) if finished else None,
        reps=tuple(RepRecord(0, Side.BOTH, n + 1, 10) for n in range(done)),
        pain_during=pain,
        complete=done >= planned,
        over_limit=over_limit,
        reps_planned=planned,
        paused_by=paused_by,
    )


def day(
    when: dt.date,
    *,
    kind: DayKind = DayKind.NORMAL,
    flags: tuple[str, ...] = (),
    reported: dt.datetime | None = None,
    pain: int | None = 1,
    settled: bool | None = True,
) -> DiaryEntry:
    """A diary morning."""
    return DiaryEntry(
        when,
        morning_pain=pain,
        stiffness_minutes=5,
        settled=settled,
        day=kind,
        red_flags=flags,
        flags_reported_at=reported,
    )


def record(when: dt.datetime, source: str = SOURCE_ASSESSMENT, **answers: Any) -> AssessmentRecord:
    """A stored assessment of mid-portion answers changed by keyword."""
    values: dict[str, Any] = {"condition": Condition.MIDPORTION, **answers}
    assessment = Assessment(**values)
    return AssessmentRecord.of(assessment, recommend(assessment), when, source)
