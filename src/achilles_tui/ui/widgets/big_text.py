"""A line of text in the block font, as large as the widget's size allows.

Far mode's countdown and phase word: someone on a step a metre or two away reads
them, so they fill whatever room the layout gives. The blocks take the CSS
``color``, so a theme or a phase class colours them like any other text.
"""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
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
        self._drawn_key: tuple[str, int, int] | None = None
        self._drawn: Content = Content()

    def update(self, text: str) -> None:
        """Show new text; an unchanged text costs no repaint."""
        self.text = text

    @property
    def lines(self) -> list[str]:
        """The block-font lines for the current content size (what render draws)."""
        size = self.content_size
        return render_big(self.text, size.width, size.height)

    def render(self) -> Content:
        """The block lines as one centred block, built again only for a new text or size."""
        size = self.content_size
        key = (self.text, size.width, size.height)
        if key != self._drawn_key:
            self._drawn_key = key
            self._drawn = Content("\n".join(render_big(*key)))
        return self._drawn
