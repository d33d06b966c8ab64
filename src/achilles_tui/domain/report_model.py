"""What the physio report says: one model that the Markdown, HTML and PDF pages all print.

A physio reads the page in two minutes: what to look at, pain and the next-morning response,
sessions done against planned, the dose over time, the heel-raise tests, the questionnaire,
and the plan in force. Every figure and every sentence with a figure in it is made here, so
the three formats can only place them differently, never say something different. Numbers
carry at most one decimal and their unit. Pure: the caller reads the history.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from achilles_tui.domain.assessment import Condition
from achilles_tui.domain.capacity import DOMAINS, questionnaires_in, self_tests_in
from achilles_tui.domain.counting import PlanTimeline, dedupe_sessions
from achilles_tui.domain.flare import SessionPlan
from achilles_tui.domain.models import (
    ISOTONIC,
    LEVELS,
    T_LEVELS,
    DayKind,
    DiaryEntry,
    DomainError,
    HeelRaise,
    HeelRaiseTest,
    Plan,
    SessionLog,
)
from achilles_tui.domain.progression import AMBER_ADHERENCE, GREEN_ADHERENCE, Review
from achilles_tui.domain.report import (
    DEFAULT_WEEKS,
    DISCLAIMER,
    MAX_WEEKS,
    stage_words,
    suggestion_text,
)
from achilles_tui.domain.report_tables import (
    Note,
    ReviewSummary,
    plan_history,
    raise_sessions,
    review_now,
    stage_history,
    stored_reviews,
)
from achilles_tui.domain.review_figures import (
    PAIN_LIMIT,
    WEEK_DAYS,
    WeekFigures,
    compute_week,
    is_not_settled,
)
from achilles_tui.domain.wording import count

__all__ = [
    "DAILY_UP_TO_WEEKS",
    "DEFAULT_WEEKS",
    "MAX_WEEKS",
    "PAIN_RISE",
    "QUESTIONNAIRE_DROP",
    "DayPoint",
    "EventGroup",
    "PhysioReport",
    "build_report_model",
    "num",
    "pct",
]

# Up to this many weeks the pain chart shows every day; longer periods show weekly points.
DAILY_UP_TO_WEEKS = 8
# "Look at this": weekly mean morning pain this much higher than the week before [DESIGN].
PAIN_RISE = 1.0
# "Look at this": a questionnaire total this many points under the one before (§E5 trend).
QUESTIONNAIRE_DROP = 10
# How many dates one line of the "look at this" box lists before it says "and N more".
EVENT_DATES_SHOWN = 8

CONDITION_WORDS = {
    Condition.MIDPORTION: "mid-portion Achilles tendinopathy",
    Condition.INSERTIONAL: "insertional Achilles tendinopathy",
    Condition.BURSITIS: "bursitis at the back of the heel",
    Condition.RUPTURE_SURGERY: "Achilles rupture, repaired by surgery",
    Condition.RUPTURE_CONSERVATIVE: "Achilles rupture, treated without surgery",
    Condition.CALF_STRAIN: "calf strain",
    Condition.UNSURE: "Achilles pain, type not known",
}
WARNING_SIGN_WORDS = {
    "pop": "sudden pop or kick",
    "calf-swelling": "swollen, warm or red calf",
    "breathless": "breathless or chest pain",
    "infection": "fever or wound problem",
    "night-pain": "night or rest pain",
    "inflammatory": "inflammatory pattern",
    "fluoroquinolone": "'-floxacin' antibiotic",
    "fluoroquinolone-new-pain": "new pain on a '-floxacin' antibiotic",
}


# -- numbers as the page prints them ------------------------------------------------------------


def num(value: float | int | None, unit: str = "") -> str:
    """At most one decimal, no trailing zero, the unit after a space; '-' for nothing logged."""
    if value is None:
        return "-"
    text = str(value) if isinstance(value, int) else f"{value:.1f}".removesuffix(".0")
    if text == "-0":
        text = "0"
    return f"{text} {unit}" if unit else text


def pct(share: float | None) -> str:
    """A share as a whole percentage, '86%'; '-' when there is nothing to share."""
    return "-" if share is None else f"{round(share * 100)}%"


def day_text(day: dt.date) -> str:
    """'6 Dec 2026': the date as the page prints it, unambiguous in any country."""
    return f"{day.day} {day.strftime('%b %Y')}"


def short_day(day: dt.date) -> str:
    """'6 Dec': a date inside the report's period (the header gives the year)."""
    return f"{day.day} {day.strftime('%b')}"


