"""A lean, read-only table of text rows for History: one strip per visible line.

Textual's DataTable renders every cell through Rich (padding, wrapping, a cache
per cell), which made the first paint of History slow. History's rows are short
plain text, so each line here is one padded string drawn as a single segment:
the cost of a frame is the number of lines on screen, whatever the row count.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.containers import ScrollableContainer
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

CELL_PADDING = 1  # a space either side of every cell, as DataTable draws them


class HistoryTable(ScrollView, can_focus=True):
    """Columns of text with a fixed header row, zebra stripes and a row cursor."""

    DEFAULT_CSS = """
    HistoryTable {
        background: $surface;
        color: $foreground;
        height: auto;
        max-height: 100%;
        &:focus {
            background-tint: $foreground 5%;
            & > .history-table--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
            & > .history-table--header {
                background-tint: $foreground 5%;
            }
        }
        &:dark > .history-table--even-row {
            background: $surface-darken-1 40%;
        }
        & > .history-table--header {
            text-style: bold;
            background: $panel;
            color: $foreground;
        }
        &:ansi > .history-table--header {
            background: ansi_bright_blue;
            color: ansi_default;
        }
        & > .history-table--even-row {
            background: $surface-lighten-1 50%;
        }
        & > .history-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
    }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "history-table--header",
        "history-table--even-row",
        "history-table--cursor",
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor(-1)", "Up", show=False),
        Binding("down", "cursor(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "first", "First row", show=False),
        Binding("end", "last", "Last row", show=False),
        Binding("left", "scroll_left", "Scroll left", show=False),
        Binding("right", "scroll_right", "Scroll right", show=False),
    ]

    class RowHighlighted(Message):
        """The cursor moved to another row (or the rows changed under it)."""

        def __init__(self, table: HistoryTable, cursor_row: int) -> None:
            super().__init__()
            self.table = table
            self.cursor_row = cursor_row

        @property
        def control(self) -> HistoryTable:
            """The table the cursor moved in."""
            return self.table

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.columns: tuple[str, ...] = ()
        self._rows: Sequence[Sequence[str]] = ()
        self._widths: list[int] = []
        self._header_text = ""
        self._line_texts: dict[int, str] = {}
        self.cursor_row = 0

    # data ----------------------------------------------------------------------
    @property
    def row_count(self) -> int:
        """How many rows the table holds (not how many are on screen)."""
        return len(self._rows)

    def get_row_at(self, index: int) -> tuple[str, ...]:
        """The cells of one row, as given."""
        return tuple(self._rows[index])

    def show(self, columns: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
        """Replace columns and rows; the cursor goes back to the first row.

        Column widths are measured here, once; a row's line of text is built the
        first time it is drawn, so rows never scrolled to cost nothing more.
        """
        self.columns = tuple(columns)
        self._rows = rows
        widths = [cell_len(title) for title in self.columns]
        for row in rows:
            for index, cell in enumerate(row):
                length = cell_len(cell)
                if length > widths[index]:
                    widths[index] = length
        self._widths = widths
        self._header_text = self._line(self.columns)
        self._line_texts = {}
        self.cursor_row = 0
        width = sum(widths) + 2 * CELL_PADDING * len(widths)
        self.virtual_size = Size(width, len(rows) + 1 if self.columns else 0)
        self.scroll_to(0, 0, animate=False, immediate=True)
        self.refresh()
        self.post_message(self.RowHighlighted(self, self.cursor_row))

    def _line(self, cells: Sequence[str]) -> str:
        pad = " " * CELL_PADDING
        return "".join(
            f"{pad}{set_cell_size(cell, width)}{pad}"
            for cell, width in zip(cells, self._widths, strict=True)
        )

    def _row_text(self, index: int) -> str:
        text = self._line_texts.get(index)
        if text is None:
            text = self._line_texts[index] = self._line(self._rows[index])
        return text

    # drawing -------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        """Line 0 is the header and stays put; the rest scroll under it."""
        width = self.size.width
        scroll_x, scroll_y = self.scroll_offset
        base = self.rich_style
        if y == 0 and self.columns:
            style = self.get_component_rich_style("history-table--header")
            return self._strip(self._header_text, style, scroll_x, width)
        index = y - 1 + scroll_y
        if not 0 <= index < len(self._rows):
            return Strip.blank(width, base)
        if index == self.cursor_row:
            style = self.get_component_rich_style("history-table--cursor")
        elif index % 2 == 0:  # DataTable's parity: the first row is an even one
            style = self.get_component_rich_style("history-table--even-row")
        else:
            style = base
        return self._strip(self._row_text(index), style, scroll_x, width)

    @staticmethod
    def _strip(text: str, style: Style, scroll_x: int, width: int) -> Strip:
        """One segment, cropped to the scrolled window and filled out to the width."""
        if scroll_x == 0:
            return Strip([Segment(set_cell_size(text, width), style)], width)
        return Strip([Segment(text, style)]).crop_extend(scroll_x, scroll_x + width, style)

    # cursor --------------------------------------------------------------------
    def move_cursor(self, *, row: int) -> None:
        """Put the cursor on a row (clamped), scroll it into view, say so."""
        if not self._rows:
            return
        row = max(0, min(row, len(self._rows) - 1))
        if row == self.cursor_row:
            return
        self.cursor_row = row
        self._scroll_cursor_into_view()
        self.refresh()
        self.post_message(self.RowHighlighted(self, row))

    def _scroll_cursor_into_view(self) -> None:
        visible = max(self.scrollable_content_region.height - 1, 1)
        top = round(self.scroll_y)
        if self.cursor_row < top:
            self.scroll_to(y=self.cursor_row, animate=False, immediate=True)
        elif self.cursor_row >= top + visible:
            self.scroll_to(y=self.cursor_row - visible + 1, animate=False, immediate=True)

    def action_cursor(self, step: int) -> None:
        """One row up or down."""
        self.move_cursor(row=self.cursor_row + step)

    def action_page(self, direction: int) -> None:
        """A screenful of rows up or down."""
        page = max(self.scrollable_content_region.height - 1, 1)
        self.move_cursor(row=self.cursor_row + direction * page)

    def action_first(self) -> None:
        """The first row."""
        self.move_cursor(row=0)

    def action_last(self) -> None:
        """The last row; pressed again there, the end of the page (History's calendar)."""
        last = len(self._rows) - 1
        if self.cursor_row < last:
            self.move_cursor(row=last)
            return
        for ancestor in self.ancestors:
            if isinstance(ancestor, ScrollableContainer):
                ancestor.scroll_end(animate=False)
                return

    def on_click(self, event: events.Click) -> None:
        """A click on a row puts the cursor there."""
        if event.y >= 1:
            self.move_cursor(row=event.y - 1 + round(self.scroll_y))
