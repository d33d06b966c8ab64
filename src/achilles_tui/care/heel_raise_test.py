"""Use cases of the heel-raise test (clinical.md §E6 "Heel-raise test"): record it, list them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from achilles_tui.care.state import current_care_state
from achilles_tui.domain.care_state import CareState, CareStateKind
from achilles_tui.domain.models import ISOTONIC, HeelRaiseTest, Plan
from achilles_tui.domain.rules import rule
from achilles_tui.storage.repository import ReadOnlyRepository, Repository

TEST_PAIN_LIMIT = 5
"""Pain above this stops the test (``over_limit``), as in every set (MON-ISOT-SET-PAIN)."""
OFFER_EVERY_DAYS = 14
"""MON-ISOT-HR-TEST: the test is offered again once the last one is this many days old."""
OFFER_LEVELS = frozenset({"T7", "T8"})
OFFER_RULE = "MON-ISOT-HR-TEST"
NOT_GREEN = frozenset({"regress", "see_clinician", "switch_to_isometric"})
"""Suggestions that mean last week was not a good week, whatever its GREEN criteria said."""
BEAT_SECONDS = 2.0
"""One rise every 2 s, the pace of the research test (§E6 "Heel-raise test")."""


def record_heel_raise_test(
    repo: Repository,
    day: dt.date,
    reps_affected: int,
    reps_other: int | None = None,
    test_pain: int | None = None,
    *,
    at: dt.datetime | None = None,
    source: str = "manual",
    over_limit: bool = False,
) -> HeelRaiseTest:
    """Validate and keep one test; pain over 5/10 marks it ``over_limit``.

    ``over_limit`` also marks a test the person stopped because pain went over 5/10 while
    counting, whatever pain they gave afterwards.
    """
    over = over_limit or (test_pain is not None and test_pain > TEST_PAIN_LIMIT)
    test = HeelRaiseTest(
        date=day,
        reps_affected=reps_affected,
        reps_other=reps_other,
        test_pain=test_pain,
        over_limit=over,
        recorded_at=at or dt.datetime.now().replace(microsecond=0),
        source=source,
    )
    repo.add_heel_raise_test(test)
    return test


def recording_warning(repo: ReadOnlyRepository, at: dt.datetime) -> str | None:
    """§F4: a test is that day's load, so one recorded while sessions are not allowed (a test
    over the limit earlier that day included) is kept (it happened) with the care state's
    reason and until when; None when sessions are allowed."""
    care = current_care_state(repo, at)
    if care.session_allowed or not care.reasons:
        return None
    reason = care.reasons[0]
    return f"{care.explanation} {reason.message}"


def heel_raise_tests(repo: ReadOnlyRepository) -> list[HeelRaiseTest]:
    """Every test, oldest first."""
    return repo.heel_raise_tests()


def latest_test(repo: ReadOnlyRepository, on_or_before: dt.date) -> HeelRaiseTest | None:
    """The newest test dated on or before a day."""
    found = [t for t in repo.heel_raise_tests() if t.date <= on_or_before]
    return found[-1] if found else None


@dataclass(frozen=True)
class HeelRaiseTestOffer:
    """MON-ISOT-HR-TEST today: offered, or the rule that stops it and why, in one sentence."""

    offered: bool
    rule: str | None
    reason: str

    @property
    def text(self) -> str:
        """The reason with its rule id (once), as the screens show it."""
        if not self.rule or self.rule in self.reason:
            return self.reason
        return f"{self.reason} ({self.rule})"


def heel_raise_test_offer(
    repo: ReadOnlyRepository, at: dt.datetime, care: CareState | None = None
) -> HeelRaiseTestOffer:
    """Whether the heel-raise test may be done now (§E6.4 MON-ISOT-HR-TEST, §F5 decision 8).

    Offered only when the care state is ``due`` (never while a §F4 stop applies, on a rest
    day or once today's session is done), the plan is at T7-T8, no test was done in the last
    14 days, today is not a loaded day and last week (the 7 days ending yesterday) was GREEN.
    Today, Progress, the command palette and the test screen all ask here. ``care`` is the
    care state at ``at`` when the caller has it already.
    """
    care = care if care is not None else current_care_state(repo, at)
    day = at.date()
    if not care.session_allowed and care.kind is not CareStateKind.NO_PLAN:
        return _not_offered(care.blocked_by, care.explanation)
    plan = care.plan
    if plan is None or plan.stage != ISOTONIC or plan.level not in OFFER_LEVELS:
        return _not_offered(OFFER_RULE, _level_reason(plan))
    last = latest_test(repo, day)
    if last is not None and (day - last.date).days < OFFER_EVERY_DAYS:
        return _not_offered(OFFER_RULE, _recent_reason(last, day))
    loaded = care.loaded
    if care.kind is CareStateKind.DONE_TODAY or (loaded is not None and loaded.today):
        return _not_offered(
            OFFER_RULE,
            "Today was a loaded day: the test is a day's load, so it is offered on a day "
            "your session is due and not yet done.",
        )
    if care.kind is CareStateKind.REST_DAY:
        return _not_offered(
            OFFER_RULE,
            f"{care.rest_day_words}: the test loads the tendon too, so it waits for a day "
            "your session is due.",
        )
    if care.kind is not CareStateKind.DUE:
        return _not_offered(OFFER_RULE, care.explanation)
    not_green = _last_week_not_green(repo, day, at)
    if not_green is not None:
        return _not_offered(OFFER_RULE, not_green)
    return HeelRaiseTestOffer(True, OFFER_RULE, rule(OFFER_RULE).message)


def _not_offered(rule_id: str | None, reason: str) -> HeelRaiseTestOffer:
    """A refusal naming its rule."""
    return HeelRaiseTestOffer(False, rule_id, reason)


def _level_reason(plan: Plan | None) -> str:
    """Why the plan's step does not get the test."""
    if plan is None:
        where = "there is no plan yet"
    elif plan.stage != ISOTONIC:
        where = f"your plan is holds ({plan.level})" if plan.level else "your plan is holds"
    elif plan.level is None:
        where = "your own plan has no step on the ladder"
    else:
        where = f"your plan is at {plan.level}"
    return (
        "The heel-raise test is offered at the loaded heel-raise steps (T7-T8), after a good "
        f"week; {where}."
    )


def _recent_reason(last: HeelRaiseTest, day: dt.date) -> str:
    """A test in the last 14 days: when it was, and when the next is offered."""
    next_day = last.date + dt.timedelta(days=OFFER_EVERY_DAYS)
    days = (day - last.date).days
    when = "today" if days == 0 else f"{days} day{'s' if days != 1 else ''} ago"
    return (
        f"The last heel-raise test was {when} ({last.date:%a %d %b}); once every two weeks is "
        f"enough, so the next is offered from {next_day:%a %d %b}."
    )


def _last_week_not_green(repo: ReadOnlyRepository, day: dt.date, at: dt.datetime) -> str | None:
    """Why the 7 days ending yesterday were not a GREEN week, or None when they were."""
    # Imported here: the weekly review is only needed on a day the test may be offered.
    from achilles_tui.care.review import weekly_review

    week_ending = day - dt.timedelta(days=1)
    review = weekly_review(repo, week_ending, at).review
    if review is None:
        return "There is no plan for last week yet, so there is no good week to build on."
    if review.green_criteria_met and str(review.suggestion) not in NOT_GREEN:
        return None
    start = week_ending - dt.timedelta(days=6)
    shown = [r.rule for r in review.reasons if r.rule != OFFER_RULE][:2]
    rules = f" ({', '.join(shown)})" if shown else ""
    return (
        f"Last week ({start:%d %b}-{week_ending:%d %b}) was not a good (GREEN) week: its "
        f"review says {review.suggestion}{rules}. The test waits for a good week."
    )


def share_text(test: HeelRaiseTest) -> str:
    """'85% of the other side', or why there is no share."""
    share = test.share_of_other
    if share is None:
        return "other side not tested" if test.reps_other is None else "other side: 0 raises"
    return f"{share:.0%} of the other side"


def result_text(test: HeelRaiseTest) -> str:
    """The result in one sentence a person reads at a glance."""
    other = "" if test.reps_other is None else f", other side {test.reps_other}"
    pain = "" if test.test_pain is None else f", pain {test.test_pain}/10"
    stopped = " Stopped: pain went over 5/10." if test.over_limit else ""
    return f"Sore side {test.reps_affected} raises{other} ({share_text(test)}){pain}.{stopped}"


def reached_bars(test: HeelRaiseTest, sore_side: str) -> bool:
    """The test part of PROG-ISOT-MILESTONE, as the weekly review judges it (§F5 decision 7):
    20 raises, test pain recorded and <= 2, and with one sore side the other side counted."""
    from achilles_tui.domain.isotonic_review import test_passes

    return test_passes(test, sore_side)


def sore_side(repo: ReadOnlyRepository, day: dt.date, injured_side: str) -> str:
    """The side the profile in force names (left, right or both), else the app's setting."""
    from achilles_tui.care.profile import limits_today

    profile = limits_today(repo, day)
    return profile.side if profile.assessed_on is not None else injured_side
