"""The Assessment section: warning signs, the §A questions, then a plan with its reasons.

One question a page, keyboard only, so it stays quick at 80x24; every line of the result names
the rule it comes from, and accepting always adds a new plan version (old ones are kept).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.validation import ValidationResult, Validator
from textual.widget import Widget
from textual.widgets import Input, Static

from achilles_tui.care.assessments import (
    AssessmentOutcome,
    evaluate,
    last_assessed,
    lower_warning,
    previous_answers,
    save_assessment,
    save_with_edited_plan,
)
from achilles_tui.care.errors import Refused
from achilles_tui.care.plans import own_plan_conflicts, save_own_plan
from achilles_tui.care.state import current_care_state
from achilles_tui.domain.assessment import Assessment, RedFlag
from achilles_tui.domain.care_state import CareStateKind
from achilles_tui.domain.engine import Advice, Mode, Recommendation, Verdict
from achilles_tui.domain.models import Exercise, Plan
from achilles_tui.domain.today import plan_lines
from achilles_tui.storage.errors import StorageError
from achilles_tui.ui.help_text import DISCLAIMER
from achilles_tui.ui.screens.assessment_own_plan import OwnPlanResult, OwnPlanScreen
from achilles_tui.ui.screens.assessment_questions import (
    QUESTIONS,
    RED_FLAG_QUESTIONS,
    Question,
    applicable,
    build_assessment,
    is_blocking,
    normalise_flags,
    parse_number,
    starting_answers,
)
from achilles_tui.ui.screens.base import SectionScreen
from achilles_tui.ui.screens.red_flags_check import (
    advice_lines,
    open_red_flags_check,
)
from achilles_tui.ui.widgets.assessment_choice import AssessmentChoice
from achilles_tui.ui.widgets.assessment_plan import AssessmentPlan
from achilles_tui.ui.widgets.hanging import HangingText
from achilles_tui.ui.widgets.pain_scale import select_to_replace
from achilles_tui.ui.widgets.text_field import AnswerField

if TYPE_CHECKING:
    from achilles_tui.storage.repository import Repository

View = Literal["start", "question", "result"]

VERDICT_WORDS: dict[Verdict, str] = {
    Verdict.ISOMETRIC: "Isometric holds are a good place for you to start.",
    Verdict.ISOTONIC: (
        "Holds look too easy for you: moving heel raises will probably help you more. "
        "We'll start gently and build up weekly."
    ),
    Verdict.SEE_CLINICIAN: "Please see a clinician before you start. No plan is given.",
}


class QuestionValidator(Validator):
    """Marks a number field red while it is outside the question's range."""

    def __init__(self, question: Question) -> None:
        super().__init__()
        self.question = question

    def validate(self, value: str) -> ValidationResult:
        _number, problem = parse_number(self.question, value)
        return self.success() if problem is None else self.failure(problem)


def _page_id(question: Question) -> str:
    return f"q-{question.field.replace('_', '-')}"


def _same_holds(a: tuple[Exercise, ...], b: tuple[Exercise, ...]) -> bool:
    """Equal doses, whatever rule ids each carries."""
    strip = [dataclasses.replace(e, rules=()) for e in a]
    return strip == [dataclasses.replace(e, rules=()) for e in b]


