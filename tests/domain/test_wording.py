"""Counts read as English: one helper, used everywhere (issue 14, item 5)."""

import ast
import re
from pathlib import Path

import pytest

import achilles_tui
from achilles_tui.domain.wording import count, plural


@pytest.mark.parametrize(
    ("n", "noun", "expected"),
    [
        (0, "day", "0 days"),
        (1, "day", "1 day"),
        (2, "day", "2 days"),
        (1, "hold", "1 hold"),
        (3, "hold", "3 holds"),
        (1, "entry", "1 entry"),
        (2, "entry", "2 entries"),
        (1, "diary entry", "1 diary entry"),
        (5, "diary entry", "5 diary entries"),
        (1.5, "minute", "1.5 minutes"),
        (1.0, "minute", "1 minute"),
    ],
)
def test_count_reads_as_english(n: float, noun: str, expected: str) -> None:
    assert count(n, noun) == expected


def test_explicit_plural_form_wins() -> None:
    assert plural(2, "person", "people") == "people"
    assert plural(1, "person", "people") == "person"


def _strings(path: Path) -> list[str]:
    """Every string literal of a module, f-string pieces included."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    ]


def test_no_count_anywhere_reads_as_code() -> None:
    """Every screen, command and the report use the helper: no "hold(s)" and no
    hand-made "s" endings in the app's text (issue 14, item 5)."""
    root = Path(achilles_tui.__file__).parent
    offenders = [
        f"{path.relative_to(root)}: {text!r}"
        for path in root.rglob("*.py")
        for text in _strings(path)
        if re.search(r"[a-z]\((s|es)\)", text)
    ]
    assert offenders == []


def test_the_end_early_question_counts_in_english() -> None:
    from achilles_tui.ui.screens.session import end_question

    assert "You finished 1 hold; it is saved." in end_question(1)
    assert "You finished 3 holds; they are saved." in end_question(3)
    assert "No hold is finished yet" in end_question(0)


def test_the_report_counts_weeks_in_english() -> None:
    import datetime as dt

    from tests.reports.helpers import markdown_report as build_report

    assert "covering 1 week " in build_report(dt.date(2026, 3, 16), 1, [], [], [], [], [])
    assert "covering 2 weeks " in build_report(dt.date(2026, 3, 16), 2, [], [], [], [], [])
