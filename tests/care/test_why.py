"""One test per bullet under "Why" in the care-state issue; each failed before the change.

The command line runs in-process on the real clock; the app runs headless on the frozen clock.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Static

from achilles_tui.domain.models import Exercise, Position
from achilles_tui.storage.database import HistoryStore
from achilles_tui.storage.repository import ReadOnlyRepository, Repository
from achilles_tui.ui.screens.session import SessionScreen
from tests.badinput._cli import invoke
from tests.conftest import FROZEN_NOW
from tests.domain.test_report import markdown_structure
from tests.ui.helpers import app_for, prepared_history
from tests.ui.progress_support import seed
from tests.ui.session_support import FakeMonotonic, history_with_plan, session_app

TODAY = dt.date.today()
BLOCKING_SIGNS = [
    ("pop", "RF-RUPTURE-SUSPECT"),
    ("calf-swelling", "RF-DVT"),
    ("breathless", "RF-PE"),
    ("infection", "RF-INFECTION"),
    ("night-pain", "RF-NIGHT-REST-PAIN"),
    ("fluoroquinolone-new-pain", "RF-FLUOROQUINOLONE"),
]


def cli(folder: Path, *args: str) -> tuple[int, str, str]:
    """`achilles-tui --data-dir FOLDER ARGS` in-process."""
    return invoke("--data-dir", str(folder), *args)


def ok(folder: Path, *args: str) -> str:
    code, out, err = cli(folder, *args)
    assert code == 0, err
    return out


def days_ago(n: int) -> str:
    return (TODAY - dt.timedelta(days=n)).isoformat()


def green_week(folder: Path, *assess: str, reps_done: str | None = None) -> None:
    """A plan begun 8 days ago and 7 good days ending yesterday, all logged with the CLI."""
    ok(folder, "assess", "--condition", "midportion", "--flares-easily", *assess, "--save",
       "--since", days_ago(8))  # fmt: skip
    for n in range(7, 0, -1):
        ok(folder, "log", "--date", days_ago(n), "--morning-pain", "1", "--stiffness-minutes",
           "5", "--settled", "yes")  # fmt: skip
        extra = ["--reps-done", reps_done] if reps_done is not None else []
        ok(folder, "log-session", "--date", days_ago(n), "--pain-during", "2", "--effort",
           "challenging", *extra)  # fmt: skip


def review(folder: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(ok(folder, "review", "--week-ending", days_ago(1), "--json"))
    return data


def status(folder: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(ok(folder, "status", "--json"))
    return data


def ready_text(app: Any) -> str:
    return str(app.screen.query_one("#ready-text", Static).render())


@pytest.fixture(scope="module")
def green_history(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One good week, built once and copied by each test that needs it."""
    folder = tmp_path_factory.mktemp("green") / "data"
    green_week(folder)
    return folder


def copy_of(source: Path, tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(source, target)
    return target


# -- 1. after `x` the Session screen offered another session -----------------------------------


async def test_after_x_hurts_more_than_5_the_session_screen_offers_no_new_session(
    data_dir: Path,
) -> None:
    history_with_plan(data_dir, reps=3, hold=5, rest=2)
    clock = FakeMonotonic()
    app = session_app(data_dir, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("s", "enter")
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("7", "enter")  # the rating after the stop
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen) and not screen.running
        text = ready_text(app)
        assert "another is fine" not in text and "Press Enter" not in text
        assert "MON-PAIN-DURING" in text and "tomorrow" in text
        assert screen.check_action("start", ()) is False
        await pilot.press("enter")
        await pilot.pause()
        assert not screen.running
    assert len(ReadOnlyRepository(data_dir).sessions()) == 1


# -- 2. paused by a warning sign, the Session screen still said "another is fine" --------------


async def test_paused_by_a_warning_sign_the_session_screen_says_why_and_offers_no_start(
    data_dir: Path,
) -> None:
    history_with_plan(data_dir)
    app = session_app(data_dir, FakeMonotonic())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("exclamation_mark")
        await pilot.pause()
        await pilot.press("2", "enter", "enter")  # a swollen calf, then close the advice
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        text = ready_text(app)
        assert "RF-DVT" in text and "paused" in text
        assert "another is fine" not in text and "Press Enter" not in text
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen) and not app.screen.running
        await pilot.press("t")
        await pilot.pause()
        assert "RF-DVT" in str(app.screen.query_one("#today-paused", Static).render())
        assert "Press s" not in str(app.screen.query_one("#today-session", Static).render())
    assert ReadOnlyRepository(data_dir).sessions() == []


