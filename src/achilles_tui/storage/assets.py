"""Shipped files (position pictures, demo history) read from the package, never the cwd."""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from achilles_tui.domain.models import Position


@cache
def position_picture(position: Position) -> str:
    """Small text drawing of an ankle position, kept in assets/positions/."""
    resource = files("achilles_tui.assets").joinpath("positions", f"{position.value}.txt")
    return resource.read_text(encoding="utf-8").rstrip("\n")
