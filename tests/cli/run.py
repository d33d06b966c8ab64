"""Run the real CLI in a subprocess, as scripts and users do."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def run_cli(*args: str | Path, env_dir: Path | None = None) -> subprocess.CompletedProcess[str]:
    """`python -m achilles_tui ARGS`, with no terminal and a private data default."""
    env = dict(os.environ)
    if env_dir is not None:
        env["ACHILLES_TUI_DATA_DIR"] = str(env_dir)
    return subprocess.run(
        [sys.executable, "-m", "achilles_tui", *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )
