"""Domain dataclasses <-> JSON documents, so the rest of the app never sees dicts.

Decoding goes through the dataclasses' own validation, so a hand-edited or
imported file with an out-of-range score is refused instead of displayed.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from typing import Any

from achilles_tui.domain.assessment import Assessment
from achilles_tui.domain.capacity import (
    KIND_QUESTIONNAIRE,
    KIND_SELF_TEST,
    KIND_WEEKLY_REVIEW,
    Questionnaire,
    SelfTest,
)
from achilles_tui.domain.counting import counts
from achilles_tui.domain.models import (
    FAR_MODES,
    ISOMETRIC,
    ISOTONIC,
    SOUND_MODES,
    VOLUME_STEPS,
    AnyExercise,
    DayKind,
    DiaryEntry,
    DomainError,
    Effort,
    Exercise,
    HeelRaise,
    HeelRaiseTest,
    Plan,
    Position,
    RaiseKind,
    RepRecord,
    SessionLog,
    Settings,
    Side,
    Surface,
    Tempo,
)
from achilles_tui.domain.records import SOURCE_ASSESSMENT, AssessmentRecord
from achilles_tui.domain.suggestion import Suggestion
from achilles_tui.storage import schema
from achilles_tui.storage.schema import SchemaError

Doc = dict[str, Any]


def exercise_to_doc(ex: AnyExercise) -> Doc:
    """Exercise as stored and exported; a heel raise in its §E6.5 shape with ``type``."""
    if isinstance(ex, HeelRaise):
        return ex.to_json()
    return {
        "position": ex.position.value,
        "legs": ex.legs,
        "added_load": ex.added_load,
        "load_kg": ex.load_kg,
        "reps": ex.reps,
        "hold_seconds": ex.hold_seconds,
        "rest_seconds": ex.rest_seconds,
        "sessions_per_week": ex.sessions_per_week,
        "rules": list(ex.rules),
    }


def exercise_from_doc(doc: Doc) -> AnyExercise:
    """Exercise from a stored document (validated by the dataclass); no ``type`` = a hold."""
    kind = doc.get("type", ISOMETRIC)
    if kind == ISOTONIC:
        return heel_raise_from_doc(doc)
    if kind != ISOMETRIC:
        raise ValueError(f"unknown exercise type {kind!r}")
    return Exercise(
        position=Position(doc["position"]),
        legs=int(doc["legs"]),
        added_load=bool(doc.get("added_load", False)),
        load_kg=float(doc.get("load_kg", 0.0)),
        reps=int(doc["reps"]),
        hold_seconds=int(doc["hold_seconds"]),
        rest_seconds=int(doc["rest_seconds"]),
        sessions_per_week=int(doc.get("sessions_per_week", 7)),
        rules=tuple(doc.get("rules", ())),
    )


def heel_raise_from_doc(doc: Doc) -> HeelRaise:
    """An isotonic exercise from its §E6.5 document."""
    tempo = doc.get("tempo") or {}
    if not isinstance(tempo, dict):
        raise ValueError(f"tempo must be an object with up, top and down, got {tempo!r}")
    return HeelRaise(
        exercise=RaiseKind(doc.get("exercise", "heel_raise")),
        surface=Surface(doc.get("surface", "floor")),
        legs=int(doc["legs"]),
        added_load=bool(doc.get("added_load", False)),
        load_kg=float(doc.get("load_kg", 0.0)),
        sets=int(doc["sets"]),
        reps=int(doc["reps"]),
        tempo=Tempo(int(tempo.get("up", 3)), int(tempo.get("top", 0)), int(tempo.get("down", 3))),
        rest_seconds=int(doc["rest_seconds"]),
        sessions_per_week=int(doc.get("sessions_per_week", 7)),
        rules=tuple(doc.get("rules", ())),
    )


def plan_to_doc(plan: Plan) -> Doc:
    """Plan as stored: dated and versioned; a back-dated start and confirmations when given."""
    doc: Doc = {
        "version": plan.version,
        "created": plan.created.isoformat(),
        "exercises": [exercise_to_doc(ex) for ex in plan.exercises],
        "source": plan.source,
        "level": plan.level,
        "mode": plan.mode,
        "assessment_id": plan.assessment_id,
        "note": plan.note,
    }
    if plan.since is not None:
        doc["since"] = plan.since.isoformat()
    if plan.confirmed_rules:
        doc["confirmed_rules"] = list(plan.confirmed_rules)
    if plan.floor_only:
        doc["floor_only"] = True
    return doc


def plan_from_doc(doc: Doc) -> Plan:
    """Plan from its document."""
    return Plan(
        version=int(doc["version"]),
        created=dt.datetime.fromisoformat(doc["created"]),
        exercises=tuple(exercise_from_doc(ex) for ex in doc["exercises"]),
        source=str(doc.get("source", "assessment")),
        level=doc.get("level"),
        mode=str(doc.get("mode", "standard")),
        assessment_id=doc.get("assessment_id"),
        note=str(doc.get("note", "")),
        since=dt.date.fromisoformat(doc["since"]) if doc.get("since") else None,
        confirmed_rules=tuple(str(r) for r in _list(doc.get("confirmed_rules", []))),
        floor_only=bool(doc.get("floor_only", False)),
    )


def _list(value: object) -> list[Any]:
    """A stored list; anything else is refused rather than iterated character by character."""
    if not isinstance(value, list | tuple):
        raise ValueError(f"expected a list, got {value!r}")
    return list(value)


def diary_to_doc(entry: DiaryEntry) -> Doc:
    """Diary entry keyed by its ISO date; when its warning signs were ticked, if any were."""
    doc: Doc = {
        "date": entry.date.isoformat(),
        "morning_pain": entry.morning_pain,
        "stiffness_minutes": entry.stiffness_minutes,
        "settled": entry.settled,
        "day": entry.day.value,
        "activity": entry.activity,
        "notes": entry.notes,
        "red_flags": list(entry.red_flags),
    }
    if entry.flags_reported_at is not None:
        doc["flags_reported_at"] = entry.flags_reported_at.isoformat()
    return doc


def diary_from_doc(doc: Doc) -> DiaryEntry:
    """Diary entry from its document."""
    return DiaryEntry(
        date=dt.date.fromisoformat(doc["date"]),
        morning_pain=doc.get("morning_pain"),
        stiffness_minutes=doc.get("stiffness_minutes"),
        settled=doc.get("settled"),
        day=DayKind(doc.get("day", "normal")),
        activity=str(doc.get("activity", "")),
        notes=str(doc.get("notes", "")),
        red_flags=_flag_tuple(doc.get("red_flags", ())),
        flags_reported_at=_dt_or_none(doc.get("flags_reported_at")),
    )


def _flag_tuple(value: object) -> tuple[str, ...]:
    """A list of flag ids; a bare string is refused rather than split into letters."""
    if not isinstance(value, list | tuple):
        raise ValueError(f"red_flags must be a list, got {value!r}")
    return tuple(value)


def rep_to_doc(rep: RepRecord) -> Doc:
    """One completed hold."""
    return {
        "exercise_index": rep.exercise_index,
        "side": rep.side.value,
        "rep": rep.rep,
        "hold_seconds": rep.hold_seconds,
        "load_kg": rep.load_kg,
        **({"raises": rep.raises} if rep.raises else {}),
    }


def rep_from_doc(doc: Doc) -> RepRecord:
    """One completed hold from its document."""
    return RepRecord(
        exercise_index=int(doc["exercise_index"]),
        side=Side(doc.get("side", "both")),
        rep=int(doc["rep"]),
        hold_seconds=int(doc["hold_seconds"]),
        load_kg=float(doc.get("load_kg", 0.0)),
        raises=int(doc.get("raises", 0)),
    )


def heel_raise_test_to_doc(test: HeelRaiseTest) -> Doc:
    """One heel-raise test as stored and exported (``hr_*`` as §E6 names the fields)."""
    return {
        "date": test.date.isoformat(),
        "hr_reps_affected": test.reps_affected,
        "hr_reps_other": test.reps_other,
        "hr_test_pain": test.test_pain,
        "over_limit": test.over_limit,
        "recorded_at": test.recorded_at.isoformat() if test.recorded_at else None,
        "source": test.source,
    }


def heel_raise_test_from_doc(doc: Doc) -> HeelRaiseTest:
    """One heel-raise test from its document (validated by the dataclass)."""
    other = doc.get("hr_reps_other")
    pain = doc.get("hr_test_pain")
    return HeelRaiseTest(
        date=dt.date.fromisoformat(doc["date"]),
        reps_affected=int(doc["hr_reps_affected"]),
        reps_other=None if other is None else int(other),
        test_pain=None if pain is None else int(pain),
        over_limit=bool(doc.get("over_limit", False)),
        recorded_at=_dt_or_none(doc.get("recorded_at")),
        source=str(doc.get("source", "manual")),
    )


def _dt_or_none(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


def session_to_doc(session: SessionLog) -> Doc:
    """Session with its reps inline, so one rewrite stores a rep and its session."""
    doc: Doc = {
        "id": session.id,
        "date": session.date.isoformat(),
        "plan_version": session.plan_version,
        "started_at": session.started_at.isoformat(),
        "ended_at": session.ended_at.isoformat() if session.ended_at else None,
        "reps": [rep_to_doc(r) for r in session.reps],
        "pain_during": session.pain_during,
        "effort": session.effort.value if session.effort else None,
        "complete": session.complete,
        "over_limit": session.over_limit,
        "source": session.source,
        "reps_planned": session.reps_planned,
    }
    if session.paused_by is not None:
        doc["paused_by"] = session.paused_by
    return doc


def session_from_doc(doc: Doc) -> SessionLog:
    """Session from its document."""
    started = dt.datetime.fromisoformat(doc["started_at"])
    return SessionLog(
        id=str(doc["id"]),
        date=dt.date.fromisoformat(doc["date"]),
        plan_version=int(doc["plan_version"]),
        started_at=started,
        ended_at=_dt_or_none(doc.get("ended_at")),
        reps=tuple(rep_from_doc(r) for r in doc.get("reps", ())),
        pain_during=doc.get("pain_during"),
        effort=Effort(doc["effort"]) if doc.get("effort") else None,
        complete=bool(doc.get("complete", False)),
        over_limit=bool(doc.get("over_limit", False)),
        source=str(doc.get("source", "timer")),
        reps_planned=int(doc.get("reps_planned", 0)),
        paused_by=str(doc["paused_by"]) if doc.get("paused_by") else None,
    )


def session_count_fact(doc: Doc) -> tuple[dt.date, bool]:
    """A stored session's date and whether it counts (§E1), without decoding its holds.

    For the summary of a closed year, whose records were checked when they were saved.
    """
    done = len(doc.get("reps", ()))
    paused = bool(doc.get("paused_by"))
    return dt.date.fromisoformat(doc["date"]), counts(
        done, int(doc.get("reps_planned", 0)), paused=paused
    )


def diary_day_fact(doc: Doc) -> tuple[dt.date, DayKind, bool]:
    """A stored diary entry's date, kind of day and whether a warning sign was ticked."""
    return (
        dt.date.fromisoformat(doc["date"]),
        DayKind(doc.get("day", "normal")),
        bool(doc.get("red_flags")),
    )


