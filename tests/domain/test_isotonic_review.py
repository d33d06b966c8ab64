"""The weekly review in and around the isotonic stage: one table row per §E6.4 rule id."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from achilles_tui.domain import isotonic
from achilles_tui.domain.assessment import Condition
from achilles_tui.domain.isotonic import Profile
from achilles_tui.domain.models import (
    MAX_RAISE_LOAD_KG,
    T_LEVELS,
    DayKind,
    Effort,
    HeelRaise,
    HeelRaiseTest,
    Plan,
    Surface,
)
from achilles_tui.domain.progression import Change, PastWeek, Review, Suggestion
from achilles_tui.domain.review_context import plan_from_review
from tests.domain.test_progression import END, day, history, review, sessions

MID, INS = Condition.MIDPORTION, Condition.INSERTIONAL
SURG, UNSURE = Condition.RUPTURE_SURGERY, Condition.UNSURE
GREEN_PAST = (PastWeek("progress", red=False, green=True),)
AMBER_WEEK = [4, 5, 4, 5, 2, 2, 2]
RED_WEEK = [6, 6, 2, 2, 2, 2, 2]


def good_test(**changes: Any) -> HeelRaiseTest:
    """A heel-raise test that meets every milestone figure, 3 days before the week's end."""
    values: dict[str, Any] = {
        "date": day(3),
        "reps_affected": 24,
        "reps_other": 25,
        "test_pain": 1,
    }
    values.update(changes)
    return HeelRaiseTest(**values)


def t_review(level: str, logs: Any = None, diary: Any = None, **context: Any) -> Review:
    """A review of a heel-raise week at ``level`` for a mid-portion person by default."""
    context.setdefault("profile", Profile(condition=MID))
    context.setdefault("condition", context["profile"].condition)
    return review(diary=diary, logs=logs, level=level, **context)


def fired(result: Review) -> set[str]:
    return set(result.rules_fired)


# -- one row per rule id (the week, the context) -> (suggestion, level_to, rules) ----------------

