"""A fixed eight-week history with something of everything the physio report shows.

Two plan versions (L3, then L4 from a review), a flare-up, a session over 5/10, a morning not
settled, a warning sign, a week with few sessions, morning pain rising one week, two heel-raise
tests and two questionnaires ten points apart. Built from plain records, so it needs no file.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from achilles_tui.domain.assessment import Assessment, Condition
from achilles_tui.domain.capacity import Questionnaire
from achilles_tui.domain.engine import recommend
from achilles_tui.domain.models import (
    DayKind,
    DiaryEntry,
    Effort,
    Exercise,
    HeelRaiseTest,
    Plan,
    Position,
    RepRecord,
    SessionLog,
    Side,
)
from achilles_tui.domain.records import AssessmentRecord
from achilles_tui.domain.report_model import PhysioReport
from achilles_tui.domain.rules import LADDER
from tests.reports.helpers import report_model

TODAY = dt.date(2026, 3, 15)
FIRST = TODAY - dt.timedelta(days=55)


def ladder_plan(level: str, version: int, start: dt.date, source: str) -> Plan:
    """A plan at a ladder level from ``start``."""
    step = LADDER[level]
    exercise = Exercise(
        Position.NEUTRAL,
        legs=step.legs,
        added_load=step.added_load,
        reps=step.reps,
        hold_seconds=step.hold_seconds,
        rest_seconds=step.rest_seconds,
    )
    created = dt.datetime.combine(start, dt.time(9))
    return Plan(version, created, (exercise,), source=source, level=level, since=start)


def session(day: dt.date, plan: Plan, pain: int, holds: int | None = None) -> SessionLog:
    """A finished session of the plan's holds (all of them unless ``holds``)."""
    exercise = plan.exercises[0]
    assert isinstance(exercise, Exercise)
    sides = (Side.BOTH,) if exercise.legs == 2 else (Side.LEFT, Side.RIGHT)
    done = exercise.reps if holds is None else holds
    reps = tuple(
        RepRecord(0, side, n, exercise.hold_seconds) for side in sides for n in range(1, done + 1)
    )
    start = dt.datetime.combine(day, dt.time(8))
    return SessionLog(
        id=f"s{day.isoformat()}",
        date=day,
        plan_version=plan.version,
        started_at=start,
        ended_at=start + dt.timedelta(minutes=6),
        reps=reps,
        pain_during=pain,
        effort=Effort.CHALLENGING,
        complete=holds is None,
        over_limit=pain > 5,
        source="manual",
        reps_planned=exercise.reps * len(sides),
    )


def history(today: dt.date = TODAY) -> dict[str, Any]:
    """The records of the fixed history, ending ``today``."""
    first = today - dt.timedelta(days=55)
    l3 = ladder_plan("L3", 1, first - dt.timedelta(days=10), "assessment")
    l4 = ladder_plan("L4", 2, first + dt.timedelta(days=28), "review")
    diary: list[DiaryEntry] = []
    sessions: list[SessionLog] = []
    for offset in range(-10, 56):
        day = first + dt.timedelta(days=offset)
        week = max(offset, 0) // 7
        plan = l4 if day >= l4.start_date else l3
        pain = max(0, 4 - week // 2)
        kind = DayKind.FLARE_UP if offset == 17 else DayKind.NORMAL
        settled = offset not in (17, 30)
        flags = ("night-pain",) if offset == 44 else ()
        morning = pain + (3 if offset == 17 else 0) + (2 if 35 <= offset <= 41 else 0)
        diary.append(
            DiaryEntry(day, morning, max(2, 25 - 3 * week), settled, kind, red_flags=flags)
        )
        if kind is DayKind.FLARE_UP or (21 <= offset <= 27 and offset % 2):
            continue
        sessions.append(session(day, plan, 7 if offset == 29 else pain))
    tests = (
        HeelRaiseTest(first + dt.timedelta(days=20), 14, 24, 2, source="guided"),
        HeelRaiseTest(first + dt.timedelta(days=52), 22, 25, 2, source="guided"),
    )
    answers = Assessment(condition=Condition.MIDPORTION, side="left")
    record = AssessmentRecord.of(
        answers, recommend(answers), dt.datetime.combine(first - dt.timedelta(days=10), dt.time(8))
    )
    questionnaires = [
        Questionnaire(first + dt.timedelta(days=6), (5, 5, 5, 6, 5, 5, 5, 20)).to_record(),
        Questionnaire(first + dt.timedelta(days=40), (4, 4, 4, 5, 4, 4, 4, 12)).to_record(),
    ]
    return {
        "plans": [l3, l4],
        "diary": diary,
        "sessions": sessions,
        "assessment_records": [record],
        "review_records": questionnaires,
        "heel_raise_tests": tests,
    }


def fixed_report(weeks: int = 8, today: dt.date = TODAY) -> PhysioReport:
    """The report model of the fixed history."""
    return report_model(today, weeks, **history(today))
