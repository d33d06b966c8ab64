"""The key bar never cuts a key off (issue 14, item 4).

At 80x24 and 100x30 every section shows `? Help` and `q Quit`; no line is wider
than the screen; a key left out for lack of room is listed in the section's help.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from achilles_tui.storage.demo import make_demo_history
from achilles_tui.ui.help_text import help_markdown
from achilles_tui.ui.sections import SECTIONS
from achilles_tui.ui.widgets.key_bar import KeyBar, KeyItem, fit
from tests.conftest import FROZEN_NOW
from tests.ui.helpers import app_for, prepared_history


def _words(lines: list[list[KeyItem]]) -> list[str]:
    return [item.label for line in lines for item in line]


def test_fit_wraps_at_whole_keys() -> None:
    items = [KeyItem("a", "Alpha"), KeyItem("b", "Beta"), KeyItem("q", "Quit", pinned=True)]
    lines = fit(items, width=16)
    assert [[i.label for i in line] for line in lines] == [["Alpha", "Beta"], ["Quit"]]


def test_fit_leaves_out_the_lowest_rank_first_and_never_a_pinned_key() -> None:
    items = [
        KeyItem("x", "Important", rank=5),
        KeyItem("p", "palette", rank=0),
        KeyItem("l", "Learn", rank=1),
        KeyItem("?", "Help", pinned=True),
        KeyItem("q", "Quit", pinned=True),
    ]
    assert _words(fit(items, width=30, max_lines=1)) == ["Important", "Help", "Quit"]
    assert _words(fit(items, width=12, max_lines=1)) == ["Help", "Quit"]


@pytest.mark.parametrize("size", [(80, 24), (100, 30)], ids=["80x24", "100x30"])
@pytest.mark.parametrize("section", SECTIONS, ids=[s.mode for s in SECTIONS])
async def test_every_section_shows_help_and_quit_whole(
    tmp_path: Path, section: object, size: tuple[int, int]
) -> None:
    make_demo_history(tmp_path, FROZEN_NOW.date())
    prepared_history(tmp_path)
    app = app_for(tmp_path)
    async with app.run_test(size=size) as pilot:
        await pilot.press(section.key)  # type: ignore[attr-defined]
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)
        text = str(bar.render())
        lines = text.splitlines()
        assert 1 <= len(lines) <= 2
        assert all(len(line) <= size[0] for line in lines), lines
        assert "? Help" in text and "q Quit" in text
        assert "…" not in text
        help_page = help_markdown(app.current_mode, "x").lower()
        left_out = [i for i in bar.items(app.screen) if f"{i.key} {i.label}" not in text]
        for item in left_out:
            key = item.key.lower().replace("^", "ctrl+")
            assert f"`{key}`" in help_page or f"`{key} " in help_page, item


async def test_the_running_timer_keeps_help_and_q_in_sight_at_80x24(tmp_path: Path) -> None:
    """In the timer q ends early (after asking); it says so, and is never left out."""
    from tests.ui.session_support import FakeMonotonic, history_with_plan, session_app

    history_with_plan(tmp_path, legs=1)
    app = session_app(tmp_path, FakeMonotonic())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s", "enter")
        await pilot.pause()
        text = str(app.screen.query_one(KeyBar).render())
        assert "q End early" in text and "? Help" in text
        assert "space Pause/resume" in text and "x Hurts >5/10" in text
