"""`review` prints the weekly review (changes nothing); `report` writes a Markdown report."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from achilles_tui.care.review import weekly_review
from achilles_tui.care.status import physio_report
from achilles_tui.commands.common import (
    UsageError,
    add_command,
    date_arg,
    int_in,
    now,
    print_json,
    readonly_repo,
)
from achilles_tui.domain.report import DEFAULT_WEEKS, MAX_WEEKS, review_text
from achilles_tui.storage.errors import StorageError
from achilles_tui.storage.private_files import write_private_text


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add `review` and `report`."""
    review = add_command(
        subparsers,
        "review",
        run_review,
        "print the weekly review of the 7 days ending today (or --week-ending); reads only, "
        "accept it in the app's Progress section",
    )
    review.add_argument(
        "--week-ending", type=date_arg, metavar="YYYY-MM-DD", help="last day of the week [today]"
    )
    review.add_argument("--json", action="store_true", help="print the review as JSON")
    report = add_command(
        subparsers,
        "report",
        run_report,
        "write a Markdown report for your physio: plan, weekly figures, trend, plan history, "
        "reviews and self-tests",
    )
    report.add_argument(
        "--weeks",
        type=int_in(1, MAX_WEEKS),
        default=DEFAULT_WEEKS,
        metavar="N",
        help=f"how many weeks back, 1-{MAX_WEEKS} [{DEFAULT_WEEKS}]",
    )
    report.add_argument(
        "--output",
        metavar="FILE",
        help="write to this file (readable by you only) instead of printing it",
    )


def run_review(args: argparse.Namespace) -> int:
    """Build the review from the stored history and print it; nothing is saved."""
    moment = now()
    week_ending: dt.date = args.week_ending or moment.date()
    if week_ending > moment.date():
        raise UsageError(
            f"--week-ending {week_ending.isoformat()} is in the future; a review can only look "
            "at days that have happened"
        )
    repo = readonly_repo(args)
    if repo.current_plan() is None:
        raise StorageError(
            "There is no plan yet, so there is nothing to review. Take the assessment "
            "(`achilles-tui assess ... --save`) or set your own plan first."
        )
    view = weekly_review(repo, week_ending, moment)
    review = view.review
    if review is None:
        raise UsageError(
            f"your first plan began after {week_ending.isoformat()}, so that week has no plan "
            "to review"
        )
    if args.json:
        print_json(review.to_json())
    else:
        print(f"Weekly review, {review.week.week_start} to {review.week_ending}")
        print("\n".join(review_text(review)))
        print("\nNothing was changed. Accept or dismiss it in the app (Progress, key p).")
    return 0


def run_report(args: argparse.Namespace) -> int:
    """Read once, build the Markdown, then print it or write it to --output."""
    text = physio_report(readonly_repo(args), now(), args.weeks)
    if args.output is None:
        sys.stdout.write(text)
        return 0
    path = Path(args.output).expanduser()
    write_private_text(path, text)
    print(f"Report written to {path}.")
    return 0
