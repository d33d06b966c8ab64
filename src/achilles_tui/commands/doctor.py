"""`achilles-tui doctor`: what is wrong with the data folder, and the repairs (after a backup)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from achilles_tui.commands.common import add_command, data_dir
from achilles_tui.domain.wording import count
from achilles_tui.storage.doctor import Report, examine, merge, restore


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add `doctor`."""
    parser = add_command(
        subparsers,
        "doctor",
        run_doctor,
        "check the history file, its archive index, every archive/YYYY.json and the backups "
        "(changes nothing, exit 1 when something needs repair); --merge or --restore repair, "
        "each after a backup of the folder as it is",
    )
    repair = parser.add_mutually_exclusive_group()
    repair.add_argument(
        "--merge",
        action="store_true",
        help="list every year file that reads in the archive index (rebuilt from the files) "
        "and move closed years' records into them",
    )
    repair.add_argument(
        "--restore",
        metavar="NAME",
        help="put a backup set back: a day (YYYY-MM-DD) or a before-... set that the report lists",
    )


def run_doctor(args: argparse.Namespace) -> int:
    """The report, or one repair and then the report of the folder after it."""
    folder = data_dir(args)
    if args.merge:
        backup, years = merge(folder)
        listed = ", ".join(map(str, years)) or "none"
        print(f"Merged: the archive index lists {listed}. Backup first: {backup or 'none'}.")
    elif args.restore is not None:
        backup = restore(folder, args.restore)
        print(f"Restored the backup set {args.restore}. Backup first: {backup or 'none'}.")
    report = examine(folder)
    print("\n".join(report_lines(report)))
    if report.problems == 0 or args.merge or args.restore is not None:
        return 0
    print("achilles-tui: the data folder needs a repair (see above)", file=sys.stderr)
    return 1


def report_lines(report: Report) -> list[str]:
    """The report as a person reads it: one line per finding, then what to do."""
    lines = []
    history = report.data_dir / "history.json"
    if report.history_problem is not None:
        lines.append(f"history.json: DAMAGED: {report.history_problem}")
    elif not history.exists():
        lines.append(f"history.json: none yet in {report.data_dir}")
    else:
        kept = report.history_records
        lines.append(
            f"history.json: ok ({count(kept.get('plans', 0), 'plan')}, "
            f"{count(kept.get('diary', 0), 'diary entry')}, "
            f"{count(kept.get('sessions', 0), 'session')} in this file)"
        )
    if report.index_problem is not None:
        lines.append(f"archive index: DAMAGED: {report.index_problem}")
    elif report.listed:
        lines.append(f"archive index: lists {', '.join(map(str, report.listed))}")
    for found in report.files:
        name = f"archive/{found.path.name}"
        if found.problem is not None:
            lines.append(f"{name}: DAMAGED: {found.problem}")
            continue
        what = f"{count(found.diary, 'diary entry')}, {count(found.sessions, 'session')}"
        if found.listed:
            lines.append(f"{name}: listed; {what}")
        else:
            lines.append(
                f"{name}: NOT LISTED; {what} ({found.also_in_history} also in history.json, "
                f"{found.only_here} only here). It is read as it is (each record once); "
                "`achilles-tui doctor --merge` lists it."
            )
    for year in report.missing:
        lines.append(
            f"archive/{year}.json: listed, but MISSING. If this folder is synced, wait for it; "
            "else restore a backup set (`achilles-tui doctor --restore NAME`)."
        )
    for stray in report.strays:
        lines.append(
            f"archive/{stray.name}: not read (not a year's file, perhaps a sync tool's "
            "conflict copy): compare it with the year's file by hand."
        )
    daily = [s.name for s in report.backups if not s.name.startswith("before-")]
    before = [s.name for s in report.backups if s.name.startswith("before-")]
    if report.backups:
        spans = f"{daily[0]} to {daily[-1]}" if daily else "none"
        lines.append(
            f"backups: {count(len(daily), 'daily set')} ({spans}); "
            f"{count(len(before), 'set')} taken before a change"
            + (f" (newest: {before[-1]})" if before else "")
        )
    else:
        lines.append("backups: none yet")
    if report.problems == 0:
        lines.append("Nothing to repair.")
    else:
        lines.append(
            f"{count(report.problems, 'problem')} found. Repairs: `achilles-tui doctor "
            "--merge` (rebuild the archive index from the files) or `achilles-tui doctor "
            "--restore NAME` (a backup set above); either takes a backup first."
        )
    return lines
