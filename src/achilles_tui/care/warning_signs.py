"""'Something changed?': the §F1 warning signs re-asked from anywhere, stored as a re-check.

A blocking sign pauses the plan (§F4) until a full assessment without it; the re-check keeps
the last answers so a warning-level sign still freezes progression in the weekly review.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from achilles_tui.care.assessments import previous_answers
from achilles_tui.care.state import current_care_state
from achilles_tui.domain.assessment import Assessment, Condition, RedFlag
from achilles_tui.domain.care_state import CareState, CareStateKind
from achilles_tui.domain.engine import recommend
from achilles_tui.domain.records import SOURCE_RECHECK, AssessmentRecord
from achilles_tui.storage.repository import Repository


@dataclass(frozen=True)
class RecheckOutcome:
    """The stored re-check (None when nothing was ticked) and the care state after it."""

    record: AssessmentRecord | None
    care: CareState

    @property
    def paused(self) -> bool:
        """The plan is paused for a warning sign."""
        return self.care.kind is CareStateKind.PAUSED_RED_FLAG


def recheck_warning_signs(
    repo: Repository, flags: Sequence[RedFlag], now: dt.datetime
) -> RecheckOutcome:
    """Store the ticked signs with the last answers; nothing ticked stores nothing."""
    if not flags:
        return RecheckOutcome(None, current_care_state(repo, now))
    previous = previous_answers(repo)
    base = previous if previous is not None else Assessment(condition=Condition.UNSURE)
    assessment = dataclasses.replace(base, red_flags=tuple(flags), sudden_onset=False)
    record = AssessmentRecord.of(assessment, recommend(assessment), now, SOURCE_RECHECK)
    repo.add_assessment(record)
    return RecheckOutcome(record, current_care_state(repo, now))
