"""Use cases of the heel-raise test (clinical.md §E6 "Heel-raise test"): record it, list them."""

from __future__ import annotations

import datetime as dt

from achilles_tui.care.state import current_care_state
from achilles_tui.domain.models import ISOTONIC, HeelRaiseTest, Plan
from achilles_tui.storage.repository import ReadOnlyRepository, Repository

TEST_PAIN_LIMIT = 5
"""Pain above this stops the test (``over_limit``), as in every set (MON-ISOT-SET-PAIN)."""
OFFER_EVERY_DAYS = 14
"""MON-ISOT-HR-TEST: the test is offered again once the last one is this many days old."""
OFFER_LEVELS = frozenset({"T7", "T8"})
BEAT_SECONDS = 2.0
"""One rise every 2 s, the pace of the research test (§E6 "Heel-raise test")."""
MILESTONE_REPS = 20
MILESTONE_SHARE = 0.9
MILESTONE_PAIN = 2
"""PROG-ISOT-MILESTONE's bars [DESIGN]: 20 raises, 90% of the other side, test pain <= 2."""


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
    """§F4: a test is that day's load, so one recorded while sessions are not allowed is
    kept (it happened) with the care state's reason; None when sessions are allowed."""
    care = current_care_state(repo, at)
    if care.session_allowed or not care.reasons:
        return None
    reason = care.reasons[0]
    return f"{care.headline} {reason.message}"


def heel_raise_tests(repo: ReadOnlyRepository) -> list[HeelRaiseTest]:
    """Every test, oldest first."""
    return repo.heel_raise_tests()


def latest_test(repo: ReadOnlyRepository, on_or_before: dt.date) -> HeelRaiseTest | None:
    """The newest test dated on or before a day."""
    found = [t for t in repo.heel_raise_tests() if t.date <= on_or_before]
    return found[-1] if found else None


def test_offered(repo: ReadOnlyRepository, day: dt.date, plan: Plan | None) -> bool:
    """MON-ISOT-HR-TEST as Today offers it: a T7/T8 plan and no test in the last 14 days.

    The weekly review also asks for a GREEN week; Today only needs the plan and the dates.
    """
    if plan is None or plan.stage != ISOTONIC or plan.level not in OFFER_LEVELS:
        return False
    last = latest_test(repo, day)
    return last is None or (day - last.date).days >= OFFER_EVERY_DAYS


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


def reached_bars(test: HeelRaiseTest) -> bool:
    """The test part of PROG-ISOT-MILESTONE: 20 raises, 90% of a healthy side, pain <= 2."""
    if test.over_limit or test.reps_affected < MILESTONE_REPS:
        return False
    if test.test_pain is not None and test.test_pain > MILESTONE_PAIN:
        return False
    share = test.share_of_other
    return test.reps_other is None or (share is not None and share >= MILESTONE_SHARE)
