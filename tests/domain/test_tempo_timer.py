"""The heel-raise (tempo) timer on a fake clock: up/top/down per raise, sets, rests, sides."""

from __future__ import annotations

import datetime as dt

import pytest

from achilles_tui.domain.cues import CLIP_NAMES, plan_cues
from achilles_tui.domain.isotonic import Profile, exercise_for
from achilles_tui.domain.models import (
    DomainError,
    Exercise,
    HeelRaise,
    Plan,
    Position,
    RaiseKind,
    RepRecord,
    Side,
    Tempo,
)
from achilles_tui.domain.resume import first_missing_rep
from achilles_tui.domain.session_text import status_line
from achilles_tui.domain.tempo_timer import (
    SET_PAIN_RULE,
    SetCompleted,
    TempoTimer,
    build_tempo_schedule,
    count_sets,
    make_timer,
    runs_per_side,
    schedule_for,
    set_seconds,
    units_for,
)
from achilles_tui.domain.timer import (
    Event,
    Finished,
    Phase,
    PhaseChanged,
    RepPoint,
    SessionTimer,
    build_schedule,
    count_reps,
    cue_for,
)
from tests.domain.test_timer import make_plan
from tests.fake_clock import FakeClock


def raise_plan(*exercises: HeelRaise) -> Plan:
    """A heel-raise plan; by default 3 x 2 raises, tempo 2/0/2, 10 s rest, both legs."""
    if not exercises:
        exercises = (HeelRaise(sets=3, reps=2, tempo=Tempo(2, 0, 2), rest_seconds=10),)
    return Plan(version=1, created=dt.datetime(2024, 1, 1), exercises=exercises)


def one_leg(**dose: object) -> HeelRaise:
    fields: dict[str, object] = {"legs": 1, "sets": 2, "reps": 2, "tempo": Tempo(1, 0, 1)}
    fields["rest_seconds"] = 4
    return HeelRaise(**(fields | dose))  # type: ignore[arg-type]


def run(timer: SessionTimer, clock: FakeClock, step: float = 0.25) -> list[Event]:
    """Update every ``step`` seconds until the session is over."""
    events = timer.update()
    while not timer.done:
        assert clock.now < 100_000
        clock.advance(step)
        events += timer.update()
    return events


def phases(events: list[Event]) -> list[Phase]:
    return [e.new for e in events if isinstance(e, PhaseChanged)]


def sets_of(events: list[Event]) -> list[RepRecord]:
    return [e.record for e in events if isinstance(e, SetCompleted)]


# --- schedule ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tempo", "movement"),
    [
        (Tempo(3, 0, 3), [(Phase.UP, 3.0), (Phase.DOWN, 3.0)]),
        (Tempo(2, 1, 4), [(Phase.UP, 2.0), (Phase.TOP, 1.0), (Phase.DOWN, 4.0)]),
        (Tempo(1, 0, 5), [(Phase.UP, 1.0), (Phase.DOWN, 5.0)]),
    ],
    ids=["3/0/3 no top", "2/1/4 with top", "1/0/5 slow down"],
)
def test_each_raise_is_up_top_down_for_the_tempo_and_a_zero_top_is_left_out(
    tempo: Tempo, movement: list[tuple[Phase, float]]
) -> None:
    plan = raise_plan(HeelRaise(sets=2, reps=3, tempo=tempo, rest_seconds=30))
    steps = build_tempo_schedule(plan, get_ready_seconds=5)
    expected = [(Phase.GET_READY, 5.0)] + movement * 3 + [(Phase.REST, 30.0)] + movement * 3
    assert [(s.phase, s.seconds) for s in steps] == [*expected, (Phase.DONE, 0.0)]
    assert [s.rep for s in steps if s.phase is Phase.UP] == [1, 2, 3, 1, 2, 3]
    assert [s.set_number for s in steps if s.phase is Phase.UP] == [1, 1, 1, 2, 2, 2]
    assert all(s.reps_in_block == 3 and s.sets == 2 for s in steps)


def test_rest_comes_between_sets_never_after_the_last() -> None:
    steps = build_tempo_schedule(raise_plan(), get_ready_seconds=5)
    rests = [s for s in steps if s.phase is Phase.REST]
    assert [r.set_number for r in rests] == [2, 3], "a rest carries the set that follows it"
    assert steps[-2].phase is Phase.DOWN and steps[-1].phase is Phase.DONE


