"""A person's way through the stages, through the use cases and a real history file:
holds -> heel raises (switch) -> a bad week -> back to holds -> heel raises again (re-entry)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from achilles_tui.care.assessments import evaluate, save_assessment
from achilles_tui.care.heel_raise_test import record_heel_raise_test
from achilles_tui.care.review import accept_review, weekly_review
from achilles_tui.domain.assessment import Assessment, Condition, Feel, Strength
from achilles_tui.domain.models import (
    DayKind,
    DiaryEntry,
    Effort,
    HeelRaise,
    Plan,
    RepRecord,
    SessionLog,
    Settings,
    Side,
    Surface,
)
from achilles_tui.domain.progression import Suggestion
from achilles_tui.storage.database import HistoryStore
from achilles_tui.storage.repository import Repository

START = dt.date(2026, 1, 5)  # a Monday


@pytest.fixture
def repo(tmp_path: Path) -> Iterator[Repository]:
    with HistoryStore(tmp_path) as store:
        repository = Repository(store)
        repository.save_settings(Settings(disclaimer_accepted=True))
        yield repository


def morning(date: dt.date, **changes: object) -> DiaryEntry:
    values: dict[str, object] = {"morning_pain": 1, "stiffness_minutes": 5, "settled": True}
    values.update(changes)
    return DiaryEntry(date=date, **values)  # type: ignore[arg-type]


def done_session(
    repo: Repository, plan: Plan, day: dt.date, pain: int, effort: Effort, n: int = 0
) -> SessionLog:
    """A whole session of the plan: every hold or every set, each saved as it ended."""
    exercise = plan.exercises[0]
    units = exercise.sets if isinstance(exercise, HeelRaise) else exercise.reps
    started = dt.datetime.combine(day, dt.time(8, n))
    session = repo.start_session(plan, started, reps_planned=units)
    for unit in range(1, units + 1):
        if isinstance(exercise, HeelRaise):
            rep = RepRecord(0, Side.BOTH, unit, 90, exercise.load_kg, raises=exercise.reps)
        else:
            rep = RepRecord(0, Side.BOTH, unit, exercise.hold_seconds)
        session = repo.add_rep(session, rep)
    return repo.finish_session(
        session,
        ended_at=started + dt.timedelta(minutes=20),
        pain_during=pain,
        effort=effort,
        complete=True,
        over_limit=pain > 5,
    )


def live_week(
    repo: Repository,
    first: dt.date,
    pains: list[int | None],
    effort: Effort = Effort.CHALLENGING,
    **morning_changes: dict[str, object],
) -> dt.date:
    """Seven logged mornings and a session on each day given a pain (None: a rest day);
    returns the last day."""
    for offset in range(7):
        day = first + dt.timedelta(days=offset)
        repo.save_diary(morning(day, **morning_changes.get(str(offset), {})))
        plan = repo.plan_on(day)
        assert plan is not None
        pain = pains[offset] if offset < len(pains) else None
        if pain is not None:
            done_session(repo, plan, day, pain, effort)
    return first + dt.timedelta(days=6)


def review_and_accept(repo: Repository, end: dt.date) -> tuple[Suggestion, Plan | None]:
    at = dt.datetime.combine(end, dt.time(20))
    view = weekly_review(repo, end, at)
    assert view.review is not None
    suggestion = view.review.suggestion
    plan = accept_review(repo, view, at)
    return suggestion, plan


def test_from_holds_to_heel_raises_and_back_again(repo: Repository) -> None:
    assessment = Assessment(
        condition=Condition.MIDPORTION, strength=Strength.STRONG, isometrics_feel=Feel.CHALLENGING
    )
    at = dt.datetime.combine(START - dt.timedelta(days=1), dt.time(9))
    outcome = save_assessment(repo, assessment, evaluate(assessment), at, use_plan=True)
    assert outcome.plan is not None and outcome.plan.level == "L6"

    # A good week where the single-leg holds felt too easy: switch to heel raises at T3.
    end = live_week(repo, START, [1] * 7, Effort.TOO_EASY)
    suggestion, plan = review_and_accept(repo, end)
    assert suggestion is Suggestion.SWITCH_TO_ISOTONIC
    assert plan is not None and plan.level == "T3" and plan.stage == "isotonic"
    (exercise,) = plan.exercises
    assert isinstance(exercise, HeelRaise)
    assert (exercise.surface, exercise.sets, exercise.reps) == (Surface.FLOOR, 3, 15)
    assert "ELIG-ISOT-START" in exercise.rules

    # A good week of raises: T4 (one leg).
    end = live_week(repo, end + dt.timedelta(days=1), [2] * 7)
    suggestion, plan = review_and_accept(repo, end)
    assert (suggestion, plan and plan.level) == (Suggestion.PROGRESS, "T4")

    # Two flare-ups in a week: back to holds at L4, marked so the way back can restart.
    end = live_week(
        repo,
        end + dt.timedelta(days=1),
        [3, 3, 3, 3, 3],
        **{"2": {"day": DayKind.FLARE_UP}, "4": {"day": DayKind.FLARE_UP}},  # type: ignore[arg-type]
    )
    suggestion, plan = review_and_accept(repo, end)
    assert suggestion is Suggestion.SWITCH_TO_ISOMETRIC
    assert plan is not None and plan.level == "L4" and plan.stage == "isometric"
    assert "PROG-ISOT-BACK-TO-ISO" in plan.exercises[0].rules

    # Two good weeks of holds: the first moves the holds on, the second restarts raises at T1.
    end = live_week(repo, end + dt.timedelta(days=1), [1] * 7)
    suggestion, plan = review_and_accept(repo, end)
    assert (suggestion, plan and plan.level) == (Suggestion.PROGRESS, "L5")
    end = live_week(repo, end + dt.timedelta(days=1), [1] * 7)
    suggestion, plan = review_and_accept(repo, end)
    assert suggestion is Suggestion.SWITCH_TO_ISOTONIC
    assert plan is not None and plan.level == "T1"
    view = weekly_review(repo, end, dt.datetime.combine(end, dt.time(21)))
    assert view.decided is not None and view.decided["stage_to"] == "isotonic"


def test_heel_raise_tests_reach_the_review_at_t8(repo: Repository) -> None:
    from achilles_tui.domain import isotonic

    profile = isotonic.Profile(condition=Condition.MIDPORTION)
    exercise = isotonic.exercise_for("T8", profile, load_kg=10.0)
    created = dt.datetime.combine(START - dt.timedelta(days=14), dt.time(9))
    repo.add_plan([exercise], source="review", level="T8", created=created)
    # Loaded days with a day's rest in between (§F5 decision 4).
    end = live_week(repo, START - dt.timedelta(days=7), [1, None, 1, None, 1])
    review_and_accept(repo, end)  # a first GREEN week at T8 (load goes up)
    record_heel_raise_test(repo, end + dt.timedelta(days=3), 24, 25, 1)
    end = live_week(repo, end + dt.timedelta(days=1), [1, None, 1, None, 1])
    view = weekly_review(repo, end, dt.datetime.combine(end, dt.time(20)))
    assert view.review is not None
    assert "PROG-ISOT-MILESTONE" in view.review.rules_fired
    assert "MON-ISOT-HR-TEST" not in view.review.rules_fired, "a test 3 days ago is recent"
