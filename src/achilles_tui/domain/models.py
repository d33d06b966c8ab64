"""Domain records shared by every part of the app.

Plain, frozen dataclasses with validation in ``__post_init__`` so that an
invalid value can never reach storage, whichever door it came in by (CLI,
TUI, import). No I/O here.
"""

from __future__ import annotations

import datetime as dt
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


def parse_date(text: str) -> dt.date:
    """Parse YYYY-MM-DD with a message a person can act on."""
    try:
        return dt.date.fromisoformat(text.strip())
    except (ValueError, AttributeError):
        raise DomainError(f"not a date in the form YYYY-MM-DD: {text!r}") from None


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

    def __post_init__(self) -> None:
        if not isinstance(self.position, Position):
            raise DomainError(f"unknown position {self.position!r}")
        check_int("legs", self.legs, 1, 2)
        check_int("reps", self.reps, 1, 20)
        check_int("hold", self.hold_seconds, 5, 120)
        check_int("rest", self.rest_seconds, 0, 600)
        check_int("sessions per week", self.sessions_per_week, 1, 14)
        load = self.load_kg
        if isinstance(load, bool) or not isinstance(load, int | float) or not 0 <= load <= 200:
            raise DomainError(f"added load must be a number from 0 to 200 kg, got {load!r}")
        if not isinstance(self.added_load, bool):
            raise DomainError(f"added load (yes/no) must be true or false, got {self.added_load!r}")

    @property
    def label(self) -> str:
        """Short name a person recognises, e.g. 'Neutral hold, one leg'."""
        legs = "both legs" if self.legs == 2 else "one leg"
        name = POSITION_LABELS[self.position].split(" (")[0]
        return f"{name} hold, {legs}"

    @property
    def load_text(self) -> str:
        """Load as a person says it."""
        if self.load_kg > 0:
            return f"body weight + {self.load_kg:g} kg"
        if self.added_load:
            return "body weight + a light load"
        return "body weight"


@dataclass(frozen=True)
class Plan:
    """A dated, versioned plan; new versions are added, old ones are kept."""

    version: int
    created: dt.datetime
    exercises: tuple[Exercise, ...]
    source: str = "assessment"  # assessment | own | review
    level: str | None = None
    mode: str = "standard"
    assessment_id: int | None = None
    note: str = ""
    since: dt.date | None = None
    confirmed_rules: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        check_int("plan version", self.version, 1, 1_000_000)
        if not self.exercises:
            raise DomainError("a plan needs at least one exercise")
        if self.level is not None and self.level not in LEVELS:
            raise DomainError(f"unknown level {self.level!r}")
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
    """One completed hold, written as it happens so a crash loses at most one rep."""

    exercise_index: int
    side: Side
    rep: int
    hold_seconds: int
    load_kg: float = 0.0


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
    # The rule that paused the plan when this session was logged anyway (clinical.md §F4):
    # it is kept, because it happened, but it never counts toward adherence.
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