def settings_to_doc(settings: Settings) -> Doc:
    """Preferences as one document."""
    return {
        "theme": settings.theme,
        "sound": settings.sound,
        "get_ready_seconds": settings.get_ready_seconds,
        "single_leg_sides": settings.single_leg_sides,
        "injured_side": settings.injured_side,
        "disclaimer_accepted": settings.disclaimer_accepted,
        "volume": settings.volume,
        "far_mode": settings.far_mode,
    }


def settings_from_doc(doc: Doc) -> Settings:
    """Preferences, falling back to defaults for anything missing."""
    base = Settings()
    return Settings(
        theme=str(doc.get("theme", base.theme)),
        sound=_sound_mode(doc.get("sound"), base.sound),
        get_ready_seconds=int(doc.get("get_ready_seconds", base.get_ready_seconds)),
        single_leg_sides=str(doc.get("single_leg_sides", base.single_leg_sides)),
        injured_side=str(doc.get("injured_side", base.injured_side)),
        disclaimer_accepted=bool(doc.get("disclaimer_accepted", base.disclaimer_accepted)),
        volume=_one_of(doc.get("volume"), VOLUME_STEPS, base.volume),
        far_mode=_one_of(doc.get("far_mode"), FAR_MODES, base.far_mode),
    )


def _sound_mode(value: object, default: str) -> str:
    """The sound setting; older files stored on/off as true/false."""
    if isinstance(value, bool):
        return default if value else "off"
    return str(_one_of(value, SOUND_MODES, default))


