"""The cue plan: every phase announced on its deadline, 3-2-1 ending on it, nothing twice."""

from __future__ import annotations

import pytest

from achilles_tui.domain.cues import CLIP_NAMES, Cue, plan_cues
from achilles_tui.domain.models import Exercise, Position
from achilles_tui.domain.timer import Phase, SessionTimer
from tests.domain.test_timer import ONE_LEG, make_plan
from tests.fake_clock import FakeClock

# Clip lengths close to the shipped voice set.
DURATIONS = {name: 0.5 for name in CLIP_NAMES} | {"pain_limit": 2.4, "done": 1.2}


def run_collecting(timer: SessionTimer, clock: FakeClock, step: float = 0.25) -> dict[str, Cue]:
    """Drive the timer to its end, re-planning at every phase change like the screen does.

    Returns every cue ever planned, by key; a key planned twice must be the same cue.
    """
    seen: dict[str, Cue] = {}
    last_index = -1
    while not timer.done:
        if timer.step_index != last_index:
            last_index = timer.step_index
            for cue in plan_cues(timer, DURATIONS):
                if cue.key in seen:
                    assert seen[cue.key] == cue, f"{cue.key} planned at two times"
                seen[cue.key] = cue
        clock.advance(step)
        timer.update()
    return seen


def starts(timer: SessionTimer, origin: float) -> list[tuple[Phase, float, float]]:
    """Each step's phase, start and deadline on the clock, from the schedule."""
    out, at = [], origin
    for step in timer.steps:
        out.append((step.phase, at, at + step.seconds))
        at += step.seconds
    return out


def test_every_phase_is_announced_exactly_on_its_start() -> None:
    clock = FakeClock(100.0)
    timer = SessionTimer(make_plan(), clock, get_ready_seconds=5)
    schedule = starts(timer, 100.0)
    cues = run_collecting(timer, clock)
    words = {Phase.HOLD: "hold", Phase.REST: "rest", Phase.DONE: "done"}
    for index, (phase, start, _end) in enumerate(schedule):
        if phase in words:
            cue = cues.get(f"{index}:{words[phase]}")
            assert cue is not None, f"no {words[phase]} cue for step {index}"
            assert cue.at == pytest.approx(start)


def test_three_two_one_end_on_the_hold_deadline() -> None:
    clock = FakeClock(0.0)
    timer = SessionTimer(make_plan(), clock, get_ready_seconds=5)
    schedule = starts(timer, 0.0)
    cues = run_collecting(timer, clock)
    for index, (phase, _start, end) in enumerate(schedule):
        if phase is Phase.HOLD:
            counted = [cues[f"{index}:{word}"] for word in ("three", "two", "one")]
            assert [c.at for c in counted] == pytest.approx([end - 3, end - 2, end - 1])
            # each count word ends before the next, the last before the deadline
            assert all(c.at + DURATIONS[c.clip] <= end for c in counted)


def test_the_pain_limit_is_said_before_the_first_hold_even_with_a_short_get_ready() -> None:
    for get_ready in (3, 5, 10):
        clock = FakeClock(0.0)
        timer = SessionTimer(make_plan(), clock, get_ready_seconds=get_ready)
        cues = plan_cues(timer, DURATIONS)
        pain = [c for c in cues if c.clip == "pain_limit"]
        assert len(pain) == 1 and pain[0].at < get_ready
        hold = next(c for c in cues if c.clip == "hold")
        assert hold.at == get_ready
        # Nothing overlaps the hold cue.
        assert all(c.at + DURATIONS[c.clip] <= hold.at for c in cues if c is not hold)


def test_one_leg_plans_say_the_leg_and_the_switch() -> None:
    clock = FakeClock(0.0)
    timer = SessionTimer(make_plan(ONE_LEG), clock, get_ready_seconds=10)
    cues = run_collecting(timer, clock)
    clips = [c.clip for c in sorted(cues.values(), key=lambda c: c.at)]
    assert clips[:3] == ["get_ready", "left_leg", "pain_limit"]
    assert "switch_right" in clips
    assert clips.index("switch_right") < clips.index("right_leg")


def test_last_one_comes_in_the_rest_before_the_last_hold_and_halfway_in_long_holds() -> None:
    clock = FakeClock(0.0)
    timer = SessionTimer(make_plan(), clock, get_ready_seconds=5)  # 3 x 10 s hold, 15 s rest
    schedule = starts(timer, 0.0)
    cues = run_collecting(timer, clock)
    last_rest = max(i for i, (phase, _s, _e) in enumerate(schedule) if phase is Phase.REST)
    assert f"{last_rest}:last_one" in cues
    assert sum(1 for c in cues.values() if c.clip == "last_one") == 1
    holds = [i for i, (phase, _s, _e) in enumerate(schedule) if phase is Phase.HOLD]
    for index in holds:
        _phase, start, end = schedule[index]
        assert cues[f"{index}:halfway"].at == pytest.approx((start + end) / 2)


def test_short_holds_get_no_halfway() -> None:
    plan = make_plan(Exercise(Position.NEUTRAL, 2, reps=2, hold_seconds=6, rest_seconds=5))
    clock = FakeClock(0.0)
    cues = run_collecting(SessionTimer(plan, clock), clock)
    assert not [c for c in cues.values() if c.clip == "halfway"]


def test_a_paused_session_plans_nothing_and_resume_moves_the_cues() -> None:
    clock = FakeClock(0.0)
    timer = SessionTimer(make_plan(), clock, get_ready_seconds=5)
    clock.advance(6)
    timer.update()  # 1 s into the first hold (ends at 15)
    before = {c.key: c.at for c in plan_cues(timer, DURATIONS)}
    timer.pause()
    assert plan_cues(timer, DURATIONS) == []
    clock.advance(30)
    timer.resume()
    after = {c.key: c.at for c in plan_cues(timer, DURATIONS)}
    moved = {k for k in before if k in after and not k.endswith(":hold")}
    assert moved and all(after[k] == pytest.approx(before[k] + 30) for k in moved)


def test_skipping_plans_the_next_phase_word_at_once() -> None:
    clock = FakeClock(0.0)
    timer = SessionTimer(make_plan(), clock, get_ready_seconds=5)
    clock.advance(1)
    timer.skip()
    timer.update()
    hold = next(c for c in plan_cues(timer, DURATIONS) if c.clip == "hold")
    assert hold.at == pytest.approx(1.0)


def test_an_aborted_session_announces_nothing_more() -> None:
    clock = FakeClock(0.0)
    timer = SessionTimer(make_plan(), clock)
    clock.advance(2)
    timer.abort()
    timer.update()
    assert plan_cues(timer, DURATIONS) == []


def test_every_clip_the_plan_asks_for_is_a_known_clip() -> None:
    for plan in (make_plan(), make_plan(ONE_LEG), make_plan(ONE_LEG, *make_plan().exercises)):
        clock = FakeClock(0.0)
        cues = run_collecting(SessionTimer(plan, clock), clock)
        assert {c.clip for c in cues.values()} <= set(CLIP_NAMES)
        assert "done" in {c.clip for c in cues.values()}
