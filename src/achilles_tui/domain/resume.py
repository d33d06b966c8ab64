"""Where an interrupted session picks up: the first planned hold not yet logged."""

from __future__ import annotations

from achilles_tui.domain.models import Plan, RepRecord, Side
from achilles_tui.domain.timer import Phase, RepPoint, build_schedule


def first_missing_rep(
    plan: Plan,
    done: tuple[RepRecord, ...],
    *,
    sides: str = "both",
    injured_side: Side | str = Side.LEFT,
) -> RepPoint | None:
    """The hold to resume from, or None when every planned hold was logged."""
    logged = {(r.exercise_index, r.side, r.rep) for r in done}
    for step in build_schedule(plan, sides=sides, injured_side=injured_side):
        if step.phase is Phase.HOLD and (step.exercise_index, step.side, step.rep) not in logged:
            return RepPoint(step.exercise_index, step.side, step.rep)
    return None
