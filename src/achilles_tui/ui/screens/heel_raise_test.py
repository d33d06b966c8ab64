"""The guided heel-raise test (clinical.md §E6 "Heel-raise test"): a metronome and a count.

One leg at a time, the other (non-sore) side first: a beep every 2 s, one rise per beep,
until pace or height fails or pain goes over 5/10. The person confirms or corrects each
count with the keyboard, gives the test's pain, and the result is stored through the
heel-raise-test use case. Escape leaves at any point before that without saving anything.

The count is worked out from the injected monotonic clock (beats since the start), never
from ticks; ``set_interval`` only repaints. The beeps go through the session's sound
machinery (tones on the speakers, the terminal bell, or nothing) planned ahead against
those same beat times.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import Digits, Header, Static

from achilles_tui.care.heel_raise_test import (
    BEAT_SECONDS,
    TEST_PAIN_LIMIT,
    reached_bars,
    record_heel_raise_test,
    result_text,
    sore_side,
)
from achilles_tui.domain.models import DomainError, HeelRaiseTest
from achilles_tui.storage.errors import StorageError
from achilles_tui.ui.context import AchillesContext, context_of
from achilles_tui.ui.widgets.key_bar import KeyBar
from achilles_tui.ui.widgets.pain_scale import PainScale

if TYPE_CHECKING:
    from textual.app import App

    from achilles_tui.storage.repository import Repository
    from achilles_tui.ui.session_sound import SessionSound

MAX_COUNT = 200  # the most a stored test can hold
BEEP_CLIP = "three"  # the short high tick of the tone set
PLAN_AHEAD_BEATS = 30  # beeps handed to the player at a time (a minute)
REPAINT_SECONDS = 0.1
REFUSED_TITLE = "No heel-raise test now"
INSTRUCTIONS = (
    "• One leg on a flat floor, knee straight, fingertips on a wall for balance.\n"
    "• On each beep (one every 2 s), rise as high as is comfortable, then lower.\n"
    "• Stop when you cannot keep the pace or the height, or pain goes over 5/10.\n"
    "  Only good, full rises count."
)


class Stage(StrEnum):
    """Where the test stands."""

    INTRO = "intro"
    COUNT = "count"
    CONFIRM = "confirm"
    PAIN = "pain"
    RESULT = "result"
    STOPPED = "stopped"


@dataclass(frozen=True)
class Metronome:
    """Beats every ``beat_seconds`` after ``start``; the first beep comes one beat in."""

    start: float
    beat_seconds: float = BEAT_SECONDS

    def beats(self, now: float) -> int:
        """Beeps heard by ``now`` (each one a rise asked for)."""
        return max(0, math.floor((now - self.start) / self.beat_seconds + 1e-9))

    def beat_at(self, number: int) -> float:
        """When beep ``number`` (1, 2, ...) sounds."""
        return self.start + number * self.beat_seconds

    def rising(self, now: float) -> bool:
        """True in the first half of a beat (going up), False going down."""
        into = (now - self.start) % self.beat_seconds
        return into < self.beat_seconds / 2


@dataclass(frozen=True)
class Leg:
    """One side of the test: which leg, and whether it is the sore one."""

    name: str  # "left" / "right" / "sorer"
    sore: bool

    @property
    def words(self) -> str:
        """'your LEFT leg (the sore side)'."""
        if self.name == "sorer":
            return "your sorer leg"
        which = "the sore side" if self.sore else "the other, non-sore side"
        return f"your {self.name.upper()} leg ({which})"


def legs_for(sore_side: str) -> tuple[Leg, ...]:
    """Other side first, then the sore side; only one leg when both are sore."""
    if sore_side not in ("left", "right"):
        return (Leg("sorer", sore=True),)
    other = "right" if sore_side == "left" else "left"
    return (Leg(other, sore=False), Leg(sore_side, sore=True))


class HeelRaiseTestScreen(Screen[HeelRaiseTest | None]):
    """Instructions, a metronome per leg, the counts confirmed, the test pain, the result."""

    CSS_PATH = "../styles/heel_raise_test.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,space", "start", "Start", key_display="Enter"),
        Binding("space,enter", "stop", "Stop: pace or height failed", key_display="Space"),
        Binding("x", "pain_stop", "Pain over 5/10"),
        Binding("up,plus", "adjust(1)", "One more", key_display="+"),
        Binding("down,minus", "adjust(-1)", "One less", key_display="-"),
        Binding("enter", "confirm", "Confirm", key_display="Enter"),
        Binding("enter", "save", "Save", key_display="Enter"),
        Binding("enter,escape", "close", "Close", key_display="Enter"),
        Binding("escape", "cancel", "Cancel (saves nothing)", key_display="Esc"),
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("f2", "learn", "Learn"),
    ]
    _BY_STAGE: ClassVar[dict[Stage, frozenset[str]]] = {
        Stage.INTRO: frozenset({"start", "cancel"}),
        Stage.COUNT: frozenset({"stop", "pain_stop", "cancel"}),
        Stage.CONFIRM: frozenset({"adjust", "confirm", "cancel"}),
        Stage.PAIN: frozenset({"save", "cancel"}),
        Stage.RESULT: frozenset({"close"}),
        Stage.STOPPED: frozenset({"close"}),
    }

    def __init__(self, repo: Repository, sore_side: str) -> None:
        super().__init__()
        self.repo = repo
        self.sore_side = sore_side
        self.legs = legs_for(sore_side)
        self.leg_index = 0
        self.stage = Stage.INTRO
        self.counts: list[int] = []
        self.typed = ""  # digits typed for a count or the pain
        self.count = 0  # the count being confirmed
        self.pain: int | None = None
        self.stopped_for_pain = False
        self.metronome: Metronome | None = None
        self.saved: HeelRaiseTest | None = None
        self.sound: SessionSound | None = None
        self._beats_shown = 0
        self._planned_to = 0
        self._repaint: Any = None

    @property
    def achilles(self) -> AchillesContext:
        """The app's clock, settings and sound choices."""
        return context_of(self.app)

    @property
    def leg(self) -> Leg:
        """The leg being tested now."""
        return self.legs[self.leg_index]

    # layout --------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        with Vertical(id="hrt-body"):
            yield Static(id="hrt-title", classes="section-title")
            yield Static(id="hrt-text")
            with Vertical(id="hrt-meter"):
                yield Digits("0", id="hrt-count")
                yield Static(id="hrt-pulse")
            yield PainScale(id="hrt-pain")
            yield Static(id="hrt-keys", classes="hint")
        yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = "Heel-raise test"
        self.show_stage()

    # keys ----------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Each stage shows only its own keys."""
        every = set().union(*self._BY_STAGE.values())
        if action not in every:
            return True
        return action in self._BY_STAGE[self.stage]

    def on_key(self, event: events.Key) -> None:
        """Digits type a count or the pain; Backspace takes one back."""
        if self.stage not in (Stage.CONFIRM, Stage.PAIN):
            return
        if event.character is not None and event.character.isdigit():
            limit = 3 if self.stage is Stage.CONFIRM else 2
            self.typed = (self.typed + event.character)[-limit:]
        elif event.key == "backspace":
            self.typed = self.typed[:-1]
        else:
            return
        event.stop()
        event.prevent_default()
        if self.stage is Stage.CONFIRM:
            self.count = min(int(self.typed or 0), MAX_COUNT)
        else:
            self.pain = int(self.typed) if self.typed else None
        self.show_stage()

    def action_start(self) -> None:
        """Start the metronome for the current leg (the first leg only while still offered)."""
        if self.stage is not Stage.INTRO:
            return
        if self.leg_index == 0 and not self._still_offered():
            return
        self.metronome = Metronome(self.achilles.monotonic())
        self._beats_shown = 0
        self._planned_to = 0
        self._open_sound()
        self._plan_beeps()
        self.stage = Stage.COUNT
        self._repaint = self.set_interval(REPAINT_SECONDS, self.tick)
        self.show_stage()

    def _still_offered(self) -> bool:
        """Ask the gate again before the first beep: the day may have changed since the
        screen opened (a session or test logged meanwhile). If not, say why and close."""
        from achilles_tui.care.heel_raise_test import heel_raise_test_offer

        offer = heel_raise_test_offer(self.repo, self.achilles.now())
        if offer.offered:
            return True
        self.app.bell()
        self.notify(offer.text, title=REFUSED_TITLE, severity="warning", timeout=10)
        self.action_close()
        return False

    def action_stop(self) -> None:
        """Pace or height failed: stop the beeps and confirm the count."""
        if self.stage is not Stage.COUNT:
            return
        self._stop_metronome()
        self.stage = Stage.CONFIRM
        self.typed = ""
        self.show_stage()

    def action_pain_stop(self) -> None:
        """Pain over 5/10: the test stops here (MON-ISOT-SET-PAIN), marked over the limit."""
        if self.stage is not Stage.COUNT:
            return
        self._stop_metronome()
        if not self.leg.sore:
            # The sore side was never tested, so there is no result to keep.
            self.stage = Stage.STOPPED
        else:
            self.stopped_for_pain = True
            self.stage = Stage.CONFIRM
            self.typed = ""
        self.show_stage()

    def action_adjust(self, step: int) -> None:
        """Correct the count by one."""
        if self.stage is Stage.CONFIRM:
            self.count = max(0, min(MAX_COUNT, self.count + step))
            self.typed = ""
            self.show_stage()

    def action_confirm(self) -> None:
        """Keep this leg's count; the next leg, or the pain question."""
        if self.stage is not Stage.CONFIRM:
            return
        self.counts.append(self.count)
        self.typed = ""
        if self.leg_index + 1 < len(self.legs) and not self.stopped_for_pain:
            self.leg_index += 1
            self.stage = Stage.INTRO
        else:
            self.stage = Stage.PAIN
        self.show_stage()

    def action_save(self) -> None:
        """Store the test with its pain (pain over 5/10 marks it over the limit)."""
        if self.stage is not Stage.PAIN:
            return
        if self.pain is None or not 0 <= self.pain <= 10:
            self.app.bell()
            self.notify("Type the test's pain, 0 to 10, then Enter.", title="Pain")
            return
        sore = self.counts[-1]
        other = self.counts[0] if len(self.counts) > 1 else None
        try:
            self.saved = record_heel_raise_test(
                self.repo,
                self.achilles.today(),
                sore,
                other,
                self.pain,
                at=self.achilles.now(),
                source="guided",
                over_limit=self.stopped_for_pain,
            )
        except (StorageError, DomainError) as exc:
            self.notify(str(exc), title="Not saved", severity="error")
            return
        self.stage = Stage.RESULT
        self.show_stage()

    def action_close(self) -> None:
        """Back to where the test was started from."""
        self._close_sound()
        self.dismiss(self.saved)

    def action_cancel(self) -> None:
        """Leave without saving anything."""
        self._stop_metronome()
        self._close_sound()
        self.notify("Heel-raise test cancelled; nothing was saved.")
        self.dismiss(None)

    def action_help(self) -> None:
        """What the test is and its keys."""
        from achilles_tui.ui.help_text import heel_raise_test_help
        from achilles_tui.ui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(heel_raise_test_help()))

    def action_learn(self) -> None:
        """The Learn page on the test (F2), not the positions page."""
        from achilles_tui.ui.screens.learn import LearnScreen

        self.app.push_screen(LearnScreen("hr-test"))

    def unsaved_input(self) -> str | None:
        """A test under way, so quitting the app asks first."""
        if self.stage in (Stage.RESULT, Stage.STOPPED) or (
            self.stage is Stage.INTRO and self.leg_index == 0
        ):
            return None
        return "the heel-raise test"

    def on_screen_suspend(self) -> None:
        """Help or another section over the test: the count stops where it is."""
        if self.stage is Stage.COUNT:
            self.action_stop()

    # metronome -----------------------------------------------------------------
    def tick(self) -> None:
        """Repaint the count and pulse; a new beat flashes (and rings, in bell mode)."""
        if self.stage is not Stage.COUNT or self.metronome is None:
            return
        now = self.achilles.monotonic()
        beats = min(self.metronome.beats(now), MAX_COUNT)
        if beats > self._beats_shown:
            self._beats_shown = beats
            self._beat()
        self.count = beats
        self._plan_beeps()
        self._show_meter(now)
        if beats >= MAX_COUNT:
            self.action_stop()

    def _beat(self) -> None:
        """A new rise: flash the pulse, ring the bell when that is the sound."""
        pulse = self.query_one("#hrt-pulse", Static)
        pulse.add_class("-beat")
        pulse.set_timer(0.3, lambda: pulse.remove_class("-beat"))
        if self.sound is not None and self.sound.mode == "bell":
            self.app.bell()

    def _open_sound(self) -> None:
        """Tones on the speakers when the person hears voice or tones; else the bell or nothing."""
        from achilles_tui.ui.session_sound import SessionSound

        if self.sound is not None:
            return
        settings = self.achilles.settings
        mode = "tones" if settings.sound in ("voice", "tones") else settings.sound
        self.sound = SessionSound(
            self.app,
            self.query_one("#hrt-pulse"),
            mode,
            settings.volume,
            self.achilles.monotonic,
            self.achilles.cue_player_factory,
        )
        if self.sound.problem and not self.achilles.sound_notice_given:
            self.achilles.sound_notice_given = True
            self.notify(
                f"No sound device ({self.sound.problem}); the terminal bell rings instead.",
                title="Sound",
            )

    def _plan_beeps(self) -> None:
        """Hand the player the next minute of beeps, against the metronome's beat times."""
        from achilles_tui.domain.cues import Cue

        sound, metronome = self.sound, self.metronome
        if sound is None or sound.player is None or metronome is None:
            return
        now_beats = metronome.beats(self.achilles.monotonic())
        if self._planned_to - now_beats > PLAN_AHEAD_BEATS // 2:
            return
        first = now_beats + 1
        self._planned_to = min(first + PLAN_AHEAD_BEATS, MAX_COUNT)
        cues = [
            Cue(f"hrt-{self.leg_index}-{n}", BEEP_CLIP, metronome.beat_at(n))
            for n in range(first, self._planned_to + 1)
        ]
        sound.player.schedule(cues)

    def _stop_metronome(self) -> None:
        """No more beeps or repaints; the count is what it was at the stop."""
        if self.metronome is not None and self.stage is Stage.COUNT:
            beats = min(self.metronome.beats(self.achilles.monotonic()), MAX_COUNT)
            self.count = beats
        if self._repaint is not None:
            self._repaint.stop()
            self._repaint = None
        if self.sound is not None:
            self.sound.quiet()
        self.metronome = None

    def _close_sound(self) -> None:
        if self.sound is not None:
            self.sound.close()
            self.sound = None

    def on_unmount(self) -> None:
        self._stop_metronome()
        self._close_sound()

    # view ----------------------------------------------------------------------
    def show_stage(self) -> None:
        """Fill the page for the current stage."""
        title = self.query_one("#hrt-title", Static)
        text = self.query_one("#hrt-text", Static)
        keys = self.query_one("#hrt-keys", Static)
        meter = self.query_one("#hrt-meter")
        pain = self.query_one("#hrt-pain", PainScale)
        meter.display = self.stage in (Stage.COUNT, Stage.CONFIRM)
        pain.display = self.stage is Stage.PAIN
        step = f"leg {self.leg_index + 1} of {len(self.legs)}"
        stage = self.stage
        if stage is Stage.INTRO:
            title.update(f"Heel-raise test, {step}: {escape(self.leg.words)}")
            first = self.leg_index == 0
            lead = (
                INSTRUCTIONS
                if first
                else "Rest a minute first. Same as before: flat floor, knee straight, "
                "fingertips on the wall, one rise on each beep."
            )
            order = (
                "\n\nThe other side goes first: it shows what your sore side is aiming for."
                if first and len(self.legs) > 1
                else ""
            )
            text.update(f"{lead}{order}")
            keys.update("Enter starts the beeps.  Esc cancels (nothing is saved).  ? help")
        elif stage is Stage.COUNT:
            title.update(f"Heel-raise test, {step}: {escape(self.leg.words)}")
            text.update("Rise on each beep. Count shown: beeps so far.")
            keys.update("Space: stop (pace or height failed).  x: pain over 5/10.  Esc: cancel.")
            self._show_meter(self.achilles.monotonic())
        elif stage is Stage.CONFIRM:
            title.update(f"How many good rises, {escape(self.leg.words)}?")
            why = (
                "You stopped because of pain over 5/10: the test ends after this count. "
                if self.stopped_for_pain
                else ""
            )
            text.update(
                f"{why}The count is the beeps heard; correct it if the last ones were not "
                "full, good rises."
            )
            keys.update("+/- or arrows correct it, or type the number.  Enter confirms.")
            self.query_one("#hrt-count", Digits).update(str(self.count))
            self.query_one("#hrt-pulse", Static).update("")
        elif stage is Stage.PAIN:
            title.update("Pain during the test (0-10)")
            text.update(
                "The highest pain in your sore tendon during the test. Over 5/10 marks the "
                "test as over the limit: then rest from heel raises for today."
            )
            pain.value = self.pain
            keys.update("Type 0-10, Enter saves.  Esc cancels (nothing is saved).")
        elif stage is Stage.RESULT:
            self._show_result(title, text, keys)
        else:
            title.update("Test stopped: pain over 5/10")
            text.update(
                "Nothing was saved: the sore side was not tested. That is above the "
                "acceptable level, so stop for today (MON-ISOT-SET-PAIN). If it stays up, "
                "log it in the diary (d)."
            )
            keys.update("Enter or Esc closes.")
        self.refresh_bindings()

    def _show_meter(self, now: float) -> None:
        """The running count, and the pulse: going up or coming down."""
        self.query_one("#hrt-count", Digits).update(str(self.count))
        pulse = self.query_one("#hrt-pulse", Static)
        metronome = self.metronome
        if metronome is None:
            return
        if metronome.beats(now) == 0:
            pulse.update("Get ready: the first beep comes in 2 s")
        elif metronome.rising(now):
            pulse.update(f"▲ ▲ ▲  UP  ▲ ▲ ▲     {self.count} so far")
        else:
            pulse.update(f"▼ ▼ ▼  down  ▼ ▼ ▼   {self.count} so far")

    def _show_result(self, title: Static, text: Static, keys: Static) -> None:
        test = self.saved
        assert test is not None
        title.update("Heel-raise test saved")
        lines = [result_text(test)]
        if test.over_limit:
            lines.append(
                f"Pain over {TEST_PAIN_LIMIT}/10 is above the acceptable level: no more heel "
                "raises, sessions or tests today (MON-ISOT-SET-PAIN). They start again tomorrow."
            )
        elif reached_bars(test, self.sore_side):
            lines.append(
                "That meets the test's part of the milestone (20 raises, 90% of the other side, "
                "pain 2/10 or less). The weekly review looks at the rest."
            )
        else:
            lines.append("Progress shows your tests over time (p). Once every two weeks is enough.")
        lines.append("This test replaces today's loaded session.")
        text.update("\n".join(escape(line) for line in lines))
        keys.update("Enter or Esc closes.")


def open_heel_raise_test(
    app: App[Any], repo: Repository, done: Callable[[HeelRaiseTest | None], None]
) -> None:
    """Start the test from any section when it is offered today (MON-ISOT-HR-TEST, §F5
    decision 8); otherwise say which rule stops it and why, never nothing."""
    from achilles_tui.care.heel_raise_test import heel_raise_test_offer

    context = context_of(app)
    offer = heel_raise_test_offer(repo, context.now())
    if not offer.offered:
        app.bell()
        app.notify(offer.text, title=REFUSED_TITLE, severity="warning", timeout=10)
        return
    side = sore_side(repo, context.now().date(), context.settings.injured_side)
    app.push_screen(HeelRaiseTestScreen(repo, side), done)
