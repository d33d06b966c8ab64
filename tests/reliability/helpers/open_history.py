"""Open a history as a writer (migration, daily backup, year close), then hold it until killed.

Usage: open_history.py DATA_DIR TODAY_ORDINAL

Prints "ready" once imported (the test starts its clock there), "opened <seconds>" once
HistoryStore.open returned, then sleeps holding the lock. SIGINT ends it through
KeyboardInterrupt with exit code 130 (see test_kill_during_year_close.py).
"""

from __future__ import annotations

import datetime as dt
import signal
import sys

# A test runner may start us with SIGINT ignored (children inherit SIG_IGN); the person's
# Ctrl+C this simulates always arrives as KeyboardInterrupt, even during the imports below.
signal.signal(signal.SIGINT, signal.default_int_handler)
import time
from pathlib import Path

from achilles_tui.storage.database import HistoryStore


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def main(argv: list[str]) -> int:
    data_dir, today = Path(argv[1]), dt.date.fromordinal(int(argv[2]))
    try:
        say("ready")
        start = time.perf_counter()
        store = HistoryStore(data_dir, lock_timeout=30.0).open(today=today)
        try:
            say(f"opened {time.perf_counter() - start:.3f}")
            while True:
                time.sleep(1)
        finally:
            store.close()
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        return 130


if __name__ == "__main__":
    sys.exit(main(sys.argv))
