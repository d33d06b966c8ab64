"""Taking the assessment: evaluating answers, keeping or replacing the current plan.

PROG-REASSESS-LOWER: a re-assessment that would start below the current plan says so, and
keeping the current plan is the default; the answers are always kept for the record. The
ladders are compared stage first: any hold level (L1-L8) is below any heel-raise step
(T1-T8), so an assessment that starts holds again while heel raises are the plan is lower.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from achilles_tui.care.plans import (
    check_since,
    own_plan_conflicts,
    require_confirmed,
    with_confirmations,
)
from achilles_tui.care.state import current_care_state
from achilles_tui.domain.assessment import Assessment
from achilles_tui.domain.care_state import CareState
from achilles_tui.domain.engine import Advice, Recommendation, recommend
from achilles_tui.domain.models import ALL_LEVELS, AnyExercise, Plan
from achilles_tui.domain.records import SOURCE_ASSESSMENT, AssessmentRecord, latest_answers_of
from achilles_tui.domain.rules import rule
from achilles_tui.storage.repository import ReadOnlyRepository, Repository

LOWER_RULE = "PROG-REASSESS-LOWER"


@dataclass(frozen=True)
class AssessmentOutcome:
    """What was saved: the record, the new plan (if one was made) or the plan kept."""

    record: AssessmentRecord
    plan: Plan | None
    kept: Plan | None
    care: CareState


def evaluate(assessment: Assessment) -> Recommendation:
    """The engine's recommendation for these answers (nothing is saved)."""
    return recommend(assessment)


def previous_answers(repo: ReadOnlyRepository) -> Assessment | None:
    """The newest stored answers, to fill in a re-assessment (warning signs never carry)."""
    return latest_answers_of(repo.assessment_records())


def known_side(repo: ReadOnlyRepository) -> str:
    """The sore side when none is given: the last assessment's, else the session's setting.

    `assess` without --side must not guess a new side (a new user's saw "injured side only"
    flip between left and right): it keeps the one the app already knows.
    """
    previous = previous_answers(repo)
    return previous.side if previous is not None else repo.settings().injured_side


def remember_injured_side(repo: Repository, assessment: Assessment) -> None:
    """A one-sided assessment names the leg the session's "injured side only" runs on."""
    side = assessment.side
    settings = repo.settings()
    if side in ("left", "right") and settings.injured_side != side:
        repo.save_settings(dataclasses.replace(settings, injured_side=side))


def last_assessed(repo: ReadOnlyRepository) -> tuple[dt.datetime, int] | None:
    """When the newest assessment was made, and how many are stored."""
    records = repo.assessment_records()
    return (records[-1].created, len(records)) if records else None


def lower_warning(repo: ReadOnlyRepository, result: Recommendation) -> Advice | None:
    """PROG-REASSESS-LOWER when the new start level is below the current plan's."""
    current = repo.current_plan()
    if current is None or current.level is None or result.level is None:
        return None
    if ladder_rank(result.level) >= ladder_rank(current.level):
        return None
    return Advice(
        LOWER_RULE,
        f"This would move you from {current.level} back to {result.level}. "
        + rule(LOWER_RULE).message,
    )


def ladder_rank(level: str) -> int:
    """Position on the whole ladder, holds first: L1 < ... < L8 < T1 < ... < T8."""
    return ALL_LEVELS.index(level)


def save_assessment(
    repo: Repository,
    assessment: Assessment,
    result: Recommendation,
    at: dt.datetime,
    *,
    use_plan: bool,
    since: dt.date | None = None,
    source: str = SOURCE_ASSESSMENT,
) -> AssessmentOutcome:
    """Keep the answers; with ``use_plan`` (and a plan to use) also make it the current plan."""
    record = AssessmentRecord.of(assessment, result, at, source)
    kept = repo.current_plan()
    if use_plan and result.exercises:
        check_since(repo, since, at.date())
        plan = repo.save_assessment_and_plan(
            record,
            result.exercises,
            source="assessment",
            level=result.level,
            mode=str(result.mode),
            created=at,
            since=since,
        )
        return AssessmentOutcome(record, plan, None, current_care_state(repo, at))
    repo.add_assessment(record)
    return AssessmentOutcome(record, None, kept, current_care_state(repo, at))


def save_with_edited_plan(
    repo: Repository,
    assessment: Assessment,
    result: Recommendation,
    at: dt.datetime,
    exercises: Sequence[AnyExercise],
    *,
    confirmed: Sequence[str] = (),
    note: str = "",
) -> AssessmentOutcome:
    """The answers plus the suggested holds as the user changed them (an own plan).

    An edited dose is checked like any own plan, and its rest against the §C1 table
    (DOSE-REST-SCALES); each conflict must have been confirmed.
    """
    record = AssessmentRecord.of(assessment, result, at)
    conflicts = own_plan_conflicts(repo, exercises, at, edited=True)
    require_confirmed(conflicts, confirmed)
    rule_ids = tuple(item.rule for item in conflicts)
    plan = repo.save_assessment_and_plan(
        record,
        with_confirmations(exercises, rule_ids),
        source="own",
        level=None,
        mode=str(result.mode),
        note=note,
        created=at,
        confirmed_rules=rule_ids,
    )
    return AssessmentOutcome(record, plan, None, current_care_state(repo, at))