def _round1(value: float | None) -> float | None:
    """One decimal, as every mean on the page is shown."""
    return None if value is None else round(value, 1)


# -- the model ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class DayPoint:
    """One calendar day of the period, for the pain chart.

    ``session_pain`` is the highest pain during that day's sessions (stopped ones included);
    ``after_session`` marks the morning after a day with a session: the 24-hour response of
    the pain-monitoring model, ``not_settled`` its answer (MON-NOT-SETTLED, the week's
    baseline).
    """

    date: dt.date
    morning_pain: int | None
    session_pain: int | None
    sessions: int
    after_session: bool
    not_settled: bool
    flare_up: bool


@dataclass(frozen=True)
class SideDose:
    """One side's dose in a week: seconds held and raises, each with its added load."""

    side: str
    held_seconds: int = 0
    held_kg_seconds: float = 0.0
    raises: int = 0
    raise_kg: float = 0.0

    @property
    def text(self) -> str:
        """'left 450 s', 'both 900 s + 1800 s x kg', 'left 90 raises + 450 raises x kg'."""
        parts = []
        if self.held_seconds:
            held = f"{self.held_seconds} s"
            if self.held_kg_seconds:
                held += f" + {num(self.held_kg_seconds)} s x kg"
            parts.append(held)
        if self.raises:
            raised = count(self.raises, "raise")
            if self.raise_kg:
                raised += f" + {num(self.raise_kg)} raises x kg"
            parts.append(raised)
        return f"{self.side} {', '.join(parts)}"


@dataclass(frozen=True)
class WeekRow:
    """One week of the period with every figure the report shows for it (§E1 counting)."""

    week_start: dt.date
    week_ending: dt.date
    planned_days: int
    done: int
    planned: int
    adherence: float | None
    max_pain_during: int | None
    mean_pain_during: float | None
    mean_morning_pain: float | None
    mean_stiffness: float | None
    not_settled: int
    flare_up_days: int
    sessions_over_5: int
    dose: tuple[SideDose, ...]

    @property
    def sessions_text(self) -> str:
        """'5/7'; '-' for a week wholly before the first plan (neither done nor missed)."""
        return "-" if self.planned_days == 0 else f"{self.done}/{self.planned}"

    @property
    def dose_text(self) -> str:
        """Every side's dose with units, '-' for none."""
        return "; ".join(side.text for side in self.dose) or "-"

    @property
    def low_adherence(self) -> bool:
        """Under 70% of the planned sessions (§E2 AMBER)."""
        return self.adherence is not None and self.adherence < AMBER_ADHERENCE


@dataclass(frozen=True)
class EventGroup:
    """One line of the "look at this" box: what happened, and on which dates."""

    label: str
    items: tuple[str, ...]

    @property
    def line(self) -> str:
        """'Sessions over 5/10: 3 Mar (7/10), 9 Mar (6/10)', long lists cut with a count."""
        shown = self.items[-EVENT_DATES_SHOWN:]
        more = len(self.items) - len(shown)
        tail = f" and {more} earlier" if more else ""
        return f"{self.label}: {', '.join(shown)}{tail}"


@dataclass(frozen=True)
class PlanMark:
    """A new plan version on the time axis; ``stage_switch`` when holds and raises swap."""

    date: dt.date
    label: str
    stage_switch: bool


