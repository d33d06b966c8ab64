"""The clinical profile in force on a date (clinical.md §F5): "what limits apply to me today?".

A person's situation changes while a plan is kept: a re-assessment, a warning sign, a step
trial that sent them back to the floor. Every rule that limits a plan (caps, floor only, the
competition freeze, the forefoot block, warning signs) reads the profile computed here, for
the day or the week it judges, so no surface can work the limits out differently. Pure: the
caller passes the stored assessments, plans and flagged diary entries in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from achilles_tui.domain import isotonic
from achilles_tui.domain.assessment import Assessment, Condition
from achilles_tui.domain.engine import (
    Advice,
    Mode,
    default_position,
    is_irritable,
    warn_red_flags,
)
from achilles_tui.domain.models import DiaryEntry, HeelRaise, Plan, Position, Surface
from achilles_tui.domain.records import AssessmentRecord
from achilles_tui.domain.red_flags import WARN_FLAG_RULES, diary_block_rules, in_rule_order

WEEK_DAYS = 7
COMPETITION = str(Mode.COMPETITION)
STANDARD = str(Mode.STANDARD)
RUPTURES = isotonic.RUPTURES
# §D6 PROG-RUPTURE-SINGLE-LEG-GATE: holds stay at or below this level while the gate holds.
HOLD_GATE_LEVEL = "L5"
SINGLE_LEG_HOLDS = frozenset({"L6", "L7", "L8"})


@dataclass(frozen=True)
class ClinicalProfile:
    """What every rule reads about the person on a date (or over a week), with its sources.

    ``assessed_on`` is the day the assessment in force counts from (None: no assessment, so
    nothing limits the plan beyond the plan itself). ``block_flags`` are the BLOCK-severity
    signs reported in the period asked about; ``warn_flags`` the WARN-severity signs active.
    ``rules`` names what shaped the profile, for the reasons a surface prints.
    """

    day: dt.date
    assessed_on: dt.date | None = None
    condition: Condition | None = None
    weeks: int = 0
    rupture_loading_cleared: bool = True
    single_leg_cleared: bool = False
    forefoot_problem: bool = False
    forefoot_block: bool = False
    can_do_heel_raises: bool = True
    competition: bool = False
    floor_only: bool = False
    side: str = "both"
    irritable: bool = False
    position: Position = Position.HEEL_RAISED
    warn_flags: tuple[str, ...] = ()
    block_flags: tuple[str, ...] = ()
    rules: tuple[str, ...] = field(default=())
    # The answers in force, for the position limits of an own plan (§D3); None before any.
    answers: Assessment | None = field(default=None, compare=False)

    @property
    def mode(self) -> str:
        """standard or competition (PROG-COMPETITION-FREEZE reads this, never the plan)."""
        return COMPETITION if self.competition else STANDARD

    @property
    def rupture(self) -> bool:
        """A repaired or conservatively treated rupture."""
        return self.condition in RUPTURES

    @property
    def heel_raises_blocked(self) -> bool:
        """Heel raises are not possible: a forefoot block, or rising on the toes fails."""
        return self.forefoot_block or not self.can_do_heel_raises

    @property
    def single_leg_gate(self) -> bool:
        """PROG-RUPTURE-SINGLE-LEG-GATE holds: holds stay two-legged (L5 at most)."""
        return (self.rupture and not self.single_leg_cleared) or (
            self.condition is Condition.UNSURE
        )

    @property
    def freezes(self) -> tuple[str, ...]:
        """The rules that stop any move up or start of heel raises, in evaluation order."""
        found = list(self.warn_flags)
        if self.competition:
            found.append("PROG-COMPETITION-FREEZE")
        return tuple(found)

    @property
    def isotonic(self) -> isotonic.Profile:
        """The §E6.3 view of this profile (caps, floor only, rupture weeks)."""
        return isotonic.Profile(
            condition=self.condition,
            weeks=self.weeks,
            single_leg_cleared=self.single_leg_cleared,
            rupture_loading_cleared=self.rupture_loading_cleared,
            floor_only=self.floor_only,
        )


@dataclass(frozen=True)
class ProfileHistory:
    """What the profile is computed from: assessments, plans and diary days with signs."""

    assessments: Sequence[AssessmentRecord]
    plans: Sequence[Plan]
    diary: Sequence[DiaryEntry] = ()

    def counts_from(self, record: AssessmentRecord) -> dt.date:
        """The day an assessment counts from: made on, or the start of the plan it gave."""
        made = record.created.date()
        own = record.id
        starts = [p.start_date for p in self.plans if own is not None and p.assessment_id == own]
        return min([made, *starts])


def profile_on(day: dt.date, history: ProfileHistory) -> ClinicalProfile:
    """§F5: the profile in force on ``day`` (signs reported on that day included)."""
    return _profile(day, day, history)


def profile_for_week(week_ending: dt.date, history: ProfileHistory) -> ClinicalProfile:
    """§F5 "a week is judged with every profile that held in it".

    The limits of the week's last day, made stricter by every day before it: a freeze
    (competition, a WARN sign, a forefoot block) or a cap that held on any day holds for the
    week, and every BLOCK sign reported in the week is kept.
    """
    start = week_ending - dt.timedelta(days=WEEK_DAYS - 1)
    last = _profile(week_ending, start, history)
    days = [_profile(start + dt.timedelta(days=n), start, history) for n in range(WEEK_DAYS - 1)]
    return merge_strictest(last, days)


def merge_strictest(last: ClinicalProfile, others: Sequence[ClinicalProfile]) -> ClinicalProfile:
    """``last`` with every freeze, block and cap of ``others`` added (never loosened)."""
    merged = last
    for other in others:
        if other.assessed_on is None:
            continue
        merged = replace(
            merged,
            competition=merged.competition or other.competition,
            forefoot_block=merged.forefoot_block or other.forefoot_block,
            can_do_heel_raises=merged.can_do_heel_raises and other.can_do_heel_raises,
            floor_only=merged.floor_only or other.floor_only,
            warn_flags=in_rule_order({*merged.warn_flags, *other.warn_flags}),
            block_flags=in_rule_order({*merged.block_flags, *other.block_flags}),
            rules=tuple(dict.fromkeys((*merged.rules, *other.rules))),
        )
        merged = _stricter_caps(merged, other)
    return merged


def _stricter_caps(merged: ClinicalProfile, other: ClinicalProfile) -> ClinicalProfile:
    """Take the other day's condition when its caps are tighter (rupture or unsure)."""
    if merged.condition is None or _cap_rank(other) < _cap_rank(merged):
        return replace(
            merged,
            condition=other.condition,
            weeks=other.weeks,
            single_leg_cleared=other.single_leg_cleared,
            rupture_loading_cleared=other.rupture_loading_cleared,
        )
    return merged


