"""A Markdown report for a physio, and the plain-words pieces of a review shared with the UI.

A physio reads weeks of figures faster as a table than as a diary, and the user should not
have to copy numbers by hand. The same wording of a suggestion and of its exact changes is
used here, by ``review`` in the CLI and by the Progress screen, so all three say the same
thing. Pure: the caller reads the history and writes the file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from achilles_tui.domain.capacity import (
    DOMAINS,
    PARAPHRASE_LABEL,
    questionnaires_in,
    self_tests_in,
)
from achilles_tui.domain.counting import PlanTimeline
from achilles_tui.domain.engine import Advice
from achilles_tui.domain.flare import SessionPlan
from achilles_tui.domain.models import (
    ISOTONIC,
    AnyExercise,
    DiaryEntry,
    DomainError,
    Exercise,
    HeelRaise,
    HeelRaiseTest,
    Plan,
    SessionLog,
    Side,
)
from achilles_tui.domain.progression import Review, Suggestion
from achilles_tui.domain.records import AssessmentRecord
from achilles_tui.domain.review_context import build_review, weekly_review_records
from achilles_tui.domain.review_figures import WEEK_DAYS, WeekFigures, compute_week
from achilles_tui.domain.wording import count

__all__ = [
    "DEFAULT_WEEKS",
    "DISCLAIMER",
    "MAX_WEEKS",
    "build_report",
    "change_text",
    "exercise_dose_text",
    "figure_rows",
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
_SPARK = "▁▂▃▄▅▆▇█"


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
        return f"{_legs(before)} -> {_legs(after)}"
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


def _legs(value: object) -> str:
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


# -- Markdown -----------------------------------------------------------------------------------


def _cell(value: object) -> str:
    """Table-safe text: a pipe or a line break would split or end the row."""
    text = " ".join(str(value).split())
    return text.replace("|", "/") or "-"


def _table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> list[str]:
    """A GitHub-style Markdown table (every row has the header's number of cells)."""
    lines = ["| " + " | ".join(_cell(h) for h in header) + " |"]
    lines.append("|" + "|".join(" --- " for _ in header) + "|")
    for row in rows:
        if len(row) != len(header):
            raise ValueError("a report row must have one cell per column")
        lines.append("| " + " | ".join(_cell(c) for c in row) + " |")
    return lines


def _table_section(
    title: str, header: Sequence[str], rows: Sequence[Sequence[object]], *notes: str
) -> list[str]:
    """A titled section that is one table, with any notes under it (a line a note)."""
    below = ["", *notes] if notes else []
    return [f"## {title}", "", *_table(header, rows), *below, ""]


def _spark(values: Sequence[float | None], top: float) -> str:
    """A one-line chart of weekly means (a gap for a week with nothing logged)."""
    marks = []
    for value in values:
        if value is None:
            marks.append(" ")
        else:
            index = round(min(max(value, 0.0), top) / top * (len(_SPARK) - 1)) if top else 0
            marks.append(_SPARK[index])
    return "".join(marks)


def _plan_dose(plan: Plan) -> str:
    """The plan's dose in one cell, one part per exercise."""
    return "; ".join(
        f"{ex.label}: {ex.sets} x {ex.reps}, tempo {ex.tempo.text}, rest {ex.rest_seconds} s "
        f"between sets, {ex.load_text}"
        if isinstance(ex, HeelRaise)
        else f"{ex.label}: {ex.reps} x {ex.hold_seconds} s, rest {ex.rest_seconds} s, "
        f"{ex.load_text}"
        for ex in plan.exercises
    )


def _trend(label: str, unit: str, values: Sequence[float | None]) -> str:
    """First and last logged weekly mean and which way it went."""
    known = [v for v in values if v is not None]
    if len(known) < 2:
        return f"- {label}: not enough weeks logged to show a trend."
    first, last = known[0], known[-1]
    if last < first:
        way = "lower (better)"
    elif last > first:
        way = "higher (worse)"
    else:
        way = "unchanged"
    return (
        f"- {label}: {first:g}{unit} in the first logged week, {last:g}{unit} in the last: {way}."
    )


def build_report(
    today: dt.date,
    weeks: int,
    plans: Sequence[Plan],
    diary: Sequence[DiaryEntry],
    sessions: Sequence[SessionLog],
    assessment_records: Sequence[AssessmentRecord],
    review_records: Sequence[Mapping[str, Any]],
    active_blocks: Sequence[Advice] = (),
    heel_raise_tests: Sequence[HeelRaiseTest] = (),
    in_force: SessionPlan | None = None,
) -> str:
    """The whole report as Markdown: plan, weekly table, trend, history, reviews, capacity.

    Heel-raise sessions, the stage and step over time and the guided heel-raise tests get
    sections of their own once there are any. ``in_force`` is the current plan as the next
    sessions run it (after a flare-up, two steps lower; §F5 decision 13).
    """
    if isinstance(weeks, bool) or not isinstance(weeks, int) or not 1 <= weeks <= MAX_WEEKS:
        raise DomainError(f"weeks must be a whole number from 1 to {MAX_WEEKS}, got {weeks!r}")
    endings = [today - dt.timedelta(days=WEEK_DAYS * k) for k in range(weeks - 1, -1, -1)]
    first_day = endings[0] - dt.timedelta(days=WEEK_DAYS - 1)
    out: list[str] = [
        "# Achilles tendon rehab report",
        "",
        f"Made on {today.isoformat()}, covering {count(weeks, 'week')} "
        f"from {first_day.isoformat()} to {today.isoformat()}.",
        "",
        f"> {DISCLAIMER}",
        "",
    ]
    out += _current_plan(plans, in_force)
    figures = _weekly_figures(endings, diary, sessions, PlanTimeline(plans))
    out += _figures_section(figures)
    out += _trend_section(figures)
    out += _this_week(
        today, plans, diary, sessions, assessment_records, review_records, active_blocks
    )
    out += _plan_history(plans)
    out += _stage_section(plans)
    out += _heel_raise_sessions(sessions, plans, first_day, today)
    out += _reviews_section(review_records, first_day)
    out += _heel_raise_tests_section(heel_raise_tests)
    out += _capacity_section(review_records)
    out += ["## About this report", "", DISCLAIMER, ""]
    return "\n".join(out).rstrip("\n") + "\n"


def _current_plan(plans: Sequence[Plan], in_force: SessionPlan | None = None) -> list[str]:
    """The plan being followed now, as the next sessions run it; one table row per exercise."""
    out = ["## Current plan", ""]
    if not plans:
        return [*out, "No plan has been saved yet.", ""]
    plan = max(plans, key=lambda p: p.version)
    advice = limit = None
    if in_force is not None and in_force.plan.version == plan.version:
        plan, advice, limit = in_force.plan, in_force.advice, in_force.limit
    level = plan.level or "own or physio plan (no ladder level)"
    out += [
        f"Version {plan.version}, since {plan.created.date().isoformat()}, made by "
        f"{plan.source}; stage: {stage_words(plan.stage)}; level: {level}; mode: {plan.mode}.",
        "",
    ]
    if limit is not None:
        out += [f"Past the latest assessment's limits: {limit.message} ({limit.rule})", ""]
    if advice is not None:
        out += [f"After a flare-up: {advice.message} ({advice.rule})", ""]
    if plan.stage == ISOTONIC:
        raise_rows = [
            (
                ex.label,
                f"{ex.sets} x {ex.reps}",
                ex.tempo.text,
                f"{ex.rest_seconds} s",
                ex.load_text,
                f"{ex.sessions_per_week}/week",
            )
            for ex in plan.exercises
            if isinstance(ex, HeelRaise)
        ]
        out += _table(
            (
                "Exercise",
                "Sets x reps",
                "Tempo (up/top/down s)",
                "Rest between sets",
                "Load",
                "Sessions",
            ),
            raise_rows,
        )
        if plan.sessions_per_week < 7:
            out += ["", "Loaded sessions on non-consecutive days."]
        return [*out, ""]
    rows = [
        (
            ex.label,
            ex.reps,
            f"{ex.hold_seconds} s",
            f"{ex.rest_seconds} s",
            ex.load_text,
            f"{ex.sessions_per_week}/week",
        )
        for ex in plan.exercises
        if isinstance(ex, Exercise)
    ]
    out += _table(("Exercise", "Reps", "Hold", "Rest", "Load", "Sessions"), rows)
    return [*out, ""]


def _weekly_figures(
    endings: Sequence[dt.date],
    diary: Sequence[DiaryEntry],
    sessions: Sequence[SessionLog],
    timeline: PlanTimeline,
) -> list[WeekFigures]:
    """One summary per week, oldest first, each with the stiffness trend to the week before."""
    figures: list[WeekFigures] = []
    for ending in endings:
        earlier = ending - dt.timedelta(days=WEEK_DAYS)
        before = compute_week(earlier, diary, sessions, None, timeline)
        figures.append(
            compute_week(ending, diary, sessions, before.exact_stiffness_minutes, timeline)
        )
    return figures


def _figures_section(figures: Sequence[WeekFigures]) -> list[str]:
    """The weekly table a physio scans first."""
    header = (
        "Week ending",
        "Sessions done/planned",
        "Max pain during",
        "Mean pain during",
        "Mean morning pain",
        "Mean stiffness (min)",
        "Not-settled mornings",
        "Flare-up days",
        "Dose (s x load, by side)",
    )
    rows = [
        (
            week.week_ending.isoformat(),
            done_of_planned(week),
            _num(week.max_pain_during),
            _num(week.mean_pain_during),
            _num(week.mean_morning_pain),
            _num(week.mean_stiffness_minutes),
            week.not_settled_mornings,
            week.flare_up_days,
            dose_text(week),
        )
        for week in figures
    ]
    return _table_section(
        "Weekly figures",
        header,
        rows,
        "Pain is on a 0-10 scale (0 = none). Dose is seconds of holding, weighted by any added "
        "load (1 + kg), summed per side over the week's sessions.",
    )


def _trend_section(figures: Sequence[WeekFigures]) -> list[str]:
    """Pain and stiffness week by week, as a one-line chart and in words."""
    morning = [w.mean_morning_pain for w in figures]
    during = [w.mean_pain_during for w in figures]
    stiffness = [w.mean_stiffness_minutes for w in figures]
    top_stiffness = max((v for v in stiffness if v is not None), default=0.0)
    return [
        "## Pain and stiffness trend",
        "",
        "Weekly means, oldest week on the left (a blank is a week with nothing logged):",
        "",
        f"- Morning pain (0-10): `{_spark(morning, 10.0)}`",
        f"- Pain during sessions (0-10): `{_spark(during, 10.0)}`",
        f"- Morning stiffness (up to {top_stiffness:g} min): `{_spark(stiffness, top_stiffness)}`",
        "",
        _trend("Mean morning pain", "/10", morning),
        _trend("Mean pain during sessions", "/10", during),
        _trend("Mean morning stiffness", " min", stiffness),
        "",
    ]


def _this_week(
    today: dt.date,
    plans: Sequence[Plan],
    diary: Sequence[DiaryEntry],
    sessions: Sequence[SessionLog],
    assessment_records: Sequence[AssessmentRecord],
    review_records: Sequence[Mapping[str, Any]],
    active_blocks: Sequence[Advice],
) -> list[str]:
    """What the weekly review says about the week ending today (not yet decided by the user)."""
    out = ["## This week's review", ""]
    if not plans:
        return [*out, "No plan yet, so there is nothing to review.", ""]
    review = build_review(
        today, plans, diary, sessions, assessment_records, review_records, active_blocks
    )
    out.append(suggestion_text(str(review.suggestion), review.level_from, review.level_to))
    out.append("")
    if review.changes:
        out += [f"- Change: {change_text(c.field, c.from_, c.to)}" for c in review.changes]
    out += [f"- {reason.message} ({reason.rule})" for reason in review.reasons]
    return [*out, ""]


def _plan_history(plans: Sequence[Plan]) -> list[str]:
    """Every plan version, to show how the plan grew."""
    if not plans:
        return ["## Plan history", "", "No plan versions yet.", ""]
    rows = [
        (
            plan.version,
            plan.created.date().isoformat(),
            plan.source,
            plan.level or "-",
            _plan_dose(plan),
        )
        for plan in sorted(plans, key=lambda p: p.version)
    ]
    return _table_section("Plan history", ("Version", "Date", "Source", "Level", "Dose"), rows)


def _stage_section(plans: Sequence[Plan]) -> list[str]:
    """Holds or heel raises, and the ladder step, from each plan version's start."""
    if not any(plan.stage == ISOTONIC for plan in plans):
        return []
    rows: list[tuple[object, ...]] = []
    last: tuple[str, str] | None = None
    for plan in sorted(plans, key=lambda p: p.version):
        key = (plan.stage, plan.level or "-")
        if key == last:
            continue
        last = key
        rows.append(
            (plan.start_date.isoformat(), stage_words(plan.stage), plan.level or "-", plan.version)
        )
    return _table_section(
        "Stage and step over time",
        ("From", "Stage", "Step", "Plan version"),
        rows,
        "Steps L1-L8 are holds, T1-T8 heel raises. A step repeats in the plan history when "
        "only the dose changed.",
    )


def _heel_raise_sessions(
    sessions: Sequence[SessionLog], plans: Sequence[Plan], first_day: dt.date, today: dt.date
) -> list[str]:
    """Each heel-raise session of the period: sets, raises, load, and raises x load per side."""
    chosen = [s for s in sessions if s.is_isotonic and s.finished and first_day <= s.date <= today]
    if not chosen:
        return []
    levels = {plan.version: plan.level or "own" for plan in plans}
    rows = []
    for session in chosen:
        raises: dict[Side, int] = {}
        for rep in session.reps:
            raises[rep.side] = raises.get(rep.side, 0) + rep.raises
        rows.append(
            (
                session.date.isoformat(),
                levels.get(session.plan_version, "-"),
                sets_text(session),
                raise_dose_text(session.raise_load_by_side(), raises),
                _num(session.pain_during),
                "yes" if session.over_limit else "",
            )
        )
    return _table_section(
        "Heel-raise sessions",
        ("Date", "Step", "Sets, raises, load", "By side", "Pain during", "Over 5/10"),
        rows,
        "Raises x kg is the isotonic dose: each raise counted with its added load (a "
        "body-weight raise adds 0 kg but still counts as a raise).",
    )


def _heel_raise_tests_section(tests: Sequence[HeelRaiseTest]) -> list[str]:
    """The guided heel-raise tests over time: counts, share of the other side, pain."""
    if not tests:
        return []
    rows = [
        (
            t.date.isoformat(),
            t.reps_affected,
            "-" if t.reps_other is None else t.reps_other,
            "-" if t.share_of_other is None else f"{t.share_of_other:.0%}",
            "-" if t.test_pain is None else f"{t.test_pain}/10",
            "yes" if t.over_limit else "",
        )
        for t in tests
    ]
    sore = [float(t.reps_affected) for t in tests]
    shares: list[float | None] = [t.share_of_other for t in tests]
    return _table_section(
        "Heel-raise tests (guided)",
        ("Date", "Sore side", "Other side", "Sore / other", "Test pain", "Stopped over 5/10"),
        rows,
        f"- Sore-side raises (up to {max(sore):g}): `{_spark(list(sore), max(sore))}`",
        f"- Sore side as a share of the other (up to 100%): `{_spark(shares, 1.0)}`",
        "",
        "One leg, flat floor, knee straight, one rise every 2 s to fatigue; the other side "
        "first. A floor version of the research test (done on a 10-degree incline).",
    )


def _reviews_section(review_records: Sequence[Mapping[str, Any]], first_day: dt.date) -> list[str]:
    """Stored weekly reviews in the period, each with its reasons and rule ids."""
    out = ["## Weekly reviews", ""]
    records = [
        r
        for r in weekly_review_records(review_records)
        if str(r["week_ending"]) >= first_day.isoformat()
    ]
    if not records:
        return [*out, "No weekly review was accepted or dismissed in this period.", ""]
    for record in sorted(records, key=lambda r: str(r["week_ending"])):
        status = str(record.get("status", "stored"))
        after = record.get("plan_version_after")
        made = f", plan version {after} made" if after is not None else ""
        out += [f"### Week ending {record['week_ending']} ({status}{made})", ""]
        level_from = record.get("level_from")
        level_to = record.get("level_to")
        out.append(
            suggestion_text(
                str(record.get("suggestion", "hold")),
                level_from if isinstance(level_from, str) else None,
                level_to if isinstance(level_to, str) else None,
            )
        )
        out.append("")
        for change in record.get("changes") or []:
            if isinstance(change, Mapping):
                text = change_text(str(change.get("field")), change.get("from"), change.get("to"))
                out.append(f"- Change: {text}")
        edited = record.get("edited_dose")
        if isinstance(edited, Mapping):
            out.append(
                f"- Dose edited by the user before accepting: {edited.get('reps')} x "
                f"{edited.get('hold_seconds')} s, rest {edited.get('rest_seconds')} s, "
                f"{_legs(edited.get('legs'))}"
            )
        for reason in record.get("reasons") or []:
            if isinstance(reason, Mapping):
                out.append(f"- {_cell(reason.get('message', ''))} ({reason.get('rule', '?')})")
        out.append("")
    return out


def _capacity_section(review_records: Sequence[Mapping[str, Any]]) -> list[str]:
    """Heel-raise self-tests and questionnaire scores, for the trend."""
    out = ["## Heel-raise self-tests", ""]
    tests = self_tests_in(review_records)
    if tests:
        rows = [
            (
                t.date.isoformat(),
                t.injured_count,
                t.healthy_count,
                "-" if t.ratio is None else f"{t.ratio:.0%}",
                f"{t.pain}/10",
            )
            for t in tests
        ]
        out += _table(
            ("Date", "Injured side", "Healthy side", "Injured / healthy", "Pain caused"), rows
        )
        out += ["", "Single-leg heel raises to fatigue on each side.", ""]
    else:
        out += ["No self-test recorded yet.", ""]
    out += [f"## Tendon questionnaire ({PARAPHRASE_LABEL})", ""]
    filled = questionnaires_in(review_records)
    if filled:
        header = ("Date", *(d.capitalize() for d in DOMAINS), "Total (0-100)")
        q_rows: list[tuple[object, ...]] = [
            (
                q.date.isoformat(),
                *(f"{q.domain_score(d)}/{q.domain_max(d)}" for d in DOMAINS),
                q.total,
            )
            for q in filled
        ]
        out += _table(header, q_rows)
        out += [
            "",
            "Follows the structure of the VISA-A (higher is better, 100 = no symptoms) with "
            "item topics in our own words, so scores are indicative only.",
            "",
        ]
    else:
        out += ["No questionnaire filled in yet.", ""]
    return out