@dataclass(frozen=True)
class RaiseTest:
    """One heel-raise test to fatigue: raises on the sore side and on the other side."""

    date: dt.date
    sore: int
    other: int | None
    pain: int | None
    stopped: bool
    kind: str  # "guided test" | "self-test"

    @property
    def share(self) -> float | None:
        """The sore side as a share of the other side."""
        return self.sore / self.other if self.other else None


@dataclass(frozen=True)
class Score:
    """One filled questionnaire: the total and its three domain subtotals."""

    date: dt.date
    total: int
    domains: tuple[tuple[str, int, int], ...]  # (domain, score, most possible)


@dataclass(frozen=True)
class CurrentPlan:
    """The plan as the next session runs it (after a flare-up, the lower level; §F5 d13)."""

    version: int
    since: dt.date
    source: str
    stage: str
    level: str | None
    mode: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    rest_days: bool
    notes: tuple[Note, ...]
    move_up: tuple[str, ...]

    @property
    def level_text(self) -> str:
        """'L4', or what an own plan is called."""
        return self.level or "own or physio plan (no ladder level)"

    @property
    def summary(self) -> str:
        """The plan in one sentence, as the Markdown's first line about it."""
        return (
            f"Version {self.version}, since {self.since.isoformat()}, made by {self.source}; "
            f"stage: {stage_words(self.stage)}; level: {self.level_text}; mode: {self.mode}."
        )


