"""A 5x7 bitmap font drawn with half blocks and scaled to the room there is.

Far mode needs numbers readable from a step across the room: as tall as the
window allows, not Textual's fixed 3-row digits. Each terminal cell shows two
vertical pixels (upper and lower half), so a glyph scales in half-row steps.
Pure Python: no Textual, so it is cheap to test and to time.
"""

from __future__ import annotations

from functools import lru_cache

GLYPH_ROWS = 7
"""Rows of every source glyph."""

MIN_ROWS = 4
"""The smallest block size in terminal rows: 8 half rows keep all 7 source rows."""

PIXEL_ASPECT = 0.8
"""Width of a source pixel relative to a square one: a little narrow, to fit more digits."""

CELL_ASPECT = 2.0
"""A terminal cell is about twice as tall as it is wide."""

_FONT: dict[str, tuple[str, ...]] = {
    "0": (" ### ", "#   #", "#   #", "#   #", "#   #", "#   #", " ### "),
    "1": ("  #  ", " ##  ", "  #  ", "  #  ", "  #  ", "  #  ", " ### "),
    "2": (" ### ", "#   #", "    #", "   # ", "  #  ", " #   ", "#####"),
    "3": (" ### ", "#   #", "    #", "  ## ", "    #", "#   #", " ### "),
    "4": ("   # ", "  ## ", " # # ", "#  # ", "#####", "   # ", "   # "),
    "5": ("#####", "#    ", "#### ", "    #", "    #", "#   #", " ### "),
    "6": ("  ## ", " #   ", "#    ", "#### ", "#   #", "#   #", " ### "),
    "7": ("#####", "    #", "   # ", "  #  ", " #   ", " #   ", " #   "),
    "8": (" ### ", "#   #", "#   #", " ### ", "#   #", "#   #", " ### "),
    "9": (" ### ", "#   #", "#   #", " ####", "    #", "   # ", " ##  "),
    ":": ("  ", "##", "##", "  ", "##", "##", "  "),
    ".": ("  ", "  ", "  ", "  ", "  ", "##", "##"),
    "·": ("  ", "  ", "  ", "##", "  ", "  ", "  "),
    " ": ("   ", "   ", "   ", "   ", "   ", "   ", "   "),
    "-": ("    ", "    ", "    ", "####", "    ", "    ", "    "),
    "/": ("    #", "    #", "   # ", "  #  ", " #   ", "#    ", "#    "),
    "?": (" ### ", "#   #", "    #", "   # ", "  #  ", "     ", "  #  "),
    "A": (" ### ", "#   #", "#   #", "#   #", "#####", "#   #", "#   #"),
    "B": ("#### ", "#   #", "#   #", "#### ", "#   #", "#   #", "#### "),
    "C": (" ### ", "#   #", "#    ", "#    ", "#    ", "#   #", " ### "),
    "D": ("###  ", "#  # ", "#   #", "#   #", "#   #", "#  # ", "###  "),
    "E": ("#####", "#    ", "#    ", "#### ", "#    ", "#    ", "#####"),
    "F": ("#####", "#    ", "#    ", "#### ", "#    ", "#    ", "#    "),
    "G": (" ### ", "#   #", "#    ", "# ###", "#   #", "#   #", " ####"),
    "H": ("#   #", "#   #", "#   #", "#####", "#   #", "#   #", "#   #"),
    "I": ("###", " # ", " # ", " # ", " # ", " # ", "###"),
    "J": ("  ###", "   # ", "   # ", "   # ", "   # ", "#  # ", " ##  "),
    "K": ("#   #", "#  # ", "# #  ", "##   ", "# #  ", "#  # ", "#   #"),
    "L": ("#    ", "#    ", "#    ", "#    ", "#    ", "#    ", "#####"),
    "M": ("#   #", "## ##", "# # #", "# # #", "#   #", "#   #", "#   #"),
    "N": ("#   #", "#   #", "##  #", "# # #", "#  ##", "#   #", "#   #"),
    "O": (" ### ", "#   #", "#   #", "#   #", "#   #", "#   #", " ### "),
    "P": ("#### ", "#   #", "#   #", "#### ", "#    ", "#    ", "#    "),
    "Q": (" ### ", "#   #", "#   #", "#   #", "# # #", "#  # ", " ## #"),
    "R": ("#### ", "#   #", "#   #", "#### ", "# #  ", "#  # ", "#   #"),
    "S": (" ####", "#    ", "#    ", " ### ", "    #", "    #", "#### "),
    "T": ("#####", "  #  ", "  #  ", "  #  ", "  #  ", "  #  ", "  #  "),
    "U": ("#   #", "#   #", "#   #", "#   #", "#   #", "#   #", " ### "),
    "V": ("#   #", "#   #", "#   #", "#   #", "#   #", " # # ", "  #  "),
    "W": ("#   #", "#   #", "#   #", "# # #", "# # #", "# # #", " # # "),
    "X": ("#   #", "#   #", " # # ", "  #  ", " # # ", "#   #", "#   #"),
    "Y": ("#   #", "#   #", " # # ", "  #  ", "  #  ", "  #  ", "  #  "),
    "Z": ("#####", "    #", "   # ", "  #  ", " #   ", "#    ", "#####"),
}
_HALVES = {(False, False): " ", (True, False): "▀", (False, True): "▄", (True, True): "█"}


