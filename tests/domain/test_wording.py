"""Counts read as English: one helper, used everywhere (issue 14, item 5)."""

import pytest

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
