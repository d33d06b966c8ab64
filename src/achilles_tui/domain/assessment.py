"""The onboarding assessment (clinical.md §A): the answers every recommendation starts from.

Validated on construction so that the engine never has to guess what a value means, whichever
door it came in by (CLI flags, the TUI form, or a stored record).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from enum import StrEnum
from typing import Any, TypeVar

from achilles_tui.domain.models import DomainError, check_int, check_score, clean_note


class Condition(StrEnum):
    """What the user says is wrong; the values double as CLI choices."""

    MIDPORTION = "midportion"
    INSERTIONAL = "insertional"
    BURSITIS = "bursitis"
    RUPTURE_SURGERY = "rupture-surgery"
    RUPTURE_CONSERVATIVE = "rupture-conservative"
    CALF_STRAIN = "calf-strain"
    UNSURE = "unsure"


class Goal(StrEnum):
    """Why the user wants to exercise; it steers the default position (§B4)."""

    PAIN_RELIEF = "pain-relief"
    STRENGTH = "strength"
    RANGE_OF_MOTION = "range-of-motion"


class Feel(StrEnum):
    """How a test hold felt; decides whether holds are the right tool at all (§D2)."""

    TOO_EASY = "too-easy"
    CHALLENGING = "challenging"
    TOO_PAINFUL = "too-painful"


class Strength(StrEnum):
    """Self-rated strength; 'weak' puts the user in the gentle starting column (§C1)."""

    WEAK = "weak"
    STRONG = "strong"


class RequestedPosition(StrEnum):
    """A position the user (or their physio) asked for; full tiptoe is asked for but never used."""

    NEUTRAL = "neutral"
    HEEL_RAISED = "heel-raised"
    HEEL_DROP = "heel-drop"
    FULL_TIPTOE = "full-tiptoe"


class RedFlag(StrEnum):
    """Checklist answers that can stop or limit a plan (§F1); each maps to an RF-* rule."""

    POP = "pop"
    CALF_SWELLING = "calf-swelling"
    BREATHLESS = "breathless"
    INFECTION = "infection"
    NIGHT_PAIN = "night-pain"
    INFLAMMATORY = "inflammatory"
    FLUOROQUINOLONE = "fluoroquinolone"
    FLUOROQUINOLONE_NEW_PAIN = "fluoroquinolone-new-pain"


SIDES: tuple[str, ...] = ("left", "right", "both")
MAX_WEEKS = 5200  # a century; only a typo would go higher

_E = TypeVar("_E", bound=StrEnum)


def _as_enum(name: str, enum_type: type[_E], value: object) -> _E:
    """Accept an enum member or its string value, so CLI text and stored data both work."""
    if isinstance(value, enum_type):
        return value
    if isinstance(value, str):
        try:
            return enum_type(value.strip().lower())
        except ValueError:
            pass
    choices = ", ".join(member.value for member in enum_type)
    raise DomainError(f"{name} must be one of {choices}; got {value!r}")


def _check_bool(name: str, value: object) -> bool:
    """Refuse 'yes', 1 and friends: a silently truthy string could unlock a position."""
    if not isinstance(value, bool):
        raise DomainError(f"{name} must be true or false, got {value!r}")
    return value


@dataclass(frozen=True)
class Assessment:
    """One set of answers to the §A questions, with the §A defaults for anything not asked."""

    condition: Condition
    side: str = "left"
    weeks: int = 0
    forefoot_problem: bool = False
    forefoot_note: str = ""
    flares_easily: bool = False
    strength: Strength = Strength.WEAK
    nervous: bool = False
    goal: Goal = Goal.STRENGTH
    competition_phase: bool = False
    can_do_heel_raises: bool = True
    sudden_onset: bool = False
    isometrics_feel: Feel = Feel.CHALLENGING
    test_hold_pain: int | None = None
    requested_position: RequestedPosition | None = None
    rupture_loading_cleared: bool = False
    physio_approved_heel_drop: bool = False
    single_leg_cleared: bool = False
    red_flags: tuple[RedFlag, ...] = ()
    age: int | None = None
    corticosteroids: bool = False

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        set_(self, "condition", _as_enum("condition", Condition, self.condition))
        side = self.side.strip().lower() if isinstance(self.side, str) else self.side
        if side not in SIDES:
            raise DomainError(f"side must be one of {', '.join(SIDES)}; got {self.side!r}")
        set_(self, "side", str(side))
        check_int("weeks", self.weeks, 0, MAX_WEEKS)
        set_(self, "forefoot_note", clean_note(self.forefoot_note))
        set_(self, "strength", _as_enum("strength", Strength, self.strength))
        set_(self, "goal", _as_enum("goal", Goal, self.goal))
        set_(self, "isometrics_feel", _as_enum("isometrics feel", Feel, self.isometrics_feel))
        if self.test_hold_pain is not None:
            check_score("test hold pain", self.test_hold_pain)
        if self.requested_position is not None:
            position = _as_enum("requested position", RequestedPosition, self.requested_position)
            set_(self, "requested_position", position)
        for name in (
            "forefoot_problem",
            "flares_easily",
            "nervous",
            "competition_phase",
            "can_do_heel_raises",
            "sudden_onset",
            "rupture_loading_cleared",
            "physio_approved_heel_drop",
            "single_leg_cleared",
            "corticosteroids",
        ):
            _check_bool(name.replace("_", " "), getattr(self, name))
        if isinstance(self.red_flags, str | bytes) or not isinstance(self.red_flags, tuple | list):
            raise DomainError(f"red flags must be a list, got {self.red_flags!r}")
        flags = tuple(_as_enum("red flag", RedFlag, flag) for flag in self.red_flags)
        set_(self, "red_flags", tuple(dict.fromkeys(flags)))
        if self.age is not None:
            check_int("age", self.age, 0, 120)

    @property
    def forefoot_block(self) -> bool:
        """A sore forefoot that stops heel raises keeps the user on isometrics (§A derived)."""
        return self.forefoot_problem and not self.can_do_heel_raises

    @property
    def sudden_loss_of_push_off(self) -> bool:
        """Cannot rise onto the toes, and it came on suddenly: a sign of a tear (§D2 note)."""
        return self.sudden_onset and not self.can_do_heel_raises

    @property
    def is_rupture(self) -> bool:
        """Both rupture pathways share the clearance gate and the gentle start."""
        return self.condition in (Condition.RUPTURE_SURGERY, Condition.RUPTURE_CONSERVATIVE)

    def to_dict(self) -> dict[str, Any]:
        """Storage form: only str, int, bool, None and lists, so it survives JSON unchanged."""
        result: dict[str, Any] = {}
        for item in fields(self):
            value = getattr(self, item.name)
            if isinstance(value, tuple):
                result[item.name] = [str(flag) for flag in value]
            elif isinstance(value, StrEnum):
                result[item.name] = str(value)
            else:
                result[item.name] = value
        return result

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Assessment:
        """Rebuild from storage; unknown keys (a newer version) are ignored, bad values fail."""
        if not isinstance(data, dict):
            raise DomainError(f"an assessment record must be a mapping, got {type(data).__name__}")
        if "condition" not in data:
            raise DomainError("an assessment record needs a condition")
        known = {item.name for item in fields(cls)}
        values = {key: value for key, value in data.items() if key in known}
        if "red_flags" in values and isinstance(values["red_flags"], list):
            values["red_flags"] = tuple(values["red_flags"])
        return cls(**values)
