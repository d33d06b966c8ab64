"""Property tests: whatever the plan and however irregular the caller, the timer never drifts."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from achilles_tui.domain.models import Exercise, Plan, Position, Side
from achilles_tui.domain.timer import (
    Countdown,
    Event,
    Finished,
    Phase,
    PhaseChanged,
    RepCompleted,
    SessionTimer,
)
from tests.fake_clock import FakeClock


@dataclass(frozen=True)
class Setup:
    """A random plan plus the session settings it runs with."""

    plan: Plan
    get_ready: int
    switch_sides: int
    switch_exercise: int
    sides: str
    injured: Side
    start: float

    def timer(self, clock: FakeClock) -> SessionTimer:
        return SessionTimer(
            self.plan,
            clock,
            get_ready_seconds=self.get_ready,
            switch_sides_seconds=self.switch_sides,
            switch_exercise_seconds=self.switch_exercise,
            sides="injured" if self.sides == "injured" else "both",
            injured_side=self.injured,
        )

    def sides_of(self, exercise: Exercise) -> list[Side]:
        if exercise.legs == 2:
            return [Side.BOTH]
        return [self.injured] if self.sides == "injured" else [Side.LEFT, Side.RIGHT]

    def expected_seconds(self) -> float:
        """Sum of phase durations, worked out independently of the timer's schedule."""
        total = 0
        for number, exercise in enumerate(self.plan.exercises):
            if number:
                total += self.switch_exercise
            for block, _side in enumerate(self.sides_of(exercise)):
                if block:
                    total += self.switch_sides
                total += self.get_ready
                total += exercise.reps * exercise.hold_seconds
                total += (exercise.reps - 1) * exercise.rest_seconds
        return float(total)

    def expected_reps(self) -> list[tuple[int, Side, int]]:
        return [
            (index, side, rep)
            for index, exercise in enumerate(self.plan.exercises)
            for side in self.sides_of(exercise)
            for rep in range(1, exercise.reps + 1)
        ]


exercises = st.builds(
    Exercise,
    position=st.sampled_from(list(Position)),
    legs=st.integers(1, 2),
    reps=st.integers(1, 4),
    hold_seconds=st.integers(5, 20),
    rest_seconds=st.integers(0, 30),
)

setups = st.builds(
    Setup,
    plan=st.lists(exercises, min_size=1, max_size=3).map(
        lambda exs: Plan(version=1, created=dt.datetime(2024, 1, 1), exercises=tuple(exs))
    ),
    get_ready=st.integers(0, 10),
    switch_sides=st.integers(0, 15),
    switch_exercise=st.integers(0, 20),
    sides=st.sampled_from(["both", "injured"]),
    injured=st.sampled_from([Side.LEFT, Side.RIGHT]),
    start=st.floats(0, 1e6, allow_nan=False, allow_infinity=False),
)

gaps = st.lists(st.floats(0.05, 60, allow_nan=False), min_size=1, max_size=30)


def drive(timer: SessionTimer, clock: FakeClock, gaps: list[float]) -> list[Event]:
    """Update at the given irregular gaps (cycled) until the session is over."""
    events = timer.update()
    turn = 0
    most = int(timer.total_seconds / min(gaps)) + 10  # every gap moves the clock on
    while not timer.done:
        clock.now += gaps[turn % len(gaps)]
        turn += 1
        assert turn <= most
        events += timer.update()
        assert 0.0 <= timer.remaining <= timer.phase_seconds
    return events


