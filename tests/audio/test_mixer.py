"""The mixer starts each cue on its sample, once, and never late by more than a chunk."""

from __future__ import annotations

from array import array

import pytest

from achilles_tui.audio.mixer import STALE_SECONDS, Mixer
from achilles_tui.domain.cues import Cue
from tests.fake_clock import FakeClock

RATE = 16000
CHUNK = 320  # 20 ms
LONG = array("h", [1000] * 1000)
SHORT = array("h", [-2000] * 50)


def make_mixer(clock: FakeClock, **clips: array[int]) -> Mixer:
    return Mixer(clips or {"long": LONG, "short": SHORT}, clock, RATE)


def test_a_cue_due_mid_chunk_starts_on_its_exact_sample() -> None:
    clock = FakeClock(10.0)
    mixer = make_mixer(clock)
    cue = Cue("0:short", "short", 10.0 + 100 / RATE)
    mixer.schedule([cue])

    chunk = mixer.render(CHUNK)

    assert list(chunk[:100]) == [0] * 100
    assert list(chunk[100:150]) == [-2000] * 50
    assert list(chunk[150:]) == [0] * (CHUNK - 150)
    (started,) = mixer.started
    assert (started.key, started.clip, started.at) == ("0:short", "short", cue.at)
    assert started.started_at == pytest.approx(cue.at, abs=1e-9)


def test_a_chunk_rendered_ahead_of_the_cue_starts_it_with_no_latency() -> None:
    clock = FakeClock(9.99)
    mixer = make_mixer(clock)
    mixer.schedule([Cue("hold", "short", 10.0)])

    chunk = mixer.render(CHUNK)

    assert chunk[159] == 0 and chunk[160] == -2000
    assert mixer.latencies() == [pytest.approx(0.0, abs=1e-9)]


def test_a_cue_beyond_this_chunk_waits_for_the_chunk_that_holds_it() -> None:
    clock = FakeClock(0.0)
    mixer = make_mixer(clock)
    mixer.schedule([Cue("later", "short", 0.05)])

    assert not any(mixer.render(CHUNK))
    assert mixer.started == []
    clock.advance(0.04)
    chunk = mixer.render(CHUNK)

    assert chunk.index(-2000) == 160
    assert mixer.latencies() == [pytest.approx(0.0, abs=1e-9)]


def test_a_late_render_starts_the_cue_at_once_and_records_how_late() -> None:
    clock = FakeClock(10.005)
    mixer = make_mixer(clock)
    mixer.schedule([Cue("hold", "short", 10.0)])

    chunk = mixer.render(CHUNK)

    assert chunk[0] == -2000
    assert mixer.latencies() == [pytest.approx(0.005)]


def test_a_clip_longer_than_a_chunk_carries_on_into_the_next() -> None:
    clock = FakeClock(0.0)
    mixer = make_mixer(clock)
    mixer.schedule([Cue("long", "long", 0.0)])

    first = mixer.render(CHUNK)
    clock.advance(CHUNK / RATE)
    rest = [mixer.render(CHUNK) for _ in range(3)]

    played = list(first) + [sample for chunk in rest for sample in chunk]
    assert played[:1000] == [1000] * 1000
    assert not any(played[1000:])
    assert len(mixer.started) == 1


def test_a_cue_scheduled_twice_in_one_plan_plays_once() -> None:
    clock = FakeClock(0.0)
    mixer = make_mixer(clock)
    cue = Cue("0:hold", "short", 0.001)
    mixer.schedule([cue, cue])

    mixer.render(CHUNK)

    assert [started.key for started in mixer.started] == ["0:hold"]


def test_a_cue_that_started_is_not_played_again_when_planned_again() -> None:
    clock = FakeClock(0.0)
    mixer = make_mixer(clock)
    mixer.schedule([Cue("0:hold", "short", 0.0)])
    mixer.render(CHUNK)

    # Re-planned after a repaint, and again after a pause shifted its time.
    mixer.schedule([Cue("0:hold", "short", 0.0)])
    mixer.schedule([Cue("0:hold", "short", 0.5), Cue("0:three", "short", 0.6)])
    clock.advance(0.5)
    mixer.render(CHUNK)
    clock.advance(0.1)
    mixer.render(CHUNK)

    assert [started.key for started in mixer.started] == ["0:hold", "0:three"]


