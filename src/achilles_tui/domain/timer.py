"""Pure session timer: the guided-session state machine, driven by an injected clock.

Every phase has an absolute deadline on a monotonic clock and each deadline is
chained from the previous one, so a slow or irregular caller (a busy event loop,
a suspended terminal) never makes the session drift: ``update()`` simply catches
up through every phase whose deadline has passed. Nothing here counts ticks,
sleeps, or does I/O, so the whole session can be tested with a fake clock.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import NamedTuple, TypeVar

from achilles_tui.domain.models import (
    AnyExercise,
    DomainError,
    Exercise,
    HeelRaise,
    Plan,
    RepRecord,
    Side,
)
from achilles_tui.domain.wording import count

PAIN_RULE = "MON-PAIN-DURING"
"""Rule id recorded when a session is stopped because pain during it went over the limit."""

COUNTDOWN_FROM = 3
"""The 3-2-1 cue before a hold ends, so the user can release without watching the screen."""


class Phase(StrEnum):
    """What the user should be doing right now."""

    GET_READY = "get_ready"
    HOLD = "hold"
    REST = "rest"
    SWITCH_SIDES = "switch_sides"
    SWITCH_EXERCISE = "switch_exercise"
    DONE = "done"
    # Heel raises (domain/tempo_timer.py): each rep is up, an optional pause at the top, down.
    UP = "up"
    TOP = "top"
    DOWN = "down"


MOVEMENT_PHASES = frozenset({Phase.UP, Phase.TOP, Phase.DOWN})
"""The phases of a heel raise in motion: a set is under way while the timer is in one."""


PHASE_LABELS: dict[Phase, str] = {
    Phase.GET_READY: "Get ready",
    Phase.HOLD: "Hold",
    Phase.REST: "Rest",
    Phase.SWITCH_SIDES: "Switch sides",
    Phase.SWITCH_EXERCISE: "Next exercise",
    Phase.DONE: "Finished",
    Phase.UP: "Up",
    Phase.TOP: "Top",
    Phase.DOWN: "Down",
}


class RepPoint(NamedTuple):
    """Where a session stands, in the terms a person (and crash resume) uses.

    ``rep`` is the hold's rep number, or the set number in a heel-raise session.
    """

    exercise_index: int
    side: Side
    rep: int


@dataclass(frozen=True)
class Step:
    """One scheduled phase; non-hold steps carry the position of the hold that follows them.

    In a heel-raise session ``rep`` is the raise within its set and ``set_number`` (1-based)
    and ``sets`` place the set; a hold's steps leave both at 0.
    """

    phase: Phase
    seconds: float
    exercise_index: int
    side: Side
    rep: int
    reps_in_block: int
    set_number: int = 0
    sets: int = 0

    @property
    def starts_unit(self) -> bool:
        """The first moment of what one saved record stands for: a hold, or a set's first up."""
        return self.phase is Phase.HOLD or (self.phase is Phase.UP and self.rep == 1)

    @property
    def point(self) -> RepPoint:
        """This step's place in the terms a saved record uses (the set number for raises)."""
        unit = self.set_number if self.set_number else self.rep
        return RepPoint(self.exercise_index, self.side, unit)


# --- events -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PhaseChanged:
    """The session moved to a new phase; the UI redraws and rings the matching cue."""

    old: Phase
    new: Phase


@dataclass(frozen=True)
class RepCompleted:
    """A hold ran its full time; storage writes it at once so a crash loses at most one rep."""

    record: RepRecord


@dataclass(frozen=True)
class Countdown:
    """The n-seconds-left cue near the end of a hold (3, 2, 1), each sent once."""

    n: int


@dataclass(frozen=True)
class Finished:
    """The session is over; the flags say whether it ended early and why."""

    aborted: bool = False
    over_limit: bool = False


Event = PhaseChanged | RepCompleted | Countdown | Finished


# --- cues -------------------------------------------------------------------------------------

