"""What a morning's diary entry says about yesterday's session (clinical.md §D5, §E1).

Shown the moment the morning is saved, so the user hears it the same day rather than at the
weekly review: MON-NOT-SETTLED, the level-heel trial's fallbacks (MON-INSERTIONAL-NEUTRAL-TRIAL)
and the flare-up rest day (PROG-FLARE-UP-REST).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from achilles_tui.domain.engine import Advice
from achilles_tui.domain.models import DayKind, DiaryEntry, Plan, SessionLog
from achilles_tui.domain.review_context import is_neutral_trial
from achilles_tui.domain.review_figures import NOT_SETTLED_MARGIN, baseline_morning_pain
from achilles_tui.domain.rules import rule

NOT_SETTLED_RULE = "MON-NOT-SETTLED"
TRIAL_RULE = "MON-INSERTIONAL-NEUTRAL-TRIAL"
FLARE_RULE = "PROG-FLARE-UP-REST"


@dataclass(frozen=True)
class TrialOffer:
    """The fallbacks of MON-INSERTIONAL-NEUTRAL-TRIAL, in the order the rule offers them."""

    choices: tuple[str, ...]
    default: str

    @property
    def forefoot_block(self) -> bool:
        """With a forefoot block the raised heel is not offered (§D5)."""
        return "raised" not in self.choices


RAISED, LOWER, HEEL_RAISES, CLINICIAN, KEEP = "raised", "lower", "heel-raises", "clinician", "keep"
CHOICE_WORDS: dict[str, str] = {
    RAISED: "Switch to a partway heel raise on the floor, at the same level",
    LOWER: "Stay level-heeled, one step easier",
    HEEL_RAISES: "Move on to heel raises (exercise with movement): ask your physio",
    CLINICIAN: "See a clinician if it keeps reacting",
    KEEP: "Keep the plan as it is for now",
}


def not_settled_reason(entry: DiaryEntry, diary: Sequence[DiaryEntry]) -> str | None:
    """Why MON-NOT-SETTLED fires for this morning, or None.

    The baseline is §E1's for a week ending on this morning: the mean of the last 7 logged
    mornings before that week, else the week's first logged morning.
    """
    if entry.settled is False:
        return "you said the tendon had not settled"
    if entry.morning_pain is None:
        return None
    others = [e for e in diary if e.date != entry.date]
    baseline = baseline_morning_pain([*others, entry], entry.date)
    if baseline is not None and entry.morning_pain >= baseline + NOT_SETTLED_MARGIN:
        return (
            f"morning pain {entry.morning_pain}/10 is {NOT_SETTLED_MARGIN} or more above your "
            f"usual {baseline:g}"
        )
    return None


def trial_offer(
    entry: DiaryEntry,
    reason: str | None,
    plan: Plan | None,
    sessions: Sequence[SessionLog],
    forefoot_block: bool,
) -> TrialOffer | None:
    """MON-INSERTIONAL-NEUTRAL-TRIAL: a level-heel trial session yesterday, and not settled."""
    if reason is None or not is_neutral_trial(plan):
        return None
    yesterday = entry.date - dt.timedelta(days=1)
    if not any(s.date == yesterday and (s.reps or s.finished) for s in sessions):
        return None
    lower = (LOWER,) if plan is not None and plan.level not in (None, "L1") else ()
    if forefoot_block:
        return TrialOffer((*lower, CLINICIAN, KEEP), lower[0] if lower else CLINICIAN)
    return TrialOffer((RAISED, *lower, HEEL_RAISES, KEEP), RAISED)


def morning_advice(
    entry: DiaryEntry,
    diary: Sequence[DiaryEntry],
    plan: Plan | None,
    sessions: Sequence[SessionLog],
    forefoot_block: bool = False,
) -> tuple[tuple[Advice, ...], TrialOffer | None]:
    """The advice for a saved morning, and the trial's fallbacks when they apply.

    ``diary`` is the history up to this morning (for the baseline); ``sessions`` need only
    cover the day before.
    """
    advice: list[Advice] = []
    reason = not_settled_reason(entry, diary)
    offer = trial_offer(entry, reason, plan, sessions, forefoot_block)
    if offer is not None:
        text = rule(TRIAL_RULE).message
        if offer.forefoot_block:
            text = (
                "The level-heel hold seems to have irritated your heel. With a sore forefoot, "
                "try an easier level; if it keeps reacting, see a clinician."
            )
        advice.append(Advice(TRIAL_RULE, f"{text} ({reason})"))
    elif reason is not None:
        advice.append(Advice(NOT_SETTLED_RULE, f"{rule(NOT_SETTLED_RULE).message} ({reason})"))
    if entry.day is DayKind.FLARE_UP:
        advice.append(Advice(FLARE_RULE, rule(FLARE_RULE).message))
    return tuple(advice), offer
