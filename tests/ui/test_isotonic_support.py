"""Histories with a heel-raise plan, shared by the isotonic UI tests (no tests of its own)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from achilles_tui.domain import isotonic
from achilles_tui.domain.assessment import Assessment, Condition
from achilles_tui.domain.engine import recommend
from achilles_tui.domain.models import (
    DiaryEntry,
    Effort,
    HeelRaise,
    Plan,
    RepRecord,
    SessionLog,
    Settings,
    Side,
)
from achilles_tui.domain.records import AssessmentRecord
from achilles_tui.storage.database import HistoryStore
from achilles_tui.storage.repository import Repository
from tests.conftest import FROZEN_NOW

TODAY = FROZEN_NOW.date()
PLAN_MADE = FROZEN_NOW - dt.timedelta(days=21)


GOOD_WEEK = (3, 5, 7)
"""Session days (days ago) of a good T7-T8 week: three loaded days, none yesterday, so last
week was GREEN and a session is due today: the heel-raise test is offered (MON-ISOT-HR-TEST)."""


def ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


def raise_session(
    day: dt.date,
    plan: Plan,
    *,
    sets_done: int | None = None,
    side: Side = Side.LEFT,
    pain: int = 2,
    ident: str | None = None,
) -> SessionLog:
    """A finished heel-raise session: one record a set, raises x the plan's load."""
    exercise = plan.exercises[0]
    assert isinstance(exercise, HeelRaise)
    done = exercise.sets if sets_done is None else sets_done
    start = dt.datetime.combine(day, dt.time(8))
    seconds = exercise.reps * exercise.tempo.rep_seconds
    return SessionLog(
        id=ident or f"hr{day.isoformat()}",
        date=day,
        plan_version=plan.version,
        started_at=start,
        ended_at=start + dt.timedelta(minutes=8),
        reps=tuple(
            RepRecord(0, side, n, seconds, exercise.load_kg, exercise.reps)
            for n in range(1, done + 1)
        ),
        pain_during=pain,
        effort=Effort.CHALLENGING,
        complete=done == exercise.sets,
        over_limit=pain > 5,
        source="manual",
        reps_planned=exercise.sets,
    )


def isotonic_history(
    data_dir: Path,
    *,
    level: str = "T7",
    side: str = "left",
    session_days: tuple[int, ...] = (),
    sound: str = "off",
    condition: Condition = Condition.MIDPORTION,
) -> Plan:
    """An accepted disclaimer, a mid-portion assessment and a heel-raise plan at ``level``."""
    profile = isotonic.Profile(condition=condition)
    exercise = isotonic.exercise_for(level, profile)
    answers = Assessment(condition=condition, side=side)
    record = AssessmentRecord.of(answers, recommend(answers), PLAN_MADE)
    with HistoryStore(data_dir) as store:
        repo = Repository(store)
        repo.save_settings(
            Settings(
                disclaimer_accepted=True,
                sound=sound,
                injured_side=side if side != "both" else "left",
            )
        )
        plan = repo.save_assessment_and_plan(
            record, [exercise], source="assessment", level=level, created=PLAN_MADE
        )
        for offset in session_days:
            repo.add_manual_session(raise_session(ago(offset), plan))
            repo.save_diary(DiaryEntry(ago(offset), 1, 5, True))
    return plan
