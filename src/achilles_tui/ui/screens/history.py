"""The History section: every logged day in a table, charts over time, and a training calendar.

Sparkline and the History widgets are imported here only, so Today never pays for
them. The first paint is kept lean: the table draws only the lines on screen, and
only the range on show (plus the calendar's weeks) is read until the person asks
for all days.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.containers import VerticalScroll
from textual.markup import escape
from textual.widgets import Sparkline, Static

from achilles_tui.care.history import RaiseWork, history_data, raise_work_by_day
from achilles_tui.domain.counting import PlanTimeline, counted_by_date
from achilles_tui.domain.models import DiaryEntry, SessionLog
from achilles_tui.domain.wording import count
from achilles_tui.storage.errors import StorageError
from achilles_tui.ui.screens.base import SectionScreen
from achilles_tui.ui.screens.physio_report import KEY as REPORT_KEY
from achilles_tui.ui.screens.physio_report import ReportCommands, write_report
from achilles_tui.ui.widgets.adherence_calendar import AdherenceCalendar, CalendarDay
from achilles_tui.ui.widgets.history_table import HistoryTable

if TYPE_CHECKING:
    from achilles_tui.storage.repository import Repository

COLUMNS = (
    "Date",
    "Pain",
    "Stiff",
    "Settled",
    "Day",
    "Done",
    "During",
    "Effort",
    "Notes",
)
COLUMN_HELP = (
    "Pain = morning pain 0-10, Stiff = morning stiffness in minutes, Done = sessions that "
    "count (at least half the holds or sets done; one a day on a daily plan), During = "
    "highest pain during any session that day. The highlighted day's note is shown in full "
    "above this. Tab moves between the page (arrows and PgDn scroll it) and the table."
)
SETS_COLUMN = "Sets"
SETS_AFTER = COLUMNS.index("Done") + 1
SETS_HELP = (
    " Sets = heel-raise sets done / planned; the highlighted day's raises, load and "
    "raises x kg per side are shown above this."
)
NOTE_WIDTH = 28
# Below this width the Notes column would be cut to a few letters; the note of the
# highlighted day is shown in full under the table instead.
NOTES_COLUMN_MIN_WIDTH = 100
RANGES: dict[str, int | None] = {"7": 7, "30": 30, "90": 90, "all": None}
DEFAULT_RANGE = "90"
CALENDAR_SPAN_DAYS = 7 * 17  # the calendar shows about 16 weeks


@dataclass(frozen=True)
class DayRow:
    """One date with a diary entry, a session, or both: a row of the table."""

    date: dt.date
    morning_pain: int | None = None
    stiffness_minutes: int | None = None
    settled: bool | None = None
    day_kind: str = ""
    sessions_done: int = 0
    pain_during: int | None = None
    effort: str = ""
    notes: str = ""
    raises: RaiseWork | None = None  # heel-raise days only

    def cells(self, with_notes: bool = True, with_sets: bool = False) -> tuple[str, ...]:
        """Text for each column; blanks where nothing was logged."""
        cells: tuple[str, ...] = (
            self.date.isoformat(),
            _num(self.morning_pain),
            _num(self.stiffness_minutes),
            {True: "yes", False: "no", None: ""}[self.settled],
            self.day_kind,
            str(self.sessions_done) if self.sessions_done else "",
            _num(self.pain_during),
            self.effort,
            _shorten(self.notes),
        )
        if with_sets:
            sets = self.raises.sets_cell if self.raises is not None else ""
            cells = (*cells[:SETS_AFTER], sets, *cells[SETS_AFTER:])
        return cells if with_notes else cells[:-1]


def _num(value: int | None) -> str:
    return "" if value is None else str(value)


def _shorten(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= NOTE_WIDTH else flat[: NOTE_WIDTH - 1] + "…"


def build_rows(
    diary: Iterable[DiaryEntry], sessions: Iterable[SessionLog], timeline: PlanTimeline
) -> list[DayRow]:
    """Merge one read of diary and sessions into one row per date, oldest first.

    Done counts as §E1 does; pain and effort come from every session of the day.
    """
    sessions = list(sessions)
    counted = counted_by_date(sessions, timeline)
    raise_days = raise_work_by_day(sessions)
    by_day: dict[dt.date, list[SessionLog]] = {}
    for session in sessions:
        by_day.setdefault(session.date, []).append(session)
    entries = {entry.date: entry for entry in diary}
    rows: list[DayRow] = []
    for day in sorted(entries.keys() | by_day.keys()):
        entry = entries.get(day)
        finished = [s for s in by_day.get(day, ()) if s.finished]
        pains = [s.pain_during for s in finished if s.pain_during is not None]
        efforts = [s.effort.value for s in finished if s.effort is not None]
        notes = " / ".join(t for t in ((entry.activity, entry.notes) if entry else ()) if t)
        rows.append(
            DayRow(
                date=day,
                morning_pain=entry.morning_pain if entry else None,
                stiffness_minutes=entry.stiffness_minutes if entry else None,
                settled=entry.settled if entry else None,
                day_kind=entry.day.value if entry else "",
                sessions_done=counted.get(day, 0),
                pain_during=max(pains) if pains else None,
                effort=efforts[-1] if efforts else "",
                notes=notes,
                raises=raise_days.get(day),
            )
        )
    return rows


def calendar_days(
    rows: Iterable[DayRow], entries: Iterable[DiaryEntry]
) -> dict[dt.date, CalendarDay]:
    """The calendar's view of the same read: sessions done and the kind of day."""
    kinds = {entry.date: entry.day for entry in entries}
    return {
        row.date: CalendarDay(sessions=row.sessions_done, kind=kinds.get(row.date)) for row in rows
    }


