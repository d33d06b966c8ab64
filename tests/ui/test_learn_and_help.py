"""Learn pages and per-section help stay reachable and true to the keys."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Markdown

from achilles_tui.domain.rules import RULES
from achilles_tui.ui.help_text import SECTION_HELP, help_markdown
from achilles_tui.ui.learn_text import LEARN_TOPICS
from achilles_tui.ui.sections import SECTIONS
from tests.ui.helpers import app_for, prepared_history


@pytest.mark.parametrize("section", ["session", "assessment", "today"])
async def test_f2_opens_learn_from_any_section(data_dir: Path, section: str) -> None:
    prepared_history(data_dir)
    app = app_for(data_dir)
    key = next(s.key for s in SECTIONS if s.mode == section)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(key, "f2")
        await pilot.pause()
        assert type(app.screen).__name__ == "LearnScreen"
        await pilot.press("3")
        await pilot.pause()
        assert "24-hour" in app.screen.query_one("#learn-text", Markdown).source
        await pilot.press("escape")
        await pilot.pause()
        assert app.current_mode == section


def test_every_rule_id_named_in_learn_pages_exists() -> None:
    import re

    for title, text in LEARN_TOPICS.values():
        ids = re.findall(r"\b(?:POS|DOSE|MON|PROG|RF|ELIG|START)-[A-Z0-9-]+\b", text)
        assert ids, f"{title} names no rule"
        for rule_id in ids:
            assert rule_id in RULES, f"{title} names unknown rule {rule_id}"


def test_help_lists_each_sections_own_keys() -> None:
    from achilles_tui.ui.screens.session import SessionScreen

    for binding in SessionScreen.BINDINGS:
        key = binding.key.split(",")[0]  # type: ignore[union-attr]
        shown = {"enter": "Enter", "space": "Space", "escape": "Esc"}.get(key, key)
        assert f"`{shown}`" in SECTION_HELP["session"], key
    for section in SECTIONS:
        assert f"# {section.title}" in help_markdown(section.mode, "/data/history.json")
