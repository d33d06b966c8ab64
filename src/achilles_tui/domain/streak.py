"""The §E1 streak as runs of days, so a closed year can be summed up once and kept.

A streak walks back day by day while each day is planned and either has a counted session or
is a rest-type day. The walk over one calendar year only depends on that year's sessions and
diary, so a year whose records are archived can store how many counted days its run ends with
and whether the run spans the whole year; the streak then crosses years of history without
reading them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from achilles_tui.domain.counting import (
    PlanTimeline,
    counted_by_date,
    counted_dates,
    session_counts,
)
from achilles_tui.domain.models import DayKind, DiaryEntry, Plan, SessionLog

ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Run:
    """Counted days of a run walked back to ``stop``; ``whole`` when no day broke it."""

    days: int
    whole: bool


def run_back(
    start: dt.date,
    stop: dt.date,
    timeline: PlanTimeline,
    sessions: Iterable[SessionLog],
    diary: Iterable[DiaryEntry],
) -> Run:
    """Walk from ``start`` back to ``stop`` (inclusive) while days are planned and done or off."""
    done = set(counted_by_date(sessions, timeline))
    off = {e.date for e in diary if e.day is not DayKind.NORMAL}
    return run_back_days(start, stop, timeline, done, off)


def run_back_days(
    start: dt.date, stop: dt.date, timeline: PlanTimeline, done: set[dt.date], off: set[dt.date]
) -> Run:
    """``run_back`` on the days with a counted session and the rest-type days."""
    day, count = start, 0
    while day >= stop:
        if not (timeline.is_planned_day(day) and (day in done or day in off)):
            return Run(count, whole=False)
        count += day in done
        day -= ONE_DAY
    return Run(count, whole=True)


def year_run(
    year: int, plans: Sequence[Plan], sessions: Iterable[SessionLog], diary: Iterable[DiaryEntry]
) -> Run:
    """The run that ends on 31 December of ``year``, walked back at most to 1 January."""
    return run_back(
        dt.date(year, 12, 31), dt.date(year, 1, 1), PlanTimeline(plans), sessions, diary
    )


def year_run_of_days(
    year: int,
    plans: Sequence[Plan],
    sessions: Iterable[tuple[dt.date, bool]],
    off: set[dt.date],
) -> Run:
    """``year_run`` from (date, counts) pairs and rest-type days (a closed year's summary)."""
    timeline = PlanTimeline(plans)
    done = set(counted_dates(sessions, timeline))
    return run_back_days(dt.date(year, 12, 31), dt.date(year, 1, 1), timeline, done, off)


def streak_days(
    today: dt.date,
    plans: Sequence[Plan],
    sessions: Sequence[SessionLog],
    diary: Sequence[DiaryEntry],
    *,
    since: dt.date | None = None,
    earlier: Iterable[Run] = (),
) -> int:
    """Days in a row with a counted session (§E1), rest-type days bridging, up to today.

    Today only adds to the streak once its session is done; days before the first plan end it.
    ``sessions`` and ``diary`` cover ``since`` (a 1 January) to today; when the run reaches
    ``since`` it goes on through ``earlier``: the runs of the years before, newest first.
    """
    counted = [(s.date, session_counts(s)) for s in sessions]
    off = {e.date for e in diary if e.day is not DayKind.NORMAL}
    return streak_of_days(today, plans, counted, off, since=since, earlier=earlier)


def streak_of_days(
    today: dt.date,
    plans: Sequence[Plan],
    sessions: Iterable[tuple[dt.date, bool]],
    off: set[dt.date],
    *,
    since: dt.date | None = None,
    earlier: Iterable[Run] = (),
) -> int:
    """``streak_days`` from (date, counts) pairs and rest-type days: what `status` reads."""
    timeline = PlanTimeline(plans)
    done = set(counted_dates(sessions, timeline))
    start = today if today in done else today - ONE_DAY
    run = run_back_days(start, since or dt.date.min, timeline, done, off)
    total = run.days
    if run.whole and since is not None:
        for year in earlier:
            total += year.days
            if not year.whole:
                break
    return total
