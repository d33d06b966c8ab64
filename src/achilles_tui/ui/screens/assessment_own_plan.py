"""The own-prescription editor: the plan a physio gave, entered hold by hold (DOSE-PHYSIO-OVERRIDE).

A physio's dose replaces the app's, but the red flags and hard position limits still apply, so
saving runs the check it is given (the use case's own-plan conflicts) and any conflict must be
confirmed by name before it is kept. The screen itself judges nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.validation import ValidationResult, Validator
from textual.widgets import DataTable, Header, Input, Label, Static

from achilles_tui.domain.engine import Advice
from achilles_tui.domain.models import Exercise, Position
from achilles_tui.ui.rule_tag import tagged_markup
from achilles_tui.ui.screens.confirm import ConfirmModal
from achilles_tui.ui.widgets.assessment_choice import AssessmentChoice
from achilles_tui.ui.widgets.assessment_plan import AssessmentPlan
from achilles_tui.ui.widgets.key_bar import KeyBar
from achilles_tui.ui.widgets.pain_scale import select_to_replace
from achilles_tui.ui.widgets.text_field import AnswerField

POSITIONS: tuple[tuple[Position, str], ...] = (
    (Position.NEUTRAL, "Neutral"),
    (Position.HEEL_RAISED, "Heel raised"),
    (Position.HEEL_DROP, "Heel drop"),
)

OVERRIDE_RULE = "DOSE-PHYSIO-OVERRIDE"


@dataclass(frozen=True)
class DoseField:
    """One number of an exercise, with the range ``Exercise`` itself enforces."""

    name: str
    label: str
    low: float
    high: float
    unit: str
    decimals: bool = False

    @property
    def range_text(self) -> str:
        """The range in words, for the hint and the refusal."""
        kind = "a number" if self.decimals else "a whole number"
        unit = f" {self.unit}" if self.unit else ""
        return f"{kind} from {self.low:g} to {self.high:g}{unit}"

    def parse(self, text: str) -> tuple[float | None, str | None]:
        """(value, None) or (None, message naming the field and its range)."""
        stripped = text.strip()
        try:
            value = float(stripped) if self.decimals else int(stripped)
        except ValueError:
            shown = f"'{stripped}'" if stripped else "empty"
            return None, f"{self.label}: {shown} is not allowed; enter {self.range_text}."
        if not self.low <= value <= self.high:
            shown = f"{value:g}" if self.decimals else str(value)
            if len(shown) > 12:
                shown = "that number"
            return None, f"{self.label}: {shown} is out of range; enter {self.range_text}."
        return value, None


DOSE_FIELDS: tuple[DoseField, ...] = (
    DoseField("legs", "Legs", 1, 2, ""),
    DoseField("load_kg", "Added load", 0, 200, "kg", decimals=True),
    DoseField("reps", "Reps", 1, 20, ""),
    DoseField("hold_seconds", "Hold", 5, 120, "s"),
    DoseField("rest_seconds", "Rest", 0, 600, "s"),
    DoseField("sessions_per_week", "Sessions per week", 1, 14, ""),
)


class DoseValidator(Validator):
    """Marks an out-of-range field red as it is typed, with the range in the message."""

    def __init__(self, dose_field: DoseField) -> None:
        super().__init__()
        self.dose_field = dose_field

    def validate(self, value: str) -> ValidationResult:
        _number, problem = self.dose_field.parse(value)
        return self.success() if problem is None else self.failure(problem)


@dataclass(frozen=True)
class OwnPlanResult:
    """What the editor hands back: the holds, and the rule ids the user chose to override."""

    exercises: tuple[Exercise, ...]
    overridden: tuple[str, ...] = ()


def conflict_question(conflicts: Sequence[Advice]) -> str:
    """The warning shown before saving a plan that contradicts a blocking rule."""
    lines = ["[b]This plan goes against:[/b]", ""]
    lines += [f"• {tagged_markup(item.message, item.rule)}" for item in conflicts]
    lines += [
        "",
        "Save it anyway? Only do so if your physio or surgeon prescribed it for you.",
    ]
    return "\n".join(lines)


class DoseInput(AnswerField):
    """A number of the form; Enter adds the form to the plan (and the key bar says so)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "submit", "Add exercise", key_display="⏎"),
    ]


