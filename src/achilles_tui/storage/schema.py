"""The one definition of every stored record: what the app accepts, it can always read.

Every door a record comes in by uses these specs: an import (``transfer.load_export``), every
write (``Repository``), and the check when a file is opened (``database``, ``archive``). A
record that passes is one every command and screen can read, so nothing is accepted that
would later lock the person out of their history.

The rules, once:
- whole numbers are JSON integers (never true/false, never 1.0) inside the field's range;
- other numbers are finite (no NaN, no Infinity, nothing that overflows to it);
- text is bounded and holds no lone surrogate (it could never be written back as UTF-8);
- a choice is one of its known values, spelled as stored (lower case);
- a date is ``YYYY-MM-DD`` in ASCII digits, a real day from 1900 to 2999;
- a time is local wall-clock time without a zone, ``YYYY-MM-DDTHH:MM:SS`` (optionally with a
  fraction of a second): the app records when things happened where the person was, and one
  record with a zone beside others without one cannot be compared with them;
- nesting is bounded: only the few fields kept as they were written (a review's figures, an
  assessment's extra result fields) take free JSON, and that at most a few levels deep.

Each spec can describe itself (``kind`` and its bounds), which is what the property tests
build their values and mutations from (tests/storage/schema_strategies.py).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from achilles_tui.domain.assessment import (
    MAX_WEEKS,
    SIDES,
    Condition,
    Feel,
    Goal,
    RedFlag,
    RequestedPosition,
    Strength,
)
from achilles_tui.domain.capacity import (
    KIND_QUESTIONNAIRE,
    KIND_SELF_TEST,
    KIND_WEEKLY_REVIEW,
    MAX_HEEL_RAISES,
    QUESTIONNAIRE_ITEMS,
)
from achilles_tui.domain.engine import Mode, Verdict
from achilles_tui.domain.models import (
    ALL_LEVELS,
    DIARY_RED_FLAGS,
    FAR_MODES,
    ISOMETRIC,
    ISOTONIC,
    MAX_NOTE_CHARS,
    SOUND_MODES,
    STAGES,
    DayKind,
    Effort,
    Position,
    RaiseKind,
    Side,
    Surface,
)
from achilles_tui.domain.records import SOURCE_ASSESSMENT, SOURCE_RECHECK
from achilles_tui.domain.suggestion import Suggestion

FIRST_YEAR = 1900
LAST_YEAR = 2999
MAX_ID = 1_000_000_000
MAX_PLAN_VERSION = 1_000_000  # as domain.models.Plan
FREE_JSON_DEPTH = 4
FREE_JSON_ITEMS = 200
SAFE_INT = 2**53  # the largest whole number every JSON reader keeps exactly


class SchemaError(ValueError):
    """A record that does not fit its schema; the message names the field and the rule."""

    def __init__(self, problem: str, path: tuple[str, ...] = ()) -> None:
        super().__init__(problem)
        self.problem = problem
        self.path = path

    def inside(self, name: str) -> SchemaError:
        """The same error, one level further out (``reps[2].load_kg``)."""
        return SchemaError(self.problem, (name, *self.path))

    @property
    def where(self) -> str:
        """The field's path, e.g. ``reps[0].load_kg``."""
        text = ""
        for part in self.path:
            text += part if part.startswith("[") or not text else "." + part
        return text

    def __str__(self) -> str:
        return f"{self.where}: {self.problem}" if self.path else self.problem


