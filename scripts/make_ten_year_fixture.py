"""Write tests/fixtures/ten-year-history-v2.json.gz: a real 10-year history file of the release
before closed years moved to archive/YYYY.json (schema 2, one file), for the migration test
(tests/storage/test_ten_year_migration.py), and tests/fixtures/ten-year-export-v2.json.gz: that
release's own JSON export of it, the record of what the migration must keep.

The history is made the way the check /work/shared/checks/ten_year_history.py makes its
10-year history (with scripts/bench_export.py, the check's generator with the same seed): a
small history is made with the CLI to learn the export format, ten years (3,650 diary days, a
session a day, a new plan about every 4 weeks) are generated from it, and the OLD release's
CLI imports them into a fresh data folder. Differences from the check, all so the file is
reproducible and sane:
- the 10 years end on the fixed day TODAY (not the machine's today);
- the small history's ``assess --save`` gets ``--since 2020-01-01``: the check's
  ``log-session --date 2020-01-01`` is refused unless the plan was back-dated;
- the generated plan version 1 gets ``since`` = the first day (the template's back-dated
  ``since`` would otherwise start the first plan years after its sessions).

Usage (OLD_SRC is the previous release's src folder, e.g. from
``git worktree add /tmp/old-release 63ddcc5``):

    .venv/bin/python scripts/make_ten_year_fixture.py /tmp/old-release/src [OUT_DIR]

The script checks that the old code ran: the history has schema_version 2 and no archive folder.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

TODAY = dt.date(2026, 11, 30)
DAYS = 3650
SEED = 20240601
SMALL_FIRST_DAY = "2020-01-01"
OUT_DIR = Path(__file__).resolve().parent.parent / "tests" / "fixtures"
HISTORY_FIXTURE = "ten-year-history-v2.json.gz"
EXPORT_FIXTURE = "ten-year-export-v2.json.gz"


def old_cli(old_src: Path, data: Path, *args: str) -> str:
    """Run the previous release's CLI (its src first on the path) and return its output."""
    env = {**os.environ, "PYTHONPATH": str(old_src), "ACHILLES_TUI_AUDIO": "null"}
    done = subprocess.run(
        [sys.executable, "-m", "achilles_tui", "--data-dir", str(data), *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    if done.returncode:
        raise SystemExit(f"achilles-tui {' '.join(args)} failed: {done.stderr or done.stdout}")
    return done.stdout


def small_export(old_src: Path, data: Path) -> dict[str, Any]:
    """The check's small history: an assessment plan, two own plans, three days."""
    old_cli(
        old_src, data, "assess", "--condition", "midportion", "--save", "--since", SMALL_FIRST_DAY
    )
    old_cli(
        old_src, data, "plan", "set", "--position", "heel-raised", "--legs", "2", "--reps", "4",
        "--hold", "20", "--rest", "40", "--load-kg", "5", "--force",
    )  # fmt: skip
    old_cli(
        old_src, data, "plan", "set", "--position", "neutral", "--legs", "2", "--reps", "5",
        "--hold", "30", "--rest", "45", "--force",
    )  # fmt: skip
    kinds = (("too-easy", "normal"), ("challenging", "rest"), ("too-hard", "flare-up"))
    for i, (effort, day) in enumerate(kinds):
        d = f"2020-01-0{i + 1}"
        old_cli(old_src, data, "log-session", "--date", d, "--pain-during", "2", "--effort", effort)
        old_cli(
            old_src, data, "log", "--date", d, "--morning-pain", "2", "--stiffness-minutes", "5",
            "--settled", "yes", "--day", day, "--activity", "walk", "--note", "ok",
        )  # fmt: skip
    result: dict[str, Any] = json.loads(old_cli(old_src, data, "export", "--format", "json"))
    return result


def ten_years(small: dict[str, Any]) -> dict[str, Any]:
    """Ten years ending the day before TODAY, generated as the bench does (same seed as the
    check), from the old release's small export."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from scripts.bench_export import ten_year_export

    return ten_year_export(DAYS // 365, TODAY, template=small, seed=SEED)


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        raise SystemExit(__doc__)
    old_src = Path(argv[1]).resolve()
    out_dir = Path(argv[2]) if len(argv) > 2 else OUT_DIR
    with tempfile.TemporaryDirectory(prefix="ten-year-fixture.") as tmp:
        small = small_export(old_src, Path(tmp) / "small")
        generated = Path(tmp) / "ten-years.json"
        generated.write_text(json.dumps(ten_years(small)), encoding="utf-8")
        data = Path(tmp) / "ten"
        print(old_cli(old_src, data, "import", str(generated)).strip())
        history = (data / "history.json").read_bytes()
        meta = json.loads(history)["_meta"]
        if next(iter(meta.values())).get("schema_version") != 2 or (data / "archive").exists():
            raise SystemExit(f"{old_src} is not the schema-2 release: {meta}")
        old_export = old_cli(old_src, data, "export", "--format", "json").encode()
        out_dir.mkdir(parents=True, exist_ok=True)
        for name, payload in ((HISTORY_FIXTURE, history), (EXPORT_FIXTURE, old_export)):
            # mtime=0: the same input gives the same bytes
            (out_dir / name).write_bytes(gzip.compress(payload, compresslevel=9, mtime=0))
            size = (out_dir / name).stat().st_size
            print(f"{out_dir / name}: {len(payload)} bytes, gzipped to {size}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
