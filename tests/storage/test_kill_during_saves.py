"""Kill a writer at random moments, many times: every reported save must survive.

The writer (helpers/diary_writer.py) prints "saved <iso-date>" only after
save_diary has returned. After every kill the history must still parse and
hold every date ever reported, across all earlier writers too.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from achilles_tui.storage.database import HistoryStore
from achilles_tui.storage.locations import history_path
from achilles_tui.storage.repository import ReadOnlyRepository

from ._support import HELPERS, mode, temp_files

WRITER = HELPERS / "diary_writer.py"
BASE = dt.date(1950, 1, 1)
SPAN = 25  # days per writer run; save i is for start + i % SPAN, so runs re-edit days
MAX_DELAY = 0.4
READY_TIMEOUT = 30.0


@dataclass
class Outcome:
    """What the writers reported, and what must therefore be on disk."""

    kills: int = 0
    saves: int = 0
    kills_mid_write: int = 0  # kills that left a temp file behind
    expected_pain: dict[dt.date, set[int]] = field(default_factory=dict)


def wait_for_ready(out_path: Path, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + READY_TIMEOUT
    while not out_path.read_bytes().startswith(b"ready\n"):
        assert proc.poll() is None, f"writer exited early with {proc.returncode}"
        assert time.monotonic() < deadline, "writer never opened the history (lock not freed?)"
        time.sleep(0.002)


def reported_dates(output: bytes) -> list[dt.date]:
    """Dates of complete 'saved' lines, in order (a line cut by the kill is ignored)."""
    dates = []
    for line in output.split(b"\n")[:-1]:
        if line.startswith(b"saved "):
            dates.append(dt.date.fromisoformat(line[6:].decode()))
    return dates


def run_once(
    data_dir: Path,
    tmp: Path,
    run: int,
    sig: signal.Signals,
    rng: random.Random,
    outcome: Outcome,
    *,
    from_spawn: bool = False,
) -> None:
    start = BASE + dt.timedelta(days=run * SPAN)
    out_path = tmp / f"out-{sig.name}-{run}.txt"
    err_path = tmp / f"err-{sig.name}-{run}.txt"
    with out_path.open("wb") as out, err_path.open("wb") as err:
        proc = subprocess.Popen(
            [sys.executable, str(WRITER), str(data_dir), start.isoformat(), str(SPAN)],
            stdout=out,
            stderr=err,
        )
        try:
            if from_spawn:
                # lands during start-up, open, backup or the first saves
                time.sleep(rng.uniform(0.0, MAX_DELAY / 2))
            else:
                wait_for_ready(out_path, proc)
                time.sleep(rng.uniform(0.0, MAX_DELAY))
            alive = proc.poll() is None
            assert alive, f"writer died on its own: {err_path.read_text()}"
            proc.send_signal(sig)
            outcome.kills += 1
            returncode = proc.wait(timeout=30)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    assert returncode != 0
    if sig is signal.SIGKILL:
        assert returncode == -signal.SIGKILL

    reported = reported_dates(out_path.read_bytes())
    outcome.saves += len(reported)
    if temp_files(data_dir):
        outcome.kills_mid_write += 1

    # Pain values that may legitimately be stored for each reported date: the last
    # reported save for that date, or the one in flight when the signal came.
    in_flight = len(reported)
    in_flight_day = start + dt.timedelta(days=in_flight % SPAN)
    last_for_day: dict[dt.date, int] = {}
    for i, day in enumerate(reported):
        assert day == start + dt.timedelta(days=i % SPAN)
        last_for_day[day] = i % 11
    for day, pain in last_for_day.items():
        allowed = {pain}
        if day == in_flight_day:
            allowed.add(in_flight % 11)
        outcome.expected_pain[day] = allowed

    check_history(data_dir, outcome, context=f"{sig.name} run {run}")


def check_history(data_dir: Path, outcome: Outcome, context: str) -> None:
    path = history_path(data_dir)
    if not outcome.expected_pain and not path.exists():
        return  # killed before the very first open created the file
    raw = path.read_bytes()
    try:
        json.loads(raw)
    except ValueError as exc:  # pragma: no cover - this is the failure being tested for
        raise AssertionError(f"{context}: history no longer parses: {exc}") from None
    stored = {e.date: e.morning_pain for e in ReadOnlyRepository(data_dir).diary_entries()}
    missing = sorted(set(outcome.expected_pain) - set(stored))
    assert not missing, f"{context}: reported saves lost: {missing[:5]}"
    wrong = {
        day: (stored[day], allowed)
        for day, allowed in outcome.expected_pain.items()
        if stored[day] not in allowed
    }
    assert not wrong, f"{context}: reported values changed: {list(wrong.items())[:5]}"


def final_checks(data_dir: Path, outcome: Outcome) -> None:
    with HistoryStore(data_dir, lock_timeout=10.0):
        assert temp_files(data_dir) == [], "stale temp files must be cleared on open"
    check_history(data_dir, outcome, context="final")
    assert mode(history_path(data_dir)) == 0o600
    assert outcome.saves > 0


def test_sigkill_at_random_moments_never_loses_a_reported_save(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    rng = random.Random(20240611)
    outcome = Outcome()
    runs = 64
    for run in range(runs):
        # every 8th writer is killed counting from its start, not from "ready"
        run_once(data_dir, tmp_path, run, signal.SIGKILL, rng, outcome, from_spawn=run % 8 == 7)
    final_checks(data_dir, outcome)
    print(
        f"\nSIGKILL: {outcome.kills} kills, {outcome.saves} reported saves, "
        f"{outcome.kills_mid_write} kills left a temp file (mid-write)"
    )
    assert outcome.kills == runs
    assert outcome.kills >= 60


def test_sigint_at_random_moments_never_loses_a_reported_save(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    rng = random.Random(1106)
    outcome = Outcome()
    runs = 24
    for run in range(runs):
        run_once(data_dir, tmp_path, run, signal.SIGINT, rng, outcome)
    final_checks(data_dir, outcome)
    print(f"\nSIGINT: {outcome.kills} interrupts, {outcome.saves} reported saves")
    assert outcome.kills == runs
    assert outcome.kills >= 20
