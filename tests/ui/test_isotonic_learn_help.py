"""Learn pages on heel raises and the heel-raise test; help lists the new keys."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Markdown

from achilles_tui.ui.help_text import SECTION_HELP, heel_raise_test_help
from achilles_tui.ui.learn_text import LEARN_TOPICS
from achilles_tui.ui.screens.heel_raise_test import HeelRaiseTestScreen
from tests.ui.helpers import app_for
from tests.ui.test_isotonic_support import GOOD_WEEK, isotonic_history

KEY_WORDS = {
    "enter": "Enter",
    "space": "Space",
    "escape": "Esc",
    "question_mark": "?",
    "f2": "F2",
    "up": "+",
    "down": "-",
    "x": "x",
}


@pytest.mark.parametrize(
    ("topic", "facts"),
    [
        (
            "heel-raises",
            ["floor", "step", "bursa", "rupture", "3/0/3", "every set", "5/10"],
        ),
        ("hr-test", ["every two seconds", "other side goes first", "hopping", "running"]),
    ],
)
def test_learn_pages_on_heel_raises(topic: str, facts: list[str]) -> None:
    _title, text = LEARN_TOPICS[topic]
    for fact in facts:
        assert fact in text, fact


async def test_learn_pages_open_by_number(data_dir: Path) -> None:
    isotonic_history(data_dir, level="T7")
    async with app_for(data_dir).run_test(size=(80, 24)) as pilot:
        await pilot.press("f2", "6")
        await pilot.pause()
        assert "## Heel raises" in pilot.app.screen.query_one("#learn-text", Markdown).source
        await pilot.press("7")
        await pilot.pause()
        source = pilot.app.screen.query_one("#learn-text", Markdown).source
        assert "## The heel-raise test" in source


async def test_f2_in_the_test_opens_the_test_page(data_dir: Path) -> None:
    isotonic_history(data_dir, level="T7", session_days=GOOD_WEEK)
    async with app_for(data_dir).run_test(size=(80, 24)) as pilot:
        await pilot.press("g", "f2")
        await pilot.pause()
        source = pilot.app.screen.query_one("#learn-text", Markdown).source
        assert "## The heel-raise test" in source


def test_heel_raise_test_help_lists_every_key() -> None:
    text = heel_raise_test_help()
    for binding in HeelRaiseTestScreen.BINDINGS:
        key = binding.key.split(",")[0]  # type: ignore[union-attr]
        assert f"`{KEY_WORDS.get(key, key)}`" in text, key


def test_section_help_names_the_new_keys_and_views() -> None:
    assert "`g`" in SECTION_HELP["today"] and "MON-ISOT-HR-TEST" in SECTION_HELP["today"]
    assert "`g`" in SECTION_HELP["progress"] and "PROG-ISOT-MILESTONE" in SECTION_HELP["progress"]
    assert "Sets column" in SECTION_HELP["history"] and "raises x kg" in SECTION_HELP["history"]
    assert "heel raises instead" in SECTION_HELP["assessment"]
