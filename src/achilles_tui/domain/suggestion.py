"""The weekly review's verdicts, apart from the review itself.

Storage checks stored reviews against these values when a file is opened; keeping them in a
module of their own means that check never imports the review's rules (start-up cost).
"""

from __future__ import annotations

from enum import StrEnum


class Suggestion(StrEnum):
    """The lower-case §E2 verdict a review returns (§D conventions)."""

    PROGRESS = "progress"
    HOLD = "hold"
    REGRESS = "regress"
    SWITCH_TO_ISOTONIC = "switch_to_isotonic"
    SWITCH_TO_ISOMETRIC = "switch_to_isometric"
    SEE_CLINICIAN = "see_clinician"
