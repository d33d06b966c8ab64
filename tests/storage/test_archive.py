"""Closed years in archive/YYYY.json (issue 13): reads across files, the year close, damage,
backups as sets, a failed write during a close, exports and imports across versions.

One history (diary every third day and a session every other day from 2017 to March 2021,
a few warning signs and rest days) is built once with nothing closed, then each test works on
a copy: opened on NOTHING_CLOSED it is one file, opened on LATER 2017-2019 move out.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from achilles_tui.cli import main as cli_main
from achilles_tui.domain.models import (
    DayKind,
    DiaryEntry,
    Effort,
    RepRecord,
    SessionLog,
    Side,
)
from achilles_tui.domain.streak import year_run
from achilles_tui.storage import codec, safe_storage
from achilles_tui.storage import year_close as year_close_module
from achilles_tui.storage.archive import (
    CLOSE_AFTER_DAYS,
    Archives,
    archive_folder,
    archive_path,
    is_closed,
    manifest_of,
)
from achilles_tui.storage.database import CLOSE_AT_OPEN_MIN_RECORDS, HistoryStore
from achilles_tui.storage.errors import CorruptDatabase, SchemaTooNew, WriteFailed
from achilles_tui.storage.locations import BACKUP_DIR, history_path
from achilles_tui.storage.migrations import RECORD_FORMAT_VERSION, SCHEMA_VERSION
from achilles_tui.storage.repository import ReadOnlyRepository, Repository
from achilles_tui.storage.transfer import load_export
from achilles_tui.storage.year_close import stale_years

from ._support import exercises, file_state, other_exercises, temp_files

FIRST = dt.date(2017, 1, 1)
LAST = dt.date(2021, 3, 20)
NOTHING_CLOSED = dt.date(2018, 3, 31)  # 2017 closes the next day
LATER = dt.date(2021, 3, 31)  # 2017-2019 closed; 2020 is 90 days old: still open
CLOSED = [2017, 2018, 2019]
FLAGGED = {dt.date(2017, 3, 1), dt.date(2019, 7, 10), dt.date(2020, 5, 5)}
D = dt.date


# --- building histories ----------------------------------------------------------------------
def diary_entry(day: dt.date, note: str = "") -> DiaryEntry:
    n = (day - FIRST).days
    return DiaryEntry(
        day,
        n % 11,
        n % 60,
        day=DayKind.REST if n % 17 == 0 else DayKind.NORMAL,
        red_flags=("pop",) if day in FLAGGED else (),
        notes=note or f"day {n}",
    )


def session(day: dt.date, sid: str | None = None) -> SessionLog:
    start = dt.datetime.combine(day, dt.time(7, 30))
    return SessionLog(
        id=sid or f"s{day.isoformat()}",
        date=day,
        plan_version=1,
        started_at=start,
        ended_at=start + dt.timedelta(minutes=9),
        reps=(RepRecord(0, Side.BOTH, 1, 45), RepRecord(0, Side.BOTH, 2, 45)),
        pain_during=(day.day % 5),
        effort=Effort.CHALLENGING,
        complete=True,
        source="manual",
        reps_planned=2,
    )


def build(data_dir: Path) -> None:
    """The shared history, written with nothing closed (one file, like the previous release)."""
    store = HistoryStore(data_dir, lock_timeout=1.0).open(today=NOTHING_CLOSED)
    try:
        repo = Repository(store)
        with store.batch():
            repo.add_plan(exercises(), source="own", created=dt.datetime(2016, 12, 1, 8, 0))
            day = FIRST
            while day <= LAST:
                n = (day - FIRST).days
                if n % 3 == 0 or day in FLAGGED:
                    repo.save_diary(diary_entry(day))
                if n % 2 == 0:
                    repo.add_manual_session(session(day))
                day += dt.timedelta(days=1)
    finally:
        store.close()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data_dir = tmp_path_factory.mktemp("archive-built") / "data"
    build(data_dir)
    assert not archive_folder(data_dir).exists()
    return data_dir


@pytest.fixture
def one_file(built: Path, tmp_path: Path) -> Path:
    """A copy of the history with every year in history.json."""
    target = tmp_path / "one"
    shutil.copytree(built, target)
    return target


@pytest.fixture
def closed(built: Path, tmp_path: Path) -> Path:
    """A copy of the history after a writer opened it on LATER: 2017-2019 archived."""
    target = tmp_path / "closed"
    shutil.copytree(built, target)
    with opened(target, LATER):
        pass
    return target


@contextlib.contextmanager
def opened(data_dir: Path, today: dt.date) -> Iterator[Repository]:
    store = HistoryStore(data_dir, lock_timeout=1.0).open(today=today)
    try:
        yield Repository(store)
    finally:
        store.close()


def raw(data_dir: Path) -> dict[str, dict[str, Any]]:
    return json.loads(history_path(data_dir).read_bytes())  # type: ignore[no-any-return]


def archive_files(data_dir: Path) -> list[str]:
    return sorted(p.name for p in archive_folder(data_dir).glob("*"))


def export_of(data_dir: Path) -> dict[str, Any]:
    """The export readers see (no lock, nothing written)."""
    return ReadOnlyRepository(data_dir).export_data()


def state(data_dir: Path) -> dict[str, Any]:
    """Every file of the history with its bytes, mtime and inode (backups aside)."""
    files = [history_path(data_dir), *sorted(archive_folder(data_dir).glob("*"))]
    return {p.name: file_state(p) for p in files if p.is_file()}


def counted(export: dict[str, Any]) -> tuple[list[str], list[str]]:
    """Diary dates and session ids, each as often as stored."""
    return [e["date"] for e in export["diary"]], [s["id"] for s in export["sessions"]]


# --- is_closed -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("year", "today", "closed_"),
    [
        (2025, D(2025, 6, 1), False),  # the year is not over
        (2025, D(2025, 12, 31), False),  # its last day
        (2025, D(2026, 1, 1), False),  # the weekly review still looks back into it
        (2025, D(2026, 3, 31), False),  # exactly CLOSE_AFTER_DAYS after its last day
        (2025, D(2026, 4, 1), True),  # one day more
        (2023, D(2024, 3, 30), False),  # a leap year in between: 90 days reach 30 March
        (2023, D(2024, 3, 31), True),
        (2026, D(2025, 1, 1), False),  # a year in the future
        (2016, D(2026, 11, 30), True),  # long ago
    ],
)
def test_a_year_closes_once_its_last_day_is_more_than_90_days_ago(
    year: int, today: dt.date, closed_: bool
) -> None:
    assert CLOSE_AFTER_DAYS == 90
    assert is_closed(year, today) is closed_


# --- the move itself -------------------------------------------------------------------------
def test_the_close_moves_closed_years_and_keeps_the_open_ones(one_file: Path) -> None:
    before = raw(one_file)
    with opened(one_file, NOTHING_CLOSED):
        pass
    assert raw(one_file) == before  # nothing to close yet: the file is not touched
    with opened(one_file, LATER):
        pass
    data = raw(one_file)
    assert archive_files(one_file) == [f"{year}.json" for year in CLOSED]
    assert sorted(manifest_of(data)) == CLOSED
    assert data["_meta"]["1"]["schema_version"] == SCHEMA_VERSION
    left = {doc["date"][:4] for table in ("diary", "sessions") for doc in data[table].values()}
    assert left == {"2020", "2021"}
    for year in CLOSED:
        archived = json.loads(archive_path(one_file, year).read_bytes())
        assert archived["_meta"]["1"] == {"schema_version": SCHEMA_VERSION, "year": year}
        dates = {doc["date"][:4] for t in ("diary", "sessions") for doc in archived[t].values()}
        assert dates == {str(year)}
    # a second opening finds nothing to do
    files = state(one_file)
    with opened(one_file, LATER):
        pass
    assert state(one_file) == files


# --- reads across files ------------------------------------------------------------------------
Query = Callable[[ReadOnlyRepository], Any]
QUERIES: dict[str, Query] = {
    "diary, all": lambda r: r.diary_entries(),
    "diary, one closed year": lambda r: r.diary_entries(D(2018, 1, 1), D(2018, 12, 31)),
    "diary, part of a closed year": lambda r: r.diary_entries(D(2018, 3, 3), D(2018, 4, 9)),
    "diary, across closed and open": lambda r: r.diary_entries(D(2019, 11, 1), D(2020, 2, 1)),
    "diary, across closed years": lambda r: r.diary_entries(D(2017, 12, 1), D(2019, 1, 31)),
    "diary, open years only": lambda r: r.diary_entries(D(2020, 1, 1), None),
    "diary, from the start": lambda r: r.diary_entries(None, D(2018, 2, 2)),
    "diary, until the end": lambda r: r.diary_entries(D(2019, 6, 6), None),
    "diary, before the history": lambda r: r.diary_entries(D(2000, 1, 1), D(2016, 12, 31)),
    "diary on a closed day": lambda r: r.diary_on(D(2018, 1, 2)),
    "diary on an open day": lambda r: r.diary_on(D(2020, 1, 4)),
    "sessions, all": lambda r: r.sessions(),
    "sessions, one closed year": lambda r: r.sessions(D(2019, 1, 1), D(2019, 12, 31)),
    "sessions, across closed and open": lambda r: r.sessions(D(2019, 12, 20), D(2020, 1, 10)),
    "sessions, from the start": lambda r: r.sessions(None, D(2017, 3, 1)),
    "sessions, until the end": lambda r: r.sessions(D(2018, 12, 30), None),
    "sessions on a closed day": lambda r: r.sessions(D(2017, 1, 3), D(2017, 1, 3)),
    "flagged, all": lambda r: r.flagged_diary_entries(),
    "flagged, closed years": lambda r: r.flagged_diary_entries(D(2017, 1, 1), D(2019, 12, 31)),
    "flagged, a year without": lambda r: r.flagged_diary_entries(D(2018, 1, 1), D(2018, 12, 31)),
    "flagged, across": lambda r: r.flagged_diary_entries(D(2019, 7, 10), D(2020, 5, 5)),
    "flagged, one day": lambda r: r.flagged_diary_entries(D(2017, 3, 1), D(2017, 3, 1)),
    "plans": lambda r: r.plans(),
    "unfinished session": lambda r: r.unfinished_session(D(2018, 5, 1)),
}


@pytest.fixture(scope="module")
def one_file_answers(built: Path) -> dict[str, Any]:
    repo = ReadOnlyRepository(built)
    return {name: query(repo) for name, query in QUERIES.items()}


@pytest.mark.parametrize("name", list(QUERIES))
def test_reads_across_files_give_what_one_file_gave(
    closed: Path, one_file_answers: dict[str, Any], name: str
) -> None:
    expected = one_file_answers[name]
    assert (
        expected
        or name in ("diary, before the history", "flagged, a year without")
        or (name == "unfinished session")
    )
    assert QUERIES[name](ReadOnlyRepository(closed)) == expected
    with opened(closed, LATER) as repo:
        assert QUERIES[name](repo) == expected


def test_flagged_queries_found_what_was_flagged(one_file_answers: dict[str, Any]) -> None:
    assert {e.date for e in one_file_answers["flagged, all"]} == FLAGGED


def test_the_export_is_the_same_before_and_after_the_close(one_file: Path) -> None:
    with opened(one_file, NOTHING_CLOSED) as repo:
        before = repo.export_data()
    with opened(one_file, LATER) as repo:
        assert archive_files(one_file)  # the close did happen
        assert repo.export_data() == before
    assert export_of(one_file) == before
    diary, sessions = counted(before)
    assert len(diary) == len(set(diary)) > 500 and len(sessions) == len(set(sessions)) > 700


# --- only the years a question reaches are opened ---------------------------------------------
@pytest.mark.parametrize(
    ("query", "loaded"),
    [
        (lambda r: r.diary_entries(D(2020, 1, 1), D(2020, 12, 31)), []),
        (lambda r: r.diary_entries(D(2021, 1, 1), None), []),
        (lambda r: r.diary_on(D(2021, 3, 1)), []),
        (lambda r: r.sessions(D(2020, 3, 1), D(2021, 3, 31)), []),
        (lambda r: r.diary_entries(D(2018, 6, 1), D(2018, 6, 30)), [2018]),
        (lambda r: r.diary_on(D(2019, 5, 5)), [2019]),
        (lambda r: r.sessions(D(2019, 12, 31), D(2020, 1, 2)), [2019]),
        (lambda r: r.sessions(None, D(2017, 2, 1)), [2017]),
        (lambda r: r.diary_entries(D(2017, 12, 25), D(2019, 1, 5)), [2017, 2018, 2019]),
        (lambda r: r.flagged_diary_entries(D(2017, 1, 1), D(2020, 12, 31)), [2017, 2019]),
        (lambda r: r.flagged_diary_entries(D(2018, 1, 1), D(2018, 12, 31)), []),
        (lambda r: r.flagged_diary_entries(D(2019, 7, 11), D(2020, 12, 31)), []),
        (lambda r: r.plans(), []),
        (lambda r: r.settings(), []),
    ],
)
def test_only_the_archive_years_a_range_reaches_are_opened(
    closed: Path, monkeypatch: pytest.MonkeyPatch, query: Query, loaded: list[int]
) -> None:
    opened_years: list[int] = []
    real_load = Archives.load

    def spy(self: Archives, year: int) -> Any:
        opened_years.append(year)
        return real_load(self, year)

    monkeypatch.setattr(Archives, "load", spy)
    query(ReadOnlyRepository(closed))
    assert sorted(set(opened_years)) == loaded
    opened_years.clear()
    with opened(closed, LATER) as repo:
        assert opened_years == []  # opening (nothing to close) reads no archive
        query(repo)
    assert sorted(set(opened_years)) == loaded


# --- records saved for a closed year ---------------------------------------------------------
def test_a_record_saved_for_a_closed_year_shows_at_once_and_moves_at_the_next_open(
    closed: Path,
) -> None:
    before = export_of(closed)
    edited_day, new_day = D(2018, 1, 2), D(2018, 1, 3)  # logged before / never logged
    assert [e["date"] for e in before["diary"]].count(edited_day.isoformat()) == 1
    assert new_day.isoformat() not in [e["date"] for e in before["diary"]]
    edited = diary_entry(edited_day, note="edited later")
    added = diary_entry(new_day, note="added later")
    late = session(D(2018, 1, 5), sid="late-2018")
    with opened(closed, LATER) as repo:
        repo.save_diary(edited)
        repo.save_diary(added)
        repo.add_manual_session(late)
        for reader in (repo, ReadOnlyRepository(closed)):
            assert reader.diary_on(edited_day) == edited
            assert reader.diary_on(new_day) == added
            assert late in reader.sessions(D(2018, 1, 1), D(2018, 12, 31))
    # the history file holds the new copies, the archive still the old one: readers merge
    data = raw(closed)
    assert {d["date"] for d in data["diary"].values() if d["date"] < "2020"} == {
        edited_day.isoformat(),
        new_day.isoformat(),
    }
    after_save = export_of(closed)
    diary, sessions = counted(after_save)
    assert len(diary) == len(set(diary)) == len(before["diary"]) + 1
    assert len(sessions) == len(set(sessions)) == len(before["sessions"]) + 1

    with opened(closed, LATER):  # a few waiting records stay where they are
        pass
    assert raw(closed) == data
    assert export_of(closed) == after_save
    # once CLOSE_AT_OPEN_MIN_RECORDS wait (here in 2019 too), the next opening moves them all
    with opened(closed, LATER) as repo:
        save_late_days(repo, D(2019, 2, 1), CLOSE_AT_OPEN_MIN_RECORDS)
    after_save = export_of(closed)
    diary, sessions = counted(after_save)
    assert len(diary) == len(set(diary)) and len(sessions) == len(set(sessions))

    with opened(closed, LATER):
        pass
    data = raw(closed)
    assert all(d["date"] >= "2020" for t in ("diary", "sessions") for d in data[t].values())
    archived = json.loads(archive_path(closed, 2018).read_bytes())
    days = [d["date"] for d in archived["diary"].values()]
    assert days.count(edited_day.isoformat()) == 1 and days.count(new_day.isoformat()) == 1
    assert (
        codec.diary_from_doc(
            next(d for d in archived["diary"].values() if d["date"] == edited_day.isoformat())
        )
        == edited
    )
    assert [s["id"] for s in archived["sessions"].values()].count("late-2018") == 1
    late_2019 = [
        d["notes"]
        for d in json.loads(archive_path(closed, 2019).read_bytes())["diary"].values()
        if d["notes"].startswith("late ")
    ]
    assert sorted(late_2019) == sorted(f"late {n}" for n in range(CLOSE_AT_OPEN_MIN_RECORDS))
    assert export_of(closed) == after_save
    check_summaries(closed)
    summary = manifest_of(data)[2018]
    assert (summary["diary"], summary["sessions"]) == (
        len(archived["diary"]),
        len(archived["sessions"]),
    )


def save_late_days(repo: Repository, first: dt.date, count: int) -> None:
    """``count`` diary days from ``first`` saved (in one write) after their year closed."""
    with repo.store.batch():
        for n in range(count):
            repo.save_diary(diary_entry(first + dt.timedelta(days=n), note=f"late {n}"))


# --- files the history does not list, and damaged ones ---------------------------------------
@pytest.mark.parametrize("year", [2017, 2020])
def test_an_unlisted_archive_file_is_kept_and_read_and_its_records_count_once(
    closed: Path, year: int
) -> None:
    """Issue 26: nothing is deleted on the word of the index. 2017 as a move killed before the
    history file was written leaves it (its records back in the history file, the year not
    listed), 2020 an open year's file (a folder synced from a machine whose clock ran ahead).
    Either file holds a changed copy of a record the history file has (the history file's copy
    wins) and records found nowhere else (kept, read, and counted once)."""
    before = export_of(closed)
    stray = archive_path(closed, year)
    listed = year in CLOSED
    if listed:  # put its records back into the history file and unlist the year
        data = raw(closed)
        records = json.loads(stray.read_bytes())
        for table in ("diary", "sessions"):
            base = max(map(int, data[table]), default=0)
            for n, doc in enumerate(records[table].values(), start=1):
                data[table][str(base + n)] = doc
        data["archive"] = {k: v for k, v in data["archive"].items() if v["year"] != year}
        history_path(closed).write_text(json.dumps(data), encoding="utf-8")
    copy_day = D(year, 1, 1)  # the history file has an entry that day
    extra_day = D(year, 1, 2)  # and none that day
    assert copy_day.isoformat() in counted(before)[0]
    assert extra_day.isoformat() not in counted(before)[0]
    doc: dict[str, Any] = {
        "_meta": {"1": {"schema_version": SCHEMA_VERSION, "year": year}},
        "diary": {
            "1": codec.diary_to_doc(diary_entry(copy_day, note="stray copy")),
            "2": codec.diary_to_doc(diary_entry(extra_day, note="stray extra")),
        },
        "sessions": {"1": codec.session_to_doc(session(extra_day, sid="stray"))},
    }
    stray.write_text(json.dumps(doc), encoding="utf-8")
    (archive_folder(closed) / ".history-abc.tmp").write_bytes(b"{half")

    def check(export: dict[str, Any]) -> None:
        days, ids = counted(export)
        assert sorted(days) == sorted({*counted(before)[0], extra_day.isoformat()})
        assert sorted(ids) == sorted({*counted(before)[1], "stray"})
        notes = {e["date"]: e["notes"] for e in export["diary"]}
        assert notes[copy_day.isoformat()] != "stray copy"  # the history file's copy wins
        assert notes[extra_day.isoformat()] == "stray extra"

    check(export_of(closed))  # readers read it
    with opened(closed, LATER):
        pass
    assert temp_files(archive_folder(closed)) == []
    check(export_of(closed))
    assert stray.exists()  # never deleted
    if listed:  # the year closed again, merging the file's records with the history file's
        assert year in manifest_of(raw(closed))
        assert "stray extra" in stray.read_text() and "stray copy" not in stray.read_text()
    else:
        assert year not in manifest_of(raw(closed))
        assert json.loads(stray.read_bytes()) == doc  # an open year's file is left as it is
    assert archive_files(closed) == sorted(f"{y}.json" for y in {*CLOSED, year})


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:-40])


def _another_year(path: Path) -> None:
    path.write_bytes(archive_path(path.parent.parent, 2018).read_bytes())


def _bad_record(path: Path) -> None:
    data = json.loads(path.read_bytes())
    next(iter(data["diary"].values()))["morning_pain"] = "a lot"
    path.write_text(json.dumps(data), encoding="utf-8")


DAMAGE: dict[str, Callable[[Path], None]] = {
    "missing": lambda path: path.unlink(),
    "0 bytes": lambda path: path.write_bytes(b""),
    "truncated": _truncate,
    "not JSON": lambda path: path.write_bytes(b"\x00\xffnot json"),
    "wrong shape": lambda path: path.write_text('{"diary": [1, 2]}'),
    "another year's file": _another_year,
    "a bad record": _bad_record,
}


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_a_listed_archive_that_is_missing_or_damaged_is_named_and_nothing_is_rewritten(
    closed: Path, damage: str
) -> None:
    path = archive_path(closed, 2017)
    DAMAGE[damage](path)
    before = state(closed)

    def refused(query: Callable[[], Any]) -> None:
        with pytest.raises(CorruptDatabase) as caught:
            query()
        assert str(path) in str(caught.value)
        assert caught.value.path == path

    refused(lambda: ReadOnlyRepository(closed).diary_entries())
    refused(lambda: ReadOnlyRepository(closed).export_data())
    refused(lambda: ReadOnlyRepository(closed).diary_entries(D(2017, 1, 1), D(2017, 1, 31)))
    # what does not reach 2017 still works
    assert ReadOnlyRepository(closed).diary_entries(D(2018, 1, 1), None)
    with opened(closed, LATER) as repo:  # the writer opens: nothing to close
        refused(lambda: repo.diary_entries(None, D(2017, 12, 31)))
        save_late_days(repo, D(2017, 1, 2), CLOSE_AT_OPEN_MIN_RECORDS)
    after_save = state(closed)
    assert {k: v for k, v in after_save.items() if k != "history.json"} == {
        k: v for k, v in before.items() if k != "history.json"
    }
    # the next opening would move those records into the damaged year: a file that does not
    # read is never rewritten, so they wait in the history file and the opening goes on
    with opened(closed, LATER) as repo:
        assert len(repo.diary_entries(D(2018, 1, 1), None)) > 100
    assert state(closed) == after_save  # history file and archives byte for byte
    refused(lambda: ReadOnlyRepository(closed).diary_entries())
    assert ReadOnlyRepository(closed).diary_entries(D(2018, 1, 1), None)


def test_an_archive_from_a_newer_app_is_refused_and_named(closed: Path) -> None:
    path = archive_path(closed, 2019)
    data = json.loads(path.read_bytes())
    data["_meta"]["1"]["schema_version"] = SCHEMA_VERSION + 1
    path.write_text(json.dumps(data), encoding="utf-8")
    before = state(closed)
    with pytest.raises(SchemaTooNew) as caught:
        ReadOnlyRepository(closed).sessions(D(2019, 1, 1), D(2019, 2, 1))
    assert str(path) in str(caught.value)
    assert state(closed) == before


# --- the year summaries ------------------------------------------------------------------------
def check_summaries(data_dir: Path) -> dict[int, dict[str, Any]]:
    """Each closed year's summary says what its records say, under every plan begun by then."""
    manifest = manifest_of(raw(data_dir))
    repo = ReadOnlyRepository(data_dir)
    plans = repo.plans()
    for year, entry in manifest.items():
        first, last = D(year, 1, 1), D(year, 12, 31)
        diary, sessions = repo.diary_entries(first, last), repo.sessions(first, last)
        run = year_run(year, plans, sessions, diary)
        assert entry["diary"] == len(diary), year
        assert entry["sessions"] == len(sessions), year
        assert entry["flagged"] == sorted(e.date.isoformat() for e in diary if e.red_flags)
        assert entry["first_session"] == min(s.date for s in sessions).isoformat()
        assert entry["run"] == [run.days, run.whole], year
        begun = max(p.version for p in plans if p.start_date.year <= year)
        assert begun <= entry["plans"] <= plans[-1].version, year
    return manifest


