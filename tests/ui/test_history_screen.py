"""History section: rows from one read, newest first, range keys, sorting, calendar, empty."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.widgets import Static

from achilles_tui.domain.models import (
    DayKind,
    DiaryEntry,
    Effort,
    Exercise,
    Position,
    RepRecord,
    SessionLog,
    Side,
)
from achilles_tui.storage.database import HistoryStore
from achilles_tui.storage.repository import Repository
from achilles_tui.ui.widgets.adherence_calendar import AdherenceCalendar
from achilles_tui.ui.widgets.history_table import HistoryTable
from tests.conftest import FROZEN_NOW
from tests.ui.helpers import app_for, open_section, prepared_history

TODAY = FROZEN_NOW.date()
SIZE = (100, 30)


def ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


def session_on(day: dt.date, pain: int = 2) -> SessionLog:
    start = dt.datetime.combine(day, dt.time(8, 0))
    return SessionLog(
        id=f"s{day.isoformat()}",
        date=day,
        plan_version=1,
        started_at=start,
        ended_at=start + dt.timedelta(minutes=5),
        pain_during=pain,
        effort=Effort.CHALLENGING,
        complete=True,
        source="manual",
        reps=(RepRecord(0, Side.BOTH, 1, 10),),
        reps_planned=1,
    )


def seed(data_dir: Path) -> None:
    """A plan begun 110 days ago; days at 0, 1, 10, 40 and 100 days ago; sessions on some;
    one rest day."""
    prepared_history(data_dir)
    with HistoryStore(data_dir) as store:
        repo = Repository(store)
        began = dt.datetime.combine(ago(110), dt.time(8))
        repo.add_plan([Exercise(Position.NEUTRAL, legs=2)], source="own", created=began)
        repo.save_diary(DiaryEntry(date=ago(0), morning_pain=2, stiffness_minutes=5))
        repo.save_diary(DiaryEntry(date=ago(1), morning_pain=6, day=DayKind.REST))
        repo.save_diary(DiaryEntry(date=ago(10), morning_pain=4, notes="long walk"))
        repo.save_diary(DiaryEntry(date=ago(100), morning_pain=5))
        repo.add_manual_session(session_on(ago(0), pain=3))
        repo.add_manual_session(session_on(ago(10)))
        repo.add_manual_session(session_on(ago(40)))  # a session with no diary


def first_column(table: HistoryTable) -> list[str]:
    return [str(table.get_row_at(i)[0]) for i in range(table.row_count)]


async def test_empty_history_says_so_plainly(data_dir: Path) -> None:
    async with open_section(data_dir, "h", SIZE) as (app, _pilot):
        empty = app.screen.query_one("#history-empty", Static)
        assert empty.display and "Nothing logged yet" in str(empty.render())
        assert app.screen.query_one(HistoryTable).row_count == 0
        assert not app.screen.query_one(HistoryTable).display


async def test_rows_newest_first_with_sessions_merged(data_dir: Path) -> None:
    seed(data_dir)
    app = app_for(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h")
        await pilot.pause()
        table = app.screen.query_one(HistoryTable)
        dates = first_column(table)
        assert dates == [ago(d).isoformat() for d in (0, 1, 10, 40)]  # 90-day default
        today_row = [str(c) for c in table.get_row_at(0)]
        assert today_row[1:4] == ["2", "5", ""]
        assert today_row[5:8] == ["1", "3", "challenging"]
        assert "long walk" in [str(c) for c in table.get_row_at(2)][8]


async def test_range_keys_change_the_row_count(data_dir: Path) -> None:
    seed(data_dir)
    app = app_for(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h")
        await pilot.pause()
        table = app.screen.query_one(HistoryTable)
        counts = {}
        for key in ("7", "3", "9", "0"):
            await pilot.press(key)
            await pilot.pause()
            counts[key] = table.row_count
        assert counts == {"7": 2, "3": 3, "9": 4, "0": 5}
        title = str(app.screen.query_one("#history-title", Static).render())
        assert "all days, 5 days" in title


async def test_sort_key_cycles_columns_and_reverse_flips(data_dir: Path) -> None:
    seed(data_dir)
    app = app_for(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h", "0", "o")
        await pilot.pause()
        table = app.screen.query_one(HistoryTable)
        pains = [str(table.get_row_at(i)[1]) for i in range(table.row_count)]
        assert pains == ["6", "5", "4", "2", ""]  # blanks last
        await pilot.press("r")
        await pilot.pause()
        pains = [str(table.get_row_at(i)[1]) for i in range(table.row_count)]
        assert pains == ["2", "4", "5", "6", ""]
        assert "lowest first" in str(app.screen.query_one("#history-title", Static).render())


async def test_charts_and_calendar_show_the_same_read(data_dir: Path) -> None:
    seed(data_dir)
    app = app_for(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h", "0")
        await pilot.pause()
        calendar = app.screen.query_one(AdherenceCalendar)
        assert calendar.mark_for(ago(0)) == "session"
        assert calendar.mark_for(ago(10)) == "session"
        assert calendar.mark_for(ago(40)) == "session"
        assert calendar.mark_for(ago(1)) == "rest"
        assert calendar.mark_for(ago(2)) == "none"
        assert calendar.mark_for(TODAY + dt.timedelta(days=1)) == "blank"
        label = str(app.screen.query_one("#history-calendar-label", Static).render())
        assert "3 sessions counted, on 3 days" in label
        pain = str(app.screen.query_one("#history-pain-label", Static).render())
        assert "low 2" in pain and "high 6" in pain and "latest 2" in pain


async def test_history_rereads_when_shown_again(data_dir: Path) -> None:
    async with open_section(data_dir, "h", SIZE) as (app, pilot):
        await pilot.press("d", "3", "enter", "h")
        await pilot.pause()
        assert first_column(app.screen.query_one(HistoryTable)) == [TODAY.isoformat()]
