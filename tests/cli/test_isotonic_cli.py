"""The §E6.5 command-line contract of the isotonic (heel-raise) stage.

`plan set --exercise heel-raise`, `log-session --sets-done`, `log-test`, `heel-raise-tests`,
`assess` with ELIG-ISO-TOO-EASY, the plan text and JSON, and export / import. Each command
runs in-process on its own data folder (tests/cli/test_polish_cli.run).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest

from achilles_tui.domain.counting import session_counts
from achilles_tui.domain.models import HeelRaise, Position, Side, Surface, Tempo
from achilles_tui.storage.database import HistoryStore
from achilles_tui.storage.locations import history_path
from achilles_tui.storage.repository import ReadOnlyRepository, Repository
from tests.cli.test_polish_cli import ok, run

# §E6.5: the exact keys of an isotonic exercise in every JSON output.
ISOTONIC_KEYS = {
    "type", "exercise", "surface", "legs", "added_load", "load_kg", "sets", "reps", "tempo",
    "rest_seconds", "sessions_per_week", "rules",
}  # fmt: skip
TEMPO_KEYS = {"up", "top", "down"}
PLAN_BEGAN = (dt.date.today() - dt.timedelta(days=30)).isoformat()
PAST_DAY = (dt.date.today() - dt.timedelta(days=2)).isoformat()
RAISES = ["plan", "set", "--exercise", "heel-raise", "--surface", "floor", "--legs", "1",
          "--sets", "3", "--reps", "15", "--rest", "90"]  # fmt: skip
HOLDS = ["plan", "set", "--position", "neutral", "--legs", "2", "--reps", "5", "--hold", "30",
         "--rest", "60"]  # fmt: skip
SESSION = ["log-session", "--date", PAST_DAY, "--pain-during", "2", "--effort", "challenging"]


def plan_doc(capsys: pytest.CaptureFixture[str], data_dir: Path) -> dict[str, object]:
    """`plan --json`, parsed."""
    data = json.loads(ok(capsys, data_dir, "plan", "--json"))
    assert isinstance(data, dict)
    return data


def file_bytes(data_dir: Path) -> bytes | None:
    path = history_path(data_dir)
    return path.read_bytes() if path.exists() else None


def with_option(args: list[str], option: str, value: str) -> list[str]:
    """The command with ``option`` set to ``value`` (replaced when already there)."""
    args = list(args)
    if option in args:
        del args[args.index(option) : args.index(option) + 2]
    return [*args, option, value]


# -- plan set --exercise heel-raise -----------------------------------------------------------


def test_plan_set_heel_raise_stores_an_isotonic_plan_with_the_defaults(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    out = ok(capsys, data_dir, *RAISES)
    assert "Saved your own plan as version 1 (DOSE-PHYSIO-OVERRIDE)." in out
    assert "Heel raise on the floor, one leg: 3 x 15, tempo 3/0/3, 90 s rest between sets" in out
    plan = ReadOnlyRepository(data_dir).current_plan()
    assert plan is not None and plan.stage == "isotonic" and plan.source == "own"
    assert plan.exercises == (
        HeelRaise(surface=Surface.FLOOR, legs=1, sets=3, reps=15, tempo=Tempo(3, 0, 3),
                  rest_seconds=90, load_kg=0.0, sessions_per_week=7,
                  rules=("DOSE-PHYSIO-OVERRIDE",)),
    )  # fmt: skip


def test_plan_json_gives_the_exact_isotonic_shape_and_the_stage(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    ok(capsys, data_dir, *RAISES, "--tempo", "2/1/4", "--load-kg", "5", "--per-week", "3")
    data = plan_doc(capsys, data_dir)
    assert data["stage"] == "isotonic"
    (exercise,) = data["exercises"]  # type: ignore[misc]
    assert set(exercise) == ISOTONIC_KEYS
    assert set(exercise["tempo"]) == TEMPO_KEYS
    assert exercise == {
        "type": "isotonic", "exercise": "heel_raise", "surface": "floor", "legs": 1,
        "added_load": True, "load_kg": 5.0, "sets": 3, "reps": 15,
        "tempo": {"up": 2, "top": 1, "down": 4}, "rest_seconds": 90, "sessions_per_week": 3,
        "rules": ["DOSE-PHYSIO-OVERRIDE"],
    }  # fmt: skip


def test_plan_json_of_a_hold_plan_carries_type_isometric_and_its_old_fields(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    ok(capsys, data_dir, *HOLDS)
    data = plan_doc(capsys, data_dir)
    assert data["stage"] == "isometric"
    (exercise,) = data["exercises"]  # type: ignore[misc]
    assert exercise["type"] == "isometric"
    assert {"position", "hold_seconds", "load_kg", "reps", "rest_seconds"} <= set(exercise)


@pytest.mark.parametrize(
    ("exercise", "legs", "words"),
    [
        ("heel-raise", "2", "Heel raise on the floor, both legs: 3 x 15"),
        ("heel-raise", "1", "Heel raise on the floor, one leg: 3 x 15"),
        ("up-two-down-one", "2", "Up on two, down on one, on the floor: 3 x 15"),
    ],
)
def test_plan_text_reads_as_sets_of_raises_never_as_a_hold(
    capsys: pytest.CaptureFixture[str], data_dir: Path, exercise: str, legs: str, words: str
) -> None:
    ok(capsys, data_dir, *with_option(with_option(RAISES, "--exercise", exercise), "--legs", legs))
    text = ok(capsys, data_dir, "plan")
    assert words in text
    assert "tempo 3/0/3, 90 s rest between sets, body weight, 7/week" in text
    assert "hold" not in text and " 0 s" not in text


@pytest.mark.parametrize(
    ("condition", "surface", "conflicts"),
    [
        (["--condition", "insertional"], "step", ["POS-ISOT-FLOOR-ONLY"]),
        (["--condition", "bursitis"], "step", ["POS-ISOT-FLOOR-ONLY"]),
        (["--condition", "unsure"], "step", ["POS-ISOT-FLOOR-ONLY"]),
        (["--condition", "rupture-conservative", "--cleared", "--weeks", "20"], "step",
         ["POS-ISOT-FLOOR-ONLY"]),
        (["--condition", "midportion"], "step", []),
        (["--condition", "insertional"], "floor", []),
        (["--condition", "midportion", "--forefoot-pain", "--cannot-heel-raise"], "floor",
         ["PROG-FOREFOOT-STAY-ISO"]),
        (["--condition", "midportion", "--red-flag", "calf-swelling"], "floor", ["RF-DVT"]),
    ],
    ids=["insertional", "bursitis", "unsure", "rupture", "midportion", "insertional-floor",
         "forefoot-block", "red-flag"],
)  # fmt: skip
def test_an_own_heel_raise_plan_names_its_conflicts_and_needs_force(
    capsys: pytest.CaptureFixture[str],
    data_dir: Path,
    condition: list[str],
    surface: str,
    conflicts: list[str],
) -> None:
    ok(capsys, data_dir, "assess", *condition, "--save")
    before = file_bytes(data_dir)
    command = with_option(RAISES, "--surface", surface)
    if not conflicts:
        ok(capsys, data_dir, *command)
        return
    code, out, err = run(capsys, data_dir, *command)
    assert code == 2 and "Saved" not in out
    assert f"this plan goes against {', '.join(conflicts)}; nothing was saved" in err
    assert all(f"({rule})" in err for rule in conflicts)
    assert file_bytes(data_dir) == before
    code, out, err = run(capsys, data_dir, *command, "--force")
    assert code == 0, err
    plan = ReadOnlyRepository(data_dir).current_plan()
    assert plan is not None and plan.confirmed_rules == tuple(conflicts)
    assert set(conflicts) <= set(plan.exercises[0].rules)


def test_a_floor_only_plan_refuses_a_step_and_keeps_floor_only_on_the_floor(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    with HistoryStore(data_dir) as store:
        Repository(store).add_plan(
            [HeelRaise(legs=1, sets=3, reps=15, rest_seconds=90)],
            source="review",
            level="T5",
            floor_only=True,
            created=dt.datetime(2024, 1, 1, 8),
        )
    code, _out, err = run(capsys, data_dir, *with_option(RAISES, "--surface", "step"))
    assert code == 2 and "POS-ISOT-FLOOR-ONLY" in err
    ok(capsys, data_dir, *RAISES)
    plan = ReadOnlyRepository(data_dir).current_plan()
    assert plan is not None and plan.version == 2 and plan.floor_only


@pytest.mark.parametrize(("load", "warned"), [("20", False), ("20.5", True), ("40", True)])
def test_load_over_the_apps_20_kg_cap_is_saved_with_a_warning(
    capsys: pytest.CaptureFixture[str], data_dir: Path, load: str, warned: bool
) -> None:
    code, _out, err = run(capsys, data_dir, *RAISES, "--load-kg", load)
    assert code == 0, err
    assert ("(DOSE-ISOT-LOAD-CAP)" in err) is warned
    plan = ReadOnlyRepository(data_dir).current_plan()
    assert plan is not None and plan.exercises[0].load_kg == float(load)
    assert ("DOSE-ISOT-LOAD-CAP" in plan.exercises[0].rules) is warned
    assert plan.confirmed_rules == ()


def test_plan_set_heel_raise_since_back_dates_the_plan(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    ok(capsys, data_dir, *RAISES, "--since", PLAN_BEGAN)
    plan = ReadOnlyRepository(data_dir).current_plan()
    assert plan is not None and plan.start_date.isoformat() == PLAN_BEGAN


def test_the_hold_options_still_store_a_hold_plan(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    ok(capsys, data_dir, *HOLDS)
    plan = ReadOnlyRepository(data_dir).current_plan()
    assert plan is not None and plan.stage == "isometric"
    assert plan.exercises[0].position is Position.NEUTRAL  # type: ignore[union-attr]


# -- log-session --sets-done -------------------------------------------------------------------


def raise_plan(capsys: pytest.CaptureFixture[str], data_dir: Path, legs: str, load: str) -> None:
    ok(capsys, data_dir, *with_option(RAISES, "--legs", legs), "--load-kg", load,
       "--since", PLAN_BEGAN)  # fmt: skip


@pytest.mark.parametrize(
    ("legs", "sets_done", "records", "planned", "counts"),
    [
        ("2", None, 3, 3, True),
        ("2", "2", 2, 3, True),
        ("2", "1", 1, 3, False),
        ("2", "0", 0, 3, False),
        ("1", None, 6, 6, True),
        ("1", "2", 4, 6, True),
        ("1", "1", 2, 6, False),
    ],
)
def test_log_session_sets_done_records_one_set_a_record_and_counts_half(
    capsys: pytest.CaptureFixture[str],
    data_dir: Path,
    legs: str,
    sets_done: str | None,
    records: int,
    planned: int,
    counts: bool,
) -> None:
    raise_plan(capsys, data_dir, legs, "2.5")
    extra = [] if sets_done is None else ["--sets-done", sets_done]
    out = ok(capsys, data_dir, *SESSION, *extra)
    assert f"{records} of {planned} sets" in out
    (session,) = ReadOnlyRepository(data_dir).sessions()
    assert (len(session.reps), session.reps_planned) == (records, planned)
    assert session_counts(session) is counts
    assert ("too short to count" in out) is not counts
    assert all(r.raises == 15 and r.load_kg == 2.5 and r.hold_seconds == 90 for r in session.reps)
    sides = {Side.BOTH} if legs == "2" else {Side.LEFT, Side.RIGHT}
    assert {r.side for r in session.reps} <= sides
    if records:
        per_side = records // len(sides)
        assert sorted(r.rep for r in session.reps if r.side in sides) == sorted(
            list(range(1, per_side + 1)) * len(sides)
        )


def test_sessions_json_and_text_show_sets_for_a_heel_raise_session(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    raise_plan(capsys, data_dir, "2", "0")
    ok(capsys, data_dir, *SESSION, "--sets-done", "2")
    (data,) = json.loads(ok(capsys, data_dir, "sessions", "--json"))
    assert data["type"] == "isotonic"
    assert (data["sets_done"], data["sets_planned"], data["raises_done"]) == (2, 3, 30)
    assert data["sets"] == [
        {"exercise": 0, "side": "both", "set": 1, "raises": 15, "load_kg": 0.0, "seconds": 90},
        {"exercise": 0, "side": "both", "set": 2, "raises": 15, "load_kg": 0.0, "seconds": 90},
    ]
    line = ok(capsys, data_dir, "sessions").strip()
    assert line == f"{PAST_DAY}  plan v1  2 of 3 sets  30 raises  pain 2/10  felt challenging  " \
        "ended early"  # fmt: skip


def test_sessions_json_of_a_hold_session_says_isometric_without_sets(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    ok(capsys, data_dir, *HOLDS, "--since", PLAN_BEGAN)
    ok(capsys, data_dir, *SESSION)
    (data,) = json.loads(ok(capsys, data_dir, "sessions", "--json"))
    assert data["type"] == "isometric" and "sets" not in data


def test_pain_over_5_in_a_set_is_kept_as_stopped_for_pain(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    raise_plan(capsys, data_dir, "2", "0")
    code, _out, err = run(capsys, data_dir, *with_option(SESSION, "--pain-during", "7"),
                          "--sets-done", "1")  # fmt: skip
    assert code == 0 and "(MON-ISOT-SET-PAIN)" in err
    (session,) = ReadOnlyRepository(data_dir).sessions()
    assert session.over_limit


@pytest.mark.parametrize(
    ("plan", "option", "words"),
    [
        (HOLDS, ["--sets-done", "2"], "is holds, counted in holds: give --reps-done N"),
        (RAISES, ["--reps-done", "2"], "is heel raises, counted in sets: give --sets-done N"),
        # §F5 decision 11: more sets than planned is refused, no longer logged as the plan's.
        (RAISES, ["--sets-done", "7"], "--sets-done 7 is more than plan version 1 has"),
    ],
    ids=["sets-done on holds", "reps-done on heel raises", "more sets than planned"],
)
def test_the_other_kinds_count_is_refused_and_nothing_is_written(
    capsys: pytest.CaptureFixture[str],
    data_dir: Path,
    plan: list[str],
    option: list[str],
    words: str,
) -> None:
    ok(capsys, data_dir, *plan, "--since", PLAN_BEGAN)
    before = file_bytes(data_dir)
    code, out, err = run(capsys, data_dir, *SESSION, *option)
    assert code == 2 and words in err and "Nothing was written" in err
    assert "Traceback" not in err and "Session logged" not in out
    assert file_bytes(data_dir) == before


# -- log-test, heel-raise-tests -------------------------------------------------------------------

TEST_KEYS = {
    "date", "hr_reps_affected", "hr_reps_other", "hr_test_pain", "over_limit", "recorded_at",
    "source", "share_of_other",
}  # fmt: skip


@pytest.mark.parametrize(
    ("options", "stored", "over"),
    [
        (["--heel-raise-reps-affected", "18"], (18, None, None), False),
        (["--heel-raise-reps-affected", "18", "--heel-raise-reps-other", "24", "--test-pain",
          "3"], (18, 24, 3), False),
        (["--heel-raise-reps-affected", "9", "--test-pain", "6"], (9, None, 6), True),
        (["--heel-raise-reps-affected", "0", "--test-pain", "5"], (0, None, 5), False),
    ],
)  # fmt: skip
def test_log_test_records_the_heel_raise_test(
    capsys: pytest.CaptureFixture[str],
    data_dir: Path,
    options: list[str],
    stored: tuple[int, int | None, int | None],
    over: bool,
) -> None:
    code, out, err = run(capsys, data_dir, "log-test", "--date", PAST_DAY, *options, "--json")
    assert code == 0, err
    data = json.loads(out)
    assert set(data) == TEST_KEYS
    assert (data["hr_reps_affected"], data["hr_reps_other"], data["hr_test_pain"]) == stored
    assert data["over_limit"] is over and data["date"] == PAST_DAY
    assert ("over the limit" in err) is over
    (test,) = ReadOnlyRepository(data_dir).heel_raise_tests()
    assert (test.reps_affected, test.reps_other, test.test_pain, test.over_limit) == (*stored, over)


def test_heel_raise_tests_lists_them_in_words_and_json(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    assert ok(capsys, data_dir, "heel-raise-tests").strip() == "No heel-raise tests recorded yet."
    ok(capsys, data_dir, "log-test", "--date", PLAN_BEGAN, "--heel-raise-reps-affected", "18",
       "--heel-raise-reps-other", "24", "--test-pain", "2")  # fmt: skip
    out = ok(capsys, data_dir, "log-test", "--date", PAST_DAY, "--heel-raise-reps-affected", "7",
             "--test-pain", "8")  # fmt: skip
    assert "stopped: pain over 5/10" in out
    assert ok(capsys, data_dir, "heel-raise-tests").splitlines() == [
        f"{PLAN_BEGAN}  sore side 18 raises, other side 24 raises (75% of the other side), "
        "pain 2/10",
        f"{PAST_DAY}  sore side 7 raises, pain 8/10, stopped: pain over 5/10",
    ]
    data = json.loads(ok(capsys, data_dir, "heel-raise-tests", "--json", "--since", PAST_DAY))
    assert [t["hr_reps_affected"] for t in data] == [7]
    (first, _second) = json.loads(ok(capsys, data_dir, "heel-raise-tests", "--json"))
    assert first["share_of_other"] == 0.75


# -- assess --------------------------------------------------------------------------------------

TOO_EASY = ["assess", "--condition", "midportion", "--isometrics-feel", "too-easy",
            "--strength", "strong"]  # fmt: skip


@pytest.mark.parametrize(
    ("answers", "level", "surface"),
    [
        (["--condition", "midportion", "--strength", "strong"], "T2", "floor"),
        (["--condition", "midportion", "--flares-easily"], "T1", "floor"),
        (["--condition", "insertional", "--strength", "strong"], "T2", "floor"),
    ],
)
def test_assess_too_easy_gives_the_isotonic_start_step(
    capsys: pytest.CaptureFixture[str], data_dir: Path, answers: list[str], level: str,
    surface: str,
) -> None:  # fmt: skip
    data = json.loads(
        ok(capsys, data_dir, "assess", *answers, "--isometrics-feel", "too-easy", "--json")
    )
    assert (data["verdict"], data["stage"], data["level"]) == ("isotonic", "isotonic", level)
    assert "ELIG-ISOT-START" in data["rules_fired"]
    (exercise,) = data["exercises"]
    assert set(exercise) == ISOTONIC_KEYS and exercise["type"] == "isotonic"
    assert exercise["surface"] == surface
    assert not history_path(data_dir).exists()


def test_assess_json_of_holds_says_stage_isometric(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    data = json.loads(ok(capsys, data_dir, "assess", "--condition", "midportion", "--json"))
    assert (data["verdict"], data["stage"]) == ("isometric", "isometric")
    assert all(exercise["type"] == "isometric" for exercise in data["exercises"])


def test_assess_save_makes_the_isotonic_start_the_current_plan(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    out = ok(capsys, data_dir, *TOO_EASY, "--save")
    assert "Level T2 (heel raises)" in out and "Saved as plan version 1." in out
    assert "3 x 15, tempo 3/0/3, 60 s rest between sets" in out
    data = plan_doc(capsys, data_dir)
    assert (data["level"], data["source"], data["stage"]) == ("T2", "assessment", "isotonic")


def test_a_reassessment_back_to_holds_is_lower_than_any_heel_raise_step(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    ok(capsys, data_dir, *TOO_EASY, "--save")
    holds = ["assess", "--condition", "midportion", "--strength", "strong", "--save"]
    code, _out, err = run(capsys, data_dir, *holds)
    assert code == 0 and "from T2 back to L6" in err and "(PROG-REASSESS-LOWER)" in err
    assert plan_doc(capsys, data_dir)["level"] == "T2"
    ok(capsys, data_dir, *holds, "--replace-plan")
    assert plan_doc(capsys, data_dir)["level"] == "L6"
    code, _out, err = run(capsys, data_dir, *TOO_EASY, "--save")
    assert code == 0 and "PROG-REASSESS-LOWER" not in err  # L6 -> T2 is up
    assert plan_doc(capsys, data_dir)["level"] == "T2"


# -- export / import --------------------------------------------------------------------------


def isotonic_history(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    """An isotonic assessment plan, an own heel-raise plan, sets, and two heel-raise tests."""
    ok(capsys, data_dir, *TOO_EASY, "--save", "--since", PLAN_BEGAN)
    ok(capsys, data_dir, *RAISES, "--load-kg", "5", "--since", PAST_DAY)
    ok(capsys, data_dir, *SESSION, "--sets-done", "2")
    ok(capsys, data_dir, "log-test", "--date", PAST_DAY, "--heel-raise-reps-affected", "18",
       "--heel-raise-reps-other", "24", "--test-pain", "2")  # fmt: skip
    ok(capsys, data_dir, "log-test", "--heel-raise-reps-affected", "6", "--test-pain", "7")


def test_an_isotonic_history_exports_and_imports_unchanged(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    isotonic_history(capsys, data_dir)
    exported = tmp_path / "export.json"
    ok(capsys, data_dir, "export", "--output", str(exported))
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert [ex["type"] for plan in data["plans"] for ex in plan["exercises"]] == [
        "isotonic",
        "isotonic",
    ]
    assert len(data["heel_raise_tests"]) == 2
    restored = tmp_path / "restored"
    out = ok(capsys, restored, "import", str(exported))
    assert "1 session, 2 plans, 1 assessment, 0 reviews, 2 heel-raise tests added" in out
    again = ok(capsys, restored, "export")
    assert json.loads(again) == data
    out = ok(capsys, restored, "import", str(exported))  # merging it again adds nothing
    assert "0 sessions, 0 plans" in out
    (session,) = ReadOnlyRepository(restored).sessions()
    assert [r.raises for r in session.reps] == [15, 15, 15, 15]


def test_an_old_export_without_types_or_heel_raise_tests_still_imports(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    ok(capsys, data_dir, *HOLDS, "--since", PLAN_BEGAN)
    ok(capsys, data_dir, *SESSION)
    data = json.loads(ok(capsys, data_dir, "export"))
    del data["heel_raise_tests"]
    for plan in data["plans"]:
        for exercise in plan["exercises"]:
            exercise.pop("type", None)
    old = tmp_path / "old.json"
    old.write_text(json.dumps(data), encoding="utf-8")
    restored = tmp_path / "restored"
    out = ok(capsys, restored, "import", str(old))
    assert "1 session, 1 plan" in out and "heel-raise" not in out
    assert plan_doc(capsys, restored)["exercises"][0]["type"] == "isometric"  # type: ignore[index]
    assert ok(capsys, restored, "heel-raise-tests").strip() == "No heel-raise tests recorded yet."


def test_csv_export_has_the_heel_raise_columns(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    isotonic_history(capsys, data_dir)
    rows = list(csv.DictReader(io.StringIO(ok(capsys, data_dir, "export", "--format", "csv"))))
    own = [r for r in rows if r["record"] == "plan exercise" and r["plan_version"] == "2"]
    assert [(r["type"], r["movement"], r["surface"], r["sets"], r["reps"], r["tempo"],
             r["load_kg"], r["position"], r["hold_seconds"]) for r in own] == [
        ("isotonic", "heel_raise", "floor", "3", "15", "3/0/3", "5", "", "")
    ]  # fmt: skip
    (session,) = [r for r in rows if r["record"] == "session"]
    assert (session["type"], session["reps_done"], session["raises"]) == ("isotonic", "4", "60")
    tests = [r for r in rows if r["record"] == "heel-raise test"]
    assert [(r["hr_reps_affected"], r["hr_reps_other"], r["hr_test_pain"],
             r["stopped_for_pain"]) for r in tests] == [
        ("18", "24", "2", "no"), ("6", "", "7", "yes")
    ]  # fmt: skip


# -- help -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("command", "words"),
    [
        (["plan", "set"], ["--exercise", "heel-raise", "--surface", "--sets", "--tempo",
                           "UP/TOP/DOWN", "POS-ISOT-FLOOR-ONLY", "DOSE-ISOT-LOAD-CAP"]),
        (["log-session"], ["--sets-done", "each working leg", "half the sets"]),
        (["log-test"], ["--heel-raise-reps-affected", "--heel-raise-reps-other",
                        "--test-pain", "--date", "--json"]),
        (["heel-raise-tests"], ["--json", "--since"]),
        ([], ["log-test", "heel-raise-tests"]),
    ],
    ids=["plan set", "log-session", "log-test", "heel-raise-tests", "top"],
)  # fmt: skip
def test_help_names_the_new_options(
    capsys: pytest.CaptureFixture[str], data_dir: Path, command: list[str], words: list[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        run(capsys, data_dir, *command, "--help")
    assert exited.value.code == 0
    out = capsys.readouterr().out
    flat = " ".join(out.split())
    assert all(word in flat for word in words), [w for w in words if w not in flat]


# -- status -------------------------------------------------------------------------------------


def test_status_counts_a_heel_raise_session_once_half_its_sets_are_done(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    ok(capsys, data_dir, *with_option(RAISES, "--legs", "2"))
    today = ["log-session", "--pain-during", "1", "--effort", "challenging"]
    ok(capsys, data_dir, *today, "--sets-done", "1")
    status = json.loads(ok(capsys, data_dir, "status", "--json"))
    assert status["session_done_today"] is False and status["session_allowed"] is True
    ok(capsys, data_dir, *today, "--sets-done", "2")
    status = json.loads(ok(capsys, data_dir, "status", "--json"))
    assert status["session_done_today"] is True
    assert ok(capsys, data_dir, "status").startswith("done today")


def test_status_json_names_the_level_and_stage(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    ok(capsys, data_dir, *RAISES)
    data = json.loads(ok(capsys, data_dir, "status", "--json"))
    assert (data["level"], data["stage"]) == (None, "isotonic")


def test_a_test_logged_while_no_session_is_allowed_is_kept_with_the_reason(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    """§F4: the test is the day's load; after a session over 5/10 it is kept, with a warning."""
    ok(capsys, data_dir, *RAISES)
    _code, _out, _err = run(
        capsys, data_dir, "log-session", "--sets-done", "1", "--pain-during", "7",
        "--effort", "too-hard",
    )  # fmt: skip
    code, out, err = run(capsys, data_dir, "log-test", "--heel-raise-reps-affected", "9")
    assert code == 0 and "Heel-raise test saved" in out
    assert "no session is allowed now" in err and "MON-ISOT-SET-PAIN" in err
    assert [t.reps_affected for t in ReadOnlyRepository(data_dir).heel_raise_tests()] == [9]
    code, _out, err = run(capsys, data_dir / "fresh", *RAISES)
    code, _out, err = run(capsys, data_dir / "fresh", "log-test", "--heel-raise-reps-affected", "9")
    assert code == 0 and "no session is allowed" not in err