def test_the_year_summaries_match_the_records(closed: Path) -> None:
    manifest = check_summaries(closed)
    assert sorted(manifest) == CLOSED
    assert manifest[2017]["flagged"] == ["2017-03-01"] and manifest[2018]["flagged"] == []
    assert manifest[2017]["first_session"] == "2017-01-01"
    assert stale_years(raw(closed)) == []


def test_a_back_dated_plan_marks_later_closed_years_stale_and_the_next_open_recomputes(
    closed: Path,
) -> None:
    before = manifest_of(raw(closed))
    with opened(closed, LATER) as repo:
        plan = repo.add_plan(other_exercises(), source="own", since=D(2018, 6, 1))
    assert plan.version == 2
    assert stale_years(raw(closed)) == [2018, 2019]  # 2017 ended before the plan began
    with opened(closed, LATER):
        pass
    after = check_summaries(closed)
    assert stale_years(raw(closed)) == []
    assert after[2017] == before[2017]
    assert after[2018]["plans"] == after[2019]["plans"] == 2
    files = state(closed)
    with opened(closed, LATER):
        pass
    assert state(closed) == files  # nothing left to recompute


def test_a_stale_year_that_cannot_be_decoded_does_not_stop_the_opening(closed: Path) -> None:
    """A bad record in a closed year is reported when it is read, not as a crash at start."""
    _bad_record(archive_path(closed, 2019))
    with opened(closed, LATER) as repo:
        repo.add_plan(other_exercises(), source="own", since=D(2019, 6, 1))
    with opened(closed, LATER) as repo:  # the refresh of 2019 cannot decode it
        assert repo.diary_entries(D(2020, 1, 1), None)
        with pytest.raises(CorruptDatabase):
            repo.diary_entries(D(2019, 1, 1), D(2019, 12, 31))


