"""What screens may ask of the app: the open history, the clock and the settings.

Screens type ``self.app`` with this protocol instead of importing the app module, so the app
(which imports screens) and the screens never import each other.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol, cast

if TYPE_CHECKING:
    from textual.app import App

    from achilles_tui.domain.models import Settings
    from achilles_tui.storage.repository import Repository
    from achilles_tui.ui.session_sound import PlayerFactory


class AchillesContext(Protocol):
    """The app's services, as screens and modals see them."""

    repo: Repository | None
    settings: Settings
    monotonic: Callable[[], float]
    demo: bool
    cue_player_factory: PlayerFactory | None
    sound_notice_given: bool

    def now(self) -> dt.datetime:
        """Wall-clock time from the injected clock."""
        ...

    def today(self) -> dt.date:
        """The date entries are filed under."""
        ...

    def save_settings(self, **changes: Any) -> None:
        """Persist a preference change."""
        ...

    def accept_disclaimer(self) -> None:
        """Remember that the first-run note was read."""
        ...


def context_of(app: App[Any]) -> AchillesContext:
    """The app as its services (every screen runs inside an AchillesApp)."""
    return cast(AchillesContext, app)
