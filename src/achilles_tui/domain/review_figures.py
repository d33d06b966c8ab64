"""Weekly figures for the review (clinical.md §E1, §D5): what happened, before any verdict.

Kept apart from the verdict logic in ``progression`` so the numbers a user sees can be checked
on their own, and so the verdict can never depend on anything that is not in these figures.
Pure: no I/O, no clock.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from achilles_tui.domain.care_state import has_rest_days
from achilles_tui.domain.counting import (
    PlanTimeline,
    counted_by_date,
    days_between,
    dedupe_sessions,
    planned_sessions,
)
from achilles_tui.domain.models import ISOTONIC, DayKind, DiaryEntry, Effort, SessionLog
from achilles_tui.domain.red_flags import BLOCKING_FLAG_RULES, WARN_FLAG_RULES, in_rule_order

WEEK_DAYS = 7
# DOSE-FREQUENCY: one session a day, so a full week plans seven.
SESSIONS_PER_WEEK = 7
# MON-NOT-SETTLED: a morning this many points over baseline counts as not settled [DESIGN].
NOT_SETTLED_MARGIN = 2
# Pain during a hold above this is "too much" (§E2, the single hard line).
PAIN_LIMIT = 5
# Pain during a hold above this makes a regression two steps (§E3).
PAIN_SEVERE = 7
# MON-STIFFNESS-TREND: worse means both this ratio and this many extra minutes [DESIGN].
STIFFNESS_RATIO = 1.2
STIFFNESS_EXTRA_MINUTES = 5
# How many logged mornings before the week make up the baseline (§E1).
BASELINE_MORNINGS = 7

# Harder efforts rank higher so a tie in the weekly count resolves to the harder one (§E1).
_EFFORT_RANK: dict[Effort, int] = {Effort.TOO_EASY: 0, Effort.CHALLENGING: 1, Effort.TOO_HARD: 2}
_DAYS_OFF = frozenset({DayKind.REST, DayKind.FLARE_UP, DayKind.PAUSE})


class _EveryDay(PlanTimeline):
    """No plans known: every day is planned, one session a day counts."""

    def __init__(self) -> None:
        super().__init__(())

    def is_planned_day(self, day: dt.date) -> bool:
        return True

    def cap_on(self, day: dt.date) -> int:
        return 1


EVERY_DAY: PlanTimeline = _EveryDay()


@dataclass(frozen=True)
class WeekFigures:
    """The §E1 per-week summary a verdict is read from; every number shown to the user."""

    week_start: dt.date
    week_ending: dt.date
    sessions_done: int
    sessions_planned: int
    adherence: float | None
    max_pain_during: int | None
    mean_pain_during: float | None
    sessions_over_5: int
    sessions_over_7: int
    pain_4_5_count: int
    diary_days: int
    days_off: int
    mean_morning_pain: float | None
    max_morning_pain: int | None
    mean_stiffness_minutes: float | None
    max_stiffness_minutes: int | None
    not_settled_mornings: int
    baseline_morning_pain: float | None
    stiffness_worse: bool
    weekly_effort: Effort | None
    flare_up: bool
    flare_up_days: int
    blocking_flags: tuple[str, ...] = ()
    warn_flags: tuple[str, ...] = ()
    unknown_flags: tuple[str, ...] = ()
    # §F5 decision 6: the unrounded mean, which MON-STIFFNESS-TREND compares (displays round).
    exact_stiffness_minutes: float | None = field(default=None, compare=False, repr=False)
    dose: dict[str, float] = field(default_factory=dict)
    # §E6.5 dose of heel raises, per side: raises done, and raises x added kg.
    raises: dict[str, int] = field(default_factory=dict)
    raise_load: dict[str, float] = field(default_factory=dict)
    sessions_rated: int = 0
    planned_days: int = WEEK_DAYS
    # §F5 decision 4, plans with rest days (T7-T8): heel-raise sessions done at the plan's
    # load, and loaded days that came straight after another loaded day.
    loaded_sessions: int = 0
    loaded_days_in_a_row: int = 0

    @property
    def dose_total(self) -> float:
        """All sides together, for a single weekly load figure."""
        return round(sum(self.dose.values()), 2)

    def to_json(self) -> dict[str, Any]:
        """Stable JSON form (primitives only) used by ``review --json`` and stored reviews."""
        return {
            "week_start": self.week_start.isoformat(),
            "week_ending": self.week_ending.isoformat(),
            "sessions_done": self.sessions_done,
            "sessions_planned": self.sessions_planned,
            "adherence": self.adherence,
            "max_pain_during": self.max_pain_during,
            "mean_pain_during": self.mean_pain_during,
            "sessions_over_5": self.sessions_over_5,
            "sessions_over_7": self.sessions_over_7,
            "pain_4_5_count": self.pain_4_5_count,
            "diary_days": self.diary_days,
            "days_off": self.days_off,
            "mean_morning_pain": self.mean_morning_pain,
            "max_morning_pain": self.max_morning_pain,
            "mean_stiffness_minutes": self.mean_stiffness_minutes,
            "max_stiffness_minutes": self.max_stiffness_minutes,
            "not_settled_mornings": self.not_settled_mornings,
            "baseline_morning_pain": self.baseline_morning_pain,
            "stiffness_worse": self.stiffness_worse,
            "weekly_effort": None if self.weekly_effort is None else str(self.weekly_effort),
            "flare_up": self.flare_up,
            "flare_up_days": self.flare_up_days,
            "blocking_flags": list(self.blocking_flags),
            "warn_flags": list(self.warn_flags),
            "unknown_flags": list(self.unknown_flags),
            "dose": dict(sorted(self.dose.items())),
            "dose_total": self.dose_total,
            "raises": dict(sorted(self.raises.items())),
            "raise_load_kg": dict(sorted(self.raise_load.items())),
            "sessions_rated": self.sessions_rated,
            "planned_days": self.planned_days,
            "loaded_sessions": self.loaded_sessions,
            "loaded_days_in_a_row": self.loaded_days_in_a_row,
        }


def week_window(week_ending: dt.date) -> tuple[dt.date, dt.date]:
    """The 7 calendar days ending on (and including) ``week_ending`` (§E1)."""
    return week_ending - dt.timedelta(days=WEEK_DAYS - 1), week_ending


def diary_by_date(diary: Sequence[DiaryEntry]) -> dict[dt.date, DiaryEntry]:
    """One entry per date (§E1); if a date appears twice the later one in the list wins."""
    return {entry.date: entry for entry in diary}


def baseline_morning_pain(diary: Sequence[DiaryEntry], week_ending: dt.date) -> float | None:
    """§E1: mean of the last 7 logged mornings before the week, else the week's first morning."""
    start, end = week_window(week_ending)
    by_date = diary_by_date(diary)
    before = sorted(
        (d for d, e in by_date.items() if d < start and e.morning_pain is not None),
        reverse=True,
    )[:BASELINE_MORNINGS]
    if before:
        return round(sum(_pain(by_date[d]) for d in before) / len(before), 2)
    inside = sorted(
        d for d, e in by_date.items() if start <= d <= end and e.morning_pain is not None
    )
    return float(_pain(by_date[inside[0]])) if inside else None


