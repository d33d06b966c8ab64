"""Shared pieces of the reliability tests: seeded histories and what is on disk per save kind."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from pathlib import Path
from typing import Any

from achilles_tui.domain.assessment import Assessment, Condition
from achilles_tui.domain.models import DiaryEntry, Effort, RepRecord, SessionLog, Side
from achilles_tui.domain.records import AssessmentRecord
from achilles_tui.storage.database import HistoryStore
from achilles_tui.storage.locations import history_path
from achilles_tui.storage.repository import ReadOnlyRepository, Repository
from tests.storage._support import exercises

HELPERS = Path(__file__).parent / "helpers"
SAVE_LOOP = HELPERS / "save_loop.py"
KINDS = ("diary", "rep", "plan", "import", "review")
PAD_DAY = dt.date(1950, 1, 1)


def seed_history(data_dir: Path, *, padding: int = 400) -> None:
    """A plan and `padding` diary days, so every rewrite has some size to it."""
    with HistoryStore(data_dir) as store:
        repo = Repository(store)
        with store.batch():
            repo.add_plan(exercises(), source="own", note="seed")
            for n in range(padding):
                repo.save_diary(
                    DiaryEntry(
                        PAD_DAY + dt.timedelta(days=n),
                        n % 11,
                        n % 60,
                        notes=f"pad {n} " + "z" * 120,
                    )
                )


def tag_of(record: dict[str, Any]) -> object:
    """The save key of a stored assessment: in its result (saved) or on the record (imported)."""
    result = record.get("result")
    return record.get("tag") or (result.get("tag") if isinstance(result, dict) else None)


def write_small_export(source_dir: Path, target: Path) -> dict[str, Any]:
    """One of everything (assessment, plan, session, two diary days, review) as a JSON export."""
    day = dt.date(2023, 5, 1)
    with HistoryStore(source_dir) as store:
        repo = Repository(store)
        record = AssessmentRecord(
            created=dt.datetime(2023, 5, 1, 8, 0),
            answers=Assessment(condition=Condition.INSERTIONAL),
            result={"verdict": "isometric"},
        )
        plan = repo.save_assessment_and_plan(
            record, exercises(), source="assessment", level="L1", created=dt.datetime(2023, 5, 1)
        )
        start = dt.datetime(2023, 5, 2, 8, 0)
        repo.add_manual_session(
            SessionLog(
                id=uuid.uuid4().hex[:12],
                date=start.date(),
                plan_version=plan.version,
                started_at=start,
                ended_at=start + dt.timedelta(minutes=6),
                reps=(RepRecord(0, Side.BOTH, 1, 45),),
                pain_during=3,
                effort=Effort.CHALLENGING,
                complete=False,
                source="manual",
                reps_planned=5,
            )
        )
        repo.save_diary(DiaryEntry(day, 2, 10, True))
        repo.save_diary(DiaryEntry(day + dt.timedelta(days=1), 3, 15, False, notes="sore"))
        repo.add_review(
            {
                "kind": "weekly-review",
                "week_ending": "2023-05-07",
                "status": "dismissed",
                "suggestion": "hold",
            }
        )
        data = repo.export_data()
    target.write_text(json.dumps(data), encoding="utf-8")
    return data


def stored_state(data_dir: Path, kind: str, export: dict[str, Any] | None) -> dict[str, str]:
    """Key -> value of every save of `kind` on disk; raises if the file cannot be trusted.

    The keys and values are the ones helpers/save_loop.py prints, so a reported save can be
    looked up directly. A multi-record save found only in part has the value "partial".
    """
    raw = history_path(data_dir).read_bytes()
    json.loads(raw)  # the file parses as JSON at all
    repo = ReadOnlyRepository(data_dir)
    if kind == "diary":
        return {
            e.date.isoformat(): e.notes.split()[1]
            for e in repo.diary_entries()
            if e.notes.startswith("save ")
        }
    if kind == "rep":
        return {
            s.id: f"{len(s.reps)}{'F' if s.finished else ''}"
            for s in repo.sessions()
            if s.source == "timer"
        }
    assessments = {int(k): v for k, v in (json.loads(raw).get("assessments") or {}).items()}
    plans = {p.note: p for p in repo.plans() if p.note != "seed"}
    if kind == "plan":
        state = {}
        for note, plan in plans.items():
            linked = assessments.get(plan.assessment_id) if plan.assessment_id else None
            state[note] = "A" if linked is not None and tag_of(linked) == note else "P"
        for record in assessments.values():
            if tag_of(record) not in plans:
                state[str(tag_of(record))] = "partial"  # assessment without its plan
        return state
    if kind == "review":
        reviews = {r.get("tag"): r for r in repo.reviews()}
        state = {}
        for note, plan in plans.items():
            review = reviews.get(note)
            ok = review is not None and review.get("plan_version_after") == plan.version
            state[note] = "R" if ok else "partial"
        for tag in set(reviews) - set(plans):
            state[str(tag)] = "partial"  # review without its plan
        return state
    assert kind == "import" and export is not None
    parts: dict[str, list[str]] = {}
    for note in plans:
        parts.setdefault(note, []).append("plan")
    for entry in repo.diary_entries():
        if entry.notes and not entry.notes.startswith("pad "):
            parts.setdefault(entry.notes, []).append("diary")
    for session in repo.sessions():
        parts.setdefault(session.id.rsplit("-", 1)[0], []).append("session")
    for record in assessments.values():
        parts.setdefault(str(tag_of(record)), []).append("assessment")
    for record in repo.reviews():
        parts.setdefault(str(record.get("tag")), []).append("review")
    whole = sorted(
        ["plan"] * len(export["plans"])
        + ["diary"] * len(export["diary"])
        + ["session"] * len(export["sessions"])
        + ["assessment"] * len(export["assessments"])
        + ["review"] * len(export["reviews"])
    )
    return {key: "I" if sorted(found) == whole else "partial" for key, found in parts.items()}
