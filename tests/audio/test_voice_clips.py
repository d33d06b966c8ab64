"""The shipped voice set: every clip present, small, in the one format the player mixes."""

from __future__ import annotations

import shutil
import wave
from array import array
from pathlib import Path

import pytest

from achilles_tui.domain.cues import CLIP_NAMES
from achilles_tui.storage.sound_clips import ClipsUnavailable, load_voice_clips, voice_folder

SOUNDS = Path(__file__).resolve().parents[2] / "assets" / "sounds"


def test_the_package_resource_is_the_assets_sounds_folder() -> None:
    assert Path(str(voice_folder())).resolve() == SOUNDS


@pytest.mark.parametrize("name", CLIP_NAMES)
def test_each_clip_is_16khz_mono_16bit_audible_and_short(name: str) -> None:
    with wave.open(str(SOUNDS / f"{name}.wav"), "rb") as clip:
        assert (clip.getnchannels(), clip.getsampwidth(), clip.getframerate()) == (1, 2, 16000)
        frames = clip.getnframes()
        samples = array("h", clip.readframes(frames))
    assert 0.2 < frames / 16000 < 3.5
    assert max(abs(sample) for sample in samples) > 16000  # normalised near full scale


def test_the_pain_limit_fits_a_short_get_ready() -> None:
    assert len(load_voice_clips()["pain_limit"]) / 16000 < 2.6


def test_the_whole_voice_set_is_under_one_megabyte_and_has_no_strays() -> None:
    files = sorted(SOUNDS.glob("*.wav"))
    assert sum(path.stat().st_size for path in files) < 1_000_000
    assert {path.stem for path in files} == set(CLIP_NAMES)


def test_load_voice_clips_reads_every_clip_as_int16_samples() -> None:
    clips = load_voice_clips()

    assert set(clips) == set(CLIP_NAMES)
    for name, samples in clips.items():
        assert samples.typecode == "h"
        with wave.open(str(SOUNDS / f"{name}.wav"), "rb") as clip:
            assert len(samples) == clip.getnframes()
    assert load_voice_clips() is clips  # read once


def copy_of_the_set(tmp_path: Path) -> Path:
    folder = tmp_path / "sounds"
    shutil.copytree(SOUNDS, folder, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    return folder


def test_a_copy_of_the_set_loads_from_a_given_folder(tmp_path: Path) -> None:
    clips = load_voice_clips(copy_of_the_set(tmp_path))
    assert clips["hold"] == load_voice_clips()["hold"]


def test_a_missing_clip_is_named(tmp_path: Path) -> None:
    folder = copy_of_the_set(tmp_path)
    (folder / "halfway.wav").unlink()

    with pytest.raises(ClipsUnavailable, match=r"halfway\.wav is missing"):
        load_voice_clips(folder)


def test_a_clip_that_is_not_a_wav_file_is_named(tmp_path: Path) -> None:
    folder = copy_of_the_set(tmp_path)
    (folder / "rest.wav").write_bytes(b"not a wav file at all")

    with pytest.raises(ClipsUnavailable, match=r"rest\.wav cannot be read"):
        load_voice_clips(folder)


def test_a_clip_in_the_wrong_format_is_named(tmp_path: Path) -> None:
    folder = copy_of_the_set(tmp_path)
    with wave.open(str(folder / "two.wav"), "wb") as clip:
        clip.setnchannels(2)
        clip.setsampwidth(2)
        clip.setframerate(44100)
        clip.writeframes(bytes(400))

    with pytest.raises(ClipsUnavailable, match=r"two\.wav is 2 channels, 16-bit, 44100 Hz"):
        load_voice_clips(folder)


def test_an_empty_clip_is_named(tmp_path: Path) -> None:
    folder = copy_of_the_set(tmp_path)
    with wave.open(str(folder / "one.wav"), "wb") as clip:
        clip.setnchannels(1)
        clip.setsampwidth(2)
        clip.setframerate(16000)
        clip.writeframes(b"")

    with pytest.raises(ClipsUnavailable, match=r"one\.wav holds no sound"):
        load_voice_clips(folder)