ROWS: list[tuple[str, dict[str, Any], Suggestion, str, set[str]]] = [
    ("advance", {"level": "T3"}, Suggestion.PROGRESS, "T4", {"PROG-ISOT-ADVANCE"}),
    (
        "advance-onto-the-step",
        {"level": "T5"},
        Suggestion.PROGRESS,
        "T6",
        {"PROG-ISOT-ADVANCE", "POS-ISOT-STEP-FORM", "POS-ISOT-HEIGHT"},
    ),
    (
        "floor-only-skips-T6",
        {"level": "T5", "profile": Profile(condition=INS)},
        Suggestion.PROGRESS,
        "T7",
        {"PROG-ISOT-ADVANCE"},
    ),
    ("amber-holds", {"level": "T4", "logs": AMBER_WEEK}, Suggestion.HOLD, "T4", {"PROG-ISOT-HOLD"}),
    ("red-steps-back", {"level": "T4", "logs": RED_WEEK}, Suggestion.REGRESS, "T3",
     {"PROG-ISOT-REGRESS", "MON-ISOT-SET-PAIN"}),
    ("pain-over-7-two-steps", {"level": "T5", "logs": [8, 2, 2, 2, 2, 2, 2]}, Suggestion.REGRESS,
     "T3", {"PROG-ISOT-REGRESS"}),
    ("red-at-T1-back-to-holds", {"level": "T1", "logs": RED_WEEK}, Suggestion.SWITCH_TO_ISOMETRIC,
     "L4", {"PROG-ISOT-BACK-TO-ISO"}),
    ("pain-over-7-at-T2-back-to-L2", {"level": "T2", "logs": [8, 2, 2, 2, 2, 2, 2]},
     Suggestion.SWITCH_TO_ISOMETRIC, "L2", {"PROG-ISOT-BACK-TO-ISO"}),
    ("two-flare-ups-back-to-holds",
     {"level": "T6", "diary": history(week={1: {"day": DayKind.FLARE_UP},
                                            3: {"day": DayKind.FLARE_UP}})},
     Suggestion.SWITCH_TO_ISOMETRIC, "L4", {"PROG-ISOT-BACK-TO-ISO"}),
    ("rupture-at-T2-capped", {"level": "T2", "profile": Profile(condition=SURG, weeks=10)},
     Suggestion.HOLD, "T2", {"PROG-ISOT-CAP", "PROG-ISOT-HOLD"}),
    ("unsure-at-T2-capped", {"level": "T2", "profile": Profile(condition=UNSURE)},
     Suggestion.HOLD, "T2", {"PROG-ISOT-CAP"}),
    ("rupture-at-T5-capped-and-referred",
     {"level": "T5", "previous_verdicts": GREEN_PAST,
      "profile": Profile(condition=SURG, weeks=16, single_leg_cleared=True)},
     Suggestion.HOLD, "T5", {"PROG-ISOT-CAP", "PROG-ISOT-RUPTURE-REFER"}),
    ("load-up-at-T8", {"level": "T8", "load_kg": 5.0}, Suggestion.PROGRESS, "T8",
     {"DOSE-ISOT-LOAD", "MON-ISOT-HR-TEST"}),
    ("load-at-most-once-a-week", {"level": "T8", "load_kg": 7.5, "load_raise_allowed": False},
     Suggestion.HOLD, "T8", {"PROG-ISOT-HOLD"}),
    ("load-cap", {"level": "T8", "load_kg": 20.0}, Suggestion.HOLD, "T8",
     {"DOSE-ISOT-LOAD-CAP"}),
    ("test-offered-at-T7", {"level": "T7"}, Suggestion.PROGRESS, "T8", {"MON-ISOT-HR-TEST"}),
    ("milestone",
     {"level": "T8", "load_kg": 10.0, "previous_verdicts": GREEN_PAST, "hr_test": good_test(),
      "hr_test_settled": True},
     Suggestion.PROGRESS, "T8", {"PROG-ISOT-MILESTONE", "DOSE-ISOT-LOAD"}),
    ("competition-freezes", {"level": "T4", "mode": "competition"}, Suggestion.HOLD, "T4",
     {"PROG-COMPETITION-FREEZE", "PROG-ISOT-HOLD"}),
    ("warn-flag-freezes", {"level": "T4", "warn_flags_active": ("RF-INFLAMMATORY",)},
     Suggestion.HOLD, "T4", {"RF-INFLAMMATORY", "PROG-ISOT-HOLD"}),
    ("two-red-weeks-see-clinician",
     {"level": "T4", "logs": RED_WEEK, "previous_verdicts": ("regress",)},
     Suggestion.SEE_CLINICIAN, "T4", {"PROG-SEE-CLINICIAN"}),
]  # fmt: skip


@pytest.mark.parametrize(
    ("context", "suggestion", "level_to", "rules"),
    [pytest.param(*row[1:], id=row[0]) for row in ROWS],
)
def test_rule_table(
    context: dict[str, Any], suggestion: Suggestion, level_to: str, rules: set[str]
) -> None:
    values = dict(context)
    level = values.pop("level")
    pains = values.pop("logs", None)
    logs = sessions(pains) if pains is not None else None
    result = t_review(level, logs=logs, **values)
    assert result.suggestion is suggestion, result.reasons
    assert (result.level_from, result.level_to) == (level, level_to)
    assert rules <= fired(result), result.rules_fired
    assert result.stage_from == "isotonic"
    assert result.stage_to == ("isometric" if level_to.startswith("L") else "isotonic")
    assert "PROG-SWITCH-ISOTONIC" not in fired(result), "E2's switch row is skipped"
    for reason in result.reasons:
        assert reason.message.strip() and reason.rule in result.rules_fired


