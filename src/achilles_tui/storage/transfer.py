"""Export and import of the whole history (JSON and CSV).

Imports are decoded through the domain dataclasses, so a hand-edited export
with an out-of-range score is refused as a whole before anything is written.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from achilles_tui.domain.models import DomainError
from achilles_tui.storage import codec
from achilles_tui.storage.errors import StorageError

EXPORT_FORMAT = "achilles-tui-export"
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
    "reps_done",
    "pain_during",
    "effort",
    "complete",
    "details",
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
    skipped: int = 0

    def summary(self) -> str:
        """One line for the terminal."""
        return (
            f"{self.diary} diary entries, {self.sessions} sessions, {self.plans} plans, "
            f"{self.assessments} assessments, {self.reviews} reviews added; "
            f"{self.skipped} already present"
        )


def load_export(path: Path) -> dict[str, list[dict[str, Any]]]:
    """Read and fully validate an export file; raises ImportRefused with the reason."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ImportRefused(f"{path} does not exist", path) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ImportRefused(f"{path} is not a readable JSON export ({exc})", path) from None
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
        raise ImportRefused(f"{path} is not an achilles-tui JSON export", path)
    tables: dict[str, list[dict[str, Any]]] = {}
    decoders: dict[str, Any] = {
        "plans": codec.plan_from_doc,
        "sessions": codec.session_from_doc,
        "diary": codec.diary_from_doc,
    }
    for name in ("assessments", "plans", "sessions", "diary", "reviews"):
        records = data.get(name, [])
        if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
            raise ImportRefused(f"{path}: '{name}' is not a list of records", path)
        decode = decoders.get(name)
        for index, record in enumerate(records):
            if decode is None:
                continue
            try:
                decode(record)
            except (KeyError, TypeError, ValueError, DomainError) as exc:
                raise ImportRefused(
                    f"{path}: {name} record {index + 1} is invalid ({exc}); nothing imported",
                    path,
                ) from None
        tables[name] = records
    return tables


def to_csv(export: dict[str, Any]) -> str:
    """One table of every record, one row each, for spreadsheets."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    for entry in export["diary"]:
        writer.writerow(
            {
                "record": "diary",
                "date": entry["date"],
                "morning_pain": entry["morning_pain"],
                "stiffness_minutes": entry["stiffness_minutes"],
                "settled": {True: "yes", False: "no"}.get(entry["settled"], ""),
                "day": entry["day"],
                "activity": entry["activity"],
                "notes": entry["notes"],
            }
        )
    for session in export["sessions"]:
        writer.writerow(
            {
                "record": "session",
                "date": session["date"],
                "plan_version": session["plan_version"],
                "reps_done": len(session["reps"]),
                "pain_during": session["pain_during"],
                "effort": session["effort"] or "",
                "complete": "yes" if session["complete"] else "no",
                "details": f"{session['source']} {session['started_at']}",
            }
        )
    for plan in export["plans"]:
        exercises = "; ".join(
            f"{ex['position']} {ex['legs']} leg(s) {ex['reps']}x{ex['hold_seconds']}s "
            f"rest {ex['rest_seconds']}s"
            for ex in plan["exercises"]
        )
        writer.writerow(
            {
                "record": "plan",
                "date": plan["created"][:10],
                "plan_version": plan["version"],
                "details": f"{plan['source']} {plan.get('level') or ''} {exercises}".strip(),
            }
        )
    for assessment in export["assessments"]:
        writer.writerow(
            {
                "record": "assessment",
                "date": str(assessment.get("created", ""))[:10],
                "details": json.dumps(assessment.get("result", {}).get("verdict", "")),
            }
        )
    return buffer.getvalue()
