"""The sound device: plays on miniaudio's silent device, and fails in words, never a traceback."""

from __future__ import annotations

import enum
import json
import subprocess
import sys
import time
import types
from array import array
from typing import Any

import pytest

from achilles_tui.audio import device
from achilles_tui.audio.device import AudioUnavailable, audio_library_available, open_output
from achilles_tui.audio.mixer import Mixer
from achilles_tui.domain.cues import Cue

CLIP = array("h", [1000] * 1600)


def test_the_null_device_plays_the_mixer_on_its_own_thread() -> None:
    mixer = Mixer({"hold": CLIP}, time.monotonic)
    output = open_output(mixer, null_device=True)
    try:
        at = time.monotonic() + 0.05
        mixer.schedule([Cue("0:hold", "hold", at)])
        give_up = time.monotonic() + 1.0
        while not mixer.started and time.monotonic() < give_up:
            time.sleep(0.01)
    finally:
        output.close()

    assert [started.key for started in mixer.started] == ["0:hold"]
    assert output.closed
    output.close()  # a second close is harmless


def test_the_library_loads_here() -> None:
    assert audio_library_available()


class FakeBackend(enum.Enum):
    ALSA = 8
    PULSEAUDIO = 7
    NULL = 14


class FakeMiniaudioError(Exception):
    pass


class FakeDevice:
    """Records how it was opened; fails in the way a test asks."""

    opened: list[dict[str, Any]]
    fail_init: BaseException | None = None
    fail_start: BaseException | None = None

    def __init__(self, **options: Any) -> None:
        if FakeDevice.fail_init is not None:
            raise FakeDevice.fail_init
        FakeDevice.opened.append(options)
        self.generator: Any = None
        self.stopped = self.closed = False
        self.backend = "Fake"
        FakeDevice.last = self

    def start(self, generator: Any) -> None:
        if FakeDevice.fail_start is not None:
            raise FakeDevice.fail_start
        self.generator = generator

    def stop(self) -> None:
        self.stopped = True

    def close(self) -> None:
        self.closed = True


@pytest.fixture
def fake_miniaudio(monkeypatch: pytest.MonkeyPatch) -> type[FakeDevice]:
    module = types.ModuleType("miniaudio")
    module.Backend = FakeBackend  # type: ignore[attr-defined]
    module.SampleFormat = types.SimpleNamespace(SIGNED16=2)  # type: ignore[attr-defined]
    module.MiniaudioError = FakeMiniaudioError  # type: ignore[attr-defined]
    module.PlaybackDevice = FakeDevice  # type: ignore[attr-defined]
    FakeDevice.opened = []
    FakeDevice.fail_init = FakeDevice.fail_start = None
    monkeypatch.setitem(sys.modules, "miniaudio", module)
    return FakeDevice


def test_the_speakers_never_fall_back_to_the_silent_device(
    fake_miniaudio: type[FakeDevice],
) -> None:
    open_output(Mixer({}, time.monotonic))
    open_output(Mixer({}, time.monotonic), null_device=True)

    speakers, silent = fake_miniaudio.opened
    assert FakeBackend.NULL not in speakers["backends"]
    assert set(speakers["backends"]) == {FakeBackend.ALSA, FakeBackend.PULSEAUDIO}
    assert silent["backends"] == [FakeBackend.NULL]
    assert (speakers["nchannels"], speakers["sample_rate"]) == (1, 16000)


@pytest.mark.parametrize(
    "error",
    [FakeMiniaudioError("failed to init device", -401), OSError("no such card"), RuntimeError()],
)
def test_a_device_that_cannot_be_opened_is_reported_in_words(
    fake_miniaudio: type[FakeDevice], error: BaseException, capfd: pytest.CaptureFixture[str]
) -> None:
    fake_miniaudio.fail_init = error

    with pytest.raises(AudioUnavailable, match="no sound device could be opened") as caught:
        open_output(Mixer({}, time.monotonic))

    assert "\n" not in str(caught.value)
    assert caught.value.__cause__ is None and caught.value.__suppress_context__
    assert "Traceback" not in capfd.readouterr().err


def test_a_device_that_opens_but_will_not_start_is_released(
    fake_miniaudio: type[FakeDevice],
) -> None:
    fake_miniaudio.fail_start = FakeMiniaudioError("failed to start device", -1)

    with pytest.raises(AudioUnavailable, match="failed to start device"):
        open_output(Mixer({}, time.monotonic))

    assert fake_miniaudio.last.closed


def test_a_missing_library_is_reported_in_words(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "miniaudio", None)  # makes the import fail

    assert not audio_library_available()
    with pytest.raises(AudioUnavailable, match="the sound library could not be loaded"):
        open_output(Mixer({}, time.monotonic))


def test_close_stops_and_releases_the_device_once(fake_miniaudio: type[FakeDevice]) -> None:
    output = open_output(Mixer({}, time.monotonic))
    opened = fake_miniaudio.last

    output.close()
    output.close()

    assert opened.stopped and opened.closed and output.closed


def test_a_failing_mixer_gives_silence_instead_of_killing_the_sound(
    fake_miniaudio: type[FakeDevice],
) -> None:
    class Broken:
        sample_rate = 16000
        calls = 0

        def render(self, frames: int) -> array[int]:
            self.calls += 1
            if self.calls == 1:
                raise ValueError("bug")
            return array("h", [7] * frames)

    open_output(Broken())
    feed = fake_miniaudio.last.generator

    assert feed.send(320) == array("h", bytes(640))
    assert feed.send(160) == array("h", [7] * 160)


def test_the_probe_hides_native_library_chatter_from_the_screen(
    capfd: pytest.CaptureFixture[str],
) -> None:
    with device._quiet_stderr():
        subprocess.run(["sh", "-c", "echo ALSA lib pcm.c: Unknown PCM >&2"], check=True)
    print("after", file=sys.stderr)

    assert capfd.readouterr().err == "after\n"


def modules_after(code: str) -> set[str]:
    probe = code + "\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    return set(json.loads(out.stdout.strip().splitlines()[-1]))


def test_importing_the_player_does_not_load_miniaudio_or_textual() -> None:
    loaded = modules_after(
        "import achilles_tui.audio.player, achilles_tui.audio.tones, "
        "achilles_tui.storage.sound_clips"
    )
    assert "achilles_tui.audio.device" in loaded  # the probe did import the modules
    assert "miniaudio" not in loaded
    assert not any(name == "textual" or name.startswith("textual.") for name in loaded)


def test_opening_the_device_does_load_miniaudio() -> None:
    loaded = modules_after(
        "import time\n"
        "from achilles_tui.audio.device import open_output\n"
        "from achilles_tui.audio.mixer import Mixer\n"
        "open_output(Mixer({}, time.monotonic), null_device=True).close()"
    )
    assert "miniaudio" in loaded
