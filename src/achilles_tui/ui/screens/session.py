"""The guided session: rep by rep, readable from a metre away, never losing a rep.

The countdown is ``deadline - monotonic()`` from the pure ``SessionTimer`` (or, for a
heel-raise plan, its ``TempoTimer``, paced up and down set by set); the interval below
only polls it and repaints what changed. Each finished hold, or set of heel raises, is
saved the moment it ends.
"""

from __future__ import annotations

import logging
import math
from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.markup import escape
from textual.timer import Timer
from textual.widgets import Static

from achilles_tui.care.errors import Refused
from achilles_tui.care.sessions import (
    SessionGate,
    begin_session,
    check_resume,
    finish_session,
    record_hold,
    session_gate,
)
from achilles_tui.domain.care_state import CareState, CareStateKind
from achilles_tui.domain.flare import SessionPlan
from achilles_tui.domain.models import (
    FAR_MODES,
    SOUND_MODES,
    VOLUME_STEPS,
    HeelRaise,
    Plan,
    SessionLog,
    Surface,
)
from achilles_tui.domain.rules import RULES
from achilles_tui.domain.tempo_timer import make_timer, runs_per_side
from achilles_tui.domain.timer import (
    Event,
    Finished,
    RepCompleted,
    RepPoint,
    SessionTimer,
)
from achilles_tui.domain.today import plan_lines
from achilles_tui.domain.wording import count, side_words
from achilles_tui.storage.errors import StorageError
from achilles_tui.ui.rule_tag import tagged_markup
from achilles_tui.ui.screens.base import SectionScreen
from achilles_tui.ui.session_sound import SOUND_WORDS, WEB_NOTE, SessionSound
from achilles_tui.ui.widgets.hanging import HangingText
from achilles_tui.ui.widgets.session_run import FAR_MIN_SIZE, SessionRun

if TYPE_CHECKING:
    from achilles_tui.storage.repository import Repository

GET_READY_CHOICES = (3, 5, 10, 15)
SIDE_CHOICES = (("both", "left"), ("injured", "left"), ("injured", "right"))
# The next wake-up is the earlier of the phase deadline and the moment the shown
# second changes, so the display repaints about once a second and phase changes
# (with their bells) land within a few milliseconds of the deadline.
MIN_WAKE = 0.02
PAUSED_WAKE = 0.5
WAKE_MARGIN = 0.003
CLOSE_SOUND_AFTER = 4.0
_log = logging.getLogger(__name__)


