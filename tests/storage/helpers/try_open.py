"""Try to open a HistoryStore once; report the outcome on stdout.

Usage: try_open.py DATA_DIR LOCK_TIMEOUT
Prints "opened" (exit 0) or "HistoryLocked: <message>" (exit 3).
"""

from __future__ import annotations

import sys
from pathlib import Path

from achilles_tui.storage.database import HistoryStore
from achilles_tui.storage.errors import HistoryLocked


def main(argv: list[str]) -> int:
    store = HistoryStore(Path(argv[1]), lock_timeout=float(argv[2]))
    try:
        store.open()
    except HistoryLocked as exc:
        print(f"HistoryLocked: {exc}", flush=True)
        return 3
    store.close()
    print("opened", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
