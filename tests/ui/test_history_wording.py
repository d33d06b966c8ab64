"""History reads right at 80 columns (issue 14, item 6): month labels over the right
week, a legend that is never cut, and notes readable when the Notes column has no room."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.widgets import Static

from achilles_tui.ui.widgets.adherence_calendar import (
    AdherenceCalendar,
    CalendarDay,
    legend_text,
)
from achilles_tui.ui.widgets.history_table import HistoryTable
from tests.ui.helpers import app_for
from tests.ui.test_history_screen import ago, seed


def _month_over(row: str, column: int) -> str:
    """The month name that starts at or before a column of the month row."""
    names = [
        (i, row[i : i + 3])
        for i in range(len(row))
        if row[i : i + 3].strip().isalpha()
        and (i == 0 or row[i - 1] == " ")
        and len(row[i : i + 3].strip()) == 3
    ]
    return [name for i, name in names if i <= column][-1]


def test_a_session_on_the_30th_sits_under_its_own_month() -> None:
    calendar = AdherenceCalendar(weeks=16)
    end = dt.date(2026, 11, 30)  # a Monday: its week runs into December
    calendar.show({end: CalendarDay(sessions=1)}, end, first_planned=dt.date(2026, 1, 1))
    lines = str(calendar.render()).splitlines()
    column = 4 + 3 * (calendar.weeks - 1)
    assert lines[1][column : column + 2] == "██"
    assert _month_over(lines[0], column) == "Nov"


def test_a_month_label_stands_over_the_first_week_whose_monday_is_in_it() -> None:
    calendar = AdherenceCalendar(weeks=8)
    end = dt.date(2026, 10, 11)
    calendar.show({}, end, first_planned=dt.date(2026, 1, 1))
    row = str(calendar.render()).splitlines()[0]
    first = calendar.first_day
    for week in range(calendar.weeks):
        monday = first + dt.timedelta(weeks=week)
        assert _month_over(row, 4 + 3 * week) == monday.strftime("%b"), monday


def test_the_legend_is_whole_and_sets_the_minimum_width() -> None:
    calendar = AdherenceCalendar(weeks=4)
    calendar.show({}, dt.date(2026, 11, 30), first_planned=dt.date(2026, 1, 1))
    legend = str(calendar.render()).splitlines()[-1]
    assert legend == legend_text()
    assert legend.endswith("·· no session counted")
    assert calendar.get_content_width(None, None) >= len(legend)


async def test_at_80_columns_the_highlighted_days_note_is_shown_in_full(tmp_path: Path) -> None:
    seed(tmp_path)
    app = app_for(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h")
        await pilot.pause()
        table = app.screen.query_one("#history-table", HistoryTable)
        assert len(table.columns) == 8  # no Notes column to cut
        assert table.region.height >= min(table.row_count + 1, 14)
        note = app.screen.query_one("#history-note", Static)
        dates = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
        table.move_cursor(row=dates.index(ago(10).isoformat()))
        await pilot.pause()
        assert note.display and "long walk" in str(note.render())
        await pilot.resize_terminal(120, 30)
        await pilot.pause()
        assert len(table.columns) == 9
        assert table.region.height >= min(table.row_count + 1, 14)
