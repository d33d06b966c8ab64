"""`make bench`: start-up, save, History and timer figures against their targets.

Everything is measured side by side in one run (medians over repeats), so the
ratios mean something on a noisy machine. The 10- and 30-year histories are
built as the acceptance check (checks/ten_year_history.py) builds them: an
export in the app's own format (scripts/bench_export.py) loaded with the CLI
`import`, so the bench depends on the CLI and `create_app` only, not on how
the history is stored. Prints a Markdown table; with --write it also
replaces the table in docs/performance.md.
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
from typing import TypeVar

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scripts.bench_data import write_history  # noqa: E402
from scripts.bench_export import (  # noqa: E402
    cli_command,
    template_export,
    ten_year_export,
    write_export,
)

_T = TypeVar("_T")

START_CHILD = """
import asyncio, sys, time
{imports}
async def main():
    async with {app}.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        print("SCREEN", type({app}.screen).__name__)
asyncio.run(main())
# VmHWM is this process's own peak (ru_maxrss can carry the parent's over exec).
print("HWM", next(l for l in open("/proc/self/status") if l.startswith("VmHWM")).split()[1])
"""
BARE = START_CHILD.format(
    imports="""from textual.app import App
from textual.widgets import Footer, Header, Static
class Bare(App):
    def compose(self):
        yield Header(); yield Static("hello"); yield Footer()
bare = Bare()""",
    app="bare",
)
HISTORY_CHILD = """
import asyncio, time
from textual.app import App
from achilles_tui.ui.app import create_app
app = create_app(data_dir={data_dir!r})
painted = []
shown = App._display
def display(self, screen, renderable):
    # The first frame of History, with its data read, handed to the terminal driver.
    shown(self, screen, renderable)
    if not painted and renderable is not None and type(screen).__name__ == "HistoryScreen" \\
            and getattr(screen, "_shown_key", None) is not None:
        painted.append(time.perf_counter())
app._display = display.__get__(app)
async def main():
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        if not app.settings.disclaimer_accepted:  # the first-run note on Today: Enter reads it
            await pilot.press("enter")
            await pilot.pause()
        await asyncio.sleep({settle})
        await pilot.pause()
        started = time.perf_counter()
        await pilot.press("h")
        await pilot.pause()
        while not painted and time.perf_counter() - started < 10:
            await pilot.pause()
        print("PAINT", painted[0] - started if painted else 99, app.current_mode)
