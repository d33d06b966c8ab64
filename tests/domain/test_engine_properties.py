"""Safety properties of the engine that must hold for every valid assessment (Hypothesis)."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from achilles_tui.domain.assessment import (
    Assessment,
    Condition,
    Feel,
    Goal,
    RedFlag,
    RequestedPosition,
    Strength,
)
from achilles_tui.domain.engine import Mode, Verdict, is_irritable, recommend, warn_red_flags
from achilles_tui.domain.isotonic import FLOOR_ONLY_CONDITIONS
from achilles_tui.domain.models import LEVELS, T_LEVELS, Exercise, HeelRaise, Position, Surface
from achilles_tui.domain.rules import LADDER, RULES, Group, rest_for

BLOCKING_FLAGS = frozenset(
    {
        RedFlag.POP,
        RedFlag.CALF_SWELLING,
        RedFlag.BREATHLESS,
        RedFlag.INFECTION,
        RedFlag.NIGHT_PAIN,
        RedFlag.FLUOROQUINOLONE_NEW_PAIN,
    }
)

assessments = st.builds(
    Assessment,
    condition=st.sampled_from(Condition),
    side=st.sampled_from(["left", "right", "both"]),
    weeks=st.one_of(st.integers(0, 30), st.integers(0, 5200)),
    forefoot_problem=st.booleans(),
    forefoot_note=st.text(max_size=40),
    flares_easily=st.booleans(),
    strength=st.sampled_from(Strength),
    nervous=st.booleans(),
    goal=st.sampled_from(Goal),
    competition_phase=st.booleans(),
    can_do_heel_raises=st.booleans(),
    isometrics_feel=st.sampled_from(Feel),
    test_hold_pain=st.none() | st.integers(0, 10),
    requested_position=st.none() | st.sampled_from(RequestedPosition),
    rupture_loading_cleared=st.booleans(),
    physio_approved_heel_drop=st.booleans(),
    single_leg_cleared=st.booleans(),
    red_flags=st.lists(st.sampled_from(RedFlag), max_size=3).map(tuple),
    age=st.none() | st.integers(0, 120),
    corticosteroids=st.booleans(),
)
# Most interesting cases get a plan: no red flags, loading cleared, holds feel challenging.
plannable = st.builds(
    lambda a, **kw: Assessment(**{**a.to_dict(), **kw}),
    assessments,
    red_flags=st.just(()),
    rupture_loading_cleared=st.just(True),
    isometrics_feel=st.just("challenging"),
    test_hold_pain=st.none(),
)
any_assessment = st.one_of(assessments, plannable)


@settings(max_examples=300)
@given(assessments)
def test_blocking_red_flag_means_see_clinician_and_no_exercises(assessment: Assessment) -> None:
    result = recommend(assessment)
    if BLOCKING_FLAGS & set(assessment.red_flags):
        assert result.verdict is Verdict.SEE_CLINICIAN
        assert result.exercises == ()
        assert result.level is None
        assert all(RULES[rule_id].group is Group.RF for rule_id in result.rules_fired)


@settings(max_examples=300)
@given(any_assessment)
def test_heel_drop_only_where_the_position_rules_allow_it(assessment: Assessment) -> None:
    result = recommend(assessment)
    if not any(getattr(ex, "position", None) is Position.HEEL_DROP for ex in result.exercises):
        return
    assert assessment.requested_position is RequestedPosition.HEEL_DROP
    condition = assessment.condition
    assert condition not in (Condition.UNSURE, Condition.CALF_STRAIN)
    if condition in (Condition.MIDPORTION, Condition.INSERTIONAL, Condition.BURSITIS):
        assert assessment.physio_approved_heel_drop
    if condition is Condition.RUPTURE_CONSERVATIVE:
        assert assessment.physio_approved_heel_drop
    if condition is Condition.RUPTURE_SURGERY:
        assert assessment.weeks >= 12
    assert "POS-HEELDROP-FORM" in result.exercises[0].rules


@settings(max_examples=300)
@given(any_assessment)
def test_full_tiptoe_is_never_used_and_always_explained(assessment: Assessment) -> None:
    result = recommend(assessment)
    holds = [ex for ex in result.exercises if isinstance(ex, Exercise)]
    assert all(isinstance(ex.position, Position) for ex in holds)
    if (
        assessment.requested_position is RequestedPosition.FULL_TIPTOE
        and result.verdict is Verdict.ISOMETRIC
    ):
        assert "POS-HEELRAISED-NO-FULL-TIPTOE" in {c.rule for c in result.cautions}
        expected = Position.NEUTRAL if assessment.forefoot_block else Position.HEEL_RAISED
        assert [ex.position for ex in result.exercises] == [expected]


@settings(max_examples=300)
@given(any_assessment)
def test_never_the_research_protocol(assessment: Assessment) -> None:
    for exercise in recommend(assessment).exercises:
        if isinstance(exercise, Exercise):
            assert (exercise.reps, exercise.hold_seconds, exercise.rest_seconds) != (5, 45, 120)
        else:  # never Alfredson's 180 raises a day (§E6.1)
            assert exercise.sets * exercise.reps * exercise.sessions_per_week <= 15 * 3 * 7


@settings(max_examples=300)
@given(any_assessment)
def test_level_is_none_exactly_when_there_are_no_exercises(assessment: Assessment) -> None:
    result = recommend(assessment)
    assert (result.level is None) == (result.exercises == ())
    assert (result.verdict is not Verdict.SEE_CLINICIAN) == bool(result.exercises)
    if result.verdict is Verdict.ISOMETRIC:
        assert result.level in LEVELS and result.stage == "isometric"
    if result.verdict is Verdict.ISOTONIC:
        assert result.level in T_LEVELS and result.stage == "isotonic"


@settings(max_examples=300)
@given(any_assessment)
def test_plans_follow_the_ladder_and_the_safety_limits(assessment: Assessment) -> None:
    result = recommend(assessment)
    for exercise in result.exercises:
        assert result.level is not None
        if isinstance(exercise, HeelRaise):
            assert not exercise.added_load, "no start step carries added load"
            assert set(exercise.rules) <= set(result.rules_fired)
            continue
        step = LADDER[result.level]
        assert (exercise.legs, exercise.reps, exercise.hold_seconds) == (
            step.legs,
            step.reps,
            step.hold_seconds,
        )
        assert exercise.rest_seconds == rest_for(
            exercise.hold_seconds, exercise.legs, exercise.added_load
        )
        assert exercise.sessions_per_week == 7
        assert not exercise.added_load, "no start level carries added load"
        assert set(exercise.rules) <= set(result.rules_fired)
    if result.exercises and (
        assessment.condition in (Condition.UNSURE, Condition.RUPTURE_SURGERY)
        or assessment.condition is Condition.RUPTURE_CONSERVATIVE
        or {RedFlag.INFLAMMATORY, RedFlag.FLUOROQUINOLONE} & set(assessment.red_flags)
        or assessment.strength is Strength.WEAK
    ):
        assert result.level in ("L1", "T1")
    if result.mode is Mode.COMPETITION:
        assert all(not ex.added_load for ex in result.exercises)
    assert result.mode is (Mode.COMPETITION if assessment.competition_phase else Mode.STANDARD)


@settings(max_examples=300)
@given(any_assessment)
def test_rules_fired_are_unique_known_and_in_group_order(assessment: Assessment) -> None:
    result = recommend(assessment)
    fired = result.rules_fired
    assert len(fired) == len(set(fired))
    order = list(Group)
    groups = [RULES[rule_id].group for rule_id in fired]
    assert groups == sorted(groups, key=order.index)
    assert Group.PROG not in groups
    for advice in (*result.cautions, *result.notes):
        assert advice.rule in fired
    for rule_id in fired:
        if RULES[rule_id].severity == "BLOCK":
            assert result.verdict is Verdict.SEE_CLINICIAN


@settings(max_examples=200)
@given(any_assessment)
def test_refused_heel_drop_always_leaves_a_caution(assessment: Assessment) -> None:
    result = recommend(assessment)
    if (
        assessment.requested_position is RequestedPosition.HEEL_DROP
        and result.verdict is Verdict.ISOMETRIC
        and getattr(result.exercises[0], "position", None) is not Position.HEEL_DROP
    ):
        refusals = {c.rule for c in result.cautions if c.rule.startswith("POS-HEELDROP-")}
        assert refusals, result.rules_fired


@settings(max_examples=200)
@given(any_assessment)
def test_json_is_plain_and_stable(assessment: Assessment) -> None:
    result = recommend(assessment)
    data = result.to_json()
    assert json.loads(json.dumps(data)) == data
    assert data["verdict"] in {"isometric", "isotonic", "see_clinician"}
    assert recommend(assessment) == result, "the engine is deterministic"


@settings(max_examples=200)
@given(assessments)
def test_assessment_survives_storage(assessment: Assessment) -> None:
    assert Assessment.from_dict(assessment.to_dict()) == assessment


@settings(max_examples=300)
@given(any_assessment)
def test_isotonic_start_only_where_section_e6_2_allows_it(assessment: Assessment) -> None:
    """§E6.2/§E6.3 invariants: no heel-raise start with a forefoot block, a WARN flag, in
    competition or under 8 weeks after a rupture; never a step for a floor-only condition;
    the start step is T1-T3 and within the condition's cap."""
    result = recommend(assessment)
    if result.verdict is not Verdict.ISOTONIC:
        return
    assert not assessment.forefoot_block
    assert not warn_red_flags(assessment)
    assert result.mode is Mode.STANDARD
    assert assessment.isometrics_feel is Feel.TOO_EASY and assessment.can_do_heel_raises
    if assessment.condition in (Condition.RUPTURE_SURGERY, Condition.RUPTURE_CONSERVATIVE):
        assert assessment.weeks >= 8
    (exercise,) = result.exercises
    assert isinstance(exercise, HeelRaise)
    assert result.level in ("T1", "T2", "T3")
    if assessment.condition in FLOOR_ONLY_CONDITIONS:
        assert exercise.surface is Surface.FLOOR
        assert "POS-ISOT-FLOOR-ONLY" in result.rules_fired
    if is_irritable(assessment):
        assert result.level == "T1"
    assert "ELIG-ISOT-START" in result.rules_fired
