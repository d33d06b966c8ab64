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

from achilles_tui.domain.counting import PlanTimeline, counted_by_date, sessions_per_day
from achilles_tui.domain.engine import Advice
from achilles_tui.domain.models import DayKind, DiaryEntry, Plan, SessionLog
from achilles_tui.domain.records import AssessmentRecord
from achilles_tui.domain.red_flags import diary_block_rules
from achilles_tui.domain.rules import rule

PAIN_RULE = "MON-PAIN-DURING"
FLARE_RULE = "PROG-FLARE-UP-REST"


class CareStateKind(StrEnum):
    """The §F4 states, first matching wins (the values are the `status --json` spelling)."""

    PAUSED_RED_FLAG = "paused_red_flag"
    BLOCKED_NO_PLAN = "blocked_no_plan"
    STOPPED_TODAY = "stopped_today"
    DONE_TODAY = "done_today"
    DUE = "due"
    NO_PLAN = "no_plan"


ALLOWED = frozenset({CareStateKind.DONE_TODAY, CareStateKind.DUE})


@dataclass(frozen=True)
class CareState:
    """What may be done now, why, and until when."""

    kind: CareStateKind
    at: dt.datetime
    blocked_by: str | None = None
    reasons: tuple[Advice, ...] = ()
    until: dt.datetime | None = None
    plan: Plan | None = None

    @property
    def session_allowed(self) -> bool:
        """Whether a session may start (done_today only after a confirmation)."""
        return self.kind in ALLOWED

    @property
    def needs_confirmation(self) -> bool:
        """An extra session after today's is allowed, but only once the user has confirmed."""
        return self.kind is CareStateKind.DONE_TODAY

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
            why = (
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
) -> CareState:
    """The §F4 state at ``at``: the first matching row of the table wins.

    ``assessments`` and ``diary`` may be the whole history or only what follows the latest
    assessment free of warning signs (nothing before it can pause the plan). ``sessions_today``
    are the sessions dated ``at``'s date. Records made after ``at`` are ignored, so the state
    of a past day can be asked too (e.g. for a session logged afterwards).
    """
    today = at.date()
    plans = [p for p in plans if p.start_date <= today]
    plan = plans[-1] if plans else None
    seen = [r for r in assessments if r.created <= at]
    records = [r for _key, r in sorted((_order(r, i), r) for i, r in enumerate(seen))]
    paused = _paused(at, records, diary)
    if paused is not None:
        return CareState(CareStateKind.PAUSED_RED_FLAG, at, paused[0].rule, paused, plan=plan)
    blocked = _blocked(records, plans)
    if blocked is not None:
        return CareState(CareStateKind.BLOCKED_NO_PLAN, at, blocked.rule, (blocked,), plan=plan)
    tomorrow = dt.datetime.combine(today + dt.timedelta(days=1), dt.time())
    todays = [s for s in sessions_today if s.date == today]
    if any(s.over_limit for s in todays):
        advice = Advice(PAIN_RULE, rule(PAIN_RULE).message)
        return CareState(CareStateKind.STOPPED_TODAY, at, PAIN_RULE, (advice,), tomorrow, plan)
    if any(e.date == today and e.day is DayKind.FLARE_UP for e in diary):
        advice = Advice(FLARE_RULE, rule(FLARE_RULE).message)
        return CareState(CareStateKind.STOPPED_TODAY, at, FLARE_RULE, (advice,), tomorrow, plan)
    if plan is None:
        return CareState(CareStateKind.NO_PLAN, at)
    per_day = sessions_per_day(plan.sessions_per_week)
    counted = counted_by_date(todays, PlanTimeline(plans)).get(today, 0)
    kind = CareStateKind.DONE_TODAY if counted >= per_day else CareStateKind.DUE
    return CareState(kind, at, plan=plan)


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
