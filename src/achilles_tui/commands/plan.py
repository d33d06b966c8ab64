"""`achilles-tui plan`: print the current plan, or store an own (physio) plan."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from achilles_tui.care.errors import Refused
from achilles_tui.care.plan_today import plan_in_force
from achilles_tui.care.plans import (
    OVERRIDE_RULE,
    own_plan_conflicts,
    own_plan_warnings,
    save_own_plan,
)
from achilles_tui.commands.common import (
    UsageError,
    add_command,
    date_arg,
    decimal_in,
    int_in,
    now,
    print_advice,
    print_json,
    readonly_repo,
    writable_repo,
)
from achilles_tui.domain.models import (
    AnyExercise,
    DomainError,
    Exercise,
    HeelRaise,
    Plan,
    Position,
    RaiseKind,
    Surface,
    Tempo,
)
from achilles_tui.domain.today import plan_lines
from achilles_tui.storage.codec import exercise_to_doc, plan_to_doc

POSITION_WORDS = {
    "neutral": Position.NEUTRAL,
    "heel-raised": Position.HEEL_RAISED,
    "heel_raised": Position.HEEL_RAISED,
    "heel-drop": Position.HEEL_DROP,
    "heel_drop": Position.HEEL_DROP,
}


EXERCISE_WORDS = {
    "hold": None,
    "heel-raise": RaiseKind.HEEL_RAISE,
    "up-two-down-one": RaiseKind.UP_TWO_DOWN_ONE,
}
HOLD_ONLY = ("position", "hold")
RAISE_ONLY = ("surface", "sets", "tempo")
# Value ranges per kind of exercise (the dataclasses hold the same limits).
HOLD_REPS = (1, 20)
RAISE_REPS = (1, 50)

SET_DESCRIPTION = """\
store a one-exercise plan your physio gave you (becomes the current plan).

A hold (the default, --exercise hold) needs --position, --legs, --reps, --hold and --rest.
Heel raises (--exercise heel-raise or up-two-down-one) need --surface, --legs, --sets,
--reps and --rest (rest between sets); --tempo defaults to 3/0/3 (seconds up/top/down).
The plan is checked like any own plan (DOSE-PHYSIO-OVERRIDE): a warning sign, an assessment
that ended on see a clinician, a position limit, a step for a heel that must stay on the
floor (POS-ISOT-FLOOR-ONLY), or a rest of 0 s (DOSE-REST-SCALES) stops it unless --force.
Heel raises over 20 kg are saved with a warning (DOSE-ISOT-LOAD-CAP: the most the app
itself adds)."""


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add `plan` and `plan set`."""
    parser = add_command(
        subparsers,
        "plan",
        run_plan,
        "show the current plan as your next sessions run it (after a flare-up, two steps "
        "lower: PROG-FLARE-UP-REST), or set your own",
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help="print the plan as JSON (each exercise with its type: isometric or isotonic)",
    )
    actions = parser.add_subparsers(dest="plan_command", metavar="ACTION")
    setter = add_command(
        actions,
        "set",
        run_plan_set,
        "store a one-exercise plan your physio gave you (becomes the current plan)",
    )
    setter.description = SET_DESCRIPTION
    setter.formatter_class = argparse.RawDescriptionHelpFormatter
    setter.add_argument(
        "--exercise",
        choices=tuple(EXERCISE_WORDS),
        default="hold",
        help="hold (isometric, default), heel-raise, or up-two-down-one (up on two legs, "
        "down on one)",
    )
    setter.add_argument(
        "--position",
        choices=("neutral", "heel-raised", "heel-drop", "full-tiptoe"),
        metavar="P",
        help="holds: neutral, heel-raised or heel-drop",
    )
    setter.add_argument(
        "--surface",
        choices=("floor", "step"),
        help="heel raises: flat floor, or the edge of a step",
    )
    setter.add_argument("--legs", required=True, type=int_in(1, 2), metavar="N", help="1 or 2")
    setter.add_argument("--sets", type=int_in(1, 10), metavar="N", help="heel raises: 1-10")
    setter.add_argument(
        "--reps",
        required=True,
        type=int_in(1, RAISE_REPS[1]),
        metavar="N",
        help="holds: 1-20; heel raises: raises per set, 1-50",
    )
    setter.add_argument("--hold", type=int_in(5, 120), metavar="S", help="holds: 5-120 s")
    setter.add_argument(
        "--tempo",
        type=_tempo,
        metavar="UP/TOP/DOWN",
        help="heel raises: seconds up, at the top, down [3/0/3]",
    )
    setter.add_argument(
        "--rest",
        required=True,
        type=int_in(0, 600),
        metavar="S",
        help="0-600 s (between holds, or between sets of heel raises)",
    )
    setter.add_argument("--load-kg", type=_load_kg, default=0.0, metavar="X", help="0-200 kg [0]")
    setter.add_argument("--per-week", type=int_in(1, 14), default=7, metavar="N", help="1-14 [7]")
    setter.add_argument(
        "--force",
        action="store_true",
        help="save even if it goes against a safety rule (a warning sign, an assessment that "
        "ended on see a clinician, a position limit, or a rest of 0 s: DOSE-REST-SCALES); the "
        "confirmation is stored",
    )
    setter.add_argument(
        "--since",
        type=date_arg,
        metavar="YYYY-MM-DD",
        help="the plan began on this day (today or earlier, not before your current plan began)",
    )


def _tempo(text: str) -> Tempo:
    """argparse type for UP/TOP/DOWN; any digit int() cannot read (e.g. '²') is refused too."""
    try:
        return Tempo.parse(text)
    except DomainError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"tempo must be three whole numbers of seconds, UP/TOP/DOWN such as 3/0/3, got {text!r}"
        ) from None


