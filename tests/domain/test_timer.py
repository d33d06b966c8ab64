"""Session timer driven by a fake clock: exact end times, pauses, skips, slow callers."""

from __future__ import annotations

import datetime as dt

import pytest

from achilles_tui.domain.models import DomainError, Exercise, Plan, Position, RepRecord, Side
from achilles_tui.domain.timer import (
    CUE_PATTERNS,
    PAIN_RULE,
    Countdown,
    Event,
    Finished,
    Phase,
    PhaseChanged,
    RepCompleted,
    RepPoint,
    SessionTimer,
    build_schedule,
    count_reps,
    cue_for,
    session_seconds,
)
from tests.fake_clock import FakeClock


def make_plan(*exercises: Exercise) -> Plan:
    """A plan with the given exercises, or the issue's 3 x 10 s / 15 s two-leg hold."""
    if not exercises:
        exercises = (Exercise(Position.NEUTRAL, legs=2, reps=3, hold_seconds=10, rest_seconds=15),)
    return Plan(version=1, created=dt.datetime(2024, 1, 1), exercises=exercises)


ONE_LEG = Exercise(Position.HEEL_RAISED, legs=1, reps=3, hold_seconds=10, rest_seconds=15)


def run_to_end(
    timer: SessionTimer, clock: FakeClock, step: float, limit: float = 10_000
) -> list[Event]:
    """Call update() every ``step`` seconds until the session is over."""
    events = timer.update()
    while not timer.done:
        assert clock.now < limit, "session never finished"
        clock.advance(step)
        events += timer.update()
    return events


def fast_run(timer: SessionTimer, clock: FakeClock) -> list[Event]:
    """A caller updating ten times a second, on a clock free of float accumulation."""
    start = clock.now
    events = timer.update()
    tick = 0
    while not timer.done:
        tick += 1
        assert tick < 1_000_000
        clock.now = start + tick / 10
        events += timer.update()
    return events


def reps_of(events: list[Event]) -> list[RepRecord]:
    return [e.record for e in events if isinstance(e, RepCompleted)]


def phases_of(events: list[Event]) -> list[Phase]:
    return [e.new for e in events if isinstance(e, PhaseChanged)]


# --- the must-show cases ---------------------------------------------------------------


def test_three_reps_end_exactly_at_computed_time() -> None:
    clock = FakeClock()
    timer = SessionTimer(make_plan(), clock)
    assert timer.planned_end == 5 + 3 * 10 + 2 * 15 == 65
    events = run_to_end(timer, clock, 0.5)
    assert timer.ended_at == 65.0
    assert timer.elapsed == 65.0
    assert timer.complete
    assert [r.rep for r in reps_of(events)] == [1, 2, 3]
    assert events[-1] == Finished()


def test_phase_sequence_has_no_rest_after_last_rep() -> None:
    clock = FakeClock()
    timer = SessionTimer(make_plan(), clock)
    assert timer.phase is Phase.GET_READY
    events = run_to_end(timer, clock, 1.0)
    assert phases_of(events) == [
        Phase.HOLD,
        Phase.REST,
        Phase.HOLD,
        Phase.REST,
        Phase.HOLD,
        Phase.DONE,
    ]
    assert events[0] == PhaseChanged(Phase.GET_READY, Phase.HOLD)


def test_phase_deadlines_are_exact() -> None:
    clock = FakeClock(100.0)
    timer = SessionTimer(make_plan(), clock)
    expected = [(105.0, Phase.HOLD), (115.0, Phase.REST), (130.0, Phase.HOLD)]
    for at, phase in expected:
        clock.now = at - 0.001
        timer.update()
        assert timer.phase is not phase
        clock.now = at
        timer.update()
        assert timer.phase is phase
    assert timer.remaining == 10.0


def test_remaining_counts_down_from_deadline() -> None:
    clock = FakeClock()
    timer = SessionTimer(make_plan(), clock)
    clock.now = 2.5
    assert timer.update() == []
    assert timer.remaining == pytest.approx(2.5)
    clock.now = 7.0
    timer.update()
    assert timer.phase is Phase.HOLD
    assert timer.remaining == pytest.approx(8.0)
    assert timer.phase_seconds == 10.0


