"""A line of text in the block font, as large as the widget's size allows.

Far mode's countdown and phase word: someone on a step a metre or two away reads
them, so they fill whatever room the layout gives. The blocks take the CSS
``color``, so a theme or a phase class colours them like any other text.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from achilles_tui.ui.widgets.block_font import render_big


class BigText(Widget):
    """Draws ``text`` in the block font, centred; recomputed only when text or size change."""

    DEFAULT_CSS = """
    BigText {
        width: 1fr;
        height: 1fr;
        content-align: center middle;
        text-align: center;
    }
    """

    text: reactive[str] = reactive("")
    """The plain text shown (what a test or a screen reader would read)."""

    def __init__(
        self,
        text: str = "",
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.set_reactive(BigText.text, text)
        self._strips_key: tuple[str, int, int] | None = None
        self._strips: list[Strip] = []

    def update(self, text: str) -> None:
        """Show new text; an unchanged text costs no repaint."""
        self.text = text

    @property
    def lines(self) -> list[str]:
        """The block-font lines for the current content size (what render draws)."""
        size = self.content_size
        return render_big(self.text, size.width, size.height)

    def render_line(self, y: int) -> Strip:
        """One row of the centred block, from strips built once per text, size and colour.

        Drawing the lines as strips (not as markup to lay out again) keeps the repaint
        every second cheap: far mode counts down for minutes on end.
        """
        size = self.content_size
        key = (self.text, size.width, size.height)
        if key != self._strips_key:
            self._strips_key = key
            self._strips = self._build_strips(size.width, size.height, self.rich_style)
        return self._strips[y] if 0 <= y < len(self._strips) else Strip.blank(size.width)

    def notify_style_update(self) -> None:
        """A new colour (the phase changed, or the theme): build the strips again."""
        self._strips_key = None
        super().notify_style_update()

    def _build_strips(self, width: int, height: int, style: Style) -> list[Strip]:
        lines = render_big(self.text, width, height)
        top = max(0, (height - len(lines)) // 2)
        blank = Strip.blank(width, style)
        strips = [blank] * height
        for row, line in enumerate(lines[: max(0, height - top)]):
            left = max(0, (width - len(line)) // 2)
            text = (" " * left + line).ljust(width)[:width]
            strips[top + row] = Strip([Segment(text, style)], width)
        return strips
