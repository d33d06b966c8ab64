"""Small read-only tables for the Progress section, drawn as Rich tables inside a Static.

A DataTable would take the focus and with it the Enter key the section uses to accept a
review; these tables only show figures, so they need no cursor.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from rich import box
from rich.table import Table
from rich.text import Text

from achilles_tui.domain.models import HeelRaise, HeelRaiseTest, Plan
from achilles_tui.domain.progression import Review
from achilles_tui.domain.report import figure_rows

_SPARK = "▁▂▃▄▅▆▇█"
CHART_TESTS = 12  # the newest tests the chart shows, one mark each


def _table(*columns: str) -> Table:
    """A compact table that uses the theme's colours (no fixed colours)."""
    table = Table(box=box.SIMPLE_HEAD, expand=False, pad_edge=False, show_edge=False)
    for index, column in enumerate(columns):
        table.add_column(column, justify="left" if index == 0 else "right", no_wrap=index == 0)
    return table


def figures_table(review: Review) -> Table:
    """This week beside the week before, symptoms and dose together."""
    table = _table("Measure", "This week", "Week before")
    for label, this_week, last_week in figure_rows(review.week, review.previous_week):
        table.add_row(label, this_week, last_week)
    return table


def _dose(plan: Plan) -> str:
    """A plan's dose in a few words, first exercise only if they all match."""
    parts = []
    for ex in plan.exercises:
        legs = "2 legs" if ex.legs == 2 else "1 leg"
        load = f" +{ex.load_kg:g} kg" if ex.load_kg else (" +load" if ex.added_load else "")
        if isinstance(ex, HeelRaise):
            parts.append(
                f"raises {ex.sets}x{ex.reps} {ex.surface} rest {ex.rest_seconds}s {legs}{load}"
            )
        else:
            parts.append(f"{ex.reps}x{ex.hold_seconds}s rest {ex.rest_seconds}s {legs}{load}")
    return "; ".join(dict.fromkeys(parts))


def plans_table(plans: Sequence[Plan]) -> Table:
    """Every plan version, oldest first: how the plan grew."""
    table = _table("Ver", "Since", "Source", "Level", "Dose")
    for plan in sorted(plans, key=lambda p: p.version):
        table.add_row(
            str(plan.version),
            f"{plan.start_date:%d %b %Y}",
            plan.source,
            plan.level or "-",
            _dose(plan),
        )
    return table


def reviews_table(records: Sequence[Mapping[str, Any]]) -> Table:
    """Stored weekly decisions, newest first."""
    table = _table("Week ending", "Suggestion", "Status", "Levels", "Plan")
    for record in sorted(records, key=lambda r: str(r.get("week_ending")), reverse=True):
        level_from, level_to = record.get("level_from"), record.get("level_to")
        levels = "-" if level_from is None else f"{level_from}->{level_to}"
        after = record.get("plan_version_after")
        table.add_row(
            str(record.get("week_ending")),
            str(record.get("suggestion", "-")).replace("_", " "),
            str(record.get("status", "-")),
            levels,
            "-" if after is None else f"v{after}",
        )
    return table


def heel_raise_tests_table(tests: Sequence[HeelRaiseTest], newest: int = 5) -> Table:
    """The newest guided heel-raise tests, newest first."""
    table = _table("Date", "Sore", "Other", "% other", "Pain", "")
    for test in sorted(tests, key=lambda t: t.date, reverse=True)[:newest]:
        share = test.share_of_other
        table.add_row(
            f"{test.date:%d %b %Y}",
            str(test.reps_affected),
            "-" if test.reps_other is None else str(test.reps_other),
            "-" if share is None else f"{share:.0%}",
            "-" if test.test_pain is None else f"{test.test_pain}/10",
            "stopped >5/10" if test.over_limit else "",
        )
    return table


def _marks(values: Sequence[float | None], top: float) -> str:
    """One block a value (a space for none), scaled to ``top``."""
    out = []
    for value in values:
        if value is None or top <= 0:
            out.append(" " if value is None else _SPARK[0])
        else:
            out.append(_SPARK[round(min(max(value, 0.0), top) / top * (len(_SPARK) - 1))])
    return "".join(out)


def heel_raise_tests_chart(tests: Sequence[HeelRaiseTest]) -> list[Text]:
    """Two one-line charts, oldest test on the left: sore-side raises and % of the other side."""
    shown = sorted(tests, key=lambda t: t.date)[-CHART_TESTS:]
    sore = [float(t.reps_affected) for t in shown]
    shares = [t.share_of_other for t in shown]
    top = max(sore)
    known = [share for share in shares if share is not None]
    share_words = f"{known[0]:.0%} -> {known[-1]:.0%}" if known else "no other side"
    return [
        Text.assemble(
            ("Sore side  ", "bold"),
            _marks(sore, top),
            f"  {sore[0]:g} -> {sore[-1]:g} raises",
        ),
        Text.assemble(("% of other ", "bold"), _marks(shares, 1.0), f"  {share_words}"),
    ]
