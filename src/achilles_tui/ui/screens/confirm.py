"""A yes/no question as a modal that returns its answer, and the question asked before quitting."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol, runtime_checkable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class ConfirmModal(ModalScreen[bool]):
    """Asks before something that cannot be undone; y = yes, n/Esc = no, Enter = the default.

    ``enter_means_yes=False`` makes the cautious answer the default, so Enter pressed out of
    habit never does the thing the question warns about.
    """

    BINDINGS = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
        Binding("enter", "default", "Default", show=False),
    ]

    def __init__(
        self, question: str, yes: str = "Yes", no: str = "No", *, enter_means_yes: bool = True
    ) -> None:
        super().__init__()
        self.question = question
        self.yes = yes
        self.no = no
        self.enter_means_yes = enter_means_yes

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog confirm"):
            yield Static(self.question)
            with Horizontal(classes="buttons"):
                yield Button(f"{self.yes} (y)", id="yes", variant="error")
                yield Button(f"{self.no} (n)", id="no", variant="primary")

    def on_mount(self) -> None:
        """Focus the default answer, so Enter on a focused button agrees with the Enter key."""
        self.query_one("#yes" if self.enter_means_yes else "#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)

    def action_default(self) -> None:
        """Enter: the default answer."""
        self.dismiss(self.enter_means_yes)


@runtime_checkable
class HoldsUnsavedInput(Protocol):
    """A screen or form whose typing is lost if the app quits now, so quitting asks first."""

    def unsaved_input(self) -> str | None:
        """What quitting would lose, in a few words ('your diary for Mon 16 Mar'); None if
        nothing typed is unsaved."""
        ...


def unsaved_inputs(screens: Iterable[object]) -> list[str]:
    """What the given screens would lose, each named once, in the order given."""
    found: list[str] = []
    for screen in screens:
        if isinstance(screen, HoldsUnsavedInput):
            what = screen.unsaved_input()
            if what and what not in found:
                found.append(what)
    return found


def quit_question(unsaved: Sequence[str]) -> str:
    """'Quit without saving your diary for Mon 16 Mar and the self-test?'"""
    *first, last = unsaved
    what = f"{', '.join(first)} and {last}" if first else last
    return f"Quit without saving {what}?"


class QuitModal(ConfirmModal):
    """Quitting would drop typing: Enter and Esc stay, so only a deliberate y quits."""

    def __init__(self, unsaved: Sequence[str]) -> None:
        super().__init__(quit_question(unsaved), yes="Quit", no="Stay", enter_means_yes=False)