def _shown(value: object) -> str:
    """A value as a message shows it: short, and never a lone surrogate."""
    text = repr(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def text_problem(value: str) -> str | None:
    """Why a string cannot be stored (a lone surrogate), or None."""
    if value.isascii():
        return None
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return "holds a lone surrogate (\\ud800-\\udfff), which is not text"
    return None


class Spec:
    """One field's rule; ``check`` returns the value as stored or raises SchemaError."""

    kind = "any"

    def check(self, value: Any) -> Any:  # pragma: no cover - every spec overrides it
        raise NotImplementedError


@dataclass(frozen=True)
class Int(Spec):
    """A whole number in [low, high]."""

    low: int
    high: int
    kind = "int"

    def check(self, value: Any) -> Any:
        if type(value) is not int:
            raise SchemaError(
                f"must be a whole number from {self.low} to {self.high}, got {_shown(value)}"
            )
        if not self.low <= value <= self.high:
            raise SchemaError(f"must be from {self.low} to {self.high}, got {_shown(value)}")
        return value


@dataclass(frozen=True)
class Number(Spec):
    """A finite number in [low, high], stored as a float."""

    low: float
    high: float
    kind = "number"

    def check(self, value: Any) -> Any:
        kind = type(value)
        if kind is int:
            value = float(value) if abs(value) <= SAFE_INT else math.inf
        elif kind is not float:
            raise SchemaError(
                f"must be a number from {self.low:g} to {self.high:g}, got {_shown(value)}"
            )
        if not math.isfinite(value):
            raise SchemaError(f"must be a finite number, got {_shown(value)}")
        if not self.low <= value <= self.high:
            raise SchemaError(f"must be from {self.low:g} to {self.high:g}, got {value:g}")
        return value


@dataclass(frozen=True)
class Bool(Spec):
    """true or false (never 0, 1 or "yes")."""

    kind = "bool"

    def check(self, value: Any) -> Any:
        if type(value) is not bool:
            raise SchemaError(f"must be true or false, got {_shown(value)}")
        return value


@dataclass(frozen=True)
class Text(Spec):
    """A string of at most ``max_chars`` characters; ``pattern`` (ASCII) when given."""

    max_chars: int = MAX_NOTE_CHARS
    min_chars: int = 0
    pattern: str | None = None
    kind = "text"

    def check(self, value: Any) -> Any:
        if type(value) is not str:
            raise SchemaError(f"must be text, got {_shown(value)}")
        if not self.min_chars <= len(value) <= self.max_chars:
            raise SchemaError(
                f"must be {self.min_chars} to {self.max_chars} characters, got {len(value)}"
            )
        problem = text_problem(value)
        if problem is not None:
            raise SchemaError(problem)
        if self.pattern is not None and not re.fullmatch(self.pattern, value, re.ASCII):
            raise SchemaError(f"is not in the stored form ({self.pattern}): {_shown(value)}")
        return value


@dataclass(frozen=True)
class Choice(Spec):
    """One of a few known values, as stored."""

    values: tuple[str, ...]
    kind = "choice"

    def check(self, value: Any) -> Any:
        if type(value) is not str or value not in self.values:
            raise SchemaError(f"must be one of {', '.join(self.values)}; got {_shown(value)}")
        return value


def choice_of(values: Iterable[Any]) -> Choice:
    """A Choice of an enum's (or a tuple's) stored spellings."""
    return Choice(tuple(str(getattr(v, "value", v)) for v in values))


_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)
_TIME = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?", re.ASCII
)
_ZONE = re.compile(r"(Z|[+-][0-9]{2}:?[0-9]{2})$", re.ASCII)


def _year_ok(year: int) -> bool:
    return FIRST_YEAR <= year <= LAST_YEAR


@dataclass(frozen=True)
class Date(Spec):
    """``YYYY-MM-DD``: a real day from 1900 to 2999, ASCII digits only."""

    kind = "date"

    def check(self, value: Any) -> Any:
        if type(value) is not str or not _DATE.fullmatch(value):
            raise SchemaError(f"must be a date YYYY-MM-DD, got {_shown(value)}")
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            raise SchemaError(f"is not a real date: {_shown(value)}") from None
        if not _year_ok(day.year):
            raise SchemaError(f"must be a date from {FIRST_YEAR} to {LAST_YEAR}, got {value}")
        return value


@dataclass(frozen=True)
class DateTime(Spec):
    """Local time without a zone: ``YYYY-MM-DDTHH:MM:SS`` (a fraction of a second allowed)."""

    kind = "datetime"

    def check(self, value: Any) -> Any:
        if type(value) is not str:
            raise SchemaError(f"must be a time YYYY-MM-DDTHH:MM:SS, got {_shown(value)}")
        if not _TIME.fullmatch(value):
            if _ZONE.search(value) and _TIME.fullmatch(_ZONE.sub("", value)):
                raise SchemaError(
                    f"has a time zone ({_shown(value)}); times are stored as local time "
                    "without one, e.g. 2026-03-01T07:30:00"
                )
            raise SchemaError(f"must be a time YYYY-MM-DDTHH:MM:SS, got {_shown(value)}")
        try:
            moment = dt.datetime.fromisoformat(value)
        except ValueError:
            raise SchemaError(f"is not a real time: {_shown(value)}") from None
        if not _year_ok(moment.year):
            raise SchemaError(f"must be a time from {FIRST_YEAR} to {LAST_YEAR}, got {value}")
        return value


