"""The care state from the stored history: the one place "what may I do today?" is answered."""

from __future__ import annotations

import datetime as dt

from achilles_tui.care.plan_today import plan_in_force
from achilles_tui.domain.care_state import (
    CareState,
    care_state,
    has_rest_days,
    last_clean_assessment,
)
from achilles_tui.domain.counting import DAYS_PER_WEEK
from achilles_tui.storage.repository import ReadOnlyRepository


def current_care_state(repo: ReadOnlyRepository, at: dt.datetime) -> CareState:
    """§F4 at ``at``, reading only what can matter: signs since the last clean assessment,
    today's sessions and heel-raise tests, and, for a plan with rest days (T7-T8), the
    sessions of the 7 days ending today."""
    records = repo.assessment_records()
    clean = last_clean_assessment([r for r in records if r.created <= at])
    since = clean.date() if clean is not None else None
    day = at.date()
    diary = repo.flagged_diary_entries(since, day)
    today = repo.diary_on(day)
    if today is not None and not today.red_flags:
        diary.append(today)  # a flare-up day stops sessions even without a sign
    plans = repo.plans()
    started = [p for p in plans if p.start_date <= day]
    first = day
    if started and has_rest_days(started[-1]):
        # After a flare-up the sessions run daily body-weight raises: no rest days then.
        in_force = plan_in_force(repo, day, started[-1])
        if in_force is not None and has_rest_days(in_force.plan):
            first = day - dt.timedelta(days=DAYS_PER_WEEK - 1)
    sessions = repo.sessions(first, day)
    tests = repo.heel_raise_tests(day, day)
    return care_state(at, plans, records, diary, sessions, tests)
