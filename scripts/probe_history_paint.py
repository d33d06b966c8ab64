"""Probe: press `h` on Today until History is drawn, at 10 and 30 years of history.

Two figures per case, both straight after start and after a few seconds on Today
(History is pre-built in idle time by then):

- first paint: from the key press to the first frame of the History screen, with
  its data, handed to the terminal driver. This is what the person sees.
- Pilot: as `bench_history_switch` in scripts/bench.py measures it (press `h`,
  `pause`, wait for animations). Pilot's idle detection sleeps in 20 ms steps
  (four at least), so this figure has a floor; a bare Textual app switching to a
  one-line screen is measured the same way for comparison.

Each history has one diary entry and one finished session a day, ending today.

    .venv/bin/python scripts/probe_history_paint.py            # both sizes, medians
    .venv/bin/python scripts/probe_history_paint.py --years 30 --profile
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import datetime as dt
import pstats
import random
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TARGET_MS = 100.0
SETTLED = 2.5  # seconds on Today before `h`: History is built in idle time after 1.5 s


def write_daily_history(data_dir: Path, years: int, seed: int = 7) -> Path:
    """One diary entry and one finished session every day for `years` years, ending today.

    Written like scripts/bench_data.write_history, but with one session a day over
    the whole span (write_history folds sessions into the last ten years).
    """
    from achilles_tui.domain.models import (
        DayKind,
        DiaryEntry,
        Effort,
        Exercise,
        Plan,
        Position,
        RepRecord,
        SessionLog,
        Settings,
        Side,
    )
    from achilles_tui.storage import codec
    from achilles_tui.storage.database import ensure_private_dir
    from achilles_tui.storage.migrations import new_document
    from achilles_tui.storage.safe_storage import atomic_write_bytes, encode_document

    days = 365 * years
    rng = random.Random(seed)
    today = dt.date.today()
    ensure_private_dir(data_dir)
    document = new_document()
    plan = Plan(
        version=1,
        created=dt.datetime.combine(today - dt.timedelta(days=days), dt.time(8)),
        exercises=(Exercise(Position.NEUTRAL, 2, reps=3, hold_seconds=10, rest_seconds=15),),
        source="assessment",
        level="L1",
    )
    document["plans"] = {"1": codec.plan_to_doc(plan)}
    document["settings"] = {"1": codec.settings_to_doc(Settings(disclaimer_accepted=True))}
    document["diary"] = {}
    document["sessions"] = {}
    reps = tuple(RepRecord(0, Side.BOTH, rep, 10) for rep in (1, 2, 3))
    for i in range(days):
        day = today - dt.timedelta(days=i)
        document["diary"][str(i + 1)] = codec.diary_to_doc(
            DiaryEntry(
                date=day,
                morning_pain=rng.randint(0, 6),
                stiffness_minutes=rng.randint(0, 40),
                settled=rng.random() > 0.2,
                day=DayKind.REST if i % 9 == 0 else DayKind.NORMAL,
                notes="felt fine" if i % 5 else "",
            )
        )
        start = dt.datetime.combine(day, dt.time(7, 30))
        document["sessions"][str(i + 1)] = codec.session_to_doc(
            SessionLog(
                id=f"probe{i:07d}",
                date=day,
                plan_version=1,
                started_at=start,
                ended_at=start + dt.timedelta(minutes=2),
                reps=reps,
                pain_during=rng.randint(0, 6),
                effort=rng.choice(list(Effort)),
                complete=True,
                reps_planned=3,
            )
        )
    path = data_dir / "history.json"
    atomic_write_bytes(path, encode_document(document))
    return path


@dataclass
class Switch:
    """One press of `h`: to the first complete History frame, and to the Pilot's all-clear."""

    paint: float
    pilot: float