def test_remaining_never_negative_for_a_late_caller() -> None:
    clock = FakeClock()
    timer = SessionTimer(make_plan(), clock)
    clock.now = 40.0
    assert timer.remaining == 0.0
    assert timer.phase is Phase.GET_READY  # nothing moves until update()


def test_pause_for_20_seconds_moves_the_end_by_20_seconds() -> None:
    clock = FakeClock()
    timer = SessionTimer(make_plan(), clock)
    clock.now = 12.0
    timer.update()
    timer.pause()
    assert timer.paused
    frozen = timer.remaining
    assert frozen == pytest.approx(3.0)
    clock.now = 32.0
    assert timer.update() == []
    assert timer.remaining == frozen
    assert timer.phase is Phase.HOLD
    assert timer.planned_end == pytest.approx(85.0)  # still growing while paused
    timer.resume()
    assert not timer.paused
    assert timer.remaining == pytest.approx(3.0)
    assert timer.planned_end == 85.0
    run_to_end(timer, clock, 0.5)
    assert timer.ended_at == 85.0
    assert timer.elapsed == pytest.approx(65.0)
    assert len(timer.completed) == 3


def test_planned_end_grows_while_paused() -> None:
    clock = FakeClock()
    timer = SessionTimer(make_plan(), clock)
    timer.pause()
    clock.now = 10.0
    assert timer.planned_end == 75.0
    clock.now = 30.0
    assert timer.planned_end == 95.0
    assert timer.elapsed == 0.0
    timer.resume()
    assert timer.planned_end == 95.0


def test_pause_catches_up_first() -> None:
    clock = FakeClock()
    timer = SessionTimer(make_plan(), clock)
    clock.now = 16.0
    timer.pause()  # hold 1 finished at 15 s, before the pause
    assert timer.phase is Phase.REST
    assert timer.remaining == pytest.approx(14.0)
    events = timer.update()
    assert [r.rep for r in reps_of(events)] == [1]


def test_pause_and_resume_twice_is_harmless() -> None:
    clock = FakeClock()
    timer = SessionTimer(make_plan(), clock)
    timer.pause()
    timer.pause()
    clock.now = 10.0
    timer.resume()
    timer.resume()
    clock.now = 20.0
    timer.toggle_pause()
    assert timer.paused
    clock.now = 25.0
    timer.toggle_pause()
    run_to_end(timer, clock, 1.0)
    assert timer.ended_at == 80.0


def test_skip_second_hold_records_only_reps_1_and_3() -> None:
    clock = FakeClock()
    timer = SessionTimer(make_plan(), clock)
    clock.now = 32.0  # second hold runs 30..40
    events = timer.update()
    assert (timer.phase, timer.rep) == (Phase.HOLD, 2)
    timer.skip()
    assert (timer.phase, timer.remaining) == (Phase.REST, 15.0)
    events += run_to_end(timer, clock, 0.5)
    assert [r.rep for r in reps_of(events)] == [1, 3]
    assert [r.rep for r in timer.completed] == [1, 3]
    assert timer.ended_at == 32.0 + 15 + 10
    assert timer.complete  # skipping a hold is not ending early


def test_skip_get_ready_starts_the_hold_now() -> None:
    clock = FakeClock()
    timer = SessionTimer(make_plan(), clock)
    clock.now = 1.0
    timer.skip()
    assert timer.update() == [PhaseChanged(Phase.GET_READY, Phase.HOLD)]
    assert timer.phase is Phase.HOLD
    assert timer.planned_end == 61.0


def test_skip_rest_goes_straight_to_the_next_hold() -> None:
    clock = FakeClock()
    timer = SessionTimer(make_plan(), clock)
    clock.now = 20.0
    timer.update()
    timer.skip()
    timer.update()
    assert (timer.phase, timer.rep, timer.remaining) == (Phase.HOLD, 2, 10.0)


