"""The report's charts as inline SVG, drawn from the report model only.

Each chart has a title and a description (its text alternative), prints its labels on the
chart itself, and tells its series apart by colour (Okabe-Ito), dash pattern and marker shape
together. The pain and dose charts share one time axis, so a plan change lines up with the
pain it came with. Sizes are in CSS pixels and never scaled, so 11 px text prints at 8.25 pt.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from achilles_tui.domain.report_model import PhysioReport, WeekRow, num, pct, short_day
from achilles_tui.reports.svg import (
    BLACK,
    BLUE,
    GREEN,
    GREY,
    LIGHT,
    ORANGE,
    PURPLE,
    VERMILLION,
    Canvas,
    hatch_pattern,
)

FULL_WIDTH = 710
HALF_WIDTH = 349
LEFT = 34  # room for the y labels
RIGHT = 44  # room for a second axis or an end label
LEGEND_Y = 11
MOST_BARS = 8  # heel-raise tests and questionnaires: the latest ones fit


@dataclass(frozen=True)
class Chart:
    """One figure of the page: its SVG, its title and the caption printed under it."""

    ident: str
    title: str
    caption: str
    svg: str


@dataclass(frozen=True)
class TimeAxis:
    """Dates to x, one slot a day from the first to the last day of the period."""

    first: dt.date
    last: dt.date
    left: float
    right: float

    @property
    def days(self) -> int:
        """Days on the axis."""
        return (self.last - self.first).days + 1

    def x(self, day: dt.date, part: float = 0.5) -> float:
        """A point in the day's slot: ``part`` 0.5 is its middle (a morning comes before 0.5,
        a session after it, so the two never hide each other)."""
        return self.left + ((day - self.first).days + part) * (self.right - self.left) / self.days

    def edge(self, day: dt.date) -> float:
        """The left edge of the day's slot."""
        return self.left + (day - self.first).days * (self.right - self.left) / self.days

    def ticks(self, canvas: Canvas, weeks: Sequence[WeekRow], bottom: float) -> None:
        """A tick and a short date at the start of each week (every few weeks when long)."""
        every = max(1, math.ceil(len(weeks) / 9))
        for index, week in enumerate(weeks):
            x = self.edge(week.week_start)
            canvas.line(x, bottom, x, bottom + 3, stroke=GREY)
            if (len(weeks) - 1 - index) % every == 0:  # counted back from the latest week
                canvas.text(x, bottom + 14, short_day(week.week_start), fill=BLACK)


def _legend(canvas: Canvas, items: Sequence[tuple[Callable[[float, float], None], str]]) -> None:
    """Symbols and their words in one row above the plot (printed, so it needs no hover)."""
    x = float(LEFT)
    for draw, words in items:
        draw(x + 6, LEGEND_Y - 4)
        canvas.text(x + 15, LEGEND_Y, words, fill=BLACK)
        x += 15 + 5.6 * len(words) + 14


def _nice_top(value: float) -> float:
    """A round axis top at or above value: 1, 2 or 5 times a power of ten."""
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if value <= step * power:
            return float(step * power)
    return float(10 * power)  # pragma: no cover


def _segments(points: Sequence[tuple[float, float | None]]) -> list[list[tuple[float, float]]]:
    """Runs of known values: a gap (nothing logged) breaks the line."""
    runs: list[list[tuple[float, float]]] = [[]]
    for x, y in points:
        if y is None:
            if runs[-1]:
                runs.append([])
        else:
            runs[-1].append((x, y))
    return [run for run in runs if run]


# -- pain ---------------------------------------------------------------------------------------


