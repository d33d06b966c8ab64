"""The plain-words pieces of a review and of the physio report, shared with the UI.

The same wording of a suggestion and of its exact changes is used by the report
(``domain.report_model``), by ``review`` in the CLI and by the Progress screen, so all of them
say the same thing. Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from achilles_tui.domain.models import (
    ISOTONIC,
    AnyExercise,
    DomainError,
    HeelRaise,
    SessionLog,
    Side,
)
from achilles_tui.domain.progression import Review, Suggestion
from achilles_tui.domain.review_figures import WeekFigures
from achilles_tui.domain.wording import count

__all__ = [
    "DEFAULT_WEEKS",
    "DISCLAIMER",
    "MAX_WEEKS",
    "change_text",
    "exercise_dose_text",
    "figure_rows",
    "legs_words",
    "raise_dose_text",
    "review_text",
    "sets_text",
    "stage_words",
    "suggestion_text",
]

DEFAULT_WEEKS = 8
MAX_WEEKS = 104

DISCLAIMER = (
    "This report was put together by achilles-tui from the user's own diary and session "
    "logs. It offers general exercise guidance, not a diagnosis or medical advice, and its "
    "weekly suggestions are made automatically by rules that no clinician has signed off. "
    "The judgement and plan of the treating physio or surgeon always come first."
)

_HEADLINES: dict[Suggestion, str] = {
    Suggestion.PROGRESS: "Move up one step",
    Suggestion.HOLD: "Stay where you are for another week",
    Suggestion.REGRESS: "Step back to an easier level",
    Suggestion.SWITCH_TO_ISOTONIC: "Time to move on to heel raises (exercise with movement)",
    Suggestion.SEE_CLINICIAN: "Pause the plan and have it checked by a clinician or physio",
}
# The way back from heel raises to holds (PROG-ISOT-BACK-TO-ISO), once the review has it.
_HEADLINES.update(
    {
        s: "Go back to holds (isometric) for a while"
        for s in Suggestion
        if s.value == "switch_to_isometric"
    }
)
MILESTONE_RULE = "PROG-ISOT-MILESTONE"
_STAGE_WORDS = {"isometric": "holds (isometric)", ISOTONIC: "heel raises (isotonic)"}


# -- plain words --------------------------------------------------------------------------------


def suggestion_text(suggestion: str, level_from: str | None, level_to: str | None) -> str:
    """The suggestion as a sentence, with the level move when there is one."""
    try:
        value = Suggestion(suggestion)
    except ValueError:
        raise DomainError(f"unknown review suggestion {suggestion!r}") from None
    text = _HEADLINES[value]
    if level_from is None:
        return f"{text} (your own or your physio's plan stays as it is)."
    if level_to is not None and level_to != level_from:
        return f"{text}: {level_from} -> {level_to}."
    return f"{text} (level {level_from})."


def change_text(field: str, before: object, after: object) -> str:
    """One dose change as a person says it, e.g. 'hold 10 s -> 20 s', 'two legs -> one leg'."""
    if field == "legs":
        return f"{legs_words(before)} -> {legs_words(after)}"
    if field == "added_load":
        return f"{_load(before)} -> {_load(after)}"
    if field == "hold_seconds":
        return f"hold {before} s -> {after} s"
    if field == "rest_seconds":
        return f"rest {before} s -> {after} s"
    if field == "reps":
        return f"reps {before} -> {after}"
    if field == "position":
        return f"{_position(before)} -> {_position(after)}"
    if field == "stage":
        return f"{stage_words(str(before))} -> {stage_words(str(after))}"
    if field == "load_kg":
        return f"added load {_kg(before)} -> {_kg(after)}"
    if field == "surface":
        return f"on the {before} -> on the {after}".replace("the step", "a step")
    if field == "sets":
        return f"sets {before} -> {after}"
    if field == "exercise":
        return f"{_raise_kind(before)} -> {_raise_kind(after)}"
    if field == "tempo":
        return f"tempo {_tempo(before)} -> {_tempo(after)}"
    if field == "sessions_per_week":
        return f"sessions a week {before} -> {after}"
    return f"{field.replace('_', ' ')} {before} -> {after}"


def stage_words(stage: str) -> str:
    """'holds (isometric)' / 'heel raises (isotonic)'."""
    return _STAGE_WORDS.get(stage, stage)


def _kg(value: object) -> str:
    """'none' for body weight, else '5 kg'."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f"{value:g} kg" if value else "none"
    return str(value)


def _raise_kind(value: object) -> str:
    """'heel raise' / 'up on two, down on one'."""
    return {"heel_raise": "heel raise", "up_two_down_one": "up on two, down on one"}.get(
        str(value), str(value)
    )


def _tempo(value: object) -> str:
    """A stored tempo (``{"up": 3, ...}`` or '3/0/3') as '3/0/3'."""
    if isinstance(value, Mapping):
        return f"{value.get('up')}/{value.get('top')}/{value.get('down')}"
    return str(getattr(value, "text", value))