def test_schedule_replaces_the_cues_still_to_come() -> None:
    clock = FakeClock(0.0)
    mixer = make_mixer(clock)
    mixer.schedule([Cue("0:rest", "long", 0.1)])
    mixer.schedule([Cue("1:hold", "short", 0.1)])

    clock.advance(0.1)
    mixer.render(CHUNK)

    assert [started.key for started in mixer.started] == ["1:hold"]


def test_cancel_stops_the_clip_playing_and_drops_the_cues_to_come() -> None:
    clock = FakeClock(0.0)
    mixer = make_mixer(clock)
    mixer.schedule([Cue("a", "long", 0.0), Cue("b", "short", 0.5)])
    assert mixer.render(CHUNK)[0] == 1000

    mixer.cancel()
    clock.advance(CHUNK / RATE)
    after_cancel = mixer.render(CHUNK)
    clock.advance(0.5)
    later = mixer.render(CHUNK)

    assert not any(after_cancel)
    assert not any(later)
    assert [started.key for started in mixer.started] == ["a"]
    assert mixer.pending == []


def test_a_cue_cancelled_before_it_started_may_be_planned_again() -> None:
    clock = FakeClock(0.0)
    mixer = make_mixer(clock)
    mixer.schedule([Cue("1:hold", "short", 0.5)])
    mixer.cancel()  # paused
    mixer.schedule([Cue("1:hold", "short", 2.5)])  # resumed two seconds later

    clock.advance(2.5)
    mixer.render(CHUNK)

    assert [(started.key, started.at) for started in mixer.started] == [("1:hold", 2.5)]


@pytest.mark.parametrize("clips", [{"short": SHORT}, {"short": SHORT, "gone": array("h")}])
def test_a_cue_without_samples_is_reported_not_played_and_does_not_stop_the_rest(
    clips: dict[str, array[int]],
) -> None:
    clock = FakeClock(0.0)
    mixer = Mixer(clips, clock, RATE)
    missing = Cue("0:gone", "gone", 0.0)
    mixer.schedule([missing, Cue("0:short", "short", 0.001)])

    chunk = mixer.render(CHUNK)

    assert mixer.missing == [missing]
    assert [started.key for started in mixer.started] == ["0:short"]
    assert chunk[16] == -2000


def test_a_stale_cue_is_dropped_not_played_late() -> None:
    clock = FakeClock(100.0)
    mixer = make_mixer(clock)
    stale = Cue("0:hold", "short", 100.0 - STALE_SECONDS - 0.01)
    mixer.schedule([stale])

    chunk = mixer.render(CHUNK)
    mixer.schedule([stale])
    mixer.render(CHUNK)

    assert not any(chunk)
    assert mixer.started == []
    assert mixer.dropped == [stale]


def test_a_cue_late_by_less_than_the_stale_limit_still_plays() -> None:
    clock = FakeClock(100.0)
    mixer = make_mixer(clock)
    mixer.schedule([Cue("0:hold", "short", 100.0 - STALE_SECONDS + 0.01)])

    assert mixer.render(CHUNK)[0] == -2000
    assert mixer.dropped == []


def test_a_new_cue_cuts_off_the_clip_playing() -> None:
    clock = FakeClock(0.0)
    mixer = make_mixer(clock)
    mixer.schedule([Cue("pain_limit", "long", 0.0), Cue("three", "short", 100 / RATE)])

    chunk = mixer.render(CHUNK)

    assert list(chunk[:100]) == [1000] * 100
    assert list(chunk[100:150]) == [-2000] * 50
    assert not any(chunk[150:])  # the long clip does not resume


@pytest.mark.parametrize(
    ("volume", "expected"), [(0.5, -1000), (0.0, 0), (1.0, -2000), (3.0, -2000), (-1.0, 0)]
)
def test_volume_scales_the_samples_within_0_to_1(volume: float, expected: int) -> None:
    clock = FakeClock(0.0)
    mixer = make_mixer(clock)
    mixer.set_volume(volume)
    mixer.schedule([Cue("a", "short", 0.0)])

    chunk = mixer.render(CHUNK)

    assert list(chunk[:50]) == [expected] * 50
    assert mixer.volume == max(0.0, min(1.0, volume))


def test_the_volume_set_at_start_applies() -> None:
    mixer = Mixer({"short": SHORT}, FakeClock(0.0), RATE, volume=0.25)
    mixer.schedule([Cue("a", "short", 0.0)])

    assert mixer.render(CHUNK)[0] == -500
