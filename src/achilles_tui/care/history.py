"""History as the History section shows it: diary and sessions with the plans they followed.

Heel-raise sessions are summed per day here (sets, raises, load, and raises x load per side,
the isotonic dose of §E6.5), so the table only formats them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from achilles_tui.domain.counting import PlanTimeline
from achilles_tui.domain.models import DiaryEntry, SessionLog, Side
from achilles_tui.domain.wording import count
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


@dataclass
class RaiseWork:
    """One day's (or one range's) heel-raise work: sets, raises, load and the dose per side."""

    sets_done: int = 0
    sets_planned: int = 0
    raises: int = 0
    loads_kg: set[float] = field(default_factory=set)
    raises_by_side: dict[Side, int] = field(default_factory=dict)
    load_by_side: dict[Side, float] = field(default_factory=dict)

    def add(self, session: SessionLog) -> None:
        """Count one finished heel-raise session in."""
        self.sets_done += len(session.reps)
        self.sets_planned += session.reps_planned
        for rep in session.reps:
            if not rep.raises:
                continue
            self.raises += rep.raises
            self.loads_kg.add(rep.load_kg)
            self.raises_by_side[rep.side] = self.raises_by_side.get(rep.side, 0) + rep.raises
            self.load_by_side[rep.side] = (
                self.load_by_side.get(rep.side, 0.0) + rep.raises * rep.load_kg
            )

    def merge(self, other: RaiseWork) -> None:
        """Add another day's work in (a range's total)."""
        self.sets_done += other.sets_done
        self.sets_planned += other.sets_planned
        self.raises += other.raises
        self.loads_kg |= other.loads_kg
        for side, raises in other.raises_by_side.items():
            self.raises_by_side[side] = self.raises_by_side.get(side, 0) + raises
        for side, kg in other.load_by_side.items():
            self.load_by_side[side] = self.load_by_side.get(side, 0.0) + kg

    @property
    def sets_cell(self) -> str:
        """'3/3' for the table's narrow Sets column."""
        return f"{self.sets_done}/{self.sets_planned}" if self.sets_planned else str(self.sets_done)

    @property
    def load_words(self) -> str:
        """'+5 kg', or 'body weight' when nothing was added."""
        added = sorted(kg for kg in self.loads_kg if kg)
        return " / ".join(f"+{kg:g} kg" for kg in added) if added else "body weight"

    @property
    def text(self) -> str:
        """'3/3 sets · 45 raises · +5 kg'."""
        return f"{self.sets_cell} sets · {count(self.raises, 'raise')} · {self.load_words}"

    @property
    def dose_text(self) -> str:
        """Per side: 'left 45 raises (raises x kg = 225)'; body-weight raises count as raises."""
        parts = []
        for side in sorted(self.raises_by_side, key=lambda s: s.value):
            kg = self.load_by_side.get(side, 0.0)
            raises = count(self.raises_by_side[side], "raise")
            parts.append(
                f"{side.value} {raises} ({f'raises x kg = {kg:g}' if kg else 'body weight'})"
            )
        return "; ".join(parts)


def raise_work_by_day(sessions: list[SessionLog]) -> dict[dt.date, RaiseWork]:
    """Each day's heel-raise work from its finished heel-raise sessions."""
    days: dict[dt.date, RaiseWork] = {}
    for session in sessions:
        if session.finished and session.is_isotonic:
            days.setdefault(session.date, RaiseWork()).add(session)
    return days
