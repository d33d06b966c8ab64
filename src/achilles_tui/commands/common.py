"""Helpers every subcommand shares: opening the history and printing results."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import re
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


class CommandFailed(Exception):
    """Something outside the history stopped the command (a port in use); one line, exit 1."""


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


_WHOLE = re.compile(r"-?[0-9]+", re.ASCII)
_DECIMAL = re.compile(r"[0-9]+(\.[0-9]+)?", re.ASCII)


def date_arg(text: str) -> dt.date:
    """argparse type for YYYY-MM-DD only (ASCII digits, a real day, 1900-2999)."""
    try:
        return parse_date(text)
    except DomainError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def int_in(low: int, high: int) -> Callable[[str], int]:
    """argparse type for a whole number in [low, high], written in ASCII digits only.

    ``int()`` would also read "1_0" as 10, "５" as 5 and " 7 " as 7; none of those is what a
    person means to type, so they are refused rather than guessed.
    """

    def convert(text: str) -> int:
        if not _WHOLE.fullmatch(text):
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number (digits 0-9 only)")
        if len(text.lstrip("-0")) > 12:
            raise argparse.ArgumentTypeError(f"{text[:20]}... is out of range ({low}-{high})")
        value = int(text)
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{value} is out of range ({low}-{high})")
        return value

    convert.__name__ = f"number {low}-{high}"
    return convert


def decimal_in(low: float, high: float, unit: str = "") -> Callable[[str], float]:
    """argparse type for a number such as 7.5 in [low, high], ASCII digits and one point."""
    words = f" {unit}" if unit else ""

    def convert(text: str) -> float:
        if not _DECIMAL.fullmatch(text):
            raise argparse.ArgumentTypeError(
                f"{text!r} is not a number{words} (digits 0-9 and a point, such as 7.5)"
            )
        value = float(text)
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{value:g}{words} is out of range ({low:g}-{high:g})")
        return value

    convert.__name__ = f"number {low:g}-{high:g}"
    return convert


def print_json(data: Any) -> None:
    """Stable, readable JSON on stdout."""
    json.dump(data, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")
