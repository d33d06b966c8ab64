"""`sessions` lists logged sessions; `log-session` records one done away from the terminal."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import uuid
from typing import Any

from achilles_tui.commands.common import (
    add_command,
    date_arg,
    int_in,
    print_json,
    readonly_repo,
    writable_repo,
)
from achilles_tui.domain.models import Effort, RepRecord, SessionLog, check_past_date
from achilles_tui.domain.timer import Phase, build_schedule
from achilles_tui.storage.errors import StorageError


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
    for s in sessions:
        state = "complete" if s.complete else ("unfinished" if not s.finished else "partial")
        pain = "-" if s.pain_during is None else f"{s.pain_during}/10"
        print(
            f"{s.date}  plan v{s.plan_version}  {len(s.reps)}/{s.reps_planned} holds  "
            f"pain {pain}  {s.effort.value if s.effort else '-'}  {state}"
        )
    return 0


def run_log_session(args: argparse.Namespace) -> int:
    """Record the first N planned holds of the plan current on that date."""
    day: dt.date = args.date or dt.date.today()
    check_past_date("--date", day)
    with writable_repo(args) as repo:
        plan = repo.plan_on(day)
        if plan is None:
            raise StorageError(
                "There is no plan yet, so there is nothing to log a session against. "
                "Take the assessment or run `achilles-tui plan set` first."
            )
        holds = [s for s in build_schedule(plan) if s.phase is Phase.HOLD]
        done = len(holds) if args.reps_done is None else min(args.reps_done, len(holds))
        reps = tuple(
            RepRecord(
                exercise_index=step.exercise_index,
                side=step.side,
                rep=step.rep,
                hold_seconds=int(step.seconds),
                load_kg=plan.exercises[step.exercise_index].load_kg,
            )
            for step in holds[:done]
        )
        moment = dt.datetime.combine(day, dt.datetime.now().time().replace(microsecond=0))
        if day < dt.date.today():
            moment = dt.datetime.combine(day, dt.time(12, 0))
        repo.add_manual_session(
            SessionLog(
                id=uuid.uuid4().hex[:12],
                date=day,
                plan_version=plan.version,
                started_at=moment,
                ended_at=moment,
                reps=reps,
                pain_during=args.pain_during,
                effort=Effort(args.effort),
                complete=done >= len(holds),
                over_limit=args.pain_during > 5,
                source="manual",
                reps_planned=len(holds),
            )
        )
    print(
        f"Session logged for {day.isoformat()} against plan version {plan.version}: "
        f"{done} of {len(holds)} holds.",
        file=sys.stdout,
    )
    return 0
