"""Far mode's block font: readable from a step across the room at any terminal size.

The countdown must be at least 9 rows tall at 80x24 and 20 rows at 200x60, every
digit must stay distinct and keep all its strokes when scaled, and a text too wide
for even the smallest blocks falls back to plain words rather than a cut-off drawing.
"""

from __future__ import annotations

import time

import pytest
from textual.app import App, ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from achilles_tui.ui.widgets.big_text import BigText
from achilles_tui.ui.widgets.block_font import (
    GLYPH_ROWS,
    MIN_ROWS,
    big_size,
    glyph,
    render_big,
    scaled_glyph,
)

BLOCKS = {" ": (False, False), "▀": (True, False), "▄": (False, True), "█": (True, True)}
PHASE_WORDS = "GET READY HOLD REST SWITCH NEXT DONE PAUSED UP DOWN TOP"
DIGITS = "0123456789"


def half_pixels(lines: list[str]) -> list[list[bool]]:
    """The drawing as a grid of half-row pixels (two a cell, upper first)."""
    pixels: list[list[bool]] = []
    for line in lines:
        assert set(line) <= set(BLOCKS), f"unexpected characters in {line!r}"
        pixels.append([BLOCKS[cell][0] for cell in line])
        pixels.append([BLOCKS[cell][1] for cell in line])
    return pixels


def sampled_back(lines: list[str], source_rows: int, source_cols: int) -> list[str]:
    """Each source pixel read at its centre in the scaled drawing: the bitmap it shows."""
    pixels = half_pixels(lines)
    height, width = len(pixels), len(pixels[0])
    return [
        "".join(
            "#"
            if pixels[(2 * row + 1) * height // (2 * source_rows)][
                (2 * col + 1) * width // (2 * source_cols)
            ]
            else " "
            for col in range(source_cols)
        )
        for row in range(source_rows)
    ]


def test_countdown_is_at_least_9_rows_at_80x24() -> None:
    lines = render_big("0:28", 76, 11)
    assert len(lines) >= 9
    assert all(len(line) <= 76 for line in lines)
    assert big_size("0:28", 76, 11) == (len(lines[0]), len(lines))


def test_countdown_is_at_least_20_rows_at_200x60() -> None:
    lines = render_big("0:28", 196, 30)
    assert len(lines) >= 20
    assert all(len(line) <= 196 for line in lines)


def test_the_tallest_size_that_fits_is_chosen() -> None:
    cols, rows = big_size("0:28", 76, 60)
    assert cols <= 76
    assert big_size("0:28", cols - 1, 60)[1] < rows, "a narrower room must give smaller digits"


@pytest.mark.parametrize(
    ("text", "width", "height"),
    [
        ("0:28", 76, 11),
        ("0:28", 196, 30),
        ("10:05", 80, 24),
        ("GET READY", 76, 5),
        ("SWITCH", 40, 9),
        ("1 · 2 - 3/4", 120, 13),
        ("DONE", 30, 4),
    ],
)
def test_every_line_has_the_same_length_within_the_box(text: str, width: int, height: int) -> None:
    lines = render_big(text, width, height)
    assert MIN_ROWS <= len(lines) <= height
    assert len({len(line) for line in lines}) == 1
    assert len(lines[0]) <= width
    assert any(line.strip() for line in lines)


def test_get_ready_fits_80_columns_at_4_to_5_rows() -> None:
    cols, rows = big_size("GET READY", 76, 5)
    assert rows == 5
    assert cols <= 76


@pytest.mark.parametrize("rows", [4, 9, 20])
def test_every_digit_is_distinct_after_scaling(rows: int) -> None:
    drawings = [tuple(render_big(digit, 500, rows)) for digit in DIGITS]
    assert all(len(drawing) == rows for drawing in drawings)
    assert len(set(drawings)) == len(DIGITS)


@pytest.mark.parametrize("rows", [4, 5, 9, 11, 20, 33])
@pytest.mark.parametrize("char", sorted(set(DIGITS + PHASE_WORDS + ":-/·")))
def test_no_stroke_vanishes_when_scaled(char: str, rows: int) -> None:
    """Sampling each source pixel's centre in the scaled glyph gives back the 5x7 bitmap."""
    source = glyph(char)
    lines = list(scaled_glyph(char, rows))
    assert len(lines) == rows
    assert len(lines[0]) >= len(source[0])
    assert sampled_back(lines, GLYPH_ROWS, len(source[0])) == list(source)


@pytest.mark.parametrize("letter", sorted(set(PHASE_WORDS) - {" "}))
def test_every_phase_letter_has_a_glyph(letter: str) -> None:
    assert glyph(letter) != glyph(" ")
    lines = render_big(letter, 80, 5)
    assert len(lines) == 5
    assert any(line.strip() for line in lines)


