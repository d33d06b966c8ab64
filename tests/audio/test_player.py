"""The players the session screen uses: the real one on a device, the recording one in tests."""

from __future__ import annotations

import time
from array import array

import pytest

from achilles_tui.audio import player as player_module
from achilles_tui.audio.device import AudioUnavailable
from achilles_tui.audio.mixer import STALE_SECONDS
from achilles_tui.audio.player import CuePlayer, RecordingPlayer
from achilles_tui.audio.tones import make_tones
from achilles_tui.domain.cues import Cue
from tests.fake_clock import FakeClock


def test_the_cue_player_plays_on_the_null_device_and_closes_once() -> None:
    cue_player = CuePlayer(make_tones(), time.monotonic, null_device=True, volume=0.5)
    cue_player.start()
    try:
        cue_player.schedule([Cue("0:hold", "hold", time.monotonic() + 0.05)])
        give_up = time.monotonic() + 1.0
        while not cue_player.started and time.monotonic() < give_up:
            time.sleep(0.01)
    finally:
        cue_player.close()
    cue_player.close()

    assert [started.clip for started in cue_player.started] == ["hold"]
    assert cue_player.dropped == [] and cue_player.missing == []


def test_the_cue_player_passes_on_a_device_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_device(*args: object, **kwargs: object) -> None:
        raise AudioUnavailable("no sound device could be opened (no card)")

    monkeypatch.setattr(player_module, "open_output", no_device)

    with pytest.raises(AudioUnavailable, match="no card"):
        CuePlayer(make_tones(), time.monotonic).start()


CLIPS = {"hold": array("h", [5] * 10), "rest": array("h", [5] * 10)}


def test_poll_starts_the_cues_due_at_their_time_or_when_polled() -> None:
    clock = FakeClock(10.0)
    recording = RecordingPlayer(CLIPS, clock)
    recording.schedule([Cue("0:hold", "hold", 9.5), Cue("1:rest", "rest", 10.5)])

    first = recording.poll()
    clock.advance(1.0)
    second = recording.poll()

    assert [(s.key, s.started_at) for s in first] == [("0:hold", 10.0)]
    assert [(s.key, s.started_at) for s in second] == [("1:rest", pytest.approx(11.0))]
    assert recording.pending == []


def test_a_cue_not_yet_due_stays_pending() -> None:
    recording = RecordingPlayer(CLIPS, FakeClock(0.0))
    cue = Cue("0:hold", "hold", 0.001)
    recording.schedule([cue])

    assert recording.poll(0.0) == []
    assert recording.pending == [cue]
    assert [s.started_at for s in recording.poll(0.001)] == [pytest.approx(0.001)]


def test_the_recording_player_never_starts_a_key_twice() -> None:
    recording = RecordingPlayer(CLIPS, FakeClock(0.0))
    recording.schedule([Cue("0:hold", "hold", 0.0)])
    recording.poll(0.0)
    recording.schedule([Cue("0:hold", "hold", 1.0)])

    assert recording.poll(2.0) == []
    assert len(recording.started) == 1


def test_the_recording_player_drops_stale_cues_and_reports_missing_clips() -> None:
    recording = RecordingPlayer(CLIPS, FakeClock(0.0))
    stale = Cue("0:hold", "hold", 0.0)
    missing = Cue("0:halfway", "halfway", 5.0)
    recording.schedule([stale, missing])

    recording.poll(5.0)

    assert recording.started == []
    assert recording.dropped == [stale]
    assert recording.missing == [missing]
    assert 5.0 - stale.at > STALE_SECONDS


def test_cancel_forgets_the_cues_to_come() -> None:
    recording = RecordingPlayer(CLIPS, FakeClock(0.0))
    recording.schedule([Cue("0:hold", "hold", 1.0)])

    recording.cancel()

    assert recording.poll(1.0) == []
    assert recording.cancels == 1


def test_the_recording_player_keeps_what_the_screen_asked_of_it() -> None:
    recording = RecordingPlayer(CLIPS, FakeClock(0.0), volume=0.8)
    recording.start()
    recording.set_volume(0.3)
    recording.close()

    assert recording.opened and recording.closed
    assert recording.volume == 0.3


def test_the_recording_player_can_fail_like_a_machine_without_sound() -> None:
    recording = RecordingPlayer(CLIPS, FakeClock(0.0), unavailable="no sound device")

    with pytest.raises(AudioUnavailable, match="no sound device"):
        recording.start()
    assert not recording.opened
