"""Table-driven tests of the assessment engine: every §D1-D5 rule is shown to fire or not."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from achilles_tui.domain.assessment import (
    Assessment,
    Condition,
    Feel,
    Goal,
    RedFlag,
    RequestedPosition,
    Strength,
)
from achilles_tui.domain.engine import (
    Advice,
    Mode,
    Recommendation,
    Verdict,
    recommend,
    review_own_plan,
    validate_own_exercise,
)
from achilles_tui.domain.models import LEVELS, DomainError, Exercise, HeelRaise, Position, Surface
from achilles_tui.domain.rules import (
    ASSESSMENT_GROUPS,
    LADDER,
    RULES,
    Group,
    Severity,
    rest_for,
    rule,
    rules_in,
    step_down,
    step_up,
)

NEUTRAL, RAISED, DROP = Position.NEUTRAL, Position.HEEL_RAISED, Position.HEEL_DROP
FLOOR = Surface.FLOOR
ISO, ISOTONIC, CLINICIAN = Verdict.ISOMETRIC, Verdict.ISOTONIC, Verdict.SEE_CLINICIAN
ALWAYS_WITH_PLAN = (
    "ELIG-ISO-INDICATED",
    "START-INDIVIDUALISE",
    "DOSE-REST-SCALES",
    "DOSE-NO-RESEARCH-DEFAULT",
    "DOSE-FREQUENCY",
    "MON-24H",
)
MON_LATER = ("MON-PAIN-DURING", "MON-NOT-SETTLED", "MON-STIFFNESS-TREND")
CLEARED_SURGERY: dict[str, Any] = {
    "condition": Condition.RUPTURE_SURGERY,
    "rupture_loading_cleared": True,
}


def make(**changes: Any) -> Assessment:
    """An assessment that is mid-portion by default, changed by keyword."""
    values: dict[str, Any] = {"condition": Condition.MIDPORTION, **changes}
    return Assessment(**values)


# (id, assessment changes, verdict, level, position, rules that fire, rules that do not)
Case = tuple[
    str, dict[str, Any], Verdict, str | None, Position | None, tuple[str, ...], tuple[str, ...]
]
CASES: list[Case] = [
    # D1 red flags
    (
        "pop",
        {"red_flags": (RedFlag.POP,)},
        CLINICIAN,
        None,
        None,
        ("RF-RUPTURE-SUSPECT",),
        ("ELIG-ISO-INDICATED", "START-INDIVIDUALISE", "MON-24H", "POS-DEFAULT"),
    ),
    (
        "calf-swelling",
        {"red_flags": (RedFlag.CALF_SWELLING,)},
        CLINICIAN,
        None,
        None,
        ("RF-DVT",),
        ("RF-PE",),
    ),
    (
        "breathless",
        {"red_flags": (RedFlag.BREATHLESS,)},
        CLINICIAN,
        None,
        None,
        ("RF-PE",),
        ("RF-DVT",),
    ),
    (
        "infection",
        {"red_flags": (RedFlag.INFECTION,)},
        CLINICIAN,
        None,
        None,
        ("RF-INFECTION",),
        (),
    ),
    (
        "night-pain",
        {"red_flags": (RedFlag.NIGHT_PAIN,)},
        CLINICIAN,
        None,
        None,
        ("RF-NIGHT-REST-PAIN",),
        (),
    ),
    (
        "all-block-flags-are-shown",
        {"red_flags": (RedFlag.BREATHLESS, RedFlag.POP, RedFlag.CALF_SWELLING)},
        CLINICIAN,
        None,
        None,
        ("RF-RUPTURE-SUSPECT", "RF-DVT", "RF-PE"),
        ("ELIG-ISO-INDICATED",),
    ),
    (
        "inflammatory-warns-and-forces-L1",
        {"red_flags": (RedFlag.INFLAMMATORY,), "strength": Strength.STRONG},
        ISO,
        "L1",
        NEUTRAL,
        ("RF-INFLAMMATORY", "DOSE-START-IRRITABLE", *ALWAYS_WITH_PLAN),
        ("DOSE-START-ROBUST",),
    ),
    (
        "fluoroquinolone-warns-and-forces-L1",
        {"red_flags": (RedFlag.FLUOROQUINOLONE,), "strength": Strength.STRONG},
        ISO,
        "L1",
        NEUTRAL,
        ("RF-FLUOROQUINOLONE", "DOSE-START-IRRITABLE"),
        ("DOSE-START-ROBUST",),
    ),
    (
        "fluoroquinolone-with-new-pain-blocks",
        {"red_flags": (RedFlag.FLUOROQUINOLONE, RedFlag.FLUOROQUINOLONE_NEW_PAIN)},
        CLINICIAN,
        None,
        None,
        ("RF-FLUOROQUINOLONE",),
        ("ELIG-ISO-INDICATED", "MON-24H"),
    ),
    (
        "rupture-not-cleared",
        {"condition": Condition.RUPTURE_CONSERVATIVE},
        CLINICIAN,
        None,
        None,
        ("RF-UNCLEARED-RUPTURE",),
        ("ELIG-ISO-INDICATED",),
    ),
    (
        "surgery-not-cleared",
        {"condition": Condition.RUPTURE_SURGERY, "weeks": 30},
        CLINICIAN,
        None,
        None,
        ("RF-UNCLEARED-RUPTURE",),
        (),
    ),
    (
        "calf-strain",
        {"condition": Condition.CALF_STRAIN},
        CLINICIAN,
        None,
        None,
        ("RF-CALF-STRAIN",),
        ("ELIG-ISO-INDICATED", "RF-UNCLEARED-RUPTURE"),
    ),
    (
        "no-flags-no-rf-rules",
        {},
        ISO,
        "L1",
        NEUTRAL,
        ALWAYS_WITH_PLAN,
        tuple(rules_in(Group.RF)),
    ),
    # D2 eligibility
    (
        "feels-too-painful",
        {"isometrics_feel": Feel.TOO_PAINFUL},
        CLINICIAN,
        None,
        None,
        ("ELIG-ISO-TOO-PAINFUL", "START-INDIVIDUALISE"),
        ("ELIG-ISO-INDICATED", "ELIG-ISO-TOO-EASY", "POS-DEFAULT", "DOSE-FREQUENCY", "MON-24H"),
    ),
    (
        "test-pain-6-is-too-painful",
        {"test_hold_pain": 6, "isometrics_feel": Feel.TOO_EASY},
        CLINICIAN,
        None,
        None,
        ("ELIG-ISO-TOO-PAINFUL",),
        ("ELIG-ISO-INDICATED", "ELIG-ISO-TOO-EASY"),
    ),
    (
        "test-pain-5-is-acceptable",
        {"test_hold_pain": 5},
        ISO,
        "L1",
        NEUTRAL,
        ("ELIG-ISO-INDICATED",),
        ("ELIG-ISO-TOO-PAINFUL",),
    ),
    (
        "too-easy-goes-isotonic",
        {"isometrics_feel": Feel.TOO_EASY, "strength": Strength.STRONG},
        ISOTONIC,
        "T2",
        FLOOR,
        ("ELIG-ISO-TOO-EASY", "START-INDIVIDUALISE", "ELIG-ISOT-START", "POS-ISOT-HEIGHT"),
        ("ELIG-ISO-INDICATED", "ELIG-ISO-TOO-PAINFUL", "POS-DEFAULT", "POS-ISOT-FLOOR-ONLY"),
    ),
    # §E6.2 / §E6.3: where an assessment that finds the holds too easy starts.
    (
        "too-easy-irritable-starts-at-T1",
        {"isometrics_feel": Feel.TOO_EASY, "flares_easily": True},
        ISOTONIC,
        "T1",
        FLOOR,
        ("ELIG-ISOT-START", "MON-24H"),
        ("DOSE-START-IRRITABLE", "ELIG-ISOT-RUPTURE-EARLY"),
    ),
    (
        "too-easy-insertional-stays-on-the-floor",
        {
            "condition": Condition.INSERTIONAL,
            "isometrics_feel": Feel.TOO_EASY,
            "strength": Strength.STRONG,
        },
        ISOTONIC,
        "T2",
        FLOOR,
        ("ELIG-ISOT-START", "POS-ISOT-FLOOR-ONLY", "POS-ISOT-HEIGHT"),
        ("POS-ISOT-STEP-FORM",),
    ),
    (
        "too-easy-rupture-under-8-weeks-keeps-holds",
        {**CLEARED_SURGERY, "weeks": 6, "isometrics_feel": Feel.TOO_EASY},
        ISO,
        "L1",
        RAISED,
        ("ELIG-ISO-TOO-EASY", "ELIG-ISOT-RUPTURE-EARLY", "DOSE-START-IRRITABLE"),
        ("ELIG-ISOT-START",),
    ),
    (
        "too-easy-rupture-at-10-weeks-starts-at-T1-on-the-floor",
        {**CLEARED_SURGERY, "weeks": 10, "isometrics_feel": Feel.TOO_EASY},
        ISOTONIC,
        "T1",
        FLOOR,
        ("ELIG-ISOT-START", "POS-ISOT-FLOOR-ONLY"),
        ("ELIG-ISOT-RUPTURE-EARLY",),
    ),
    (
        "too-easy-with-a-warn-flag-keeps-holds-at-L1",
        {
            "isometrics_feel": Feel.TOO_EASY,
            "strength": Strength.STRONG,
            "red_flags": (RedFlag.INFLAMMATORY,),
        },
        ISO,
        "L1",
        NEUTRAL,
        ("RF-INFLAMMATORY", "ELIG-ISO-TOO-EASY"),
        ("ELIG-ISOT-START",),
    ),
    (
        "too-easy-but-no-heel-raises",
        {"isometrics_feel": Feel.TOO_EASY, "can_do_heel_raises": False},
        ISO,
        "L1",
        NEUTRAL,
        ("ELIG-ISO-INDICATED",),
        ("ELIG-ISO-TOO-EASY",),
    ),
    (
        "forefoot-block-keeps-isometrics",
        {
            "isometrics_feel": Feel.TOO_EASY,
            "forefoot_problem": True,
            "can_do_heel_raises": False,
            "goal": Goal.PAIN_RELIEF,
        },
        ISO,
        "L1",
        NEUTRAL,
        ("ELIG-ISO-INDICATED", "START-FOREFOOT", "START-GOAL-PAIN-RELIEF", "POS-DEFAULT"),
        ("ELIG-ISO-TOO-EASY", "POS-HEELRAISED-PARTIAL"),
    ),
    (
        "pain-relief-goal",
        {"goal": Goal.PAIN_RELIEF},
        ISO,
        "L1",
        RAISED,
        (
            "START-GOAL-PAIN-RELIEF",
            "POS-DEFAULT",
            "POS-HEELRAISED-PARTIAL",
            "POS-HEELRAISED-PAIN-RELIEF-HEIGHT",
        ),
        ("POS-HEELRAISED-STRENGTH-HEIGHT", "START-COMPETITION-PHASE"),
    ),
    (
        "competition-phase",
        {"competition_phase": True, "strength": Strength.STRONG},
        ISO,
        "L6",
        RAISED,
        ("START-COMPETITION-PHASE", "POS-HEELRAISED-PAIN-RELIEF-HEIGHT", "DOSE-START-ROBUST"),
        ("POS-HEELRAISED-STRENGTH-HEIGHT", "START-GOAL-PAIN-RELIEF"),
    ),
    (
        "competition-with-forefoot-uses-row-1",
        {"competition_phase": True, "forefoot_problem": True},
        ISO,
        "L1",
        NEUTRAL,
        ("START-COMPETITION-PHASE", "START-FOREFOOT", "POS-DEFAULT"),
        ("POS-HEELRAISED-PAIN-RELIEF-HEIGHT",),
    ),
    (
        "forefoot-without-block",
        {"forefoot_problem": True, "goal": Goal.PAIN_RELIEF},
        ISO,
        "L1",
        NEUTRAL,
        ("START-FOREFOOT", "POS-DEFAULT", "POS-NEUTRAL-FOREFOOT"),
        (),
    ),
    # D3 positions
    (
        "midportion-strength-defaults-to-neutral",
        {"goal": Goal.STRENGTH},
        ISO,
        "L1",
        NEUTRAL,
        ("POS-DEFAULT",),
        (
            "POS-HEELRAISED-PARTIAL",
            "POS-NEUTRAL-INSERTIONAL-BURSITIS",
            "POS-STIFFNESS-NOT-STRETCHABLE",
        ),
    ),
    (
        "forefoot-block-refuses-heel-raised",
        {
            "forefoot_problem": True,
            "can_do_heel_raises": False,
            "requested_position": RequestedPosition.HEEL_RAISED,
        },
        ISO,
        "L1",
        NEUTRAL,
        ("POS-NEUTRAL-FOREFOOT",),
        ("POS-HEELRAISED-PARTIAL", "POS-DEFAULT"),
    ),
    (
        "forefoot-no-block-heel-raised-honoured-with-warning",
        {"forefoot_problem": True, "requested_position": RequestedPosition.HEEL_RAISED},
        ISO,
        "L1",
        RAISED,
        ("POS-NEUTRAL-FOREFOOT", "POS-HEELRAISED-PARTIAL", "POS-HEELRAISED-STRENGTH-HEIGHT"),
        ("POS-DEFAULT",),
    ),
    (
        "insertional-requested-neutral-is-a-trial",
        {"condition": Condition.INSERTIONAL, "requested_position": RequestedPosition.NEUTRAL},
        ISO,
        "L1",
        NEUTRAL,
        ("POS-NEUTRAL-INSERTIONAL-BURSITIS", "MON-24H"),
        ("POS-DEFAULT", "MON-INSERTIONAL-NEUTRAL-TRIAL", *MON_LATER),
    ),
    (
        "bursitis-with-forefoot-is-a-neutral-trial",
        {"condition": Condition.BURSITIS, "forefoot_problem": True},
        ISO,
        "L1",
        NEUTRAL,
        ("POS-DEFAULT", "POS-NEUTRAL-INSERTIONAL-BURSITIS", "START-FOREFOOT"),
        ("MON-INSERTIONAL-NEUTRAL-TRIAL",),
    ),
    (
        "insertional-default-is-partial-heel-raised",
        {"condition": Condition.INSERTIONAL},
        ISO,
        "L1",
        RAISED,
        ("POS-DEFAULT", "POS-HEELRAISED-PARTIAL", "POS-HEELRAISED-STRENGTH-HEIGHT"),
        ("POS-NEUTRAL-INSERTIONAL-BURSITIS", "POS-HEELRAISED-PAIN-RELIEF-HEIGHT"),
    ),
    (
        "full-tiptoe-refused-to-partial",
        {"requested_position": RequestedPosition.FULL_TIPTOE, "strength": Strength.STRONG},
        ISO,
        "L6",
        RAISED,
        ("POS-HEELRAISED-NO-FULL-TIPTOE", "POS-HEELRAISED-PARTIAL"),
        ("POS-DEFAULT", "POS-NEUTRAL-FOREFOOT"),
    ),
    (
        "full-tiptoe-with-forefoot-block-goes-neutral",
        {
            "requested_position": RequestedPosition.FULL_TIPTOE,
            "forefoot_problem": True,
            "can_do_heel_raises": False,
        },
        ISO,
        "L1",
        NEUTRAL,
        ("POS-HEELRAISED-NO-FULL-TIPTOE", "POS-NEUTRAL-FOREFOOT"),
        ("POS-HEELRAISED-PARTIAL",),
    ),
    (
        "heel-drop-midportion-refused",
        {"requested_position": RequestedPosition.HEEL_DROP},
        ISO,
        "L1",
        NEUTRAL,
        ("POS-HEELDROP-TENDINOPATHY", "POS-DEFAULT"),
        ("POS-HEELDROP-FORM",),
    ),
    (
        "heel-drop-midportion-physio-approved",
        {"requested_position": RequestedPosition.HEEL_DROP, "physio_approved_heel_drop": True},
        ISO,
        "L1",
        DROP,
        ("POS-HEELDROP-FORM",),
        ("POS-HEELDROP-TENDINOPATHY", "POS-DEFAULT"),
    ),
    (
        "heel-drop-insertional-refused",
        {"condition": Condition.INSERTIONAL, "requested_position": RequestedPosition.HEEL_DROP},
        ISO,
        "L1",
        RAISED,
        ("POS-HEELDROP-INSERTIONAL-BURSITIS", "POS-DEFAULT"),
        ("POS-HEELDROP-FORM", "POS-HEELDROP-TENDINOPATHY"),
    ),
    (
        "heel-drop-bursitis-physio-approved",
        {
            "condition": Condition.BURSITIS,
            "requested_position": RequestedPosition.HEEL_DROP,
            "physio_approved_heel_drop": True,
        },
        ISO,
        "L1",
        DROP,
        ("POS-HEELDROP-FORM", "POS-HEELDROP-INSERTIONAL-BURSITIS"),
        ("POS-DEFAULT",),
    ),
    (
        "heel-drop-after-surgery-week-11-refused-even-if-approved",
        {
            **CLEARED_SURGERY,
            "weeks": 11,
            "requested_position": RequestedPosition.HEEL_DROP,
            "physio_approved_heel_drop": True,
        },
        ISO,
        "L1",
        RAISED,
        ("POS-HEELDROP-POSTOP-EARLY", "POS-DEFAULT"),
        ("POS-HEELDROP-POSTOP-LATE", "POS-HEELDROP-FORM", "RF-UNCLEARED-RUPTURE"),
    ),
    (
        "heel-drop-after-surgery-week-12-allowed",
        {**CLEARED_SURGERY, "weeks": 12, "requested_position": RequestedPosition.HEEL_DROP},
        ISO,
        "L1",
        DROP,
        ("POS-HEELDROP-POSTOP-LATE", "POS-HEELDROP-FORM"),
        ("POS-HEELDROP-POSTOP-EARLY", "POS-DEFAULT"),
    ),
    (
        "surgery-late-range-goal-offers-heel-drop",
        {**CLEARED_SURGERY, "weeks": 20, "goal": Goal.RANGE_OF_MOTION},
        ISO,
        "L1",
        RAISED,
        ("POS-DEFAULT", "POS-HEELDROP-POSTOP-LATE", "POS-HEELRAISED-STRENGTH-HEIGHT"),
        ("POS-HEELDROP-FORM", "POS-STIFFNESS-NOT-STRETCHABLE"),
    ),
    (
        "surgery-early-range-goal-no-offer",
        {**CLEARED_SURGERY, "weeks": 6, "goal": Goal.RANGE_OF_MOTION},
        ISO,
        "L1",
        RAISED,
        ("POS-DEFAULT",),
        ("POS-HEELDROP-POSTOP-LATE",),
    ),
    (
        "heel-drop-conservative-refused",
        {
            "condition": Condition.RUPTURE_CONSERVATIVE,
            "rupture_loading_cleared": True,
            "weeks": 30,
            "requested_position": RequestedPosition.HEEL_DROP,
        },
        ISO,
        "L1",
        RAISED,
        ("POS-HEELDROP-CONSERVATIVE",),
        ("POS-HEELDROP-FORM",),
    ),
    (
        "heel-drop-conservative-physio-approved",
        {
            "condition": Condition.RUPTURE_CONSERVATIVE,
            "rupture_loading_cleared": True,
            "requested_position": RequestedPosition.HEEL_DROP,
            "physio_approved_heel_drop": True,
            "weeks": 12,
        },
        ISO,
        "L1",
        DROP,
        ("POS-HEELDROP-FORM",),
        ("POS-HEELDROP-CONSERVATIVE",),
    ),
    (
        "heel-drop-conservative-approved-before-12-weeks",
        {
            "condition": Condition.RUPTURE_CONSERVATIVE,
            "rupture_loading_cleared": True,
            "requested_position": RequestedPosition.HEEL_DROP,
            "physio_approved_heel_drop": True,
            "weeks": 11,
        },
        ISO,
        "L1",
        RAISED,
        ("POS-HEELDROP-CONSERVATIVE", "POS-DEFAULT"),
        ("POS-HEELDROP-FORM",),
    ),
    (
        "unsure-is-told-to-get-assessed",
        {"condition": Condition.UNSURE},
        ISO,
        "L1",
        RAISED,
        ("ELIG-UNSURE-GET-ASSESSED",),
        (),
    ),
    (
        "heel-drop-unsure-refused-even-if-approved",
        {
            "condition": Condition.UNSURE,
            "requested_position": RequestedPosition.HEEL_DROP,
            "physio_approved_heel_drop": True,
        },
        ISO,
        "L1",
        RAISED,
        ("POS-HEELDROP-UNSURE", "POS-DEFAULT"),
        ("POS-HEELDROP-FORM",),
    ),
    (
        "midportion-range-goal-stiffness-note",
        {"goal": Goal.RANGE_OF_MOTION},
        ISO,
        "L1",
        NEUTRAL,
        ("POS-STIFFNESS-NOT-STRETCHABLE", "POS-DEFAULT"),
        ("POS-HEELDROP-POSTOP-LATE",),
    ),
    (
        "insertional-range-goal-stiffness-note",
        {"condition": Condition.INSERTIONAL, "goal": Goal.RANGE_OF_MOTION},
        ISO,
        "L1",
        RAISED,
        ("POS-STIFFNESS-NOT-STRETCHABLE",),
        (),
    ),
    # D4 dosing
    (
        "default-is-irritable",
        {},
        ISO,
        "L1",
        NEUTRAL,
        ("DOSE-START-IRRITABLE", *ALWAYS_WITH_PLAN),
        ("DOSE-START-ROBUST", "DOSE-PHYSIO-OVERRIDE"),
    ),
    (
        "strong-is-robust",
        {"strength": Strength.STRONG},
        ISO,
        "L6",
        NEUTRAL,
        ("DOSE-START-ROBUST", *ALWAYS_WITH_PLAN),
        ("DOSE-START-IRRITABLE", "DOSE-PHYSIO-OVERRIDE"),
    ),
    (
        "strong-but-flares",
        {"strength": Strength.STRONG, "flares_easily": True},
        ISO,
        "L1",
        NEUTRAL,
        ("DOSE-START-IRRITABLE",),
        ("DOSE-START-ROBUST",),
    ),
    (
        "strong-but-nervous",
        {"strength": Strength.STRONG, "nervous": True},
        ISO,
        "L1",
        NEUTRAL,
        ("DOSE-START-IRRITABLE",),
        ("DOSE-START-ROBUST",),
    ),
    (
        "strong-but-unsure",
        {"strength": Strength.STRONG, "condition": Condition.UNSURE},
        ISO,
        "L1",
        RAISED,
        ("DOSE-START-IRRITABLE",),
        ("DOSE-START-ROBUST",),
    ),
    (
        "strong-cleared-rupture-still-L1",
        {**CLEARED_SURGERY, "strength": Strength.STRONG, "single_leg_cleared": True},
        ISO,
        "L1",
        RAISED,
        ("DOSE-START-IRRITABLE",),
        ("DOSE-START-ROBUST",),
    ),
    (
        "no-plan-no-dose-or-monitoring",
        {"isometrics_feel": Feel.TOO_PAINFUL},
        CLINICIAN,
        None,
        None,
        (),
        (
            "DOSE-START-IRRITABLE",
            "DOSE-START-ROBUST",
            "DOSE-REST-SCALES",
            "DOSE-NO-RESEARCH-DEFAULT",
            "DOSE-FREQUENCY",
            "DOSE-PHYSIO-OVERRIDE",
            "MON-24H",
        ),
    ),
    # D5 monitoring at assessment time: only the 24 h check is announced
    (
        "plan-announces-24h-check-only",
        {"strength": Strength.STRONG},
        ISO,
        "L6",
        NEUTRAL,
        ("MON-24H",),
        (*MON_LATER, "MON-INSERTIONAL-NEUTRAL-TRIAL"),
    ),
]


def _case_params() -> list[Any]:
    return [pytest.param(*case[1:], id=case[0]) for case in CASES]


@pytest.mark.parametrize(
    ("changes", "verdict", "level", "position", "fires", "absent"), _case_params()
)
def test_rule_table(
    changes: dict[str, Any],
    verdict: Verdict,
    level: str | None,
    position: Position | None,
    fires: tuple[str, ...],
    absent: tuple[str, ...],
) -> None:
    result = recommend(make(**changes))
    assert result.verdict is verdict
    assert result.level == level
    where = [ex.surface if isinstance(ex, HeelRaise) else ex.position for ex in result.exercises]
    assert where == ([] if position is None else [position])
    assert result.stage == ("isotonic" if verdict is ISOTONIC else "isometric")
    for rule_id in fires:
        assert rule_id in result.rules_fired, f"{rule_id} should fire: {result.rules_fired}"
    for rule_id in absent:
        assert rule_id not in result.rules_fired, f"{rule_id} should not fire"
    _check_advice_consistency(result)


def _check_advice_consistency(result: Recommendation) -> None:
    """Every advice names a fired rule; cautions and notes follow the rules' severity."""
    assert len(set(result.rules_fired)) == len(result.rules_fired)
    for advice in (*result.cautions, *result.notes):
        assert advice.rule in result.rules_fired
        assert advice.message
    for advice in result.notes:
        assert advice.rule not in {c.rule for c in result.cautions}


