"""What counts as a session done, and which days were planned at all (clinical.md §E1).

Every surface that counts sessions (the weekly review, History, Today, `status` and its streak,
the report) uses these functions, so a stopped two-hold session or a day before the first
plan can never be counted in one place and not in another.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
from collections.abc import Iterable, Sequence

from achilles_tui.domain.models import Plan, SessionLog

DAYS_PER_WEEK = 7


def holds_needed(session: SessionLog) -> int:
    """At least half the planned holds, rounded up; one when nothing was planned."""
    return max(1, math.ceil(session.reps_planned / 2))


def session_counts(session: SessionLog) -> bool:
    """§E1: a session counts when at least half its holds were done and sessions were allowed.

    A session logged while sessions were not allowed (§F4: paused by a warning sign, blocked,
    or stopped for the day; the rule is kept in ``paused_by``) is kept, and its pain counts
    for the review, but it never counts toward adherence (§F5 decision 3).
    """
    return counts(len(session.reps), session.reps_planned, paused=session.paused_by is not None)


def counts(holds_done: int, holds_planned: int, *, paused: bool) -> bool:
    """§E1 on the bare figures, for summaries kept without decoding every session.

    ``paused``: the session was logged while sessions were not allowed (any rule).
    """
    return not paused and holds_done >= max(1, math.ceil(holds_planned / 2))


def sessions_per_day(sessions_per_week: int) -> int:
    """§E1: at most ceil(sessions_per_week / 7) sessions count on one date."""
    return max(1, math.ceil(sessions_per_week / DAYS_PER_WEEK))


def planned_sessions(planned_days: int, sessions_per_week: int, *, isotonic: bool = False) -> int:
    """§E1: round(planned days x sessions_per_week / 7).

    A heel-raise step with fewer than 7 sessions a week uses §E6.1 instead: min(sessions per
    week, planned days), so a rest day does not lower the target of a 3-day week.
    """
    if isotonic:
        return max(0, min(sessions_per_week, planned_days))
    return round(planned_days * sessions_per_week / DAYS_PER_WEEK)


class PlanTimeline:
    """Which plan version was followed on a date, from the versions' start days.

    Days before the first plan's start are not planned days: neither done nor missed. Built
    once per read, so years of dates are looked up by bisection, not by scanning every plan.
    """

    def __init__(self, plans: Iterable[Plan]) -> None:
        self.plans = sorted(plans, key=lambda p: p.version)
        by_start = sorted(self.plans, key=lambda p: (p.start_date, p.version))
        self._starts = [p.start_date for p in by_start]
        # The newest version among those started by each start day (versions may be back-dated).
        self._newest: list[Plan] = []
        for plan in by_start:
            newest = self._newest[-1] if self._newest else None
            self._newest.append(plan if newest is None or plan.version > newest.version else newest)

    @property
    def first_day(self) -> dt.date | None:
        """The start of the first plan, or None when there is no plan yet."""
        return self._starts[0] if self._starts else None

    def plan_on(self, day: dt.date) -> Plan | None:
        """The newest version that had started by ``day``; None before the first plan."""
        index = bisect.bisect_right(self._starts, day)
        return self._newest[index - 1] if index else None

    def is_planned_day(self, day: dt.date) -> bool:
        """True from the first plan's start on."""
        first = self.first_day
        return first is not None and day >= first

    def cap_on(self, day: dt.date) -> int:
        """How many sessions may count on ``day`` (0 before the first plan)."""
        plan = self.plan_on(day)
        return 0 if plan is None else sessions_per_day(plan.sessions_per_week)


def counted_by_date(sessions: Iterable[SessionLog], timeline: PlanTimeline) -> dict[dt.date, int]:
    """Sessions that count per date: half the holds done, at most the day's cap, none pre-plan."""
    return counted_dates(((s.date, session_counts(s)) for s in sessions), timeline)


def counted_dates(
    sessions: Iterable[tuple[dt.date, bool]], timeline: PlanTimeline
) -> dict[dt.date, int]:
    """``counted_by_date`` on (date, counts) pairs."""
    pairs = list(sessions)
    result: dict[dt.date, int] = {}
    for (day, _counts), counted in zip(pairs, counting_flags(pairs, timeline), strict=True):
        if counted:
            result[day] = result.get(day, 0) + 1
    return result


def counting_flags(sessions: Sequence[tuple[dt.date, bool]], timeline: PlanTimeline) -> list[bool]:
    """For each (date, counts) pair, in order: is it one of the sessions that count?

    The one reckoning behind ``counted_dates`` too, one answer a session (for a table of
    sessions, e.g. the CSV export): the first ones of a date count, up to the day's cap.
    """
    used: dict[dt.date, int] = {}
    caps: dict[dt.date, int] = {}
    flags: list[bool] = []
    for day, counted_session in sessions:
        if day not in caps:
            caps[day] = timeline.cap_on(day)
        counted = counted_session and used.get(day, 0) < caps[day]
        if counted:
            used[day] = used.get(day, 0) + 1
        flags.append(counted)
    return flags


def dedupe_sessions(sessions: Iterable[SessionLog]) -> list[SessionLog]:
    """A session stored twice (same id) is one session; the later copy wins; date order."""
    by_id: dict[str, SessionLog] = {}
    for session in sessions:
        by_id[session.id] = session
    return sorted(by_id.values(), key=lambda s: (s.date, s.started_at, s.id))


def days_between(start: dt.date, end: dt.date) -> Sequence[dt.date]:
    """Every date from start to end inclusive (empty when end is before start)."""
    return [start + dt.timedelta(days=n) for n in range((end - start).days + 1)]