@pytest.mark.parametrize("word", PHASE_WORDS.split())
def test_phase_words_draw_large_in_80_columns(word: str) -> None:
    assert len(render_big(word, 76, 6)) == 6


def test_a_digit_ten_rows_tall_looks_like_a_digit() -> None:
    cols = len(scaled_glyph("8", 10)[0])
    assert 9 <= cols <= 13, "neither squashed nor stretched"


def test_text_too_wide_for_the_smallest_blocks_falls_back_to_one_plain_line() -> None:
    text = "GET READY TO SWITCH SIDES"
    assert render_big(text, 76, 11) == [text]
    assert big_size(text, 76, 11) == (len(text), 1)


def test_too_few_rows_fall_back_to_plain_text() -> None:
    assert MIN_ROWS == 4, "8 half rows are the fewest that keep all 7 source rows"
    assert render_big("0:28", 76, 3) == ["0:28"]
    assert render_big("0:28", 3, 11) == ["0:2"]
    assert render_big("", 76, 11) == []
    assert render_big("0:28", 0, 11) == []


def test_the_result_is_a_fresh_list_each_time() -> None:
    first = render_big("0:28", 76, 11)
    first.clear()
    assert len(render_big("0:28", 76, 11)) >= 9


def test_rendering_a_new_countdown_takes_well_under_a_millisecond() -> None:
    render_big("0:28", 200, 60)
    rows = big_size("0:28", 200, 60)[1]
    for char in DIGITS + ":":
        scaled_glyph(char, rows)
    timings = []
    for text in ("9:47", "6:35", "3:12", "8:50", "7:04"):
        start = time.perf_counter()
        lines = render_big(text, 200, 60)
        timings.append(time.perf_counter() - start)
        assert len(lines) == rows
    assert sorted(timings)[len(timings) // 2] < 0.001


class BigTextApp(App[None]):
    """The phase word and the countdown stacked, as far mode shows them."""

    CSS = """
    #far-phase { height: 1fr; }
    #far-digits { height: 3fr; color: red; }
    """

    def compose(self) -> ComposeResult:
        with Vertical():
            yield BigText("HOLD", id="far-phase")
            yield BigText("0:28", id="far-digits")
            yield Static("rep 2 of 5")


def shown_lines(widget: BigText) -> list[str]:
    """What the widget paints on screen, line by line."""
    return [widget.render_line(y).text for y in range(widget.size.height)]


async def test_big_text_fills_its_room_at_80x24() -> None:
    app = BigTextApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        digits = app.query_one("#far-digits", BigText)
        assert digits.text == "0:28"
        inked = [line for line in shown_lines(digits) if line.strip()]
        assert len(inked) >= 9
        assert all(set(line) <= set(BLOCKS) for line in inked)
        assert {"█", "▀", "▄"} <= set("".join(inked))
        # The block is centred: the margins either side differ by at most one column.
        left = min(len(line) - len(line.lstrip()) for line in inked)
        right = min(len(line) - len(line.rstrip()) for line in inked)
        assert abs(left - right) <= 1
        assert [line.strip() for line in inked] == [line.strip() for line in digits.lines]
        phase = app.query_one("#far-phase", BigText)
        assert MIN_ROWS <= len(phase.lines) < len(digits.lines)


async def test_big_text_repaints_on_update_and_takes_the_css_colour() -> None:
    app = BigTextApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        digits = app.query_one("#far-digits", BigText)
        before = shown_lines(digits)
        assert digits.render_line(3) is digits.render_line(3), "same text and size: cached"
        digits.update("0:27")
        await pilot.pause()
        assert digits.text == "0:27"
        after = shown_lines(digits)
        assert after != before
        assert [line.strip() for line in after if line.strip()] == [
            line.strip() for line in render_big("0:27", 80, digits.size.height)
        ]
        ink_colours = {
            segment.style.color.triplet.hex if segment.style and segment.style.color else None
            for y in range(digits.size.height)
            for segment in digits.render_line(y)
            if segment.text.strip()
        }
        assert ink_colours == {"#ff0000"}


class NarrowBigTextApp(App[None]):
    """A tall, narrow room: the word is small and must sit in the middle of it."""

    CSS = "BigText { width: 40; }"

    def compose(self) -> ComposeResult:
        yield BigText("HOLD")


async def test_big_text_centres_its_block_vertically() -> None:
    app = NarrowBigTextApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        word = app.query_one(BigText)
        shown = shown_lines(word)
        inked = [y for y, line in enumerate(shown) if line.strip()]
        assert len(inked) == len(word.lines) < len(shown)
        above, below = inked[0], len(shown) - 1 - inked[-1]
        assert above > 0
        assert abs(above - below) <= 1