@dataclass(frozen=True)
class PhysioReport:
    """Everything the physio report says, for every format."""

    made: dt.date
    weeks: int
    first_day: dt.date
    condition: str
    sore_side: str
    plan: CurrentPlan | None
    review_now: ReviewSummary | None
    days: tuple[DayPoint, ...]
    week_rows: tuple[WeekRow, ...]
    events: tuple[EventGroup, ...]
    plan_marks: tuple[PlanMark, ...]
    tests: tuple[RaiseTest, ...]
    scores: tuple[Score, ...]
    plan_history: tuple[tuple[str, ...], ...]
    stage_history: tuple[tuple[str, ...], ...]
    raise_sessions: tuple[tuple[str, ...], ...]
    stored_reviews: tuple[ReviewSummary, ...]
    disclaimer: str = DISCLAIMER

    # -- the header -----------------------------------------------------------------------------

    @property
    def title(self) -> str:
        """The page's title."""
        return "Achilles tendon rehab report"

    @property
    def period_text(self) -> str:
        """'8 weeks, 12 Oct 2026 to 6 Dec 2026'."""
        return f"{count(self.weeks, 'week')}, {day_text(self.first_day)} to {day_text(self.made)}"

    @property
    def made_text(self) -> str:
        """'6 Dec 2026'."""
        return day_text(self.made)

    @property
    def stage_level_text(self) -> str:
        """'holds (isometric), level L4' as the next session runs it."""
        if self.plan is None:
            return "no plan saved yet"
        if self.plan.level is None:
            return f"{stage_words(self.plan.stage)}, {self.plan.level_text}"
        return f"{stage_words(self.plan.stage)}, level {self.plan.level}"

    @property
    def header_lines(self) -> tuple[tuple[str, str], ...]:
        """(label, text) pairs of the header, in reading order."""
        return (
            ("Period", self.period_text),
            ("Condition", self.condition),
            ("Sore side", self.sore_side),
            ("Today", self.stage_level_text),
            ("Made on", self.made_text),
        )

    @property
    def daily(self) -> bool:
        """The pain chart shows every day (else weekly points, for 12-26 weeks)."""
        return self.weeks <= DAILY_UP_TO_WEEKS

    # -- the figures under each chart (first -> latest) -----------------------------------------

    @property
    def sessions_total(self) -> tuple[int, int]:
        """Sessions done and planned over the whole period (§E1 counting, capped per week)."""
        return (sum(w.done for w in self.week_rows), sum(w.planned for w in self.week_rows))

    @property
    def sessions_overall(self) -> str:
        """'46 of 54 planned sessions (85%)'."""
        done, planned = self.sessions_total
        share = pct(done / planned) if planned else "-"
        return f"{done} of {count(planned, 'planned session')} ({share})"

    @property
    def pain_caption(self) -> str:
        """Weekly morning and session pain, first -> latest, and the next-morning response."""
        morning = _first_latest([w.mean_morning_pain for w in self.week_rows])
        during = _first_latest([w.max_pain_during for w in self.week_rows])
        after = [d for d in self.days if d.after_session and d.morning_pain is not None]
        unsettled = sum(1 for d in after if d.not_settled)
        over = sum(w.sessions_over_5 for w in self.week_rows)
        return (
            f"Morning pain (weekly mean) {morning}; highest pain during sessions {during} "
            f"(of 10, first -> latest week). {count(over, 'session')} over {PAIN_LIMIT}/10; "
            f"{unsettled} of {count(len(after), 'morning')} after a session not settled."
        )

    @property
    def sessions_caption(self) -> str:
        """Done of planned per week, first -> latest, and over the whole period."""
        rows = [w for w in self.week_rows if w.planned_days]
        if not rows:
            return "No plan in this period, so no sessions were planned."
        return (
            f"Sessions done of planned a week {rows[0].sessions_text} -> "
            f"{rows[-1].sessions_text}; over the period {self.sessions_overall}."
        )

    @property
    def dose_caption(self) -> str:
        """Each side's weekly dose, first -> latest week with any, with units."""
        with_dose = [w for w in self.week_rows if w.dose]
        if not with_dose:
            return "No holds or raises recorded in this period."
        first, last = with_dose[0], with_dose[-1]
        marks = len(self.plan_marks)
        changed = f"; {count(marks, 'plan change')} marked" if marks else ""
        return f"Dose a week {first.dose_text} -> {last.dose_text}{changed}."

    @property
    def tests_caption(self) -> str:
        """The sore side's raises and its share of the other side, first -> latest."""
        if not self.tests:
            return "No heel-raise test yet."
        first, last = self.tests[0], self.tests[-1]
        text = f"Sore side {first.sore} -> {count(last.sore, 'raise')}"
        if first.other is not None or last.other is not None:
            text += f"; other side {num(first.other)} -> {num(last.other)}"
        if first.share is not None or last.share is not None:
            text += f"; sore side {pct(first.share)} -> {pct(last.share)} of the other"
        return text + f" ({count(len(self.tests), 'test')})."

    @property
    def scores_caption(self) -> str:
        """Questionnaire totals first -> latest (higher is better)."""
        if not self.scores:
            return "No questionnaire filled in yet."
        first, last = self.scores[0], self.scores[-1]
        return (
            f"Questionnaire total {first.total} -> {last.total} of 100 (higher is better; "
            f"{count(len(self.scores), 'score')})."
        )

    @property
    def stiffness_caption(self) -> str:
        """Weekly mean morning stiffness, first -> latest."""
        trend = _first_latest([w.mean_stiffness for w in self.week_rows], "min")
        return f"Morning stiffness (weekly mean) {trend}."

    @property
    def look_at_this(self) -> tuple[str, ...]:
        """The lines of the "look at this" box; one line saying so when there is nothing."""
        if not self.events:
            return ("Nothing to flag in this period.",)
        return tuple(group.line for group in self.events)

    def figures(self) -> list[str]:
        """Every figure text the page prints in every format (the formats are tested on it)."""
        found = [text for _label, text in self.header_lines]
        found += [
            self.pain_caption,
            self.sessions_caption,
            self.dose_caption,
            self.tests_caption,
            self.scores_caption,
            *self.look_at_this,
        ]
        if self.plan is not None:
            found += [cell for row in self.plan.rows for cell in row]
            found += [note.line for note in self.plan.notes]
            found += list(self.plan.move_up)
        return found