def test_every_assessment_rule_is_exercised_by_the_table() -> None:
    covered = {rule_id for case in CASES for rule_id in (*case[5], *case[6])}
    fired = {rule_id for case in CASES for rule_id in case[5]}
    assessment_ids = set(rules_in(*ASSESSMENT_GROUPS))
    review_only = {
        "DOSE-ISOT-LOAD",
        "DOSE-ISOT-LOAD-CAP",
        "MON-ISOT-STEP-TRIAL",
        "MON-ISOT-HR-TEST",
        "MON-ISOT-SET-PAIN",
    }
    assert assessment_ids - covered == review_only
    # Everything of D1-D4 is shown firing at least once; the physio override fires from
    # review_own_plan, and the later MON rules fire from the diary, not from an assessment.
    d1_to_d4 = set(rules_in(Group.RF, Group.ELIG, Group.POS, Group.DOSE))
    # The step-form and load rules of §E6.4 fire from the weekly review (no assessment
    # starts on a step or with load): tests/domain/test_isotonic_review.py.
    assert d1_to_d4 - fired == {
        "DOSE-PHYSIO-OVERRIDE",
        "POS-ISOT-STEP-FORM",
        "DOSE-ISOT-LOAD",
        "DOSE-ISOT-LOAD-CAP",
    }
    assert set(rules_in(Group.MON)) - fired == {
        *MON_LATER,
        "MON-INSERTIONAL-NEUTRAL-TRIAL",
        "MON-ISOT-STEP-TRIAL",
        "MON-ISOT-HR-TEST",
        "MON-ISOT-SET-PAIN",
    }


