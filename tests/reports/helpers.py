"""Build the physio report from plain records, as ``care.status.physio_report`` does from a
history file: this week's review, then the one model, then a format."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from achilles_tui.domain.engine import Advice
from achilles_tui.domain.flare import SessionPlan
from achilles_tui.domain.models import DiaryEntry, HeelRaiseTest, Plan, SessionLog
from achilles_tui.domain.profile import ProfileHistory, profile_on
from achilles_tui.domain.records import AssessmentRecord
from achilles_tui.domain.report_model import PhysioReport, build_report_model
from achilles_tui.domain.review_context import build_review
from achilles_tui.reports.markdown import render_markdown


def report_model(
    today: dt.date,
    weeks: int,
    plans: Sequence[Plan],
    diary: Sequence[DiaryEntry],
    sessions: Sequence[SessionLog],
    assessment_records: Sequence[AssessmentRecord],
    review_records: Sequence[Mapping[str, Any]],
    active_blocks: Sequence[Advice] = (),
    heel_raise_tests: Sequence[HeelRaiseTest] = (),
    in_force: SessionPlan | None = None,
) -> PhysioReport:
    """The model with the review of the week ending ``today`` and the profile of today."""
    review = (
        build_review(
            today,
            plans,
            diary,
            sessions,
            assessment_records,
            review_records,
            active_blocks,
            heel_raise_tests,
        )
        if plans
        else None
    )
    profile = profile_on(today, ProfileHistory(assessment_records, plans, diary))
    assessed = profile.assessed_on is not None
    return build_report_model(
        today,
        weeks,
        plans,
        diary,
        sessions,
        review_records,
        review=review,
        heel_raise_tests=heel_raise_tests,
        in_force=in_force,
        condition=profile.condition if assessed else None,
        side=profile.side if assessed else None,
    )


def markdown_report(*args: Any, **kwargs: Any) -> str:
    """``report_model`` printed as Markdown."""
    return render_markdown(report_model(*args, **kwargs))
