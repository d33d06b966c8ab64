"""Helpers for the SVG snapshot tests: what to do before the picture, and the picture's rows."""

from __future__ import annotations

import asyncio
import html
import re
from collections.abc import Awaitable, Callable

from textual.pilot import Pilot

from tests.ui.session_support import FakeMonotonic

RunBefore = Callable[[Pilot[None]], Awaitable[None]]


def press(*keys: str) -> RunBefore:
    """Press ``keys`` one at a time, letting the app settle before and after each."""

    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()

    return run_before


def moved_on(
    clock: FakeMonotonic, seconds: float, *keys: str, tick: str = "_tick", settle: float = 0.0
) -> RunBefore:
    """Press ``keys``, move the hand-driven clock on ``seconds`` and let the screen catch up.

    ``tick`` names the screen's repaint method; ``settle`` waits that many real seconds
    more (for a cue's flash to fade, so the picture is stable).
    """
    pressed = press(*keys)

    async def run_before(pilot: Pilot[None]) -> None:
        await pressed(pilot)
        clock.advance(seconds)
        getattr(pilot.app.screen, tick)()
        await pilot.pause()
        if settle:
            await asyncio.sleep(settle)
            await pilot.pause()

    return run_before


def svg_rows(svg: str) -> list[str]:
    """The text of a snapshot row by row, top to bottom, spaces restored."""
    rows: dict[float, list[str]] = {}
    for match in re.finditer(r'<text[^>]*?y="([\d.]+)"[^>]*?>(.*?)</text>', svg):
        text = html.unescape(re.sub("<[^>]+>", "", match.group(2))).replace("\xa0", " ")
        rows.setdefault(float(match.group(1)), []).append(text)
    return ["".join(rows[y]).rstrip() for y in sorted(rows)]
