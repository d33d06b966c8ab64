"""Domain records shared by every part of the app.

Plain, frozen dataclasses with validation in ``__post_init__`` so that an
invalid value can never reach storage, whichever door it came in by (CLI,
TUI, import). No I/O here.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum


class DomainError(ValueError):
    """A value a user gave is out of range or malformed; the message says why."""


class Position(StrEnum):
    """Ankle position of an isometric hold (clinical.md §B)."""

    NEUTRAL = "neutral"
    HEEL_RAISED = "heel_raised"
    HEEL_DROP = "heel_drop"


class Effort(StrEnum):
    """How hard a session felt, in the words of clinical.md §E1."""

    TOO_EASY = "too-easy"
    CHALLENGING = "challenging"
    TOO_HARD = "too-hard"


class DayKind(StrEnum):
    """Kind of diary day; rest, flare-up and pause days do not count against adherence."""

    NORMAL = "normal"
    REST = "rest"
    FLARE_UP = "flare-up"
    PAUSE = "pause"


class Side(StrEnum):
    """Which leg a single-leg hold loads; BOTH for two-leg holds."""

    BOTH = "both"
    LEFT = "left"
    RIGHT = "right"


POSITION_LABELS: dict[Position, str] = {
    Position.NEUTRAL: "Neutral (heel level with the step)",
    Position.HEEL_RAISED: "Heel raised (partway up)",
    Position.HEEL_DROP: "Heel drop (about 10° below level)",
}

# Warning-sign ids a diary day can record (clinical.md §F1); the CLI and the
# assessment use the same spellings.
DIARY_RED_FLAGS = frozenset(
    {
        "pop",
        "calf-swelling",
        "breathless",
        "infection",
        "night-pain",
        "inflammatory",
        "fluoroquinolone",
        "fluoroquinolone-new-pain",
    }
)

LEVELS: tuple[str, ...] = ("L1", "L2", "L3", "L4", "L5", "L6", "L7", "L8")
"""Isometric ladder steps (clinical.md §E3)."""
T_LEVELS: tuple[str, ...] = ("T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8")
"""Isotonic heel-raise steps (clinical.md §E6.1)."""
ALL_LEVELS: tuple[str, ...] = LEVELS + T_LEVELS

ISOMETRIC = "isometric"
ISOTONIC = "isotonic"
STAGES: tuple[str, ...] = (ISOMETRIC, ISOTONIC)
"""The two stages of §E6.2: holds, then heel raises through range."""


def stage_of(level: str | None) -> str | None:
    """The stage a ladder level belongs to (None for an own plan without a level)."""
    if level is None:
        return None
    return ISOTONIC if level in T_LEVELS else ISOMETRIC


class Surface(StrEnum):
    """Where a heel raise is done (§E6.1): flat floor, or the edge of a step."""

    FLOOR = "floor"
    STEP = "step"


class RaiseKind(StrEnum):
    """The isotonic exercise (§E6.5 ``exercise``)."""

    HEEL_RAISE = "heel_raise"
    UP_TWO_DOWN_ONE = "up_two_down_one"


RAISE_LABELS: dict[RaiseKind, str] = {
    RaiseKind.HEEL_RAISE: "Heel raise",
    RaiseKind.UP_TWO_DOWN_ONE: "Up on two, down on one",
}


def check_int(name: str, value: object, low: int, high: int) -> int:
    """Refuse anything that is not a whole number in [low, high], naming the field."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise DomainError(f"{name} must be a whole number from {low} to {high}, got {value!r}")
    if not low <= value <= high:
        raise DomainError(f"{name} must be from {low} to {high}, got {value}")
    return value


def check_score(name: str, value: object) -> int:
    """A 0-10 pain score, the scale used everywhere in the app."""
    return check_int(name, value, 0, 10)


def check_past_date(name: str, value: dt.date, today: dt.date | None = None) -> dt.date:
    """Diary and sessions describe what happened, so a date in the future is refused."""
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise DomainError(f"{name} must be a date (YYYY-MM-DD), got {value!r}")
    limit = today or dt.date.today()
    if value > limit:
        raise DomainError(f"{name} {value.isoformat()} is in the future")
    if value.year < 1900:
        raise DomainError(f"{name} {value.isoformat()} is too far in the past")
    return value


FIRST_YEAR = 1900
LAST_YEAR = 2999
"""Dates the app reads and stores lie in these years (storage/schema.py says the same)."""


