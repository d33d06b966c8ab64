"""`achilles-tui plan`: print the current plan, or store an own (physio) plan."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from achilles_tui.care.plans import OVERRIDE_RULE, own_plan_conflicts, save_own_plan
from achilles_tui.commands.common import (
    UsageError,
    add_command,
    date_arg,
    int_in,
    now,
    print_advice,
    print_json,
    readonly_repo,
    writable_repo,
)
from achilles_tui.domain.models import Exercise, Plan, Position
from achilles_tui.domain.today import plan_lines
from achilles_tui.storage.codec import plan_to_doc

POSITION_WORDS = {
    "neutral": Position.NEUTRAL,
    "heel-raised": Position.HEEL_RAISED,
    "heel_raised": Position.HEEL_RAISED,
    "heel-drop": Position.HEEL_DROP,
    "heel_drop": Position.HEEL_DROP,
}


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add `plan` and `plan set`."""
    parser = add_command(subparsers, "plan", run_plan, "show the current plan (or set your own)")
    parser.add_argument("--json", action="store_true", help="print the plan as JSON")
    actions = parser.add_subparsers(dest="plan_command", metavar="ACTION")
    setter = add_command(
        actions,
        "set",
        run_plan_set,
        "store a one-exercise plan your physio gave you (becomes the current plan)",
    )
    setter.add_argument(
        "--position",
        required=True,
        choices=("neutral", "heel-raised", "heel-drop", "full-tiptoe"),
        metavar="P",
        help="neutral, heel-raised or heel-drop",
    )
    setter.add_argument("--legs", required=True, type=int_in(1, 2), metavar="N", help="1 or 2")
    setter.add_argument("--reps", required=True, type=int_in(1, 20), metavar="N", help="1-20")
    setter.add_argument("--hold", required=True, type=int_in(5, 120), metavar="S", help="5-120 s")
    setter.add_argument("--rest", required=True, type=int_in(0, 600), metavar="S", help="0-600 s")
    setter.add_argument("--load-kg", type=_load_kg, default=0.0, metavar="X", help="0-200 kg [0]")
    setter.add_argument("--per-week", type=int_in(1, 14), default=7, metavar="N", help="1-14 [7]")
    setter.add_argument(
        "--force",
        action="store_true",
        help="save even if it goes against a safety rule (a warning sign, an assessment that "
        "ended on see a clinician, or a position limit); the confirmation is stored",
    )
    setter.add_argument(
        "--since",
        type=date_arg,
        metavar="YYYY-MM-DD",
        help="the plan began on this day (today or earlier, not before your current plan began)",
    )


def _load_kg(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of kilograms") from None
    if not 0.0 <= value <= 200.0:
        raise argparse.ArgumentTypeError(f"{value:g} kg is out of range (0-200)")
    return value


def plan_json(plan: Plan) -> dict[str, Any]:
    """The plan as scripts read it: the stored document plus `created` as ISO text."""
    return plan_to_doc(plan)


def run_plan(args: argparse.Namespace) -> int:
    """Print the current plan; exit 1 with a pointer when there is none."""
    plan = readonly_repo(args).current_plan()
    if plan is None:
        if args.json:
            print_json(None)
        print(
            "No plan yet: take the assessment in the app, or run "
            "`achilles-tui assess --save` or `achilles-tui plan set`.",
            file=sys.stderr,
        )
        return 1
    if args.json:
        print_json(plan_json(plan))
    else:
        print("Plan " + "\n  ".join(plan_lines(plan)))
    return 0


def run_plan_set(args: argparse.Namespace) -> int:
    """Validate, name any contradicted blocking rule, and save only if clear or forced."""
    if args.position == "full-tiptoe":
        raise UsageError(
            "a full tiptoe hold is not offered: it tends to pinch the back of the heel "
            "(POS-HEELRAISED-NO-FULL-TIPTOE). Use heel-raised for a partial lift."
        )
    exercise = Exercise(
        position=POSITION_WORDS[args.position],
        legs=args.legs,
        added_load=args.load_kg > 0,
        load_kg=args.load_kg,
        reps=args.reps,
        hold_seconds=args.hold,
        rest_seconds=args.rest,
        sessions_per_week=args.per_week,
        rules=(OVERRIDE_RULE,),
    )
    with writable_repo(args) as repo:
        moment = now()
        conflicts = own_plan_conflicts(repo, [exercise], moment)
        print_advice(conflicts)
        if conflicts and not args.force:
            raise UsageError(
                "this plan goes against "
                + ", ".join(item.rule for item in conflicts)
                + "; nothing was saved. Add --force if your physio or surgeon prescribed it."
            )
        plan = save_own_plan(
            repo,
            [exercise],
            moment,
            confirmed=[item.rule for item in conflicts],
            since=args.since,
            note="entered with plan set" + (" (--force)" if conflicts else ""),
        )
    if plan.confirmed_rules:
        print(
            "warning: saved despite " + ", ".join(plan.confirmed_rules) + " (--force); the "
            "confirmation is kept with the plan.",
            file=sys.stderr,
        )
    print(f"Saved your own plan as version {plan.version} ({OVERRIDE_RULE}).")
    print("  " + "\n  ".join(plan_lines(plan)[1:]))
    return 0
