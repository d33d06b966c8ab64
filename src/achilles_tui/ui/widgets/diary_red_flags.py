"""The diary's red-flag checklist (clinical.md §F1) and the advice each ticked item brings."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import SelectionList, Static
from textual.widgets.selection_list import Selection

from achilles_tui.domain.red_flags import diary_block_rules
from achilles_tui.domain.rules import rule


@dataclass(frozen=True)
class RedFlagItem:
    """One warning sign: the id stored in the diary, the rule it triggers, and our wording."""

    id: str
    rule_id: str
    short: str
    question: str


RED_FLAG_ITEMS: tuple[RedFlagItem, ...] = (
    RedFlagItem(
        "pop",
        "RF-RUPTURE-SUSPECT",
        "Sudden pop, kick, or can't push up onto your toes",
        "A sudden pop or snap, a feeling of being kicked at the back of the ankle, or "
        "suddenly being unable to push off or rise onto your toes",
    ),
    RedFlagItem(
        "calf-swelling",
        "RF-DVT",
        "Swollen, warm or red calf",
        "A swollen calf (usually one side) that is warm, red or tender",
    ),
    RedFlagItem(
        "breathless",
        "RF-PE",
        "Breathless, chest pain, coughing blood or faint",
        "Short of breath, chest pain, coughing up blood or feeling faint",
    ),
    RedFlagItem(
        "infection",
        "RF-INFECTION",
        "Fever with a hot swollen heel, or a wound problem",
        "Fever or feeling unwell with a hot, swollen heel or joint, or an operation wound "
        "that is red, weeping or opening",
    ),
    RedFlagItem(
        "night-pain",
        "RF-NIGHT-REST-PAIN",
        "Constant pain at night or at rest",
        "Tendon pain that wakes you at night or stays constant at rest, whatever you do",
    ),
    RedFlagItem(
        "inflammatory",
        "RF-INFLAMMATORY",
        "Both sides plus a systemic disease, or long stiffness",
        "Both tendons sore with a condition such as psoriasis, inflammatory arthritis, "
        "bowel disease or uveitis, or morning stiffness lasting over 30 minutes",
    ),
    RedFlagItem(
        "fluoroquinolone",
        "RF-FLUOROQUINOLONE",
        "A '-floxacin' antibiotic, now or in the last 6 months",
        "Taking a '-floxacin' antibiotic (such as ciprofloxacin or levofloxacin), or "
        "finished a course in the last 6 months",
    ),
)

ITEM_BY_ID: dict[str, RedFlagItem] = {item.id: item for item in RED_FLAG_ITEMS}


@dataclass(frozen=True)
class FlagAdvice:
    """What to tell the user for one ticked sign, with the rule id a clinician can trace."""

    rule_id: str
    message: str
    blocking: bool


def advice_for(flag_ids: Iterable[str]) -> list[FlagAdvice]:
    """Advice for the ticked signs in checklist order; unknown ids (older files) are skipped."""
    ticked = set(flag_ids)
    return [
        FlagAdvice(item.rule_id, rule(item.rule_id).message, has_blocking([item.id]))
        for item in RED_FLAG_ITEMS
        if item.id in ticked
    ]


def has_blocking(flag_ids: Iterable[str]) -> bool:
    """Any sign that pauses the plan until a clinician has looked at it (the domain decides)."""
    return bool(diary_block_rules(flag_ids))


class RedFlagChecklist(ModalScreen[tuple[str, ...] | None]):
    """Tick what applies today; returns the ticked ids, or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,ctrl+s", "done", "Save flags", priority=True),
        Binding("escape", "cancel", "Cancel"),
        *(
            Binding(str(number), f"tick({number})", f"Tick {number}", show=False)
            for number in range(1, len(RED_FLAG_ITEMS) + 1)
        ),
    ]

    def __init__(self, ticked: Iterable[str] = ()) -> None:
        super().__init__()
        self.initially_ticked = frozenset(ticked)

    def compose(self) -> ComposeResult:
        with Vertical(id="diary-flag-dialog", classes="dialog"):
            yield Static("[b]Has any of these happened?[/b]", classes="section-title")
            yield SelectionList[str](
                *(
                    Selection(
                        f"{number}. {item.short}",
                        item.id,
                        item.id in self.initially_ticked,
                    )
                    for number, item in enumerate(RED_FLAG_ITEMS, start=1)
                ),
                id="diary-flag-list",
            )
            yield Static(id="diary-flag-detail")
            yield Static(
                "Space or 1-7 ticks, Enter saves, Esc cancels. Ticked signs are stored in "
                "this day's diary.",
                classes="hint",
            )

    def on_mount(self) -> None:
        """Start on the list so arrows and space work at once."""
        self.query_one(SelectionList).focus()
        self._describe(0)

    def on_selection_list_selection_highlighted(
        self, event: SelectionList.SelectionHighlighted[str]
    ) -> None:
        """Show the full wording of the highlighted sign; the list has room for a title only."""
        self._describe(event.selection_index)

    def _describe(self, index: int) -> None:
        item = RED_FLAG_ITEMS[index]
        self.query_one("#diary-flag-detail", Static).update(
            Content.assemble((f"{index + 1}. ", "bold"), item.question)
        )

    def action_tick(self, number: int) -> None:
        """Tick or untick an item by its number."""
        self.query_one("#diary-flag-list", SelectionList).toggle(RED_FLAG_ITEMS[number - 1].id)

    def action_done(self) -> None:
        """Return the ticked ids in checklist order."""
        selected = set(self.query_one("#diary-flag-list", SelectionList).selected)
        self.dismiss(tuple(item.id for item in RED_FLAG_ITEMS if item.id in selected))

    def action_cancel(self) -> None:
        """Leave without changing anything."""
        self.dismiss(None)

    def unsaved_input(self) -> str | None:
        """Ticks not yet saved, so quitting asks first."""
        selected = frozenset(self.query_one("#diary-flag-list", SelectionList).selected)
        return None if selected == self.initially_ticked else "the warning signs you ticked"
