"""A plan as a table with the drawing of each position beside it.

Shared by the assessment result and the own-plan editor so a recommended plan and an entered
one look the same, and the user can check the position they are about to hold. A heel-raise
plan (§E6) gets its own columns (surface, sets x reps, tempo, rest between sets) and a few
words on form in place of a drawing.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import DataTable, Static

from achilles_tui.domain.models import (
    AnyExercise,
    Exercise,
    HeelRaise,
    Position,
    RaiseKind,
    Surface,
)
from achilles_tui.storage.assets import position_picture

POSITION_SHORT: dict[Position, str] = {
    Position.NEUTRAL: "neutral",
    Position.HEEL_RAISED: "heel raised",
    Position.HEEL_DROP: "heel drop",
}

COLUMNS: tuple[str, ...] = ("#", "Position", "Legs", "Load", "Reps", "Hold", "Rest", "/week")
RAISE_COLUMNS: tuple[str, ...] = (
    "#",
    "Heel raise",
    "Surface",
    "Legs",
    "Load",
    "Sets x reps",
    "Tempo",
    "Rest",
    "/week",
)
RAISE_FORM = (
    "Rise as high as is comfortable,\nno hold at the top (POS-ISOT-HEIGHT).\n"
    "Tempo: seconds up / top / down."
)
STEP_FORM = "\nOn a step: lower only as far as\nfeels OK, no bounce (POS-ISOT-STEP-FORM)."
# Below this width the drawing goes under the table instead of beside it.
SIDE_BY_SIDE_WIDTH = 96


def load_words(exercise: AnyExercise) -> str:
    """Load short enough for a table cell."""
    if exercise.load_kg > 0:
        return f"+{exercise.load_kg:g} kg"
    return "+ light load" if exercise.added_load else "body weight"


def exercise_row(number: int, exercise: Exercise) -> tuple[str, ...]:
    """One table row; units in the cells so the header can stay short."""
    return (
        str(number),
        POSITION_SHORT[exercise.position],
        "both" if exercise.legs == 2 else "one",
        load_words(exercise),
        str(exercise.reps),
        f"{exercise.hold_seconds} s",
        f"{exercise.rest_seconds} s",
        str(exercise.sessions_per_week),
    )


def raise_row(number: int, exercise: HeelRaise) -> tuple[str, ...]:
    """One heel-raise row: what, where, legs, load, sets x reps, tempo, rest between sets."""
    kind = "up 2, down 1" if exercise.exercise is RaiseKind.UP_TWO_DOWN_ONE else "raise"
    return (
        str(number),
        kind,
        str(exercise.surface),
        "both" if exercise.legs == 2 else "one",
        load_words(exercise),
        f"{exercise.sets} x {exercise.reps}",
        exercise.tempo.text,
        f"{exercise.rest_seconds} s",
        str(exercise.sessions_per_week),
    )


def pictures_for(positions: Sequence[Position]) -> str:
    """Each distinct position's drawing once, in plan order."""
    unique = list(dict.fromkeys(positions))
    return "\n\n".join(position_picture(position) for position in unique)


class AssessmentPlan(Horizontal):
    """Exercises in a DataTable, position drawings on the right (below it when narrow)."""

    DEFAULT_CSS = """
    AssessmentPlan {
        height: auto;
    }
    AssessmentPlan.-narrow {
        layout: vertical;
    }
    AssessmentPlan > DataTable {
        width: auto;
        height: auto;
        max-height: 8;
        margin-right: 1;
    }
    AssessmentPlan > .plan-picture {
        width: auto;
        height: auto;
        color: $text-muted;
    }
    """

    def __init__(self, *, focusable_table: bool = False, id: str | None = None) -> None:
        super().__init__(id=id)
        self.focusable_table = focusable_table

    def compose(self) -> ComposeResult:
        table: DataTable[str] = DataTable(
            cursor_type="row" if self.focusable_table else "none",
            zebra_stripes=True,
            classes="plan-table",
        )
        table.can_focus = self.focusable_table
        yield table
        yield Static(classes="plan-picture")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(*COLUMNS)
        self._columns = COLUMNS

    @property
    def table(self) -> DataTable[str]:
        """The table, for tests and row selection."""
        return self.query_one(DataTable)

    def show(self, exercises: Sequence[AnyExercise], picture_of: Position | None = None) -> None:
        """Fill the table; draw ``picture_of`` or else every position in the plan."""
        table = self.table
        raises = [e for e in exercises if isinstance(e, HeelRaise)]
        columns = RAISE_COLUMNS if raises else COLUMNS
        if columns != getattr(self, "_columns", COLUMNS):
            table.clear(columns=True)
            table.add_columns(*columns)
            self._columns = columns
        else:
            table.clear()
        for number, exercise in enumerate(exercises, start=1):
            row = (
                raise_row(number, exercise)
                if isinstance(exercise, HeelRaise)
                else exercise_row(number, exercise)
            )
            table.add_row(*row, key=str(number))
        table.display = bool(exercises)
        picture = self.query_one(".plan-picture", Static)
        if raises:
            on_step = any(e.surface is Surface.STEP for e in raises)
            picture.update(Content(RAISE_FORM + (STEP_FORM if on_step else "")))
            return
        holds = [e for e in exercises if isinstance(e, Exercise)]
        positions = [picture_of] if picture_of is not None else [e.position for e in holds]
        picture.update(Content(pictures_for(positions)))

    def on_resize(self, event: events.Resize) -> None:
        """Table and drawing side by side only when both fit."""
        self.set_class(event.size.width < SIDE_BY_SIDE_WIDTH, "-narrow")
