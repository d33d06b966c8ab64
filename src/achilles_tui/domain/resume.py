"""Where an interrupted session picks up: the first planned hold (or heel-raise set) not logged."""

from __future__ import annotations

from achilles_tui.domain.models import Plan, RepRecord, Side
from achilles_tui.domain.tempo_timer import schedule_for
from achilles_tui.domain.timer import RepPoint


def first_missing_rep(
    plan: Plan,
    done: tuple[RepRecord, ...],
    *,
    sides: str = "both",
    injured_side: Side | str = Side.LEFT,
) -> RepPoint | None:
    """The hold (or set: ``rep`` is then the set number) to resume from; None when all done."""
    logged = {(r.exercise_index, r.side, r.rep) for r in done}
    for step in schedule_for(plan, sides=sides, injured_side=injured_side):
        if step.starts_unit and tuple(step.point) not in logged:
            return step.point
    return None