def test_every_section_e6_4_rule_id_has_a_row_here_or_in_the_engine_table() -> None:
    from tests.domain.test_engine import CASES

    covered = {r for row in ROWS for r in row[4]}
    covered |= {r for case in CASES for r in case[5]}
    covered |= {"ELIG-ISOT-RUPTURE-EARLY", "PROG-ISOT-REENTRY", "MON-ISOT-STEP-TRIAL"}  # below
    e6_4 = {
        "ELIG-ISOT-START", "ELIG-ISOT-RUPTURE-EARLY", "POS-ISOT-FLOOR-ONLY", "POS-ISOT-STEP-FORM",
        "POS-ISOT-HEIGHT", "DOSE-ISOT-LOAD", "DOSE-ISOT-LOAD-CAP", "MON-ISOT-SET-PAIN",
        "MON-ISOT-STEP-TRIAL", "MON-ISOT-HR-TEST", "PROG-ISOT-ADVANCE", "PROG-ISOT-HOLD",
        "PROG-ISOT-REGRESS", "PROG-ISOT-BACK-TO-ISO", "PROG-ISOT-REENTRY", "PROG-ISOT-CAP",
        "PROG-ISOT-MILESTONE", "PROG-ISOT-RUPTURE-REFER",
    }  # fmt: skip
    assert e6_4 - covered == set()


# -- the switch from holds, both ways in ---------------------------------------------------------


@pytest.mark.parametrize(
    ("irritable", "profile", "start", "floor_rule"),
    [
        (False, Profile(condition=MID), "T3", False),
        (True, Profile(condition=MID), "T1", False),
        (False, Profile(condition=INS), "T3", True),
        (False, Profile(condition=SURG, weeks=12, single_leg_cleared=True), "T1", True),
    ],
)
def test_switch_from_l8_starts_at_the_e6_2_step(
    irritable: bool, profile: Profile, start: str, floor_rule: bool
) -> None:
    result = review(
        level="L8", irritable=irritable, profile=profile, condition=profile.condition,
        single_leg_cleared=profile.single_leg_cleared,
    )  # fmt: skip
    assert result.suggestion is Suggestion.SWITCH_TO_ISOTONIC
    assert (result.level_from, result.level_to) == ("L8", start)
    assert {"PROG-SWITCH-ISOTONIC", "ELIG-ISOT-START", "POS-ISOT-HEIGHT"} <= fired(result)
    assert ("POS-ISOT-FLOOR-ONLY" in fired(result)) is floor_rule


def test_rupture_under_8_weeks_keeps_the_holds() -> None:
    profile = Profile(condition=SURG, weeks=6, single_leg_cleared=True)
    result = review(
        level="L8", profile=profile, condition=SURG, single_leg_cleared=True, irritable=True
    )
    assert result.suggestion is Suggestion.HOLD
    assert result.level_to == "L8"
    assert "ELIG-ISOT-RUPTURE-EARLY" in fired(result)
    assert "PROG-SWITCH-ISOTONIC" not in fired(result)


def test_reentry_after_two_green_weeks_restarts_at_T1() -> None:
    once = review(level="L4", back_to_iso=True, profile=Profile(condition=MID))
    assert once.suggestion is Suggestion.PROGRESS, "one good week is not enough"
    twice = review(
        level="L4", back_to_iso=True, profile=Profile(condition=MID), previous_verdicts=GREEN_PAST
    )
    assert twice.suggestion is Suggestion.SWITCH_TO_ISOTONIC
    assert (twice.level_from, twice.level_to) == ("L4", "T1")
    assert {"PROG-ISOT-REENTRY", "ELIG-ISOT-START"} <= fired(twice)


def test_reentry_waits_in_competition_mode() -> None:
    result = review(
        level="L4",
        back_to_iso=True,
        mode="competition",
        profile=Profile(condition=MID),
        previous_verdicts=GREEN_PAST,
    )
    assert result.suggestion is Suggestion.HOLD


# -- the step trial ------------------------------------------------------------------------------


def test_unsettled_morning_in_the_first_week_on_the_step_goes_back_to_the_floor() -> None:
    diary = history(week={2: {"settled": False}})
    trial_days = tuple(day(n) for n in range(6, -1, -1))
    result = t_review("T6", diary=diary, step_trial_days=trial_days)
    assert "MON-ISOT-STEP-TRIAL" in fired(result)
    assert result.suggestion is Suggestion.REGRESS
    assert result.level_to == "T5"
    assert result.floor_only_to is True
    assert Change("surface", "step", "floor") in result.changes


def test_the_same_morning_after_the_first_week_is_just_amber() -> None:
    result = t_review("T6", diary=history(week={2: {"settled": False}}))
    assert "MON-ISOT-STEP-TRIAL" not in fired(result)
    assert result.suggestion is Suggestion.HOLD


