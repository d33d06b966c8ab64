"""`achilles-tui serve`: the same app in a browser, on this machine only.

textual-serve starts one app process per browser tab; each takes the history
lock like a terminal would, so a second tab is told the history is in use.
"""

from __future__ import annotations

import argparse
import shlex
import sys
from typing import Any

from achilles_tui.commands.common import add_command, data_dir, int_in

HOST = "127.0.0.1"


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add `serve`."""
    parser = add_command(
        subparsers,
        "serve",
        run_serve,
        "run the app in your browser via textual-serve, on 127.0.0.1 only (Ctrl+C stops it)",
    )
    parser.add_argument(
        "--port",
        type=int_in(1024, 65535),
        default=8765,
        metavar="N",
        help="port on 127.0.0.1 [8765]",
    )


def serve_command(args: argparse.Namespace) -> str:
    """The command each browser tab runs: this app, on the same data folder."""
    folder = str(data_dir(args))
    return shlex.join([sys.executable, "-m", "achilles_tui", "--data-dir", folder])


def run_serve(args: argparse.Namespace) -> int:
    """Serve until Ctrl+C (SIGINT) or SIGTERM, then exit 0."""
    from textual_serve.server import Server

    server = Server(serve_command(args), host=HOST, port=args.port, title="achilles-tui")
    print(f"achilles-tui is at http://{HOST}:{args.port} (Ctrl+C to stop)", flush=True)
    server.serve()
    print("achilles-tui server stopped.")
    return 0
