"""§F5 / style.md "one judgement, one place": only the profile and the care state read stored
assessments to decide a limit; every other module asks them.

The check reads the source (AST), so a new module that starts to pick limits out of the
answers (a WARN flag, a cap, the mode, a forefoot block) fails here before it ships.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "achilles_tui"

# What works a limit out of stored or given answers.
DECIDERS = {
    "latest_answers_of",
    "warn_red_flags",
    "blocking_sign_rules",
    "is_irritable",
    "default_position",
    "from_assessment",
    "block_rule",
    "blocking_signs",
}
# The only modules that may: the profile, the care state, the assessment itself (its engine
# and its stored record), and the assessment use case (prefilling a re-assessment).
DECIDING = {
    "domain/profile.py",
    "domain/care_state.py",
    "domain/engine.py",
    "domain/records.py",
    "domain/isotonic.py",
    "care/assessments.py",
}
# Reading the stored assessments at all: the profile and care-state use cases, the
# assessment use case, and call sites that hand them straight to the profile or care state.
READERS = DECIDING | {
    "care/profile.py",
    "care/state.py",
    "care/plans.py",
    "care/review.py",
    "care/status.py",
    "domain/review_context.py",
    "domain/report.py",
    "storage/repository.py",
    "storage/codec.py",
    "storage/transfer.py",
}


def _names(path: Path) -> set[str]:
    """Every called or read attribute / name in a module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            found.add(node.attr)
        elif isinstance(node, ast.Name):
            found.add(node.id)
        elif isinstance(node, ast.alias):
            found.add(node.name.rsplit(".", 1)[-1])
    return found


def _modules() -> list[tuple[str, Path]]:
    return sorted((p.relative_to(SRC).as_posix(), p) for p in SRC.rglob("*.py"))


def test_only_the_profile_and_the_care_state_decide_limits_from_answers() -> None:
    offenders = {
        name: sorted(_names(path) & DECIDERS)
        for name, path in _modules()
        if name not in DECIDING and _names(path) & DECIDERS
    }
    assert offenders == {}


def test_only_the_known_modules_read_the_stored_assessments() -> None:
    offenders = [
        name
        for name, path in _modules()
        if name not in READERS
        and {"assessment_records", "answers"} & _names(path)
        and not name.startswith("ui/")
    ]
    assert offenders == []


def test_the_weekly_review_reads_no_assessment() -> None:
    """progression, the heel-raise judge and the review entry point see only the profile."""
    for name in ("domain/progression.py", "domain/isotonic_review.py", "domain/weekly_review.py"):
        names = _names(SRC / name)
        assert not names & {"assessment_records", "answers", "AssessmentRecord", "Assessment"}, name
        assert not names & DECIDERS, name


def test_the_check_would_catch_a_new_reader(tmp_path: Path) -> None:
    """The AST walk sees a decider call (so the tests above can fail)."""
    module = tmp_path / "x.py"
    module.write_text("from achilles_tui.domain.engine import warn_red_flags\nwarn_red_flags(a)\n")
    assert "warn_red_flags" in _names(module)