# -- the milestone: every condition matters ------------------------------------------------------

MILESTONE: dict[str, Any] = {
    "load_kg": 10.0,
    "previous_verdicts": GREEN_PAST,
    "hr_test": good_test(),
    "hr_test_settled": True,
}


@pytest.mark.parametrize(
    "change",
    [
        pytest.param({"level": "T7"}, id="not-at-T8"),
        pytest.param({"previous_verdicts": ("hold",)}, id="last-week-not-green"),
        pytest.param({"hr_test": None}, id="no-test"),
        pytest.param({"hr_test": good_test(date=END - dt.timedelta(days=15))}, id="old-test"),
        pytest.param({"hr_test": good_test(reps_affected=19, reps_other=None)}, id="19-raises"),
        pytest.param({"hr_test": good_test(reps_affected=22, reps_other=25)}, id="88-percent"),
        pytest.param({"hr_test": good_test(test_pain=3)}, id="test-pain-3"),
        pytest.param({"hr_test_settled": False}, id="not-settled-after-test"),
        pytest.param({"profile": Profile(condition=SURG, weeks=30, single_leg_cleared=True,
                                         physio_plan=True)}, id="rupture"),
        pytest.param({"warn_flags_active": ("RF-FLUOROQUINOLONE",)}, id="warn-flag"),
    ],
)  # fmt: skip
def test_milestone_needs_every_condition(change: dict[str, Any]) -> None:
    values = {**MILESTONE, **change}
    level = values.pop("level", "T8")
    assert "PROG-ISOT-MILESTONE" in fired(t_review("T8", **MILESTONE))
    assert "PROG-ISOT-MILESTONE" not in fired(t_review(level, **values))


def test_milestone_needs_mornings_at_2_or_less() -> None:
    sore = history(this_pain=3, last_pain=3)
    assert "PROG-ISOT-MILESTONE" not in fired(t_review("T8", diary=sore, **MILESTONE))


def test_json_carries_the_stages() -> None:
    data = t_review("T1", logs=sessions(RED_WEEK)).to_json()
    assert (data["suggestion"], data["level_from"], data["level_to"]) == (
        "switch_to_isometric",
        "T1",
        "L4",
    )
    assert (data["stage_from"], data["stage_to"]) == ("isotonic", "isometric")


# -- the next plan version -----------------------------------------------------------------------


def t_plan(level: str, profile: Profile, load: float | None = None, **kw: Any) -> Plan:
    exercise = isotonic.exercise_for(level, profile, load_kg=load)
    created = dt.datetime.combine(END - dt.timedelta(days=20), dt.time(8))
    return Plan(version=1, created=created, exercises=(exercise,), level=level, **kw)


def test_accepting_a_load_step_adds_2_5_kg_and_keeps_t8() -> None:
    profile = Profile(condition=MID)
    result = t_review("T8", load_kg=7.5)
    (exercise,) = plan_from_review(t_plan("T8", profile, 7.5), result)
    assert isinstance(exercise, HeelRaise)
    assert exercise.load_kg == 10.0 and exercise.sets == 4 and exercise.reps == 10


def test_accepting_back_to_holds_makes_a_hold_plan_marked_for_reentry() -> None:
    result = t_review("T1", logs=sessions(RED_WEEK))
    (exercise,) = plan_from_review(t_plan("T1", Profile(condition=MID)), result)
    assert exercise.type == "isometric"
    assert "PROG-ISOT-BACK-TO-ISO" in exercise.rules
    assert (exercise.legs, exercise.reps, exercise.hold_seconds) == (2, 5, 30)


# -- invariants over any heel-raise week ---------------------------------------------------------

any_profile = st.builds(
    Profile,
    condition=st.sampled_from([MID, INS, Condition.BURSITIS, SURG, UNSURE]),
    weeks=st.integers(8, 40),
    single_leg_cleared=st.booleans(),
    floor_only=st.booleans(),
)
pain = st.one_of(st.none(), st.integers(0, 10))