_load_kg = decimal_in(0.0, 200.0, "kg")


def plan_json(plan: Plan) -> dict[str, Any]:
    """The plan as scripts read it: the stored document, its ``stage``, and every exercise
    with its §E6.5 ``type`` (isometric holds keep their stored fields, ``load_kg`` included)."""
    doc = plan_to_doc(plan)
    doc["stage"] = plan.stage
    doc["exercises"] = [exercise_json(ex) for ex in plan.exercises]
    return doc


def exercise_json(exercise: AnyExercise) -> dict[str, Any]:
    """One exercise with ``type`` first: a heel raise in its §E6.5 shape, a hold as stored."""
    if isinstance(exercise, HeelRaise):
        return exercise.to_json()
    return {"type": exercise.type, **exercise_to_doc(exercise)}


def run_plan(args: argparse.Namespace) -> int:
    """Print the current plan as the next sessions run it; exit 1 when there is none.

    After a flare-up that is two steps below the stored plan (PROG-FLARE-UP-REST, §F5
    decision 13): the text says so, and the JSON carries ``flare_up`` with the stored level.
    """
    repo = readonly_repo(args)
    stored = repo.current_plan()
    in_force = None if stored is None else plan_in_force(repo, now().date(), stored)
    if in_force is None:
        if args.json:
            print_json(None)
        print(
            "No plan yet: take the assessment in the app, or run "
            "`achilles-tui assess --save` or `achilles-tui plan set`.",
            file=sys.stderr,
        )
        return 1
    plan, advice = in_force.plan, in_force.advice
    if args.json:
        data = plan_json(plan)
        if advice is not None and stored is not None:
            data["flare_up"] = {
                "rule": advice.rule,
                "message": advice.message,
                "stored_level": stored.level,
            }
        if in_force.limit is not None:
            data["beyond_limits"] = in_force.limit.to_json()
        print_json(data)
    else:
        print("Plan " + "\n  ".join(plan_lines(plan)))
        if in_force.limit is not None:
            print(f"  {in_force.limit.message} ({in_force.limit.rule})")
        if advice is not None:
            print(f"  After your flare-up: {advice.message} ({advice.rule})")
    return 0


def run_plan_set(args: argparse.Namespace) -> int:
    """Validate, name any contradicted blocking rule, and save only if clear or forced."""
    exercise = exercise_from_args(args)
    with writable_repo(args) as repo:
        moment = now()
        conflicts = own_plan_conflicts(repo, [exercise], moment)
        print_advice(conflicts)
        warnings = own_plan_warnings([exercise])
        if conflicts and not args.force:
            raise Refused(
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
    print_advice(warnings)
    if plan.confirmed_rules:
        print(
            "warning: saved despite " + ", ".join(plan.confirmed_rules) + " (--force); the "
            "confirmation is kept with the plan.",
            file=sys.stderr,
        )
    print(f"Saved your own plan as version {plan.version} ({OVERRIDE_RULE}).")
    print("  " + "\n  ".join(plan_lines(plan)[1:]))
    return 0


def exercise_from_args(args: argparse.Namespace) -> AnyExercise:
    """The one exercise `plan set` describes; options of the other kind are refused."""
    kind = EXERCISE_WORDS[args.exercise]
    given = {name for name in (*HOLD_ONLY, *RAISE_ONLY) if getattr(args, name) is not None}
    if kind is None:
        _refuse_options(given & set(RAISE_ONLY), "a hold", "--exercise heel-raise")
        _require(args, HOLD_ONLY, "a hold")
        if args.position == "full-tiptoe":
            raise UsageError(
                "a full tiptoe hold is not offered: it tends to pinch the back of the heel "
                "(POS-HEELRAISED-NO-FULL-TIPTOE). Use heel-raised for a partial lift."
            )
        _check_reps(args.reps, HOLD_REPS, "a hold")
        return Exercise(
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
    _refuse_options(given & set(HOLD_ONLY), "heel raises", "--exercise hold")
    _require(args, ("surface", "sets"), "heel raises")
    _check_reps(args.reps, RAISE_REPS, "heel raises")
    return HeelRaise(
        exercise=kind,
        surface=Surface(args.surface),
        legs=args.legs,
        added_load=args.load_kg > 0,
        load_kg=args.load_kg,
        sets=args.sets,
        reps=args.reps,
        tempo=args.tempo or Tempo(),
        rest_seconds=args.rest,
        sessions_per_week=args.per_week,
        rules=(OVERRIDE_RULE,),
    )


def _refuse_options(names: set[str], what: str, instead: str) -> None:
    """Options of the other kind of exercise are a mistake, not something to ignore."""
    if names:
        shown = ", ".join(f"--{name}" for name in sorted(names))
        raise UsageError(
            f"{shown} must not be given for {what} (did you mean {instead}?); nothing was saved"
        )


def _require(args: argparse.Namespace, names: tuple[str, ...], what: str) -> None:
    """The options this kind of exercise cannot do without."""
    missing = [f"--{name}" for name in names if getattr(args, name) is None]
    if missing:
        raise UsageError(f"{' and '.join(missing)} must be given for {what}; nothing was saved")


def _check_reps(reps: int, limits: tuple[int, int], what: str) -> None:
    """--reps is read for both kinds; its range depends on the kind."""
    low, high = limits
    if not low <= reps <= high:
        raise UsageError(f"--reps must be from {low} to {high} for {what}, got {reps}")