def pain_chart(report: PhysioReport) -> Chart:
    """Morning pain and session pain, the 5/10 line, and the next-morning response marked."""
    canvas = Canvas("chart-pain", FULL_WIDTH, 168)
    top, bottom = 24.0, 146.0
    axis = TimeAxis(report.first_day, report.made, LEFT, FULL_WIDTH - RIGHT)

    def y(value: float) -> float:
        return bottom - value / 10 * (bottom - top)

    for day in report.days:
        if day.flare_up:
            x0, x1 = axis.edge(day.date), axis.edge(day.date + dt.timedelta(days=1))
            canvas.rect(x0, top, max(x1 - x0, 3.0), bottom - top, fill=LIGHT)
            canvas.text(x1 + 2, top + 10, "flare-up", fill=BLACK)
    for tick in (0, 5, 10):
        canvas.text(LEFT - 6, y(tick) + 4, str(tick), fill=BLACK, text_anchor="end")
    canvas.line(LEFT, y(10), axis.right, y(10), stroke=LIGHT)
    canvas.line(LEFT, bottom, axis.right, bottom, stroke=GREY)
    canvas.line(LEFT, y(5), axis.right, y(5), stroke=BLACK, stroke_dasharray="6 3")
    canvas.text(axis.right + 3, y(5) + 4, "5/10", fill=BLACK)
    axis.ticks(canvas, report.week_rows, bottom)

    morning: list[tuple[float, float | None]]
    during: list[tuple[float, float | None]]
    if report.daily:
        morning = [(axis.x(d.date, 0.25), d.morning_pain) for d in report.days]
        during = [(axis.x(d.date, 0.75), d.session_pain) for d in report.days]
    else:
        mid = dt.timedelta(days=3)
        morning = [(axis.x(w.week_start + mid), w.mean_morning_pain) for w in report.week_rows]
        during = [(axis.x(w.week_start + mid), w.max_pain_during) for w in report.week_rows]
    for run in _segments([(x, None if v is None else y(v)) for x, v in during]):
        canvas.polyline(run, stroke=ORANGE, stroke_width=1.5, stroke_dasharray="4 3")
    for run in _segments([(x, None if v is None else y(v)) for x, v in morning]):
        canvas.polyline(run, stroke=BLUE, stroke_width=1.6)
    for x, value in during:
        if value is not None:
            canvas.marker("square", x, y(value), ORANGE, 2.6)
            if value > 5:
                canvas.text(x, y(value) - 6, num(value), fill=BLACK, text_anchor="middle")
    if report.daily:
        for day in report.days:
            if day.morning_pain is None:
                continue
            x = axis.x(day.date, 0.25)
            canvas.marker("circle" if day.after_session else "ring", x, y(day.morning_pain), BLUE)
        for day in report.days:
            if day.not_settled:
                pain = day.morning_pain if day.morning_pain is not None else 0
                canvas.marker("cross", axis.x(day.date, 0.25), y(pain), VERMILLION, 3.4)
    else:
        for (x, value), week in zip(morning, report.week_rows, strict=True):
            if value is not None:
                canvas.marker("circle", x, y(value), BLUE)
            if week.not_settled:
                level = value if value is not None else 0
                canvas.marker("cross", x, y(level), VERMILLION, 3.4)
                canvas.text(x + 7, y(level) + 12, str(week.not_settled), fill=VERMILLION)
    _end_labels(canvas, morning, y, BLUE)
    _end_labels(canvas, during, y, ORANGE, below=True)

    mornings = "morning after a session (filled), other mornings (ring)"
    legend = [
        (lambda x, yy: canvas.marker("circle", x, yy, BLUE), "morning pain"),
        (lambda x, yy: canvas.marker("ring", x, yy, BLUE), "no session the day before"),
        (lambda x, yy: canvas.marker("square", x, yy, ORANGE, 2.6), "highest pain in a session"),
        (lambda x, yy: canvas.marker("cross", x, yy, VERMILLION, 3.0), "morning not settled"),
    ]
    if not report.daily:
        legend = [
            (lambda x, yy: canvas.marker("circle", x, yy, BLUE), "morning pain, weekly mean"),
            (lambda x, yy: canvas.marker("square", x, yy, ORANGE, 2.6), "highest session pain"),
            (
                lambda x, yy: canvas.marker("cross", x, yy, VERMILLION, 3.0),
                "mornings not settled (count)",
            ),
        ]
        mornings = "weekly points; a cross gives the number of mornings not settled"
    _legend(canvas, legend)
    title = "Pain: every morning and during sessions" if report.daily else "Pain by week"
    description = (
        f"{report.pain_caption} Blue solid line: morning pain, {mornings}. Orange dashed line "
        "with squares: highest pain during a session. Black dashed line: the 5/10 limit. "
        "Vermillion crosses: mornings not settled (the 24-hour rule). Grey bands: flare-up days."
    )
    return Chart("chart-pain", title, report.pain_caption, canvas.svg(title, description))


