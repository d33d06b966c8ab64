"""Issue 24 (trust and polish, round 3): Today, Assessment, Diary, History, Progress and help
at 80x24, as a new user met them in a first week."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from textual.geometry import Region
from textual.widgets import Static

from achilles_tui.domain.models import (
    DiaryEntry,
    Effort,
    Exercise,
    Position,
    RepRecord,
    SessionLog,
    Settings,
    Side,
)
from achilles_tui.storage.database import HistoryStore
from achilles_tui.storage.repository import Repository
from achilles_tui.ui.app import AchillesApp, create_app
from achilles_tui.ui.screens.help import HelpScreen
from achilles_tui.ui.widgets.key_bar import KeyBar
from tests.conftest import FROZEN_NOW
from tests.ui.helpers import app_for, with_session
from tests.ui.polish3_support import screen_lines
from tests.ui.progress_support import seed

SIZE = (80, 24)
TODAY = FROZEN_NOW.date()
RULE_FIRST = re.compile(r"^[\s│┃║█▌•]*[A-Z]{2,}(-[A-Z0-9]+)+\s")
"""A line that starts with a rule id (MON-24H ...) and goes on with words."""


def _text(app: AchillesApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def _rows(app: AchillesApp) -> list[str]:
    return screen_lines(app)


def _history(data_dir: Path, *, days: int, since: dt.date | None = None) -> None:
    """A plan made on ``FROZEN_NOW - days`` (begun on ``since``) and a logged day each day."""
    made = FROZEN_NOW - dt.timedelta(days=days)
    with HistoryStore(data_dir) as store:
        repo = Repository(store)
        repo.save_settings(Settings(disclaimer_accepted=True))
        plan = repo.add_plan(
            [Exercise(Position.NEUTRAL, legs=2, reps=5, hold_seconds=20, rest_seconds=30)],
            source="own",
            created=made,
            since=since,
        )
        for offset in range(days):
            day = TODAY - dt.timedelta(days=offset)
            repo.save_diary(DiaryEntry(day, 2 + offset % 3, 5 + offset % 7, True))
            start = dt.datetime.combine(day, dt.time(8, 52))
            repo.add_manual_session(
                SessionLog(
                    id=f"s{offset}",
                    date=day,
                    plan_version=plan.version,
                    started_at=start,
                    ended_at=start + dt.timedelta(minutes=6),
                    reps=tuple(RepRecord(0, Side.BOTH, n, 20) for n in range(1, 6)),
                    pain_during=1,
                    effort=Effort.CHALLENGING,
                    complete=True,
                    source="manual",
                    reps_planned=5,
                )
            )


# -- item 1 -------------------------------------------------------------------------------------


async def test_polish3_item1_today_and_session_name_the_day_the_plan_began(
    data_dir: Path,
) -> None:
    began = TODAY - dt.timedelta(days=20)
    _history(data_dir, days=0, since=began)  # saved today, begun 20 days ago (--since)
    app = app_for(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        plan = " ".join(_text(app, "#today-plan").split())
        assert f"since {began:%d %b %Y}" in plan
        assert f"since {TODAY:%d %b %Y}" not in plan
        await pilot.press("s")
        await pilot.pause()
        ready = " ".join(_text(app, "#ready-text").split())
        assert f"since {began:%d %b %Y}" in ready


# -- item 7 -------------------------------------------------------------------------------------


async def test_polish3_item7_the_history_calendar_names_every_month(data_dir: Path) -> None:
    sunday = dt.datetime(2026, 12, 6, 9, 30)  # the last column is the week of Mon 30 Nov
    with HistoryStore(data_dir) as store:
        repo = Repository(store)
        repo.save_settings(Settings(disclaimer_accepted=True))
        repo.add_plan([Exercise(Position.NEUTRAL, legs=2)], source="own", created=sunday)
    app = create_app(data_dir, clock=lambda: sunday)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h")
        await pilot.pause()
        await pilot.press("end")
        await pilot.pause()
        rows = _rows(app)
        months = next(row for row in rows if "Aug" in row and "Nov" in row)
        assert re.findall(r"[A-Z][a-z]{2}", months) == ["Aug", "Sep", "Oct", "Nov", "Dec"]


# -- item 14 ------------------------------------------------------------------------------------


async def test_polish3_item14_rule_ids_follow_the_words_in_the_assessment_result(
    data_dir: Path,
) -> None:
    _history(data_dir, days=3)  # a plan at no level: the result's notes and its cautions
    app = app_for(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", "enter")
        await pilot.pause()
        for _page in range(17):
            await pilot.press("enter")
            await pilot.pause()
        notes = _text(app, "#r-notes")
        assert "MON-24H" in notes
        for line in notes.splitlines()[1:]:
            assert not RULE_FIRST.match(line), line
            assert re.search(r" · [A-Z]{2,}(-[A-Z0-9]+)+$", line), line
        for row in _rows(app):
            assert not RULE_FIRST.match(row), row


async def test_polish3_item14_the_settled_question_ends_with_its_rule_id(data_dir: Path) -> None:
    with_session(data_dir)
    app = app_for(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d")
        await pilot.pause()
        question = _text(app, "#diary-settled-question")
        assert not question.startswith("MON-24H")
        assert question.endswith("usual level this morning? · MON-24H")


# -- item 15 ------------------------------------------------------------------------------------


async def test_polish3_item15_an_own_plan_review_says_the_plan_stays_once(data_dir: Path) -> None:
    seed(data_dir, level=None)  # an own plan: the review keeps it
    app = app_for(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await pilot.pause()
        card = " ".join(_text(app, "#progress-suggestion").split())
        assert card.count("stays as it is") == 1, card


async def test_polish3_item15_edit_dose_is_not_offered_when_nothing_can_be_edited(
    data_dir: Path,
) -> None:
    seed(data_dir, level=None)  # no new dose to edit
    app = app_for(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await pilot.pause()
        assert "Edit dose" not in str(app.screen.query_one(KeyBar).render())
        assert "edit dose" not in _text(app, "#progress-keys")


async def test_polish3_item15_a_week_with_no_morning_logged_says_so_in_words(
    data_dir: Path,
) -> None:
    with HistoryStore(data_dir) as store:
        repo = Repository(store)
        repo.save_settings(Settings(disclaimer_accepted=True))
        repo.add_plan(
            [Exercise(Position.NEUTRAL, legs=2)],
            source="own",
            created=FROZEN_NOW - dt.timedelta(days=20),
        )
    app = app_for(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await pilot.pause()
        reasons = " ".join(_text(app, "#progress-reasons").split())
        assert "Only 0 mornings" not in reasons
        assert "No morning was logged in this week" in reasons


async def test_polish3_item15_chart_titles_do_not_say_left_after_a_date(data_dir: Path) -> None:
    _history(data_dir, days=30)
    app = app_for(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h")
        await pilot.pause()
        for name in ("pain", "stiffness"):
            label = " ".join(_text(app, f"#history-{name}-label").split())
            assert "(left)" not in label, label
            assert "oldest on the left" in label


# -- item 16 ------------------------------------------------------------------------------------


async def test_polish3_item16_wrapped_lines_in_todays_boxes_keep_their_indent(
    data_dir: Path,
) -> None:
    _history(data_dir, days=3)
    app = app_for(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        rows = _rows(app)
        first = next(i for i, row in enumerate(rows) if "│ Session  done at" in row)
        head, wrapped = rows[first], rows[first + 1]
        assert "╰" not in wrapped and wrapped.strip(" │"), "the line wraps at 80 columns"
        words = head.index("done at")  # the text after the card's label
        assert wrapped.index(wrapped.strip(" │")) == words, (head, wrapped)


async def test_polish3_item16_end_reaches_the_last_row_of_the_history_calendar(
    data_dir: Path,
) -> None:
    _history(data_dir, days=60)
    app = app_for(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h")
        await pilot.pause()
        await pilot.press("tab")  # into the table: End goes to its last row first
        await pilot.pause()
        await pilot.press("end", "end")
        await pilot.pause()
        rows = _rows(app)
        assert any(row.strip().startswith("Sun ") for row in rows), rows
        assert any("no session counted" in row for row in rows)


async def test_polish3_item16_the_help_pop_up_has_one_scrollbar(data_dir: Path) -> None:
    _history(data_dir, days=60)
    app = app_for(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h")
        await pilot.pause()
        section = app.screen
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        dialog = app.screen.query_one("#help-dialog").region
        inside = [w for w in app.screen.walk_children() if w.show_vertical_scrollbar]
        assert len(inside) == 1, inside
        for widget in section.walk_children():
            if not widget.show_vertical_scrollbar:
                continue
            width = widget.scrollbar_size_vertical
            bar = Region(widget.region.right - width, widget.region.y, width, 1)
            assert dialog.contains_region(bar), f"{widget}'s scrollbar shows beside the help"