CUE_PATTERNS: dict[str, tuple[float, ...]] = {
    # Each entry is the delay in seconds before each bell (the first is 0.0), so the
    # number of bells tells the phases apart without looking at the screen.
    "hold": (0.0,),
    "rest": (0.0, 0.35),
    "switch_sides": (0.0, 0.3, 0.3),
    "switch_exercise": (0.0, 0.3, 0.3, 0.3),
    "countdown": (0.0,),
    "done": (0.0, 0.2, 0.2, 0.6, 0.2, 0.2),
    # A heel raise rings once as it starts up and once as it starts down.
    "up": (0.0,),
    "down": (0.0,),
}

_PHASE_CUES: dict[Phase, str] = {
    Phase.HOLD: "hold",
    Phase.REST: "rest",
    Phase.SWITCH_SIDES: "switch_sides",
    Phase.SWITCH_EXERCISE: "switch_exercise",
    Phase.UP: "up",
    Phase.DOWN: "down",
}


def cue_for(event: Event) -> str | None:
    """Name of the bell pattern (a CUE_PATTERNS key) an event should ring, None for silence."""
    if isinstance(event, PhaseChanged):
        # Get-ready follows a start or a switch that already rang; DONE rings via Finished.
        return _PHASE_CUES.get(event.new)
    if isinstance(event, Countdown):
        return "countdown"
    if isinstance(event, Finished):
        # Ending early was the user's own key press, so no celebration bell.
        return None if event.aborted or event.over_limit else "done"
    return None


# --- schedule ---------------------------------------------------------------------------------


def _sides_for(legs: int, sides: str, injured_side: Side) -> tuple[Side, ...]:
    """Single-leg holds run left then right, or the injured side only, as configured."""
    if legs == 2:
        return (Side.BOTH,)
    if sides == "injured":
        return (injured_side,)
    return (Side.LEFT, Side.RIGHT)


def _check_seconds(name: str, value: float) -> float:
    """Setting durations must be finite and non-negative; zero means 'skip this phase'."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise DomainError(f"{name} must be a number of seconds, got {value!r}")
    if not 0 <= value <= 3600:
        raise DomainError(f"{name} must be from 0 to 3600 seconds, got {value}")
    return float(value)


def _check_side_settings(sides: str, injured_side: Side | str) -> Side:
    """Refuse a sides mode or injured side that would make the schedule ambiguous."""
    if sides not in ("both", "injured"):
        raise DomainError(f"sides must be 'both' or 'injured', got {sides!r}")
    try:
        side = Side(injured_side)
    except ValueError:
        raise DomainError(f"injured side must be 'left' or 'right', got {injured_side!r}") from None
    if side is Side.BOTH:
        raise DomainError("injured side must be 'left' or 'right', not 'both'")
    return side


_E = TypeVar("_E", Exercise, HeelRaise)


def lay_out(
    plan: Plan,
    *,
    unit: str,
    exercises: Callable[[Plan], Sequence[_E]],
    sides_of: Callable[[_E, str, Side], tuple[Side, ...]],
    units_of: Callable[[_E], int],
    unit_steps: Callable[[int, _E, Side, int], list[Step]],
    get_ready_seconds: float,
    switch_sides_seconds: float,
    switch_exercise_seconds: float,
    sides: str,
    injured_side: Side | str,
    start_at: tuple[int, Side | str, int] | None,
) -> tuple[Step, ...]:
    """Lay out a session of ``unit``s (holds or sets) for every exercise and side, in order.

    Per exercise and side: a switch pause (when one came before), get ready, then every
    unit from ``unit_steps`` with a rest between units but not after the last. A pause
    or rest carries the place of the unit that follows it; ``start_at`` = (exercise,
    side, unit) starts there when resuming.
    """
    get_ready = _check_seconds("get ready", get_ready_seconds)
    switch_sides = _check_seconds("switch sides pause", switch_sides_seconds)
    switch_exercise = _check_seconds("switch exercise pause", switch_exercise_seconds)
    injured = _check_side_settings(sides, injured_side)
    start: RepPoint | None = None
    if start_at is not None:
        index, side, number = start_at
        try:
            start = RepPoint(index, Side(side), number)
        except ValueError:
            raise DomainError(f"cannot resume from unknown side {side!r}") from None

    steps: list[Step] = []
    started = start is None
    previous_exercise: int | None = None
    for index, exercise in enumerate(exercises(plan)):
        units = units_of(exercise)
        for side in sides_of(exercise, sides, injured):
            first = 1
            if start is not None and not started:
                if (index, side) != (start.exercise_index, start.side):
                    continue
                if isinstance(start.rep, bool) or not 1 <= start.rep <= units:
                    raise DomainError(
                        f"cannot resume from {unit} {start.rep!r}: exercise {index + 1} "
                        f"has {count(units, unit)}"
                    )
                first = start.rep
                started = True

            ahead = unit_steps(index, exercise, side, first)[0]
            block: list[Step] = []
            if previous_exercise == index:
                block.append(replace(ahead, phase=Phase.SWITCH_SIDES, seconds=switch_sides))
            elif previous_exercise is not None:
                block.append(replace(ahead, phase=Phase.SWITCH_EXERCISE, seconds=switch_exercise))
            block.append(replace(ahead, phase=Phase.GET_READY, seconds=get_ready))
            for number in range(first, units + 1):
                unit_block = unit_steps(index, exercise, side, number)
                if number > first:
                    rest = float(exercise.rest_seconds)
                    block.append(replace(unit_block[0], phase=Phase.REST, seconds=rest))
                block.extend(unit_block)
            # Zero-length phases are left out: a 0 s rest means no rest at all.
            steps.extend(step for step in block if step.seconds > 0)
            previous_exercise = index

    if not started:
        raise DomainError(f"cannot resume from {start_at!r}: that {unit} is not in this plan")
    steps.append(replace(steps[-1], phase=Phase.DONE, seconds=0.0))
    return tuple(steps)


def _holds(plan: Plan) -> list[Exercise]:
    """The plan's hold exercises (a heel-raise plan goes to the tempo schedule)."""
    holds = [ex for ex in plan.exercises if isinstance(ex, Exercise)]
    assert len(holds) == len(plan.exercises)  # heel-raise plans went to the tempo schedule
    return holds


