"""Subcommands of the CLI, one module per area; each adds its parsers here."""

from __future__ import annotations

import argparse
from typing import Any


def register_all(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add every subcommand to the parser (imports are light: argparse only)."""
    from achilles_tui.commands import (
        assess,
        diary,
        doctor,
        heel_raise_test,
        plan,
        review,
        serve,
        sessions,
        status,
        transfer,
        where,
    )

    for module in (
        where,
        status,
        assess,
        plan,
        sessions,
        heel_raise_test,
        diary,
        transfer,
        serve,
        review,
        doctor,
    ):
        module.register(subparsers)
