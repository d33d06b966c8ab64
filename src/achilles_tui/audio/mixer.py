"""Starts each planned cue on its exact sample, from the audio thread.

The session plans its cues ahead against the timer's deadlines; the mixer turns that
plan into samples. It is asked for one chunk at a time by the sound device's thread,
reads the clock once per chunk and starts every cue due within the chunk at the sample
that matches its time, so a cue is as punctual as the chunk size allows whatever the
screen is doing. Pure Python and deterministic for a given clock: tests drive it with
a fake clock and call ``render`` themselves.
"""

from __future__ import annotations

import threading
from array import array
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from achilles_tui.domain.cues import Cue

STALE_SECONDS = 1.0
"""A cue this late when the mixer first gets to it is dropped: a late "hold" misleads."""


@dataclass(frozen=True)
class Started:
    """A cue that began to play: ``started_at - at`` is how late it was."""

    key: str
    clip: str
    at: float
    started_at: float

    @property
    def latency(self) -> float:
        """Seconds between the planned time and the first sample of the clip."""
        return self.started_at - self.at


class Mixer:
    """One voice at a time: each cue starts on its sample and cuts off the clip before it.

    Cutting off is deliberate: the timing cues (3-2-1, hold, rest) must be heard on
    time even if a long clip is still speaking. A cue key is played at most once, so
    the session can re-plan as often as it likes.
    """

    def __init__(
        self,
        clips: Mapping[str, array[int]],
        clock: Callable[[], float],
        sample_rate: int = 16000,
        volume: float = 1.0,
    ) -> None:
        self.clips = clips
        self.clock = clock
        self.sample_rate = sample_rate
        self._volume = _unit(volume)
        self.lookahead = 0.0
        """Seconds between handing a chunk over and hearing it (set by the device)."""
        self._lock = threading.Lock()
        self._pending: list[Cue] = []
        self._handled: set[str] = set()
        self._started: list[Started] = []
        self._dropped: list[Cue] = []
        self._missing: list[Cue] = []
        self._playing: array[int] | None = None
        self._position = 0

    def schedule(self, cues: Sequence[Cue]) -> None:
        """Replace the cues still to come; cues that already started are never repeated."""
        ordered = sorted(cues, key=lambda cue: (cue.at, cue.key))
        with self._lock:
            self._pending = [cue for cue in ordered if cue.key not in self._handled]

    def cancel(self) -> None:
        """Silence now: drop the cues still to come and stop the clip playing (pause, end)."""
        with self._lock:
            self._pending = []
            self._playing = None

    def set_volume(self, volume: float) -> None:
        """Louder or quieter from the next chunk on; clamped to 0..1."""
        with self._lock:
            self._volume = _unit(volume)

    @property
    def volume(self) -> float:
        """The current volume, 0..1."""
        return self._volume

    @property
    def pending(self) -> list[Cue]:
        """The cues scheduled and not yet reached, earliest first."""
        with self._lock:
            return list(self._pending)

    @property
    def started(self) -> list[Started]:
        """Every cue that began to play, in order (a copy: the audio thread keeps adding)."""
        with self._lock:
            return list(self._started)

    @property
    def dropped(self) -> list[Cue]:
        """Cues first reached more than STALE_SECONDS after their time, and so never played."""
        with self._lock:
            return list(self._dropped)

    @property
    def missing(self) -> list[Cue]:
        """Cues whose clip has no samples, skipped rather than failing the session."""
        with self._lock:
            return list(self._missing)

    def latencies(self) -> list[float]:
        """How late each started cue was, in seconds (for the benchmark)."""
        return [started.latency for started in self.started]

    def render(self, frames: int) -> array[int]:
        """The next ``frames`` samples, taken to start now; called from the audio thread."""
        # The chunk is heard one device buffer after it is handed over: place cues for then.
        now = self.clock() + self.lookahead
        chunk = array("h", bytes(2 * frames))
        with self._lock:
            position = 0
            for offset, samples in self._take_due(now, frames):
                self._mix_into(chunk, position, offset)
                self._playing, self._position = samples, 0
                position = offset
            self._mix_into(chunk, position, frames)
        return chunk

    def _take_due(self, now: float, frames: int) -> list[tuple[int, array[int]]]:
        """Book the cues starting within this chunk; the clips to start, by sample offset."""
        starts: list[tuple[int, array[int]]] = []
        later: list[Cue] = []
        for cue in self._pending:
            offset = max(0, round((cue.at - now) * self.sample_rate))
            if offset >= frames:
                later.append(cue)
                continue
            if cue.key in self._handled:
                continue  # the same key twice in one plan
            self._handled.add(cue.key)
            samples = self.clips.get(cue.clip)
            if cue.at < now - STALE_SECONDS:
                self._dropped.append(cue)
            elif not samples:
                self._missing.append(cue)
            else:
                starts.append((offset, samples))
                self._started.append(
                    Started(cue.key, cue.clip, cue.at, now + offset / self.sample_rate)
                )
        self._pending = later
        return starts

    def _mix_into(self, chunk: array[int], start: int, end: int) -> None:
        """Copy the playing clip into ``chunk[start:end]`` at the current volume."""
        clip = self._playing
        if clip is None or start >= end:
            return
        count = min(end - start, len(clip) - self._position)
        piece = clip[self._position : self._position + count]
        if self._volume != 1.0:
            volume = self._volume  # 0..1, so the product always fits in 16 bits
            piece = array("h", [round(sample * volume) for sample in piece])
        chunk[start : start + count] = piece
        self._position += count
        if self._position >= len(clip):
            self._playing = None


def _unit(value: float) -> float:
    """``value`` clamped to 0..1."""
    return max(0.0, min(1.0, value))
