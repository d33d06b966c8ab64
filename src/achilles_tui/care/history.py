"""History as the History section shows it: diary and sessions with the plans they followed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from achilles_tui.domain.counting import PlanTimeline
from achilles_tui.domain.models import DiaryEntry, SessionLog
from achilles_tui.storage.repository import ReadOnlyRepository


@dataclass(frozen=True)
class HistoryData:
    """One read of a date range; the timeline says which days were planned (§E1)."""

    diary: list[DiaryEntry]
    sessions: list[SessionLog]
    timeline: PlanTimeline


def history_data(repo: ReadOnlyRepository, start: dt.date | None) -> HistoryData:
    """Diary and sessions from ``start`` (everything when None), and the plan versions."""
    return HistoryData(repo.diary_entries(start), repo.sessions(start), PlanTimeline(repo.plans()))
