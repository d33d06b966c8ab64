"""Textual's command palette, made safe against keys that arrive while it is closing.

Upstream (Textual 8.2.8, a bare app does the same): ctrl+p, Down, Enter, Enter typed quickly
runs the chosen command and then dismisses the palette a second time, popping the screen
below it: ScreenStackError. Once this palette has closed, later Enter presses and selections
still queued for it are dropped, and a second dismiss does nothing.
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.await_complete import AwaitComplete
from textual.command import CommandPalette
from textual.widgets import Input, OptionList


class SafeCommandPalette(CommandPalette):
    """The command palette, closed once however many keys were queued for it."""

    _closed = False

    @on(Input.Submitted)
    @on(OptionList.OptionSelected)
    def _drop_after_close(self, event: Input.Submitted | OptionList.OptionSelected) -> None:
        """A key queued before the palette closed must not run its command a second time."""
        if self._closed:
            event.stop()
            event.prevent_default()

    def dismiss(self, result: Any = None) -> AwaitComplete:
        """Close once; a second request (the race above) is a no-op."""
        if self._closed or self not in self.app.screen_stack:
            self._closed = True
            return AwaitComplete()
        self._closed = True
        return super().dismiss(result)
