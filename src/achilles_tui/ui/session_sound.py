"""The session's sound, in the way the person chose: spoken words, tones, the bell, or none.

Voice and tones go through the speakers: the cues of the current phase are planned
ahead against the timer's deadlines and handed to a player on its own audio thread, so
a busy screen never makes a cue late. The bell rings on the timer's events. Whatever
the mode, a failure to open a sound device falls back to the bell with one notice per
run, never a traceback.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Protocol

from achilles_tui.domain.cues import Cue, plan_cues
from achilles_tui.domain.timer import Event, SessionTimer, cue_for

if TYPE_CHECKING:
    from array import array

    from textual.app import App
    from textual.widget import Widget

AUDIO_ENV = "ACHILLES_TUI_AUDIO"
"""`device` (default), `null` (miniaudio's silent device: tests, benchmarks) or `none`."""
SOUND_WORDS = {
    "voice": "spoken cues",
    "tones": "tones",
    "bell": "terminal bell",
    "off": "off",
}
WEB_NOTE = (
    "In the browser the session makes no sound: follow the far-mode countdown and the flashes."
)
NO_DEVICE_NOTICE = "No sound device found: the terminal bell rings instead."
"""What the session says, once, when the speakers cannot be opened (the detail goes to the log)."""
NO_SOUND_NOTICE = "The sound could not start: the terminal bell rings instead."
"""The same when the sound files or modules are missing (a broken install)."""


class Player(Protocol):
    """What the session needs of a cue player (audio.player.CuePlayer, or a test's fake)."""

    def start(self) -> None: ...
    def schedule(self, cues: list[Cue]) -> None: ...
    def cancel(self) -> None: ...
    def set_volume(self, volume: float) -> None: ...
    def close(self) -> None: ...


PlayerFactory = Callable[[Mapping[str, "array[int]"], Callable[[], float], float], Player]


def default_player(
    clips: Mapping[str, array[int]], clock: Callable[[], float], volume: float
) -> Player:
    """The real speakers, or miniaudio's silent device when ACHILLES_TUI_AUDIO=null."""
    from achilles_tui.audio.device import AudioUnavailable
    from achilles_tui.audio.player import CuePlayer

    choice = os.environ.get(AUDIO_ENV, "device")
    if choice == "none":
        raise AudioUnavailable(f"sound output is turned off ({AUDIO_ENV}=none)")
    return CuePlayer(clips, clock, null_device=choice == "null", volume=volume)


def load_clips(mode: str) -> dict[str, array[int]]:
    """The voice recordings or the generated tones."""
    if mode == "voice":
        from achilles_tui.storage.sound_clips import load_voice_clips

        return dict(load_voice_clips())
    from achilles_tui.audio.tones import make_tones

    return dict(make_tones())


class SessionSound:
    """One session's sound: open the player, re-plan on every phase change, ring or flash."""

    def __init__(
        self,
        app: App[Any],
        flash_target: Widget,
        mode: str,
        volume: int,
        clock: Callable[[], float],
        factory: PlayerFactory | None = None,
    ) -> None:
        self.app = app
        self.flash_target = flash_target
        self.mode = mode
        self.clock = clock
        self.factory = factory or default_player
        self.player: Player | None = None
        self.durations: dict[str, float] = {}
        self.problem: str | None = None
        """Why the speakers are not used, in full (for the log); None when they are."""
        self.notice: str | None = None
        """The one plain line the screen shows about it; None when the sound works."""
        self._volume = volume
        if app.is_web:
            self.mode = "off"  # the server's speakers are not the person's
        elif mode in ("voice", "tones"):
            self._open(mode)

    def _open(self, mode: str) -> None:
        """Open the speakers; any failure leaves the bell, said once per run."""
        try:
            from achilles_tui.audio.device import AudioUnavailable
            from achilles_tui.storage.sound_clips import ClipsUnavailable
        except ImportError as exc:  # a broken install: say so, keep the session going
            self.problem = f"the sound modules could not be loaded ({exc})"
            self.notice = NO_SOUND_NOTICE
            self.mode = "bell"
            return
        try:
            clips = load_clips(mode)
            player = self.factory(clips, self.clock, self._volume / 100)
            player.start()
        except (AudioUnavailable, ClipsUnavailable) as exc:
            self.problem = str(exc)
            self.notice = NO_DEVICE_NOTICE if isinstance(exc, AudioUnavailable) else NO_SOUND_NOTICE
            self.mode = "bell"
            return
        self.player = player
        from achilles_tui.audio.player import SAMPLE_RATE

        self.durations = {name: len(samples) / SAMPLE_RATE for name, samples in clips.items()}

    def plan(self, timer: SessionTimer) -> None:
        """Hand the player the cues from now to the start of the next phase."""
        if self.player is not None:
            self.player.schedule(plan_cues(timer, self.durations))

    def quiet(self) -> None:
        """Stop what is playing and drop what is planned (pause, end)."""
        if self.player is not None:
            self.player.cancel()

    def on_event(self, event: Event) -> None:
        """The bell on the timer's events when that is the mode; a flash always."""
        from achilles_tui.ui.cues import play_cue

        cue = cue_for(event)
        if cue is not None:
            target = getattr(self.flash_target, "active_view", self.flash_target)
            play_cue(self.app, target, cue, sound=self.mode == "bell")

    def set_volume(self, volume: int) -> None:
        """Louder or quieter from the next sample on."""
        self._volume = volume
        if self.player is not None:
            self.player.set_volume(volume / 100)

    def close(self) -> None:
        """Release the sound device (the session is over)."""
        if self.player is not None:
            self.player.close()
            self.player = None