# -- 3. a blocking sign in a new assessment was ignored by review and log-session ----------------


@pytest.mark.parametrize(("flag", "rule_id"), BLOCKING_SIGNS)
def test_a_blocking_sign_in_a_new_assessment_stops_review_and_log_session(
    green_history: Path, tmp_path: Path, flag: str, rule_id: str
) -> None:
    folder = copy_of(green_history, tmp_path)
    assert review(folder)["suggestion"] == "progress"
    code, _out, err = cli(
        folder, "assess", "--condition", "midportion", "--red-flag", flag, "--save"
    )
    assert code == 0 and rule_id in err
    data = review(folder)
    assert data["suggestion"] == "see_clinician"
    assert rule_id in data["rules_fired"] and data["level_to"] == data["level_from"]
    state = status(folder)
    assert (state["care_state"], state["session_allowed"], state["blocked_by"]) == (
        "paused_red_flag",
        False,
        rule_id,
    )
    code, out, err = cli(folder, "log-session", "--pain-during", "2", "--effort", "challenging")
    assert code == 0, err
    assert rule_id in err and "warning" in err
    assert "does not count" in out
    logged = ReadOnlyRepository(folder).sessions()[-1]
    assert logged.paused_by == rule_id


# -- 4. adherence counted sessions that did not happen -----------------------------------------


