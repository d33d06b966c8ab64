"""Export and import of the whole history (JSON and CSV).

An import is checked record by record against the one schema (storage/schema.py) and the
domain dataclasses, so a hand-edited export with an out-of-range score, a time with a zone or
an unknown choice is refused as a whole, naming the record and the field, before anything is
written; what is accepted goes through the normal write path.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from achilles_tui.domain.counting import PlanTimeline, counting_flags
from achilles_tui.domain.models import ISOMETRIC, ISOTONIC
from achilles_tui.domain.wording import count
from achilles_tui.storage import codec, schema
from achilles_tui.storage.errors import StorageError
from achilles_tui.storage.migrations import RECORD_FORMAT_VERSION
from achilles_tui.storage.safe_storage import parse_json_text, read_regular_file
from achilles_tui.storage.schema import Dropped, SchemaError

EXPORT_FORMAT = "achilles-tui-export"
EXPORT_TABLES = ("assessments", "plans", "sessions", "diary", "reviews", "heel_raise_tests")
EXPORT_KEYS = frozenset({"format", "schema_version", *EXPORT_TABLES})
# Thirty years of daily use export to about 9 MB; a bound keeps a runaway file out of memory.
MAX_IMPORT_BYTES = 64 * 1024 * 1024
# One value per cell, so a spreadsheet (and a physio) reads the export as a table; a plan
# is a "plan" row followed by one "plan exercise" row per exercise. JSON is the lossless one.
CSV_COLUMNS = (
    "record",
    "date",
    "morning_pain",
    "stiffness_minutes",
    "settled",
    "day",
    "activity",
    "notes",
    "plan_version",
    "time",
    "reps_done",
    "reps_planned",
    "pain_during",
    "effort",
    "complete",
    "stopped_for_pain",
    "source",
    "level",
    "exercise",
    "position",
    "legs",
    "reps",
    "hold_seconds",
    "rest_seconds",
    "load_kg",
    "sessions_per_week",
    "condition",
    "verdict",
    # Heel raises (§E6.5), after the older columns so existing sheets keep their layout:
    # a plan exercise's type, movement, surface, sets and tempo; a session's raises.
    "type",
    "movement",
    "surface",
    "sets",
    "tempo",
    "raises",
    # A heel-raise test row (§E6 "Heel-raise test"); stopped_for_pain is its over_limit.
    "hr_reps_affected",
    "hr_reps_other",
    "hr_test_pain",
    # Whether a session counts toward the week (§E1 and §F5 decision 3, as the review,
    # History, `status` and the report count it), and the rule that had stopped sessions
    # when one was logged anyway (it is kept, its pain counts, it never counts as done).
    "counts",
    "logged_while_stopped",
)


class ImportRefused(StorageError):
    """The file to import is not an achilles-tui export, or holds invalid records."""


@dataclass
class ImportCounts:
    """What an import added, per kind of record."""

    assessments: int = 0
    plans: int = 0
    sessions: int = 0
    diary: int = 0
    reviews: int = 0
    heel_raise_tests: int = 0
    skipped: int = 0

    def summary(self) -> str:
        """One line for the terminal."""
        added = (
            count(self.diary, "diary entry"),
            count(self.sessions, "session"),
            count(self.plans, "plan"),
            count(self.assessments, "assessment"),
            count(self.reviews, "review"),
            *((count(self.heel_raise_tests, "heel-raise test"),) if self.heel_raise_tests else ()),
        )
        return f"{', '.join(added)} added; {count(self.skipped, 'record')} already present"


def load_export(path: Path, dropped: Dropped | None = None) -> dict[str, list[dict[str, Any]]]:
    """Read an export and check every record against the schema; ImportRefused says why.

    Only a regular file of at most MAX_IMPORT_BYTES is read (a FIFO or a device is refused
    without waiting on it). An export from a newer app (``schema_version`` above the record
    format this app reads) is refused; fields this app does not know are left out and named
    in ``dropped``. Records come back in the form the app stores them, so the import itself
    need not check them again (Repository.import_export(checked=True)).
    """
    data = _read_export(path)
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
        raise ImportRefused(f"{path} is not an achilles-tui JSON export", path)
    version = data.get("schema_version", 0)
    if type(version) is not int or version < 0:
        raise ImportRefused(
            f"{path}: schema_version must be a whole number, got {_shown(version)}; "
            "nothing imported",
            path,
        )
    if version > RECORD_FORMAT_VERSION:
        raise ImportRefused(
            f"{path} was made by a newer achilles-tui (record format {version}; this one reads "
            f"up to {RECORD_FORMAT_VERSION}). Update the app first; nothing imported.",
            path,
        )
    found = dropped if dropped is not None else Dropped()
    found.add("export", (str(key) for key in data if key not in EXPORT_KEYS))
    tables: dict[str, list[dict[str, Any]]] = {}
    for name in EXPORT_TABLES:
        records = data.get(name, [])
        if not isinstance(records, list):
            raise ImportRefused(f"{path}: '{name}' is not a list of records", path)
        spec = schema.EXPORTED_ASSESSMENT if name == "assessments" else None
        normal = []
        for index, record in enumerate(records):
            names: list[str] = []
            try:
                normal.append(codec.check_record(name, record, names, spec=spec))
            except SchemaError as exc:
                raise ImportRefused(
                    f"{path}: {name} record {index + 1} is invalid ({exc}); nothing imported",
                    path,
                ) from None
            found.add(name, names)
        tables[name] = normal
    return tables


def _read_export(path: Path) -> Any:
    """The parsed JSON of an export file, or ImportRefused saying why it cannot be read."""
    try:
        raw = read_regular_file(path, MAX_IMPORT_BYTES)
    except FileNotFoundError:
        raise ImportRefused(f"{path} does not exist", path) from None
    except IsADirectoryError:
        raise ImportRefused(f"{path} is a folder, not an export file", path) from None
    except OSError as exc:
        raise ImportRefused(f"{path} cannot be read ({exc.strerror or exc})", path) from None
    except ValueError as exc:
        raise ImportRefused(f"{path} cannot be imported: {exc}; nothing imported", path) from None
    try:
        return parse_json_text(raw)
    except RecursionError:
        raise ImportRefused(
            f"{path} is nested too deeply to be an export; nothing imported", path
        ) from None
    except ValueError as exc:
        text = str(exc).splitlines()[0][:160] if str(exc) else type(exc).__name__
        text = text.encode("utf-8", "backslashreplace").decode("utf-8")
        raise ImportRefused(f"{path} is not a readable JSON export ({text})", path) from None


def _shown(value: object) -> str:
    text = repr(value)[:60]
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def csv_cell(value: Any) -> str:
    """One plain value for a spreadsheet cell: yes/no, 7.5, words on one line, never JSON."""
    if value is None or isinstance(value, dict | list):
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}"
    return " ".join(str(value).split())


def to_csv(export: dict[str, Any]) -> str:
    """One table of every record, one row each, for spreadsheets (see CSV_COLUMNS)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    for row in _csv_rows(export):
        writer.writerow({column: csv_cell(value) for column, value in row.items()})
    return buffer.getvalue()


