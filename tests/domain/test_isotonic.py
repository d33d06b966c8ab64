"""The §E6.1 ladder, the §E6.2 start steps and the §E6.3 condition restrictions, as tables."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from achilles_tui.domain import isotonic
from achilles_tui.domain.assessment import Condition
from achilles_tui.domain.isotonic import Entry, Profile
from achilles_tui.domain.models import (
    MAX_RAISE_LOAD_KG,
    T_LEVELS,
    DomainError,
    HeelRaise,
    RaiseKind,
    Surface,
    Tempo,
)

MID, INS, BUR = Condition.MIDPORTION, Condition.INSERTIONAL, Condition.BURSITIS
SURG, CONS, UNSURE = Condition.RUPTURE_SURGERY, Condition.RUPTURE_CONSERVATIVE, Condition.UNSURE
FLOOR, STEP = Surface.FLOOR, Surface.STEP

# §E6.1, row by row: exercise, legs, load, sets x reps, rest, sessions/week, surface (mid).
LADDER_TABLE = [
    ("T1", RaiseKind.HEEL_RAISE, 2, 0.0, 3, 10, 60, 7, FLOOR),
    ("T2", RaiseKind.HEEL_RAISE, 2, 0.0, 3, 15, 60, 7, FLOOR),
    ("T3", RaiseKind.UP_TWO_DOWN_ONE, 2, 0.0, 3, 15, 60, 7, FLOOR),
    ("T4", RaiseKind.HEEL_RAISE, 1, 0.0, 3, 10, 90, 7, FLOOR),
    ("T5", RaiseKind.HEEL_RAISE, 1, 0.0, 3, 15, 90, 7, FLOOR),
    ("T6", RaiseKind.HEEL_RAISE, 1, 0.0, 3, 15, 90, 7, STEP),
    ("T7", RaiseKind.HEEL_RAISE, 1, 5.0, 3, 15, 120, 3, STEP),
    ("T8", RaiseKind.HEEL_RAISE, 1, 5.0, 4, 10, 120, 3, STEP),
]


@pytest.mark.parametrize(
    ("level", "kind", "legs", "load", "sets", "reps", "rest", "per_week", "surface"),
    LADDER_TABLE,
)
def test_ladder_row(
    level: str,
    kind: RaiseKind,
    legs: int,
    load: float,
    sets: int,
    reps: int,
    rest: int,
    per_week: int,
    surface: Surface,
) -> None:
    exercise = isotonic.exercise_for(level, Profile(condition=MID))
    assert (exercise.exercise, exercise.legs, exercise.load_kg) == (kind, legs, load)
    assert exercise.added_load is (load > 0)
    assert (exercise.sets, exercise.reps, exercise.rest_seconds) == (sets, reps, rest)
    assert exercise.sessions_per_week == per_week
    assert exercise.tempo == Tempo(3, 0, 3), "3 s up, no top hold, 3 s down (§E6.1)"
    assert exercise.surface is surface


def test_rest_never_falls_as_the_step_goes_up() -> None:
    rests = [isotonic.exercise_for(level, Profile()).rest_seconds for level in T_LEVELS]
    assert rests == sorted(rests)


# §E6.2: path x irritable -> start step (mid-portion, nothing else limiting).
@pytest.mark.parametrize(
    ("entry", "irritable", "start"),
    [
        (Entry.REVIEW, True, "T1"),
        (Entry.REVIEW, False, "T3"),
        (Entry.ASSESSMENT, True, "T1"),
        (Entry.ASSESSMENT, False, "T2"),
        (Entry.REENTRY, True, "T1"),
        (Entry.REENTRY, False, "T1"),
    ],
)
def test_start_step_table(entry: Entry, irritable: bool, start: str) -> None:
    assert isotonic.start_step(entry, irritable, Profile(condition=MID)) == start


@pytest.mark.parametrize("condition", [SURG, CONS, UNSURE])
@pytest.mark.parametrize("entry", list(Entry))
def test_rupture_and_unsure_always_start_at_T1(condition: Condition, entry: Entry) -> None:
    profile = Profile(condition=condition, weeks=20, single_leg_cleared=True)
    assert isotonic.start_step(entry, False, profile) == "T1"


# §E6.3: condition -> floor only? cap? (weeks and clearance for ruptures).
@pytest.mark.parametrize(
    ("profile", "floor_only", "cap"),
    [
        (Profile(condition=MID), False, "T8"),
        (Profile(condition=INS), True, "T8"),
        (Profile(condition=BUR), True, "T8"),
        (Profile(condition=UNSURE), True, "T2"),
        (Profile(condition=SURG, weeks=9), True, "T2"),
        (Profile(condition=SURG, weeks=13), True, "T2"),
        (Profile(condition=SURG, weeks=11, single_leg_cleared=True), True, "T2"),
        (Profile(condition=SURG, weeks=12, single_leg_cleared=True), True, "T5"),
        (Profile(condition=CONS, weeks=30, single_leg_cleared=True), True, "T5"),
        (Profile(condition=CONS, weeks=30, single_leg_cleared=True, physio_plan=True), True, "T8"),
        (Profile(condition=MID, floor_only=True), True, "T8"),
    ],
)
def test_condition_restrictions(profile: Profile, floor_only: bool, cap: str) -> None:
    assert profile.floor_only_surface is floor_only
    assert profile.cap == cap


@pytest.mark.parametrize(
    ("condition", "weeks", "cleared", "early"),
    [(SURG, 7, True, True), (SURG, 8, True, False), (CONS, 7, True, True),
     (CONS, 8, False, True), (MID, 0, False, False), (UNSURE, 0, False, False)],
)  # fmt: skip
def test_rupture_needs_8_weeks_and_clearance(
    condition: Condition, weeks: int, cleared: bool, early: bool
) -> None:
    assert Profile(condition, weeks, rupture_loading_cleared=cleared).too_early is early


def test_weeks_count_on_from_the_assessment() -> None:
    day = dt.date(2026, 1, 1)
    assert isotonic.weeks_now(6, day, day + dt.timedelta(days=13)) == 7
    assert isotonic.weeks_now(6, day, day + dt.timedelta(days=14)) == 8
    assert isotonic.weeks_now(6, None, day) == 6


@pytest.mark.parametrize(
    ("profile", "ladder"),
    [
        (Profile(condition=MID), T_LEVELS),
        (Profile(condition=INS), ("T1", "T2", "T3", "T4", "T5", "T7", "T8")),
        (Profile(condition=SURG, weeks=14, single_leg_cleared=True), ("T1", "T2", "T3", "T4",
                                                                       "T5")),
        (Profile(condition=UNSURE), ("T1", "T2")),
    ],
)  # fmt: skip
def test_climb_skips_T6_on_the_floor_and_stops_at_the_cap(
    profile: Profile, ladder: tuple[str, ...]
) -> None:
    climbed = ["T1"]
    while climbed[-1] != isotonic.step_up(climbed[-1], profile):
        climbed.append(isotonic.step_up(climbed[-1], profile))
    assert tuple(climbed) == ladder


def test_step_down_below_T1_is_none_and_floor_only_skips_T6() -> None:
    assert isotonic.step_down("T1", 1, Profile()) is None
    assert isotonic.step_down("T2", 2, Profile()) is None
    assert isotonic.step_down("T7", 1, Profile(condition=INS)) == "T5"
    assert isotonic.step_down("T7", 1, Profile(condition=MID)) == "T6"


def test_loads_go_up_by_2_5_kg_and_stop_at_20() -> None:
    load = isotonic.START_LOAD_KG
    seen = [load]
    while isotonic.next_load(load) != load:
        load = isotonic.next_load(load)
        seen.append(load)
    assert seen[:3] == [5.0, 7.5, 10.0]
    assert seen[-1] == MAX_RAISE_LOAD_KG == 20.0
    assert isotonic.exercise_for("T8", Profile(), load_kg=40.0).load_kg == 20.0


def test_tempo_parse_and_bad_values() -> None:
    assert Tempo.parse(" 2/1/4 ") == Tempo(2, 1, 4)
    for bad in ("3-0-3", "3/0", "a/b/c", "0/0/3", "3/0/11"):
        with pytest.raises(DomainError):
            Tempo.parse(bad)


@pytest.mark.parametrize(
    "fields", [{"sets": 0}, {"reps": 51}, {"legs": 3}, {"rest_seconds": -1}, {"load_kg": -1.0}]
)
def test_heel_raise_refuses_out_of_range(fields: dict[str, object]) -> None:
    with pytest.raises(DomainError):
        HeelRaise(**fields)  # type: ignore[arg-type]


any_profile = st.builds(
    Profile,
    condition=st.sampled_from([*Condition, None]),
    weeks=st.integers(0, 60),
    single_leg_cleared=st.booleans(),
    floor_only=st.booleans(),
)


@settings(max_examples=300)
@given(any_profile, st.sampled_from(T_LEVELS), st.integers(0, 3))
def test_no_step_for_a_floor_only_person_anywhere_on_the_ladder(
    profile: Profile, level: str, down: int
) -> None:
    for moved in (
        isotonic.step_up(level, profile),
        isotonic.step_down(level, down, profile),
        isotonic.start_step(Entry.REVIEW, False, profile),
    ):
        if moved is None:
            continue
        exercise = isotonic.exercise_for(moved, profile)
        if profile.floor_only_surface:
            assert exercise.surface is Surface.FLOOR
        if T_LEVELS.index(level) <= T_LEVELS.index(profile.cap):
            # From within the person's range, a move stays within it and off a closed T6.
            assert T_LEVELS.index(moved) <= T_LEVELS.index(profile.cap)
            assert not (profile.floor_only_surface and moved == "T6")


@settings(max_examples=300)
@given(any_profile, st.sampled_from(T_LEVELS))
def test_a_step_up_is_one_open_step_and_never_shortens_rest(profile: Profile, level: str) -> None:
    up = isotonic.step_up(level, profile)
    before = isotonic.exercise_for(level, profile)
    after = isotonic.exercise_for(up, profile)
    assert after.rest_seconds >= before.rest_seconds
    assert T_LEVELS.index(up) - T_LEVELS.index(level) <= 2
    if T_LEVELS.index(up) - T_LEVELS.index(level) == 2:
        assert profile.floor_only_surface and level == "T5"
