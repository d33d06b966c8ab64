"""`export` and `import`: the whole history in and out, for backups and physios."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from achilles_tui.commands.common import add_command, readonly_repo, writable_repo
from achilles_tui.storage.database import backup_before
from achilles_tui.storage.private_files import write_private_text
from achilles_tui.storage.schema import Dropped
from achilles_tui.storage.transfer import load_export, to_csv


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add `export` and `import`."""
    export = add_command(
        subparsers,
        "export",
        run_export,
        "write the whole history (assessments, plans, sessions, diary, heel-raise tests) as CSV "
        "or JSON",
    )
    export.add_argument("--format", choices=("csv", "json"), default="json")
    export.add_argument(
        "--output", metavar="FILE", help="write to FILE (readable by you only) instead of stdout"
    )
    imp = add_command(
        subparsers,
        "import",
        run_import,
        "restore a JSON export into an empty history, or merge it without duplicates "
        "(a backup is made first)",
    )
    imp.add_argument("file", metavar="FILE", type=Path)


def run_export(args: argparse.Namespace) -> int:
    """Export without the lock: the file on disk is always a complete version.

    The output carries no timestamp, so the same history always exports the same bytes
    (scripts compare exports to see whether anything changed).
    """
    data = readonly_repo(args).export_data()
    if args.format == "csv":
        text = to_csv(data)
    else:
        text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if args.output:
        write_private_text(Path(args.output), text)
        print(f"Exported to {args.output}.", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def run_import(args: argparse.Namespace) -> int:
    """Check the whole file against the schema, back up the history, then add everything in
    one save; a refusal writes nothing (not even a new, empty history)."""
    dropped = Dropped()
    tables = load_export(args.file, dropped)
    with writable_repo(args) as repo:
        backup = backup_before(repo.store.path, "import")
        counts = repo.import_export(tables, checked=True)
    note = f" Backup of the previous history: {backup}." if backup else ""
    print(f"Imported {args.file}: {counts.summary()}.{note}")
    if dropped.names:
        print(
            f"note: fields this version does not know were left out: {dropped.summary()}",
            file=sys.stderr,
        )
    return 0
