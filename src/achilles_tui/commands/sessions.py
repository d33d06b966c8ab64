"""`sessions` lists logged sessions; `log-session` records one done away from the terminal."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Iterable
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
from achilles_tui.domain.engine import Advice
from achilles_tui.domain.models import (
    ISOMETRIC,
    ISOTONIC,
    Effort,
    Plan,
    SessionLog,
    check_past_date,
)
from achilles_tui.domain.review_figures import PAIN_LIMIT
from achilles_tui.domain.rules import rule
from achilles_tui.domain.wording import count

SET_PAIN_RULE = "MON-ISOT-SET-PAIN"


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add `sessions` and `log-session`."""
    listing = add_command(subparsers, "sessions", run_sessions, "list logged sessions")
    listing.add_argument("--json", action="store_true", help="print as JSON")
    listing.add_argument("--since", type=date_arg, metavar="YYYY-MM-DD", help="first day")
    manual = add_command(
        subparsers,
        "log-session",
        run_log_session,
        "record a session of your plan done away from the terminal (e.g. at the gym), at "
        "the level that day's sessions ran (after a flare-up, two steps lower). Logged while "
        "sessions were stopped, it is kept with the reason but does not count toward your week",
    )
    manual.add_argument("--date", type=date_arg, metavar="YYYY-MM-DD", help="day (default today)")
    manual.add_argument("--pain-during", required=True, type=int_in(0, 10), metavar="N")
    manual.add_argument("--effort", required=True, choices=[e.value for e in Effort])
    manual.add_argument(
        "--reps-done",
        type=int_in(0, 1000),
        metavar="N",
        help="a hold plan: holds done on each side, as the session screen counts them (a "
        "one-leg plan: N on the left and N on the right; default: all). More than the plan "
        "has is refused. It counts toward your week when at least half the holds were done",
    )
    manual.add_argument(
        "--sets-done",
        type=int_in(0, 10),
        metavar="N",
        help="a heel-raise plan: sets done on each working leg, as the session screen counts "
        "them (default: all); each set is logged with the plan's raises and load. More than "
        "the plan has is refused. It counts toward your week when at least half the sets "
        "were done",
    )


def session_json(session: SessionLog, isotonic: bool = False) -> dict[str, Any]:
    """A session as scripts and physios read it: reps per exercise and side, dose.

    Every session has ``type`` (isometric or isotonic, from its plan); a heel-raise session
    also has ``sets_done``, ``sets_planned``, ``raises_done`` and ``sets`` (one entry a
    finished set: exercise, side, set number, raises, load_kg, seconds under load).
    """
    per_exercise: dict[int, dict[str, int]] = {}
    dose: dict[str, float] = {}
    for rep in session.reps:
        sides = per_exercise.setdefault(rep.exercise_index, {})
        sides[rep.side.value] = sides.get(rep.side.value, 0) + 1
        dose[rep.side.value] = dose.get(rep.side.value, 0.0) + rep.hold_seconds * (1 + rep.load_kg)
    data: dict[str, Any] = {
        "id": session.id,
        "date": session.date.isoformat(),
        "plan_version": session.plan_version,
        "type": ISOTONIC if isotonic else ISOMETRIC,
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
    if isotonic:
        data["sets_done"] = len(session.reps)
        data["sets_planned"] = session.reps_planned
        data["raises_done"] = session.raises_done
        data["sets"] = [
            {
                "exercise": rep.exercise_index,
                "side": rep.side.value,
                "set": rep.rep,
                "raises": rep.raises,
                "load_kg": rep.load_kg,
                "seconds": rep.hold_seconds,
            }
            for rep in session.reps
        ]
    return data


def isotonic_versions(plans: Iterable[Plan]) -> set[int]:
    """The plan versions whose sessions are sets of heel raises."""
    return {plan.version for plan in plans if plan.stage == ISOTONIC}


def is_isotonic(session: SessionLog, versions: set[int]) -> bool:
    """A heel-raise session: its plan is heel raises, or its records hold raises."""
    return session.plan_version in versions or session.is_isotonic


def run_sessions(args: argparse.Namespace) -> int:
    """Print sessions oldest first (JSON or a short table)."""
    repo = readonly_repo(args)
    sessions = repo.sessions(start=args.since)
    versions = isotonic_versions(repo.plans()) if sessions else set()
    if args.json:
        print_json([session_json(s, is_isotonic(s, versions)) for s in sessions])
        return 0
    if not sessions:
        print("No sessions logged yet.")
    for session in sessions:
        print("  ".join(session_line(session, is_isotonic(session, versions))))
    return 0


def session_line(session: SessionLog, isotonic: bool = False) -> list[str]:
    """A session's columns in words: "0 of 2 holds", "2 of 3 sets", "stopped: pain 8/10"."""
    done = len(session.reps)
    unit = "set" if isotonic else "hold"
    holds = (
        f"{done} of {count(session.reps_planned, unit)}"
        if session.reps_planned
        else count(done, unit)
    )
    parts = [session.date.isoformat(), f"plan v{session.plan_version}", holds]
    if isotonic and session.raises_done:
        parts.append(count(session.raises_done, "raise"))
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
    if session.paused_by == "rest_day":
        parts.append("an extra session on a rest day; not counted")
    elif session.paused_by:
        parts.append(f"logged while sessions were stopped ({session.paused_by}); not counted")
    return parts


def run_log_session(args: argparse.Namespace) -> int:
    """Record the first N planned holds (or N sets a leg of heel raises) of that day's plan.

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
            sets_done=args.sets_done,
        )
    if logged.warning is not None:
        print_advice([logged.warning])
    session = logged.session
    unit = "set" if logged.isotonic else "hold"
    legs = logged.legs_logged
    details = []
    if legs > 1:
        details.append(f"{len(session.reps) // legs} of {logged.holds_planned // legs} on each leg")
    if logged.isotonic:
        details.append(count(session.raises_done, "heel raise"))
    shown = f" ({', '.join(details)})" if details else ""
    level = f" at {logged.level}" if logged.level else ""
    print(
        f"Session logged for {day.isoformat()} against plan version {session.plan_version}"
        f"{level}: {len(session.reps)} of {count(logged.holds_planned, unit)}{shown}."
    )
    if logged.limit is not None:
        print(f"Note: {logged.limit.message} ({logged.limit.rule})")
    if logged.flare_up is not None:
        print(f"After the flare-up: {logged.flare_up.message} ({logged.flare_up.rule})")
    if session.over_limit and logged.isotonic:
        print_advice([Advice(SET_PAIN_RULE, rule(SET_PAIN_RULE).message)])
    if not session_counts(session) and not logged.note:
        print(
            f"It is kept, but it is too short to count toward your week (under half the {unit}s)."
        )
    if logged.note:
        print(logged.note)
    return 0
