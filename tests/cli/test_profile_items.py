"""Issue 22 "Why" items 1-6 and 11 through the real command line: a kept plan obeys the §F5
profile in force, and a week is judged with every profile that held in it.

Each test is the reproduction of its item, named after it, on a history seeded as the issue
says (a plan made by a review, then re-assessments and back-dated weeks).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from achilles_tui.care.review import accept_review, weekly_review
from achilles_tui.domain import isotonic
from achilles_tui.domain.models import HeelRaise, Surface
from achilles_tui.storage.database import HistoryStore
from achilles_tui.storage.repository import Repository
from tests.cli.test_polish_cli import ok, run

TODAY = dt.date.today()


def ago(days: int) -> str:
    """An ISO date ``days`` before today."""
    return (TODAY - dt.timedelta(days=days)).isoformat()


def seed(data_dir: Path, level: str, days: int, **changes: Any) -> None:
    """A plan made by a review at ``level``, begun ``days`` ago (the issue's "Seed TN")."""
    if level in isotonic.T_LADDER:
        surface = changes.pop("surface", None)
        exercise = isotonic.exercise_for(level, isotonic.Profile())
        if surface is not None:
            exercise = HeelRaise(**{**exercise.__dict__, "surface": surface})
        exercises: list[Any] = [exercise]
    else:
        from tests.care.builders import plan

        exercises = list(plan(level).exercises)
    start = TODAY - dt.timedelta(days=days)
    with HistoryStore(data_dir) as store:
        Repository(store).add_plan(
            exercises,
            source="review",
            level=level,
            created=dt.datetime.combine(start, dt.time(8)),
            since=start,
            **changes,
        )


def good_week(
    capsys: pytest.CaptureFixture[str],
    data_dir: Path,
    *,
    end: int = 0,
    loaded: bool = False,
    effort: str = "challenging",
    days: int = 7,
) -> None:
    """Settled mornings at pain 1 and the planned sessions at pain 1 for ``days`` days ending
    ``end`` days ago; a 3-a-week heel-raise plan gets three sessions on alternate days."""
    for offset in range(end + days - 1, end - 1, -1):
        ok(capsys, data_dir, "log", "--date", ago(offset), "--morning-pain", "1",
           "--stiffness-minutes", "5", "--settled", "yes")  # fmt: skip
        if loaded and (offset - end) not in (5, 3, 1):
            continue
        ok(capsys, data_dir, "log-session", "--date", ago(offset), "--pain-during", "1",
           "--effort", effort)  # fmt: skip


def review(capsys: pytest.CaptureFixture[str], data_dir: Path, *extra: str) -> dict[str, Any]:
    """`review --json` (of the week ending today unless ``extra`` says otherwise)."""
    doc: dict[str, Any] = json.loads(ok(capsys, data_dir, "review", "--json", *extra))
    return doc


def assess(capsys: pytest.CaptureFixture[str], data_dir: Path, *args: str) -> str:
    """`assess ... --save` (the current plan is kept when the new start is lower)."""
    return ok(capsys, data_dir, "assess", *args, "--save")


# -- 1. rupture caps ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "cap"),
    [
        (["--condition", "rupture-surgery", "--cleared", "--weeks", "12"], "T2"),
        (["--condition", "rupture-surgery", "--cleared", "--weeks", "12",
          "--single-leg-cleared"], "T5"),
        (["--condition", "unsure"], "T2"),
    ],
    ids=["rupture", "rupture-single-leg-cleared", "unsure"],
)  # fmt: skip
def test_item1_rupture_caps_bring_a_kept_t8_plan_down(
    capsys: pytest.CaptureFixture[str], data_dir: Path, answers: list[str], cap: str
) -> None:
    seed(data_dir, "T8", 7)
    out = assess(capsys, data_dir, *answers)
    assert "plan (version 1) is unchanged" in out
    good_week(capsys, data_dir, loaded=True)
    doc = review(capsys, data_dir)
    assert doc["suggestion"] == "regress"
    assert doc["level_from"] == "T8" and doc["level_to"] == cap
    assert "PROG-ISOT-CAP" in doc["rules_fired"]
    assert "DOSE-ISOT-LOAD" not in doc["rules_fired"]
    assert {"field": "load_kg", "from": 5.0, "to": 0.0} in doc["changes"] or any(
        change["field"] == "load_kg" and change["to"] == 0 for change in doc["changes"]
    )


# -- 2. competition -----------------------------------------------------------------------------


