"""Self-tests and questionnaires: capacity checks for the trend, kept beside the reviews."""

from __future__ import annotations

from achilles_tui.domain.capacity import Questionnaire, SelfTest
from achilles_tui.storage.repository import Repository


def save_self_test(repo: Repository, test: SelfTest) -> None:
    """Store one heel-raise self-test."""
    repo.add_review(test.to_record())


def save_questionnaire(repo: Repository, filled: Questionnaire) -> None:
    """Store one filled questionnaire."""
    repo.add_review(filled.to_record())
