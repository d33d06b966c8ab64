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

CRASH_LOG = "crash.log"

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
  2 a bad option or value (nothing written). A command that saved and then
  hit a problem says both, and exits 0. An unexpected error prints one line
  naming crash.log in the data folder, where its details are, and exits 1.

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
    """Entry point of the `achilles-tui` script.

    Every failure ends as one line and an exit code; an unexpected one also leaves its
    traceback in a log file in the data folder, which the line names (``crash_log``).
    """
    from achilles_tui.storage.safe_storage import SAVED

    SAVED.clear()
    tokens = sys.argv[1:] if argv is None else list(argv)
    args: argparse.Namespace | None = None
    try:
        parser = build_parser()
        for token in tokens:
            # argparse turns "--opt=--" into an empty list without checking it.
            if token.startswith("--") and token.endswith("=--"):
                parser.error(
                    f"argument {token[:-3]}: expected a value, got '--' (a value must be given)"
                )
        args = parser.parse_args(tokens)
        if args.data_dir is not None and not args.data_dir.strip():
            parser.error("argument --data-dir: expected a folder, got an empty name")
        return _run(parser, args)
    except KeyboardInterrupt:
        print("achilles-tui: interrupted; every save that finished is kept.", file=sys.stderr)
        return 130
    except Exception as exc:  # the last resort: one line, the details in a file
        return _unexpected(exc, getattr(args, "data_dir", None))


def _run(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    """Run the chosen command; known failures become one line and exit 1 or 2."""
    from achilles_tui.care.errors import Refused
    from achilles_tui.commands.common import CommandFailed, UsageError, storage_error_text
    from achilles_tui.domain.models import DomainError
    from achilles_tui.storage.errors import StorageError

    try:
        if args.command is None:
            return run_demo() if args.demo else run_tui(args.data_dir)
        if args.demo:
            raise UsageError("--demo only opens the app; it cannot be combined with a command")
        result: int = args.handler(args)
        return result
    except Refused as exc:  # about meaning (the history says no), not syntax: no usage block
        if _saved_then(str(exc)):
            return 0
        print(f"achilles-tui: error: {exc}", file=sys.stderr)
        return 2
    except (DomainError, UsageError) as exc:
        if _saved_then(str(exc)):
            return 0
        parser_for = getattr(args, "subparser", parser)
        parser_for.print_usage(sys.stderr)
        print(f"achilles-tui: error: {exc}", file=sys.stderr)
        return 2
    except (StorageError, CommandFailed) as exc:
        text = (
            storage_error_text(exc, resolve_data_dir(args.data_dir))
            if isinstance(exc, StorageError)
            else str(exc)
        )
        if _saved_then(text):
            return 0
        print(f"achilles-tui: {text}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0


def _saved_then(problem: str) -> bool:
    """After a save, a later failure must not read as "nothing was changed": say what was
    saved, then the problem, and count the command as done (exit 0). False if nothing was."""
    from achilles_tui.storage.safe_storage import SAVED

    if not SAVED:
        return False
    print(f"Saved to {SAVED[-1]}.")
    print(f"achilles-tui: warning: the save is kept, but then: {problem}", file=sys.stderr)
    return True


def _unexpected(exc: BaseException, data_dir: str | None) -> int:
    """An error nobody foresaw: its traceback to a log file, one line for the person."""
    log = crash_log(exc, data_dir)
    where = f"; the details are in {log}" if log is not None else ""
    if _saved_then(f"an unexpected error ({_one_line(exc)}){where}"):
        return 0
    print(
        f"achilles-tui: unexpected error ({_one_line(exc)}); nothing was saved{where}.",
        file=sys.stderr,
    )
    return 1


def _one_line(exc: BaseException) -> str:
    """``Name: first line of the message``, short, and printable on any terminal."""
    text = str(exc).splitlines()[0][:200] if str(exc) else ""
    text = f"{type(exc).__name__}: {text}" if text else type(exc).__name__
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def crash_log(exc: BaseException, data_dir: str | Path | None) -> Path | None:
    """Append the traceback to crash.log in the data folder (else the temp folder); its path.

    The file is private (0600) like the history beside it; None when no file can be written.
    """
    import contextlib
    import datetime as dt
    import os
    import tempfile
    import traceback

    text = "".join(traceback.format_exception(exc))
    entry = f"--- {dt.datetime.now().isoformat(timespec='seconds')} achilles-tui {__version__}\n"
    payload = (entry + text).encode("utf-8", "backslashreplace")
    candidates = []
    with contextlib.suppress(Exception):  # no usable data folder: the temp folder takes it
        candidates.append(resolve_data_dir(data_dir) / CRASH_LOG)
    candidates.append(Path(tempfile.gettempdir()) / f"achilles-tui-{os.getuid()}-{CRASH_LOG}")
    for path in candidates:
        try:
            if not path.parent.is_dir():
                continue
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_NOFOLLOW, 0o600)
            try:
                os.write(fd, payload)
            finally:
                os.close(fd)
            return path
        except OSError:
            continue
    return None


def run_tui(data_dir: str | Path | None, *, demo: bool = False) -> int:
    """Open the full-screen app; a storage problem is shown on screen, then exit 1.

    A crash inside the app ends it with exit 1: the traceback goes to the crash log (not
    the terminal) and one line names the log.
    """
    from achilles_tui.ui.app import create_app

    app = create_app(data_dir, demo=demo)
    app.run()
    if app.crash is not None:
        log = crash_log(app.crash, None if demo else str(app.data_dir))
        where = f"; the details are in {log}" if log is not None else ""
        from achilles_tui.storage.errors import StorageError

        if isinstance(app.crash, StorageError):  # a damaged file met after the start
            from achilles_tui.commands.common import storage_error_text

            text = storage_error_text(app.crash, resolve_data_dir(data_dir))
            print(f"achilles-tui: the app stopped: {text}", file=sys.stderr)
            return 1
        print(
            f"achilles-tui: the app stopped on an unexpected error ({_one_line(app.crash)}); "
            f"every save before it is kept{where}.",
            file=sys.stderr,
        )
        return 1
    if app.startup_error is not None:
        from achilles_tui.commands.common import storage_error_text

        text = storage_error_text(app.startup_error, resolve_data_dir(data_dir))
        print(f"achilles-tui: {text}", file=sys.stderr)
        return 1
    return app.return_code or 0


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
