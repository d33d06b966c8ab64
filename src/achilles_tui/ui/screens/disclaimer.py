"""First-run disclaimer that the user must acknowledge (clinical.md §F3)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from achilles_tui.ui.help_text import DISCLAIMER


class DisclaimerScreen(ModalScreen[bool]):
    """Returns True once the user confirms they understand the app's limits."""

    BINDINGS = [
        Binding("enter,y", "accept", "I understand"),
        Binding("q,escape", "decline", "Quit"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="disclaimer-dialog", classes="dialog"):
            yield Static("[b]Before you start[/b]", classes="section-title")
            yield Static(DISCLAIMER, markup=False)
            yield Button("I understand (Enter)", id="accept", variant="primary")

    def on_button_pressed(self) -> None:
        self.dismiss(True)

    def action_accept(self) -> None:
        self.dismiss(True)

    def action_decline(self) -> None:
        self.dismiss(False)
