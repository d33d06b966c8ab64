"""Run the CLI in-process (much quicker than a subprocess) and prepare data folders."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import tempfile
from collections.abc import Sequence
from pathlib import Path

from achilles_tui.cli import main
from achilles_tui.domain.models import AnyExercise
from achilles_tui.storage.database import HistoryStore
from achilles_tui.storage.locations import history_path
from achilles_tui.storage.repository import Repository
from tests.storage._support import exercises

PLAN_BEGAN = dt.datetime(1900, 1, 1)


def invoke(*argv: str) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of `achilles-tui ARGV`; argparse's SystemExit included."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(argv))
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
    return code, out.getvalue(), err.getvalue()


def seeded_bytes(
    tmp: Path, plan: Sequence[AnyExercise] | None = None, *, name: str = "seed"
) -> bytes:
    """A history with a plan (so log-session and review have something to work on).

    The plan is ``plan`` (the storage tests' holds when None), kept under ``tmp / name``.
    """
    folder = tmp / name
    if not history_path(folder).exists():
        with HistoryStore(folder) as store:
            # begun long ago, so any past date a test logs falls within the plan (§E1)
            Repository(store).add_plan(
                exercises() if plan is None else plan, source="own", created=PLAN_BEGAN
            )
    return history_path(folder).read_bytes()


def fresh_copy(tmp: Path, content: bytes | None) -> Path:
    """A new data folder under tmp holding `content` (None: no history yet)."""
    folder = Path(tempfile.mkdtemp(dir=tmp, prefix="data-"))
    if content is not None:
        history_path(folder).write_bytes(content)
    return folder


def file_bytes(folder: Path) -> bytes | None:
    path = history_path(folder)
    return path.read_bytes() if path.exists() else None
