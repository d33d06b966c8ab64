"""The shipped voice recordings, read from the package (never the cwd) as plain samples.

Reading is done here, not in ``achilles_tui.audio``, because storage is the one layer
that touches files; the player only ever sees ``array('h')`` samples.
"""

from __future__ import annotations

import sys
import wave
from array import array
from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

from achilles_tui.domain.cues import CLIP_NAMES
from achilles_tui.domain.wording import count

SAMPLE_RATE = 16000
"""The rate every clip is recorded at and the player mixes at."""


class ClipsUnavailable(Exception):
    """A voice clip cannot be used; the message names the file, for a one-line notice."""


def voice_folder() -> Traversable:
    """Where the installed voice clips are (assets/sounds in a source checkout)."""
    return files("achilles_tui.assets").joinpath("sounds")


@cache
def load_voice_clips(folder: Traversable | Path | None = None) -> dict[str, array[int]]:
    """Every clip of CLIP_NAMES as 16 kHz mono int16 samples, read once per folder.

    ``folder`` is for tests; the app reads the shipped set. Raises ClipsUnavailable for
    the first clip that is missing, unreadable or not 16 kHz mono 16-bit.
    """
    where = voice_folder() if folder is None else folder
    return {name: _read_clip(where.joinpath(f"{name}.wav"), name) for name in CLIP_NAMES}


def _read_clip(resource: Traversable | Path, name: str) -> array[int]:
    """One clip's samples, or ClipsUnavailable saying what is wrong with the file."""
    label = f"voice clip {name}.wav"
    try:
        with resource.open("rb") as stream, wave.open(stream, "rb") as clip:
            shape = (clip.getnchannels(), clip.getsampwidth(), clip.getframerate())
            if shape != (1, 2, SAMPLE_RATE) or clip.getcomptype() != "NONE":
                channels, width, rate = shape
                raise ClipsUnavailable(
                    f"{label} is {count(channels, 'channel')}, {8 * width}-bit, {rate} Hz; "
                    f"expected mono 16-bit {SAMPLE_RATE} Hz"
                )
            data = clip.readframes(clip.getnframes())
    except FileNotFoundError:
        raise ClipsUnavailable(f"{label} is missing from the installed app") from None
    except (OSError, EOFError, wave.Error) as exc:
        raise ClipsUnavailable(f"{label} cannot be read ({exc})") from None
    if len(data) < 2 or len(data) % 2:
        raise ClipsUnavailable(f"{label} holds no sound")
    samples = array("h", data)
    if sys.byteorder == "big":
        samples.byteswap()
    return samples
