"""A heatmap of the last weeks: which days had a session, and which were rest or flare-up."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from textual.content import Content
from textual.widget import Widget

from achilles_tui.domain.models import DayKind

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
LABEL_WIDTH = 4
CELL_WIDTH = 3

# mark -> (two-character cell, style). Letters as well as colours, for colour-blind users.
MARKS: dict[str, tuple[str, str]] = {
    "session": ("██", "$success"),
    "rest": (" r", "bold $primary"),
    "flare-up": (" f", "bold $error"),
    "pause": (" p", "bold $warning"),
    "none": ("··", "$text-muted"),
    "blank": ("  ", ""),
}
LEGEND_ORDER = (
    ("session", "session counted"),
    ("rest", "rest"),
    ("flare-up", "flare-up"),
    ("pause", "pause"),
    ("none", "no session counted"),
)
LEGEND_GAP = "   "


@dataclass(frozen=True)
class CalendarDay:
    """What the calendar needs to know about one date."""

    sessions: int = 0
    kind: DayKind | None = None


def mark_of(info: CalendarDay | None) -> str:
    """A session wins over the day's kind: it is what adherence counts."""
    if info is None:
        return "none"
    if info.sessions > 0:
        return "session"
    if info.kind in (DayKind.REST, DayKind.FLARE_UP, DayKind.PAUSE):
        return str(info.kind.value)
    return "none"


def legend_text() -> str:
    """The legend as plain text (its width sets the calendar's minimum width)."""
    return LEGEND_GAP.join(
        f"{(MARKS[mark][0].strip() or MARKS[mark][0])} {label}" for mark, label in LEGEND_ORDER
    )


class AdherenceCalendar(Widget):
    """Weeks as columns and weekdays as rows, ending with the week of `end`, with a legend."""

    DEFAULT_CSS = """
    AdherenceCalendar {
        height: auto;
        width: auto;
    }
    """

    def __init__(self, *, weeks: int = 16, id: str | None = None) -> None:
        super().__init__(id=id)
        self.weeks = weeks
        self.days: Mapping[dt.date, CalendarDay] = {}
        self.start: dt.date | None = None
        self.end: dt.date | None = None

    @property
    def first_day(self) -> dt.date:
        """The Monday of the first column."""
        assert self.end is not None
        monday = self.end - dt.timedelta(days=self.end.weekday())
        return monday - dt.timedelta(weeks=self.weeks - 1)

    def show(
        self,
        days: Mapping[dt.date, CalendarDay],
        end: dt.date,
        first_planned: dt.date | None = None,
    ) -> None:
        """Replace the data (one dict built by the screen from a single read) and repaint.

        Days before ``first_planned`` (the first plan's start) are neither done nor missed
        (§E1) and stay blank; with no plan at all, every day is blank.
        """
        self.days = days
        self.start = first_planned
        self.end = end
        self.refresh(layout=True)

    def mark_for(self, day: dt.date) -> str:
        """The mark a date gets: session, rest, flare-up, pause, none, or blank.

        Blank is for days after `end` or before the first plan began.
        """
        if self.end is None or day > self.end or self.start is None or day < self.start:
            return "blank"
        return mark_of(self.days.get(day))

    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        """Month row, seven weekdays, a blank line and the legend."""
        return 10

    def get_content_width(self, container: object, viewport: object) -> int:
        """Weekday labels plus one cell per week, at least as wide as the legend."""
        return max(LABEL_WIDTH + CELL_WIDTH * self.weeks, len(legend_text()))

    def render(self) -> Content:
        """The grid as styled text; cells carry a letter as well as a colour."""
        if self.end is None:
            return Content("")
        first = self.first_day
        lines: list[Content] = [Content(self._month_row(first))]
        for weekday, name in enumerate(WEEKDAYS):
            parts: list[str | tuple[str, str]] = [f"{name:<{LABEL_WIDTH}}"]
            for week in range(self.weeks):
                day = first + dt.timedelta(weeks=week, days=weekday)
                text, style = MARKS[self.mark_for(day)]
                parts.append((text, style) if style else text)
                parts.append(" ")
            lines.append(Content.assemble(*parts))
        lines.append(Content(""))
        legend: list[str | tuple[str, str]] = []
        for index, (mark, label) in enumerate(LEGEND_ORDER):
            text, style = MARKS[mark]
            gap = LEGEND_GAP if index else ""
            legend.extend([gap, (text.strip() or text, style), f" {label}"])
        lines.append(Content.assemble(*legend))
        return Content("\n").join(lines)

    def _month_row(self, first: dt.date) -> str:
        """Every month shown gets its name, above the first week whose Monday is in it.

        A week that straddles two months stays under the month its Monday is in, so a
        session on the 30th never sits under the next month's name. A month with no
        Monday on show (December, when the last column is the week of Mon 30 Nov) is
        named above the week that holds its first day; the first column's name moves
        into the weekday labels' margin when the next column starts another month.
        """
        assert self.end is not None
        anchors: dict[tuple[int, int], int] = {}
        for week in range(self.weeks):
            monday = first + dt.timedelta(weeks=week)
            anchors.setdefault((monday.year, monday.month), week)
        for week in range(self.weeks):
            for offset in range(1, 7):
                day = first + dt.timedelta(weeks=week, days=offset)
                if day.day == 1 and day <= self.end:
                    anchors.setdefault((day.year, day.month), week)
        row = [" "] * (LABEL_WIDTH + CELL_WIDTH * self.weeks + 3)
        ordered = sorted(anchors.items(), key=lambda item: item[1])
        for index, ((year, month), week) in enumerate(ordered):
            name = dt.date(year, month, 1).strftime("%b")
            start = LABEL_WIDTH + CELL_WIDTH * week
            following = ordered[index + 1][1] if index + 1 < len(ordered) else None
            if week == 0 and following == 1:
                start = 0  # "Aug" by the weekday names, "Sep" above the second column
            row[start : start + len(name)] = list(name)
        return "".join(row).rstrip()