@settings(max_examples=200, deadline=None)
@given(
    level=st.sampled_from(T_LEVELS),
    profile=any_profile,
    pains=st.lists(pain, min_size=0, max_size=7),
    effort=st.sampled_from(list(Effort)),
    load=st.sampled_from([5.0, 7.5, 17.5, 20.0]),
    allowed=st.booleans(),
    mode=st.sampled_from(["standard", "competition"]),
    unsettled=st.sets(st.integers(0, 6), max_size=3),
    warn=st.booleans(),
)
def test_heel_raise_reviews_keep_the_safety_limits(
    level: str,
    profile: Profile,
    pains: list[int | None],
    effort: Effort,
    load: float,
    allowed: bool,
    mode: str,
    unsettled: set[int],
    warn: bool,
) -> None:
    """Never a step for a floor-only person; load <= 20 kg and raised only when allowed (at
    most once a week); rest never shorter on a step up; no move up in competition or with a
    WARN flag."""
    on_floor = profile.floor_only_surface
    if on_floor and level == "T6":
        level = "T5"
    diary = history(week={n: {"settled": False} for n in unsettled})
    result = t_review(
        level,
        logs=sessions(pains, effort=effort),
        diary=diary,
        profile=profile,
        load_kg=load,
        load_raise_allowed=allowed,
        mode=mode,
        warn_flags_active=("RF-INFLAMMATORY",) if warn else (),
    )
    loaded = isotonic.T_LADDER[level].load_kg > 0
    plan = t_plan(level, profile, load if loaded else None, floor_only=profile.floor_only)
    proposal = plan_from_review(plan, result)
    for exercise in proposal:
        if isinstance(exercise, HeelRaise):
            if on_floor or result.floor_only_to:
                assert exercise.surface is Surface.FLOOR
            assert exercise.load_kg <= MAX_RAISE_LOAD_KG
            if result.suggestion is Suggestion.PROGRESS:
                assert exercise.rest_seconds >= plan.exercises[0].rest_seconds
            if exercise.load_kg > load:
                assert allowed and exercise.load_kg - load <= isotonic.LOAD_STEP_KG
    if mode == "competition" or warn:
        assert result.suggestion not in (Suggestion.PROGRESS, Suggestion.SWITCH_TO_ISOTONIC)
    assert result.suggestion is not Suggestion.SWITCH_TO_ISOTONIC


@settings(max_examples=150, deadline=None)
@given(
    level=st.sampled_from(["L6", "L7", "L8"]),
    effort=st.sampled_from(list(Effort)),
    mode=st.sampled_from(["standard", "competition"]),
    warn=st.booleans(),
    forefoot=st.booleans(),
)
def test_no_isotonic_start_with_a_forefoot_block_a_warn_flag_or_in_competition(
    level: str, effort: Effort, mode: str, warn: bool, forefoot: bool
) -> None:
    result = review(
        level=level,
        logs=sessions(effort=effort),
        mode=mode,
        warn_flags_active=("RF-FLUOROQUINOLONE",) if warn else (),
        forefoot_block=forefoot,
        can_do_heel_raises=not forefoot,
        profile=Profile(condition=MID),
    )
    if result.suggestion is Suggestion.SWITCH_TO_ISOTONIC:
        assert not (warn or forefoot or mode == "competition")
        assert result.level_to in T_LEVELS


def test_dataclass_replace_keeps_floor_only() -> None:
    profile = dataclasses.replace(Profile(condition=MID), floor_only=True)
    assert isotonic.exercise_for("T7", profile).surface is Surface.FLOOR


def test_week_figures_count_raises_and_raise_load_per_side() -> None:
    from achilles_tui.domain.models import RepRecord, Side
    from achilles_tui.domain.review_figures import compute_week
    from tests.domain.test_progression import session

    sets = tuple(
        RepRecord(0, side, n, 90, load_kg=5.0, raises=15)
        for side in (Side.LEFT, Side.RIGHT)
        for n in (1, 2, 3)
    )
    week = compute_week(END, history(), [session(0, reps=sets), session(1, reps=sets[:3])])
    assert week.raises == {"left": 90, "right": 45}
    assert week.raise_load == {"left": 450.0, "right": 225.0}
    assert week.dose == {}, "sets of raises are not counted as held seconds"
    assert week.to_json()["raise_load_kg"] == {"left": 450.0, "right": 225.0}
