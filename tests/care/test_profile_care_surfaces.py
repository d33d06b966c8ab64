"""Issue 22 items 7-9 below the screens: the CLI (`log-test`, `status`, `log-session`) and the
heel-raise test offer (MON-ISOT-HR-TEST, §F5 decision 8) as one use case.

The CLI runs in-process on today's real date, so its histories are dated from today; the
offer is asked at the frozen test clock on the UI tests' histories.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from achilles_tui.care.heel_raise_test import heel_raise_test_offer, record_heel_raise_test
from achilles_tui.domain.models import DayKind, DiaryEntry
from achilles_tui.storage.database import HistoryStore
from achilles_tui.storage.repository import ReadOnlyRepository, Repository
from tests.cli.test_polish_cli import ok, run
from tests.conftest import FROZEN_NOW
from tests.ui.test_isotonic_support import GOOD_WEEK, ago, isotonic_history, raise_session

# -- CLI ------------------------------------------------------------------------------------


def _days_ago(days: int) -> str:
    return (dt.date.today() - dt.timedelta(days=days)).isoformat()


def _t8_plan(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    """T8's dose as an own plan: one leg, 5 kg, 4 x 10, three days a week, started 10 days ago."""
    ok(
        capsys, data_dir, "plan", "set", "--exercise", "heel-raise", "--surface", "floor",
        "--legs", "1", "--sets", "4", "--reps", "10", "--rest", "120", "--load-kg", "5",
        "--per-week", "3", "--since", _days_ago(10),
    )  # fmt: skip


def _status(capsys: pytest.CaptureFixture[str], data_dir: Path) -> dict[str, object]:
    data: dict[str, object] = json.loads(ok(capsys, data_dir, "status", "--json"))
    return data


