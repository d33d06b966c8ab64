"""After a flare-up, the next sessions run two ladder steps lower until a review moves on.

PROG-FLARE-UP-REST: the flare-up day itself is a rest day (the care state stops sessions),
and the stored plan is not changed: the timer uses a stepped-down copy until the weekly
review (which regresses two steps after a flare-up, §E3) produces a new plan version. The
way back up is then one step per good week.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from achilles_tui.domain import isotonic
from achilles_tui.domain.engine import Advice
from achilles_tui.domain.models import (
    ISOTONIC,
    AnyExercise,
    DayKind,
    DiaryEntry,
    Exercise,
    HeelRaise,
    Plan,
    Surface,
)
from achilles_tui.domain.rules import LADDER


@dataclass(frozen=True)
class SessionPlan:
    """The plan the timer should run today, and why it differs from the stored one."""

    plan: Plan
    advice: Advice | None = None
    rest_today: bool = False
    # §F5: the plan goes past a limit of the profile in force (the next review brings it down).
    limit: Advice | None = None


def plan_for_today(plan: Plan, diary: Sequence[DiaryEntry], today: dt.date) -> SessionPlan:
    """Step the dose down after a flare-up logged since this plan version began.

    ``diary`` needs the entries from the plan's start to today; a new plan version (the weekly
    review's answer to the flare-up) ends the step-down. Without a flare-up nothing else is
    imported: Today and `status` ask this on every start.
    """
    flare_days = [
        e.date for e in diary if e.day is DayKind.FLARE_UP and plan.start_date <= e.date <= today
    ]
    if not flare_days or plan.level is None:
        return SessionPlan(plan)
    # Imported here: the review's modules cost start-up time and only a flare-up needs them.
    from achilles_tui.domain.progression import flare_up_adjustment

    flare_day = max(flare_days)
    settled = all(e.settled is not False for e in diary if flare_day < e.date <= today)
    adjustment = flare_up_adjustment(plan.level, (today - flare_day).days, settled)
    exercises = _stepped(plan, adjustment.level_now, adjustment.advice.rule)
    stepped = dataclasses.replace(plan, exercises=exercises, level=adjustment.level_now)
    return SessionPlan(stepped, adjustment.advice, adjustment.rest_today)


def _stepped(plan: Plan, level: str, rule_id: str) -> tuple[AnyExercise, ...]:
    """The plan's exercises at a lower step: holds keep their position, heel raises their
    surface (a floor plan stays on the floor)."""
    if plan.stage == ISOTONIC:
        on_floor = plan.floor_only or all(
            isinstance(ex, HeelRaise) and ex.surface is Surface.FLOOR for ex in plan.exercises
        )
        profile = isotonic.Profile(floor_only=on_floor)
        return (isotonic.exercise_for(level, profile, rules=(rule_id,)),)
    from achilles_tui.domain.review_context import exercise_at_step

    step = LADDER[level]
    return tuple(
        exercise_at_step(ex, step, rest_seconds=step.rest_seconds, rules=(rule_id,))
        for ex in plan.exercises
        if isinstance(ex, Exercise)
    )