def test_catalogue_has_every_digest_id() -> None:
    expected = {
        "RF-RUPTURE-SUSPECT", "RF-DVT", "RF-PE", "RF-INFECTION", "RF-NIGHT-REST-PAIN",
        "RF-INFLAMMATORY", "RF-FLUOROQUINOLONE", "RF-UNCLEARED-RUPTURE", "RF-CALF-STRAIN",
        "ELIG-ISO-TOO-PAINFUL", "ELIG-ISO-INDICATED", "ELIG-ISO-TOO-EASY",
        "START-GOAL-PAIN-RELIEF", "START-COMPETITION-PHASE", "START-FOREFOOT",
        "START-INDIVIDUALISE", "ELIG-UNSURE-GET-ASSESSED", "POS-DEFAULT", "POS-NEUTRAL-FOREFOOT",
        "POS-NEUTRAL-INSERTIONAL-BURSITIS", "POS-HEELRAISED-PARTIAL",
        "POS-HEELRAISED-NO-FULL-TIPTOE", "POS-HEELRAISED-PAIN-RELIEF-HEIGHT",
        "POS-HEELRAISED-STRENGTH-HEIGHT", "POS-HEELDROP-TENDINOPATHY",
        "POS-HEELDROP-INSERTIONAL-BURSITIS", "POS-HEELDROP-POSTOP-EARLY",
        "POS-HEELDROP-POSTOP-LATE", "POS-HEELDROP-CONSERVATIVE", "POS-HEELDROP-UNSURE",
        "POS-HEELDROP-FORM", "POS-STIFFNESS-NOT-STRETCHABLE", "DOSE-START-IRRITABLE",
        "DOSE-START-ROBUST", "DOSE-REST-SCALES", "DOSE-NO-RESEARCH-DEFAULT", "DOSE-FREQUENCY",
        "DOSE-PHYSIO-OVERRIDE", "MON-24H", "MON-PAIN-DURING", "MON-NOT-SETTLED",
        "MON-STIFFNESS-TREND", "MON-INSERTIONAL-NEUTRAL-TRIAL", "PROG-ADVANCE", "PROG-HOLD",
        "PROG-REGRESS", "PROG-SWITCH-ISOTONIC", "PROG-FOREFOOT-STAY-ISO", "PROG-SEE-CLINICIAN",
        "PROG-RUPTURE-SINGLE-LEG-GATE", "PROG-COMPETITION-FREEZE", "PROG-NO-SHORTER-REST",
        "PROG-FLARE-UP-REST", "PROG-REASSESS-LOWER",
        "PROG-NO-IMMEDIATE-RELIEF-METRIC",
        # §E6.4
        "ELIG-ISOT-START", "ELIG-ISOT-RUPTURE-EARLY", "POS-ISOT-FLOOR-ONLY", "POS-ISOT-STEP-FORM",
        "POS-ISOT-HEIGHT", "DOSE-ISOT-LOAD", "DOSE-ISOT-LOAD-CAP", "MON-ISOT-SET-PAIN",
        "MON-ISOT-STEP-TRIAL", "MON-ISOT-HR-TEST", "PROG-ISOT-ADVANCE", "PROG-ISOT-HOLD",
        "PROG-ISOT-REGRESS", "PROG-ISOT-BACK-TO-ISO", "PROG-ISOT-REENTRY", "PROG-ISOT-CAP",
        "PROG-ISOT-MILESTONE", "PROG-ISOT-RUPTURE-REFER",
    }  # fmt: skip
    assert set(RULES) == expected
    for rule_id, entry in RULES.items():
        assert entry.id == rule_id
        assert entry.message.strip()
        assert rule_id.split("-")[0] in {"RF", "ELIG", "START", "POS", "DOSE", "MON", "PROG"}


