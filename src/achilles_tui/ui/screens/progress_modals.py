"""Number forms of the Progress section: edit the dose, heel-raise self-test, questionnaire.

Each is a modal that returns a checked domain object (or None when cancelled); an out-of-range
value is refused inside the form with a message, so nothing invalid reaches the screen.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from achilles_tui.domain.capacity import (
    MAX_HEEL_RAISES,
    PARAPHRASE_LABEL,
    QUESTIONNAIRE_ITEMS,
    Questionnaire,
    SelfTest,
)
from achilles_tui.domain.models import DomainError
from achilles_tui.domain.review_context import Dose
from achilles_tui.ui.widgets.pain_scale import select_to_replace

ResultT = TypeVar("ResultT")


@dataclass(frozen=True)
class NumberField:
    """One whole-number box of a form, with its allowed range."""

    key: str
    label: str
    low: int
    high: int
    value: int | None = None


class NumberFormModal(ModalScreen[ResultT | None]):
    """Whole numbers in boxes; Enter checks and returns, Esc cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "save", "Save", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]
    TITLE_TEXT = ""
    INTRO = ""
    UNSAVED = "the numbers you typed"  # how the quit question names this form

    def __init__(self, fields: Sequence[NumberField]) -> None:
        super().__init__()
        self.fields = tuple(fields)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog progress-form"):
            yield Static(f"[b]{self.TITLE_TEXT}[/b]", classes="section-title")
            if self.INTRO:
                yield Static(self.INTRO, classes="progress-form-intro")
            with VerticalScroll(classes="progress-form-fields"):
                for field in self.fields:
                    with Horizontal(classes="progress-form-row"):
                        yield Label(field.label, classes="progress-form-label")
                        yield Input(
                            value="" if field.value is None else str(field.value),
                            placeholder=f"{field.low}-{field.high}",
                            type="integer",
                            max_length=4,
                            id=f"field-{field.key}",
                        )
            yield Static("", id="form-error", classes="error-text")
            yield Static("Tab moves between boxes. Enter saves, Esc cancels.", classes="hint")

    def on_mount(self) -> None:
        first = self.query(Input).first()
        first.focus()
        select_to_replace(first)

    def unsaved_input(self) -> str | None:
        """A box changed from what the form opened with, so quitting the app asks first."""
        for field in self.fields:
            shown = self.query_one(f"#field-{field.key}", Input).value.strip()
            if shown != ("" if field.value is None else str(field.value)):
                return self.UNSAVED
        return None

    def read_values(self) -> dict[str, int] | None:
        """Every box as a whole number in range, or None after showing what is wrong."""
        values: dict[str, int] = {}
        for field in self.fields:
            box = self.query_one(f"#field-{field.key}", Input)
            text = box.value.strip()
            try:
                number = int(text)
            except ValueError:
                self._refuse(box, f"{field.label}: please type a whole number.")
                return None
            if not field.low <= number <= field.high:
                self._refuse(
                    box,
                    f"{field.label} must be from {field.low} to {field.high}; you typed {number}.",
                )
                return None
            values[field.key] = number
        return values

    def _refuse(self, box: Input, message: str) -> None:
        """Show why a value was refused and put the cursor where it is."""
        self.query_one("#form-error", Static).update(message)
        box.focus()
        select_to_replace(box)

    def build(self, values: dict[str, int]) -> ResultT:
        """Turn checked numbers into the domain object (may still raise DomainError)."""
        raise NotImplementedError

    def action_save(self) -> None:
        """Check, build, return; any refusal stays in the form with its message."""
        values = self.read_values()
        if values is None:
            return
        try:
            result = self.build(values)
        except DomainError as exc:
            self.query_one("#form-error", Static).update(str(exc))
            return
        self.dismiss(result)

    def action_cancel(self) -> None:
        """Leave without saving."""
        self.dismiss(None)


class DoseEditModal(NumberFormModal[Dose]):
    """Change the proposed dose before accepting it (the same limits as a plan of your own)."""

    TITLE_TEXT = "Edit the proposed dose"
    UNSAVED = "the dose you were editing"
    INTRO = (
        "Applies to every exercise of the new plan version. Longer or heavier holds need "
        "at least as much rest, never less."
    )

    def __init__(self, dose: Dose) -> None:
        super().__init__(
            (
                NumberField("legs", "Legs (1 or 2)", 1, 2, dose.legs),
                NumberField("reps", "Reps", 1, 20, dose.reps),
                NumberField("hold", "Hold (seconds)", 5, 120, dose.hold_seconds),
                NumberField("rest", "Rest (seconds)", 0, 600, dose.rest_seconds),
            )
        )

    def build(self, values: dict[str, int]) -> Dose:
        return Dose(values["legs"], values["reps"], values["hold"], values["rest"])


class SelfTestModal(NumberFormModal[SelfTest]):
    """The weekly heel-raise self-test: counts on both sides and the pain it caused."""

    TITLE_TEXT = "Heel-raise self-test"
    UNSAVED = "the self-test"
    INTRO = (
        "On one leg, rise onto the toes and lower again, at an even pace, until you cannot "
        "do another good one. Count each side, injured side first. Skip it if holds still hurt "
        "more than 5/10."
    )

    def __init__(self, day: dt.date) -> None:
        super().__init__(
            (
                NumberField("injured", "Injured side (count)", 0, MAX_HEEL_RAISES),
                NumberField("healthy", "Healthy side (count)", 0, MAX_HEEL_RAISES),
                NumberField("pain", "Pain it caused (0-10)", 0, 10),
            )
        )
        self.day = day

    def build(self, values: dict[str, int]) -> SelfTest:
        return SelfTest(self.day, values["injured"], values["healthy"], values["pain"])


class QuestionnaireModal(NumberFormModal[Questionnaire]):
    """The 8-item tendon questionnaire, item topics paraphrased in our own words."""

    TITLE_TEXT = f"Tendon questionnaire ({PARAPHRASE_LABEL})"
    UNSAVED = "the tendon questionnaire"
    INTRO = (
        "Score each topic for the last week; higher is better. Items 1-7 are 0-10, item 8 is "
        "0-30, so the total is 0-100. For your trend only: it does not change the review."
    )

    def __init__(self, day: dt.date) -> None:
        super().__init__(
            tuple(
                NumberField(
                    f"q{item.number}",
                    f"{item.number}. {item.topic} ({item.scale})",
                    0,
                    item.max_score,
                )
                for item in QUESTIONNAIRE_ITEMS
            )
        )
        self.day = day

    def build(self, values: dict[str, int]) -> Questionnaire:
        scores = tuple(values[f"q{item.number}"] for item in QUESTIONNAIRE_ITEMS)
        return Questionnaire(self.day, scores)