def _hold_sides(exercise: Exercise, sides: str, injured: Side) -> tuple[Side, ...]:
    """The sides a hold exercise runs on, in order."""
    return _sides_for(exercise.legs, sides, injured)


def _hold_steps(index: int, exercise: Exercise, side: Side, rep: int) -> list[Step]:
    """One hold: the rep itself."""
    return [Step(Phase.HOLD, float(exercise.hold_seconds), index, side, rep, exercise.reps)]


def build_schedule(
    plan: Plan,
    *,
    get_ready_seconds: float = 5,
    switch_sides_seconds: float = 10,
    switch_exercise_seconds: float = 15,
    sides: str = "both",
    injured_side: Side | str = Side.LEFT,
    start_at: tuple[int, Side | str, int] | None = None,
) -> tuple[Step, ...]:
    """Lay out every phase up front so durations, progress and end time are plain sums.

    Holds only: a heel-raise plan is laid out set by set by ``tempo_timer.schedule_for``.
    """
    return lay_out(
        plan,
        unit="rep",
        exercises=_holds,
        sides_of=_hold_sides,
        units_of=lambda exercise: exercise.reps,
        unit_steps=_hold_steps,
        get_ready_seconds=get_ready_seconds,
        switch_sides_seconds=switch_sides_seconds,
        switch_exercise_seconds=switch_exercise_seconds,
        sides=sides,
        injured_side=injured_side,
        start_at=start_at,
    )


def count_reps(plan: Plan, *, sides: str = "both", injured_side: Side | str = Side.LEFT) -> int:
    """Holds planned for a whole session, so a log can say 'n of N' even when resumed.

    Holds only: ``tempo_timer.units_for`` counts the sets of a heel-raise plan.
    """
    injured = _check_side_settings(sides, injured_side)
    return sum(ex.reps * len(_sides_for(ex.legs, sides, injured)) for ex in plan.exercises)


def session_seconds(steps: Sequence[Step]) -> float:
    """Planned length of a schedule, for 'this takes about n minutes' before starting."""
    return sum(step.seconds for step in steps)


# --- the timer --------------------------------------------------------------------------------