def test_skip_catches_up_before_skipping() -> None:
    clock = FakeClock()
    timer = SessionTimer(make_plan(), clock)
    clock.now = 17.0  # hold 1 ended at 15 s; the skip is meant for the rest
    timer.skip()
    events = timer.update()
    assert [r.rep for r in reps_of(events)] == [1]
    assert timer.phase is Phase.HOLD
    assert timer.rep == 2


def test_skip_while_paused_stays_paused() -> None:
    clock = FakeClock()
    timer = SessionTimer(make_plan(), clock)
    clock.now = 8.0
    timer.update()
    timer.pause()
    clock.now = 20.0
    timer.skip()  # skip hold 1
    assert timer.paused
    assert timer.phase is Phase.REST
    assert timer.remaining == 15.0
    clock.now = 30.0
    assert timer.remaining == 15.0
    timer.resume()
    run_to_end(timer, clock, 1.0)
    assert [r.rep for r in timer.completed] == [2, 3]
    assert timer.ended_at == 30.0 + 15 + 10 + 15 + 10


def test_skip_last_hold_finishes() -> None:
    clock = FakeClock()
    timer = SessionTimer(make_plan(), clock)
    clock.now = 60.0
    timer.update()
    timer.skip()
    events = timer.update()
    assert events[-2:] == [PhaseChanged(Phase.HOLD, Phase.DONE), Finished()]
    assert timer.ended_at == 60.0
    assert timer.done
    timer.skip()  # no-op once done
    assert timer.update() == []


def test_abort_during_third_hold_keeps_two_reps() -> None:
    clock = FakeClock()
    timer = SessionTimer(make_plan(), clock)
    clock.now = 58.0  # third hold runs 55..65
    events = timer.update()
    timer.abort()
    events += timer.update()
    assert len(reps_of(events)) == 2
    assert [r.rep for r in timer.completed] == [1, 2]
    assert timer.phase is Phase.DONE
    assert timer.aborted and not timer.over_limit and not timer.complete
    assert events[-2:] == [PhaseChanged(Phase.HOLD, Phase.DONE), Finished(aborted=True)]
    assert timer.ended_at == 58.0
    assert timer.remaining == 0.0
    assert timer.resume_point() == (0, Side.BOTH, 3)
    assert 0.0 < timer.progress < 1.0
    clock.now = 100.0
    assert timer.update() == []
    assert timer.elapsed == 58.0


def test_abort_by_a_slow_caller_still_records_holds_that_finished() -> None:
    clock = FakeClock()
    timer = SessionTimer(make_plan(), clock)
    clock.now = 45.0  # holds 1 and 2 have ended, nobody called update()
    timer.abort()
    events = timer.update()
    assert [r.rep for r in reps_of(events)] == [1, 2]
    assert isinstance(events[-1], Finished) and events[-1].aborted


def test_abort_after_natural_end_is_not_an_abort() -> None:
    clock = FakeClock()
    timer = SessionTimer(make_plan(), clock)
    clock.now = 70.0
    timer.abort()
    events = timer.update()
    assert events[-1] == Finished()
    assert timer.complete and not timer.aborted
    assert timer.ended_at == 65.0


def test_stop_for_pain_ends_the_remaining_reps() -> None:
    clock = FakeClock()
    timer = SessionTimer(make_plan(), clock)
    clock.now = 35.0
    timer.update()
    timer.stop_for_pain()
    events = timer.update()
    assert timer.over_limit
    assert not timer.aborted
    assert timer.stop_rule == PAIN_RULE == "MON-PAIN-DURING"
    assert events[-1] == Finished(over_limit=True)
    assert [r.rep for r in timer.completed] == [1]
    assert timer.done and not timer.complete
    clock.now = 80.0
    assert timer.update() == []
    assert len(timer.completed) == 1


def test_abort_while_paused_ends_at_the_pause() -> None:
    clock = FakeClock()
    timer = SessionTimer(make_plan(), clock)
    clock.now = 20.0
    timer.pause()
    clock.now = 50.0
    timer.abort()
    assert not timer.paused
    assert timer.ended_at == 20.0
    assert timer.elapsed == 20.0


