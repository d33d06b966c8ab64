"""The Assessment record: §A defaults, validation, and a storage round trip that loses nothing."""

from __future__ import annotations

import json
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
from achilles_tui.domain.models import DomainError


@pytest.mark.parametrize(
    ("enum_type", "values"),
    [
        (
            Condition,
            {
                "midportion",
                "insertional",
                "bursitis",
                "rupture-surgery",
                "rupture-conservative",
                "calf-strain",
                "unsure",
            },
        ),
        (Goal, {"pain-relief", "strength", "range-of-motion"}),
        (Feel, {"too-easy", "challenging", "too-painful"}),
        (Strength, {"weak", "strong"}),
        (RequestedPosition, {"neutral", "heel-raised", "heel-drop", "full-tiptoe"}),
        (
            RedFlag,
            {
                "pop",
                "calf-swelling",
                "breathless",
                "infection",
                "night-pain",
                "inflammatory",
                "fluoroquinolone",
                "fluoroquinolone-new-pain",
            },
        ),
    ],
)
def test_enum_values_are_the_cli_values(enum_type: Any, values: set[str]) -> None:
    assert {member.value for member in enum_type} == values


def test_defaults_follow_section_a() -> None:
    assessment = Assessment(Condition.MIDPORTION)
    assert assessment.side == "left"
    assert assessment.weeks == 0
    assert assessment.strength is Strength.WEAK
    assert assessment.goal is Goal.STRENGTH
    assert assessment.isometrics_feel is Feel.CHALLENGING
    assert assessment.can_do_heel_raises is True
    assert assessment.requested_position is None
    assert assessment.test_hold_pain is None
    assert assessment.red_flags == ()
    assert assessment.age is None
    for name in (
        "forefoot_problem",
        "flares_easily",
        "nervous",
        "competition_phase",
        "rupture_loading_cleared",
        "physio_approved_heel_drop",
        "single_leg_cleared",
        "corticosteroids",
    ):
        assert getattr(assessment, name) is False, name


@pytest.mark.parametrize(
    ("changes", "fragment"),
    [
        ({"test_hold_pain": 11}, "test hold pain"),
        ({"test_hold_pain": -1}, "test hold pain"),
        ({"test_hold_pain": 4.5}, "test hold pain"),
        ({"weeks": -1}, "weeks"),
        ({"weeks": True}, "weeks"),
        ({"weeks": "3"}, "weeks"),
        ({"age": 121}, "age"),
        ({"age": -2}, "age"),
        ({"condition": "tennis-elbow"}, "condition"),
        ({"side": "middle"}, "side"),
        ({"goal": "speed"}, "goal"),
        ({"strength": "medium"}, "strength"),
        ({"isometrics_feel": "fine"}, "isometrics feel"),
        ({"requested_position": "tiptoe"}, "requested position"),
        ({"red_flags": ("pop", "headache")}, "red flag"),
        ({"red_flags": "pop"}, "red flags"),
        ({"forefoot_problem": "yes"}, "forefoot problem"),
        ({"physio_approved_heel_drop": 1}, "physio approved heel drop"),
        ({"forefoot_note": "x" * 2001}, "note"),
    ],
)
def test_invalid_values_are_refused_with_a_named_field(
    changes: dict[str, Any], fragment: str
) -> None:
    values: dict[str, Any] = {"condition": "midportion", **changes}
    with pytest.raises(DomainError, match=fragment):
        Assessment(**values)


def test_cli_strings_are_turned_into_enums() -> None:
    assessment = Assessment(
        condition="insertional",  # type: ignore[arg-type]
        side="Both",
        goal="pain-relief",  # type: ignore[arg-type]
        strength="strong",  # type: ignore[arg-type]
        isometrics_feel="too-easy",  # type: ignore[arg-type]
        requested_position="heel-drop",  # type: ignore[arg-type]
        red_flags=("pop", "pop", "inflammatory"),  # type: ignore[arg-type]
    )
    assert assessment.condition is Condition.INSERTIONAL
    assert assessment.side == "both"
    assert assessment.goal is Goal.PAIN_RELIEF
    assert assessment.strength is Strength.STRONG
    assert assessment.isometrics_feel is Feel.TOO_EASY
    assert assessment.requested_position is RequestedPosition.HEEL_DROP
    assert assessment.red_flags == (RedFlag.POP, RedFlag.INFLAMMATORY)


def test_boundaries_are_accepted() -> None:
    low = Assessment(Condition.UNSURE, test_hold_pain=0, weeks=0, age=0)
    high = Assessment(Condition.UNSURE, test_hold_pain=10, age=120, weeks=104)
    assert (low.test_hold_pain, high.test_hold_pain) == (0, 10)


@pytest.mark.parametrize(
    ("forefoot_problem", "can_do_heel_raises", "blocked"),
    [(False, True, False), (False, False, False), (True, True, False), (True, False, True)],
)
def test_forefoot_block_needs_both_a_sore_forefoot_and_no_heel_raises(
    forefoot_problem: bool, can_do_heel_raises: bool, blocked: bool
) -> None:
    assessment = Assessment(
        Condition.MIDPORTION,
        forefoot_problem=forefoot_problem,
        can_do_heel_raises=can_do_heel_raises,
    )
    assert assessment.forefoot_block is blocked


def _full() -> Assessment:
    return Assessment(
        condition=Condition.RUPTURE_SURGERY,
        side="right",
        weeks=14,
        forefoot_problem=True,
        forefoot_note="Morton's neuroma, 3rd web space",
        flares_easily=True,
        strength=Strength.STRONG,
        nervous=True,
        goal=Goal.RANGE_OF_MOTION,
        competition_phase=True,
        can_do_heel_raises=False,
        isometrics_feel=Feel.TOO_EASY,
        test_hold_pain=3,
        requested_position=RequestedPosition.FULL_TIPTOE,
        rupture_loading_cleared=True,
        physio_approved_heel_drop=True,
        single_leg_cleared=True,
        red_flags=(RedFlag.FLUOROQUINOLONE, RedFlag.INFLAMMATORY),
        age=64,
        corticosteroids=True,
    )


@pytest.mark.parametrize("assessment", [Assessment(Condition.UNSURE), _full()])
def test_dict_round_trip_survives_json(assessment: Assessment) -> None:
    stored = json.loads(json.dumps(assessment.to_dict()))
    assert Assessment.from_dict(stored) == assessment


def test_to_dict_holds_only_json_primitives() -> None:
    data = _full().to_dict()
    assert data["condition"] == "rupture-surgery"
    assert type(data["condition"]) is str
    assert data["red_flags"] == ["fluoroquinolone", "inflammatory"]
    assert all(type(flag) is str for flag in data["red_flags"])
    assert data["requested_position"] == "full-tiptoe"
    assert data["test_hold_pain"] == 3


def test_from_dict_ignores_unknown_keys_and_fills_defaults() -> None:
    assessment = Assessment.from_dict({"condition": "bursitis", "added_in_v9": 1})
    assert assessment == Assessment(Condition.BURSITIS)


@pytest.mark.parametrize(
    "data",
    [{}, {"condition": "midportion", "weeks": -3}, {"condition": "midportion", "age": "old"}],
)
def test_from_dict_refuses_bad_records(data: dict[str, Any]) -> None:
    with pytest.raises(DomainError):
        Assessment.from_dict(data)


def test_assessment_is_immutable() -> None:
    assessment = Assessment(Condition.MIDPORTION)
    with pytest.raises(AttributeError):
        assessment.weeks = 3  # type: ignore[misc]