def parse_date(text: str) -> dt.date:
    """Parse YYYY-MM-DD (ASCII digits, a real day from 1900 to 2999) with a message a person
    can act on; other ISO forms ("20261129", "2026-W49-1") are refused, not guessed."""
    value = text.strip() if isinstance(text, str) else text
    if not (isinstance(value, str) and _ISO_DAY.fullmatch(value)):
        raise DomainError(f"not a date in the form YYYY-MM-DD: {text!r}")
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise DomainError(f"not a date (there is no such day): {text!r}") from None
    if day.year < FIRST_YEAR:
        raise DomainError(f"{value} is too far in the past (the earliest is {FIRST_YEAR})")
    if day.year > LAST_YEAR:
        raise DomainError(f"{value} is too far in the future (the latest is {LAST_YEAR})")
    return day


_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)
_DIGITS = re.compile(r"[0-9]{1,4}", re.ASCII)


def check_load(load_kg: object, added_load: object) -> None:
    """An exercise's added load: 0-200 kg, and a yes/no flag."""
    if isinstance(load_kg, bool) or not isinstance(load_kg, int | float) or not 0 <= load_kg <= 200:
        raise DomainError(f"added load must be a number from 0 to 200 kg, got {load_kg!r}")
    if not isinstance(added_load, bool):
        raise DomainError(f"added load (yes/no) must be true or false, got {added_load!r}")


def load_words(load_kg: float, added_load: bool) -> str:
    """Load as a person says it: 'body weight + 5 kg', '... + a light load', 'body weight'."""
    if load_kg > 0:
        return f"body weight + {load_kg:g} kg"
    if added_load:
        return "body weight + a light load"
    return "body weight"


MAX_NOTE_CHARS = 2000


def clean_note(text: str) -> str:
    """Keep notes printable and bounded: control characters break tables and exports."""
    if not isinstance(text, str):
        raise DomainError("a note must be text")
    cleaned = "".join(ch if ch.isprintable() or ch in "\n\t" else " " for ch in text)
    cleaned = cleaned.strip()
    if len(cleaned) > MAX_NOTE_CHARS:
        raise DomainError(
            f"a note can be at most {MAX_NOTE_CHARS} characters ({len(cleaned)} given)"
        )
    return cleaned


@dataclass(frozen=True)
class Exercise:
    """One isometric hold of a plan: where, on how many legs, and the dose."""

    position: Position
    legs: int
    added_load: bool = False
    load_kg: float = 0.0
    reps: int = 3
    hold_seconds: int = 10
    rest_seconds: int = 15
    sessions_per_week: int = 7
    rules: tuple[str, ...] = ()

    type = ISOMETRIC

    def __post_init__(self) -> None:
        if not isinstance(self.position, Position):
            raise DomainError(f"unknown position {self.position!r}")
        check_int("legs", self.legs, 1, 2)
        check_int("reps", self.reps, 1, 20)
        check_int("hold", self.hold_seconds, 5, 120)
        check_int("rest", self.rest_seconds, 0, 600)
        check_int("sessions per week", self.sessions_per_week, 1, 14)
        check_load(self.load_kg, self.added_load)

    def to_json(self) -> dict[str, object]:
        """The §E6.5 JSON shape of an isometric exercise (``type`` first)."""
        return {
            "type": ISOMETRIC,
            "position": str(self.position),
            "legs": self.legs,
            "added_load": self.added_load,
            "reps": self.reps,
            "hold_seconds": self.hold_seconds,
            "rest_seconds": self.rest_seconds,
            "sessions_per_week": self.sessions_per_week,
            "rules": list(self.rules),
        }

    @property
    def label(self) -> str:
        """Short name a person recognises, e.g. 'Neutral hold, one leg'."""
        legs = "both legs" if self.legs == 2 else "one leg"
        name = POSITION_LABELS[self.position].split(" (")[0]
        return f"{name} hold, {legs}"

    @property
    def load_text(self) -> str:
        """Load as a person says it."""
        return load_words(self.load_kg, self.added_load)


