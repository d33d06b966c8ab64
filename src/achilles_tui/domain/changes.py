"""One field a review changes, shared by the isometric and the heel-raise ladders."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Change:
    """One dose field that differs between two ladder steps, so the user sees what changes."""

    field: str
    from_: int | float | bool | str
    to: int | float | bool | str

    def to_json(self) -> dict[str, Any]:
        """JSON form with the plain key names ``field``, ``from`` and ``to``."""
        return {"field": self.field, "from": self.from_, "to": self.to}