def test_a_zero_rest_and_a_zero_get_ready_are_left_out() -> None:
    plan = raise_plan(HeelRaise(sets=2, reps=1, tempo=Tempo(2, 0, 2), rest_seconds=0))
    steps = build_tempo_schedule(plan, get_ready_seconds=0)
    assert [s.phase for s in steps] == [Phase.UP, Phase.DOWN, Phase.UP, Phase.DOWN, Phase.DONE]


def test_schedule_for_and_units_for_hand_heel_raise_plans_to_the_tempo_schedule() -> None:
    plan = raise_plan(one_leg())
    assert schedule_for(plan, get_ready_seconds=2) == build_tempo_schedule(
        plan, get_ready_seconds=2
    )
    assert units_for(plan) == count_sets(plan) == 4
    assert units_for(plan, sides="injured", injured_side="right") == 2
    holds = Plan(1, dt.datetime(2026, 1, 1), (Exercise(Position.NEUTRAL, 2, reps=3),))
    assert schedule_for(holds) == build_schedule(holds)
    assert units_for(holds) == count_reps(holds) == 3


@pytest.mark.parametrize(
    ("exercise", "sides", "injured", "expected"),
    [
        (HeelRaise(legs=2), "both", "left", [Side.BOTH]),
        (one_leg(), "both", "left", [Side.LEFT, Side.RIGHT]),
        (one_leg(), "injured", "right", [Side.RIGHT]),
        (
            HeelRaise(exercise=RaiseKind.UP_TWO_DOWN_ONE, legs=2),
            "both",
            "left",
            [Side.LEFT, Side.RIGHT],
        ),
        (HeelRaise(exercise=RaiseKind.UP_TWO_DOWN_ONE, legs=2), "injured", "left", [Side.LEFT]),
    ],
    ids=["two legs", "one leg both sides", "one leg injured only", "up2down1", "up2down1 injured"],
)
def test_sides_follow_the_one_leg_setting_and_up_two_down_one_runs_per_lowering_leg(
    exercise: HeelRaise, sides: str, injured: str, expected: list[Side]
) -> None:
    steps = build_tempo_schedule(raise_plan(exercise), sides=sides, injured_side=injured)
    seen: list[Side] = []
    for step in steps[:-1]:
        if not seen or seen[-1] != step.side:
            seen.append(step.side)
    assert seen == expected
    assert runs_per_side(exercise) is (expected != [Side.BOTH])
    assert count_sets(raise_plan(exercise), sides=sides, injured_side=injured) == (
        exercise.sets * len(expected)
    )


def test_a_switch_sides_pause_comes_between_the_legs_then_get_ready() -> None:
    steps = build_tempo_schedule(raise_plan(one_leg()), get_ready_seconds=3, switch_sides_seconds=8)
    at = next(i for i, s in enumerate(steps) if s.phase is Phase.SWITCH_SIDES)
    assert steps[at - 1].phase is Phase.DOWN and steps[at - 1].side is Side.LEFT
    assert (steps[at].seconds, steps[at].side, steps[at].set_number) == (8.0, Side.RIGHT, 1)
    assert steps[at + 1].phase is Phase.GET_READY and steps[at + 2].phase is Phase.UP


def test_a_second_exercise_follows_a_switch_exercise_pause() -> None:
    plan = raise_plan(HeelRaise(sets=1, reps=1), HeelRaise(sets=1, reps=1, legs=1))
    steps = build_tempo_schedule(plan, switch_exercise_seconds=12, sides="injured")
    switch = next(s for s in steps if s.phase is Phase.SWITCH_EXERCISE)
    assert (switch.exercise_index, switch.seconds, switch.side) == (1, 12.0, Side.LEFT)


def test_a_plan_of_holds_is_refused_by_the_tempo_schedule() -> None:
    with pytest.raises(DomainError, match="heel-raise plans only"):
        build_tempo_schedule(make_plan())


# --- running -----------------------------------------------------------------------------------


