"""The care state (clinical.md §F4): one answer to "what may I do today?".

Computed in one place, from the stored history, for a given moment. Today, Session, Diary,
Progress, `status`, `log-session` and the weekly review all read it, so no surface can offer
a session another one forbids. Pure: the caller reads the history and passes it in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from achilles_tui.domain.counting import (
    DAYS_PER_WEEK,
    PlanTimeline,
    counted_by_date,
    counts,
    sessions_per_day,
)
from achilles_tui.domain.engine import Advice
from achilles_tui.domain.models import (
    ISOTONIC,
    DayKind,
    DiaryEntry,
    HeelRaiseTest,
    Plan,
    SessionLog,
)
from achilles_tui.domain.records import AssessmentRecord
from achilles_tui.domain.red_flags import diary_block_rules
from achilles_tui.domain.rules import RULES, Severity, rule

PAIN_RULE = "MON-PAIN-DURING"
SET_PAIN_RULE = "MON-ISOT-SET-PAIN"
FLARE_RULE = "PROG-FLARE-UP-REST"
TEST_PAIN_MESSAGE = (
    "That is above the acceptable level: no more heel raises, sessions or tests today. See how "
    "the tendon is tomorrow morning."
)
EXTRA_SESSION = (
    "Today's session is already done. An extra session does not count toward your week and "
    "is not needed: rest is part of the plan."
)
REST_DAY_SESSION = (
    "An extra session today is not needed, does not count toward your week and breaks the rest day."
)


class CareStateKind(StrEnum):
    """The §F4 states, first matching wins (the values are the `status --json` spelling)."""

    PAUSED_RED_FLAG = "paused_red_flag"
    BLOCKED_NO_PLAN = "blocked_no_plan"
    STOPPED_TODAY = "stopped_today"
    DONE_TODAY = "done_today"
    REST_DAY = "rest_day"
    DUE = "due"
    NO_PLAN = "no_plan"


ALLOWED = frozenset({CareStateKind.DONE_TODAY, CareStateKind.REST_DAY, CareStateKind.DUE})
CONFIRMED = frozenset({CareStateKind.DONE_TODAY, CareStateKind.REST_DAY})


@dataclass(frozen=True)
class LoadedWeek:
    """Where today stands in a plan whose sessions fall on non-consecutive days (§E6.1 T7-T8,
    §F5 decision 12): the loaded days of the 7 days ending today."""

    per_week: int
    done: int
    today: bool
    yesterday: bool

    @property
    def rest_day(self) -> bool:
        """The day after a loaded day, or once the week's loaded sessions are done."""
        return not self.today and (self.yesterday or self.done >= self.per_week)

    @property
    def why_rest(self) -> str:
        """Why today is a rest day, in words ("" when it is not one)."""
        if not self.rest_day:
            return ""
        if self.yesterday:
            return "yesterday was a loaded day, and loaded raises need a day between"
        return (
            f"the week's {self.per_week} loaded sessions are done: {self.done} in the last 7 days"
        )


def has_rest_days(plan: Plan | None) -> bool:
    """A heel-raise plan of fewer than 7 sessions a week: its loaded days are never in a row."""
    return plan is not None and plan.stage == ISOTONIC and plan.sessions_per_week < DAYS_PER_WEEK


def loaded_week(
    plans: Sequence[Plan], sessions: Sequence[SessionLog], day: dt.date
) -> LoadedWeek | None:
    """Today's place in a plan with rest days (None for any other plan).

    A loaded day is a day with a loaded session of at least half its sets (§E1), whether or
    not it counts toward the week: an extra session on a rest day, or one logged while
    sessions were stopped, still loaded the tendon, so the next day is a rest day too. Only
    days whose plan also had rest days are loaded days: the daily body-weight raises before a
    switch to T7 do not make its first day a rest day.
    """
    timeline = PlanTimeline(plans)
    plan = timeline.plan_on(day)
    if plan is None or not has_rest_days(plan):
        return None
    start = day - dt.timedelta(days=DAYS_PER_WEEK - 1)
    loaded = {
        s.date
        for s in sessions
        if start <= s.date <= day
        and has_rest_days(timeline.plan_on(s.date))
        and counts(len(s.reps), s.reps_planned, paused=False)
    }
    return LoadedWeek(
        per_week=plan.sessions_per_week,
        done=len(loaded),
        today=day in loaded,
        yesterday=day - dt.timedelta(days=1) in loaded,
    )