class SessionTimer:
    """Guided-session state machine; the caller polls ``update()`` and reacts to its events."""

    pain_rule = PAIN_RULE
    """The rule id a stop for pain records (heel raises have their own)."""
    unit = "hold"
    """What one saved record is, in words: a hold here, a set of heel raises in a TempoTimer."""

    def __init__(
        self,
        plan: Plan,
        clock: Callable[[], float],
        *,
        get_ready_seconds: float = 5,
        switch_sides_seconds: float = 10,
        switch_exercise_seconds: float = 15,
        sides: str = "both",
        injured_side: Side | str = Side.LEFT,
        start_at: tuple[int, Side | str, int] | None = None,
    ) -> None:
        """Lay out the schedule and start the first phase at the clock's current time."""
        self.plan = plan
        self._clock = clock
        self._settings = {
            "get_ready_seconds": get_ready_seconds,
            "switch_sides_seconds": switch_sides_seconds,
            "switch_exercise_seconds": switch_exercise_seconds,
            "sides": sides,
            "injured_side": injured_side,
        }
        self._steps = self._schedule(start_at)
        self._total_reps = self._count_units()
        self._total_seconds = session_seconds(self._steps)
        # A resumed run carries on the whole session's progress instead of starting at 0.
        self._done_before = 0.0
        if start_at is not None:
            whole = session_seconds(self._schedule(None))
            self._done_before = max(0.0, whole - self._total_seconds)
        # _before[i]: planned seconds before step i; _after[i]: planned seconds after it.
        before: list[float] = []
        acc = 0.0
        for step in self._steps:
            before.append(acc)
            acc += step.seconds
        self._before = tuple(before)
        self._after = tuple(
            self._total_seconds - b - s.seconds for b, s in zip(before, self._steps, strict=True)
        )

        self._index = 0
        self.started_at: float = clock()
        self._deadline = self.started_at + self._steps[0].seconds
        self._paused_at: float | None = None
        self._paused_total = 0.0
        self._countdown_sent: set[int] = set()
        self._completed: list[RepRecord] = []
        self._pending: list[Event] = []
        self.ended_at: float | None = None
        self._stopped_index: int | None = None
        self._stopped_progress = 0.0
        self.aborted = False
        self.over_limit = False
        self._skipped = 0
        self.stop_rule: str | None = None

    def _schedule(self, start_at: tuple[int, Side | str, int] | None) -> tuple[Step, ...]:
        """The steps of this run (from ``start_at`` when resuming), with this run's settings."""
        return build_schedule(self.plan, start_at=start_at, **self._settings)  # type: ignore[arg-type]

    def _count_units(self) -> int:
        """Records a whole session saves: holds here, sets in a heel-raise session."""
        sides, injured = self._settings["sides"], self._settings["injured_side"]
        return count_reps(self.plan, sides=str(sides), injured_side=injured)  # type: ignore[arg-type]

    # --- driving ---------------------------------------------------------------------------

    def update(self) -> list[Event]:
        """Catch up with the clock and hand over every event since the last call, in order."""
        events, self._pending = self._pending, []
        if self._paused_at is None and not self.done:
            self._advance(self._clock(), events)
        return events

    def pause(self) -> None:
        """Freeze the countdown; the events of any phase that ended first come with update()."""
        if self._paused_at is not None or self.done:
            return
        now = self._clock()
        self._advance(now, self._pending)
        if not self.done:
            self._paused_at = now

    def resume(self) -> None:
        """Shift the current and every later deadline by the paused time, so nothing is lost."""
        if self._paused_at is None:
            return
        paused_for = max(0.0, self._clock() - self._paused_at)
        self._deadline += paused_for
        self._paused_total += paused_for
        self._paused_at = None

    def toggle_pause(self) -> None:
        """One key for pause and resume."""
        if self._paused_at is None:
            self.pause()
        else:
            self.resume()

    def skip(self) -> None:
        """End the current phase now; a skipped hold (or heel-raise set) is not recorded."""
        if self.done:
            return
        if self._paused_at is None:
            self._advance(self._clock(), self._pending)
            if self.done:
                return
        if self.phase is Phase.HOLD or self.phase in MOVEMENT_PHASES:
            self._skipped += 1  # never recorded as done
        self._enter(self._skip_target(), self._now(), self._pending)

    def _skip_target(self) -> int:
        """The step a skip moves to: the next one (a heel-raise set skips to its end)."""
        return self._index + 1

    def abort(self) -> None:
        """End the session early at the user's request; reps already completed are kept."""
        self._stop(over_limit=False)

    def stop_for_pain(self) -> None:
        """End the remaining reps because pain went over the limit (rule MON-PAIN-DURING)."""
        self._stop(over_limit=True)

    # --- reading ---------------------------------------------------------------------------

    @property
    def step(self) -> Step:
        """The scheduled step the session is in, for callers that want every detail."""
        return self._steps[self._index]

    @property
    def step_index(self) -> int:
        """Position of the current step in ``steps``, e.g. to key the cues of one phase."""
        return self._index

    @property
    def deadline(self) -> float:
        """Clock value at which the current phase ends (moves on with pauses)."""
        if self._paused_at is not None:
            return self._deadline + self._clock() - self._paused_at
        return self._deadline

    @property
    def steps(self) -> tuple[Step, ...]:
        """The whole schedule, e.g. to list what is coming."""
        return self._steps

    @property
    def phase(self) -> Phase:
        """Current phase as of the last update()."""
        return self._steps[self._index].phase

    @property
    def phase_seconds(self) -> float:
        """Full planned length of the current phase, for a per-phase progress bar."""
        return self._steps[self._index].seconds

    @property
    def remaining(self) -> float:
        """Seconds left in the current phase, never negative, frozen while paused."""
        if self.phase is Phase.DONE:
            return 0.0
        # Clamped both ways: float sums of deadlines can overshoot by one ulp.
        return min(self.phase_seconds, max(0.0, self._deadline - self._now()))

    @property
    def paused(self) -> bool:
        """Whether the countdown is frozen."""
        return self._paused_at is not None

    @property
    def done(self) -> bool:
        """Whether the session has ended, normally or early."""
        return self.phase is Phase.DONE

    @property
    def complete(self) -> bool:
        """Ran to the end of the plan rather than being aborted or stopped for pain."""
        return self.done and not (self.aborted or self.over_limit)

    @property
    def exercise_index(self) -> int:
        """Index into plan.exercises of the current (or next) hold."""
        return self._steps[self._index].exercise_index

    @property
    def exercise(self) -> AnyExercise:
        """The current (or next) exercise, for its label and load."""
        return self.plan.exercises[self.exercise_index]

    @property
    def side(self) -> Side:
        """Side of the current (or next) hold; BOTH for two-leg exercises."""
        return self._steps[self._index].side

    @property
    def rep(self) -> int:
        """1-based rep number of the current (or next) hold within its block."""
        return self._steps[self._index].rep

    @property
    def reps_in_block(self) -> int:
        """Reps per side of the current exercise, for 'Hold 2 of 3'."""
        return self._steps[self._index].reps_in_block

    @property
    def total_reps(self) -> int:
        """Holds in the whole plan over all sides run (resuming does not change it)."""
        return self._total_reps

    @property
    def skipped(self) -> int:
        """Holds skipped with the skip key in this run (never recorded as done)."""
        return self._skipped

    @property
    def completed(self) -> tuple[RepRecord, ...]:
        """Holds completed in this run, in order."""
        return tuple(self._completed)

    @property
    def total_seconds(self) -> float:
        """Planned length of this run, pauses excluded."""
        return self._total_seconds

    @property
    def progress(self) -> float:
        """Fraction (0..1) of the whole session's planned time behind us; skips jump ahead.

        A resumed run counts the part done before the interruption, so its bar goes on
        from where it was.
        """
        if self.phase is Phase.DONE:
            run = self._stopped_progress if self._stopped_index is not None else 1.0
        else:
            run = self._progress_now()
        whole = self._done_before + self._total_seconds
        if whole <= 0:
            return run
        return (self._done_before + run * self._total_seconds) / whole

    @property
    def elapsed(self) -> float:
        """Active seconds since the start, pauses excluded, frozen once the session is over."""
        end = self.ended_at if self.ended_at is not None else self._now()
        return max(0.0, end - self.started_at - self._paused_total)

    @property
    def planned_end(self) -> float:
        """Clock value at which the session ends if nothing is paused or skipped from now on."""
        if self.ended_at is not None:
            return self.ended_at
        held = 0.0 if self._paused_at is None else self._clock() - self._paused_at
        return self._deadline + held + self._after[self._index]

    @property
    def next_up(self) -> str:
        """A short line saying what comes after the current phase."""
        if self.phase is Phase.DONE:
            return "Finished"
        step = self._steps[self._index + 1]
        if step.phase is Phase.REST:
            return f"Rest {step.seconds:g} s"
        if step.phase is Phase.HOLD:
            return f"Hold {step.rep} of {step.reps_in_block}"
        if step.phase is Phase.GET_READY:
            return f"Get ready {step.seconds:g} s"
        if step.phase is Phase.SWITCH_SIDES:
            return f"Switch to {self._steps[self._index + 2].side.value} leg"
        if step.phase is Phase.SWITCH_EXERCISE:
            following = self._steps[self._index + 2]
            return f"Next exercise: {self.plan.exercises[following.exercise_index].label}"
        return "Finished"

    def resume_point(self) -> RepPoint | None:
        """First rep not yet completed (the current or next hold), None when nothing is left."""
        index = self._stopped_index if self._stopped_index is not None else self._index
        current = self._steps[index]
        if current.phase in MOVEMENT_PHASES:
            return current.point  # a set under way is not saved: it starts again
        for step in self._steps[index:]:
            if step.starts_unit:
                return step.point
        return None

    # --- internals -------------------------------------------------------------------------

    def _now(self) -> float:
        """The clock, or the instant it was paused at, so every reading freezes during a pause."""
        return self._paused_at if self._paused_at is not None else self._clock()

    def _progress_now(self) -> float:
        """Planned time behind us over planned total, clamped to 0..1."""
        if self._total_seconds <= 0:
            return 1.0
        step = self._steps[self._index]
        done = self._before[self._index] + step.seconds - self.remaining
        return min(1.0, max(0.0, done / self._total_seconds))

    def _advance(self, now: float, events: list[Event]) -> None:
        """Run through every phase whose deadline is at or before ``now``."""
        while not self.done:
            step = self._steps[self._index]
            if step.phase is Phase.HOLD:
                for n in range(COUNTDOWN_FROM, 0, -1):
                    due = self._deadline - n
                    if n not in self._countdown_sent and n < step.seconds and now >= due:
                        self._countdown_sent.add(n)
                        events.append(Countdown(n))
            if now < self._deadline:
                return
            completed = self._completion(step)
            if completed is not None:
                self._completed.append(completed.record)
                events.append(completed)
            # Chain from the deadline, not from now, so a late caller does not drift.
            self._enter(self._index + 1, self._deadline, events)

    def _completion(self, step: Step) -> RepCompleted | None:
        """What finishing ``step`` saves: a hold ran its full time."""
        if step.phase is not Phase.HOLD:
            return None
        exercise = self.plan.exercises[step.exercise_index]
        assert isinstance(exercise, Exercise)
        return RepCompleted(
            RepRecord(
                exercise_index=step.exercise_index,
                side=step.side,
                rep=step.rep,
                hold_seconds=exercise.hold_seconds,
                load_kg=exercise.load_kg,
            )
        )

    def _enter(self, index: int, start: float, events: list[Event]) -> None:
        """Move to step ``index`` beginning at ``start`` and announce it."""
        old = self.phase
        self._index = index
        self._countdown_sent = set()
        self._deadline = start + self._steps[index].seconds
        new = self.phase
        events.append(PhaseChanged(old, new))
        if new is Phase.DONE:
            self.ended_at = start
            self._paused_at = None
            events.append(Finished(aborted=self.aborted, over_limit=self.over_limit))

    def _stop(self, *, over_limit: bool) -> None:
        """End early: catch up first, so a hold that really finished is still recorded."""
        if self.done:
            return
        if self._paused_at is None:
            self._advance(self._clock(), self._pending)
            if self.done:
                return
        self._stopped_index = self._index
        self._stopped_progress = self._progress_now()
        if over_limit:
            self.over_limit = True
            self.stop_rule = self.pain_rule
        else:
            self.aborted = True
        self._enter(len(self._steps) - 1, self._now(), self._pending)