def test_a_whole_session_ends_at_the_computed_time_with_one_record_per_set() -> None:
    clock = FakeClock(50.0)
    timer = TempoTimer(raise_plan(), clock, get_ready_seconds=5)
    # 5 get ready + 3 sets x 2 raises x 4 s + 2 rests x 10 s
    assert timer.planned_end == 50 + 5 + 24 + 20
    events = run(timer, clock)
    assert timer.ended_at == 99.0 and timer.complete
    records = sets_of(events)
    assert records == list(timer.completed)
    assert [r.rep for r in records] == [1, 2, 3]
    assert all(r.raises == 2 and r.hold_seconds == 8 and r.side is Side.BOTH for r in records)
    assert timer.total_reps == 3 and timer.unit == "set"
    assert events[-1] == Finished()


def test_a_set_is_saved_the_moment_its_last_raise_is_down() -> None:
    clock = FakeClock()
    timer = TempoTimer(raise_plan(), clock, get_ready_seconds=5)
    clock.now = 5 + 8 - 0.01
    assert sets_of(timer.update()) == []
    assert (timer.phase, timer.rep, timer.set_number) == (Phase.DOWN, 2, 1)
    clock.now = 5 + 8
    events = timer.update()
    assert [type(e).__name__ for e in events] == ["SetCompleted", "PhaseChanged"]
    assert events[1] == PhaseChanged(Phase.DOWN, Phase.REST)


def test_the_record_carries_the_load_and_the_time_under_load() -> None:
    exercise = HeelRaise(legs=1, sets=1, reps=15, tempo=Tempo(3, 1, 3), load_kg=7.5)
    clock = FakeClock()
    timer = TempoTimer(raise_plan(exercise), clock, sides="injured", injured_side="right")
    (record,) = sets_of(run(timer, clock))
    assert record == RepRecord(0, Side.RIGHT, 1, hold_seconds=105, load_kg=7.5, raises=15)
    assert set_seconds(exercise) == 105


def test_every_up_and_down_start_is_an_event_and_rings_a_cue() -> None:
    clock = FakeClock()
    timer = TempoTimer(raise_plan(HeelRaise(sets=1, reps=3, tempo=Tempo(2, 1, 2))), clock)
    events = run(timer, clock)
    moves = [p for p in phases(events) if p in (Phase.UP, Phase.TOP, Phase.DOWN)]
    assert moves == [Phase.UP, Phase.TOP, Phase.DOWN] * 3
    cues = [cue_for(e) for e in events if isinstance(e, PhaseChanged)]
    assert cues.count("up") == 3 and cues.count("down") == 3
    assert cue_for(PhaseChanged(Phase.UP, Phase.TOP)) is None


def test_pause_freezes_the_raise_and_moves_every_later_deadline() -> None:
    clock = FakeClock()
    timer = TempoTimer(raise_plan(), clock, get_ready_seconds=5)
    clock.now = 6.5
    timer.update()
    assert (timer.phase, timer.remaining) == (Phase.UP, 0.5)
    timer.pause()
    clock.advance(100)
    assert timer.update() == [] and timer.remaining == 0.5 and timer.paused
    timer.resume()
    assert timer.planned_end == 49 + 100
    run(timer, clock)
    assert timer.ended_at == 149.0 and len(timer.completed) == 3


def test_skip_in_a_set_skips_the_rest_of_it_unsaved_and_goes_to_the_rest() -> None:
    clock = FakeClock()
    timer = TempoTimer(raise_plan(), clock, get_ready_seconds=5)
    clock.now = 10.0  # set 1, raise 2, going up
    timer.update()
    assert (timer.phase, timer.rep, timer.set_number) == (Phase.UP, 2, 1)
    timer.skip()
    events = timer.update()
    assert phases(events) == [Phase.REST] and sets_of(events) == []
    assert (timer.set_number, timer.skipped, timer.remaining) == (2, 1, 10.0)
    timer.skip()  # skipping a rest skips no set
    assert (timer.phase, timer.rep, timer.set_number, timer.skipped) == (Phase.UP, 1, 2, 1)
    run(timer, clock)
    assert [r.rep for r in timer.completed] == [2, 3] and not timer.skipped > 1