def glyph(char: str) -> tuple[str, ...]:
    """The 5x7 source bitmap of a character ('#' is ink); unknown ones draw as a space."""
    return _FONT.get(char.upper(), _FONT[" "])


def _pixel_cols(rows: int) -> float:
    """Columns one source pixel takes when the glyph is ``rows`` terminal rows tall."""
    return rows * CELL_ASPECT / GLYPH_ROWS * PIXEL_ASPECT


@lru_cache(maxsize=1024)
def glyph_cols(char: str, rows: int) -> int:
    """Width of one scaled glyph; never narrower than its source, so no column is lost."""
    source_cols = len(glyph(char)[0])
    return max(source_cols, round(source_cols * _pixel_cols(rows)))


def gap_cols(rows: int) -> int:
    """The space between two glyphs: about one scaled source pixel."""
    return max(1, round(_pixel_cols(rows)))


def big_width(text: str, rows: int) -> int:
    """Columns the text takes when drawn ``rows`` terminal rows tall."""
    if not text:
        return 0
    return sum(glyph_cols(char, rows) for char in text) + gap_cols(rows) * (len(text) - 1)


def big_size(text: str, width: int, height: int) -> tuple[int, int]:
    """The (cols, rows) render_big uses: the tallest block that fits, else one plain line."""
    if not text or width <= 0 or height <= 0:
        return (0, 0)
    for rows in range(height, MIN_ROWS - 1, -1):
        cols = big_width(text, rows)
        if cols <= width:
            return (cols, rows)
    return (min(len(text), width), 1)


@lru_cache(maxsize=1024)
def scaled_glyph(char: str, rows: int) -> tuple[str, ...]:
    """One glyph ``rows`` terminal rows tall, nearest-neighbour sampled in half rows."""
    source = glyph(char)
    source_cols = len(source[0])
    cols = glyph_cols(char, rows)
    halves = rows * 2
    # Sample at each output pixel's centre: strokes come out symmetric about the middle.
    source_row = [(2 * half + 1) * GLYPH_ROWS // (2 * halves) for half in range(halves)]
    source_col = [(2 * col + 1) * source_cols // (2 * cols) for col in range(cols)]
    ink = [[line[col] == "#" for col in source_col] for line in source]
    # Each cell row pairs two source rows; the same pair recurs often at large sizes.
    pairs: dict[tuple[int, int], str] = {}
    lines = []
    for row in range(rows):
        pair = (source_row[2 * row], source_row[2 * row + 1])
        if pair not in pairs:
            upper, lower = ink[pair[0]], ink[pair[1]]
            pairs[pair] = "".join(_HALVES[cell] for cell in zip(upper, lower, strict=True))
        lines.append(pairs[pair])
    return tuple(lines)


@lru_cache(maxsize=256)
def _render(text: str, width: int, height: int) -> tuple[str, ...]:
    """render_big's cached result; a tuple so no caller can change what the cache holds."""
    cols, rows = big_size(text, width, height)
    if rows == 0:
        return ()
    if rows < MIN_ROWS:
        return (text[:cols],)
    gap = " " * gap_cols(rows)
    glyphs = [scaled_glyph(char, rows) for char in text]
    return tuple(gap.join(scaled[row] for scaled in glyphs) for row in range(rows))


def render_big(text: str, width: int, height: int) -> list[str]:
    """The text as large as fits in width x height cells, or plain on one line if nothing fits.

    Every line has the same length (at most ``width``), so the lines centre as one block.
    """
    return list(_render(text, width, height))