def _one_of(value: Any, choices: tuple[Any, ...], default: Any) -> Any:
    """A stored choice, or the default when it is missing or not one of the choices."""
    return value if value in choices and not isinstance(value, bool) else default


def assessment_to_doc(record: AssessmentRecord) -> Doc:
    """An assessment as stored: answers, the engine's result, when, and where it came from."""
    doc: Doc = {"created": record.created.isoformat()}
    if record.answers is not None:
        doc["answers"] = record.answers.to_dict()
    doc["result"] = copy.deepcopy(dict(record.result))
    if record.source != SOURCE_ASSESSMENT:
        doc["source"] = record.source
    return doc


def assessment_from_doc(doc_id: int, doc: Doc) -> AssessmentRecord:
    """A stored assessment; answers a newer or older version cannot read become None.

    The record is still kept (the care state reads its verdict and rules), so an unreadable
    answer never hides a warning sign stored beside it.
    """
    answers = doc.get("answers")
    try:
        parsed = Assessment.from_dict(answers) if isinstance(answers, dict) else None
    except (ValueError, KeyError, TypeError):
        parsed = None
    result = doc.get("result")
    created = doc.get("created")
    return AssessmentRecord(
        created=dt.datetime.fromisoformat(created) if isinstance(created, str) else dt.datetime.min,
        answers=parsed,
        result=result if isinstance(result, dict) else {},
        source=str(doc.get("source", SOURCE_ASSESSMENT)),
        id=doc_id,
    )