@settings(max_examples=150, deadline=None)
@given(setup=setups, gap_list=gaps)
def test_end_time_is_start_plus_phase_durations(setup: Setup, gap_list: list[float]) -> None:
    clock = FakeClock(setup.start)
    timer = setup.timer(clock)
    expected_end = setup.start + setup.expected_seconds()
    assert timer.planned_end == pytest.approx(expected_end, abs=1e-6)
    events = drive(timer, clock, gap_list)
    assert timer.ended_at == pytest.approx(expected_end, abs=1e-6)
    assert timer.elapsed == pytest.approx(setup.expected_seconds(), abs=1e-6)
    assert len(timer.completed) == timer.total_reps == len(setup.expected_reps())
    assert [(r.exercise_index, r.side, r.rep) for r in timer.completed] == setup.expected_reps()
    assert [e.record for e in events if isinstance(e, RepCompleted)] == list(timer.completed)
    assert sum(isinstance(e, Countdown) for e in events) == 3 * timer.total_reps
    assert events[-1] == Finished()
    assert timer.progress == 1.0
    assert timer.resume_point() is None


@settings(max_examples=100, deadline=None)
@given(setup=setups, gap_list=gaps)
def test_irregular_caller_sees_the_same_events_as_a_single_late_update(
    setup: Setup, gap_list: list[float]
) -> None:
    clock = FakeClock(setup.start)
    timer = setup.timer(clock)
    events = drive(timer, clock, gap_list)

    late_clock = FakeClock(setup.start)
    late = setup.timer(late_clock)
    late_clock.now = setup.start + setup.expected_seconds() + 1000
    assert late.update() == events
    assert late.ended_at == timer.ended_at
    assert late.update() == []


@settings(max_examples=100, deadline=None)
@given(
    setup=setups,
    gap_list=gaps,
    pauses=st.lists(st.floats(0.0, 100, allow_nan=False), min_size=1, max_size=10),
)
def test_pauses_move_the_end_by_the_paused_time(
    setup: Setup, gap_list: list[float], pauses: list[float]
) -> None:
    clock = FakeClock(setup.start)
    timer = setup.timer(clock)
    paused_total = 0.0
    turn = 0
    timer.update()
    while not timer.done:
        clock.now += gap_list[turn % len(gap_list)]
        if turn < len(pauses):
            timer.pause()
            if timer.paused:
                frozen = (timer.phase, timer.remaining, timer.progress)
                clock.now += pauses[turn]
                paused_total += pauses[turn]
                timer.update()  # hands over what pause() caught up on; moves nothing
                assert (timer.phase, timer.remaining, timer.progress) == frozen
                timer.resume()
        turn += 1
        timer.update()
    expected_end = setup.start + setup.expected_seconds() + paused_total
    assert timer.ended_at == pytest.approx(expected_end, abs=1e-6)
    assert timer.elapsed == pytest.approx(setup.expected_seconds(), abs=1e-6)
    assert len(timer.completed) == timer.total_reps


@settings(max_examples=100, deadline=None)
@given(setup=setups, gap_list=gaps, skip_turns=st.sets(st.integers(0, 40), max_size=10))
def test_skipped_holds_are_exactly_the_missing_reps(
    setup: Setup, gap_list: list[float], skip_turns: set[int]
) -> None:
    clock = FakeClock(setup.start)
    timer = setup.timer(clock)
    events = timer.update()
    skipped: list[tuple[int, Side, int]] = []
    last_progress = 0.0
    turn = 0
    while not timer.done:
        clock.now += gap_list[turn % len(gap_list)]
        events += timer.update()
        if turn in skip_turns and not timer.done:
            if timer.phase is Phase.HOLD:
                skipped.append((timer.exercise_index, timer.side, timer.rep))
            timer.skip()
            events += timer.update()
        assert timer.progress >= last_progress
        last_progress = timer.progress
        turn += 1
    done = [(r.exercise_index, r.side, r.rep) for r in timer.completed]
    assert sorted(done + skipped) == sorted(setup.expected_reps())
    assert not set(done) & set(skipped)
    assert isinstance(events[-1], Finished)
    assert sum(isinstance(e, Finished) for e in events) == 1
    changes = [e for e in events if isinstance(e, PhaseChanged)]
    assert all(a.new == b.old for a, b in itertools.pairwise(changes))
    assert timer.ended_at is not None
    assert timer.ended_at <= setup.start + setup.expected_seconds() + 1e-6
