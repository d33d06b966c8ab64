"""Today: the state of the day read from storage, and what to do next."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.markup import escape
from textual.widgets import Static

from achilles_tui.domain.models import HistorySnapshot, Plan
from achilles_tui.domain.pause import pause_advice
from achilles_tui.domain.today import diary_line, plan_lines, session_line
from achilles_tui.ui.help_text import DISCLAIMER
from achilles_tui.ui.screens.base import SectionScreen


class TodayScreen(SectionScreen):
    """The first screen: is there a plan, was the session done, was the diary logged."""

    MODE = "today"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,y", "accept_disclaimer", "I understand", show=True),
    ]

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="body"):
            yield Static(id="today-first-run", classes="card first-run")
            yield Static(id="today-paused", classes="card paused")
            yield Static(id="today-date", classes="section-title")
            yield Static(id="today-plan", classes="card")
            yield Static(id="today-session", classes="card")
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
        return True

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
        self.refresh_bindings()
        today = self.achilles.today()
        self._show_pause(today)
        snap = self.repo.snapshot(today)
        self.query_one("#today-date", Static).update(today.strftime("%A %d %B %Y"))
        self.query_one("#today-plan", Static).update(self._plan_text(snap.current_plan))
        self.query_one("#today-session", Static).update(self._session_text(snap))
        self.query_one("#today-diary", Static).update(self._diary_text(snap))
        self.query_one("#today-data", Static).update(f"Your history is saved in {snap.data_file}")

    def _show_pause(self, today: dt.date) -> None:
        """A warning sign pauses the plan until a clinician check and a new assessment."""
        advice = pause_advice(
            self.repo.assessments(), self.repo.diary_entries(today - dt.timedelta(days=14))
        )
        banner = self.query_one("#today-paused", Static)
        banner.display = bool(advice)
        if advice:
            lines = "\n".join(f"[b]{escape(a.rule)}[/b] {escape(a.message)}" for a in advice)
            banner.update(
                "[b]Your plan is paused.[/b] A warning sign was reported:\n"
                f"{lines}\nOnce a clinician has checked you, take the assessment again (a)."
            )

    def _plan_text(self, plan: Plan | None) -> str:
        if plan is None:
            return "[b]Plan[/b]  none yet. Press [b]a[/b] to take the assessment."
        return "[b]Plan[/b]  " + "\n      ".join(plan_lines(plan))

    def _session_text(self, snap: HistorySnapshot) -> str:
        text = session_line(snap)
        key = "" if snap.current_plan is None else "  Press [b]s[/b] to start."
        done = any(s.finished for s in snap.today_sessions)
        return f"[b]Session[/b]  {text}" + ("" if done else key)

    def _diary_text(self, snap: HistorySnapshot) -> str:
        text = diary_line(snap.today_diary)
        key = "" if snap.today_diary else "  Press [b]d[/b] to log it."
        return f"[b]Diary[/b]  {text}{key}"
