"""Issue 26: random command lines end in exit 0, 1 or 2, never a traceback, and a command that
exits 1 or 2 leaves the history byte for byte (or still absent).

Each example builds a command line from the real parser's subcommands and options, with
values drawn from what a person (or a script gone wrong) might type: numbers in other
scripts, "1_0", empty text, dates in other forms, paths that are folders or FIFOs. It runs
in-process on a copy of a small history (or an empty folder). `serve` is left out (a valid
port would start a server) and so is the app itself; their refusals are tested elsewhere.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from achilles_tui.cli import build_parser
from achilles_tui.storage.archive import archive_folder
from achilles_tui.storage.locations import history_path
from tests.badinput._cli import invoke

TODAY = dt.date.today()
LEFT_OUT = {"serve"}


def _subcommands() -> dict[str, list[argparse.Action]]:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    found = {}
    for name, subparser in sub.choices.items():
        if name in LEFT_OUT:
            continue
        found[name] = [a for a in subparser._actions if a.dest not in ("help",)]
    return found


SUBCOMMANDS = _subcommands()


def history_state(folder: Path) -> str:
    """history.json and archive/: what a refused command must leave as it was."""
    h = hashlib.sha256()
    path = history_path(folder)
    h.update(path.read_bytes() if path.is_file() else b"<absent>")
    archive = archive_folder(folder)
    if archive.is_dir():
        for item in sorted(archive.iterdir()):
            h.update(item.name.encode())
            h.update(item.read_bytes() if item.is_file() else b"<dir>")
    return h.hexdigest()


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A small history (a plan, diary days, sessions) and an export of it."""
    folder = tmp_path_factory.mktemp("lines") / "seed"
    d = ("--data-dir", str(folder))
    since = (TODAY - dt.timedelta(days=20)).isoformat()
    assert invoke(*d, "assess", "--condition", "midportion", "--save", "--since", since)[0] == 0
    for n in range(12, 0, -1):
        day = (TODAY - dt.timedelta(days=n)).isoformat()
        assert invoke(*d, "log", "--date", day, "--morning-pain", "2")[0] == 0
        assert invoke(*d, "log-session", "--date", day, "--pain-during", "2",
                      "--effort", "challenging")[0] == 0  # fmt: skip
    code, out, _ = invoke(*d, "export", "--format", "json")
    assert code == 0
    export = folder.parent / "export.json"
    export.write_text(out, encoding="utf-8")
    return folder, export


def value_texts(paths: dict[str, str]) -> st.SearchStrategy[str]:
    """Values for any option: plausible ones and the ones the issue found."""
    days = [(TODAY - dt.timedelta(days=n)).isoformat() for n in (0, 1, 3, 400)]
    return st.one_of(
        st.sampled_from(["0", "1", "2", "5", "10", "11", "-1", "1_0", "５", "٣", "²", "+3",
                         "1e3", "nan", "7.5", "", " ", "yes", "no", "08:00", "24:00", "3/0/3",
                         "３/0/3", "midportion", "neutral", "challenging", "rest", "json", "csv",
                         "20261129", "2026-W49-1", "0001-01-01", "2026-02-30", "9999-12-31",
                         *days, *paths.values()]),
        st.integers(-5, 1500).map(str),
        st.text(st.characters(exclude_categories=("Cs",)), max_size=12),
    )  # fmt: skip


