"""The isotonic stage (clinical.md §E6): the T1-T8 heel-raise ladder and who may use which step.

Pure rules only. The ladder (§E6.1), the start steps (§E6.2) and the condition restrictions
(§E6.3) are tables here; the weekly review (``isotonic_review``) and the assessment engine read
them, so a step, a surface or a load can never differ between the review, the assessment and
the command line.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from achilles_tui.domain.assessment import Assessment, Condition
from achilles_tui.domain.changes import Change
from achilles_tui.domain.models import (
    MAX_RAISE_LOAD_KG,
    T_LEVELS,
    DomainError,
    HeelRaise,
    RaiseKind,
    Surface,
    Tempo,
)

RUPTURES = frozenset({Condition.RUPTURE_SURGERY, Condition.RUPTURE_CONSERVATIVE})
# E6.3: conditions whose heel must never sink below level (POS-ISOT-FLOOR-ONLY).
FLOOR_ONLY_CONDITIONS = frozenset(
    {Condition.INSERTIONAL, Condition.BURSITIS, Condition.UNSURE} | RUPTURES
)
STEP_LEVEL = "T6"
LOADED_FROM = "T7"
TOP_STEP = "T8"
# E6.3 rupture gates [DESIGN]: weeks since the injury or repair.
RUPTURE_START_WEEKS = 8
RUPTURE_SINGLE_LEG_WEEKS = 12
RUPTURE_CAP = "T5"
TWO_LEG_CAP = "T2"
# E6.1 / DOSE-ISOT-LOAD [DESIGN]: first load at T7, weekly step and ceiling.
START_LOAD_KG = 5.0
LOAD_STEP_KG = 2.5
TEMPO = Tempo(3, 0, 3)


@dataclass(frozen=True)
class TStep:
    """One rung of the §E6.1 ladder; ``step_surface`` is the surface for mid-portion users."""

    level: str
    exercise: RaiseKind
    legs: int
    sets: int
    reps: int
    rest_seconds: int
    sessions_per_week: int
    step_surface: Surface = Surface.FLOOR
    load_kg: float = 0.0


T_LADDER: dict[str, TStep] = {
    step.level: step
    for step in (
        TStep("T1", RaiseKind.HEEL_RAISE, 2, 3, 10, 60, 7),
        TStep("T2", RaiseKind.HEEL_RAISE, 2, 3, 15, 60, 7),
        TStep("T3", RaiseKind.UP_TWO_DOWN_ONE, 2, 3, 15, 60, 7),
        TStep("T4", RaiseKind.HEEL_RAISE, 1, 3, 10, 90, 7),
        TStep("T5", RaiseKind.HEEL_RAISE, 1, 3, 15, 90, 7),
        TStep("T6", RaiseKind.HEEL_RAISE, 1, 3, 15, 90, 7, Surface.STEP),
        TStep("T7", RaiseKind.HEEL_RAISE, 1, 3, 15, 120, 3, Surface.STEP, START_LOAD_KG),
        TStep("T8", RaiseKind.HEEL_RAISE, 1, 4, 10, 120, 3, Surface.STEP, START_LOAD_KG),
    )
}


class Entry(StrEnum):
    """The three ways into the isotonic stage (§E6.2 rows)."""

    REVIEW = "review"  # PROG-SWITCH-ISOTONIC
    ASSESSMENT = "assessment"  # ELIG-ISO-TOO-EASY
    REENTRY = "reentry"  # PROG-ISOT-REENTRY after PROG-ISOT-BACK-TO-ISO


_START: dict[Entry, tuple[str, str]] = {
    # entry -> (irritable, otherwise)
    Entry.REVIEW: ("T1", "T3"),
    Entry.ASSESSMENT: ("T1", "T2"),
    Entry.REENTRY: ("T1", "T1"),
}


@dataclass(frozen=True)
class Profile:
    """What §E6.3 needs to know about the person: condition, time since a rupture, clearances.

    ``physio_plan`` lifts the caps (DOSE-PHYSIO-OVERRIDE); ``floor_only`` is set once the step
    trial sent the person back to the floor (MON-ISOT-STEP-TRIAL).
    """

    condition: Condition | None = None
    weeks: int = 0
    single_leg_cleared: bool = False
    rupture_loading_cleared: bool = True
    floor_only: bool = False
    physio_plan: bool = False

    @classmethod
    def from_assessment(
        cls,
        assessment: Assessment | None,
        *,
        assessed_on: dt.date | None = None,
        today: dt.date | None = None,
        floor_only: bool = False,
    ) -> Profile:
        """The profile on ``today``: ``weeks`` = assessed weeks + whole weeks since (§E6.3)."""
        if assessment is None:
            return cls(floor_only=floor_only)
        return cls(
            condition=assessment.condition,
            weeks=weeks_now(assessment.weeks, assessed_on, today),
            single_leg_cleared=assessment.single_leg_cleared,
            rupture_loading_cleared=assessment.rupture_loading_cleared,
            floor_only=floor_only,
        )

    @property
    def rupture(self) -> bool:
        """A repaired or conservatively treated rupture."""
        return self.condition in RUPTURES

    @property
    def floor_only_surface(self) -> bool:
        """POS-ISOT-FLOOR-ONLY applies: never a step, and T6 is skipped."""
        return self.floor_only or self.condition in FLOOR_ONLY_CONDITIONS

    @property
    def cap(self) -> str:
        """The highest T step open to this person (§E6.3); T8 when nothing limits it."""
        if self.physio_plan:
            return TOP_STEP
        if self.rupture:
            if self.single_leg_cleared and self.weeks >= RUPTURE_SINGLE_LEG_WEEKS:
                return RUPTURE_CAP
            return TWO_LEG_CAP
        if self.condition is Condition.UNSURE:
            return TWO_LEG_CAP
        return TOP_STEP

    @property
    def too_early(self) -> bool:
        """ELIG-ISOT-RUPTURE-EARLY: a rupture that is under 8 weeks (or not cleared to load)."""
        return self.rupture and (
            self.weeks < RUPTURE_START_WEEKS or not self.rupture_loading_cleared
        )


def weeks_now(assessed_weeks: int, assessed_on: dt.date | None, today: dt.date | None) -> int:
    """Assessed weeks plus the whole weeks since the assessment [DESIGN, §E6.3]."""
    if assessed_on is None or today is None or today <= assessed_on:
        return assessed_weeks
    return assessed_weeks + (today - assessed_on).days // 7


def index(level: str) -> int:
    """Position on the T ladder, refusing anything that is not a T step."""
    if level not in T_LEVELS:
        raise DomainError(f"unknown heel-raise step {level!r}; expected one of T1 to T8")
    return T_LEVELS.index(level)


def _open_steps(profile: Profile) -> tuple[str, ...]:
    """The steps this person climbs, in order: floor-only skips T6, the cap ends the list."""
    top = index(profile.cap)
    return tuple(
        level
        for level in T_LEVELS[: top + 1]
        if not (level == STEP_LEVEL and profile.floor_only_surface)
    )


def fit_step(level: str, profile: Profile) -> str:
    """The highest step open to this person at or below ``level`` (§F5: a kept plan obeys
    the caps and floor-only of the profile in force)."""
    return _fit(level, profile)


def _fit(level: str, profile: Profile) -> str:
    """The open step at or below ``level`` (T6 for a floor-only person becomes T5)."""
    steps = _open_steps(profile)
    below = [s for s in steps if index(s) <= index(level)]
    return below[-1] if below else steps[0]


def start_step(entry: Entry, irritable: bool, profile: Profile) -> str:
    """§E6.2 start step for this way in, never above the §E6.3 cap."""
    irritable = irritable or profile.rupture or profile.condition is Condition.UNSURE
    level = _START[entry][0 if irritable else 1]
    return _fit(level, profile)


def at_cap(level: str, profile: Profile) -> bool:
    """True when the next step is closed to this person (PROG-ISOT-CAP) or T8 is reached."""
    steps = _open_steps(profile)
    return index(level) >= index(steps[-1])


def step_up(level: str, profile: Profile) -> str:
    """PROG-ISOT-ADVANCE: one open step up (T5 -> T7 when floor-only), never past the cap."""
    steps = _open_steps(profile)
    if index(level) >= index(steps[-1]):
        return level  # at or above the cap: never a step down in disguise
    position = steps.index(_fit(level, profile))
    return steps[position + 1]


def step_down(level: str, steps_down: int, profile: Profile) -> str | None:
    """PROG-ISOT-REGRESS: ``steps_down`` open steps lower; None when that falls below T1."""
    if steps_down < 0:
        raise DomainError(f"cannot step down a negative number of steps ({steps_down})")
    steps = _open_steps(profile)
    fitted = _fit(level, profile)
    # A closed step (T6 once on the floor) already counts as the first step down.
    position = steps.index(fitted) - steps_down + (0 if fitted == level else 1)
    return steps[min(position, len(steps) - 1)] if position >= 0 else None


def surface_for(level: str, profile: Profile) -> Surface:
    """The ladder's surface, or the floor for a floor-only person (POS-ISOT-FLOOR-ONLY)."""
    step = T_LADDER[level]
    if profile.floor_only_surface:
        return Surface.FLOOR
    return step.step_surface


