"""The session's words for where it stands, shared by the big far-mode view and the status line.

The status line is a public format (screen readers and scripts read it), so it is
built in one place: ``HOLD 0:28 · rep 2 of 5 · left leg``.
"""

from __future__ import annotations

import math

from achilles_tui.domain.models import Side
from achilles_tui.domain.timer import Phase, SessionTimer
from achilles_tui.domain.wording import side_words

PHASE_WORDS: dict[Phase, str] = {
    Phase.GET_READY: "GET READY",
    Phase.HOLD: "HOLD",
    Phase.REST: "REST",
    Phase.SWITCH_SIDES: "SWITCH",
    Phase.SWITCH_EXERCISE: "SWITCH",
    Phase.DONE: "DONE",
}
"""The phase word in capitals, as the status line and far mode show it."""


def clock_text(seconds: float) -> str:
    """Seconds left as M:SS, rounded up so 0:00 only shows when the phase is over."""
    whole = max(0, math.ceil(seconds - 1e-9))
    return f"{whole // 60}:{whole % 60:02d}"


def rep_text(timer: SessionTimer) -> str:
    """'rep 2 of 5', plus the leg when the hold is on one leg."""
    text = f"rep {timer.rep} of {timer.reps_in_block}"
    if timer.side is not Side.BOTH:
        text += f" · {side_words(timer.side)}"
    return text


def status_line(timer: SessionTimer) -> str:
    """``HOLD 0:28 · rep 2 of 5 · left leg`` (``· paused`` while paused)."""
    line = f"{PHASE_WORDS[timer.phase]} {clock_text(timer.remaining)} · {rep_text(timer)}"
    if timer.paused:
        line += " · paused"
    return line
