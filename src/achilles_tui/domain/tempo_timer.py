"""The heel-raise session (clinical.md §E6): set by set, each raise paced up, top, down.

A ``TempoTimer`` is a ``SessionTimer`` whose schedule is made of movement phases
instead of holds, so the screen, the cues and crash resume drive both the same way.
Per side and exercise: get ready, then for every set ``reps`` times UP (tempo.up s),
TOP (tempo.top s; left out when 0, the §E6.1 default) and DOWN (tempo.down s), with
REST (rest_seconds) between sets but not after the last. Every phase start is a
``PhaseChanged`` event (the "up" and "down" cues ride on it) and the end of a set's
last DOWN is a ``SetCompleted`` event carrying the set's record, which the screen saves
at once. Deadlines chain exactly as in ``timer.py``, so a late caller never drifts.

What one saved record means: ``RepRecord(exercise_index, side, rep=<set number>,
hold_seconds=<seconds under load in the set>, load_kg, raises=<raises in the set>)``.
Only finished sets are saved: a set skipped, ended early or stopped for pain
(MON-ISOT-SET-PAIN) leaves no record, and crash resume starts that set again.

Sides: a one-leg raise runs left then right (or the injured side only), like a one-leg
hold. "Up on two, down on one" rises on both feet and lowers on one: the lowering
leg is the one the exercise loads (§E6.1 counts reps per affected leg), so it runs per
side too, the side being the leg that lowers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from achilles_tui.domain.models import (
    ISOTONIC,
    AnyExercise,
    DomainError,
    HeelRaise,
    Plan,
    RaiseKind,
    RepRecord,
    Side,
)
from achilles_tui.domain.timer import (
    MOVEMENT_PHASES,
    Phase,
    RepCompleted,
    SessionTimer,
    Step,
    _check_side_settings,
    _sides_for,
    build_schedule,
    count_reps,
    lay_out,
)
from achilles_tui.domain.wording import count

SET_PAIN_RULE = "MON-ISOT-SET-PAIN"
"""Rule id recorded when pain over 5/10 during a set stops the remaining sets."""


@dataclass(frozen=True)
class SetCompleted(RepCompleted):
    """A set's last raise came down: its record (``rep`` = set number) is saved at once."""


def runs_per_side(exercise: AnyExercise) -> bool:
    """Whether the exercise is done one leg at a time (so the sides setting applies)."""
    if isinstance(exercise, HeelRaise) and exercise.exercise is RaiseKind.UP_TWO_DOWN_ONE:
        return True  # the lowering leg is the loaded one
    return exercise.legs == 1


def _raise_sides(exercise: HeelRaise, sides: str, injured: Side) -> tuple[Side, ...]:
    """The sides a heel-raise exercise runs on, in order."""
    return _sides_for(1 if runs_per_side(exercise) else 2, sides, injured)


def _heel_raises(plan: Plan) -> list[HeelRaise]:
    """The plan's exercises, refusing a plan that is not a heel-raise plan."""
    raises = [ex for ex in plan.exercises if isinstance(ex, HeelRaise)]
    if len(raises) != len(plan.exercises):
        raise DomainError("the tempo timer runs heel-raise plans only")
    return raises


def set_seconds(exercise: HeelRaise) -> int:
    """Seconds under load in one full set (saved as the record's ``hold_seconds``)."""
    return exercise.reps * exercise.tempo.rep_seconds


def count_sets(plan: Plan, *, sides: str = "both", injured_side: Side | str = Side.LEFT) -> int:
    """Sets planned for the whole session over every side run (the session's records)."""
    injured = _check_side_settings(sides, injured_side)
    return sum(ex.sets * len(_raise_sides(ex, sides, injured)) for ex in _heel_raises(plan))


def _set_steps(index: int, exercise: HeelRaise, side: Side, set_number: int) -> list[Step]:
    """One set: every raise's UP, TOP and DOWN."""
    tempo = exercise.tempo
    movement = ((Phase.UP, tempo.up), (Phase.TOP, tempo.top), (Phase.DOWN, tempo.down))
    return [
        Step(phase, float(s), index, side, rep, exercise.reps, set_number, exercise.sets)
        for rep in range(1, exercise.reps + 1)
        for phase, s in movement
    ]


def build_tempo_schedule(
    plan: Plan,
    *,
    get_ready_seconds: float = 5,
    switch_sides_seconds: float = 10,
    switch_exercise_seconds: float = 15,
    sides: str = "both",
    injured_side: Side | str = Side.LEFT,
    start_at: tuple[int, Side | str, int] | None = None,
) -> tuple[Step, ...]:
    """Every phase of a heel-raise session, up front; ``start_at`` = (exercise, side, set).

    Pauses and rests carry the set that follows; a zero-length phase (no pause at the
    top, no rest, no get-ready) is left out.
    """
    return lay_out(
        plan,
        unit="set",
        exercises=_heel_raises,
        sides_of=_raise_sides,
        units_of=lambda exercise: exercise.sets,
        unit_steps=_set_steps,
        get_ready_seconds=get_ready_seconds,
        switch_sides_seconds=switch_sides_seconds,
        switch_exercise_seconds=switch_exercise_seconds,
        sides=sides,
        injured_side=injured_side,
        start_at=start_at,
    )


