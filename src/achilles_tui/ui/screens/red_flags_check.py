"""'Something changed?': the §F1 warning signs, re-asked from anywhere in the app.

A new pop, a swollen calf or breathlessness cannot wait for the weekly review, so this modal
gives the advice at once, and a blocking sign pauses the plan until the user has been checked
and re-assesses.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from achilles_tui.domain.assessment import Assessment, Condition, RedFlag, latest_answers
from achilles_tui.domain.engine import Advice, fluoroquinolone_message, recommend
from achilles_tui.domain.rules import rule
from achilles_tui.ui.screens.assessment_questions import (
    RED_FLAG_QUESTIONS,
    is_blocking,
    normalise_flags,
)
from achilles_tui.ui.widgets.assessment_choice import AssessmentChoice

if TYPE_CHECKING:
    from achilles_tui.ui.app import AchillesApp

RECORD_SOURCE = "red-flags-check"
PAUSED_TEXT = (
    "Your plan is paused: don't do the holds until a clinician has checked you. "
    "Afterwards, take the assessment again (key a) to get a plan back."
)


def flag_advice(flags: Iterable[RedFlag], assessment: Assessment | None = None) -> list[Advice]:
    """The advice for each ticked sign in checklist order, once per rule id."""
    ticked = set(flags)
    advice: list[Advice] = []
    seen: set[str] = set()
    for question in RED_FLAG_QUESTIONS:
        if question.flag not in ticked or question.rule_id in seen:
            continue
        seen.add(question.rule_id)
        message = rule(question.rule_id).message
        if question.rule_id == "RF-FLUOROQUINOLONE" and assessment is not None:
            message = fluoroquinolone_message(assessment)
        advice.append(Advice(question.rule_id, message))
    return advice


def advice_lines(advice: Sequence[Advice], style: str = "") -> list[Content]:
    """'RULE-ID  message' lines, the id first so a clinician can trace every sentence."""
    return [
        Content.assemble((item.rule, f"bold {style}".strip()), "  ", item.message)
        for item in advice
    ]


def red_flags_record(
    flags: Sequence[RedFlag], previous: Assessment | None, when: dt.datetime
) -> dict[str, Any]:
    """An assessment record for a check: the last answers with today's signs, and the result.

    Stored like any assessment so the newest record always says whether a plan may be followed.
    """
    from achilles_tui.commands.assess import assessment_record

    base = previous if previous is not None else Assessment(condition=Condition.UNSURE)
    assessment = dataclasses.replace(base, red_flags=tuple(flags))
    record = assessment_record(assessment, recommend(assessment), when)
    record["source"] = RECORD_SOURCE
    return record


class RedFlagsCheck(ModalScreen[list[RedFlag] | None]):
    """Tick what is new; returns the ticked signs ([] for none), or None when cancelled."""

    CSS_PATH = "../styles/assessment.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "done", "Done"),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, assessment: Assessment | None = None) -> None:
        super().__init__()
        self.assessment = assessment
        self.flags: list[RedFlag] | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="flags-dialog", classes="dialog"):
            yield Static("[b]Something changed? Has any of this happened?[/b]", id="flags-title")
            with VerticalScroll(id="flags-scroll"):
                yield AssessmentChoice(
                    [question.text for question in RED_FLAG_QUESTIONS],
                    multiple=True,
                    id="flags-list",
                )
                yield Static(id="flags-advice")
            yield Static(
                "Number keys or Space tick, Enter when done, Esc to cancel.",
                id="flags-hint",
                classes="hint",
            )

    def on_mount(self) -> None:
        self.query_one("#flags-advice").display = False
        self.query_one("#flags-list", AssessmentChoice).focus()

    @property
    def ticked(self) -> list[RedFlag]:
        """The ticked signs, in checklist order."""
        choice = self.query_one("#flags-list", AssessmentChoice)
        return list(normalise_flags([RED_FLAG_QUESTIONS[i].flag for i in choice.ticked_indexes]))

    def action_done(self) -> None:
        """Nothing ticked: close. Otherwise show the advice at once, then close on Enter."""
        if self.flags is not None:
            self.dismiss(self.flags)
            return
        flags = self.ticked
        if not flags:
            self.dismiss([])
            return
        self.flags = flags
        self._show_advice(flags)

    def _show_advice(self, flags: list[RedFlag]) -> None:
        lines: list[Content] = []
        if RedFlag.BREATHLESS in flags:
            lines.append(
                Content.styled("EMERGENCY: call emergency services now (RF-PE).", "bold $error")
            )
            lines.append(Content(""))
        blocking = is_blocking(flags)
        style = "$error" if blocking else "$warning"
        lines += advice_lines(flag_advice(flags, self.assessment), style)
        lines.append(Content(""))
        if blocking:
            lines.append(Content.styled(PAUSED_TEXT, "bold"))
        else:
            lines.append(
                Content(
                    "You can keep to your plan, but don't move up a level until you have "
                    "spoken to your doctor or prescriber. Your next assessment starts gently."
                )
            )
        self.query_one("#flags-list").display = False
        advice = self.query_one("#flags-advice", Static)
        advice.update(Content("\n").join(lines))
        advice.display = True
        self.query_one("#flags-title", Static).update("[b]What to do now[/b]")
        self.query_one("#flags-hint", Static).update("Enter or Esc closes.")
        self.query_one("#flags-scroll").focus()

    def action_cancel(self) -> None:
        """Esc: cancel the checklist, or close the advice (the ticks still count)."""
        self.dismiss(self.flags)


def open_red_flags_check(
    app: AchillesApp, on_done: Callable[[list[RedFlag] | None], None] | None = None
) -> None:
    """Ask the warning signs from any screen; a ticked sign is stored as an assessment record.

    A blocking sign makes that record's verdict see_clinician, which ``pause_advice`` reads
    as "plan paused" until the user re-assesses.
    """
    repo = app.repo
    previous = latest_answers(repo.assessments()) if repo is not None else None

    def answered(flags: list[RedFlag] | None) -> None:
        if flags is None:
            return
        if not flags:
            app.notify("Nothing ticked: carry on with your plan as usual.")
        elif repo is not None:
            from achilles_tui.storage.errors import StorageError

            try:
                repo.add_assessment(red_flags_record(flags, previous, app.now()))
            except StorageError as exc:
                app.notify(str(exc), title="Not saved", severity="error")
            else:
                if is_blocking(flags):
                    app.notify(PAUSED_TEXT, title="Plan paused", severity="error", timeout=10)
                else:
                    app.notify("Noted. Please get checked by your doctor or prescriber.")
        if on_done is not None:
            on_done(flags)

    app.push_screen(RedFlagsCheck(previous), answered)
