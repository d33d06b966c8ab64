"""Plays the timer's cues: distinct bell patterns plus a brief visual flash."""

from __future__ import annotations

from textual.app import App
from textual.color import Color
from textual.widget import Widget

from achilles_tui.domain.timer import CUE_PATTERNS

FLASH_SECONDS = 0.4
FLASH_TINT = 0.25


def play_cue(app: App[object], widget: Widget, cue: str, *, sound: bool) -> None:
    """Ring the pattern for `cue` (if sound is on) and flash `widget`."""
    if sound:
        delay = 0.0
        for gap in CUE_PATTERNS[cue]:
            delay += gap
            if delay == 0.0:
                app.bell()
            else:
                app.set_timer(delay, app.bell)
    # An inline tint repaints this widget only; a CSS class would restyle its subtree.
    accent = Color.parse(app.current_theme.accent or "#ffa62b")
    widget.styles.background_tint = accent.with_alpha(FLASH_TINT)
    widget.set_timer(FLASH_SECONDS, lambda: _unflash(widget))


def _unflash(widget: Widget) -> None:
    widget.styles.background_tint = Color(0, 0, 0, 0)
