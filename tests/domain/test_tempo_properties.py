"""Property tests of the heel-raise timer: any plan, any caller, every raise and set on time."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from achilles_tui.domain.models import HeelRaise, Plan, RaiseKind, Side, Tempo
from achilles_tui.domain.tempo_timer import SetCompleted, TempoTimer, runs_per_side
from achilles_tui.domain.timer import Event, Finished, Phase, PhaseChanged
from tests.fake_clock import FakeClock

raises = st.builds(
    HeelRaise,
    exercise=st.sampled_from(list(RaiseKind)),
    legs=st.integers(1, 2),
    sets=st.integers(1, 4),
    reps=st.integers(1, 6),
    tempo=st.builds(Tempo, st.integers(1, 4), st.integers(0, 2), st.integers(1, 4)),
    rest_seconds=st.integers(0, 40),
)
plans = st.lists(raises, min_size=1, max_size=2).map(
    lambda exs: Plan(version=1, created=dt.datetime(2024, 1, 1), exercises=tuple(exs))
)
sides = st.sampled_from(["both", "injured"])
gaps = st.lists(st.floats(0.01, 40, allow_nan=False), min_size=1, max_size=20)


def sides_run(exercise: HeelRaise, mode: str) -> int:
    return 1 if not runs_per_side(exercise) or mode == "injured" else 2


def expected_seconds(plan: Plan, mode: str, get_ready: int, switch: int, next_ex: int) -> float:
    """The session's length, added up independently of the schedule."""
    total = 0
    for number, exercise in enumerate(plan.exercises):
        assert isinstance(exercise, HeelRaise)
        total += next_ex if number else 0
        for block in range(sides_run(exercise, mode)):
            total += switch if block else 0
            total += get_ready + exercise.sets * exercise.reps * exercise.tempo.rep_seconds
            total += (exercise.sets - 1) * exercise.rest_seconds
    return float(total)


def drive(timer: TempoTimer, clock: FakeClock, gap_list: list[float]) -> list[Event]:
    events = timer.update()
    turn = 0
    while not timer.done:
        clock.now += gap_list[turn % len(gap_list)]
        turn += 1
        assert turn < 100_000
        events += timer.update()
        assert 0.0 <= timer.remaining <= timer.phase_seconds
    return events


@settings(max_examples=150, deadline=None)
@given(
    plan=plans,
    mode=sides,
    get_ready=st.integers(0, 8),
    switch=st.integers(0, 10),
    next_ex=st.integers(0, 10),
    start=st.floats(0, 1e6, allow_nan=False),
    gap_list=gaps,
)
def test_run_to_the_end_every_raise_and_set_is_done_at_the_computed_time(
    plan: Plan,
    mode: str,
    get_ready: int,
    switch: int,
    next_ex: int,
    start: float,
    gap_list: list[float],
) -> None:
    clock = FakeClock(start)
    timer = TempoTimer(
        plan,
        clock,
        get_ready_seconds=get_ready,
        switch_sides_seconds=switch,
        switch_exercise_seconds=next_ex,
        sides=mode,
        injured_side=Side.RIGHT,
    )
    seconds = expected_seconds(plan, mode, get_ready, switch, next_ex)
    assert timer.planned_end == pytest.approx(start + seconds, abs=1e-6)
    events = drive(timer, clock, gap_list)
    assert timer.ended_at == pytest.approx(start + seconds, abs=1e-6)
    want_sets = sum(
        ex.sets * sides_run(ex, mode) for ex in plan.exercises if isinstance(ex, HeelRaise)
    )
    want_raises = sum(
        ex.sets * ex.reps * sides_run(ex, mode)
        for ex in plan.exercises
        if isinstance(ex, HeelRaise)
    )
    assert len(timer.completed) == timer.total_reps == want_sets
    assert sum(r.raises for r in timer.completed) == want_raises
    downs = [e for e in events if isinstance(e, PhaseChanged) and e.new is Phase.DOWN]
    ups = [e for e in events if isinstance(e, PhaseChanged) and e.new is Phase.UP]
    first_up = timer.steps[0].phase is Phase.UP  # no get-ready: the session opens going up
    assert len(downs) == len(ups) + first_up == want_raises
    assert events[-1] == Finished() and timer.resume_point() is None


@settings(max_examples=100, deadline=None)
@given(plan=plans, mode=sides, gap_list=gaps)
def test_events_are_strictly_ordered_and_match_the_schedule(
    plan: Plan, mode: str, gap_list: list[float]
) -> None:
    """Whatever the caller's pace, phase changes follow the schedule one by one, and each
    set's record comes right after its last DOWN and before the next phase starts."""
    clock = FakeClock()
    timer = TempoTimer(plan, clock, sides=mode, get_ready_seconds=2)
    schedule = [step.phase for step in timer.steps]
    events = drive(timer, clock, gap_list)
    changes = [e for e in events if isinstance(e, PhaseChanged)]
    assert [c.new for c in changes] == schedule[1:]
    assert [c.old for c in changes] == schedule[:-1]
    for position, event in enumerate(events):
        if isinstance(event, SetCompleted):
            before = [e for e in events[:position] if isinstance(e, PhaseChanged)]
            after = events[position + 1]
            assert before[-1].new is Phase.DOWN
            assert isinstance(after, PhaseChanged) and after.old is Phase.DOWN
    records = [(r.exercise_index, r.side, r.rep) for r in timer.completed]
    assert len(set(records)) == len(records), "no set is saved twice"


@settings(max_examples=100, deadline=None)
@given(plan=plans, cut=st.floats(0, 1), gap_list=gaps)
def test_a_session_cut_anywhere_and_resumed_saves_every_set_once(
    plan: Plan, cut: float, gap_list: list[float]
) -> None:
    """Crash at any moment, resume from the first unsaved set: no set lost, none twice."""
    from achilles_tui.domain.resume import first_missing_rep

    clock = FakeClock()
    first = TempoTimer(plan, clock)
    clock.now = first.planned_end * cut
    first.update()
    saved = first.completed
    point = first_missing_rep(plan, saved)
    if point is None:
        assert len(saved) == first.total_reps
        return
    assert point == first.resume_point() or first.done
    second = TempoTimer(plan, clock, start_at=point)
    drive(second, clock, gap_list)
    records = [(r.exercise_index, r.side, r.rep) for r in saved + second.completed]
    assert len(records) == len(set(records)) == first.total_reps