def exercise_for(
    level: str,
    profile: Profile,
    *,
    load_kg: float | None = None,
    rules: tuple[str, ...] = (),
) -> HeelRaise:
    """The whole dose of one step for this person; ``load_kg`` carries T8's raised load."""
    step = T_LADDER[level]
    load = step.load_kg if load_kg is None or step.load_kg == 0 else load_kg
    load = min(load, MAX_RAISE_LOAD_KG)
    return HeelRaise(
        exercise=step.exercise,
        surface=surface_for(level, profile),
        legs=step.legs,
        added_load=load > 0,
        load_kg=load,
        sets=step.sets,
        reps=step.reps,
        tempo=TEMPO,
        rest_seconds=step.rest_seconds,
        sessions_per_week=step.sessions_per_week,
        rules=rules,
    )


def position_rules(surface: Surface, profile: Profile) -> tuple[str, ...]:
    """The POS-ISOT rules that apply to a raise on this surface for this person."""
    rules = ["POS-ISOT-HEIGHT"]
    if profile.floor_only_surface:
        rules.insert(0, "POS-ISOT-FLOOR-ONLY")
    if surface is Surface.STEP:
        rules.append("POS-ISOT-STEP-FORM")
    return tuple(rules)


_CHANGE_FIELDS = ("exercise", "surface", "legs", "load_kg", "sets", "reps", "rest_seconds")
_PER_WEEK = "sessions_per_week"


