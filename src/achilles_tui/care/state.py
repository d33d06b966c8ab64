"""The care state from the stored history: the one place "what may I do today?" is answered."""

from __future__ import annotations

import datetime as dt

from achilles_tui.domain.care_state import CareState, care_state, last_clean_assessment
from achilles_tui.storage.repository import ReadOnlyRepository


def current_care_state(repo: ReadOnlyRepository, at: dt.datetime) -> CareState:
    """§F4 at ``at``, reading only what can matter: signs since the last clean assessment."""
    records = repo.assessment_records()
    clean = last_clean_assessment([r for r in records if r.created <= at])
    since = clean.date() if clean is not None else None
    day = at.date()
    diary = repo.flagged_diary_entries(since, day)
    today = repo.diary_on(day)
    if today is not None and not today.red_flags:
        diary.append(today)  # a flare-up day stops sessions even without a sign
    return care_state(at, repo.plans(), records, diary, repo.sessions(day, day))
