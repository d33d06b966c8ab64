"""`serve` answers on 127.0.0.1 at the address it prints, and stops cleanly on Ctrl+C (SIGINT)."""

from __future__ import annotations

import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_serve_answers_on_loopback_and_exits_on_sigint(data_dir: Path) -> None:
    port = _free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "achilles_tui",
            "--data-dir",
            str(data_dir),
            "serve",
            "--port",
            str(port),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
    )
    try:
        address, body = "", ""
        # Follows the redirect and keeps the cookie the printed address trades its token for.
        browser = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            line = proc.stdout.readline() if proc.stdout and not address else ""
            if found := re.search(rf"http://127\.0\.0\.1:{port}/\?token=\S+", line):
                address = found.group(0)
            if not address:
                continue
            try:
                with browser.open(address, timeout=2) as page:
                    assert page.status == 200
                    assert page.url == f"http://127.0.0.1:{port}/"  # the token left the address
                    body = page.read().decode()
                    break
            except OSError:
                time.sleep(0.2)
        assert "achilles-tui" in body
        token = address.split("token=", 1)[1]
        assert token not in body
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0
    assert "stopped" in out
    assert token not in out + err  # printed once (read above), never logged


def test_serve_refuses_a_privileged_port() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "achilles_tui", "serve", "--port", "80"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 2
    assert "out of range" in result.stderr