@dataclass(frozen=True)
class Nullable(Spec):
    """``null`` or the inner spec."""

    inner: Spec
    kind = "nullable"

    def check(self, value: Any) -> Any:
        return None if value is None else self.inner.check(value)


@dataclass(frozen=True)
class ListOf(Spec):
    """A list of ``min_items`` to ``max_items`` items, each fitting ``item``."""

    item: Spec
    max_items: int
    min_items: int = 0
    kind = "list"

    def check(self, value: Any) -> Any:
        if type(value) is not list:
            raise SchemaError(f"must be a list, got {_shown(value)}")
        if not self.min_items <= len(value) <= self.max_items:
            raise SchemaError(
                f"must hold {self.min_items} to {self.max_items} items, got {len(value)}"
            )
        check = self.item.check
        out = []
        for index, item in enumerate(value):
            try:
                out.append(check(item))
            except SchemaError as exc:
                raise exc.inside(f"[{index}]") from None
        return out


@dataclass(frozen=True)
class Pair(Spec):
    """A two-item list ``[first, second]`` (a closed year's streak run: days, whole)."""

    first: Spec
    second: Spec
    kind = "pair"

    def check(self, value: Any) -> Any:
        if type(value) is not list or len(value) != 2:
            raise SchemaError(f"must be a list of two items, got {_shown(value)}")
        return [self.first.check(value[0]), self.second.check(value[1])]


@dataclass(frozen=True)
class MapOf(Spec):
    """An object whose keys fit ``key`` and values fit ``value``."""

    key: Spec
    value: Spec
    max_items: int = 20
    kind = "map"

    def check(self, value: Any) -> Any:
        if type(value) is not dict:
            raise SchemaError(f"must be an object, got {_shown(value)}")
        if len(value) > self.max_items:
            raise SchemaError(f"must hold at most {self.max_items} items, got {len(value)}")
        out = {}
        for key, item in value.items():
            try:
                out[self.key.check(key)] = self.value.check(item)
            except SchemaError as exc:
                raise exc.inside(_key_name(key)) from None
        return out


@dataclass(frozen=True)
class FreeJSON(Spec):
    """Any JSON kept as written (figures nobody reads back), within bounds.

    Still finite numbers, whole numbers a JSON reader keeps exactly, text without lone
    surrogates, at most ``depth`` levels and ``max_items`` items a level.
    """

    depth: int = FREE_JSON_DEPTH
    max_items: int = FREE_JSON_ITEMS
    kind = "json"

    def check(self, value: Any) -> Any:
        if not _free_ok(value, self.depth, self.max_items):
            _free(value, self.depth, self.max_items)  # raises, naming the place
        return value


def _free_ok(value: Any, depth: int, max_items: int) -> bool:
    """The quick yes/no walk of FreeJSON (opening a file runs it on every review's figures)."""
    kind = type(value)
    if kind is dict:
        items = value.values()
        if depth <= 0 or len(value) > max_items:
            return False
        for key in value:
            if type(key) is not str or len(key) > 100 or not key.isascii():
                return False
    elif kind is list:
        items = value
        if depth <= 0 or len(value) > max_items:
            return False
    else:
        items = (value,)
        depth = 1
    for item in items:
        kind = type(item)
        if kind is str:
            if len(item) > MAX_NOTE_CHARS or not (item.isascii() or text_problem(item) is None):
                return False
        elif kind is float:
            if item - item != 0.0:  # inf - inf and nan - nan are nan
                return False
        elif kind is int:
            if not -SAFE_INT <= item <= SAFE_INT:
                return False
        elif kind is dict or kind is list:
            if not _free_ok(item, depth - 1, max_items):
                return False
        elif item is not None and kind is not bool:
            return False
    return True