@dataclass(frozen=True)
class Tempo:
    """Seconds up / held at the top / down for one heel raise (§E6.1, e.g. 3/0/3)."""

    up: int = 3
    top: int = 0
    down: int = 3

    def __post_init__(self) -> None:
        check_int("tempo up (seconds)", self.up, 1, 10)
        check_int("tempo top (seconds)", self.top, 0, 10)
        check_int("tempo down (seconds)", self.down, 1, 10)

    @classmethod
    def parse(cls, text: str) -> Tempo:
        """'3/0/3' -> Tempo(3, 0, 3), with a message a person can act on."""
        parts = str(text).strip().split("/")
        if len(parts) != 3 or not all(_DIGITS.fullmatch(part.strip()) for part in parts):
            raise DomainError(
                f"tempo must be three whole numbers of seconds, UP/TOP/DOWN such as 3/0/3, "
                f"got {text!r}"
            )
        up, top, down = (int(part) for part in parts)
        return cls(up, top, down)

    @property
    def text(self) -> str:
        """'3/0/3'."""
        return f"{self.up}/{self.top}/{self.down}"

    @property
    def rep_seconds(self) -> int:
        """How long one raise takes."""
        return self.up + self.top + self.down

    def to_json(self) -> dict[str, int]:
        """The §E6.5 shape ``{"up": s, "top": s, "down": s}``."""
        return {"up": self.up, "top": self.top, "down": self.down}


MAX_RAISE_LOAD_KG = 20.0
"""DOSE-ISOT-LOAD-CAP: the most load the app's ladder adds (an own plan may go further)."""


@dataclass(frozen=True)
class HeelRaise:
    """One isotonic exercise of a plan (§E6.5): heel raises through range, set by set.

    Reps are per leg that works (a two-leg raise counts once); ``rest_seconds`` is the rest
    between sets.
    """

    exercise: RaiseKind = RaiseKind.HEEL_RAISE
    surface: Surface = Surface.FLOOR
    legs: int = 2
    added_load: bool = False
    load_kg: float = 0.0
    sets: int = 3
    reps: int = 10
    tempo: Tempo = Tempo()
    rest_seconds: int = 60
    sessions_per_week: int = 7
    rules: tuple[str, ...] = ()

    type = ISOTONIC

    def __post_init__(self) -> None:
        if not isinstance(self.exercise, RaiseKind):
            raise DomainError(f"unknown heel-raise exercise {self.exercise!r}")
        if not isinstance(self.surface, Surface):
            raise DomainError(f"surface must be floor or step, got {self.surface!r}")
        check_int("legs", self.legs, 1, 2)
        check_int("sets", self.sets, 1, 10)
        check_int("reps", self.reps, 1, 50)
        check_int("rest between sets (seconds)", self.rest_seconds, 0, 600)
        check_int("sessions per week", self.sessions_per_week, 1, 14)
        if not isinstance(self.tempo, Tempo):
            raise DomainError(f"tempo must be UP/TOP/DOWN seconds, got {self.tempo!r}")
        check_load(self.load_kg, self.added_load)
        if self.load_kg > 0 and not self.added_load:
            object.__setattr__(self, "added_load", True)

    def to_json(self) -> dict[str, object]:
        """The §E6.5 JSON shape of an isotonic exercise."""
        return {
            "type": ISOTONIC,
            "exercise": str(self.exercise),
            "surface": str(self.surface),
            "legs": self.legs,
            "added_load": self.added_load,
            "load_kg": self.load_kg,
            "sets": self.sets,
            "reps": self.reps,
            "tempo": self.tempo.to_json(),
            "rest_seconds": self.rest_seconds,
            "sessions_per_week": self.sessions_per_week,
            "rules": list(self.rules),
        }

    @property
    def label(self) -> str:
        """E.g. 'Heel raise on the floor, one leg'."""
        where = "on a step" if self.surface is Surface.STEP else "on the floor"
        if self.exercise is RaiseKind.UP_TWO_DOWN_ONE:
            return f"{RAISE_LABELS[self.exercise]}, {where}"
        legs = "both legs" if self.legs == 2 else "one leg"
        return f"{RAISE_LABELS[self.exercise]} {where}, {legs}"

    @property
    def load_text(self) -> str:
        """Load as a person says it."""
        return load_words(self.load_kg, self.added_load)

    @property
    def dose_text(self) -> str:
        """E.g. '3 x 15, tempo 3/0/3, 90 s rest'."""
        return (
            f"{self.sets} x {self.reps}, tempo {self.tempo.text}, "
            f"{self.rest_seconds} s rest between sets"
        )


