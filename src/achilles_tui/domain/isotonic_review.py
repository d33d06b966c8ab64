"""The weekly review while the plan is heel raises (clinical.md §E6.4).

§E2 still decides the colour of the week, top-down (a warning sign or two RED weeks still
mean see a clinician first); only what each colour does changes: the PROG-ISOT-* rules move
along T1-T8, add load at T8, go back to holds when the tendon is irritated, and say when a
physio should take over. Kept apart from ``progression`` so each ladder reads on its own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from achilles_tui.domain import isotonic
from achilles_tui.domain.assessment import Condition
from achilles_tui.domain.changes import Change
from achilles_tui.domain.models import (
    MAX_RAISE_LOAD_KG,
    DiaryEntry,
    HeelRaiseTest,
    SessionLog,
)
from achilles_tui.domain.progression import (
    Review,
    ReviewContext,
    Suggestion,
    _join,
    _Judge,
    _steps,
    trial_not_settled,
)
from achilles_tui.domain.review_figures import PAIN_SEVERE
from achilles_tui.domain.rules import rule
from achilles_tui.domain.wording import count

# PROG-ISOT-BACK-TO-ISO targets (§E6.4) and its flare-up trigger [DESIGN].
BACK_TO_ISO_LEVEL = "L4"
BACK_TO_ISO_SEVERE_LEVEL = "L2"
BACK_TO_ISO_FLARE_DAYS = 2
# MON-ISOT-HR-TEST and PROG-ISOT-MILESTONE [DESIGN].
TEST_EVERY_DAYS = 14
TEST_LEVELS = frozenset({"T7", "T8"})
MILESTONE_REPS = 20
MILESTONE_SHARE = 0.9
MILESTONE_TEST_PAIN = 2
MILESTONE_MORNING_PAIN = 2
# §F5 decision 7: "<= 14 days old" includes day 14.
MILESTONE_TEST_DAYS = 14
REFER_LEVEL = "T5"
# §F5 decision 4: loaded raises (T7-T8) beyond the plan or on consecutive days.
LOADED_REST = "Loaded raises need a day's rest in between"


class IsotonicJudge(_Judge):
    """§E2 for a heel-raise week; the verdict's action follows the PROG-ISOT-* rules."""

    PAIN_RULE = "MON-ISOT-SET-PAIN"
    WORK = "sets"

    @classmethod
    def trial_mornings_of(
        cls,
        week_ending: dt.date,
        diary: Sequence[DiaryEntry],
        sessions: Sequence[SessionLog],
        context: ReviewContext,
    ) -> tuple[dt.date, ...]:
        """MON-ISOT-STEP-TRIAL: unsettled mornings after a session in the first week at T6."""
        return tuple(
            day
            for day in trial_not_settled(week_ending, diary, sessions)
            if day in context.step_trial_days
        )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.step_mornings: tuple[dt.date, ...] = self.trial_mornings
        self.trial_mornings = ()
        self.load_to: float | None = None
        self.floor_only_to = bool(self.context.profile and self.context.profile.floor_only)

    @property
    def profile(self) -> isotonic.Profile:
        """The §E6.3 restrictions (the context always has one)."""
        assert self.context.profile is not None
        return self.context.profile

    # -- the three colours ----------------------------------------------------------------

    def _regress(self) -> Review:
        """RED: one T step down, two after pain > 7, a flare-up or 3+ unsettled mornings."""
        week = self.week
        steps, why = self._steps_back()
        if self.level is None:
            self.trace.fire(
                "PROG-ISOT-REGRESS",
                f"{why}. Ease your heel raises back and check with your physio.",
            )
            return self._result(Suggestion.REGRESS, None)
        profile = self._trial_profile()
        target = isotonic.step_down(self.level, steps, profile)
        if target is None or week.flare_up_days >= BACK_TO_ISO_FLARE_DAYS:
            return self._back_to_holds(why)
        self._step_trial_note()
        self.trace.fire(
            "PROG-ISOT-REGRESS",
            f"{why}, so step back {_steps(steps)}, from {self.level} to {target}. "
            + rule("PROG-ISOT-REGRESS").message,
        )
        return self._result(Suggestion.REGRESS, target)

    def _hold(self, message: str) -> Review:
        """AMBER (or not enough to judge): the same T step, unless the step trial failed."""
        if self.step_mornings and self.level is not None:
            return self._back_to_floor()
        self.trace.fire("PROG-ISOT-HOLD", message)
        return self._result(Suggestion.HOLD, self.level)

    def _amber_signs(self) -> list[str]:
        """§E2 AMBER, and §F5 decision 4 (PROG-ISOT-HOLD): at T7-T8, more loaded sessions
        than planned or loaded days in a row make the week AMBER at best (no step, no load)."""
        signs = super()._amber_signs()
        week = self.week
        extra = week.loaded_sessions > week.sessions_planned
        if not extra and not week.loaded_days_in_a_row:
            return signs
        details = []
        if extra:
            details.append(
                f"{count(week.loaded_sessions, 'loaded session')} for "
                f"{week.sessions_planned} planned"
            )
        if week.loaded_days_in_a_row:
            details.append(
                f"{count(week.loaded_days_in_a_row, 'loaded day')} straight after another"
            )
        return [f"{LOADED_REST} ({'; '.join(details)})", *signs]

    def _green(self) -> Review:
        """GREEN: up one open T step; at T8 add load; caps, freezes and the milestone."""
        level = self.level
        if self.step_mornings and level is not None:
            return self._back_to_floor()
        freezes = self._freezes()
        if freezes:
            return self._hold(f"{self._green_summary()} But {_join(freezes)}; {self._stay()}.")
        if level is None:
            self.trace.fire(
                "PROG-ISOT-ADVANCE",
                f"{self._green_summary()} A good week; ask your physio whether your plan "
                "can move on.",
            )
            return self._result(Suggestion.PROGRESS, None)
        self._offer_test()
        if level == isotonic.TOP_STEP:
            return self._top_step()
        if isotonic.at_cap(level, self.profile):
            return self._capped()
        target = isotonic.step_up(level, self.profile)
        self.trace.fire(
            "PROG-ISOT-ADVANCE",
            f"{self._green_summary()} Next step: {isotonic.describe(target, self.profile)}.",
        )
        self.trace.fire("PROG-NO-SHORTER-REST")
        self._surface_rules(level, target)
        if target in (isotonic.LOADED_FROM, isotonic.TOP_STEP) and self.context.load_kg:
            self.load_to = self.context.load_kg
        return self._result(Suggestion.PROGRESS, target)

    # -- GREEN details ----------------------------------------------------------------------

    def _surface_rules(self, level: str, target: str) -> None:
        """POS-ISOT-STEP-FORM (and the rest) when the next step moves onto the step edge."""
        before = isotonic.surface_for(level, self.profile)
        after = isotonic.surface_for(target, self.profile)
        if before is after:
            return
        for rule_id in isotonic.position_rules(after, self.profile):
            self.trace.fire(rule_id, rule(rule_id).message)

    def _freezes(self) -> list[str]:
        """Competition, WARN flags and a forefoot block stop any step up (§E6.2, §F5)."""
        freezes = super()._freezes()
        if self.context.heel_raises_blocked:
            self.trace.fire(
                "PROG-FOREFOOT-STAY-ISO",
                "Your latest assessment says you cannot rise onto your toes"
                + (" because of your forefoot" if self.context.forefoot_block else "")
                + ", so the heel raises do not move up.",
            )
            freezes.append("heel raises are not possible for you right now")
        return freezes

    def _over_cap(self) -> Review | None:
        """§F5: a kept heel-raise plan above a cap, or on the step for a floor-only person,
        is brought down to the open step (load removed where the cap has none)."""
        level = self.level
        if level is None or level not in isotonic.T_LADDER:
            return None
        profile = self.profile
        target = isotonic.fit_step(level, profile)
        off_step = self.context.on_step and profile.floor_only_surface
        if target == level and not off_step:
            return None
        extra = (Change("surface", "step", "floor"),) if off_step else ()
        if isotonic.index(level) > isotonic.index(profile.cap):
            self.trace.fire(
                "PROG-ISOT-CAP",
                f"{self._cap_reason()} Your plan is at {level}, so it comes down to "
                f"{isotonic.describe(target, profile)}.",
            )
        else:
            self.trace.fire(
                "POS-ISOT-FLOOR-ONLY",
                f"{rule('POS-ISOT-FLOOR-ONLY').message} Your plan at {level} was on a step, so "
                f"it moves to the floor: "
                f"{isotonic.describe(target, profile, self._kept_load(target))}.",
            )
        self.load_to = self._kept_load(target)
        return self._result(Suggestion.REGRESS, target, extra)

    def _kept_load(self, target: str) -> float | None:
        """The load a plan keeps when it only moves off the step at the same loaded step."""
        if target == self.level and isotonic.T_LADDER[target].load_kg:
            return self.context.load_kg or None
        return None

    def _cap_reason(self) -> str:
        """Why the §E6.3 cap applies, in words."""
        profile = self.profile
        if profile.condition is Condition.UNSURE:
            return "Without a diagnosis, heel raises stay on two legs (T2 at most)."
        if profile.cap == isotonic.TWO_LEG_CAP:
            return (
                "After a rupture, heel raises stay on two legs until your surgeon or physio "
                f"clears single-leg work and week {isotonic.RUPTURE_SINGLE_LEG_WEEKS} is "
                f"reached (you are at week {profile.weeks})."
            )
        return (
            "After a rupture the app goes no further than single-leg raises without added "
            f"weight ({isotonic.RUPTURE_CAP})."
        )

    def _capped(self) -> Review:
        """PROG-ISOT-CAP: the next step is closed to this person (§E6.3)."""
        level = self.level
        assert level is not None
        if self.profile.condition is Condition.UNSURE:
            why = "Heel raises stay on two legs until a diagnosis has been entered."
        elif self.profile.rupture and level == isotonic.TWO_LEG_CAP:
            why = (
                "After a rupture, single-leg raises wait for your surgeon's or physio's "
                f"go-ahead and week {isotonic.RUPTURE_SINGLE_LEG_WEEKS} (you are at week "
                f"{self.profile.weeks})."
            )
        else:
            why = (
                "After a rupture the app goes no further than single-leg raises without "
                "added weight; ask your surgeon or physio before adding load."
            )
        self.trace.fire("PROG-ISOT-CAP", f"{self._green_summary()} {why}")
        past = self.context.past_weeks
        if self.profile.rupture and level == REFER_LEVEL and past and past[0].green:
            self.trace.fire("PROG-ISOT-RUPTURE-REFER", rule("PROG-ISOT-RUPTURE-REFER").message)
        self.trace.fire("PROG-ISOT-HOLD", f"Stay at {level} this week.")
        return self._result(Suggestion.HOLD, level)

    def _top_step(self) -> Review:
        """T8: +2.5 kg once a week up to 20 kg (DOSE-ISOT-LOAD), then DOSE-ISOT-LOAD-CAP."""
        load = self.context.load_kg or isotonic.START_LOAD_KG
        self.load_to = load
        self._milestone()
        if load >= MAX_RAISE_LOAD_KG:
            self.trace.fire(
                "DOSE-ISOT-LOAD-CAP",
                f"{self._green_summary()} You carry {load:g} kg. "
                + rule("DOSE-ISOT-LOAD-CAP").message,
            )
            self.trace.fire("PROG-ISOT-HOLD", "Stay at T8 with the same load.")
            return self._result(Suggestion.HOLD, self.level)
        if not self.context.load_raise_allowed:
            self.trace.fire(
                "PROG-ISOT-HOLD",
                f"{self._green_summary()} The load went up less than a week ago; load goes "
                "up at most once a week, so keep it this week.",
            )
            return self._result(Suggestion.HOLD, self.level)
        heavier = isotonic.next_load(load)
        self.load_to = heavier
        self.trace.fire(
            "DOSE-ISOT-LOAD",
            f"{self._green_summary()} Stay at T8 and go from {load:g} kg to {heavier:g} kg. "
            + rule("DOSE-ISOT-LOAD").message,
        )
        self.trace.fire("PROG-NO-SHORTER-REST")
        return self._result(Suggestion.PROGRESS, self.level, (Change("load_kg", load, heavier),))

    def _offer_test(self) -> None:
        """MON-ISOT-HR-TEST: at T7-T8 after a GREEN week with no test in the last 14 days."""
        if self.level not in TEST_LEVELS or _recent(self.context.hr_test, self.week_ending):
            return
        self.trace.fire("MON-ISOT-HR-TEST", rule("MON-ISOT-HR-TEST").message)

    def _milestone(self) -> None:
        """PROG-ISOT-MILESTONE: every condition of §E6.4 met -> time to see a physio."""
        test = self.context.hr_test
        past = self.context.past_weeks
        morning = self.week.mean_morning_pain
        if not (
            past
            and past[0].green
            and _recent(test, self.week_ending, MILESTONE_TEST_DAYS)
            and test is not None
            and test_passes(test, self.context.side)
            and self.context.hr_test_settled is True
            and morning is not None
            and morning <= MILESTONE_MORNING_PAIN
            and not self.profile.rupture
            and self.profile.condition is not Condition.UNSURE
            and not self.warn
            and not self.context.competition
        ):
            return
        other = f" ({test.share_of_other:.0%} of your other side)" if test.reps_other else ""
        self.trace.fire(
            "PROG-ISOT-MILESTONE",
            f"Heel-raise test on {test.date:%d %b}: {test.reps_affected} raises on the sore "
            f"side{other}, and the tendon settled the next morning. "
            + rule("PROG-ISOT-MILESTONE").message,
        )

    # -- going back -------------------------------------------------------------------------

    def _back_to_holds(self, why: str) -> Review:
        """PROG-ISOT-BACK-TO-ISO: below T1, or 2+ flare-up days -> holds at L4 (L2 if > 7)."""
        severe = (self.week.max_pain_during or 0) > PAIN_SEVERE or self.week.sessions_over_7
        target = BACK_TO_ISO_SEVERE_LEVEL if severe else BACK_TO_ISO_LEVEL
        self.trace.fire(
            "PROG-ISOT-BACK-TO-ISO",
            f"{why}. " + rule("PROG-ISOT-BACK-TO-ISO").message + f" Holds at {target}; after "
            "two good weeks in a row the heel raises restart from T1.",
        )
        return self._result(Suggestion.SWITCH_TO_ISOMETRIC, target)

    def _trial_profile(self) -> isotonic.Profile:
        """The profile for a step down: floor-only once the step trial failed."""
        if self.step_mornings:
            self.floor_only_to = True
            return _floor_only(self.profile)
        return self.profile

    def _step_trial_note(self) -> None:
        """MON-ISOT-STEP-TRIAL with the mornings it is about."""
        if not self.step_mornings:
            return
        days = ", ".join(f"{day:%a %d %b}" for day in self.step_mornings)
        self.trace.fire(
            "MON-ISOT-STEP-TRIAL",
            f"The tendon had not settled on {days}, after raises on the step. "
            + rule("MON-ISOT-STEP-TRIAL").message
            + " From now on the raises stay on the floor.",
        )

    def _back_to_floor(self) -> Review:
        """MON-ISOT-STEP-TRIAL: the first week on the step did not settle -> T5 on the floor."""
        self._step_trial_note()
        self.floor_only_to = True
        assert self.level is not None
        target = isotonic.step_down(self.level, 1, _floor_only(self.profile)) or "T1"
        # T6 -> T5: the floor version of the step below.
        return self._result(Suggestion.REGRESS, target, (Change("surface", "step", "floor"),))

    def _next_plan_facts(self, level_to: str | None) -> dict[str, Any]:
        """The load and surface the next heel-raise plan version carries."""
        if level_to is None or level_to not in isotonic.T_LADDER:
            return {}
        loaded = isotonic.T_LADDER[level_to].load_kg > 0
        return {
            "load_to": self.load_to if loaded else None,
            "floor_only_to": self.floor_only_to,
            "profile": _floor_only(self.profile) if self.floor_only_to else self.profile,
        }


def _floor_only(profile: isotonic.Profile) -> isotonic.Profile:
    """The same person, from now on on the floor."""
    return replace(profile, floor_only=True)


def _recent(test: HeelRaiseTest | None, day: dt.date, days: int = TEST_EVERY_DAYS - 1) -> bool:
    """A test at most ``days`` days before ``day`` (the offer: within the last 14 days)."""
    return test is not None and 0 <= (day - test.date).days <= days


def test_passes(test: HeelRaiseTest, side: str) -> bool:
    """§E6.4 milestone figures: >= 20 raises, test pain recorded and <= 2, and (one sore
    side) the other side counted with the sore side at >= 90 % of it (§F5 decision 7)."""
    if test.over_limit or test.reps_affected < MILESTONE_REPS:
        return False
    if test.test_pain is None or test.test_pain > MILESTONE_TEST_PAIN:
        return False
    if side == "both" and test.reps_other is None:
        return True
    share = test.share_of_other
    return share is not None and share >= MILESTONE_SHARE
