"""Heel-raise self-test ratio and the paraphrased questionnaire's scoring and limits."""

from __future__ import annotations

import datetime as dt

import pytest

from achilles_tui.domain.assessment import Condition
from achilles_tui.domain.capacity import (
    KIND_QUESTIONNAIRE,
    KIND_SELF_TEST,
    KIND_WEEKLY_REVIEW,
    PARAPHRASE_LABEL,
    QUESTIONNAIRE_ITEMS,
    Questionnaire,
    SelfTest,
    questionnaire_due,
    questionnaire_offered,
    questionnaires_in,
    record_kind,
    self_tests_in,
)
from achilles_tui.domain.models import DomainError

DAY = dt.date(2026, 3, 16)


@pytest.mark.parametrize(
    ("injured", "healthy", "ratio"),
    [(15, 20, 0.75), (20, 20, 1.0), (0, 25, 0.0), (30, 20, 1.5), (10, 30, 0.33)],
)
def test_ratio_is_injured_over_healthy(injured: int, healthy: int, ratio: float) -> None:
    assert SelfTest(DAY, injured, healthy, 2).ratio == ratio


def test_ratio_needs_a_healthy_count() -> None:
    test = SelfTest(DAY, 5, 0, 1)
    assert test.ratio is None
    assert "no comparison" in test.ratio_text


def test_ratio_text_is_a_percentage() -> None:
    assert SelfTest(DAY, 15, 20, 0).ratio_text == "75% of the healthy side"


@pytest.mark.parametrize(
    ("injured", "healthy", "pain"),
    [(-1, 10, 0), (10, -1, 0), (201, 10, 0), (10, 10, 11), (10, 10, -1), (True, 10, 0)],
)
def test_self_test_refuses_out_of_range(injured: int, healthy: int, pain: int) -> None:
    with pytest.raises(DomainError):
        SelfTest(DAY, injured, healthy, pain)


def test_self_test_record_round_trip() -> None:
    test = SelfTest(DAY, 12, 24, 3)
    record = test.to_record()
    assert record["kind"] == KIND_SELF_TEST
    assert record["ratio"] == 0.5
    assert SelfTest.from_record(record) == test


def test_questionnaire_structure_follows_the_published_one() -> None:
    assert len(QUESTIONNAIRE_ITEMS) == 8
    assert [item.max_score for item in QUESTIONNAIRE_ITEMS] == [10] * 7 + [30]
    assert [item.domain for item in QUESTIONNAIRE_ITEMS] == ["pain"] * 3 + ["function"] * 3 + [
        "activity"
    ] * 2
    assert PARAPHRASE_LABEL == "paraphrased, not the official questionnaire"


@pytest.mark.parametrize(
    ("scores", "total"),
    [
        ((0, 0, 0, 0, 0, 0, 0, 0), 0),
        ((10, 10, 10, 10, 10, 10, 10, 30), 100),
        ((5, 6, 7, 8, 4, 3, 2, 15), 50),
    ],
)
def test_questionnaire_total_is_0_to_100(scores: tuple[int, ...], total: int) -> None:
    filled = Questionnaire(DAY, scores)
    assert filled.total == total
    assert 0 <= filled.total <= 100


def test_questionnaire_domain_scores() -> None:
    filled = Questionnaire(DAY, (1, 2, 3, 4, 5, 6, 7, 20))
    assert filled.domain_score("pain") == 6
    assert filled.domain_score("function") == 15
    assert filled.domain_score("activity") == 27
    assert filled.domain_max("activity") == 40
    with pytest.raises(DomainError):
        filled.domain_score("mood")


@pytest.mark.parametrize(
    "scores",
    [
        (11, 0, 0, 0, 0, 0, 0, 0),
        (0, 0, 0, 0, 0, 0, 11, 0),
        (0, 0, 0, 0, 0, 0, 0, 31),
        (-1, 0, 0, 0, 0, 0, 0, 0),
        (0, 0, 0, 0, 0, 0, 0),
        (0, 0, 0, 0, 0, 0, 0, 0, 0),
        (0, 0, 0, 0, 0, 0, 0, 2.5),
    ],
)
def test_questionnaire_refuses_out_of_range(scores: tuple[int, ...]) -> None:
    with pytest.raises(DomainError):
        Questionnaire(DAY, scores)


def test_questionnaire_record_round_trip_carries_the_label() -> None:
    filled = Questionnaire(DAY, (10, 9, 8, 7, 6, 5, 4, 30))
    record = filled.to_record()
    assert record["kind"] == KIND_QUESTIONNAIRE
    assert record["label"] == PARAPHRASE_LABEL
    assert record["total"] == 79
    assert Questionnaire.from_record(record) == filled


@pytest.mark.parametrize(
    ("condition", "offered"),
    [
        (Condition.MIDPORTION, True),
        (Condition.INSERTIONAL, True),
        (Condition.UNSURE, True),
        (None, True),
        (Condition.RUPTURE_SURGERY, False),
        (Condition.RUPTURE_CONSERVATIVE, False),
        ("rupture-surgery", False),
    ],
)
def test_questionnaire_not_offered_after_rupture(
    condition: Condition | str | None, offered: bool
) -> None:
    assert questionnaire_offered(condition) is offered


@pytest.mark.parametrize(
    ("days_ago", "state"),
    [(None, "due"), (0, "not yet"), (13, "not yet"), (14, "due"), (28, "due"), (29, "overdue")],
)
def test_questionnaire_suggested_every_two_to_four_weeks(days_ago: int | None, state: str) -> None:
    last = None if days_ago is None else DAY - dt.timedelta(days=days_ago)
    assert questionnaire_due(last, DAY) == state


def test_records_are_told_apart_by_kind() -> None:
    records = [
        {"week_ending": "2026-03-08", "suggestion": "hold"},
        {"kind": KIND_WEEKLY_REVIEW, "week_ending": "2026-03-15", "suggestion": "progress"},
        SelfTest(DAY - dt.timedelta(days=7), 10, 20, 1).to_record(),
        SelfTest(DAY, 14, 20, 1).to_record(),
        Questionnaire(DAY, (5,) * 7 + (15,)).to_record(),
    ]
    assert [record_kind(r) for r in records] == [
        KIND_WEEKLY_REVIEW,
        KIND_WEEKLY_REVIEW,
        KIND_SELF_TEST,
        KIND_SELF_TEST,
        KIND_QUESTIONNAIRE,
    ]
    assert [t.injured_count for t in self_tests_in(reversed(records))] == [10, 14]
    assert [q.total for q in questionnaires_in(records)] == [50]
