"""MON-INSERTIONAL-NEUTRAL-TRIAL as a choice: the level-heel trial irritated the heel.

The fallbacks come from the domain in the rule's order with its default selected; this modal
only shows them and returns the one picked (Esc keeps the plan as it is).
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from achilles_tui.domain.engine import Advice
from achilles_tui.domain.morning import CHOICE_WORDS, KEEP, TrialOffer
from achilles_tui.ui.rule_tag import tagged
from achilles_tui.ui.widgets.assessment_choice import AssessmentChoice


class TrialFallbackModal(ModalScreen[str]):
    """Pick a fallback with arrows or numbers; Enter confirms, Esc keeps the plan."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "choose", "Choose"),
        Binding("escape", "keep", "Keep the plan"),
    ]

    def __init__(self, offer: TrialOffer, advice: Advice) -> None:
        super().__init__()
        self.offer = offer
        self.advice = advice

    def compose(self) -> ComposeResult:
        with Vertical(id="trial-dialog", classes="dialog"):
            yield Static(
                Content.assemble(
                    ("The level-heel trial\n", "bold"),
                    tagged(self.advice.message, self.advice.rule),
                )
            )
            yield AssessmentChoice(
                [CHOICE_WORDS[choice] for choice in self.offer.choices], id="trial-choices"
            )
            yield Static(
                "Numbers or arrows choose, Enter confirms, Esc keeps the plan as it is.",
                classes="hint",
            )

    def on_mount(self) -> None:
        choices = self.query_one("#trial-choices", AssessmentChoice)
        choices.index = self.offer.choices.index(self.offer.default)
        choices.focus()

    def action_choose(self) -> None:
        """Return the highlighted fallback."""
        index = self.query_one("#trial-choices", AssessmentChoice).index
        self.dismiss(self.offer.choices[index])

    def action_keep(self) -> None:
        """Leave the plan as it is."""
        self.dismiss(KEEP)
