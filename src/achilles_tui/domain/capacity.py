"""Capacity checks beside the weekly review: a heel-raise self-test and a tendon questionnaire.

Both are outcome measures for the trend a physio looks at; neither changes the weekly verdict
(clinical.md §E5 [DESIGN]). The questionnaire follows the published structure of the VISA-A
(8 items, 1-7 worth 10 points, item 8 worth 30, total 0-100, higher is better) but its item
texts are our own paraphrased topics, not the official wording, and it is not offered after a
rupture, whose population the original excludes. Pure: no I/O, no clock.

Until storage has a table for them, both are kept as records in the reviews table with a
``kind`` key (``self-test`` / ``questionnaire``); weekly reviews use ``weekly-review``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from achilles_tui.domain.assessment import Condition
from achilles_tui.domain.models import DomainError, check_int, check_score, parse_date

__all__ = [
    "KIND_QUESTIONNAIRE",
    "KIND_SELF_TEST",
    "KIND_WEEKLY_REVIEW",
    "PARAPHRASE_LABEL",
    "QUESTIONNAIRE_ITEMS",
    "QuestionItem",
    "Questionnaire",
    "SelfTest",
    "questionnaire_due",
    "questionnaire_offered",
    "questionnaires_in",
    "record_kind",
    "self_tests_in",
]

KIND_WEEKLY_REVIEW = "weekly-review"
KIND_SELF_TEST = "self-test"
KIND_QUESTIONNAIRE = "questionnaire"

# Heel raises counted to fatigue on one leg; nobody sensible counts past this.
MAX_HEEL_RAISES = 200
# §E5 suggests an occasional check for the trend [DESIGN]: from 2 weeks, overdue after 4.
QUESTIONNAIRE_MIN_DAYS = 14
QUESTIONNAIRE_MAX_DAYS = 28
PARAPHRASE_LABEL = "paraphrased, not the official questionnaire"
RUPTURE_CONDITIONS = frozenset({Condition.RUPTURE_SURGERY, Condition.RUPTURE_CONSERVATIVE})


def record_kind(record: Mapping[str, Any]) -> str:
    """The kind of a reviews-table record; older records without one are weekly reviews."""
    kind = record.get("kind")
    if isinstance(kind, str) and kind:
        return kind
    return KIND_WEEKLY_REVIEW


# -- heel-raise self-test -----------------------------------------------------------------------


@dataclass(frozen=True)
class SelfTest:
    """Single-leg heel raises to fatigue on each side, so strength can be compared side to side."""

    date: dt.date
    injured_count: int
    healthy_count: int
    pain: int

    def __post_init__(self) -> None:
        if not isinstance(self.date, dt.date):
            raise DomainError(f"self-test date must be a date, got {self.date!r}")
        check_int("heel raises on the injured side", self.injured_count, 0, MAX_HEEL_RAISES)
        check_int("heel raises on the healthy side", self.healthy_count, 0, MAX_HEEL_RAISES)
        check_score("pain during the self-test", self.pain)

    @property
    def ratio(self) -> float | None:
        """Injured / healthy side; None when the healthy side did none (nothing to compare)."""
        if self.healthy_count == 0:
            return None
        return round(self.injured_count / self.healthy_count, 2)

    @property
    def ratio_text(self) -> str:
        """E.g. '75% of the healthy side' or 'no comparison'."""
        ratio = self.ratio
        if ratio is None:
            return "no comparison (0 on the healthy side)"
        return f"{ratio:.0%} of the healthy side"

    def to_record(self) -> dict[str, Any]:
        """How it is stored (a reviews-table record with its kind)."""
        return {
            "kind": KIND_SELF_TEST,
            "date": self.date.isoformat(),
            "injured_count": self.injured_count,
            "healthy_count": self.healthy_count,
            "pain": self.pain,
            "ratio": self.ratio,
        }

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> SelfTest:
        """Rebuild from storage; bad values fail loudly."""
        return cls(
            date=parse_date(str(record["date"])),
            injured_count=record["injured_count"],
            healthy_count=record["healthy_count"],
            pain=record["pain"],
        )


def self_tests_in(records: Iterable[Mapping[str, Any]]) -> list[SelfTest]:
    """The stored self-tests, oldest first (records of other kinds are skipped)."""
    tests = [SelfTest.from_record(r) for r in records if record_kind(r) == KIND_SELF_TEST]
    return sorted(tests, key=lambda test: test.date)


# -- paraphrased tendon questionnaire -----------------------------------------------------------


@dataclass(frozen=True)
class QuestionItem:
    """One questionnaire item: our own short wording of its topic and its score range."""

    number: int
    domain: str
    topic: str
    scale: str
    max_score: int


# Topics in our own words; the scoring structure (§E5) is the published one.
QUESTIONNAIRE_ITEMS: tuple[QuestionItem, ...] = (
    QuestionItem(
        1,
        "pain",
        "How long the tendon feels stiff after you get out of bed",
        "0 = stiff for a very long time, 10 = not stiff at all",
        10,
    ),
    QuestionItem(
        2,
        "pain",
        "Pain when the calf and tendon are stretched as far as they go, once warmed up",
        "0 = severe pain, 10 = no pain",
        10,
    ),
    QuestionItem(
        3,
        "pain",
        "Pain in the hours after walking on the flat for about half an hour",
        "0 = severe pain, 10 = no pain",
        10,
    ),
    QuestionItem(
        4,
        "function",
        "Pain when going down a flight of stairs at your usual pace",
        "0 = severe pain, 10 = no pain",
        10,
    ),
    QuestionItem(
        5,
        "function",
        "Pain during or just after a set of heel raises on the injured leg alone",
        "0 = severe pain, 10 = no pain",
        10,
    ),
    QuestionItem(
        6,
        "function",
        "How many hops on the injured leg alone you manage without pain",
        "0 = none, 10 = ten or more",
        10,
    ),
    QuestionItem(
        7,
        "activity",
        "How much you take part in your sport or usual exercise at the moment",
        "0 = not at all, 10 = fully, at your usual level",
        10,
    ),
    QuestionItem(
        8,
        "activity",
        "How long you can train or stay active, given any tendon pain it brings on",
        "0 = not at all, 30 = as long as you want with no pain",
        30,
    ),
)
DOMAINS: tuple[str, ...] = ("pain", "function", "activity")
MAX_TOTAL = sum(item.max_score for item in QUESTIONNAIRE_ITEMS)


@dataclass(frozen=True)
class Questionnaire:
    """One filled questionnaire: 8 item scores, the total 0-100 (higher is better)."""

    date: dt.date
    scores: tuple[int, ...]

    def __post_init__(self) -> None:
        if not isinstance(self.date, dt.date):
            raise DomainError(f"questionnaire date must be a date, got {self.date!r}")
        scores = tuple(self.scores)
        if len(scores) != len(QUESTIONNAIRE_ITEMS):
            raise DomainError(
                f"the questionnaire has {len(QUESTIONNAIRE_ITEMS)} items, got {len(scores)} scores"
            )
        for item, score in zip(QUESTIONNAIRE_ITEMS, scores, strict=True):
            check_int(f"item {item.number}", score, 0, item.max_score)
        object.__setattr__(self, "scores", scores)

    @property
    def total(self) -> int:
        """0-100, 100 meaning no symptoms and full activity."""
        return sum(self.scores)

    def domain_score(self, domain: str) -> int:
        """Subtotal of the pain, function or activity items."""
        if domain not in DOMAINS:
            raise DomainError(f"unknown questionnaire domain {domain!r}")
        return sum(
            score
            for item, score in zip(QUESTIONNAIRE_ITEMS, self.scores, strict=True)
            if item.domain == domain
        )

    def domain_max(self, domain: str) -> int:
        """Highest possible subtotal of a domain, for 'x of y' text."""
        return sum(item.max_score for item in QUESTIONNAIRE_ITEMS if item.domain == domain)

    def to_record(self) -> dict[str, Any]:
        """How it is stored, with the label that says it is not the official wording."""
        return {
            "kind": KIND_QUESTIONNAIRE,
            "date": self.date.isoformat(),
            "scores": list(self.scores),
            "total": self.total,
            "label": PARAPHRASE_LABEL,
        }

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> Questionnaire:
        """Rebuild from storage; bad values fail loudly."""
        scores = record["scores"]
        if not isinstance(scores, Sequence) or isinstance(scores, str):
            raise DomainError(f"questionnaire scores must be a list, got {scores!r}")
        return cls(date=parse_date(str(record["date"])), scores=tuple(scores))


def questionnaires_in(records: Iterable[Mapping[str, Any]]) -> list[Questionnaire]:
    """The stored questionnaires, oldest first (records of other kinds are skipped)."""
    found = [Questionnaire.from_record(r) for r in records if record_kind(r) == KIND_QUESTIONNAIRE]
    return sorted(found, key=lambda q: q.date)


def questionnaire_offered(condition: Condition | str | None) -> bool:
    """Not after a rupture: the original questionnaire was never meant for that population."""
    if condition is None:
        return True
    try:
        return Condition(condition) not in RUPTURE_CONDITIONS
    except ValueError:
        raise DomainError(f"unknown condition {condition!r}") from None


def questionnaire_due(last: dt.date | None, today: dt.date) -> str:
    """'due' (never done, or 2+ weeks ago), 'overdue' (over 4 weeks) or 'not yet'."""
    if last is None:
        return "due"
    days = (today - last).days
    if days > QUESTIONNAIRE_MAX_DAYS:
        return "overdue"
    if days >= QUESTIONNAIRE_MIN_DAYS:
        return "due"
    return "not yet"