class SessionScreen(SectionScreen):
    """Start, run and rate today's session; offers to resume an interrupted one."""

    MODE = "session"
    CSS_PATH = "../styles/session.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "start", "Start", show=True),
        Binding("r", "resume", "Resume", show=True),
        Binding("space", "pause", "Pause/resume", show=True),
        Binding("s", "skip", "Skip phase", show=True),
        # Heel raises: the same key skips the rest of the set (or the rest, or get ready).
        Binding("s", "skip_set", "Skip set", show=True),
        Binding("x", "too_painful", "Hurts >5/10", show=True),
        Binding("q,escape", "end_early", "End early", show=True),
        Binding("f", "toggle_far", "Far/near view", show=True),
        Binding("m", "cycle_sound", "Sound", show=True),
        Binding("v", "cycle_volume", "Volume", show=True),
        Binding("g", "cycle_get_ready", "Get-ready time", show=True),
        Binding("i", "cycle_sides", "Sides", show=True),
    ]

    def __init__(self, repo: Repository) -> None:
        super().__init__(repo)
        self.timer: SessionTimer | None = None
        self.session: SessionLog | None = None
        self._poll: Timer | None = None
        self.gate: SessionGate | None = None
        self._shown_kind: CareStateKind | None = None
        self.sound: SessionSound | None = None
        self._closing_sound: SessionSound | None = None
        self._planned_for: tuple[int, bool] | None = None
        self._paused_by_question = False
        # f's choice of far or near, for the session running only (None: as set).
        self._far_this_session: bool | None = None

    # layout --------------------------------------------------------------------
    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="session-ready"):
            yield Static(id="ready-text")
            yield Static(id="ready-settings", classes="hint")
        yield SessionRun()

    def on_mount(self) -> None:
        self.query_one(SessionRun).display = False
        self._prepare_audio()

    def _prepare_audio(self) -> None:
        """Import the audio library in the background, so Enter starts without that wait."""
        if self.achilles.settings.sound in ("voice", "tones") and not self.app.is_web:
            self.run_worker(_import_audio, thread=True, exit_on_error=False)

    @property
    def run_view(self) -> SessionRun:
        """The running session's widgets."""
        return self.query_one(SessionRun)

    @property
    def running(self) -> bool:
        """A session is on screen and not yet rated."""
        return self.timer is not None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Show only the keys that make sense in the current state (and the care state)."""
        run_only = {"pause", "skip", "skip_set", "too_painful", "end_early", "toggle_far"}
        ready_only = {"start", "resume", "cycle_get_ready", "cycle_sides"}
        if action == "cycle_volume":
            return self.achilles.settings.sound in ("voice", "tones")
        if action in ("skip", "skip_set"):
            # One "s" key, named for what it skips; only one of the two is ever offered.
            timer = self.timer
            return timer is not None and (timer.unit == "set") == (action == "skip_set")
        if action in run_only:
            return self.running
        if action in ready_only:
            if self.running:
                return False
            gate = self.gate
            if action in ("start", "resume") and (gate is None or not gate.care.session_allowed):
                return False
            if action == "resume":
                return gate is not None and gate.resumable is not None
            if action == "start":
                return gate is not None and gate.today is not None
            if action == "cycle_sides":
                return self._has_one_leg_holds()
        return True

    def _shown_plan(self) -> Plan | None:
        """The plan the ready view describes, as it runs today (None before any plan)."""
        gate = self.gate
        if gate is not None and gate.today is not None:
            return gate.today.plan  # after a flare-up, two steps lower
        return gate.care.plan if gate is not None else None

    def _is_tempo_plan(self) -> bool:
        """Today's plan is heel raises (run set by set), not holds."""
        plan = self._shown_plan()
        return plan is not None and plan.stage == "isotonic"

    def _has_one_leg_holds(self) -> bool:
        """The sides setting only matters to a plan with one-leg holds (or raises)."""
        plan = self._shown_plan()
        return plan is not None and any(runs_per_side(ex) for ex in plan.exercises)

    # ready view ----------------------------------------------------------------
    def _read_gate(self) -> SessionGate:
        """The care state, today's plan and any interrupted session, read fresh."""
        settings = self.achilles.settings
        self.gate = session_gate(
            self.repo,
            self.achilles.now(),
            sides=settings.single_leg_sides,
            injured_side=settings.injured_side,
        )
        return self.gate

    def refresh_data(self) -> None:
        """Describe the plan and what the care state allows, or point to the assessment."""
        if self.running:
            return
        gate = self._read_gate()
        self._shown_kind = gate.care.kind
        lines = (
            self._ready_lines(gate, gate.today)
            if gate.today is not None
            else [
                "[b]No plan yet.[/b]",
                "",
                "The timer follows your plan, so take the assessment first: press [b]a[/b]. "
                "If your physio gave you a plan, you can enter it there too, or from the "
                "command line with [b]achilles-tui plan set[/b].",
                "",
                *self._refusal_lines(gate.care),
            ]
        )
        ready = "\n".join(lines).rstrip()
        self.query_one("#ready-text", Static).update(HangingText.from_markup(ready))
        self._show_settings()
        self.refresh_bindings()

    def _ready_lines(self, gate: SessionGate, today: SessionPlan) -> list[str]:
        """The plan for today, then what may be done now and with which key."""
        # The level the session runs, as every surface shows it (§F5 decision 13).
        head, *exercises = plan_lines(today.plan)
        lines = [f"[b]Today's session[/b] (plan {head})", ""]
        lines += [f"  {line}" for line in exercises]
        if today.limit is not None:
            lines += ["", f"[b]{escape(today.limit.message)}[/b] ({today.limit.rule})"]
        if today.advice is not None:
            lines += [
                "",
                f"[b]After your flare-up[/b]: {escape(today.advice.message)} ({today.advice.rule})",
            ]
        care = gate.care
        lines.append("")
        if not care.session_allowed:
            return lines + self._refusal_lines(care)
        resumable = gate.resumable
        if care.needs_confirmation:
            # Today's session is done, or today is a rest day: this text is the confirmation
            # §F4 asks for, on screen before Enter works.
            lines.append(f"[b]{escape(care.confirmation)}[/b]")
            if resumable is None:
                lines.append("Press [b]Enter[/b] to start one anyway.")
        if resumable is not None:
            unit = "set" if resumable.plan.stage == "isotonic" else "hold"
            lines.append(
                f"[b]Interrupted session[/b] from {resumable.session.started_at:%H:%M}: "
                f"{count(len(resumable.session.reps), unit)} saved. Press [b]r[/b] to "
                f"resume from {unit} {resumable.point.rep} ({side_words(resumable.point.side)}), "
                "or Enter to start a new one."
            )
        elif care.kind is CareStateKind.DUE:
            lines.append(f"Press [b]Enter[/b] to start. {where_to_stand(today.plan)}")
        return lines

    def _refusal_lines(self, care: CareState) -> list[str]:
        """Why no session may start now (rule id and message) and until when."""
        if care.session_allowed or not care.reasons:
            return []
        lines = [f"[b]No session now.[/b] {escape(care.headline)}"]
        lines += [f"  • {tagged_markup(item.message, item.rule)}" for item in care.reasons]
        if care.until_text:
            lines.append(escape(care.until_text) + ".")
        return lines

    def _show_settings(self) -> None:
        settings = self.achilles.settings
        sides = (
            "both sides"
            if settings.single_leg_sides == "both"
            else f"injured side only ({settings.injured_side})"
        )
        what = "raises" if self._is_tempo_plan() else "holds"
        one_leg = f"One-leg {what}: {sides} (i)\n" if self._has_one_leg_holds() else ""
        far = {"auto": "when the window is big enough", "on": "always", "off": "never"}
        far_keys = "f switches for one session; ctrl+p sets it"
        sound = f"Sound: {SOUND_WORDS[settings.sound]} (m)"
        if settings.sound in ("voice", "tones"):
            sound += f", volume {settings.volume}% (v)"
        web = f"\n{WEB_NOTE}" if self.app.is_web else ""
        self.query_one("#ready-settings", Static).update(
            f"Get ready: {settings.get_ready_seconds} s (g)   {sound}\n{one_leg}"
            f"Far view (big countdown): {far[settings.far_mode]} ({far_keys}){web}"
        )

    # starting ------------------------------------------------------------------
    def _allowed(self, gate: SessionGate) -> bool | None:
        """Whether a session may start now: None when not, else whether it is an extra one.

        An extra session (today's is done, or today is a rest day) starts only if the screen
        already said so when the key was pressed; that text is the confirmation. If the state
        changed since (today's session was finished meanwhile), the screen is redrawn with the
        new text and the key has to be pressed again.
        """
        care = gate.care
        if not care.session_allowed:
            self.app.bell()
            self.notify(care.explanation, title="No session now", severity="warning", timeout=10)
            self.refresh_data()
            return None
        if not care.needs_confirmation:
            return False
        if self._shown_kind is care.kind:
            return True
        self.refresh_data()
        self.notify(f"{care.confirmation} Press the key again to start one anyway.", timeout=10)
        return None

    def action_start(self) -> None:
        if self.running:
            self.app.bell()
            return
        gate = self._read_gate()
        today = gate.today
        if today is None:
            self.app.bell()
            return
        extra = self._allowed(gate)
        if extra is not None:
            self._begin(today.plan, None, None, extra)

    def action_resume(self) -> None:
        gate = self._read_gate()
        resumable = gate.resumable
        if resumable is None or self.running:
            self.app.bell()
            return
        extra = self._allowed(gate)
        if extra is not None:
            self._begin(resumable.plan, resumable.session, resumable.point, extra)

    def _begin(
        self,
        plan: Plan,
        session: SessionLog | None,
        start_at: RepPoint | None,
        extra_confirmed: bool,
    ) -> None:
        settings = self.achilles.settings
        timer = make_timer(
            plan,
            self.achilles.monotonic,
            get_ready_seconds=settings.get_ready_seconds,
            sides=settings.single_leg_sides,
            injured_side=settings.injured_side,
            start_at=start_at,
        )
        now = self.achilles.now()
        try:
            if session is None:
                session = begin_session(
                    self.repo, now, plan, timer.total_reps, extra_confirmed=extra_confirmed
                )
            else:
                check_resume(self.repo, now, extra_confirmed=extra_confirmed)
        except Refused as exc:
            self.notify(str(exc), title="No session now", severity="warning", timeout=10)
            return
        except StorageError as exc:
            self.notify(str(exc), title="Session not started", severity="error")
            return
        self.session = session
        self.timer = timer
        self._far_this_session = None
        self.query_one("#session-ready").display = False
        run = self.run_view
        run.notice(None)
        run.display = True
        run.set_far(self._far_wanted())
        self._start_sound(run)
        self._planned_for = None
        self._tick()
        self.refresh_bindings()

    def _start_sound(self, run: SessionRun) -> None:
        """Open the speakers for voice or tones; without a device, the bell and one notice.

        The notice is one plain line in the session's own layout (a toast would cover the
        status line at 80x24); the device's own error goes to the log, not on screen.
        """
        settings = self.achilles.settings
        self.sound = SessionSound(
            self.app,
            run,
            settings.sound,
            settings.volume,
            self.achilles.monotonic,
            self.achilles.cue_player_factory,
        )
        if self.sound.problem is None:
            return
        _log.info("session sound: %s; the terminal bell rings instead", self.sound.problem)
        self.log.warning(f"session sound: {self.sound.problem}")
        if self.sound.notice is not None and not self.achilles.sound_notice_given:
            self.achilles.sound_notice_given = True
            run.notice(self.sound.notice)

    def _far_wanted(self) -> bool:
        """Far view: f's choice for this session, else as set, or by default whenever the
        terminal is at least 80x24."""
        if self._far_this_session is not None:
            return self._far_this_session
        mode = self.achilles.settings.far_mode
        if mode != "auto":
            return mode == "on"
        width, height = self.app.size
        return width >= FAR_MIN_SIZE[0] and height >= FAR_MIN_SIZE[1]

    def on_resize(self, _event: events.Resize) -> None:
        """A window grown past (or shrunk below) 80x24 switches the view when set to auto."""
        by_size = self._far_this_session is None and self.achilles.settings.far_mode == "auto"
        if self.timer is not None and by_size:
            far = self._far_wanted()
            if far != self.run_view.far:
                self.run_view.set_far(far)
                self._tick()

    # running -------------------------------------------------------------------
    def _tick(self) -> None:
        """Catch the timer up, act on its events, repaint what changed, plan the next wake."""
        if self._poll is not None:
            self._poll.stop()
            self._poll = None
        if self.timer is None:
            return
        events = self.timer.update()
        self._handle(events)
        timer = self.timer
        if timer is not None and not timer.done:
            self._plan_sound(timer)
            self.run_view.show(timer)
            self._poll = self.set_timer(self._next_wake(), self._tick)

    def _plan_sound(self, timer: SessionTimer) -> None:
        """Re-plan the cues once per phase, and on pause or resume (cheap, but not per tick)."""
        key = (timer.step_index, timer.paused)
        if key == self._planned_for or self.sound is None:
            return
        self._planned_for = key
        if timer.paused:
            self.sound.quiet()
        else:
            self.sound.plan(timer)

    def _next_wake(self) -> float:
        """Seconds until the shown number changes or the phase ends, whichever is first."""
        assert self.timer is not None
        if self.timer.paused:
            return PAUSED_WAKE
        remaining = self.timer.remaining
        to_next_second = remaining - math.ceil(remaining - 1e-9) + 1
        return max(MIN_WAKE, min(remaining, to_next_second) + WAKE_MARGIN)

    def _handle(self, events: list[Event]) -> None:
        for event in events:
            if isinstance(event, RepCompleted) and self.session is not None:
                # A hold, or a whole set of heel raises (SetCompleted), saved as it ends.
                try:
                    self.session = record_hold(self.repo, self.session, event.record)
                except StorageError as exc:
                    unit = self.timer.unit if self.timer is not None else "hold"
                    self.notify(str(exc), title=f"{unit.capitalize()} not saved", severity="error")
            if self.sound is not None:
                self.sound.on_event(event)
            if isinstance(event, Finished):
                self._finished(event)
                return

    def action_pause(self) -> None:
        if self.timer is not None:
            self.timer.toggle_pause()
            self._tick()

    def action_skip(self) -> None:
        if self.timer is not None:
            self.timer.skip()
            self._tick()

    def action_skip_set(self) -> None:
        """Heel raises: skip the rest of this set (not saved), or the rest before the next."""
        self.action_skip()

    def action_too_painful(self) -> None:
        """Pain above 5/10 ends today's remaining holds or sets (MON-PAIN-DURING for holds,
        MON-ISOT-SET-PAIN for heel raises)."""
        if self.timer is None:
            return
        self.timer.stop_for_pain()
        rule = self.timer.pain_rule
        self.notify(RULES[rule].message + f" ({rule})", severity="warning", timeout=8)
        self._tick()

    def action_end_early(self) -> None:
        """Ask first; reps already done stay saved either way."""
        if self.timer is None:
            return
        from achilles_tui.ui.screens.confirm import ConfirmModal

        self.app.push_screen(
            ConfirmModal(
                end_question(self._units_saved(), self.timer.unit),
                yes="End now",
                no="Keep going",
            ),
            self._end_early_answered,
        )

    def _end_early_answered(self, answer: bool | None) -> None:
        if answer and self.timer is not None:
            self._paused_by_question = False
            self.timer.abort()
            self._tick()

    def _close_sound(self) -> None:
        """Release the sound device of a finished session."""
        if self._closing_sound is not None:
            self._closing_sound.close()
            self._closing_sound = None

    def on_unmount(self) -> None:
        """The app is closing: no sound device is left open behind it."""
        self._close_sound()
        if self.sound is not None:
            self.sound.close()

    # questions over the timer ----------------------------------------------------
    def on_screen_suspend(self) -> None:
        """A question, help or another section covers the timer: it waits, it never runs on."""
        timer = self.timer
        if timer is not None and not timer.done and not timer.paused:
            timer.pause()
            self._paused_by_question = True
            self._tick()

    def on_screen_resume(self) -> None:
        """Back from a question: go on where it stopped (a pause the person chose stays)."""
        super().on_screen_resume()
        timer = self.timer
        if self._paused_by_question and timer is not None and not timer.done:
            self._paused_by_question = False
            timer.resume()
            self._tick()

    # finishing -----------------------------------------------------------------
    def _finished(self, event: Finished) -> None:
        from achilles_tui.ui.screens.session_rating import RatingModal

        if self._poll is not None:
            self._poll.stop()
            self._poll = None
        timer = self.timer
        assert timer is not None
        if self.sound is not None:
            # Let "session done" finish before the device closes.
            self._closing_sound, self.sound = self.sound, None
            self.set_timer(CLOSE_SOUND_AFTER, self._close_sound)
        self.run_view.finished()
        self.app.push_screen(
            RatingModal(
                session_summary(timer, self._units_saved(), event),
                pain=6 if event.over_limit else None,
                during=f"{timer.unit}s",
            ),
            self._rated,
        )

    def _rated(self, rating: object) -> None:
        from achilles_tui.ui.screens.session_rating import Rating

        timer, session = self.timer, self.session
        assert timer is not None and session is not None
        try:
            _saved, care = finish_session(
                self.repo,
                session,
                self.achilles.now(),
                pain_during=rating.pain_during if isinstance(rating, Rating) else None,
                effort=rating.effort if isinstance(rating, Rating) else None,
                complete=self._complete(),
                over_limit=timer.over_limit,
            )
        except StorageError as exc:
            self.notify(str(exc), title="Rating not saved", severity="error")
        else:
            if care.kind is CareStateKind.STOPPED_TODAY:
                self.notify(care.explanation, title="Session saved", severity="warning", timeout=10)
            else:
                effort = "" if isinstance(rating, Rating) and rating.effort else " No effort given."
                self.notify(f"Session saved.{effort}", title="Done")
        self.timer = None
        self.session = None
        self.run_view.display = False
        self.query_one("#session-ready").display = True
        self.refresh_data()

    def _complete(self) -> bool:
        """Complete means every planned hold was done: skips and early ends are partial."""
        timer = self.timer
        assert timer is not None
        return timer.complete and self._units_saved() >= timer.total_reps

    def _units_saved(self) -> int:
        """Holds (or sets) saved in this session, a resumed one's from before the crash too."""
        timer, session = self.timer, self.session
        assert timer is not None
        return len(session.reps) if session is not None else len(timer.completed)

    # settings ------------------------------------------------------------------
    def action_cycle_sound(self) -> None:
        """Voice, tones, bell, off: remembered, and used from the next cue on."""
        current = self.achilles.settings.sound
        index = SOUND_MODES.index(current) if current in SOUND_MODES else -1
        self.set_sound(SOUND_MODES[(index + 1) % len(SOUND_MODES)])

    def set_sound(self, mode: str) -> None:
        """Choose how the session sounds (also from the command palette)."""
        self.achilles.save_settings(sound=mode)
        self.notify(f"Sound: {SOUND_WORDS[mode]}.")
        if self.timer is not None and self.sound is not None:
            self.sound.close()
            self._start_sound(self.run_view)
            self._planned_for = None
            self._tick()
        else:
            self._show_settings()
            self._prepare_audio()

    def action_cycle_volume(self) -> None:
        """Loudest to quietest and round again."""
        current = self.achilles.settings.volume
        index = VOLUME_STEPS.index(current) if current in VOLUME_STEPS else -1
        self.set_volume(VOLUME_STEPS[(index + 1) % len(VOLUME_STEPS)])

    def set_volume(self, volume: int) -> None:
        """Louder or quieter, remembered (also from the command palette)."""
        self.achilles.save_settings(volume=volume)
        self.notify(f"Volume {volume}%.")
        if self.sound is not None:
            self.sound.set_volume(volume)
        if self.timer is None:
            self._show_settings()

    def action_toggle_far(self) -> None:
        """The big countdown or the near view, for this session only (the palette sets the
        default: one press must not change every later session)."""
        if self.timer is None:
            return
        self._far_this_session = not self.run_view.far
        self.run_view.set_far(self._far_this_session)
        self._tick()

    def set_far_mode(self, mode: str) -> None:
        """Far view always, never, or by window size: the default, from the command palette."""
        assert mode in FAR_MODES
        self.achilles.save_settings(far_mode=mode)
        words = {"on": "always", "off": "never", "auto": "when the window is big enough"}
        if self.timer is not None:
            self._far_this_session = None  # the new default applies at once
            self.run_view.set_far(self._far_wanted())
            self._tick()
        else:
            self._show_settings()
            self.notify(f"Far view: {words[mode]}. Used from the next session on.")

    def action_cycle_get_ready(self) -> None:
        current = self.achilles.settings.get_ready_seconds
        later = [c for c in GET_READY_CHOICES if c > current]
        self.achilles.save_settings(get_ready_seconds=later[0] if later else GET_READY_CHOICES[0])
        self._show_settings()

    def action_cycle_sides(self) -> None:
        settings = self.achilles.settings
        current = (settings.single_leg_sides, settings.injured_side)
        index = SIDE_CHOICES.index(current) if current in SIDE_CHOICES else -1
        sides, injured = SIDE_CHOICES[(index + 1) % len(SIDE_CHOICES)]
        self.achilles.save_settings(single_leg_sides=sides, injured_side=injured)
        self.refresh_data()