def test_skipping_the_last_set_ends_the_session_as_finished_not_complete_work() -> None:
    clock = FakeClock()
    timer = TempoTimer(raise_plan(HeelRaise(sets=1, reps=5)), clock, get_ready_seconds=0)
    timer.skip()
    events = timer.update()
    assert timer.done and not timer.aborted and timer.completed == ()
    assert isinstance(events[-1], Finished) and timer.skipped == 1


def test_abort_keeps_finished_sets_and_resumes_from_the_set_under_way() -> None:
    clock = FakeClock()
    timer = TempoTimer(raise_plan(), clock, get_ready_seconds=5)
    clock.now = 5 + 8 + 10 + 3  # set 2, first raise coming down
    timer.update()
    assert (timer.phase, timer.set_number) == (Phase.DOWN, 2)
    timer.abort()
    events = timer.update()
    assert events[-1] == Finished(aborted=True)
    assert [r.rep for r in timer.completed] == [1]
    assert timer.resume_point() == RepPoint(0, Side.BOTH, 2)


def test_pain_during_a_set_stops_the_remaining_sets_over_limit() -> None:
    """MON-ISOT-SET-PAIN: pain over 5/10 in a set ends the session, marked over the limit."""
    clock = FakeClock()
    timer = TempoTimer(raise_plan(), clock, get_ready_seconds=5)
    clock.now = 5 + 8 + 10 + 1
    timer.update()
    timer.stop_for_pain()
    events = timer.update()
    assert events[-1] == Finished(over_limit=True)
    assert timer.over_limit and timer.stop_rule == SET_PAIN_RULE == TempoTimer.pain_rule
    clock.advance(1000)
    assert timer.update() == [] and len(timer.completed) == 1
    assert cue_for(events[-1]) is None


def test_a_set_that_ended_exactly_before_the_pain_key_is_still_saved() -> None:
    clock = FakeClock()
    timer = TempoTimer(raise_plan(), clock, get_ready_seconds=5)
    clock.now = 5 + 8  # the first set's last raise just came down; nobody polled yet
    timer.stop_for_pain()
    assert [r.rep for r in timer.completed] == [1]
    assert timer.resume_point() == RepPoint(0, Side.BOTH, 2)


@pytest.mark.parametrize("step", [0.1, 0.7, 3.3, 13.0, 1000.0])
def test_late_and_irregular_updates_never_drift(step: float) -> None:
    clock = FakeClock(7.0)
    timer = TempoTimer(raise_plan(one_leg()), clock, get_ready_seconds=3, switch_sides_seconds=5)
    end = timer.planned_end
    events = run(timer, clock, step)
    assert timer.ended_at == end == 7 + 2 * (3 + 4 + 4 + 4) + 5
    assert [(r.side, r.rep) for r in sets_of(events)] == [
        (Side.LEFT, 1),
        (Side.LEFT, 2),
        (Side.RIGHT, 1),
        (Side.RIGHT, 2),
    ]


# --- resume --------------------------------------------------------------------------------------


def test_resume_starts_at_the_given_set_with_a_get_ready_and_counts_the_whole_session() -> None:
    clock = FakeClock()
    timer = TempoTimer(raise_plan(one_leg()), clock, get_ready_seconds=3, start_at=(0, "left", 2))
    assert [s.phase for s in timer.steps[:2]] == [Phase.GET_READY, Phase.UP]
    assert (timer.set_number, timer.side) == (2, Side.LEFT)
    assert timer.total_reps == 4 and timer.progress > 0
    run(timer, clock)
    assert [(r.side, r.rep) for r in timer.completed] == [
        (Side.LEFT, 2),
        (Side.RIGHT, 1),
        (Side.RIGHT, 2),
    ]


@pytest.mark.parametrize("start", [(0, "left", 3), (0, "left", 0), (1, "left", 1), (0, "up", 1)])
def test_resume_from_a_set_not_in_the_plan_is_refused(start: tuple[int, str, int]) -> None:
    with pytest.raises(DomainError):
        TempoTimer(raise_plan(one_leg()), FakeClock(), start_at=start)