def _cap_rank(profile: ClinicalProfile) -> int:
    """How far the §E6.3 caps let a person climb (lower is stricter)."""
    return isotonic.index(profile.isotonic.cap)


def _profile(day: dt.date, since: dt.date, history: ProfileHistory) -> ClinicalProfile:
    """The profile on ``day``; BLOCK signs count when reported from ``since`` to ``day``."""
    records = [r for r in history.assessments if r.answers is not None and not r.is_recheck]
    in_force = [r for r in records if history.counts_from(r) <= day]
    current = max(in_force, key=lambda r: (history.counts_from(r), r.created), default=None)
    floor_only = any(p.floor_only and p.start_date <= day for p in history.plans)
    blocks = _blocks_reported(since, day, history)
    if current is None or current.answers is None:
        return ClinicalProfile(
            day=day,
            floor_only=floor_only,
            block_flags=blocks,
            warn_flags=_diary_warns(None, day, history),
            rules=("MON-ISOT-STEP-TRIAL",) if floor_only else (),
        )
    answers = current.answers
    assessed_on = history.counts_from(current)
    warns = in_rule_order({*warn_red_flags(answers), *_diary_warns(assessed_on, day, history)})
    mode = Mode.COMPETITION if answers.competition_phase else Mode.STANDARD
    profile = ClinicalProfile(
        day=day,
        assessed_on=assessed_on,
        condition=answers.condition,
        weeks=isotonic.weeks_now(answers.weeks, assessed_on, day),
        rupture_loading_cleared=answers.rupture_loading_cleared,
        single_leg_cleared=answers.single_leg_cleared,
        forefoot_problem=answers.forefoot_problem,
        forefoot_block=answers.forefoot_block,
        can_do_heel_raises=answers.can_do_heel_raises,
        competition=answers.competition_phase,
        floor_only=floor_only,
        side=answers.side,
        irritable=is_irritable(answers),
        position=default_position(answers, mode),
        warn_flags=warns,
        block_flags=blocks,
        answers=answers,
    )
    return replace(profile, rules=_shaping_rules(profile, answers))


