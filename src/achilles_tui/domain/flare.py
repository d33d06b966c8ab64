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

from achilles_tui.domain.engine import Advice
from achilles_tui.domain.models import DayKind, DiaryEntry, Plan
from achilles_tui.domain.progression import flare_up_adjustment
from achilles_tui.domain.review_context import exercise_at_step
from achilles_tui.domain.rules import LADDER


@dataclass(frozen=True)
class SessionPlan:
    """The plan the timer should run today, and why it differs from the stored one."""

    plan: Plan
    advice: Advice | None = None
    rest_today: bool = False


def plan_for_today(plan: Plan, diary: Sequence[DiaryEntry], today: dt.date) -> SessionPlan:
    """Step the dose down after a flare-up logged since this plan version began.

    ``diary`` needs the entries from the plan's start to today; a new plan version (the weekly
    review's answer to the flare-up) ends the step-down.
    """
    flare_days = [
        e.date for e in diary if e.day is DayKind.FLARE_UP and plan.start_date <= e.date <= today
    ]
    if not flare_days or plan.level is None:
        return SessionPlan(plan)
    flare_day = max(flare_days)
    settled = all(e.settled is not False for e in diary if flare_day < e.date <= today)
    adjustment = flare_up_adjustment(plan.level, (today - flare_day).days, settled)
    step = LADDER[adjustment.level_now]
    exercises = tuple(
        exercise_at_step(ex, step, rest_seconds=step.rest_seconds, rules=(adjustment.advice.rule,))
        for ex in plan.exercises
    )
    stepped = dataclasses.replace(plan, exercises=exercises, level=adjustment.level_now)
    return SessionPlan(stepped, adjustment.advice, adjustment.rest_today)
