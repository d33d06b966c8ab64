"""Write assets/sounds/*.wav: the spoken cues of a guided session, one short clip per cue.

The clips are made once, at development time, with the espeak-ng speech synthesiser
(Debian package ``espeak-ng``) and committed, so the app itself needs no speech engine.
Each clip is resampled to 16 kHz mono 16-bit (small, and what the player mixes),
trimmed of leading and trailing silence (so a cue starts on its time, not after a
pause), normalised to about -1 dBFS peak (every clip equally loud) and faded in and
out over 5 ms (no clicks).

Run: .venv/bin/python scripts/make_voice.py [--voice en-gb] [--speed 165]
     [--phrases translation.json] [--out assets/sounds]

A translation is a JSON object mapping every clip name to its words, for example
{"hold": "Halten", "rest": "Pause", ...}.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import wave
from array import array
from pathlib import Path

from achilles_tui.domain.cues import CLIP_NAMES

ROOT = Path(__file__).resolve().parents[1]

PHRASES: dict[str, str] = {
    "get_ready": "Get ready",
    "hold": "Hold",
    "rest": "Rest",
    "switch_left": "Switch to your left leg",
    "switch_right": "Switch to your right leg",
    "left_leg": "Left leg",
    "right_leg": "Right leg",
    "next_exercise": "Next exercise",
    "three": "Three",
    "two": "Two",
    "one": "One",
    "halfway": "Halfway",
    "last_one": "Last one",
    "done": "Session done. Well done.",
    "pain_limit": "Stop if it hurts more than five out of ten.",
    "up": "Up",
    "down": "Down",
    "set_done": "Set done. Rest.",
    "next_set": "Next set",
}
"""The words of each clip; a --phrases file replaces them all (a translation)."""

SAMPLE_RATE = 16000
DEFAULT_VOICE = "en-gb"
DEFAULT_SPEED = 165
"""Words a minute: clear, yet "pain_limit" stays under about 2.6 s and fits the get-ready."""
SILENCE_THRESHOLD = 0.01
"""A sample below this share of the clip's peak counts as silence when trimming."""
KEEP_MSEC = 10
"""Quiet kept either side of the speech, so the first consonant is not clipped."""
PEAK_DBFS = -1.0
FADE_MSEC = 5
FULL_SCALE = 32767
MAX_SECONDS = 3.5
"""The longest clip the session plan can fit between two fixed cues."""


class VoiceError(Exception):
    """A problem the person running the script can fix, said in one line."""


def load_phrases(path: Path | None) -> dict[str, str]:
    """The built-in English words, or a complete translation read from ``path``."""
    if path is None:
        return dict(PHRASES)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise VoiceError(f"cannot read the phrases file {path}: {exc}") from exc
    if not isinstance(data, dict) or not all(
        isinstance(key, str) and isinstance(value, str) and value.strip()
        for key, value in data.items()
    ):
        raise VoiceError(f"{path} must be a JSON object of clip name -> words")
    unknown = sorted(set(data) - set(CLIP_NAMES))
    missing = [name for name in CLIP_NAMES if name not in data]
    problems = [f"unknown clip names {unknown}"] * bool(unknown)
    problems += [f"no words for {missing}"] * bool(missing)
    if problems:
        raise VoiceError(f"{path}: " + "; ".join(problems))
    return {name: data[name] for name in CLIP_NAMES}


def find_espeak() -> str:
    """The espeak-ng program, or a message saying how to install it."""
    program = shutil.which("espeak-ng")
    if program is None:
        raise VoiceError(
            "espeak-ng is not installed; install it (Debian/Ubuntu: "
            "sudo apt-get install espeak-ng) and run this script again"
        )
    return program


