"""`achilles-tui assess`: the clinical engine from the command line, for scripts and physios."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from achilles_tui.commands.common import add_command, int_in, print_json, writable_repo
from achilles_tui.domain.assessment import (
    Assessment,
    Condition,
    Feel,
    Goal,
    RedFlag,
    RequestedPosition,
    Strength,
)
from achilles_tui.domain.engine import Recommendation, Verdict, recommend

FLAG_OPTIONS = (
    ("forefoot_pain", "forefoot pain (metatarsalgia, neuroma, ...)"),
    ("flares_easily", "the tendon flares up easily"),
    ("nervous", "nervous about starting exercise"),
    ("competition", "in a competition phase"),
    ("cannot_heel_raise", "cannot rise onto the toes (heel raises impossible)"),
    ("cleared", "the treating team has cleared calf loading after a rupture"),
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
        "--weeks",
        type=int_in(0, 5200),
        default=0,
        metavar="N",
        help="weeks since surgery (rupture-surgery) or since the injury [0]",
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


def assessment_from_args(args: argparse.Namespace) -> Assessment:
    """Options -> Assessment (the dataclass validates the values)."""
    return Assessment(
        condition=Condition(args.condition),
        weeks=args.weeks,
        forefoot_problem=args.forefoot_pain,
        flares_easily=args.flares_easily,
        strength=Strength(args.strength),
        nervous=args.nervous,
        goal=Goal(args.goal),
        competition_phase=args.competition,
        can_do_heel_raises=not args.cannot_heel_raise,
        isometrics_feel=Feel(args.isometrics_feel),
        test_hold_pain=args.test_pain,
        requested_position=RequestedPosition(args.position) if args.position else None,
        rupture_loading_cleared=args.cleared,
        physio_approved_heel_drop=args.physio_approved_heel_drop,
        red_flags=tuple(RedFlag(flag) for flag in args.red_flag),
        age=args.age,
        corticosteroids=args.corticosteroids,
    )


def assessment_record(
    assessment: Assessment, result: Recommendation, when: dt.datetime
) -> dict[str, Any]:
    """How an assessment is kept: answers and result, dated."""
    return {
        "created": when.isoformat(),
        "answers": assessment.to_dict(),
        "result": result.to_json(),
    }


def run_assess(args: argparse.Namespace) -> int:
    """Evaluate; print; with --save store the assessment and (if any) its plan."""
    assessment = assessment_from_args(args)
    result = recommend(assessment)
    saved_version = None
    if args.save:
        now = dt.datetime.now().replace(microsecond=0)
        with writable_repo(args) as repo:
            record = assessment_record(assessment, result, now)
            if result.exercises:
                plan = repo.save_assessment_and_plan(
                    record,
                    result.exercises,
                    source="assessment",
                    level=result.level,
                    mode=str(result.mode),
                    created=now,
                )
                saved_version = plan.version
            else:
                repo.add_assessment(record)
    if args.json:
        data = result.to_json()
        if args.save:
            data["saved_plan_version"] = saved_version
        print_json(data)
    else:
        print(describe(result))
        if args.save:
            print(
                f"\nSaved as plan version {saved_version}."
                if saved_version
                else "\nAssessment saved; no plan was made, so your current plan is unchanged."
            )
    return 0


def describe(result: Recommendation) -> str:
    """The recommendation in plain text, every line with its rule id."""
    verdicts = {
        Verdict.ISOMETRIC: "Isometric holds suit you as a start.",
        Verdict.ISOTONIC: "Holds look too easy for you: moving (isotonic) exercise fits better.",
        Verdict.SEE_CLINICIAN: "Please see a clinician before starting; no plan is given.",
    }
    lines = [verdicts[result.verdict]]
    if result.level:
        lines.append(f"Level {result.level}, {result.mode} mode.")
    for exercise in result.exercises:
        lines.append(
            f"  {exercise.label}: {exercise.reps} x {exercise.hold_seconds} s, rest "
            f"{exercise.rest_seconds} s, {exercise.load_text}, "
            f"{exercise.sessions_per_week}/week  [{', '.join(exercise.rules)}]"
        )
    for heading, items in (("Cautions", result.cautions), ("Notes", result.notes)):
        if items:
            lines.append(f"{heading}:")
            lines += [f"  - {item.message} ({item.rule})" for item in items]
    return "\n".join(lines)