def _free(value: Any, depth: int, max_items: int) -> None:
    kind = type(value)
    if value is None or kind is bool:
        return
    if kind is int:
        if abs(value) > SAFE_INT:
            raise SchemaError(f"is a whole number too large to keep exactly: {_shown(value)}")
        return
    if kind is float:
        if not math.isfinite(value):
            raise SchemaError(f"must be a finite number, got {_shown(value)}")
        return
    if kind is str:
        if len(value) > MAX_NOTE_CHARS:
            raise SchemaError(f"must be at most {MAX_NOTE_CHARS} characters, got {len(value)}")
        problem = text_problem(value)
        if problem is not None:
            raise SchemaError(problem)
        return
    if kind is not list and kind is not dict:
        raise SchemaError(f"is not JSON: {_shown(value)}")
    if depth <= 0:
        raise SchemaError("is nested too deeply")
    if len(value) > max_items:
        raise SchemaError(f"must hold at most {max_items} items, got {len(value)}")
    if kind is list:
        for index, item in enumerate(value):
            try:
                _free(item, depth - 1, max_items)
            except SchemaError as exc:
                raise exc.inside(f"[{index}]") from None
        return
    for key, item in value.items():
        try:
            if type(key) is not str or len(key) > 100 or text_problem(key):
                raise SchemaError(f"has a key that is not short text: {_shown(key)}")
            _free(item, depth - 1, max_items)
        except SchemaError as exc:
            raise exc.inside(_key_name(key)) from None


def _key_name(key: object) -> str:
    return key if type(key) is str and not text_problem(key) and len(key) <= 40 else _shown(key)


@dataclass(frozen=True)
class Field:
    """One field of a record: its rule, and whether a record may leave it out."""

    spec: Spec
    required: bool = False


def req(spec: Spec) -> Field:
    """A field every record has."""
    return Field(spec, required=True)


def opt(spec: Spec) -> Field:
    """A field a record may leave out (older records, or the default applies)."""
    return Field(spec)


@dataclass(frozen=True)
class Record(Spec):
    """An object with known fields. Unknown fields are dropped (``dropped`` lists them)."""

    name: str
    fields: Mapping[str, Field]
    # Unknown fields: dropped (and named) when None, else kept if they fit this spec.
    extra: Spec | None = None
    kind = "record"

    def check(self, value: Any) -> Any:
        return self.check_record(value, None)

    def __post_init__(self) -> None:
        checks = {name: item.spec.check for name, item in self.fields.items()}
        required = tuple(name for name, item in self.fields.items() if item.required)
        object.__setattr__(self, "_checks", checks)
        object.__setattr__(self, "_required", required)

    def check_record(self, value: Any, dropped: list[str] | None) -> dict[str, Any]:
        """The record with its known fields checked; unknown names go to ``dropped``."""
        if type(value) is not dict:
            raise SchemaError(f"must be an object ({self.name}), got {_shown(value)}")
        checks: dict[str, Callable[[Any], Any]] = self._checks  # type: ignore[attr-defined]
        out: dict[str, Any] = {}
        for name, item in value.items():
            check = checks.get(name)
            if check is None:
                if self.extra is not None and type(name) is str and not text_problem(name):
                    check = self.extra.check
                else:
                    if dropped is not None:
                        dropped.append(_key_name(name))
                    continue
            try:
                out[name] = check(item)
            except SchemaError as exc:
                raise exc.inside(name) from None
        for name in self._required:  # type: ignore[attr-defined]
            if name not in out:
                raise SchemaError("is missing", (name,))
        return out


@dataclass(frozen=True)
class Tagged(Spec):
    """A record whose shape depends on one field (``type``, ``kind``); absent = ``default``."""

    tag: str
    default: str
    variants: Mapping[str, Record]
    kind = "tagged"

    def variant(self, value: Any) -> Record:
        """The record spec for this value, or SchemaError for an unknown tag."""
        if type(value) is not dict:
            raise SchemaError(f"must be an object, got {_shown(value)}")
        tag = value.get(self.tag, self.default)
        spec = self.variants.get(tag) if type(tag) is str else None
        if spec is None:
            known = ", ".join(self.variants)
            raise SchemaError(f"must be one of {known}; got {_shown(tag)}", (self.tag,))
        return spec

    def check(self, value: Any) -> Any:
        return self.variant(value).check_record(value, None)

    def check_record(self, value: Any, dropped: list[str] | None) -> dict[str, Any]:
        """As Record.check_record, for the variant the tag names."""
        return self.variant(value).check_record(value, dropped)


