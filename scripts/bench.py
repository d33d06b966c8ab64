"""`make bench`: start-up, save, History and timer figures against their targets.

Everything is measured side by side in one run (medians over repeats), so the
ratios mean something on a noisy machine. Prints a Markdown table; with
--write it also replaces the table in docs/performance.md.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scripts.bench_data import write_history  # noqa: E402

START_CHILD = """
import asyncio, sys, time
t0 = time.perf_counter()
{imports}
async def main():
    async with {app}.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        # VmHWM is this process's own peak (ru_maxrss can carry the parent's over exec).
        hwm = next(l for l in open("/proc/self/status") if l.startswith("VmHWM"))
        print(time.perf_counter() - t0, hwm.split()[1])
asyncio.run(main())
"""
BARE = START_CHILD.format(
    imports="""from textual.app import App
from textual.widgets import Footer, Header, Static
class Bare(App):
    def compose(self):
        yield Header(); yield Static("hello"); yield Footer()""",
    app="Bare()",
)


def ours(data_dir: Path) -> str:
    """Child script that starts achilles-tui on a data dir and exits at first paint."""
    return START_CHILD.format(
        imports=f"from achilles_tui.ui.app import create_app\napp = create_app({str(data_dir)!r})",
        app="app",
    )


@dataclass
class Row:
    """One line of the results table."""

    figure: str
    value: str
    target: str
    ok: bool


def run_child(code: str) -> tuple[float, float]:
    """Wall seconds of the whole process and its peak RSS in MiB."""
    started = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    wall = time.perf_counter() - started
    _inner, rss_kib = out.stdout.split()
    return wall, float(rss_kib) / 1024


def bench_startup(runs: int, empty: Path, big: Path) -> list[Row]:
    """Cold start to first screen, ours (empty and 10-year history) vs a bare Textual app."""
    cases = {"bare": BARE, "empty": ours(empty), "10y": ours(big)}
    for code in cases.values():
        run_child(code)  # warm the file cache
    walls: dict[str, list[float]] = {name: [] for name in cases}
    rss: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(runs):
        for name, code in cases.items():
            wall, peak = run_child(code)
            walls[name].append(wall)
            rss[name].append(peak)
    bare_wall, bare_rss = statistics.median(walls["bare"]), statistics.median(rss["bare"])
    rows = [
        Row(
            "bare Textual app: start / peak RSS",
            f"{bare_wall * 1000:.0f} ms / {bare_rss:.0f} MiB",
            "reference",
            True,
        )
    ]
    for name, label in (("empty", "empty history"), ("10y", "10-year history")):
        ratio = statistics.median(walls[name]) / bare_wall
        mem = statistics.median(rss[name]) / bare_rss
        rows.append(
            Row(
                f"start, {label} (x bare)",
                f"{statistics.median(walls[name]) * 1000:.0f} ms = {ratio:.2f}x",
                "<= 1.30x",
                ratio <= 1.30,
            )
        )
        rows.append(
            Row(
                f"peak RSS, {label} (x bare)",
                f"{statistics.median(rss[name]):.0f} MiB = {mem:.2f}x",
                "<= 1.50x",
                mem <= 1.50,
            )
        )
    return rows


def bench_save(data_dir: Path, label: str, target_ms: float, repeats: int = 15) -> Row:
    """Median time of one diary save (a full atomic rewrite) at a given history size."""
    from achilles_tui.domain.models import DiaryEntry
    from achilles_tui.storage.database import HistoryStore
    from achilles_tui.storage.repository import Repository

    times = []
    with HistoryStore(data_dir) as store:
        repo = Repository(store)
        for i in range(repeats):
            entry = DiaryEntry(date=dt.date(1990, 1, 1) + dt.timedelta(days=i), morning_pain=i % 11)
            started = time.perf_counter()
            repo.save_diary(entry)
            times.append(time.perf_counter() - started)
    median = statistics.median(times) * 1000
    return Row(
        f"save one diary entry, {label}",
        f"{median:.1f} ms",
        f"<= {target_ms:.0f} ms",
        median <= target_ms,
    )


def bench_history_switch(data_dir: Path, repeats: int = 3, *, settle: float = 0.0) -> Row:
    """Time from pressing `h` to the History section's first paint, 10-year history.

    `settle` is how long the user looks at Today first; after WARM_HISTORY_AFTER the
    app has built History in idle time.
    """
    from achilles_tui.ui.app import create_app

    async def once() -> float:
        app = create_app(data_dir)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await asyncio.sleep(settle)
            await pilot.pause()
            started = time.perf_counter()
            await pilot.press("h")
            await pilot.pause()
            await pilot.wait_for_scheduled_animations()
            elapsed = time.perf_counter() - started
            assert app.current_mode == "history"
            return elapsed

    times = [asyncio.run(once()) for _ in range(repeats)]
    median = statistics.median(times) * 1000
    when = f"after {settle:g} s on Today" if settle else "straight after start"
    return Row(
        f"switch to History, 10-year history, {when}",
        f"{median:.0f} ms",
        "<= 150 ms",
        median <= 150,
    )


def _session_history(exercise: object, *, far: bool, sound: str = "voice") -> Path:
    """A history with one own plan and the settings the timer runs with."""
    from achilles_tui.domain.models import Exercise, Settings
    from achilles_tui.storage.database import HistoryStore
    from achilles_tui.storage.repository import Repository

    assert isinstance(exercise, Exercise)
    data_dir = Path(tempfile.mkdtemp(prefix="achilles-bench-timer.")) / "data"
    with HistoryStore(data_dir) as store:
        repo = Repository(store)
        settings = Settings(
            disclaimer_accepted=True,
            sound=sound,
            get_ready_seconds=3,
            far_mode="on" if far else "off",
        )
        repo.save_settings(settings)
        repo.add_plan([exercise], source="own")
    return data_dir


def bench_timer() -> list[Row]:
    """A dense plan (18 phases in 62 s) through the real Session screen on the real clock.

    A 30-minute plan only differs from this one in the number and length of its
    phases; deadlines are chained, so the end error does not grow with length. Cues
    are spoken to miniaudio's silent device, and each cue's start is compared with the
    deadline it was planned for.
    """
    from achilles_tui.domain.models import Exercise, Position
    from achilles_tui.domain.timer import session_seconds
    from achilles_tui.ui.app import create_app
    from achilles_tui.ui.screens.session import SessionScreen

    os.environ["ACHILLES_TUI_AUDIO"] = "null"
    exercise = Exercise(Position.NEUTRAL, 1, reps=4, hold_seconds=5, rest_seconds=1)
    data_dir = _session_history(exercise, far=True)
    finished_at: list[float] = []
    latencies: list[float] = []
    planned = 0.0
    phases = 0

    async def run() -> tuple[float, float, float]:
        nonlocal planned, phases
        app = create_app(data_dir)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("s")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, SessionScreen)
            original = screen._finished
            done = asyncio.Event()

            def record(event: object) -> None:
                finished_at.append(time.monotonic())
                done.set()
                original(event)  # type: ignore[arg-type]

            screen._finished = record  # type: ignore[method-assign]
            await pilot.press("enter")
            assert screen.timer is not None and screen.sound is not None
            planned = session_seconds(screen.timer.steps)
            phases = len(screen.timer.steps)
            player = screen.sound.player
            start = screen.timer.started_at
            cpu0, wall0 = time.process_time(), time.perf_counter()
            await done.wait()
            cpu = time.process_time() - cpu0
            wall = time.perf_counter() - wall0
            await asyncio.sleep(1.0)  # the last cue ("session done") plays at the very end
            if player is not None:
                latencies.extend(s.started_at - s.at for s in player.started)  # type: ignore[attr-defined]
            return start, cpu, wall

    start, cpu, wall = asyncio.run(run())
    shutil.rmtree(data_dir.parent, ignore_errors=True)
    error_ms = (finished_at[0] - (start + planned)) * 1000
    ordered = sorted(x * 1000 for x in latencies)
    p95 = ordered[min(len(ordered) - 1, math.ceil(0.95 * len(ordered)) - 1)] if ordered else 1e9
    median = statistics.median(ordered) if ordered else 1e9
    return [
        Row(
            f"timer end error ({planned:.0f} s plan, {phases} phases)",
            f"{error_ms:.1f} ms",
            "<= 50 ms",
            abs(error_ms) <= 50,
        ),
        Row(
            f"cue start after its deadline, in that session ({len(ordered)} cues)",
            f"median {median:.1f} ms, p95 {p95:.1f} ms",
            "p95 <= 50 ms",
            p95 <= 50,
        ),
        Row(
            "CPU over that whole dense session, far view, spoken cues",
            f"{cpu / wall * 100:.2f} %",
            "(reported)",
            True,
        ),
    ]


def bench_counting(*, far: bool, sound: str = "voice") -> Row:
    """CPU while one long hold counts down: what a real session spends most of its time on.

    20 s in the middle of a 60 s hold (no phase change, no save): the repaint every
    second, the status line and, with voice, the audio thread on the silent device.
    """
    from achilles_tui.domain.models import Exercise, Position

    os.environ["ACHILLES_TUI_AUDIO"] = "null"
    exercise = Exercise(Position.NEUTRAL, 2, reps=2, hold_seconds=60, rest_seconds=10)
    data_dir = _session_history(exercise, far=far, sound=sound)

    async def run() -> float:
        from achilles_tui.ui.app import create_app

        app = create_app(data_dir)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("s")
            await pilot.pause()
            await pilot.press("enter")
            await asyncio.sleep(8)  # 3 s get ready, then 5 s into the hold
            cpu0, wall0 = time.process_time(), time.perf_counter()
            await asyncio.sleep(20)
            return (time.process_time() - cpu0) / (time.perf_counter() - wall0) * 100

    share = asyncio.run(run())
    shutil.rmtree(data_dir.parent, ignore_errors=True)
    view = "far" if far else "near"
    return Row(
        f"CPU while counting down a hold, {view} view, sound {sound} (share of one core)",
        f"{share:.2f} %",
        "< 2 %",
        share < 2,
    )


def bench_cues() -> Row:
    """Cue latency of the player alone on the silent device, main thread kept busy."""
    from scripts.bench_cues import measure_cue_latency

    result = measure_cue_latency(40, busy=True)
    ok = result["p95_ms"] <= 50 and not result["missing"] and not result["twice"]
    return Row(
        f"cue start after its time, player alone, busy main thread ({result['count']:.0f} cues)",
        f"median {result['median_ms']:.1f} ms, p95 {result['p95_ms']:.1f} ms",
        "p95 <= 50 ms, none missing or twice",
        ok,
    )


def main() -> int:
    """Run every figure and print the table (and update docs/performance.md with --write)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7, help="start-up repeats [7]")
    parser.add_argument("--write", action="store_true", help="update docs/performance.md")
    args = parser.parse_args()
    os.environ.setdefault("TEXTUAL", "")
    work = Path(tempfile.mkdtemp(prefix="achilles-bench."))
    try:
        empty = work / "empty"
        big = work / "ten-years"
        huge = work / "fifty-thousand"
        write_history(empty, diary=0, sessions=0)
        write_history(big, diary=7300, sessions=3650)
        write_history(huge, diary=7300, sessions=42700)
        rows = bench_startup(args.runs, empty, big)
        rows.append(bench_save(big, "10-year history (10,950 documents)", 35))
        rows.append(bench_save(huge, "50,000 documents", 300))
        rows.append(bench_history_switch(big))
        rows.append(bench_history_switch(big, settle=2.5))
        rows += bench_timer()
        rows.append(bench_counting(far=True))
        rows.append(bench_counting(far=True, sound="off"))
        rows.append(bench_counting(far=False))
        rows.append(bench_cues())
    finally:
        shutil.rmtree(work, ignore_errors=True)
    table = ["| figure | measured | target | met |", "|---|---|---|---|"]
    table += [f"| {r.figure} | {r.value} | {r.target} | {'yes' if r.ok else 'NO'} |" for r in rows]
    stamp = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    text = f"Measured {stamp} on {os.cpu_count()} cores, Python {sys.version.split()[0]}.\n\n"
    text += "\n".join(table)
    print(text)
    if args.write:
        doc = ROOT / "docs" / "performance.md"
        content = doc.read_text()
        begin, end = "<!-- bench:begin -->", "<!-- bench:end -->"
        head, rest = content.split(begin)
        _old, tail = rest.split(end)
        doc.write_text(f"{head}{begin}\n{text}\n{end}{tail}")
        print(f"\nUpdated {doc.relative_to(ROOT)}.")
    print(json.dumps({"missed": [r.figure for r in rows if not r.ok]}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
