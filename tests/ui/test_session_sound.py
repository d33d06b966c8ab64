"""Session sound through a recording player: every cue on time, none twice; no device, no crash."""

from __future__ import annotations

import logging
from array import array
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest
from textual.pilot import Pilot

from achilles_tui.audio.player import RecordingPlayer
from achilles_tui.domain.timer import Phase
from achilles_tui.storage.repository import ReadOnlyRepository
from achilles_tui.ui.screens.session import SessionScreen
from achilles_tui.ui.widgets.session_run import PlainLine
from tests.ui.session_support import (
    FakeMonotonic,
    history_with_plan,
    running_session,
    session_app,
)

STEP = 0.05


class Recorder:
    """A player factory that keeps the players it made (one per session)."""

    def __init__(self, unavailable: str | None = None) -> None:
        self.players: list[RecordingPlayer] = []
        self.unavailable = unavailable

    def __call__(
        self, clips: Mapping[str, array[int]], clock: Callable[[], float], volume: float
    ) -> RecordingPlayer:
        player = RecordingPlayer(clips, clock, volume=volume, unavailable=self.unavailable)
        self.players.append(player)
        return player


async def run_for(
    pilot: Pilot[None], clock: FakeMonotonic, seconds: float, recorder: Recorder
) -> None:
    """Move time on in small steps; the players 'play' whatever came due."""
    for _ in range(round(seconds / STEP)):
        clock.advance(STEP)
        for player in recorder.players:
            player.poll()
        screen = pilot.app.screen
        if isinstance(screen, SessionScreen) and screen.timer is not None:
            screen._tick()
        await pilot.pause()


def expected_cues(reps: int, hold: float, rest: float, ready: float) -> list[tuple[str, float]]:
    """What a two-leg session must say, and when (seconds from Enter)."""
    out: list[tuple[str, float]] = [("get_ready", 0.0), ("pain_limit", None)]  # type: ignore[list-item]
    at = ready
    for rep in range(1, reps + 1):
        out.append(("hold", at))
        out += [("three", at + hold - 3), ("two", at + hold - 2), ("one", at + hold - 1)]
        at += hold
        if rep < reps:
            out.append(("rest", at))
            if rep == reps - 1:
                out.append(("last_one", None))  # type: ignore[arg-type]
            at += rest
    out.append(("done", at))
    return out


async def test_a_whole_session_speaks_every_cue_on_time_and_none_twice(data_dir: Path) -> None:
    recorder = Recorder()
    async with running_session(
        data_dir, factory=recorder, reps=3, hold=6, rest=4, get_ready=5, far_mode="on"
    ) as (app, pilot, clock):
        start = clock.now
        await run_for(pilot, clock, 5 + 3 * 6 + 2 * 4 + 0.5, recorder)
        assert type(app.screen).__name__ == "RatingModal"
    (player,) = recorder.players
    played = [(s.clip, s.at - start, s.started_at - s.at) for s in player.started]
    keys = [s.key for s in player.started]
    assert len(keys) == len(set(keys)), f"a cue played twice: {keys}"
    assert player.missing == [] and player.dropped == []
    for clip, at in expected_cues(3, 6, 4, 5):
        matches = [p for p in played if p[0] == clip and (at is None or abs(p[1] - at) < 1e-6)]
        assert len(matches) == 1, f"{clip} at {at}: {played}"
    # The player is polled every 50 ms here, so a cue can start at most one poll late.
    assert all(late <= STEP + 1e-9 for _clip, _at, late in played)
    assert [p[0] for p in played].count("hold") == 3


async def test_a_pause_silences_and_resume_replans_without_repeats(data_dir: Path) -> None:
    recorder = Recorder()
    async with running_session(
        data_dir, factory=recorder, reps=2, hold=10, rest=4, get_ready=3, far_mode="on"
    ) as (_app, pilot, clock):
        await run_for(pilot, clock, 4, recorder)  # 1 s into hold 1 (ends 10 s later)
        await pilot.press("space")
        await pilot.pause()
        (player,) = recorder.players
        assert player.pending == [], "nothing waits to play while paused"
        heard = len(player.started)
        await run_for(pilot, clock, 20, recorder)
        assert len(player.started) == heard, "a paused session stays quiet"
        await pilot.press("space")
        await run_for(pilot, clock, 8.5, recorder)
        clips = [s.clip for s in player.started]
        assert clips.count("hold") == 1 and clips[-3:] == ["three", "two", "one"]
        keys = [s.key for s in player.started]
        assert len(keys) == len(set(keys))