AnyExercise = Exercise | HeelRaise
"""A plan's exercise: an isometric hold or an isotonic heel raise."""


def is_isotonic(exercise: object) -> bool:
    """True for a heel-raise exercise."""
    return isinstance(exercise, HeelRaise)


@dataclass(frozen=True)
class Plan:
    """A dated, versioned plan; new versions are added, old ones are kept."""

    version: int
    created: dt.datetime
    exercises: tuple[AnyExercise, ...]
    source: str = "assessment"  # assessment | own | review
    level: str | None = None
    mode: str = "standard"
    assessment_id: int | None = None
    note: str = ""
    since: dt.date | None = None
    confirmed_rules: tuple[str, ...] = ()
    # MON-ISOT-STEP-TRIAL accepted: heel raises stay on the floor from now on.
    floor_only: bool = False

    def __post_init__(self) -> None:
        check_int("plan version", self.version, 1, 1_000_000)
        if not self.exercises:
            raise DomainError("a plan needs at least one exercise")
        kinds = {type(ex) for ex in self.exercises}
        if len(kinds) > 1:
            raise DomainError("a plan holds either isometric holds or heel raises, not both")
        if self.level is not None and self.level not in ALL_LEVELS:
            raise DomainError(f"unknown level {self.level!r}")
        if self.level is not None and stage_of(self.level) != self.stage:
            raise DomainError(f"level {self.level} does not fit a plan of {self.stage} exercises")
        if self.since is not None and (
            not isinstance(self.since, dt.date) or isinstance(self.since, dt.datetime)
        ):
            raise DomainError(f"a plan's start must be a date, got {self.since!r}")
        if not isinstance(self.confirmed_rules, tuple):
            raise DomainError(f"confirmed rules must be a list, got {self.confirmed_rules!r}")

    @property
    def start_date(self) -> dt.date:
        """The day the plan began: back-dated with --since, else the day it was saved."""
        return self.since if self.since is not None else self.created.date()

    @property
    def stage(self) -> str:
        """``isotonic`` for a heel-raise plan, else ``isometric`` (§E6.2)."""
        return ISOTONIC if isinstance(self.exercises[0], HeelRaise) else ISOMETRIC

    @property
    def sessions_per_week(self) -> int:
        """The plan's frequency: the most frequent exercise sets it."""
        return max(ex.sessions_per_week for ex in self.exercises)


@dataclass(frozen=True)
class DiaryEntry:
    """One morning's record (clinical.md §E1, §D5); one entry per date."""

    date: dt.date
    morning_pain: int | None = None
    stiffness_minutes: int | None = None
    settled: bool | None = None
    day: DayKind = DayKind.NORMAL
    activity: str = ""
    notes: str = ""
    red_flags: tuple[str, ...] = ()
    flags_reported_at: dt.datetime | None = None

    def __post_init__(self) -> None:
        check_past_date("date", self.date)
        if self.morning_pain is not None:
            check_score("morning pain", self.morning_pain)
        if self.stiffness_minutes is not None:
            check_int("morning stiffness (minutes)", self.stiffness_minutes, 0, 1440)
        if not isinstance(self.day, DayKind):
            raise DomainError(f"unknown day kind {self.day!r}")
        if self.settled is not None and not isinstance(self.settled, bool):
            raise DomainError(f"settled must be yes, no or not answered, got {self.settled!r}")
        if not isinstance(self.red_flags, tuple) or not set(self.red_flags) <= DIARY_RED_FLAGS:
            raise DomainError(
                f"unknown warning sign in {self.red_flags!r}; known: "
                + ", ".join(sorted(DIARY_RED_FLAGS))
            )
        object.__setattr__(self, "notes", clean_note(self.notes))
        object.__setattr__(self, "activity", clean_note(self.activity))


@dataclass(frozen=True)
class RepRecord:
    """One completed hold, or one completed set of heel raises, written as it ends.

    For a heel-raise plan ``rep`` is the set number, ``hold_seconds`` the set's time under
    load and ``raises`` the raises done in it; for a hold ``raises`` is 0. Keeping one record
    type means a set is counted, saved and resumed exactly like a hold (§E6.5: a session
    counts when at least half its sets were done).
    """

    exercise_index: int
    side: Side
    rep: int
    hold_seconds: int
    load_kg: float = 0.0
    raises: int = 0


