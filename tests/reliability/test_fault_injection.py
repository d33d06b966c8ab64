"""SIGKILL and SIGINT at random moments during every kind of save.

A writer subprocess (helpers/save_loop.py) repeats one kind of save: a diary day, a
session rep (start, reps, finish), a plan (assessment + plan, or an own plan), an
import of a small export (into a fresh history or merged into a used one) and an
accepted review with its plan. It prints "done <key> <value>" only after a save has
returned. After each signal the history must parse, hold every reported save (read
back through ReadOnlyRepository), hold no half of a multi-record save, and the next
writer must get the lock.
"""

from __future__ import annotations

import datetime as dt
import random
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from achilles_tui.storage.database import HistoryStore
from achilles_tui.storage.errors import StorageError
from achilles_tui.storage.locations import history_path
from tests.storage._support import lock_is_free, mode, temp_files

from ._faults import KINDS, SAVE_LOOP, seed_history, stored_state, write_small_export

SIGKILLS_PER_KIND = 12
SIGINTS_PER_KIND = 4
MAX_DELAY = 0.35  # seconds after "ready"; many saves fit, so kills land at every stage
READY_TIMEOUT = 30.0
FIRST_DAY = dt.date(1970, 1, 1)
DAYS_PER_RUN = 1000  # each run saves into its own range of dates, keys never collide


@dataclass
class KindOutcome:
    """What happened to one kind of save."""

    kind: str
    sigkills: int = 0
    sigints: int = 0
    reported: int = 0
    mid_write: int = 0  # signals that left a temp file: the kill landed inside a write
    corrupt: list[str] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)


def complete_lines(output: bytes) -> list[tuple[str, str, str]]:
    """(verb, key, value) of every whole line; a line cut by the kill is ignored."""
    lines = []
    for line in output.decode(errors="replace").split("\n")[:-1]:
        parts = line.split(" ")
        if len(parts) == 3 and parts[0] in ("begin", "done"):
            lines.append((parts[0], parts[1], parts[2]))
    return lines


def wait_for_ready(out_path: Path, proc: subprocess.Popen[bytes], err_path: Path) -> None:
    deadline = time.monotonic() + READY_TIMEOUT
    while not out_path.read_bytes().startswith(b"ready\n"):
        assert proc.poll() is None, f"writer exited early: {err_path.read_text()}"
        assert time.monotonic() < deadline, "writer never opened the history (lock not freed?)"
        time.sleep(0.002)


def signal_a_writer(
    args: list[str], out_path: Path, sig: signal.Signals, delay: float, from_spawn: bool
) -> int:
    """Start the writer, wait, send the signal; returns the exit code."""
    err_path = out_path.with_suffix(".err")
    with out_path.open("wb") as out, err_path.open("wb") as err:
        proc = subprocess.Popen([sys.executable, str(SAVE_LOOP), *args], stdout=out, stderr=err)
        try:
            if not from_spawn:
                wait_for_ready(out_path, proc, err_path)
            time.sleep(delay)
            assert proc.poll() is None, f"writer died on its own: {err_path.read_text()}"
            proc.send_signal(sig)
            return proc.wait(timeout=30)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()


def check_after_signal(
    data_dir: Path,
    kind: str,
    export: dict[str, Any] | None,
    expected: dict[str, set[str]],
    lines: list[tuple[str, str, str]],
    outcome: KindOutcome,
    context: str,
) -> None:
    """Compare the file with what was reported; then freeze the state for later runs."""
    if not lock_is_free(data_dir):
        outcome.corrupt.append(f"{context}: the lock was not released")
    if not history_path(data_dir).exists():
        if expected or any(verb == "done" for verb, _, _ in lines):
            outcome.lost.append(f"{context}: the history file is gone")
        return
    try:
        stored = stored_state(data_dir, kind, export)
    except (ValueError, StorageError) as exc:
        outcome.corrupt.append(f"{context}: {type(exc).__name__}: {exc}")
        return

    allowed = {key: set(values) for key, values in expected.items()}
    for verb, key, value in lines:
        if verb == "done":
            allowed[key] = {value}
            outcome.reported += 1
    in_flight = lines[-1] if lines and lines[-1][0] == "begin" else None
    if in_flight is not None:
        _verb, key, value = in_flight
        allowed.setdefault(key, set()).add(value)

    for key, values in allowed.items():
        found = stored.get(key)
        if found == "partial":
            outcome.corrupt.append(f"{context}: only part of save {key} is stored")
        elif found not in values and not (in_flight and key == in_flight[1] and found is None):
            outcome.lost.append(f"{context}: save {key} should be {sorted(values)}, found {found}")
    unknown = {key: value for key, value in stored.items() if key not in allowed}
    if in_flight is not None and in_flight[1] == "new":
        # a session being started: its id is printed only once start_session returned
        spare = [key for key, value in unknown.items() if value == in_flight[2]]
        if spare:
            del unknown[spare[0]]
    for key, value in unknown.items():
        outcome.corrupt.append(f"{context}: unreported save {key}={value} appeared")
    expected.clear()
    expected.update({key: {value} for key, value in stored.items()})


