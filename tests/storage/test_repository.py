"""Repository round trips, export/import and merge."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from achilles_tui.domain.models import (
    DayKind,
    DiaryEntry,
    Effort,
    RepRecord,
    SessionLog,
    Settings,
    Side,
)
from achilles_tui.storage import transfer
from achilles_tui.storage.database import HistoryStore
from achilles_tui.storage.errors import InvalidRecord
from achilles_tui.storage.locations import history_path
from achilles_tui.storage.repository import ReadOnlyRepository, Repository
from achilles_tui.storage.transfer import ImportRefused, load_export

from ._support import DAY, exercises, file_state, other_exercises, stored_assessment

T0 = dt.datetime(2024, 3, 1, 18, 0, 0)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


def reopen(data_dir: Path) -> ReadOnlyRepository:
    """What a fresh process would see on disk."""
    return ReadOnlyRepository(data_dir)


# --- plans ---------------------------------------------------------------------------------


def test_plan_versions_increase_and_old_ones_are_kept(data_dir: Path, repo: Repository) -> None:
    first = repo.add_plan(exercises(), source="assessment", level="L2", created=T0)
    second = repo.add_plan(
        other_exercises(), source="review", note="progressed", created=T0 + dt.timedelta(days=14)
    )
    third = repo.add_plan(
        exercises(), source="own", mode="competition", created=T0 + dt.timedelta(30)
    )

    assert [first.version, second.version, third.version] == [1, 2, 3]
    for view in (repo, reopen(data_dir)):
        assert view.plans() == [first, second, third]
        assert view.current_plan() == third
        assert view.plan_on(DAY) == first
        assert view.plan_on(DAY + dt.timedelta(days=20)) == second
        assert view.plan_on(DAY - dt.timedelta(days=5)) is None  # before the first plan: none
    stored = reopen(data_dir).plans()[0]
    assert stored.exercises == exercises()
    assert stored.exercises[1].rules == ("stop if pain above 5",)
    assert stored.exercises[1].load_kg == 7.5


def test_no_plan_yet(repo: Repository) -> None:
    assert repo.plans() == []
    assert repo.current_plan() is None
    assert repo.plan_on(DAY) is None


# --- diary ---------------------------------------------------------------------------------


def test_diary_round_trip_every_field(data_dir: Path, repo: Repository) -> None:
    entry = DiaryEntry(
        date=DAY,
        morning_pain=6,
        stiffness_minutes=25,
        settled=False,
        day=DayKind.FLARE_UP,
        activity="5 km walk",
        notes="sore after stairs\nbetter by noon – ünïcode ✓",
        red_flags=("calf-swelling",),
    )
    repo.save_diary(entry)
    assert repo.diary_on(DAY) == entry
    assert reopen(data_dir).diary_on(DAY) == entry
    assert reopen(data_dir).diary_on(DAY + dt.timedelta(days=1)) is None


def test_diary_is_one_entry_per_date_and_editing_replaces(data_dir: Path, repo: Repository) -> None:
    days = [DAY + dt.timedelta(days=i) for i in (2, 0, 1)]
    for i, day in enumerate(days):
        repo.save_diary(DiaryEntry(date=day, morning_pain=i))
    repo.save_diary(DiaryEntry(date=DAY, morning_pain=9, notes="edited"))

    entries = reopen(data_dir).diary_entries()
    assert [e.date for e in entries] == sorted(days)
    assert entries[0] == DiaryEntry(date=DAY, morning_pain=9, notes="edited")
    assert len(json.loads(history_path(data_dir).read_bytes())["diary"]) == 3
    assert [e.date for e in repo.diary_entries(DAY + dt.timedelta(1), DAY + dt.timedelta(2))] == [
        DAY + dt.timedelta(days=1),
        DAY + dt.timedelta(days=2),
    ]


# --- sessions ------------------------------------------------------------------------------


def test_session_lifecycle_is_saved_at_each_step(data_dir: Path, repo: Repository) -> None:
    plan = repo.add_plan(exercises(), source="assessment", created=T0 - dt.timedelta(days=3))
    session = repo.start_session(plan, T0, reps_planned=13)

    on_disk = reopen(data_dir)
    assert on_disk.sessions() == [session]
    assert on_disk.unfinished_session(T0.date()) == session
    assert session.plan_version == plan.version
    assert session.reps == ()

    reps = [
        RepRecord(exercise_index=0, side=Side.BOTH, rep=1, hold_seconds=45),
        RepRecord(exercise_index=1, side=Side.LEFT, rep=1, hold_seconds=30, load_kg=7.5),
        RepRecord(exercise_index=1, side=Side.RIGHT, rep=1, hold_seconds=30, load_kg=7.5),
    ]
    for count, rep in enumerate(reps, start=1):
        session = repo.add_rep(session, rep)
        stored = reopen(data_dir).sessions()
        assert len(stored) == 1, "a rep updates the session, it does not add one"
        assert stored[0].reps == tuple(reps[:count])

    interrupted = reopen(data_dir).unfinished_session(T0.date())
    assert interrupted is not None
    assert interrupted.reps_done(1, Side.LEFT) == 1
    assert interrupted.dose_seconds == 105

    finished = repo.finish_session(
        session,
        ended_at=T0 + dt.timedelta(minutes=22),
        pain_during=4,
        effort=Effort.CHALLENGING,
        complete=False,
        over_limit=True,
    )
    on_disk = reopen(data_dir)
    assert on_disk.sessions() == [finished]
    assert on_disk.unfinished_session(T0.date()) is None
    assert finished.finished
    assert on_disk.sessions()[0].effort is Effort.CHALLENGING
    assert on_disk.sessions()[0].over_limit is True
    assert on_disk.sessions(T0.date(), T0.date()) == [finished]
    assert on_disk.current_plan() == plan


def test_two_sessions_a_day_are_kept_apart(data_dir: Path, repo: Repository) -> None:
    plan = repo.add_plan(exercises(), source="own", created=T0 - dt.timedelta(days=1))
    morning = repo.start_session(plan, T0 - dt.timedelta(hours=10))
    evening = repo.start_session(plan, T0)
    assert morning.id != evening.id
    repo.finish_session(
        morning, ended_at=T0 - dt.timedelta(hours=9), pain_during=2, effort=None, complete=True
    )
    evening = repo.add_rep(evening, RepRecord(0, Side.BOTH, 1, 45))

    sessions = reopen(data_dir).sessions(T0.date(), T0.date())
    assert [s.id for s in sessions] == [morning.id, evening.id]
    assert sessions[0].complete and sessions[0].reps == ()
    assert not sessions[1].finished and len(sessions[1].reps) == 1
    assert reopen(data_dir).unfinished_session(T0.date()) == evening


def test_manual_session_is_not_offered_for_resumption(data_dir: Path, repo: Repository) -> None:
    manual = SessionLog(
        id="manual000001",
        date=DAY,
        plan_version=1,
        started_at=dt.datetime.combine(DAY, dt.time(7, 30)),
        source="manual",
        pain_during=1,
    )
    repo.add_manual_session(manual)
    assert reopen(data_dir).sessions() == [manual]
    assert reopen(data_dir).unfinished_session(DAY) is None


# --- settings ------------------------------------------------------------------------------


def test_settings_default_then_round_trip_and_replace(data_dir: Path, repo: Repository) -> None:
    assert repo.settings() == Settings()
    custom = Settings(
        theme="nord",
        sound="off",
        get_ready_seconds=8,
        single_leg_sides="injured",
        injured_side="right",
        disclaimer_accepted=True,
    )
    repo.save_settings(custom)
    assert reopen(data_dir).settings() == custom
    repo.save_settings(Settings(theme="gruvbox"))
    assert reopen(data_dir).settings() == Settings(theme="gruvbox")
    assert len(json.loads(history_path(data_dir).read_bytes())["settings"]) == 1


# --- export / import -----------------------------------------------------------------------


def fill(repo: Repository) -> None:
    """A small but complete history."""
    plan = repo.save_assessment_and_plan(
        stored_assessment("2024-02-20T08:00:00", {"verdict": "isometric", "level": "L2"}),
        exercises(),
        source="assessment",
        level="L2",
        created=dt.datetime(2024, 2, 20, 8, 5),
    )
    repo.add_plan(other_exercises(), source="review", created=dt.datetime(2024, 2, 28, 9, 0))
    for i in range(5):
        repo.save_diary(
            DiaryEntry(date=DAY + dt.timedelta(days=i), morning_pain=i, settled=i % 2 == 0)
        )
    session = repo.start_session(plan, T0)
    session = repo.add_rep(session, RepRecord(0, Side.BOTH, 1, 45))
    repo.finish_session(
        session, ended_at=T0 + dt.timedelta(minutes=5), pain_during=3, effort=None, complete=False
    )
    repo.add_manual_session(
        SessionLog(id="manual000001", date=DAY, plan_version=1, started_at=T0, source="manual")
    )
    repo.save_settings(Settings(theme="nord"))


def write_export(path: Path, export: dict[str, Any]) -> Path:
    path.write_text(json.dumps(export), encoding="utf-8")
    return path


def total_records(export: dict[str, Any]) -> int:
    return sum(len(export[t]) for t in ("assessments", "plans", "sessions", "diary", "reviews"))


def test_export_then_import_into_empty_store_gives_identical_export(
    tmp_path: Path, repo: Repository
) -> None:
    fill(repo)
    export = repo.export_data()
    assert export["format"] == transfer.EXPORT_FORMAT
    assert len(export["plans"]) == 2 and len(export["diary"]) == 5 and len(export["sessions"]) == 2
    assert export == ReadOnlyRepository(repo.data_dir).export_data()
    export_file = write_export(tmp_path / "export.json", export)

    other_dir = tmp_path / "other"
    with HistoryStore(other_dir, lock_timeout=1.0) as other_store:
        other = Repository(other_store)
        counts = other.import_export(load_export(export_file))
        assert (counts.assessments, counts.plans, counts.sessions, counts.diary) == (1, 2, 2, 5)
        assert counts.skipped == 0
        assert other.export_data() == export
    assert ReadOnlyRepository(other_dir).export_data() == export
    # plan <-> assessment link survives
    assert ReadOnlyRepository(other_dir).plans()[0].assessment_id == 1


def test_merging_the_same_export_twice_adds_nothing(tmp_path: Path, repo: Repository) -> None:
    fill(repo)
    export_file = write_export(tmp_path / "export.json", repo.export_data())
    export = json.loads(export_file.read_text())

    other_dir = tmp_path / "other"
    with HistoryStore(other_dir, lock_timeout=1.0) as other_store:
        other = Repository(other_store)
        other.save_diary(DiaryEntry(date=DAY, morning_pain=10, notes="mine wins"))
        first = other.import_export(load_export(export_file))
        assert first.diary == 4 and first.skipped == 1
        after_first = other.export_data()
        before = file_state(history_path(other_dir))

        second = other.import_export(load_export(export_file))
        assert (second.assessments, second.plans, second.sessions, second.diary) == (0, 0, 0, 0)
        assert second.reviews == 0
        assert second.skipped == total_records(export)
        assert other.export_data() == after_first
        # the local entry for a date already present was kept
        assert other.diary_on(DAY) == DiaryEntry(date=DAY, morning_pain=10, notes="mine wins")
    assert ReadOnlyRepository(other_dir).export_data() == after_first
    assert json.loads(history_path(other_dir).read_bytes()) == json.loads(before[0])

    # merging into the original store itself is also a no-op
    again = repo.import_export(load_export(export_file))
    assert again.skipped == total_records(export)
    assert repo.export_data() == export


def test_merge_renumbers_new_plans_after_existing_versions(
    tmp_path: Path, repo: Repository
) -> None:
    fill(repo)
    export_file = write_export(tmp_path / "export.json", repo.export_data())
    other_dir = tmp_path / "other"
    with HistoryStore(other_dir, lock_timeout=1.0) as other_store:
        other = Repository(other_store)
        own = other.add_plan(exercises(), source="own", created=dt.datetime(2024, 1, 1, 8, 0))
        counts = other.import_export(load_export(export_file))
        assert counts.plans == 2
        plans = other.plans()
    assert [p.version for p in plans] == [1, 2, 3]
    assert plans[0] == own
    assert [p.exercises for p in plans[1:]] == [exercises(), other_exercises()]


@pytest.mark.parametrize(
    ("table", "bad"),
    [
        ("diary", {"date": "2024-03-02", "morning_pain": 11}),
        ("diary", {"date": "2999-01-01", "morning_pain": 1}),
        ("sessions", {"id": "x", "date": "2024-03-02", "plan_version": 1, "started_at": "no"}),
        ("plans", {"version": 0, "created": "2024-01-01T00:00:00", "exercises": []}),
    ],
    ids=["pain-11", "future-date", "bad-session-time", "empty-plan"],
)
def test_invalid_record_in_export_is_refused_and_nothing_written(
    tmp_path: Path, data_dir: Path, repo: Repository, table: str, bad: dict[str, Any]
) -> None:
    fill(repo)
    export = repo.export_data()
    export_file = write_export(tmp_path / "export.json", export)
    target_dir = tmp_path / "target"
    with HistoryStore(target_dir, lock_timeout=1.0) as target_store:
        target = Repository(target_store)
        target.save_diary(DiaryEntry(date=DAY, morning_pain=2))
        export_before = target.export_data()
        before = file_state(history_path(target_dir))

        spoiled = json.loads(export_file.read_text())
        spoiled[table].append(bad)
        write_export(export_file, spoiled)

        with pytest.raises(ImportRefused) as info:
            target.import_export(load_export(export_file))
        assert str(export_file) in str(info.value)
        assert table in str(info.value)
        assert "nothing imported" in str(info.value)
        assert file_state(history_path(target_dir)) == before
        assert target.export_data() == export_before


def test_morning_pain_11_is_refused_by_name(tmp_path: Path) -> None:
    export = {
        "format": transfer.EXPORT_FORMAT,
        "diary": [
            {"date": "2024-03-01", "morning_pain": 3},
            {"date": "2024-03-02", "morning_pain": 11},
        ],
    }
    path = write_export(tmp_path / "export.json", export)
    with pytest.raises(ImportRefused) as info:
        load_export(path)
    assert "diary record 2" in str(info.value)
    assert "morning_pain" in str(info.value)  # the field, by its stored name


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"not json",
        b"[]",
        b'{"format": "something-else"}',
        b'{"format": "achilles-tui-export", "diary": {"1": {}}}',
        b'{"format": "achilles-tui-export", "diary": [1, 2]}',
    ],
    ids=["empty", "not-json", "list", "wrong-format", "table-not-list", "records-not-dicts"],
)
def test_load_export_refuses_files_that_are_not_exports(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "export.json"
    path.write_bytes(content)
    with pytest.raises(ImportRefused) as info:
        load_export(path)
    assert str(path) in str(info.value)


def test_load_export_of_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ImportRefused, match="does not exist"):
        load_export(tmp_path / "nope.json")


def test_import_failing_midway_writes_nothing(data_dir: Path, repo: Repository) -> None:
    """Even without load_export's check, a bad record aborts the whole import in one batch."""
    repo.save_diary(DiaryEntry(date=DAY, morning_pain=1))
    before = file_state(history_path(data_dir))
    tables: dict[str, list[dict[str, Any]]] = {
        "assessments": [{"created": "2024-01-01T00:00:00"}],
        "diary": [
            {"date": "2024-03-05", "morning_pain": 4},
            {"date": "2024-03-06", "morning_pain": 11},
        ],
    }
    with pytest.raises(InvalidRecord) as refused:  # the schema, on the normal write path
        repo.import_export(tables)
    assert "morning_pain" in str(refused.value)
    assert file_state(history_path(data_dir)) == before
    assert [e.date for e in repo.diary_entries()] == [DAY]
    assert repo.assessments() == []


