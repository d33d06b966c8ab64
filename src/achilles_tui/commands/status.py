"""`status` for prompts and tmux bars, and `remind` for cron / systemd snippets."""

from __future__ import annotations

import argparse
import os
import re
import shlex
import shutil
import sys
from typing import Any

from achilles_tui.care.status import day_status
from achilles_tui.commands.common import (
    UsageError,
    add_command,
    data_dir,
    now,
    print_json,
    readonly_repo,
)


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add `status` and `remind`."""
    status = add_command(
        subparsers,
        "status",
        run_status,
        "one line for a shell prompt or tmux bar (reads only; never waits for the app)",
    )
    status.add_argument("--json", action="store_true", help="print as JSON")
    remind = add_command(
        subparsers,
        "remind",
        run_remind,
        "print crontab and systemd-timer lines for a daily desktop reminder (installs "
        "nothing); when notify-send is missing, also says how to install it (exit 0)",
    )
    remind.add_argument("--time", default="08:00", metavar="HH:MM", help="time of day [08:00]")


def run_status(args: argparse.Namespace) -> int:
    """Read the file as it is on disk (atomic saves make that safe) and summarise."""
    status = day_status(readonly_repo(args), now())
    if args.json:
        print_json(status.to_json())
    else:
        print(status.message)
    return 0


# `wall` would write to every terminal of every user, so a missing notify-send is explained.
INSTALL_NOTIFY_SEND = """\
achilles-tui: notify-send is not installed, so these lines show nothing until it is:
  Debian, Ubuntu:  sudo apt install libnotify-bin
  Fedora:          sudo dnf install libnotify
  Arch:            sudo pacman -S libnotify
Or skip notifications: `achilles-tui status` in your prompt or tmux bar shows the same line."""

NO_NOTIFY_SEND_ON_MACOS = """\
achilles-tui: macOS has no notify-send, so there is no desktop reminder to set up.
Show the status in your prompt or tmux bar instead, for example in ~/.zshrc:
  PROMPT='$(achilles-tui status 2>/dev/null) %# '"""


def reminder_command(args: argparse.Namespace) -> str:
    """The sh line a reminder runs: notify-send showing `status` of this run's data folder.

    The folder is the one this command used (--data-dir, else ACHILLES_TUI_DATA_DIR, else the
    default), spelled out, so cron and systemd (which have neither the option nor the
    variable) read the same history; every word is quoted for sh (shlex.quote), so a folder
    named "my data" or "x$(rm -rf ~)" is a folder name and nothing else.
    """
    exe = shutil.which("achilles-tui")
    program = [exe] if exe else [sys.executable, "-m", "achilles_tui"]
    status = shlex.join([*program, "--data-dir", str(data_dir(args)), "status"])
    return f'notify-send achilles-tui "$({status})"'


def cron_text(line: str) -> str:
    """A command for a crontab line: cron turns an unescaped % into a new line."""
    return line.replace("%", "\\%")


def systemd_text(line: str) -> str:
    """One ExecStart argument: double-quoted, with systemd's $ and % specifiers escaped."""
    escaped = line.replace("\\", "\\\\").replace('"', '\\"').replace("$", "$$").replace("%", "%%")
    return f'"{escaped}"'


def run_remind(args: argparse.Namespace) -> int:
    """Ready-to-paste reminder set-ups; the user installs them, we never do.

    Without notify-send the lines are still printed (they work once it is installed) and
    stderr says how to install it; exit 0 either way, since nothing failed.
    """
    match = re.fullmatch(r"([01]?\d|2[0-3]):([0-5]\d)", args.time)
    if not match:
        raise UsageError(f"--time must be HH:MM (24-hour), got {args.time!r}")
    hour, minute = int(match.group(1)), int(match.group(2))
    has_notify_send = shutil.which("notify-send") is not None
    if not has_notify_send and sys.platform == "darwin":
        print(NO_NOTIFY_SEND_ON_MACOS, file=sys.stderr)
        return 0
    shown = reminder_command(args)
    bus = f"DBUS_SESSION_BUS_ADDRESS=unix:path=/run/user/{os.getuid()}/bus"
    print(f"""# Daily achilles-tui reminder at {hour:02d}:{minute:02d}. Nothing was installed.

# Option 1: cron. Run `crontab -e` and add this line:
{minute} {hour} * * * DISPLAY=:0 {bus} {cron_text(shown)}

# Option 2: a systemd user timer. Save the two files below, then run
#   systemctl --user daemon-reload && systemctl --user enable --now achilles-reminder.timer
# ~/.config/systemd/user/achilles-reminder.service
[Unit]
Description=achilles-tui daily reminder

[Service]
Type=oneshot
ExecStart=/bin/sh -c {systemd_text(shown)}

# ~/.config/systemd/user/achilles-reminder.timer
[Unit]
Description=achilles-tui daily reminder

[Timer]
OnCalendar=*-*-* {hour:02d}:{minute:02d}:00
Persistent=true

[Install]
WantedBy=timers.target""")
    if not has_notify_send:
        sys.stdout.flush()
        print(INSTALL_NOTIFY_SEND, file=sys.stderr)
    return 0
