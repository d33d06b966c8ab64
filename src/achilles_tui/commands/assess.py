"""`achilles-tui assess`: the clinical engine from the command line, for scripts and physios."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from achilles_tui.care.assessments import (
    evaluate,
    known_side,
    lower_warning,
    remember_injured_side,
    save_assessment,
)
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
from achilles_tui.domain.assessment import (
    SIDES,
    Assessment,
    Condition,
    Feel,
    Goal,
    RedFlag,
    RequestedPosition,
    Strength,
)
from achilles_tui.domain.engine import Recommendation, Verdict
from achilles_tui.domain.models import ISOTONIC, AnyExercise, HeelRaise

FLAG_OPTIONS = (
    ("forefoot_pain", "forefoot pain (metatarsalgia, neuroma, ...)"),
    ("flares_easily", "the tendon flares up easily"),
    ("nervous", "nervous about starting exercise"),
    ("competition", "in a competition phase"),
    ("cannot_heel_raise", "cannot rise onto the toes (heel raises impossible)"),
    ("sudden_onset", "with --cannot-heel-raise: it came on suddenly (a sign of a tear)"),
    ("cleared", "the treating team has cleared calf loading after a rupture"),
    ("single_leg_cleared", "after a rupture: the surgeon or physio has cleared single-leg holds"),
    ("physio_approved_heel_drop", "a physio has approved heel-drop holds"),
    ("corticosteroids", "taking corticosteroid medicines (risk modifier)"),
)


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add `assess`."""
    parser = add_command(
        subparsers,
        "assess",
        run_assess,
        "answer the assessment with options and print the recommended plan "
        "(saves nothing unless --save)",
    )
    parser.add_argument("--condition", required=True, choices=[c.value for c in Condition])
    parser.add_argument(
        "--side",
        choices=SIDES,
        help="the sore side; with one side, the session's 'injured side only' runs on it "
        "[your last assessment's side, else the app's]",
    )
    parser.add_argument(
        "--weeks",
        type=int_in(0, 5200),
        default=0,
        metavar="N",
        help="weeks since the injury, or since surgery for rupture-surgery [0]",
    )
    for name, help_text in FLAG_OPTIONS:
        parser.add_argument(f"--{name.replace('_', '-')}", action="store_true", help=help_text)
    parser.add_argument("--strength", choices=[s.value for s in Strength], default="weak")
    parser.add_argument("--goal", choices=[g.value for g in Goal], default="strength")
    parser.add_argument("--isometrics-feel", choices=[f.value for f in Feel], default="challenging")
    parser.add_argument(
        "--test-pain", type=int_in(0, 10), default=0, metavar="N", help="pain during a test hold"
    )
    parser.add_argument(
        "--position",
        choices=[p.value for p in RequestedPosition],
        help="a position you ask for; refused ones come back as a caution",
    )
    parser.add_argument(
        "--red-flag",
        action="append",
        default=[],
        choices=[f.value for f in RedFlag],
        metavar="ID",
        help="a warning sign you have (repeatable): " + ", ".join(f.value for f in RedFlag),
    )
    parser.add_argument("--age", type=int_in(0, 120), metavar="N")
    parser.add_argument("--json", action="store_true", help="print the recommendation as JSON")
    parser.add_argument("--save", action="store_true", help="also make it the current plan")
    parser.add_argument(
        "--since",
        type=date_arg,
        metavar="YYYY-MM-DD",
        help="with --save: the plan began on this day (today or earlier, not before your "
        "current plan began)",
    )
    parser.add_argument(
        "--replace-plan",
        action="store_true",
        help="with --save: replace the current plan even when the new one starts at a lower "
        "level (PROG-REASSESS-LOWER; by default the current plan is kept)",
    )


