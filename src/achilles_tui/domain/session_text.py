"""The session's words for where it stands, shared by the big far-mode view and the status line.

The status line is a public format (screen readers and scripts read it), so it is
built in one place: ``HOLD 0:28 · rep 2 of 5 · left leg`` for a hold, and for heel
raises ``UP 0:02 · rep 7 of 15 · set 2 of 3 · left leg`` (every countdown in the same M:SS
form, so a reader never takes a movement's seconds for a count) or
``REST 0:45 · set 2 of 3 done · left leg``.
"""

from __future__ import annotations

import math

from achilles_tui.domain.models import RAISE_LABELS, HeelRaise, RaiseKind, Side, Surface
from achilles_tui.domain.timer import MOVEMENT_PHASES, Phase, SessionTimer
from achilles_tui.domain.wording import side_words

PHASE_WORDS: dict[Phase, str] = {
    Phase.GET_READY: "GET READY",
    Phase.HOLD: "HOLD",
    Phase.REST: "REST",
    Phase.SWITCH_SIDES: "SWITCH",
    Phase.SWITCH_EXERCISE: "SWITCH",
    Phase.DONE: "DONE",
    Phase.UP: "UP",
    Phase.TOP: "TOP",
    Phase.DOWN: "DOWN",
}
"""The phase word in capitals, as the status line and far mode show it."""


def clock_text(seconds: float) -> str:
    """Seconds left as M:SS, rounded up so 0:00 only shows when the phase is over."""
    whole = max(0, math.ceil(seconds - 1e-9))
    return f"{whole // 60}:{whole % 60:02d}"


def seconds_text(seconds: float) -> str:
    """Whole seconds left, rounded up like ``clock_text`` (a movement's '3', '2', '1')."""
    return str(max(0, math.ceil(seconds - 1e-9)))


def countdown_text(timer: SessionTimer) -> str:
    """The phase's countdown as shown: bare seconds while raising, else M:SS."""
    if timer.phase in MOVEMENT_PHASES:
        return seconds_text(timer.remaining)
    return clock_text(timer.remaining)


def _leg(timer: SessionTimer) -> str:
    return "" if timer.side is Side.BOTH else f" · {side_words(timer.side)}"


def set_text(timer: SessionTimer) -> str:
    """Heel raises: 'rep 7 of 15 · set 2 of 3' in a set, 'set 2 of 3 done' in a rest (or
    'skipped' when that set was skipped: only a finished set is done), 'set 1 of 3 · 15
    raises' before a set."""
    step = timer.step
    if step.phase in MOVEMENT_PHASES:
        return f"rep {step.rep} of {step.reps_in_block} · set {step.set_number} of {step.sets}"
    if step.phase is Phase.REST:
        before = step.set_number - 1
        finished = any(
            (record.exercise_index, record.side, record.rep)
            == (step.exercise_index, step.side, before)
            for record in timer.completed
        )
        return f"set {before} of {step.sets} {'done' if finished else 'skipped'}"
    return f"set {step.set_number} of {step.sets} · {step.reps_in_block} raises"


def rep_text(timer: SessionTimer) -> str:
    """'rep 2 of 5', plus the leg when the hold is on one leg (heel raises: ``set_text``)."""
    if timer.step.set_number:
        return set_text(timer) + _leg(timer)
    return f"rep {timer.rep} of {timer.reps_in_block}{_leg(timer)}"


def status_line(timer: SessionTimer) -> str:
    """``HOLD 0:28 · rep 2 of 5 · left leg`` (``· paused`` while paused); M:SS in every phase."""
    line = f"{PHASE_WORDS[timer.phase]} {clock_text(timer.remaining)} · {rep_text(timer)}"
    if timer.paused:
        line += " · paused"
    return line


def tempo_card(exercise: HeelRaise, phase: Phase) -> str:
    """The near view's picture for heel raises: the pace of one raise, the current part marked."""
    two_one = exercise.exercise is RaiseKind.UP_TWO_DOWN_ONE
    where = "on a step edge" if exercise.surface is Surface.STEP else "on the floor"
    parts = [
        (Phase.UP, "▲ up" + (" on both feet" if two_one else ""), exercise.tempo.up),
        (Phase.TOP, "■ at the top", exercise.tempo.top),
        (Phase.DOWN, "▼ down" + (" on one leg" if two_one else ""), exercise.tempo.down),
    ]
    lines = [RAISE_LABELS[exercise.exercise].upper(), f"{where}, tempo {exercise.tempo.text}", ""]
    for part, words, seconds in parts:
        if seconds:
            mark = "▶" if part is phase else " "
            lines.append(f"{mark} {words} {seconds} s")
    lines += ["", f"rest {exercise.rest_seconds} s between sets"]
    return "\n".join(lines)
