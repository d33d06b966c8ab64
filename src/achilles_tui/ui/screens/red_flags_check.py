"""'Something changed?': the §F1 warning signs, re-asked from anywhere in the app.

A new pop, a swollen calf or breathlessness cannot wait for the weekly review, so this modal
gives the advice at once, and a blocking sign pauses the plan until the user has been checked
and re-assesses.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from achilles_tui.care.assessments import previous_answers
from achilles_tui.care.warning_signs import recheck_warning_signs
from achilles_tui.domain.assessment import Assessment, RedFlag
from achilles_tui.domain.engine import Advice, fluoroquinolone_message
from achilles_tui.domain.rules import rule
from achilles_tui.storage.errors import StorageError
from achilles_tui.ui.context import context_of
from achilles_tui.ui.rule_tag import tagged
from achilles_tui.ui.screens.assessment_questions import (
    RED_FLAG_QUESTIONS,
    is_blocking,
    normalise_flags,
)
from achilles_tui.ui.widgets.assessment_choice import AssessmentChoice
from achilles_tui.ui.widgets.hanging import HangingText

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
    """'• message · RULE-ID' lines: the words first, the id dimmed after them so a clinician
    can still trace every sentence."""
    return [
        Content.assemble(("• ", f"bold {style}".strip()), tagged(item.message, item.rule))
        for item in advice
    ]


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
        advice.update(HangingText.of_lines(lines))
        advice.display = True
        self.query_one("#flags-title", Static).update("[b]What to do now[/b]")
        self.query_one("#flags-hint", Static).update("Enter or Esc closes.")
        self.query_one("#flags-scroll").focus()

    def action_cancel(self) -> None:
        """Esc: cancel the checklist, or close the advice (the ticks still count)."""
        self.dismiss(self.flags)


def open_red_flags_check(
    app: App[Any], on_done: Callable[[list[RedFlag] | None], None] | None = None
) -> None:
    """Ask the warning signs from any screen; the answer is stored by the use case.

    A blocking sign pauses the plan (the care state, §F4) until the user re-assesses.
    """
    context = context_of(app)
    repo = context.repo
    previous = previous_answers(repo) if repo is not None else None

    def answered(flags: list[RedFlag] | None) -> None:
        if flags is None:
            return
        if not flags:
            app.notify("Nothing ticked: carry on with your plan as usual.")
        elif repo is not None:
            try:
                outcome = recheck_warning_signs(repo, flags, context.now())
            except StorageError as exc:
                app.notify(str(exc), title="Not saved", severity="error")
            else:
                if outcome.paused:
                    app.notify(PAUSED_TEXT, title="Plan paused", severity="error", timeout=10)
                else:
                    app.notify("Noted. Please get checked by your doctor or prescriber.")
        if on_done is not None:
            on_done(flags)

    app.push_screen(RedFlagsCheck(previous), answered)
