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
            yield Static(topic_menu(), id="learn-menu")
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


MENU_WIDTH = 74
"""The dialog's inner width at 80 columns: the menu never splits a topic from its number."""


def topic_menu(width: int = MENU_WIDTH) -> str:
    """'1 The three positions   2 ...', wrapped between topics, never inside one."""
    lines: list[list[str]] = [[]]
    used = 0
    for number, key in enumerate(TOPIC_KEYS, start=1):
        title = LEARN_TOPICS[key][0]
        length = len(f"{number} {title}")
        gap = 3 if lines[-1] else 0
        if lines[-1] and used + gap + length > width:
            lines.append([])
            used, gap = 0, 0
        lines[-1].append(f"[b]{number}[/b] {title}")
        used += gap + length
    return "\n".join("   ".join(line) for line in lines)
