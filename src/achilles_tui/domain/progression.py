"""The weekly review (clinical.md §D6, §E): one week of diary and sessions -> a ladder suggestion.

Pure and deterministic so every suggestion can be tested and traced: each reason carries the rule
id it comes from and states the week's own figures, and ``rules_fired`` lists the rules in the
order they were evaluated (RF -> DOSE -> MON -> PROG). The figures themselves are computed in
``review_figures``; this module only reads them.

Design choices where the digest leaves room (each is [DESIGN], see the module tests):

* Too little data (fewer than 3 diary days in the week) gives HOLD and says so, except that a
  blocking red flag still gives SEE_CLINICIAN and the *count-based* RED signs still give REGRESS
  (a flare-up, a session over 7/10, two sessions over 5/10, two unsettled mornings). Those counts
  can only grow as more days are logged, so acting on them is never a guess; averages (the
  stiffness trend) and the four-week stall rule are not judged on so few days.
* A blocking red flag fires its RF rule and PROG-SEE-CLINICIAN (§D6 lists any BLOCK flag as a
  trigger); the PROG message only says the plan is paused, never how to progress.
* "Morning pain worse than the week before" is read as MON-NOT-SETTLED (a morning at least 2
  points above the baseline, which is the mean of the 7 logged mornings before the week).
* PROG-SEE-CLINICIAN's history uses ``PastWeek`` (RED? GREEN criteria met?). A bare stored
  suggestion counts as RED only for "regress" and as GREEN only for "progress" or
  "switch_to_isotonic", so an old "hold" counts against the user, the cautious reading.
* With an own/physio plan (level None) the week is still judged but no level or change is
  given; GREEN then means "progress" (no switch or gate, which need a ladder level).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from achilles_tui.domain import isotonic
from achilles_tui.domain.assessment import Condition
from achilles_tui.domain.changes import Change
from achilles_tui.domain.counting import PlanTimeline
from achilles_tui.domain.engine import Advice
from achilles_tui.domain.models import (
    ALL_LEVELS,
    ISOMETRIC,
    ISOTONIC,
    LEVELS,
    T_LEVELS,
    DiaryEntry,
    DomainError,
    Effort,
    HeelRaiseTest,
    Position,
    SessionLog,
    stage_of,
)
from achilles_tui.domain.profile import ClinicalProfile
from achilles_tui.domain.red_flags import WARN_FLAG_RULES, in_rule_order
from achilles_tui.domain.review_figures import (
    PAIN_LIMIT,
    WEEK_DAYS,
    WeekFigures,
    baseline_morning_pain,
    compute_week,
    diary_by_date,
    is_not_settled,
)
from achilles_tui.domain.rules import LADDER, RULE_ORDER, rule, step_down, step_up
from achilles_tui.domain.suggestion import Suggestion
from achilles_tui.domain.wording import count

__all__ = [
    "Change",
    "FlareUpAdjustment",
    "PastWeek",
    "Review",
    "ReviewContext",
    "Suggestion",
    "WeekFigures",
    "flare_up_adjustment",
    "judge_week",
    "ladder_changes",
]

# Fewer diary days than this and the week is not judged (never a guess).
MIN_DIARY_DAYS = 3
# §E2 GREEN needs this adherence; AMBER below the lower one [DESIGN].
GREEN_ADHERENCE = 0.8
AMBER_ADHERENCE = 0.7
# RF-INFLAMMATORY (review): mean morning stiffness above this many minutes.
INFLAMMATORY_STIFFNESS_MINUTES = 30
# PROG-SEE-CLINICIAN: this many weeks in a row (current included) without GREEN criteria.
STALLED_WEEKS = 4
# §E3: a flare-up, pain > 7 or 3+ unsettled mornings drop two steps.
TWO_STEP_UNSETTLED_MORNINGS = 3
SAFE_PAIN = 3
TOP_LEVEL = LEVELS[-1]
SINGLE_LEG_LEVELS = frozenset({"L6", "L7", "L8"})
GATE_LEVEL = "L5"
RUPTURES = frozenset({Condition.RUPTURE_SURGERY, Condition.RUPTURE_CONSERVATIVE})
MODES = ("standard", "competition")
# Plain names for red-flag rules, so user text never shows a bare rule id.
FLAG_NAMES: dict[str, str] = {
    "RF-RUPTURE-SUSPECT": "signs of a possible tear",
    "RF-DVT": "a swollen, warm or red calf",
    "RF-PE": "breathlessness or chest pain",
    "RF-INFECTION": "signs of infection",
    "RF-NIGHT-REST-PAIN": "pain at night or at rest",
    "RF-INFLAMMATORY": "a possible inflammatory cause",
    "RF-FLUOROQUINOLONE": "the fluoroquinolone antibiotic",
}
# Ladder fields compared to list what a level change means in practice.
_LADDER_FIELDS = ("legs", "added_load", "reps", "hold_seconds", "rest_seconds")


@dataclass(frozen=True)
class PastWeek:
    """What PROG-SEE-CLINICIAN needs from an earlier week: was it RED, was GREEN met."""

    suggestion: str
    red: bool
    green: bool

    @classmethod
    def from_suggestion(cls, suggestion: str) -> PastWeek:
        """From a bare stored verdict: RED = regress; GREEN only when it moved on or switched."""
        try:
            value = Suggestion(str(suggestion).strip().lower())
        except ValueError:
            raise DomainError(f"unknown review suggestion {suggestion!r}") from None
        return cls(
            suggestion=str(value),
            red=value in (Suggestion.REGRESS, Suggestion.SWITCH_TO_ISOMETRIC),
            green=value in (Suggestion.PROGRESS, Suggestion.SWITCH_TO_ISOTONIC),
        )

    @classmethod
    def from_review(cls, review: Review) -> PastWeek:
        """From a review computed earlier (its own RED / GREEN flags, not just the suggestion)."""
        return cls(str(review.suggestion), review.red, review.green_criteria_met)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> PastWeek:
        """From a stored ``Review.to_json()``; older records without the flags fall back."""
        base = cls.from_suggestion(str(data["suggestion"]))
        red = data.get("red", base.red)
        green = data.get("green_criteria_met", base.green)
        return cls(base.suggestion, bool(red), bool(green))


@dataclass(frozen=True)
class ReviewContext:
    """What the review needs beyond the week's diary and sessions (from plan and assessment).

    ``level`` is None for an own or physio plan (DOSE-PHYSIO-OVERRIDE): the review still judges
    the week but never changes that plan. ``previous_verdicts`` are earlier weeks that had diary
    entries, most recent first; bare strings are read with ``PastWeek.from_suggestion``.
    """

    level: str | None
    mode: str = "standard"
    condition: Condition | None = None
    can_do_heel_raises: bool = True
    forefoot_block: bool = False
    single_leg_cleared: bool = False
    warn_flags_active: Sequence[str] = ()
    previous_verdicts: Sequence[PastWeek | str] = ()
    active_blocks: Sequence[Advice] = ()
    trial: bool = False
    timeline: PlanTimeline | None = None
    # §E6: the isotonic stage. ``profile`` carries the §E6.3 restrictions (None: no
    # restriction known); ``irritable`` picks the §E6.2 start step.
    irritable: bool = False
    profile: isotonic.Profile | None = None
    stage: str | None = None
    back_to_iso: bool = False
    load_kg: float = 0.0
    load_raise_allowed: bool = True
    step_trial_days: tuple[dt.date, ...] = ()
    hr_test: HeelRaiseTest | None = None
    hr_test_settled: bool | None = None
    position: Position = Position.HEEL_RAISED
    # §F5: BLOCK signs reported in the week (assessments, re-checks, diary), the sore side,
    # the start of the plan judged (decision 2) and whether its raises are on a step.
    reported_blocks: tuple[str, ...] = ()
    side: str = "both"
    plan_start: dt.date | None = None
    on_step: bool = False

    def __post_init__(self) -> None:
        if self.level is not None and self.level not in ALL_LEVELS:
            raise DomainError(f"unknown level {self.level!r}; expected one of L1 to L8 or T1 to T8")
        stage = self.stage or stage_of(self.level) or ISOMETRIC
        if stage not in (ISOMETRIC, ISOTONIC):
            raise DomainError(f"stage must be isometric or isotonic, got {self.stage!r}")
        object.__setattr__(self, "stage", stage)
        if self.profile is None:
            object.__setattr__(self, "profile", isotonic.Profile(condition=self.condition))
        mode = str(self.mode).strip().lower()
        if mode not in MODES:
            raise DomainError(f"mode must be standard or competition, got {self.mode!r}")
        object.__setattr__(self, "mode", mode)
        if self.condition is not None:
            try:
                object.__setattr__(self, "condition", Condition(self.condition))
            except ValueError:
                raise DomainError(f"unknown condition {self.condition!r}") from None
        object.__setattr__(self, "warn_flags_active", _warn_rule_ids(self.warn_flags_active))
        past = tuple(
            item if isinstance(item, PastWeek) else PastWeek.from_suggestion(str(item))
            for item in self.previous_verdicts
        )
        object.__setattr__(self, "previous_verdicts", past)
        object.__setattr__(self, "active_blocks", tuple(self.active_blocks))

    @property
    def past_weeks(self) -> tuple[PastWeek, ...]:
        """Earlier weeks with diary entries, most recent first, all as PastWeek."""
        return tuple(
            item if isinstance(item, PastWeek) else PastWeek.from_suggestion(item)
            for item in self.previous_verdicts
        )

    @property
    def competition(self) -> bool:
        """PROG-COMPETITION-FREEZE applies."""
        return self.mode == "competition"

    @property
    def heel_raises_blocked(self) -> bool:
        """PROG-FOREFOOT-STAY-ISO instead of a switch: heel raises are not possible."""
        return self.forefoot_block or not self.can_do_heel_raises

    @classmethod
    def from_profile(
        cls,
        profile: ClinicalProfile,
        level: str | None,
        previous_verdicts: Iterable[PastWeek | str] = (),
        **facts: Any,
    ) -> ReviewContext:
        """The context of a week judged with its §F5 profile (the strictest of its days).

        ``facts`` are what the history says beyond the profile (``active_blocks``, ``trial``,
        ``timeline``, the §E6 fields ``back_to_iso``, ``load_kg``, ``hr_test`` ...).
        """
        return cls(
            level=level,
            mode=profile.mode,
            condition=profile.condition,
            can_do_heel_raises=profile.can_do_heel_raises,
            forefoot_block=profile.forefoot_block,
            single_leg_cleared=profile.single_leg_cleared,
            warn_flags_active=profile.warn_flags,
            reported_blocks=profile.block_flags,
            irritable=profile.irritable,
            profile=profile.isotonic,
            position=profile.position,
            side=profile.side,
            previous_verdicts=tuple(previous_verdicts),
            **facts,
        )


@dataclass(frozen=True)
class Review:
    """The outcome of one weekly review, with the figures and the reasons behind it."""

    week_ending: dt.date
    suggestion: Suggestion
    level_from: str | None
    level_to: str | None
    changes: tuple[Change, ...]
    rules_fired: tuple[str, ...]
    reasons: tuple[Advice, ...]
    week: WeekFigures
    previous_week: WeekFigures | None
    too_little_data: bool
    green_criteria_met: bool
    red: bool
    stage_from: str = ISOMETRIC
    stage_to: str = ISOMETRIC
    # What the next plan version needs beyond the level (not part of the JSON contract).
    profile: isotonic.Profile | None = None
    load_to: float | None = None
    position_to: Position | None = None
    floor_only_to: bool = False

    def to_json(self) -> dict[str, Any]:
        """The stable JSON shape of ``review --json``; only primitives, lists and dicts."""
        return {
            "week_ending": self.week_ending.isoformat(),
            "suggestion": str(self.suggestion),
            "level_from": self.level_from,
            "level_to": self.level_to,
            "stage_from": self.stage_from,
            "stage_to": self.stage_to,
            "changes": [change.to_json() for change in self.changes],
            "rules_fired": list(self.rules_fired),
            "reasons": [reason.to_json() for reason in self.reasons],
            "week": self.week.to_json(),
            "previous_week": None if self.previous_week is None else self.previous_week.to_json(),
            "too_little_data": self.too_little_data,
            "green_criteria_met": self.green_criteria_met,
            "red": self.red,
        }


@dataclass
class _Trace:
    """Collects fired rules and reasons in evaluation order; each rule fires once."""

    fired: list[str] = field(default_factory=list)
    reasons: list[Advice] = field(default_factory=list)

    def fire(self, rule_id: str, message: str | None = None) -> None:
        """Record a rule (checked against the catalogue) and, if given, its reason."""
        rule(rule_id)
        if rule_id in self.fired:
            return
        self.fired.append(rule_id)
        if message is not None:
            self.reasons.append(Advice(rule_id, message))


TRIAL_RULE = "MON-INSERTIONAL-NEUTRAL-TRIAL"
FLARE_RULE = "PROG-FLARE-UP-REST"
POSITION_CHANGE = Change("position", "neutral", "heel_raised")


def ladder_changes(
    level_from: str, level_to: str, profile: isotonic.Profile | None = None
) -> tuple[Change, ...]:
    """The dose fields that differ between two ladder steps, e.g. hold_seconds 10 -> 20.

    Between stages the change is the stage itself; between T steps, the heel-raise fields.
    """
    if stage_of(level_from) != stage_of(level_to):
        return (Change("stage", str(stage_of(level_from)), str(stage_of(level_to))),)
    if level_from in T_LEVELS:
        return isotonic.step_changes(level_from, level_to, profile or isotonic.Profile())
    before, after = LADDER[level_from], LADDER[level_to]
    return tuple(
        Change(name, getattr(before, name), getattr(after, name))
        for name in _LADDER_FIELDS
        if getattr(before, name) != getattr(after, name)
    )


def judge_week(
    week_ending: dt.date,
    diary: Sequence[DiaryEntry],
    sessions: Sequence[SessionLog],
    context: ReviewContext,
    judge: type[_Judge] | None = None,
) -> Review:
    """Judge the 7 days ending on ``week_ending`` by §E2 (top-down) with a ladder's judge.

    ``weekly_review.review_week`` picks the judge for the plan's stage; holds by default.
    """
    judge = judge or _Judge
    timeline = context.timeline
    previous = _previous_week(week_ending, diary, sessions, timeline)
    last_stiffness = previous.exact_stiffness_minutes if previous is not None else None
    week = compute_week(week_ending, diary, sessions, last_stiffness, timeline)
    mornings = judge.trial_mornings_of(week_ending, diary, sessions, context)
    return judge(week_ending, week, previous, context, mornings).run()


def trial_not_settled(
    day: dt.date, diary: Sequence[DiaryEntry], sessions: Sequence[SessionLog], days: int = 7
) -> tuple[dt.date, ...]:
    """MON-INSERTIONAL-NEUTRAL-TRIAL: mornings (of the ``days`` ending on ``day``) after a
    session of the level-heel trial that had not settled (MON-NOT-SETTLED)."""
    session_days = {s.date for s in sessions if s.reps or s.finished}
    by_date = diary_by_date(diary)
    found: list[dt.date] = []
    for offset in range(days - 1, -1, -1):
        morning = day - dt.timedelta(days=offset)
        entry = by_date.get(morning)
        if entry is None or morning - dt.timedelta(days=1) not in session_days:
            continue
        if is_not_settled(entry, baseline_morning_pain(diary, morning)):
            found.append(morning)
    return tuple(found)


def _previous_week(
    week_ending: dt.date,
    diary: Sequence[DiaryEntry],
    sessions: Sequence[SessionLog],
    timeline: PlanTimeline | None = None,
) -> WeekFigures | None:
    """The 7 days before the review week (for the trend), or None if nothing was logged."""
    end = week_ending - dt.timedelta(days=WEEK_DAYS)
    before = compute_week(end - dt.timedelta(days=WEEK_DAYS), diary, sessions, None, timeline)
    figures = compute_week(end, diary, sessions, before.exact_stiffness_minutes, timeline)
    if figures.diary_days == 0 and figures.sessions_done == 0:
        return None
    return figures


class _Judge:
    """One evaluation of §E2 for a week; kept as a class so each step reads as a short method."""

    PAIN_RULE = "MON-PAIN-DURING"
    WORK = "holds"

    @classmethod
    def trial_mornings_of(
        cls,
        week_ending: dt.date,
        diary: Sequence[DiaryEntry],
        sessions: Sequence[SessionLog],
        context: ReviewContext,
    ) -> tuple[dt.date, ...]:
        """MON-INSERTIONAL-NEUTRAL-TRIAL's unsettled mornings, on a level-heel trial only."""
        return trial_not_settled(week_ending, diary, sessions) if context.trial else ()

    def __init__(
        self,
        week_ending: dt.date,
        week: WeekFigures,
        previous: WeekFigures | None,
        context: ReviewContext,
        trial_mornings: tuple[dt.date, ...] = (),
    ) -> None:
        self.week_ending = week_ending
        self.week = week
        self.previous = previous
        self.context = context
        self.trial_mornings = trial_mornings
        self.trace = _Trace()
        self.level = context.level
        self.too_little = week.diary_days < MIN_DIARY_DAYS
        # §F5: a BLOCK sign reported at any time in the week, in the diary or an assessment.
        self.blocking = in_rule_order({*week.blocking_flags, *context.reported_blocks})
        self.warn = self._warn_flags()
        self.red_signs = self._red_signs(count_based_only=self.too_little)
        self.green_misses = self._green_misses()
        self.green = not self.green_misses and not self._red_signs(count_based_only=False)

    # -- evaluation ---------------------------------------------------------------------------

    def run(self) -> Review:
        """RF -> DOSE -> MON -> PROG, first matching §E2 verdict wins."""
        week_flags = self._red_flags()
        if self.context.active_blocks:
            return self._see_clinician_for_blocks()
        if week_flags:
            return self._see_clinician_for_flags()
        if self.level is None:
            self.trace.fire(
                "DOSE-PHYSIO-OVERRIDE",
                "You follow your own or your physio's plan, so the review never changes it; "
                "treat this week's suggestion as something to talk over with your physio.",
            )
        self._monitoring()
        if self.context.competition:
            self.trace.fire(
                "PROG-COMPETITION-FREEZE",
                "You are in competition mode, so the review never raises the level; it can "
                "only keep it or bring it down.",
            )
        stalled = self._stalled()
        if stalled is not None:
            self.trace.fire("PROG-SEE-CLINICIAN", stalled)
            return self._result(Suggestion.SEE_CLINICIAN, self.level)
        if self.red_signs:
            return self._regress()
        over_cap = self._over_cap()
        if over_cap is not None:
            return over_cap
        if self.too_little:
            logged = self.week.diary_days
            mornings = f"Only {count(logged, 'morning')}" if logged else "No morning was"
            return self._hold(
                f"{mornings} logged in this week; at least "
                f"{MIN_DIARY_DAYS} are needed to judge it, so {self._stay()}. Logging every "
                "morning makes the next review possible."
            )
        if self.week.sessions_planned == 0:
            return self._hold(
                "Every day this week was a rest, flare-up or pause day, so there were no "
                f"sessions to judge; {self._stay()}."
            )
        amber = self._amber_signs()
        if amber:
            return self._hold(f"{_sentence(amber)}, so {self._stay()} for another week.")
        if self.green and self._plan_too_new():
            assert self.context.plan_start is not None
            return self._hold(
                f"{self._green_summary()} But this plan only began on "
                f"{self.context.plan_start:%a %d %b}, which is too early to judge this plan; "
                f"{self._stay()} until it has run a whole week."
            )
        if self.green:
            return self._green()
        return self._hold(f"Not yet a week to move on: {_join(self.green_misses)}; {self._stay()}.")

    def _plan_too_new(self) -> bool:
        """§F5 decision 2: a plan that ran fewer than 7 days of the week is not moved up."""
        start = self.context.plan_start
        return start is not None and start > self.week.week_start

    def _over_cap(self) -> Review | None:
        """§F5: a kept plan above a limit that now applies is brought down to it.

        Holds: the single-leg gate keeps rupture (not cleared) and unsure at L5 at most.
        """
        level = self.level
        if level not in SINGLE_LEG_LEVELS or not self._gate_applies():
            return None
        self.trace.fire(
            "PROG-RUPTURE-SINGLE-LEG-GATE",
            f"Your latest assessment {self._gate_reason()}, so single-leg holds ({level}) are "
            f"not for now: back to {GATE_LEVEL}, on two legs.",
        )
        self.trace.fire("PROG-REGRESS")
        return self._result(Suggestion.REGRESS, GATE_LEVEL)

    def _gate_applies(self) -> bool:
        """PROG-RUPTURE-SINGLE-LEG-GATE's condition, from the week's profile."""
        condition = self.context.condition
        return (
            condition in RUPTURES and not self.context.single_leg_cleared
        ) or condition is Condition.UNSURE

    def _gate_reason(self) -> str:
        """Why the gate holds, in words."""
        if self.context.condition is Condition.UNSURE:
            return "has no diagnosis yet"
        return "is a rupture without the go-ahead for single-leg work"

    def _red_flags(self) -> bool:
        """Fire every reported or active red flag; True when one of them is BLOCK severity."""
        ids = set(self.blocking) | set(self.warn)
        for rule_id in sorted(ids, key=RULE_ORDER.__getitem__):
            self.trace.fire(rule_id, self._flag_message(rule_id))
        return bool(self.blocking)

    def _flag_message(self, rule_id: str) -> str:
        """The rule's own message, with the stiffness figure when the review triggered it."""
        text = rule(rule_id).message
        stiffness = self.week.mean_stiffness_minutes
        if (
            rule_id == "RF-INFLAMMATORY"
            and stiffness is not None
            and stiffness > INFLAMMATORY_STIFFNESS_MINUTES
        ):
            text = (
                f"Morning stiffness averaged {stiffness:g} min this week, longer than "
                f"{INFLAMMATORY_STIFFNESS_MINUTES} min. " + text
            )
        return text

    def _see_clinician_for_flags(self) -> Review:
        """§E2 notes: a BLOCK flag pauses the plan; no progression text."""
        blocking = {**FLAG_NAMES, "RF-FLUOROQUINOLONE": "new tendon pain on a fluoroquinolone"}
        names = ", ".join(blocking.get(rule_id, rule_id) for rule_id in self.blocking)
        self.trace.fire(
            "PROG-SEE-CLINICIAN",
            f"A warning sign was logged this week ({names}), so the plan is paused at "
            f"{self._level_text()} until a clinician has checked it.",
        )
        return self._result(Suggestion.SEE_CLINICIAN, self.level)

    def _see_clinician_for_blocks(self) -> Review:
        """§F4: while the care state stops sessions on a clinical rule, review says so only.

        A warning sign reported in an assessment or a re-check, or an assessment that ended on
        see_clinician, keeps the plan paused; the review never suggests moving on meanwhile.
        """
        for block in self.context.active_blocks:
            self.trace.fire(block.rule, block.message)
        names = ", ".join(block.rule for block in self.context.active_blocks)
        self.trace.fire(
            "PROG-SEE-CLINICIAN",
            f"Sessions are stopped ({names}), so the plan stays at {self._level_text()} until "
            "a clinician has checked you and a new assessment gives the go-ahead.",
        )
        return self._result(Suggestion.SEE_CLINICIAN, self.level)

    def _monitoring(self) -> None:
        """MON rules that shaped the verdict, each stating the week's figures."""
        week = self.week
        if week.sessions_over_5:
            top = f", highest {week.max_pain_during}/10" if week.max_pain_during is not None else ""
            self.trace.fire(
                self.PAIN_RULE,
                f"Pain during {self.WORK} went over {PAIN_LIMIT}/10 in "
                f"{week.sessions_over_5} of {count(week.sessions_rated, 'rated session')}{top}.",
            )
        if week.not_settled_mornings:
            baseline = week.baseline_morning_pain
            usual = f" your usual {baseline:g}/10" if baseline is not None else " usual"
            self.trace.fire(
                "MON-NOT-SETTLED",
                f"The tendon had not settled on {count(week.not_settled_mornings, 'morning')} "
                f"(answered 'not settled', or morning pain 2 or more points above{usual}).",
            )
        if week.stiffness_worse and self.previous is not None:
            self.trace.fire(
                "MON-STIFFNESS-TREND",
                f"Morning stiffness averaged {week.mean_stiffness_minutes:g} min, up from "
                f"{self.previous.mean_stiffness_minutes:g} min the week before.",
            )
        if self.trial_mornings:
            self.trace.fire(TRIAL_RULE, self._trial_message())

    def _trial_message(self) -> str:
        """MON-INSERTIONAL-NEUTRAL-TRIAL in the review, with the mornings it is about."""
        days = ", ".join(f"{day:%a %d %b}" for day in self.trial_mornings)
        if self.context.forefoot_block:
            return (
                f"The level-heel hold seems to have irritated your heel (not settled on {days}). "
                "With a sore forefoot the raised-heel hold is not an option, so ease the level; "
                "if it keeps reacting, see a clinician."
            )
        return (
            f"The level-heel hold seems to have irritated your heel (not settled on {days}). "
            "Switch to a partway heel raise on the floor. If that still irritates, try an "
            "easier level, or moving on to heel raises with your physio."
        )

    @property
    def _position_change(self) -> tuple[Change, ...]:
        """The trial's fallback in ``changes``: a partway raised heel (never with a forefoot
        block, and never a heel drop)."""
        if TRIAL_RULE in self.trace.fired and not self.context.forefoot_block:
            return (POSITION_CHANGE,)
        return ()

    def _stalled(self) -> str | None:
        """PROG-SEE-CLINICIAN from the history: two RED weeks, or four weeks short of GREEN."""
        past = self.context.past_weeks
        if self.red_signs and past and past[0].red:
            return (
                f"The tendon reacted again this week ({_join(self.red_signs)}) after a week "
                f"that also needed a step back. Pause at {self._level_text()} and get it "
                "assessed by a clinician or physio."
            )
        recent = past[: STALLED_WEEKS - 1]
        if (
            not self.too_little
            and not self.green
            and len(recent) == STALLED_WEEKS - 1
            and not any(item.green for item in recent)
        ):
            misses = self.green_misses or self.red_signs
            return (
                f"This is the {STALLED_WEEKS}th logged week in a row that fell short of the "
                f"targets for moving on (this week: {_join(misses)}). Pause at "
                f"{self._level_text()} and get it assessed by a clinician or physio."
            )
        return None

    def _steps_back(self) -> tuple[int, str]:
        """§E3 / PROG-ISOT-REGRESS: two steps after pain > 7, a flare-up or 3+ unsettled
        mornings, else one; and the week's RED signs in words."""
        week = self.week
        two_step = (
            week.flare_up
            or week.sessions_over_7 > 0
            or week.not_settled_mornings >= TWO_STEP_UNSETTLED_MORNINGS
        )
        return 2 if two_step else 1, f"The tendon complained this week ({_join(self.red_signs)})"

    def _regress(self) -> Review:
        """RED: one step down, or two when §E3's two-step conditions apply (floor L1)."""
        steps, why = self._steps_back()
        if self.level is None:
            self.trace.fire(
                "PROG-REGRESS",
                f"{why}. Ease your plan back ({_steps(steps)} on the app's ladder would be the "
                "equivalent) and check with your physio.",
            )
            return self._result(Suggestion.REGRESS, None)
        target = step_down(self.level, steps)
        if target in SINGLE_LEG_LEVELS and self._gate_applies():
            self.trace.fire("PROG-RUPTURE-SINGLE-LEG-GATE")
            target = GATE_LEVEL
        if target == self.level:
            move = f"you are already on the first step, so stay at {self.level}"
        else:
            move = f"step back {_steps(steps)}, from {self.level} to {target}"
        self.trace.fire("PROG-REGRESS", f"{why}, so {move}.")
        return self._result(Suggestion.REGRESS, target)

    def _green(self) -> Review:
        """GREEN criteria met: progress, switch, or a HOLD forced by a freeze or the gate."""
        level = self.level
        in_switch_zone = level is not None and (
            level == TOP_LEVEL
            or (self.week.weekly_effort is Effort.TOO_EASY and level in SINGLE_LEG_LEVELS)
        )
        switch = in_switch_zone and not self.context.heel_raises_blocked
        condition = self.context.condition
        gate = level == GATE_LEVEL and self._gate_applies()
        freezes = self._freezes()
        if freezes:
            return self._hold(f"{self._green_summary()} But {_join(freezes)}; {self._stay()}.")
        if self.context.back_to_iso and level is not None:
            past = self.context.past_weeks
            profile = self.context.profile
            too_early = profile is not None and profile.too_early
            if past and past[0].green and not self.context.heel_raises_blocked and not too_early:
                # §F5 decision 5: re-entry at two-leg T1 is not stopped by the L5 gate.
                return self._reentry()
        if gate:
            gate_text = (
                "wait until a diagnosis has been entered"
                if condition is Condition.UNSURE
                else "need the go-ahead from your surgeon or physio first"
            )
            self.trace.fire(
                "PROG-RUPTURE-SINGLE-LEG-GATE",
                f"The next step, L6, is on one leg. Single-leg holds {gate_text}, so stay "
                f"at {GATE_LEVEL}.",
            )
            freezes.append("single-leg holds are not cleared yet")
        if freezes:
            return self._hold(f"{self._green_summary()} But {_join(freezes)}; {self._stay()}.")
        if switch and self.context.profile is not None and self.context.profile.too_early:
            self.trace.fire(
                "ELIG-ISOT-RUPTURE-EARLY",
                f"{self._green_summary()} After a rupture, heel raises through range start "
                f"from week {isotonic.RUPTURE_START_WEEKS} (you are at week "
                f"{self.context.profile.weeks}), so keep the holds at {level} and check with "
                "your surgeon or physio.",
            )
            return self._hold(f"Heel raises are not due yet; {self._stay()}.")
        if switch:
            assert level is not None
            cue = (
                f"You are at {TOP_LEVEL}, the top step"
                if level == TOP_LEVEL
                else f"The holds mostly felt too easy at {level}"
            )
            start = self._start_step(isotonic.Entry.REVIEW)
            self.trace.fire(
                "PROG-SWITCH-ISOTONIC",
                f"{self._green_summary()} {cue}: time to move on to heel raises "
                f"(exercise with movement), starting at {start}. The holds stay at {level} "
                "until you accept the switch.",
            )
            self._isotonic_start_rules(start)
            return self._result(Suggestion.SWITCH_TO_ISOTONIC, start)
        if in_switch_zone:
            return self._stay_isometric()
        return self._advance()

    def _freezes(self) -> list[str]:
        """PROG-COMPETITION-FREEZE and WARN flags stop any step up or switch (§E2, §E6.2)."""
        freezes: list[str] = []
        if self.context.competition:
            freezes.append("competition mode never raises the level")
        if self.warn:
            names = " and ".join(FLAG_NAMES[rule_id] for rule_id in self.warn)
            freezes.append(f"{names} must be checked with a doctor first")
        return freezes

    def _start_step(self, entry: isotonic.Entry) -> str:
        """§E6.2 start step for this way in, within the §E6.3 caps."""
        profile = self.context.profile or isotonic.Profile()
        return isotonic.start_step(entry, self.context.irritable, profile)

    def _isotonic_start_rules(self, start: str) -> None:
        """ELIG-ISOT-START and the position rules of the first heel-raise step."""
        profile = self.context.profile or isotonic.Profile()
        self.trace.fire(
            "ELIG-ISOT-START",
            f"Next: {isotonic.describe(start, profile)}. " + rule("ELIG-ISOT-START").message,
        )
        surface = isotonic.surface_for(start, profile)
        for rule_id in isotonic.position_rules(surface, profile):
            self.trace.fire(rule_id, rule(rule_id).message)

    def _reentry(self) -> Review:
        """PROG-ISOT-REENTRY: two GREEN weeks in a row after going back to holds -> T1."""
        start = self._start_step(isotonic.Entry.REENTRY)
        self.trace.fire(
            "PROG-ISOT-REENTRY",
            f"{self._green_summary()} This is the second good week in a row since the plan "
            f"went back to holds: the tendon has settled, so heel raises restart at {start}.",
        )
        self._isotonic_start_rules(start)
        return self._result(Suggestion.SWITCH_TO_ISOTONIC, start)

    def _stay_isometric(self) -> Review:
        """PROG-FOREFOOT-STAY-ISO: no heel raises possible, so keep progressing the holds."""
        level = self.level
        assert level is not None
        if level == TOP_LEVEL:
            self.trace.fire(
                "PROG-FOREFOOT-STAY-ISO",
                f"{self._green_summary()} Heel raises are not possible yet, so stay at "
                f"{TOP_LEVEL} and make the added load a little heavier (a small step, for "
                "example a slightly fuller backpack).",
            )
            change = Change("added_load", "current load", "a little heavier")
            return self._result(Suggestion.PROGRESS, level, (change,))
        self.trace.fire(
            "PROG-FOREFOOT-STAY-ISO",
            "Heel raises are not possible yet, so the holds keep progressing instead of "
            "switching to heel raises.",
        )
        return self._advance()

    def _advance(self) -> Review:
        """PROG-ADVANCE: exactly one ladder step up (rest never shortens on the ladder)."""
        if self.level is None:
            self.trace.fire(
                "PROG-ADVANCE",
                f"{self._green_summary()} A good week; ask your physio whether your plan "
                "can move on.",
            )
            return self._result(Suggestion.PROGRESS, None)
        target = step_up(self.level)
        self.trace.fire(
            "PROG-ADVANCE",
            f"{self._green_summary()} Move up one step, from {self.level} to {target}.",
        )
        self.trace.fire("PROG-NO-SHORTER-REST")
        return self._result(Suggestion.PROGRESS, target)

    def _hold(self, message: str) -> Review:
        """HOLD at the same level, with the reason stated."""
        self.trace.fire("PROG-HOLD", message)
        return self._result(Suggestion.HOLD, self.level)

    def _result(
        self,
        suggestion: Suggestion,
        level_to: str | None,
        extra: tuple[Change, ...] = (),
    ) -> Review:
        """Freeze the outcome; an own/physio plan never gets a level or ladder changes."""
        level_from = self.level
        changes: tuple[Change, ...] = ()
        profile = self.context.profile
        if level_from is None:
            level_to = None
        else:
            level_to = level_to or level_from
            changes = ladder_changes(level_from, level_to, profile) + extra
            changes += self._position_change
        stage_from = self.context.stage or ISOMETRIC
        return Review(
            week_ending=self.week_ending,
            suggestion=suggestion,
            level_from=level_from,
            level_to=level_to,
            changes=changes,
            rules_fired=tuple(self.trace.fired),
            reasons=tuple(self.trace.reasons),
            week=self.week,
            previous_week=self.previous,
            too_little_data=self.too_little,
            green_criteria_met=self.green,
            red=bool(self.red_signs),
            stage_from=stage_from,
            stage_to=stage_of(level_to) or stage_from,
            position_to=self.context.position,
            **{"profile": profile, **self._next_plan_facts(level_to)},
        )

    def _next_plan_facts(self, level_to: str | None) -> dict[str, Any]:
        """Extra facts the next isotonic plan version needs (the isotonic judge adds them)."""
        return {}

    # -- criteria -----------------------------------------------------------------------------

    def _warn_flags(self) -> tuple[str, ...]:
        """WARN flags active this week: from the assessment, the diary, or long stiffness."""
        ids = set(self.context.warn_flags_active) | set(self.week.warn_flags)
        stiffness = self.week.exact_stiffness_minutes
        if stiffness is not None and stiffness > INFLAMMATORY_STIFFNESS_MINUTES:
            ids.add("RF-INFLAMMATORY")
        ids -= set(self.blocking)
        return tuple(sorted(ids, key=RULE_ORDER.__getitem__))

    def _red_signs(self, count_based_only: bool) -> list[str]:
        """§E2 RED conditions met this week, as phrases with their figures."""
        week = self.week
        signs: list[str] = []
        if week.flare_up:
            signs.append(f"a flare-up was logged on {count(week.flare_up_days, 'day')}")
        if week.sessions_over_7:
            signs.append(f"pain went over 7/10 in {count(week.sessions_over_7, 'session')}")
        if week.sessions_over_5 >= 2:
            signs.append(
                f"pain went over {PAIN_LIMIT}/10 in {count(week.sessions_over_5, 'session')}"
            )
        if week.not_settled_mornings >= 2:
            signs.append(f"{count(week.not_settled_mornings, 'morning')} had not settled")
        if week.stiffness_worse and not count_based_only and self.previous is not None:
            signs.append(
                f"morning stiffness rose to {week.mean_stiffness_minutes:g} min on average from "
                f"{self.previous.mean_stiffness_minutes:g} min"
            )
        return signs

    def _amber_signs(self) -> list[str]:
        """§E2 AMBER conditions met this week, as phrases with their figures."""
        week = self.week
        signs: list[str] = []
        if week.sessions_rated and week.pain_4_5_count * 2 > week.sessions_rated:
            signs.append(
                f"pain during was 4-5/10 in {week.pain_4_5_count} of "
                f"{count(week.sessions_rated, 'rated session')}"
            )
        if week.not_settled_mornings == 1:
            signs.append("one morning had not settled")
        if week.adherence is not None and week.adherence < AMBER_ADHERENCE:
            signs.append(self._adherence_text() + f", under {AMBER_ADHERENCE:.0%}")
        if week.weekly_effort is Effort.TOO_HARD:
            signs.append("the sessions mostly felt too hard")
        return signs

    def _green_misses(self) -> list[str]:
        """GREEN criteria (ignoring the mode) that this week did not meet."""
        week = self.week
        misses: list[str] = []
        if week.sessions_over_5:
            misses.append(
                f"pain went over {PAIN_LIMIT}/10 in {count(week.sessions_over_5, 'session')}"
            )
        if week.not_settled_mornings:
            misses.append(f"{count(week.not_settled_mornings, 'morning')} had not settled")
        if week.stiffness_worse:
            misses.append("morning stiffness was clearly longer than the week before")
        if week.adherence is None:
            misses.append("no sessions were planned")
        elif week.adherence < GREEN_ADHERENCE:
            misses.append(self._adherence_text() + f", under {GREEN_ADHERENCE:.0%}")
        if week.weekly_effort is Effort.TOO_HARD:
            misses.append("the sessions mostly felt too hard")
        if week.flare_up:
            misses.append("a flare-up was logged")
        return misses

    # -- wording ------------------------------------------------------------------------------

    def _green_summary(self) -> str:
        """The GREEN figures in one sentence, e.g. 'Pain during sessions stayed ... (max 3).'"""
        week = self.week
        if week.max_pain_during is None:
            pain = f"No session went over {PAIN_LIMIT}/10 (no pain ratings given)"
        else:
            pain = (
                f"Pain during sessions stayed at or under {PAIN_LIMIT}/10 "
                f"(max {week.max_pain_during})"
            )
        trend = (
            "no longer than the week before"
            if self.previous is not None and self.previous.mean_stiffness_minutes is not None
            else "not compared, as there is no earlier week"
        )
        text = (
            f"{pain}, every logged morning had settled, morning stiffness was {trend}, and "
            f"{self._adherence_text()}."
        )
        if week.max_pain_during is not None and week.max_pain_during <= SAFE_PAIN:
            text += f" Pain of {SAFE_PAIN}/10 or less is in the safe zone."
        return text

    def _adherence_text(self) -> str:
        """E.g. 'you did 6 of 7 planned sessions (86%)'."""
        week = self.week
        share = f" ({week.adherence:.0%})" if week.adherence is not None else ""
        planned = count(week.sessions_planned, "planned session")
        return f"you did {week.sessions_done} of {planned}{share}"

    def _level_text(self) -> str:
        """The current level, or 'your current plan' for an own/physio plan."""
        return self.level if self.level is not None else "your current plan"

    def _stay(self) -> str:
        """'stay at L3' or 'keep your current plan'."""
        return f"stay at {self.level}" if self.level is not None else "keep your current plan"


