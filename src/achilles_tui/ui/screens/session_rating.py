"""End-of-session rating: pain during (0-10) and how hard it felt (clinical.md §E1)."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.validation import Integer
from textual.widgets import Input, RadioButton, RadioSet, Static

from achilles_tui.domain.models import Effort

EFFORT_WORDS = {
    Effort.TOO_EASY: "Too easy",
    Effort.CHALLENGING: "Challenging",
    Effort.TOO_HARD: "Too hard",
}


@dataclass(frozen=True)
class Rating:
    """What the user said about the session they just did."""

    pain_during: int
    effort: Effort


class RatingModal(ModalScreen[Rating | None]):
    """Type the highest pain during the holds, pick the effort, Enter to save."""

    BINDINGS = [
        Binding("enter", "save", "Save", priority=True),
        Binding("escape", "skip", "Save without rating"),
    ]

    def __init__(self, summary: str, pain: int | None = None) -> None:
        super().__init__()
        self.summary = summary
        self.preset_pain = pain

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="rating-dialog"):
            yield Static("[b]How was it?[/b]", classes="section-title")
            yield Static(self.summary, id="rating-summary")
            yield Static("Highest pain during the holds, 0 (none) to 10 (worst):")
            yield Input(
                value="" if self.preset_pain is None else str(self.preset_pain),
                placeholder="0-10",
                type="integer",
                max_length=2,
                validators=[Integer(0, 10, failure_description="Pain is a number from 0 to 10.")],
                id="pain",
            )
            yield Static("How hard did it feel? (1, 2, 3 or arrows)")
            with RadioSet(id="effort"):
                for index, (effort, words) in enumerate(EFFORT_WORDS.items(), start=1):
                    yield RadioButton(
                        f"{index} {words}", value=effort is Effort.CHALLENGING, name=effort.value
                    )
            yield Static("", id="rating-error", classes="error-text")
            yield Static("Enter saves. Esc saves the session without a rating.", classes="hint")

    def on_mount(self) -> None:
        self.query_one("#pain", Input).focus()

    def on_key(self, event: object) -> None:
        """1-3 pick the effort once the pain box is left."""
        key = getattr(event, "key", "")
        if key in {"1", "2", "3"} and not self.query_one("#pain", Input).has_focus:
            buttons = list(self.query(RadioButton))
            buttons[int(key) - 1].value = True

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
        pressed = self.query_one("#effort", RadioSet).pressed_button
        effort = Effort(pressed.name) if pressed and pressed.name else Effort.CHALLENGING
        self.dismiss(Rating(int(pain_input.value), effort))

    def action_skip(self) -> None:
        self.dismiss(None)
