"""History's first paint stays lean (issue 13, item 4): no second CSS pass on the switch,
only the lines on screen are drawn, and the table's keys still move the cursor."""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.css.stylesheet import Stylesheet
from textual.widgets import Static

from achilles_tui.domain.models import DiaryEntry
from achilles_tui.storage.database import HistoryStore
from achilles_tui.storage.repository import Repository
from achilles_tui.ui import app as app_module
from achilles_tui.ui.widgets.history_table import HistoryTable
from tests.ui.helpers import app_for
from tests.ui.test_history_screen import ago, seed


def many_days(data_dir: Path, days: int) -> None:
    """A diary entry every day for `days` days, on top of the usual seed."""
    seed(data_dir)
    with HistoryStore(data_dir) as store:
        repo = Repository(store)
        for back in range(2, days):
            repo.save_diary(DiaryEntry(date=ago(back), morning_pain=back % 7, notes=f"day {back}"))


async def test_switching_to_a_built_history_parses_no_css(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(app_module, "WARM_HISTORY_AFTER", 0.05)
    seed(data_dir)
    app = app_for(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await asyncio.sleep(0.3)
        await pilot.pause()
        assert "history" in app._screen_stacks
        parses: list[int] = []
        original = Stylesheet.reparse

        def counting(self: Stylesheet) -> None:
            parses.append(1)
            original(self)

        monkeypatch.setattr(Stylesheet, "reparse", counting)
        await pilot.press("h")
        await pilot.pause()
        assert app.current_mode == "history"
        assert parses == [], "the switch re-parsed the whole stylesheet"
        # Still styled: the header row is bold, as the CSS says.
        table = app.screen.query_one(HistoryTable)
        assert table.get_component_rich_style("history-table--header").bold


async def test_opening_history_cold_parses_the_css_once(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(app_module, "WARM_HISTORY_AFTER", 60)
    seed(data_dir)
    app = app_for(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        parses: list[int] = []
        original = Stylesheet.reparse

        def counting(self: Stylesheet) -> None:
            parses.append(1)
            original(self)

        monkeypatch.setattr(Stylesheet, "reparse", counting)
        await pilot.press("h")
        await pilot.pause()
        assert app.current_mode == "history"
        assert len(parses) <= 1, "History's CSS file is read once; no further passes"


async def test_only_the_rows_on_screen_are_drawn(data_dir: Path) -> None:
    many_days(data_dir, 400)
    app = app_for(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("h", "0")
        await pilot.pause()
        table = app.screen.query_one(HistoryTable)
        assert table.row_count == 400
        assert len(table._line_texts) <= 14, "rows never on screen are never laid out"


async def test_table_keys_move_the_cursor_and_the_note_follows(data_dir: Path) -> None:
    many_days(data_dir, 60)
    app = app_for(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h")
        await pilot.pause()
        table = app.screen.query_one(HistoryTable)
        await pilot.press("tab")  # the help's "Tab moves between the page and the table"
        assert app.focused is table
        await pilot.press("down", "down", "down")
        await pilot.pause()
        assert table.cursor_row == 3
        assert table.get_row_at(3)[0] == ago(3).isoformat()
        note = app.screen.query_one("#history-note", Static)
        assert note.display and "day 3" in str(note.render())
        await pilot.press("pagedown")
        await pilot.pause()
        assert table.cursor_row > 3
        top = round(table.scroll_y)
        assert top <= table.cursor_row < top + table.scrollable_content_region.height - 1
        await pilot.press("end")
        await pilot.pause()
        assert table.cursor_row == table.row_count - 1
        await pilot.press("home")
        await pilot.pause()
        assert (table.cursor_row, table.scroll_y) == (0, 0)


async def test_a_click_on_a_row_highlights_it(data_dir: Path) -> None:
    seed(data_dir)
    app = app_for(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("h")
        await pilot.pause()
        table = app.screen.query_one(HistoryTable)
        await pilot.click(HistoryTable, offset=(3, 3))  # header, then rows 0, 1, 2
        await pilot.pause()
        assert table.cursor_row == 2
        note = app.screen.query_one("#history-note", Static)
        assert "long walk" in str(note.render())


async def test_wide_text_is_padded_by_cells_not_characters() -> None:
    class One(App[None]):
        def compose(self) -> ComposeResult:
            yield HistoryTable()

    app = One()
    async with app.run_test(size=(40, 6)) as pilot:
        table = app.query_one(HistoryTable)
        table.show(("Date", "Notes"), [("2026-03-16", "歩いた"), ("2026-03-15", "ok")])
        await pilot.pause()
        assert table._widths == [10, 6]
        assert table._row_text(0) == " 2026-03-16  歩いた "
        assert table._row_text(1) == " 2026-03-15  ok     "
        assert dt.date.fromisoformat(table.get_row_at(1)[0]) == dt.date(2026, 3, 15)
        assert table.size.height == 3  # the header and two rows: it sizes itself


async def test_a_refresh_that_fires_after_the_app_closed_does_nothing(data_dir: Path) -> None:
    """History's scheduled re-read can land while the app shuts down; it must not query
    widgets that are gone (it once raised NoMatches for #history-calendar)."""
    seed(data_dir)
    app = app_for(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("h")
        await pilot.pause()
        screen = app.screen
        assert screen.is_attached
    screen._shown_key = None  # as if something was saved since the last read
    screen._refresh_now()  # after exit: returns quietly