@pytest.mark.parametrize("step", [37.0, 0.1, 1.0, 7.3, 64.9])
def test_slow_caller_gets_same_events_and_end_time(step: float) -> None:
    reference_clock = FakeClock()
    reference = SessionTimer(make_plan(), reference_clock)
    expected = fast_run(reference, reference_clock)

    clock = FakeClock()
    timer = SessionTimer(make_plan(), clock)
    events = run_to_end(timer, clock, step)
    assert events == expected
    assert timer.ended_at == reference.ended_at == 65.0
    assert timer.completed == reference.completed


def test_single_update_at_the_end_gets_every_event() -> None:
    reference_clock = FakeClock()
    reference = SessionTimer(make_plan(ONE_LEG), reference_clock)
    expected = fast_run(reference, reference_clock)

    clock = FakeClock()
    timer = SessionTimer(make_plan(ONE_LEG), clock)
    clock.now = 10_000.0
    events = timer.update()
    assert events == expected
    assert timer.ended_at == reference.ended_at == 140.0
    assert timer.elapsed == 140.0
    assert timer.update() == []


def test_update_is_idempotent() -> None:
    clock = FakeClock()
    timer = SessionTimer(make_plan(), clock)
    clock.now = 13.0
    first = timer.update()
    assert first
    assert timer.update() == []
    assert timer.update() == []


# --- sides, exercises, resume ------------------------------------------------------------------


def test_single_leg_runs_left_then_right_with_a_switch() -> None:
    clock = FakeClock()
    timer = SessionTimer(make_plan(ONE_LEG), clock)
    assert timer.total_reps == 6
    assert timer.side is Side.LEFT
    events = run_to_end(timer, clock, 0.5)
    assert phases_of(events) == [
        Phase.HOLD,
        Phase.REST,
        Phase.HOLD,
        Phase.REST,
        Phase.HOLD,
        Phase.SWITCH_SIDES,
        Phase.GET_READY,
        Phase.HOLD,
        Phase.REST,
        Phase.HOLD,
        Phase.REST,
        Phase.HOLD,
        Phase.DONE,
    ]
    assert [(r.side, r.rep) for r in timer.completed] == [
        (Side.LEFT, 1),
        (Side.LEFT, 2),
        (Side.LEFT, 3),
        (Side.RIGHT, 1),
        (Side.RIGHT, 2),
        (Side.RIGHT, 3),
    ]
    assert timer.ended_at == 65 + 10 + 65


def test_switch_sides_phase_points_at_the_next_side() -> None:
    clock = FakeClock()
    timer = SessionTimer(make_plan(ONE_LEG), clock)
    clock.now = 60.0
    timer.update()
    assert timer.next_up == "Switch to right leg"
    clock.now = 66.0
    timer.update()
    assert timer.phase is Phase.SWITCH_SIDES
    assert timer.side is Side.RIGHT
    assert timer.rep == 1
    assert timer.remaining == 9.0
    assert timer.next_up == "Get ready 5 s"


@pytest.mark.parametrize("injured", [Side.LEFT, Side.RIGHT, "right"])
def test_injured_only_runs_one_side(injured: Side | str) -> None:
    clock = FakeClock()
    timer = SessionTimer(make_plan(ONE_LEG), clock, sides="injured", injured_side=injured)
    assert timer.total_reps == 3
    events = run_to_end(timer, clock, 1.0)
    assert Phase.SWITCH_SIDES not in phases_of(events)
    assert {r.side for r in timer.completed} == {Side(injured)}
    assert len(timer.completed) == 3
    assert timer.ended_at == 65.0


def test_injured_setting_leaves_two_leg_holds_alone() -> None:
    clock = FakeClock()
    timer = SessionTimer(make_plan(), clock, sides="injured", injured_side=Side.RIGHT)
    run_to_end(timer, clock, 1.0)
    assert {r.side for r in timer.completed} == {Side.BOTH}