def test_unknown_rule_id_fails_loudly() -> None:
    with pytest.raises(KeyError, match="NOPE"):
        rule("NOPE")


# The checks named in the issue ------------------------------------------------------------


def test_irritable_midportion_gets_the_gentle_start() -> None:
    result = recommend(make(flares_easily=True))
    assert (result.verdict, result.mode, result.level) == (ISO, Mode.STANDARD, "L1")
    (exercise,) = result.exercises
    assert exercise.legs == 2
    assert exercise.added_load is False
    assert (exercise.reps, exercise.hold_seconds, exercise.rest_seconds) == (3, 10, 15)
    assert exercise.sessions_per_week == 7
    assert "DOSE-START-IRRITABLE" in exercise.rules


def test_strong_settled_midportion_starts_single_leg_at_L6() -> None:
    result = recommend(make(strength=Strength.STRONG))
    assert result.level == "L6"
    (exercise,) = result.exercises
    assert (exercise.legs, exercise.added_load) == (1, False)
    assert (exercise.reps, exercise.hold_seconds, exercise.rest_seconds) == (5, 30, 60)
    assert "DOSE-START-ROBUST" in exercise.rules


def test_insertional_heel_drop_request_is_refused_with_a_caution() -> None:
    result = recommend(
        make(condition=Condition.INSERTIONAL, requested_position=RequestedPosition.HEEL_DROP)
    )
    assert all(ex.position is not Position.HEEL_DROP for ex in result.exercises)
    assert "POS-HEELDROP-INSERTIONAL-BURSITIS" in {c.rule for c in result.cautions}
    assert result.exercises, "a refused position still leaves a plan"


