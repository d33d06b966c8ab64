"""§F5 decision 4: counted sessions never exceed sessions planned, and loaded heel raises
(T7-T8) beyond the plan or on consecutive days make the week AMBER at best.

The figures come from ``review_figures.compute_week`` (``loaded_sessions``,
``loaded_days_in_a_row``); the AMBER sign from ``IsotonicJudge._amber_signs``, whose hold
names PROG-ISOT-HOLD with the message "Loaded raises need a day's rest in between".
"""

from __future__ import annotations

import datetime as dt

import pytest

from achilles_tui.domain import isotonic
from achilles_tui.domain.assessment import Condition
from achilles_tui.domain.counting import PlanTimeline
from achilles_tui.domain.models import ISOTONIC, HeelRaise, Plan, RepRecord, SessionLog, Side
from achilles_tui.domain.progression import ReviewContext, Suggestion
from achilles_tui.domain.review_figures import compute_week
from achilles_tui.domain.weekly_review import review_week
from tests.care.builders import TODAY, day

MESSAGE = "Loaded raises need a day's rest in between"
PROFILE = isotonic.Profile(condition=Condition.MIDPORTION)
MADE = dt.datetime.combine(TODAY - dt.timedelta(days=30), dt.time(9))
WEEK_START = TODAY - dt.timedelta(days=6)


def raise_plan(level: str) -> Plan:
    """A review-made heel-raise plan at ``level``, begun 30 days ago."""
    exercise = isotonic.exercise_for(level, PROFILE)
    return Plan(1, MADE, (exercise,), source="review", level=level)


def raise_session(
    plan: Plan, offset: int, *, n: int = 0, pain: int = 2, load: bool = True
) -> SessionLog:
    """Every set of ``plan`` done on WEEK_START + ``offset`` (at body weight when not ``load``)."""
    (exercise,) = plan.exercises
    assert isinstance(exercise, HeelRaise)
    when = WEEK_START + dt.timedelta(days=offset)
    start = dt.datetime.combine(when, dt.time(8 + n))
    kg = exercise.load_kg if load else 0.0
    sides = (Side.BOTH,) if exercise.legs == 2 else (Side.LEFT, Side.RIGHT)
    reps = tuple(
        RepRecord(0, side, number, 60, load_kg=kg, raises=exercise.reps)
        for side in sides
        for number in range(1, exercise.sets + 1)
    )
    return SessionLog(
        id=f"s{offset}-{n}",
        date=when,
        plan_version=plan.version,
        started_at=start,
        ended_at=start + dt.timedelta(minutes=20),
        reps=reps,
        pain_during=pain,
        complete=True,
        over_limit=pain > 5,
        reps_planned=len(reps),
    )


CASES = [
    # level, session days (0 = first day of the week; a repeat is a second session that day),
    # pains (default 2), loaded, sessions_done, loaded days in a row, suggestion, AMBER message
    ("T8", (0, 2, 4), (), True, 3, 3, 0, Suggestion.PROGRESS, False),  # good: +2.5 kg
    ("T8", (0, 1, 3), (), True, 3, 3, 1, Suggestion.HOLD, True),  # two days in a row
    ("T8", (0, 2, 4, 6), (), True, 4, 3, 0, Suggestion.HOLD, True),  # more than planned
    ("T8", (0, 2, 2, 4), (), True, 4, 3, 0, Suggestion.HOLD, True),  # two on one day
    ("T8", (-1, 0, 2, 4), (), True, 3, 3, 1, Suggestion.HOLD, True),  # last week's Sunday too
    ("T7", (0, 1, 2, 3, 4, 5, 6), (), True, 7, 3, 6, Suggestion.HOLD, True),
    ("T8", (0, 1, 3), (7, 7), True, 3, 3, 1, Suggestion.REGRESS, False),  # RED still wins
    ("T8", (0, 1, 2, 4), (), False, 0, 3, 0, Suggestion.PROGRESS, False),  # body weight only
    ("T6", (0, 1, 2, 3, 4, 5, 6), (), True, 0, 7, 0, Suggestion.PROGRESS, False),  # daily step
]


@pytest.mark.parametrize(
    ("level", "days", "pains", "load", "loaded", "done", "in_a_row", "suggestion", "amber"),
    CASES,
    ids=["T8 alternate days", "T8 in a row", "T8 four", "T8 twice a day", "T8 over the week end",
         "T7 daily", "RED first", "T8 unloaded", "T6 daily"],
)  # fmt: skip
def test_decision4_loaded_raises_need_a_days_rest_and_never_count_past_the_plan(
    level: str,
    days: tuple[int, ...],
    pains: tuple[int, ...],
    load: bool,
    loaded: int,
    done: int,
    in_a_row: int,
    suggestion: Suggestion,
    amber: bool,
) -> None:
    plan = raise_plan(level)
    timeline = PlanTimeline([plan])
    sessions = []
    for index, offset in enumerate(days):
        pain = pains[index] if index < len(pains) else 2
        sessions.append(
            raise_session(plan, offset, n=days[:index].count(offset), pain=pain, load=load)
        )
    diary = [day(WEEK_START + dt.timedelta(days=k)) for k in range(-7, 7)]
    week = compute_week(TODAY, diary, sessions, None, timeline)
    assert (week.loaded_sessions, week.sessions_done, week.loaded_days_in_a_row) == (
        loaded,
        done,
        in_a_row,
    )
    assert week.sessions_done <= week.sessions_planned
    assert week.adherence is not None and week.adherence <= 1.0
    context = ReviewContext(
        level=level,
        stage=ISOTONIC,
        condition=Condition.MIDPORTION,
        profile=PROFILE,
        timeline=timeline,
        load_kg=plan.exercises[0].load_kg,
    )
    review = review_week(TODAY, diary, sessions, context)
    assert review.suggestion is suggestion
    held = [reason.message for reason in review.reasons if reason.rule == "PROG-ISOT-HOLD"]
    assert any(MESSAGE in message for message in held) is amber
    if amber:
        assert review.level_to == level and review.changes == ()  # no step, no load
        assert review.load_to is None or review.load_to == plan.exercises[0].load_kg
