"""`review`'s text: the suggestion, the changes, the week's figures as a table, the reasons.

The table's columns are as wide as their widest cell and stand two spaces apart, so a long
value (the dose by side, "left 900, right 900") never runs into the next column.
"""

from __future__ import annotations

from achilles_tui.domain.progression import Review
from achilles_tui.domain.report import change_text, figure_rows, suggestion_text

GAP = "  "
"""Between two columns, however full they are."""


def table_lines(rows: list[tuple[str, str, str]]) -> list[str]:
    """Rows of (measure, this week, week before): the measure left, the figures right-aligned."""
    label = max(len(row[0]) for row in rows)
    this = max(len(row[1]) for row in rows)
    before = max(len(row[2]) for row in rows)
    return [f"{a:<{label}}{GAP}{b:>{this}}{GAP}{c:>{before}}".rstrip() for a, b, c in rows]


def review_lines(review: Review) -> list[str]:
    """A review as readable lines: suggestion, changes, figures, reasons with rule ids."""
    lines = [suggestion_text(str(review.suggestion), review.level_from, review.level_to)]
    if review.too_little_data:
        lines.append("Too little logged this week to judge it; see the reason below.")
    if review.changes:
        lines.append(
            "Changes: " + "; ".join(change_text(c.field, c.from_, c.to) for c in review.changes)
        )
    lines.append("")
    header = ("Week ending", review.week_ending.isoformat(), "week before")
    lines += table_lines([header, *figure_rows(review.week, review.previous_week)])
    lines.append("")
    lines.append("Reasons:")
    lines += [f"  - {reason.message} ({reason.rule})" for reason in review.reasons]
    lines.append(f"Rules fired: {', '.join(review.rules_fired)}")
    return lines
