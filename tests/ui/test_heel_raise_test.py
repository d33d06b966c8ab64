"""The guided heel-raise test: other side first, a metronome on a hand-moved clock, counts
confirmed by keyboard, stored, and shown in Progress; Escape saves nothing; pain over 5/10."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Mapping
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from textual.widgets import Digits, Static

from achilles_tui.audio.player import RecordingPlayer
from achilles_tui.storage.database import HistoryStore
from achilles_tui.storage.repository import Repository
from achilles_tui.ui.app import AchillesApp, create_app
from achilles_tui.ui.screens.heel_raise_test import HeelRaiseTestScreen, Metronome, Stage
from tests.conftest import FROZEN_NOW, frozen_clock
from tests.ui.session_support import FakeMonotonic
from tests.ui.test_isotonic_support import GOOD_WEEK, isotonic_history


class Recorder:
    """A player factory that keeps the players it made."""

    def __init__(self) -> None:
        self.players: list[RecordingPlayer] = []

    def __call__(
        self, clips: Mapping[str, Any], clock: Callable[[], float], volume: float
    ) -> RecordingPlayer:
        player = RecordingPlayer(clips, clock, volume=volume)
        self.players.append(player)
        return player


def _app(data_dir: Path, clock: FakeMonotonic) -> AchillesApp:
    return create_app(data_dir, clock=frozen_clock, monotonic=clock)


def _tests(data_dir: Path) -> list[Any]:
    with HistoryStore(data_dir) as store:
        return Repository(store).heel_raise_tests()


def _screen_text(app: AchillesApp) -> str:
    """What the terminal shows, as plain text (read from the SVG screenshot)."""
    import html
    import re

    svg = app.export_screenshot()
    return html.unescape(" ".join(re.findall(r">([^<>]*)</text>", svg))).replace("\xa0", " ")


def _text(screen: HeelRaiseTestScreen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def _count(pilot: Any, clock: FakeMonotonic, seconds: float) -> HeelRaiseTestScreen:
    """Start the beeps, let ``seconds`` pass on the fake clock, repaint."""
    await pilot.press("enter")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, HeelRaiseTestScreen) and screen.stage is Stage.COUNT
    clock.advance(seconds)
    screen.tick()
    await pilot.pause()
    return screen


async def _confirmed(pilot: Any, clock: FakeMonotonic, seconds: float) -> None:
    """Count for ``seconds``, stop and confirm the count as shown (the other side's turn)."""
    await _count(pilot, clock, seconds)
    await pilot.press("space", "enter")
    await pilot.pause()


@asynccontextmanager
async def _test_opened(data_dir: Path, clock: FakeMonotonic, **history: Any) -> AsyncIterator[Any]:
    """A heel-raise history (``isotonic_history`` settings) after a good week, the test opened
    from Progress."""
    isotonic_history(data_dir, session_days=GOOD_WEEK, **history)
    async with _app(data_dir, clock).run_test(size=(80, 24)) as pilot:
        await pilot.press("p", "g")
        await pilot.pause()
        yield pilot


def test_metronome_counts_beats_from_the_clock_not_ticks() -> None:
    metronome = Metronome(start=100.0)
    assert [metronome.beats(100.0 + s) for s in (0, 1.9, 2.0, 5.9, 6.0, 41)] == [0, 0, 1, 2, 3, 20]
    assert metronome.beat_at(3) == 106.0
    assert metronome.rising(102.5) and not metronome.rising(103.5)


async def test_other_side_first_counts_confirmed_stored_and_shown_in_progress(
    data_dir: Path,
) -> None:
    isotonic_history(data_dir, level="T7", side="left", sound="tones", session_days=GOOD_WEEK)
    clock = FakeMonotonic()
    app = _app(data_dir, clock)
    recorder = Recorder()
    app.cue_player_factory = recorder
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("g")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HeelRaiseTestScreen)
        assert "RIGHT leg (the other, non-sore side)" in _text(screen, "#hrt-title")
        assert "fingertips on a wall" in _text(screen, "#hrt-text")

        # Other side: the first beep one beat in, one rise every 2 s.
        start = clock.now
        screen = await _count(pilot, clock, 1.0)
        assert "Get ready" in _text(screen, "#hrt-pulse")
        (player,) = recorder.players
        beeps = player.pending
        assert [cue.clip for cue in beeps[:3]] == ["three"] * 3
        assert [cue.at - start for cue in beeps[:3]] == [2.0, 4.0, 6.0]
        started = []
        for _beat in range(25):  # to 51 s in: 25 beeps, each played on its time
            clock.advance(2.0)
            started += player.poll()
            screen.tick()
        await pilot.pause()
        assert screen.query_one("#hrt-count", Digits).value == "25"
        assert [c.clip for c in started] == ["three"] * 25
        assert all(c.latency <= 1.0 for c in started)
        await pilot.press("space")
        await pilot.pause()
        assert screen.stage is Stage.CONFIRM
        assert player.cancels >= 1  # stopping silences what was planned
        await pilot.press("enter")  # 25 confirmed
        await pilot.pause()

        # Sore side: stopped at 20 beeps, the last one corrected away.
        assert screen.stage is Stage.INTRO
        assert "LEFT leg (the sore side)" in _text(screen, "#hrt-title")
        await _count(pilot, clock, 40.5)
        assert screen.query_one("#hrt-count", Digits).value == "20"
        await pilot.press("space", "minus")
        await pilot.pause()
        assert screen.count == 19
        await pilot.press("enter")
        await pilot.pause()
        assert screen.stage is Stage.PAIN
        await pilot.press("3", "enter")
        await pilot.pause()
        assert screen.stage is Stage.RESULT
        assert "76% of the other side" in _text(screen, "#hrt-text")

        assert app.repo is not None
        (test,) = app.repo.heel_raise_tests()
        assert (test.reps_other, test.reps_affected, test.test_pain) == (25, 19, 3)
        assert test.source == "guided" and not test.over_limit
        assert test.date == FROZEN_NOW.date()

        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "ProgressScreen"
        card = app.screen.query_one("#progress-hr-tests", Static)
        assert card.display
        await pilot.press("end")
        await pilot.pause()
        shown = _screen_text(app)
        assert "Heel-raise tests" in shown
        assert "76%" in shown