@dataclass(frozen=True)
class CareState:
    """What may be done now, why, and until when."""

    kind: CareStateKind
    at: dt.datetime
    blocked_by: str | None = None
    reasons: tuple[Advice, ...] = ()
    until: dt.datetime | None = None
    plan: Plan | None = None
    # A plan with rest days (T7-T8): the loaded sessions of the 7 days ending today.
    loaded: LoadedWeek | None = None
    # Why sessions stopped today, in words (the headline's reason).
    cause: str = ""

    @property
    def session_allowed(self) -> bool:
        """Whether a session may start (done_today and rest_day only after a confirmation)."""
        return self.kind in ALLOWED

    @property
    def needs_confirmation(self) -> bool:
        """An extra session (today's is done, or today is a rest day) is allowed, but only once
        the user has confirmed."""
        return self.kind in CONFIRMED

    @property
    def uncounted_reason(self) -> str | None:
        """Why a session done now would be kept but never counted (§F5 decisions 3 and 12):
        the rule that stops sessions, or ``rest_day`` for an extra session on a rest day."""
        if not self.session_allowed:
            return self.blocked_by or str(self.kind)
        if self.kind is CareStateKind.REST_DAY:
            return str(self.kind)
        return None

    @property
    def confirmation(self) -> str:
        """What the person confirms before an extra session ("" when none is asked)."""
        if self.kind is CareStateKind.DONE_TODAY:
            return EXTRA_SESSION
        if self.kind is CareStateKind.REST_DAY:
            return f"{self.rest_day_words}. {REST_DAY_SESSION}"
        return ""

    @property
    def rest_day_words(self) -> str:
        """'Today is a rest day (why)', for the rest-day texts of every surface."""
        why = self.loaded.why_rest if self.loaded is not None else ""
        return f"Today is a rest day ({why or 'loaded raises need a day between'})"

    @property
    def headline(self) -> str:
        """One sentence saying what may be done, with the rule behind a refusal."""
        kind = self.kind
        if kind is CareStateKind.PAUSED_RED_FLAG:
            return (
                f"Sessions are paused: a warning sign was reported ({self.blocked_by}). See a "
                "clinician, then take the assessment again."
            )
        if kind is CareStateKind.BLOCKED_NO_PLAN:
            return (
                f"No sessions for now: your latest assessment advises seeing a clinician first "
                f"({self.blocked_by})."
            )
        if kind is CareStateKind.STOPPED_TODAY:
            why = self.cause or (
                "pain went over 5/10 in today's session"
                if self.blocked_by == PAIN_RULE
                else "today is logged as a flare-up day"
            )
            return f"No more sessions today: {why} ({self.blocked_by})."
        if kind is CareStateKind.DONE_TODAY:
            return (
                "Today's session is done. Another one would not count and is not needed; "
                "rest is part of the plan."
            )
        if kind is CareStateKind.REST_DAY:
            return (
                f"{self.rest_day_words}. No session today; an extra one would not count and "
                "breaks the rest day."
            )
        if kind is CareStateKind.DUE:
            return "Today's session is due."
        return "No plan yet: take the assessment (or enter your physio's plan) first."

    @property
    def until_text(self) -> str:
        """When sessions are possible again, in words."""
        if self.kind is CareStateKind.STOPPED_TODAY and self.until is not None:
            return f"Sessions start again tomorrow, {self.until:%a %d %b}"
        if self.kind is CareStateKind.PAUSED_RED_FLAG:
            return "Sessions stay paused until you take the assessment again without that sign"
        if self.kind is CareStateKind.BLOCKED_NO_PLAN:
            return (
                "Sessions stay stopped until a new assessment gives you a plan, or you enter "
                "a plan your physio gave you"
            )
        return ""

    @property
    def explanation(self) -> str:
        """The headline and, when sessions are stopped, until when."""
        until = self.until_text
        if not until or until in self.headline:
            return self.headline
        return f"{self.headline} {until}."

    def to_json(self) -> dict[str, Any]:
        """The care state as scripts read it (the `status --json` keys are a subset)."""
        return {
            "care_state": str(self.kind),
            "session_allowed": self.session_allowed,
            "blocked_by": self.blocked_by,
            "until": None if self.until is None else self.until.isoformat(),
            "reasons": [reason.to_json() for reason in self.reasons],
        }


