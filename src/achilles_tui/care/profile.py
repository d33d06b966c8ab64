"""The §F5 profile from the stored history: the one place "what limits apply to me?" is read.

Every use case that needs a limit (the review, the own-plan checks, the diary's morning
advice, Today, the report) asks here, so none reads assessments for itself.
"""

from __future__ import annotations

import datetime as dt

from achilles_tui.domain.profile import (
    ClinicalProfile,
    ProfileHistory,
    profile_on,
)
from achilles_tui.storage.repository import ReadOnlyRepository


def profile_history(
    repo: ReadOnlyRepository, end: dt.date, start: dt.date | None = None
) -> ProfileHistory:
    """Assessments, plans and the diary days with a sign that can matter up to ``end``.

    Signs join the profile from the assessment in force on (before it, the first plan's
    start), so years of diary before that are never opened; ``start`` widens the read to a
    period asked about (a review week's BLOCK signs).
    """
    bare = ProfileHistory(repo.assessment_records(), repo.plans())
    dates = [
        bare.counts_from(r)
        for r in bare.assessments
        if r.answers is not None and not r.is_recheck and bare.counts_from(r) <= end
    ]
    since = max(dates) if dates else min((p.start_date for p in bare.plans), default=end)
    since = min(since, start or end, end)
    return ProfileHistory(bare.assessments, bare.plans, repo.flagged_diary_entries(since, end))


def profile_today(repo: ReadOnlyRepository, day: dt.date) -> ClinicalProfile:
    """The profile in force on ``day``."""
    return profile_on(day, profile_history(repo, day))


def limits_today(repo: ReadOnlyRepository, day: dt.date) -> ClinicalProfile:
    """The profile on ``day`` without the diary's signs: enough for the caps and floor only a
    plan must keep (they come from assessments and plans alone), and cheap on every start."""
    return profile_on(day, ProfileHistory(repo.assessment_records(), repo.plans()))
