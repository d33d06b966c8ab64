"""A tone pattern for every cue, each its own sound, clean at both ends."""

from __future__ import annotations

from array import array
from itertools import combinations, pairwise

import pytest

from achilles_tui.audio.tones import FADE_SECONDS, make_tones
from achilles_tui.domain.cues import CLIP_NAMES

RATE = 16000
TONES = make_tones(RATE)


def test_every_clip_name_has_a_tone_and_nothing_else_does() -> None:
    assert set(TONES) == set(CLIP_NAMES)


@pytest.mark.parametrize("name", CLIP_NAMES)
def test_each_tone_is_short_audible_and_faded_at_both_ends(name: str) -> None:
    samples = TONES[name]
    assert isinstance(samples, array) and samples.typecode == "h"
    assert 0.05 < len(samples) / RATE < 2.0
    assert 3000 < max(abs(sample) for sample in samples) < 32767
    assert abs(samples[0]) < 100 and abs(samples[-1]) < 100
    fade = int(FADE_SECONDS * RATE)
    assert max(abs(sample) for sample in samples[: fade // 4]) < max(
        abs(sample) for sample in samples[fade : 2 * fade]
    )


def test_no_two_cues_sound_the_same() -> None:
    same = [(a, b) for a, b in combinations(CLIP_NAMES, 2) if TONES[a] == TONES[b]]
    assert same == []


def pitch(samples: array[int]) -> float:
    """Rough frequency from the rising zero crossings."""
    crossings = sum(1 for a, b in pairwise(samples) if a < 0 <= b)
    return crossings * RATE / len(samples)


@pytest.mark.parametrize(
    ("name", "rising"),
    [("switch_left", True), ("left_leg", True), ("switch_right", False), ("right_leg", False)],
)
def test_side_changes_rise_towards_the_left_and_fall_towards_the_right(
    name: str, rising: bool
) -> None:
    samples = TONES[name]
    half = len(samples) // 2
    first, second = pitch(samples[:half]), pitch(samples[half:])
    assert (second > first) is rising


def test_the_leg_words_are_shorter_than_the_switches() -> None:
    assert len(TONES["left_leg"]) < len(TONES["switch_left"])
    assert len(TONES["right_leg"]) < len(TONES["switch_right"])


def test_the_countdown_ticks_are_short_and_one_stands_out() -> None:
    ticks = [TONES[name] for name in ("three", "two", "one")]
    assert all(len(tick) <= 0.2 * RATE for tick in ticks)
    assert len(ticks[2]) > len(ticks[0]) or pitch(ticks[2]) > pitch(ticks[0])


def test_the_tone_set_follows_the_sample_rate() -> None:
    assert len(make_tones(8000)["hold"]) * 2 == len(TONES["hold"])
