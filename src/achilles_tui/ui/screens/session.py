"""The guided session: rep by rep, readable from a metre away, never losing a rep.

The countdown is ``deadline - monotonic()`` from the pure ``SessionTimer``;
the interval below only polls it and repaints what changed. Each finished
hold is saved the moment it ends.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.markup import escape
from textual.timer import Timer
from textual.widgets import Digits, ProgressBar, Static

from achilles_tui.care.errors import Refused
from achilles_tui.care.sessions import (
    EXTRA_SESSION,
    SessionGate,
    begin_session,
    check_resume,
    finish_session,
    record_hold,
    session_gate,
)
from achilles_tui.domain.care_state import CareState, CareStateKind
from achilles_tui.domain.flare import SessionPlan
from achilles_tui.domain.models import Plan, SessionLog, Side
from achilles_tui.domain.rules import RULES
from achilles_tui.domain.timer import (
    PAIN_RULE,
    PHASE_LABELS,
    Event,
    Finished,
    Phase,
    RepCompleted,
    RepPoint,
    SessionTimer,
    cue_for,
)
from achilles_tui.domain.today import plan_lines
from achilles_tui.domain.wording import count
from achilles_tui.storage.assets import position_picture
from achilles_tui.storage.errors import StorageError
from achilles_tui.ui.cues import play_cue
from achilles_tui.ui.screens.base import SectionScreen

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


class SessionScreen(SectionScreen):
    """Start, run and rate today's session; offers to resume an interrupted one."""

    MODE = "session"
    CSS_PATH = "../styles/session.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "start", "Start", show=True),
        Binding("r", "resume", "Resume", show=True),
        Binding("space", "pause", "Pause/resume", show=True),
        Binding("s", "skip", "Skip phase", show=True),
        Binding("x", "too_painful", "Hurts >5/10", show=True),
        Binding("q,escape", "end_early", "End early", show=True),
        Binding("m", "toggle_sound", "Sound", show=True),
        Binding("g", "cycle_get_ready", "Get-ready time", show=True),
        Binding("i", "cycle_sides", "Sides", show=True),
    ]

    def __init__(self, repo: Repository) -> None:
        super().__init__(repo)
        self.timer: SessionTimer | None = None
        self.session: SessionLog | None = None
        self._poll: Timer | None = None
        self._shown_seconds = -1
        self._shown_phase: tuple[object, ...] | None = None
        self.gate: SessionGate | None = None
        self._shown_kind: CareStateKind | None = None

    # layout --------------------------------------------------------------------
    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="session-ready"):
            yield Static(id="ready-text")
            yield Static(id="ready-settings", classes="hint")
        with Vertical(id="session-run"):
            with Horizontal(id="run-top"):
                yield Static(id="run-picture")
                with Vertical(id="run-info"):
                    yield Static(id="run-exercise", classes="section-title")
                    yield Static(id="run-rep")
                    yield Static(id="run-phase")
                    yield Static(id="run-cues", classes="form-cues")
            yield Digits("0", id="run-digits")
            yield ProgressBar(id="run-progress", show_eta=False)
            yield Static(id="run-next", classes="hint")

    def on_mount(self) -> None:
        self.query_one("#session-run").display = False

    @property
    def running(self) -> bool:
        """A session is on screen and not yet rated."""
        return self.timer is not None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Show only the keys that make sense in the current state (and the care state)."""
        run_only = {"pause", "skip", "too_painful", "end_early"}
        ready_only = {"start", "resume", "cycle_get_ready", "cycle_sides"}
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

    def _has_one_leg_holds(self) -> bool:
        """The sides setting only matters to a plan with one-leg holds."""
        gate = self.gate
        plan = gate.care.plan if gate is not None else None
        if plan is None and gate is not None and gate.today is not None:
            plan = gate.today.plan
        return plan is not None and any(ex.legs == 1 for ex in plan.exercises)

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
        self.query_one("#ready-text", Static).update("\n".join(lines).rstrip())
        self._show_settings()
        self.refresh_bindings()

    def _ready_lines(self, gate: SessionGate, today: SessionPlan) -> list[str]:
        """The plan for today, then what may be done now and with which key."""
        stored = gate.care.plan or today.plan
        lines = [f"[b]Today's session[/b] (plan {plan_lines(stored)[0]})", ""]
        lines += [f"  {line}" for line in plan_lines(today.plan)[1:]]
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
        if care.kind is CareStateKind.DONE_TODAY:
            # This text is the confirmation §F4 asks for: it is on screen before Enter works.
            lines.append(f"[b]{escape(EXTRA_SESSION)}[/b]")
            if resumable is None:
                lines.append("Press [b]Enter[/b] to start one anyway.")
        if resumable is not None:
            lines.append(
                f"[b]Interrupted session[/b] from {resumable.session.started_at:%H:%M}: "
                f"{count(len(resumable.session.reps), 'hold')} saved. Press [b]r[/b] to "
                f"resume from hold {resumable.point.rep} ({side_words(resumable.point.side)}), "
                "or Enter to start a new one."
            )
        elif care.kind is CareStateKind.DUE:
            lines.append("Press [b]Enter[/b] to start. Stand by your step first.")
        return lines

    def _refusal_lines(self, care: CareState) -> list[str]:
        """Why no session may start now (rule id and message) and until when."""
        if care.session_allowed or not care.reasons:
            return []
        lines = [f"[b]No session now.[/b] {escape(care.headline)}"]
        lines += [f"  [b]{item.rule}[/b] {escape(item.message)}" for item in care.reasons]
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
        one_leg = f"One-leg holds: {sides} (i)   " if self._has_one_leg_holds() else ""
        self.query_one("#ready-settings", Static).update(
            f"Get ready: {settings.get_ready_seconds} s (g)   {one_leg}"
            f"Sound: {'on' if settings.sound else 'off'} (m)"
        )

    # starting ------------------------------------------------------------------
    def _allowed(self, gate: SessionGate) -> bool | None:
        """Whether a session may start now: None when not, else whether it is an extra one.

        An extra session (today's is done) starts only if the screen already said so when the
        key was pressed; that text is the confirmation. If today's session was finished since,
        the screen is redrawn with it and the key has to be pressed again.
        """
        care = gate.care
        if not care.session_allowed:
            self.app.bell()
            self.notify(care.explanation, title="No session now", severity="warning", timeout=10)
            self.refresh_data()
            return None
        if not care.needs_confirmation:
            return False
        if self._shown_kind is CareStateKind.DONE_TODAY:
            return True
        self.refresh_data()
        self.notify(f"{EXTRA_SESSION} Press the key again to start one anyway.", timeout=10)
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
        timer = SessionTimer(
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
        self.query_one("#session-ready").display = False
        self.query_one("#session-run").display = True
        self.query_one("#run-progress", ProgressBar).update(total=1000, progress=0)
        self._shown_seconds = -1
        self._shown_phase = None
        self._tick()
        self._render_run()
        self.refresh_bindings()

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
        if self.timer is not None and not self.timer.done:
            self._render_run()
            self._poll = self.set_timer(self._next_wake(), self._tick)

    def _next_wake(self) -> float:
        """Seconds until the shown number changes or the phase ends, whichever is first."""
        assert self.timer is not None
        if self.timer.paused:
            return PAUSED_WAKE
        remaining = self.timer.remaining
        to_next_second = remaining - math.ceil(remaining - 1e-9) + 1
        return max(MIN_WAKE, min(remaining, to_next_second) + WAKE_MARGIN)

    def _handle(self, events: list[Event]) -> None:
        run = self.query_one("#session-run")
        for event in events:
            if isinstance(event, RepCompleted) and self.session is not None:
                try:
                    self.session = record_hold(self.repo, self.session, event.record)
                except StorageError as exc:
                    self.notify(str(exc), title="Hold not saved", severity="error")
            cue = cue_for(event)
            if cue is not None:
                play_cue(self.app, run, cue, sound=self.achilles.settings.sound)
            if isinstance(event, Finished):
                self._finished(event)
                return

    def _render_run(self) -> None:
        timer = self.timer
        assert timer is not None
        seconds = int(timer.remaining + 0.999)
        if seconds != self._shown_seconds:
            self._shown_seconds = seconds
            self.query_one("#run-digits", Digits).update(f"{seconds // 60}:{seconds % 60:02d}")
            self.query_one("#run-progress", ProgressBar).update(progress=timer.progress * 1000)
        phase_key = (timer.phase, timer.paused, timer.rep, timer.side, timer.exercise_index)
        if phase_key == self._shown_phase:
            return
        self._shown_phase = phase_key
        exercise = timer.exercise
        run = self.query_one("#session-run")
        for phase in Phase:
            run.set_class(phase is timer.phase, f"phase-{phase.value}")
        run.set_class(timer.paused, "paused")
        self.query_one("#run-picture", Static).update(position_picture(exercise.position))
        index = f" ({timer.exercise_index + 1} of {len(timer.plan.exercises)})"
        many = len(timer.plan.exercises) > 1
        self.query_one("#run-exercise", Static).update(exercise.label + (index if many else ""))
        self.query_one("#run-rep", Static).update(
            f"Rep {timer.rep} of {timer.reps_in_block}   {side_words(timer.side)}   "
            f"{exercise.load_text}"
        )
        label = PHASE_LABELS[timer.phase].upper()
        self.query_one("#run-phase", Static).update(
            f"[b]{label}[/b]" + ("  (paused: space to go on)" if timer.paused else "")
        )
        cues = ""
        if exercise.position.value == "heel_drop" and timer.phase in (Phase.GET_READY, Phase.HOLD):
            cues = f"{RULES['POS-HEELDROP-FORM'].message} (POS-HEELDROP-FORM)"
        self.query_one("#run-cues", Static).update(cues)
        self.query_one("#run-next", Static).update(f"Next: {timer.next_up}")

    def action_pause(self) -> None:
        if self.timer is not None:
            self.timer.toggle_pause()
            self._tick()

    def action_skip(self) -> None:
        if self.timer is not None:
            self.timer.skip()
            self._tick()

    def action_too_painful(self) -> None:
        """Pain above 5/10 ends today's remaining holds (MON-PAIN-DURING)."""
        if self.timer is None:
            return
        self.timer.stop_for_pain()
        self.notify(RULES[PAIN_RULE].message + f" ({PAIN_RULE})", severity="warning", timeout=8)
        self._tick()

    def action_end_early(self) -> None:
        """Ask first; reps already done stay saved either way."""
        if self.timer is None:
            return
        from achilles_tui.ui.screens.confirm import ConfirmModal

        done = len(self.timer.completed)
        self.app.push_screen(
            ConfirmModal(
                end_question(done),
                yes="End now",
                no="Keep going",
            ),
            self._end_early_answered,
        )

    def _end_early_answered(self, answer: bool | None) -> None:
        if answer and self.timer is not None:
            self.timer.abort()
            self._tick()

    # finishing -----------------------------------------------------------------
    def _finished(self, event: Finished) -> None:
        from achilles_tui.ui.screens.session_rating import RatingModal

        if self._poll is not None:
            self._poll.stop()
            self._poll = None
        timer = self.timer
        assert timer is not None
        done = len(self.session.reps) if self.session else len(timer.completed)
        state = "Complete" if self._complete() else "Ended early"
        summary = f"{state}: {done} of {count(timer.total_reps, 'hold')} done."
        if event.over_limit:
            summary += f"\nStopped because pain went over 5/10 ({PAIN_RULE})."
        self.app.push_screen(
            RatingModal(summary, pain=6 if event.over_limit else None), self._rated
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
                self.notify("Session saved.", title="Done")
        self.timer = None
        self.session = None
        self.query_one("#session-run").display = False
        self.query_one("#session-ready").display = True
        self.refresh_data()

    def _complete(self) -> bool:
        """Complete means every planned hold was done: skips and early ends are partial."""
        timer, session = self.timer, self.session
        assert timer is not None
        done = len(session.reps) if session is not None else len(timer.completed)
        return timer.complete and done >= timer.total_reps

    # settings ------------------------------------------------------------------
    def action_toggle_sound(self) -> None:
        sound = not self.achilles.settings.sound
        self.achilles.save_settings(sound=sound)
        self.notify(f"Sound {'on' if sound else 'off'}.")
        if not self.running:
            self._show_settings()

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


def end_question(done: int) -> str:
    """The end-early question, saying what is kept."""
    if done == 0:
        return "End the session now? No hold is finished yet."
    kept = "it is" if done == 1 else "they are"
    return f"End the session now? You finished {count(done, 'hold')}; {kept} saved."


def side_words(side: Side) -> str:
    """'both legs' / 'left leg'."""
    return "both legs" if side is Side.BOTH else f"{side.value} leg"
