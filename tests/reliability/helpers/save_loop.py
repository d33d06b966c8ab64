"""Repeat one kind of save until killed (see test_fault_injection.py).

Usage: save_loop.py KIND DATA_DIR TAG START_ORDINAL [EXPORT_FILE]

KIND is diary, rep, plan, review or import. Before each save the loop prints and
flushes "begin <key> <value>", and "done <key> <value>" only after the save has
returned, so the test knows which saves were reported and which one was in flight.
"ready" is printed once the history is open (the lock is held). SIGINT ends the
loop through KeyboardInterrupt: the store is closed and the exit code is 130.
"""

from __future__ import annotations

import copy
import datetime as dt
import signal
import sys

# A test runner may start us with SIGINT ignored (children inherit SIG_IGN); the person's
# Ctrl+C this simulates always arrives as KeyboardInterrupt, even during the imports below.
signal.signal(signal.SIGINT, signal.default_int_handler)
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from achilles_tui.domain.assessment import Assessment, Condition
from achilles_tui.domain.models import DiaryEntry, Exercise, Position, RepRecord, Side
from achilles_tui.domain.records import AssessmentRecord
from achilles_tui.storage.database import HistoryStore
from achilles_tui.storage.repository import Repository
from achilles_tui.storage.transfer import load_export

SPAN = 30  # diary saves cycle through SPAN dates, so a run re-edits days too
REPS_PER_SESSION = 8
PADDING = "y" * 300


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def exercises(reps: int = 3) -> list[Exercise]:
    return [
        Exercise(Position.NEUTRAL, legs=2, reps=reps, hold_seconds=30, rest_seconds=60),
        Exercise(Position.HEEL_RAISED, legs=1, reps=4, hold_seconds=20, rest_seconds=90),
    ]


def diary_saves(repo: Repository, tag: str, start: dt.date) -> Iterator[tuple[str, str, Any]]:
    i = 0
    while True:
        day = start + dt.timedelta(days=i % SPAN)
        entry = DiaryEntry(
            date=day, morning_pain=i % 11, notes=f"save {i} {PADDING[: i * 37 % 300]}"
        )
        yield day.isoformat(), str(i), lambda entry=entry: repo.save_diary(entry)
        i += 1


def rep_saves(repo: Repository, tag: str, start: dt.date) -> Iterator[tuple[str, str, Any]]:
    plan = repo.current_plan()
    assert plan is not None, "the test seeds a plan first"
    moment = dt.datetime.combine(start, dt.time(7, 0))
    holder: dict[str, Any] = {}  # the session being written, replaced after every save
    while True:

        def begin(moment: dt.datetime = moment) -> str:
            holder["session"] = repo.start_session(plan, moment, reps_planned=REPS_PER_SESSION)
            return str(holder["session"].id)

        yield "new", "0", begin
        for rep in range(1, REPS_PER_SESSION + 1):
            record = RepRecord(0, Side.BOTH, rep, 30, 0.0)

            def add(record: RepRecord = record) -> None:
                holder["session"] = repo.add_rep(holder["session"], record)

            yield holder["session"].id, str(rep), add

        def finish(moment: dt.datetime = moment) -> None:
            holder["session"] = repo.finish_session(
                holder["session"],
                ended_at=moment + dt.timedelta(minutes=5),
                pain_during=2,
                effort=None,
                complete=True,
            )

        yield holder["session"].id, f"{REPS_PER_SESSION}F", finish
        moment += dt.timedelta(minutes=10)


def assessment_record(key: str) -> AssessmentRecord:
    """An assessment whose stored result carries the save's key, to find it after a kill."""
    return AssessmentRecord(
        created=dt.datetime(2024, 1, 1, 8, 0),
        answers=Assessment(condition=Condition.MIDPORTION),
        result={"verdict": "isometric", "tag": key},
    )


def plan_saves(repo: Repository, tag: str, start: dt.date) -> Iterator[tuple[str, str, Any]]:
    i = 0
    while True:
        key = f"{tag}-{i}"
        if i % 2 == 0:

            def save(key: str = key) -> None:
                repo.save_assessment_and_plan(
                    assessment_record(key), exercises(), source="assessment", level="L1", note=key
                )

            yield key, "A", save
        else:
            yield key, "P", lambda key=key: repo.add_plan(exercises(4), source="own", note=key)
        i += 1


def review_saves(repo: Repository, tag: str, start: dt.date) -> Iterator[tuple[str, str, Any]]:
    i = 0
    while True:
        key = f"{tag}-{i}"
        record = {
            "kind": "weekly-review",
            "status": "accepted",
            "week_ending": start.isoformat(),
            "suggestion": "progress",
            "tag": key,
        }

        def save(key: str = key, record: dict[str, Any] = record) -> None:
            repo.add_review_and_plan(record, exercises(5), source="review", level="L2", note=key)

        yield key, "R", save
        i += 1


def varied_export(base: dict[str, list[dict[str, Any]]], key: str, day: dt.date) -> Any:
    """The small export, made unique for this save so a merge adds every record."""
    tables = copy.deepcopy(base)
    created = dt.datetime.combine(day, dt.time(6, 0))
    for plan in tables["plans"]:
        plan["created"] = created.isoformat()
        plan["note"] = key
    for n, entry in enumerate(tables["diary"]):
        entry["date"] = (day + dt.timedelta(days=n)).isoformat()
        entry["notes"] = key
    for n, session in enumerate(tables["sessions"]):
        session["id"] = f"{key}-{n}"
    for record in tables["assessments"]:
        # the engine's result keeps fields it does not know; the record itself does not
        record["result"] = {**record.get("result", {}), "tag": key}
    for record in tables["reviews"]:
        record["tag"] = key
    return tables


def import_saves(
    repo: Repository, tag: str, start: dt.date, export_file: Path
) -> Iterator[tuple[str, str, Any]]:
    base = load_export(export_file)
    i = 0
    while True:
        key = f"{tag}-{i}"
        tables = varied_export(base, key, start + dt.timedelta(days=3 * i))
        yield key, "I", lambda tables=tables: repo.import_export(tables)
        i += 1


def main(argv: list[str]) -> int:
    kind, data_dir, tag = argv[1], Path(argv[2]), argv[3]
    start = dt.date.fromordinal(int(argv[4]))
    store = HistoryStore(data_dir, lock_timeout=30.0).open()
    try:
        repo = Repository(store)
        makers: dict[str, Callable[[], Iterator[tuple[str, str, Any]]]] = {
            "diary": lambda: diary_saves(repo, tag, start),
            "rep": lambda: rep_saves(repo, tag, start),
            "plan": lambda: plan_saves(repo, tag, start),
            "review": lambda: review_saves(repo, tag, start),
            "import": lambda: import_saves(repo, tag, start, Path(argv[5])),
        }
        say("ready")
        for key, value, save in makers[kind]():
            say(f"begin {key} {value}")
            result = save()
            say(f"done {result if key == 'new' else key} {value}")
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        return 130
    finally:
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
