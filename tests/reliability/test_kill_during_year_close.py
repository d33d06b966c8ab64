"""SIGKILL and SIGINT at random moments while a writer opens a history that has years to close.

Two histories, each copied fresh for every run:
- "close": a schema-3 history whose file holds five closable years (2017-2021, a diary entry
  and a session a day), opened on a day when they are all closed;
- "migration": the real schema-2 single-file history of the previous release
  (tests/fixtures/ten-year-history-v2.json.gz, 2016-2026): the opening backs it up, migrates
  it, then closes ten years.

A writer subprocess (helpers/open_history.py) opens it and is signalled at a random moment:
two runs in three watch for the move's first archive file and signal within the move's
measured length, the others at any moment of the opening (migration, backup, move). After
each signal the history must read (no lock) exactly as before: every record once, nothing
lost, nothing duplicated; the next writer opening must finish the job: schema 3, every closed
year in its file and listed, no temp file anywhere, no archive file the history does not
list, and the same records again.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import random
import shutil
import signal
import statistics
import subprocess
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from achilles_tui.domain.models import DiaryEntry, Effort, RepRecord, SessionLog, Side
from achilles_tui.storage import codec
from achilles_tui.storage.archive import archive_folder, is_closed, manifest_of
from achilles_tui.storage.database import HistoryStore
from achilles_tui.storage.errors import StorageError
from achilles_tui.storage.locations import BACKUP_DIR, history_path
from achilles_tui.storage.migrations import SCHEMA_VERSION, schema_version
from achilles_tui.storage.repository import ReadOnlyRepository, Repository
from tests.storage._support import exercises, lock_is_free

HELPER = Path(__file__).parent / "helpers" / "open_history.py"
FIXTURE = Path(__file__).parent.parent / "fixtures" / "ten-year-history-v2.json.gz"
# per history: (SIGKILL, SIGINT); the migration runs read 7,300 records twice, so fewer
RUNS = {"close": (14, 6), "migration": (10, 5)}
TABLES = ("assessments", "plans", "sessions", "diary", "reviews")


@dataclass
class Scenario:
    name: str
    source: Path  # the data folder every run starts from
    today: dt.date
    closed_years: list[int]
    reference: dict[str, Any] = field(default_factory=dict)  # its export, read before any run


@dataclass
class Outcome:
    name: str
    sigkills: int = 0
    sigints: int = 0
    before_move: int = 0  # the kill left no trace of a move (migration or close not begun)
    mid_move: int = 0  # archive files (or their temp files) written, the history not yet
    moved: int = 0  # the history file already listed every closed year
    mid_write: int = 0  # a temp file was left (the kill landed inside some atomic write)
    lost: int = 0
    duplicated: int = 0
    problems: list[str] = field(default_factory=list)


def build_close_source(data_dir: Path) -> Scenario:
    """Five years in one schema-3 file, written on a day when none of them was closed yet."""
    first, last = dt.date(2017, 1, 1), dt.date(2021, 12, 31)
    diary, sessions = [], []
    day = first
    while day <= last:
        n = (day - first).days
        diary.append(
            codec.diary_to_doc(
                DiaryEntry(
                    day, n % 11, n % 60, notes=f"day {n}", red_flags=("pop",) if n % 97 == 0 else ()
                )
            )
        )
        start = dt.datetime.combine(day, dt.time(7, 0))
        sessions.append(
            codec.session_to_doc(
                SessionLog(
                    id=f"s{n:05d}",
                    date=day,
                    plan_version=1,
                    started_at=start,
                    ended_at=start + dt.timedelta(minutes=8),
                    reps=tuple(RepRecord(0, Side.BOTH, r, 45) for r in range(1, 5)),
                    pain_during=n % 4,
                    effort=Effort.CHALLENGING,
                    complete=True,
                    source="manual",
                    reps_planned=4,
                )
            )
        )
        day += dt.timedelta(days=1)
    written_on = dt.date(2018, 1, 1)
    store = HistoryStore(data_dir, lock_timeout=10.0).open(today=written_on)
    try:
        repo = Repository(store)
        repo.add_plan(exercises(), source="own", created=dt.datetime(2016, 12, 1, 8, 0))
        repo.import_export({"diary": diary, "sessions": sessions}, today=written_on)
    finally:
        store.close()
    assert not archive_folder(data_dir).exists()
    return Scenario("close", data_dir, dt.date(2022, 6, 1), [2017, 2018, 2019, 2020, 2021])


def build_migration_source(data_dir: Path) -> Scenario:
    """The previous release's 10-year file, as it would sit in a user's data folder."""
    data_dir.mkdir(parents=True)
    history_path(data_dir).write_bytes(gzip.decompress(FIXTURE.read_bytes()))
    data = json.loads(history_path(data_dir).read_bytes())
    assert schema_version(data) == 2 and "archive" not in data
    today = dt.date(2026, 12, 1)
    years = sorted({int(d["date"][:4]) for d in data["diary"].values()})
    return Scenario("migration", data_dir, today, [y for y in years if is_closed(y, today)])


KEYS = {"assessments": "id", "plans": "version", "sessions": "id", "diary": "date"}


def tally(tables: dict[str, list[dict[str, Any]]]) -> Counter[tuple[str, object]]:
    """Every record by its key (reviews by content), as often as it is there."""
    return Counter(
        (table, record.get(KEYS[table]) if table in KEYS else json.dumps(record, sort_keys=True))
        for table in TABLES
        for record in tables.get(table, [])
    )


def compare(
    scenario: Scenario, tables: dict[str, list[dict[str, Any]]], outcome: Outcome, context: str
) -> None:
    """Lost and duplicated records by key; then the records themselves, field for field."""
    want, got = tally(scenario.reference), tally(tables)
    lost, extra = sum((want - got).values()), sum((got - want).values())
    outcome.lost += lost
    outcome.duplicated += extra
    if lost or extra:
        outcome.problems.append(f"{context}: {lost} records lost, {extra} extra or duplicated")
    elif any(
        _by_key(table, tables) != _by_key(table, scenario.reference)
        for table in ("sessions", "diary")
    ):
        outcome.problems.append(f"{context}: a record changed")


def _by_key(table: str, tables: dict[str, list[dict[str, Any]]]) -> dict[object, Any]:
    return {record[KEYS[table]]: record for record in tables[table]}


def stored_records(run: Path) -> dict[str, list[dict[str, Any]]]:
    """The diary and sessions as the files hold them: the history file and every archive."""
    files = [history_path(run), *sorted(archive_folder(run).glob("*.json"))]
    docs = [json.loads(path.read_bytes()) for path in files]
    return {
        table: [record for doc in docs for record in (doc.get(table) or {}).values()]
        for table in ("sessions", "diary")
    }


def all_temp_files(data_dir: Path) -> list[Path]:
    return sorted(data_dir.rglob(".history-*.tmp"))


def spawn(data_dir: Path, today: dt.date) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, str(HELPER), str(data_dir), str(today.toordinal())],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    assert line == "ready\n", (
        f"helper did not start: {line!r} {proc.stderr.read() if proc.stderr else ''}"
    )
    return proc


def measure_window(scenario: Scenario, tmp: Path) -> tuple[float, float]:
    """When the move begins (the first archive file appears) and when the opening is done,
    in seconds after "ready", on this machine now (medians of three openings)."""
    moves, opens = [], []
    for n in range(3):
        run = tmp / f"measure-{n}"
        shutil.copytree(scenario.source, run)
        proc = spawn(run, scenario.today)
        start = time.perf_counter()
        folder = archive_folder(run)
        while not (folder.is_dir() and any(folder.iterdir())):
            assert time.perf_counter() - start < 30, "the opening never began the move"
            time.sleep(0.0005)
        moves.append(time.perf_counter() - start)
        assert proc.stdout is not None
        line = proc.stdout.readline()
        opens.append(time.perf_counter() - start)
        proc.kill()
        proc.wait()
        assert line.startswith("opened "), line
        shutil.rmtree(run)
    return statistics.median(moves), statistics.median(opens)


def wait_for_the_move(run: Path, done: float) -> None:
    """Return once the opening has begun writing archive files (or should have finished)."""
    folder = archive_folder(run)
    deadline = time.perf_counter() + done * 3 + 1.0
    while not (folder.is_dir() and any(folder.iterdir())) and time.perf_counter() < deadline:
        time.sleep(0.0005)


def classify(run: Path, scenario: Scenario, outcome: Outcome, context: str) -> None:
    """Where the kill landed, read from what it left on disk."""
    try:
        data = json.loads(history_path(run).read_bytes())
    except (OSError, ValueError) as exc:
        outcome.problems.append(f"{context}: the history file does not parse: {exc}")
        return
    listed = set(manifest_of(data))
    files = {int(p.stem) for p in archive_folder(run).glob("*.json") if p.stem.isdigit()}
    archive_temps = list(archive_folder(run).glob(".history-*.tmp"))
    if all_temp_files(run):
        outcome.mid_write += 1
    if listed == set(scenario.closed_years):
        outcome.moved += 1
    elif files - listed or archive_temps:
        outcome.mid_move += 1
    else:
        outcome.before_move += 1
    if schema_version(data) < SCHEMA_VERSION and listed:
        outcome.problems.append(f"{context}: an unmigrated file lists archives")


def check_next_open(run: Path, scenario: Scenario, outcome: Outcome, context: str) -> None:
    """The next writer finishes the migration and the close and leaves nothing behind."""
    HistoryStore(run, lock_timeout=10.0).open(today=scenario.today).close()
    data = json.loads(history_path(run).read_bytes())
    files = sorted(int(p.stem) for p in archive_folder(run).glob("*.json"))
    if schema_version(data) != SCHEMA_VERSION:
        outcome.problems.append(f"{context}: schema {schema_version(data)} after the next open")
    if sorted(manifest_of(data)) != scenario.closed_years or files != scenario.closed_years:
        outcome.problems.append(f"{context}: listed {sorted(manifest_of(data))}, files {files}")
    if all_temp_files(run):
        outcome.problems.append(f"{context}: temp files left: {all_temp_files(run)}")
    if any(int(d["date"][:4]) in files for t in ("diary", "sessions") for d in data[t].values()):
        outcome.problems.append(f"{context}: records of closed years left in the history file")
    if scenario.name == "migration":
        original = gzip.decompress(FIXTURE.read_bytes())
        kept = list((run / BACKUP_DIR).glob("before-migration-*.json"))
        if not any(path.read_bytes() == original for path in kept):
            outcome.problems.append(f"{context}: no backup of the schema-2 file")
    # each record is in exactly one file now: count them there (a full read was done before)
    compare(scenario, {**scenario.reference, **stored_records(run)}, outcome, f"{context}, files")


def inject(scenario: Scenario, tmp: Path, seed: int) -> Outcome:
    rng = random.Random(seed)
    outcome = Outcome(scenario.name)
    scenario.reference = ReadOnlyRepository(scenario.source).export_data()
    move, done = measure_window(scenario, tmp)
    kills, interrupts = RUNS[scenario.name]
    schedule = [signal.SIGKILL] * kills + [signal.SIGINT] * interrupts
    rng.shuffle(schedule)
    for n, sig in enumerate(schedule):
        context = f"{scenario.name} {sig.name} run {n}"
        run = tmp / f"run-{n}"
        shutil.copytree(scenario.source, run)
        proc = spawn(run, scenario.today)
        try:
            if n % 3 == 2:  # any moment of the opening: migration, backup, move
                time.sleep(rng.uniform(0.0, done))
            else:  # a moment of the move: once its first file shows, within its length
                wait_for_the_move(run, done)
                time.sleep(rng.uniform(0.0, (done - move) * 1.1))
            proc.send_signal(sig)
            code = proc.wait(timeout=30)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        if sig is signal.SIGKILL:
            outcome.sigkills += 1
            assert code == -signal.SIGKILL, f"{context}: exit {code}"
        else:
            outcome.sigints += 1
            err = proc.stderr.read() if proc.stderr else ""
            assert code == 130, f"{context}: exit {code}: {err}"
            assert "Traceback" not in err, err
        if not lock_is_free(run):
            outcome.problems.append(f"{context}: the lock was not released")
        classify(run, scenario, outcome, context)
        try:
            export = ReadOnlyRepository(run).export_data()  # a reader, before any writer
            compare(scenario, export, outcome, f"{context}, reader")
            if export != scenario.reference:
                outcome.problems.append(f"{context}: the reader's export differs")
            check_next_open(run, scenario, outcome, context)
        except (ValueError, StorageError) as exc:
            outcome.problems.append(f"{context}: {type(exc).__name__}: {exc}")
        shutil.rmtree(run)
    return outcome


def test_kills_during_the_year_close_and_the_migration_lose_and_duplicate_nothing(
    tmp_path: Path,
) -> None:
    scenarios = [
        build_close_source(tmp_path / "close-source"),
        build_migration_source(tmp_path / "migration-source"),
    ]
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = [
            pool.submit(inject, scenario, tmp_path / scenario.name, 20261130 + n)
            for n, scenario in enumerate(scenarios)
        ]
        outcomes = [future.result() for future in futures]

    sigkills = sum(o.sigkills for o in outcomes)
    sigints = sum(o.sigints for o in outcomes)
    mid_move = sum(o.mid_move for o in outcomes)
    lost = sum(o.lost for o in outcomes)
    duplicated = sum(o.duplicated for o in outcomes)
    print(
        f"\nkills during the year close: {sigkills} SIGKILL, {sigints} SIGINT, "
        f"{mid_move} kills landed mid-move, {lost} lost, {duplicated} duplicated"
    )
    for o in outcomes:
        print(
            f"  {o.name}: {o.sigkills} SIGKILL, {o.sigints} SIGINT; {o.before_move} before the "
            f"move, {o.mid_move} mid-move, {o.moved} after it; {o.mid_write} inside a write; "
            f"{o.lost} lost, {o.duplicated} duplicated"
        )
    problems = [problem for o in outcomes for problem in o.problems]
    assert problems == [], problems[:5]
    assert lost == duplicated == 0
    assert sigkills == sum(k for k, _ in RUNS.values()) and sigints == sum(
        i for _, i in RUNS.values()
    )
    assert mid_move > 0, "no signal landed inside a move: the test proved little"