def care_state(
    at: dt.datetime,
    plans: Sequence[Plan],
    assessments: Sequence[AssessmentRecord],
    diary: Sequence[DiaryEntry],
    sessions_today: Sequence[SessionLog],
    heel_raise_tests: Sequence[HeelRaiseTest] = (),
) -> CareState:
    """The §F4 state at ``at``: the first matching row of the table wins.

    ``assessments`` and ``diary`` may be the whole history or only what follows the latest
    assessment free of warning signs (nothing before it can pause the plan). ``sessions_today``
    are the sessions dated ``at``'s date; for a plan with rest days (``has_rest_days``) they
    must be those of the 7 days ending that date. ``heel_raise_tests`` need only hold that
    date's tests (a test over the limit stops the day, §F4 amendment). Records made after
    ``at`` are ignored, so the state of a past day can be asked too (e.g. for a session logged
    afterwards).
    """
    today = at.date()
    plans = [p for p in plans if p.start_date <= today]
    plan = plans[-1] if plans else None
    seen = [r for r in assessments if r.created <= at]
    records = [r for _key, r in sorted((_order(r, i), r) for i, r in enumerate(seen))]
    loaded = loaded_week(plans, sessions_today, today)
    paused = _paused(at, records, diary)
    if paused is not None:
        return CareState(
            CareStateKind.PAUSED_RED_FLAG, at, paused[0].rule, paused, plan=plan, loaded=loaded
        )
    blocked = _blocked(records, plans)
    if blocked is not None:
        return CareState(
            CareStateKind.BLOCKED_NO_PLAN, at, blocked.rule, (blocked,), plan=plan, loaded=loaded
        )
    stopped = _stopped_today(today, plans, diary, sessions_today, heel_raise_tests)
    if stopped is not None:
        advice, cause = stopped
        tomorrow = dt.datetime.combine(today + dt.timedelta(days=1), dt.time())
        return CareState(
            CareStateKind.STOPPED_TODAY,
            at,
            advice.rule,
            (advice,),
            tomorrow,
            plan,
            loaded=loaded,
            cause=cause,
        )
    if plan is None:
        return CareState(CareStateKind.NO_PLAN, at)
    todays = [s for s in sessions_today if s.date == today]
    per_day = sessions_per_day(plan.sessions_per_week)
    counted = counted_by_date(todays, PlanTimeline(plans)).get(today, 0)
    if counted >= per_day or (loaded is not None and loaded.today):
        kind = CareStateKind.DONE_TODAY  # a loaded day is done, counted or not (extra)
    elif loaded is not None and loaded.rest_day:
        kind = CareStateKind.REST_DAY
    else:
        kind = CareStateKind.DUE
    return CareState(kind, at, plan=plan, loaded=loaded)


def _stopped_today(
    today: dt.date,
    plans: Sequence[Plan],
    diary: Sequence[DiaryEntry],
    sessions: Sequence[SessionLog],
    heel_raise_tests: Sequence[HeelRaiseTest],
) -> tuple[Advice, str] | None:
    """Today's first pain-over-5 event or flare-up day, with its rule and cause, or None.

    Every pain-over-5/10 event of the day stops it (§F4 amendment): a hold session
    (MON-PAIN-DURING), a heel-raise set or a heel-raise test (MON-ISOT-SET-PAIN).
    """
    timeline = PlanTimeline(plans)
    for session in sessions:
        if session.date != today or not session.over_limit:
            continue
        if _is_raise_session(session, timeline):
            cause = "pain went over 5/10 in a heel-raise set today"
            return Advice(SET_PAIN_RULE, rule(SET_PAIN_RULE).message), cause
        return Advice(PAIN_RULE, rule(PAIN_RULE).message), ""
    if any(t.date == today and t.over_limit for t in heel_raise_tests):
        cause = "pain went over 5/10 in today's heel-raise test"
        return Advice(SET_PAIN_RULE, TEST_PAIN_MESSAGE), cause
    if any(e.date == today and e.day is DayKind.FLARE_UP for e in diary):
        return Advice(FLARE_RULE, rule(FLARE_RULE).message), ""
    return None


