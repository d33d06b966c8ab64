"""The History section (not built yet)."""

from __future__ import annotations

from achilles_tui.ui.screens.placeholder import PlaceholderSection


class HistoryScreen(PlaceholderSection):
    """Placeholder until the section lands."""

    MODE = "history"
    PLANNED = (
        "Review your days in a table and see pain, stiffness and the days you trained as "
        "charts and a calendar."
    )
