"""The report model: what the "look at this" box flags, the level and limits of the plan in
force, units and decimals, weekly points for long periods, and the care layer's reads."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
from pathlib import Path

from achilles_tui.care.status import physio_report
from achilles_tui.domain.engine import Advice
from achilles_tui.domain.flare import SessionPlan
from achilles_tui.domain.models import DiaryEntry, RepRecord, Side
from achilles_tui.domain.report_model import build_report_model, num, pct
from achilles_tui.reports.html import render_html
from achilles_tui.reports.markdown import render_markdown
from achilles_tui.storage.database import HistoryStore
from achilles_tui.storage.repository import Repository
from tests.reports.helpers import report_model
from tests.reports.history import TODAY, fixed_report, history, ladder_plan, session


def test_numbers_have_one_decimal_at_most_and_a_unit() -> None:
    assert [num(3.4285), num(2.0), num(7), num(None), num(12.25, "min")] == [
        "3.4",
        "2",
        "7",
        "-",
        "12.2 min",
    ]
    assert [pct(6 / 7), pct(None), pct(1.0)] == ["86%", "-", "100%"]


def test_look_at_this_lists_every_kind_of_event_with_its_dates() -> None:
    lines = fixed_report(8).look_at_this
    assert lines == (
        "Sessions over 5/10: 17 Feb (7/10)",
        "Mornings not settled: 18 Feb, 23 Feb, 24 Feb, 25 Feb, 26 Feb, 27 Feb, 28 Feb, 1 Mar "
        "and 1 earlier",
        "Flare-up days: 5 Feb",
        "Warning signs reported: 4 Mar (night or rest pain)",
        "Morning pain up 1 point or more on the week before: week to 1 Mar (2 -> 4)",
        "Questionnaire down 10 points or more: 28 Feb (56 -> 41)",
        "Weeks under 70% of planned sessions: week to 15 Feb (3/7)",
    )


def test_a_calm_period_says_there_is_nothing_to_flag() -> None:
    plan = ladder_plan("L2", 1, TODAY - dt.timedelta(days=30), "assessment")
    days = [TODAY - dt.timedelta(days=n) for n in range(13, -1, -1)]
    diary = [DiaryEntry(day, 1, 5, True) for day in days]
    sessions = [session(day, plan, 2) for day in days]
    report = report_model(TODAY, 2, [plan], diary, sessions, [], [])
    assert report.look_at_this == ("Nothing to flag in this period.",)
    assert "Nothing to flag in this period." in render_markdown(report)
    assert "Nothing to flag in this period." in render_html(report)


def test_sessions_are_counted_as_the_review_counts_them_never_over_planned() -> None:
    report = fixed_report(8)
    for week in report.week_rows:
        assert week.done <= week.planned
    assert report.sessions_total == (51, 55)
    assert report.sessions_overall == "51 of 55 planned sessions (93%)"
    assert [w.sessions_text for w in report.week_rows][2:4] == ["6/6", "3/7"]


def test_the_level_is_the_one_the_next_session_runs_and_a_limit_is_named() -> None:
    records = history()
    stored = records["plans"][-1]
    lower = dataclasses.replace(stored, level="L2")
    in_force = SessionPlan(
        lower,
        advice=Advice("PROG-FLARE-UP-REST", "Train at L2 after the flare-up."),
        limit=Advice("CAP-TEST", "the plan goes past the cap of the latest assessment."),
    )
    report = report_model(TODAY, 8, **records, in_force=in_force)
    assert report.plan is not None and report.plan.level == "L2"
    assert report.stage_level_text == "holds (isometric), level L2"
    for text in (render_markdown(report), html.unescape(render_html(report))):
        assert "level L2" in text
        assert "Past the latest assessment's limits: the plan goes past the cap" in text
        assert "(CAP-TEST)" in text and "(PROG-FLARE-UP-REST)" in text


def test_the_dose_has_units_for_holds_raises_and_load() -> None:
    records = history()
    last = records["sessions"][-1]
    raises = dataclasses.replace(
        last, reps=(RepRecord(0, Side.LEFT, 1, 40, 5.0, 12), RepRecord(0, Side.LEFT, 2, 40, 0, 10))
    )
    loaded = dataclasses.replace(
        records["sessions"][-2], reps=(RepRecord(0, Side.BOTH, 1, 30, 2.5),)
    )
    records["sessions"] = [*records["sessions"][:-2], loaded, raises]
    week = report_model(TODAY, 1, **records).week_rows[-1]
    assert week.dose_text == "both 780 s + 75 s x kg; left 22 raises + 60 raises x kg"


def test_long_periods_show_weekly_points_with_the_plan_changes_marked() -> None:
    assert fixed_report(8).daily
    long = fixed_report(26)
    assert not long.daily
    assert len(long.week_rows) == 26
    assert [(m.date.isoformat(), m.label, m.stage_switch) for m in long.plan_marks] == [
        ("2026-02-16", "L4", False)
    ]


def test_the_care_layer_reads_only_what_the_period_needs(tmp_path: Path) -> None:
    """The same model as from every record, though only the period and its baseline are read."""
    records = history()
    old = [DiaryEntry(TODAY - dt.timedelta(days=400 + n), 9, 30, False) for n in range(20)]
    with HistoryStore(tmp_path / "d") as store:
        repo = Repository(store)
        for plan in records["plans"]:
            repo.add_plan(plan.exercises, source=plan.source, level=plan.level,
                          created=plan.created, since=plan.since)  # fmt: skip
        for entry in [*old, *records["diary"]]:
            repo.save_diary(entry)
        for logged in records["sessions"]:
            repo.add_manual_session(logged)
        for test in records["heel_raise_tests"]:
            repo.add_heel_raise_test(test)
        for record in records["review_records"]:
            repo.add_review(record)
        now = dt.datetime.combine(TODAY, dt.time(20))
        model = physio_report(repo, now, 4)
        everything = build_report_model(
            TODAY,
            4,
            repo.plans(),
            repo.diary_entries(),
            repo.sessions(),
            repo.reviews(),
            review=None,
            heel_raise_tests=repo.heel_raise_tests(),
            in_force=None,
        )
    assert model.week_rows == everything.week_rows
    assert model.days == everything.days
    assert model.events == everything.events
    assert model.plan is not None and model.plan.level == "L4"
