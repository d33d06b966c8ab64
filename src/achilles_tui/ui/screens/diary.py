"""The Diary section (not built yet)."""

from __future__ import annotations

from achilles_tui.ui.screens.placeholder import PlaceholderSection


class DiaryScreen(PlaceholderSection):
    """Placeholder until the section lands."""

    MODE = "diary"
    PLANNED = (
        "Log this morning's pain and stiffness and whether the tendon settled after your "
        "last session, using number keys, in a few seconds."
    )