@dataclass(frozen=True)
class SessionLog:
    """A guided (or away-from-terminal) session, complete or partial."""

    id: str
    date: dt.date
    plan_version: int
    started_at: dt.datetime
    ended_at: dt.datetime | None = None
    reps: tuple[RepRecord, ...] = ()
    pain_during: int | None = None
    effort: Effort | None = None
    complete: bool = False
    over_limit: bool = False
    source: str = "timer"  # timer | manual
    reps_planned: int = 0
    # The rule that did not allow sessions when this one was logged anyway (clinical.md §F4,
    # §F5 decision 3: paused by a warning sign, blocked, or stopped for the day): it is kept,
    # because it happened, and its pain counts, but it never counts toward adherence. The
    # stored key stays ``paused_by`` so older files and exports read unchanged.
    paused_by: str | None = None

    def __post_init__(self) -> None:
        check_past_date("session date", self.date)
        if self.pain_during is not None:
            check_score("pain during", self.pain_during)
        if self.effort is not None and not isinstance(self.effort, Effort):
            raise DomainError(f"unknown effort {self.effort!r}")

    @property
    def finished(self) -> bool:
        """A session is finished once it has an end time (rated or ended early)."""
        return self.ended_at is not None

    def reps_done(self, exercise_index: int, side: Side | None = None) -> int:
        """Count of completed holds for one exercise, optionally one side."""
        return sum(
            1
            for r in self.reps
            if r.exercise_index == exercise_index and (side is None or r.side == side)
        )

    @property
    def dose_seconds(self) -> int:
        """Time under tension over the whole session."""
        return sum(r.hold_seconds for r in self.reps)

    @property
    def is_isotonic(self) -> bool:
        """A heel-raise session: its records are sets with raises."""
        return any(r.raises for r in self.reps)

    @property
    def raises_done(self) -> int:
        """Heel raises over the whole session (0 for holds)."""
        return sum(r.raises for r in self.reps)

    def raise_load_by_side(self) -> dict[Side, float]:
        """The isotonic dose (§E6.5): raises x load per side, body weight counting as 0 kg."""
        totals: dict[Side, float] = {}
        for r in self.reps:
            if r.raises:
                totals[r.side] = totals.get(r.side, 0.0) + r.raises * r.load_kg
        return totals


SOUND_MODES: tuple[str, ...] = ("voice", "tones", "bell", "off")
"""How the session timer sounds: spoken words, tones, the terminal bell, or silence."""
VOLUME_STEPS: tuple[int, ...] = (100, 80, 60, 40, 20)
"""Volume choices in percent, loudest first (one key cycles through them)."""
FAR_MODES: tuple[str, ...] = ("auto", "on", "off")
"""Far mode (the countdown filling the screen): by terminal size, always, or never."""


@dataclass(frozen=True)
class Settings:
    """User preferences that must survive restarts."""

    theme: str = "textual-dark"
    sound: str = "voice"  # one of SOUND_MODES
    get_ready_seconds: int = 5
    single_leg_sides: str = "both"  # both | injured
    injured_side: str = "left"
    disclaimer_accepted: bool = False
    volume: int = 80  # percent, one of VOLUME_STEPS
    far_mode: str = "auto"  # one of FAR_MODES


@dataclass(frozen=True)
class HeelRaiseTest:
    """One heel-raise test (§E6 "Heel-raise test"): single-leg raises to fatigue, per side.

    ``reps_other`` is None when only the sore side was tested (or both sides are sore);
    ``over_limit`` when the test was stopped because pain went over 5/10.
    """

    date: dt.date
    reps_affected: int
    reps_other: int | None = None
    test_pain: int | None = None
    over_limit: bool = False
    recorded_at: dt.datetime | None = None
    source: str = "manual"  # manual | guided

    def __post_init__(self) -> None:
        check_past_date("test date", self.date)
        check_int("heel raises on the sore side", self.reps_affected, 0, 200)
        if self.reps_other is not None:
            check_int("heel raises on the other side", self.reps_other, 0, 200)
        if self.test_pain is not None:
            check_score("test pain", self.test_pain)
        if not isinstance(self.over_limit, bool):
            raise DomainError(f"over limit must be true or false, got {self.over_limit!r}")

    @property
    def share_of_other(self) -> float | None:
        """The sore side's count as a share of the other side's (None without the other side)."""
        if not self.reps_other:
            return None
        return self.reps_affected / self.reps_other
