"""Which sound cue plays at which moment of a guided session, worked out ahead of time.

The timer knows every deadline in advance, so the cues are planned against those
deadlines rather than fired when the screen notices a phase change: a busy event
loop can then never make a cue late. The plan covers the current phase and the
start of the next one; it is handed to a player that starts each clip on its
time and never plays the same ``key`` twice (so re-planning after a pause or a
repaint is always safe).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from achilles_tui.domain.models import Side
from achilles_tui.domain.timer import COUNTDOWN_FROM, Phase, SessionTimer

CLIP_NAMES: tuple[str, ...] = (
    "get_ready",
    "hold",
    "rest",
    "switch_left",
    "switch_right",
    "left_leg",
    "right_leg",
    "next_exercise",
    "three",
    "two",
    "one",
    "halfway",
    "last_one",
    "done",
    "pain_limit",
    # Heel raises (domain/tempo_timer.py): each raise's movement, and the sets.
    "up",
    "down",
    "set_done",
    "next_set",
)
"""Every clip a session can ask for; the voice set and the tone set both cover all of them."""

COUNT_CLIPS = {3: "three", 2: "two", 1: "one"}
GAP = 0.15
"""Seconds of quiet between two clips spoken one after the other."""
FIXED_MARGIN = 0.2
"""An optional clip must end this long before the next fixed cue, or it is left out."""
HALFWAY_MIN_HOLD = 10.0
"""Shorter holds get no 'halfway': it would crowd the 3-2-1."""
NEXT_SET_LEAD = 1.0
"""'Next set' ends this long before the first 'up' of the set, to get in place."""


@dataclass(frozen=True)
class Cue:
    """One clip to start at monotonic time ``at``; ``key`` is unique within one session run."""

    key: str
    clip: str
    at: float


def plan_cues(timer: SessionTimer, durations: Mapping[str, float]) -> list[Cue]:
    """The cues from the current phase's start up to and including the next phase's start.

    Empty while paused or once the session is over: a paused session must stay quiet,
    and the caller re-plans on resume (with the shifted deadlines).
    ``durations`` gives each clip's length in seconds, to fit optional clips into gaps.
    """
    if timer.paused or timer.done:
        return []
    index = timer.step_index
    step = timer.step
    deadline = timer.deadline
    start = deadline - step.seconds
    cues = _fixed_cues(timer, index, start, deadline)
    cues += _optional_cues(timer, index, start, deadline, durations, cues)
    following = timer.steps[index + 1]
    if following.phase is not Phase.DONE or not (timer.aborted or timer.over_limit):
        cues += _start_cues(timer, index + 1, deadline)
    return sorted(cues, key=lambda cue: (cue.at, cue.key))


def _start_cues(timer: SessionTimer, index: int, at: float) -> list[Cue]:
    """The phase word said as step ``index`` begins."""
    step = timer.steps[index]
    clip = {
        Phase.GET_READY: "get_ready",
        Phase.HOLD: "hold",
        Phase.REST: "rest",
        Phase.SWITCH_EXERCISE: "next_exercise",
        Phase.DONE: "done",
        Phase.UP: "up",
        Phase.DOWN: "down",
    }.get(step.phase)
    if step.phase is Phase.REST and step.set_number:
        clip = "set_done"  # heel raises: a rest always follows a finished set
    if step.phase is Phase.SWITCH_SIDES:
        upcoming = timer.steps[index + 1].side
        clip = "switch_left" if upcoming is Side.LEFT else "switch_right"
    if clip is None:
        return []
    if index == 0 and step.phase is Phase.GET_READY:
        return []  # the first get-ready has its own opening, see _optional_cues
    return [Cue(f"{index}:{clip}", clip, at)]


def _fixed_cues(timer: SessionTimer, index: int, start: float, deadline: float) -> list[Cue]:
    """Cues whose time is set by the clock alone: the phase word and the 3-2-1 of a hold."""
    cues = _start_cues(timer, index, start)
    step = timer.step
    if step.phase is Phase.HOLD:
        for n in range(COUNTDOWN_FROM, 0, -1):
            if n < step.seconds:
                cues.append(Cue(f"{index}:{COUNT_CLIPS[n]}", COUNT_CLIPS[n], deadline - n))
    return cues


def _optional_cues(
    timer: SessionTimer,
    index: int,
    start: float,
    deadline: float,
    durations: Mapping[str, float],
    fixed: list[Cue],
) -> list[Cue]:
    """Helpful extras, each only where it fits before the next fixed cue."""
    step = timer.step
    wanted: list[str] = []
    at = start
    if index == 0 and step.phase is Phase.GET_READY:
        # The opening: the phase word, which leg, and the pain limit before the first hold.
        wanted = ["get_ready"]
        if step.side is not Side.BOTH:
            wanted.append("left_leg" if step.side is Side.LEFT else "right_leg")
        wanted.append("pain_limit")
    elif step.phase is Phase.REST and step.set_number:
        # Heel raises: 'next set' just before the set's first 'up', when the rest has room.
        at = deadline - durations.get("next_set", 0.0) - NEXT_SET_LEAD
        if at >= start + durations.get("set_done", 0.0) + GAP:
            wanted = ["next_set"]
    elif step.phase is Phase.REST and _next_hold_is_last(timer, index):
        at = start + durations.get("rest", 0.0) + GAP
        wanted = ["last_one"]
    elif step.phase is Phase.GET_READY and step.side is not Side.BOTH:
        at = start + durations.get("get_ready", 0.0) + GAP
        wanted = ["left_leg" if step.side is Side.LEFT else "right_leg"]
    elif step.phase is Phase.HOLD and step.seconds >= HALFWAY_MIN_HOLD:
        at = start + step.seconds / 2
        wanted = ["halfway"]
    limit = min([cue.at for cue in fixed if cue.at > start] + [deadline]) - FIXED_MARGIN
    cues: list[Cue] = []
    for clip in wanted:
        end = at + durations.get(clip, 0.0)
        if end > limit:
            continue
        cues.append(Cue(f"{index}:{clip}", clip, at))
        at = end + GAP
    if (
        index == 0
        and step.phase is Phase.GET_READY
        and not any(cue.clip == "pain_limit" for cue in cues)
    ):
        # Too short a get-ready for everything: the safety line still comes first.
        cues = [Cue(f"{index}:pain_limit", "pain_limit", start)]
    return cues


def _next_hold_is_last(timer: SessionTimer, index: int) -> bool:
    """Whether the hold after step ``index`` is the last hold of the session."""
    later = [step for step in timer.steps[index + 1 :] if step.phase is Phase.HOLD]
    return len(later) == 1
