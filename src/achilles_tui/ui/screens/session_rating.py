"""End-of-session rating: pain during (0-10) and how hard it felt (clinical.md §E1).

The effort is only stored when the person picks one: a pre-selected answer would put
words in their mouth, and the weekly review reads it. Each choice is told apart by its
key, a marker and its words, never by colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from achilles_tui.domain.models import Effort
from achilles_tui.ui.widgets.pain_scale import ScoreInput

EFFORT_CHOICES: tuple[tuple[str, Effort, str, str], ...] = (
    ("e", Effort.TOO_EASY, "Too easy", "I could have done much more"),
    ("c", Effort.CHALLENGING, "Challenging", "hard work, but I managed well"),
    ("h", Effort.TOO_HARD, "Too hard", "I could barely finish, or not at all"),
)
EFFORT_WORDS = {effort: words for _key, effort, words, _meaning in EFFORT_CHOICES}
EFFORT_BY_KEY = {key: effort for key, effort, _words, _meaning in EFFORT_CHOICES}


@dataclass(frozen=True)
class Rating:
    """What the user said about the session they just did; effort None = not given."""

    pain_during: int
    effort: Effort | None


def effort_lines(chosen: Effort | None) -> str:
    """The three choices, the chosen one marked with an arrow and the word 'chosen'."""
    lines = []
    for key, effort, words, meaning in EFFORT_CHOICES:
        if effort is chosen:
            lines.append(f"[b]▶ {key}  {words}[/b]: {meaning}   [b]✓ chosen[/b]")
        else:
            lines.append(f"  {key}  {words}: {meaning}")
    return "\n".join(lines)


class RatingModal(ModalScreen[Rating | None]):
    """Type the highest pain during the holds (or sets), press e, c or h, Enter to save."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "save", "Save", priority=True),
        Binding("escape", "skip", "Save without rating"),
        *(
            Binding(key, f"effort('{key}')", words)
            for key, _effort, words, _meaning in EFFORT_CHOICES
        ),
    ]

    def __init__(self, summary: str, pain: int | None = None, *, during: str = "holds") -> None:
        """``during`` names what the pain was felt in: the holds, or the sets of heel raises."""
        super().__init__()
        self.summary = summary
        self.during = during
        self.preset_pain = pain
        self.effort: Effort | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="rating-dialog"):
            yield Static("[b]How was it?[/b]", classes="section-title")
            yield Static(self.summary, id="rating-summary")
            yield Static(f"Highest pain during the {self.during}, 0 (none) to 10 (worst):")
            pain = ScoreInput(label="Pain", low=0, high=10, id="pain")
            pain.value = "" if self.preset_pain is None else str(self.preset_pain)
            yield pain
            yield Static("How hard did it feel? Press e, c or h:")
            yield Static(effort_lines(None), id="effort")
            yield Static("", id="rating-error", classes="error-text")
            yield Static(
                "Enter saves (the effort only if you chose one). "
                "Esc saves the session without a rating.",
                classes="hint",
            )

    def on_mount(self) -> None:
        self.query_one("#pain", Input).focus()

    def action_effort(self, key: str) -> None:
        """Choose (or, pressed again, un-choose) how hard it felt."""
        chosen = EFFORT_BY_KEY[key]
        self.effort = None if self.effort is chosen else chosen
        self.query_one("#effort", Static).update(effort_lines(self.effort))

    @on(Input.Submitted, "#pain")
    def _pain_entered(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        """Refuse an out-of-range pain with a message; otherwise return the rating."""
        pain_input = self.query_one("#pain", Input)
        result = pain_input.validate(pain_input.value)
        if not pain_input.value or (result is not None and not result.is_valid):
            self.query_one("#rating-error", Static).update(
                "Please type your pain as a whole number from 0 to 10."
            )
            pain_input.focus()
            return
        self.dismiss(Rating(int(pain_input.value), self.effort))

    def action_skip(self) -> None:
        self.dismiss(None)
