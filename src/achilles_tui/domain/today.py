"""Plain-words summaries of the day, shared by the Today screen and `status`."""

from __future__ import annotations

from achilles_tui.domain.models import DiaryEntry, HistorySnapshot, Plan


def plan_lines(plan: Plan) -> list[str]:
    """One line for the plan header, then one per exercise."""
    level = f", level {plan.level}" if plan.level else ""
    head = f"version {plan.version}{level}, since {plan.created:%d %b %Y} ({plan.source})"
    lines = [head]
    for ex in plan.exercises:
        lines.append(
            f"{ex.label}: {ex.reps} x {ex.hold_seconds} s, rest {ex.rest_seconds} s, "
            f"{ex.load_text}, {ex.sessions_per_week}/week"
        )
    return lines


def session_line(snap: HistorySnapshot) -> str:
    """Was today's session done, partly done, or not yet."""
    if snap.current_plan is None:
        return "nothing to do until you have a plan."
    finished = [s for s in snap.today_sessions if s.finished]
    if finished:
        last = finished[-1]
        pain = f", pain {last.pain_during}/10" if last.pain_during is not None else ""
        state = "done" if last.complete else "ended early"
        extra = f" ({len(finished)} today)" if len(finished) > 1 else ""
        return f"{state} at {last.ended_at:%H:%M}, {len(last.reps)} holds{pain}{extra}."
    if snap.today_sessions:
        return "started but not finished; you can resume it."
    return "not done yet today."


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
