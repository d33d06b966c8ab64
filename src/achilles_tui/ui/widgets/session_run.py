"""The running session on screen: a near view and a far view, and one plain status line.

The near view shows the position picture, the exercise and a 3-row countdown. The far
view fills the screen with the phase word and the countdown in a block font scaled to
the terminal, for someone on a step a metre or two away. Both keep the same plain-text
status line (``HOLD 0:28 · rep 2 of 5 · left leg``) for screen readers and scripts.
Only what changed is repainted: the numbers about once a second, the rest per phase.

Heel raises (a TempoTimer) show the same way, set by set: in a set the far view's top
line is the movement and its seconds (``UP 3``) and the big block is the rep count
(``7/15``); in a rest it is the countdown again. Every change between up and down flips
the colour of the phase word and the count (and the cue flashes), so the pace is seen
even with the sound off.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.markup import escape
from textual.widget import Widget
from textual.widgets import Digits, ProgressBar, Static

from achilles_tui.domain.models import Exercise, HeelRaise, Surface
from achilles_tui.domain.rules import RULES
from achilles_tui.domain.session_text import (
    PHASE_WORDS,
    countdown_text,
    rep_text,
    status_line,
    tempo_card,
)
from achilles_tui.domain.timer import MOVEMENT_PHASES, PHASE_LABELS, Phase, SessionTimer
from achilles_tui.domain.wording import side_words
from achilles_tui.storage.assets import position_picture
from achilles_tui.ui.widgets.big_text import BigText

FAR_MIN_SIZE = (80, 24)
"""Far mode is the default from this terminal size up (columns, rows)."""


class PlainLine(Widget):
    """One line of text that repaints without asking for a new layout (a Static would).

    The status line changes every second; a layout pass of the whole screen each time
    is what made counting cost a few percent of a core.
    """

    DEFAULT_CSS = """
    PlainLine {
        height: 1;
        width: 100%;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text = ""

    def update(self, text: str) -> None:
        """Show new text; a repaint of this line only."""
        if text != self.text:
            self.text = text
            self.refresh()

    def render(self) -> Content:
        return Content.from_markup(self.text)


class SessionRun(Vertical):
    """Everything shown while a session runs; the screen hands it the timer to show."""

    # The heel-raise phases (the hold's are in styles/session.tcss). Up and down take two
    # Okabe-Ito hues that stay apart for colour-blind eyes; the word is always written too.
    DEFAULT_CSS = """
    #run-far.phase-up #far-phase, #run-far.phase-up #far-digits,
    #run-far.phase-top #far-phase, #run-far.phase-top #far-digits,
    #run-near.phase-up #run-phase, #run-near.phase-up #run-digits,
    #run-near.phase-top #run-phase, #run-near.phase-top #run-digits {
        color: #E69F00;
    }
    #run-far.phase-down #far-phase, #run-far.phase-down #far-digits,
    #run-near.phase-down #run-phase, #run-near.phase-down #run-digits {
        color: #CC79A7;
    }
    App.-light-mode #run-far.phase-up #far-phase, App.-light-mode #run-far.phase-up #far-digits,
    App.-light-mode #run-far.phase-top #far-phase,
    App.-light-mode #run-far.phase-top #far-digits,
    App.-light-mode #run-near.phase-up #run-phase,
    App.-light-mode #run-near.phase-up #run-digits,
    App.-light-mode #run-near.phase-top #run-phase,
    App.-light-mode #run-near.phase-top #run-digits {
        color: #D55E00;
    }
    App.-light-mode #run-far.phase-down #far-phase,
    App.-light-mode #run-far.phase-down #far-digits,
    App.-light-mode #run-near.phase-down #run-phase,
    App.-light-mode #run-near.phase-down #run-digits {
        color: #882E72;
    }
    """

    def __init__(self) -> None:
        super().__init__(id="session-run")
        self._shown_seconds = -1
        self._shown_phase: tuple[object, ...] | None = None
        self._view_classes: set[str] = set()
        self._shown_cues: str | None = None
        self.far = False

    def compose(self) -> ComposeResult:
        with Vertical(id="run-near"):
            with Horizontal(id="run-top"):
                yield Static(id="run-picture")
                with Vertical(id="run-info"):
                    yield Static(id="run-exercise", classes="section-title")
                    yield Static(id="run-rep")
                    yield Static(id="run-phase")
            yield Digits("0", id="run-digits")
            yield ProgressBar(id="run-progress", show_eta=False)
            yield Static(id="run-next", classes="hint")
        with Vertical(id="run-far"):
            yield BigText(id="far-phase")
            yield BigText(id="far-digits")
            yield PlainLine(id="far-detail")
        yield Static(id="run-cues", classes="form-cues")
        yield PlainLine(id="run-notice")
        yield PlainLine(id="run-status")

    def on_mount(self) -> None:
        self.query_one("#run-progress", ProgressBar).update(total=1000, progress=0)
        self.query_one("#run-notice").display = False

    def notice(self, text: str | None) -> None:
        """One plain line above the status line (never over it), e.g. that the bell rings
        instead of the speakers; None takes it away."""
        line = self.query_one("#run-notice", PlainLine)
        line.update(escape(text or ""))
        line.display = text is not None

    def set_far(self, far: bool) -> None:
        """Switch between the near and the far view; the next show() repaints all."""
        self.far = far
        self.set_class(far, "far")
        for view in (self.query_one("#run-near"), self.query_one("#run-far")):
            view.remove_class(*self._view_classes)
        self._view_classes = set()
        self.query_one("#run-near").display = not far
        self.query_one("#run-far").display = far
        self.reset()

    @property
    def active_view(self) -> Widget:
        """The view on screen: it carries the phase classes and the flash.

        Classes go on this small container, not on the whole run: restyling every
        widget of the session at each phase change cost tens of milliseconds.
        """
        return self.query_one("#run-far" if self.far else "#run-near")

    def finished(self) -> None:
        """No phase any more: the status line says nothing rather than a stale count."""
        self.query_one("#run-status", PlainLine).update("")

    def reset(self) -> None:
        """Forget what is shown, so the next show() paints everything."""
        self._shown_seconds = -1
        self._shown_phase = None

    def show(self, timer: SessionTimer) -> None:
        """Repaint what changed since the last call."""
        seconds = int(timer.remaining + 0.999)
        phase_key = (
            timer.step_index,
            timer.phase,
            timer.paused,
            timer.rep,
            timer.side,
            timer.exercise_index,
        )
        if seconds != self._shown_seconds or phase_key != self._shown_phase:
            self._shown_seconds = seconds
            clock = countdown_text(timer)
            self.query_one("#run-status", PlainLine).update(escape(status_line(timer)))
            if self.far and timer.phase in MOVEMENT_PHASES:
                # The movement and its seconds on top, the rep count big below.
                step = timer.step
                self.query_one("#far-phase", BigText).update(f"{PHASE_WORDS[step.phase]} {clock}")
                self.query_one("#far-digits", BigText).update(f"{step.rep}/{step.reps_in_block}")
            elif self.far:
                self.query_one("#far-digits", BigText).update(clock)
            else:
                self.query_one("#run-digits", Digits).update(clock)
                self.query_one("#run-progress", ProgressBar).update(progress=timer.progress * 1000)
        if phase_key != self._shown_phase:
            self._shown_phase = phase_key
            self._show_phase(timer)

    def _show_phase(self, timer: SessionTimer) -> None:
        """The words and colours that change once per phase."""
        wanted = {f"phase-{timer.phase.value}"} | ({"paused"} if timer.paused else set())
        if wanted != self._view_classes:
            view = self.active_view
            view.remove_class(*(self._view_classes - wanted), update=False)
            view.add_class(*(wanted - self._view_classes))  # one restyle for both
            self._view_classes = wanted
        exercise = timer.exercise
        many = len(timer.plan.exercises) > 1
        name = exercise.label + (
            f" ({timer.exercise_index + 1} of {len(timer.plan.exercises)})" if many else ""
        )
        paused = "  (paused: space to go on)" if timer.paused else ""
        cues = form_cues(exercise, timer.phase)
        if cues != self._shown_cues:  # a Static update asks for a whole new layout
            self._shown_cues = cues
            cue_line = self.query_one("#run-cues", Static)
            cue_line.update(cues)
            cue_line.display = bool(cues)
        if self.far:
            if timer.phase not in MOVEMENT_PHASES:  # in a set, show() writes it with seconds
                self.query_one("#far-phase", BigText).update(PHASE_WORDS[timer.phase])
            # The exercise's name only when there are several: 80 columns hold little.
            named = f" · {name}" if many else ""
            detail = escape(f"{rep_text(timer)}{named} · next: {timer.next_up.lower()}")
            self.query_one("#far-detail", PlainLine).update(
                ("[b]PAUSED: space to go on[/b] · " if timer.paused else "") + detail
            )
            return
        if isinstance(exercise, HeelRaise):
            self.query_one("#run-picture", Static).update(escape(tempo_card(exercise, timer.phase)))
            step = timer.step
            self.query_one("#run-rep", Static).update(
                f"Rep {step.rep} of {step.reps_in_block}   Set {step.set_number} of {step.sets}"
                f"   {side_words(timer.side)}   {exercise.load_text}"
            )
        else:
            self.query_one("#run-picture", Static).update(position_picture(exercise.position))
            self.query_one("#run-rep", Static).update(
                f"Rep {timer.rep} of {timer.reps_in_block}   {side_words(timer.side)}   "
                f"{exercise.load_text}"
            )
        self.query_one("#run-exercise", Static).update(name)
        self.query_one("#run-phase", Static).update(
            f"[b]{PHASE_LABELS[timer.phase].upper()}[/b]{paused}"
        )
        self.query_one("#run-next", Static).update(f"Next: {timer.next_up}")


def form_cues(exercise: Exercise | HeelRaise, phase: Phase) -> str:
    """The form reminder to show while getting ready for, or doing, the exercise."""
    if isinstance(exercise, HeelRaise):
        if phase not in MOVEMENT_PHASES and phase is not Phase.GET_READY:
            return ""
        rule = "POS-ISOT-STEP-FORM" if exercise.surface is Surface.STEP else "POS-ISOT-HEIGHT"
        return f"{RULES[rule].message} ({rule})"
    if exercise.position.value == "heel_drop" and phase in (Phase.GET_READY, Phase.HOLD):
        return f"{RULES['POS-HEELDROP-FORM'].message} (POS-HEELDROP-FORM)"
    return ""
