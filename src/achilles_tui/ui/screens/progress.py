"""The Progress section (not built yet)."""

from __future__ import annotations

from achilles_tui.ui.screens.placeholder import PlaceholderSection


class ProgressScreen(PlaceholderSection):
    """Placeholder until the section lands."""

    MODE = "progress"
    PLANNED = (
        "A weekly review of your diary and sessions that suggests whether to progress, "
        "hold or step back next week, with the reasons."
    )
