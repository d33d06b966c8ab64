"""§E1 "What counts": half the holds, a per-day cap, no days before the first plan."""

from __future__ import annotations

import datetime as dt

from achilles_tui.domain.counting import PlanTimeline, counted_by_date, session_counts
from achilles_tui.domain.models import DayKind
from achilles_tui.domain.review_figures import compute_week
from achilles_tui.domain.status import streak_days
from tests.care.builders import TODAY, at, day, plan, session

WEEK = [TODAY - dt.timedelta(days=n) for n in range(6, -1, -1)]


def test_a_session_counts_with_half_its_holds_rounded_up() -> None:
    assert not session_counts(session(TODAY, done=0, planned=5))
    assert not session_counts(session(TODAY, done=2, planned=5))
    assert session_counts(session(TODAY, done=3, planned=5))
    assert session_counts(session(TODAY, done=1, planned=0))
    assert not session_counts(session(TODAY, done=5, planned=5, paused_by="RF-DVT"))


def test_zero_hold_sessions_never_count_toward_adherence() -> None:
    timeline = PlanTimeline([plan(created=at(-60))])
    zero = [session(d, done=0, planned=5) for d in WEEK]
    week = compute_week(TODAY, [day(d) for d in WEEK], zero, None, timeline)
    assert week.sessions_done == 0
    assert week.adherence == 0.0


def test_two_sessions_on_one_day_count_once_on_a_daily_plan() -> None:
    timeline = PlanTimeline([plan(created=at(-60))])
    two = [session(TODAY, sid="a"), session(TODAY, sid="b")]
    assert counted_by_date(two, timeline) == {TODAY: 1}
    twice_daily = PlanTimeline([plan(created=at(-60), per_week=14)])
    assert counted_by_date(two, twice_daily) == {TODAY: 2}


def test_days_before_the_first_plan_are_neither_done_nor_missed() -> None:
    first_day = PlanTimeline([plan(created=at(0, 7))])
    week = compute_week(TODAY, [], [session(TODAY)], None, first_day)
    assert (week.sessions_done, week.sessions_planned, week.adherence) == (1, 1, 1.0)
    earlier = compute_week(TODAY - dt.timedelta(days=7), [], [], None, first_day)
    assert (earlier.sessions_planned, earlier.planned_days, earlier.adherence) == (0, 0, None)


def test_a_back_dated_plan_starts_counting_on_its_since_day() -> None:
    timeline = PlanTimeline([plan(created=at(0), since=TODAY - dt.timedelta(days=2))])
    sessions = [session(d) for d in WEEK]
    week = compute_week(TODAY, [], sessions, None, timeline)
    assert (week.sessions_done, week.sessions_planned) == (3, 3)


def test_planned_sessions_follow_the_plans_frequency() -> None:
    three_a_week = PlanTimeline([plan(created=at(-60), per_week=3)])
    rest_day = [day(WEEK[0], kind=DayKind.REST)]
    week = compute_week(TODAY, rest_day, [], None, three_a_week)
    assert week.sessions_planned == round(6 * 3 / 7)


def test_short_sessions_still_count_for_the_pain_figures() -> None:
    timeline = PlanTimeline([plan(created=at(-60))])
    stopped = session(TODAY, done=1, planned=5, pain=8, over_limit=True)
    week = compute_week(TODAY, [], [stopped], None, timeline)
    assert week.sessions_done == 0
    assert (week.sessions_over_5, week.sessions_over_7, week.max_pain_during) == (1, 1, 8)


def test_the_streak_counts_only_counted_sessions_and_stops_at_the_first_plan() -> None:
    plans = [plan(created=at(-2, 7))]
    sessions = [session(d) for d in WEEK]
    assert streak_days(TODAY, plans, sessions, []) == 3
    short = [session(d, done=1) if d == WEEK[-2] else session(d) for d in WEEK]
    assert streak_days(TODAY, plans, short, []) == 1


def test_the_timeline_finds_the_newest_version_started_by_a_day_even_out_of_order() -> None:
    first = plan(version=1, created=at(-30))
    second = plan(version=2, created=at(-10))
    imported = plan(version=3, created=at(0), since=TODAY - dt.timedelta(days=20))
    timeline = PlanTimeline([second, imported, first])
    assert timeline.first_day == TODAY - dt.timedelta(days=30)
    assert timeline.plan_on(TODAY - dt.timedelta(days=31)) is None
    assert timeline.plan_on(TODAY - dt.timedelta(days=25)) is first
    assert timeline.plan_on(TODAY - dt.timedelta(days=20)) is imported
    assert timeline.plan_on(TODAY - dt.timedelta(days=5)) is imported
