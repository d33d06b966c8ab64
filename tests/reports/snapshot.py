"""Compare a text with a file kept beside the tests; ACHILLES_UPDATE_SNAPSHOTS=1 rewrites it."""

from __future__ import annotations

import os
from pathlib import Path

SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"


def assert_snapshot(name: str, text: str) -> None:
    """The text is byte for byte the one kept in snapshots/<name> (written when updating)."""
    path = SNAPSHOTS / name
    if os.environ.get("ACHILLES_UPDATE_SNAPSHOTS") == "1" or not path.exists():
        SNAPSHOTS.mkdir(exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    kept = path.read_bytes().decode("utf-8")
    assert text == kept, f"{name} changed; run with ACHILLES_UPDATE_SNAPSHOTS=1 if that is meant"
