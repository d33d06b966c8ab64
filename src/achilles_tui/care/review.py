"""The weekly review as a person acts on it: see it, edit the proposed dose, accept, dismiss.

The review reads the care state now, so while a warning sign or a blocking assessment stops
sessions it can only suggest seeing a clinician, whichever week it looks at (§F4, §E2 notes):
accepting it acts today.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from achilles_tui.care.errors import Refused
from achilles_tui.care.plans import require_confirmed
from achilles_tui.care.reach import review_reads
from achilles_tui.care.state import current_care_state
from achilles_tui.domain.capacity import KIND_WEEKLY_REVIEW
from achilles_tui.domain.care_state import CareState, CareStateKind
from achilles_tui.domain.engine import Advice, short_rest
from achilles_tui.domain.models import AnyExercise, Exercise, Plan
from achilles_tui.domain.progression import Review
from achilles_tui.domain.review_context import (
    Dose,
    apply_dose,
    build_review,
    flare_up_note,
    plan_for_week,
    plan_from_review,
    stored_review_for,
)
from achilles_tui.storage.repository import ReadOnlyRepository, Repository

BLOCKING_STATES = frozenset({CareStateKind.PAUSED_RED_FLAG, CareStateKind.BLOCKED_NO_PLAN})


@dataclass(frozen=True)
class ReviewView:
    """A week's review and everything needed to decide on it."""

    week_ending: dt.date
    plan: Plan | None
    review: Review | None
    proposal: tuple[AnyExercise, ...]
    decided: Mapping[str, Any] | None
    is_current: bool
    care: CareState
    flare_note: Advice | None
    records: tuple[Mapping[str, Any], ...] = ()
    plans: tuple[Plan, ...] = ()
    edited: Dose | None = None
    first_day: dt.date | None = None


def active_blocks(care: CareState) -> tuple[Advice, ...]:
    """The rules that stop sessions: the review can then only say see a clinician."""
    return care.reasons if care.kind in BLOCKING_STATES else ()


def weekly_review(
    repo: ReadOnlyRepository,
    week_ending: dt.date,
    at: dt.datetime,
    edited: Dose | None = None,
) -> ReviewView:
    """Build the review of the 7 days ending on ``week_ending`` from the stored history."""
    if week_ending > at.date():
        raise Refused(
            f"{week_ending.isoformat()} is in the future; a review can only look at days that "
            "have happened"
        )
    plans = repo.plans()
    diary, sessions = review_reads(repo, week_ending)
    records = repo.reviews()
    care = current_care_state(repo, at)
    plan = plan_for_week(week_ending, plans, records)
    review = None
    proposal: list[AnyExercise] = []
    newest = max((p.version for p in plans), default=None)
    is_current = plan is not None and plan.version == newest
    if plan is not None:
        review = build_review(
            week_ending,
            plans,
            diary,
            sessions,
            repo.assessment_records(),
            records,
            active_blocks(care),
            repo.heel_raise_tests(),
        )
        if is_current:
            proposal = plan_from_review(plan, review)
    if edited is not None and proposal:
        proposal = apply_dose(proposal, edited)
    return ReviewView(
        week_ending=week_ending,
        plan=plan,
        review=review,
        proposal=tuple(proposal),
        decided=stored_review_for(week_ending, records),
        is_current=is_current,
        care=care,
        flare_note=flare_up_note(review, diary) if review is not None else None,
        records=tuple(records),
        plans=tuple(plans),
        edited=edited if proposal else None,
        first_day=_first_day(repo, week_ending),
    )


def _first_day(repo: ReadOnlyRepository, week_ending: dt.date) -> dt.date | None:
    """The first day with a record, if it is not after the week: weeks before it are empty."""
    first = repo.first_day()
    return first if first is not None and first <= week_ending else None


def dose_conflicts(view: ReviewView, dose: Dose) -> list[Advice]:
    """DOSE-REST-SCALES: an edited dose whose rest falls below the §C1 table."""
    found = [short_rest(ex) for ex in apply_dose(view.proposal, dose) if isinstance(ex, Exercise)]
    unique = {item.rule: item for item in found if item is not None}
    return list(unique.values())


def _record(
    view: ReviewView, status: str, at: dt.datetime, confirmed: Sequence[str]
) -> dict[str, Any]:
    """The stored form of a decision: the whole review plus what the user did with it."""
    assert view.review is not None
    record: dict[str, Any] = {
        "kind": KIND_WEEKLY_REVIEW,
        "status": status,
        "decided_at": at.isoformat(),
        **view.review.to_json(),
        "plan_version_before": view.plan.version if view.plan else None,
    }
    if view.edited is not None and status == "accepted":
        record["edited_dose"] = view.edited.to_json()
    if confirmed:
        record["confirmed_rules"] = list(confirmed)
    return record


def _decidable(view: ReviewView) -> Review:
    """Only a week with a review that was not decided yet can be accepted or dismissed."""
    if view.review is None:
        raise Refused("there is no plan for that week, so there is nothing to decide")
    if view.decided is not None:
        raise Refused(f"the week ending {view.week_ending.isoformat()} was already decided")
    return view.review


def accept_review(
    repo: Repository, view: ReviewView, at: dt.datetime, *, confirmed: Sequence[str] = ()
) -> Plan | None:
    """Accept: a new plan version when the plan changes, else just the decision."""
    review = _decidable(view)
    if not view.proposal or view.plan is None:
        repo.add_review(_record(view, "accepted", at, ()))
        return None
    conflicts = dose_conflicts(view, view.edited) if view.edited is not None else []
    require_confirmed(conflicts, confirmed)
    rule_ids = tuple(item.rule for item in conflicts)
    note = f"weekly review of {review.week_ending.isoformat()}: {review.suggestion}"
    return repo.add_review_and_plan(
        _record(view, "accepted", at, rule_ids),
        view.proposal,
        source="review",
        level=review.level_to,
        mode=view.plan.mode,
        note=note + (" (dose edited)" if view.edited is not None else ""),
        created=at,
        confirmed_rules=rule_ids,
        floor_only=view.plan.floor_only or review.floor_only_to,
    )


def dismiss_review(repo: Repository, view: ReviewView, at: dt.datetime) -> None:
    """Keep the review on record as dismissed; the plan is not touched."""
    _decidable(view)
    repo.add_review(_record(view, "dismissed", at, ()))