def test_sessions_with_zero_holds_are_not_counted_and_never_give_progress(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    green_week(folder, reps_done="0")
    data = review(folder)
    assert data["week"]["sessions_done"] == 0
    assert data["suggestion"] != "progress"


def test_two_sessions_on_one_day_count_once(green_history: Path, tmp_path: Path) -> None:
    folder = copy_of(green_history, tmp_path)
    ok(folder, "log-session", "--date", days_ago(3), "--pain-during", "2", "--effort",
       "challenging")  # fmt: skip
    week = review(folder)["week"]
    assert (week["sessions_done"], week["sessions_planned"]) == (7, 7)


def test_days_before_the_first_plan_are_neither_done_nor_missed(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    ok(folder, "assess", "--condition", "midportion", "--save")
    ok(folder, "log-session", "--pain-during", "1", "--effort", "challenging")
    week = json.loads(ok(folder, "review", "--json"))["week"]
    assert (week["sessions_done"], week["sessions_planned"], week["adherence"]) == (1, 1, 1.0)
    _headings, tables = markdown_structure(ok(folder, "report", "--weeks", "8"))
    weekly = next(table for table in tables if table[0][0] == "Week ending")[1:]
    assert [row[1] for row in weekly] == ["-"] * 7 + ["1/1"]
    code, _out, err = cli(folder, "log-session", "--date", days_ago(3), "--pain-during", "1",
                          "--effort", "challenging")  # fmt: skip
    assert code == 2 and "--since" in err
    assert len(ReadOnlyRepository(folder).sessions()) == 1


# -- 5. plan set after RF-UNCLEARED-RUPTURE or RF-CALF-STRAIN was saved without a word -----------


@pytest.mark.parametrize(
    ("condition", "rule_id"),
    [("rupture-surgery", "RF-UNCLEARED-RUPTURE"), ("calf-strain", "RF-CALF-STRAIN")],
)
def test_plan_set_after_a_blocking_assessment_needs_force_and_keeps_the_confirmation(
    tmp_path: Path, condition: str, rule_id: str
) -> None:
    folder = tmp_path / "data"
    ok(folder, "assess", "--condition", condition, "--save")
    plan_set = ["plan", "set", "--position", "neutral", "--legs", "2", "--reps", "3", "--hold",
                "10", "--rest", "15"]  # fmt: skip
    code, _out, err = cli(folder, *plan_set)
    assert code == 2 and rule_id in err and "--force" in err
    assert ReadOnlyRepository(folder).plans() == []
    assert status(folder)["care_state"] == "blocked_no_plan"
    code, _out, err = cli(folder, *plan_set, "--force")
    assert code == 0, err
    (plan,) = ReadOnlyRepository(folder).plans()
    assert plan.confirmed_rules == (rule_id,)
    assert status(folder)["care_state"] == "due"


# -- 6. the dose edit in Progress saved a rest shorter than prescribed ---------------------------


async def test_a_progress_dose_edit_with_a_shorter_rest_is_saved_only_when_confirmed(
    data_dir: Path,
) -> None:
    seed(data_dir, level="L3")
    app = app_for(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("p", "e")
        await pilot.pause()
        await pilot.press("tab", "tab", "tab", "backspace", "backspace", "backspace", "1", "0")
        await pilot.press("enter")  # save the form: rest 10 s for a 30 s hold
        await pilot.pause()
        await pilot.press("enter")  # accept: asks first
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmModal"
        await pilot.press("enter")  # Enter is "no" here
        await pilot.pause()
        assert len(ReadOnlyRepository(data_dir).plans()) == 1
        await pilot.press("enter", "y")
        await pilot.pause()
    plans = ReadOnlyRepository(data_dir).plans()
    assert len(plans) == 2
    assert plans[-1].exercises[0].rest_seconds == 10
    assert plans[-1].confirmed_rules == ("DOSE-REST-SCALES",)


# -- 7. MON-INSERTIONAL-NEUTRAL-TRIAL never fired ------------------------------------------------


def test_the_insertional_neutral_trial_fires_after_an_unsettled_morning(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    ok(folder, "assess", "--condition", "insertional", "--position", "neutral", "--save",
       "--since", days_ago(8))  # fmt: skip
    for n in range(7, 0, -1):
        ok(folder, "log-session", "--date", days_ago(n), "--pain-during", "2", "--effort",
           "challenging")  # fmt: skip
        settled = "no" if n == 4 else "yes"
        ok(folder, "log", "--date", days_ago(n - 1), "--morning-pain", "1", "--settled", settled)
    data = json.loads(ok(folder, "review", "--json"))
    assert "MON-INSERTIONAL-NEUTRAL-TRIAL" in data["rules_fired"]
    assert {"field": "position", "from": "neutral", "to": "heel_raised"} in data["changes"]


def test_the_diary_says_so_the_same_morning(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    ok(folder, "assess", "--condition", "insertional", "--position", "neutral", "--save",
       "--since", days_ago(2))  # fmt: skip
    ok(folder, "log-session", "--date", days_ago(1), "--pain-during", "2", "--effort",
       "challenging")  # fmt: skip
    code, _out, err = cli(folder, "log", "--morning-pain", "2", "--settled", "no")
    assert code == 0 and "MON-INSERTIONAL-NEUTRAL-TRIAL" in err


# -- 8. --condition unsure got no advice to have the tendon assessed -----------------------------


def test_unsure_condition_is_advised_to_get_the_tendon_assessed(tmp_path: Path) -> None:
    data = json.loads(ok(tmp_path / "data", "assess", "--condition", "unsure", "--json"))
    assert "ELIG-UNSURE-GET-ASSESSED" in [c["rule"] for c in data["cautions"]]


# -- 9. re-taking the assessment replaced a plan at L4 with L1 -----------------------------------


def l4_plan(folder: Path) -> None:
    """A plan the weekly reviews have moved up to L4, after a first assessment."""
    prepared_history(folder)
    made = FROZEN_NOW - dt.timedelta(days=40)
    step = Exercise(Position.NEUTRAL, legs=2, reps=5, hold_seconds=30, rest_seconds=45)
    with HistoryStore(folder) as store:
        Repository(store).add_plan([step], source="review", level="L4", created=made)


async def test_retaking_the_assessment_keeps_the_l4_plan_unless_the_new_one_is_chosen(
    data_dir: Path,
) -> None:
    l4_plan(data_dir)
    app = app_for(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("a", "enter")
        await pilot.pause()
        screen: Any = app.screen
        seen_result = False
        for _ in range(40):  # Enter through every question and the result, as in a hurry
            seen_result = seen_result or screen.view == "result"
            if seen_result and screen.view == "start":
                break
            if screen.view == "result":
                assert "PROG-REASSESS-LOWER" in str(
                    screen.query_one("#r-cautions", Static).render()
                )
            await pilot.press("enter")
            await pilot.pause()
        assert seen_result and screen.view == "start"
    repo = ReadOnlyRepository(data_dir)
    assert [p.level for p in repo.plans()] == ["L4"]
    assert len(repo.assessments()) == 1


def test_assess_save_warns_and_keeps_a_higher_plan(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    l4_plan(folder)
    code, out, err = cli(folder, "assess", "--condition", "midportion", "--save")
    assert code == 0 and "PROG-REASSESS-LOWER" in err and "L4 back to L1" in err
    assert "unchanged" in out
    assert [p.level for p in ReadOnlyRepository(folder).plans()] == ["L4"]
    ok(folder, "assess", "--condition", "midportion", "--save", "--replace-plan")
    assert [p.level for p in ReadOnlyRepository(folder).plans()] == ["L4", "L1"]
