"""Text whose wrapped lines keep their indent (a hanging indent), for cards and notes.

Textual wraps a long line back to the first column, so on a narrow terminal a card's
"  Press r to resume ..." went on under its heading, and a heading's second line under
its label. ``HangingText`` wraps each line itself: the continuation of a line starts at
the column given for it (the text after a card's label, or a line's own indent plus two).
Its ``str()`` is the unwrapped text, as a ``Content``'s is.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual

LABEL_GAP = "  "
"""A card's heading: a bold label, two spaces, then the text (``Plan  version 3, ...``)."""
HANG = 2
"""Extra indent of an indented line's continuation."""


def _break_points(text: str, first: int, rest: int) -> list[int]:
    """Offsets at which ``text`` is cut so its first piece fits ``first`` cells and the
    others ``rest`` cells, at spaces where possible (a word too long is cut where it must)."""
    cuts: list[int] = []
    start = 0
    room = max(first, 1)
    while cell_len(text[start:]) > room:
        end = start
        used = 0
        last_space = -1
        while end < len(text):
            width = cell_len(text[end])
            if used + width > room:
                break
            if text[end] == " ":
                last_space = end
            used += width
            end += 1
        if end < len(text) and text[end] == " ":
            last_space = end
        cut = last_space if last_space > start else end
        cut = max(cut, start + 1)
        # The next piece starts after the spaces at the cut.
        while cut < len(text) and text[cut] == " ":
            cut += 1
        cuts.append(cut)
        start = cut
        room = max(rest, 1)
    return cuts


class HangingText(Visual):
    """Lines of text, each with the column its wrapped continuation starts at."""

    def __init__(self, lines: Sequence[tuple[Content, int]]) -> None:
        self.lines = tuple(lines)
        self._cache: tuple[int, Content] | None = None

    @classmethod
    def from_markup(cls, markup: str, *, label: str | None = None) -> HangingText:
        """Markup split into lines: an indented line hangs two columns further in; the first
        line hangs under the text after ``label`` (the card's bold heading) when it has one."""
        lines: list[tuple[Content, int]] = []
        for index, line in enumerate(Content.from_markup(markup).split(allow_blank=True)):
            plain = line.plain
            indent = len(plain) - len(plain.lstrip(" "))
            if index == 0 and label is not None and plain.startswith(label + LABEL_GAP):
                hang = cell_len(label + LABEL_GAP)
            else:
                hang = indent + HANG if indent else 0
            lines.append((line, hang))
        return cls(lines)

    @classmethod
    def of_lines(cls, lines: Sequence[Content]) -> HangingText:
        """Lines as given; a '• ' line wraps under its words, an indented one two further in."""
        hung: list[tuple[Content, int]] = []
        for line in lines:
            plain = line.plain
            indent = len(plain) - len(plain.lstrip(" "))
            if plain[indent:].startswith("• "):
                hung.append((line, indent + 2))
            else:
                hung.append((line, indent + HANG if indent else 0))
        return cls(hung)

    def __str__(self) -> str:
        return "\n".join(line.plain for line, _hang in self.lines)

    def wrapped(self, width: int) -> Content:
        """The text cut to ``width`` columns, continuations indented."""
        if self._cache is not None and self._cache[0] == width:
            return self._cache[1]
        out: list[Content] = []
        for line, hang in self.lines:
            hang = hang if hang < width // 2 else 0  # a narrow box: no room to hang
            line = line.rstrip()
            cuts = _break_points(line.plain, width, width - hang)
            pieces = line.divide(cuts) if cuts else [line]
            out.append(pieces[0].rstrip())
            out += [Content(" " * hang) + piece.rstrip() for piece in pieces[1:]]
        text = Content("\n").join(out)
        self._cache = (width, text)
        return text

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        return self.wrapped(width).render_strips(width, height, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return max((line.cell_length for line, _hang in self.lines), default=0)

    def get_minimal_width(self, rules: RulesMap) -> int:
        return 1

    def get_height(self, rules: RulesMap, width: int) -> int:
        return len(self.wrapped(width).split(allow_blank=True))
