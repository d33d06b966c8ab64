"""A history with a plan from three weeks ago and logged days, for the Progress tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from achilles_tui.domain.assessment import Assessment, Condition
from achilles_tui.domain.engine import recommend
from achilles_tui.domain.models import (
    DayKind,
    DiaryEntry,
    Effort,
    Exercise,
    Position,
    RepRecord,
    SessionLog,
    Side,
)
from achilles_tui.domain.records import AssessmentRecord
from achilles_tui.domain.rules import LADDER
from achilles_tui.storage.database import HistoryStore
from achilles_tui.storage.repository import Repository
from tests.conftest import FROZEN_NOW
from tests.ui.helpers import prepared_history

TODAY = FROZEN_NOW.date()


def ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


def seed(
    data_dir: Path,
    *,
    level: str | None = "L1",
    days: int = 7,
    pains: Sequence[int] | None = None,
    condition: Condition = Condition.MIDPORTION,
    flare_on: dt.date | None = None,
) -> None:
    """A plan made 3 weeks ago and `days` logged days ending today."""
    prepared_history(data_dir)
    step = LADDER[level or "L3"]
    exercise = Exercise(
        Position.NEUTRAL,
        legs=step.legs,
        reps=step.reps,
        hold_seconds=step.hold_seconds,
        rest_seconds=step.rest_seconds,
    )
    made = FROZEN_NOW - dt.timedelta(days=21)
    answers = Assessment(condition=condition)
    record = AssessmentRecord.of(answers, recommend(answers), made)
    with HistoryStore(data_dir) as store:
        repo = Repository(store)
        if level is None:
            repo.add_assessment(record)
            repo.add_plan([exercise], source="own", created=made)
        else:
            repo.save_assessment_and_plan(
                record, [exercise], source="assessment", level=level, created=made
            )
        for offset in range(days):
            day = ago(offset)
            kind = DayKind.FLARE_UP if day == flare_on else DayKind.NORMAL
            repo.save_diary(DiaryEntry(day, 1, 5, True, kind))
            pain = pains[offset] if pains else 2
            start = dt.datetime.combine(day, dt.time(8))
            repo.add_manual_session(
                SessionLog(
                    id=f"s{day.isoformat()}",
                    date=day,
                    plan_version=1,
                    started_at=start,
                    ended_at=start + dt.timedelta(minutes=4),
                    pain_during=pain,
                    effort=Effort.CHALLENGING,
                    complete=True,
                    over_limit=pain > 5,
                    source="manual",
                    reps=(RepRecord(0, Side.BOTH, 1, step.hold_seconds),),
                    reps_planned=1,
                )
            )
