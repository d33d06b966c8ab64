"""The rules as amended in clinical.md for the care state, one table per rule id."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from achilles_tui.domain.assessment import Assessment, Condition, RedFlag, RequestedPosition
from achilles_tui.domain.counting import PlanTimeline
from achilles_tui.domain.engine import (
    Advice,
    Verdict,
    blocking_sign_rules,
    recommend,
    review_own_plan,
)
from achilles_tui.domain.models import DayKind, Exercise, Position
from achilles_tui.domain.morning import LOWER, RAISED, morning_advice
from achilles_tui.domain.progression import POSITION_CHANGE, ReviewContext, Suggestion
from achilles_tui.domain.review_context import plan_from_review
from achilles_tui.domain.rules import RULES, Severity
from achilles_tui.domain.weekly_review import review_week
from tests.care.builders import TODAY, at, day, plan, session

TRIAL = ("POS-NEUTRAL-INSERTIONAL-BURSITIS",)


def assess(**changes: Any) -> Any:
    values: dict[str, Any] = {"condition": Condition.MIDPORTION, **changes}
    return recommend(Assessment(**values))


def cautions(result: Any) -> list[str]:
    return [c.rule for c in result.cautions]


@pytest.mark.parametrize(
    ("changes", "position", "severity_in"),
    [
        ({"forefoot_problem": True}, Position.NEUTRAL, "rules_fired"),
        ({"forefoot_problem": True, "goal": "pain-relief"}, Position.NEUTRAL, "rules_fired"),
        (
            {"forefoot_problem": True, "requested_position": RequestedPosition.NEUTRAL},
            Position.NEUTRAL,
            "rules_fired",
        ),
        (
            {"forefoot_problem": True, "requested_position": RequestedPosition.HEEL_RAISED},
            Position.HEEL_RAISED,
            "cautions",
        ),
        (
            {
                "forefoot_problem": True,
                "can_do_heel_raises": False,
                "requested_position": RequestedPosition.HEEL_RAISED,
            },
            Position.NEUTRAL,
            "cautions",
        ),
    ],
)
def test_pos_neutral_forefoot_fires_whenever_the_forefoot_hurts(
    changes: dict[str, Any], position: Position, severity_in: str
) -> None:
    result = assess(**changes)
    assert "POS-NEUTRAL-FOREFOOT" in result.rules_fired
    assert result.exercises[0].position is position
    assert ("POS-NEUTRAL-FOREFOOT" in cautions(result)) is (severity_in == "cautions")
    assert "POS-NEUTRAL-FOREFOOT" not in assess().rules_fired


@pytest.mark.parametrize("condition", [Condition.INSERTIONAL, Condition.BURSITIS])
@pytest.mark.parametrize("approved", [False, True])
def test_pos_heeldrop_insertional_bursitis_is_a_warning_even_when_approved(
    condition: Condition, approved: bool
) -> None:
    result = assess(
        condition=condition,
        requested_position=RequestedPosition.HEEL_DROP,
        physio_approved_heel_drop=approved,
    )
    rule_id = "POS-HEELDROP-INSERTIONAL-BURSITIS"
    assert rule_id in cautions(result)
    message = next(c.message for c in result.cautions if c.rule == rule_id)
    expected = Position.HEEL_DROP if approved else Position.HEEL_RAISED
    assert result.exercises[0].position is expected
    assert ("Your physio approved it" in message) is approved
    assert ("It is not used" in message) is not approved


@pytest.mark.parametrize(
    ("approved", "weeks", "allowed"),
    [(False, 20, False), (True, 0, False), (True, 11, False), (True, 12, True), (True, 30, True)],
)
def test_pos_heeldrop_conservative_keeps_the_12_week_floor(
    approved: bool, weeks: int, allowed: bool
) -> None:
    result = assess(
        condition=Condition.RUPTURE_CONSERVATIVE,
        rupture_loading_cleared=True,
        requested_position=RequestedPosition.HEEL_DROP,
        physio_approved_heel_drop=approved,
        weeks=weeks,
    )
    assert (result.exercises[0].position is Position.HEEL_DROP) is allowed
    assert ("POS-HEELDROP-CONSERVATIVE" in result.rules_fired) is not allowed


@pytest.mark.parametrize("condition", list(Condition))
def test_elig_unsure_get_assessed_is_a_caution_for_unsure_only(condition: Condition) -> None:
    result = assess(condition=condition, rupture_loading_cleared=True)
    expected = condition is Condition.UNSURE
    assert ("ELIG-UNSURE-GET-ASSESSED" in cautions(result)) is expected
    assert RULES["ELIG-UNSURE-GET-ASSESSED"].severity is Severity.WARN


@pytest.mark.parametrize(
    ("can_raise", "sudden", "blocked"),
    [(True, False, False), (True, True, False), (False, False, False), (False, True, True)],
)
def test_d2_note_sudden_inability_to_rise_is_a_suspected_rupture(
    can_raise: bool, sudden: bool, blocked: bool
) -> None:
    result = assess(can_do_heel_raises=can_raise, sudden_onset=sudden)
    assert (result.verdict is Verdict.SEE_CLINICIAN) is blocked
    assert ("RF-RUPTURE-SUSPECT" in result.rules_fired) is blocked


def test_d2_note_single_leg_clearance_after_rupture_opens_the_l5_gate() -> None:
    week = [TODAY - dt.timedelta(days=n) for n in range(6, -1, -1)]
    diary = [day(d) for d in week]
    sessions = [session(d) for d in week]
    base: dict[str, Any] = {"level": "L5", "condition": Condition.RUPTURE_SURGERY}
    gated = review_week(TODAY, diary, sessions, ReviewContext(**base))
    assert "PROG-RUPTURE-SINGLE-LEG-GATE" in gated.rules_fired
    cleared = review_week(TODAY, diary, sessions, ReviewContext(**base, single_leg_cleared=True))
    assert cleared.suggestion is Suggestion.PROGRESS and cleared.level_to == "L6"


def _trial_week(settled_after: bool, forefoot_block: bool = False) -> Any:
    trial_plan = plan("L3", created=at(-30), rules=TRIAL)
    week = [TODAY - dt.timedelta(days=n) for n in range(6, -1, -1)]
    diary = [day(d, settled=settled_after or d != week[3]) for d in week]
    sessions = [session(d) for d in week]
    context = ReviewContext(
        level="L3",
        trial=True,
        forefoot_block=forefoot_block,
        timeline=PlanTimeline([trial_plan]),
    )
    return trial_plan, review_week(TODAY, diary, sessions, context)


def test_mon_insertional_neutral_trial_fires_in_the_review_with_a_position_change() -> None:
    trial_plan, review = _trial_week(settled_after=False)
    assert "MON-INSERTIONAL-NEUTRAL-TRIAL" in review.rules_fired
    assert POSITION_CHANGE in review.changes
    assert review.level_to == review.level_from  # one unsettled morning: AMBER, same level
    (exercise,) = plan_from_review(trial_plan, review)
    assert exercise.position is Position.HEEL_RAISED
    assert "POS-NEUTRAL-INSERTIONAL-BURSITIS" not in exercise.rules


def test_mon_insertional_neutral_trial_with_a_forefoot_block_changes_no_position() -> None:
    _plan, review = _trial_week(settled_after=False, forefoot_block=True)
    assert "MON-INSERTIONAL-NEUTRAL-TRIAL" in review.rules_fired
    assert POSITION_CHANGE not in review.changes


def test_mon_insertional_neutral_trial_is_quiet_when_mornings_settle() -> None:
    _plan, review = _trial_week(settled_after=True)
    assert "MON-INSERTIONAL-NEUTRAL-TRIAL" not in review.rules_fired


def test_mon_insertional_neutral_trial_shows_in_the_diary_that_morning() -> None:
    trial_plan = plan("L3", rules=TRIAL)
    yesterday = TODAY - dt.timedelta(days=1)
    morning = day(TODAY, settled=False)
    advice, offer = morning_advice(morning, [morning], trial_plan, [session(yesterday)])
    assert [a.rule for a in advice] == ["MON-INSERTIONAL-NEUTRAL-TRIAL"]
    assert offer is not None and offer.default == RAISED and offer.choices[1] == LOWER
    advice, offer = morning_advice(morning, [morning], trial_plan, [session(yesterday)], True)
    assert offer is not None and RAISED not in offer.choices
    advice, offer = morning_advice(morning, [morning], plan("L3"), [session(yesterday)])
    assert [a.rule for a in advice] == ["MON-NOT-SETTLED"] and offer is None


def test_prog_flare_up_rest_is_said_on_the_flare_up_morning() -> None:
    advice, _offer = morning_advice(day(TODAY, kind=DayKind.FLARE_UP), [], plan(), [])
    assert "PROG-FLARE-UP-REST" in [a.rule for a in advice]


def test_dose_physio_override_names_blocks_and_short_rest_of_an_edited_dose() -> None:
    short = Exercise(Position.NEUTRAL, legs=2, reps=5, hold_seconds=30, rest_seconds=10)
    block = Advice("RF-UNCLEARED-RUPTURE", "after a rupture...")
    physio = review_own_plan([short], None, [block])
    assert [a.rule for a in physio] == ["DOSE-PHYSIO-OVERRIDE", "RF-UNCLEARED-RUPTURE"]
    edited = review_own_plan([short], None, edited=True)
    assert [a.rule for a in edited] == ["DOSE-PHYSIO-OVERRIDE", "DOSE-REST-SCALES"]
    assert "45 s" in edited[1].message
    enough = Exercise(Position.NEUTRAL, legs=2, reps=5, hold_seconds=30, rest_seconds=45)
    assert [a.rule for a in review_own_plan([enough], None, edited=True)] == [
        "DOSE-PHYSIO-OVERRIDE"
    ]


def test_blocking_sign_rules_come_from_the_answers() -> None:
    answers = Assessment(
        condition=Condition.MIDPORTION,
        red_flags=(RedFlag.INFLAMMATORY, RedFlag.FLUOROQUINOLONE_NEW_PAIN, RedFlag.CALF_SWELLING),
    )
    assert blocking_sign_rules(answers) == ("RF-DVT", "RF-FLUOROQUINOLONE")
    assert blocking_sign_rules(Assessment(condition=Condition.RUPTURE_SURGERY)) == ()