def ends_set(step: Step) -> bool:
    """The last phase of a set: its last raise's DOWN."""
    return step.phase is Phase.DOWN and step.rep == step.reps_in_block


class TempoTimer(SessionTimer):
    """A heel-raise session: the SessionTimer's interface, one saved record per finished set.

    ``rep`` is the raise within the current set and ``reps_in_block`` the raises per set;
    ``set_number`` and ``sets`` place the set; ``total_reps`` and ``completed`` count sets.
    """

    pain_rule = SET_PAIN_RULE
    unit = "set"

    def _schedule(self, start_at: tuple[int, Side | str, int] | None) -> tuple[Step, ...]:
        return build_tempo_schedule(self.plan, start_at=start_at, **self._settings)  # type: ignore[arg-type]

    def _count_units(self) -> int:
        sides, injured = self._settings["sides"], self._settings["injured_side"]
        return count_sets(self.plan, sides=str(sides), injured_side=injured)  # type: ignore[arg-type]

    def _completion(self, step: Step) -> RepCompleted | None:
        """A set whose last raise came down is done."""
        if not ends_set(step):
            return None
        exercise = self.plan.exercises[step.exercise_index]
        assert isinstance(exercise, HeelRaise)
        return SetCompleted(
            RepRecord(
                exercise_index=step.exercise_index,
                side=step.side,
                rep=step.set_number,
                hold_seconds=set_seconds(exercise),
                load_kg=exercise.load_kg,
                raises=exercise.reps,
            )
        )

    def _skip_target(self) -> int:
        """In a set, skip the rest of it (unsaved); elsewhere, the phase."""
        if self.phase not in MOVEMENT_PHASES:
            return self._index + 1
        index = self._index
        while not ends_set(self._steps[index]):
            index += 1
        return index + 1

    # --- reading ---------------------------------------------------------------------------

    @property
    def set_number(self) -> int:
        """1-based number of the current set (the next one during get-ready, rest, switch)."""
        return self.step.set_number

    @property
    def sets(self) -> int:
        """Sets per side of the current exercise."""
        return self.step.sets

    @property
    def in_set(self) -> bool:
        """A set is under way (up, top or down), as opposed to get-ready, rest or a switch."""
        return self.phase in MOVEMENT_PHASES

    @property
    def next_up(self) -> str:
        """What follows the current set (in a set), or the set about to start."""
        if self.done:
            return "Finished"
        index = self._index
        if self.in_set:
            while not ends_set(self._steps[index]):
                index += 1
        step = self._steps[index + 1]
        if step.phase is Phase.REST:
            return f"Rest {step.seconds:g} s"
        if step.phase in MOVEMENT_PHASES and self.phase is Phase.GET_READY:
            return "Up"  # the set itself is already on screen
        if step.phase in MOVEMENT_PHASES:
            return f"Set {step.set_number} of {step.sets}: {count(step.reps_in_block, 'raise')}"
        if step.phase is Phase.GET_READY:
            return f"Get ready {step.seconds:g} s"
        if step.phase is Phase.SWITCH_SIDES:
            return f"Switch to {self._steps[index + 2].side.value} leg"
        if step.phase is Phase.SWITCH_EXERCISE:
            following = self._steps[index + 2]
            return f"Next exercise: {self.plan.exercises[following.exercise_index].label}"
        return "Finished"


def make_timer(plan: Plan, clock: Callable[[], float], **settings: object) -> SessionTimer:
    """The timer that runs ``plan``: holds, or heel raises set by set."""
    cls = TempoTimer if plan.stage == "isotonic" else SessionTimer
    return cls(plan, clock, **settings)  # type: ignore[arg-type]


def schedule_for(plan: Plan, **settings: object) -> tuple[Step, ...]:
    """Every phase of a session of this plan: holds, or heel raises set by set."""
    if plan.stage == ISOTONIC:
        return build_tempo_schedule(plan, **settings)  # type: ignore[arg-type]
    return build_schedule(plan, **settings)  # type: ignore[arg-type]


def units_for(plan: Plan, *, sides: str = "both", injured_side: Side | str = Side.LEFT) -> int:
    """Records a whole session of this plan saves: holds, or sets of heel raises."""
    if plan.stage == ISOTONIC:
        return count_sets(plan, sides=sides, injured_side=injured_side)
    return count_reps(plan, sides=sides, injured_side=injured_side)
