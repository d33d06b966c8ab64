"""Save diary entries in an endless loop until killed (see test_kill_during_saves.py).

Usage: diary_writer.py DATA_DIR START_DATE SPAN

Save number i is for START_DATE + (i % SPAN) days with morning_pain i % 11.
Notes vary in length, so re-editing a day can shrink the file as well as grow it.
"ready" is printed once the history is open; "saved <iso-date>" is printed and
flushed only after save_diary has returned.
"""

from __future__ import annotations

import datetime as dt
import signal
import sys

# A test runner may start us with SIGINT ignored (children inherit SIG_IGN); the person's
# Ctrl+C this simulates always arrives as KeyboardInterrupt, even during the imports below.
signal.signal(signal.SIGINT, signal.default_int_handler)
from pathlib import Path

from achilles_tui.domain.models import DiaryEntry
from achilles_tui.storage.database import HistoryStore
from achilles_tui.storage.repository import Repository

PADDING = "x" * 400  # bigger documents make each rewrite take longer


def main(argv: list[str]) -> None:
    data_dir = Path(argv[1])
    start = dt.date.fromisoformat(argv[2])
    span = int(argv[3])
    store = HistoryStore(data_dir, lock_timeout=30.0).open()
    try:
        repo = Repository(store)
        print("ready", flush=True)
        i = 0
        while True:
            day = start + dt.timedelta(days=i % span)
            entry = DiaryEntry(
                date=day, morning_pain=i % 11, notes=f"save {i} {PADDING[: i * 37 % 400]}"
            )
            repo.save_diary(entry)
            print(f"saved {day.isoformat()}", flush=True)
            i += 1
    finally:
        store.close()


if __name__ == "__main__":
    main(sys.argv)
