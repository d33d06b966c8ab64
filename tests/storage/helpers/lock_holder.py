"""Open a HistoryStore, say so, and hold the lock until stdin closes.

Usage: lock_holder.py DATA_DIR
"""

from __future__ import annotations

import sys
from pathlib import Path

from achilles_tui.storage.database import HistoryStore


def main(argv: list[str]) -> None:
    store = HistoryStore(Path(argv[1]), lock_timeout=30.0).open()
    try:
        print("locked", flush=True)
        sys.stdin.read()
    finally:
        store.close()
    print("released", flush=True)


if __name__ == "__main__":
    main(sys.argv)