async def test_with_no_sound_device_the_session_runs_to_the_end_on_the_bell(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="achilles_tui")
    monkeypatch.setenv("ACHILLES_TUI_AUDIO", "none")  # the real factory, as on a server
    history_with_plan(data_dir, reps=2, hold=5, rest=2, far_mode="auto")
    clock = FakeMonotonic()
    app = session_app(data_dir, clock)
    bells: list[float] = []
    app.bell = lambda: bells.append(clock.now)  # type: ignore[method-assign]
    notices: list[str] = []
    original_notify = app.notify

    def notify(message: str, **kwargs: object) -> None:
        notices.append(message)
        original_notify(message, **kwargs)  # type: ignore[arg-type]

    app.notify = notify  # type: ignore[method-assign]
    shown: list[str] = []
    async with app.run_test(size=(100, 30)) as pilot:
        for _round in range(2):
            await pilot.press("s", "enter")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, SessionScreen) and screen.timer is not None
            assert screen.sound is not None and screen.sound.mode == "bell"
            line = screen.query_one("#run-notice", PlainLine)
            if line.display:
                shown.append(line.text)
            while screen.timer is not None and screen.timer.phase is not Phase.DONE:
                clock.advance(0.5)
                screen._tick()
                await pilot.pause()
            assert type(app.screen).__name__ == "RatingModal"
            await pilot.press("2", "c", "enter")
            await pilot.pause()
    # One plain line in the session's layout, once per run; the detail goes to the log.
    assert shown == ["No sound device found: the terminal bell rings instead."]
    assert not [n for n in notices if "sound" in n.lower()], "no toast over the status line"
    assert "ACHILLES_TUI_AUDIO=none" in caplog.text
    assert bells, "the bell rings instead"
    sessions = ReadOnlyRepository(data_dir).sessions()
    assert len(sessions) == 2 and all(s.complete for s in sessions)


async def test_m_cycles_the_sound_and_v_the_volume_mid_session(data_dir: Path) -> None:
    recorder = Recorder()
    async with running_session(
        data_dir, factory=recorder, reps=2, hold=10, rest=4, far_mode="on"
    ) as (app, pilot, clock):
        await run_for(pilot, clock, 1, recorder)
        await pilot.press("v")
        await pilot.pause()
        assert recorder.players[0].volume == pytest.approx(0.6)
        await pilot.press("m")  # voice -> tones: a new player with the tones
        await pilot.pause()
        assert len(recorder.players) == 2 and recorder.players[0].closed
        await pilot.press("m")  # tones -> bell: no player
        await pilot.pause()
        assert recorder.players[1].closed
        screen = app.screen
        assert isinstance(screen, SessionScreen) and screen.sound is not None
        assert screen.sound.mode == "bell" and screen.sound.player is None
    settings = ReadOnlyRepository(data_dir).settings()
    assert (settings.sound, settings.volume) == ("bell", 60)


async def test_in_the_browser_the_session_says_it_is_silent_and_opens_no_device(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from textual.widgets import Static

    from achilles_tui.ui.app import AchillesApp
    from achilles_tui.ui.session_sound import WEB_NOTE

    monkeypatch.setattr(AchillesApp, "is_web", property(lambda _self: True))
    history_with_plan(data_dir, reps=1, hold=5, rest=2)
    clock = FakeMonotonic()
    recorder = Recorder()
    app = session_app(data_dir, clock)
    app.cue_player_factory = recorder
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        assert WEB_NOTE in str(app.screen.query_one("#ready-settings", Static).render())
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen) and screen.sound is not None
        assert screen.sound.mode == "off" and recorder.players == []


async def test_the_palette_sets_the_sound_and_the_far_view_from_any_section(
    data_dir: Path,
) -> None:
    history_with_plan(data_dir, reps=1, hold=5, rest=2)
    app = session_app(data_dir, FakeMonotonic())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        titles = [command.title for command in app._sound_commands()]
        assert {"Sound: spoken cues", "Sound: tones", "Sound: terminal bell", "Sound: off"} <= set(
            titles
        )
        assert "Far view: always" in titles and "Sound volume: 40%" in titles
        app._session_setting("set_sound", "sound", "tones")  # Today: no Session screen yet
        app._session_setting("set_far_mode", "far_mode", "on")
        await pilot.press("s")
        await pilot.pause()
        app._session_setting("set_volume", "volume", 40)  # through the open Session screen
        await pilot.pause()
    settings = ReadOnlyRepository(data_dir).settings()
    assert (settings.sound, settings.far_mode, settings.volume) == ("tones", "on", 40)