def test_item7_painful_heel_raise_test_stops_the_day(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    """`log-test ... --test-pain 8`: status, log-session and a second test all name the stop."""
    _t8_plan(capsys, data_dir)
    assert _status(capsys, data_dir)["care_state"] == "due"
    code, _out, err = run(
        capsys, data_dir, "log-test", "--heel-raise-reps-affected", "12",
        "--heel-raise-reps-other", "24", "--test-pain", "8",
    )  # fmt: skip
    assert code == 0 and "over the limit" in err

    status = _status(capsys, data_dir)
    assert status["care_state"] == "stopped_today"
    assert status["session_allowed"] is False
    assert status["blocked_by"] == "MON-ISOT-SET-PAIN"
    line = ok(capsys, data_dir, "status")
    assert "stopped for today (MON-ISOT-SET-PAIN)" in line and "session due" not in line

    # A session logged anyway is kept, with the same rule as a warning.
    code, _out, err = run(
        capsys, data_dir, "log-session", "--sets-done", "2", "--pain-during", "2",
        "--effort", "challenging",
    )  # fmt: skip
    assert code == 0
    assert "pain went over 5/10 in today's heel-raise test" in err and "MON-ISOT-SET-PAIN" in err

    # A second test that day: kept (it happened), with the reason and until when.
    code, _out, err = run(capsys, data_dir, "log-test", "--heel-raise-reps-affected", "10")
    assert code == 0
    assert "no session is allowed now" in err and "MON-ISOT-SET-PAIN" in err
    assert "tomorrow" in err


def test_item7_a_painful_test_on_an_earlier_day_is_judged_on_that_day(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    """Yesterday's painful test stopped yesterday, not today; a test logged for yesterday
    afterwards is warned about with yesterday's stop."""
    _t8_plan(capsys, data_dir)
    ok(capsys, data_dir, "log-test", "--heel-raise-reps-affected", "12", "--test-pain", "7",
       "--date", _days_ago(1))  # fmt: skip
    assert _status(capsys, data_dir)["care_state"] == "due"
    code, _out, err = run(
        capsys, data_dir, "log-test", "--heel-raise-reps-affected", "9", "--date", _days_ago(1)
    )
    assert code == 0 and f"no session is allowed on {_days_ago(1)}" in err
    assert "MON-ISOT-SET-PAIN" in err


def test_item9_rest_day_same_on_every_surface_in_status(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    """A 3-a-week plan with a session yesterday: `status` says rest day, never "session due"."""
    _t8_plan(capsys, data_dir)
    assert "session due" in ok(capsys, data_dir, "status")
    ok(
        capsys, data_dir, "log-session", "--date", _days_ago(1), "--sets-done", "4",
        "--pain-during", "1", "--effort", "challenging",
    )  # fmt: skip
    line = ok(capsys, data_dir, "status")
    assert line.startswith("rest day today") and "session due" not in line
    status = _status(capsys, data_dir)
    assert status["care_state"] == "rest_day"
    assert status["session_allowed"] is True and status["blocked_by"] is None
    assert "rest day" in str(status["message"]) and "session due" not in str(status["message"])


# -- the heel-raise test offer ----------------------------------------------------------------


def _offer(data_dir: Path):  # type: ignore[no-untyped-def]
    return heel_raise_test_offer(ReadOnlyRepository(data_dir), FROZEN_NOW)


def test_item8_offered_after_a_good_week_on_a_due_day(data_dir: Path) -> None:
    isotonic_history(data_dir, level="T8", session_days=GOOD_WEEK)
    offer = _offer(data_dir)
    assert offer.offered and offer.rule == "MON-ISOT-HR-TEST"


def test_item8_test_not_offered_in_bad_week(data_dir: Path) -> None:
    """T8, a flare-up yesterday and sessions at 7 and 6/10: last week was not GREEN."""
    plan = isotonic_history(data_dir, level="T8", session_days=GOOD_WEEK)
    with HistoryStore(data_dir) as store:
        repo = Repository(store)
        repo.add_manual_session(raise_session(ago(3), plan, pain=7, ident="bad3"))
        repo.add_manual_session(raise_session(ago(5), plan, pain=6, ident="bad5"))
        repo.save_diary(DiaryEntry(ago(1), 6, 30, False, DayKind.FLARE_UP))
    offer = _offer(data_dir)
    assert not offer.offered
    assert offer.rule == "MON-ISOT-HR-TEST"
    assert "not a good (GREEN) week" in offer.reason
    assert offer.text.endswith("(MON-ISOT-HR-TEST)")


def _with_test(data_dir: Path, day: dt.date, pain: int) -> None:
    at = dt.datetime.combine(day, dt.time(8))
    with HistoryStore(data_dir) as store:
        record_heel_raise_test(Repository(store), day, 14, 24, pain, at=at)


@pytest.mark.parametrize(
    ("level", "session_days", "test", "rule", "words"),
    [
        ("T1", GOOD_WEEK, None, "MON-ISOT-HR-TEST", "your plan is at T1"),
        ("T6", GOOD_WEEK, None, "MON-ISOT-HR-TEST", "(T7-T8)"),
        ("T8", GOOD_WEEK, (13, 1), "MON-ISOT-HR-TEST", "13 days ago"),
        ("T8", GOOD_WEEK, (0, 1), "MON-ISOT-HR-TEST", "was today"),
        ("T8", GOOD_WEEK, (0, 8), "MON-ISOT-SET-PAIN", "heel-raise test"),
        ("T8", (0, 3, 5), None, "MON-ISOT-HR-TEST", "loaded day"),
        ("T8", (1, 3, 5), None, "MON-ISOT-HR-TEST", "rest day"),
        ("T8", (), None, "MON-ISOT-HR-TEST", "not a good (GREEN) week"),
    ],
    ids=[
        "day-of-a-switch",
        "below-t7",
        "tested-13-days-ago",
        "tested-today",
        "painful-test-today",
        "loaded-day",
        "rest-day",
        "nothing-logged-last-week",
    ],
)
def test_item8_each_rule_that_stops_the_offer_is_named(
    data_dir: Path,
    level: str,
    session_days: tuple[int, ...],
    test: tuple[int, int] | None,
    rule: str,
    words: str,
) -> None:
    isotonic_history(data_dir, level=level, session_days=session_days)
    if test is not None:
        _with_test(data_dir, ago(test[0]), test[1])
    offer = _offer(data_dir)
    assert not offer.offered
    assert offer.rule == rule
    assert words in offer.reason


def test_item8_a_test_14_days_old_is_due_again(data_dir: Path) -> None:
    isotonic_history(data_dir, level="T8", session_days=GOOD_WEEK)
    _with_test(data_dir, ago(14), 1)
    assert _offer(data_dir).offered
