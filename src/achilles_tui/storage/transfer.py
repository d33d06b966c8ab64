"""Export and import of the whole history (JSON and CSV).

Imports are decoded through the domain dataclasses, so a hand-edited export
with an out-of-range score is refused as a whole before anything is written.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from achilles_tui.domain.counting import PlanTimeline, counting_flags
from achilles_tui.domain.models import ISOMETRIC, ISOTONIC, DomainError
from achilles_tui.domain.wording import count
from achilles_tui.storage import codec
from achilles_tui.storage.errors import StorageError

EXPORT_FORMAT = "achilles-tui-export"
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


def load_export(path: Path) -> dict[str, list[dict[str, Any]]]:
    """Read and fully validate an export file; raises ImportRefused with the reason.

    Plans, sessions and diary entries come back in the form the app stores them.
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ImportRefused(f"{path} does not exist", path) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ImportRefused(f"{path} is not a readable JSON export ({exc})", path) from None
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
        raise ImportRefused(f"{path} is not an achilles-tui JSON export", path)
    tables: dict[str, list[dict[str, Any]]] = {}
    # Each record is decoded (validated) and stored in the form the app writes, so the import
    # itself need not decode it again (Repository.import_export(checked=True)).
    decoders: dict[str, Any] = {
        "plans": lambda doc: codec.plan_to_doc(codec.plan_from_doc(doc)),
        "sessions": lambda doc: codec.session_to_doc(codec.session_from_doc(doc)),
        "diary": lambda doc: codec.diary_to_doc(codec.diary_from_doc(doc)),
        "heel_raise_tests": lambda doc: codec.heel_raise_test_to_doc(
            codec.heel_raise_test_from_doc(doc)
        ),
    }
    for name in ("assessments", "plans", "sessions", "diary", "reviews", "heel_raise_tests"):
        records = data.get(name, [])
        if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
            raise ImportRefused(f"{path}: '{name}' is not a list of records", path)
        decode = decoders.get(name)
        if decode is not None:
            normal = []
            for index, record in enumerate(records):
                try:
                    normal.append(decode(record))
                except (KeyError, TypeError, ValueError, DomainError) as exc:
                    raise ImportRefused(
                        f"{path}: {name} record {index + 1} is invalid ({exc}); nothing imported",
                        path,
                    ) from None
            records = normal
        tables[name] = records
    return tables


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
