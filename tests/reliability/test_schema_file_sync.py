"""Issue 26: a data folder kept in sync between two machines (Dropbox, Syncthing) loses no
record and counts none twice, in whichever order the files arrive.

Machine A opens the app on a day that closes 2017 and 2018: it writes archive/2017.json,
archive/2018.json, then history.json. Machine B, which had the folder as it was, receives
those three files one at a time, in every order. Before the first and after each arrival B
reads (an export), and in some runs also opens the app (a writer that may move years itself).
When B wrote a file that A also sent, the sync tool keeps one of the two: every run is played
both ways (A's copy wins, B's copy wins). After the last arrival, every diary day and session
is there exactly once, an opening of the app still finds them all, and every listed year's
file is there; no file is ever deleted along the way.
"""

from __future__ import annotations

import datetime as dt
import itertools
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from achilles_tui.domain.models import DiaryEntry, Effort, RepRecord, SessionLog, Side
from achilles_tui.storage.archive import archive_folder, manifest_of, read_archive
from achilles_tui.storage.database import HistoryStore
from achilles_tui.storage.errors import CorruptDatabase
from achilles_tui.storage.locations import history_path
from achilles_tui.storage.repository import ReadOnlyRepository, Repository
from achilles_tui.storage.safe_storage import read_history_file
from tests.storage._support import exercises

FIRST = dt.date(2017, 1, 1)
LAST = dt.date(2019, 6, 20)
BEFORE = dt.date(2018, 3, 31)  # nothing is closed yet (2017 closes the next day)
LATER = dt.date(2019, 6, 30)  # 2017 and 2018 close
CLOSING = ("archive/2017.json", "archive/2018.json", "history.json")


def _build(data_dir: Path) -> None:
    store = HistoryStore(data_dir, lock_timeout=1.0).open(today=BEFORE)
    try:
        repo = Repository(store)
        with store.batch():
            repo.add_plan(exercises(), source="own", created=dt.datetime(2016, 12, 1, 8, 0))
            day = FIRST
            while day <= LAST:
                n = (day - FIRST).days
                repo.save_diary(DiaryEntry(day, n % 7, red_flags=("pop",) if n == 40 else ()))
                if n % 2 == 0:
                    start = dt.datetime.combine(day, dt.time(7, 30))
                    repo.add_manual_session(
                        SessionLog(
                            id=f"s{day.isoformat()}",
                            date=day,
                            plan_version=1,
                            started_at=start,
                            ended_at=start + dt.timedelta(minutes=5),
                            reps=(RepRecord(0, Side.BOTH, 1, 30),),
                            pain_during=2,
                            effort=Effort.CHALLENGING,
                            complete=True,
                            source="manual",
                            reps_planned=1,
                        )
                    )
                day += dt.timedelta(days=1)
    finally:
        store.close()


def files_of(data_dir: Path) -> dict[str, bytes]:
    """history.json and the year files: what a sync tool carries."""
    found = {"history.json": history_path(data_dir).read_bytes()}
    folder = archive_folder(data_dir)
    if folder.is_dir():
        for path in folder.glob("*.json"):
            found[f"archive/{path.name}"] = path.read_bytes()
    return found


@pytest.fixture(scope="module")
def machines(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes]]:
    """The folder as both machines had it, and the files A's close wrote."""
    root = tmp_path_factory.mktemp("sync")
    shared = root / "shared"
    _build(shared)
    assert not archive_folder(shared).exists()
    machine_a = root / "a"
    shutil.copytree(shared, machine_a)
    with HistoryStore(machine_a, lock_timeout=1.0).open(today=LATER):
        pass
    sent = {name: data for name, data in files_of(machine_a).items()}
    assert sorted(sent) == sorted(CLOSING)
    assert sorted(manifest_of(read_history_file(history_path(machine_a)) or {})) == [2017, 2018]
    return shared, sent


def expected_keys() -> tuple[list[str], list[str]]:
    days = [(FIRST + dt.timedelta(days=n)).isoformat() for n in range((LAST - FIRST).days + 1)]
    return days, [f"s{d}" for i, d in enumerate(days) if i % 2 == 0]


