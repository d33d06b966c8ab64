"""Typed-ahead keys land where the focus is when their turn comes, not where it was.

Textual hands each key to the focused widget the moment the app reads it. Keys typed
in one burst ("1", Tab, "2") were all handed to Morning pain before its Tab had moved
the focus on, so "12" went into Morning pain; "2", "c", Enter in the session rating
saved before the "2" was in the field. ``KeyOrder`` hands keys over one at a time: a
``KeyPassed`` message follows each key along its path (the widget, its parents, the
screen, the app) and comes round a second time behind whatever the key's handling
posted (an Input's Submitted, a deferred focus); only then is the next key handed
over, to the widget that has focus by then. A key whose marker is lost (its widget was
removed) holds the others back for at most ``STALL_SECONDS``.
"""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING, Any

from textual import events
from textual.message import Message

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

    from textual.app import App
    from textual.message_pump import MessagePump
    from textual.timer import Timer

STALL_SECONDS = 0.5
LAPS = 2


class KeyPassed(Message, bubble=True):
    """Follows a key to the widget it was handed to and up to the app."""

    def __init__(self, target: MessagePump, lap: int) -> None:
        super().__init__()
        self.target = target
        self.lap = lap


class KeyOrder:
    """Holds keys that arrive while an earlier one is still being dealt with."""

    def __init__(self, app: App[Any], hand_over: Callable[[events.Key], Awaitable[None]]) -> None:
        self.app = app
        self._hand_over = hand_over
        self._waiting: deque[events.Key] = deque()
        self._in_flight: MessagePump | None = None
        self._watchdog: Timer | None = None

    @property
    def busy(self) -> bool:
        """An earlier key has not yet come back to the app."""
        return self._in_flight is not None

    def hold(self, key: events.Key) -> None:
        """Keep a key until the ones before it are dealt with."""
        self._waiting.append(key)
        if self._watchdog is None:
            self._watchdog = self.app.set_timer(STALL_SECONDS, self._stalled)

    def sent(self, target: MessagePump) -> None:
        """A key was handed to ``target``: follow it."""
        self._in_flight = target
        target.post_message(KeyPassed(target, 1))

    async def passed(self, message: KeyPassed) -> None:
        """The marker is back at the app: go round once more, or hand over the next key."""
        if message.target is not self._in_flight:
            return  # a marker of a key given up on (see _stalled)
        target = message.target
        if message.lap < LAPS and getattr(target, "is_attached", True) and target.is_running:
            target.post_message(KeyPassed(target, message.lap + 1))
            return
        await self._next()

    async def _next(self) -> None:
        """Hand over waiting keys until one of them is on its way."""
        self._in_flight = None
        while self._waiting and self._in_flight is None:
            await self._hand_over(self._waiting.popleft())
        if self._watchdog is not None:
            self._watchdog.stop()
            self._watchdog = None
        if self._waiting:
            self._watchdog = self.app.set_timer(STALL_SECONDS, self._stalled)

    async def _stalled(self) -> None:
        """A marker never came back (its widget went away): do not hold the keys for ever."""
        self._watchdog = None
        if self._in_flight is not None:
            await self._next()