def _end_labels(
    canvas: Canvas,
    points: Sequence[tuple[float, float | int | None]],
    y: Callable[[float], float],
    colour: str,
    *,
    below: bool = False,
) -> None:
    """The first and the latest value printed beside their points."""
    known = [(x, v) for x, v in points if v is not None]
    if not known:
        return
    shift = 15 if below else -6
    first, last = known[0], known[-1]
    canvas.text(first[0], y(first[1]) + shift, num(first[1]), fill=colour, text_anchor="middle")
    if last is not first:
        canvas.text(last[0] + 4, y(last[1]) + shift, num(last[1]), fill=colour)


# -- dose ---------------------------------------------------------------------------------------

_SIDE_STYLE = {
    "both": (BLACK, "square"),
    "left": (BLUE, "circle"),
    "right": (GREEN, "triangle"),
}
_UNIT_DASH = {"s": None, "raises": "2 3"}


def dose_chart(report: PhysioReport) -> Chart:
    """Seconds held and raises per side a week, with plan changes and stage switches marked."""
    canvas = Canvas("chart-dose", FULL_WIDTH, 124)
    top, bottom = 30.0, 102.0
    axis = TimeAxis(report.first_day, report.made, LEFT, FULL_WIDTH - RIGHT)
    mid = dt.timedelta(days=3)
    series: dict[tuple[str, str], list[tuple[float, float | None]]] = {}
    for week in report.week_rows:
        x = axis.x(week.week_start + mid)
        for dose in week.dose:
            if dose.held_seconds:
                series.setdefault((dose.side, "s"), [])
            if dose.raises:
                series.setdefault((dose.side, "raises"), [])
    for week in report.week_rows:
        x = axis.x(week.week_start + mid)
        by_side = {d.side: d for d in week.dose}
        for side, unit in series:
            found = by_side.get(side)
            value = None if found is None else found.held_seconds if unit == "s" else found.raises
            series[side, unit].append((x, value or None))
    units = sorted({unit for _side, unit in series}, key=["s", "raises"].index)
    tops = {
        unit: _nice_top(
            max((v or 0) for (_s, u), pts in series.items() if u == unit for _x, v in pts)
        )
        for unit in units
    }

    def scale(unit: str) -> Callable[[float], float]:
        return lambda value: bottom - value / tops[unit] * (bottom - top)

    canvas.line(LEFT, bottom, axis.right, bottom, stroke=GREY)
    for index, unit in enumerate(units):
        y = scale(unit)
        x, anchor = (LEFT - 6, "end") if index == 0 else (axis.right + 6, "start")
        canvas.text(x, y(tops[unit]) + 4, num(tops[unit]), fill=BLACK, text_anchor=anchor)
        canvas.text(x, bottom + 4, "0", fill=BLACK, text_anchor=anchor)
        canvas.text(x, y(tops[unit]) + 16, unit, fill=BLACK, text_anchor=anchor)
    canvas.line(LEFT, top, axis.right, top, stroke=LIGHT)
    axis.ticks(canvas, report.week_rows, bottom)
    for row, mark in enumerate(report.plan_marks):
        x = axis.edge(mark.date)
        if mark.stage_switch:
            canvas.line(
                x, top - 2, x, bottom, stroke=PURPLE, stroke_width=2, stroke_dasharray="6 2 1 2"
            )
        else:
            canvas.line(x, top - 2, x, bottom, stroke=GREY, stroke_dasharray="1 3")
        canvas.text(x + 3, top + 9 + 11 * (row % 2), mark.label, fill=BLACK)
    legend = []
    for (side, unit), points in series.items():
        colour, shape = _SIDE_STYLE.get(side, (GREY, "diamond"))
        dash = _UNIT_DASH[unit]
        y = scale(unit)
        for run in _segments([(x, None if v is None else y(v)) for x, v in points]):
            canvas.polyline(run, stroke=colour, stroke_width=1.5, stroke_dasharray=dash)
        for x, held in points:
            if held is not None:
                canvas.marker(shape, x, y(held), colour)
        _end_labels(canvas, points, y, colour, below=side == "right")
        legend.append(
            (
                lambda x, yy, c=colour, s=shape: canvas.marker(s, x, yy, c),
                f"{side}, {'seconds held' if unit == 's' else 'raises'}",
            )
        )
    if not series:
        canvas.text(LEFT + 10, (top + bottom) / 2, "No holds or raises recorded.", fill=BLACK)
    marks = [
        (
            lambda x, yy: canvas.line(x - 5, yy, x + 5, yy, stroke=GREY, stroke_dasharray="1 3"),
            "plan change",
        )
    ]
    if any(m.stage_switch for m in report.plan_marks):
        marks.append(
            (
                lambda x, yy: canvas.line(x - 5, yy, x + 5, yy, stroke=PURPLE, stroke_width=2),
                "stage switch",
            )
        )
    _legend(canvas, legend + (marks if report.plan_marks else []))
    title = "Dose a week, by side"
    description = (
        f"{report.dose_caption} Weekly totals on the same time axis as the pain chart: seconds "
        "held (solid lines) and heel raises (dotted lines); black squares both legs, blue "
        "circles left, green triangles right. Dotted grey lines: new plan versions; purple "
        "dash-dot lines: a switch between holds and heel raises."
    )
    return Chart("chart-dose", title, report.dose_caption, canvas.svg(title, description))