def _check_answers(doc: Doc) -> None:
    """An assessment's answers as the engine reads them (the dataclass refuses the rest)."""
    answers = doc.get("answers")
    if answers is not None:
        Assessment.from_dict(answers)


def _not_future(name: str, day: dt.date) -> None:
    """Records say what happened: a day after today (the machine's) is refused."""
    if day > dt.date.today():
        raise DomainError(f"{name} {day.isoformat()} is in the future")


def _check_plan(doc: Doc) -> Plan:
    """A plan as every reader takes it: it began today or earlier."""
    plan = plan_from_doc(doc)
    _not_future("the plan's start", plan.start_date)
    return plan


def _check_review(doc: Doc) -> None:
    """A reviews-table record as the review, the report and Progress read it."""
    day = doc.get("week_ending", doc.get("date"))
    if isinstance(day, str):
        _not_future("week_ending" if "week_ending" in doc else "date", dt.date.fromisoformat(day))
    kind = doc.get("kind", KIND_WEEKLY_REVIEW)
    if kind == KIND_SELF_TEST:
        SelfTest.from_record(doc)
    elif kind == KIND_QUESTIONNAIRE:
        Questionnaire.from_record(doc)
    else:
        Suggestion(str(doc.get("suggestion", "")).strip().lower())  # as PastWeek reads it


def _checked_answers(doc: Doc) -> Doc:
    _check_answers(doc)
    return doc


def _checked_review(doc: Doc) -> Doc:
    _check_review(doc)
    return doc


def _checked_settings(doc: Doc) -> Doc:
    settings_from_doc(doc)
    return doc


