"""Counts in plain English, one helper for every screen, command and report.

Why: a bracketed plural and "1 days" read as machine output; a person glancing at the
screen from a step should read "1 day", "2 days" without thinking.
"""

from __future__ import annotations

from achilles_tui.domain.models import Side

# Nouns whose plural is not the noun plus "s".
_IRREGULAR = {
    "entry": "entries",
    "diary entry": "diary entries",
    "warning sign": "warning signs",
}


def plural(n: int | float, noun: str, plural_form: str | None = None) -> str:
    """The noun for a count of ``n``: ``plural(1, "day")`` is "day", 2 gives "days"."""
    if n == 1:
        return noun
    if plural_form is not None:
        return plural_form
    return _IRREGULAR.get(noun, noun + "s")


def count(n: int | float, noun: str, plural_form: str | None = None) -> str:
    """The count and its noun: ``count(1, "hold")`` is "1 hold", ``count(0, "day")`` "0 days"."""
    shown = f"{n:g}" if isinstance(n, float) else str(n)
    return f"{shown} {plural(n, noun, plural_form)}"


def side_words(side: Side) -> str:
    """'both legs' / 'left leg'."""
    return "both legs" if side is Side.BOTH else f"{side.value} leg"