# -- sessions -----------------------------------------------------------------------------------


def sessions_chart(report: PhysioReport) -> Chart:
    """Sessions done against planned, a bar a week; weeks under 70% hatched and labelled."""
    canvas = Canvas("chart-sessions", HALF_WIDTH, 134)
    top, bottom = 30.0, 112.0
    rows = list(report.week_rows)
    most = max([7, *(w.planned for w in rows)])
    slot = (HALF_WIDTH - LEFT - 8) / max(len(rows), 1)
    width = min(slot * 0.7, 28.0)

    def y(value: float) -> float:
        return bottom - value / most * (bottom - top)

    canvas.parts.append(hatch_pattern("hatch-low", VERMILLION))
    canvas.text(LEFT - 6, y(most) + 4, str(most), fill=BLACK, text_anchor="end")
    canvas.text(LEFT - 6, bottom + 4, "0", fill=BLACK, text_anchor="end")
    canvas.line(LEFT, bottom, HALF_WIDTH - 8, bottom, stroke=GREY)
    every = max(1, math.ceil(len(rows) / 5))
    label_all = len(rows) <= 13
    for index, week in enumerate(rows):
        x = LEFT + slot * index + (slot - width) / 2
        if week.planned_days:
            canvas.rect(
                x, y(week.planned), width, bottom - y(week.planned), fill="#FFFFFF", stroke=BLACK
            )
            fill = "url(#hatch-low)" if week.low_adherence else BLUE
            canvas.rect(x, y(week.done), width, bottom - y(week.done), fill=fill, stroke=BLACK)
            last = index == len(rows) - 1
            if label_all or week.low_adherence or index == 0 or last:
                canvas.text(
                    x + width / 2,
                    y(week.planned) - 4,
                    week.sessions_text,
                    fill=BLACK,
                    text_anchor="middle",
                )
        if (len(rows) - 1 - index) % every == 0:  # counted back from the latest week
            canvas.text(
                x + width / 2,
                bottom + 14,
                short_day(week.week_ending),
                fill=BLACK,
                text_anchor="middle",
            )
    done, planned = report.sessions_total
    share = pct(done / planned) if planned else "-"
    _legend(
        canvas,
        [
            (lambda x, yy: canvas.rect(x - 4, yy - 4, 8, 8, fill=BLUE, stroke=BLACK), "done"),
            (
                lambda x, yy: canvas.rect(x - 4, yy - 4, 8, 8, fill="#FFFFFF", stroke=BLACK),
                "planned",
            ),
            (
                lambda x, yy: canvas.rect(
                    x - 4, yy - 4, 8, 8, fill="url(#hatch-low)", stroke=BLACK
                ),
                "under 70%",
            ),
        ],
    )
    canvas.text(
        HALF_WIDTH - 8,
        LEGEND_Y,
        f"overall {share}",
        fill=BLACK,
        font_weight="bold",
        text_anchor="end",
    )
    title = "Sessions a week, done of planned"
    description = (
        f"{report.sessions_caption} Each bar is a week ending on the date under it: the outline "
        "is the sessions planned, the filled part those done; a hatched bar is a week under 70%."
    )
    return Chart("chart-sessions", title, report.sessions_caption, canvas.svg(title, description))


# -- heel-raise tests ---------------------------------------------------------------------------


