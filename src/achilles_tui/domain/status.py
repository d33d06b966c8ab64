"""The one-line status for shell prompts and tmux bars, computed from history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from achilles_tui.domain.models import DayKind, DiaryEntry, Plan, SessionLog

REVIEW_EVERY_DAYS = 7


@dataclass(frozen=True)
class Status:
    """What is due today, in a form both people and scripts can read."""

    has_plan: bool
    plan_version: int | None
    session_done_today: bool
    diary_logged_today: bool
    streak_days: int
    review_ready: bool
    paused_for_red_flag: bool

    @property
    def message(self) -> str:
        """One short line: what to do next, or that the day is done."""
        if self.paused_for_red_flag:
            return "plan paused: a warning sign was logged, please see a clinician"
        if not self.has_plan:
            return "no plan yet: open achilles-tui to take the assessment"
        parts = []
        if self.session_done_today:
            streak = f", {self.streak_days}-day streak" if self.streak_days > 1 else ""
            parts.append(f"done today{streak}")
        else:
            parts.append("session due")
        if not self.diary_logged_today:
            parts.append("diary not logged")
        if self.review_ready:
            parts.append("weekly review ready")
        return ", ".join(parts)

    def to_json(self) -> dict[str, Any]:
        """Stable keys for scripts."""
        return {
            "message": self.message,
            "has_plan": self.has_plan,
            "plan_version": self.plan_version,
            "session_done_today": self.session_done_today,
            "diary_logged_today": self.diary_logged_today,
            "streak_days": self.streak_days,
            "review_ready": self.review_ready,
            "paused_for_red_flag": self.paused_for_red_flag,
        }


BLOCKING_FLAGS = frozenset({"pop", "calf-swelling", "breathless", "infection", "night-pain"})


def compute_status(
    today: dt.date,
    plans: Sequence[Plan],
    sessions: Sequence[SessionLog],
    diary: Sequence[DiaryEntry],
    last_review: dt.date | None,
) -> Status:
    """Derive today's status; `sessions` and `diary` may be the whole history."""
    done_days = {s.date for s in sessions if s.finished and s.reps}
    off_days = {e.date for e in diary if e.day is not DayKind.NORMAL}
    diary_today = any(e.date == today for e in diary)
    day = today if today in done_days else today - dt.timedelta(days=1)
    streak = 0
    while day in done_days or day in off_days:
        streak += day in done_days
        day -= dt.timedelta(days=1)
    current = plans[-1] if plans else None
    since = last_review or (current.created.date() if current else today)
    recent_flags = [e for e in diary if today - e.date <= dt.timedelta(days=7)]
    paused = bool(recent_flags) and bool(BLOCKING_FLAGS & set(recent_flags[-1].red_flags))
    return Status(
        has_plan=current is not None,
        plan_version=current.version if current else None,
        session_done_today=today in done_days,
        diary_logged_today=diary_today,
        streak_days=streak,
        review_ready=current is not None and (today - since).days >= REVIEW_EVERY_DAYS,
        paused_for_red_flag=paused,
    )