def assessment_from_args(args: argparse.Namespace, side: str = "left") -> Assessment:
    """Options -> Assessment (the dataclass validates the values); ``side`` when no --side."""
    return Assessment(
        condition=Condition(args.condition),
        side=args.side or side,
        weeks=args.weeks,
        forefoot_problem=args.forefoot_pain,
        flares_easily=args.flares_easily,
        strength=Strength(args.strength),
        nervous=args.nervous,
        goal=Goal(args.goal),
        competition_phase=args.competition,
        can_do_heel_raises=not args.cannot_heel_raise,
        sudden_onset=args.sudden_onset,
        isometrics_feel=Feel(args.isometrics_feel),
        test_hold_pain=args.test_pain,
        requested_position=RequestedPosition(args.position) if args.position else None,
        rupture_loading_cleared=args.cleared,
        single_leg_cleared=args.single_leg_cleared,
        physio_approved_heel_drop=args.physio_approved_heel_drop,
        red_flags=tuple(RedFlag(flag) for flag in args.red_flag),
        age=args.age,
        corticosteroids=args.corticosteroids,
    )


def run_assess(args: argparse.Namespace) -> int:
    """Evaluate; print; with --save store the assessment and (if any, and allowed) its plan."""
    if (args.since or args.replace_plan) and not args.save:
        raise UsageError("--since and --replace-plan only apply with --save")
    side = args.side or known_side(readonly_repo(args))
    assessment = assessment_from_args(args, side)
    result = evaluate(assessment)
    warning = lower_warning(readonly_repo(args), result) if args.save else None
    saved_version = kept_version = None
    care = None
    if args.save:
        with writable_repo(args) as repo:
            outcome = save_assessment(
                repo,
                assessment,
                result,
                now(),
                use_plan=warning is None or args.replace_plan,
                since=args.since,
            )
            remember_injured_side(repo, assessment)
        saved_version = outcome.plan.version if outcome.plan else None
        kept_version = outcome.kept.version if outcome.kept else None
        care = outcome.care
    if warning is not None:
        print_advice([warning])
        if not args.replace_plan:
            print(
                "warning: your current plan was kept; add --replace-plan to use the new one.",
                file=sys.stderr,
            )
    if args.json:
        data = result.to_json()
        if args.save:
            data["saved_plan_version"] = saved_version
            data["kept_plan_version"] = kept_version
            data["warnings"] = [] if warning is None else [warning.to_json()]
        print_json(data)
    else:
        print(describe(result))
        if args.save:
            print("\n" + _saved_text(saved_version, kept_version))
    if care is not None and not care.session_allowed and care.reasons:
        print(f"warning: {care.explanation}", file=sys.stderr)
    return 0


def _saved_text(saved: int | None, kept: int | None) -> str:
    """What --save did, in one sentence."""
    if saved is not None:
        return f"Saved as plan version {saved}."
    if kept is not None:
        return f"Assessment saved; your current plan (version {kept}) is unchanged."
    return "Assessment saved; no plan was made."


def describe(result: Recommendation) -> str:
    """The recommendation in plain text, every line with its rule id."""
    verdicts = {
        Verdict.ISOMETRIC: "Isometric holds suit you as a start.",
        Verdict.ISOTONIC: "Holds look too easy for you: heel raises through range (the "
        "isotonic stage) fit better.",
        Verdict.SEE_CLINICIAN: "Please see a clinician before starting; no plan is given.",
    }
    lines = [verdicts[result.verdict]]
    if result.level:
        stage = "heel raises" if result.stage == ISOTONIC else "holds"
        lines.append(f"Level {result.level} ({stage}), {result.mode} mode.")
    for exercise in result.exercises:
        lines.append(f"  {exercise_text(exercise)}  [{', '.join(exercise.rules)}]")
    for heading, items in (("Cautions", result.cautions), ("Notes", result.notes)):
        if items:
            lines.append(f"{heading}:")
            lines += [f"  - {item.message} ({item.rule})" for item in items]
    return "\n".join(lines)


def exercise_text(exercise: AnyExercise) -> str:
    """One exercise and its dose in words: sets of raises, or holds of so many seconds."""
    if isinstance(exercise, HeelRaise):
        dose = f"{exercise.dose_text}, {exercise.load_text}"
    else:
        dose = (
            f"{exercise.reps} x {exercise.hold_seconds} s, rest {exercise.rest_seconds} s, "
            f"{exercise.load_text}"
        )
    return f"{exercise.label}: {dose}, {exercise.sessions_per_week}/week"