def test_two_exercises_have_a_switch_exercise_pause() -> None:
    second = Exercise(Position.HEEL_DROP, legs=2, reps=2, hold_seconds=20, rest_seconds=30)
    clock = FakeClock()
    timer = SessionTimer(make_plan(make_plan().exercises[0], second), clock)
    assert timer.total_reps == 5
    clock.now = 56.0
    timer.update()
    assert timer.next_up == "Next exercise: Heel drop hold, both legs"
    events = run_to_end(timer, clock, 1.0)
    assert Phase.SWITCH_EXERCISE in phases_of(events)
    assert [(r.exercise_index, r.rep, r.hold_seconds) for r in timer.completed] == [
        (0, 1, 10),
        (0, 2, 10),
        (0, 3, 10),
        (1, 1, 20),
        (1, 2, 20),
    ]
    assert timer.ended_at == 65 + 15 + 5 + 20 + 30 + 20


def test_rep_records_carry_the_exercise_load() -> None:
    loaded = Exercise(Position.NEUTRAL, legs=2, reps=1, added_load=True, load_kg=7.5)
    clock = FakeClock()
    timer = SessionTimer(make_plan(loaded), clock)
    clock.now = 100.0
    timer.update()
    assert timer.completed == (RepRecord(0, Side.BOTH, 1, 10, 7.5),)


def test_resume_from_rep_2_starts_at_rep_2() -> None:
    clock = FakeClock()
    timer = SessionTimer(make_plan(), clock, start_at=(0, Side.BOTH, 2))
    assert timer.phase is Phase.GET_READY
    assert timer.rep == 2
    assert timer.next_up == "Hold 2 of 3"
    assert timer.total_reps == 3
    assert timer.resume_point() == RepPoint(0, Side.BOTH, 2)
    events = run_to_end(timer, clock, 1.0)
    assert [r.rep for r in reps_of(events)] == [2, 3]
    assert timer.ended_at == 5 + 10 + 15 + 10


def test_resume_on_the_right_side_skips_the_left() -> None:
    clock = FakeClock()
    timer = SessionTimer(make_plan(ONE_LEG), clock, start_at=(0, "right", 3))
    events = run_to_end(timer, clock, 1.0)
    assert phases_of(events) == [Phase.HOLD, Phase.DONE]
    assert timer.completed == (RepRecord(0, Side.RIGHT, 3, 10, 0.0),)


@pytest.mark.parametrize(
    "start_at",
    [(0, Side.BOTH, 4), (0, Side.BOTH, 0), (1, Side.BOTH, 1), (0, Side.LEFT, 1), (0, "up", 1)],
)
def test_resume_from_a_rep_not_in_the_plan_is_refused(start_at: tuple[int, str, int]) -> None:
    with pytest.raises(DomainError):
        SessionTimer(make_plan(), FakeClock(), start_at=start_at)


def test_resume_point_follows_the_session() -> None:
    clock = FakeClock()
    timer = SessionTimer(make_plan(ONE_LEG), clock)
    assert timer.resume_point() == (0, Side.LEFT, 1)
    clock.now = 15.0
    timer.update()
    assert timer.resume_point() == (0, Side.LEFT, 2)
    clock.now = 66.0
    timer.update()
    assert timer.resume_point() == (0, Side.RIGHT, 1)
    clock.now = 1000.0
    timer.update()
    assert timer.resume_point() is None


# --- countdown and cues ------------------------------------------------------------------------


def test_countdown_3_2_1_is_emitted_once_each() -> None:
    clock = FakeClock()
    timer = SessionTimer(make_plan(), clock)
    seen: list[tuple[float, int]] = []
    for tick in range(0, 200):
        clock.now = tick / 10
        for event in timer.update() + timer.update():
            if isinstance(event, Countdown):
                seen.append((clock.now, event.n))
    assert seen == [(12.0, 3), (13.0, 2), (14.0, 1)]  # first hold ends at 15 s


def test_countdown_comes_before_the_rep_completes() -> None:
    clock = FakeClock()
    timer = SessionTimer(make_plan(), clock)
    clock.now = 15.0
    events = timer.update()
    assert events[:4] == [
        PhaseChanged(Phase.GET_READY, Phase.HOLD),
        Countdown(3),
        Countdown(2),
        Countdown(1),
    ]
    assert isinstance(events[4], RepCompleted)
    assert events[5] == PhaseChanged(Phase.HOLD, Phase.REST)


