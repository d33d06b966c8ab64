"""The full tables of the physio report: every plan version, stage, heel-raise session and
weekly review, as the Markdown keeps them, and a review in words.

Kept apart from ``report_model`` (the figures the one-page report prints) so each stays short;
both are read by every format through ``PhysioReport``. Pure: no I/O.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from achilles_tui.domain.models import ISOTONIC, HeelRaise, Plan, SessionLog
from achilles_tui.domain.progression import Review
from achilles_tui.domain.report import (
    change_text,
    legs_words,
    raise_dose_text,
    sets_text,
    stage_words,
    suggestion_text,
)
from achilles_tui.domain.review_context import weekly_review_records


@dataclass(frozen=True)
class Note:
    """A sentence with the rule it comes from."""

    text: str
    rule: str

    @property
    def line(self) -> str:
        """'text (RULE-ID)'."""
        return f"{self.text} ({self.rule})"


@dataclass(frozen=True)
class ReviewSummary:
    """A weekly review in words: the headline, its changes and its reasons with rule ids."""

    title: str
    headline: str
    changes: tuple[str, ...]
    reasons: tuple[Note, ...]


def review_now(review: Review | None, plans: Sequence[Plan]) -> ReviewSummary | None:
    """This week's review in words (not yet decided by the user)."""
    if review is None or not plans:
        return None
    return ReviewSummary(
        "This week's review",
        suggestion_text(str(review.suggestion), review.level_from, review.level_to),
        tuple(change_text(c.field, c.from_, c.to) for c in review.changes),
        tuple(Note(r.message, r.rule) for r in review.reasons),
    )


def _plan_dose(plan: Plan) -> str:
    """The plan's dose in one cell, one part per exercise."""
    return "; ".join(
        f"{ex.label}: {ex.sets} x {ex.reps}, tempo {ex.tempo.text}, rest {ex.rest_seconds} s "
        f"between sets, {ex.load_text}"
        if isinstance(ex, HeelRaise)
        else f"{ex.label}: {ex.reps} x {ex.hold_seconds} s, rest {ex.rest_seconds} s, "
        f"{ex.load_text}"
        for ex in plan.exercises
    )


def plan_history(plans: Sequence[Plan]) -> tuple[tuple[str, ...], ...]:
    """Every plan version: (version, start, source, level, dose)."""
    return tuple(
        (str(p.version), p.start_date.isoformat(), p.source, p.level or "-", _plan_dose(p))
        for p in sorted(plans, key=lambda p: p.version)
    )


def stage_history(plans: Sequence[Plan]) -> tuple[tuple[str, ...], ...]:
    """(from, stage, step, version) each time the stage or step changed; empty without raises."""
    if not any(plan.stage == ISOTONIC for plan in plans):
        return ()
    rows: list[tuple[str, ...]] = []
    last: tuple[str, str] | None = None
    for plan in sorted(plans, key=lambda p: p.version):
        key = (plan.stage, plan.level or "-")
        if key != last:
            last = key
            rows.append(
                (
                    plan.start_date.isoformat(),
                    stage_words(plan.stage),
                    plan.level or "-",
                    str(plan.version),
                )
            )
    return tuple(rows)


def raise_sessions(
    sessions: Sequence[SessionLog], plans: Sequence[Plan], first_day: dt.date, today: dt.date
) -> tuple[tuple[str, ...], ...]:
    """Each heel-raise session of the period: (date, step, sets, by side, pain, over 5/10)."""
    levels = {plan.version: plan.level or "own" for plan in plans}
    rows = []
    for session in sessions:
        if not (session.is_isotonic and session.finished and first_day <= session.date <= today):
            continue
        raises: dict[Any, int] = {}
        for rep in session.reps:
            raises[rep.side] = raises.get(rep.side, 0) + rep.raises
        rows.append(
            (
                session.date.isoformat(),
                levels.get(session.plan_version, "-"),
                sets_text(session),
                raise_dose_text(session.raise_load_by_side(), raises),
                "-" if session.pain_during is None else str(session.pain_during),
                "yes" if session.over_limit else "",
            )
        )
    return tuple(rows)


def stored_reviews(
    records: Sequence[Mapping[str, Any]], first_day: dt.date
) -> tuple[ReviewSummary, ...]:
    """Weekly reviews accepted or dismissed in the period, each with its reasons and rules."""
    chosen = [
        r for r in weekly_review_records(records) if str(r["week_ending"]) >= first_day.isoformat()
    ]
    found = []
    for record in sorted(chosen, key=lambda r: str(r["week_ending"])):
        status = str(record.get("status", "stored"))
        after = record.get("plan_version_after")
        made = f", plan version {after} made" if after is not None else ""
        level_from, level_to = record.get("level_from"), record.get("level_to")
        changes = [
            change_text(str(c.get("field")), c.get("from"), c.get("to"))
            for c in _mappings(record.get("changes"))
        ]
        edited = record.get("edited_dose")
        if isinstance(edited, Mapping):
            changes.append(
                f"dose edited by the user before accepting: {edited.get('reps')} x "
                f"{edited.get('hold_seconds')} s, rest {edited.get('rest_seconds')} s, "
                f"{legs_words(edited.get('legs'))}"
            )
        found.append(
            ReviewSummary(
                f"Week ending {record['week_ending']} ({status}{made})",
                suggestion_text(
                    str(record.get("suggestion", "hold")),
                    level_from if isinstance(level_from, str) else None,
                    level_to if isinstance(level_to, str) else None,
                ),
                tuple(changes),
                tuple(
                    Note(str(r.get("message", "")), str(r.get("rule", "?")))
                    for r in _mappings(record.get("reasons"))
                ),
            )
        )
    return tuple(found)


def _mappings(value: object) -> Iterable[Mapping[str, Any]]:
    """The mappings in a stored list (anything else in it is skipped)."""
    if not isinstance(value, list | tuple):
        return ()
    return [item for item in value if isinstance(item, Mapping)]
