"""Helpers every subcommand shares: opening the history and printing results."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from achilles_tui.domain.engine import Advice
from achilles_tui.domain.models import DomainError, parse_date
from achilles_tui.storage.database import HistoryStore, newest_backup
from achilles_tui.storage.errors import CorruptDatabase, StorageError, damaged_file_advice
from achilles_tui.storage.locations import resolve_data_dir
from achilles_tui.storage.repository import ReadOnlyRepository, Repository

# A CLI save waits this long for another writer (e.g. a second `log`) to finish.
WRITE_LOCK_TIMEOUT = 15.0

Handler = Callable[[argparse.Namespace], int]


class UsageError(DomainError):
    """A value the user typed is wrong; reported like argparse does, exit 2."""


def now() -> dt.datetime:
    """The moment a command acts at (whole seconds, as stored)."""
    return dt.datetime.now().replace(microsecond=0)


def print_advice(advice: Iterable[Advice], prefix: str = "warning: ") -> None:
    """Each piece of advice on stderr with its rule id, so scripts can keep stdout clean."""
    for item in advice:
        print(f"{prefix}{item.message} ({item.rule})", file=sys.stderr)


def add_command(
    subparsers: argparse._SubParsersAction[Any], name: str, handler: Handler, help_text: str
) -> argparse.ArgumentParser:
    """A subparser whose usage is printed when its values are refused."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        name, help=help_text, description=help_text
    )
    parser.set_defaults(handler=handler, subparser=parser)
    return parser


def data_dir(args: argparse.Namespace) -> Path:
    """The data folder chosen by --data-dir, the environment or the default."""
    return resolve_data_dir(args.data_dir)


@contextlib.contextmanager
def writable_repo(args: argparse.Namespace) -> Iterator[Repository]:
    """Open the history for writing, holding the lock for this command only.

    Every record of the history file is decoded first: a bad one stops the save, file
    untouched. Closed years' files are not rewritten by a save, so they are not read; the app
    moves closed years when it opens (a command only after a migration or an import).
    """
    store = HistoryStore(data_dir(args), lock_timeout=WRITE_LOCK_TIMEOUT, move_years=False)
    store.open()
    try:
        repo = Repository(store)
        repo.check_history_file()
        yield repo
    finally:
        store.close()


def readonly_repo(args: argparse.Namespace) -> ReadOnlyRepository:
    """Validated read of the history without the lock (works while the app is open)."""
    return ReadOnlyRepository(data_dir(args))


def storage_error_text(exc: StorageError, data_dir: Path) -> str:
    """A storage failure for stderr; a damaged file also names the newest backup (README)."""
    if not isinstance(exc, CorruptDatabase):
        return str(exc)
    return f"{exc} {damaged_file_advice(newest_backup(data_dir))}"


def date_arg(text: str) -> dt.date:
    """argparse type for YYYY-MM-DD that reports the problem in words."""
    try:
        return parse_date(text)
    except DomainError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def int_in(low: int, high: int) -> Callable[[str], int]:
    """argparse type for a whole number in [low, high]."""

    def convert(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{value} is out of range ({low}-{high})")
        return value

    convert.__name__ = f"number {low}-{high}"
    return convert


def print_json(data: Any) -> None:
    """Stable, readable JSON on stdout."""
    json.dump(data, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")
