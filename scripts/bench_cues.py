"""How late the spoken cues start: a real CuePlayer on miniaudio's silent (NULL) device.

Schedules cues at monotonic times about 0.11 s apart (slightly irregular, as a
session's are) from 0.3 s ahead, lets the audio thread play them and reports how far
each clip's first sample was from its planned time. The NULL device paces its
callbacks like a sound card, so this measures the player (chunking, the GIL, the
lock), not a speaker's own output latency.

Run: .venv/bin/python scripts/bench_cues.py [--cues 40] [--busy]
scripts/bench.py imports ``measure_cue_latency`` from here.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from achilles_tui.audio.player import CuePlayer  # noqa: E402
from achilles_tui.domain.cues import CLIP_NAMES, Cue  # noqa: E402
from achilles_tui.storage.sound_clips import load_voice_clips  # noqa: E402

SPACING = 0.11
LEAD = 0.3
TARGET_P95_MS = 50.0
SETTLE = 0.5
"""Seconds waited after the last cue, so it has surely been reached."""


def measure_cue_latency(cues: int = 40, *, busy: bool = False, seed: int = 7) -> dict[str, float]:
    """Median and 95th-percentile cue lateness in ms, with counts of cues missed or repeated.

    With ``busy`` the main thread runs Python code meanwhile, as a repainting screen
    would, so the audio thread has to win the GIL to start a cue on time.
    """
    rng = random.Random(seed)
    player = CuePlayer(load_voice_clips(), time.monotonic, null_device=True)
    player.start()
    try:
        first = time.monotonic() + LEAD
        planned = [
            Cue(
                f"bench:{index}",
                CLIP_NAMES[index % len(CLIP_NAMES)],
                first + index * SPACING + rng.uniform(-0.02, 0.02),
            )
            for index in range(cues)
        ]
        player.schedule(planned)
        _wait_until(planned[-1].at + SETTLE, busy=busy)
        started = player.started
    finally:
        player.close()
    late_ms = sorted(1000 * item.latency for item in started)
    counts = Counter(item.key for item in started)
    return {
        "median_ms": round(statistics.median(late_ms), 2) + 0.0 if late_ms else float("nan"),
        "p95_ms": round(_percentile(late_ms, 0.95), 2) if late_ms else float("nan"),
        "count": len(counts),
        "missing": len({cue.key for cue in planned} - set(counts)),
        "twice": sum(1 for seen in counts.values() if seen > 1),
    }


def _wait_until(deadline: float, *, busy: bool) -> None:
    """Sleep until ``deadline``, or keep the interpreter busy until then."""
    if not busy:
        time.sleep(max(0.0, deadline - time.monotonic()))
        return
    total = 0
    while time.monotonic() < deadline:
        total += sum(index * index for index in range(2000))


def _percentile(ordered: list[float], share: float) -> float:
    """The nearest-rank percentile of an already sorted list."""
    rank = max(0, min(len(ordered) - 1, math.ceil(share * len(ordered)) - 1))
    return ordered[rank]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cues", type=int, default=40)
    parser.add_argument("--busy", action="store_true", help="keep the main thread busy too")
    args = parser.parse_args()
    result = measure_cue_latency(args.cues, busy=args.busy)
    print(json.dumps(result))
    ok = result["p95_ms"] <= TARGET_P95_MS and not result["missing"] and not result["twice"]
    print(f"p95 {result['p95_ms']} ms (target <= {TARGET_P95_MS:g} ms): {'ok' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
