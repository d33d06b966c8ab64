"""The Assessment section (not built yet)."""

from __future__ import annotations

from achilles_tui.ui.screens.placeholder import PlaceholderSection


class AssessmentScreen(PlaceholderSection):
    """Placeholder until the section lands."""

    MODE = "assessment"
    PLANNED = (
        "Answer a short set of questions about your tendon (red-flag checks first), and "
        "get an isometric plan with the reason for every choice. You will also be able to "
        "enter the plan your physio gave you."
    )
