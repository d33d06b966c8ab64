"""A free-text field: letters go in, and Esc is the way out.

Typing in Notes or Activity must put every letter into the field, so the section's
letter keys (`t`, `q`, `?`...) cannot work there. Esc leaves the field (nothing is
focused, and the letters are keys again); `ctrl+q` quits from anywhere. While a text
field has focus the key bar shows only the keys that still work: `esc`, `ctrl+s` and
`ctrl+q`.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widget import Widget
from textual.widgets import Input

LEAVE_FIELD = "Leave field"


class TextField(Input):
    """An Input for words; Esc leaves it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "leave_field", LEAVE_FIELD, key_display="esc"),
    ]

    def action_leave_field(self) -> None:
        """Stop typing here: focus goes nowhere, so the section's keys work again."""
        self.screen.set_focus(None)


class AnswerField(Input):
    """A typed answer (the assessment's numbers): Enter goes on, and the key bar says so
    while letters are typed into it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "submit", "Next", key_display="⏎"),
    ]


def takes_letters(widget: Widget | None) -> bool:
    """Whether typed letters go into this widget rather than to the keys (a text field)."""
    return isinstance(widget, Input) and widget.check_consume_key("a", "a")
