"""Today: the state of the day read from storage, and what to do next."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.markup import escape
from textual.widgets import Static

from achilles_tui.care.today import TodayView, heel_raise_lines, today_view
from achilles_tui.domain.care_state import CareState, CareStateKind
from achilles_tui.domain.models import HeelRaise, Plan, Side
from achilles_tui.domain.today import diary_line, plan_lines
from achilles_tui.domain.wording import count, side_words
from achilles_tui.ui.help_text import DISCLAIMER
from achilles_tui.ui.rule_tag import tagged_markup
from achilles_tui.ui.screens.base import SectionScreen
from achilles_tui.ui.widgets.hanging import HangingText

if TYPE_CHECKING:
    from achilles_tui.storage.repository import Repository


class TodayScreen(SectionScreen):
    """The first screen: is there a plan, was the session done, was the diary logged."""

    MODE = "today"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,y", "accept_disclaimer", "I understand", show=True),
        Binding("r", "resume_session", "Resume session", show=True),
        Binding("g", "heel_raise_test", "Heel-raise test", show=True),
        # The same key when the test is not offered: it says which rule stops it (never nothing).
        Binding("g", "heel_raise_test_refused", "Heel-raise test", show=False),
    ]

    def __init__(self, repo: Repository) -> None:
        super().__init__(repo)
        self._can_resume = False
        self._test_offered = False

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="body"):
            if self.achilles.demo:
                yield Static(
                    "[b]DEMO[/b]: a made-up 12-week history to look around in. "
                    "It is not yours, and it is deleted when you quit.",
                    id="today-demo",
                    classes="demo",
                )
            yield Static(id="today-first-run", classes="card first-run")
            yield Static(id="today-paused", classes="card paused")
            yield Static(id="today-date", classes="section-title")
            yield Static(id="today-plan", classes="card")
            yield Static(id="today-session", classes="card")
            yield Static(id="today-test", classes="card")
            yield Static(id="today-diary", classes="card")
            yield Static(id="today-data", classes="hint")
            yield Static(
                "achilles-tui gives general exercise guidance, not a diagnosis. "
                "Your physio's or surgeon's plan comes first. Press [b]![/b] if something "
                "has changed with your tendon.",
                id="today-disclaimer",
                classes="hint",
            )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The acknowledge key exists only until the first-run note is accepted."""
        if action == "accept_disclaimer":
            return not self.achilles.settings.disclaimer_accepted
        if action == "resume_session":
            return self._can_resume and self.achilles.settings.disclaimer_accepted
        if action == "heel_raise_test":
            return self._test_offered and self.achilles.settings.disclaimer_accepted
        if action == "heel_raise_test_refused":
            return not self._test_offered and self.achilles.settings.disclaimer_accepted
        return True

    def action_heel_raise_test(self) -> None:
        """The guided heel-raise test, offered here at T7-T8 (MON-ISOT-HR-TEST)."""
        from achilles_tui.ui.screens.heel_raise_test import open_heel_raise_test

        open_heel_raise_test(self.app, self.repo, lambda _saved: self.refresh_data())

    def action_heel_raise_test_refused(self) -> None:
        """g when the test is not offered today: the same gate says which rule stops it."""
        self.action_heel_raise_test()

    def action_resume_session(self) -> None:
        """One key from the first screen back into an interrupted session."""
        if not self._can_resume:
            self.app.bell()
            return
        self.app.switch_mode("session")
        self.app.call_after_refresh(self._resume_in_session)

    def _resume_in_session(self) -> None:
        action = getattr(self.app.screen, "action_resume", None)
        if action is not None:
            action()

    def action_accept_disclaimer(self) -> None:
        self.achilles.accept_disclaimer()
        self.refresh_data()

    def refresh_data(self) -> None:
        """Read the day's state once and fill every card."""
        first_run = self.query_one("#today-first-run", Static)
        first_run.display = not self.achilles.settings.disclaimer_accepted
        if first_run.display:
            first_run.update(
                f"[b]Before you start[/b]\n\n{escape(DISCLAIMER)}\n\n"
                "Press [b]Enter[/b] to confirm you understand, or [b]q[/b] to quit."
            )
        settings = self.achilles.settings
        view = today_view(
            self.repo,
            self.achilles.now(),
            sides=settings.single_leg_sides,
            injured_side=settings.injured_side,
        )
        self._can_resume = view.resumable is not None
        self._test_offered = view.test_offered
        self.refresh_bindings()
        self._show_pause(view.care)
        self.query_one("#today-date", Static).update(view.care.at.strftime("%A %d %B %Y"))
        cards = (
            ("#today-plan", "Plan", self._plan_text(view.plan, view.plan_notes)),
            ("#today-session", "Session", self._session_text(view)),
            ("#today-diary", "Diary", self._diary_text(view)),
        )
        for selector, label, text in cards:
            # A wrapped line keeps its indent at 80 columns (a hanging indent).
            self.query_one(selector, Static).update(HangingText.from_markup(text, label=label))
        test = self.query_one("#today-test", Static)
        test.display = self._test_offered
        if self._test_offered:
            test.update(
                HangingText.from_markup(
                    "[b]Heel-raise test[/b]  Want to check your calf endurance? It takes 5 "
                    "minutes.\n  Best on a day without your loaded session: it replaces that "
                    "day's load. Press [b]g[/b] to start it. [dim]· MON-ISOT-HR-TEST[/dim]",
                    label="Heel-raise test",
                )
            )
        self.query_one("#today-data", Static).update(f"Your history is saved in {view.data_file}")

    def _show_pause(self, care: CareState) -> None:
        """A warning sign or a blocking assessment stops sessions until it is cleared."""
        banner = self.query_one("#today-paused", Static)
        stopped = care.kind in (CareStateKind.PAUSED_RED_FLAG, CareStateKind.BLOCKED_NO_PLAN)
        banner.display = stopped
        if stopped:
            lines = "\n".join(f"  {tagged_markup(a.message, a.rule)}" for a in care.reasons)
            banner.update(
                HangingText.from_markup(
                    f"[b]{escape(care.headline)}[/b]\n{lines}\n{escape(care.until_text)}."
                )
            )

    def _plan_text(self, plan: Plan | None, loaded_days: str = "") -> str:
        if plan is None:
            return "[b]Plan[/b]  none yet. Press [b]a[/b] to take the assessment."
        head, *holds = plan_lines(plan)
        lines = [escape(head)]
        for exercise, hold in zip(plan.exercises, holds, strict=True):
            # Heel raises get their own lines: sets x raises, tempo, rest, load, how often.
            if isinstance(exercise, HeelRaise):
                lines += [escape(line) for line in heel_raise_lines(exercise)]
            else:
                lines.append(escape(hold))
        lines += [escape(note) for note in loaded_days.splitlines()]
        # A short indent keeps each hold on one line at 80 columns.
        return "[b]Plan[/b]  " + "\n  ".join(lines)

    def _session_text(self, view: TodayView) -> str:
        """Today's session, and what may be done now (never a start the care state forbids)."""
        care = view.care
        text = f"[b]Session[/b]  {escape(view.session_line)}"
        interrupted = view.resumable
        if interrupted is not None:
            done, planned = len(interrupted.session.reps), interrupted.session.reps_planned
            unit = "set" if view.in_sets(interrupted.session) else "hold"
            saved = f"{done} of {count(planned, unit)}" if planned else count(done, unit)
            side = interrupted.point.side
            leg = "" if side is Side.BOTH else f" ({side_words(side)})"
            return (
                f"[b]Session[/b]  [b]Interrupted at {interrupted.session.started_at:%H:%M}[/b]: "
                f"{saved} saved.\n"
                f"  Press [b]r[/b] to resume it from {unit} {interrupted.point.rep}{leg}, "
                "or [b]s[/b] for the Session section."
            )
        if care.kind is CareStateKind.DUE:
            return text + "  Press [b]s[/b] to start."
        if care.kind is CareStateKind.STOPPED_TODAY:
            return f"{text}\n  {escape(care.explanation)}"
        if care.kind is CareStateKind.DONE_TODAY:
            return text + "  That's today's session done."
        if care.kind is CareStateKind.REST_DAY:
            return f"{text}\n  {escape(care.headline)}"
        if care.kind is CareStateKind.NO_PLAN:
            return "[b]Session[/b]  nothing to do until you have a plan."
        return text + "  No session until this is cleared (see above)."

    def _diary_text(self, view: TodayView) -> str:
        text = diary_line(view.diary)
        key = "" if view.diary else "  Press [b]d[/b] to log it."
        return f"[b]Diary[/b]  {text}{key}"
