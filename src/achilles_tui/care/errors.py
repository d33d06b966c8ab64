"""Why a use case declined, with the rule behind it, so every interface can say so."""

from __future__ import annotations

from collections.abc import Sequence

from achilles_tui.domain.engine import Advice
from achilles_tui.domain.models import DomainError


class Refused(DomainError):
    """The action is not allowed now; ``advice`` names the rules and what they say."""

    def __init__(self, message: str, advice: Sequence[Advice] = ()) -> None:
        super().__init__(message)
        self.advice = tuple(advice)

    @property
    def rule_ids(self) -> tuple[str, ...]:
        """The rules that refused, in the order they were found."""
        return tuple(item.rule for item in self.advice)


class NeedsConfirmation(Refused):
    """Allowed only once the user confirms each named rule (e.g. DOSE-PHYSIO-OVERRIDE)."""
