"""The §F5 profile from the stored history: the one place "what limits apply to me?" is read.

Every use case that needs a limit (the review, the own-plan checks, the diary's morning
advice, Today, the report) asks here, so none reads assessments for itself.
"""

from __future__ import annotations

import datetime as dt

from achilles_tui.domain.profile import (
    ClinicalProfile,
    ProfileHistory,
    profile_for_week,
    profile_on,
)
from achilles_tui.storage.repository import ReadOnlyRepository


def profile_history(repo: ReadOnlyRepository, end: dt.date) -> ProfileHistory:
    """Assessments, plans and the diary days with a sign, up to ``end``."""
    return ProfileHistory(
        repo.assessment_records(), repo.plans(), repo.flagged_diary_entries(None, end)
    )


def profile_today(repo: ReadOnlyRepository, day: dt.date) -> ClinicalProfile:
    """The profile in force on ``day``."""
    return profile_on(day, profile_history(repo, day))


def week_profile(repo: ReadOnlyRepository, week_ending: dt.date) -> ClinicalProfile:
    """The strictest profile of the 7 days ending on ``week_ending``."""
    return profile_for_week(week_ending, profile_history(repo, week_ending))
