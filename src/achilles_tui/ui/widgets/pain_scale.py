"""Number fields for scores and a 0-10 pain strip coloured by the pain-monitoring zones."""

from __future__ import annotations

from textual import events
from textual.content import Content
from textual.reactive import reactive
from textual.validation import Integer
from textual.widget import Widget
from textual.widgets import Input

# clinical.md §E2: <= 3 safe, 4-5 acceptable, > 5 too much (the single hard line).
SAFE_MAX = 3
ACCEPTABLE_MAX = 5


def zone_of(score: int) -> str:
    """Name of the pain-monitoring zone a score falls in, for colour and words."""
    if score <= SAFE_MAX:
        return "safe"
    if score <= ACCEPTABLE_MAX:
        return "acceptable"
    return "too much"


def select_to_replace(widget: object) -> None:
    """Select a number field's whole value, so the next digit replaces it instead of appending.

    Textual selects a field's value when focus moves to it, but not when a value is loaded or
    saved into the field that already has focus (a typed "3" after a saved "2" gave "23").
    """
    if isinstance(widget, Input):
        widget.select_all()


class ScoreInput(Input):
    """A whole-number field that eats only digits, so letter keys still reach screen bindings.

    Out-of-range values can be typed (so the user sees what they typed) but the
    validator marks them invalid; the screen refuses to save them.
    """

    def __init__(self, *, label: str, low: int, high: int, id: str | None = None) -> None:
        super().__init__(
            placeholder=f"{low}-{high}",
            type="integer",
            max_length=len(str(high)) + 1,
            validators=[
                Integer(
                    minimum=low,
                    maximum=high,
                    failure_description=f"{label} must be a whole number from {low} to {high}",
                )
            ],
            compact=True,
            id=id,
        )
        self.label = label
        self.low = low
        self.high = high

    def check_consume_key(self, key: str, character: str | None) -> bool:
        """Only digits are ours; `[`, `]`, `f`, `r` stay available as bindings."""
        return character is not None and character.isdigit()

    async def _on_key(self, event: events.Key) -> None:
        """Let non-digit printable keys bubble to the bindings instead of being swallowed."""
        if event.is_printable and not (event.character or "").isdigit():
            event.prevent_default()

    def parsed(self) -> int | None:
        """The value as a number, None when blank; raises ValueError with a message if invalid."""
        text = self.value.strip()
        if not text:
            return None
        result = self.validate(text)
        if result is not None and not result.is_valid:
            reason = result.failure_descriptions[0] if result.failure_descriptions else ""
            raise ValueError(f"{reason} (you typed {text})")
        return int(text)


class PainScale(Widget):
    """The 0-10 scale with the chosen score marked, so a typed number has a meaning in view."""

    DEFAULT_CSS = """
    PainScale {
        height: 1;
        width: auto;
    }
    """

    value: reactive[int | None] = reactive(None, layout=True)

    ZONE_STYLES = {"safe": "$success", "acceptable": "$warning", "too much": "$error"}

    def render(self) -> Content:
        """Numbers in their zone colour; the chosen one reversed, with its zone in words."""
        parts: list[str | tuple[str, str]] = []
        for score in range(11):
            style = self.ZONE_STYLES[zone_of(score)]
            parts.append(" ")
            if score == self.value:
                parts.append((str(score), f"bold reverse {style}"))
            else:
                parts.append((str(score), style))
        if self.value is not None and 0 <= self.value <= 10:
            parts.append(f"  {zone_of(self.value)}")
        elif self.value is not None:
            parts.append(("  out of range", "bold $error"))
        return Content.assemble(*parts)