# -- flare-up helper ----------------------------------------------------------------------------


@dataclass(frozen=True)
class FlareUpAdjustment:
    """How a plan changes after a flare-up: two steps down, then back up as the tendon allows."""

    level_before: str
    level_now: str
    rest_today: bool
    ramp_allowed: bool
    ramp_back: tuple[str, ...]
    advice: Advice

    def to_json(self) -> dict[str, Any]:
        """JSON form for the CLI and the TUI."""
        return {
            "level_before": self.level_before,
            "level_now": self.level_now,
            "rest_today": self.rest_today,
            "ramp_allowed": self.ramp_allowed,
            "ramp_back": list(self.ramp_back),
            "advice": self.advice.to_json(),
        }


def flare_up_adjustment(
    level: str, days_since_flare_up: int, settled_since: bool = True
) -> FlareUpAdjustment:
    """After a flare-up (§E3 two-step rule): rest that day, train two steps lower, climb back.

    Day 0 is the flare-up day itself (a day off, not counted against adherence). From day 1 the
    holds use the level two steps lower. The way back is one step per good (GREEN) weekly review,
    the ladder's normal cadence, and only while each morning's 24 h check has settled; while it
    has not, the level is not raised at all.
    """
    if level not in ALL_LEVELS:
        raise DomainError(f"unknown level {level!r}; expected one of L1 to L8 or T1 to T8")
    if isinstance(days_since_flare_up, bool) or days_since_flare_up < 0:
        raise DomainError(f"days since the flare-up must be 0 or more, got {days_since_flare_up}")
    ladder = T_LEVELS if level in T_LEVELS else LEVELS
    lower = ladder[max(ladder.index(level) - 2, 0)]
    ramp = tuple(ladder[ladder.index(lower) + 1 : ladder.index(level) + 1])
    if days_since_flare_up == 0:
        text = (
            f"Flare-up today: give the tendon a rest day. When you restart, use {lower}"
            + (f", two steps below {level}" if lower != level else "")
            + ", and check how it feels the next morning."
        )
        return FlareUpAdjustment(level, lower, True, False, ramp, Advice(FLARE_RULE, text))
    if not settled_since:
        text = (
            f"The tendon has not settled since the flare-up: keep to {lower} or rest, and do "
            "not step up. If it keeps reacting, the weekly review will suggest a clinician."
        )
        return FlareUpAdjustment(level, lower, False, False, ramp, Advice("MON-NOT-SETTLED", text))
    back = f" back towards {level} ({' -> '.join(ramp)})" if ramp else ""
    text = (
        f"Settled since the flare-up: train at {lower}; each good week the review moves you one "
        f"step{back}."
    )
    return FlareUpAdjustment(level, lower, False, True, ramp, Advice(FLARE_RULE, text))


# -- helpers ------------------------------------------------------------------------------------


def _warn_rule_ids(flags: Iterable[str]) -> tuple[str, ...]:
    """Accept WARN flags as rule ids or as red-flag ids; anything else is refused."""
    if isinstance(flags, str):
        raise DomainError(f"warn flags must be a list, got {flags!r}")
    known = set(WARN_FLAG_RULES.values())
    ids: set[str] = set()
    for flag in flags:
        text = str(flag).strip()
        if text in known:
            ids.add(text)
        elif text.lower() in WARN_FLAG_RULES:
            ids.add(WARN_FLAG_RULES[text.lower()])
        else:
            raise DomainError(f"not a warning-level red flag: {flag!r}")
    return tuple(sorted(ids, key=RULE_ORDER.__getitem__))


def _steps(n: int) -> str:
    """'one step', 'two steps'."""
    return "one step" if n == 1 else "two steps"


def _join(parts: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def _sentence(parts: Sequence[str]) -> str:
    """Joined phrases with a capital first letter."""
    text = _join(parts)
    return text[:1].upper() + text[1:]