def end_question(done: int, unit: str = "hold") -> str:
    """The end-early question, saying what is kept (``unit``: hold, or set of heel raises)."""
    if done == 0:
        unfinished = " (a set is saved when its last raise is down)" if unit == "set" else ""
        return f"End the session now? No {unit} is finished yet{unfinished}."
    kept = "it is" if done == 1 else "they are"
    return f"End the session now? You finished {count(done, unit)}; {kept} saved."


def session_summary(timer: SessionTimer, done: int, event: Finished) -> str:
    """What happened, in words that tell a skipped hold (or set) from a session ended early."""
    unit = timer.unit
    holds = f"{done} of {count(timer.total_reps, unit)} done"
    skipped = f"; {count(timer.skipped, unit)} skipped" if timer.skipped else ""
    if event.over_limit:
        return (
            f"Stopped for pain: {holds}{skipped}.\n"
            f"Stopped because pain went over 5/10 ({timer.pain_rule})."
        )
    if event.aborted:
        return f"Ended early: {holds}{skipped}."
    if done >= timer.total_reps:
        return f"Complete: {holds}."
    return f"Finished: {holds}{skipped}."


def _import_audio() -> None:
    """Load the audio library (about 50 ms) off the main thread; failures show at start."""
    try:
        import achilles_tui.audio.device as device

        device.audio_library_available()
    except Exception:
        return


def where_to_stand(plan: Plan) -> str:
    """Where to be before Enter: by the step, or (floor raises) where a hand finds support."""
    exercises = plan.exercises
    if plan.stage == "isotonic" and all(
        isinstance(ex, HeelRaise) and ex.surface is Surface.FLOOR for ex in exercises
    ):
        return "Stand on a flat floor, fingertips on a wall or a chair for balance."
    return "Stand by your step first."