def inject_faults(kind: str, tmp: Path, seed: int) -> KindOutcome:
    """All SIGKILL and SIGINT runs of one kind of save."""
    rng = random.Random(seed)
    outcome = KindOutcome(kind)
    export_file = tmp / "small-export.json"
    export = write_small_export(tmp / "export-source", export_file) if kind == "import" else None
    data_dir = tmp / "data-0"
    seed_history(data_dir)
    expected: dict[str, set[str]] = {}
    schedule = [signal.SIGKILL] * SIGKILLS_PER_KIND + [signal.SIGINT] * SIGINTS_PER_KIND
    rng.shuffle(schedule)
    for run, sig in enumerate(schedule):
        if kind == "import" and run % 4 == 3:
            # the next imports go into a fresh, empty history (a restore, not a merge)
            data_dir = tmp / f"data-{run}"
            expected = {}
        start = FIRST_DAY + dt.timedelta(days=run * DAYS_PER_RUN)
        args = [kind, str(data_dir), f"r{run}", str(start.toordinal())]
        if export is not None:
            args.append(str(export_file))
        # every 5th SIGKILL counts from the spawn: start-up, lock, validation, backup
        from_spawn = sig is signal.SIGKILL and run % 5 == 4
        delay = rng.uniform(0.0, MAX_DELAY / 2 if from_spawn else MAX_DELAY)
        out_path = tmp / f"out-{run}.txt"
        code = signal_a_writer(args, out_path, sig, delay, from_spawn)
        if sig is signal.SIGKILL:
            outcome.sigkills += 1
            assert code == -signal.SIGKILL, f"{kind} run {run}: exit {code}"
        else:
            outcome.sigints += 1
            err = out_path.with_suffix(".err").read_text()
            assert code == 130, f"{kind} run {run}: exit {code}: {err}"
            assert "Traceback" not in err, err
        if temp_files(data_dir):
            outcome.mid_write += 1
        lines = complete_lines(out_path.read_bytes())
        context = f"{kind} {sig.name} run {run}"
        check_after_signal(data_dir, kind, export, expected, lines, outcome, context)
    # the next writer takes the lock, clears temp files left by the kills, keeps 0600
    with HistoryStore(data_dir, lock_timeout=10.0):
        assert temp_files(data_dir) == []
    assert mode(history_path(data_dir)) == 0o600
    return outcome


def test_signals_at_random_moments_never_tear_the_file_or_lose_a_reported_save(
    tmp_path: Path,
) -> None:
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = [
            pool.submit(inject_faults, kind, tmp_path / kind, 20250611 + index)
            for index, kind in enumerate(KINDS)
        ]
        outcomes = [future.result() for future in futures]

    sigkills = sum(o.sigkills for o in outcomes)
    sigints = sum(o.sigints for o in outcomes)
    corrupt = [problem for o in outcomes for problem in o.corrupt]
    lost = [problem for o in outcomes for problem in o.lost]
    print(
        f"\nfault injection: {sigkills} SIGKILL, {sigints} SIGINT, "
        f"{len(corrupt)} corrupt files, {len(lost)} lost saves"
    )
    for o in outcomes:
        print(
            f"  {o.kind}: {o.sigkills} SIGKILL, {o.sigints} SIGINT, {o.reported} saves reported, "
            f"{o.mid_write} signals landed mid-write"
        )
    assert corrupt == [], corrupt[:5]
    assert lost == [], lost[:5]
    assert sigkills == SIGKILLS_PER_KIND * len(KINDS) >= 50
    assert sigints == SIGINTS_PER_KIND * len(KINDS) >= 20
    for o in outcomes:
        assert o.reported > 0, f"{o.kind}: no save was ever reported, the test proved nothing"


def test_the_check_notices_a_lost_save_a_changed_value_and_a_torn_file(tmp_path: Path) -> None:
    """The after-signal check is what the big test relies on, so show that it can fail."""
    from achilles_tui.domain.models import DiaryEntry
    from achilles_tui.storage.repository import Repository

    data_dir = tmp_path / "data"
    seed_history(data_dir, padding=2)
    with HistoryStore(data_dir) as store:
        Repository(store).save_diary(DiaryEntry(dt.date(2000, 1, 1), 1, notes="save 0"))
    lines = [
        ("begin", "2000-01-01", "0"),
        ("done", "2000-01-01", "0"),
        ("begin", "2000-01-02", "1"),
        ("done", "2000-01-02", "1"),  # reported, but not on disk
    ]
    outcome = KindOutcome("diary")
    expected: dict[str, set[str]] = {}
    check_after_signal(data_dir, "diary", None, expected, lines, outcome, "lost")
    assert len(outcome.lost) == 1 and "2000-01-02" in outcome.lost[0]
    assert outcome.corrupt == []

    outcome = KindOutcome("diary")
    expected = {"2000-01-01": {"7"}}  # an earlier run saw another value
    check_after_signal(data_dir, "diary", None, expected, [], outcome, "changed")
    assert len(outcome.lost) == 1 and "2000-01-01" in outcome.lost[0]

    path = history_path(data_dir)
    path.write_bytes(path.read_bytes()[:-3])
    outcome = KindOutcome("diary")
    check_after_signal(data_dir, "diary", None, {}, [], outcome, "torn")
    assert len(outcome.corrupt) == 1 and "torn" in outcome.corrupt[0]