@dataclass(frozen=True)
class Delegate(Spec):
    """An inner spec, then a domain check (a dataclass that refuses what it cannot hold)."""

    inner: Spec
    domain: Callable[[Any], object]
    kind = "delegate"

    def check(self, value: Any) -> Any:
        checked = self.inner.check(value)
        try:
            self.domain(checked)
        except (ValueError, TypeError, KeyError) as exc:
            raise SchemaError(str(exc)) from None
        return checked


# -- the records ------------------------------------------------------------------------------

RULE_ID = Text(max_chars=80, min_chars=1)
RULE_IDS = ListOf(RULE_ID, max_items=100)
NOTE = Text(max_chars=MAX_NOTE_CHARS)
SHORT = Text(max_chars=200)
SCORE = Int(0, 10)
LEGS = Int(1, 2)
LOAD_KG = Number(0.0, 200.0)
PER_WEEK = Int(1, 14)
REST = Int(0, 600)
LEVEL = choice_of(ALL_LEVELS)
ADVICE = Record("advice", {"rule": req(RULE_ID), "message": req(NOTE)})
SCALAR = FreeJSON(depth=0)

HOLD = Record(
    "isometric exercise",
    {
        "type": opt(Choice((ISOMETRIC,))),
        "position": req(choice_of(Position)),
        "legs": req(LEGS),
        "added_load": opt(Bool()),
        "load_kg": opt(LOAD_KG),
        "reps": req(Int(1, 20)),
        "hold_seconds": req(Int(5, 120)),
        "rest_seconds": req(REST),
        "sessions_per_week": opt(PER_WEEK),
        "rules": opt(RULE_IDS),
    },
)
TEMPO = Record("tempo", {"up": opt(Int(1, 10)), "top": opt(Int(0, 10)), "down": opt(Int(1, 10))})
RAISE = Record(
    "heel-raise exercise",
    {
        "type": req(Choice((ISOTONIC,))),
        "exercise": opt(choice_of(RaiseKind)),
        "surface": opt(choice_of(Surface)),
        "legs": req(LEGS),
        "added_load": opt(Bool()),
        "load_kg": opt(LOAD_KG),
        "sets": req(Int(1, 10)),
        "reps": req(Int(1, 50)),
        "tempo": opt(TEMPO),
        "rest_seconds": req(REST),
        "sessions_per_week": opt(PER_WEEK),
        "rules": opt(RULE_IDS),
    },
)
EXERCISE = Tagged("type", ISOMETRIC, {ISOMETRIC: HOLD, ISOTONIC: RAISE})

PLAN = Record(
    "plan",
    {
        "version": req(Int(1, MAX_PLAN_VERSION)),
        "created": req(DateTime()),
        "exercises": req(ListOf(EXERCISE, max_items=20, min_items=1)),
        "source": opt(Choice(("assessment", "own", "review", "diary"))),
        "level": opt(Nullable(LEVEL)),
        "mode": opt(choice_of(Mode)),
        "assessment_id": opt(Nullable(Int(1, MAX_ID))),
        "note": opt(NOTE),
        "since": opt(Nullable(Date())),
        "confirmed_rules": opt(RULE_IDS),
        "floor_only": opt(Bool()),
    },
)

REP = Record(
    "hold or set",
    {
        "exercise_index": req(Int(0, 19)),
        "side": opt(choice_of(Side)),
        "rep": req(Int(0, 1000)),
        "hold_seconds": req(Int(0, 3600)),
        "load_kg": opt(LOAD_KG),
        "raises": opt(Int(0, 1000)),
    },
)
SESSION = Record(
    "session",
    {
        "id": req(Text(max_chars=64, min_chars=1, pattern=r"[A-Za-z0-9._:-]+")),
        "date": req(Date()),
        "plan_version": req(Int(1, MAX_PLAN_VERSION)),
        "started_at": req(DateTime()),
        "ended_at": opt(Nullable(DateTime())),
        "reps": opt(ListOf(REP, max_items=2000)),
        "pain_during": opt(Nullable(SCORE)),
        "effort": opt(Nullable(choice_of(Effort))),
        "complete": opt(Bool()),
        "over_limit": opt(Bool()),
        "source": opt(Choice(("timer", "manual"))),
        "reps_planned": opt(Int(0, 10_000)),
        "paused_by": opt(Nullable(RULE_ID)),
    },
)