def is_not_settled(entry: DiaryEntry, baseline: float | None) -> bool:
    """MON-NOT-SETTLED for one morning: not settled, or pain at least 2 over baseline."""
    if entry.settled is False:
        return True
    return (
        entry.morning_pain is not None
        and baseline is not None
        and entry.morning_pain >= baseline + NOT_SETTLED_MARGIN
    )


def weekly_effort(sessions: Sequence[SessionLog]) -> Effort | None:
    """§E1: the rating given most often; a tie goes to the harder rating."""
    counts = Counter(s.effort for s in sessions if s.effort is not None)
    if not counts:
        return None
    return max(counts, key=lambda effort: (counts[effort], _EFFORT_RANK[effort]))


def stiffness_worse(this_mean: float | None, last_mean: float | None) -> bool:
    """MON-STIFFNESS-TREND: at least 1.2 x and at least 5 min over last week's mean."""
    if this_mean is None or last_mean is None:
        return False
    return this_mean >= STIFFNESS_RATIO * last_mean and this_mean >= (
        last_mean + STIFFNESS_EXTRA_MINUTES
    )


def compute_week(
    week_ending: dt.date,
    diary: Sequence[DiaryEntry],
    sessions: Sequence[SessionLog],
    previous_mean_stiffness: float | None = None,
    timeline: PlanTimeline | None = None,
) -> WeekFigures:
    """Summarise the 7 days ending on ``week_ending``; other dates in the input are ignored.

    §E1 "What counts": a session counts toward adherence only with half its holds done, at
    most the day's cap per date, and days before the first plan are neither planned nor
    missed. Pain and effort ratings of every session in the week, stopped or short ones
    included, still count. Without a ``timeline`` every day is planned (seven sessions a week).
    """
    start, end = week_window(week_ending)
    timeline = timeline if timeline is not None else EVERY_DAY
    entries = [e for d, e in sorted(diary_by_date(diary).items()) if start <= d <= end]
    week_sessions = dedupe_sessions(s for s in sessions if start <= s.date <= end)
    rated = [s for s in week_sessions if s.pain_during is not None or s.over_limit]
    done = sum(counted_by_date(week_sessions, timeline).values())

    plan_days = [d for d in days_between(start, end) if timeline.is_planned_day(d)]
    off = {e.date for e in entries if e.day in _DAYS_OFF}
    days_off = sum(1 for d in plan_days if d in off)
    plan = timeline.plan_on(end)
    per_week = plan.sessions_per_week if plan is not None else SESSIONS_PER_WEEK
    isotonic = plan is not None and plan.stage == ISOTONIC
    planned = planned_sessions(len(plan_days) - days_off, per_week, isotonic=isotonic)
    done = min(done, planned)  # §F5 decision 4: never more counted than planned
    adherence = round(min(1.0, done / planned), 3) if planned else None
    loaded_days = _loaded_days(sessions, start - dt.timedelta(days=1), end, timeline)

    pains = [s.pain_during for s in rated if s.pain_during is not None]
    over_5 = sum(1 for s in rated if s.over_limit or (s.pain_during or 0) > PAIN_LIMIT)
    over_7 = sum(1 for p in pains if p > PAIN_SEVERE)
    pain_4_5 = sum(1 for p in pains if 4 <= p <= PAIN_LIMIT)

    baseline = baseline_morning_pain(diary, week_ending)
    mornings = [e.morning_pain for e in entries if e.morning_pain is not None]
    stiffness = [e.stiffness_minutes for e in entries if e.stiffness_minutes is not None]
    mean_stiffness = _mean(stiffness)
    exact_stiffness = sum(stiffness) / len(stiffness) if stiffness else None

    blocking, warn, unknown = _flags(entries)
    flare_days = sum(1 for e in entries if e.day is DayKind.FLARE_UP)
    return WeekFigures(
        week_start=start,
        week_ending=end,
        sessions_done=done,
        sessions_planned=planned,
        adherence=adherence,
        max_pain_during=max(pains) if pains else None,
        mean_pain_during=_mean(pains),
        sessions_over_5=over_5,
        sessions_over_7=over_7,
        pain_4_5_count=pain_4_5,
        diary_days=len(entries),
        days_off=days_off,
        mean_morning_pain=_mean(mornings),
        max_morning_pain=max(mornings) if mornings else None,
        mean_stiffness_minutes=mean_stiffness,
        max_stiffness_minutes=max(stiffness) if stiffness else None,
        not_settled_mornings=sum(1 for e in entries if is_not_settled(e, baseline)),
        baseline_morning_pain=baseline,
        stiffness_worse=stiffness_worse(exact_stiffness, previous_mean_stiffness),
        exact_stiffness_minutes=exact_stiffness,
        weekly_effort=weekly_effort(rated),
        flare_up=flare_days > 0,
        flare_up_days=flare_days,
        blocking_flags=blocking,
        warn_flags=warn,
        unknown_flags=unknown,
        dose=_dose(week_sessions),
        raises=_raises(week_sessions),
        raise_load=_raise_load(week_sessions),
        sessions_rated=len(pains),
        planned_days=len(plan_days),
        loaded_sessions=sum(count for day, count in loaded_days.items() if day >= start),
        loaded_days_in_a_row=sum(
            1 for day in loaded_days if day >= start and day - dt.timedelta(days=1) in loaded_days
        ),
    )


