"""Today at a glance: the plan, the care state, today's session and diary, in plain words."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from achilles_tui.care.state import current_care_state
from achilles_tui.domain.care_state import CareState
from achilles_tui.domain.counting import session_counts
from achilles_tui.domain.models import DiaryEntry, Plan, SessionLog
from achilles_tui.domain.wording import count
from achilles_tui.storage.repository import ReadOnlyRepository

if TYPE_CHECKING:
    from achilles_tui.care.sessions import Resumable


@dataclass(frozen=True)
class TodayView:
    """What the Today section shows, read once."""

    plan: Plan | None
    care: CareState
    sessions: tuple[SessionLog, ...]
    diary: DiaryEntry | None
    data_file: str
    resumable: Resumable | None = None

    @property
    def session_line(self) -> str:
        """Today's sessions in one line, saying whether they count (§E1)."""
        finished = [s for s in self.sessions if s.finished]
        if finished:
            last = finished[-1]
            holds = (
                f"{len(last.reps)} of {count(last.reps_planned, 'hold')}"
                if last.reps_planned
                else count(len(last.reps), "hold")
            )
            pain = f", pain {last.pain_during}/10" if last.pain_during is not None else ""
            state = "done" if last.complete else "ended early"
            counts = "" if session_counts(last) else " (too short to count)"
            extra = f"; {count(len(finished), 'session')} today" if len(finished) > 1 else ""
            return f"{state} at {last.ended_at:%H:%M}, {holds}{pain}{counts}{extra}."
        if self.sessions:
            return "started but not finished; you can resume it."
        return "not done yet today."


def today_view(
    repo: ReadOnlyRepository,
    now: dt.datetime,
    *,
    sides: str = "both",
    injured_side: str = "left",
) -> TodayView:
    """The day's state from one pass over what Today needs.

    An interrupted session is offered for resuming only while sessions are allowed.
    """
    day = now.date()
    care = current_care_state(repo, now)
    sessions = tuple(repo.sessions(day, day))
    interrupted = None
    if care.session_allowed and any(not s.finished for s in sessions):
        # Imported here: the session modules (timer, flare, resume) cost start-up time,
        # and only a day with an interrupted session needs them.
        from achilles_tui.care.sessions import resumable

        interrupted = resumable(repo, day, sides, injured_side)
    return TodayView(
        plan=care.plan or repo.current_plan(),  # the care state has read the plans already
        care=care,
        sessions=sessions,
        diary=repo.diary_on(day),
        data_file=str(repo.path),
        resumable=interrupted,
    )