# Shape and details --------------------------------------------------------------------------


def test_json_shape() -> None:
    result = recommend(make(condition=Condition.INSERTIONAL, goal=Goal.PAIN_RELIEF))
    data = result.to_json()
    assert {"verdict", "mode", "level", "exercises", "rules_fired", "cautions", "notes"} <= set(
        data
    )
    assert data["verdict"] == "isometric" and type(data["verdict"]) is str
    assert data["mode"] == "standard"
    assert data["level"] == "L1"
    (exercise,) = data["exercises"]
    assert exercise == {
        "type": "isometric",
        "position": "heel_raised",
        "legs": 2,
        "added_load": False,
        "reps": 3,
        "hold_seconds": 10,
        "rest_seconds": 15,
        "sessions_per_week": 7,
        "rules": list(result.exercises[0].rules),
    }
    assert type(exercise["position"]) is str
    assert data["rules_fired"] == list(result.rules_fired)
    for advice in (*data["cautions"], *data["notes"]):
        assert set(advice) == {"rule", "message"}


def test_json_of_a_blocked_assessment() -> None:
    data = recommend(make(red_flags=(RedFlag.BREATHLESS,))).to_json()
    assert data["verdict"] == "see_clinician"
    assert data["level"] is None
    assert data["exercises"] == []
    assert data["cautions"] == [{"rule": "RF-PE", "message": rule("RF-PE").message}]


