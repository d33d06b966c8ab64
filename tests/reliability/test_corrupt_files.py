"""A damaged history file of every kind, through the real CLI: exit 1, the file named, untouched.

Each case starts from a valid history (a plan, a session and a diary day on 2024-03-01)
and damages it: empty, cut short, random bytes, invalid UTF-8, a wrong shape, records
with out-of-range or wrongly typed values, a schema from a newer version. Readers
(`export`, `status`, `sessions --json`, `plan --json`) and a writer (`log` for the
damaged day) must all refuse with exit 1, name the file, print no traceback, and leave
the file exactly as it was.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from achilles_tui.domain.models import DiaryEntry, Effort, RepRecord, SessionLog, Side
from achilles_tui.storage.database import HistoryStore
from achilles_tui.storage.locations import history_path
from achilles_tui.storage.repository import Repository
from tests.cli.run import run_cli
from tests.storage._support import DAY, exercises, file_state, temp_files

COMMANDS: dict[str, list[str]] = {
    "log": ["log", "--date", DAY.isoformat(), "--morning-pain", "2", "--note", "ok"],
    "export": ["export"],
    "status": ["status"],
    "sessions --json": ["sessions", "--json"],
    "plan --json": ["plan", "--json"],
}


def valid_history(data_dir: Path) -> bytes:
    """A small, valid history; returns its bytes."""
    with HistoryStore(data_dir) as store:
        repo = Repository(store)
        plan = repo.add_plan(exercises(), source="own")
        start = dt.datetime.combine(DAY, dt.time(8, 0))
        repo.add_manual_session(
            SessionLog(
                id="s1",
                date=DAY,
                plan_version=plan.version,
                started_at=start,
                ended_at=start + dt.timedelta(minutes=5),
                reps=(RepRecord(0, Side.BOTH, 1, 45),),
                pain_during=3,
                effort=Effort.CHALLENGING,
                source="manual",
            )
        )
        repo.save_diary(DiaryEntry(DAY, 3, 10, notes="morning"))
    return history_path(data_dir).read_bytes()


def _edit(change: Callable[[dict[str, Any]], None]) -> Callable[[bytes], bytes]:
    def damage(valid: bytes) -> bytes:
        data = json.loads(valid)
        change(data)
        return json.dumps(data).encode()

    return damage


def _out_of_range(data: dict[str, Any]) -> None:
    data["diary"]["1"]["morning_pain"] = 11
    data["sessions"]["1"]["pain_during"] = 42
    data["plans"]["1"]["exercises"][0]["reps"] = 0


def _wrong_types(data: dict[str, Any]) -> None:
    data["diary"]["1"]["date"] = 20240301
    data["sessions"]["1"]["reps"] = "five"
    data["plans"]["1"]["created"] = ["2024"]


DAMAGE: dict[str, Callable[[bytes], bytes]] = {
    "0-byte": lambda valid: b"",
    "whitespace only": lambda valid: b" \n\t\n",
    "truncated": lambda valid: valid[: len(valid) // 2],
    "truncated by one byte": lambda valid: valid[:-1],
    "garbage bytes": lambda valid: random.Random(7).randbytes(3000),
    "NUL bytes": lambda valid: b"\x00" * len(valid),
    "invalid UTF-8": lambda valid: valid.replace(b'"notes":"morning"', b'"notes":"\xff\xfe\xc3"'),
    "wrong shape: list": lambda valid: b"[1, 2, 3]",
    "wrong shape: table is a list": _edit(lambda d: d.update(diary=[d["diary"]["1"]])),
    "wrong shape: record is text": _edit(lambda d: d["diary"].update({"1": "pain 3"})),
    "wrong shape: record id is not a number": _edit(
        lambda d: d.update(diary={"first": d["diary"]["1"]})
    ),
    "out-of-range values": _edit(_out_of_range),
    "wrongly typed values": _edit(_wrong_types),
    "newer schema_version": _edit(lambda d: d.update(_meta={"1": {"schema_version": 99}})),
}


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_every_command_refuses_a_damaged_file_and_leaves_it_untouched(
    damage: str, tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    path = history_path(data_dir)
    damaged = DAMAGE[damage](valid_history(data_dir))
    assert damaged != path.read_bytes()
    path.write_bytes(damaged)
    before = file_state(path)
    for name, args in COMMANDS.items():
        result = run_cli("--data-dir", data_dir, *args)
        assert result.returncode == 1, (name, result.returncode, result.stdout, result.stderr)
        assert str(path) in result.stderr, (name, result.stderr)
        assert "Traceback" not in result.stderr, (name, result.stderr)
        assert file_state(path) == before, f"{name} changed the damaged file"
        assert not name.startswith("log") or "Diary saved" not in result.stdout
    assert temp_files(data_dir) == []


def test_a_damaged_file_is_refused_with_what_is_wrong(tmp_path: Path) -> None:
    """The message says what was found, so the user (or support) can act on it."""
    expectations = {
        "0-byte": "is empty (0 bytes)",
        "truncated": "is not valid JSON",
        "wrong shape: list": "top level is not an object",
        "out-of-range values": "must be from",
        "newer schema_version": "newer achilles-tui (schema 99",
    }
    for damage, words in expectations.items():
        data_dir = tmp_path / damage.replace(" ", "-").replace(":", "")
        path = history_path(data_dir)
        path_bytes = DAMAGE[damage](valid_history(data_dir))
        path.write_bytes(path_bytes)
        result = run_cli("--data-dir", data_dir, "status")
        assert result.returncode == 1
        assert words in result.stderr, (damage, result.stderr)
        assert path.read_bytes() == path_bytes
