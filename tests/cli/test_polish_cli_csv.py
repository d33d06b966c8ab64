"""Issue 14 item 10: the CSV export opens as a readable table; JSON stays lossless."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest

from tests.cli.test_polish_cli import ok


def small_history(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    """An assessment's plan, an own plan, a diary day with a comma in its note, a session."""
    since = (dt.date.today() - dt.timedelta(days=3)).isoformat()
    yesterday = (dt.date.today() - dt.timedelta(days=1)).isoformat()
    ok(capsys, data_dir, "assess", "--condition", "midportion", "--save", "--since", since)
    ok(capsys, data_dir, "plan", "set", "--position", "neutral", "--legs", "1", "--reps", "4",
       "--hold", "30", "--rest", "60", "--load-kg", "7.5", "--force")  # fmt: skip
    ok(capsys, data_dir, "log", "--date", yesterday, "--morning-pain", "2", "--settled", "yes",
       "--note", "stairs ok,  calf tight\nafter work", "--activity", "walk")  # fmt: skip
    ok(capsys, data_dir, "log-session", "--date", yesterday, "--pain-during", "3",
       "--effort", "challenging")  # fmt: skip


def test_csv_export_has_one_plain_value_per_cell(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    small_history(capsys, data_dir)
    rows = list(csv.reader(io.StringIO(ok(capsys, data_dir, "export", "--format", "csv"))))
    header, body = rows[0], rows[1:]
    for row in body:
        assert len(row) == len(header)
        for cell in row:
            assert not set(cell) & set('"{}[]\n'), row  # no nested quoting, no JSON
            assert cell == cell.strip() and "  " not in cell, row
    assert {row[0] for row in body} == {"diary", "session", "plan", "plan exercise", "assessment"}
    records = [dict(zip(header, row, strict=True)) for row in body]
    diary = next(r for r in records if r["record"] == "diary")
    assert (diary["morning_pain"], diary["settled"], diary["activity"]) == ("2", "yes", "walk")
    assert diary["notes"] == "stairs ok, calf tight after work"
    own = [r for r in records if r["record"] == "plan exercise" and r["plan_version"] == "2"]
    assert [(r["position"], r["legs"], r["reps"], r["hold_seconds"], r["load_kg"])
            for r in own] == [("neutral", "1", "4", "30", "7.5")]  # fmt: skip
    assessment = next(r for r in records if r["record"] == "assessment")
    assert assessment["condition"] == "midportion" and assessment["verdict"].isalpha()
    session = next(r for r in records if r["record"] == "session")
    assert (session["pain_during"], session["effort"], session["stopped_for_pain"]) == (
        "3",
        "challenging",
        "no",
    )


def test_json_export_still_restores_losslessly(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    small_history(capsys, data_dir)
    exported = tmp_path / "export.json"
    ok(capsys, data_dir, "export", "--format", "json", "--output", str(exported))
    restored = tmp_path / "restored"
    out = ok(capsys, restored, "import", str(exported))
    assert "1 diary entry, 1 session, 2 plans, 1 assessment, 0 reviews added" in out
    assert "0 records already present" in out
    again = ok(capsys, restored, "export", "--format", "json")
    assert json.loads(again) == json.loads(exported.read_text(encoding="utf-8"))
