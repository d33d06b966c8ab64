"""`achilles-tui serve`: the same app in a browser, on this machine, for its owner only.

textual-serve starts one app process per browser tab; each takes the history
lock like a terminal would, so a second tab is told the history is in use.
Who may connect is decided in `serve_guard` (a secret per run, Host and Origin checks).
"""

from __future__ import annotations

import argparse
import errno
import html
import shlex
import shutil
import sys
from pathlib import Path
from typing import Any

from achilles_tui.commands.common import CommandFailed, add_command, data_dir, int_in

# What --open gives the browser: a private file that sends it on to the address. Handing the
# browser the address itself would put the token on its command line, which every account on
# the machine can read (ps); Jupyter does the same for the same reason.
OPEN_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><meta name="referrer" content="no-referrer">
<meta http-equiv="refresh" content="0;url={url}"><title>achilles-tui</title></head>
<body><p><a href="{url}">Open achilles-tui</a></p></body></html>
"""


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add `serve`."""
    parser = add_command(
        subparsers,
        "serve",
        run_serve,
        "run the app in your browser via textual-serve, on 127.0.0.1 only, at an address "
        "with a secret made for this run (Ctrl+C stops it)",
    )
    parser.add_argument(
        "--port",
        type=int_in(1024, 65535),
        default=8765,
        metavar="N",
        help="port on 127.0.0.1 [8765]",
    )
    parser.add_argument(
        "--open",
        action="store_true",
        help="also open the address in your web browser",
    )


def serve_command(args: argparse.Namespace) -> str:
    """The command each browser tab runs: this app, on the same data folder."""
    folder = str(data_dir(args))
    return shlex.join([sys.executable, "-m", "achilles_tui", "--data-dir", folder])


def write_open_page(address: str) -> Path:
    """The --open page, 0600 in a new 0700 folder (removed when serve stops)."""
    from achilles_tui.storage.private_files import make_private_dir, write_private_text

    page = make_private_dir(prefix="achilles-tui-serve-") / "open.html"
    write_private_text(page, OPEN_PAGE.format(url=html.escape(address, quote=True)))
    return page


def open_browser(page: Path) -> None:
    """Show the page in the person's browser, or say to open the address by hand."""
    import webbrowser

    try:
        opened = webbrowser.open(page.as_uri())
    except Exception:  # webbrowser.Error, or a browser that fails to start
        opened = False
    if not opened:
        print("No web browser could be opened; open the address above yourself.", flush=True)


def run_serve(args: argparse.Namespace) -> int:
    """Serve until Ctrl+C (SIGINT) or SIGTERM, then exit 0."""
    from achilles_tui.commands.serve_guard import Guard, GuardedServer

    guard = Guard(args.port)
    page = write_open_page(guard.address) if args.open else None
    server = GuardedServer(
        serve_command(args),
        guard,
        title="achilles-tui",
        when_listening=None if page is None else lambda: open_browser(page),
    )
    print(f"achilles-tui is at {guard.address}", flush=True)
    print(
        "Open that address in your browser: it holds a secret made for this run (keep it to "
        "yourself). Ctrl+C stops the server.",
        flush=True,
    )
    try:
        server.serve()
    except OSError as exc:
        if exc.errno != errno.EADDRINUSE:
            raise
        raise CommandFailed(
            f"port {args.port} on 127.0.0.1 is in use by another program; choose another "
            "with --port N. Nothing was changed."
        ) from None
    finally:
        if page is not None:
            shutil.rmtree(page.parent, ignore_errors=True)
    print("achilles-tui server stopped.")
    return 0