def exercise_dose_text(exercise: AnyExercise) -> str:
    """One exercise's whole dose in a line, holds or heel raises."""
    if isinstance(exercise, HeelRaise):
        often = (
            "every day"
            if exercise.sessions_per_week == 7
            else f"{exercise.sessions_per_week} days a week, never two in a row"
        )
        return (
            f"{exercise.label}, {exercise.sets} x {exercise.reps}, tempo {exercise.tempo.text}, "
            f"rest {exercise.rest_seconds} s between sets, {exercise.load_text}, {often}"
        )
    return (
        f"{exercise.label}, {exercise.reps} x {exercise.hold_seconds} s, rest "
        f"{exercise.rest_seconds} s, {exercise.load_text}, {exercise.sessions_per_week}/week"
    )


def sets_text(session: SessionLog) -> str:
    """A heel-raise session in a few words: '3/3 sets · 45 raises · +5 kg'."""
    sets = (
        f"{len(session.reps)}/{session.reps_planned}"
        if session.reps_planned
        else str(len(session.reps))
    )
    loads = sorted({r.load_kg for r in session.reps if r.raises})
    load = " · ".join(f"+{kg:g} kg" for kg in loads if kg) or "body weight"
    return f"{sets} sets · {count(session.raises_done, 'raise')} · {load}"


def raise_dose_text(by_side: Mapping[Side, float], raises_by_side: Mapping[Side, int]) -> str:
    """Raises and raises x load per side: 'left 45 raises (raises x kg = 225)', '-' for none.

    Body-weight raises count as raises with 0 kg of added load (History says the same).
    """
    if not raises_by_side:
        return "-"
    parts = []
    for side in sorted(raises_by_side, key=lambda s: s.value):
        kg = by_side.get(side, 0.0)
        load = f"raises x kg = {kg:g}" if kg else "body weight"
        parts.append(f"{side.value} {count(raises_by_side[side], 'raise')} ({load})")
    return "; ".join(parts)


def legs_words(value: object) -> str:
    """'two legs' / 'one leg'."""
    return {1: "one leg", 2: "two legs"}.get(value if isinstance(value, int) else -1, str(value))


def _position(value: object) -> str:
    """'level-heel hold' / 'partway heel raise (on the floor)'."""
    names = {
        "neutral": "level-heel hold",
        "heel_raised": "partway heel raise (on the floor)",
        "heel_drop": "heel-drop hold",
    }
    return names.get(str(value), str(value))


def _load(value: object) -> str:
    """Added load as words; the review may also give free text ('a little heavier')."""
    if value is True:
        return "a light added load"
    if value is False:
        return "body weight only"
    return str(value)


def review_text(review: Review) -> list[str]:
    """A review as readable lines: suggestion, changes, figures, reasons with rule ids."""
    lines = [suggestion_text(str(review.suggestion), review.level_from, review.level_to)]
    if review.too_little_data:
        lines.append("Too little logged this week to judge it; see the reason below.")
    if review.changes:
        lines.append(
            "Changes: " + "; ".join(change_text(c.field, c.from_, c.to) for c in review.changes)
        )
    lines.append("")
    lines.append(f"{'Week ending':<26}{review.week_ending.isoformat():>12}{'week before':>14}")
    for label, this_week, last_week in figure_rows(review.week, review.previous_week):
        lines.append(f"{label:<26}{this_week:>12}{last_week:>14}")
    lines.append("")
    lines.append("Reasons:")
    lines += [f"  - {reason.message} ({reason.rule})" for reason in review.reasons]
    lines.append(f"Rules fired: {', '.join(review.rules_fired)}")
    return lines


# -- figures ------------------------------------------------------------------------------------


def _num(value: float | int | None, unit: str = "") -> str:
    """A figure for a table cell; '-' when nothing was logged."""
    if value is None:
        return "-"
    return f"{value:g}{unit}"


def done_of_planned(week: WeekFigures) -> str:
    """'5/7'; '-' for a week wholly before the first plan (neither done nor missed, §E1)."""
    if week.planned_days == 0:
        return "-"
    return f"{week.sessions_done}/{week.sessions_planned}"


def dose_text(week: WeekFigures) -> str:
    """Time under tension x load per side, e.g. 'both 150' or 'left 90, right 90'."""
    if not week.dose:
        return "-"
    return ", ".join(f"{side} {value:g}" for side, value in sorted(week.dose.items()))


def figure_rows(week: WeekFigures, previous: WeekFigures | None) -> list[tuple[str, str, str]]:
    """(measure, this week, week before): symptoms beside the dose that may have caused them."""

    def both(label: str, pick: Any) -> tuple[str, str, str]:
        return (label, pick(week), "-" if previous is None else pick(previous))

    return [
        both("Sessions done / planned", done_of_planned),
        both("Adherence", lambda w: "-" if w.adherence is None else f"{w.adherence:.0%}"),
        both("Max pain during (0-10)", lambda w: _num(w.max_pain_during)),
        both("Mean pain during", lambda w: _num(w.mean_pain_during)),
        both("Sessions over 5/10", lambda w: str(w.sessions_over_5)),
        both("Mean morning pain", lambda w: _num(w.mean_morning_pain)),
        both("Not-settled mornings", lambda w: str(w.not_settled_mornings)),
        both("Mean stiffness", lambda w: _num(w.mean_stiffness_minutes, " min")),
        both("Flare-up days", lambda w: str(w.flare_up_days)),
        both("Diary days", lambda w: str(w.diary_days)),
        both("Effort (most often)", lambda w: str(w.weekly_effort or "-")),
        both("Dose (s x load, by side)", dose_text),
    ]
