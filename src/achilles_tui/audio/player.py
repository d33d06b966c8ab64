"""What the session screen talks to: a cue player on the speakers, or a silent recording one.

Importing this module does not load miniaudio (that happens in ``start``), so the
session screen can import it freely.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Mapping, Sequence

from achilles_tui.audio.device import AudioUnavailable, Output, open_output
from achilles_tui.audio.mixer import Mixer, Started
from achilles_tui.domain.cues import Cue

SAMPLE_RATE = 16000


class _MixerViews:
    """What both players report, read from their mixer's bookkeeping."""

    _mixer: Mixer

    @property
    def started(self) -> list[Started]:
        """The cues that began to play, with how late each was."""
        return self._mixer.started

    @property
    def dropped(self) -> list[Cue]:
        """Cues that came too late to be worth playing."""
        return self._mixer.dropped

    @property
    def missing(self) -> list[Cue]:
        """Cues whose clip was not in the set."""
        return self._mixer.missing


class CuePlayer(_MixerViews):
    """Plays planned cues on the speakers, each on its time, none twice."""

    def __init__(
        self,
        clips: Mapping[str, array[int]],
        clock: Callable[[], float],
        *,
        null_device: bool = False,
        volume: float = 1.0,
    ) -> None:
        self._mixer = Mixer(clips, clock, SAMPLE_RATE, volume)
        self._null_device = null_device
        self._output: Output | None = None

    def start(self) -> None:
        """Open the sound device; raises AudioUnavailable (with a reason) if there is none."""
        if self._output is None:
            self._output = open_output(self._mixer, null_device=self._null_device)

    def schedule(self, cues: Sequence[Cue]) -> None:
        """Replace the cues still to come (see Mixer.schedule)."""
        self._mixer.schedule(cues)

    def cancel(self) -> None:
        """Stop the clip playing and forget the cues still to come."""
        self._mixer.cancel()

    def set_volume(self, volume: float) -> None:
        """Volume 0..1 from the next chunk on."""
        self._mixer.set_volume(volume)

    def close(self) -> None:
        """Release the sound device; safe to call more than once."""
        output, self._output = self._output, None
        if output is not None:
            output.close()


class RecordingPlayer(_MixerViews):
    """A player with no device, for UI tests: ``poll`` says which cues would have started.

    It runs the same Mixer bookkeeping as CuePlayer (never twice, stale cues dropped,
    missing clips reported), on a one-microsecond tick, so a cue counts as started at
    ``max(at, now)`` when polled at ``now``.
    """

    TICK_RATE = 1_000_000
    """Mixer "samples" a second: a due cue starts within a microsecond of its time."""

    def __init__(
        self,
        clips: Mapping[str, array[int]],
        clock: Callable[[], float],
        *,
        null_device: bool = False,
        volume: float = 1.0,
        unavailable: str | None = None,
    ) -> None:
        """``unavailable`` makes ``start`` fail with that reason, to test the fallback."""
        silent = {name: array("h", [0]) for name, samples in clips.items() if samples}
        self.clock = clock
        self._now = clock()
        self._mixer = Mixer(silent, lambda: self._now, self.TICK_RATE, volume)
        self._unavailable = unavailable
        self.opened = False
        self.closed = False
        self.cancels = 0

    def start(self) -> None:
        """Pretend to open the device (or fail the way a machine without sound does)."""
        if self._unavailable is not None:
            raise AudioUnavailable(self._unavailable)
        self.opened = True

    def schedule(self, cues: Sequence[Cue]) -> None:
        """Replace the cues still to come."""
        self._mixer.schedule(cues)

    def cancel(self) -> None:
        """Forget the cues still to come (counted, so tests can see a pause silence it)."""
        self.cancels += 1
        self._mixer.cancel()

    def set_volume(self, volume: float) -> None:
        """Remember the volume (0..1)."""
        self._mixer.set_volume(volume)

    def close(self) -> None:
        """Mark the player released."""
        self.closed = True

    def poll(self, now: float | None = None) -> list[Started]:
        """Start every cue due by ``now`` (default: the clock); returns those just started."""
        self._now = self.clock() if now is None else now
        before = len(self._mixer.started)
        self._mixer.render(1)
        return self._mixer.started[before:]

    @property
    def volume(self) -> float:
        """The volume last set."""
        return self._mixer.volume

    @property
    def pending(self) -> list[Cue]:
        """The cues scheduled and not yet started."""
        return self._mixer.pending