def _loaded_days(
    sessions: Sequence[SessionLog], start: dt.date, end: dt.date, timeline: PlanTimeline
) -> dict[dt.date, int]:
    """Loaded heel-raise sessions per date from ``start`` to ``end`` (§F5 decision 4).

    A session is loaded when its day's plan has rest days (T7-T8: fewer than 7 sessions a
    week) and it did at least one set at that plan's load: counted or not, extra or logged
    while stopped, it loaded the tendon. The body-weight raises run two steps lower after a
    flare-up (PROG-FLARE-UP-REST) are not loaded ones.
    """
    loaded: dict[dt.date, int] = {}
    for session in dedupe_sessions(s for s in sessions if start <= s.date <= end):
        plan = timeline.plan_on(session.date)
        if plan is None or not has_rest_days(plan) or not session.reps:
            continue
        plan_load = max((ex.load_kg for ex in plan.exercises), default=0.0)
        if max(rep.load_kg for rep in session.reps) >= plan_load:
            loaded[session.date] = loaded.get(session.date, 0) + 1
    return loaded


def _flags(
    entries: Sequence[DiaryEntry],
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """Red flags reported in the week as rule ids (catalogue order), split by severity."""
    blocking: set[str] = set()
    warn: set[str] = set()
    unknown: set[str] = set()
    for entry in entries:
        for flag in entry.red_flags:
            key = str(flag).strip().lower()
            if key in BLOCKING_FLAG_RULES:
                blocking.add(BLOCKING_FLAG_RULES[key])
            elif key in WARN_FLAG_RULES:
                warn.add(WARN_FLAG_RULES[key])
            else:
                unknown.add(key)
    warn -= blocking  # new tendon pain on a fluoroquinolone is the blocking form of the rule
    return in_rule_order(blocking), in_rule_order(warn), tuple(sorted(unknown))


def _dose(sessions: Sequence[SessionLog]) -> dict[str, float]:
    """Seconds under tension weighted by (1 + added kg), per side, from the recorded holds."""
    dose: dict[str, float] = {}
    for session in sessions:
        for rep in session.reps:
            if rep.raises:
                continue  # a set of raises is counted by _raises, not as a hold
            side = str(rep.side)
            dose[side] = dose.get(side, 0.0) + rep.hold_seconds * (1.0 + float(rep.load_kg))
    return {side: round(value, 2) for side, value in dose.items()}


def _raises(sessions: Sequence[SessionLog]) -> dict[str, int]:
    """Heel raises done per side (§E6.5)."""
    done: dict[str, int] = {}
    for session in sessions:
        for rep in session.reps:
            if rep.raises:
                done[str(rep.side)] = done.get(str(rep.side), 0) + rep.raises
    return done


def _raise_load(sessions: Sequence[SessionLog]) -> dict[str, float]:
    """Raises x added kg per side (body-weight raises add nothing here)."""
    totals: dict[str, float] = {}
    for session in sessions:
        for side, value in session.raise_load_by_side().items():
            totals[str(side)] = round(totals.get(str(side), 0.0) + value, 2)
    return {side: value for side, value in totals.items() if value}


def _mean(values: Sequence[int]) -> float | None:
    """Mean rounded for display, None when there is nothing to average."""
    return round(sum(values) / len(values), 2) if values else None


def _pain(entry: DiaryEntry) -> int:
    """Morning pain of an entry already known to have one."""
    assert entry.morning_pain is not None
    return entry.morning_pain
