"""Issue 26: nothing is deleted on the word of a damaged archive index, and `doctor` repairs.

A history whose 2017 and 2018 are closed (archive/2017.json, archive/2018.json, listed in the
history file's ``archive`` table). Damage to the table is refused like any damaged record,
naming the newest backup; a table that is gone leaves the year files unlisted, and they are
kept and read; ``doctor`` reports it, ``doctor --merge`` and ``doctor --restore`` repair it,
each after a backup, and a refused repair changes nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from achilles_tui.cli import main
from achilles_tui.domain.models import DiaryEntry, Effort, RepRecord, SessionLog, Side
from achilles_tui.storage.archive import archive_folder, archive_path, manifest_of
from achilles_tui.storage.database import HistoryStore, backup_once_a_day
from achilles_tui.storage.locations import BACKUP_DIR, history_path
from achilles_tui.storage.repository import ReadOnlyRepository, Repository

from ._support import exercises

FIRST = dt.date(2017, 1, 1)
LAST = dt.date(2019, 5, 31)
LATER = dt.date(2019, 6, 30)  # 2017 and 2018 are closed
CLOSED = [2017, 2018]


def _build(data_dir: Path) -> None:
    store = HistoryStore(data_dir, lock_timeout=1.0).open(today=FIRST)
    try:
        repo = Repository(store)
        with store.batch():
            repo.add_plan(exercises(), source="own", created=dt.datetime(2016, 12, 1, 8, 0))
            day = FIRST
            while day <= LAST:
                n = (day - FIRST).days
                if n % 2 == 0:
                    repo.save_diary(DiaryEntry(day, n % 9, red_flags=("pop",) if n == 60 else ()))
                if n % 3 == 0:
                    start = dt.datetime.combine(day, dt.time(7, 0))
                    repo.add_manual_session(
                        SessionLog(
                            id=f"s{n}",
                            date=day,
                            plan_version=1,
                            started_at=start,
                            ended_at=start + dt.timedelta(minutes=4),
                            reps=(RepRecord(0, Side.BOTH, 1, 20),),
                            pain_during=1,
                            effort=Effort.CHALLENGING,
                            complete=True,
                            source="manual",
                            reps_planned=1,
                        )
                    )
                day += dt.timedelta(days=1)
    finally:
        store.close()
    with HistoryStore(data_dir, lock_timeout=1.0).open(today=LATER):
        pass  # the app's opening moves 2017 and 2018 out
    backup_once_a_day(history_path(data_dir), dt.date(2019, 7, 1))  # a daily set of this state


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data_dir = tmp_path_factory.mktemp("damaged-index") / "data"
    _build(data_dir)
    assert sorted(manifest_of(raw(data_dir))) == CLOSED
    return data_dir


@pytest.fixture
def closed(built: Path, tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(built, target)
    return target


def raw(data_dir: Path) -> dict[str, Any]:
    return json.loads(history_path(data_dir).read_bytes())  # type: ignore[no-any-return]


def write_raw(data_dir: Path, data: dict[str, Any]) -> None:
    history_path(data_dir).write_text(json.dumps(data), encoding="utf-8")


def files(data_dir: Path) -> dict[str, bytes]:
    """history.json and archive/*: what must stay byte for byte when something is refused."""
    found = {"history.json": history_path(data_dir).read_bytes()}
    for path in sorted(archive_folder(data_dir).iterdir()):
        found[f"archive/{path.name}"] = path.read_bytes()
    return found


def keys(data_dir: Path) -> tuple[list[str], list[str]]:
    export = ReadOnlyRepository(data_dir).export_data()
    return sorted(e["date"] for e in export["diary"]), sorted(s["id"] for s in export["sessions"])


def cli(capsys: pytest.CaptureFixture[str], data_dir: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data_dir), *args])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def test_a_year_listed_as_text_is_refused_naming_the_backup_and_deletes_nothing(
    closed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The hostile-import case: the next `log` used to delete archive/2017.json."""
    expected = keys(closed)
    data = raw(closed)
    for entry in data["archive"].values():
        entry["year"] = str(entry["year"])
    write_raw(closed, data)
    before = files(closed)
    for args in (("log", "--morning-pain", "2"), ("status",), ("export",), ("sessions",)):
        code, out, err = cli(capsys, closed, *args)
        assert code == 1, args
        assert "archive record 1: year" in err and "history-2019-07-01.json" in err
        assert len(err.strip().splitlines()) == 1
    assert files(closed) == before  # nothing deleted, nothing rewritten

    code, out, _ = cli(capsys, closed, "doctor")
    assert code == 1 and "archive index: DAMAGED" in out
    assert files(closed) == before
    code, out, _ = cli(capsys, closed, "doctor", "--merge")
    assert code == 0 and "Backup first:" in out and "Nothing to repair." in out
    # listed again (and 2019, closed by now, moved as the app would move it)
    assert set(CLOSED) <= set(manifest_of(raw(closed)))
    assert keys(closed) == expected
    assert list((closed / BACKUP_DIR).glob("before-doctor-*.json"))


def test_a_lost_archive_table_leaves_the_years_unlisted_kept_and_read(
    closed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    expected = keys(closed)
    data = raw(closed)
    del data["archive"]
    write_raw(closed, data)
    year_files = {y: archive_path(closed, y).read_bytes() for y in CLOSED}

    assert keys(closed) == expected  # read from the unlisted files, each record once
    flagged = ReadOnlyRepository(closed).flagged_diary_entries(None, LAST)
    assert [e.date for e in flagged] == [FIRST + dt.timedelta(days=60)]  # not hidden
    assert cli(capsys, closed, "log", "--morning-pain", "2")[0] == 0
    assert cli(capsys, closed, "status")[0] == 0
    with HistoryStore(closed, lock_timeout=1.0).open(today=LATER):
        pass  # the app opens: nothing to move, nothing deleted
    assert {y: archive_path(closed, y).read_bytes() for y in CLOSED} == year_files

    code, out, _ = cli(capsys, closed, "doctor")
    assert code == 1 and out.count("NOT LISTED") == 2 and "0 also in history.json" in out
    code, out, _ = cli(capsys, closed, "doctor", "--merge")
    assert code == 0 and set(CLOSED) <= set(manifest_of(raw(closed)))
    days, ids = keys(closed)
    assert (days, ids) == (sorted({*expected[0], dt.date.today().isoformat()}), expected[1])


def test_a_year_listed_twice_is_refused(closed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = raw(closed)
    first = next(iter(data["archive"].values()))
    data["archive"]["9"] = dict(first)
    write_raw(closed, data)
    before = files(closed)
    code, _, err = cli(capsys, closed, "status")
    assert code == 1 and "listed twice" in err
    assert files(closed) == before


def test_a_listed_years_missing_file_is_named_and_restored_from_a_backup_set(
    closed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    expected = keys(closed)
    archive_path(closed, 2018).unlink()
    before = files(closed)
    code, _, err = cli(capsys, closed, "export")
    assert code == 1 and "2018.json is missing" in err
    # daily use needs only 2018's summary (its warning signs: none)
    assert cli(capsys, closed, "status")[0] == 0
    assert files(closed) == before
    code, out, _ = cli(capsys, closed, "doctor")
    assert code == 1 and "archive/2018.json: listed, but MISSING" in out

    code, out, _ = cli(capsys, closed, "doctor", "--restore", "2019-07-01")
    assert code == 0 and "Nothing to repair." in out
    assert keys(closed) == expected
    saved = sorted((closed / BACKUP_DIR).glob("before-restore-*.json"))
    assert saved and saved[-1].read_bytes() == before["history.json"]


def test_a_restore_puts_the_set_back_exactly_after_a_backup(
    closed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    set_files = files(closed)
    assert cli(capsys, closed, "log", "--morning-pain", "3")[0] == 0
    stray = archive_path(closed, 2016)
    stray.write_text(
        json.dumps(
            {
                "_meta": {"1": {"schema_version": 3, "year": 2016}},
                "diary": {"1": {"date": "2016-12-30", "morning_pain": 1}},
            }
        ),
        encoding="utf-8",
    )
    now = files(closed)
    code, _, _ = cli(capsys, closed, "doctor", "--restore", "2019-07-01")
    assert code == 0
    assert files(closed) == set_files
    kept = sorted((closed / BACKUP_DIR).glob("before-restore-*"))
    folder = next(p for p in kept if p.is_dir())
    assert (folder / "2016.json").read_bytes() == now["archive/2016.json"]  # saved first


@pytest.mark.parametrize("name", ["2001-01-01", "nonsense"])
def test_a_restore_of_a_set_that_is_not_there_changes_nothing(
    closed: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    before = files(closed)
    code, _, err = cli(capsys, closed, "doctor", "--restore", name)
    assert code == 1 and "There is no backup set" in err
    assert files(closed) == before


def test_a_damaged_backup_is_not_restored(closed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (closed / BACKUP_DIR / "history-2019-07-01.json").write_bytes(b'{"diary": [')
    before = files(closed)
    code, _, err = cli(capsys, closed, "doctor", "--restore", "2019-07-01")
    assert code == 1 and "cannot be restored" in err
    assert files(closed) == before


def test_a_garbage_unlisted_file_is_kept_and_named_and_saves_still_work(
    closed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    garbage = archive_path(closed, 2016)
    garbage.write_bytes(b"\x00garbage")
    code, out, err = cli(capsys, closed, "log", "--morning-pain", "2")
    assert "Saved" in out or "Diary saved" in out
    assert code == 0
    assert garbage.read_bytes() == b"\x00garbage"
    code, _, err = cli(capsys, closed, "export")
    assert code == 1 and "2016.json" in err
    with HistoryStore(closed, lock_timeout=1.0).open(today=LATER):
        pass
    assert garbage.read_bytes() == b"\x00garbage"
    code, out, _ = cli(capsys, closed, "doctor")
    assert code == 1 and "archive/2016.json: DAMAGED" in out
