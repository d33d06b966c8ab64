"""`sessions` lists logged sessions; `log-session` records one done away from the terminal."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from achilles_tui.care.sessions import log_manual_session
from achilles_tui.commands.common import (
    add_command,
    date_arg,
    int_in,
    now,
    print_advice,
    print_json,
    readonly_repo,
    writable_repo,
)
from achilles_tui.domain.counting import session_counts
from achilles_tui.domain.models import Effort, SessionLog, check_past_date
from achilles_tui.domain.review_figures import PAIN_LIMIT
from achilles_tui.domain.wording import count


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add `sessions` and `log-session`."""
    listing = add_command(subparsers, "sessions", run_sessions, "list logged sessions")
    listing.add_argument("--json", action="store_true", help="print as JSON")
    listing.add_argument("--since", type=date_arg, metavar="YYYY-MM-DD", help="first day")
    manual = add_command(
        subparsers,
        "log-session",
        run_log_session,
        "record a session of your plan done away from the terminal (e.g. at the gym)",
    )
    manual.add_argument("--date", type=date_arg, metavar="YYYY-MM-DD", help="day (default today)")
    manual.add_argument("--pain-during", required=True, type=int_in(0, 10), metavar="N")
    manual.add_argument("--effort", required=True, choices=[e.value for e in Effort])
    manual.add_argument(
        "--reps-done", type=int_in(0, 1000), metavar="N", help="holds done (default: all)"
    )


def session_json(session: SessionLog) -> dict[str, Any]:
    """A session as scripts and physios read it: reps per exercise and side, dose."""
    per_exercise: dict[int, dict[str, int]] = {}
    dose: dict[str, float] = {}
    for rep in session.reps:
        sides = per_exercise.setdefault(rep.exercise_index, {})
        sides[rep.side.value] = sides.get(rep.side.value, 0) + 1
        dose[rep.side.value] = dose.get(rep.side.value, 0.0) + rep.hold_seconds * (1 + rep.load_kg)
    return {
        "id": session.id,
        "date": session.date.isoformat(),
        "plan_version": session.plan_version,
        "started_at": session.started_at.isoformat(),
        "ended_at": session.ended_at.isoformat() if session.ended_at else None,
        "source": session.source,
        "reps_done": len(session.reps),
        "reps_planned": session.reps_planned,
        "reps_by_exercise": [
            {"exercise": index, "sides": sides} for index, sides in sorted(per_exercise.items())
        ],
        "hold_seconds_by_side": {
            side: sum(r.hold_seconds for r in session.reps if r.side.value == side)
            for side in sorted({r.side.value for r in session.reps})
        },
        "pain_during": session.pain_during,
        "effort": session.effort.value if session.effort else None,
        "complete": session.complete,
        "over_limit": session.over_limit,
    }


def run_sessions(args: argparse.Namespace) -> int:
    """Print sessions oldest first (JSON or a short table)."""
    sessions = readonly_repo(args).sessions(start=args.since)
    if args.json:
        print_json([session_json(s) for s in sessions])
        return 0
    if not sessions:
        print("No sessions logged yet.")
    for session in sessions:
        print("  ".join(session_line(session)))
    return 0


def session_line(session: SessionLog) -> list[str]:
    """A session's columns in words: "0 of 2 holds", "stopped: pain 8/10", not codes."""
    done = len(session.reps)
    holds = (
        f"{done} of {count(session.reps_planned, 'hold')}"
        if session.reps_planned
        else count(done, "hold")
    )
    parts = [session.date.isoformat(), f"plan v{session.plan_version}", holds]
    if session.over_limit:
        pain = session.pain_during
        parts.append(f"stopped: pain {f'over {PAIN_LIMIT}' if pain is None else pain}/10")
    else:
        if session.pain_during is not None:
            parts.append(f"pain {session.pain_during}/10")
        if session.effort is not None:
            parts.append(f"felt {session.effort.value.replace('-', ' ')}")
        if session.complete:
            parts.append("complete")
        else:
            parts.append("ended early" if session.finished else "not finished")
    if session.paused_by:
        parts.append(f"logged while paused ({session.paused_by})")
    return parts


def run_log_session(args: argparse.Namespace) -> int:
    """Record the first N planned holds of the plan followed on that date.

    It is recorded even when the care state would not have allowed a session (it happened);
    the reason is printed as a warning.
    """
    moment = now()
    day: dt.date = args.date or moment.date()
    check_past_date("--date", day, moment.date())
    with writable_repo(args) as repo:
        logged = log_manual_session(
            repo,
            day,
            moment,
            pain_during=args.pain_during,
            effort=Effort(args.effort),
            reps_done=args.reps_done,
        )
    if logged.warning is not None:
        print_advice([logged.warning])
    session = logged.session
    print(
        f"Session logged for {day.isoformat()} against plan version {session.plan_version}: "
        f"{len(session.reps)} of {count(logged.holds_planned, 'hold')}."
    )
    if not session_counts(session) and not logged.note:
        print("It is kept, but it is too short to count toward your week (under half the holds).")
    if logged.note:
        print(logged.note)
    return 0