async def test_typed_count_replaces_the_beeps(data_dir: Path) -> None:
    isotonic_history(data_dir, level="T8", session_days=GOOD_WEEK)
    clock = FakeMonotonic()
    async with _app(data_dir, clock).run_test(size=(80, 24)) as pilot:
        await pilot.press("t", "g")
        await pilot.pause()
        screen = await _count(pilot, clock, 12.0)
        await pilot.press("space", "2", "2")
        await pilot.pause()
        assert screen.count == 22
        await pilot.press("backspace")
        await pilot.pause()
        assert screen.count == 2


async def test_escape_saves_nothing(data_dir: Path) -> None:
    clock = FakeMonotonic()
    async with _test_opened(data_dir, clock, level="T7") as pilot:
        await _confirmed(pilot, clock, 30.0)  # the other side
        await _count(pilot, clock, 20.0)
        await pilot.press("space", "enter", "4")  # sore side, pain typed, not saved
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert type(pilot.app.screen).__name__ == "ProgressScreen"
    assert _tests(data_dir) == []


async def test_pain_over_5_on_the_sore_side_stops_and_is_over_limit(data_dir: Path) -> None:
    clock = FakeMonotonic()
    async with _test_opened(data_dir, clock, level="T7") as pilot:
        await _confirmed(pilot, clock, 44.0)
        screen = await _count(pilot, clock, 16.0)
        await pilot.press("x")
        await pilot.pause()
        assert screen.stage is Stage.CONFIRM and screen.count == 8
        assert "pain over 5/10" in _text(screen, "#hrt-text")
        await pilot.press("enter", "7", "enter")
        await pilot.pause()
        assert screen.stage is Stage.RESULT
        assert "MON-ISOT-SET-PAIN" in _text(screen, "#hrt-text")
    (test,) = _tests(data_dir)
    assert test.over_limit and test.reps_affected == 8 and test.reps_other == 22


