"""The sound device: feeds the mixer's chunks to the speakers through miniaudio.

miniaudio is imported inside the functions only: it takes about 50 ms to load and the
app must start as quickly without it. Every way of failing to get sound (no library,
no sound card, a broken driver) becomes one AudioUnavailable with a short reason, so
the session falls back to the bell with a notice instead of a traceback.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import sys
import weakref
from array import array
from collections.abc import Generator, Iterator
from typing import Any, Protocol

DEFAULT_BUFFER_MSEC = 100
"""The device buffer. Cues are placed one buffer ahead (the mixer's lookahead), so a
planned cue is still heard on its time; a long buffer lets the audio thread wake about
10 times a second instead of 50, which is most of the sound's cost while counting."""


class AudioUnavailable(Exception):
    """Sound cannot be played here; the message says why in a few words, for a notice."""


class Renders(Protocol):
    """What the device needs of a mixer."""

    @property
    def sample_rate(self) -> int: ...

    def render(self, frames: int) -> array[int]: ...


def audio_library_available() -> bool:
    """Whether miniaudio loads here; also a warm-up, so the later open is quick."""
    try:
        import miniaudio  # noqa: F401
    except Exception:  # a missing or broken native library both mean "no"
        return False
    return True


_OPEN: weakref.WeakSet[Output] = weakref.WeakSet()
"""Devices still open, closed at exit: left to the garbage collector at interpreter
shutdown, miniaudio's stop() waits forever for its audio thread."""


@atexit.register
def _close_all() -> None:
    for output in list(_OPEN):
        output.close()


class Output:
    """An open sound device playing a mixer; ``close`` releases it."""

    def __init__(self, device: Any) -> None:
        self._device: Any = device
        self.backend: str = str(getattr(device, "backend", ""))
        _OPEN.add(self)

    def close(self) -> None:
        """Stop playing and release the device; safe to call more than once."""
        device, self._device = self._device, None
        _OPEN.discard(self)
        if device is None:
            return
        with contextlib.suppress(Exception):
            device.stop()
        with contextlib.suppress(Exception):
            device.close()

    @property
    def closed(self) -> bool:
        """Whether the device has been released."""
        return self._device is None


def open_output(
    mixer: Renders, *, null_device: bool = False, buffer_msec: int = DEFAULT_BUFFER_MSEC
) -> Output:
    """Start playing ``mixer`` on the speakers (or miniaudio's silent device).

    Without ``null_device`` the silent device is never chosen, so a machine with no
    sound card reports AudioUnavailable rather than "playing" to nothing.
    """
    try:
        import miniaudio
    except Exception as exc:  # ImportError, or a native library that fails
        raise AudioUnavailable(f"the sound library could not be loaded ({_reason(exc)})") from None
    null = miniaudio.Backend.NULL
    backends = [null] if null_device else [b for b in miniaudio.Backend if b is not null]
    device = None
    try:
        with _quiet_stderr():
            device = miniaudio.PlaybackDevice(
                output_format=miniaudio.SampleFormat.SIGNED16,
                nchannels=1,
                sample_rate=mixer.sample_rate,
                buffersize_msec=buffer_msec,
                backends=backends,
                app_name="achilles-tui",
            )
            if hasattr(mixer, "lookahead"):
                mixer.lookahead = buffer_msec / 1000
            stream = _feed(mixer)
            next(stream)
            device.start(stream)
    except Exception as exc:  # MiniaudioError, OSError, cffi errors alike
        if device is not None:
            Output(device).close()
        raise AudioUnavailable(f"no sound device could be opened ({_reason(exc)})") from None
    return Output(device)


def _feed(mixer: Renders) -> Generator[array[int] | bytes, int, None]:
    """miniaudio's callback protocol: sent the frames wanted, yields that many samples.

    An error in the mixer must not reach miniaudio (it would print a traceback from
    the audio thread and stop the sound for good): that chunk is silence instead.
    """
    frames = yield b""
    while True:
        try:
            chunk = mixer.render(frames)
        except Exception:  # keep the device alive; the next chunk may work
            chunk = array("h", bytes(2 * frames))
        frames = yield chunk


def _reason(exc: BaseException) -> str:
    """A one-line reason from an exception: its message, or at least its type."""
    text = " ".join(str(part) for part in exc.args) if exc.args else ""
    return text.strip() or type(exc).__name__


@contextlib.contextmanager
def _quiet_stderr() -> Iterator[None]:
    """Hide what native sound libraries print while probing (ALSA lists every missing card).

    That text goes straight to file descriptor 2, under Python, and would scribble over
    the full-screen app; the failure itself is reported through AudioUnavailable.
    """
    try:
        if sys.stderr is not None:
            sys.stderr.flush()
        devnull = os.open(os.devnull, os.O_WRONLY)
    except (OSError, ValueError):
        devnull = -1
    try:
        saved = os.dup(2) if devnull >= 0 else -1
    except OSError:
        saved = -1
    if saved < 0:
        if devnull >= 0:
            os.close(devnull)
        yield
        return
    try:
        os.dup2(devnull, 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(devnull)
