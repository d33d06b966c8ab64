"""The Progress section: the weekly review, accepted into a new plan version with one key.

The screen only mediates: ``domain.review_context`` picks the plan, assessment and earlier
verdicts and builds the review; the repository stores the decision (and the new plan version in
the same write). Self-tests and questionnaires are kept in the reviews table with a ``kind``
until storage has a table of their own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.containers import Vertical, VerticalScroll
from textual.markup import escape
from textual.widgets import Static

from achilles_tui.care.assessments import previous_answers
from achilles_tui.care.capacity import save_questionnaire, save_self_test
from achilles_tui.care.errors import NeedsConfirmation
from achilles_tui.care.heel_raise_test import heel_raise_tests
from achilles_tui.care.review import (
    BLOCKING_STATES,
    ReviewView,
    accept_review,
    dismiss_review,
    dose_conflicts,
    weekly_review,
)
from achilles_tui.domain.capacity import (
    Questionnaire,
    SelfTest,
    questionnaire_due,
    questionnaire_offered,
    questionnaires_in,
    self_tests_in,
)
from achilles_tui.domain.models import (
    ISOTONIC,
    AnyExercise,
    DomainError,
    Exercise,
    HeelRaise,
    HeelRaiseTest,
)
from achilles_tui.domain.progression import Review, Suggestion
from achilles_tui.domain.report import (
    MILESTONE_RULE,
    change_text,
    exercise_dose_text,
    suggestion_text,
)
from achilles_tui.domain.review_context import Dose, weekly_review_records
from achilles_tui.domain.review_figures import WEEK_DAYS
from achilles_tui.storage.errors import StorageError
from achilles_tui.ui.screens.base import SectionScreen
from achilles_tui.ui.screens.physio_report import KEY as REPORT_KEY
from achilles_tui.ui.screens.physio_report import ReportCommands, write_report
from achilles_tui.ui.screens.progress_modals import (
    DoseEditModal,
    QuestionnaireModal,
    SelfTestModal,
)
from achilles_tui.ui.widgets.progress_tables import (
    figures_table,
    heel_raise_tests_chart,
    heel_raise_tests_table,
    plans_table,
    reviews_table,
)

if TYPE_CHECKING:
    from achilles_tui.storage.repository import Repository

KEY_HINT = (
    "Enter/y accept  e edit dose  x dismiss  [ ] earlier/later week  c self-test  "
    "v questionnaire  l plan history"
)
KEY_HINT_NO_EDIT = KEY_HINT.replace("e edit dose  ", "")
"""When there is no new dose of holds to change, `e` is not offered at all."""
KEY_HINT_ISOTONIC = (
    "Enter/y accept  x dismiss  [ ] earlier/later week  g heel-raise test  "
    "v questionnaire  l plan history"
)
HR_TEST_RULE = "MON-ISOT-HR-TEST"
BACK_TO_HOLDS_RULE = "PROG-ISOT-BACK-TO-ISO"
_CARD_CLASSES = {
    Suggestion.PROGRESS: "-progress",
    Suggestion.HOLD: "-hold",
    Suggestion.REGRESS: "-regress",
    Suggestion.SWITCH_TO_ISOTONIC: "-progress",
    Suggestion.SEE_CLINICIAN: "-clinician",
}
# The lead's review adds the way back to holds; older reviews never return it.
_CARD_CLASSES.update({s: "-regress" for s in Suggestion if s.value == "switch_to_isometric"})


class ProgressScreen(SectionScreen):
    """This week's review beside last week's figures; accept, edit or dismiss it."""

    MODE = "progress"
    CSS_PATH = "../styles/progress.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,y", "accept", "Accept", key_display="Enter/y"),
        Binding("e", "edit_dose", "Edit dose"),
        Binding("x", "dismiss_review", "Dismiss"),
        # "\\[" so the key bar's markup shows a literal bracket.
        Binding("left_square_bracket", "week(-1)", "Earlier week", key_display="["),
        Binding("right_square_bracket", "week(1)", "Later week", key_display="]"),
        Binding("c", "self_test", "Self-test"),
        Binding("v", "questionnaire", "Questionnaire"),
        Binding("l", "toggle_list", "Plan history"),
        Binding("g", "heel_raise_test", "Heel-raise test"),
        # g while the key above is dimmed: it says which rule stops the test (never nothing).
        Binding("g", "heel_raise_test_refused", "Heel-raise test", show=False),
        Binding(REPORT_KEY, "physio_report", "Physio report"),
    ]
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {ReportCommands}

    def __init__(self, repo: Repository) -> None:
        super().__init__(repo)
        self.week_ending: dt.date | None = None
        self.view: ReviewView | None = None
        self.edited: Dose | None = None
        self.offers_questionnaire = True
        self.tests: list[HeelRaiseTest] = []

    @property
    def review(self) -> Review | None:
        """The review of the week shown, if that week had a plan."""
        return self.view.review if self.view is not None else None

    @property
    def proposal(self) -> tuple[AnyExercise, ...]:
        """The next plan version accepting would save (empty when the plan stays)."""
        return self.view.proposal if self.view is not None else ()

    @property
    def decided(self) -> Mapping[str, Any] | None:
        """The stored decision for the week shown, if it was accepted or dismissed."""
        return self.view.decided if self.view is not None else None

    # layout --------------------------------------------------------------------
    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="body"):
            yield Static(id="progress-title", classes="section-title")
            yield Static(id="progress-care", classes="card -clinician")
            yield Static(id="progress-decided")
            yield Static(id="progress-milestone", classes="card")
            yield Static(id="progress-suggestion", classes="card")
            yield Static(id="progress-flare", classes="card")
            yield Static("[b]This week and the week before[/b]", id="progress-figures-label")
            yield Static(id="progress-figures")
            yield Static(id="progress-reasons")
            yield Static(id="progress-capacity", classes="card")
            yield Static(id="progress-hr-tests", classes="card")
            with Vertical(id="progress-list"):
                yield Static("[b]How the plan grew[/b] (plan versions)", classes="list-title")
                yield Static(id="progress-plans")
                yield Static("[b]Weekly decisions[/b]", classes="list-title")
                yield Static(id="progress-reviews")
            yield Static(KEY_HINT, id="progress-keys", classes="hint")

    def on_mount(self) -> None:
        self.query_one("#progress-list").display = False

    # data ----------------------------------------------------------------------
    def refresh_data(self) -> None:
        """One use-case call builds the review of the chosen week from the history."""
        today = self.achilles.today()
        if self.week_ending is None or self.week_ending > today:
            self.week_ending = today
        try:
            self.view = weekly_review(self.repo, self.week_ending, self.achilles.now(), self.edited)
            answers = previous_answers(self.repo)
            self.tests = heel_raise_tests(self.repo)
        except StorageError as exc:
            self.notify(str(exc), title="Progress not read", severity="error")
            return
        except DomainError as exc:
            self.notify(str(exc), title="Review not possible", severity="error")
            return
        self.offers_questionnaire = questionnaire_offered(answers.condition if answers else None)
        self.show()
        self.refresh_bindings()

    # view ----------------------------------------------------------------------
    def show(self) -> None:
        """Fill every part of the page from the current state."""
        view = self.view
        assert self.week_ending is not None and view is not None
        start = self.week_ending - dt.timedelta(days=WEEK_DAYS - 1)
        plan = (
            f"plan version {view.plan.version}"
            + (f", {view.plan.level}" if view.plan.level else "")
            # Heel raises say so; holds read as they always have.
            + (" heel raises" if view.plan.stage == ISOTONIC else "")
            if view.plan
            else "no plan"
        )
        self.query_one("#progress-title", Static).update(
            f"Weekly review: {start:%a %d %b} to {self.week_ending:%a %d %b %Y} ({plan})"
        )
        self._show_care()
        self._show_decided()
        self._show_milestone()
        self._show_suggestion()
        self._show_flare()
        review = self.review
        figures = self.query_one("#progress-figures", Static)
        self.query_one("#progress-figures-label").display = review is not None
        figures.display = review is not None
        if review is not None:
            figures.update(figures_table(review))
        self._show_reasons()
        self._show_capacity()
        self._show_heel_raise_tests()
        hint = KEY_HINT if self._can("edit_dose", ()) else KEY_HINT_NO_EDIT
        self.query_one("#progress-keys", Static).update(
            KEY_HINT_ISOTONIC if self.isotonic else hint
        )
        self.query_one("#progress-plans", Static).update(plans_table(list(view.plans)))
        decisions = weekly_review_records(view.records)
        self.query_one("#progress-reviews", Static).update(
            reviews_table(decisions) if decisions else "No weekly review decided yet."
        )

    def _show_care(self) -> None:
        """While sessions are stopped on a clinical rule, say so above the review."""
        box = self.query_one("#progress-care", Static)
        care = self.view.care if self.view is not None else None
        stopped = care is not None and care.kind in BLOCKING_STATES
        box.display = stopped
        if care is not None and stopped:
            box.update(f"[b]{escape(care.headline)}[/b] {escape(care.until_text)}.")

    def _show_decided(self) -> None:
        """Say plainly when this week was already accepted or dismissed."""
        box = self.query_one("#progress-decided", Static)
        record = self.decided
        box.display = record is not None
        if record is None:
            return
        status = str(record.get("status", "stored"))
        after = record.get("plan_version_after")
        made = f"; plan version {after} was made from it" if after is not None else ""
        box.update(f"[b]Already {escape(status)}[/b] for this week{made}.")

    def _show_suggestion(self) -> None:
        """The suggestion in plain words and the exact changes it would make."""
        card = self.query_one("#progress-suggestion", Static)
        for cls in set(_CARD_CLASSES.values()):
            card.remove_class(cls)
        review = self.review
        if review is None:
            card.update(
                "No plan yet, so there is nothing to review. Take the assessment (a) to get "
                "a plan, then log your mornings (d) and sessions (s)."
            )
            return
        card.add_class(_CARD_CLASSES[review.suggestion])
        lines = [
            "[b]"
            + escape(suggestion_text(str(review.suggestion), review.level_from, review.level_to))
            + "[/b]"
        ]
        if review.too_little_data:
            lines.append("Too little was logged this week to judge it (see why below).")
        lines += self._stage_lines(review)
        for change in review.changes:
            lines.append("  • " + escape(change_text(change.field, change.from_, change.to)))
        if self.view is not None and self.view.edited is not None and self.proposal:
            first = self.proposal[0]
            assert isinstance(first, Exercise)  # only holds can be edited
            lines.append(
                f"  Edited by you: {first.reps} x {first.hold_seconds} s, rest "
                f"{first.rest_seconds} s, {'one leg' if first.legs == 1 else 'two legs'}."
            )
        lines.append(self._what_accept_does())
        card.update("\n".join(lines))

    def _stage_lines(self, review: Review) -> list[str]:
        """A switch of stage in words: the heel-raise dose that starts, or why holds return."""
        suggestion = str(review.suggestion)
        new = self.proposal[0] if self.proposal else None
        if suggestion == "switch_to_isotonic":
            dose = f": {escape(exercise_dose_text(new))}" if isinstance(new, HeelRaise) else ""
            return [f"  Next: heel raises, {escape(str(review.level_to))}{dose}"]
        if suggestion == "switch_to_isometric":
            why = next((r for r in review.reasons if r.rule == BACK_TO_HOLDS_RULE), None)
            dose = f": {escape(exercise_dose_text(new))}" if isinstance(new, Exercise) else ""
            lines = [f"  Next: back to holds, {escape(str(review.level_to))}{dose}"]
            if why is not None:
                lines.append(f"  Why: {escape(why.message)} ({why.rule})")
            return lines
        if getattr(review, "stage_to", None) == ISOTONIC and isinstance(new, HeelRaise):
            return [f"  Next: {escape(str(review.level_to))}, {escape(exercise_dose_text(new))}"]
        return []

    def _show_milestone(self) -> None:
        """PROG-ISOT-MILESTONE is news the person should not miss: its own card, first."""
        box = self.query_one("#progress-milestone", Static)
        review = self.review
        reason = (
            next((r for r in review.reasons if r.rule == MILESTONE_RULE), None)
            if review is not None
            else None
        )
        box.display = reason is not None
        if reason is not None:
            box.update(f"[b]Milestone[/b]\n{escape(reason.message)} [dim]({reason.rule})[/dim]")

    @property
    def isotonic(self) -> bool:
        """The plan shown (or the newest) is heel raises: the guided test belongs here."""
        view = self.view
        plan = view.plan if view is not None and view.plan is not None else None
        if plan is None and view is not None and view.plans:
            plan = max(view.plans, key=lambda p: p.version)
        return plan is not None and plan.stage == ISOTONIC

    def _show_heel_raise_tests(self) -> None:
        """The guided heel-raise tests over time: a table and a small chart."""
        box = self.query_one("#progress-hr-tests", Static)
        review = self.review
        offered = review is not None and HR_TEST_RULE in review.rules_fired
        box.display = bool(self.tests) or self.isotonic
        if not box.display:
            return
        lines: list[object] = ["[b]Heel-raise tests[/b] (g starts one; once every two weeks)"]
        if offered:
            lines.append(
                "Want to check your calf endurance? It takes 5 minutes, on a day without "
                f"your loaded session ({HR_TEST_RULE})."
            )
        if not self.tests:
            lines.append("None yet. The test is offered at T7-T8.")
            box.update("\n".join(str(line) for line in lines))
            return
        from rich.console import Group
        from rich.text import Text

        chart = heel_raise_tests_chart(self.tests)
        head = [Text.from_markup(str(line)) for line in lines]
        box.update(Group(*head, heel_raise_tests_table(self.tests), *chart))

    def _what_accept_does(self) -> str:
        """What Enter will do, so accepting is never a surprise."""
        view = self.view
        if self.decided is not None:
            return "[dim]Decided already; see the list (l).[/dim]"
        if view is not None and not view.is_current and view.plan is not None:
            return (
                f"An earlier week: Enter only records your decision; your current plan "
                f"(version {max(p.version for p in view.plans)}) is not changed. x dismisses."
            )
        if self.proposal:
            edit = " e edits the dose first," if isinstance(self.proposal[0], Exercise) else ""
            return (
                "Enter accepts: a new plan version is saved and your next session uses it "
                f"(the old version is kept).{edit} x dismisses."
            )
        # The suggestion above already says the plan stays: once is enough.
        return "Enter accepts, x dismisses."

    def _show_flare(self) -> None:
        """Why a flare-up week steps back, and how the way back works."""
        box = self.query_one("#progress-flare", Static)
        note = self.view.flare_note if self.view is not None else None
        box.display = note is not None
        if note is not None:
            box.update(f"[b]Flare-up[/b]\n{escape(note.message)} ({note.rule})")

    def _show_reasons(self) -> None:
        """Every reason with its rule id, in the order the rules were checked."""
        box = self.query_one("#progress-reasons", Static)
        review = self.review
        box.display = review is not None
        if review is None:
            return
        lines = ["[b]Why[/b]"]
        lines += [f"  • {escape(r.message)} [dim]({r.rule})[/dim]" for r in review.reasons]
        lines.append(f"[dim]Rules checked: {', '.join(review.rules_fired)}[/dim]")
        box.update("\n".join(lines))

    def _show_capacity(self) -> None:
        """Latest self-test ratio and questionnaire score, and when the next one is due."""
        box = self.query_one("#progress-capacity", Static)
        today = self.achilles.today()
        lines = ["[b]Capacity checks[/b] (for the trend; they never change the review)"]
        records = self.view.records if self.view is not None else ()
        try:
            tests = self_tests_in(records)
            filled = questionnaires_in(records)
        except (DomainError, KeyError, TypeError) as exc:
            box.update(f"Stored self-tests could not be read: {escape(str(exc))}")
            return
        if self.isotonic and not tests:
            pass  # heel raises have the guided test below (g) instead
        elif tests:
            last = tests[-1]
            lines.append(
                f"Heel raises {last.date:%d %b}: injured {last.injured_count}, healthy "
                f"{last.healthy_count} = {last.ratio_text}, pain {last.pain}/10."
            )
        else:
            lines.append("Heel-raise self-test: none yet (c). Once a week is enough.")
        if not self.offers_questionnaire:
            lines.append("The tendon questionnaire is not offered after a rupture.")
        elif filled:
            last_q = filled[-1]
            due = questionnaire_due(last_q.date, today)
            lines.append(
                f"Questionnaire {last_q.date:%d %b}: {last_q.total}/100 (higher is better); "
                f"next one {due} (v)."
            )
        else:
            lines.append("Tendon questionnaire: none yet (v); every 2-4 weeks.")
        box.update("\n".join(lines))

    # keys ----------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Dim (None) the keys that cannot act on the week shown; they stay listed. `e` is
        left out instead: offering to edit a change that cannot be edited misleads."""
        if action == "edit_dose" and not self._can(action, parameters):
            return False
        return True if self._can(action, parameters) else None

    def _can(self, action: str, parameters: tuple[object, ...]) -> bool:
        """Whether a key can act now (no review, already decided, no earlier week...)."""
        if action in ("accept", "dismiss_review"):
            return self.review is not None and self.decided is None
        if action == "edit_dose":
            # The dose form edits holds; a heel-raise proposal is taken as it is.
            return (
                bool(self.proposal)
                and isinstance(self.proposal[0], Exercise)
                and self.decided is None
            )
        if action == "heel_raise_test":
            return self.isotonic or bool(self.tests)
        if action == "heel_raise_test_refused":
            return True  # reached only while the listed key is dimmed
        if action == "week" and parameters and self.week_ending is not None:
            if parameters[0] == 1:
                return self.week_ending < self.achilles.today()
            return self._earlier_week_has_data()
        if action == "questionnaire":
            return self.offers_questionnaire
        return True

    def _earlier_week_has_data(self) -> bool:
        """Going back stops at the first week with anything logged."""
        first = self.view.first_day if self.view is not None else None
        if first is None or self.week_ending is None:
            return False
        return self.week_ending - dt.timedelta(days=WEEK_DAYS) >= first

    def action_accept(self, confirmed: tuple[str, ...] = ()) -> None:
        """Accept: a new plan version when the dose changes, else just the decision."""
        view = self.view
        if view is None or view.review is None or view.decided is not None:
            self.app.bell()
            return
        try:
            new_plan = accept_review(self.repo, view, self.achilles.now(), confirmed=confirmed)
        except NeedsConfirmation as exc:
            self._confirm_then_accept(exc)
            return
        except (StorageError, DomainError) as exc:
            self.notify(str(exc), title="Not saved", severity="error")
            return
        if new_plan is not None:
            message = (
                f"Plan version {new_plan.version} saved"
                + (f" at {new_plan.level}" if new_plan.level else "")
                + "; your next session uses it."
            )
        else:
            message = "Review accepted; your plan stays as it is."
        self.edited = None
        self.notify(message, title="Review accepted")
        self.refresh_data()

    def _confirm_then_accept(self, refused: NeedsConfirmation) -> None:
        """An edited dose against a rule (DOSE-REST-SCALES): save only once confirmed."""
        from achilles_tui.ui.screens.assessment_own_plan import conflict_question
        from achilles_tui.ui.screens.confirm import ConfirmModal

        def answered(confirmed: bool | None) -> None:
            if confirmed:
                self.action_accept(refused.rule_ids)
            else:
                self.notify("Not saved. Press e to change the dose, or Enter again to decide.")

        self.app.push_screen(
            ConfirmModal(
                conflict_question(refused.advice),
                yes="Save anyway",
                no="Go back",
                enter_means_yes=False,
            ),
            answered,
        )

    def action_dismiss_review(self) -> None:
        """Keep the review on record as dismissed; the plan is not touched."""
        view = self.view
        if view is None or view.review is None or view.decided is not None:
            self.app.bell()
            return
        try:
            dismiss_review(self.repo, view, self.achilles.now())
        except (StorageError, DomainError) as exc:
            self.notify(str(exc), title="Not saved", severity="error")
            return
        self.edited = None
        self.notify("Review dismissed; your plan stays as it is.", title="Dismissed")
        self.refresh_data()

    def action_edit_dose(self) -> None:
        """Change reps, hold, rest or legs of the proposal before accepting it."""
        first = self.proposal[0] if self.proposal else None
        if not isinstance(first, Exercise) or self.decided is not None:
            self.app.bell()
            return

        def edited(dose: Dose | None) -> None:
            if dose is None:
                return
            self.edited = dose
            self.refresh_data()
            conflicts = dose_conflicts(self.view, dose) if self.view is not None else []
            if conflicts:
                self.notify(
                    f"{escape(conflicts[0].message)} Enter will ask before saving it."
                    f" [dim]· {conflicts[0].rule}[/dim]",
                    title="Check this dose",
                    severity="warning",
                    timeout=10,
                )
            else:
                self.notify("Dose changed; press Enter to accept it.", title="Edited")

        self.app.push_screen(DoseEditModal(Dose.of(first)), edited)

    def action_week(self, step: int) -> None:
        """Look at the week before or after (never past today)."""
        assert self.week_ending is not None
        target = self.week_ending + dt.timedelta(days=WEEK_DAYS * step)
        if target > self.achilles.today() or (step < 0 and not self._earlier_week_has_data()):
            self.app.bell()
            return
        self.week_ending = target
        self.edited = None
        self.refresh_data()

    def action_self_test(self) -> None:
        """Record this week's single-leg heel-raise counts."""

        def save(test: SelfTest | None) -> None:
            if test is not None:
                self._save_capacity(
                    lambda: save_self_test(self.repo, test), f"Self-test saved: {test.ratio_text}."
                )

        self.app.push_screen(SelfTestModal(self.achilles.today()), save)

    def action_questionnaire(self) -> None:
        """Fill the paraphrased tendon questionnaire (not after a rupture)."""
        if not self.offers_questionnaire:
            self.notify("The questionnaire is not offered after a rupture.")
            return

        def save(filled: Questionnaire | None) -> None:
            if filled is not None:
                self._save_capacity(
                    lambda: save_questionnaire(self.repo, filled),
                    f"Questionnaire saved: {filled.total}/100.",
                )

        self.app.push_screen(QuestionnaireModal(self.achilles.today()), save)

    def _save_capacity(self, save: Callable[[], None], message: str) -> None:
        """Store a self-test or questionnaire beside the reviews."""
        try:
            save()
        except StorageError as exc:
            self.notify(str(exc), title="Not saved", severity="error")
            return
        self.notify(message, title="Saved")
        self.refresh_data()

    def action_heel_raise_test(self) -> None:
        """The guided heel-raise test; its result joins the table here."""
        from achilles_tui.ui.screens.heel_raise_test import open_heel_raise_test

        def done(test: HeelRaiseTest | None) -> None:
            self.refresh_data()

        open_heel_raise_test(self.app, self.repo, done)

    def action_heel_raise_test_refused(self) -> None:
        """g while the test's key is dimmed: the same gate says which rule stops it."""
        self.action_heel_raise_test()

    def action_physio_report(self) -> None:
        """The one-page report for a physio (HTML), written privately or downloaded."""
        write_report(self)

    def action_toggle_list(self) -> None:
        """Show or hide the plan versions and past decisions."""
        box = self.query_one("#progress-list")
        box.display = not box.display
        if box.display:
            self.call_after_refresh(box.scroll_visible, animate=False)
