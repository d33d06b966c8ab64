"""Every file the app writes for the person is 0600 (folders 0700) from birth (issue 23).

The commands run with umask 0, so a file created without an explicit mode would come out 0666
and a folder 0777: only a mode given at creation passes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import signal
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from achilles_tui.cli import build_parser, main
from achilles_tui.storage.errors import WriteFailed
from achilles_tui.storage.private_files import write_private_text

DAY = (dt.date.today() - dt.timedelta(days=1)).isoformat()
SINCE = (dt.date.today() - dt.timedelta(days=10)).isoformat()
# Every command with a file option, and what the walk below runs for it.
OUTPUT_COMMANDS = {"export", "report"}


def cli(*args: str | Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`python -m achilles_tui ARGS` with umask 0."""
    return subprocess.run(
        [sys.executable, "-m", "achilles_tui", *map(str, args)],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        stdin=subprocess.DEVNULL,
        timeout=60,
        umask=0,
    )


def ok(*args: str | Path) -> str:
    result = cli(*args)
    assert result.returncode == 0, result.stderr
    return result.stdout


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def one_line_failure(result: subprocess.CompletedProcess[str]) -> str:
    """Exit 1, one line on stderr, no traceback; that line."""
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def commands_with_a_file_option() -> set[str]:
    parser = build_parser()
    [sub] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return {
        name
        for name, command in sub.choices.items()
        if any("--output" in action.option_strings for action in command._actions)
    }


def test_the_walk_below_knows_every_command_that_writes_a_file() -> None:
    assert commands_with_a_file_option() == OUTPUT_COMMANDS


def test_every_file_a_command_writes_is_private(tmp_path: Path) -> None:
    data = tmp_path / "data"
    # The history and its backups: every command that saves.
    ok("--data-dir", data, "plan", "set", "--position", "neutral", "--legs", "2", "--reps", "3",
       "--hold", "30", "--rest", "60", "--since", SINCE)  # fmt: skip
    ok("--data-dir", data, "log", "--date", DAY, "--morning-pain", "2")
    ok("--data-dir", data, "log-session", "--date", DAY, "--pain-during", "2", "--effort",
       "challenging")  # fmt: skip
    ok("--data-dir", data, "log-test", "--heel-raise-reps-affected", "12", "--date", DAY)
    # Files written at the person's request: --output of every command that has it.
    written = {
        "export json": tmp_path / "out" / "export.json",
        "export csv": tmp_path / "out" / "export.csv",
        "report": tmp_path / "out" / "report.md",
    }
    (tmp_path / "out").mkdir()
    ok("--data-dir", data, "export", "--format", "json", "--output", written["export json"])
    ok("--data-dir", data, "export", "--format", "csv", "--output", written["export csv"])
    ok("--data-dir", data, "report", "--output", written["report"])
    ok("--data-dir", data, "import", written["export json"])  # backs the history up first
    assert {name.split()[0] for name in written} == OUTPUT_COMMANDS
    for name, path in written.items():
        assert mode(path) == 0o600, f"{name}: {oct(mode(path))}"
    files = [p for p in data.rglob("*") if p.is_file() and not p.name.endswith(".lock")]
    assert any(p.parent.name == "backups" for p in files)  # the import's backup is walked too
    for path in files:
        assert mode(path) == 0o600, f"{path.relative_to(data)}: {oct(mode(path))}"
    for folder in [data, *(p for p in data.rglob("*") if p.is_dir())]:
        assert mode(folder) == 0o700, f"{folder}: {oct(mode(folder))}"


@pytest.mark.parametrize("command", [["export"], ["export", "--format", "csv"], ["report"]])
def test_an_existing_readable_file_is_made_private_before_it_is_rewritten(
    tmp_path: Path, command: list[str]
) -> None:
    out = tmp_path / "shared.txt"
    out.write_text("old text " * 1000, encoding="utf-8")
    out.chmod(0o644)
    inode = out.stat().st_ino
    ok("--data-dir", tmp_path / "data", *command, "--output", out)
    assert mode(out) == 0o600
    assert out.stat().st_ino == inode  # written in place: links and the folder's files stay
    assert "old text" not in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("command", ["export", "report"])