def _first_latest(values: Sequence[float | int | None], unit: str = "") -> str:
    """'4 -> 1' over the logged values; 'not logged' when there are none."""
    known = [v for v in values if v is not None]
    if not known:
        return "not logged"
    return f"{num(known[0])} -> {num(known[-1], unit)}"


# -- building it --------------------------------------------------------------------------------


def build_report_model(
    today: dt.date,
    weeks: int,
    plans: Sequence[Plan],
    diary: Sequence[DiaryEntry],
    sessions: Sequence[SessionLog],
    review_records: Sequence[Mapping[str, Any]],
    *,
    review: Review | None = None,
    heel_raise_tests: Sequence[HeelRaiseTest] = (),
    in_force: SessionPlan | None = None,
    condition: Condition | None = None,
    side: str | None = None,
) -> PhysioReport:
    """The report of the ``weeks`` weeks ending ``today`` from what the caller read.

    ``diary`` must reach back to the 7 logged mornings before the period (each week's
    baseline, §E1); ``review`` is this week's review as the app shows it (care state
    included); ``in_force`` is the plan the next session runs.
    """
    if isinstance(weeks, bool) or not isinstance(weeks, int) or not 1 <= weeks <= MAX_WEEKS:
        raise DomainError(f"weeks must be a whole number from 1 to {MAX_WEEKS}, got {weeks!r}")
    endings = [today - dt.timedelta(days=WEEK_DAYS * k) for k in range(weeks - 1, -1, -1)]
    first_day = endings[0] - dt.timedelta(days=WEEK_DAYS - 1)
    diary = [e for e in diary if e.date <= today]
    read_from = first_day - dt.timedelta(days=2 * WEEK_DAYS)
    sessions = [s for s in sessions if read_from <= s.date <= today]
    timeline = PlanTimeline(plans)
    figures = _weekly_figures(endings, diary, sessions, timeline)
    days = _days(figures, diary, sessions)
    week_rows = tuple(_week_row(f, sessions) for f in figures)
    records = list(review_records)
    tests = _tests(heel_raise_tests, records)
    scores = _scores(records)
    return PhysioReport(
        made=today,
        weeks=weeks,
        first_day=first_day,
        condition=CONDITION_WORDS.get(condition, "not assessed") if condition else "not assessed",
        sore_side=side or "not recorded",
        plan=_current_plan(plans, in_force, review),
        review_now=review_now(review, plans),
        days=days,
        week_rows=week_rows,
        events=_events(days, week_rows, diary, sessions, first_day, today, scores),
        plan_marks=_plan_marks(plans, first_day, today),
        tests=tuple(t for t in tests if t.date <= today),
        scores=tuple(s for s in scores if s.date <= today),
        plan_history=plan_history(plans),
        stage_history=stage_history(plans),
        raise_sessions=raise_sessions(sessions, plans, first_day, today),
        stored_reviews=stored_reviews(records, first_day),
    )


def _weekly_figures(
    endings: Sequence[dt.date],
    diary: Sequence[DiaryEntry],
    sessions: Sequence[SessionLog],
    timeline: PlanTimeline,
) -> list[WeekFigures]:
    """One §E1 summary per week, oldest first, each with the stiffness trend to the week before.

    Each week gets only the diary it reads (its days, the week before, and the 7 logged
    mornings before it) so a long history costs no more than a short one.
    """
    logged = sorted((e.date, e) for e in diary if e.morning_pain is not None)
    logged_days = [day for day, _ in logged]
    by_date = {e.date: e for e in diary}
    figures: list[WeekFigures] = []
    previous: WeekFigures | None = None
    for ending in endings:
        earlier = ending - dt.timedelta(days=WEEK_DAYS)
        if previous is None:
            earlier_diary = _week_diary(earlier, by_date, logged, logged_days)
            previous = compute_week(earlier, earlier_diary, sessions, None, timeline)
        week = compute_week(
            ending,
            _week_diary(ending, by_date, logged, logged_days),
            sessions,
            previous.exact_stiffness_minutes,
            timeline,
        )
        figures.append(week)
        previous = week
    return figures


