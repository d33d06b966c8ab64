"""`achilles-tui where`: the full path of the history file."""

from __future__ import annotations

import argparse
from typing import Any

from achilles_tui.commands.common import add_command, data_dir
from achilles_tui.storage.locations import history_path


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add `where`."""
    add_command(subparsers, "where", run_where, "print the full path of the history file")


def run_where(args: argparse.Namespace) -> int:
    """Print the path; reads nothing, so it works even on a damaged file."""
    print(history_path(data_dir(args)))
    return 0
