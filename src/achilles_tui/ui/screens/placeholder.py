"""A section that is not built yet says so, and how it will be used. No fake data."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from achilles_tui.ui.screens.base import SectionScreen


class PlaceholderSection(SectionScreen):
    """Plain statement that the section is coming, with what it will do."""

    PLANNED: ClassVar[str] = ""

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="body"):
            yield Static(f"[b]{self.title}[/b] is not built yet.", classes="section-title")
            yield Static(self.PLANNED, classes="planned")
            yield Static(
                "Nothing here is stored or changed. Press [b]t[/b] to go back to Today, "
                "[b]?[/b] for help.",
                classes="hint",
            )