DIARY = Record(
    "diary entry",
    {
        "date": req(Date()),
        "morning_pain": opt(Nullable(SCORE)),
        "stiffness_minutes": opt(Nullable(Int(0, 1440))),
        "settled": opt(Nullable(Bool())),
        "day": opt(choice_of(DayKind)),
        "activity": opt(NOTE),
        "notes": opt(NOTE),
        "red_flags": opt(ListOf(choice_of(sorted(DIARY_RED_FLAGS)), max_items=20)),
        "flags_reported_at": opt(Nullable(DateTime())),
    },
)

HEEL_RAISE_TEST = Record(
    "heel-raise test",
    {
        "date": req(Date()),
        "hr_reps_affected": req(Int(0, 200)),
        "hr_reps_other": opt(Nullable(Int(0, 200))),
        "hr_test_pain": opt(Nullable(SCORE)),
        "over_limit": opt(Bool()),
        "recorded_at": opt(Nullable(DateTime())),
        "source": opt(Choice(("manual", "guided"))),
    },
)

ANSWERS = Record(
    "assessment answers",
    {
        "condition": req(choice_of(Condition)),
        "side": opt(choice_of(SIDES)),
        "weeks": opt(Int(0, MAX_WEEKS)),
        "forefoot_problem": opt(Bool()),
        "forefoot_note": opt(NOTE),
        "flares_easily": opt(Bool()),
        "strength": opt(choice_of(Strength)),
        "nervous": opt(Bool()),
        "goal": opt(choice_of(Goal)),
        "competition_phase": opt(Bool()),
        "can_do_heel_raises": opt(Bool()),
        "sudden_onset": opt(Bool()),
        "isometrics_feel": opt(choice_of(Feel)),
        "test_hold_pain": opt(Nullable(SCORE)),
        "requested_position": opt(Nullable(choice_of(RequestedPosition))),
        "rupture_loading_cleared": opt(Bool()),
        "physio_approved_heel_drop": opt(Bool()),
        "single_leg_cleared": opt(Bool()),
        "red_flags": opt(ListOf(choice_of(RedFlag), max_items=20)),
        "age": opt(Nullable(Int(0, 120))),
        "corticosteroids": opt(Bool()),
    },
)
RESULT = Record(
    "assessment result",
    {
        "verdict": opt(choice_of(Verdict)),
        "mode": opt(choice_of(Mode)),
        "level": opt(Nullable(LEVEL)),
        "stage": opt(choice_of(STAGES)),
        "trial": opt(Bool()),
        "exercises": opt(ListOf(EXERCISE, max_items=20)),
        "rules_fired": opt(RULE_IDS),
        "cautions": opt(ListOf(ADVICE, max_items=100)),
        "notes": opt(ListOf(ADVICE, max_items=100)),
    },
    # The engine's result is kept as it gave it; only the fields above are read back.
    extra=FreeJSON(depth=3),
)
ASSESSMENT = Record(
    "assessment",
    {
        "created": req(DateTime()),
        "answers": opt(Nullable(ANSWERS)),
        "result": opt(RESULT),
        "source": opt(Choice((SOURCE_ASSESSMENT, SOURCE_RECHECK))),
    },
)
# An export gives each assessment its id, so plans can keep pointing at theirs.
EXPORTED_ASSESSMENT = Record("assessment", {**ASSESSMENT.fields, "id": opt(Int(1, MAX_ID))})