def _is_raise_session(session: SessionLog, timeline: PlanTimeline) -> bool:
    """A heel-raise session: sets with raises, or (stopped before its first set) a session of
    a heel-raise plan version."""
    if session.is_isotonic:
        return True
    version = next((p for p in timeline.plans if p.version == session.plan_version), None)
    return version is not None and version.stage == ISOTONIC


# Order of events: the moment, then the stored order (records saved in the same second keep
# the order they were saved in). A diary sign counts as later than anything in its second.
Order = tuple[dt.datetime, float]
DIARY_LAST = float("inf")


def _order(record: AssessmentRecord, index: int) -> Order:
    """When a record was made, ties broken by the order it was stored in."""
    return (record.created, float(record.id if record.id is not None else index))


def _paused(
    at: dt.datetime, records: Sequence[AssessmentRecord], diary: Sequence[DiaryEntry]
) -> tuple[Advice, ...] | None:
    """The warning signs that pause the plan now, newest report first, or None.

    A sign reported in an assessment, a re-check or a diary day pauses the plan until a later
    full assessment reports no blocking sign. A diary sign saved without a time counts from
    the end of its day, the careful reading.
    """
    reports: list[tuple[Order, tuple[Advice, ...]]] = []
    for index, record in enumerate(records):
        signs = record.blocking_signs
        if signs:
            advice = tuple(Advice(r, record.message_for(r)) for r in signs)
            reports.append((_order(record, index), advice))
    for entry in diary:
        signs = diary_block_rules(entry.red_flags)
        if not signs or entry.date > at.date():
            continue
        moment = entry.flags_reported_at or dt.datetime.combine(entry.date, dt.time.max)
        reports.append(((moment, DIARY_LAST), tuple(Advice(r, rule(r).message) for r in signs)))
    if not reports:
        return None
    clean = [_order(r, i) for i, r in enumerate(records) if _is_clean(r)]
    last_clean = max(clean) if clean else None
    active = [item for item in reports if last_clean is None or item[0] > last_clean]
    if not active:
        return None
    active.sort(key=lambda item: item[0], reverse=True)
    seen: set[str] = set()
    result: list[Advice] = []
    for _order_key, advice in active:
        for item in advice:
            if item.rule not in seen:
                seen.add(item.rule)
                result.append(item)
    return tuple(result)


def _is_clean(record: AssessmentRecord) -> bool:
    """A full assessment that reported no blocking sign: it lifts any earlier pause."""
    return not record.is_recheck and record.answers is not None and not record.blocking_signs


def _blocked(records: Sequence[AssessmentRecord], plans: Sequence[Plan]) -> Advice | None:
    """The latest assessment ended on see_clinician and no own plan was entered after it."""
    if not records:
        return None
    latest = records[-1]
    rule_id = latest.block_rule
    if rule_id is None:
        return None
    if any(p.source == "own" and p.created >= latest.created for p in plans):
        return None
    return Advice(rule_id, latest.message_for(rule_id))


def last_clean_assessment(records: Sequence[AssessmentRecord]) -> dt.datetime | None:
    """When the latest full assessment without a blocking sign was made: nothing earlier pauses."""
    clean = [r.created for r in records if _is_clean(r)]
    return max(clean) if clean else None


def latest_assessment_block(records: Sequence[AssessmentRecord], at: dt.datetime) -> Advice | None:
    """DOSE-PHYSIO-OVERRIDE: the BLOCK rule the latest assessment by ``at`` ended on, if any
    (an own plan entered after it needs a confirmation)."""
    seen = [r for r in records if r.created <= at]
    latest = seen[-1] if seen else None
    rule_id = latest.block_rule if latest is not None else None
    entry = RULES.get(rule_id or "")
    if latest is None or rule_id is None or entry is None or entry.severity is not Severity.BLOCK:
        return None
    return Advice(rule_id, latest.message_for(rule_id))
