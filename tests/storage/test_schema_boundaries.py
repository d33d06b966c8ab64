"""Issue 26: the schema at every boundary, and the files it reads.

Each rule is refused by name; what the schema accepts the domain dataclasses build (the two
agree); files are read only when they are regular files (a FIFO or a device is refused
without waiting); JSON that is not strict is damage; a symlinked history stays a link; the
reminder lines are quoted for the shell and keep the run's data folder.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from achilles_tui.storage import codec, schema, transfer
from achilles_tui.storage.database import HistoryStore
from achilles_tui.storage.errors import CorruptDatabase
from achilles_tui.storage.locations import history_path
from achilles_tui.storage.repository import ReadOnlyRepository, Repository
from achilles_tui.storage.schema import SchemaError
from achilles_tui.storage.transfer import ImportRefused, load_export
from tests.badinput._cli import invoke

from ._support import write_history
from .schema_strategies import valid

SESSION = {
    "id": "abc",
    "date": "2024-03-01",
    "plan_version": 1,
    "started_at": "2024-03-01T07:30:00",
    "reps": [{"exercise_index": 0, "side": "both", "rep": 1, "hold_seconds": 30}],
}


@pytest.mark.parametrize(
    ("table", "change", "words"),
    [
        ("sessions", {"started_at": "2024-03-01T07:30:00Z"}, "started_at: has a time zone"),
        ("sessions", {"started_at": "2024-03-01T07:30:00+01:00"}, "has a time zone"),
        ("sessions", {"date": "2024-02-30"}, "date: is not a real date"),
        ("sessions", {"date": "20240301"}, "date: must be a date YYYY-MM-DD"),
        ("sessions", {"plan_version": True}, "plan_version: must be a whole number"),
        ("sessions", {"plan_version": 2**64}, "plan_version: must be from 1"),
        ("sessions", {"pain_during": 11}, "pain_during: must be from 0 to 10"),
        ("sessions", {"effort": "easy"}, "effort: must be one of"),
        ("sessions", {"id": "a b"}, "id: is not in the stored form"),
        (
            "sessions",
            {
                "reps": [
                    {"exercise_index": 0, "rep": 1, "hold_seconds": 30, "load_kg": float("nan")}
                ]
            },
            "reps[0].load_kg: must be a finite",
        ),
        ("sessions", {"reps": "x"}, "reps: must be a list"),
        ("diary", {"date": "2024-03-01", "notes": "\ud800"}, "notes: holds a lone surrogate"),
        ("diary", {"date": "2024-03-01", "notes": "x" * 2001}, "notes: must be 0 to 2000"),
        ("diary", {"date": "1899-12-31"}, "date: must be a date from 1900"),
        (
            "plans",
            {
                "version": 1,
                "created": "2024-03-01T07:00:00",
                "mode": "gentle",
                "exercises": [
                    {
                        "position": "neutral",
                        "legs": 2,
                        "reps": 3,
                        "hold_seconds": 30,
                        "rest_seconds": 60,
                    }
                ],
            },
            "mode: must be one of",
        ),
        (
            "reviews",
            {"kind": "self-test", "injured_count": 1, "healthy_count": 2, "pain": 1},
            "date: is missing",
        ),
        ("reviews", {"week_ending": "2026-13-01", "suggestion": "hold"}, "is not a real date"),
        ("reviews", {"kind": "mood"}, "kind: must be one of"),
        ("assessments", {"created": "yesterday"}, "created: must be a time"),
        (
            "assessments",
            {"created": "2024-03-01T07:00:00", "result": {"verdict": "ok"}},
            "result.verdict: must be one of",
        ),
    ],
)
def test_each_rule_is_refused_by_name(table: str, change: dict[str, Any], words: str) -> None:
    record = {**SESSION, **change} if table == "sessions" else change
    with pytest.raises(SchemaError) as refused:
        codec.check_record(table, record)
    assert words in str(refused.value)


@settings(max_examples=150, deadline=None)
@given(
    table=st.sampled_from(["diary", "sessions", "heel_raise_tests"]),
    data=st.data(),
)
def test_what_the_schema_accepts_the_dataclasses_build(table: str, data: Any) -> None:
    """Opening a file checks dated records against the schema and the "not in the future"
    rule without building each dataclass: the two must agree."""
    spec = codec.TABLE_SPECS[table]
    doc = data.draw(valid(spec))
    past = data.draw(st.dates(dt.date(1900, 1, 1), dt.date.today())).isoformat()
    doc["date"] = past
    checked = spec.check_record(doc, None)  # type: ignore[union-attr]
    codec.check_record(table, checked)  # builds the dataclass: must not refuse
    codec.check_document({table: {"1": checked}})


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b'{"_meta": {"1": {"schema_version": 3}}, "diary": {"1": {"date": NaN}}}', "NaN"),
        (b'{"_meta": {"1": {"schema_version": 3}}, "x": {"1": {"v": 1e999}}}', "too large"),
        (b'{"_meta": {"1": {"schema_version": 3}}, "diary": {"\xc2\xb2": {}}}', "malformed"),
        (b'{"_meta": {"1": {"schema_version": 3}}, "diary": {"-1": {}}}', "malformed"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        (b'{"_meta": {"1": {"schema_version": 3}}, "x": {"1": {"n": "\\ud800"}}}', "surrogate"),
    ],
    ids=["NaN", "1e999", "key ²", "key -1", "deep", "lone surrogate"],
)
def test_json_that_is_not_strict_is_damage(data_dir: Path, content: bytes, words: str) -> None:
    path = write_history(data_dir, content)
    with pytest.raises(CorruptDatabase) as refused:
        ReadOnlyRepository(data_dir)
    assert words in str(refused.value) or "not valid JSON" in str(refused.value)
    assert path.read_bytes() == content


def test_a_fifo_is_never_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "export.json"
    os.mkfifo(fifo)
    with pytest.raises(ImportRefused) as refused:
        load_export(fifo)
    assert "not a regular file" in str(refused.value)
    folder = tmp_path / "data"
    folder.mkdir()
    os.mkfifo(history_path(folder))
    code, _out, err = invoke("--data-dir", str(folder), "status")
    assert code == 1 and "not a regular file" in err


def test_a_link_to_a_device_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "zero.json"
    link.symlink_to("/dev/zero")
    with pytest.raises(ImportRefused) as refused:
        load_export(link)
    assert "not a regular file" in str(refused.value)


def test_an_export_over_the_size_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(transfer, "MAX_IMPORT_BYTES", 1000)
    big = tmp_path / "big.json"
    big.write_text(json.dumps({"format": transfer.EXPORT_FORMAT, "diary": [], "x": "y" * 2000}))
    with pytest.raises(ImportRefused) as refused:
        load_export(big)
    assert "larger than" in str(refused.value)


@pytest.mark.parametrize("where", ["data folder", "archive folder"])
def test_a_file_where_a_folder_should_be_is_a_clean_refusal(tmp_path: Path, where: str) -> None:
    folder = tmp_path / "data"
    if where == "data folder":
        folder.write_text("a file")
    else:
        assert invoke("--data-dir", str(folder), "log", "--morning-pain", "2")[0] == 0
        (folder / "archive").write_text("a file")
    for line in (("status",), ("log", "--morning-pain", "3"), ("export",)):
        code, out, err = invoke("--data-dir", str(folder), *line)
        assert code in (0, 1) and "Traceback" not in out + err, (line, err)


def test_a_symlinked_history_stays_a_link(tmp_path: Path) -> None:
    real = tmp_path / "synced" / "history.json"
    real.parent.mkdir()
    folder = tmp_path / "data"
    folder.mkdir()
    assert invoke("--data-dir", str(real.parent), "log", "--morning-pain", "1")[0] == 0
    history_path(folder).symlink_to(real)
    assert invoke("--data-dir", str(folder), "log", "--morning-pain", "2")[0] == 0
    assert history_path(folder).is_symlink()
    assert '"morning_pain":2' in real.read_text()


def test_a_write_that_does_not_fit_the_schema_is_refused_and_writes_nothing(
    data_dir: Path,
) -> None:
    with HistoryStore(data_dir) as store:
        repo = Repository(store)
        repo.add_review({"kind": "self-test", "date": "2024-03-01", "injured_count": 3,
                         "healthy_count": 4, "pain": 1})  # fmt: skip
        before = history_path(data_dir).read_bytes()
        with pytest.raises(Exception, match="does not fit the history's schema"):
            repo.add_review({"kind": "self-test", "injured_count": 3})
    assert history_path(data_dir).read_bytes() == before


def test_a_time_with_a_zone_in_history_json_is_refused_when_it_opens(data_dir: Path) -> None:
    doc = {"_meta": {"1": {"schema_version": 3}},
           "sessions": {"1": {**SESSION, "started_at": "2024-03-01T07:30:00Z"}}}  # fmt: skip
    path = write_history(data_dir, doc)
    for opening in (lambda: ReadOnlyRepository(data_dir), lambda: HistoryStore(data_dir).open()):
        with pytest.raises(CorruptDatabase) as refused:
            opening()
        assert "sessions record 1: started_at: has a time zone" in str(refused.value)
    assert json.loads(path.read_bytes()) == doc


def test_unknown_fields_are_dropped_by_name() -> None:
    dropped: list[str] = []
    checked = schema.DIARY.check_record({"date": "2024-03-01", "mood": "ok"}, dropped)
    assert checked == {"date": "2024-03-01"} and dropped == ["mood"]


@pytest.mark.parametrize("how", ["--data-dir", "ACHILLES_TUI_DATA_DIR"])
def test_remind_quotes_the_folder_and_keeps_the_one_of_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    mark = tmp_path / "PWNED"
    folder = tmp_path / f"my data $(touch {mark}) `touch {mark}` 100%" / "d"
    assert invoke("--data-dir", str(folder), "log", "--morning-pain", "2")[0] == 0
    if how == "ACHILLES_TUI_DATA_DIR":
        monkeypatch.setenv("ACHILLES_TUI_DATA_DIR", str(folder))
        code, out, _ = invoke("remind")
    else:
        code, out, _ = invoke("--data-dir", str(folder), "remind")
    assert code == 0
    line = next(line for line in out.splitlines() if line.startswith("0 8 * * *"))
    command = re.search(r'"\$\((.*\bstatus)\)"', line)
    assert command is not None
    status = command.group(1).replace("\\%", "%")  # cron's escape, undone as cron does
    ran = subprocess.run(["sh", "-c", status], capture_output=True, text=True, timeout=60)
    assert not mark.exists()
    assert ran.returncode == 0, ran.stderr
    assert "diary" in ran.stdout or "session" in ran.stdout or "plan" in ran.stdout
    service = next(line for line in out.splitlines() if line.startswith("ExecStart="))
    assert "$$(" in service and "%%" in service  # systemd's own escapes