DOSE = Record(
    "edited dose",
    {
        "legs": req(LEGS),
        "reps": req(Int(1, 20)),
        "hold_seconds": req(Int(5, 120)),
        "rest_seconds": req(REST),
    },
)
CHANGE = Record(
    "change", {"field": req(Text(max_chars=80)), "from": opt(SCALAR), "to": opt(SCALAR)}
)
WEEKLY_REVIEW = Record(
    "weekly review",
    {
        "kind": opt(Choice((KIND_WEEKLY_REVIEW,))),
        "status": opt(Choice(("accepted", "dismissed"))),
        "decided_at": opt(DateTime()),
        "week_ending": req(Date()),
        "suggestion": req(choice_of(Suggestion)),
        "level_from": opt(Nullable(LEVEL)),
        "level_to": opt(Nullable(LEVEL)),
        "stage_from": opt(Nullable(choice_of(STAGES))),
        "stage_to": opt(Nullable(choice_of(STAGES))),
        "changes": opt(ListOf(CHANGE, max_items=20)),
        "rules_fired": opt(RULE_IDS),
        "reasons": opt(ListOf(ADVICE, max_items=100)),
        "week": opt(Nullable(FreeJSON(depth=2))),
        "previous_week": opt(Nullable(FreeJSON(depth=2))),
        "too_little_data": opt(Bool()),
        "green_criteria_met": opt(Bool()),
        "red": opt(Bool()),
        "plan_version_before": opt(Nullable(Int(1, MAX_PLAN_VERSION))),
        "plan_version_after": opt(Nullable(Int(1, MAX_PLAN_VERSION))),
        "edited_dose": opt(DOSE),
        "confirmed_rules": opt(RULE_IDS),
    },
    # A decision keeps the whole review as it was shown; only the fields above are read back.
    extra=FreeJSON(depth=2),
)
SELF_TEST = Record(
    "self-test",
    {
        "kind": req(Choice((KIND_SELF_TEST,))),
        "date": req(Date()),
        "injured_count": req(Int(0, MAX_HEEL_RAISES)),
        "healthy_count": req(Int(0, MAX_HEEL_RAISES)),
        "pain": req(SCORE),
        "ratio": opt(Nullable(Number(0.0, float(MAX_HEEL_RAISES)))),
    },
)
QUESTIONNAIRE = Record(
    "questionnaire",
    {
        "kind": req(Choice((KIND_QUESTIONNAIRE,))),
        "date": req(Date()),
        "scores": req(
            ListOf(
                Int(0, max(item.max_score for item in QUESTIONNAIRE_ITEMS)),
                max_items=len(QUESTIONNAIRE_ITEMS),
                min_items=len(QUESTIONNAIRE_ITEMS),
            )
        ),
        "total": opt(Int(0, 100)),
        "label": opt(SHORT),
    },
)
REVIEW = Tagged(
    "kind",
    KIND_WEEKLY_REVIEW,
    {
        KIND_WEEKLY_REVIEW: WEEKLY_REVIEW,
        KIND_SELF_TEST: SELF_TEST,
        KIND_QUESTIONNAIRE: QUESTIONNAIRE,
    },
)

SETTINGS = Record(
    "settings",
    {
        "theme": opt(Text(max_chars=100)),
        # Older files stored the sound as on/off; an unknown choice falls back to the default.
        "sound": opt(FreeJSON(depth=0)),
        "get_ready_seconds": opt(Int(0, 3600)),
        "single_leg_sides": opt(Choice(("both", "injured"))),
        "injured_side": opt(Choice(("left", "right"))),
        "disclaimer_accepted": opt(Bool()),
        "volume": opt(FreeJSON(depth=0)),
        "far_mode": opt(FreeJSON(depth=0)),
    },
)

ARCHIVE_ENTRY = Record(
    "closed year",
    {
        "year": req(Int(FIRST_YEAR, LAST_YEAR)),
        "diary": req(Int(0, 10_000_000)),
        "sessions": req(Int(0, 10_000_000)),
        "flagged": opt(ListOf(Date(), max_items=400)),
        "first": opt(Nullable(Date())),
        "first_session": opt(Nullable(Date())),
        "run": opt(Pair(Int(0, 400), Bool())),
        "plans": opt(Int(0, MAX_PLAN_VERSION)),
    },
)

META = Record(
    "schema", {"schema_version": req(Int(0, 1_000_000)), "year": opt(Int(FIRST_YEAR, LAST_YEAR))}
)

# The sound choices a settings record may name (others fall back to the default).
SETTINGS_CHOICES = {"sound": SOUND_MODES, "far_mode": FAR_MODES}


@dataclass
class Dropped:
    """Field names an import left out because this app does not know them, per table."""

    names: dict[str, set[str]] = field(default_factory=dict)

    def add(self, table: str, names: Iterable[str]) -> None:
        """Remember names dropped from a record of ``table``."""
        found = set(names)
        if found:
            self.names.setdefault(table, set()).update(found)

    def summary(self) -> str:
        """'plans: colour, mood; sessions: weather', or '' when nothing was dropped."""
        return "; ".join(
            f"{table}: {', '.join(sorted(names))}" for table, names in sorted(self.names.items())
        )
