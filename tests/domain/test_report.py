"""The physio report (valid Markdown, weekly figures) and the review built from stored data."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

import pytest
from markdown_it import MarkdownIt

from achilles_tui.domain.assessment import Assessment, Condition
from achilles_tui.domain.capacity import Questionnaire, SelfTest
from achilles_tui.domain.engine import recommend
from achilles_tui.domain.models import (
    T_LEVELS,
    DayKind,
    DiaryEntry,
    DomainError,
    Effort,
    Exercise,
    HeelRaise,
    Plan,
    Position,
    RepRecord,
    SessionLog,
    Side,
)
from achilles_tui.domain.progression import Suggestion
from achilles_tui.domain.records import AssessmentRecord
from achilles_tui.domain.report import (
    DISCLAIMER,
    change_text,
    figure_rows,
    suggestion_text,
)
from achilles_tui.domain.review_context import (
    Dose,
    apply_dose,
    build_review,
    flare_up_note,
    plan_for_week,
    plan_from_review,
    previous_verdicts,
)
from achilles_tui.domain.rules import LADDER
from tests.reports.helpers import markdown_report as build_report

END = dt.date(2026, 3, 15)


# -- builders -----------------------------------------------------------------------------------


def ladder_plan(level: str | None, version: int = 1, days_before: int = 30, rest: int = 0) -> Plan:
    """A plan at a ladder level (or an own plan), made some days before END."""
    step = LADDER[level or "L3"]
    exercise = Exercise(
        Position.NEUTRAL,
        legs=step.legs,
        added_load=step.added_load,
        reps=step.reps,
        hold_seconds=step.hold_seconds,
        rest_seconds=max(step.rest_seconds, rest),
    )
    created = dt.datetime.combine(END - dt.timedelta(days=days_before), dt.time(9))
    source = "assessment" if level else "own"
    return Plan(version, created, (exercise,), source=source, level=level)


def week(
    end: dt.date,
    pains: Sequence[int] = (2,) * 7,
    effort: Effort = Effort.CHALLENGING,
    morning: int = 1,
    flare_on: dt.date | None = None,
) -> tuple[list[DiaryEntry], list[SessionLog]]:
    """Seven days ending on `end`: settled mornings and one session a day."""
    diary: list[DiaryEntry] = []
    sessions: list[SessionLog] = []
    for offset, pain in zip(range(6, -1, -1), pains, strict=False):
        day = end - dt.timedelta(days=offset)
        kind = DayKind.FLARE_UP if day == flare_on else DayKind.NORMAL
        diary.append(DiaryEntry(day, morning, 5, True, kind))
        start = dt.datetime.combine(day, dt.time(8))
        sessions.append(
            SessionLog(
                id=f"s{day.isoformat()}",
                date=day,
                plan_version=1,
                started_at=start,
                ended_at=start + dt.timedelta(minutes=4),
                pain_during=pain,
                effort=effort,
                complete=True,
                over_limit=pain > 5,
                source="manual",
                reps=(RepRecord(0, Side.BOTH, 1, 10),),
                reps_planned=1,
            )
        )
    return diary, sessions


def assessment_record(condition: Condition = Condition.MIDPORTION) -> AssessmentRecord:
    """A stored assessment as `assess --save` keeps it."""
    answers = Assessment(condition=condition)
    return AssessmentRecord.of(answers, recommend(answers), dt.datetime(2026, 2, 1, 9))


# -- Markdown checks (shared with the CLI tests) -------------------------------------------------

_MD = MarkdownIt("commonmark").enable("table")


def markdown_structure(text: str) -> tuple[list[str], list[list[list[str]]]]:
    """Headings and tables of a Markdown text; fails if a table row has the wrong cell count."""
    tokens = _MD.parse(text)
    headings = [tokens[i + 1].content for i, tok in enumerate(tokens) if tok.type == "heading_open"]
    tables: list[list[list[str]]] = []
    row: list[str] = []
    for index, tok in enumerate(tokens):
        if tok.type == "table_open":
            tables.append([])
        elif tok.type == "tr_open":
            row = []
        elif tok.type in ("th_open", "td_open"):
            row.append(tokens[index + 1].content)
        elif tok.type == "tr_close":
            tables[-1].append(row)
    # markdown-it pads or cuts rows to the header's width, so count the raw cells too.
    block: list[int] = []
    for line in [*text.splitlines(), ""]:
        if line.startswith("|"):
            block.append(line.strip().strip("|").count("|") + 1)
        elif block:
            assert len(set(block)) == 1, f"table rows with different cell counts: {block}"
            block = []
    raw_tables = sum(
        1
        for prev, line in zip(["", *text.splitlines()], text.splitlines(), strict=False)
        if line.startswith("|") and not prev.startswith("|")
    )
    assert raw_tables == len(tables), "a table block was not parsed as a table"
    return headings, tables


# -- report -------------------------------------------------------------------------------------


def full_history() -> dict[str, Any]:
    """Two logged weeks at L1, a stored review, a self-test and a questionnaire."""
    diary_a, sessions_a = week(END - dt.timedelta(days=7), morning=2)
    diary_b, sessions_b = week(END, pains=(2, 3, 2, 1, 2, 2, 2))
    stored = {
        "kind": "weekly-review",
        "status": "accepted",
        "week_ending": (END - dt.timedelta(days=7)).isoformat(),
        "suggestion": "hold",
        "level_from": "L1",
        "level_to": "L1",
        "changes": [],
        "reasons": [{"rule": "PROG-HOLD", "message": "Only 2 mornings | logged."}],
        "rules_fired": ["PROG-HOLD"],
    }
    return {
        "plans": [ladder_plan("L1")],
        "diary": diary_a + diary_b,
        "sessions": sessions_a + sessions_b,
        "assessment_records": [assessment_record()],
        "review_records": [
            stored,
            SelfTest(END, 15, 20, 2).to_record(),
            Questionnaire(END, (6, 6, 6, 6, 6, 6, 6, 18)).to_record(),
        ],
    }


def test_report_is_valid_markdown_with_all_sections() -> None:
    text = build_report(END, 4, **full_history())
    headings, tables = markdown_structure(text)
    assert headings[0] == "Achilles tendon rehab report"
    for heading in (
        "Current plan",
        "Weekly figures",
        "Pain and stiffness trend",
        "This week's review",
        "Plan history",
        "Weekly reviews",
        "Heel-raise self-tests",
        "Tendon questionnaire (paraphrased, not the official questionnaire)",
        "About this report",
    ):
        assert heading in headings
    assert len(tables) == 5  # plan, weekly figures, plan history, self-tests, questionnaire
    assert DISCLAIMER in text


def test_report_weekly_table_has_the_figures() -> None:
    text = build_report(END, 3, **full_history())
    _, tables = markdown_structure(text)
    weekly = next(t for t in tables if t[0][0] == "Week ending")
    assert weekly[0] == [
        "Week ending",
        "Sessions done/planned",
        "Max pain during",
        "Mean pain during",
        "Mean morning pain",
        "Mean stiffness (min)",
        "Not-settled mornings",
        "Flare-up days",
        "Dose by side",
    ]
    rows = {row[0]: row for row in weekly[1:]}
    assert list(rows) == ["2026-03-01", "2026-03-08", "2026-03-15"]
    assert rows["2026-03-15"][1:6] == ["7/7", "3", "2", "1", "5"]
    assert rows["2026-03-08"][4] == "2"
    assert rows["2026-03-01"][1] == "0/7"
    # Units on the dose (seven 10 s holds on both legs), and a dash for a week without any.
    assert rows["2026-03-15"][8] == "both 70 s"
    assert rows["2026-03-01"][8] == "-"


def test_report_figures_have_one_decimal_at_most_and_never_more_done_than_planned() -> None:
    """2 + 3 + 2 + 1 + 2 + 2 + 2 = 14 / 7 sessions; a second session on a day never counts."""
    history = full_history()
    diary, sessions = week(END, pains=(1, 2, 2, 2, 2, 2, 2))
    extra = [
        dataclasses.replace(s, id=s.id + "b", started_at=s.started_at + dt.timedelta(hours=6))
        for s in sessions
    ]
    diary = [
        dataclasses.replace(e, morning_pain=p)
        for e, p in zip(diary, (1, 2, 2, 2, 2, 2, 3), strict=True)
    ]
    history.update(diary=diary, sessions=sessions + extra)
    text = build_report(END, 1, **history)
    _, tables = markdown_structure(text)
    weekly = next(t for t in tables if t[0][0] == "Week ending")
    assert weekly[1][1] == "7/7"
    assert weekly[1][3] == "1.9"  # 13/7 = 1.857...
    assert weekly[1][4] == "2"  # 14/7
    assert not re.search(r"\d\.\d\d", text)


def test_report_lists_reviews_with_rule_ids_and_capacity() -> None:
    text = build_report(END, 8, **full_history())
    assert "### Week ending 2026-03-08 (accepted)" in text
    assert "(PROG-HOLD)" in text
    assert "Only 2 mornings / logged." in text  # a pipe never breaks the Markdown
    _, tables = markdown_structure(text)
    self_tests = next(t for t in tables if t[0][0] == "Date" and "Injured side" in t[0])
    assert self_tests[1] == ["2026-03-15", "15", "20", "75%", "2/10"]
    questionnaire = next(t for t in tables if t[0][-1] == "Total (0-100)")
    assert questionnaire[1][-1] == "60"
    assert "- Mean morning pain: 2/10 in the first logged week, 1/10 in the last" in text


def test_report_without_any_data_is_still_valid() -> None:
    text = build_report(END, 1, [], [], [], [], [])
    headings, _ = markdown_structure(text)
    assert "Current plan" in headings
    assert "No plan has been saved yet." in text


@pytest.mark.parametrize("weeks", [0, 105, -1, True])
def test_report_weeks_out_of_range(weeks: int) -> None:
    with pytest.raises(DomainError):
        build_report(END, weeks, [], [], [], [], [])


@pytest.mark.parametrize(
    ("field", "before", "after", "text"),
    [
        ("hold_seconds", 10, 20, "hold 10 s -> 20 s"),
        ("legs", 2, 1, "two legs -> one leg"),
        ("reps", 3, 5, "reps 3 -> 5"),
        ("rest_seconds", 30, 45, "rest 30 s -> 45 s"),
        ("added_load", False, True, "body weight only -> a light added load"),
        ("added_load", "current load", "a little heavier", "current load -> a little heavier"),
    ],
)
def test_change_text(field: str, before: object, after: object, text: str) -> None:
    assert change_text(field, before, after) == text


def test_suggestion_text() -> None:
    assert suggestion_text("progress", "L1", "L2") == "Move up one step: L1 -> L2."
    assert "level L3" in suggestion_text("hold", "L3", "L3")
    assert "own or your physio's plan" in suggestion_text("progress", None, None)
    with pytest.raises(DomainError):
        suggestion_text("jump", "L1", "L2")


def test_figure_rows_put_dose_beside_symptoms() -> None:
    diary, sessions = week(END)
    review = build_review(END, [ladder_plan("L1")], diary, sessions, [], [])
    rows = {label: (now, before) for label, now, before in figure_rows(review.week, None)}
    assert rows["Max pain during (0-10)"] == ("2", "-")
    assert rows["Dose (s x load, by side)"][1] == "-"


# -- building the review from stored data -------------------------------------------------------


def test_green_week_below_l6_progresses_one_step() -> None:
    diary, sessions = week(END)
    review = build_review(END, [ladder_plan("L1")], diary, sessions, [assessment_record()], [])
    assert review.suggestion is Suggestion.PROGRESS
    assert (review.level_from, review.level_to) == ("L1", "L2")


def test_plan_current_at_week_ending_is_used() -> None:
    old = ladder_plan("L2", version=1, days_before=30)
    newer = ladder_plan("L3", version=2, days_before=3)
    later = ladder_plan("L5", version=3, days_before=-2)
    assert plan_for_week(END, [old, newer, later]) is newer
    assert plan_for_week(END - dt.timedelta(days=10), [old, newer, later]) is old
    assert plan_for_week(END - dt.timedelta(days=60), [old, newer]) is old
    assert plan_for_week(END, []) is None


def test_plan_made_by_this_weeks_review_is_not_the_one_judged() -> None:
    old = ladder_plan("L1", version=1)
    made = ladder_plan("L2", version=2, days_before=0)
    record = {"kind": "weekly-review", "week_ending": END.isoformat(), "suggestion": "progress"}
    assert plan_for_week(END, [old, made], [{**record, "plan_version_after": 2}]) is old
    assert plan_for_week(END + dt.timedelta(days=7), [old, made], [record]) is made


def test_previous_verdicts_use_stored_reviews_and_recompute_the_rest() -> None:
    red_diary, red_sessions = week(END - dt.timedelta(days=7), pains=(6, 6, 2, 2, 2, 2, 2))
    green_diary, green_sessions = week(END - dt.timedelta(days=14))
    diary, sessions = week(END)
    stored = {
        "kind": "weekly-review",
        "week_ending": (END - dt.timedelta(days=14)).isoformat(),
        "suggestion": "regress",
        "red": True,
        "green_criteria_met": False,
    }
    other_kinds = [SelfTest(END - dt.timedelta(days=14), 1, 2, 0).to_record()]
    past = previous_verdicts(
        END,
        [ladder_plan("L3")],
        red_diary + green_diary + diary,
        red_sessions + green_sessions + sessions,
        [stored, *other_kinds],
    )
    assert [(p.suggestion, p.red, p.green) for p in past] == [
        ("regress", True, False),  # recomputed from the diary
        ("regress", True, False),  # the stored verdict wins over the green diary
    ]


def test_weeks_without_diary_are_skipped() -> None:
    old_diary, old_sessions = week(END - dt.timedelta(days=21))
    past = previous_verdicts(END, [ladder_plan("L2")], old_diary, old_sessions, [])
    assert len(past) == 1
    assert past[0].green


def test_two_red_weeks_in_a_row_see_a_clinician() -> None:
    before, before_sessions = week(END - dt.timedelta(days=7), pains=(6, 6, 2, 2, 2, 2, 2))
    now, now_sessions = week(END, pains=(6, 7, 2, 2, 2, 2, 2))
    review = build_review(
        END, [ladder_plan("L3")], before + now, before_sessions + now_sessions, [], []
    )
    assert review.suggestion is Suggestion.SEE_CLINICIAN


@pytest.mark.parametrize("level", ["L1", "L3", "L5", "L6", "L8"])
@pytest.mark.parametrize("effort", list(Effort))
def test_pain_over_5_in_two_sessions_never_progresses(level: str, effort: Effort) -> None:
    diary, sessions = week(END, pains=(2, 6, 2, 2, 6, 2, 2), effort=effort)
    review = build_review(END, [ladder_plan(level)], diary, sessions, [assessment_record()], [])
    assert review.suggestion not in (Suggestion.PROGRESS, Suggestion.SWITCH_TO_ISOTONIC)


def test_own_plan_is_judged_but_never_changed() -> None:
    diary, sessions = week(END)
    plan = ladder_plan(None)
    review = build_review(END, [plan], diary, sessions, [], [])
    assert review.level_from is None and review.level_to is None
    assert "DOSE-PHYSIO-OVERRIDE" in review.rules_fired
    assert plan_from_review(plan, review) == []


def test_flare_up_is_explained() -> None:
    diary, sessions = week(END, flare_on=END - dt.timedelta(days=2))
    review = build_review(END, [ladder_plan("L4")], diary, sessions, [], [])
    assert review.suggestion is Suggestion.REGRESS
    note = flare_up_note(review, diary)
    assert note is not None and "L2" in note.message
    calm, calm_sessions = week(END)
    calm_review = build_review(END, [ladder_plan("L4")], calm, calm_sessions, [], [])
    assert flare_up_note(calm_review, calm) is None


# -- the next plan version ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("level", "target"), [("L1", "L2"), ("L2", "L3"), ("L4", "L5"), ("L5", "L6"), ("L7", "L8")]
)
def test_plan_from_progress_takes_the_next_ladder_dose(level: str, target: str) -> None:
    diary, sessions = week(END)
    plan = ladder_plan(level)
    review = build_review(END, [plan], diary, sessions, [assessment_record()], [])
    assert review.level_to == target
    (exercise,) = plan_from_review(plan, review)
    step = LADDER[target]
    assert exercise.position is plan.exercises[0].position
    assert (exercise.legs, exercise.added_load, exercise.reps, exercise.hold_seconds) == (
        step.legs,
        step.added_load,
        step.reps,
        step.hold_seconds,
    )
    assert exercise.rest_seconds == step.rest_seconds
    assert exercise.rest_seconds >= plan.exercises[0].rest_seconds
    assert "PROG-ADVANCE" in exercise.rules


def test_progress_never_shortens_rest() -> None:
    diary, sessions = week(END)
    plan = ladder_plan("L2", rest=40)
    review = build_review(END, [plan], diary, sessions, [], [])
    (exercise,) = plan_from_review(plan, review)
    assert exercise.hold_seconds == 20 and exercise.rest_seconds == 40


def test_regress_takes_the_lower_dose() -> None:
    diary, sessions = week(END, pains=(6, 6, 2, 2, 2, 2, 2))
    plan = ladder_plan("L3")
    review = build_review(END, [plan], diary, sessions, [], [])
    assert review.suggestion is Suggestion.REGRESS
    (exercise,) = plan_from_review(plan, review)
    assert (exercise.reps, exercise.hold_seconds, exercise.rest_seconds) == (5, 10, 15)


@pytest.mark.parametrize("level", ["L6", "L7", "L8"])
def test_switch_to_isotonic_makes_a_heel_raise_plan(level: str) -> None:
    diary, sessions = week(END, effort=Effort.TOO_EASY)
    plan = ladder_plan(level)
    review = build_review(END, [plan], diary, sessions, [assessment_record()], [])
    assert review.suggestion is Suggestion.SWITCH_TO_ISOTONIC
    (exercise,) = plan_from_review(plan, review)
    assert isinstance(exercise, HeelRaise)
    assert review.level_to in T_LEVELS
    assert "ELIG-ISOT-START" in exercise.rules


def test_hold_makes_no_new_plan() -> None:
    diary, sessions = week(END, pains=(4, 5, 4, 5, 2, 2, 2))
    plan = ladder_plan("L3")
    review = build_review(END, [plan], diary, sessions, [], [])
    assert review.suggestion is Suggestion.HOLD
    assert plan_from_review(plan, review) == []


@pytest.mark.parametrize(
    ("legs", "reps", "hold", "rest"),
    [(0, 5, 10, 15), (3, 5, 10, 15), (2, 0, 10, 15), (2, 21, 10, 15), (2, 5, 4, 15),
     (2, 5, 121, 15), (2, 5, 10, -1), (2, 5, 10, 601)],
)  # fmt: skip
def test_edited_dose_out_of_range_is_refused(legs: int, reps: int, hold: int, rest: int) -> None:
    with pytest.raises(DomainError):
        Dose(legs, reps, hold, rest)


def test_edited_dose_applies_to_every_exercise() -> None:
    plan = ladder_plan("L1")
    (exercise,) = apply_dose(plan.exercises, Dose(1, 4, 15, 30))
    assert (exercise.legs, exercise.reps, exercise.hold_seconds, exercise.rest_seconds) == (
        1,
        4,
        15,
        30,
    )
    assert exercise.position is Position.NEUTRAL
