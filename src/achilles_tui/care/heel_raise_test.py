"""Use cases of the heel-raise test (clinical.md §E6 "Heel-raise test"): record it, list them."""

from __future__ import annotations

import datetime as dt

from achilles_tui.domain.models import HeelRaiseTest
from achilles_tui.storage.repository import ReadOnlyRepository, Repository

TEST_PAIN_LIMIT = 5
"""Pain above this stops the test (``over_limit``), as in every set (MON-ISOT-SET-PAIN)."""


def record_heel_raise_test(
    repo: Repository,
    day: dt.date,
    reps_affected: int,
    reps_other: int | None = None,
    test_pain: int | None = None,
    *,
    at: dt.datetime | None = None,
    source: str = "manual",
) -> HeelRaiseTest:
    """Validate and keep one test; pain over 5/10 marks it ``over_limit``."""
    over = test_pain is not None and test_pain > TEST_PAIN_LIMIT
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


def heel_raise_tests(repo: ReadOnlyRepository) -> list[HeelRaiseTest]:
    """Every test, oldest first."""
    return repo.heel_raise_tests()


def latest_test(repo: ReadOnlyRepository, on_or_before: dt.date) -> HeelRaiseTest | None:
    """The newest test dated on or before a day."""
    found = [t for t in repo.heel_raise_tests() if t.date <= on_or_before]
    return found[-1] if found else None