class OwnPlanScreen(Screen[OwnPlanResult | None]):
    """Enter or edit the holds of a plan; returns them once checked, or None if cancelled."""

    CSS_PATH = "../styles/assessment.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "add", "Add exercise"),
        Binding("ctrl+s", "save", "Save plan", key_display="ctrl+s"),
        Binding("delete", "remove_row", "Remove row"),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(
        self,
        conflicts: Callable[[Sequence[Exercise]], list[Advice]],
        *,
        start_with: Exercise | None = None,
        heading: str = "Your own plan",
    ) -> None:
        super().__init__()
        self.conflicts = conflicts
        self.start_with = start_with
        self.heading = heading
        self.exercises: list[Exercise] = []
        self.title = heading
        self._clean_form: tuple[object, ...] = ()

    # layout ------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        with VerticalScroll(id="own-body", can_focus=False):
            yield Static(
                "Enter each hold as your physio prescribed it. The app checks it against "
                "your answers and warns you about anything that doesn't fit.",
                id="own-heading",
            )
            with Horizontal(id="own-top"):
                with Vertical(id="own-form"):
                    with Horizontal(classes="own-row -position"):
                        yield Label("Position", classes="own-label")
                        yield AssessmentChoice(
                            [label for _p, label in POSITIONS], id="own-position"
                        )
                    for dose in DOSE_FIELDS:
                        with Horizontal(classes="own-row"):
                            yield Label(dose.label, classes="own-label")
                            yield DoseInput(
                                id=f"own-{dose.name}",
                                compact=True,
                                validators=[DoseValidator(dose)],
                                validate_on=["changed", "submitted"],
                            )
                            yield Static(
                                f"{dose.low:g}-{dose.high:g} {dose.unit}".strip(),
                                classes="own-range",
                            )
                yield Static(id="own-picture")
            yield Static(id="own-list-title", classes="own-list-title")
            yield AssessmentPlan(focusable_table=True, id="own-list")
            yield Static(
                "Tab moves between fields. Enter adds the form to the plan; ctrl+s saves the "
                "plan (just the form, if nothing was added). Enter on a row takes it back to "
                "edit; Del removes it. Esc leaves without saving.",
                classes="hint",
            )
        # The key bar wraps at whole keys; Textual's Footer cut "s Session" in half at 80x24.
        yield KeyBar()

    def on_mount(self) -> None:
        self._fill_form(self.start_with or Exercise(Position.NEUTRAL, legs=2))
        self._clean_form = self._form_values()
        self._show_list()
        self.query_one("#own-position", AssessmentChoice).focus()

    # form --------------------------------------------------------------------
    def _fill_form(self, exercise: Exercise) -> None:
        positions = [position for position, _label in POSITIONS]
        self.query_one("#own-position", AssessmentChoice).index = positions.index(exercise.position)
        for dose in DOSE_FIELDS:
            value = getattr(exercise, dose.name)
            self.query_one(f"#own-{dose.name}", Input).value = f"{value:g}"
        self._show_picture()

    def _show_picture(self) -> None:
        from textual.content import Content

        from achilles_tui.storage.assets import position_picture

        self.query_one("#own-picture", Static).update(Content(position_picture(self._position)))

    def _form_values(self) -> tuple[object, ...]:
        """The position and every box as shown, to tell whether anything was changed."""
        boxes = (self.query_one(f"#own-{dose.name}", Input).value.strip() for dose in DOSE_FIELDS)
        return (self._position, *boxes)

    def unsaved_input(self) -> str | None:
        """Holds added or the form changed but not saved, so quitting the app asks first."""
        if self.exercises or self._form_values() != self._clean_form:
            return "the plan you were entering"
        return None

    @property
    def _position(self) -> Position:
        return POSITIONS[self.query_one("#own-position", AssessmentChoice).index][0]

    def on_assessment_choice_changed(self, _event: AssessmentChoice.Changed) -> None:
        """Redraw the picture for the newly chosen position."""
        self._show_picture()

    def read_form(self) -> Exercise | None:
        """The form as an Exercise, or None after telling the user which value is wrong."""
        values: dict[str, float] = {}
        for dose in DOSE_FIELDS:
            field_input = self.query_one(f"#own-{dose.name}", Input)
            number, problem = dose.parse(field_input.value)
            if problem is not None or number is None:
                self.notify(problem or "", title="Not added", severity="error")
                field_input.focus()
                select_to_replace(field_input)
                return None
            values[dose.name] = number
        load = float(values["load_kg"])
        return Exercise(
            position=self._position,
            legs=int(values["legs"]),
            added_load=load > 0,
            load_kg=load,
            reps=int(values["reps"]),
            hold_seconds=int(values["hold_seconds"]),
            rest_seconds=int(values["rest_seconds"]),
            sessions_per_week=int(values["sessions_per_week"]),
            rules=(OVERRIDE_RULE,),
        )

    def _show_list(self) -> None:
        count = len(self.exercises)
        title = (
            f"[b]In this plan ({count}):[/b]"
            if count
            else "[b]In this plan:[/b] nothing added yet; ctrl+s saves the form as the plan."
        )
        self.query_one("#own-list-title", Static).update(title)
        plan_view = self.query_one("#own-list", AssessmentPlan)
        plan_view.show(self.exercises)
        plan_view.query_one(".plan-picture").display = False
        self.refresh_bindings()

    # actions -----------------------------------------------------------------
    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in any field adds the exercise."""
        event.stop()
        self.action_add()

    def action_add(self) -> None:
        """Add the form to the plan's list (refused, with the range, if a value is wrong)."""
        exercise = self.read_form()
        if exercise is None:
            return
        self.exercises.append(exercise)
        self._show_list()
        select_to_replace(self.focused)  # the form is the start of the next hold: typing replaces
        self.notify(f"Added exercise {len(self.exercises)}. ctrl+s saves the plan.")

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on a row moves that exercise back into the form to change it."""
        event.stop()
        index = event.cursor_row
        if 0 <= index < len(self.exercises):
            exercise = self.exercises.pop(index)
            self._fill_form(exercise)
            self._show_list()
            self.query_one("#own-position", AssessmentChoice).focus()
            self.notify("Change it, then Enter to add it again.")

    def action_remove_row(self) -> None:
        """Remove the highlighted exercise from the list."""
        table = self.query_one("#own-list", AssessmentPlan).table
        if not table.has_focus or not self.exercises:
            self.app.bell()
            return
        index = min(table.cursor_row, len(self.exercises) - 1)
        del self.exercises[index]
        self._show_list()

    def action_save(self) -> None:
        """Check the plan against the rules; conflicts are named and must be confirmed."""
        if not self.exercises:
            exercise = self.read_form()
            if exercise is None:
                return
            self.exercises.append(exercise)
            self._show_list()
        conflicts = self.conflicts(self.exercises)
        if not conflicts:
            self.dismiss(OwnPlanResult(tuple(self.exercises)))
            return
        overridden = tuple(item.rule for item in conflicts)

        def answered(confirmed: bool | None) -> None:
            if confirmed:
                self.dismiss(OwnPlanResult(tuple(self.exercises), overridden))
            else:
                self.notify("Not saved. Change the plan, or Esc to leave it.")

        self.app.push_screen(
            ConfirmModal(
                conflict_question(conflicts),
                yes="Save anyway",
                no="Go back",
                enter_means_yes=False,
            ),
            answered,
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer Remove only when there is a row to remove."""
        if action == "remove_row":
            return bool(self.exercises)
        return True

    def action_cancel(self) -> None:
        """Leave without saving anything."""
        self.dismiss(None)