async def _switch_once(data_dir: Path, settle: float, profiler: cProfile.Profile | None) -> Switch:
    """One fresh app: Today, then `h`, timed as bench.py does and to the first paint.

    First paint is the first frame the History screen hands to the driver after its
    data has been read (so an empty table drawn before the read does not count).
    """
    from textual.app import App

    from achilles_tui.ui.app import create_app

    app = create_app(data_dir)
    painted: list[float] = []
    original_display = App._display

    def display(self: App[object], screen: object, renderable: object) -> None:
        original_display(self, screen, renderable)  # type: ignore[arg-type]
        if (
            not painted
            and renderable is not None
            and type(screen).__name__ == "HistoryScreen"
            and getattr(screen, "_shown_key", None) is not None
        ):
            painted.append(time.perf_counter())

    app._display = display.__get__(app)  # type: ignore[method-assign]
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await asyncio.sleep(settle)
        await pilot.pause()
        if profiler:
            profiler.enable()
        started = time.perf_counter()
        await pilot.press("h")
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()
        elapsed = time.perf_counter() - started
        if profiler:
            profiler.disable()
        assert app.current_mode == "history", app.current_mode
        assert painted, "History was never drawn"
        return Switch(painted[0] - started, elapsed)


async def _bare_switch_once(settle: float) -> float:
    """The same Pilot steps in a bare Textual app whose second mode is one Static."""
    from textual.app import App, ComposeResult
    from textual.screen import Screen
    from textual.widgets import Header, Static

    class Plain(Screen[None]):
        def compose(self) -> ComposeResult:
            yield Header()
            yield Static("hello")

    class Bare(App[None]):
        MODES = {"a": Plain, "b": Plain}
        BINDINGS = [("h", "switch_mode('b')", "B")]

        def on_mount(self) -> None:
            self.switch_mode("a")
            self.set_timer(0.2, lambda: self._init_mode("b"))

    app = Bare()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await asyncio.sleep(settle)
        await pilot.pause()
        started = time.perf_counter()
        await pilot.press("h")
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()
        assert app.current_mode == "b"
        return time.perf_counter() - started


def measure(
    data_dir: Path, settle: float, runs: int, profiler: cProfile.Profile | None
) -> tuple[float, float]:
    """Median milliseconds (first paint, Pilot) over `runs` fresh apps, after one warm-up."""
    asyncio.run(_switch_once(data_dir, settle, None))  # imports, CSS parse caches
    switches = [asyncio.run(_switch_once(data_dir, settle, profiler)) for _ in range(runs)]
    return (
        statistics.median(s.paint for s in switches) * 1000,
        statistics.median(s.pilot for s in switches) * 1000,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, nargs="*", default=[10, 30])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--settled-only", action="store_true")
    parser.add_argument("--profile", action="store_true", help="cProfile the switches")
    parser.add_argument("--top", type=int, default=40)
    args = parser.parse_args()
    if not args.profile:
        bare = statistics.median(asyncio.run(_bare_switch_once(SETTLED)) for _ in range(args.runs))
        print(
            f"bare Textual app, one-Static mode, Pilot as bench.py {bare * 1000:5.0f} ms "
            "(the floor of that way of measuring on this machine)",
            flush=True,
        )
    with tempfile.TemporaryDirectory() as tmp:
        for years in args.years:
            data_dir = Path(tmp) / f"{years}y"
            write_daily_history(data_dir, years)
            for settle in (SETTLED,) if args.settled_only else (0.0, SETTLED):
                profiler = cProfile.Profile() if args.profile else None
                paint, pilot = measure(data_dir, settle, args.runs, profiler)
                when = f"after {settle:g} s on Today" if settle else "straight after start"
                verdict = "ok" if paint <= TARGET_MS else "MISS"
                print(
                    f"{years:>2}-year history, {when:<22} first paint {paint:5.0f} ms "
                    f"(target {TARGET_MS:.0f} ms) {verdict:<4}  Pilot as bench.py {pilot:5.0f} ms",
                    flush=True,
                )
                if profiler:
                    stats = pstats.Stats(profiler).sort_stats("cumulative")
                    stats.print_stats(args.top)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
