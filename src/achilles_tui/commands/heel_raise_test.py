"""`log-test` records a heel-raise test done away from the app; `heel-raise-tests` lists them.

The test (clinical.md §E6 "Heel-raise test"): one leg, flat floor, one rise every 2 s until
pace or height fails, or pain goes over 5/10 (then it stops, ``over_limit``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import Any

from achilles_tui.care.heel_raise_test import (
    TEST_PAIN_LIMIT,
    heel_raise_tests,
    record_heel_raise_test,
    recording_warning,
)
from achilles_tui.commands.common import (
    add_command,
    date_arg,
    int_in,
    now,
    print_json,
    readonly_repo,
    writable_repo,
)
from achilles_tui.domain.models import HeelRaiseTest, check_past_date
from achilles_tui.domain.wording import count
from achilles_tui.storage.codec import heel_raise_test_to_doc

MAX_RAISES = 200


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add `log-test` and `heel-raise-tests`."""
    logger = add_command(
        subparsers,
        "log-test",
        run_log_test,
        "record a heel-raise test: single-leg raises on flat floor, one every 2 s, counted "
        f"until pace or height fails or pain goes over {TEST_PAIN_LIMIT}/10",
    )
    logger.add_argument(
        "--heel-raise-reps-affected",
        required=True,
        type=int_in(0, MAX_RAISES),
        metavar="N",
        help=f"raises on the sore side (0-{MAX_RAISES})",
    )
    logger.add_argument(
        "--heel-raise-reps-other",
        type=int_in(0, MAX_RAISES),
        metavar="N",
        help=f"raises on the other side (0-{MAX_RAISES}); leave out if it was not tested",
    )
    logger.add_argument(
        "--test-pain",
        type=int_in(0, 10),
        metavar="N",
        help=f"highest pain during the test, 0-10 (over {TEST_PAIN_LIMIT}: over the limit)",
    )
    logger.add_argument("--date", type=date_arg, metavar="YYYY-MM-DD", help="day (default today)")
    logger.add_argument("--json", action="store_true", help="print the saved test as JSON")
    listing = add_command(
        subparsers, "heel-raise-tests", run_list_tests, "list recorded heel-raise tests"
    )
    listing.add_argument("--json", action="store_true", help="print as JSON")
    listing.add_argument("--since", type=date_arg, metavar="YYYY-MM-DD", help="first day")


def result_json(test: HeelRaiseTest) -> dict[str, Any]:
    """A test as scripts read it: the stored ``hr_*`` fields plus the share of the other side."""
    share = test.share_of_other
    return {
        **heel_raise_test_to_doc(test),
        "share_of_other": None if share is None else round(share, 3),
    }


def result_line(test: HeelRaiseTest) -> str:
    """One test in words: 'sore side 18 raises, other side 24 (75% of the other side)'."""
    parts = [f"sore side {count(test.reps_affected, 'raise')}"]
    if test.reps_other is not None:
        share = test.share_of_other
        shown = "" if share is None else f" ({share:.0%} of the other side)"
        parts.append(f"other side {count(test.reps_other, 'raise')}{shown}")
    if test.test_pain is not None:
        parts.append(f"pain {test.test_pain}/10")
    if test.over_limit:
        parts.append(f"stopped: pain over {TEST_PAIN_LIMIT}/10")
    return ", ".join(parts)


def run_log_test(args: argparse.Namespace) -> int:
    """Validate, save once, and say plainly when the test went over the pain limit."""
    moment = now()
    day: dt.date = args.date or moment.date()
    check_past_date("--date", day, moment.date())
    # The care state of the test's own day: a test logged for yesterday is judged by
    # yesterday's stops (as log-session does, at noon), today's by now.
    when = moment if day == moment.date() else dt.datetime.combine(day, dt.time(12, 0))
    with writable_repo(args) as repo:
        warning = recording_warning(repo, when)
        test = record_heel_raise_test(
            repo,
            day,
            args.heel_raise_reps_affected,
            args.heel_raise_reps_other,
            args.test_pain,
            at=moment,
            source="manual",
        )
    if args.json:
        print_json(result_json(test))
    else:
        print(f"Heel-raise test saved for {day.isoformat()}: {result_line(test)}.")
    if warning is not None:
        then = "now" if day == moment.date() else f"on {day.isoformat()}"
        print(f"warning: recorded, though no session is allowed {then}: {warning}", file=sys.stderr)
    if test.over_limit:
        print(
            f"warning: pain went over {TEST_PAIN_LIMIT}/10, so the test was over the limit: "
            "it is kept as stopped for pain. Stop for today and see how the tendon is "
            "tomorrow morning.",
            file=sys.stderr,
        )
    return 0


def run_list_tests(args: argparse.Namespace) -> int:
    """Print every test oldest first (JSON or one line each)."""
    tests = [
        t
        for t in heel_raise_tests(readonly_repo(args))
        if args.since is None or t.date >= args.since
    ]
    if args.json:
        print_json([result_json(t) for t in tests])
        return 0
    if not tests:
        print("No heel-raise tests recorded yet.")
    for test in tests:
        print(f"{test.date.isoformat()}  {result_line(test)}")
    return 0