@dataclass(frozen=True)
class SortKey:
    """A column the table can be ordered by; blanks always sort last."""

    title: str
    value: Callable[[DayRow], object]


SORTS: tuple[SortKey, ...] = (
    SortKey("date", lambda r: r.date),
    SortKey("morning pain", lambda r: r.morning_pain),
    SortKey("stiffness", lambda r: r.stiffness_minutes),
    SortKey("pain during", lambda r: r.pain_during),
    SortKey("sessions", lambda r: r.sessions_done),
)


def sort_rows(rows: list[DayRow], key: SortKey, descending: bool) -> list[DayRow]:
    """Order rows by one column (date breaks ties, newest first); blanks go last."""
    by_date = sorted(rows, key=lambda r: r.date, reverse=True)
    present = [r for r in by_date if key.value(r) is not None]
    blank = [r for r in by_date if key.value(r) is None]
    ordered = sorted(present, key=key.value, reverse=descending)  # type: ignore[arg-type]
    return ordered + blank


class HistoryScreen(SectionScreen):
    """All days in one table (newest first), pain and stiffness over time, and adherence."""

    MODE = "history"
    CSS_PATH = "../styles/diary_history.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("7", "range('7')", "7 days"),
        Binding("3", "range('30')", "30 days"),
        Binding("9", "range('90')", "90 days"),
        Binding("0", "range('all')", "All"),
        Binding("o", "next_sort", "Sort by"),
        Binding("r", "reverse", "Reverse"),
        Binding(REPORT_KEY, "physio_report", "Physio report"),
    ]
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {ReportCommands}

    def __init__(self, repo: Repository) -> None:
        super().__init__(repo)
        self.range_name = DEFAULT_RANGE
        self.sort_index = 0
        self.descending = True
        self.all_rows: list[DayRow] = []
        self.entries: list[DiaryEntry] = []
        self.loaded_all = False
        self.shown_rows: list[DayRow] = []
        self.notes_column: bool | None = None
        self.sets_column = False
        self._skip_second_css_pass()

    def _skip_second_css_pass(self) -> None:
        """Spare the switch to History a second full CSS parse.

        Textual loads (parses and applies) a new screen's CSS file when the mode is
        first set up, then runs the whole stylesheet again for any screen whose CSS
        count is behind the app's, and again on the switch itself, because the
        count it updates is the current screen's (Today's), not History's. This
        screen is built fresh against the current stylesheet, so it is up to date
        from the start; a later theme change moves the app's count on and the
        switch restyles the screen as usual.
        """
        with contextlib.suppress(RuntimeError):  # no running app: a screen built alone
            self._css_update_count = self.app._css_update_count

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="body"):
            yield Static(id="history-title", classes="section-title")
            yield Static(id="history-empty")
            yield HistoryTable(id="history-table")
            yield Static(id="history-note")
            yield Static(COLUMN_HELP, id="history-columns", classes="history-axis")
            yield Static(id="history-raises", classes="history-axis")
            yield Static(id="history-pain-label", classes="history-chart-label")
            yield Sparkline([], id="history-pain-chart", classes="history-chart")
            yield Static(id="history-stiffness-label", classes="history-chart-label")
            yield Sparkline([], id="history-stiffness-chart", classes="history-chart")
            yield Static(id="history-calendar-label", classes="history-chart-label")
            yield AdherenceCalendar(id="history-calendar")

    def on_resize(self) -> None:
        """The Notes column comes and goes with the width; the rows are redrawn for it."""
        if self.all_rows and self.notes_column != self._wide():
            self.show_rows()

    def _wide(self) -> bool:
        """Notes only where the column has room to be read."""
        return (self.size.width or self.app.size.width) >= NOTES_COLUMN_MIN_WIDTH

    def on_history_table_row_highlighted(self, event: HistoryTable.RowHighlighted) -> None:
        """The highlighted day's note in full, under the table."""
        self._show_note(event.cursor_row)

    def _show_note(self, index: int) -> None:
        note = self.query_one("#history-note", Static)
        row = self.shown_rows[index] if 0 <= index < len(self.shown_rows) else None
        lines = []
        if row and row.raises is not None:
            work = row.raises
            lines.append(
                f"[b]Heel raises, {row.date:%a %d %b}:[/b] {escape(work.text)}; "
                f"{escape(work.dose_text)}"
            )
        if row and row.notes:
            lines.append(f"[b]Note, {row.date:%a %d %b}:[/b] {escape(row.notes)}")
        note.display = bool(lines)
        if lines:
            note.update("\n".join(lines))

    # data ----------------------------------------------------------------------
    def refresh_data(self) -> None:
        """One read of the diary and one of the sessions; everything else is derived."""
        days = RANGES[self.range_name]
        # Read only what the range and the calendar show; "all" reads everything.
        start = (
            None
            if days is None
            else self.achilles.today() - dt.timedelta(days=max(days, CALENDAR_SPAN_DAYS))
        )
        self.loaded_all = start is None
        try:
            data = history_data(self.repo, start)
        except StorageError as exc:
            self.notify(str(exc), title="History not read", severity="error")
            return
        self.entries = data.diary
        self.all_rows = build_rows(data.diary, data.sessions, data.timeline)
        calendar = self.query_one("#history-calendar", AdherenceCalendar)
        calendar.show(
            calendar_days(self.all_rows, self.entries),
            self.achilles.today(),
            first_planned=data.timeline.first_day,
        )
        self._show_calendar_label(calendar)
        self.show_rows()

    def visible_rows(self) -> list[DayRow]:
        """Rows inside the chosen range, in the chosen order."""
        days = RANGES[self.range_name]
        rows = self.all_rows
        if days is not None:
            start = self.achilles.today() - dt.timedelta(days=days - 1)
            rows = [r for r in rows if r.date >= start]
        return sort_rows(rows, SORTS[self.sort_index], self.descending)

    def show_rows(self) -> None:
        """Fill table, title and charts for the current range and order."""
        rows = self.visible_rows()
        table = self.query_one("#history-table", HistoryTable)
        wide = self.notes_column = self._wide()
        sets = self.sets_column = any(row.raises is not None for row in rows)
        self.shown_rows = rows
        columns: tuple[str, ...] = COLUMNS if wide else COLUMNS[:-1]
        if sets:
            columns = (*columns[:SETS_AFTER], SETS_COLUMN, *columns[SETS_AFTER:])
        table.show(columns, [row.cells(wide, sets) for row in rows])
        self._show_note(table.cursor_row)
        has_any = bool(self.all_rows)
        empty = self.query_one("#history-empty", Static)
        empty.display = not rows
        if not has_any:
            empty.update(
                "Nothing logged yet. Days appear here once you save a diary entry (d) "
                "or finish a session (s)."
            )
        elif not rows:
            empty.update("Nothing logged in this range. Press 0 to see all days.")
        table.display = bool(rows)
        help_box = self.query_one("#history-columns", Static)
        help_box.display = bool(rows)
        help_box.update(COLUMN_HELP + (SETS_HELP if sets else ""))
        self._show_raise_dose(rows)
        self._show_title(len(rows))
        self._show_charts(rows)
        body = self.query_one("#body", VerticalScroll)
        self.call_after_refresh(body.scroll_home, animate=False)

    def _show_raise_dose(self, rows: list[DayRow]) -> None:
        """The isotonic dose over the range: raises, and raises x kg per side."""
        box = self.query_one("#history-raises", Static)
        total = RaiseWork()
        for row in rows:
            if row.raises is not None:
                total.merge(row.raises)
        box.display = total.raises > 0
        if total.raises:
            box.update(
                f"[b]Heel-raise dose in this range[/b]: {count(total.raises, 'raise')} in "
                f"{count(total.sets_done, 'set')}; by side: {escape(total.dose_text)}. "
                "Raises x kg counts each raise with its added load; body-weight raises count "
                "as raises."
            )

    def _show_title(self, shown: int) -> None:
        days = RANGES[self.range_name]
        span = "all days" if days is None else f"last {days} days"
        sort = SORTS[self.sort_index]
        order = (
            ("newest first" if self.descending else "oldest first")
            if sort.title == "date"
            else ("highest first" if self.descending else "lowest first")
        )
        self.query_one("#history-title", Static).update(
            f"History: {span}, {count(shown, 'day')} logged; by {sort.title}, {order}"
        )

    def _show_charts(self, rows: list[DayRow]) -> None:
        """Pain and stiffness over the range, oldest on the left, with the scale in words."""
        in_order = sorted(rows, key=lambda r: r.date)
        series = (
            ("pain", "Pain 0-10", [r.morning_pain for r in in_order], ""),
            ("stiffness", "Stiffness", [r.stiffness_minutes for r in in_order], " min"),
        )
        for name, title, raw, unit in series:
            values = [v for v in raw if v is not None]
            dates = [r.date for r, v in zip(in_order, raw, strict=True) if v is not None]
            label = self.query_one(f"#history-{name}-label", Static)
            chart = self.query_one(f"#history-{name}-chart", Sparkline)
            chart.display = len(values) > 1
            if len(values) < 2:
                label.update(f"[b]{title}[/b]: not enough entries in this range for a chart.")
                continue
            chart.data = [float(v) for v in values]
            label.update(
                # The chart's time axis in words ("(left)" read as the leg, not the edge).
                f"[b]{title}[/b], oldest on the left, {dates[0]:%d %b %Y} to "
                f"{dates[-1]:%d %b %Y}: "
                f"low {min(values)}{unit}, high {max(values)}{unit}, latest {values[-1]}{unit}"
            )

    def _show_calendar_label(self, calendar: AdherenceCalendar) -> None:
        first = calendar.first_day
        end = self.achilles.today()
        in_view = [r for r in self.all_rows if first <= r.date <= end]
        done = sum(r.sessions_done for r in in_view)
        days = sum(1 for r in in_view if r.sessions_done)
        self.query_one("#history-calendar-label", Static).update(
            f"[b]Training days[/b], {first:%d %b} to {end:%d %b %Y}: "
            f"{count(done, 'session')} counted, on {count(days, 'day')}"
        )

    # keys ----------------------------------------------------------------------
    def action_range(self, name: str) -> None:
        """Show only the last 7, 30 or 90 days, or all (read from storage on first use)."""
        self.range_name = name
        if RANGES[name] is None and not self.loaded_all:
            self.refresh_data()
            return
        self.show_rows()

    def action_next_sort(self) -> None:
        """Cycle the column the table is ordered by."""
        self.sort_index = (self.sort_index + 1) % len(SORTS)
        self.descending = True
        self.show_rows()

    def action_physio_report(self) -> None:
        """The one-page report for a physio (HTML), written privately or downloaded."""
        write_report(self)

    def action_reverse(self) -> None:
        """Flip the order (oldest or lowest first)."""
        self.descending = not self.descending
        self.show_rows()
