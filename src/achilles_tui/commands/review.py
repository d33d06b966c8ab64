"""`review` prints the weekly review (changes nothing); `report` writes the physio report.

The report is one model (``care.status.physio_report``) printed as Markdown, a one-page HTML
file or a PDF; the HTML and PDF renderers (Jinja2, typst) are imported only when asked for.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from achilles_tui.care.errors import Refused
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
from achilles_tui.commands.review_table import review_lines
from achilles_tui.domain.report import DEFAULT_WEEKS, MAX_WEEKS
from achilles_tui.storage.errors import StorageError
from achilles_tui.storage.private_files import write_private_bytes, write_private_text

REPORT_FORMATS = ("markdown", "html", "pdf")


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
        "write a report for your physio: Markdown (plan, weekly figures, trend, plan history, "
        "reviews and tests), or one printable page with charts as HTML or PDF",
    )
    report.add_argument(
        "--format",
        choices=REPORT_FORMATS,
        default="markdown",
        help="markdown (the full tables), html (one self-contained page with charts, to print "
        "or send) or pdf (the same page; needs the pdf extra) [markdown]",
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
        help="write to this file (readable by you only) instead of printing it; a PDF needs it",
    )


def run_review(args: argparse.Namespace) -> int:
    """Build the review from the stored history and print it; nothing is saved."""
    moment = now()
    week_ending: dt.date = args.week_ending or moment.date()
    if week_ending > moment.date():
        raise Refused(
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
        raise Refused(
            f"your first plan began after {week_ending.isoformat()}, so that week has no plan "
            "to review"
        )
    if args.json:
        print_json(review.to_json())
    else:
        print(f"Weekly review, {review.week.week_start} to {review.week_ending}")
        print("\n".join(review_lines(review)))
        print("\nNothing was changed. Accept or dismiss it in the app (Progress, key p).")
    return 0


def run_report(args: argparse.Namespace) -> int:
    """Read once, build the report's model, print it in the format asked for."""
    if args.format == "pdf":
        if args.output is None:
            raise UsageError("a PDF report needs --output FILE (it is not text to print)")
        from achilles_tui.reports.pdf import typst_missing

        if typst_missing():
            from achilles_tui.reports import PDF_EXTRA_HINT

            print(f"achilles-tui: {PDF_EXTRA_HINT}", file=sys.stderr)
            return 2
    model = physio_report(readonly_repo(args), now(), args.weeks)
    path = None if args.output is None else Path(args.output).expanduser()
    if args.format == "pdf":
        from achilles_tui.reports.pdf import render_pdf

        assert path is not None
        write_private_bytes(path, render_pdf(model))
    else:
        if args.format == "html":
            from achilles_tui.reports.html import render_html

            text = render_html(model)
        else:
            from achilles_tui.reports.markdown import render_markdown

            text = render_markdown(model)
        if path is None:
            sys.stdout.write(text)
            return 0
        write_private_text(path, text)
    print(f"Report written to {path}.")
    return 0
