"""The timer's plan after a flare-up: rest that day, then two steps lower."""

from __future__ import annotations

import datetime as dt

from achilles_tui.domain.flare import plan_for_today
from achilles_tui.domain.models import DayKind, DiaryEntry, Exercise, Plan, Position
from achilles_tui.domain.rules import LADDER

START = dt.datetime(2026, 3, 1, 8, 0)


def _plan(level: str | None = "L4") -> Plan:
    step = LADDER[level or "L1"]
    exercise = Exercise(
        Position.NEUTRAL,
        step.legs,
        reps=step.reps,
        hold_seconds=step.hold_seconds,
        rest_seconds=step.rest_seconds,
    )
    return Plan(version=2, created=START, exercises=(exercise,), level=level)


def test_no_flare_up_keeps_the_plan() -> None:
    plan = _plan()
    today = dt.date(2026, 3, 10)
    assert plan_for_today(plan, [DiaryEntry(date=today, morning_pain=2)], today).plan == plan


def test_flare_up_day_is_a_rest_day() -> None:
    today = dt.date(2026, 3, 10)
    result = plan_for_today(_plan(), [DiaryEntry(date=today, day=DayKind.FLARE_UP)], today)
    assert result.rest_today
    assert result.advice is not None and result.advice.rule == "PROG-FLARE-UP-REST"


def test_days_after_a_flare_up_run_two_steps_lower() -> None:
    flare = dt.date(2026, 3, 10)
    diary = [
        DiaryEntry(date=flare, day=DayKind.FLARE_UP),
        DiaryEntry(date=flare + dt.timedelta(1), settled=True),
    ]
    result = plan_for_today(_plan("L4"), diary, flare + dt.timedelta(days=2))
    assert not result.rest_today
    assert result.plan.level == "L2"
    exercise = result.plan.exercises[0]
    assert (exercise.reps, exercise.hold_seconds, exercise.legs) == (5, 10, 2)
    assert exercise.position is Position.NEUTRAL


def test_not_settled_since_says_so() -> None:
    flare = dt.date(2026, 3, 10)
    diary = [
        DiaryEntry(date=flare, day=DayKind.FLARE_UP),
        DiaryEntry(date=flare + dt.timedelta(1), settled=False),
    ]
    result = plan_for_today(_plan("L4"), diary, flare + dt.timedelta(days=1))
    assert result.advice is not None and result.advice.rule == "MON-NOT-SETTLED"
    assert result.plan.level == "L2"


def test_a_newer_plan_version_or_an_own_plan_is_not_stepped_down() -> None:
    flare = dt.date(2026, 2, 20)  # before this plan version began: the review handled it
    diary = [DiaryEntry(date=flare, day=DayKind.FLARE_UP)]
    assert plan_for_today(_plan(), diary, dt.date(2026, 3, 2)).advice is None
    own = _plan(None)
    today = dt.date(2026, 3, 10)
    assert plan_for_today(own, [DiaryEntry(date=today, day=DayKind.FLARE_UP)], today).plan == own
