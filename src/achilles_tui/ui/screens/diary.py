"""The Diary section: log a morning in seconds with number keys, one entry per date."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Input, Label, Static

from achilles_tui.care.diary import (
    DiaryOutcome,
    apply_trial_choice,
    diary_day,
    save_day,
    set_warning_signs,
)
from achilles_tui.domain.care_state import CareState, CareStateKind
from achilles_tui.domain.models import DayKind, DiaryEntry, DomainError
from achilles_tui.domain.morning import CHOICE_WORDS, TRIAL_RULE
from achilles_tui.domain.today import plan_lines
from achilles_tui.storage.errors import StorageError
from achilles_tui.ui.rule_tag import tagged, tagged_markup
from achilles_tui.ui.screens.base import SectionScreen
from achilles_tui.ui.screens.trial_fallback import TrialFallbackModal
from achilles_tui.ui.widgets.diary_choice import DiaryChoice
from achilles_tui.ui.widgets.diary_red_flags import RedFlagChecklist, advice_for, has_blocking
from achilles_tui.ui.widgets.pain_scale import PainScale, ScoreInput, select_to_replace
from achilles_tui.ui.widgets.text_field import TextField

if TYPE_CHECKING:
    from achilles_tui.storage.repository import Repository

ONE_DAY = dt.timedelta(days=1)

SETTLED_OPTIONS: list[tuple[bool | None, str, str]] = [
    (None, "not answered", ""),
    (True, "yes", "y"),
    (False, "no", "n"),
]
DAY_OPTIONS: list[tuple[DayKind, str, str]] = [
    (DayKind.NORMAL, "normal", ""),
    (DayKind.REST, "rest", ""),
    (DayKind.FLARE_UP, "flare-up", ""),
    (DayKind.PAUSE, "pause", ""),
]
SETTLED_QUESTION = (
    "Compared with how it was before your last session, is the tendon back to its "
    "usual level this morning?"
)


def short_date(day: dt.date) -> str:
    """'Sun 15 Mar' for the lines where space is short."""
    return day.strftime("%a %d %b")


def summary(entry: DiaryEntry | None) -> str:
    """A saved day in one line, for the reference to the day before."""
    if entry is None:
        return "nothing logged"
    parts: list[str] = []
    if entry.morning_pain is not None:
        parts.append(f"pain {entry.morning_pain}/10")
    if entry.stiffness_minutes is not None:
        parts.append(f"stiffness {entry.stiffness_minutes} min")
    if entry.settled is not None:
        parts.append("settled" if entry.settled else "not settled")
    parts.append(f"{entry.day.value} day")
    if entry.red_flags:
        parts.append(f"red flags: {', '.join(entry.red_flags)}")
    return ", ".join(parts)


class DiaryScreen(SectionScreen):
    """Fill in or correct the diary of one date; Enter saves, `[` and `]` change the date.

    y/n answer the settled question from any field but the two free-text ones (where they
    type): the number fields take digits only, so the letters are free there.
    """

    MODE = "diary"
    CSS_PATH = "../styles/diary_history.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", key_display="ctrl+s"),
        Binding("enter", "save", "Save", show=False),
        Binding("left_square_bracket", "previous_day", "Day before", key_display="["),
        Binding("right_square_bracket", "next_day", "Day after"),
        Binding("f", "flare_up", "Flare-up day"),
        Binding("r", "red_flags", "Red flags"),
        Binding("y", "settle(True)", "Settled: yes", show=False),
        Binding("n", "settle(False)", "Settled: no", show=False),
    ]

    def __init__(self, repo: Repository) -> None:
        super().__init__(repo)
        self.day: dt.date | None = None
        self.saved: DiaryEntry | None = None
        self.red_flags: tuple[str, ...] = ()
        self._clean_form: tuple[object, ...] = ()
        self._leave_warned = False
        self._asks_settled = False

    # layout ------------------------------------------------------------------
    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="body", can_focus=False):
            yield Static(id="diary-date", classes="section-title")
            yield Static(id="diary-care", classes="diary-care")
            yield Static(id="diary-flags")
            yield Static(id="diary-before", classes="diary-before")
            with Horizontal(classes="diary-row"):
                yield Label("Morning pain", classes="diary-label")
                yield ScoreInput(label="Morning pain", low=0, high=10, id="diary-pain")
                yield PainScale(id="diary-pain-scale")
            with Horizontal(classes="diary-row"):
                yield Label("Stiffness, minutes", classes="diary-label")
                yield ScoreInput(label="Morning stiffness", low=0, high=1440, id="diary-stiffness")
                yield Static("how long it felt stiff after getting up", classes="diary-aside")
            yield Static(
                tagged(SETTLED_QUESTION, "MON-24H"),
                classes="diary-question",
                id="diary-settled-question",
            )
            with Horizontal(classes="diary-row", id="diary-settled-row"):
                yield Label("Settled", classes="diary-label")
                yield DiaryChoice(SETTLED_OPTIONS, id="diary-settled")
            with Horizontal(classes="diary-row -tight"):
                yield Label("Kind of day", classes="diary-label")
                yield DiaryChoice(DAY_OPTIONS, id="diary-day")
            yield Static(
                "rest, flare-up and pause don't count against adherence",
                classes="diary-aside diary-indent",
            )
            with Horizontal(classes="diary-row"):
                yield Label("Activity", classes="diary-label")
                yield TextField(placeholder="e.g. 30 min walk", compact=True, id="diary-activity")
            with Horizontal(classes="diary-row"):
                yield Label("Notes", classes="diary-label")
                yield TextField(
                    placeholder="anything worth remembering", compact=True, id="diary-notes"
                )
            yield Static(id="diary-state", classes="hint")

    # reading -----------------------------------------------------------------
    def refresh_data(self) -> None:
        """Load the date on first show; later, reload only if nothing is being typed."""
        if self.day is None:
            self.load(self.achilles.today())
            self.query_one("#diary-pain", ScoreInput).focus()
            select_to_replace(self._pain)
        elif not self.is_dirty():
            self.load(self.day)

    def on_screen_resume(self) -> None:
        """Back from another section or a dialog: typing replaces the number shown."""
        self._select_focused_number()

    def _select_focused_number(self) -> None:
        """Select the focused number field (never the free-text ones, which keep their text)."""
        if isinstance(self.focused, ScoreInput):
            select_to_replace(self.focused)

    def load(self, day: dt.date) -> None:
        """Show one date's saved entry (or an empty form) and the day before for reference."""
        shown = diary_day(self.repo, day, self.achilles.now())
        self.day = day
        self.saved = shown.saved
        before = shown.before
        entry = self.saved or DiaryEntry(date=day)
        self.red_flags = entry.red_flags
        self._pain.value = "" if entry.morning_pain is None else str(entry.morning_pain)
        self._stiffness.value = (
            "" if entry.stiffness_minutes is None else str(entry.stiffness_minutes)
        )
        self._settled.value = entry.settled
        self._day_kind.value = entry.day
        self.query_one("#diary-activity", Input).value = entry.activity
        self.query_one("#diary-notes", Input).value = entry.notes
        self.query_one("#diary-pain-scale", PainScale).value = entry.morning_pain
        self._clean_form = self._form_values()
        self._leave_warned = False
        self._show_settled_question(shown.ask_settled)
        self._select_focused_number()
        today = self.achilles.today()
        when = " (today)" if day == today else ""
        self.query_one("#diary-date", Static).update(
            Content.assemble(
                (f"Diary for {day:%A %d %B %Y}{when}", "bold"),
                ("   [ day before" + ("" if day >= today else "   ] day after"), "$text-muted"),
            )
        )
        self.query_one("#diary-before", Static).update(
            f"Day before ({short_date(day - ONE_DAY)}): {summary(before)}"
        )
        self._show_state()
        self._show_flags()
        self._show_care(shown.care)

    def _show_settled_question(self, ask: bool) -> None:
        """The settled question only once there has been a session to settle from."""
        self._asks_settled = ask
        self.query_one("#diary-settled-question").display = ask
        self.query_one("#diary-settled-row").display = ask
        self.refresh_bindings()

    def _show_care(self, care: CareState) -> None:
        """When sessions are stopped today, say so here too (the care state, §F4)."""
        line = self.query_one("#diary-care", Static)
        stopped = not care.session_allowed and care.kind is not CareStateKind.NO_PLAN
        line.display = stopped
        if stopped:
            line.update(Content.styled(care.explanation, "bold $warning"))

    @property
    def _pain(self) -> ScoreInput:
        return self.query_one("#diary-pain", ScoreInput)

    @property
    def _stiffness(self) -> ScoreInput:
        return self.query_one("#diary-stiffness", ScoreInput)

    @property
    def _settled(self) -> DiaryChoice[bool | None]:
        return self.query_one("#diary-settled", DiaryChoice)

    @property
    def _day_kind(self) -> DiaryChoice[DayKind]:
        return self.query_one("#diary-day", DiaryChoice)

    def _form_values(self) -> tuple[object, ...]:
        """Everything the user can edit, to tell whether there are unsaved changes."""
        return (
            self._pain.value.strip(),
            self._stiffness.value.strip(),
            self._settled.value,
            self._day_kind.value,
            self.query_one("#diary-activity", Input).value.strip(),
            self.query_one("#diary-notes", Input).value.strip(),
        )

    def is_dirty(self) -> bool:
        """Typed but not saved: moving away would lose it."""
        return self._form_values() != self._clean_form

    def unsaved_input(self) -> str | None:
        """Typing not yet saved, so quitting the app asks first."""
        if self.day is None or not self.is_dirty():
            return None
        return f"your diary for {short_date(self.day)}"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """y/n answer the settled question only while it is asked."""
        if action == "settle":
            return self._asks_settled
        return True

    def action_settle(self, answer: bool) -> None:
        """Answer the settled question from any field that does not take letters."""
        self._settled.value = answer

    def _show_state(self) -> None:
        text = (
            "Editing the saved entry: saving replaces it."
            if self.saved
            else "Nothing saved for this date yet."
        )
        self.query_one("#diary-state", Static).update(
            f"{text} Type numbers, Tab to move, Enter saves."
        )

    def _show_flags(self) -> None:
        """Advice for the red flags stored on this date, in plain view above the form."""
        banner = self.query_one("#diary-flags", Static)
        advice = advice_for(self.red_flags)
        banner.display = bool(advice)
        banner.set_class(has_blocking(self.red_flags), "-blocking")
        if not advice:
            return
        parts: list[str | tuple[str, str] | Content] = []
        if has_blocking(self.red_flags):
            parts.append(
                (
                    "See a clinician before you carry on. Your plan is paused while these "
                    "signs are recorded.\n",
                    "bold $error",
                )
            )
        else:
            parts.append(("Please get this checked.\n", "bold $warning"))
        for item in advice:
            parts += [tagged(f"• {item.message}", item.rule_id), "\n"]
        parts.append(
            (
                "Once a clinician has checked you, take the assessment again (a). Ticked one "
                "by mistake? Press r and untick it.",
                "$text-muted",
            )
        )
        banner.update(Content.assemble(*parts))

    # editing -----------------------------------------------------------------
    @on(Input.Changed, "#diary-pain")
    def _pain_typed(self, event: Input.Changed) -> None:
        """Mark the typed score on the scale as the user types it."""
        text = event.value.strip()
        self.query_one("#diary-pain-scale", PainScale).value = int(text) if text.isdigit() else None

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        """Enter in any field saves the whole entry."""
        event.stop()
        self.action_save()

    def _entry_from_form(self) -> DiaryEntry | None:
        """The entry as typed, or None after telling the user what is wrong."""
        assert self.day is not None
        values: dict[str, int | None] = {}
        for field in (self._pain, self._stiffness):
            try:
                values[field.id or ""] = field.parsed()
            except ValueError as exc:
                self.notify(f"{exc}. Nothing was saved.", title="Not saved", severity="error")
                field.focus()
                select_to_replace(field)
                return None
        if self.day > self.achilles.today():
            self.notify("The diary does not take future dates.", severity="error")
            return None
        try:
            return DiaryEntry(
                date=self.day,
                morning_pain=values["diary-pain"],
                stiffness_minutes=values["diary-stiffness"],
                settled=self._settled.value,
                day=self._day_kind.value,
                activity=self.query_one("#diary-activity", Input).value,
                notes=self.query_one("#diary-notes", Input).value,
                red_flags=self.red_flags,
            )
        except DomainError as exc:
            self.notify(f"{exc}. Nothing was saved.", title="Not saved", severity="error")
            return None

    def _store(self, entry: DiaryEntry) -> DiaryOutcome | None:
        """One save; a storage problem becomes a message, never a crash."""
        try:
            outcome = save_day(self.repo, entry, self.achilles.now())
        except StorageError as exc:
            self.notify(str(exc), title="Not saved", severity="error")
            return None
        self.saved = entry
        return outcome

    def action_save(self) -> None:
        """Validate, save, confirm, and say what the morning means for today."""
        entry = self._entry_from_form()
        outcome = self._store(entry) if entry is not None else None
        if entry is None or outcome is None:
            return
        self._clean_form = self._form_values()
        self._leave_warned = False
        self._select_focused_number()
        self._show_state()
        self._show_care(outcome.care)
        self.notify(f"Diary saved for {short_date(entry.date)}.", title="Saved")
        trial = next((a for a in outcome.advice if a.rule == TRIAL_RULE), None)
        for item in outcome.advice:
            if outcome.trial is None or item is not trial:  # the modal shows the trial's text
                self.notify(
                    tagged_markup(item.message, item.rule),
                    title="Note",
                    severity="warning",
                    timeout=10,
                )
        if outcome.trial is not None and trial is not None:
            self.app.push_screen(TrialFallbackModal(outcome.trial, trial), self._trial_chosen)

    def _trial_chosen(self, choice: str | None) -> None:
        """Make the chosen fallback the current plan (or say what the choice means)."""
        if choice is None:
            return
        try:
            plan = apply_trial_choice(self.repo, choice, self.achilles.now())
        except StorageError as exc:
            self.notify(str(exc), title="Not saved", severity="error")
            return
        if plan is not None:
            self.notify(
                f"Plan version {plan.version} saved: {plan_lines(plan)[1]}.", title="Plan changed"
            )
        else:
            self.notify(f"{CHOICE_WORDS.get(choice, 'Kept')}: your plan stays as it is.")

    def action_flare_up(self) -> None:
        """One key for a bad day: mark it as a flare-up and save what is in the form."""
        self._day_kind.value = DayKind.FLARE_UP
        self.action_save()

    # dates -------------------------------------------------------------------
    def action_previous_day(self) -> None:
        """Go back a day to fill in or correct it."""
        if self.day is not None:
            self._go_to(self.day - ONE_DAY)

    def action_next_day(self) -> None:
        """Go forward a day, but never past today."""
        if self.day is None:
            return
        if self.day >= self.achilles.today():
            self.app.bell()
            self.notify("This is today; the diary has no future dates.", severity="warning")
            return
        self._go_to(self.day + ONE_DAY)

    def _go_to(self, day: dt.date) -> None:
        """Change date, asking once before unsaved typing is dropped."""
        if self.is_dirty() and not self._leave_warned:
            self._leave_warned = True
            self.notify(
                "You have unsaved changes. Press Enter to save them, or the same key again "
                "to leave them.",
                title="Not saved yet",
                severity="warning",
            )
            return
        self.load(day)

    # red flags ---------------------------------------------------------------
    def action_red_flags(self) -> None:
        """Open the warning-sign checklist for this date."""
        self.app.push_screen(RedFlagChecklist(self.red_flags), self._flags_answered)

    def _flags_answered(self, flags: tuple[str, ...] | None) -> None:
        """Store the ticked signs at once (they matter more than the scores) and advise."""
        if flags is None or self.day is None:
            return
        try:
            outcome = set_warning_signs(self.repo, self.day, flags, self.achilles.now())
        except StorageError as exc:
            self.notify(str(exc), title="Not saved", severity="error")
            return
        self.saved = outcome.entry
        self.red_flags = flags
        self._show_care(outcome.care)
        self._show_state()
        self._show_flags()
        if has_blocking(flags):
            self.notify(
                "Your plan is paused. Read the advice at the top of the diary.",
                title="Red flags saved",
                severity="error",
                timeout=10,
            )
        elif flags:
            self.notify("Please get this checked; see the advice above.", severity="warning")
        else:
            self.notify(f"No red flags recorded for {short_date(self.day)}.")
        self.query_one("#body", VerticalScroll).scroll_home(animate=False)