# --- backups as a set --------------------------------------------------------------------------
def test_a_daily_backup_restores_as_a_set(one_file: Path) -> None:
    day1, day2, day3 = D(2020, 4, 1), D(2021, 4, 1), D(2022, 4, 1)
    with opened(one_file, day1) as repo:  # closes 2017-2019
        repo.save_diary(diary_entry(D(2020, 3, 30), note="day 1"))
    as_on_day2 = export_of(one_file)  # what backups/history-<day2> will hold
    with opened(one_file, day2) as repo:  # closes 2020
        repo.save_diary(diary_entry(D(2018, 2, 2), note="into closed 2018"))
        repo.save_diary(diary_entry(D(2021, 3, 31), note="day 2"))
    with opened(one_file, day3) as repo:  # closes 2021 and moves the 2018 record
        repo.save_diary(diary_entry(D(2021, 1, 2), note="into closed 2021"))
    assert export_of(one_file) != as_on_day2
    backups = one_file / BACKUP_DIR
    assert sorted(p.name for p in (backups / f"archive-{day2}").iterdir()) == [
        f"{y}.json" for y in CLOSED
    ]
    assert not (backups / f"archive-{day1}").exists()  # nothing was archived on day 1 yet

    # a set never shares a file with the live archive; an unchanged year shares day 2's copy
    live = {p.name: p.stat().st_ino for p in archive_folder(one_file).iterdir()}
    sets = [backups / f"archive-{day2}", backups / f"archive-{day3}"]
    for folder in sets:
        assert all(p.stat().st_ino != live.get(p.name) for p in folder.iterdir())
    day2_copy, day3_copy = (folder / "2019.json" for folder in sets)
    assert day2_copy.stat().st_ino == day3_copy.stat().st_ino
    day3_before = {p.name: p.read_bytes() for p in sets[1].iterdir()}

    # restore the set with plain copies, as a person would: the history file, and the day's
    # archive folder in place of archive/ (a year's file left beside them is read: issue 26)
    shutil.copyfile(backups / f"history-{day2}.json", history_path(one_file))
    for live_file in archive_folder(one_file).iterdir():
        live_file.unlink()
    for saved in sets[0].iterdir():
        shutil.copyfile(saved, archive_folder(one_file) / saved.name)
    assert export_of(one_file) == as_on_day2
    assert {p.name: p.read_bytes() for p in sets[1].iterdir()} == day3_before
    with opened(one_file, day3) as repo:
        assert repo.export_data() == as_on_day2
    assert export_of(one_file) == as_on_day2
    assert archive_files(one_file) == [f"{y}.json" for y in sorted(manifest_of(raw(one_file)))]