def _week_diary(
    ending: dt.date,
    by_date: Mapping[dt.date, DiaryEntry],
    logged: Sequence[tuple[dt.date, DiaryEntry]],
    logged_days: Sequence[dt.date],
) -> list[DiaryEntry]:
    """The week's own entries and the 7 logged mornings before it (its §E1 baseline)."""
    start = ending - dt.timedelta(days=WEEK_DAYS - 1)
    index = bisect.bisect_left(logged_days, start)
    before = [entry for _day, entry in logged[max(0, index - 7) : index]]
    inside = [by_date[d] for d in _days_between(start, ending) if d in by_date]
    return before + inside


def _days_between(first: dt.date, last: dt.date) -> list[dt.date]:
    """Every date from first to last, both included."""
    return [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]


def _days(
    figures: Sequence[WeekFigures], diary: Sequence[DiaryEntry], sessions: Sequence[SessionLog]
) -> tuple[DayPoint, ...]:
    """Every day of the period: morning pain, the day's session pain, the 24-hour response."""
    by_date = {e.date: e for e in diary}
    pains: dict[dt.date, list[int]] = {}
    logged: dict[dt.date, int] = {}
    for session in dedupe_sessions(sessions):
        logged[session.date] = logged.get(session.date, 0) + 1
        if session.pain_during is not None:
            pains.setdefault(session.date, []).append(session.pain_during)
    points: list[DayPoint] = []
    for week in figures:
        for day in _days_between(week.week_start, week.week_ending):
            entry = by_date.get(day)
            session_pains = pains.get(day)
            points.append(
                DayPoint(
                    date=day,
                    morning_pain=entry.morning_pain if entry else None,
                    session_pain=max(session_pains) if session_pains else None,
                    sessions=logged.get(day, 0),
                    after_session=day - dt.timedelta(days=1) in logged,
                    not_settled=bool(entry and is_not_settled(entry, week.baseline_morning_pain)),
                    flare_up=bool(entry and entry.day is DayKind.FLARE_UP),
                )
            )
    return tuple(points)


def _week_row(week: WeekFigures, sessions: Sequence[SessionLog]) -> WeekRow:
    """A week as the report prints it: one decimal, never more done than planned (§E1)."""
    return WeekRow(
        week_start=week.week_start,
        week_ending=week.week_ending,
        planned_days=week.planned_days,
        done=min(week.sessions_done, week.sessions_planned),
        planned=week.sessions_planned,
        adherence=week.adherence,
        max_pain_during=week.max_pain_during,
        mean_pain_during=_round1(week.mean_pain_during),
        mean_morning_pain=_round1(week.mean_morning_pain),
        mean_stiffness=_round1(week.mean_stiffness_minutes),
        not_settled=week.not_settled_mornings,
        flare_up_days=week.flare_up_days,
        sessions_over_5=week.sessions_over_5,
        dose=_dose(week, sessions),
    )


def _dose(week: WeekFigures, sessions: Sequence[SessionLog]) -> tuple[SideDose, ...]:
    """Seconds held and raises per side in the week, each with its added load (kg)."""
    held: dict[str, int] = {}
    held_kg: dict[str, float] = {}
    inside = dedupe_sessions(s for s in sessions if week.week_start <= s.date <= week.week_ending)
    for session in inside:
        for rep in session.reps:
            if rep.raises:
                continue
            side = str(rep.side)
            held[side] = held.get(side, 0) + rep.hold_seconds
            held_kg[side] = held_kg.get(side, 0.0) + rep.hold_seconds * float(rep.load_kg)
    sides = sorted(set(held) | set(week.raises))
    return tuple(
        SideDose(
            side,
            held.get(side, 0),
            round(held_kg.get(side, 0.0), 1),
            week.raises.get(side, 0),
            round(week.raise_load.get(side, 0.0), 1),
        )
        for side in sides
        if held.get(side) or week.raises.get(side)
    )