def read_everything(data_dir: Path) -> dict[str, Any] | None:
    """The export a reader sees; None when it refuses because a listed year's file has not
    arrived yet (nothing is lost: the file is on its way)."""
    try:
        return ReadOnlyRepository(data_dir).export_data()
    except CorruptDatabase as exc:
        assert "is missing" in str(exc), exc
        return None


def check_once_each(export: dict[str, Any]) -> None:
    """Every record there, none twice."""
    days, ids = expected_keys()
    assert sorted(e["date"] for e in export["diary"]) == days
    assert sorted(s["id"] for s in export["sessions"]) == sorted(ids)


def check_intermediate(data_dir: Path) -> None:
    """While files are on their way a read is complete or refuses; never short, never double."""
    export = read_everything(data_dir)
    if export is not None:
        check_once_each(export)
    # what does not reach the closed years always works (a day this year)
    repo = ReadOnlyRepository(data_dir)
    assert repo.diary_entries(LAST, LAST)


def _scenarios() -> Iterator[tuple[tuple[str, ...], tuple[bool, ...], str]]:
    for order in itertools.permutations(CLOSING):
        for opens in itertools.product((False, True), repeat=len(CLOSING) + 1):
            if not any(opens[:-1]):
                # B never wrote: one conflict policy is enough
                yield order, opens, "A wins"
                continue
            for winner in ("A wins", "B wins"):
                yield order, opens, winner


SCENARIOS = list(_scenarios())


def _scenario_id(order: tuple[str, ...], opens: tuple[bool, ...], winner: str) -> str:
    """e.g. 2018>hist>2017-o..o-B: arrival order, where B opened the app, whose copy won."""
    arrived = ">".join(name.split("/")[-1][:4] for name in order)
    return f"{arrived}-{''.join('o' if o else '.' for o in opens)}-{winner[0]}"


@pytest.mark.parametrize(
    ("order", "opens", "winner"),
    SCENARIOS,
    ids=[_scenario_id(*scenario) for scenario in SCENARIOS],
)
def test_no_record_is_lost_or_counted_twice_in_any_arrival_order(
    machines: tuple[Path, dict[str, bytes]],
    tmp_path: Path,
    order: tuple[str, ...],
    opens: tuple[bool, ...],
    winner: str,
) -> None:
    shared, sent = machines
    machine_b = tmp_path / "b"
    shutil.copytree(shared, machine_b)
    written_by_b: set[str] = set()
    seen: set[str] = set()

    def b_opens_the_app() -> None:
        before = files_of(machine_b)
        with HistoryStore(machine_b, lock_timeout=1.0).open(today=LATER):
            pass
        after = files_of(machine_b)
        assert set(before) <= set(after), "an opening deleted a file"
        written_by_b.update(name for name in after if after[name] != before.get(name))

    for step in range(len(order) + 1):
        if step:
            name = order[step - 1]
            target = machine_b / name
            if name in written_by_b and winner == "B wins":
                pass  # B's newer copy stays; A's becomes the tool's conflict copy
            else:
                target.parent.mkdir(mode=0o700, exist_ok=True)
                target.write_bytes(sent[name])
        seen.update(files_of(machine_b))
        check_intermediate(machine_b)
        if opens[step]:
            b_opens_the_app()
            check_intermediate(machine_b)
        assert set(files_of(machine_b)) >= seen, "a file was deleted"

    final = read_everything(machine_b)
    assert final is not None, "every file has arrived, yet a listed year's file is missing"
    check_once_each(final)
    data = read_history_file(history_path(machine_b)) or {}
    for year in manifest_of(data):  # every listed year's file is there and reads
        read_archive(archive_folder(machine_b) / f"{year}.json", year)
    b_opens_the_app()
    check_once_each(ReadOnlyRepository(machine_b).export_data())
    assert ReadOnlyRepository(machine_b).flagged_diary_entries(None, LAST)[0].date == FIRST + (
        dt.timedelta(days=40)
    )