def test_competition_mode_never_adds_load_and_is_labelled() -> None:
    result = recommend(make(competition_phase=True, strength=Strength.STRONG))
    assert result.mode is Mode.COMPETITION
    assert result.to_json()["mode"] == "competition"
    assert all(not ex.added_load and ex.load_kg == 0 for ex in result.exercises)
    assert "START-COMPETITION-PHASE" in {n.rule for n in result.notes}


def test_too_easy_in_competition_keeps_optional_holds() -> None:
    # §E6.2: no isotonic start in competition mode; START-COMPETITION-PHASE gives holds.
    result = recommend(make(competition_phase=True, isometrics_feel=Feel.TOO_EASY))
    assert (result.verdict, result.mode, result.stage) == (ISO, Mode.COMPETITION, "isometric")
    assert result.level in ("L1", "L6")
    assert "ELIG-ISOT-START" not in result.rules_fired


def test_isotonic_json_shape() -> None:
    """§E6.5: verdict, stage and level, and one exercise with every isotonic key."""
    result = recommend(make(isometrics_feel=Feel.TOO_EASY, strength=Strength.STRONG))
    data = result.to_json()
    assert (data["verdict"], data["stage"], data["level"]) == ("isotonic", "isotonic", "T2")
    (exercise,) = data["exercises"]
    assert exercise == {
        "type": "isotonic",
        "exercise": "heel_raise",
        "surface": "floor",
        "legs": 2,
        "added_load": False,
        "load_kg": 0.0,
        "sets": 3,
        "reps": 15,
        "tempo": {"up": 3, "top": 0, "down": 3},
        "rest_seconds": 60,
        "sessions_per_week": 7,
        "rules": list(result.exercises[0].rules),
    }
    assert "ELIG-ISOT-START" in data["rules_fired"]