def test_countdown_survives_a_pause_without_repeating() -> None:
    clock = FakeClock()
    timer = SessionTimer(make_plan(), clock)
    clock.now = 13.5
    events = timer.update()
    timer.pause()
    clock.now = 40.0
    timer.resume()
    clock.now = 41.0  # the hold now ends at 41.5 s
    events += timer.update()
    assert [e.n for e in events if isinstance(e, Countdown)] == [3, 2, 1]
    assert timer.phase is Phase.HOLD
    clock.now = 41.4
    assert timer.update() == []


def test_every_hold_counts_down() -> None:
    clock = FakeClock()
    timer = SessionTimer(make_plan(ONE_LEG), clock)
    events = run_to_end(timer, clock, 0.25)
    assert [e.n for e in events if isinstance(e, Countdown)] == [3, 2, 1] * 6


def test_cue_for_events() -> None:
    assert cue_for(PhaseChanged(Phase.GET_READY, Phase.HOLD)) == "hold"
    assert cue_for(PhaseChanged(Phase.HOLD, Phase.REST)) == "rest"
    assert cue_for(PhaseChanged(Phase.HOLD, Phase.SWITCH_SIDES)) == "switch_sides"
    assert cue_for(PhaseChanged(Phase.HOLD, Phase.SWITCH_EXERCISE)) == "switch_exercise"
    assert cue_for(PhaseChanged(Phase.SWITCH_SIDES, Phase.GET_READY)) is None
    assert cue_for(PhaseChanged(Phase.HOLD, Phase.DONE)) is None
    assert cue_for(Countdown(2)) == "countdown"
    assert cue_for(Finished()) == "done"
    assert cue_for(Finished(aborted=True)) is None
    assert cue_for(Finished(over_limit=True)) is None
    assert cue_for(RepCompleted(RepRecord(0, Side.BOTH, 1, 10))) is None


def test_cue_patterns_are_told_apart_by_bell_count() -> None:
    for name in ("hold", "rest", "switch_sides", "countdown", "done"):
        assert name in CUE_PATTERNS
    counts = {name: len(CUE_PATTERNS[name]) for name in ("hold", "rest", "switch_sides", "done")}
    assert len(set(counts.values())) == len(counts)
    assert counts["hold"] == 1 and counts["rest"] == 2 and counts["switch_sides"] == 3
    assert len(CUE_PATTERNS["countdown"]) == 1
    for pattern in CUE_PATTERNS.values():
        assert pattern[0] == 0.0
        assert all(0.0 <= delay <= 2.0 for delay in pattern)


def test_every_event_of_a_session_maps_to_a_known_cue() -> None:
    clock = FakeClock()
    timer = SessionTimer(make_plan(ONE_LEG, make_plan().exercises[0]), clock)
    for event in run_to_end(timer, clock, 1.0):
        cue = cue_for(event)
        assert cue is None or cue in CUE_PATTERNS


# --- display helpers ---------------------------------------------------------------------------


def test_next_up_texts() -> None:
    clock = FakeClock()
    timer = SessionTimer(make_plan(), clock)
    seen: list[tuple[Phase, int, str]] = []
    for at in (0.0, 6.0, 20.0, 31.0, 45.0, 56.0, 70.0):
        clock.now = at
        timer.update()
        seen.append((timer.phase, timer.rep, timer.next_up))
    assert seen == [
        (Phase.GET_READY, 1, "Hold 1 of 3"),
        (Phase.HOLD, 1, "Rest 15 s"),
        (Phase.REST, 2, "Hold 2 of 3"),
        (Phase.HOLD, 2, "Rest 15 s"),
        (Phase.REST, 3, "Hold 3 of 3"),
        (Phase.HOLD, 3, "Finished"),
        (Phase.DONE, 3, "Finished"),
    ]