def test_first_missing_set_is_where_a_crashed_session_resumes() -> None:
    plan = raise_plan(one_leg())
    saved = (RepRecord(0, Side.LEFT, 1, 2, raises=2),)
    assert first_missing_rep(plan, saved) == RepPoint(0, Side.LEFT, 2)
    saved += (RepRecord(0, Side.LEFT, 2, 2, raises=2),)
    assert first_missing_rep(plan, saved) == RepPoint(0, Side.RIGHT, 1)
    assert first_missing_rep(plan, saved, sides="injured", injured_side="left") is None


# --- words and cues ------------------------------------------------------------------------------


def test_status_line_reads_phase_seconds_rep_set_and_leg() -> None:
    clock = FakeClock()
    plan = raise_plan(HeelRaise(legs=1, sets=3, reps=15, tempo=Tempo(3, 0, 3), rest_seconds=45))
    timer = TempoTimer(plan, clock, get_ready_seconds=5)
    assert status_line(timer) == "GET READY 0:05 · set 1 of 3 · 15 raises · left leg"
    clock.now = 5 + 15 * 6 + 45 + 6 * 6 + 1  # set 2, raise 7, 1 s into going up
    timer.update()
    assert status_line(timer) == "UP 0:02 · rep 7 of 15 · set 2 of 3 · left leg"
    clock = FakeClock()
    timer = TempoTimer(plan, clock, get_ready_seconds=5)
    clock.now = 5 + 15 * 6 + 0.5
    timer.update()
    assert status_line(timer) == "REST 0:45 · set 1 of 3 done · left leg"
    timer.pause()
    assert status_line(timer).endswith(" · paused")


def test_next_up_names_what_follows_the_set() -> None:
    clock = FakeClock()
    timer = TempoTimer(raise_plan(one_leg()), clock, get_ready_seconds=3)
    assert timer.next_up == "Up"
    clock.now = 3.5
    timer.update()
    assert timer.next_up == "Rest 4 s"
    clock.now = 3 + 4 + 4 + 1
    timer.update()
    assert timer.next_up == "Switch to right leg"
    clock = FakeClock()
    timer = TempoTimer(raise_plan(one_leg()), clock, get_ready_seconds=3)
    clock.now = 3 + 4 + 0.5
    timer.update()
    assert (timer.phase, timer.next_up) == (Phase.REST, "Set 2 of 2: 2 raises")


DURATIONS = {name: 0.4 for name in CLIP_NAMES} | {"pain_limit": 2.4, "set_done": 1.3}


def test_the_cue_plan_says_up_and_down_on_time_and_set_done_then_next_set_in_the_rest() -> None:
    clock = FakeClock(100.0)
    timer = TempoTimer(raise_plan(), clock, get_ready_seconds=5)
    seen = {}
    last = -1
    while not timer.done:
        if timer.step_index != last:
            last = timer.step_index
            for cue in plan_cues(timer, DURATIONS):
                assert seen.setdefault(cue.key, cue) == cue
        clock.advance(0.25)
        timer.update()
    starts: dict[str, list[float]] = {}
    for cue in seen.values():
        starts.setdefault(cue.clip, []).append(cue.at - 100)
    assert starts["up"] == [5, 9, 23, 27, 41, 45]
    assert starts["down"] == [7, 11, 25, 29, 43, 47]
    assert starts["set_done"] == [13, 31]
    assert starts["next_set"] == pytest.approx([23 - 1.0 - 0.4, 41 - 1.0 - 0.4])
    assert "hold" not in starts and "rest" not in starts and starts["done"] == [49]


def test_make_timer_picks_the_tempo_timer_for_a_heel_raise_plan() -> None:
    clock = FakeClock()
    assert type(make_timer(raise_plan(), clock)) is TempoTimer
    assert type(make_timer(make_plan(), clock)) is SessionTimer


@pytest.mark.parametrize("level", ["T1", "T3", "T5", "T8"])
def test_every_ladder_step_runs_to_the_end(level: str) -> None:
    exercise = exercise_for(level, Profile())
    clock = FakeClock()
    timer = TempoTimer(raise_plan(exercise), clock)
    run(timer, clock, 1.0)
    sides = 2 if runs_per_side(exercise) else 1
    assert len(timer.completed) == exercise.sets * sides
    assert sum(r.raises for r in timer.completed) == exercise.sets * exercise.reps * sides