def _shaping_rules(profile: ClinicalProfile, answers: Assessment) -> tuple[str, ...]:
    """The rule ids behind the limits this profile sets."""
    rules: list[str] = list(profile.warn_flags)
    if profile.competition:
        rules.append("PROG-COMPETITION-FREEZE")
    if profile.forefoot_block:
        rules.append("PROG-FOREFOOT-STAY-ISO")
    if profile.single_leg_gate:
        rules.append("PROG-RUPTURE-SINGLE-LEG-GATE")
    if profile.isotonic.cap != isotonic.TOP_STEP:
        rules.append("PROG-ISOT-CAP")
    if profile.isotonic.floor_only_surface:
        rules.append("POS-ISOT-FLOOR-ONLY")
    if profile.floor_only:
        rules.append("MON-ISOT-STEP-TRIAL")
    if answers.condition is Condition.UNSURE:
        rules.append("ELIG-UNSURE-GET-ASSESSED")
    return tuple(dict.fromkeys(rules))


def _blocks_reported(since: dt.date, day: dt.date, history: ProfileHistory) -> tuple[str, ...]:
    """BLOCK-severity signs reported in an assessment, a re-check or the diary in the period."""
    found: set[str] = set()
    for record in history.assessments:
        if since <= record.created.date() <= day:
            found.update(record.blocking_signs)
    for entry in history.diary:
        if since <= entry.date <= day:
            found.update(diary_block_rules(entry.red_flags))
    return in_rule_order(found)


def _diary_warns(
    assessed_on: dt.date | None, day: dt.date, history: ProfileHistory
) -> tuple[str, ...]:
    """WARN signs ticked in the diary or a re-check since the assessment in force, up to
    ``day``: they join the profile from the moment they are reported."""
    found: set[str] = set()
    for entry in history.diary:
        if (assessed_on is None or entry.date >= assessed_on) and entry.date <= day:
            found.update(WARN_FLAG_RULES[f] for f in entry.red_flags if f in WARN_FLAG_RULES)
    for record in history.assessments:
        made = record.created.date()
        since_assessed = assessed_on is None or made >= assessed_on
        if record.is_recheck and record.answers is not None and since_assessed and made <= day:
            found.update(warn_red_flags(record.answers))
    return in_rule_order(found)


def beyond_limits(plan: Plan | None, profile: ClinicalProfile) -> Advice | None:
    """§F5: the kept plan goes past a limit now in force, or None.

    The next weekly review brings it down (naming the same rule); until then every surface
    says so, so nobody trains past a new cap without being told. Own and physio plans (no
    level) keep their caps lifted (DOSE-PHYSIO-OVERRIDE).
    """
    if plan is None or plan.level is None:
        return None
    review = "Review this week in Progress to bring the plan down, or ask your physio."
    level = plan.level
    if level in isotonic.T_LADDER:
        limits = profile.isotonic
        if isotonic.index(level) > isotonic.index(limits.cap):
            return Advice(
                "PROG-ISOT-CAP",
                f"Your latest assessment limits heel raises to {limits.cap}, below your plan's "
                f"{level}. {review}",
            )
        on_step = any(
            isinstance(ex, HeelRaise) and ex.surface is Surface.STEP for ex in plan.exercises
        )
        if on_step and limits.floor_only_surface:
            return Advice(
                "POS-ISOT-FLOOR-ONLY",
                f"Your latest assessment keeps heel raises on flat floor: do them on the floor, "
                f"not the step. {review}",
            )
        return None
    if level in SINGLE_LEG_HOLDS and profile.single_leg_gate:
        return Advice(
            "PROG-RUPTURE-SINGLE-LEG-GATE",
            f"Your latest assessment keeps holds on two legs ({HOLD_GATE_LEVEL} at most), below "
            f"your plan's {level}. {review}",
        )
    return None
