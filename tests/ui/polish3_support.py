"""The screen as a grid of text, each character in its column (SVG snapshots drop the gaps)."""

from __future__ import annotations

import html
import re

from textual.app import App

CELL = 12.2
"""The width of one terminal cell in Textual's SVG export."""


def screen_lines(app: App[object]) -> list[str]:
    """Every row of the screen as text, gaps kept as spaces, so columns can be compared."""
    width, height = app.size
    grid = [[" "] * width for _ in range(height)]
    svg = app.export_screenshot()
    pattern = r'<text[^>]*?x="([\d.]+)"[^>]*?clip-path="url\(#[^)]*-line-(\d+)\)"[^>]*>(.*?)</text>'
    for match in re.finditer(pattern, svg):
        column = round(float(match.group(1)) / CELL)
        row = int(match.group(2))
        text = html.unescape(re.sub("<[^>]+>", "", match.group(3))).replace("\xa0", " ")
        for offset, char in enumerate(text):
            if 0 <= row < height and 0 <= column + offset < width:
                grid[row][column + offset] = char
    return ["".join(line).rstrip() for line in grid]
