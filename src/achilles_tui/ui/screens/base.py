"""Shared frame for the main sections: header, body, footer, and the repository."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Header

from achilles_tui.ui.context import AchillesContext, context_of
from achilles_tui.ui.sections import SECTION_BY_MODE
from achilles_tui.ui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from achilles_tui.storage.repository import Repository


class SectionScreen(Screen[None]):
    """A main section; gets the repository handed in and never opens files itself."""

    MODE: ClassVar[str] = "today"

    def __init__(self, repo: Repository) -> None:
        super().__init__()
        self.repo = repo
        self._refresh_pending = False
        self._shown_key: tuple[int, object] | None = None
        self.title = SECTION_BY_MODE[self.MODE].title

    @property
    def achilles(self) -> AchillesContext:
        """The app's clock, settings and history."""
        return context_of(self.app)

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        yield from self.compose_body()
        yield KeyBar()

    def compose_body(self) -> ComposeResult:
        """The section's own widgets."""
        yield from ()

    def on_screen_resume(self) -> None:
        """Sections re-read what they show when the user comes back to them.

        Textual can send two resume events when a mode opens; one read serves both.
        """
        if not self._refresh_pending:
            self._refresh_pending = True
            self.call_later(self._refresh_now)

    def _refresh_now(self) -> None:
        """Re-read only if something was saved (or the day changed) since the last read."""
        self._refresh_pending = False
        if not self.is_attached:
            return  # the app is closing (or the screen was dropped): nothing left to show
        key = (self.repo.revision, self.achilles.today())
        if key == self._shown_key:
            return
        self._shown_key = key
        self.refresh_data()

    def refresh_data(self) -> None:
        """Override to re-read from the repository."""
