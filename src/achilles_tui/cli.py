"""Command line: no subcommand opens the app; subcommands script the history.

Exit codes: 0 done, 1 the history could not be read or written (message on
stderr, nothing changed), 2 a bad option or value (usage message).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from achilles_tui import __version__
from achilles_tui.storage.locations import ENV_DATA_DIR, HISTORY_FILE, resolve_data_dir

DESCRIPTION = """\
A terminal companion for rehabilitating an Achilles tendon at home with
isometric holds (levels L1-L8), then heel raises (T1-T8): assessment, guided
session timer, symptom diary, heel-raise test, history and weekly progression
review.

Run without a command to open the app."""

EPILOG = f"""\
data:
  Your history is {HISTORY_FILE} in the data folder (--data-dir, else
  ${ENV_DATA_DIR}, else your user data folder for "achilles-tui"), with the
  diary and sessions of earlier years in archive/YYYY.json beside it.
  `achilles-tui where` prints its full path. Daily backups (last 14) are kept
  in backups/.

exit codes: 0 ok, 1 the history could not be read or saved (nothing changed),
  2 a bad option or value.

achilles-tui gives general exercise guidance, not a diagnosis; a physio's or
surgeon's plan comes first."""


def build_parser() -> argparse.ArgumentParser:
    """The whole command line; subcommands register themselves from commands/."""
    from achilles_tui.commands import register_all

    parser = argparse.ArgumentParser(
        prog="achilles-tui",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"achilles-tui {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="PATH",
        help=f"folder holding {HISTORY_FILE} (default: ${ENV_DATA_DIR} or the user data dir)",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="open the app on a temporary copy of a 12-week sample history "
        "(your own history is not touched)",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    register_all(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `achilles-tui` script."""
    from achilles_tui.commands.common import UsageError, storage_error_text
    from achilles_tui.domain.models import DomainError
    from achilles_tui.storage.errors import StorageError

    parser = build_parser()
    tokens = sys.argv[1:] if argv is None else list(argv)
    for token in tokens:
        # argparse turns "--opt=--" into an empty list without checking it.
        if token.startswith("--") and token.endswith("=--"):
            parser.error(
                f"argument {token[:-3]}: expected a value, got '--' (a value must be given)"
            )
    args = parser.parse_args(tokens)
    try:
        if args.command is None:
            return run_demo() if args.demo else run_tui(args.data_dir)
        if args.demo:
            raise UsageError("--demo only opens the app; it cannot be combined with a command")
        result: int = args.handler(args)
        return result
    except (DomainError, UsageError) as exc:
        parser_for = getattr(args, "subparser", parser)
        parser_for.print_usage(sys.stderr)
        print(f"achilles-tui: error: {exc}", file=sys.stderr)
        return 2
    except StorageError as exc:
        text = storage_error_text(exc, resolve_data_dir(args.data_dir))
        print(f"achilles-tui: {text}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("achilles-tui: interrupted; every save that finished is kept.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


def run_tui(data_dir: str | Path | None, *, demo: bool = False) -> int:
    """Open the full-screen app; a storage problem is shown on screen, then exit 1."""
    from achilles_tui.ui.app import create_app

    app = create_app(data_dir, demo=demo)
    app.run()
    if app.startup_error is not None:
        from achilles_tui.commands.common import storage_error_text

        text = storage_error_text(app.startup_error, resolve_data_dir(data_dir))
        print(f"achilles-tui: {text}", file=sys.stderr)
        return 1
    return 0


def run_demo() -> int:
    """The app on a throw-away copy of the sample history, removed on exit."""
    import datetime as dt
    import shutil
    import tempfile

    from achilles_tui.storage.demo import make_demo_history

    folder = Path(tempfile.mkdtemp(prefix="achilles-tui-demo."))
    try:
        make_demo_history(folder / "data", dt.date.today())
        return run_tui(folder / "data", demo=True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