async def test_pain_over_5_typed_after_the_test_marks_it_over_limit(data_dir: Path) -> None:
    clock = FakeMonotonic()
    async with _test_opened(data_dir, clock, level="T7") as pilot:
        await _confirmed(pilot, clock, 40.0)
        await _count(pilot, clock, 30.0)
        await pilot.press("space", "enter", "6", "enter")
        await pilot.pause()
    (test,) = _tests(data_dir)
    assert test.over_limit and test.test_pain == 6


async def test_pain_over_5_on_the_other_side_stops_without_saving(data_dir: Path) -> None:
    clock = FakeMonotonic()
    async with _test_opened(data_dir, clock, level="T7") as pilot:
        screen = await _count(pilot, clock, 10.0)
        await pilot.press("x")
        await pilot.pause()
        assert screen.stage is Stage.STOPPED
        assert "Nothing was saved" in _text(screen, "#hrt-text")
    assert _tests(data_dir) == []


async def test_both_sides_sore_tests_one_leg(data_dir: Path) -> None:
    clock = FakeMonotonic()
    async with _test_opened(data_dir, clock, level="T7", side="both") as pilot:
        assert "your sorer leg" in _text(pilot.app.screen, "#hrt-title")
        await _count(pilot, clock, 24.0)
        await pilot.press("space", "enter", "2", "enter")
        await pilot.pause()
    (test,) = _tests(data_dir)
    assert (test.reps_affected, test.reps_other) == (12, None)


async def test_bell_mode_rings_on_each_beat(data_dir: Path) -> None:
    isotonic_history(data_dir, level="T7", sound="bell", session_days=GOOD_WEEK)
    clock = FakeMonotonic()
    app = _app(data_dir, clock)
    bells: list[float] = []
    async with app.run_test(size=(80, 24)) as pilot:
        app.bell = lambda: bells.append(clock.now)  # type: ignore[method-assign]
        await pilot.press("p", "g")
        await pilot.pause()
        screen = await _count(pilot, clock, 2.0)
        clock.advance(2.0)
        screen.tick()
        await pilot.pause()
    assert len(bells) == 2


async def test_help_on_the_screen(data_dir: Path) -> None:
    isotonic_history(data_dir, level="T7", session_days=GOOD_WEEK)
    async with _app(data_dir, FakeMonotonic()).run_test(size=(80, 24)) as pilot:
        await pilot.press("p", "g", "question_mark")
        await pilot.pause()
        assert type(pilot.app.screen).__name__ == "HelpScreen"
        assert "Heel-raise test" in pilot.app.screen.markdown


async def test_today_offers_the_test_only_at_t7_t8_without_a_recent_test(data_dir: Path) -> None:
    isotonic_history(data_dir, level="T5")
    async with _app(data_dir, FakeMonotonic()).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not pilot.app.screen.query_one("#today-test").display
        await pilot.press("g")
        await pilot.pause()
        assert type(pilot.app.screen).__name__ == "TodayScreen"


async def test_the_command_palette_lists_the_test(data_dir: Path) -> None:
    isotonic_history(data_dir, level="T7", session_days=GOOD_WEEK)
    app = _app(data_dir, FakeMonotonic())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Heel-raise test" in titles
        app.action_heel_raise_test()
        await pilot.pause()
        assert isinstance(app.screen, HeelRaiseTestScreen)


async def test_the_command_palette_below_t7_says_why_not(data_dir: Path) -> None:
    """MON-ISOT-HR-TEST (§F5 decision 8): the palette asks the same gate as Today and Progress."""
    isotonic_history(data_dir, level="T3")
    app = _app(data_dir, FakeMonotonic())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.action_heel_raise_test()
        await pilot.pause()
        assert type(app.screen).__name__ == "TodayScreen"
        (note,) = [n for n in app._notifications if n.title == "No heel-raise test now"]
        assert "MON-ISOT-HR-TEST" in note.message and "T3" in note.message
