"""Tones for every cue, for people who prefer beeps to a voice (or another language).

Each cue gets its own short pattern so it can be told apart without looking: the
phase words are single tones (high for hold, low for rest), the 3-2-1 a rising ladder
of ticks, the side changes a two-tone that rises towards the left leg and falls
towards the right; a heel raise's "up" is a quick rising pair, its "down" a falling
one. The pain limit cannot be said by a tone: it is a low double tone and the screen
shows the words.

Generated in pure Python in a few milliseconds: one whole number of periods of each
sine is computed and repeated, and only the 5 ms fades are worked out per sample.
"""

from __future__ import annotations

import math
from array import array
from dataclasses import dataclass

AMPLITUDE = 0.45
"""Share of full scale: about as loud as the -1 dBFS-peak voice clips sound."""
FADE_SECONDS = 0.005
FULL_SCALE = 32767


@dataclass(frozen=True)
class Note:
    """A sine of ``hertz`` for ``seconds`` (0 Hz is a gap), at ``level`` times AMPLITUDE."""

    hertz: int
    seconds: float
    level: float = 1.0


def _gap(seconds: float) -> Note:
    return Note(0, seconds)


PATTERNS: dict[str, tuple[Note, ...]] = {
    "get_ready": (Note(660, 0.08), _gap(0.07), Note(660, 0.08)),
    "hold": (Note(880, 0.25),),
    "rest": (Note(440, 0.35),),
    "switch_left": (Note(500, 0.12), _gap(0.03), Note(750, 0.12)),
    "switch_right": (Note(750, 0.12), _gap(0.03), Note(500, 0.12)),
    "left_leg": (Note(500, 0.07), _gap(0.02), Note(750, 0.07)),
    "right_leg": (Note(750, 0.07), _gap(0.02), Note(500, 0.07)),
    "next_exercise": (Note(500, 0.08), _gap(0.02), Note(625, 0.08), _gap(0.02), Note(750, 0.08)),
    "three": (Note(1000, 0.08),),
    "two": (Note(1100, 0.08),),
    "one": (Note(1320, 0.14),),
    "halfway": (Note(660, 0.06, level=0.5),),
    "last_one": (Note(1000, 0.06), _gap(0.06), Note(1000, 0.06)),
    "done": (Note(800, 0.12), Note(1000, 0.12), Note(1200, 0.3)),
    "pain_limit": (Note(300, 0.2), _gap(0.1), Note(300, 0.2)),
    # Heel raises: a short rising pair to go up, a falling pair to come down.
    "up": (Note(600, 0.06), Note(900, 0.08)),
    "down": (Note(900, 0.06), Note(600, 0.08)),
    "set_done": (Note(800, 0.1), _gap(0.04), Note(600, 0.1), _gap(0.04), Note(440, 0.25)),
    "next_set": (Note(660, 0.06), _gap(0.05), Note(660, 0.06), _gap(0.05), Note(880, 0.1)),
}
"""Every clip name's pattern; the 3-2-1 ticks rise in pitch so each is its own sound."""


def make_tones(sample_rate: int = 16000) -> dict[str, array[int]]:
    """A tone pattern for every clip name, as mono int16 samples at ``sample_rate``."""
    cycles: dict[tuple[int, float], list[int]] = {}
    tones: dict[str, array[int]] = {}
    for name, notes in PATTERNS.items():
        samples = array("h")
        for note in notes:
            samples.extend(_note(note, sample_rate, cycles))
        tones[name] = samples
    return tones


def _note(note: Note, sample_rate: int, cycles: dict[tuple[int, float], list[int]]) -> list[int]:
    """One note's samples: a repeated whole-period cycle with a linear fade at each end."""
    length = round(note.seconds * sample_rate)
    if note.hertz == 0:
        return [0] * length
    key = (note.hertz, note.level)
    if key not in cycles:
        cycles[key] = _cycle(note, sample_rate)
    cycle = cycles[key]
    samples = (cycle * (length // len(cycle) + 1))[:length]
    fade = min(round(FADE_SECONDS * sample_rate), length // 2)
    for index in range(fade):
        share = index / fade
        samples[index] = round(samples[index] * share)
        samples[-1 - index] = round(samples[-1 - index] * share)
    return samples


def _cycle(note: Note, sample_rate: int) -> list[int]:
    """The shortest run of samples holding a whole number of periods (so it repeats cleanly)."""
    length = sample_rate // math.gcd(note.hertz, sample_rate)
    peak = AMPLITUDE * note.level * FULL_SCALE
    step = 2 * math.pi * note.hertz / sample_rate
    return [round(peak * math.sin(step * index)) for index in range(length)]
