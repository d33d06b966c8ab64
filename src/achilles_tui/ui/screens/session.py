"""The Session section (not built yet)."""

from __future__ import annotations

from achilles_tui.ui.screens.placeholder import PlaceholderSection


class SessionScreen(PlaceholderSection):
    """Placeholder until the section lands."""

    MODE = "session"
    PLANNED = (
        "A guided timer for today's holds: get ready, hold, rest, rep by rep, with a big "
        "countdown and sound cues. Space pauses, s skips, q ends early, and every rep is "
        "saved as it happens."
    )