def synthesise(espeak: str, words: str, voice: str, speed: int, scratch: Path) -> array[int]:
    """The words spoken by espeak-ng, as 16 kHz mono 16-bit samples."""
    import miniaudio

    raw = scratch / "speech.wav"
    result = subprocess.run(
        [espeak, "-v", voice, "-s", str(speed), "-w", str(raw), words],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0 or not raw.exists():
        raise VoiceError(f"espeak-ng failed for {words!r}: {result.stderr.strip()}")
    decoded = miniaudio.decode_file(
        str(raw),
        output_format=miniaudio.SampleFormat.SIGNED16,
        nchannels=1,
        sample_rate=SAMPLE_RATE,
    )
    return array("h", decoded.samples)


def trim_silence(samples: array[int]) -> array[int]:
    """The samples from just before the first sound to just after the last."""
    threshold = SILENCE_THRESHOLD * max((abs(sample) for sample in samples), default=0)
    loud = [index for index, sample in enumerate(samples) if abs(sample) > threshold]
    if threshold == 0 or not loud:
        raise VoiceError("the synthesised clip is silent")
    keep = SAMPLE_RATE * KEEP_MSEC // 1000
    first = max(0, loud[0] - keep)
    last = min(len(samples), loud[-1] + 1 + keep)
    return samples[first:last]


def normalise(samples: array[int]) -> array[int]:
    """The samples scaled so the loudest one sits at PEAK_DBFS."""
    peak = max(abs(sample) for sample in samples)
    gain = FULL_SCALE * 10 ** (PEAK_DBFS / 20) / peak
    return array("h", (_clamp(round(sample * gain)) for sample in samples))


def fade(samples: array[int]) -> array[int]:
    """The samples with a short linear fade at each end, so the clip starts and stops cleanly."""
    length = min(SAMPLE_RATE * FADE_MSEC // 1000, len(samples) // 2)
    faded = array("h", samples)
    for index in range(length):
        share = index / length
        faded[index] = round(faded[index] * share)
        faded[-1 - index] = round(faded[-1 - index] * share)
    return faded


def _clamp(value: int) -> int:
    return max(-FULL_SCALE - 1, min(FULL_SCALE, value))


def write_wav(path: Path, samples: array[int]) -> None:
    """A plain 16 kHz mono 16-bit little-endian WAV file."""
    data = array("h", samples)
    if sys.byteorder == "big":
        data.byteswap()
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(SAMPLE_RATE)
        out.writeframes(data.tobytes())


def make_voice(phrases: dict[str, str], voice: str, speed: int, out: Path) -> dict[str, float]:
    """Write one clip per name into ``out``; returns each clip's length in seconds."""
    espeak = find_espeak()
    out.mkdir(parents=True, exist_ok=True)
    lengths: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as scratch:
        for name in CLIP_NAMES:
            samples = fade(
                normalise(
                    trim_silence(synthesise(espeak, phrases[name], voice, speed, Path(scratch)))
                )
            )
            write_wav(out / f"{name}.wav", samples)
            lengths[name] = len(samples) / SAMPLE_RATE
    return lengths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--voice", default=DEFAULT_VOICE, help="espeak-ng voice (default en-gb)")
    parser.add_argument(
        "--speed", type=int, default=DEFAULT_SPEED, help=f"words a minute (default {DEFAULT_SPEED})"
    )
    parser.add_argument("--phrases", type=Path, help="JSON file: clip name -> words")
    parser.add_argument(
        "--out", type=Path, default=ROOT / "assets" / "sounds", help="folder for the .wav files"
    )
    args = parser.parse_args(argv)
    try:
        lengths = make_voice(load_phrases(args.phrases), args.voice, args.speed, args.out)
    except VoiceError as exc:
        print(f"make_voice: {exc}", file=sys.stderr)
        return 1
    for name, seconds in lengths.items():
        print(f"{name:<14} {seconds:5.2f} s")
    total = sum(path.stat().st_size for path in args.out.glob("*.wav"))
    print(f"{len(lengths)} clips, {total / 1024:.0f} KiB in {args.out}")
    if max(lengths.values()) > MAX_SECONDS:
        print(f"make_voice: a clip is longer than {MAX_SECONDS} s; raise --speed", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
