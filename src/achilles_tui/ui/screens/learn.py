"""Learn: why the plan looks the way it does, one short page per topic."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown, Static

from achilles_tui.ui.learn_text import LEARN_TOPICS

TOPIC_KEYS = tuple(LEARN_TOPICS)


class LearnScreen(ModalScreen[None]):
    """Number keys pick a topic; Esc or q closes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *(
            Binding(str(i), f"topic({i - 1})", LEARN_TOPICS[key][0], show=False)
            for i, key in enumerate(TOPIC_KEYS, start=1)
        ),
        Binding("escape,q,f2", "close", "Close"),
    ]

    def __init__(self, topic: str = TOPIC_KEYS[0]) -> None:
        super().__init__()
        self.topic = topic

    def compose(self) -> ComposeResult:
        with Vertical(id="help-dialog", classes="dialog"):
            menu = "   ".join(
                f"[b]{i}[/b] {LEARN_TOPICS[key][0]}" for i, key in enumerate(TOPIC_KEYS, start=1)
            )
            yield Static(menu, id="learn-menu")
            with VerticalScroll(id="help-scroll"):
                yield Markdown(LEARN_TOPICS[self.topic][1], id="learn-text")
            yield Static(
                "Number keys change topic; arrows scroll; Esc or q closes.", classes="hint"
            )

    def on_mount(self) -> None:
        self.query_one("#help-scroll").focus()

    def action_topic(self, index: int) -> None:
        """Show another topic."""
        self.topic = TOPIC_KEYS[index]
        self.query_one("#learn-text", Markdown).update(LEARN_TOPICS[self.topic][1])

    def action_close(self) -> None:
        self.dismiss(None)