def test_an_output_in_a_missing_folder_is_one_line(tmp_path: Path, command: str) -> None:
    target = tmp_path / "missing" / "x.json"
    line = one_line_failure(cli("--data-dir", tmp_path / "data", command, "--output", target))
    assert str(target) in line and "does not exist" in line
    assert not target.parent.exists()


@pytest.mark.parametrize("command", ["export", "report"])
def test_an_output_that_is_a_folder_is_one_line(tmp_path: Path, command: str) -> None:
    line = one_line_failure(cli("--data-dir", tmp_path / "data", command, "--output", tmp_path))
    assert "is a folder" in line
    assert mode(tmp_path) != 0o600


def test_a_read_only_output_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "ro" / "x.json"
    target.parent.mkdir()
    if os.geteuid() != 0:
        target.parent.chmod(0o500)
    else:  # root may write anywhere: make the folder refuse as a read-only disk would
        real_open = os.open

        def read_only(path: object, *args: int) -> int:
            if Path(str(path)) == target:
                raise OSError(30, "Read-only file system", str(path))
            return real_open(path, *args)  # type: ignore[arg-type]

        monkeypatch.setattr(os, "open", read_only)
    try:
        code = main(["--data-dir", str(tmp_path / "data"), "export", "--output", str(target)])
    finally:
        target.parent.chmod(0o700)
    err = capsys.readouterr().err
    assert code == 1
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert "read-only" in err and str(target) in err
    assert not target.exists()


def test_a_file_of_another_user_is_neither_emptied_nor_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "theirs.txt"
    target.write_text("their text", encoding="utf-8")
    target.chmod(0o666)
    me = os.geteuid()
    monkeypatch.setattr(os, "geteuid", lambda: me + 1)  # the file now belongs to "someone else"
    with pytest.raises(WriteFailed, match="belongs to another user"):
        write_private_text(target, "my history")
    assert target.read_text(encoding="utf-8") == "their text"


def test_a_device_is_written_through_and_keeps_its_mode() -> None:
    before = mode(Path("/dev/null"))
    write_private_text(Path("/dev/null"), "nothing")  # as `--output /dev/stdout` would
    assert mode(Path("/dev/null")) == before


RECORDER = """\
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit
page = Path(unquote(urlsplit(sys.argv[1]).path))
info = [sys.argv[1], oct(page.stat().st_mode & 0o777), oct(page.parent.stat().st_mode & 0o777)]
Path({record!r}).write_text("\\n".join(info) + "\\n" + page.read_text())
"""


def test_serve_open_hands_the_browser_a_private_page_not_the_token(tmp_path: Path) -> None:
    """The browser's command line is readable by every account (ps): it gets a 0600 file."""
    record = tmp_path / "browser-was-given.txt"
    browser = tmp_path / "browser.py"
    browser.write_text(f"#!{sys.executable}\n" + RECORDER.format(record=str(record)))
    browser.chmod(0o700)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    data = tmp_path / "data"
    command = ["-m", "achilles_tui", "--data-dir", str(data), "serve", "--port", str(port)]
    proc = subprocess.Popen(
        [sys.executable, *command, "--open"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "BROWSER": str(browser), "NO_COLOR": "1"},
        umask=0,
    )
    try:
        deadline = time.monotonic() + 30
        while not record.exists() and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.1)
        time.sleep(0.2)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0, err
    token = out.split("token=", 1)[1].split()[0]
    url, file_mode, folder_mode, page = record.read_text().split("\n", 3)
    assert url.startswith("file://") and token not in url
    assert (file_mode, folder_mode) == ("0o600", "0o700")
    assert f"http://127.0.0.1:{port}/?token={token}" in page
    assert not Path(unquote(urlsplit(url).path)).parent.exists()  # removed when serve stopped
