"""The symptom diary: saving a morning, ticking warning signs, and what the morning means.

After a save the user is told at once what the morning says about yesterday's session
(MON-NOT-SETTLED, the level-heel trial's fallbacks) and what the care state now allows.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from achilles_tui.care.profile import limits_today
from achilles_tui.care.reach import widening_starts
from achilles_tui.care.state import current_care_state
from achilles_tui.domain.care_state import CareState
from achilles_tui.domain.engine import Advice
from achilles_tui.domain.models import ISOMETRIC, DiaryEntry, Plan
from achilles_tui.domain.morning import (
    LOWER,
    RAISED,
    TRIAL_RULE,
    TrialOffer,
    morning_advice,
    not_settled_reason,
)
from achilles_tui.domain.review_context import exercise_at_step, holds_of, trial_fallback
from achilles_tui.domain.review_figures import BASELINE_MORNINGS, WEEK_DAYS
from achilles_tui.domain.rules import LADDER, step_down
from achilles_tui.storage.repository import ReadOnlyRepository, Repository

ONE_DAY = dt.timedelta(days=1)
RECENT_DAYS = dt.timedelta(days=60)


@dataclass(frozen=True)
class DiaryOutcome:
    """The saved entry, what it tells the user, and the care state after it."""

    entry: DiaryEntry
    advice: tuple[Advice, ...]
    care: CareState
    trial: TrialOffer | None = None


@dataclass(frozen=True)
class DiaryDay:
    """One date as the Diary section shows it."""

    day: dt.date
    saved: DiaryEntry | None
    before: DiaryEntry | None
    care: CareState
    ask_settled: bool  # the MON-24H question ("back to usual before your last session?")


def had_session_before(repo: ReadOnlyRepository, day: dt.date) -> bool:
    """A session on an earlier date: without one, "before your last session" means nothing."""
    return repo.has_session_before(day)


def diary_day(repo: ReadOnlyRepository, day: dt.date, now: dt.datetime) -> DiaryDay:
    """The entry of a date, the day before for reference, and what may be done today.

    The settled question is asked once there has been a session to settle from (or when the
    date already holds an answer, so it can still be seen and corrected).
    """
    saved = repo.diary_on(day)
    return DiaryDay(
        day=day,
        saved=saved,
        before=repo.diary_on(day - ONE_DAY),
        care=current_care_state(repo, now),
        ask_settled=(saved is not None and saved.settled is not None)
        or had_session_before(repo, day),
    )


def _outcome(
    repo: ReadOnlyRepository,
    entry: DiaryEntry,
    now: dt.datetime,
    before: DiaryEntry | None = None,
) -> DiaryOutcome:
    """Advice for a saved morning and the care state it leads to.

    The trial's fallbacks are offered once: when this morning first turns out unsettled and
    the plan followed the day before is still the current one.
    """
    followed = repo.plan_on(entry.date - ONE_DAY)
    current = repo.current_plan()
    offer_on = followed is not None and current is not None and followed.version == current.version
    diary = mornings_for_baseline(repo, entry.date)
    if before is not None and not_settled_reason(before, diary) is not None:
        offer_on = False  # already told (and answered) when this morning was first saved
    profile = limits_today(repo, entry.date)
    advice, offer = morning_advice(
        entry,
        diary,
        followed,
        repo.sessions(entry.date - ONE_DAY, entry.date - ONE_DAY),
        forefoot_block=profile.forefoot_block,
    )
    return DiaryOutcome(entry, advice, current_care_state(repo, now), offer if offer_on else None)


def mornings_for_baseline(repo: ReadOnlyRepository, day: dt.date) -> list[DiaryEntry]:
    """The mornings §E1's baseline for a week ending on ``day`` needs, read as little as can be.

    The baseline is the last 7 logged mornings before that week: a few recent weeks hold them
    for anyone who logs, so older years are read only when the recent weeks do not.
    """
    week_start = day - dt.timedelta(days=WEEK_DAYS - 1)
    for start in widening_starts(repo, day - RECENT_DAYS):
        entries = repo.diary_entries(start, day)
        before = [e for e in entries if e.date < week_start and e.morning_pain is not None]
        if start is None or len(before) >= BASELINE_MORNINGS:
            return entries
    raise AssertionError("widening_starts ends with None")  # pragma: no cover


def save_day(repo: Repository, entry: DiaryEntry, now: dt.datetime) -> DiaryOutcome:
    """Save one date's entry whole (it replaces a saved one) and advise on it."""
    before = repo.diary_on(entry.date)
    repo.save_diary(entry)
    return _outcome(repo, entry, now, before)


def update_day(
    repo: Repository, day: dt.date, changes: Mapping[str, Any], now: dt.datetime
) -> DiaryOutcome:
    """Change only the given fields of a date's entry (the CLI's `log`)."""
    DiaryEntry(date=day, **changes)  # refuse bad values before reading or writing anything
    entry = dataclasses.replace(repo.diary_on(day) or DiaryEntry(date=day), **changes)
    return save_day(repo, entry, now)


def set_warning_signs(
    repo: Repository, day: dt.date, flags: Sequence[str], now: dt.datetime
) -> DiaryOutcome:
    """Store the signs ticked for a date at once, with when they were ticked (§F4 pauses)."""
    base = repo.diary_on(day) or DiaryEntry(date=day)
    flags = tuple(flags)
    reported = now if flags and set(flags) != set(base.red_flags) else base.flags_reported_at
    entry = dataclasses.replace(
        base, red_flags=flags, flags_reported_at=reported if flags else None
    )
    repo.save_diary(entry)
    return DiaryOutcome(entry, (), current_care_state(repo, now))


def apply_trial_choice(repo: Repository, choice: str, now: dt.datetime) -> Plan | None:
    """MON-INSERTIONAL-NEUTRAL-TRIAL: make the chosen fallback the current plan.

    A partway raised heel keeps the level; an easier level keeps the level heel. The other
    choices (heel raises with a physio, a clinician, keep as is) change nothing.
    """
    plan = repo.current_plan()
    if plan is None or plan.level is None or choice not in (RAISED, LOWER):
        return None
    if plan.stage != ISOMETRIC:
        return None  # the level-heel trial is about holds; heel raises have their own trial
    if choice == RAISED:
        exercises = [trial_fallback(ex) for ex in holds_of(plan)]
        level = plan.level
        note = "partway heel raise after the level-heel trial did not settle"
    else:
        level = step_down(plan.level)
        step = LADDER[level]
        exercises = [
            exercise_at_step(ex, step, rest_seconds=step.rest_seconds, rules=(TRIAL_RULE,))
            for ex in holds_of(plan)
        ]
        note = "one step easier after the level-heel trial did not settle"
    return repo.add_plan(
        exercises,
        source="diary",
        level=level,
        mode=plan.mode,
        note=f"{note} ({TRIAL_RULE})",
        created=now,
    )