class AssessmentScreen(SectionScreen):
    """Start page, one page per question, and the result with accept / edit."""

    MODE = "assessment"
    CSS_PATH = "../styles/assessment.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "start", "Start questions"),
        Binding("o", "own_plan", "Enter physio plan"),
        Binding("enter", "next", "Next"),
        Binding("tab", "next", "Next question", show=False),
        Binding("shift+tab", "back", "Previous question", show=False),
        Binding("enter,y", "accept", "Accept plan"),
        Binding("enter", "choose", "Keep or use new", key_display="1/2 ⏎"),
        Binding("enter,y", "save_record", "Save answers"),
        Binding("e", "edit", "Edit plan"),
        Binding("b,backspace,escape", "back", "Back"),
        Binding("exclamation_mark", "something_changed", "Something changed?", key_display="!"),
    ]

    def __init__(self, repo: Repository) -> None:
        super().__init__(repo)
        self.view: View = "start"
        self.page = 0
        self.answers: dict[str, Any] = {}
        self._started_with: dict[str, Any] = {}
        self.assessment: Assessment | None = None
        self.result: Recommendation | None = None
        self.current: Plan | None = None
        self.lower: Advice | None = None
        self._jumped_from: int | None = None

    # layout ------------------------------------------------------------------
    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="assess-start", classes="assess-view"):
            yield Static(id="start-text")
        with Vertical(id="assess-questions", classes="assess-view"):
            yield Static(id="q-progress")
            with VerticalScroll(id="q-scroll", can_focus=False):
                yield Static(id="q-title")
                yield Static(id="q-help", classes="hint")
                for question in QUESTIONS:
                    yield self._question_widget(question)
                yield Static(id="q-error")
            yield Static(id="q-keys", classes="hint")
        with VerticalScroll(id="assess-result", classes="assess-view"):
            yield Static(id="r-verdict")
            yield AssessmentPlan(id="r-plan")
            yield Static(id="r-cautions")
            yield AssessmentChoice(["", ""], id="r-choice")
            yield Static(id="r-notes")
            yield Static(id="r-keys")
            yield Static(DISCLAIMER, id="r-disclaimer", classes="hint")

    def _question_widget(self, question: Question) -> Widget:
        if question.kind == "number":
            return AnswerField(
                id=_page_id(question),
                classes="q-page",
                placeholder="empty = skip" if question.optional else "",
                validators=[QuestionValidator(question)],
                validate_on=["changed", "submitted"],
            )
        if question.kind == "flags":
            return AssessmentChoice(
                [q.text for q in RED_FLAG_QUESTIONS],
                multiple=True,
                id=_page_id(question),
                classes="q-page",
            )
        return AssessmentChoice(
            [option.label for option in question.options],
            keys=[option.key for option in question.options],
            id=_page_id(question),
            classes="q-page",
        )

    def on_mount(self) -> None:
        self._show_view("start")

    # start page --------------------------------------------------------------
    def refresh_data(self) -> None:
        """The start page reflects the current plan and the care state, read fresh each time."""
        plan = self.repo.current_plan()
        care = current_care_state(self.repo, self.achilles.now())
        last = last_assessed(self.repo)
        lines: list[Content | str] = [
            Content.styled("Assessment", "bold $accent"),
            "",
            "A few questions (about two minutes), warning signs first. You then see a "
            "suggested plan with the reason for every choice and decide whether to use it. "
            "Earlier plans and assessments are always kept.",
            "",
        ]
        if care.kind in (CareStateKind.PAUSED_RED_FLAG, CareStateKind.BLOCKED_NO_PLAN):
            lines.append(Content.styled(care.headline, "bold $error"))
            lines += advice_lines(care.reasons, "$error")
            lines.append(care.until_text + ".")
            lines.append("")
        if plan is None:
            lines.append(Content.assemble(("Current plan: ", "bold"), "none yet."))
        else:
            head, *holds = plan_lines(plan)
            lines.append(Content.assemble(("Current plan: ", "bold"), head))
            lines += [f"  {hold}" for hold in holds]
        if last is not None:
            when, count = last
            lines.append(
                Content.assemble(("Last assessment: ", "bold"), f"{when:%d %b %Y} ({count} stored)")
            )
        lines += [
            "",
            Content.assemble(("Enter", "bold"), "  start the questions"),
            Content.assemble(("o", "bold"), "      enter the plan your physio gave you"),
            Content.assemble(("!", "bold"), "      something changed? re-check the warning signs"),
        ]
        if last is not None:
            lines.append(
                Content(
                    "Your last answers are filled in to save time; the warning signs are "
                    "always asked afresh. Your current plan stays unless you choose the new one.",
                ).stylize("$text-muted")
            )
        parts = [line if isinstance(line, Content) else Content(line) for line in lines]
        self.query_one("#start-text", Static).update(Content("\n").join(parts))

    # views -------------------------------------------------------------------
    def _show_view(self, view: View) -> None:
        self.view = view
        for name in ("start", "questions", "result"):
            self.query_one(f"#assess-{name}").display = False
        target = {"start": "start", "question": "questions", "result": "result"}[view]
        self.query_one(f"#assess-{target}").display = True
        if view == "start":
            self.refresh_data()
            self.query_one("#assess-start").focus()
        elif view == "result":
            self.query_one("#assess-result").focus()
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Each view shows only its own keys in the footer."""
        by_view = {
            "start": {"start", "own_plan"},
            "question": {"next", "back"},
            "result": {"accept", "choose", "save_record", "edit", "back"},
        }
        all_view_actions = set().union(*by_view.values())
        if action not in all_view_actions:
            return True
        if action not in by_view[self.view]:
            return False
        if action == "accept" and self.reassessing:
            return False  # after a re-assessment, Enter keeps the current plan by default
        if action == "choose":
            return self.reassessing
        if action == "accept":
            return self.offers_plan
        if action == "edit":
            # The editor edits holds; a heel-raise plan is accepted as it is (or entered with o).
            return self.result is not None and self.result.verdict is Verdict.ISOMETRIC
        if action == "save_record":
            return self.result is not None and not self.offers_plan
        return True

    # questions ---------------------------------------------------------------
    @property
    def questions(self) -> list[Question]:
        """The questions that apply to the answers so far."""
        return applicable(self.answers)

    @property
    def question(self) -> Question:
        """The question on screen."""
        return self.questions[self.page]

    def action_start(self) -> None:
        """Begin: last answers filled in (never the warning signs), first page."""
        previous = previous_answers(self.repo)
        last = last_assessed(self.repo)
        weeks_since = (self.achilles.now() - last[0]).days // 7 if last is not None else 0
        self.answers = starting_answers(previous, self.achilles.settings.injured_side, weeks_since)
        self._started_with = dict(self.answers)
        for question in QUESTIONS:
            self._load_widget(question)
        self.result = None
        self.page = 0
        self._show_view("question")
        self._show_page()

    def _load_widget(self, question: Question) -> None:
        value = self.answers.get(question.field)
        widget = self.query_one(f"#{_page_id(question)}")
        if isinstance(widget, Input):
            widget.value = "" if value is None else str(value)
        elif isinstance(widget, AssessmentChoice):
            if question.kind == "flags":
                flags = set(normalise_flags(value))
                widget.set_ticked(i for i, q in enumerate(RED_FLAG_QUESTIONS) if q.flag in flags)
                widget.index = 0
            else:
                values = [option.value for option in question.options]
                widget.index = values.index(value) if value in values else 0

    def _show_page(self) -> None:
        question = self.question
        total = len(self.questions)
        self.query_one("#q-progress", Static).update(
            Content.styled(f"Question {self.page + 1} of {total}", "bold $accent")
        )
        self.query_one("#q-title", Static).update(Content.styled(question.title, "bold"))
        help_text = question.help
        if question.kind == "number":
            help_text = f"Type {question.range_text}. {help_text}".strip()
        self.query_one("#q-help", Static).update(Content(help_text))
        self.query_one("#q-help").display = bool(help_text)
        self._set_error(None)
        for other in QUESTIONS:
            self.query_one(f"#{_page_id(other)}").display = other is question
        keys = {
            "choice": f"1-{len(question.options)} or arrows choose, Enter next, b back",
            "flags": f"1-{len(RED_FLAG_QUESTIONS)} or Space tick; none ticked = none apply. "
            "Enter next, b back",
            "number": "Enter next, Esc back",
        }[question.kind]
        self.query_one("#q-keys", Static).update(keys)
        page = self.query_one(f"#{_page_id(question)}")
        page.focus()
        select_to_replace(page)
        self.query_one("#q-scroll").scroll_home(animate=False)

    def _set_error(self, message: str | None) -> None:
        error = self.query_one("#q-error", Static)
        error.update(Content(message or ""))
        error.display = message is not None

    def _read_page(self) -> bool:
        """Store the page's answer; False (with a message naming the range) if refused."""
        question = self.question
        widget = self.query_one(f"#{_page_id(question)}")
        if isinstance(widget, Input):
            value, problem = parse_number(question, widget.value)
            if problem is not None:
                self._set_error(problem)
                self.notify(problem, title="Not accepted", severity="error")
                widget.focus()
                select_to_replace(widget)
                return False
            self.answers[question.field] = value
        elif isinstance(widget, AssessmentChoice):
            if question.kind == "flags":
                ticked = [RED_FLAG_QUESTIONS[i].flag for i in widget.ticked_indexes]
                self.answers[question.field] = normalise_flags(ticked)
            else:
                self.answers[question.field] = question.options[widget.index].value
        return True

    def unsaved_input(self) -> str | None:
        """Answers given (or a result shown) but not saved, so quitting the app asks first."""
        if self.view == "result" or (self.view == "question" and self._answered_any()):
            return "your assessment answers"
        return None

    def _answered_any(self) -> bool:
        """Past the first page, or an answer differs from what the questions started with."""
        if self.page > 0 or self.answers != self._started_with:
            return True
        widget = self.query_one(f"#{_page_id(self.question)}")
        if isinstance(widget, Input):
            value = self.answers.get(self.question.field)
            return widget.value.strip() != ("" if value is None else str(value))
        return False

    def on_assessment_choice_changed(self, event: AssessmentChoice.Changed) -> None:
        """Keep answers current so the question count follows (e.g. rupture questions)."""
        if self.view == "question" and event.choice.id == _page_id(self.question):
            self._read_page()
            self.query_one("#q-progress", Static).update(
                Content.styled(f"Question {self.page + 1} of {len(self.questions)}", "bold $accent")
            )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in a number field: next page if the number is allowed."""
        event.stop()
        self.action_next()

    def action_next(self) -> None:
        """Accept this page's answer and move on; after the last page, show the result."""
        if self.view != "question" or not self._read_page():
            return
        if self._blocking_now():
            # A sign that needs a clinician is shown at once, not after fifteen more questions.
            self._show_result()
            return
        if self.page + 1 < len(self.questions):
            self.page += 1
            self._show_page()
        else:
            self._show_result()

    def action_back(self) -> None:
        """One page back; from the first page to the start page."""
        if self.view == "result":
            self.page = (
                self._jumped_from if self._jumped_from is not None else (len(self.questions) - 1)
            )
            self._show_view("question")
            self._show_page()
            return
        if self.view != "question":
            return
        if self.page == 0:
            self._show_view("start")
            return
        self.page -= 1
        self._show_page()

    def _blocking_now(self) -> bool:
        """The page just answered reports a sign that stops the plan (flags, sudden onset)."""
        field = self.question.field
        self._jumped_from = None
        blocking = (field == "red_flags" and is_blocking(self.answers["red_flags"])) or (
            field == "sudden_onset" and self.answers.get("sudden_onset") is True
        )
        if blocking:
            self._jumped_from = self.page
        return blocking

    # result --------------------------------------------------------------------
    def _show_result(self) -> None:
        assessment = build_assessment(self.answers)
        result = evaluate(assessment)
        self.assessment = assessment
        self.result = result
        self.current = self.repo.current_plan()
        self.lower = lower_warning(self.repo, result)
        self._fill_result(result)
        self._show_view("result")
        self.refresh_bindings()
        self.query_one("#assess-result").scroll_home(animate=False)
        if self.reassessing:
            self.query_one("#r-choice", AssessmentChoice).focus()

    def _fill_result(self, result: Recommendation) -> None:
        verdict: list[Content] = []
        if "RF-PE" in result.rules_fired:
            verdict.append(
                Content.styled("EMERGENCY: call emergency services now (RF-PE).", "bold $error")
            )
        style = "bold $error" if result.verdict is Verdict.SEE_CLINICIAN else "bold $accent"
        verdict.append(Content.styled(VERDICT_WORDS[result.verdict], style))
        if result.level and result.verdict is Verdict.ISOTONIC:
            first = result.exercises[0] if result.exercises else None
            often = (
                "every day"
                if first is None or first.sessions_per_week == 7
                else f"{first.sessions_per_week} days a week"
            )
            verdict.append(Content(f"Starting heel-raise step {result.level} of T1-T8, {often}."))
        elif result.verdict is Verdict.ISOTONIC:
            verdict.append(Content("There is no heel-raise plan to accept yet (see below)."))
        elif result.level:
            detail = f"Starting level {result.level} of 8, one session a day."
            if result.mode is Mode.COMPETITION:
                detail += " Competition mode: the holds are optional, for pain relief only."
            if result.trial:
                detail += " This position is a trial: check the next morning how it settled."
            verdict.append(Content(detail))
        self.query_one("#r-verdict", Static).update(Content("\n").join(verdict))

        plan_view = self.query_one("#r-plan", AssessmentPlan)
        plan_view.display = bool(result.exercises)
        plan_view.show(result.exercises)

        caution_style = "$error" if result.verdict is Verdict.SEE_CLINICIAN else "$warning"
        cautions = result.cautions if self.lower is None else (self.lower, *result.cautions)
        self._advice_block("#r-cautions", "Cautions", cautions, caution_style)
        self._show_choice(result)
        self._advice_block("#r-notes", "Why, and what to expect", result.notes, "$accent")
        self.query_one("#r-keys", Static).update(self._result_keys(result))

    def _advice_block(
        self, selector: str, heading: str, advice: tuple[Advice, ...], style: str
    ) -> None:
        block = self.query_one(selector, Static)
        block.display = bool(advice)
        # Each '• sentence · RULE' line wraps under its own words, not under the bullet.
        lines = [Content.styled(heading, "bold"), *advice_lines(advice, style)]
        block.update(HangingText.of_lines(lines))

    @property
    def offers_plan(self) -> bool:
        """Holds, or (§E6.5) heel raises at a start step: a plan the user can accept."""
        result = self.result
        return (
            result is not None
            and result.verdict in (Verdict.ISOMETRIC, Verdict.ISOTONIC)
            and bool(result.exercises)
        )

    @property
    def reassessing(self) -> bool:
        """A plan exists and this result offers another: keeping it is the default."""
        return self.current is not None and self.offers_plan

    def _show_choice(self, result: Recommendation) -> None:
        """On a re-assessment, keep the current plan (default) or use the new one."""
        choice = self.query_one("#r-choice", AssessmentChoice)
        choice.display = self.reassessing
        if not self.reassessing or self.current is None:
            return
        current = self.current
        level = f", {current.level}" if current.level else ""
        choice.labels = [
            f"Keep my current plan (version {current.version}{level}) and save these answers",
            f"Use the new {'heel-raise ' if result.verdict is Verdict.ISOTONIC else ''}plan "
            f"({result.level})",
        ]
        choice.index = 0
        choice.refresh(layout=True)

    def _result_keys(self, result: Recommendation) -> Content:
        if self.reassessing:
            edit = "  e: change the new plan first." if result.verdict is Verdict.ISOMETRIC else ""
            text = (
                "1 or 2 (or arrows) choose, Enter: do it (keeping your current plan is the "
                f"default).{edit}  b: back to the questions."
            )
        elif self.offers_plan and result.verdict is Verdict.ISOTONIC:
            text = (
                "Enter or y: use this heel-raise plan (it becomes your current plan; earlier "
                "ones are kept).  b: back to the questions."
            )
        elif result.verdict is Verdict.ISOMETRIC:
            text = (
                "Enter or y: use this plan (it becomes your current plan; earlier ones are "
                "kept).  e: change it first.  b: back to the questions."
            )
        elif result.verdict is Verdict.SEE_CLINICIAN:
            text = (
                "Enter or y: save these answers for the record (your current plan, if any, "
                "is paused until you re-assess).  b: back to the questions."
            )
        else:
            text = (
                "Enter or y: save these answers for the record; your current plan stays as "
                "it is.  b: back to the questions."
            )
        return Content.styled(text, "bold")

    def action_choose(self) -> None:
        """After a re-assessment: keep the current plan (default) or use the new one."""
        self.action_accept()

    def action_accept(self) -> None:
        """Use the new plan, or on a re-assessment do what the choice says (keep by default)."""
        result = self.result
        if result is None or not result.exercises or self.assessment is None:
            self.app.bell()
            return
        if self.reassessing and self.query_one("#r-choice", AssessmentChoice).index == 0:
            self._save(use_plan=False)
            return
        self._save(use_plan=True)

    def _save(self, *, use_plan: bool) -> None:
        """Store the answers (and the plan when chosen), then tell the user what happened."""
        assert self.assessment is not None and self.result is not None
        try:
            outcome = save_assessment(
                self.repo, self.assessment, self.result, self.achilles.now(), use_plan=use_plan
            )
        except StorageError as exc:
            self.notify(str(exc), title="Not saved", severity="error")
            return
        self._report(outcome)

    def _report(self, outcome: AssessmentOutcome) -> None:
        """A new plan, a kept plan, or a paused one: say which."""
        side = self.assessment.side if self.assessment is not None else None
        if side in ("left", "right") and self.achilles.settings.injured_side != side:
            # The session's "injured side only" runs on the side just assessed.
            self.achilles.save_settings(injured_side=side)
        if outcome.plan is not None:
            message = f"Saved as plan version {outcome.plan.version}. Today now shows it."
        elif outcome.kept is not None:
            message = f"Answers saved; your current plan (version {outcome.kept.version}) stays."
        else:
            message = "Answers saved for the record."
        care = outcome.care
        stopped = care.kind in (CareStateKind.PAUSED_RED_FLAG, CareStateKind.BLOCKED_NO_PLAN)
        if stopped:
            message += f" {care.headline}"
        self.notify(message, title="Saved", severity="warning" if stopped else "information")
        self._show_view("start")

    def action_save_record(self) -> None:
        """Keep the answers of a no-plan result; the current plan is not replaced."""
        if self.result is None:
            return
        self._save(use_plan=False)

    def action_edit(self) -> None:
        """Change the suggested holds before accepting (they become an own plan)."""
        if self.result is None or not self.result.exercises:
            return
        suggested = tuple(e for e in self.result.exercises if isinstance(e, Exercise))
        if not suggested:  # heel raises are accepted as they are (or entered with o)
            self.app.bell()
            return
        self.app.push_screen(
            OwnPlanScreen(
                self._conflicts(True), start_with=suggested[0], heading="Change the suggested plan"
            ),
            lambda outcome: self._edited(outcome, suggested),
        )

    def _edited(self, outcome: OwnPlanResult | None, suggested: tuple[Exercise, ...]) -> None:
        if outcome is None or self.result is None or self.assessment is None:
            return
        if _same_holds(outcome.exercises, suggested):
            self._save(use_plan=True)
            return
        try:
            saved = save_with_edited_plan(
                self.repo,
                self.assessment,
                self.result,
                self.achilles.now(),
                outcome.exercises,
                confirmed=outcome.overridden,
                note=_own_note("changed", outcome),
            )
        except (StorageError, Refused) as exc:
            self.notify(str(exc), title="Not saved", severity="error")
            return
        self._report(saved)

    def _conflicts(self, edited: bool) -> Callable[[Sequence[Exercise]], list[Advice]]:
        """The own-plan check the editor runs before saving (DOSE-PHYSIO-OVERRIDE)."""
        return lambda exercises: own_plan_conflicts(
            self.repo, exercises, self.achilles.now(), edited=edited
        )

    def action_own_plan(self) -> None:
        """Enter the plan a physio gave; checked by the same rules as `plan set`."""
        self.app.push_screen(
            OwnPlanScreen(self._conflicts(False), heading="Your physio's plan"),
            self._own_saved,
        )

    def _own_saved(self, outcome: OwnPlanResult | None) -> None:
        if outcome is None:
            return
        try:
            plan = save_own_plan(
                self.repo,
                outcome.exercises,
                self.achilles.now(),
                confirmed=outcome.overridden,
                note=_own_note("entered", outcome),
            )
        except (StorageError, Refused) as exc:
            self.notify(str(exc), title="Not saved", severity="error")
            return
        self.notify(f"Your own plan is saved as version {plan.version}.", title="Saved")
        self.refresh_data()

    def action_something_changed(self) -> None:
        """Re-check the warning signs from this section (the app may bind it globally)."""
        open_red_flags_check(self.app, self._flags_checked)

    def _flags_checked(self, _flags: list[RedFlag] | None) -> None:
        if self.view == "start":
            self.refresh_data()


def _own_note(verb: str, outcome: OwnPlanResult) -> str:
    """Plan note: where it came from and which rules the user chose to override."""
    note = f"{verb} in the app (DOSE-PHYSIO-OVERRIDE)"
    if outcome.overridden:
        note += "; saved despite " + ", ".join(outcome.overridden)
    return note


def _date_words(iso_text: str) -> str:
    """'16 Mar 2026' from a stored ISO time; the raw text if it does not parse."""
    import datetime as dt

    try:
        return f"{dt.datetime.fromisoformat(iso_text):%d %b %Y}"
    except ValueError:
        return iso_text
