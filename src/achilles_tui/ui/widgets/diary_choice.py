"""A one-line choice (yes/no, kind of day) that leaves Enter to the screen, which saves."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar, Generic, TypeVar

from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

T = TypeVar("T")


class DiaryChoice(Widget, Generic[T], can_focus=True):
    """Pick one of a few options with arrows, space or the option's letter.

    A RadioSet would take Enter for itself; here Enter falls through to the
    screen so the diary can be saved from any field.
    """

    DEFAULT_CSS = """
    DiaryChoice {
        height: 1;
        width: auto;
        background: $surface;
    }
    DiaryChoice:focus {
        background: $boost;
        text-style: bold;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right,space", "move(1)", "Next option", show=False),
        Binding("left", "move(-1)", "Previous option", show=False),
    ]

    index: reactive[int] = reactive(0)

    class Changed(Message):
        """The choice changed, so the screen can mark the form as edited."""

        def __init__(self, choice: DiaryChoice[Any]) -> None:
            super().__init__()
            self.choice = choice

        @property
        def control(self) -> DiaryChoice[Any]:
            """The choice widget, for `on(..., selector)` handlers."""
            return self.choice

    def __init__(
        self,
        options: Sequence[tuple[T, str, str]],
        *,
        value: T | None = None,
        id: str | None = None,
    ) -> None:
        """Options are (value, label, shortcut letter or '')."""
        super().__init__(id=id)
        self.options = list(options)
        if value is not None:
            self.set_reactive(DiaryChoice.index, self._index_of(value))

    def _index_of(self, value: T) -> int:
        for position, (option, _label, _key) in enumerate(self.options):
            if option == value:
                return position
        raise ValueError(f"{value!r} is not one of the options")

    @property
    def value(self) -> T:
        """The chosen option's value."""
        return self.options[self.index][0]

    @value.setter
    def value(self, new_value: T) -> None:
        self.index = self._index_of(new_value)

    def watch_index(self, old: int, new: int) -> None:
        """Tell the screen; repaint happens through the reactive."""
        if old != new:
            self.post_message(self.Changed(self))

    def action_move(self, step: int) -> None:
        """Cycle through the options."""
        self.index = (self.index + step) % len(self.options)

    def check_consume_key(self, key: str, character: str | None) -> bool:
        """Only our own shortcut letters are consumed."""
        return character is not None and any(
            shortcut == character for _v, _l, shortcut in self.options
        )

    async def _on_key(self, event: events.Key) -> None:
        """Option letters pick that option; other keys go on to the bindings."""
        for position, (_value, _label, shortcut) in enumerate(self.options):
            if shortcut and event.character == shortcut:
                self.index = position
                event.stop()
                event.prevent_default()
                return

    def render(self) -> Content:
        """All options in a row, the chosen one highlighted."""
        parts: list[str | tuple[str, str]] = []
        for position, (_value, label, shortcut) in enumerate(self.options):
            text = f" {label} " if not shortcut else f" {label} ({shortcut}) "
            if position == self.index:
                parts.append((f"[{text.strip()}]", "bold reverse $accent"))
            else:
                parts.append((f" {text.strip()} ", "$text-muted"))
            parts.append(" ")
        return Content.assemble(*parts)
