"""Shown instead of the app when the history cannot be opened safely."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Static


class ErrorScreen(Screen[None]):
    """A clear stop: what went wrong, which file, and what to do; never a traceback."""

    BINDINGS = [Binding("q,escape", "app.quit", "Quit")]

    def __init__(self, message: str, advice: str) -> None:
        super().__init__()
        self.message = message
        self.advice = advice

    def compose(self) -> ComposeResult:
        with Vertical(id="error-box", classes="dialog"):
            yield Static("[b]achilles-tui cannot open your history[/b]", classes="error-title")
            yield Static(self.message, id="error-message", markup=False)
            yield Static(self.advice, id="error-advice", markup=False)
        yield Footer()