# --- a failed write during the close ---------------------------------------------------------
@pytest.mark.parametrize("failing", ["history.json", "2018.json", "archive folder"])
def test_a_full_or_read_only_disk_during_the_close_leaves_the_history_as_it_was(
    one_file: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    expected = export_of(one_file)
    history = history_path(one_file)
    history_bytes = history.read_bytes()
    real_write = safe_storage.atomic_write_bytes

    def failing_write(path: Path, payload: bytes) -> None:
        if path.name == failing:
            raise WriteFailed(f"Could not save to {path}: the disk is full.", path)
        real_write(path, payload)

    real_mkdir = Path.mkdir

    def failing_mkdir(self: Path, *args: Any, **kwargs: Any) -> None:
        if self.name == "archive":
            raise PermissionError(13, "Permission denied", str(self))
        real_mkdir(self, *args, **kwargs)

    with monkeypatch.context() as m:
        m.setattr(safe_storage, "atomic_write_bytes", failing_write)
        m.setattr(year_close_module, "atomic_write_bytes", failing_write)
        if failing == "archive folder":
            m.setattr(Path, "mkdir", failing_mkdir)
        with opened(one_file, LATER) as repo:  # opens fine: the close is housekeeping
            assert repo.export_data() == expected
    assert history.read_bytes() == history_bytes
    assert archive_files(one_file) == []  # no stray year file
    assert temp_files(one_file) == []
    assert export_of(one_file) == expected
    with opened(one_file, LATER):  # the disk is back: the close happens now
        pass
    assert archive_files(one_file) == [f"{y}.json" for y in CLOSED]
    assert export_of(one_file) == expected


# --- exports and imports across versions ---------------------------------------------------------
def test_exports_keep_schema_version_2_and_old_exports_import(
    one_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An export of a one-file history is what the previous release wrote (schema 2)."""
    old_export = export_of(one_file)
    assert old_export["schema_version"] == RECORD_FORMAT_VERSION == 2
    export_file = tmp_path / "old-export.json"
    export_file.write_text(json.dumps(old_export), encoding="utf-8")

    fresh = tmp_path / "fresh"
    with opened(fresh, LATER) as repo:
        counts = repo.import_export(load_export(export_file), today=LATER)
        assert (counts.diary, counts.sessions) == (
            len(old_export["diary"]),
            len(old_export["sessions"]),
        )
        assert repo.export_data() == old_export
    assert archive_files(fresh) == [f"{y}.json" for y in CLOSED]  # the import closed them
    assert export_of(fresh) == old_export

    # the CLI: import (closes the years of the machine's today), export says schema 2
    cli_dir = tmp_path / "cli"
    assert cli_main(["--data-dir", str(cli_dir), "import", str(export_file)]) == 0
    assert sorted(manifest_of(raw(cli_dir))) == [2017, 2018, 2019, 2020, 2021]
    capsys.readouterr()
    assert cli_main(["--data-dir", str(cli_dir), "export", "--format", "json"]) == 0
    new_export = json.loads(capsys.readouterr().out)
    assert new_export["schema_version"] == 2
    assert new_export == old_export
    # and an import of that into a history that has it all adds nothing
    with opened(cli_dir, LATER) as repo:
        counts = repo.import_export(new_export, today=LATER)
    assert (counts.diary, counts.sessions, counts.plans) == (0, 0, 0)
    assert export_of(cli_dir) == old_export


def test_a_cli_save_never_moves_years_but_the_app_opening_does(one_file: Path) -> None:
    """A one-shot command's save costs the same every time; the app's opening does the move."""
    with opened(one_file, NOTHING_CLOSED) as repo:
        save_late_days(repo, D(2016, 1, 1), CLOSE_AT_OPEN_MIN_RECORDS)
    before = export_of(one_file)
    assert cli_main(["--data-dir", str(one_file), "log", "--date", "2020-06-01",
                     "--morning-pain", "2"]) == 0  # fmt: skip
    assert archive_files(one_file) == []  # the closable years waited
    with opened(one_file, LATER):  # the app: moves them
        pass
    assert archive_files(one_file) == ["2016.json", "2017.json", "2018.json", "2019.json"]
    after = export_of(one_file)
    assert len(after["diary"]) == len(before["diary"]) + 1