def test_item2_competition_in_the_latest_assessment_freezes_a_kept_hold_plan(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    assess(capsys, data_dir, "--condition", "midportion", "--strength", "strong",
           "--since", ago(7))  # fmt: skip
    out = assess(capsys, data_dir, "--condition", "midportion", "--strength", "strong",
                 "--flares-easily", "--competition")  # fmt: skip
    assert "plan (version 1) is unchanged" in out
    good_week(capsys, data_dir, effort="too-easy")
    doc = review(capsys, data_dir)
    assert doc["suggestion"] == "hold" and doc["level_to"] == "L6"
    assert "PROG-COMPETITION-FREEZE" in doc["rules_fired"]


def test_item2_competition_freezes_a_kept_heel_raise_plan(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    seed(data_dir, "T4", 7)
    assess(capsys, data_dir, "--condition", "midportion", "--competition")
    good_week(capsys, data_dir)
    doc = review(capsys, data_dir)
    assert doc["suggestion"] == "hold" and doc["level_to"] == "T4"
    assert "PROG-COMPETITION-FREEZE" in doc["rules_fired"]


# -- 3. forefoot block and floor only ------------------------------------------------------------


def test_item3_forefoot_block_stops_a_kept_t4_plan_moving_up(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    seed(data_dir, "T4", 7)
    assess(capsys, data_dir, "--condition", "midportion", "--forefoot-pain", "--cannot-heel-raise")
    good_week(capsys, data_dir)
    doc = review(capsys, data_dir)
    assert doc["suggestion"] == "hold" and doc["level_to"] == "T4"
    assert "PROG-FOREFOOT-STAY-ISO" in doc["rules_fired"]


def test_item3_forefoot_block_stops_reentry_after_going_back_to_holds(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    from tests.care.builders import plan

    start = TODAY - dt.timedelta(days=14)
    holds = plan("L4", rules=("PROG-ISOT-BACK-TO-ISO",)).exercises
    with HistoryStore(data_dir) as store:
        Repository(store).add_plan(holds, source="review", level="L4", since=start,
                                   created=dt.datetime.combine(start, dt.time(8)))  # fmt: skip
    assess(capsys, data_dir, "--condition", "midportion", "--forefoot-pain", "--cannot-heel-raise")
    good_week(capsys, data_dir, end=7)
    good_week(capsys, data_dir)
    assert review(capsys, data_dir, "--week-ending", ago(7))["suggestion"] != "see_clinician"
    doc = review(capsys, data_dir)
    assert doc["suggestion"] != "switch_to_isotonic"
    assert doc["stage_to"] == "isometric"


def test_item3_a_kept_step_plan_moves_to_the_floor_after_an_insertional_assessment(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    seed(data_dir, "T6", 7)
    assess(capsys, data_dir, "--condition", "insertional")
    good_week(capsys, data_dir)
    doc = review(capsys, data_dir)
    assert doc["suggestion"] == "regress" and doc["level_to"] == "T5"
    assert "POS-ISOT-FLOOR-ONLY" in doc["rules_fired"]
    assert {"field": "surface", "from": "step", "to": "floor"} in doc["changes"]


def test_item3_a_kept_loaded_step_plan_moves_to_the_floor_at_the_same_step(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    seed(data_dir, "T7", 7)
    assess(capsys, data_dir, "--condition", "bursitis")
    good_week(capsys, data_dir, loaded=True)
    doc = review(capsys, data_dir)
    assert doc["suggestion"] == "regress" and doc["level_to"] == "T7"
    assert {"field": "surface", "from": "step", "to": "floor"} in doc["changes"]
    now = dt.datetime.now().replace(microsecond=0)
    with HistoryStore(data_dir) as store:
        repo = Repository(store)
        accepted = accept_review(repo, weekly_review(repo, TODAY, now), now)
    assert accepted is not None and accepted.level == "T7"
    (raise_,) = accepted.exercises
    assert isinstance(raise_, HeelRaise)
    assert raise_.surface is Surface.FLOOR and raise_.load_kg == isotonic.START_LOAD_KG


# -- 4. a blocking sign in the week --------------------------------------------------------------


def test_item4_a_blocking_sign_reported_in_the_week_is_not_forgotten(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    assess(capsys, data_dir, "--condition", "midportion", "--strength", "strong",
           "--since", ago(8))  # fmt: skip
    good_week(capsys, data_dir)
    sign = ["--red-flag", "calf-swelling", "--save"]
    code, _out, err = run(capsys, data_dir, "assess", "--condition", "midportion", *sign)
    assert code == 0, err
    assess(capsys, data_dir, "--condition", "midportion", "--strength", "strong")
    doc = review(capsys, data_dir)
    assert doc["suggestion"] == "see_clinician"
    assert "RF-DVT" in doc["rules_fired"]
    assert doc["level_to"] == doc["level_from"]


# -- 5. weeks before a back-dated assessment ----------------------------------------------------


def test_item5_a_back_dated_assessment_holds_from_its_plans_start(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    assess(capsys, data_dir, "--condition", "midportion", "--red-flag", "fluoroquinolone",
           "--since", ago(13))  # fmt: skip
    good_week(capsys, data_dir, end=7)
    good_week(capsys, data_dir)
    doc = review(capsys, data_dir, "--week-ending", ago(7))
    assert doc["suggestion"] == "hold" and doc["level_to"] == "L1"
    assert "RF-FLUOROQUINOLONE" in doc["rules_fired"]


# -- 6. the milestone needs its evidence --------------------------------------------------------


@pytest.mark.parametrize(
    ("test_args", "milestone"),
    [
        ([], False),
        (["--test-pain", "1"], False),
        (["--test-pain", "1", "--heel-raise-reps-other", "24"], True),
    ],
    ids=["no-pain-no-other-side", "no-other-side", "all-evidence"],
)
def test_item6_the_milestone_needs_test_pain_and_the_other_side(
    capsys: pytest.CaptureFixture[str], data_dir: Path, test_args: list[str], milestone: bool
) -> None:
    seed(data_dir, "T8", 14)
    assess(capsys, data_dir, "--condition", "midportion")  # the left side is sore
    good_week(capsys, data_dir, end=7, loaded=True)
    good_week(capsys, data_dir, loaded=True)
    ok(capsys, data_dir, "review", "--week-ending", ago(7))
    ok(capsys, data_dir, "log-test", "--heel-raise-reps-affected", "22", "--date", ago(3),
       *test_args)  # fmt: skip
    doc = review(capsys, data_dir)
    assert ("PROG-ISOT-MILESTONE" in doc["rules_fired"]) is milestone


# -- 11. smaller ones ---------------------------------------------------------------------------


def test_item11_forefoot_pain_with_heel_raises_gets_the_forefoot_caution(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    doc = json.loads(ok(capsys, data_dir, "assess", "--condition", "midportion",
                        "--forefoot-pain", "--isometrics-feel", "too-easy", "--json"))  # fmt: skip
    assert doc["verdict"] == "isotonic"
    cautions = {item["rule"]: item["message"] for item in doc["cautions"]}
    assert "START-FOREFOOT" in cautions and "forefoot pain rises" in cautions["START-FOREFOOT"]
    assert all("level-heel" not in item["message"] for item in doc["notes"] + doc["cautions"])


@pytest.mark.parametrize(
    ("extra", "kept_by"),
    [
        (["--competition"], "competition"),
        (["--red-flag", "inflammatory"], "warning sign"),
        (["--condition", "rupture-surgery", "--cleared", "--weeks", "4"], "week 8"),
    ],
    ids=["competition", "warn-sign", "early-rupture"],
)
def test_item11_too_easy_text_only_when_heel_raises_may_start(
    capsys: pytest.CaptureFixture[str], data_dir: Path, extra: list[str], kept_by: str
) -> None:
    condition = [] if "--condition" in extra else ["--condition", "midportion"]
    args = ["assess", *condition, "--isometrics-feel", "too-easy", "--strength", "strong"]
    doc = json.loads(ok(capsys, data_dir, *args, "--json", *extra))
    assert doc["verdict"] == "isometric"
    texts = [item["message"] for item in doc["notes"] + doc["cautions"]]
    assert not any("more good" in text for text in texts)
    easy = [item for item in doc["notes"] if item["rule"] == "ELIG-ISO-TOO-EASY"]
    assert easy and kept_by in easy[0]["message"]


def test_item11_step_surface_seed_is_a_step(data_dir: Path) -> None:
    """The seed helper itself: a T6 plan is on the step (so item 3 tests what it says)."""
    seed(data_dir, "T6", 7)
    from achilles_tui.storage.repository import ReadOnlyRepository

    plan = ReadOnlyRepository(data_dir).current_plan()
    assert plan is not None and plan.exercises[0].surface is Surface.STEP  # type: ignore[union-attr]


def test_item1_until_the_review_every_surface_says_the_plan_is_past_the_new_cap(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    seed(data_dir, "T8", 7)
    assert "beyond_limits" not in json.loads(ok(capsys, data_dir, "plan", "--json"))
    assess(capsys, data_dir, "--condition", "unsure")
    text = ok(capsys, data_dir, "plan")
    assert "limits heel raises to T2" in text and "PROG-ISOT-CAP" in text
    doc = json.loads(ok(capsys, data_dir, "plan", "--json"))
    assert doc["beyond_limits"]["rule"] == "PROG-ISOT-CAP"
    logged = ok(capsys, data_dir, "log-session", "--pain-during", "1", "--effort", "challenging")
    assert "PROG-ISOT-CAP" in logged


def test_item3_until_the_review_a_floor_only_person_is_told_to_leave_the_step(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    seed(data_dir, "T6", 7)
    assess(capsys, data_dir, "--condition", "insertional")
    text = ok(capsys, data_dir, "plan")
    assert "on flat floor" in text and "POS-ISOT-FLOOR-ONLY" in text
