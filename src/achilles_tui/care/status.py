"""The day's status line and the physio report: read-only summaries of the history."""

from __future__ import annotations

import dataclasses
import datetime as dt

from achilles_tui.care.plan_today import plan_in_force
from achilles_tui.care.review import active_blocks
from achilles_tui.care.state import current_care_state
from achilles_tui.domain.report import build_report
from achilles_tui.domain.review_context import weekly_review_records
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


def physio_report(repo: ReadOnlyRepository, now: dt.datetime, weeks: int) -> str:
    """The Markdown report; its review of this week follows the care state like the app's."""
    today = now.date()
    current = repo.current_plan()
    return build_report(
        today,
        weeks,
        repo.plans(),
        repo.diary_entries(end=today),
        repo.sessions(end=today),
        repo.assessment_records(),
        repo.reviews(),
        active_blocks(current_care_state(repo, now)),
        heel_raise_tests=repo.heel_raise_tests(),
        in_force=None if current is None else plan_in_force(repo, today, current),
    )