def test_csv_export_has_a_row_per_record(repo: Repository) -> None:
    fill(repo)
    export = repo.export_data()
    lines = transfer.to_csv(export).splitlines()
    assert lines[0].split(",")[:3] == ["record", "date", "morning_pain"]
    kinds = [line.split(",")[0] for line in lines[1:]]
    assert kinds.count("diary") == 5
    assert kinds.count("session") == 2
    assert kinds.count("plan") == 2
    assert kinds.count("assessment") == 1


# --- links between merged records, and export isolation ------------------------------


def test_merged_sessions_keep_pointing_at_their_plan(tmp_path: Path, repo: Repository) -> None:
    repo.add_plan(other_exercises(), source="own", created=dt.datetime(2024, 1, 1, 8, 0))

    source_dir = tmp_path / "source"
    with HistoryStore(source_dir, lock_timeout=1.0) as source_store:
        source = Repository(source_store)
        plan = source.add_plan(exercises(), source="own", created=dt.datetime(2024, 2, 1, 8, 0))
        session = source.start_session(plan, T0)
        source.finish_session(
            session,
            ended_at=T0 + dt.timedelta(minutes=20),
            pain_during=2,
            effort=None,
            complete=True,
        )
        export = source.export_data()

    counts = repo.import_export(export)
    assert (counts.plans, counts.sessions) == (1, 1)
    merged = repo.sessions()[0]
    followed = [p for p in repo.plans() if p.version == merged.plan_version]
    assert [p.exercises for p in followed] == [exercises()]


