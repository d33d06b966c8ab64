"""`achilles-tui log`: a diary entry without opening the app."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from achilles_tui.care.diary import update_day
from achilles_tui.commands.common import (
    UsageError,
    add_command,
    date_arg,
    int_in,
    now,
    print_advice,
    writable_repo,
)
from achilles_tui.domain.models import DayKind, DiaryEntry, check_past_date


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add `log`."""
    parser = add_command(
        subparsers,
        "log",
        run_log,
        "log a diary entry (today unless --date): give at least one field; "
        "fields not given keep their saved value",
    )
    parser.add_argument("--date", type=date_arg, metavar="YYYY-MM-DD", help="day (default today)")
    parser.add_argument("--morning-pain", type=int_in(0, 10), metavar="N", help="0-10")
    parser.add_argument(
        "--stiffness-minutes", type=int_in(0, 1440), metavar="N", help="morning stiffness"
    )
    parser.add_argument(
        "--settled",
        choices=("yes", "no"),
        help="was the tendon back to its usual level the morning after the last session",
    )
    parser.add_argument("--note", metavar="TEXT", help="free text")
    parser.add_argument("--activity", metavar="TEXT", help="activity or sport done")
    parser.add_argument(
        "--day",
        choices=[kind.value for kind in DayKind],
        help="kind of day; rest, flare-up and pause days do not count against adherence",
    )


def run_log(args: argparse.Namespace) -> int:
    """Validate everything first, then save once; an error writes nothing."""
    day: dt.date = args.date or dt.date.today()
    check_past_date("--date", day)
    changes: dict[str, Any] = {}
    if args.morning_pain is not None:
        changes["morning_pain"] = args.morning_pain
    if args.stiffness_minutes is not None:
        changes["stiffness_minutes"] = args.stiffness_minutes
    if args.settled is not None:
        changes["settled"] = args.settled == "yes"
    if args.note is not None:
        changes["notes"] = args.note
    if args.activity is not None:
        changes["activity"] = args.activity
    if args.day is not None:
        changes["day"] = DayKind(args.day)
    if not changes:
        # An empty entry would make `status` and Today say the diary is logged.
        raise UsageError(
            "nothing to log: give at least one of --morning-pain, --stiffness-minutes, "
            "--settled, --note, --activity or --day (nothing was saved)"
        )
    DiaryEntry(date=day, **changes)  # refuse bad values before touching the file
    with writable_repo(args) as repo:
        outcome = update_day(repo, day, changes, now())
    print(f"Diary saved for {day.isoformat()}.")
    print_advice(outcome.advice, "note: ")
    return 0
