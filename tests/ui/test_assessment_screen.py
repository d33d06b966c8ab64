"""Assessment section: keys-only questionnaire, result with rule ids, accepting and own plans."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Static

from achilles_tui.domain.assessment import Assessment, Condition
from achilles_tui.domain.engine import recommend
from achilles_tui.domain.models import Position
from achilles_tui.domain.records import AssessmentRecord
from achilles_tui.storage.database import HistoryStore
from achilles_tui.storage.repository import ReadOnlyRepository, Repository
from achilles_tui.ui.app import AchillesApp
from achilles_tui.ui.screens.assessment import AssessmentScreen
from achilles_tui.ui.screens.assessment_questions import (
    Question,
    build_assessment,
    parse_number,
    starting_answers,
)
from achilles_tui.ui.widgets.assessment_plan import AssessmentPlan
from tests.conftest import FROZEN_NOW
from tests.ui.helpers import app_for, prepared_history

Keys = dict[str, list[str]]


def _text(app: AchillesApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def open_questions(pilot: Pilot[None]) -> AssessmentScreen:
    """From Today: a opens the section, Enter starts the questions."""
    await pilot.press("a")
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, AssessmentScreen)
    assert screen.view == "question"
    return screen


async def answer(pilot: Pilot[None], screen: AssessmentScreen, keys: Keys) -> None:
    """Answer page by page with keys only: the given keys for a field, then Enter."""
    for _page in range(40):
        if screen.view != "question":
            return
        field = screen.question.field
        await pilot.press(*keys.get(field, []), "enter")
        await pilot.pause()
    raise AssertionError("the questionnaire did not end")


def plan_rows(screen: AssessmentScreen) -> list[list[str]]:
    table = screen.query_one("#r-plan", AssessmentPlan).table
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


IRRITABLE_MIDPORTION: Keys = {"condition": ["1"], "flares_easily": ["y"]}


async def test_new_user_completes_the_assessment_with_keys_and_the_plan_is_saved(
    data_dir: Path,
) -> None:
    prepared_history(data_dir)
    app = app_for(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_questions(pilot)
        assert "Question 1 of 17" in _text(app, "#q-progress")
        await answer(pilot, screen, IRRITABLE_MIDPORTION)
        assert screen.view == "result"
        assert "good place for you to start" in _text(app, "#r-verdict")
        await pilot.press("y")
        await pilot.pause()
        assert screen.view == "start"
        await pilot.press("t")
        await pilot.pause()
        today_plan = _text(app, "#today-plan")
        assert "version 1" in today_plan
        assert "Neutral hold, both legs: 3 x 10 s" in today_plan
    repo = ReadOnlyRepository(data_dir)
    plan = repo.current_plan()
    assert plan is not None
    assert plan.version == 1 and plan.source == "assessment" and plan.level == "L1"
    assert plan.created == FROZEN_NOW
    assert plan.assessment_id == 1
    record = repo.assessments()[0]
    assert record["answers"]["condition"] == "midportion"
    assert record["answers"]["flares_easily"] is True
    assert record["result"]["verdict"] == "isometric"


async def test_irritable_midportion_gives_l1_two_legs_3_x_10_s_with_rule_ids(
    data_dir: Path,
) -> None:
    prepared_history(data_dir)
    app = app_for(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_questions(pilot)
        await answer(pilot, screen, IRRITABLE_MIDPORTION)
        assert plan_rows(screen) == [
            ["1", "neutral", "both", "body weight", "3", "10 s", "15 s", "7"]
        ]
        assert "L1" in _text(app, "#r-verdict")
        notes = _text(app, "#r-notes")
        assert "ELIG-ISO-INDICATED" in notes and "START-INDIVIDUALISE" in notes
        picture = str(screen.query_one("#r-plan .plan-picture", Static).render())
        assert "NEUTRAL" in picture
        assert "does not diagnose" in _text(app, "#r-disclaimer")
        # 100 columns: table and drawing side by side.
        assert not screen.query_one("#r-plan").has_class("-narrow")


async def test_result_fits_80_columns_with_the_drawing_below(data_dir: Path) -> None:
    prepared_history(data_dir)
    app = app_for(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_questions(pilot)
        await answer(pilot, screen, IRRITABLE_MIDPORTION)
        assert screen.query_one("#r-plan").has_class("-narrow")
        assert plan_rows(screen)[0][4:6] == ["3", "10 s"]


async def test_a_red_flag_gives_see_clinician_at_once_and_nothing_to_accept(
    data_dir: Path,
) -> None:
    prepared_history(data_dir)
    app = app_for(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_questions(pilot)
        await pilot.press("2", "enter")  # a swollen, warm calf
        await pilot.pause()
        assert screen.view == "result"
        assert screen.result is not None and screen.result.verdict == "see_clinician"
        assert "see a clinician" in _text(app, "#r-verdict")
        assert "RF-DVT" in _text(app, "#r-cautions")
        assert not screen.query_one("#r-plan").display
        assert screen.check_action("accept", ()) is False
        assert screen.check_action("edit", ()) is False
        await pilot.press("y")  # saves the answers for the record only
        await pilot.pause()
    repo = ReadOnlyRepository(data_dir)
    assert repo.current_plan() is None
    records = repo.assessments()
    assert len(records) == 1 and records[0]["result"]["verdict"] == "see_clinician"
    assert records[0]["answers"]["red_flags"] == ["calf-swelling"]


async def test_breathlessness_is_shown_as_an_emergency(data_dir: Path) -> None:
    prepared_history(data_dir)
    app = app_for(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_questions(pilot)
        await pilot.press("3", "enter")
        await pilot.pause()
        assert screen.view == "result"
        assert "EMERGENCY" in _text(app, "#r-verdict")
        assert "RF-PE" in _text(app, "#r-cautions")


async def test_out_of_range_answers_are_refused_with_the_range(data_dir: Path) -> None:
    prepared_history(data_dir)
    app = app_for(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_questions(pilot)
        await answer_until(pilot, screen, "weeks", {"condition": ["4"]})
        await pilot.press("minus", "3", "enter")
        await pilot.pause()
        assert screen.question.field == "weeks"
        assert "0 to 5200" in _text(app, "#q-error")
        await answer_until(pilot, screen, "test_hold_pain", {"weeks": ["backspace", "backspace"]})
        await pilot.press("1", "1", "enter")
        await pilot.pause()
        assert screen.question.field == "test_hold_pain"
        assert "11 is out of range" in _text(app, "#q-error")
        assert "0 to 10" in _text(app, "#q-error")
        messages = [n.message for n in app._notifications]
        assert any("0 to 10" in message for message in messages)
        await pilot.press("backspace", "backspace", "x", "enter")
        await pilot.pause()
        assert screen.question.field == "test_hold_pain"
        assert "'x' is not allowed" in _text(app, "#q-error")
        await pilot.press("backspace", "4", "enter")
        await pilot.pause()
        assert screen.question.field == "requested_position"
        assert screen.answers["test_hold_pain"] == 4
        assert screen.answers["weeks"] == 0


async def answer_until(
    pilot: Pilot[None], screen: AssessmentScreen, field: str, keys: Keys
) -> None:
    """Answer pages (keys, then Enter) until the question for ``field`` is showing."""
    for _page in range(40):
        if screen.question.field == field:
            return
        await pilot.press(*keys.get(screen.question.field, []), "enter")
        await pilot.pause()
    raise AssertionError(f"never reached {field}")


async def test_back_returns_to_the_previous_question_with_the_answer_kept(
    data_dir: Path,
) -> None:
    prepared_history(data_dir)
    app = app_for(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_questions(pilot)
        await answer_until(pilot, screen, "side", {"condition": ["2"]})
        await pilot.press("b")
        await pilot.pause()
        assert screen.question.field == "condition"
        assert screen.answers["condition"] == Condition.INSERTIONAL
        await pilot.press("b", "b")
        await pilot.pause()
        assert screen.view == "start"


async def test_rupture_questions_appear_only_for_ruptures(data_dir: Path) -> None:
    prepared_history(data_dir)
    app = app_for(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_questions(pilot)
        await pilot.press("enter", "5")
        await pilot.pause()
        assert "of 18" in _text(app, "#q-progress")
        await pilot.press("1")
        await pilot.pause()
        assert "of 17" in _text(app, "#q-progress")
        fields = [q.field for q in screen.questions]
        assert "weeks" in fields  # asked for every condition, as the CLI's --weeks
        assert "rupture_loading_cleared" not in fields
        assert "single_leg_cleared" not in fields


async def test_reassessing_keeps_the_earlier_plan_as_a_version(data_dir: Path) -> None:
    prepared_history(data_dir)
    app = app_for(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_questions(pilot)
        await answer(pilot, screen, IRRITABLE_MIDPORTION)
        await pilot.press("enter")
        await pilot.pause()
        assert "version 1" in _text(app, "#start-text")
        await pilot.press("enter")
        await pilot.pause()
        # Last answers are filled in: only change what differs (not irritable, strong).
        await answer(pilot, screen, {"flares_easily": ["n"], "strength": ["2"]})
        assert plan_rows(screen)[0][1:6] == ["neutral", "one", "body weight", "5", "30 s"]
        await pilot.press("2", "enter")  # re-assessing: choose the new plan explicitly
        await pilot.pause()
        assert "version 2" in _text(app, "#start-text")
    plans = ReadOnlyRepository(data_dir).plans()
    assert [p.version for p in plans] == [1, 2]
    assert [p.level for p in plans] == ["L1", "L6"]
    assert plans[0].exercises[0].reps == 3 and plans[0].exercises[0].legs == 2
    assert len(ReadOnlyRepository(data_dir).assessments()) == 2


async def test_isotonic_result_offers_a_heel_raise_plan_and_saving_makes_it_the_plan(
    data_dir: Path,
) -> None:
    prepared_history(data_dir)
    app = app_for(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_questions(pilot)
        await answer(pilot, screen, {"condition": ["1"], "isometrics_feel": ["1"]})
        assert screen.result is not None and screen.result.verdict == "isotonic"
        verdict = _text(app, "#r-verdict")
        assert "too easy" in verdict and "heel-raise step T1 of T1-T8, every day" in verdict
        assert "ELIG-ISO-TOO-EASY" in _text(app, "#r-cautions") + _text(app, "#r-notes")
        table = screen.query_one("#r-plan", AssessmentPlan).table
        assert [str(c.label) for c in table.columns.values()][1:6] == [
            "Heel raise",
            "Surface",
            "Legs",
            "Load",
            "Sets x reps",
        ]
        assert plan_rows(screen)[0][1:] == [
            "raise",
            "floor",
            "both",
            "body weight",
            "3 x 10",
            "3/0/3",
            "60 s",
            "7",
        ]
        assert "hold" not in " ".join(plan_rows(screen)[0])
        assert screen.check_action("accept", ()) is True
        assert screen.check_action("edit", ()) is False
        await pilot.press("enter")
        await pilot.pause()
    repo = ReadOnlyRepository(data_dir)
    plan = repo.current_plan()
    # The default answers make the tendon irritable: the first step, T1 (§E6.2).
    assert plan is not None and plan.level == "T1" and plan.stage == "isotonic"
    assert plan.exercises[0].sets == 3 and plan.exercises[0].reps == 10  # type: ignore[union-attr]
    assert repo.assessments()[0]["result"]["verdict"] == "isotonic"


async def test_reassessing_into_heel_raises_keeps_the_hold_plan_unless_chosen(
    data_dir: Path,
) -> None:
    prepared_history(data_dir)
    app = app_for(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_questions(pilot)
        await answer(pilot, screen, IRRITABLE_MIDPORTION)
        await pilot.press("enter")  # the L1 hold plan
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        # Not irritable, holds too easy: heel raises from T2 (§E6.2, assessment row).
        await answer(
            pilot, screen, {"flares_easily": ["n"], "strength": ["2"], "isometrics_feel": ["1"]}
        )
        assert screen.reassessing
        assert "Use the new heel-raise plan (T2)" in " ".join(
            screen.query_one("#r-choice").labels  # type: ignore[attr-defined]
        )
        await pilot.press("2", "enter")
        await pilot.pause()
    plans = ReadOnlyRepository(data_dir).plans()
    assert [(p.level, p.stage) for p in plans] == [("L1", "isometric"), ("T2", "isotonic")]


def _store_assessment(data_dir: Path, assessment: Assessment) -> None:
    with HistoryStore(data_dir) as store:
        repo = Repository(store)
        repo.add_assessment(AssessmentRecord.of(assessment, recommend(assessment), FROZEN_NOW))


async def test_own_heel_drop_for_insertional_warns_and_saves_only_when_confirmed(
    data_dir: Path,
) -> None:
    prepared_history(data_dir)
    _store_assessment(data_dir, Assessment(condition=Condition.INSERTIONAL, flares_easily=True))
    app = app_for(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        assert type(app.screen).__name__ == "OwnPlanScreen"
        await pilot.press("3")  # heel drop
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmModal"
        warning = str(app.screen.query_one(Static).render())
        assert "POS-HEELDROP-INSERTIONAL-BURSITIS" in warning
        await pilot.press("n")
        await pilot.pause()
        assert type(app.screen).__name__ == "OwnPlanScreen"
        assert ReadOnlyRepository(data_dir).current_plan() is None
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, AssessmentScreen)
    plan = ReadOnlyRepository(data_dir).current_plan()
    assert plan is not None and plan.source == "own"
    assert plan.exercises[0].position is Position.HEEL_DROP
    assert "POS-HEELDROP-INSERTIONAL-BURSITIS" in plan.exercises[0].rules
    assert "DOSE-PHYSIO-OVERRIDE" in plan.exercises[0].rules
    assert "POS-HEELDROP-INSERTIONAL-BURSITIS" in plan.note


async def test_own_plan_refuses_out_of_range_and_takes_several_exercises(
    data_dir: Path,
) -> None:
    prepared_history(data_dir)
    app = app_for(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("a", "o")
        await pilot.pause()
        own = app.screen
        reps = own.query_one("#own-reps")
        reps.focus()
        await pilot.press("backspace", "2", "5", "enter")  # 25 reps: refused
        await pilot.pause()
        assert own.exercises == []  # type: ignore[attr-defined]
        assert any("Reps: 25 is out of range" in n.message for n in app._notifications)
        await pilot.press("backspace", "backspace", "5", "enter")
        await pilot.pause()
        own.query_one("#own-position").focus()
        await pilot.press("2", "enter")
        await pilot.pause()
        assert len(own.exercises) == 2  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, AssessmentScreen)
    plan = ReadOnlyRepository(data_dir).current_plan()
    assert plan is not None and plan.source == "own"
    assert [e.position for e in plan.exercises] == [Position.NEUTRAL, Position.HEEL_RAISED]
    assert [e.reps for e in plan.exercises] == [5, 5]


async def test_editing_the_suggestion_saves_it_with_the_assessment(data_dir: Path) -> None:
    prepared_history(data_dir)
    app = app_for(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_questions(pilot)
        await answer(pilot, screen, IRRITABLE_MIDPORTION)
        await pilot.press("e")
        await pilot.pause()
        own = app.screen
        assert type(own).__name__ == "OwnPlanScreen"
        own.query_one("#own-hold_seconds").focus()
        await pilot.press("backspace", "backspace", "1", "5")
        own.query_one("#own-rest_seconds").focus()
        await pilot.press("backspace", "backspace", "3", "0")  # a longer hold needs more rest
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
    repo = ReadOnlyRepository(data_dir)
    plan = repo.current_plan()
    assert plan is not None and plan.source == "own" and plan.assessment_id == 1
    assert plan.exercises[0].hold_seconds == 15
    assert len(repo.assessments()) == 1


def test_parse_number_names_the_range() -> None:
    pain = Question("test_hold_pain", "Pain?", "number", low=0, high=10, optional=True)
    assert parse_number(pain, "") == (None, None)
    assert parse_number(pain, " 7 ") == (7, None)
    assert "0 to 10" in (parse_number(pain, "11")[1] or "")
    assert "0 to 10" in (parse_number(pain, "seven")[1] or "")


def test_answers_build_the_assessment_with_defaults_for_skipped_questions() -> None:
    answers = starting_answers(None)
    answers["condition"] = Condition.MIDPORTION
    answers["weeks"] = 30  # weeks are asked for every condition now
    answers["rupture_loading_cleared"] = True  # a rupture-only answer left over
    answers["red_flags"] = ("fluoroquinolone-new-pain",)
    assessment = build_assessment(answers)
    assert assessment.weeks == 30
    assert assessment.rupture_loading_cleared is False
    assert [str(flag) for flag in assessment.red_flags] == [
        "fluoroquinolone",
        "fluoroquinolone-new-pain",
    ]
    previous = Assessment(condition=Condition.INSERTIONAL, red_flags=("pop",), nervous=True)
    again = starting_answers(previous)
    assert again["condition"] == Condition.INSERTIONAL and again["nervous"] is True
    assert again["red_flags"] == ()
