"""From stored history to a weekly review, and from an accepted review to the next plan version.

The CLI, the Progress screen and the report all need the same review for a week, so the choice
of plan, assessment and earlier verdicts lives here once. Pure: the callers read the repository
and pass plain lists in.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from achilles_tui.domain import isotonic
from achilles_tui.domain.capacity import KIND_WEEKLY_REVIEW, record_kind
from achilles_tui.domain.counting import PlanTimeline
from achilles_tui.domain.engine import Advice
from achilles_tui.domain.models import (
    ISOTONIC,
    AnyExercise,
    DayKind,
    DiaryEntry,
    DomainError,
    Exercise,
    HeelRaise,
    HeelRaiseTest,
    Plan,
    Position,
    SessionLog,
    Surface,
    check_int,
    parse_date,
)
from achilles_tui.domain.profile import (
    COMPETITION,
    ClinicalProfile,
    ProfileHistory,
    profile_for_week,
)
from achilles_tui.domain.progression import (
    POSITION_CHANGE,
    STALLED_WEEKS,
    TRIAL_RULE,
    PastWeek,
    Review,
    ReviewContext,
    Suggestion,
    flare_up_adjustment,
)
from achilles_tui.domain.records import AssessmentRecord
from achilles_tui.domain.review_figures import (
    BASELINE_MORNINGS,
    WEEK_DAYS,
    baseline_morning_pain,
    diary_by_date,
    is_not_settled,
)
from achilles_tui.domain.rules import LADDER, LadderStep
from achilles_tui.domain.weekly_review import review_week

__all__ = [
    "Dose",
    "apply_dose",
    "build_review",
    "flare_up_note",
    "plan_for_week",
    "plan_from_review",
    "previous_verdicts",
    "stored_review_for",
    "weekly_review_records",
]

TRIAL_START_RULE = "POS-NEUTRAL-INSERTIONAL-BURSITIS"
BACK_TO_ISO_RULE = "PROG-ISOT-BACK-TO-ISO"


def weekly_review_records(records: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """Only the weekly reviews (self-tests and questionnaires share the reviews table)."""
    return [
        record
        for record in records
        if record_kind(record) == KIND_WEEKLY_REVIEW and isinstance(record.get("week_ending"), str)
    ]


def _week_ending_of(record: Mapping[str, Any]) -> dt.date:
    """The stored week ending of a weekly review record."""
    return parse_date(str(record["week_ending"]))


def stored_review_for(
    week_ending: dt.date, records: Sequence[Mapping[str, Any]]
) -> Mapping[str, Any] | None:
    """The decision already stored for exactly this week (the newest one), if any."""
    matches = [r for r in weekly_review_records(records) if _week_ending_of(r) == week_ending]
    return matches[-1] if matches else None


def followed_in_week(
    week_ending: dt.date, plans: Sequence[Plan], review_records: Sequence[Mapping[str, Any]]
) -> list[Plan]:
    """The plan versions, oldest first, without those a review of this week or a later one
    produced: a decided week keeps the figures it was judged with (a version accepted on its
    last day does not turn a 3-a-week week into a daily one)."""
    produced_later = {
        record.get("plan_version_after")
        for record in weekly_review_records(review_records)
        if _week_ending_of(record) >= week_ending
    }
    return sorted((p for p in plans if p.version not in produced_later), key=lambda p: p.version)


def plan_for_week(
    week_ending: dt.date, plans: Sequence[Plan], review_records: Sequence[Mapping[str, Any]] = ()
) -> Plan | None:
    """The plan followed during the week: the newest made by week_ending (else the first).

    Plan versions produced by a review of this week or a later one are skipped, so looking at a
    week again after accepting its review judges the plan that was followed, never the new one.
    """
    candidates = followed_in_week(week_ending, plans, review_records)
    current = [p for p in candidates if p.start_date <= week_ending]
    if current:
        return current[-1]
    return candidates[0] if candidates else None


def is_neutral_trial(plan: Plan | None) -> bool:
    """POS-NEUTRAL-INSERTIONAL-BURSITIS: the plan holds level heels on a heel-end trial."""
    return plan is not None and any(
        isinstance(ex, Exercise)
        and ex.position is Position.NEUTRAL
        and TRIAL_START_RULE in ex.rules
        for ex in plan.exercises
    )


def previous_verdicts(
    week_ending: dt.date,
    plans: Sequence[Plan],
    diary: Sequence[DiaryEntry],
    sessions: Sequence[SessionLog],
    review_records: Sequence[Mapping[str, Any]],
) -> tuple[PastWeek, ...]:
    """Earlier weeks with diary entries, most recent first: stored verdicts, else recomputed.

    Weeks are the 7-day blocks before the review week. A stored weekly review whose week ending
    falls inside a block stands for it (the one nearest the block's end); a block without one
    is judged again from its diary. Only as many weeks as PROG-SEE-CLINICIAN looks at are kept.
    """
    diary_days = sorted({entry.date for entry in diary})
    if not diary_days:
        return ()
    stored = weekly_review_records(review_records)
    past: list[PastWeek] = []
    end = week_ending - dt.timedelta(days=WEEK_DAYS)
    while end >= diary_days[0] and len(past) < STALLED_WEEKS - 1:
        start = end - dt.timedelta(days=WEEK_DAYS - 1)
        if any(start <= day <= end for day in diary_days):
            inside = [r for r in stored if start <= _week_ending_of(r) <= end]
            if inside:
                nearest = max(inside, key=_week_ending_of)
                past.append(PastWeek.from_json(nearest))
            else:
                plan = plan_for_week(end, plans, review_records)
                context = ReviewContext(
                    level=plan.level if plan else None, timeline=PlanTimeline(plans)
                )
                earlier = [e for e in diary if e.date <= end]
                past.append(PastWeek.from_review(review_week(end, earlier, sessions, context)))
        end -= dt.timedelta(days=WEEK_DAYS)
    return tuple(past)


def history_suffices(week_ending: dt.date, diary: Sequence[DiaryEntry], start: dt.date) -> bool:
    """True when the diary and sessions from ``start`` give the same review as all of them.

    ``previous_verdicts`` walks back week by week until it has STALLED_WEEKS - 1 weeks with
    diary entries; each of those weeks, and the review week, is judged against the 7 logged
    mornings before it, with the sessions of that week and the one before. So what was read
    is enough once those weeks, the week before the oldest, and 7 logged mornings before the
    oldest all lie at or after ``start``. Years of history then need not be read for a review.
    """
    days = {entry.date for entry in diary if entry.date <= week_ending}
    oldest = week_ending - dt.timedelta(days=WEEK_DAYS - 1)
    end = week_ending - dt.timedelta(days=WEEK_DAYS)
    found = 0
    while found < STALLED_WEEKS - 1:
        block_start = end - dt.timedelta(days=WEEK_DAYS - 1)
        if block_start - dt.timedelta(days=WEEK_DAYS) < start:
            return False
        if any(block_start + dt.timedelta(days=n) in days for n in range(WEEK_DAYS)):
            found += 1
            oldest = block_start
        end -= dt.timedelta(days=WEEK_DAYS)
    mornings = [e for e in diary if e.date < oldest and e.morning_pain is not None]
    return len(mornings) >= BASELINE_MORNINGS


def build_review(
    week_ending: dt.date,
    plans: Sequence[Plan],
    diary: Sequence[DiaryEntry],
    sessions: Sequence[SessionLog],
    assessments: Sequence[AssessmentRecord],
    review_records: Sequence[Mapping[str, Any]],
    active_blocks: Sequence[Advice] = (),
    heel_raise_tests: Sequence[HeelRaiseTest] = (),
) -> Review:
    """The §E2 review of the 7 days ending on week_ending, from everything stored.

    The review week and the week before are judged from the diary and sessions; earlier diary
    mornings are passed too because §E1's baseline is the last 7 logged mornings before the
    week, which may reach further back than one week. Nothing after week_ending is used.
    What limits the person is the §F5 profile of the week (every day of it), never the
    assessment records read here. ``active_blocks`` are the rules that stop sessions in the
    care state at the end of the week (§F4): while there are any, the review can only say see
    a clinician.
    """
    plan = plan_for_week(week_ending, plans, review_records)
    profile = profile_for_week(week_ending, ProfileHistory(assessments, plans, diary))
    if profile.assessed_on is None and plan is not None and plan.mode == COMPETITION:
        profile = dataclasses.replace(profile, competition=True)  # no assessment: the plan's
    context = ReviewContext.from_profile(
        profile,
        plan.level if plan else None,
        previous_verdicts(week_ending, plans, diary, sessions, review_records),
        active_blocks=tuple(active_blocks),
        trial=is_neutral_trial(plan),
        timeline=PlanTimeline(followed_in_week(week_ending, plans, review_records)),
        plan_start=plan.start_date if plan else None,
        **stage_facts(plan, plans, profile, week_ending, diary, heel_raise_tests),
    )
    first_day = week_ending - dt.timedelta(days=2 * WEEK_DAYS - 1)
    week_diary = [entry for entry in diary if entry.date <= week_ending]
    week_sessions = [s for s in sessions if first_day <= s.date <= week_ending]
    return review_week(week_ending, week_diary, week_sessions, context)


def stage_facts(
    plan: Plan | None,
    plans: Sequence[Plan],
    profile: ClinicalProfile,
    week_ending: dt.date,
    diary: Sequence[DiaryEntry],
    tests: Sequence[HeelRaiseTest],
) -> dict[str, Any]:
    """What the §E6 rules read from the history for the week ending on ``week_ending``."""
    facts: dict[str, Any] = {
        "back_to_iso": plan is not None
        and plan.stage != ISOTONIC
        and any(BACK_TO_ISO_RULE in ex.rules for ex in plan.exercises),
    }
    if plan is not None and plan.floor_only and not profile.floor_only:
        facts["profile"] = dataclasses.replace(profile.isotonic, floor_only=True)
    if plan is None or plan.stage != ISOTONIC:
        return facts
    if plan.level is None:
        return {**facts, "stage": ISOTONIC}
    raises = [ex for ex in plan.exercises if isinstance(ex, HeelRaise)]
    load = max((ex.load_kg for ex in raises), default=0.0)
    week_start = week_ending - dt.timedelta(days=WEEK_DAYS - 1)
    facts["load_kg"] = load
    facts["load_raise_allowed"] = plan.start_date <= week_start
    on_step = any(ex.surface is Surface.STEP for ex in raises)
    facts["on_step"] = on_step
    if plan.level == isotonic.STEP_LEVEL and on_step and not _step_before(plan, plans):
        facts["step_trial_days"] = tuple(
            plan.start_date + dt.timedelta(days=n) for n in range(1, WEEK_DAYS + 1)
        )
    recent = [t for t in tests if t.date <= week_ending]
    if recent:
        test = recent[-1]
        facts["hr_test"] = test
        morning = test.date + dt.timedelta(days=1)
        entry = diary_by_date(diary).get(morning)
        facts["hr_test_settled"] = (
            None
            if entry is None
            else not is_not_settled(entry, baseline_morning_pain(diary, morning))
        )
    return facts


def _step_before(plan: Plan, plans: Sequence[Plan]) -> bool:
    """An earlier version was already at T6 on the step: the first-week trial is over."""
    return any(
        p.version < plan.version
        and p.level == isotonic.STEP_LEVEL
        and any(isinstance(ex, HeelRaise) and ex.surface is Surface.STEP for ex in p.exercises)
        for p in plans
    )


# -- next plan version --------------------------------------------------------------------------


@dataclass(frozen=True)
class Dose:
    """The dose fields a user may edit before accepting a review, checked like a plan's."""

    legs: int
    reps: int
    hold_seconds: int
    rest_seconds: int

    def __post_init__(self) -> None:
        check_int("legs", self.legs, 1, 2)
        check_int("reps", self.reps, 1, 20)
        check_int("hold (seconds)", self.hold_seconds, 5, 120)
        check_int("rest (seconds)", self.rest_seconds, 0, 600)

    @classmethod
    def of(cls, exercise: Exercise) -> Dose:
        """The dose an exercise already has (to prefill the edit form)."""
        return cls(exercise.legs, exercise.reps, exercise.hold_seconds, exercise.rest_seconds)

    def to_json(self) -> dict[str, int]:
        """For the stored review record."""
        return dataclasses.asdict(self)


def apply_dose(exercises: Sequence[AnyExercise], dose: Dose) -> list[AnyExercise]:
    """Put an edited dose on every hold of the proposed plan (positions stay).

    Heel raises are not edited here: an own heel-raise plan is entered with ``plan set``.
    """
    return [
        dataclasses.replace(
            exercise,
            legs=dose.legs,
            reps=dose.reps,
            hold_seconds=dose.hold_seconds,
            rest_seconds=dose.rest_seconds,
        )
        if isinstance(exercise, Exercise)
        else exercise
        for exercise in exercises
    ]


def plan_from_review(plan: Plan, review: Review) -> list[AnyExercise]:
    """The next plan version's exercises, or [] when the review does not change the plan.

    Each hold keeps its position and frequency and takes the dose of ``level_to`` on the
    ladder. When moving up, rest is never shortened (PROG-NO-SHORTER-REST): a longer rest the
    user already had is kept. A switch between stages (§E6.5) builds the other stage's
    exercise; a T step takes the §E6.1 dose for this person (§E6.3). Own and physio plans (no
    level) and a referral never produce a new version; neither does staying on the same step
    with the same load.
    """
    if plan.level is None or review.level_from is None or review.level_to is None:
        return []
    if review.level_from != plan.level:
        raise DomainError(
            f"the review is for level {review.level_from}, but the plan is at {plan.level}"
        )
    if review.level_to in isotonic.T_LADDER:
        return _heel_raise_plan(plan, review)
    if review.suggestion is Suggestion.SWITCH_TO_ISOMETRIC:
        return [_holds_again(plan, review)]
    move_position = POSITION_CHANGE in review.changes
    if review.level_to == review.level_from and not move_position:
        return []
    step = LADDER[review.level_to]
    moving_up = review.suggestion is Suggestion.PROGRESS
    if review.level_to == review.level_from:
        tags: tuple[str, ...] = ()
    elif moving_up:
        tags = ("PROG-ADVANCE", "PROG-NO-SHORTER-REST")
    else:
        tags = ("PROG-REGRESS",)
    exercises = [
        exercise_at_step(
            exercise,
            step,
            rest_seconds=(
                max(step.rest_seconds, exercise.rest_seconds) if moving_up else step.rest_seconds
            ),
            rules=tags,
        )
        for exercise in holds_of(plan)
    ]
    return [trial_fallback(ex) for ex in exercises] if move_position else list(exercises)


def holds_of(plan: Plan) -> list[Exercise]:
    """The plan's isometric holds (a plan holds one kind; an isotonic plan has none)."""
    return [ex for ex in plan.exercises if isinstance(ex, Exercise)]


def _heel_raise_plan(plan: Plan, review: Review) -> list[AnyExercise]:
    """The §E6.1 dose of ``level_to`` (a switch, a T step, or more load at T8)."""
    assert review.level_to is not None
    same = review.level_to == review.level_from and not review.changes
    if same:
        return []
    profile = review.profile or isotonic.Profile()
    tags = {
        Suggestion.SWITCH_TO_ISOTONIC: ("ELIG-ISOT-START",),
        Suggestion.PROGRESS: ("PROG-ISOT-ADVANCE", "PROG-NO-SHORTER-REST"),
        Suggestion.REGRESS: ("PROG-ISOT-REGRESS",),
    }.get(review.suggestion, ())
    fired = tuple(r for r in review.rules_fired if r.startswith(("POS-ISOT", "DOSE-ISOT", "MON-")))
    surface = isotonic.surface_for(review.level_to, profile)
    rules = tuple(
        dict.fromkeys((*tags, *fired, *isotonic.position_rules(surface, profile), "MON-24H"))
    )
    exercise = isotonic.exercise_for(review.level_to, profile, load_kg=review.load_to, rules=rules)
    return [exercise]


def _holds_again(plan: Plan, review: Review) -> Exercise:
    """PROG-ISOT-BACK-TO-ISO: holds at ``level_to`` in the §B4 position, marked for re-entry."""
    assert review.level_to is not None
    step = LADDER[review.level_to]
    return Exercise(
        position=review.position_to or Position.HEEL_RAISED,
        legs=step.legs,
        added_load=step.added_load,
        reps=step.reps,
        hold_seconds=step.hold_seconds,
        rest_seconds=step.rest_seconds,
        sessions_per_week=7,
        rules=(BACK_TO_ISO_RULE, "POS-DEFAULT", "MON-24H"),
    )


def trial_fallback(exercise: Exercise) -> Exercise:
    """MON-INSERTIONAL-NEUTRAL-TRIAL: a level-heel trial hold becomes a partway raised heel."""
    if exercise.position is not Position.NEUTRAL or TRIAL_START_RULE not in exercise.rules:
        return exercise
    kept = tuple(r for r in exercise.rules if r != TRIAL_START_RULE)
    return dataclasses.replace(
        exercise,
        position=Position.HEEL_RAISED,
        rules=tuple(dict.fromkeys((*kept, TRIAL_RULE, "POS-HEELRAISED-PARTIAL"))),
    )


def exercise_at_step(
    exercise: Exercise, step: LadderStep, *, rest_seconds: int, rules: Sequence[str]
) -> Exercise:
    """The same position with a ladder step's dose; the rules behind the change are added."""
    return dataclasses.replace(
        exercise,
        legs=step.legs,
        added_load=step.added_load,
        load_kg=exercise.load_kg if step.added_load else 0.0,
        reps=step.reps,
        hold_seconds=step.hold_seconds,
        rest_seconds=rest_seconds,
        rules=tuple(dict.fromkeys((*exercise.rules, *rules))),
    )


# -- flare-up explanation -----------------------------------------------------------------------


def flare_up_note(review: Review, diary: Sequence[DiaryEntry]) -> Advice | None:
    """Why a flare-up week steps back and how the way back looks, or None without a flare-up.

    Days are counted from the last flare-up in the review week to its last day; the way back
    is only offered while every morning logged after the flare-up has settled.
    """
    if not review.week.flare_up:
        return None
    start, end = review.week.week_start, review.week_ending
    flare_days = [e.date for e in diary if start <= e.date <= end and e.day is DayKind.FLARE_UP]
    if not flare_days:
        return None
    last = max(flare_days)
    after = [e for e in diary if last < e.date <= end]
    settled_since = not any(e.settled is False for e in after)
    if review.level_from is None:
        return Advice(
            "PROG-FLARE-UP-REST",
            f"A flare-up was logged on {last:%a %d %b}. Rest that day, ease your plan back and "
            "talk it over with your physio before building up again.",
        )
    adjustment = flare_up_adjustment(review.level_from, (end - last).days, settled_since)
    return adjustment.advice