@pytest.mark.parametrize(
    ("age", "steroids", "over_60", "steroid_text"),
    [(None, False, False, False), (59, False, False, False), (60, False, True, False),
     (45, True, False, True), (75, True, True, True)],
)  # fmt: skip
def test_fluoroquinolone_message_adds_risk_sentences(
    age: int | None, steroids: bool, over_60: bool, steroid_text: bool
) -> None:
    result = recommend(
        make(red_flags=(RedFlag.FLUOROQUINOLONE,), age=age, corticosteroids=steroids)
    )
    (caution,) = [c for c in result.cautions if c.rule == "RF-FLUOROQUINOLONE"]
    assert caution.message.startswith(rule("RF-FLUOROQUINOLONE").message)
    assert ("60" in caution.message) is over_60
    assert ("Steroid" in caution.message) is steroid_text


def test_fluoroquinolone_new_pain_is_a_blocking_caution() -> None:
    result = recommend(make(red_flags=(RedFlag.FLUOROQUINOLONE_NEW_PAIN,), age=70))
    assert result.verdict is CLINICIAN
    assert result.rules_fired == ("RF-FLUOROQUINOLONE",)
    assert "60" in result.cautions[0].message


def test_insertional_neutral_trial_flag() -> None:
    trial = recommend(make(condition=Condition.BURSITIS, forefoot_problem=True))
    assert trial.trial is True
    assert trial.to_json()["trial"] is True
    assert "POS-NEUTRAL-INSERTIONAL-BURSITIS" in {c.rule for c in trial.cautions}
    assert "MON-24H" in trial.exercises[0].rules
    assert recommend(make(forefoot_problem=True)).trial is False


def test_refused_full_tiptoe_is_a_caution_and_partial_height_note() -> None:
    result = recommend(make(requested_position=RequestedPosition.FULL_TIPTOE))
    assert "POS-HEELRAISED-NO-FULL-TIPTOE" in {c.rule for c in result.cautions}
    assert "POS-HEELRAISED-PARTIAL" in {n.rule for n in result.notes}


def test_postop_late_heel_drop_is_a_caution_when_used_and_a_note_when_offered() -> None:
    used = recommend(
        make(**CLEARED_SURGERY, weeks=16, requested_position=RequestedPosition.HEEL_DROP)
    )
    assert "POS-HEELDROP-POSTOP-LATE" in {c.rule for c in used.cautions}
    offered = recommend(make(**CLEARED_SURGERY, weeks=16, goal=Goal.RANGE_OF_MOTION))
    assert "POS-HEELDROP-POSTOP-LATE" in {n.rule for n in offered.notes}


def test_forefoot_warning_is_a_caution() -> None:
    result = recommend(
        make(forefoot_problem=True, requested_position=RequestedPosition.HEEL_RAISED)
    )
    assert "POS-NEUTRAL-FOREFOOT" in {c.rule for c in result.cautions}


def test_evaluation_order_follows_the_groups() -> None:
    result = recommend(
        make(
            red_flags=(RedFlag.INFLAMMATORY,),
            condition=Condition.INSERTIONAL,
            requested_position=RequestedPosition.HEEL_DROP,
            goal=Goal.PAIN_RELIEF,
        )
    )
    groups = [RULES[rule_id].group for rule_id in result.rules_fired]
    order = list(Group)
    assert groups == sorted(groups, key=order.index)
    assert result.rules_fired[0] == "RF-INFLAMMATORY"
    assert result.rules_fired[-1] == "MON-24H"


def test_exercise_rules_explain_the_exercise() -> None:
    result = recommend(make(red_flags=(RedFlag.INFLAMMATORY,), strength=Strength.STRONG))
    rules = result.exercises[0].rules
    assert "RF-INFLAMMATORY" in rules
    assert "POS-DEFAULT" in rules
    assert "START-INDIVIDUALISE" not in rules
    assert set(rules) <= set(result.rules_fired)


# validate_own_exercise / review_own_plan ----------------------------------------------------


def _own(position: Position, legs: int = 2) -> Exercise:
    return Exercise(position=position, legs=legs, reps=5, hold_seconds=45, rest_seconds=120)


