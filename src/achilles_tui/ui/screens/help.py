"""Help for the current section, as a modal over it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown, Static


class HelpScreen(ModalScreen[None]):
    """Section help, keys and the disclaimer; Esc, q or ? closes it."""

    BINDINGS = [
        Binding("escape,q,question_mark", "close", "Close help"),
    ]

    def __init__(self, markdown: str) -> None:
        super().__init__()
        self.markdown = markdown

    def compose(self) -> ComposeResult:
        with Vertical(id="help-dialog", classes="dialog"):
            with VerticalScroll(id="help-scroll"):
                yield Markdown(self.markdown, id="help-text")
            yield Static("Arrows or PgUp/PgDn scroll. Esc, q or ? closes.", classes="hint")

    def on_mount(self) -> None:
        """Focus the text so arrows and page keys scroll it."""
        self.query_one("#help-scroll").focus()

    def action_close(self) -> None:
        self.dismiss(None)
