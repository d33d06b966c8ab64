"""Every validated domain constructor, fed bad values: DomainError naming the field.

Valid values round-trip through the storage codec (and JSON) unchanged, so what is
saved is exactly what was checked.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from achilles_tui.domain.assessment import (
    MAX_WEEKS,
    Assessment,
    Condition,
    Feel,
    Goal,
    RedFlag,
    RequestedPosition,
    Strength,
)
from achilles_tui.domain.capacity import (
    MAX_HEEL_RAISES,
    QUESTIONNAIRE_ITEMS,
    Questionnaire,
    SelfTest,
)
from achilles_tui.domain.models import (
    FAR_MODES,
    LEVELS,
    MAX_NOTE_CHARS,
    SOUND_MODES,
    VOLUME_STEPS,
    DayKind,
    DiaryEntry,
    DomainError,
    Effort,
    Exercise,
    Plan,
    Position,
    RepRecord,
    SessionLog,
    Settings,
    Side,
)
from achilles_tui.domain.progression import ReviewContext
from achilles_tui.domain.review_context import Dose
from achilles_tui.storage import codec

SETTINGS = settings(max_examples=60, deadline=None)
TODAY = dt.date.today()


def not_int_in(low: int, high: int) -> st.SearchStrategy[Any]:
    """Anything check_int must refuse for [low, high]."""
    return st.one_of(
        st.integers(max_value=low - 1),
        st.integers(min_value=high + 1),
        st.booleans(),
        st.floats(),
        st.text(max_size=5),
        st.none(),
        st.just([low]),
    )


def refused(build: Any, words: str) -> None:
    with pytest.raises(DomainError) as failure:
        build()
    assert words in str(failure.value), str(failure.value)


# -- strategies of valid objects ----------------------------------------------------------------

past_days = st.dates(min_value=dt.date(1900, 1, 1), max_value=TODAY)
moments = st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2100, 1, 1))
notes = st.text(max_size=80)
exercises = st.builds(
    Exercise,
    position=st.sampled_from(Position),
    legs=st.integers(1, 2),
    added_load=st.booleans(),
    load_kg=st.one_of(st.integers(0, 200), st.floats(0.0, 200.0)),
    reps=st.integers(1, 20),
    hold_seconds=st.integers(5, 120),
    rest_seconds=st.integers(0, 600),
    sessions_per_week=st.integers(1, 14),
    rules=st.lists(st.text(max_size=12), max_size=3).map(tuple),
)
plans = st.builds(
    Plan,
    version=st.integers(1, 1_000_000),
    created=moments,
    exercises=st.lists(exercises, min_size=1, max_size=3).map(tuple),
    source=st.sampled_from(["assessment", "own", "review"]),
    level=st.none() | st.sampled_from(LEVELS),
    mode=st.sampled_from(["standard", "competition"]),
    assessment_id=st.none() | st.integers(1, 10_000),
    note=notes,
)
diary_entries = st.builds(
    DiaryEntry,
    date=past_days,
    morning_pain=st.none() | st.integers(0, 10),
    stiffness_minutes=st.none() | st.integers(0, 1440),
    settled=st.none() | st.booleans(),
    day=st.sampled_from(DayKind),
    activity=notes,
    notes=notes,
    red_flags=st.lists(st.sampled_from([f.value for f in RedFlag]), max_size=3).map(tuple),
)
reps = st.builds(
    RepRecord,
    exercise_index=st.integers(0, 5),
    side=st.sampled_from(Side),
    rep=st.integers(1, 20),
    hold_seconds=st.integers(5, 120),
    load_kg=st.floats(0.0, 200.0),
)
sessions = st.builds(
    SessionLog,
    id=st.text("0123456789abcdef", min_size=1, max_size=12),
    date=past_days,
    plan_version=st.integers(1, 1000),
    started_at=moments,
    ended_at=st.none() | moments,
    reps=st.lists(reps, max_size=5).map(tuple),
    pain_during=st.none() | st.integers(0, 10),
    effort=st.none() | st.sampled_from(Effort),
    complete=st.booleans(),
    over_limit=st.booleans(),
    source=st.sampled_from(["timer", "manual"]),
    reps_planned=st.integers(0, 100),
)
assessments = st.builds(
    Assessment,
    condition=st.sampled_from(Condition),
    side=st.sampled_from(["left", "right", "both"]),
    weeks=st.integers(0, MAX_WEEKS),
    forefoot_problem=st.booleans(),
    forefoot_note=notes,
    flares_easily=st.booleans(),
    strength=st.sampled_from(Strength),
    goal=st.sampled_from(Goal),
    isometrics_feel=st.sampled_from(Feel),
    test_hold_pain=st.none() | st.integers(0, 10),
    requested_position=st.none() | st.sampled_from(RequestedPosition),
    red_flags=st.lists(st.sampled_from(RedFlag), max_size=4).map(tuple),
    age=st.none() | st.integers(0, 120),
    corticosteroids=st.booleans(),
)


def through_json(doc: dict[str, Any]) -> dict[str, Any]:
    return json.loads(json.dumps(doc))  # type: ignore[no-any-return]


# -- round trips --------------------------------------------------------------------------------


@SETTINGS
@given(entry=diary_entries)
def test_valid_diary_entries_round_trip(entry: DiaryEntry) -> None:
    assert codec.diary_from_doc(through_json(codec.diary_to_doc(entry))) == entry
    assert len(entry.notes) <= MAX_NOTE_CHARS
    assert all(c.isprintable() or c in "\n\t" for c in entry.notes + entry.activity)


@SETTINGS
@given(exercise=exercises)
def test_valid_exercises_round_trip(exercise: Exercise) -> None:
    assert codec.exercise_from_doc(through_json(codec.exercise_to_doc(exercise))) == exercise


@SETTINGS
@given(plan=plans)
def test_valid_plans_round_trip(plan: Plan) -> None:
    assert codec.plan_from_doc(through_json(codec.plan_to_doc(plan))) == plan


@SETTINGS
@given(session=sessions)
def test_valid_sessions_round_trip(session: SessionLog) -> None:
    assert codec.session_from_doc(through_json(codec.session_to_doc(session))) == session


@SETTINGS
@given(
    saved=st.builds(
        Settings,
        theme=st.text(max_size=20),
        sound=st.sampled_from(SOUND_MODES),
        volume=st.sampled_from(VOLUME_STEPS),
        far_mode=st.sampled_from(FAR_MODES),
        get_ready_seconds=st.integers(0, 60),
        single_leg_sides=st.sampled_from(["both", "injured"]),
        injured_side=st.sampled_from(["left", "right"]),
        disclaimer_accepted=st.booleans(),
    )
)
def test_settings_round_trip(saved: Settings) -> None:
    assert codec.settings_from_doc(through_json(codec.settings_to_doc(saved))) == saved


@SETTINGS
@given(assessment=assessments)
def test_valid_assessments_round_trip(assessment: Assessment) -> None:
    assert Assessment.from_dict(through_json(assessment.to_dict())) == assessment


@SETTINGS
@given(
    dose=st.builds(
        Dose, st.integers(1, 2), st.integers(1, 20), st.integers(5, 120), st.integers(0, 600)
    ),
    test=st.builds(
        SelfTest,
        past_days,
        st.integers(0, MAX_HEEL_RAISES),
        st.integers(0, MAX_HEEL_RAISES),
        st.integers(0, 10),
    ),
    filled=st.builds(
        Questionnaire,
        past_days,
        st.tuples(*(st.integers(0, item.max_score) for item in QUESTIONNAIRE_ITEMS)),
    ),
)
def test_progress_records_round_trip(dose: Dose, test: SelfTest, filled: Questionnaire) -> None:
    assert Dose(**through_json(dose.to_json())) == dose
    assert SelfTest.from_record(through_json(test.to_record())) == test
    assert Questionnaire.from_record(through_json(filled.to_record())) == filled


# -- refusals -----------------------------------------------------------------------------------

DIARY_INTS = [("morning_pain", 0, 10, "morning pain"),
              ("stiffness_minutes", 0, 1440, "morning stiffness")]  # fmt: skip


@pytest.mark.parametrize(("field", "low", "high", "words"), DIARY_INTS)
@SETTINGS
@given(entry=diary_entries, data=st.data())
def test_diary_refuses_bad_scores(
    entry: DiaryEntry, field: str, low: int, high: int, words: str, data: st.DataObject
) -> None:
    bad = data.draw(not_int_in(low, high).filter(lambda v: v is not None))
    refused(lambda: dataclasses.replace(entry, **{field: bad}), words)


@SETTINGS
@given(
    entry=diary_entries,
    day=st.one_of(
        st.dates(min_value=TODAY + dt.timedelta(days=1)),
        st.dates(max_value=dt.date(1899, 12, 31)),
        st.datetimes().map(lambda moment: moment),
        st.text(max_size=10),
        st.none(),
    ),
)
def test_diary_refuses_future_ancient_and_non_dates(entry: DiaryEntry, day: Any) -> None:
    refused(lambda: dataclasses.replace(entry, date=day), "date")


@SETTINGS
@given(entry=diary_entries, kind=st.text(max_size=10) | st.integers() | st.none())
def test_diary_refuses_unknown_day_kinds(entry: DiaryEntry, kind: Any) -> None:
    refused(lambda: dataclasses.replace(entry, day=kind), "day kind")


@pytest.mark.parametrize("field", ["notes", "activity"])
@SETTINGS
@given(
    entry=diary_entries,
    length=st.integers(MAX_NOTE_CHARS + 1, 5 * MAX_NOTE_CHARS),
    char=st.characters(exclude_categories=["Cc", "Cf", "Cs", "Zs", "Zl", "Zp", "Co", "Cn"]),
)
def test_diary_refuses_over_long_text(
    entry: DiaryEntry, field: str, length: int, char: str
) -> None:
    refused(lambda: dataclasses.replace(entry, **{field: char * length}), f"{MAX_NOTE_CHARS}")


EXERCISE_INTS = [
    ("legs", 1, 2, "legs"),
    ("reps", 1, 20, "reps"),
    ("hold_seconds", 5, 120, "hold"),
    ("rest_seconds", 0, 600, "rest"),
    ("sessions_per_week", 1, 14, "sessions per week"),
]


@pytest.mark.parametrize(("field", "low", "high", "words"), EXERCISE_INTS)
@SETTINGS
@given(exercise=exercises, data=st.data())
def test_exercise_refuses_out_of_range_doses(
    exercise: Exercise, field: str, low: int, high: int, words: str, data: st.DataObject
) -> None:
    bad = data.draw(not_int_in(low, high))
    refused(lambda: dataclasses.replace(exercise, **{field: bad}), words)


@SETTINGS
@given(
    exercise=exercises,
    load=st.one_of(
        st.floats(max_value=-1e-9),
        st.floats(min_value=200.000001),
        st.just(float("nan")),
        st.integers(max_value=-1),
        st.integers(min_value=201),
    ),
)
def test_exercise_refuses_an_out_of_range_load(exercise: Exercise, load: float) -> None:
    refused(lambda: dataclasses.replace(exercise, load_kg=load), "added load")


@SETTINGS
@given(exercise=exercises, position=st.text(max_size=12) | st.none() | st.integers())
def test_exercise_refuses_unknown_positions(exercise: Exercise, position: Any) -> None:
    refused(lambda: dataclasses.replace(exercise, position=position), "position")


@SETTINGS
@given(plan=plans, version=not_int_in(1, 1_000_000))
def test_plan_refuses_bad_versions(plan: Plan, version: Any) -> None:
    refused(lambda: dataclasses.replace(plan, version=version), "plan version")


@SETTINGS
@given(plan=plans, level=st.text(max_size=4).filter(lambda t: t not in LEVELS) | st.integers())
def test_plan_refuses_unknown_levels_and_no_exercises(plan: Plan, level: Any) -> None:
    refused(lambda: dataclasses.replace(plan, level=level), "level")
    refused(lambda: dataclasses.replace(plan, exercises=()), "exercise")


@SETTINGS
@given(session=sessions, pain=not_int_in(0, 10).filter(lambda v: v is not None))
def test_session_refuses_bad_pain(session: SessionLog, pain: Any) -> None:
    refused(lambda: dataclasses.replace(session, pain_during=pain), "pain during")


@SETTINGS
@given(
    session=sessions,
    day=st.dates(min_value=TODAY + dt.timedelta(days=1)) | st.dates(max_value=dt.date(1899, 1, 1)),
    effort=st.text(max_size=10).filter(lambda t: t not in {e.value for e in Effort}),
)
def test_session_refuses_future_dates_and_unknown_efforts(
    session: SessionLog, day: dt.date, effort: str
) -> None:
    refused(lambda: dataclasses.replace(session, date=day), "session date")
    refused(lambda: dataclasses.replace(session, effort=effort), "effort")


ASSESSMENT_BAD: list[tuple[str, st.SearchStrategy[Any], str]] = [
    ("condition", st.text(max_size=8) | st.none() | st.integers(), "condition"),
    ("side", st.text(max_size=8).filter(lambda t: t.strip().lower() not in {"left", "right",
                                                                            "both"}), "side"),
    ("weeks", not_int_in(0, MAX_WEEKS), "weeks"),
    ("strength", st.text(max_size=8) | st.none(), "strength"),
    ("goal", st.text(max_size=8) | st.none(), "goal"),
    ("isometrics_feel", st.text(max_size=8) | st.none(), "isometrics feel"),
    ("test_hold_pain", not_int_in(0, 10).filter(lambda v: v is not None), "test hold pain"),
    ("requested_position", st.text(max_size=8) | st.integers(), "requested position"),
    ("age", not_int_in(0, 120).filter(lambda v: v is not None), "age"),
    ("nervous", st.text(max_size=3) | st.integers() | st.none(), "nervous"),
    ("corticosteroids", st.sampled_from(["yes", 1, 0, None, "true"]), "corticosteroids"),
    ("red_flags", st.sampled_from(["pop", b"pop", 3, ["nope"], ("pop", "maybe")]), "red flag"),
    ("forefoot_note", st.just("n" * (MAX_NOTE_CHARS + 1)) | st.integers(), "note"),
]  # fmt: skip


def _not_a_member(field: str, value: Any) -> bool:
    """Enum text is matched case-insensitively after stripping; such text is valid."""
    enums = {"condition": Condition, "strength": Strength, "goal": Goal,
             "isometrics_feel": Feel, "requested_position": RequestedPosition}  # fmt: skip
    if field in enums and isinstance(value, str):
        return value.strip().lower() not in {member.value for member in enums[field]}
    return True


@pytest.mark.parametrize(
    ("field", "values", "words"), ASSESSMENT_BAD, ids=[f for f, _, _ in ASSESSMENT_BAD]
)
@SETTINGS
@given(assessment=assessments, data=st.data())
def test_assessment_refuses_bad_answers(
    assessment: Assessment, field: str, values: st.SearchStrategy[Any], words: str, data: Any
) -> None:
    bad = data.draw(values.filter(lambda v: _not_a_member(field, v)))
    refused(lambda: dataclasses.replace(assessment, **{field: bad}), words)
    answers = {**assessment.to_dict(), field: bad}
    refused(lambda: Assessment.from_dict(answers), words)  # a stored record is checked too


REVIEW_BAD: list[tuple[dict[str, Any], str]] = [
    ({"level": "L0"}, "level"),
    ({"level": "l1"}, "level"),
    ({"level": 3}, "level"),
    ({"level": "L1", "mode": "sprint"}, "mode"),
    ({"level": "L1", "condition": "knee"}, "condition"),
    ({"level": "L1", "warn_flags_active": ["pop"]}, "red flag"),
    ({"level": "L1", "previous_verdicts": ["maybe"]}, "suggestion"),
]


@pytest.mark.parametrize(("fields", "words"), REVIEW_BAD)
def test_review_context_refuses_bad_fields(fields: dict[str, Any], words: str) -> None:
    refused(lambda: ReviewContext(**fields), words)


@SETTINGS
@given(level=st.text(max_size=4).filter(lambda t: t not in LEVELS), mode=st.text(max_size=12))
def test_review_context_refuses_any_unknown_level_or_mode(level: str, mode: str) -> None:
    refused(lambda: ReviewContext(level=level), "level")
    if mode.strip().lower() not in {"standard", "competition"}:
        refused(lambda: ReviewContext(level="L1", mode=mode), "mode")


DOSE_FIELDS = [("legs", 1, 2, "legs"), ("reps", 1, 20, "reps"),
               ("hold_seconds", 5, 120, "hold"), ("rest_seconds", 0, 600, "rest")]  # fmt: skip


@pytest.mark.parametrize(("field", "low", "high", "words"), DOSE_FIELDS)
@SETTINGS
@given(data=st.data())
def test_dose_refuses_out_of_range(
    field: str, low: int, high: int, words: str, data: st.DataObject
) -> None:
    values = {"legs": 2, "reps": 3, "hold_seconds": 10, "rest_seconds": 15}
    values[field] = data.draw(not_int_in(low, high))
    refused(lambda: Dose(**values), words)


@SETTINGS
@given(
    count=not_int_in(0, MAX_HEEL_RAISES),
    pain=not_int_in(0, 10),
    scores=st.lists(st.integers(0, 10), max_size=12).filter(
        lambda s: len(s) != len(QUESTIONNAIRE_ITEMS)
    ),
    item=st.integers(0, len(QUESTIONNAIRE_ITEMS) - 1),
    high=st.integers(min_value=31),
)
def test_self_test_and_questionnaire_refuse_bad_values(
    count: Any, pain: Any, scores: list[int], item: int, high: int
) -> None:
    refused(lambda: SelfTest(TODAY, count, 10, 2), "injured side")
    refused(lambda: SelfTest(TODAY, 10, count, 2), "healthy side")
    refused(lambda: SelfTest(TODAY, 10, 10, pain), "pain")
    refused(lambda: SelfTest("2024-01-01", 10, 10, 2), "date")  # type: ignore[arg-type]
    refused(lambda: Questionnaire(TODAY, tuple(scores)), "items")
    full = [0] * len(QUESTIONNAIRE_ITEMS)
    full[item] = high
    refused(lambda: Questionnaire(TODAY, tuple(full)), f"item {item + 1}")
