"""Plain-words summaries of the day, shared by the Today screen and `status`."""

from __future__ import annotations

from achilles_tui.domain.models import DiaryEntry, HeelRaise, Plan


def plan_lines(plan: Plan) -> list[str]:
    """One line for the plan header, then one per exercise."""
    level = f", level {plan.level}" if plan.level else ""
    head = f"version {plan.version}{level}, since {plan.start_date:%d %b %Y} ({plan.source})"
    lines = [head]
    for ex in plan.exercises:
        if isinstance(ex, HeelRaise):  # sets of raises, never "hold 0 s"
            lines.append(f"{ex.label}: {ex.dose_text}, {ex.load_text}, {ex.sessions_per_week}/week")
            continue
        lines.append(
            f"{ex.label}: {ex.reps} x {ex.hold_seconds} s, rest {ex.rest_seconds} s, "
            f"{ex.load_text}, {ex.sessions_per_week}/week"
        )
    return lines


def diary_line(entry: DiaryEntry | None) -> str:
    """This morning's diary in one line, or that it is missing."""
    if entry is None:
        return "not logged yet today."
    parts = []
    if entry.day.value != "normal":
        parts.append(f"{entry.day.value} day")
    if entry.morning_pain is not None:
        parts.append(f"morning pain {entry.morning_pain}/10")
    if entry.stiffness_minutes is not None:
        parts.append(f"stiffness {entry.stiffness_minutes} min")
    if entry.settled is not None:
        parts.append("settled" if entry.settled else "not settled")
    return "logged: " + (", ".join(parts) if parts else "no scores") + "."
