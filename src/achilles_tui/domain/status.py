"""The one-line status for shell prompts and tmux bars, computed from the care state and history.

The care state (§F4) decides what the line says about sessions, so the prompt never says
"session due" while the app refuses to start one; the streak counts sessions as §E1 does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from achilles_tui.domain.care_state import CareState, CareStateKind
from achilles_tui.domain.counting import PlanTimeline, counted_by_date
from achilles_tui.domain.models import DiaryEntry, Plan, SessionLog
from achilles_tui.domain.streak import streak_days

REVIEW_EVERY_DAYS = 7


@dataclass(frozen=True)
class Status:
    """What is due today, in a form both people and scripts can read."""

    care: CareState
    plan_version: int | None
    session_done_today: bool
    diary_logged_today: bool
    streak_days: int
    review_ready: bool
    level: str | None = None
    stage: str | None = None

    @property
    def has_plan(self) -> bool:
        """A plan exists (it may still be paused)."""
        return self.plan_version is not None

    @property
    def message(self) -> str:
        """One short line: what to do next, or that the day is done."""
        kind = self.care.kind
        rule_id = self.care.blocked_by
        if kind is CareStateKind.PAUSED_RED_FLAG:
            return f"plan paused ({rule_id}): a warning sign was reported, please see a clinician"
        if kind is CareStateKind.BLOCKED_NO_PLAN:
            return f"no sessions ({rule_id}): see a clinician, then re-take the assessment"
        if kind is CareStateKind.NO_PLAN:
            return "no plan yet: open achilles-tui to take the assessment"
        parts = []
        if kind is CareStateKind.STOPPED_TODAY:
            parts.append(f"stopped for today ({rule_id}), next session tomorrow")
        elif kind is CareStateKind.DONE_TODAY:
            streak = f", {self.streak_days}-day streak" if self.streak_days > 1 else ""
            parts.append(f"done today{streak}")
        elif kind is CareStateKind.REST_DAY:
            parts.append("rest day today (loaded raises need a day between)")
        else:
            parts.append("session due")
        if not self.diary_logged_today:
            parts.append("diary not logged")
        if self.review_ready:
            parts.append("weekly review ready")
        return ", ".join(parts)

    def to_json(self) -> dict[str, Any]:
        """Stable keys for scripts; care_state, session_allowed and blocked_by follow §F4."""
        return {
            "message": self.message,
            "has_plan": self.has_plan,
            "plan_version": self.plan_version,
            "session_done_today": self.session_done_today,
            "diary_logged_today": self.diary_logged_today,
            "streak_days": self.streak_days,
            "review_ready": self.review_ready,
            "paused_for_red_flag": self.care.kind is CareStateKind.PAUSED_RED_FLAG,
            "care_state": str(self.care.kind),
            "session_allowed": self.care.session_allowed,
            "blocked_by": self.care.blocked_by,
            "level": self.level,
            "stage": self.stage,
        }


def compute_status(
    today: dt.date,
    care: CareState,
    plans: Sequence[Plan],
    sessions: Sequence[SessionLog],
    diary: Sequence[DiaryEntry],
    last_review: dt.date | None,
    *,
    streak: int | None = None,
) -> Status:
    """Derive today's status; ``sessions`` and ``diary`` may be the whole history.

    ``streak``, when given, was worked out without them (``streak.streak_of_days``), and
    ``sessions`` and ``diary`` then need only hold today.
    """
    current = plans[-1] if plans else None
    reviewed = last_review or (current.start_date if current else today)
    timeline = PlanTimeline(plans)
    done_today = counted_by_date((s for s in sessions if s.date == today), timeline)
    cap = timeline.cap_on(today)
    return Status(
        care=care,
        plan_version=current.version if current else None,
        session_done_today=cap > 0 and done_today.get(today, 0) >= cap,
        diary_logged_today=any(e.date == today for e in diary),
        streak_days=streak if streak is not None else streak_days(today, plans, sessions, diary),
        review_ready=current is not None and (today - reviewed).days >= REVIEW_EVERY_DAYS,
        level=current.level if current else None,
        stage=current.stage if current else None,
    )