def test_merged_plans_keep_pointing_at_their_assessment(tmp_path: Path, repo: Repository) -> None:
    repo.add_assessment(
        stored_assessment("2024-01-01T08:00:00", {"verdict": "isometric", "level": "L1"})
    )

    source_dir = tmp_path / "source"
    with HistoryStore(source_dir, lock_timeout=1.0) as source_store:
        source = Repository(source_store)
        source.save_assessment_and_plan(
            stored_assessment("2024-02-01T08:00:00", {"verdict": "isotonic", "level": "T1"}),
            exercises(),
            source="assessment",
            created=dt.datetime(2024, 2, 1, 8, 5),
        )
        export = source.export_data()

    repo.import_export(export)
    plan = repo.current_plan()
    assert plan is not None and plan.assessment_id is not None
    linked = repo.assessments()[plan.assessment_id - 1]
    assert linked["result"]["verdict"] == "isotonic"


def test_changing_an_export_does_not_change_the_history(data_dir: Path, repo: Repository) -> None:
    repo.add_assessment(
        stored_assessment("2024-01-01T08:00:00", {"verdict": "isometric", "level": "L1"})
    )
    export = repo.export_data()
    export["assessments"][0]["result"] = "edited by the caller"
    repo.save_diary(DiaryEntry(date=DAY, morning_pain=1))
    assert reopen(data_dir).assessments() == [
        {"created": "2024-01-01T08:00:00", "result": {"verdict": "isometric", "level": "L1"}}
    ]