@pytest.mark.parametrize(
    ("position", "changes", "expected"),
    [
        (DROP, {"condition": Condition.INSERTIONAL}, ["POS-HEELDROP-INSERTIONAL-BURSITIS"]),
        (DROP, {"condition": Condition.BURSITIS, "physio_approved_heel_drop": True}, []),
        (DROP, {}, ["POS-HEELDROP-TENDINOPATHY"]),
        (DROP, {"physio_approved_heel_drop": True}, []),
        (DROP, {**CLEARED_SURGERY, "weeks": 8}, ["POS-HEELDROP-POSTOP-EARLY"]),
        (DROP, {**CLEARED_SURGERY, "weeks": 8, "physio_approved_heel_drop": True},
         ["POS-HEELDROP-POSTOP-EARLY"]),
        (DROP, {**CLEARED_SURGERY, "weeks": 12}, []),
        (DROP, {"condition": Condition.RUPTURE_CONSERVATIVE}, ["POS-HEELDROP-CONSERVATIVE"]),
        (DROP, {"condition": Condition.UNSURE}, ["POS-HEELDROP-UNSURE"]),
        (NEUTRAL, {"condition": Condition.INSERTIONAL}, []),
        (RAISED, {"forefoot_problem": True, "can_do_heel_raises": False},
         ["POS-NEUTRAL-FOREFOOT"]),
        (RAISED, {"forefoot_problem": True}, []),
        (DROP, {"condition": Condition.RUPTURE_CONSERVATIVE, "physio_approved_heel_drop": True,
                "weeks": 11}, ["POS-HEELDROP-CONSERVATIVE"]),
        (DROP, {"condition": Condition.RUPTURE_CONSERVATIVE, "physio_approved_heel_drop": True,
                "weeks": 12}, []),
    ],
)  # fmt: skip
def test_validate_own_exercise(
    position: Position, changes: dict[str, Any], expected: list[str]
) -> None:
    advice = validate_own_exercise(_own(position), make(**changes))
    assert [a.rule for a in advice] == expected
    assert all(a.message for a in advice)


def test_validate_own_heel_drop_without_assessment_gives_a_generic_warning() -> None:
    (advice,) = validate_own_exercise(_own(DROP), None)
    assert advice.rule == "POS-HEELDROP-TENDINOPATHY"
    assert "12 weeks" in advice.message
    assert validate_own_exercise(_own(NEUTRAL), None) == []


def test_review_own_plan_names_the_override_then_each_conflict_once() -> None:
    assessment = make(condition=Condition.INSERTIONAL)
    advice = review_own_plan([_own(DROP), _own(DROP, legs=1), _own(NEUTRAL)], assessment)
    assert [a.rule for a in advice] == [
        "DOSE-PHYSIO-OVERRIDE",
        "POS-HEELDROP-INSERTIONAL-BURSITIS",
    ]
    assert isinstance(advice[0], Advice)
    assert rule("DOSE-PHYSIO-OVERRIDE").group is Group.DOSE


# Ladder and rest table ----------------------------------------------------------------------


def test_ladder_covers_every_level_and_uses_the_rest_table() -> None:
    assert tuple(LADDER) == LEVELS
    for level, step in LADDER.items():
        assert step.level == level
        assert step.rest_seconds == rest_for(step.hold_seconds, step.legs, step.added_load)
        assert (step.reps, step.hold_seconds, step.rest_seconds) != (5, 45, 120)
    assert [s.legs for s in LADDER.values()] == [2, 2, 2, 2, 2, 1, 1, 1]
    assert [s.added_load for s in LADDER.values()] == [False] * 7 + [True]


@pytest.mark.parametrize(
    ("hold", "legs", "load", "rest"),
    [(10, 2, False, 15), (10, 1, False, 20), (10, 2, True, 45), (20, 2, False, 30),
     (20, 1, False, 40), (20, 1, True, 60), (30, 2, False, 45), (30, 1, False, 60),
     (30, 1, True, 90), (45, 2, False, 60), (45, 1, False, 90), (45, 2, True, 120),
     (5, 2, False, 15), (15, 2, False, 30), (60, 1, True, 120)],
)  # fmt: skip
def test_rest_table(hold: int, legs: int, load: bool, rest: int) -> None:
    assert rest_for(hold, legs, load) == rest


@pytest.mark.parametrize(("hold", "legs"), [(0, 2), (10, 3), (10, 0), (True, 2)])
def test_rest_table_refuses_nonsense(hold: int, legs: int) -> None:
    with pytest.raises(DomainError):
        rest_for(hold, legs, False)


def test_rest_never_shrinks_as_hold_or_load_grow() -> None:
    for legs in (1, 2):
        rests = [rest_for(hold, legs, False) for hold in range(1, 90)]
        assert rests == sorted(rests)
        assert all(
            rest_for(hold, legs, True) >= rest_for(hold, legs, False) for hold in range(1, 90)
        )


def test_step_up_and_down_stay_on_the_ladder() -> None:
    assert step_up("L1") == "L2"
    assert step_up("L8") == "L8"
    assert step_down("L2", 2) == "L1"
    assert step_down("L7") == "L6"
    with pytest.raises(DomainError):
        step_up("L9")


def test_severity_of_red_flags() -> None:
    blocking = {r for r in rules_in(Group.RF) if RULES[r].severity is Severity.BLOCK}
    assert blocking == set(rules_in(Group.RF)) - {"RF-INFLAMMATORY", "RF-FLUOROQUINOLONE"}


# Own words -----------------------------------------------------------------------------------

SHARED = Path(__file__).resolve().parents[3] / "shared"


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


def _ngrams(words: list[str], size: int) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}


@pytest.mark.skipif(
    not (SHARED / "source" / "isometrics-article.txt").exists(), reason="source not present"
)
def test_messages_do_not_copy_the_source_article() -> None:
    article = _ngrams(_words((SHARED / "source" / "isometrics-article.txt").read_text()), 7)
    for entry in RULES.values():
        copied = _ngrams(_words(entry.message), 7) & article
        assert not copied, f"{entry.id} copies the article: {copied}"


@pytest.mark.skipif(not (SHARED / "clinical.md").exists(), reason="digest not present")
def test_messages_paraphrase_the_digest_rather_than_copy_it() -> None:
    digest = (SHARED / "clinical.md").read_text()
    quoted = re.findall(r'\| "([^"]+)" \|', digest)
    assert len(quoted) > 20
    digest_sentences = {
        " ".join(_words(sentence))
        for text in quoted
        for sentence in re.split(r"(?<=[.!?])\s+", text)
        if len(_words(sentence)) > 4
    }
    for entry in RULES.values():
        for sentence in re.split(r"(?<=[.!?;])\s+", entry.message):
            assert " ".join(_words(sentence)) not in digest_sentences, entry.id