def test_progress_runs_from_0_to_1() -> None:
    clock = FakeClock()
    timer = SessionTimer(make_plan(), clock)
    assert timer.progress == 0.0
    clock.now = 32.5
    timer.update()
    assert timer.progress == pytest.approx(0.5)
    last = 0.0
    while not timer.done:
        clock.advance(0.5)
        timer.update()
        assert timer.progress >= last
        last = timer.progress
    assert timer.progress == 1.0


def test_progress_is_frozen_while_paused() -> None:
    clock = FakeClock()
    timer = SessionTimer(make_plan(), clock)
    clock.now = 13.0
    timer.update()
    timer.pause()
    clock.now = 50.0
    assert timer.progress == pytest.approx(13 / 65)


def test_exercise_properties() -> None:
    clock = FakeClock()
    plan = make_plan(ONE_LEG)
    timer = SessionTimer(plan, clock)
    assert timer.exercise is plan.exercises[0]
    assert timer.exercise_index == 0
    assert timer.reps_in_block == 3
    assert timer.total_seconds == 140.0
    assert timer.started_at == 0.0
    assert timer.ended_at is None
    assert timer.step.phase is Phase.GET_READY
    assert timer.steps[-1].phase is Phase.DONE


# --- settings ----------------------------------------------------------------------------------


def test_zero_rest_is_skipped() -> None:
    no_rest = Exercise(Position.NEUTRAL, legs=2, reps=3, hold_seconds=10, rest_seconds=0)
    clock = FakeClock()
    timer = SessionTimer(make_plan(no_rest), clock)
    events = run_to_end(timer, clock, 1.0)
    assert Phase.REST not in phases_of(events)
    assert PhaseChanged(Phase.HOLD, Phase.HOLD) in events
    assert len(timer.completed) == 3
    assert timer.ended_at == 35.0


def test_zero_get_ready_starts_with_the_hold() -> None:
    clock = FakeClock()
    timer = SessionTimer(make_plan(ONE_LEG), clock, get_ready_seconds=0, switch_sides_seconds=0)
    assert timer.phase is Phase.HOLD
    events = run_to_end(timer, clock, 1.0)
    assert Phase.GET_READY not in phases_of(events)
    assert Phase.SWITCH_SIDES not in phases_of(events)
    assert timer.ended_at == 120.0


def test_custom_pause_lengths() -> None:
    second = Exercise(Position.HEEL_DROP, legs=1, reps=1, hold_seconds=5, rest_seconds=0)
    steps = build_schedule(
        make_plan(ONE_LEG, second),
        get_ready_seconds=3,
        switch_sides_seconds=7,
        switch_exercise_seconds=20,
    )
    assert [(s.phase, s.seconds) for s in steps if s.phase is not Phase.HOLD] == [
        (Phase.GET_READY, 3.0),
        (Phase.REST, 15.0),
        (Phase.REST, 15.0),
        (Phase.SWITCH_SIDES, 7.0),
        (Phase.GET_READY, 3.0),
        (Phase.REST, 15.0),
        (Phase.REST, 15.0),
        (Phase.SWITCH_EXERCISE, 20.0),
        (Phase.GET_READY, 3.0),
        (Phase.SWITCH_SIDES, 7.0),
        (Phase.GET_READY, 3.0),
        (Phase.DONE, 0.0),
    ]
    assert session_seconds(steps) == 3 + 30 + 30 + 7 + 3 + 30 + 30 + 20 + 3 + 5 + 7 + 3 + 5
    assert count_reps(make_plan(ONE_LEG, second)) == 8
    assert count_reps(make_plan(ONE_LEG, second), sides="injured") == 4


@pytest.mark.parametrize(
    "kwargs",
    [
        {"sides": "one"},
        {"sides": "injured", "injured_side": Side.BOTH},
        {"injured_side": "middle"},
        {"get_ready_seconds": -1},
        {"switch_sides_seconds": float("nan")},
        {"switch_exercise_seconds": True},
    ],
)
def test_bad_settings_are_refused(kwargs: dict[str, object]) -> None:
    with pytest.raises(DomainError):
        SessionTimer(make_plan(), FakeClock(), **kwargs)  # type: ignore[arg-type]