def tests_chart(report: PhysioReport) -> Chart | None:
    """Raises to fatigue per side at each test, and the sore side as a % of the other."""
    tests = list(report.tests[-MOST_BARS:])
    if not tests:
        return None
    canvas = Canvas("chart-tests", HALF_WIDTH, 140)
    top, bottom = 30.0, 104.0
    most = _nice_top(max(max(t.sore, t.other or 0) for t in tests))
    slot = (HALF_WIDTH - LEFT - 8) / len(tests)
    width = min(slot * 0.32, 22.0)

    def y(value: float) -> float:
        return bottom - value / most * (bottom - top)

    canvas.parts.append(hatch_pattern("hatch-other", GREY))
    canvas.text(LEFT - 6, y(most) + 4, num(most), fill=BLACK, text_anchor="end")
    canvas.text(LEFT - 6, bottom + 4, "0", fill=BLACK, text_anchor="end")
    canvas.line(LEFT, bottom, HALF_WIDTH - 8, bottom, stroke=GREY)
    for index, test in enumerate(tests):
        centre = LEFT + slot * (index + 0.5)
        x = centre - width - 1
        canvas.rect(x, y(test.sore), width, bottom - y(test.sore), fill=BLUE, stroke=BLACK)
        canvas.text(
            x + width / 2, y(test.sore) - 3, str(test.sore), fill=BLACK, text_anchor="middle"
        )
        if test.other is not None:
            x = centre + 1
            canvas.rect(
                x,
                y(test.other),
                width,
                bottom - y(test.other),
                fill="url(#hatch-other)",
                stroke=BLACK,
            )
            canvas.text(
                x + width / 2, y(test.other) - 3, str(test.other), fill=BLACK, text_anchor="middle"
            )
        canvas.text(centre, bottom + 13, short_day(test.date), fill=BLACK, text_anchor="middle")
        canvas.text(
            centre,
            bottom + 26,
            pct(test.share),
            fill=BLACK,
            text_anchor="middle",
            font_weight="bold",
        )
    _legend(
        canvas,
        [
            (lambda x, yy: canvas.rect(x - 4, yy - 4, 8, 8, fill=BLUE, stroke=BLACK), "sore side"),
            (
                lambda x, yy: canvas.rect(
                    x - 4, yy - 4, 8, 8, fill="url(#hatch-other)", stroke=BLACK
                ),
                "other side",
            ),
        ],
    )
    canvas.text(LEFT, 24, "raises to fatigue; bold % = sore side of the other", fill=BLACK)
    title = "Heel-raise tests, per side"
    description = (
        f"{report.tests_caption} Solid bars: sore side; hatched bars: other side; the "
        "percentage under each date is the sore side's count as a share of the other side's."
    )
    return Chart("chart-tests", title, report.tests_caption, canvas.svg(title, description))


# -- questionnaire ------------------------------------------------------------------------------


def scores_chart(report: PhysioReport) -> Chart | None:
    """The questionnaire total (0-100, higher is better) at each filling."""
    scores = list(report.scores[-MOST_BARS:])
    if not scores:
        return None
    canvas = Canvas("chart-scores", HALF_WIDTH, 112)
    top, bottom = 22.0, 88.0
    slot = (HALF_WIDTH - LEFT - 16) / len(scores)

    def y(value: float) -> float:
        return bottom - value / 100 * (bottom - top)

    for value in (0, 50, 100):
        canvas.text(LEFT - 6, y(value) + 4, str(value), fill=BLACK, text_anchor="end")
        canvas.line(LEFT, y(value), HALF_WIDTH - 8, y(value), stroke=LIGHT if value else GREY)
    points = [(LEFT + slot * (i + 0.5), float(s.total)) for i, s in enumerate(scores)]
    canvas.polyline([(x, y(v)) for x, v in points], stroke=BLUE, stroke_width=1.6)
    for (x, total), score in zip(points, scores, strict=True):
        canvas.marker("diamond", x, y(total), BLUE, 3.2)
        canvas.text(x, y(total) - 7, str(score.total), fill=BLACK, text_anchor="middle")
        canvas.text(x, bottom + 14, short_day(score.date), fill=BLACK, text_anchor="middle")
    _legend(canvas, [(lambda x, yy: canvas.marker("diamond", x, yy, BLUE, 3.2), "total of 100")])
    title = "Tendon questionnaire (VISA-A structure, paraphrased)"
    description = f"{report.scores_caption} Higher is better; 100 means no symptoms."
    return Chart("chart-scores", title, report.scores_caption, canvas.svg(title, description))


def all_charts(report: PhysioReport) -> list[Chart]:
    """Every chart the page shows, in page order (tests and questionnaire when there are any)."""
    charts = [pain_chart(report), dose_chart(report), sessions_chart(report)]
    charts += [c for c in (tests_chart(report), scores_chart(report)) if c is not None]
    return charts