# Every table's schema (storage/schema.py), and how a record that fits it is built into its
# domain dataclass and back: the stored form, or the domain's refusal (DomainError).
TABLE_SPECS: dict[str, schema.Record | schema.Tagged] = {
    "assessments": schema.ASSESSMENT,
    "plans": schema.PLAN,
    "sessions": schema.SESSION,
    "diary": schema.DIARY,
    "reviews": schema.REVIEW,
    "heel_raise_tests": schema.HEEL_RAISE_TEST,
    "settings": schema.SETTINGS,
    "archive": schema.ARCHIVE_ENTRY,
    "_meta": schema.META,
}
NORMAL_FORMS: dict[str, Callable[[Doc], Doc]] = {
    "assessments": _checked_answers,
    "plans": lambda doc: plan_to_doc(_check_plan(doc)),
    "sessions": lambda doc: session_to_doc(session_from_doc(doc)),
    "diary": lambda doc: diary_to_doc(diary_from_doc(doc)),
    "reviews": _checked_review,
    "heel_raise_tests": lambda doc: heel_raise_test_to_doc(heel_raise_test_from_doc(doc)),
    "settings": _checked_settings,
}
# Opening a file checks the domain rules of these tables without building every dataclass.
DOMAIN_CHECKS: dict[str, Callable[[Doc], object]] = {
    "assessments": _check_answers,
    "plans": _check_plan,
    "reviews": _check_review,
    "settings": settings_from_doc,
}


def check_record(
    table: str, doc: object, dropped: list[str] | None = None, *, spec: schema.Spec | None = None
) -> Doc:
    """A record of ``table`` in its stored form, or SchemaError naming the field and the rule.

    The one check every door uses: an import, every write (and, through ``check_document``,
    opening a file). Unknown fields are left out (their names go to ``dropped``); tables this
    app does not know (none today) are only checked to be plain JSON.
    """
    rule = spec or TABLE_SPECS.get(table)
    if rule is None:
        _UNKNOWN_TABLE.check(doc)
        if not isinstance(doc, dict):
            raise SchemaError(f"must be an object, got {type(doc).__name__}")
        return doc
    if not isinstance(rule, schema.Record | schema.Tagged):
        raise TypeError(f"{rule!r} is not a record spec")
    checked = rule.check_record(doc, dropped)
    normal = NORMAL_FORMS.get(table)
    if normal is None:
        return checked
    try:
        return normal(checked)
    except (DomainError, ValueError, TypeError, KeyError) as exc:
        raise SchemaError(str(exc) or type(exc).__name__) from None


_UNKNOWN_TABLE = schema.FreeJSON(depth=8, max_items=100_000)
# Dated records say when something happened; beyond the schema, the domain only asks that the
# day is not in the future. Opening a file checks that by comparing ISO text, which keeps the
# check of a long history quick (a full decode of every session would cost far more); an
# import and every write still build the dataclass.
_FUTURE_CHECKED = frozenset({"diary", "sessions", "heel_raise_tests"})


def check_document(data: dict[str, dict[str, Any]], *, full: bool = False) -> None:
    """Every record of an opened history or archive document; SchemaError names the first
    bad one (``sessions record 12: started_at: ...``). ``full`` builds every dataclass."""
    today = dt.date.today().isoformat()
    for table, docs in data.items():
        spec = TABLE_SPECS.get(table)
        cheap = not full and table in _FUTURE_CHECKED
        domain = None if cheap else (NORMAL_FORMS if full else DOMAIN_CHECKS).get(table)
        for doc_id, doc in docs.items():
            try:
                if spec is None:
                    _UNKNOWN_TABLE.check(doc)
                    continue
                spec.check_record(doc, None)
                if cheap:
                    if doc["date"] > today:
                        raise SchemaError(f"date {doc['date']} is in the future")
                elif domain is not None:
                    domain(doc)
            except SchemaError as exc:
                raise SchemaError(f"{table} record {doc_id}: {exc}") from None
            except (DomainError, ValueError, TypeError, KeyError) as exc:
                raise SchemaError(f"{table} record {doc_id}: {exc}") from None
    years = [doc["year"] for doc in (data.get("archive") or {}).values()]
    if len(years) != len(set(years)):
        raise SchemaError("archive: a closed year is listed twice")