def _csv_rows(export: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The rows of the CSV export, values not yet turned into text."""
    for entry in export["diary"]:
        yield {
            "record": "diary",
            "date": entry["date"],
            "morning_pain": entry["morning_pain"],
            "stiffness_minutes": entry["stiffness_minutes"],
            "settled": entry["settled"],
            "day": entry["day"],
            "activity": entry["activity"],
            "notes": entry["notes"],
        }
    isotonic_versions = {
        plan["version"]
        for plan in export["plans"]
        if any(ex.get("type") == ISOTONIC for ex in plan["exercises"])
    }
    timeline = PlanTimeline(codec.plan_from_doc(plan) for plan in export["plans"])
    facts = [codec.session_count_fact(session) for session in export["sessions"]]
    flags = counting_flags(facts, timeline)
    for session, counted in zip(export["sessions"], flags, strict=True):
        raises = sum(int(rep.get("raises", 0)) for rep in session["reps"])
        isotonic = session["plan_version"] in isotonic_versions or raises > 0
        yield {
            "counts": counted,
            "logged_while_stopped": session.get("paused_by"),
            "record": "session",
            "type": ISOTONIC if isotonic else ISOMETRIC,
            "raises": raises if isotonic else None,
            "date": session["date"],
            "plan_version": session["plan_version"],
            "time": session["started_at"][11:16],
            "reps_done": len(session["reps"]),
            "reps_planned": session.get("reps_planned"),
            "pain_during": session["pain_during"],
            "effort": session["effort"],
            "complete": session["complete"],
            "stopped_for_pain": session.get("over_limit", False),
            "source": session["source"],
        }
    for plan in export["plans"]:
        began = plan.get("since") or plan["created"][:10]
        yield {
            "record": "plan",
            "date": began,
            "plan_version": plan["version"],
            "source": plan["source"],
            "level": plan.get("level"),
            "notes": plan.get("note"),
        }
        for number, exercise in enumerate(plan["exercises"], start=1):
            yield {
                "record": "plan exercise",
                "date": began,
                "plan_version": plan["version"],
                "exercise": number,
                "legs": exercise["legs"],
                "reps": exercise["reps"],
                "rest_seconds": exercise["rest_seconds"],
                "load_kg": exercise.get("load_kg", 0.0),
                "sessions_per_week": exercise.get("sessions_per_week"),
                **_exercise_kind_cells(exercise),
            }
    for test in export.get("heel_raise_tests", []):
        yield {
            "record": "heel-raise test",
            "date": test["date"],
            "hr_reps_affected": test["hr_reps_affected"],
            "hr_reps_other": test.get("hr_reps_other"),
            "hr_test_pain": test.get("hr_test_pain"),
            "stopped_for_pain": test.get("over_limit", False),
            "source": test.get("source"),
        }
    for assessment in export["assessments"]:
        answers = assessment.get("answers")
        result = assessment.get("result")
        yield {
            "record": "assessment",
            "date": str(assessment.get("created", ""))[:10],
            "condition": answers.get("condition") if isinstance(answers, dict) else None,
            "level": result.get("level") if isinstance(result, dict) else None,
            "verdict": result.get("verdict") if isinstance(result, dict) else None,
        }


def _exercise_kind_cells(exercise: dict[str, Any]) -> dict[str, Any]:
    """The cells that differ between a hold (position, hold) and heel raises (sets, tempo)."""
    if exercise.get("type") == ISOTONIC:
        tempo = exercise.get("tempo") or {}
        return {
            "type": ISOTONIC,
            "movement": exercise.get("exercise"),
            "surface": exercise.get("surface"),
            "sets": exercise.get("sets"),
            "tempo": f"{tempo.get('up')}/{tempo.get('top')}/{tempo.get('down')}",
        }
    return {
        "type": ISOMETRIC,
        "position": exercise["position"],
        "hold_seconds": exercise["hold_seconds"],
    }
