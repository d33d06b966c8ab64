"""The day's status line and the physio report: read-only summaries of the history."""

from __future__ import annotations

import dataclasses
import datetime as dt

from achilles_tui.care.plan_today import plan_in_force
from achilles_tui.care.profile import profile_today
from achilles_tui.care.reach import widening_starts
from achilles_tui.care.review import weekly_review
from achilles_tui.care.state import current_care_state
from achilles_tui.domain.models import DiaryEntry
from achilles_tui.domain.report_model import PhysioReport, build_report_model
from achilles_tui.domain.review_context import weekly_review_records
from achilles_tui.domain.review_figures import BASELINE_MORNINGS, WEEK_DAYS
from achilles_tui.domain.status import Status, compute_status
from achilles_tui.domain.streak import streak_of_days
from achilles_tui.storage.repository import ReadOnlyRepository


def day_status(repo: ReadOnlyRepository, now: dt.datetime) -> Status:
    """What is due today, from the care state (it never waits for the app's lock).

    It reads the history file only, and of this year's records only the fields the streak
    counts by; the streak goes on through the closed years' summaries.
    """
    today = now.date()
    endings = [str(r["week_ending"]) for r in weekly_review_records(repo.reviews())]
    last_review = dt.date.fromisoformat(max(endings)) if endings else None
    plans = repo.plans()
    since = repo.open_since()  # closed years count through their kept streak runs
    counted, off = repo.streak_facts(since, today)
    streak = streak_of_days(
        today,
        plans,
        counted,
        off,
        since=since,
        earlier=repo.year_runs(since.year) if since is not None else (),
    )
    care = current_care_state(repo, now)
    status = compute_status(
        today,
        care,
        plans,
        repo.sessions(today, today),
        repo.diary_entries(today, today),
        last_review,
        streak=streak,
    )
    # The level the next sessions run: after a flare-up, two steps lower (§F5 decision 13).
    stored = plans[-1] if plans else None
    in_force = None if stored is None else plan_in_force(repo, today, stored)
    if in_force is None:
        return status
    return dataclasses.replace(status, level=in_force.plan.level)


def physio_report(repo: ReadOnlyRepository, now: dt.datetime, weeks: int) -> PhysioReport:
    """The report's one model, which every format prints.

    This week's review is the app's (care state included); the level is the one the next
    session runs (§F5 decision 13), with any limit the plan goes past. Only the period and the
    mornings its first week's baseline needs are read, so ten years cost what two months do.
    """
    today = now.date()
    first_day = today - dt.timedelta(days=WEEK_DAYS * weeks - 1)
    diary = _report_diary(repo, first_day, today)
    current = repo.current_plan()
    profile = profile_today(repo, today)
    assessed = profile.assessed_on is not None
    return build_report_model(
        today,
        weeks,
        repo.plans(),
        diary,
        repo.sessions(first_day - dt.timedelta(days=2 * WEEK_DAYS), today),
        repo.reviews(),
        review=weekly_review(repo, today, now).review if current is not None else None,
        heel_raise_tests=repo.heel_raise_tests(end=today),
        in_force=None if current is None else plan_in_force(repo, today, current),
        condition=profile.condition if assessed else None,
        side=profile.side if assessed else None,
    )


def _report_diary(repo: ReadOnlyRepository, first_day: dt.date, today: dt.date) -> list[DiaryEntry]:
    """The diary of the period, the week before it, and 7 logged mornings before that (§E1)."""
    week_before = first_day - dt.timedelta(days=WEEK_DAYS)
    for start in widening_starts(repo, week_before - dt.timedelta(days=4 * WEEK_DAYS)):
        diary = repo.diary_entries(start, today)
        logged = [e for e in diary if e.date < week_before and e.morning_pain is not None]
        if start is None or len(logged) >= BASELINE_MORNINGS:
            return diary
    raise AssertionError("widening_starts ends with None")  # pragma: no cover