def _events(
    days: Sequence[DayPoint],
    weeks: Sequence[WeekRow],
    diary: Sequence[DiaryEntry],
    sessions: Sequence[SessionLog],
    first_day: dt.date,
    today: dt.date,
    scores: Sequence[Score],
) -> tuple[EventGroup, ...]:
    """The dated events a physio looks at first, one group a kind, oldest date first."""
    over = [
        f"{short_day(s.date)} ({num(s.pain_during)}/10)"
        if s.pain_during is not None
        else f"{short_day(s.date)} (stopped)"
        for s in sorted(dedupe_sessions(sessions), key=lambda s: (s.date, s.started_at))
        if first_day <= s.date <= today
        and (s.over_limit or (s.pain_during is not None and s.pain_during > PAIN_LIMIT))
    ]
    unsettled = [short_day(d.date) for d in days if d.not_settled]
    flares = [short_day(d.date) for d in days if d.flare_up]
    signs = [
        f"{short_day(e.date)} ({', '.join(WARNING_SIGN_WORDS.get(f, f) for f in e.red_flags)})"
        for e in sorted(diary, key=lambda e: e.date)
        if first_day <= e.date <= today and e.red_flags
    ]
    rising = [
        f"week to {short_day(w.week_ending)} ({num(p.mean_morning_pain)} -> "
        f"{num(w.mean_morning_pain)})"
        for p, w in itertools.pairwise(weeks)
        if p.mean_morning_pain is not None
        and w.mean_morning_pain is not None
        and w.mean_morning_pain - p.mean_morning_pain >= PAIN_RISE
    ]
    drops = [
        f"{short_day(s.date)} ({p.total} -> {s.total})"
        for p, s in itertools.pairwise(scores)
        if first_day <= s.date <= today and p.total - s.total >= QUESTIONNAIRE_DROP
    ]
    low = [
        f"week to {short_day(w.week_ending)} ({w.sessions_text})" for w in weeks if w.low_adherence
    ]
    groups = (
        (f"Sessions over {PAIN_LIMIT}/10", over),
        ("Mornings not settled", unsettled),
        ("Flare-up days", flares),
        ("Warning signs reported", signs),
        (f"Morning pain up {num(PAIN_RISE)} point or more on the week before", rising),
        (f"Questionnaire down {QUESTIONNAIRE_DROP} points or more", drops),
        (f"Weeks under {pct(AMBER_ADHERENCE)} of planned sessions", low),
    )
    return tuple(EventGroup(label, tuple(items)) for label, items in groups if items)


def _plan_marks(plans: Sequence[Plan], first_day: dt.date, today: dt.date) -> tuple[PlanMark, ...]:
    """Each new plan version that began inside the period, with a stage switch flagged."""
    marks: list[PlanMark] = []
    ordered = sorted(plans, key=lambda p: (p.start_date, p.version))
    for before, plan in itertools.pairwise(ordered):
        if not first_day < plan.start_date <= today:
            continue
        switch = before.stage != plan.stage
        label = plan.level or f"v{plan.version}"
        if switch:
            label = f"{label} ({'raises' if plan.stage == ISOTONIC else 'holds'})"
        marks.append(PlanMark(plan.start_date, label, switch))
    return tuple(marks)


def _tests(
    heel_raise_tests: Sequence[HeelRaiseTest], records: Sequence[Mapping[str, Any]]
) -> list[RaiseTest]:
    """Guided heel-raise tests and the older self-tests, one list by date."""
    found = [
        RaiseTest(t.date, t.reps_affected, t.reps_other, t.test_pain, t.over_limit, "guided test")
        for t in heel_raise_tests
    ]
    found += [
        RaiseTest(t.date, t.injured_count, t.healthy_count, t.pain, False, "self-test")
        for t in self_tests_in(records)
    ]
    return sorted(found, key=lambda t: t.date)