def step_changes(level_from: str, level_to: str, profile: Profile) -> tuple[Change, ...]:
    """The heel-raise fields that differ between two T steps, e.g. reps 10 -> 15."""
    before, after = exercise_for(level_from, profile), exercise_for(level_to, profile)
    found = []
    for name in (*_CHANGE_FIELDS, _PER_WEEK):
        old, new = getattr(before, name), getattr(after, name)
        if old != new:
            found.append(Change(name, _plain(old), _plain(new)))
    return tuple(found)


def _plain(value: object) -> int | float | bool | str:
    """Enum values as their strings, numbers as they are."""
    if isinstance(value, StrEnum):
        return str(value)
    assert isinstance(value, int | float | bool | str)
    return value


def next_load(load_kg: float) -> float:
    """DOSE-ISOT-LOAD: +2.5 kg, never above the 20 kg cap."""
    return min(load_kg + LOAD_STEP_KG, MAX_RAISE_LOAD_KG)


def describe(level: str, profile: Profile, load_kg: float | None = None) -> str:
    """One line for a step, e.g. 'T4: heel raise on the floor, one leg, 3 x 10 (3/0/3)'."""
    exercise = exercise_for(level, profile, load_kg=load_kg)
    load = f", {exercise.load_text}" if exercise.load_kg else ""
    per_week = (
        f", {exercise.sessions_per_week} days a week"
        if exercise.sessions_per_week < 7
        else ", daily"
    )
    return (
        f"{level}: {exercise.label.lower()}{load}, {exercise.sets} x {exercise.reps} "
        f"(tempo {exercise.tempo.text}){per_week}"
    )