asyncio.run(main())
"""
# Seconds on Today before `h`: at once, and after a moment (History is built in idle time
# WARM_HISTORY_AFTER seconds after Today appears).
HISTORY_WAITS = ((0.0, "straight after start"), (2.0, "after 2 s on Today"))
# The histories the ratio rows compare: the empty one is the reference.
SIZES = (("10y", "10-year history"), ("30y", "30-year history"))


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


def timed(cmd: list[str]) -> tuple[float, str]:
    """Wall seconds of one process and its stdout; fails loudly if it fails."""
    started = time.perf_counter()
    out = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.perf_counter() - started
    if out.returncode:
        detail = (out.stderr or out.stdout).strip()[-400:]
        raise RuntimeError(f"{' '.join(cmd)[:100]} failed ({out.returncode}): {detail}")
    return wall, out.stdout


def run_child(code: str) -> tuple[float, float]:
    """Wall seconds of the whole start-up process and its peak RSS in MiB."""
    wall, out = timed([sys.executable, "-c", code])
    screen = out.split("SCREEN", 1)[1].split()[0]
    if "error" in screen.lower() or "crash" in screen.lower():
        raise RuntimeError(f"the app started on {screen}, not its first screen")
    return wall, float(out.split("HWM", 1)[1].split()[0]) / 1024


def history_paint(data_dir: Path, settle: float) -> float:
    """Seconds from pressing `h` on Today (``settle`` s after start) to History's first frame.

    Timed to the frame handed to the terminal, not to Pilot's all-clear: Pilot's idle
    detection sleeps in 20 ms steps, so even a bare app's switch measures over 100 ms that way.
    """
    code = HISTORY_CHILD.format(data_dir=str(data_dir), settle=settle)
    _wall, out = timed([sys.executable, "-c", code])
    seconds, mode = out.split("PAINT", 1)[1].split()
    if mode != "history":
        raise RuntimeError(f"pressing h on Today left the app in mode {mode!r}")
    return float(seconds)


def rotated(items: list[_T], i: int) -> list[_T]:
    """`items` starting at the i-th, so each takes its turn going first."""
    k = i % len(items)
    return items[k:] + items[:k]


@dataclass
class Histories:
    """Data dirs built through the CLI, and how long importing each export took."""

    dirs: dict[str, Path]
    imports: dict[str, list[float]]
    export_mb: dict[str, float]
    before_first_day: dt.date


def build_histories(work: Path) -> Histories:
    """Empty, 10- and 30-year histories: exports made like the acceptance check, then
    loaded with the real CLI `import` (timed: the import rows).

    The 10-year import is repeated into fresh folders (median of 3) while it is quick;
    a slow one is timed once.
    """
    template = template_export()
    today = dt.date.today()
    dirs = {"empty": work / "empty" / "data"}
    imports: dict[str, list[float]] = {}
    export_mb: dict[str, float] = {}
    for key, years in (("10y", 10), ("30y", 30)):
        path = write_export(work / f"{key}.json", ten_year_export(years, today, template=template))
        export_mb[key] = path.stat().st_size / 1e6
        imports[key] = []
        while not imports[key] or (len(imports[key]) < 3 and sum(imports[key]) < 5):
            data_dir = work / f"{key}-{len(imports[key])}" / "data"
            seconds, out = timed([*cli_command(), "--data-dir", str(data_dir), "import", str(path)])
            days = years * 365
            if f"{days} diary" not in out or f"{days} sessions" not in out:
                raise RuntimeError(f"import of {key} did not report {days} days: {out.strip()}")
            imports[key].append(seconds)
            dirs.setdefault(key, data_dir)
        path.unlink()
    first_day = today - dt.timedelta(days=30 * 365)
    return Histories(dirs, imports, export_mb, first_day - dt.timedelta(days=400))


def ratio_row(figure: str, ours_s: float, ref_s: float, ref: str, limit: float) -> Row:
    """A row comparing two medians: `ours_s` is `ratio` times `ref_s`."""
    ratio = ours_s / ref_s
    return Row(
        f"{figure} (x {ref})",
        f"{ours_s * 1000:.0f} ms vs {ref_s * 1000:.0f} ms = {ratio:.2f}x",
        f"<= {limit:.2f}x",
        ratio <= limit,
    )


def bench_histories(runs: int, work: Path) -> list[Row]:
    """Start, peak RSS, one CLI diary save, CLI `status` and History's first paint on the
    10- and 30-year histories against an empty one (and start against a bare Textual app),
    plus the import of each history's export.

    Every figure is a median of `runs` rounds; in each round every case runs once, in
    turn, with the first place rotating, so drift in the machine's load hits all alike.
    All of it is subprocesses through the CLI and `create_app`, after one warm-up each
    (file cache warm).
    """
    hist = build_histories(work)
    cli = cli_command()
    dirs = hist.dirs
    pre = hist.before_first_day  # dates never logged: each save is a fresh day

    def on(key: str, *args: str) -> list[str]:
        return [*cli, "--data-dir", str(dirs[key]), *args]

    def log(key: str, day: dt.date) -> list[str]:
        return on(key, "log", "--date", str(day), "--morning-pain", "2")

    keys = ["empty", "10y", "30y"]
    for key in keys:
        timed(log(key, pre))  # makes the empty history, and the day's backup of the others
        timed(on(key, "status"))
    starts = [("bare", BARE)] + [(key, ours(dirs[key])) for key in keys]
    for _key, code in starts:
        run_child(code)
    # History opens once the first-run note is read; its copies are read in the warm-up
    # (the start rows keep the note, as the acceptance check has it).
    seen = {key: shutil.copytree(dirs[key], work / f"{key}-seen" / "data") for key, _ in SIZES}
    for key, _label in SIZES:
        history_paint(seen[key], 0.0)
    wall: dict[str, list[float]] = {key: [] for key, _ in starts}
    rss: dict[str, list[float]] = {key: [] for key, _ in starts}
    saves: dict[str, list[float]] = {key: [] for key in keys}
    statuses: dict[str, list[float]] = {key: [] for key in keys}
    # The one-page physio report (HTML) over half a year of the 10-year history (issue 25).
    report_html = work / "report.html"
    report_args = ("report", "--format", "html", "--weeks", "26", "--output", str(report_html))
    timed(on("10y", *report_args))
    reports: list[float] = []
    paints: dict[tuple[str, float], list[float]] = {
        (key, wait): [] for key, _ in SIZES for wait, _ in HISTORY_WAITS
    }
    for i in range(runs):
        for key, code in rotated(starts, i):
            seconds, peak = run_child(code)
            wall[key].append(seconds)
            rss[key].append(peak)
        day = pre + dt.timedelta(days=i + 1)
        for key in rotated(keys, i):
            saves[key].append(timed(log(key, day))[0])
        for key in rotated(keys, i):
            statuses[key].append(timed(on(key, "status"))[0])
        reports.append(timed(on("10y", *report_args))[0])
        for key, wait in rotated(list(paints), i):
            paints[key, wait].append(history_paint(seen[key], wait))
    med = statistics.median
    bare_wall, bare_rss = med(wall["bare"]), med(rss["bare"])
    rows = [
        Row(
            "bare Textual app: start / peak RSS",
            f"{bare_wall * 1000:.0f} ms / {bare_rss:.0f} MiB",
            "reference",
            True,
        ),
        ratio_row(
            "start to first screen, empty history", med(wall["empty"]), bare_wall, "bare", 1.30
        ),
    ]
    for key, label in SIZES:
        rows.append(ratio_row(f"start, {label}", med(wall[key]), med(wall["empty"]), "empty", 1.10))
        rows.append(ratio_row(f"start, {label}", med(wall[key]), bare_wall, "bare", 1.30))
    for key, label in (("empty", "empty history"), *SIZES):
        mem = med(rss[key]) / bare_rss
        rows.append(
            Row(
                f"peak RSS (VmHWM) at first screen, {label} (x bare)",
                f"{med(rss[key]):.0f} MiB = {mem:.2f}x",
                "<= 1.30x",
                mem <= 1.30,
            )
        )
    for key, label in SIZES:
        rows.append(
            ratio_row(
                f"one diary save (CLI `log`), {label}",
                med(saves[key]),
                med(saves["empty"]),
                "empty",
                1.15,
            )
        )
    for key, label in SIZES:
        rows.append(
            ratio_row(
                f"`status` (CLI), {label}",
                med(statuses[key]),
                med(statuses["empty"]),
                "empty",
                1.15,
            )
        )
    rows.append(
        ratio_row(
            "HTML report for the physio (CLI `report --format html --weeks 26`), 10-year history",
            med(reports),
            med(statuses["10y"]),
            "`status`",
            6.0,
        )
    )
    for (key, wait), times in paints.items():
        label = dict(SIZES)[key]
        paint = med(times) * 1000
        rows.append(
            Row(
                f"History first paint (press h {dict(HISTORY_WAITS)[wait]}), {label}",
                f"{paint:.0f} ms",
                "< 100 ms",
                paint < 100,
            )
        )
    for key, label in SIZES:
        seconds = med(hist.imports[key])
        times = "median of 3" if len(hist.imports[key]) >= 3 else f"{len(hist.imports[key])} run"
        rows.append(
            Row(
                f"import (CLI) of the {label} export ({hist.export_mb[key]:.1f} MB, {times})",
                f"{seconds:.2f} s",
                "< 1 s",
                seconds < 1,
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
    parser.add_argument(
        "--runs", type=int, default=5, help="rounds of the start, save, status, History rows [5]"
    )
    parser.add_argument("--write", action="store_true", help="update docs/performance.md")
    args = parser.parse_args()
    os.environ.setdefault("TEXTUAL", "")
    work = Path(tempfile.mkdtemp(prefix="achilles-bench."))
    try:
        rows = bench_histories(args.runs, work)
        huge = work / "fifty-thousand"
        write_history(huge, diary=7300, sessions=42700)
        rows.append(bench_save(huge, "50,000 documents", 300))
        shutil.rmtree(huge, ignore_errors=True)
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
    text = f"Measured {stamp} on {os.cpu_count()} cores, Python {sys.version.split()[0]}"
    text += f"; history rows are medians of {args.runs} rounds.\n\n"
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
