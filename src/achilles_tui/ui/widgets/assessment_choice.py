"""A numbered list of answers for one question, picked with arrows, numbers or y/n.

Unlike RadioSet or SelectionList it leaves Enter alone, so Enter always means "next question"
on the assessment, and it can hold either one answer or a checklist of ticks.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Sequence
from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget


class AssessmentChoice(Widget, can_focus=True):
    """One question's options; ``multiple`` turns it into a checklist (the warning signs)."""

    DEFAULT_CSS = """
    AssessmentChoice {
        height: auto;
        width: 1fr;
        padding: 0 1;
        background: $surface;
    }
    AssessmentChoice:focus {
        background: $boost;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "move(1)", "Next option", show=False),
        Binding("up", "move(-1)", "Previous option", show=False),
        Binding("home", "jump(0)", "First option", show=False),
        Binding("end", "jump(-1)", "Last option", show=False),
        Binding("space", "tick", "Tick / pick", show=False),
    ]

    cursor: reactive[int] = reactive(0)
    ticked: reactive[frozenset[int]] = reactive(frozenset[int]())

    class Changed(Message):
        """The answer changed, so the screen can recompute which questions apply."""

        def __init__(self, choice: AssessmentChoice) -> None:
            super().__init__()
            self.choice = choice

        @property
        def control(self) -> AssessmentChoice:
            """The widget, for ``on(..., selector)`` handlers."""
            return self.choice

    def __init__(
        self,
        labels: Sequence[str],
        *,
        keys: Sequence[str] = (),
        multiple: bool = False,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        """``keys`` are optional extra shortcut letters, one per label ('' for none)."""
        super().__init__(id=id, classes=classes)
        self.labels = list(labels)
        self.keys = list(keys) or [""] * len(self.labels)
        self.multiple = multiple

    # values --------------------------------------------------------------------
    @property
    def index(self) -> int:
        """The picked option (single choice): the highlighted one."""
        return self.cursor

    @index.setter
    def index(self, value: int) -> None:
        self.cursor = max(0, min(value, len(self.labels) - 1))

    @property
    def ticked_indexes(self) -> list[int]:
        """Ticked options in list order (checklist)."""
        return sorted(self.ticked)

    def set_ticked(self, indexes: Iterable[int]) -> None:
        """Replace the ticks, e.g. when a new assessment starts."""
        self.ticked = frozenset(i for i in indexes if 0 <= i < len(self.labels))

    def watch_cursor(self, old: int, new: int) -> None:
        """A single choice changes with the cursor; tell the screen."""
        if old != new and not self.multiple:
            self.post_message(self.Changed(self))

    def watch_ticked(self, old: frozenset[int], new: frozenset[int]) -> None:
        """Tell the screen a tick changed."""
        if old != new:
            self.post_message(self.Changed(self))

    # keys ------------------------------------------------------------------------
    def action_move(self, step: int) -> None:
        """Arrows move the highlight (and so the answer, for a single choice)."""
        self.cursor = (self.cursor + step) % len(self.labels)

    def action_jump(self, where: int) -> None:
        """Home/End."""
        self.cursor = where % len(self.labels)

    def action_tick(self) -> None:
        """Space ticks or unticks the highlighted item of a checklist."""
        if self.multiple:
            self._toggle(self.cursor)

    def _toggle(self, position: int) -> None:
        self.ticked = self.ticked ^ {position}

    def _shortcut(self, character: str | None) -> int | None:
        """The option a typed number (1..n) or letter stands for."""
        if character is None:
            return None
        if character.isdigit() and 1 <= int(character) <= len(self.labels):
            return int(character) - 1
        for position, key in enumerate(self.keys):
            if key and key == character:
                return position
        return None

    def check_consume_key(self, key: str, character: str | None) -> bool:
        """Only our numbers and letters are ours; everything else reaches the bindings."""
        return self._shortcut(character) is not None

    async def _on_key(self, event: events.Key) -> None:
        """A number picks that option (or ticks it, in a checklist)."""
        position = self._shortcut(event.character)
        if position is None:
            return
        event.stop()
        event.prevent_default()
        self.cursor = position
        if self.multiple:
            self._toggle(position)

    def _lines(self, width: int) -> list[tuple[int, str]]:
        """(option, text) per screen line; long labels wrap under their own text."""
        lines: list[tuple[int, str]] = []
        for position, label in enumerate(self.labels):
            if self.multiple:
                mark = "[x]" if position in self.ticked else "[ ]"
            else:
                mark = "(•)" if position == self.cursor else "( )"
            prefix = f"{position + 1}. {mark} "
            wrapped = textwrap.wrap(label, max(10, width - len(prefix))) or [""]
            lines.append((position, prefix + wrapped[0]))
            lines += [(position, " " * len(prefix) + rest) for rest in wrapped[1:]]
        return lines

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """One line per wrapped label line."""
        return len(self._lines(width))

    def render(self) -> Content:
        """Numbered options with a hanging indent; the highlight follows the cursor."""
        focused = self.has_focus
        rendered: list[Content] = []
        for position, text in self._lines(self.content_size.width):
            if position == self.cursor:
                style = "bold reverse $accent" if focused else "bold $accent"
                rendered.append(Content.styled(text.ljust(self.content_size.width), style))
            elif self.multiple and position in self.ticked:
                rendered.append(Content.styled(text, "bold $warning"))
            else:
                rendered.append(Content(text))
        return Content("\n").join(rendered)

    def on_focus(self) -> None:
        """Repaint so the highlight shows focus."""
        self.refresh()

    def on_blur(self) -> None:
        """Repaint without the focus highlight."""
        self.refresh()