def _scores(records: Sequence[Mapping[str, Any]]) -> list[Score]:
    """The questionnaire totals with their domain subtotals, oldest first."""
    return [
        Score(q.date, q.total, tuple((d, q.domain_score(d), q.domain_max(d)) for d in DOMAINS))
        for q in questionnaires_in(records)
    ]


# -- the plan -----------------------------------------------------------------------------------


def _current_plan(
    plans: Sequence[Plan], in_force: SessionPlan | None, review: Review | None
) -> CurrentPlan | None:
    """The newest plan as the next session runs it, with its limits and the way up."""
    if not plans:
        return None
    plan = max(plans, key=lambda p: p.version)
    notes: list[Note] = []
    if in_force is not None and in_force.plan.version == plan.version:
        plan = in_force.plan
        if in_force.limit is not None:
            limit = in_force.limit
            notes.append(Note(f"Past the latest assessment's limits: {limit.message}", limit.rule))
        if in_force.advice is not None:
            notes.append(Note(f"After a flare-up: {in_force.advice.message}", in_force.advice.rule))
    if plan.stage == ISOTONIC:
        header: tuple[str, ...] = ("Exercise", "Sets x reps", "Tempo (up/top/down s)", "Rest")
        header += ("Load", "Sessions")
        rows = tuple(
            (
                ex.label,
                f"{ex.sets} x {ex.reps}",
                ex.tempo.text,
                f"{ex.rest_seconds} s",
                ex.load_text,
                f"{ex.sessions_per_week}/week",
            )
            for ex in plan.exercises
            if isinstance(ex, HeelRaise)
        )
    else:
        header = ("Exercise", "Reps", "Hold", "Rest", "Load", "Sessions")
        rows = tuple(
            (
                ex.label,
                str(ex.reps),
                f"{ex.hold_seconds} s",
                f"{ex.rest_seconds} s",
                ex.load_text,
                f"{ex.sessions_per_week}/week",
            )
            for ex in plan.exercises
            if not isinstance(ex, HeelRaise)
        )
    return CurrentPlan(
        version=plan.version,
        since=plan.start_date,
        source=plan.source,
        stage=plan.stage,
        level=plan.level,
        mode=plan.mode,
        header=header,
        rows=rows,
        rest_days=plan.stage == ISOTONIC and plan.sessions_per_week < 7,
        notes=tuple(notes),
        move_up=_move_up(plan, review),
    )


def _move_up(plan: Plan, review: Review | None) -> tuple[str, ...]:
    """What the next weekly review looks for to move up a step (§E2 GREEN), in plain words."""
    if plan.level is None:
        target = "The plan is your own or your physio's: the review never changes it"
    elif plan.level in ("L8", "T8"):
        target = (
            "Top of the holds ladder: a good week moves on to heel raises"
            if plan.level == "L8"
            else "Top of the heel-raise ladder: keep the dose and ask your physio what next"
        )
    else:
        ladder = T_LEVELS if plan.level in T_LEVELS else LEVELS
        target = f"Next step {ladder[ladder.index(plan.level) + 1]} after one good week"
    planned = plan.sessions_per_week
    needed = math.ceil(round(GREEN_ADHERENCE * planned, 6))
    lines = [
        f"{target}. A good week needs:",
        f"pain during every session at or under {PAIN_LIMIT}/10",
        "every morning settled by the next day (no flare-up)",
        "morning stiffness no longer than the week before",
        f"at least {pct(GREEN_ADHERENCE)} of planned sessions ({needed} of {planned})",
        "effort not mostly too hard",
    ]
    if review is not None:
        lines.append(
            "This week so far: "
            + suggestion_text(str(review.suggestion), review.level_from, review.level_to)
        )
    return tuple(lines)
