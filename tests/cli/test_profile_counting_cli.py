"""Issue 22 item 10 and §F5 decisions 3, 10, 11 and 13 at the command line.

After a flare-up every surface shows and logs the level the next sessions run (decision 13);
a session logged while sessions are not allowed is kept with its reason and never counts
(decision 3); an own plan with no rest needs --force (decision 10); `log-session` counts what
the session screen counts and refuses more than planned (decision 11). The item 10 test runs
the real CLI in a subprocess (tests/cli/run.py); the tables run it in-process.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest

from achilles_tui.care.history import history_data
from achilles_tui.domain.counting import session_counts
from achilles_tui.domain.models import Side
from achilles_tui.domain.rules import LADDER
from achilles_tui.storage.locations import history_path
from achilles_tui.storage.repository import ReadOnlyRepository
from achilles_tui.ui.screens.history import build_rows
from tests.badinput._cli import invoke
from tests.cli.run import run_cli

TODAY = dt.date.today()
FLARE = "PROG-FLARE-UP-REST"
# The `status --json` keys scripts rely on (§F4): a stepped level changes a value, never a key.
STATUS_KEYS = {
    "message", "has_plan", "plan_version", "session_done_today", "diary_logged_today",
    "streak_days", "review_ready", "paused_for_red_flag", "care_state", "session_allowed",
    "blocked_by", "level", "stage",
}  # fmt: skip


def days_ago(n: int) -> str:
    return (TODAY - dt.timedelta(days=n)).isoformat()


def cli(folder: Path, *args: str) -> tuple[int, str, str]:
    """`achilles-tui --data-dir FOLDER ARGS` in-process."""
    return invoke("--data-dir", str(folder), *args)


def ok(folder: Path, *args: str) -> str:
    code, out, err = cli(folder, *args)
    assert code == 0, err
    return out


def as_json(folder: Path, *args: str) -> Any:
    return json.loads(ok(folder, *args, "--json"))


def file_bytes(folder: Path) -> bytes | None:
    path = history_path(folder)
    return path.read_bytes() if path.exists() else None


STRONG = ("assess", "--condition", "midportion", "--strength", "strong")  # L6: one leg
IRRITABLE = ("assess", "--condition", "midportion", "--flares-easily")  # L1: two legs
TOO_EASY = ("assess", "--condition", "midportion", "--isometrics-feel", "too-easy")  # T2
SESSION = ("log-session", "--pain-during", "2", "--effort", "challenging")


def flare_up(folder: Path, day: str) -> None:
    ok(folder, "log", "--date", day, "--morning-pain", "6", "--stiffness-minutes", "20",
       "--settled", "no", "--day", "flare-up")  # fmt: skip


# -- item 10: one level after a flare-up ---------------------------------------------------------


def test_item10_flare_up_level_on_every_surface(tmp_path: Path) -> None:
    """L6 and a flare-up yesterday: the session runs L4, and so does every other surface."""
    folder = tmp_path / "data"

    def run(*args: str) -> str:
        done = run_cli("--data-dir", folder, *args)
        assert done.returncode == 0, done.stderr
        return done.stdout

    run(*STRONG, "--save", "--since", days_ago(5))
    flare_up(folder, days_ago(1))
    status = json.loads(run("status", "--json"))
    assert set(status) == STATUS_KEYS
    assert (status["level"], status["care_state"], status["plan_version"]) == ("L4", "due", 1)
    plan = json.loads(run("plan", "--json"))
    assert plan["level"] == "L4" and plan["version"] == 1
    assert [ex["legs"] for ex in plan["exercises"]] == [LADDER["L4"].legs]
    assert plan["flare_up"]["stored_level"] == "L6" and plan["flare_up"]["rule"] == FLARE
    text = run("plan")
    assert "level L4" in text and "level L6" not in text and FLARE in text
    out = run(*SESSION)
    assert "at L4" in out and FLARE in out
    (session,) = ReadOnlyRepository(folder).sessions()
    step = LADDER["L4"]
    assert (len(session.reps), session.reps_planned) == (step.reps, step.reps)
    assert {rep.side for rep in session.reps} == {Side.BOTH}
    assert {rep.hold_seconds for rep in session.reps} == {step.hold_seconds}
    report = tmp_path / "report.md"
    run("report", "--output", str(report))
    assert "level: L4" in report.read_text(encoding="utf-8")


# -- decision 13: the level the next sessions run, on every surface -------------------------------


@pytest.mark.parametrize(
    ("assess", "flare_days_ago", "then", "level"),
    [
        (STRONG, None, (), "L6"),  # no flare-up: the stored level
        (STRONG, 1, (), "L4"),  # two steps lower
        (STRONG, 0, (), "L4"),  # the flare-up day itself: the level the next sessions run
        (IRRITABLE, 1, (), "L1"),  # floor at L1
        (TOO_EASY, 1, (), "T1"),  # heel raises: floor at T1
        (STRONG, 2, (*STRONG, "--save"), "L6"),  # a new plan version ends the step-down
    ],
    ids=["no flare-up", "L6 -> L4", "flare-up today", "floor L1", "T2 -> T1", "new plan"],
)
def test_decision13_every_surface_shows_the_level_the_next_sessions_run(
    tmp_path: Path,
    assess: tuple[str, ...],
    flare_days_ago: int | None,
    then: tuple[str, ...],
    level: str,
) -> None:
    folder = tmp_path / "data"
    ok(folder, *assess, "--save", "--since", days_ago(5))
    if flare_days_ago is not None:
        flare_up(folder, days_ago(flare_days_ago))
    if then:
        ok(folder, *then)
    assert as_json(folder, "status")["level"] == level
    assert as_json(folder, "plan")["level"] == level
    assert f"level {level}" in ok(folder, "plan")
    report = tmp_path / "report.md"
    ok(folder, "report", "--output", str(report))
    assert f"level: {level}" in report.read_text(encoding="utf-8")
    count = ("--sets-done", "1") if level.startswith("T") else ("--reps-done", "1")
    assert f"at {level}:" in ok(folder, *SESSION, *count)


# -- decision 3: logged while sessions are not allowed ---------------------------------------------


def paused(folder: Path) -> None:
    ok(folder, "assess", "--condition", "midportion", "--red-flag", "calf-swelling", "--save")


def blocked(folder: Path) -> None:
    ok(folder, "assess", "--condition", "midportion", "--isometrics-feel", "too-painful", "--save")


def stopped_for_pain(folder: Path) -> None:
    ok(folder, "log-session", "--pain-during", "7", "--effort", "too-hard", "--reps-done", "1")


def flare_up_today(folder: Path) -> None:
    flare_up(folder, days_ago(0))


def done_today(folder: Path) -> None:
    ok(folder, *SESSION)


def due(folder: Path) -> None:
    """Nothing happened yet today."""


def counted_today(folder: Path) -> dict[str, Any]:
    """How many sessions count today on each surface that counts them."""
    repo = ReadOnlyRepository(folder)
    week = as_json(folder, "review", "--week-ending", days_ago(0))["week"]
    status = as_json(folder, "status")
    data = history_data(repo, TODAY - dt.timedelta(days=7))
    rows = {row.date: row.sessions_done for row in build_rows(*_history(data))}
    table = list(csv.DictReader(io.StringIO(ok(folder, "export", "--format", "csv"))))
    csv_today = [r for r in table if r["record"] == "session" and r["date"] == days_ago(0)]
    return {
        "review": week["sessions_done"] - 2,  # the two good days before today
        "history": rows.get(TODAY, 0),
        "status": status["session_done_today"],
        "streak": status["streak_days"] - 2,
        "csv": sum(1 for r in csv_today if r["counts"] == "yes"),
        "pain rated": week["sessions_rated"] - 2,
    }


def _history(data: Any) -> tuple[Any, Any, Any]:
    return data.diary, data.sessions, data.timeline


@pytest.mark.parametrize(
    ("before", "reason", "counted", "rated"),
    [
        (due, None, 1, 1),
        (done_today, None, 1, 2),  # an extra one is kept without a reason; the day counts once
        (stopped_for_pain, "MON-PAIN-DURING", 0, 2),
        (flare_up_today, FLARE, 0, 1),
        (paused, "RF-DVT", 0, 1),
        (blocked, "ELIG-ISO-TOO-PAINFUL", 0, 1),
    ],
    ids=["due", "done_today", "stopped: pain", "stopped: flare-up", "paused", "blocked"],
)
def test_decision3_a_session_logged_while_not_allowed_is_kept_with_its_reason_and_never_counts(
    tmp_path: Path, before: Any, reason: str | None, counted: int, rated: int
) -> None:
    folder = tmp_path / "data"
    ok(folder, *IRRITABLE, "--save", "--since", days_ago(2))
    for n in (2, 1):
        ok(folder, "log", "--date", days_ago(n), "--morning-pain", "1", "--stiffness-minutes",
           "5", "--settled", "yes")  # fmt: skip
        ok(folder, *SESSION, "--date", days_ago(n))
    before(folder)
    code, out, err = cli(folder, "log-session", "--pain-during", "4", "--effort", "challenging")
    assert code == 0, err
    logged = ReadOnlyRepository(folder).sessions()[-1]
    assert logged.paused_by == reason
    assert session_counts(logged) is (reason is None)
    if reason is not None:
        assert reason in err and "does not count" in out
    surfaces = counted_today(folder)
    assert surfaces == {
        "review": counted,
        "history": counted,
        "status": counted == 1,
        "streak": counted,
        "csv": counted,
        "pain rated": rated,  # its pain still counts for the pain criteria
    }
    table = csv.DictReader(io.StringIO(ok(folder, "export", "--format", "csv")))
    mine = [r for r in table if r["record"] == "session" and r["pain_during"] == "4"]
    # done_today: the day's first session is the one that counts, not this extra one
    assert [(r["counts"], r["logged_while_stopped"]) for r in mine] == [
        ("yes" if before is due else "no", reason or "")
    ]
    if reason is not None:
        assert f"logged while sessions were stopped ({reason})" in ok(folder, "sessions")


def test_decision3_the_reason_survives_export_and_import(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    ok(folder, *IRRITABLE, "--save", "--since", days_ago(1))
    flare_up_today(folder)
    ok(folder, *SESSION)
    export = tmp_path / "export.json"
    ok(folder, "export", "--format", "json", "--output", str(export))
    again = tmp_path / "again"
    ok(again, "import", str(export))
    (session,) = ReadOnlyRepository(again).sessions()
    assert session.paused_by == FLARE and not session_counts(session)


# -- decision 10: an own plan with no rest needs a confirmation ----------------------------------

HOLD = ("plan", "set", "--position", "neutral", "--legs", "2", "--reps", "5", "--hold", "30")
RAISE = ("plan", "set", "--exercise", "heel-raise", "--surface", "floor", "--legs", "2",
         "--sets", "3", "--reps", "10")  # fmt: skip


@pytest.mark.parametrize(
    ("plan", "rest", "force", "saved", "named"),
    [
        (HOLD, "0", False, False, True),
        (HOLD, "0", True, True, True),
        (RAISE, "0", False, False, True),
        (RAISE, "0", True, True, True),
        (HOLD, "5", False, True, False),  # a short rest is the physio's call
        (RAISE, "60", False, True, False),
    ],
    ids=["hold 0 s", "hold 0 s --force", "raise 0 s", "raise 0 s --force", "hold 5 s", "raise"],
)
def test_decision10_an_own_plan_with_no_rest_is_saved_only_when_confirmed(
    tmp_path: Path, plan: tuple[str, ...], rest: str, force: bool, saved: bool, named: bool
) -> None:
    folder = tmp_path / "data"
    ok(folder, *IRRITABLE, "--save")
    before = file_bytes(folder)
    code, _out, err = cli(folder, *plan, "--rest", rest, *(("--force",) if force else ()))
    assert ("DOSE-REST-SCALES" in err) is named
    current = ReadOnlyRepository(folder).current_plan()
    assert current is not None
    if not saved:
        assert code == 2 and "--force" in err and file_bytes(folder) == before
        return
    assert code == 0, err
    assert current.source == "own" and current.exercises[0].rest_seconds == int(rest)
    assert ("DOSE-REST-SCALES" in current.confirmed_rules) is named


def test_decision10_the_help_names_the_rule() -> None:
    code, out, _err = invoke("plan", "set", "--help")
    assert code == 0 and "DOSE-REST-SCALES" in " ".join(out.split())


# -- decision 11: --reps-done and --sets-done count what the session screen counts ---------------

ONE_LEG_RAISES = ("plan", "set", "--exercise", "heel-raise", "--surface", "floor", "--legs",
                  "1", "--sets", "3", "--reps", "10", "--rest", "90")  # fmt: skip


@pytest.mark.parametrize(
    ("plan", "count", "records", "planned", "sides"),
    [
        (STRONG, ("--reps-done", "3"), 6, 10, {Side.LEFT, Side.RIGHT}),  # 3 on each leg
        (STRONG, ("--reps-done", "5"), 10, 10, {Side.LEFT, Side.RIGHT}),
        (STRONG, ("--reps-done", "6"), None, None, None),  # more than the 5 a side: refused
        (IRRITABLE, ("--reps-done", "2"), 2, 3, {Side.BOTH}),
        (IRRITABLE, ("--reps-done", "4"), None, None, None),
        (ONE_LEG_RAISES, ("--sets-done", "2"), 4, 6, {Side.LEFT, Side.RIGHT}),
        (ONE_LEG_RAISES, ("--sets-done", "4"), None, None, None),  # was capped at 3
    ],
    ids=["L6 3 a side", "L6 all", "L6 too many", "L1 2", "L1 too many", "raises 2 a leg",
         "raises too many"],
)  # fmt: skip
def test_decision11_log_session_counts_per_side_and_refuses_more_than_planned(
    tmp_path: Path,
    plan: tuple[str, ...],
    count: tuple[str, str],
    records: int | None,
    planned: int | None,
    sides: set[Side] | None,
) -> None:
    folder = tmp_path / "data"
    ok(folder, *plan, *(("--save",) if plan[0] == "assess" else ()), "--since", days_ago(3))
    before = file_bytes(folder)
    code, out, err = cli(folder, *SESSION, "--date", days_ago(1), *count)
    if records is None:
        assert code == 2 and "Nothing was written" in err and count[0] in err
        assert "Traceback" not in err and "Session logged" not in out
        assert file_bytes(folder) == before
        return
    assert code == 0, err
    (session,) = ReadOnlyRepository(folder).sessions()
    assert (len(session.reps), session.reps_planned) == (records, planned)
    assert {rep.side for rep in session.reps} == sides
    if sides == {Side.LEFT, Side.RIGHT}:
        assert f"{records // 2} of {planned // 2} on each leg" in out


def test_decision11_the_help_says_what_is_counted() -> None:
    code, out, _err = invoke("log-session", "--help")
    flat = " ".join(out.split())
    assert code == 0
    assert "holds done on each side, as the session screen counts them" in flat
    assert "sets done on each working leg, as the session screen counts them" in flat
    assert flat.count("More than the plan has is refused") == 2  # both counts say so
