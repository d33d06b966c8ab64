"""The weekly review's entry point: the §E2 week judged with the ladder of the plan's stage.

Holds are judged by ``progression``; heel raises by ``isotonic_review``, which builds on it.
Every caller (the review use case, the report, the tests) comes through here, so a week is
never judged with the other stage's rules.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from achilles_tui.domain.isotonic_review import IsotonicJudge
from achilles_tui.domain.models import ISOTONIC, DiaryEntry, SessionLog
from achilles_tui.domain.progression import Review, ReviewContext, judge_week


def review_week(
    week_ending: dt.date,
    diary: Sequence[DiaryEntry],
    sessions: Sequence[SessionLog],
    context: ReviewContext,
) -> Review:
    """Judge the 7 days ending on ``week_ending`` and suggest the next step (§E2, §E6.4)."""
    judge = IsotonicJudge if context.stage == ISOTONIC else None
    return judge_week(week_ending, diary, sessions, context, judge)