@st.composite
def command_lines(draw: st.DrawFn, paths: dict[str, str]) -> list[str]:
    name = draw(st.sampled_from(sorted(SUBCOMMANDS)))
    words = [name]
    values = value_texts(paths)
    actions = SUBCOMMANDS[name]
    chosen = draw(st.lists(st.sampled_from(actions), max_size=5)) if actions else []
    for action in chosen:
        if not action.option_strings:  # a positional (plan's "set", import's FILE)
            if action.choices:
                words += [draw(st.sampled_from(sorted(action.choices)))]
            else:
                words += [draw(st.sampled_from(sorted(paths.values())) | values)]
            continue
        option = action.option_strings[-1]
        if action.nargs == 0:
            words.append(option)
        elif action.choices and draw(st.booleans()):
            words.append(f"{option}={draw(st.sampled_from(sorted(map(str, action.choices))))}")
        else:
            words.append(f"{option}={draw(values)}")
    return words


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_any_command_line_exits_0_1_or_2_and_a_refusal_writes_nothing(
    seeded: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory, data: Any
) -> None:
    seed, export = seeded
    tmp = tmp_path_factory.mktemp("line")
    fifo = tmp / "fifo"
    os.mkfifo(fifo)
    paths = {
        "export": str(export),
        "missing": str(tmp / "missing.json"),
        "folder": str(tmp),
        "fifo": str(fifo),
        "out": str(tmp / "out.txt"),
        "out in a missing folder": str(tmp / "no" / "out.txt"),
    }
    folder = tmp / "data"
    if data.draw(st.booleans()):
        shutil.copytree(seed, folder)
    line = data.draw(command_lines(paths))
    before = history_state(folder)
    here = os.getcwd()
    os.chdir(tmp)  # an --output that is a bare word lands in the example's folder
    try:
        code, out, err = invoke("--data-dir", str(folder), *line)
    finally:
        os.chdir(here)
    event(f"exit {code}")
    assert code in (0, 1, 2), (line, code, err)
    assert "Traceback" not in out + err, (line, err)
    if code in (1, 2):
        assert history_state(folder) == before, (line, err)
        assert err.strip(), line


@pytest.mark.parametrize(
    "line",
    [
        ["log", "--morning-pain", "1_0"],
        ["log", "--morning-pain", "５"],
        ["log", "--morning-pain", " 5"],
        ["log", "--morning-pain", "2", "--date", "20261129"],
        ["log", "--morning-pain", "2", "--date", "2026-W49-1"],
        ["review", "--week-ending", "0001-01-01"],
        [
            "plan",
            "set",
            "--position",
            "neutral",
            "--legs",
            "2",
            "--reps",
            "3",
            "--hold",
            "30",
            "--rest",
            "60",
            "--load-kg",
            "1_0",
        ],
        ["log-session", "--pain-during", "2", "--effort", "challenging", "--date", "1899-12-31"],
    ],
    ids=lambda line: " ".join(line),
)
def test_numbers_and_dates_are_read_strictly(tmp_path: Path, line: list[str]) -> None:
    folder = tmp_path / "data"
    code, _out, err = invoke("--data-dir", str(folder), *line)
    assert code == 2, err
    assert not history_path(folder).exists()


@pytest.mark.parametrize(
    "line",
    [
        ["log-session", "--pain-during", "2", "--effort", "challenging"],  # no plan yet
        [
            "plan",
            "set",
            "--position",
            "neutral",
            "--legs",
            "2",
            "--reps",
            "3",
            "--hold",
            "30",
            "--rest",
            "0",
        ],  # DOSE-REST-SCALES without --force
        ["import", "/nonexistent/export.json"],
    ],
    ids=["log-session", "plan set", "import"],
)
def test_a_refused_command_on_an_empty_folder_creates_no_history(
    tmp_path: Path, line: list[str]
) -> None:
    folder = tmp_path / "data"
    code, _out, err = invoke("--data-dir", str(folder), *line)
    assert code in (1, 2), err
    assert not history_path(folder).exists()


def test_an_empty_data_dir_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, _out, err = invoke("--data-dir", "", "log", "--morning-pain", "2")
    assert code == 2 and "--data-dir" in err
    assert not any(tmp_path.iterdir())


def test_a_saved_change_is_reported_as_saved_when_a_later_step_fails(
    seeded: tuple[Path, Path], tmp_path: Path
) -> None:
    """Issue 26 item 4: `log` used to say "left untouched" after saving, when a read after the
    save (the morning's advice) met a damaged file."""
    folder = tmp_path / "data"
    shutil.copytree(seeded[0], folder)
    archive_folder(folder).mkdir(exist_ok=True)
    (archive_folder(folder) / f"{TODAY.year - 1}.json").write_bytes(b"garbage")
    code, out, err = invoke("--data-dir", str(folder), "log", "--morning-pain", "3")
    assert code == 0, err
    assert "Saved to" in out or "Diary saved" in out
    assert "left untouched" not in out
    export = json.loads(history_path(folder).read_text())
    assert any(e["date"] == TODAY.isoformat() for e in export["diary"].values())
